"""Read queries over the pool."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Candidate, CandidateStatus


def candidate_list(*, query: str = "", tier: str = "") -> QuerySet[Candidate]:
    """Candidates of the current tenant, newest first, optionally filtered by a text query and a tier."""
    candidates = Candidate.objects.exclude(status=CandidateStatus.MERGED)
    query = query.strip()
    if query:
        candidates = candidates.filter(
            Q(full_name__icontains=query) | Q(current_title__icontains=query)
            | Q(current_company__icontains=query) | Q(emails__email__icontains=query) | Q(location__icontains=query)
        ).distinct()
    if tier:
        candidates = candidates.filter(activity_tier=tier)
    return candidates.order_by("-created_at", "-id")


def pool_summary() -> dict:
    """Pool size and the count per activity tier, for the dashboard home."""
    by_tier = dict(Candidate.objects.values_list("activity_tier").annotate(n=Count("id")).order_by())
    return {"total": sum(by_tier.values()), "by_tier": by_tier}
