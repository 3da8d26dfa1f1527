"""Nightly privacy jobs (beat, talentpool/celery.py): candidates' retention and the audit log's own retention.
Thin: each fans out per tenant; the services do the work and are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from talentpool.tenancy.tasks import tenant_task


def _active_tenant_ids() -> list[int]:
    from talentpool.tenancy.models import Tenant

    return list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))


@shared_task(name="privacy.tasks.retention_all", ignore_result=True)
def retention_all() -> int:
    """Queue every active tenant's retention run. Returns how many were queued."""
    tenant_ids = _active_tenant_ids()
    for tenant_id in tenant_ids:
        retention_tenant.delay(tenant_id)
    return len(tenant_ids)


@tenant_task(name="privacy.tasks.retention_tenant", ignore_result=True)
def retention_tenant(tenant_id: int) -> int:
    """Anonymise one tenant's lapsed candidates. Returns how many (a count, never personal data)."""
    from talentpool.tenancy.models import Tenant

    from .services import retention_apply

    return retention_apply(Tenant.objects.get(pk=tenant_id)).anonymised


@shared_task(name="privacy.tasks.audit_purge_all", ignore_result=True)
def audit_purge_all() -> int:
    tenant_ids = _active_tenant_ids()
    for tenant_id in tenant_ids:
        audit_purge_tenant.delay(tenant_id)
    return len(tenant_ids)


@tenant_task(name="privacy.tasks.audit_purge_tenant", ignore_result=True)
def audit_purge_tenant(tenant_id: int) -> int:
    """Delete one tenant's audit entries past its audit retention. Returns how many."""
    from talentpool.tenancy.models import Tenant

    from .services import audit_purge

    return audit_purge(Tenant.objects.get(pk=tenant_id))
