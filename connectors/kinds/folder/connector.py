"""A watched folder: CSV and XLSX files go through the pool's import (column mapping guessed from the headers),
JSON Resume files through the JSON Resume import, resumes (PDF, Word, text) through resume ingest and parsing.
Each file is taken once (by its SHA-256); a file that changes is a new file. The folder lives under
settings.CONNECTOR_FOLDER_ROOT; the configured path cannot leave it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ...transport import ConnectorError
from ..base import Connector, Page, RecordError

TABLES = (".csv", ".xlsx", ".xlsm")
RESUMES = (".pdf", ".docx", ".doc", ".txt", ".md", ".rtf", ".html", ".htm")
FILES_PER_PAGE = 50


def folder_root() -> Path:
    return Path(settings.CONNECTOR_FOLDER_ROOT).resolve()


class FolderConnector(Connector):
    kind = "folder"

    @classmethod
    def clean_configuration(cls, configuration: dict) -> dict:
        configuration = dict(configuration or {})
        relative = configuration.get("path")
        if not isinstance(relative, str) or not relative.strip():
            raise ConnectorError(
                _("Enter the folder, relative to the drops folder the operator set up."), field="path"
            )
        root = folder_root()
        folder = (root / relative.strip()).resolve()
        if folder != root and root not in folder.parents:
            raise ConnectorError(_("The folder must be inside the drops folder."), field="path")
        configuration["path"] = relative.strip()
        return configuration

    @property
    def folder(self) -> Path:
        return (folder_root() / self.configuration["path"]).resolve()

    def pages(self, cursor: dict) -> Iterator[Page]:
        folder = self.folder
        if not folder.is_dir():
            raise ConnectorError(
                _("The folder %(path)s does not exist.") % {"path": self.configuration["path"]}, field="path"
            )
        names = sorted(
            p.name
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in (*TABLES, *RESUMES, ".json")
        )
        after = (cursor or {}).get("after", "")
        names = [name for name in names if name > after]
        if not names:
            yield Page(records=[], cursor=dict(cursor or {}), next_cursor=None)
            return
        for start in range(0, len(names), FILES_PER_PAGE):
            chunk = names[start : start + FILES_PER_PAGE]
            following = start + FILES_PER_PAGE < len(names)
            yield Page(
                records=[{"name": name} for name in chunk],
                cursor={"after": names[start - 1]} if start else dict(cursor or {}),
                next_cursor={"after": chunk[-1]} if following else None,
            )

    def record_label(self, record, position: int) -> str:
        return record.get("name") or str(position)

    def read(self, record) -> tuple[bytes, str]:
        """The file's bytes and SHA-256; RecordError for a file that vanished or is too large."""
        path = self.folder / record["name"]
        try:
            if path.stat().st_size > settings.MAX_IMPORT_BYTES:
                raise RecordError(_("The file is larger than the import limit."))
            data = path.read_bytes()
        except OSError:
            raise RecordError(_("The file could not be read.")) from None
        return data, hashlib.sha256(data).hexdigest()

    def import_file(self, tenant, *, name: str, data: bytes, actor=None) -> dict:
        """Take one file into the pool through the existing import paths. Returns the counts it made
        (created / updated / unchanged / failed) and the ids of the candidates it touched."""
        from candidates.models import ImportOutcome
        from candidates.services import import_create, import_run, json_resume_import, resumes_ingest

        suffix = Path(name).suffix.lower()
        if suffix in TABLES:
            job = import_create(tenant, data=data, filename=name, actor=actor)
            job = import_run(tenant, job_id=job.pk, actor=actor)
            counts = job.counts or {}
            return {
                "created": counts.get(ImportOutcome.CREATED, 0),
                "updated": counts.get(ImportOutcome.UPDATED, 0),
                "unchanged": counts.get(ImportOutcome.DUPLICATE, 0),
                "failed": counts.get(ImportOutcome.REJECTED, 0),
                "import_job": job.pk,
            }
        if suffix == ".json":
            try:
                document = json.loads(data)
            except ValueError:
                raise RecordError(_("The JSON file cannot be read.")) from None
            _candidate, created = json_resume_import(
                tenant, document=document, source="json_resume", actor=actor
            )
            return {"created": int(created), "updated": int(not created)}
        # Parsing happens on the parse queue, in its own memory- and time-limited child, as for any upload.
        items = resumes_ingest(tenant, uploads=[(name, data, "")], actor=actor)
        failed = [item.error for item in items if item.error]
        created = sum(1 for item in items if item.created)
        return {
            "created": created,
            "unchanged": len(items) - created - len(failed),
            "failed": len(failed),
            "errors": failed,
        }
