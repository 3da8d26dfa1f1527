"""Beat's upkeep of the API's own tables."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="talentpool.api.tasks.idempotency_purge", queue="default", ignore_result=True)
def idempotency_purge() -> int:
    """Hourly: forget every tenant's ``Idempotency-Key`` records older than 24 hours. Returns how many went."""
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    from .idempotency import idempotency_purge as purge

    removed = 0
    for tenant_id in Tenant.objects.order_by("id").values_list("id", flat=True):
        with tenant_context(tenant_id):
            removed += purge()
    return removed
