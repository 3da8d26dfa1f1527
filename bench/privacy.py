"""Privacy figures: streaming a candidate's export (a large file, memory held) and writing audit entries.

- ``privacy.export_stream_mb_per_s``: a 256 MiB file through ``export_zip_stream`` (ZIP64, stored); baseline: the
  same file read in the same 64 KiB chunks with nothing else done (the disk's own pace, same run).
- ``privacy.export_stream_peak_mb``: the most Python memory the stream held at once (tracemalloc); baseline: the
  file's size. The ratio is how much of the file was ever in memory.
- ``privacy.audit_record_ms``: one ``privacy.audit.record`` (an ORM insert in the caller's transaction, as a view
  writes it); baseline: the same row inserted with one raw SQL statement.
"""

from __future__ import annotations

import os
import time
import tracemalloc
import uuid

from .common import env_int, figure, p50, progress, sample_interleaved_milliseconds

CHUNK = 64 * 1024


def _big_file(size_mb: int) -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save(f"bench-privacy/{uuid.uuid4().hex}.bin", ContentFile(b""))
    block = os.urandom(1024 * 1024)
    with open(default_storage.path(name), "wb") as handle:
        for _ in range(size_mb):
            handle.write(block)
    return name


def export_stream(_settings) -> list:
    from django.core.files.storage import default_storage

    from candidates.services.export import ExportManifest, export_zip_stream

    size_mb = env_int("BENCH_PRIVACY_EXPORT_MB", 256)
    name = _big_file(size_mb)
    try:
        progress(f"privacy: streaming a {size_mb} MiB export")
        started = time.perf_counter()
        with default_storage.open(name, "rb") as source:
            read = sum(len(chunk) for chunk in source.chunks(CHUNK))
        raw_seconds = time.perf_counter() - started
        manifest = ExportManifest(data={"candidate": {"id": 0}}, files=[("files/resume.bin", name)])
        tracemalloc.start()
        started = time.perf_counter()
        streamed = sum(len(chunk) for chunk in export_zip_stream(manifest))
        stream_seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        default_storage.delete(name)
    megabytes = read / 1024 / 1024
    return [
        figure(
            "privacy.export_stream_mb_per_s",
            megabytes / stream_seconds,
            "MB/s",
            megabytes / raw_seconds,
            "reading the same file in the same chunks, nothing else",
        ),
        figure(
            "privacy.export_stream_peak_mb",
            peak / 1024 / 1024,
            "MB",
            streamed / 1024 / 1024,
            "the archive's size (all of it in memory)",
        ),
    ]


def audit_record(settings) -> list:
    from django.db import connection, transaction

    from privacy import audit
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant
    from talentpool.tenancy.services import tenant_create

    tenant = (
        Tenant.objects.filter(slug="bench-privacy").first()
        or tenant_create(
            name="Bench privacy", slug="bench-privacy", admin_email="bench-privacy@bench.local"
        ).tenant
    )

    def orm() -> None:
        with tenant_context(tenant):
            audit.record("settings.changed", details={"bench": True})
            transaction.set_rollback(True)

    def raw() -> None:
        with tenant_context(tenant), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO privacy_auditentry (id, tenant_id, created_at, action, actor_label, "
                "target_type, target_id, user_agent, details) VALUES (%s, %s, now(), "
                "'settings.changed', 'system', '', '', '', '{\"bench\": true}')",
                [uuid.uuid4(), tenant.pk],
            )
            transaction.set_rollback(True)

    samples = sample_interleaved_milliseconds({"orm": orm, "raw": raw}, runs=settings.runs * 10)
    return [
        figure(
            "privacy.audit_record_ms",
            p50(samples["orm"]),
            "ms",
            p50(samples["raw"]),
            "the same row inserted with one raw SQL statement",
        )
    ]


BENCHMARKS = (export_stream, audit_record)
