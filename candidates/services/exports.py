"""Pool exports as CSV: small ones answered at once, large ones prepared by a worker as an ``ExportJob``.

A job keeps the filters it was asked with (the pool page's or the API's, applied again by the worker), streams
the matching candidates from a server-side cursor in chunks (``selectors.candidates_for_export``: a few queries
per chunk, the same memory for 2,000 rows or 2,000,000), writes them to a temporary file and copies that into
storage in chunks. While it runs, its progress is published in the cache (the read runs in one transaction,
so its rows count cannot be committed before it ends); the job row gets the final count. The file is kept
until ``expires_at`` (EXPORT_KEEP_DAYS), then beat deletes it (``exports_purge_expired``).

Every cell goes through ``talentpool.spreadsheet.csv_safe`` (no formula injection). Who may download a job:
its creator (a member or an API key) and the tenant's admins (``export_visible_to``); the view checks that.
"""

from __future__ import annotations

import csv
import io
import logging
import secrets
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentpool.errors import ServiceError
from talentpool.spreadsheet import csv_safe
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Role, Tenant

from .. import selectors
from ..models import Candidate, CandidateStatus, ExportJob, ExportOrigin, ExportStatus, export_storage_name

logger = logging.getLogger(__name__)

# Rows read per round trip of the server-side cursor (and per progress report).
EXPORT_CHUNK_ROWS = 2000
# A job still "running" this long after it started lost its worker (tasks.run_export's hard limit is 55 minutes).
STALE_RUNNING_AFTER = timedelta(minutes=60)
# The pool page's filters a job may keep (the keyword arguments of selectors.candidate_list).
POOL_FILTER_KEYS = (
    "query",
    "tier",
    "tags_all",
    "tags_any",
    "tags_none",
    "years_min",
    "years_max",
    "education",
    "location",
    "source",
)
# Stored in English (the API's language); the dashboard shows them translated.
FAILED_MESSAGE = gettext_noop(
    "The export stopped with an error. Start it again; if it fails again, tell your administrator."
)
INTERRUPTED_MESSAGE = gettext_noop("The export was interrupted (its worker stopped). Start it again.")


class ExportError(ServiceError):
    """Bad export input (an unknown filter, a value it refuses); the API answers 400 naming ``field``."""


# ------------------------------------------------------------------------------------------------ the CSV


def export_header() -> list[str]:
    """The CSV's column names, in the active language."""
    return [
        _("Name"),
        _("Emails"),
        _("Phones"),
        _("Title"),
        _("Company"),
        _("Location"),
        _("Years"),
        _("Highest education"),
        _("Activity tier"),
        _("Score"),
        _("Tags"),
    ]


def _tag_label(tag, chinese: bool) -> str:
    first, second = (tag.name_zh, tag.name_en) if chinese else (tag.name_en, tag.name_zh)
    return first or second or tag.key


def export_rows(
    candidates: QuerySet[Candidate], *, chunk_size: int = EXPORT_CHUNK_ROWS
) -> Iterator[list[str]]:
    """One CSV row per candidate (``csv_safe`` cells, tags named in the active language), streamed in chunks
    of ``chunk_size`` from a server-side cursor. Run it inside the tenant's transaction."""
    chinese = (translation.get_language() or "").startswith("zh")
    for candidate in selectors.candidates_for_export(candidates, chunk_size=chunk_size):
        yield [
            csv_safe(value)
            for value in (
                candidate.full_name,
                "; ".join(e.email for e in candidate.emails.all()),
                "; ".join(p.phone for p in candidate.phones.all()),
                candidate.current_title,
                candidate.current_company,
                candidate.location,
                "" if candidate.years_experience is None else f"{candidate.years_experience:g}",
                candidate.get_highest_education_display() if candidate.highest_education else "",
                candidate.get_activity_tier_display(),
                f"{candidate.activity_score:.0f}",
                "; ".join(_tag_label(tag, chinese) for tag in candidate.tag_list),
            )
        ]


def export_csv_text(candidates: QuerySet[Candidate]) -> str:
    """A small export as one string: UTF-8 text with a BOM (so Excel opens Chinese text correctly)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([csv_safe(cell) for cell in export_header()])
    writer.writerows(export_rows(candidates))
    return out.getvalue()


def export_filename(tenant: Tenant) -> str:
    stamp = timezone.localtime(timezone=_zone(tenant)).strftime("%Y%m%d-%H%M")
    return f"talent-pool-{stamp}.csv"


def _zone(tenant: Tenant):
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(tenant.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


# ---------------------------------------------------------------------------------------------- filters


def pool_filters_to_json(filters: dict) -> dict:
    """The pool page's cleaned filters (selectors.candidate_list's arguments) as JSON a job can keep."""
    kept = {}
    for key in POOL_FILTER_KEYS:
        value = filters.get(key)
        if value in (None, "", [], ()):
            continue
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, (list, tuple, set)):
            value = sorted(int(item) for item in value)
        kept[key] = value
    return kept


def _pool_filters_from_json(data: dict) -> dict:
    filters = {}
    for key in POOL_FILTER_KEYS:
        value = data.get(key)
        if value in (None, "", []):
            continue
        if key in ("years_min", "years_max"):
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                continue
        elif key.startswith("tags_"):
            value = [int(item) for item in value]
        else:
            value = str(value)
        filters[key] = value
    return filters


def api_filters_clean(data) -> dict[str, list[str]]:
    """The API's candidate filters (the query parameters of GET /api/v1/candidates/) from a request body:
    {name: value or [values]}. Raises ExportError for an unknown name or a value the filter refuses."""
    # The API's own definition of its filters, which the worker applies too.
    from ..api.filters import CandidateFilter

    if data in (None, ""):
        data = {}
    if not isinstance(data, dict):
        raise ExportError("The filters must be an object of filter name → value.", field="filters")
    known = set(CandidateFilter.base_filters)
    cleaned: dict[str, list[str]] = {}
    for name, value in data.items():
        if not isinstance(name, str) or "\x00" in name:
            raise ExportError("Unknown filter.", field="filters")
        if name not in known:
            raise ExportError(f"Unknown filter {str(name)[:100]!r}.", field="filters")
        values = value if isinstance(value, list) else [value]
        if len(values) > 100 or not all(isinstance(item, (str, int, float)) for item in values):
            raise ExportError("Give a text, a number or a list of them.", field=f"filters.{name}")
        values = [str(item) for item in values]
        if any(len(item) > 1000 for item in values):
            raise ExportError("A value is too long.", field=f"filters.{name}")
        if any("\x00" in item for item in values):  # PostgreSQL stores no NUL character, in text or JSON
            raise ExportError("A value holds a NUL character.", field=f"filters.{name}")
        cleaned[name] = values
    querydict = _querydict(cleaned)
    filterset = CandidateFilter(data=querydict, queryset=Candidate.objects.none())
    if not filterset.is_valid():
        field, messages = next(iter(filterset.errors.items()))
        raise ExportError(" ".join(str(message) for message in messages), field=f"filters.{field}")
    return cleaned


def _querydict(data: dict[str, list[str]]) -> QueryDict:
    querydict = QueryDict(mutable=True)
    for name, values in data.items():
        querydict.setlist(name, values)
    return querydict


def export_queryset(job: ExportJob) -> QuerySet[Candidate]:
    """The candidates the job exports, newest first, by the filters it was asked with. Inside its tenant."""
    if job.origin == ExportOrigin.API:
        from ..api.filters import CandidateFilter

        base = Candidate.objects.exclude(status=CandidateStatus.MERGED)
        candidates = CandidateFilter(data=_querydict(job.filters or {}), queryset=base).qs
    else:
        candidates = selectors.candidate_list(**_pool_filters_from_json(job.filters or {}))
    return candidates.order_by("-created_at", "-id")


# ------------------------------------------------------------------------------------------ the job's life


def export_create(
    tenant: Tenant,
    *,
    origin: str,
    filters: dict,
    actor=None,
    api_key=None,
    request=None,
    language: str | None = None,
) -> ExportJob:
    """Record an export job with its filters and an audit entry ("pool.exported"), and queue it on a worker
    once the transaction commits. ``filters``: the pool page's (``pool_filters_to_json``) or the API's
    (``api_filters_clean``). Not idempotent: each call is one more job."""
    from privacy.audit import record

    from ..tasks import run_export

    now = timezone.now()
    with tenant_context(tenant):
        job = ExportJob.objects.create(
            origin=origin,
            filters=filters,
            language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:10],
            token=secrets.token_hex(16),
            filename=export_filename(tenant),
            created_by=actor if getattr(actor, "pk", None) else None,
            created_by_key=api_key,
            created_at=now,
            expires_at=now + timedelta(days=settings.EXPORT_KEEP_DAYS),
        )
        record(
            "pool.exported",
            actor=actor,
            request=request,
            target=job,
            details={"filters": {key: str(value) for key, value in filters.items()}, "export": job.pk},
        )
        tenant_id, job_id = tenant.pk, job.pk
        transaction.on_commit(lambda: run_export.apply_async(args=[tenant_id, job_id], queue="default"))
    return job


def _progress_key(job_id: int) -> str:
    return f"candidates:export-progress:{job_id}"


def export_progress(job: ExportJob) -> int:
    """Rows written so far: the worker's last report while the job runs, the job's own count otherwise."""
    if job.status != ExportStatus.RUNNING:
        return job.rows_done
    return max(job.rows_done, int(cache.get(_progress_key(job.pk)) or 0))


def export_percent(job: ExportJob) -> int:
    """How far the job is, 0–100 (100 only once the file is ready)."""
    if job.status == ExportStatus.DONE:
        return 100
    done = export_progress(job)
    return min(99, int(100 * done / job.total_rows)) if job.total_rows else 0


def _claim(tenant: Tenant, job_id: int) -> ExportJob | None:
    """Take the job for this run: a queued one, or one left running by a worker that died. A duplicate
    delivery of a job that another worker runs right now gets None."""
    now = timezone.now()
    with tenant_context(tenant):
        claimable = ExportJob.objects.filter(pk=job_id).filter(
            Q(status=ExportStatus.QUEUED)
            | Q(status=ExportStatus.RUNNING, started_at__lt=now - STALE_RUNNING_AFTER)
        )
        if not claimable.update(status=ExportStatus.RUNNING, started_at=now, rows_done=0, error=""):
            return None
        return ExportJob.objects.get(pk=job_id)


def export_run(tenant: Tenant, *, job_id: int, chunk_size: int = EXPORT_CHUNK_ROWS) -> ExportJob | None:
    """Write the job's CSV to storage and mark it done (or failed, with a reason). Returns the job, or None
    when it is not there or not this run's to do (done already, or running elsewhere). Safe to run twice."""
    job = _claim(tenant, job_id)
    if job is None:
        return None
    key = _progress_key(job.pk)
    try:
        with tempfile.TemporaryFile() as spool:
            rows = _write_csv(tenant, job, spool, key, chunk_size)
            spool.seek(0)
            name = default_storage.save(export_storage_name(job), File(spool, name=job.filename))
            size = default_storage.size(name)
    except Exception:
        logger.exception("export %s of tenant %s failed", job.pk, tenant.pk)
        with tenant_context(tenant):
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportStatus.FAILED, error=FAILED_MESSAGE, finished_at=timezone.now()
            )
            job.refresh_from_db()
        cache.delete(key)
        return job
    with tenant_context(tenant):
        updated = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
            status=ExportStatus.DONE, file=name, size=size, rows_done=rows, finished_at=timezone.now()
        )
        if not updated:  # expired or removed meanwhile: the file is nobody's
            default_storage.delete(name)
        job = ExportJob.objects.filter(pk=job.pk).first()
    cache.delete(key)
    return job


def _write_csv(tenant: Tenant, job: ExportJob, spool, key: str, chunk_size: int) -> int:
    """Stream the job's rows into ``spool`` (bytes, UTF-8 with a BOM); returns how many were written. One
    transaction, so every row comes from one snapshot of the pool."""
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    written = 0
    with translation.override(job.language or settings.LANGUAGE_CODE), tenant_context(tenant):
        # Every row will be read: plan for the whole result, not for the first rows as cursors default to
        # (a fast-start index walk over the whole pool for a selective filter is many times slower).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        candidates = export_queryset(job)
        total = candidates.count()
        ExportJob.objects.filter(pk=job.pk).update(total_rows=total)
        cache.set(key, 0, timeout=3600)
        writer.writerow([csv_safe(cell) for cell in export_header()])
        for row in export_rows(candidates, chunk_size=chunk_size):
            writer.writerow(row)
            written += 1
            if written % chunk_size == 0:
                cache.set(key, written, timeout=3600)
    text.flush()
    text.detach()  # leave the binary file open for the copy into storage
    return written


def export_visible_to(job: ExportJob, *, role: str | None, user=None, api_key=None) -> bool:
    """Whether this member (``role``, ``user``) or API key may see and download the job: its creator, or an
    admin of the tenant. The caller has checked the tenant (the job was found in it)."""
    if role == Role.ADMIN:
        return True
    if api_key is not None:
        return job.created_by_key_id == api_key.pk
    return user is not None and job.created_by_id is not None and job.created_by_id == user.pk


def exports_visible(*, role: str | None, user=None, api_key=None) -> QuerySet[ExportJob]:
    """The current tenant's jobs this member or key may see, newest first (``export_visible_to`` as a query)."""
    jobs = ExportJob.objects.select_related("created_by")
    if role == Role.ADMIN:
        return jobs
    if api_key is not None:
        return jobs.filter(created_by_key=api_key)
    if user is None or user.pk is None:
        return jobs.none()
    return jobs.filter(created_by=user)


def exports_purge_expired(*, now=None) -> int:
    """Beat: delete the files of jobs past ``expires_at`` (the rows stay, marked expired, for the record), and
    fail jobs left running by a dead worker. Tenant by tenant. Returns how many files were deleted. Safe to
    run twice."""
    now = now or timezone.now()
    purged = 0
    for tenant in Tenant.objects.filter(is_active=True).only("pk"):
        with tenant_context(tenant):
            ExportJob.objects.filter(
                status=ExportStatus.RUNNING, started_at__lt=now - STALE_RUNNING_AFTER
            ).update(status=ExportStatus.FAILED, error=INTERRUPTED_MESSAGE, finished_at=now)
            expired = ExportJob.objects.filter(expires_at__lte=now).exclude(status=ExportStatus.EXPIRED)
            for job in expired.only("pk", "file"):
                if job.file.name:
                    default_storage.delete(job.file.name)
                    purged += 1
            expired.update(status=ExportStatus.EXPIRED, file="", size=0)
    return purged
