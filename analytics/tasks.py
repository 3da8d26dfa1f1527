"""Thin Celery tasks of the analytics app (queue ``analytics``); the services do the work and are idempotent."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from talentpool.tenancy.models import Tenant
from talentpool.tenancy.tasks import tenant_task


@tenant_task(name="analytics.tasks.refresh_tenant", queue="analytics", ignore_result=True)
def refresh_tenant(tenant_id: int, rebuild: bool = False) -> dict:
    """Milestones, daily counters and findings of one tenant brought up to date."""
    from .services import aggregates
    from .services.diagnoses import findings_refresh

    done = aggregates.rebuild(tenant_id) if rebuild else aggregates.refresh(tenant_id)
    done["open_findings"] = len(findings_refresh())
    return done


@shared_task(name="analytics.tasks.refresh_all", queue="analytics", ignore_result=True)
def refresh_all(rebuild: bool = False) -> int:
    """Beat: queue the refresh (or, nightly, the rebuild) of every active tenant. Returns how many."""
    ids = list(Tenant.objects.filter(is_active=True).values_list("pk", flat=True))
    for tenant_id in ids:
        refresh_tenant.apply_async(args=[tenant_id], kwargs={"rebuild": rebuild}, queue="analytics")
    return len(ids)


@tenant_task(name="analytics.tasks.weekly_report_tenant", queue="analytics", ignore_result=True)
def weekly_report_tenant(tenant_id: int, week: str) -> str:
    """Refresh, then build and mail the tenant's report of ``week`` (once: a second run returns it)."""
    from .services import aggregates
    from .services.reports import weekly_report_refresh

    aggregates.refresh(tenant_id)
    report, _built = weekly_report_refresh(week)
    return report.week


@shared_task(name="analytics.tasks.weekly_reports_due", queue="analytics", ignore_result=True)
def weekly_reports_due() -> int:
    """Beat, hourly: queue the report of every tenant whose Monday 08:00 (its own time zone) has come and whose
    last week has no report yet. Returns how many were queued."""
    from zoneinfo import ZoneInfo

    from .services.reports import last_full_week, reports_due

    now = timezone.now()
    due = reports_due(now)
    for tenant_id in due:
        zone = Tenant.objects.filter(pk=tenant_id).values_list("time_zone", flat=True).first() or "UTC"
        week = last_full_week(now.astimezone(ZoneInfo(zone)).date())
        weekly_report_tenant.apply_async(args=[tenant_id, week], queue="analytics")
    return len(due)
