"""An example configuration of this kind (see rest_feed/sample.py); its records are the folder's files."""

CONFIGURATION = {"path": "hr-exports"}

RECORD = {"name": "2026-12-01-candidates.csv"}
