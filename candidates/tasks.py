"""Celery tasks of the pool: thin, idempotent, each inside its tenant."""

from talentpool.tenancy.models import Tenant
from talentpool.tenancy.tasks import tenant_task


@tenant_task(name="candidates.parse_document", queue="parse", max_retries=3, default_retry_delay=30)
def parse_document(tenant_id: int, document_id: int) -> str:
    """Parse one document. Safe to run twice: a re-parse replaces what the document contributed."""
    from .services import document_parse

    return document_parse(Tenant.objects.get(pk=tenant_id), document_id=document_id).status


@tenant_task(name="candidates.retag_for_words", queue="parse")
def retag_for_words(tenant_id: int, tag_id: int, words: list[str]) -> int:
    """Re-tag the candidates whose documents contain new words of a tag (a new synonym or name)."""
    from .services import retag_documents_containing

    return retag_documents_containing(Tenant.objects.get(pk=tenant_id), tag_id=tag_id, words=words)


@tenant_task(name="candidates.run_import", queue="default")
def run_import(tenant_id: int, job_id: int) -> int:
    """Run or resume a bulk import. Safe to run twice: finished rows are skipped."""
    from .services import import_run

    return import_run(Tenant.objects.get(pk=tenant_id), job_id=job_id).processed_rows
