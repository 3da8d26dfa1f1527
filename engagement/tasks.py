"""Celery tasks of engagement: thin, idempotent, ``tenant_id`` first; the work is in engagement.services.
Periodic ones fan out per tenant (the beat schedule is in talentpool/celery.py)."""

from __future__ import annotations

from celery import shared_task

from talentpool.tenancy.tasks import tenant_task

# --- interactions and activity score ---------------------------------------------------------------------


@tenant_task(name="engagement.tasks.high_tier_entered", queue="default")
def high_tier_entered(tenant_id: int, candidate_id: int, interaction_id: int | None = None) -> int | None:
    """A candidate just became highly active: open the follow-up and tell the recruiters. Idempotent (one
    open follow-up per candidate). Returns the FollowUp's id, or None when nothing was to be done."""
    from .services.interactions import follow_up_for_high_tier

    follow_up = follow_up_for_high_tier(candidate_id=candidate_id, interaction_id=interaction_id)
    return follow_up.pk if follow_up else None


@tenant_task(name="engagement.tasks.activity_reconcile_tenant", queue="analytics")
def activity_reconcile_tenant(tenant_id: int) -> dict:
    """Re-score one tenant's pool from its interactions (engagement.services.interactions.activity_reconcile)."""
    from .services.interactions import activity_reconcile

    return activity_reconcile()


@shared_task(name="engagement.tasks.activity_reconcile_all", queue="analytics", ignore_result=True)
def activity_reconcile_all() -> int:
    """Nightly: queue the reconcile of every active tenant. Returns how many were queued."""
    from talentpool.tenancy.models import Tenant

    tenant_ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in tenant_ids:
        activity_reconcile_tenant.delay(tenant_id)
    return len(tenant_ids)


# --- outbox -------------------------------------------------------------------------------------------------


@shared_task(name="engagement.tasks.outbox_dispatch", queue="outreach", ignore_result=True)
def outbox_dispatch(tenant_id: int) -> dict:
    """Send one tenant's due messages until none is due or OUTBOX_TASK_SECONDS have passed. Returns the counts.

    Not a ``tenant_task`` on purpose: that wraps the body in one transaction, and the outbox must commit its
    claim before talking to the mail server and each "sent" right after the server's answer (the dispatcher
    enters the tenant for each of those short transactions itself). Safe to run twice and concurrently."""
    from django.conf import settings

    from talentpool.tenancy.tasks import drop_stale_connection, tenant_gone

    from .services.outbox import outbox_drain

    drop_stale_connection()
    if tenant_gone(tenant_id, "outbox_dispatch"):
        return {}
    return outbox_drain(tenant=int(tenant_id), seconds=settings.OUTBOX_TASK_SECONDS)


@shared_task(name="engagement.tasks.outbox_dispatch_all", queue="default", ignore_result=True)
def outbox_dispatch_all() -> int:
    """Every minute (beat): queue ``outbox_dispatch`` for every active tenant. Returns how many were queued."""
    from talentpool.tenancy.models import Tenant

    tenant_ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in tenant_ids:
        outbox_dispatch.apply_async(args=[tenant_id], queue="outreach", expires=120)
    return len(tenant_ids)


# --- campaigns and sequences --------------------------------------------------------------------------------


@tenant_task(name="engagement.tasks.campaigns_advance", queue="outreach", ignore_result=True)
def campaigns_advance(tenant_id: int) -> int:
    """Write the due steps of one tenant's sequences to the outbox (bounded); re-queues itself while more are
    due. Safe to run twice: message keys are unique per campaign, step and candidate."""
    from .services.campaigns import sequences_advance

    limit = 5_000
    advanced = sequences_advance(max_enrollments=limit)
    if advanced >= limit:
        campaigns_advance.delay(tenant_id)
    return advanced


@shared_task(name="engagement.tasks.campaigns_advance_all", queue="outreach", ignore_result=True)
def campaigns_advance_all() -> int:
    """Every minute: queue the advance of every active tenant's sequences. Returns how many were queued."""
    from talentpool.tenancy.models import Tenant

    tenant_ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in tenant_ids:
        campaigns_advance.delay(tenant_id)
    return len(tenant_ids)


# --- operations engine ----------------------------------------------------------------------------------------


@tenant_task(name="engagement.tasks.engine_run_tenant", queue="outreach")
def engine_run_tenant(tenant_id: int) -> dict:
    """The weekly run of one tenant's operations engine (its rules switched on). Idempotent per rule and
    ISO week: a repeat in the same week creates nothing. Returns the report's totals."""
    from .services.engine import engine_run

    report = engine_run(dry_run=False)
    return {"week": report.week, "total": report.enabled_total, "campaigns": report.campaigns}


@shared_task(name="engagement.tasks.engine_run_all", queue="outreach", ignore_result=True)
def engine_run_all() -> int:
    """Weekly (Monday morning): queue the engine run of every active tenant that has a rule switched on.
    Returns how many were queued."""
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    from .models import EngineRule

    queued = 0
    for tenant_id in list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True)):
        # EngineRule is under row-level security: look inside each tenant in turn.
        with tenant_context(tenant_id):
            switched_on = EngineRule.objects.filter(enabled=True).exists()
        if switched_on:
            engine_run_tenant.delay(tenant_id)
            queued += 1
    return queued
