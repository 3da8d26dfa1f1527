"""Read queries about campaigns, for the dashboard and the API (the writes are in engagement.services.campaigns)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from ..models import Campaign, CampaignStep, Enrollment, EnrollmentStatus


def campaign_list(*, status: str = "", kind: str = "") -> QuerySet[Campaign]:
    """The current tenant's campaigns, newest first, each with ``enrolled``, ``active`` (still in the sequence),
    ``completed`` and ``stopped`` counts and ``step_count``; filtered by status and kind when given."""
    campaigns = Campaign.objects.select_related("sender", "created_by").annotate(
        enrolled=Count("enrollments", distinct=True),
        active=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.ACTIVE), distinct=True),
        completed=Count(
            "enrollments", filter=Q(enrollments__status=EnrollmentStatus.COMPLETED), distinct=True
        ),
        stopped=Count("enrollments", filter=Q(enrollments__status=EnrollmentStatus.STOPPED), distinct=True),
        step_count=Count("steps", distinct=True),
    )
    if status:
        campaigns = campaigns.filter(status=status)
    if kind:
        campaigns = campaigns.filter(kind=kind)
    return campaigns.order_by("-created_at", "-id")


def campaign_detail_queryset() -> QuerySet[Campaign]:
    """Campaigns with their steps (and templates) prefetched in order; take one with ``get(pk=…)``."""
    return Campaign.objects.select_related("sender", "created_by", "engine_rule").prefetch_related(
        Prefetch("steps", queryset=CampaignStep.objects.select_related("template").order_by("position"))
    )


def campaign_enrollments(campaign: Campaign, *, status: str = "") -> QuerySet[Enrollment]:
    """The campaign's enrollments with their candidate, the ones due soonest first."""
    enrollments = Enrollment.objects.filter(campaign=campaign).select_related("candidate")
    if status:
        enrollments = enrollments.filter(status=status)
    return enrollments.order_by("status", "next_step_at", "id")


def enrollment_counts(campaign: Campaign) -> dict[str, int]:
    """{"active", "completed", "stopped", "total"} for the campaign, and {"stop:<reason>": n} per stop reason."""
    counts = {"active": 0, "completed": 0, "stopped": 0, "total": 0}
    for status, reason, number in (
        Enrollment.objects.filter(campaign=campaign)
        .values_list("status", "stop_reason")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[status] = counts.get(status, 0) + number
        counts["total"] += number
        if status == EnrollmentStatus.STOPPED:
            counts[f"stop:{reason or 'unknown'}"] = counts.get(f"stop:{reason or 'unknown'}", 0) + number
    return counts


def candidate_campaigns(candidate) -> QuerySet[Enrollment]:
    """The candidate's enrollments (every campaign they were in), newest first, with the campaign."""
    return (
        Enrollment.objects.filter(candidate=candidate)
        .select_related("campaign")
        .order_by("-enrolled_at", "-id")
    )
