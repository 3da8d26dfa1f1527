"""Thin Celery tasks: the services do the work. Beat runs ``connectors_due_all`` every five minutes."""

from __future__ import annotations

from celery import shared_task

from talentpool.tenancy.tasks import tenant_task


@tenant_task(name="connectors.tasks.sync_source", queue="default", ignore_result=True)
def sync_source(tenant_id: int, source_id: int) -> dict:
    """One sync of one source; a busy source is left to the run that holds it."""
    from talentpool.tenancy.models import Tenant

    from .services import SourceBusy, source_sync

    try:
        return source_sync(Tenant.objects.get(pk=tenant_id), source_id=source_id).counts()
    except SourceBusy:
        return {}


@tenant_task(name="connectors.tasks.run_sourcing", queue="default", ignore_result=True)
def run_sourcing(tenant_id: int, schedule_id: int) -> dict:
    from talentpool.tenancy.models import Tenant

    from .services import SourceBusy, sourcing_run

    try:
        return sourcing_run(Tenant.objects.get(pk=tenant_id), schedule_id=schedule_id).counts()
    except SourceBusy:
        return {}


@tenant_task(name="connectors.tasks.connectors_due", queue="default", ignore_result=True)
def connectors_due(tenant_id: int) -> int:
    """Queue the tenant's due syncs and sourcing runs, each as its own task (one failing never stops another).
    Returns how many were queued."""
    from .services.sourcing import schedules_due
    from .services.sync import sources_due

    sources, schedules = sources_due(), schedules_due()
    for source_id in sources:
        sync_source.apply_async(args=[tenant_id, source_id], expires=3600)
    for schedule_id in schedules:
        run_sourcing.apply_async(args=[tenant_id, schedule_id], expires=3600)
    return len(sources) + len(schedules)


@shared_task(name="connectors.tasks.connectors_due_all", queue="default", ignore_result=True)
def connectors_due_all() -> int:
    """Every five minutes (beat): ``connectors_due`` for every active tenant."""
    from talentpool.tenancy.models import Tenant

    tenant_ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in tenant_ids:
        connectors_due.apply_async(args=[tenant_id], expires=240)
    return len(tenant_ids)
