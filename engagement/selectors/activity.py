"""Reads about activity: the activity rate per tenant and segment, the tier distribution, the follow-up-today
list and a candidate's timeline. All inside the current tenant; scores are read from the stored anchors."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus, Tag
from talentpool.tenancy.context import require_tenant_id

from .. import scoring
from ..models import CONTACT_KINDS, FollowUp, Interaction, InteractionKind

ACTIVE_WINDOW = timedelta(days=183)  # "the last 6 months"
SEGMENTS = ("tag", "source", "tier")
TOP_SEGMENTS = 10


def _pool():
    """The pool the rate is about: active candidates (merged, hired, anonymised and do-not-contact are not)."""
    return Candidate.objects.filter(status=CandidateStatus.ACTIVE)


def _rate(active: int, pool: int) -> float:
    return round(active / pool, 4) if pool else 0.0


def activity_rate(*, by: str | None = None, since: datetime | None = None) -> dict | list[dict]:
    """The share of the pool with a human interaction (``last_active_at``) since ``since`` (default: 6 months).

    ``by=None``: ``{"pool", "active", "rate"}`` for the tenant. ``by`` "tag" (the ten largest tags), "source"
    or "tier": a list of ``{"key", "label", "pool", "active", "rate"}``, largest segment first. Raises
    ValueError for another ``by``.
    """
    since = since or timezone.now() - ACTIVE_WINDOW
    is_active = Q(last_active_at__gte=since)
    if by is None:
        counts = _pool().aggregate(pool=Count("id"), active=Count("id", filter=is_active))
        return {**counts, "rate": _rate(counts["active"], counts["pool"])}
    if by == "source":
        rows = (
            _pool()
            .values("source")
            .annotate(pool=Count("id"), active=Count("id", filter=is_active))
            .order_by("-pool", "source")
        )
        return [
            {
                "key": row["source"],
                "label": row["source"],
                "pool": row["pool"],
                "active": row["active"],
                "rate": _rate(row["active"], row["pool"]),
            }
            for row in rows
        ]
    if by == "tier":
        return _rate_by_tier(since)
    if by == "tag":
        return _rate_by_tag(since)
    raise ValueError(f"by must be one of {', '.join(SEGMENTS)}")


def _rate_by_tier(since: datetime) -> list[dict]:
    from candidates.models import ActivityTier

    params = scoring.current_params()
    labels = dict(ActivityTier.choices)
    rows = []
    for tier in ("high", "mid", "low"):
        counts = (
            _pool()
            .filter(scoring.tier_condition([tier], params))
            .aggregate(pool=Count("id"), active=Count("id", filter=Q(last_active_at__gte=since)))
        )
        rows.append(
            {
                "key": tier,
                "label": str(labels[tier]),
                **counts,
                "rate": _rate(counts["active"], counts["pool"]),
            }
        )
    return rows


def _rate_by_tag(since: datetime) -> list[dict]:
    tenant_id = require_tenant_id()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT tag_id, count(*), count(*) FILTER (WHERE c.last_active_at >= %s)
                FROM {Candidate._meta.db_table} c, unnest(c.tag_ids) AS tag_id
                WHERE c.tenant_id = %s AND c.status = %s
                GROUP BY tag_id ORDER BY count(*) DESC, tag_id LIMIT %s""",
            [since, tenant_id, CandidateStatus.ACTIVE, TOP_SEGMENTS],
        )
        rows = cursor.fetchall()
    tags = {tag.pk: tag for tag in Tag.objects.filter(pk__in=[row[0] for row in rows])}
    return [
        {
            "key": tags[tag_id].key if tag_id in tags else str(tag_id),
            "label": tags[tag_id].display_name if tag_id in tags else str(tag_id),
            "pool": pool,
            "active": active,
            "rate": _rate(active, pool),
        }
        for tag_id, pool, active in rows
    ]


def tier_distribution() -> dict:
    """How many active candidates are in each tier now: ``{"high", "mid", "low"}``."""
    params = scoring.current_params()
    counts = _pool().aggregate(
        **{
            tier: Count("id", filter=scoring.tier_condition([tier], params))
            for tier in ("high", "mid", "low")
        }
    )
    return counts


def _contact_after_follow_up() -> Exists:
    """A person's contact with the candidate after the follow-up was opened (what closes it, see
    engagement.services.interactions: campaign messages do not count)."""
    contact = Q(kind__in=list(CONTACT_KINDS)) | Q(
        kind=InteractionKind.STAGE_CHANGED, metadata__stage__in=sorted(scoring.CONTACT_STAGES)
    )
    return Exists(
        Interaction.objects.filter(
            contact,
            candidate_id=OuterRef("candidate_id"),
            occurred_at__gt=OuterRef("created_at"),
            campaign__isnull=True,
        )
    )


def follow_up_today(*, user=None, limit: int = 50) -> list[FollowUp]:
    """Open follow-ups whose candidate is still high tier and was not contacted since, best first (score, then
    the best role's fit). With ``user``: theirs and the team's (no assignee)."""
    params = scoring.current_params()
    follow_ups = (
        FollowUp.objects.filter(done_at__isnull=True)
        .filter(scoring.tier_condition(["high"], params, column="candidate__activity_anchor"))
        .exclude(candidate__status=CandidateStatus.MERGED)
        .exclude(_contact_after_follow_up())
        .select_related("candidate", "assignee")
        .order_by("-candidate__activity_anchor", "-fit", "created_at", "id")
    )
    if user is not None:
        follow_ups = follow_ups.filter(Q(assignee=user) | Q(assignee__isnull=True))
    return list(follow_ups[:limit])


def timeline(candidate, limit: int = 100) -> list[Interaction]:
    """The candidate's interactions, newest first, with who recorded them and the campaign."""
    return list(
        Interaction.objects.filter(candidate_id=candidate.pk)
        .select_related("actor", "campaign")
        .order_by("-occurred_at", "-id")[:limit]
    )
