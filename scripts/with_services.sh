#!/usr/bin/env bash
# Run a command with DATABASE_URL and REDIS_URL pointing at working services (see dev_services.py).
set -euo pipefail
cd "$(dirname "$0")/.."
while IFS= read -r line; do export "$line"; done < <(.venv/bin/python scripts/dev_services.py up)
exec "$@"
