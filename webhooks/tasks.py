"""Celery tasks of outbound webhooks: thin, safe to run twice and concurrently (rows are claimed SKIP LOCKED)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="webhooks.tasks.deliveries_dispatch", queue="webhooks", ignore_result=True)
def deliveries_dispatch(tenant_id: int) -> dict:
    """Deliver one tenant's due webhooks until none is due or WEBHOOKS_TASK_SECONDS have passed.

    Not a ``tenant_task``: that would hold one transaction open while receivers answer; the dispatcher enters
    the tenant for each short transaction itself."""
    import time

    from django.conf import settings

    from talentpool.tenancy.tasks import drop_stale_connection, tenant_gone

    from .services import dispatch_due

    drop_stale_connection()
    if tenant_gone(tenant_id, "deliveries_dispatch"):
        return {}
    started, totals = time.monotonic(), {}
    while True:
        counts = dispatch_due(tenant=int(tenant_id), limit=200)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        if counts["examined"] < 200 or time.monotonic() - started >= settings.WEBHOOKS_TASK_SECONDS:
            return totals


@shared_task(name="webhooks.tasks.deliveries_dispatch_all", queue="default", ignore_result=True)
def deliveries_dispatch_all() -> int:
    """Every minute (beat): queue a dispatch for every active tenant with a due delivery (retries come due
    here; new events are queued the moment they commit)."""
    from talentpool.tenancy.models import Tenant

    from .services import kick

    tenant_ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in tenant_ids:
        kick(tenant_id)
    return len(tenant_ids)


@shared_task(name="webhooks.tasks.deliveries_purge_all", queue="default", ignore_result=True)
def deliveries_purge_all() -> int:
    """Daily (beat): forget every tenant's finished deliveries older than WEBHOOKS_KEEP_DAYS."""
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    from .services import deliveries_purge

    removed = 0
    for tenant_id in Tenant.objects.order_by("id").values_list("id", flat=True):
        with tenant_context(tenant_id):
            removed += deliveries_purge()
    return removed
