"""A candidate's own data as a zip: ``data.json`` plus their original files, streamed.

``candidate_export_manifest`` reads everything inside the tenant (a JSON document and the list of stored
files); ``export_zip_stream`` then writes the zip chunk by chunk from storage without touching the database,
so it can run after the request's transaction and never holds a whole file in memory (files are copied in
64 KiB pieces, stored uncompressed; the archive is ZIP64 so files over 4 GB work too).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.files.storage import default_storage
from django.utils import timezone

from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateTag,
    Document,
    Education,
    Experience,
    ExternalId,
)
from .profile import PROFILE_FIELDS

CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class ExportManifest:
    data: dict
    files: list[tuple[str, str]]  # (name inside the zip, storage name)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(queryset, fields: list[str]) -> list[dict]:
    return [{name: _plain(value) for name, value in row.items()} for row in queryset.values(*fields)]


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def _zip_name(document: Document) -> str:
    name = _UNSAFE.sub("_", document.original_name or "").strip(" ._") or f"document-{document.pk}"
    return f"files/{document.pk}-{name[:120]}"


def candidate_export_manifest(candidate: Candidate, *, extra: dict | None = None) -> ExportManifest:
    """Everything the pool holds about ``candidate`` (run inside the tenant). ``extra`` adds other apps'
    sections (consents, interactions, messages), given by the caller."""
    # The profile fields a person can see and correct (one list, candidates.services.profile), plus bookkeeping.
    candidate_fields = ["id", *PROFILE_FIELDS, "created_at", "updated_at", "last_interaction_at"]
    documents = list(Document.objects.filter(candidate=candidate).order_by("id"))
    data = {
        "exported_at": timezone.now().isoformat(),
        "candidate": _rows(Candidate.objects.filter(pk=candidate.pk), candidate_fields)[0],
        "emails": _rows(CandidateEmail.objects.filter(candidate=candidate), ["email"]),
        "phones": _rows(CandidatePhone.objects.filter(candidate=candidate), ["phone"]),
        "external_ids": _rows(ExternalId.objects.filter(candidate=candidate), ["system", "value"]),
        "experience": _rows(
            Experience.objects.filter(candidate=candidate), ["company", "title", "start", "end", "is_current"]
        ),
        "education": _rows(
            Education.objects.filter(candidate=candidate),
            ["school", "degree", "level", "major", "start", "end"],
        ),
        "tags": _rows(
            CandidateTag.objects.filter(candidate=candidate).select_related("tag"),
            ["tag__key", "tag__name_en", "tag__name_zh", "source", "evidence_text"],
        ),
        "documents": [
            {
                "file": _zip_name(document),
                "original_name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "uploaded_at": document.created_at.isoformat(),
            }
            for document in documents
        ],
        **(extra or {}),
    }
    files = [(_zip_name(document), document.file.name) for document in documents if document.file]
    return ExportManifest(data=data, files=files)


class _Pipe:
    """A write-only, unseekable file whose written bytes are taken out as they come (zipfile then writes data
    descriptors instead of seeking back)."""

    def __init__(self):
        self.buffer = bytearray()
        self.offset = 0

    def write(self, data) -> int:
        self.buffer += data
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def export_zip_stream(manifest: ExportManifest) -> Iterator[bytes]:
    """The archive as a stream of byte chunks. Reads files from storage only; a file missing from storage is
    listed in ``missing_files.json`` instead of failing the whole export."""
    pipe = _Pipe()
    missing = []
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.writestr("data.json", json.dumps(manifest.data, ensure_ascii=False, indent=2))
        yield pipe.take()
        for zip_name, storage_name in manifest.files:
            try:
                source = default_storage.open(storage_name, "rb")
            except OSError:
                missing.append(zip_name)
                continue
            with source:
                info = zipfile.ZipInfo(zip_name, date_time=timezone.now().timetuple()[:6])
                info.compress_type = zipfile.ZIP_STORED
                with archive.open(info, mode="w", force_zip64=True) as target:
                    for chunk in source.chunks(CHUNK_BYTES):
                        target.write(chunk)
                        if len(pipe.buffer) >= CHUNK_BYTES:
                            yield pipe.take()
            yield pipe.take()
        if missing:
            archive.writestr("missing_files.json", json.dumps(missing))
    yield pipe.take()
