"""Celery tasks of the pool: thin, idempotent, each inside its tenant."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from talentpool.tenancy.tasks import drop_stale_connection, tenant_task

logger = logging.getLogger(__name__)

# A document still "pending" or "parsing" this long after its last start lost its task (a worker SIGKILL, a
# broker restart): beat gives it back to the parse queue instead of waiting for the broker's 1-hour timeout.
STALE_PARSE_AFTER = timedelta(minutes=15)


@tenant_task(name="candidates.parse_document", queue="parse")
def parse_document(tenant_id: int, document_id: int, only_unfinished: bool = False) -> str:
    """Parse one document. Safe to run twice: a re-parse replaces what the document contributed. A file that
    fails (too large, too slow, killed its worker too often) ends ``failed``; the task returns its status and
    never raises for it, so the broker never gets it back. ``only_unfinished`` (beat's re-queue) skips a
    document that was parsed meanwhile."""
    from .models import Document, ParseStatus
    from .services import document_parse

    if only_unfinished:
        status = Document.objects.filter(pk=document_id).values_list("parse_status", flat=True).first()
        if status not in (ParseStatus.PENDING, ParseStatus.PARSING):
            return status or "missing"
    return document_parse(Tenant.objects.get(pk=tenant_id), document_id=document_id).status


@shared_task(name="candidates.requeue_stale_documents", ignore_result=True)
def requeue_stale_documents() -> int:
    """Beat, every 10 minutes: give documents left ``pending`` or ``parsing`` longer than STALE_PARSE_AFTER
    back to the parse queue, tenant by tenant. One that already used its attempts is not queued: its next
    run would only mark it failed, so that is done here. Returns how many were queued. Safe to run twice."""
    from .models import Document, ParseStatus
    from .services.documents import INTERRUPTED, MAX_PARSE_ATTEMPTS

    cutoff = timezone.now() - STALE_PARSE_AFTER
    queued = 0
    for tenant_id in Tenant.objects.filter(is_active=True).values_list("pk", flat=True):
        with tenant_context(tenant_id):
            stale = Document.objects.filter(
                parse_status__in=(ParseStatus.PENDING, ParseStatus.PARSING), created_at__lt=cutoff
            ).exclude(parse_started_at__gte=cutoff)
            for document_id, status, attempts in stale.values_list("pk", "parse_status", "parse_attempts"):
                if status == ParseStatus.PARSING and attempts >= MAX_PARSE_ATTEMPTS:
                    Document.objects.filter(pk=document_id, parse_status=ParseStatus.PARSING).update(
                        parse_status=ParseStatus.FAILED, parse_error=INTERRUPTED.format(n=attempts)
                    )
                    continue
                parse_document.apply_async(
                    args=[tenant_id, document_id], kwargs={"only_unfinished": True}, queue="parse"
                )
                queued += 1
    if queued:
        logger.info("re-queued %d documents left unparsed", queued)
    return queued


@tenant_task(name="candidates.retag_for_words", queue="parse")
def retag_for_words(tenant_id: int, tag_id: int, words: list[str]) -> int:
    """Re-tag the candidates whose documents contain new words of a tag (a new synonym or name)."""
    from .services import retag_documents_containing

    return retag_documents_containing(Tenant.objects.get(pk=tenant_id), words=words)


@tenant_task(name="candidates.run_import", queue="default")
def run_import(tenant_id: int, job_id: int) -> int:
    """Run or resume a bulk import. Safe to run twice: finished rows are skipped."""
    from .services import import_run

    return import_run(Tenant.objects.get(pk=tenant_id), job_id=job_id).processed_rows


# A million-row pool takes minutes: more time than the 15-minute default, less than the broker's one-hour
# visibility timeout (past it, Redis would hand the message to a second worker while the first still runs).
@shared_task(name="candidates.run_export", queue="default", time_limit=55 * 60, soft_time_limit=54 * 60)
def run_export(tenant_id: int, job_id: int) -> str:
    """Write an export job's CSV (services.exports.export_run). Not a tenant_task: the run opens its own
    transactions (claim, read, finish), so the job's state is visible while it works. Safe to run twice: a job
    that is done, or running on another worker, is left alone. Returns the job's status."""
    from .services.exports import export_run

    drop_stale_connection()
    tenant = Tenant.objects.filter(pk=tenant_id).first()
    if tenant is None:
        return "missing"
    job = export_run(tenant, job_id=job_id)
    return job.status if job is not None else "skipped"


@shared_task(name="candidates.purge_expired_exports", ignore_result=True)
def purge_expired_exports() -> int:
    """Beat, hourly: delete export files past their expiry and fail exports whose worker died. Safe to run
    twice."""
    from .services.exports import exports_purge_expired

    drop_stale_connection()
    return exports_purge_expired()
