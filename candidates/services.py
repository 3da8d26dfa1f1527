"""Writes to the pool. Issue #3 adds ingestion, parsing, dedup and merge here."""

from __future__ import annotations

from django.utils import timezone

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from .models import ActivityTier, Candidate


def activity_tier_for(score: float) -> str:
    """The tier of an activity score: high ≥ 80, mid 50–79, low < 50 (DESIGN.md)."""
    if score >= 80:
        return ActivityTier.HIGH
    if score >= 50:
        return ActivityTier.MID
    return ActivityTier.LOW


def candidate_create(tenant: Tenant, *, full_name: str, actor=None, **fields) -> Candidate:
    """Create a candidate in ``tenant``. The tier follows the activity score. Not idempotent."""
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValueError("A candidate needs a name.")
    score = float(fields.pop("activity_score", 0.0))
    with tenant_context(tenant):
        return Candidate.objects.create(
            full_name=full_name, activity_score=score, activity_tier=activity_tier_for(score),
            updated_at=timezone.now(), **fields,
        )
