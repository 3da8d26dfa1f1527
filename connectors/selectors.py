"""Reads of the connectors app (inside the current tenant)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from .models import ExternalProfile, RunKind, Source, SourcingSchedule, SyncRun


def sources() -> QuerySet:
    """The tenant's sources with their last run's id, status and finish time."""
    last = SyncRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-id")
    return Source.objects.annotate(
        last_run_id=Subquery(last.values("pk")[:1]), last_run_status=Subquery(last.values("status")[:1])
    )


def runs_of(source: Source, *, limit: int = 50) -> list[SyncRun]:
    return list(SyncRun.objects.filter(source=source).select_related("schedule__profile")[:limit])


def schedules(*, source: Source | None = None) -> QuerySet:
    rows = SourcingSchedule.objects.select_related("profile", "source")
    return rows.filter(source=source) if source is not None else rows


def job_changes(*, limit: int = 20) -> list[dict]:
    """The latest job changes the sources saw: candidate, what they were and are now, when, from which source."""
    rows = (
        ExternalProfile.objects.filter(job_changed_at__isnull=False, candidate__isnull=False)
        .select_related("candidate", "source")
        .order_by("-job_changed_at")[:limit]
    )
    return [
        {
            "candidate": row.candidate,
            "source": row.source,
            "at": row.job_changed_at,
            "company": row.data.get("company", ""),
            "title": row.data.get("title", ""),
        }
        for row in rows
    ]


def sourcing_runs(schedule: SourcingSchedule, *, limit: int = 10) -> list[SyncRun]:
    return list(SyncRun.objects.filter(schedule=schedule, kind=RunKind.SOURCING)[:limit])
