"""Interactions and the activity score: record a touch, keep the candidate's anchor and ``last_*`` true, react
when a candidate becomes highly active, and re-score a whole tenant in one statement.

The score is one stored number per candidate (``Candidate.activity_anchor``, engagement.scoring): a new
interaction adds its term to it under a row lock, so two interactions recorded at once never lose one
another's points. The nightly ``activity_reconcile`` recomputes every anchor from the interactions themselves
(after a change of weights or half-life, or to repair anything written around the services).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate, CandidateStatus
from candidates.services.profile import candidate_activity_set
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import Membership, Role, Tenant
from webhooks.services import emit as webhook_emit

from .. import scoring
from ..models import HUMAN_KINDS, Channel, FollowUp, Interaction, InteractionKind

logger = logging.getLogger(__name__)

# An interaction may be stamped a little ahead of our clock (an HRIS's clock runs fast); never more.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# These end every sequence the candidate is in (engagement.services.campaigns.enrollments_stop).
STOP_KINDS = frozenset({InteractionKind.REPLIED, InteractionKind.UNSUBSCRIBED, InteractionKind.HIRED})
# Kinds people log by hand in the dashboard.
LOGGABLE_KINDS = (InteractionKind.CALL, InteractionKind.MEETING, InteractionKind.NOTE)
MAX_BODY = 20_000
REASON_INTERACTIONS = 5  # how many of the weighted interactions a high-activity notice names


# Read once: Django builds an enum's ``values`` list anew on every access (bulk records check thousands of rows).
_KIND_VALUES = frozenset(InteractionKind.values)
_CHANNEL_VALUES = frozenset(Channel.values)


def _clean(kind, channel, occurred_at, external_id, body, metadata) -> tuple:
    if kind not in _KIND_VALUES:
        raise ServiceError(f"Unknown interaction kind: {kind}.", field="kind", code="invalid")
    channel = channel or ""
    if channel and channel not in _CHANNEL_VALUES:
        raise ServiceError(f"Unknown channel: {channel}.", field="channel", code="invalid")
    now = timezone.now()
    if occurred_at is None:
        occurred_at = now
    if not isinstance(occurred_at, datetime) or timezone.is_naive(occurred_at):
        raise ServiceError(
            "occurred_at must be a time with a time zone.", field="occurred_at", code="invalid"
        )
    if occurred_at > now + FUTURE_TOLERANCE:
        raise ServiceError("occurred_at is in the future.", field="occurred_at", code="invalid")
    if occurred_at < EARLIEST:
        raise ServiceError("occurred_at is before 2000.", field="occurred_at", code="invalid")
    external_id = (external_id or "").strip()
    if len(external_id) > 200:
        raise ServiceError("external_id is longer than 200 characters.", field="external_id", code="invalid")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise ServiceError("metadata must be an object.", field="metadata", code="invalid")
    body = (body or "").strip()
    if len(body) > MAX_BODY:
        raise ServiceError(f"body is longer than {MAX_BODY} characters.", field="body", code="invalid")
    return channel, occurred_at, external_id, body, metadata


def _lock_candidate(candidate) -> Candidate:
    """The candidate's row, locked until the transaction ends; a merged candidate's survivor instead."""
    pk = getattr(candidate, "pk", candidate)
    seen: set[int] = set()
    while True:
        locked = Candidate.objects.select_for_update().filter(pk=pk).first()
        if locked is None:
            raise ServiceError("Unknown candidate.", field="candidate", code="unknown_candidate")
        if locked.status != CandidateStatus.MERGED or not locked.merged_into_id or locked.pk in seen:
            return locked
        seen.add(locked.pk)
        pk = locked.merged_into_id


def _later(current, new):
    """``new`` when it is later than ``current`` (or there is none), else None (leave the column alone)."""
    return new if current is None or new > current else None


def interaction_record_with_created(
    *,
    candidate,
    kind: str,
    channel: str = "",
    occurred_at: datetime | None = None,
    actor=None,
    campaign=None,
    message=None,
    external_id: str = "",
    body: str = "",
    metadata: dict | None = None,
) -> tuple[Interaction, bool]:
    """``interaction_record`` that also says whether the row is new (False: a replay of ``external_id``)."""
    channel, occurred_at, external_id, body, metadata = _clean(
        kind, channel, occurred_at, external_id, body, metadata
    )
    tenant_id = require_tenant_id()
    params = scoring.params_for(tenant_id)
    with transaction.atomic():
        # The lock serialises every write to this candidate's anchor: read, add, write can never interleave.
        locked = _lock_candidate(candidate)
        if external_id:
            existing = Interaction.objects.filter(external_id=external_id).first()
            if existing is not None:
                return _replay(existing, locked), False
        try:
            with transaction.atomic():
                interaction = Interaction.objects.create(
                    candidate=locked,
                    kind=kind,
                    channel=channel,
                    occurred_at=occurred_at,
                    actor=actor if getattr(actor, "pk", None) else None,
                    campaign=campaign,
                    message=message,
                    external_id=external_id,
                    body=body,
                    metadata=metadata,
                )
        except IntegrityError:
            # The same external id recorded meanwhile for another candidate (this one's replays wait on the lock).
            return _replay(Interaction.objects.get(external_id=external_id), locked), False

        now = timezone.now()
        tier_before = scoring.tier_of(
            scoring.score_at(locked.activity_anchor, half_life_days=params.half_life_days, now=now), params
        )
        anchor = scoring.anchor_add(
            locked.activity_anchor,
            weight=params.weight(kind),
            occurred_at=occurred_at,
            half_life_days=params.half_life_days,
        )
        contact = scoring.is_contact(kind, metadata)
        candidate_activity_set(
            locked,
            anchor=anchor,
            last_interaction_at=_later(locked.last_interaction_at, occurred_at),
            last_active_at=_later(locked.last_active_at, occurred_at) if kind in HUMAN_KINDS else None,
            last_contacted_at=_later(locked.last_contacted_at, occurred_at) if contact else None,
        )
        tier_after = scoring.tier_of(
            scoring.score_at(anchor, half_life_days=params.half_life_days, now=now), params
        )
        # A recruiter's own contact ends their follow-up task; a campaign's automatic message does not (the
        # engine sends the high tier a recommendation at the moment it asks the recruiter to call).
        if contact and campaign is None:
            follow_ups_close(candidate=locked, reason="contacted")
        if kind in STOP_KINDS:
            from .campaigns import enrollments_stop

            enrollments_stop(candidate=locked, reason=str(kind))
        if tier_after != tier_before:
            webhook_emit(
                "candidate.tier_changed",
                {
                    "candidate": {"id": locked.pk},
                    "from": tier_before,
                    "to": tier_after,
                    "interaction": {"id": interaction.pk, "kind": kind},
                },
            )
        if tier_after == "high" and tier_before != "high":
            from ..tasks import high_tier_entered

            candidate_id, interaction_id = locked.pk, interaction.pk
            transaction.on_commit(lambda: high_tier_entered.delay(tenant_id, candidate_id, interaction_id))
    _copy_activity(locked, candidate)
    return interaction, True


def interaction_record(
    *,
    candidate,
    kind: str,
    channel: str = "",
    occurred_at: datetime | None = None,
    actor=None,
    campaign=None,
    message=None,
    external_id: str = "",
    body: str = "",
    metadata: dict | None = None,
) -> Interaction:
    """Record one interaction of the current tenant's ``candidate`` and update the candidate's activity at once.

    Returns the Interaction. In one transaction with the candidate's row locked: appends the row, adds its
    points to the anchor (an interaction dated in the past counts with its own age), moves ``last_interaction_at``,
    ``last_active_at`` (what the candidate did) and ``last_contacted_at`` (``scoring.is_contact``) forward,
    closes the open follow-up on a recruiter's contact, stops the candidate's sequences on a reply,
    unsubscribe or hire, and — when the candidate's tier becomes high — queues ``high_tier_entered`` on commit.
    Raises ServiceError naming ``kind``, ``channel``, ``occurred_at`` (more than 5 minutes ahead, or before
    2000), ``metadata``, ``body``, ``candidate`` (not the tenant's) or ``external_id`` (another candidate's).
    Safe to run twice with the same ``external_id``: the replay returns the first row and changes nothing.
    """
    return interaction_record_with_created(
        candidate=candidate,
        kind=kind,
        channel=channel,
        occurred_at=occurred_at,
        actor=actor,
        campaign=campaign,
        message=message,
        external_id=external_id,
        body=body,
        metadata=metadata,
    )[0]


@dataclass(frozen=True)
class InteractionInput:
    """One interaction for ``interactions_bulk_record``: ``interaction_record``'s arguments without replays
    (no ``external_id``) and without campaign or message (those come one at a time from the outbox)."""

    candidate: object  # a Candidate or its id
    kind: str
    channel: str = ""
    occurred_at: datetime | None = None
    actor: object = None
    body: str = ""
    metadata: dict | None = None


def interactions_bulk_record(*, items: list[InteractionInput]) -> list[int]:
    """Record many interactions of the current tenant at once, with the effects ``interaction_record`` has for
    each of them in the order given: the rows, every candidate's anchor and ``last_*`` times (the terms added in
    order, from the value read under the row lock), ``candidate.tier_changed`` for each tier change (through
    the webhook collector when one is open), follow-ups closed on a contact, sequences stopped on a reply,
    unsubscribe or hire, ``high_tier_entered`` queued on commit. Merged candidates' interactions go to the
    candidate they were merged into.

    Set-based: one statement locks the candidates (ordered by id, so two bulk writers never deadlock), one
    inserts the interactions, one writes the candidates, one closes the follow-ups — whatever the number of
    items. Returns the new interactions' ids in the order of ``items``. Raises ServiceError, before writing
    anything, for the first item ``interaction_record`` would refuse (its message names the field), or
    ``candidate`` when one is not the tenant's. Not safe to run twice (no external ids: each call appends).
    """
    if not items:
        return []
    cleaned = [
        _clean(item.kind, item.channel, item.occurred_at, "", item.body, item.metadata) for item in items
    ]
    tenant_id = require_tenant_id()
    params = scoring.params_for(tenant_id)
    from talentpool.db_bulk import insert_many

    with transaction.atomic():
        owners = [getattr(item.candidate, "pk", item.candidate) for item in items]
        locked = _lock_candidates(set(owners))
        survivors = [_survivor(locked, owner) for owner in owners]
        recorded_at = timezone.now()
        ids = insert_many(
            Interaction,
            [
                {
                    "tenant_id": tenant_id,
                    "candidate_id": candidate["id"],
                    "kind": str(item.kind),
                    "channel": channel,
                    "occurred_at": occurred_at,
                    "recorded_at": recorded_at,
                    "actor_id": getattr(item.actor, "pk", None),
                    "campaign_id": None,
                    "message_id": None,
                    "external_id": "",
                    "body": body,
                    "metadata": metadata,
                }
                for item, candidate, (channel, occurred_at, _id, body, metadata) in zip(
                    items, survivors, cleaned, strict=True
                )
            ],
        )
        now = timezone.now()
        written: dict[int, dict] = {}
        contacted: set[int] = set()
        stops: dict[int, str] = {}
        entered_high: list[tuple[int, int]] = []
        tier_events: list[dict] = []
        for item, candidate, (_c, occurred_at, _id, _b, metadata), pk in zip(
            items, survivors, cleaned, ids, strict=True
        ):
            kind = str(item.kind)
            written[candidate["id"]] = candidate
            tier_before = scoring.tier_of(
                scoring.score_at(candidate["activity_anchor"], half_life_days=params.half_life_days, now=now),
                params,
            )
            candidate["activity_anchor"] = scoring.anchor_add(
                candidate["activity_anchor"],
                weight=params.weight(kind),
                occurred_at=occurred_at,
                half_life_days=params.half_life_days,
            )
            columns = ["last_interaction_at"]
            if kind in HUMAN_KINDS:
                columns.append("last_active_at")
            if scoring.is_contact(kind, metadata):
                columns.append("last_contacted_at")
                contacted.add(candidate["id"])
            for column in columns:
                candidate[column] = _later(candidate[column], occurred_at) or candidate[column]
            if kind in STOP_KINDS:
                stops.setdefault(candidate["id"], kind)
            tier_after = scoring.tier_of(
                scoring.score_at(candidate["activity_anchor"], half_life_days=params.half_life_days, now=now),
                params,
            )
            if tier_after != tier_before:
                tier_events.append(
                    {
                        "candidate": {"id": candidate["id"]},
                        "from": tier_before,
                        "to": tier_after,
                        "interaction": {"id": pk, "kind": kind},
                    }
                )
            if tier_after == "high" and tier_before != "high":
                entered_high.append((candidate["id"], pk))
        _activity_write(tenant_id, written.values())
        if contacted:
            FollowUp.objects.filter(candidate_id__in=contacted, done_at__isnull=True).update(
                done_at=timezone.now(), done_reason="contacted"
            )
        if stops:
            from .campaigns import enrollments_stop

            for candidate_id, reason in stops.items():
                enrollments_stop(candidate=candidate_id, reason=reason)
        if tier_events:
            from webhooks.services import emit_many

            emit_many("candidate.tier_changed", tier_events)
        if entered_high:
            from ..tasks import high_tier_entered

            transaction.on_commit(
                lambda: [high_tier_entered.delay(tenant_id, *pair) for pair in entered_high]
            )
    return ids


_LOCKED_COLUMNS = (
    "id",
    "status",
    "merged_into_id",
    "activity_anchor",
    "last_interaction_at",
    "last_active_at",
    "last_contacted_at",
)


def _lock_candidates(ids: set) -> dict[int, dict]:
    """The candidates' activity columns by id, their rows locked until the transaction ends (in id order), and
    those of the candidates merged ones point to. Raises ServiceError when one is not the current tenant's."""
    locked: dict[int, dict] = {}
    wanted = set(ids)
    while wanted:
        found = {
            row["id"]: row
            for row in Candidate.objects.select_for_update()
            .filter(pk__in=sorted(wanted))
            .order_by("pk")
            .values(*_LOCKED_COLUMNS)
        }
        if len(found) != len(wanted) and not locked:
            raise ServiceError("Unknown candidate.", field="candidate", code="unknown_candidate")
        locked.update(found)
        wanted = {
            row["merged_into_id"]
            for row in found.values()
            if row["status"] == CandidateStatus.MERGED and row["merged_into_id"]
        } - set(locked)
    return locked


def _survivor(locked: dict[int, dict], candidate_id: int) -> dict:
    candidate, seen = locked[candidate_id], set()
    while (
        candidate["status"] == CandidateStatus.MERGED
        and candidate["merged_into_id"] in locked
        and candidate["id"] not in seen
    ):
        seen.add(candidate["id"])
        candidate = locked[candidate["merged_into_id"]]
    return candidate


def _activity_write(tenant_id: int, candidates) -> int:
    """Store the anchors and ``last_*`` times of ``candidates`` in one statement (the set-based form of
    ``candidate_activity_set``, as the nightly reconcile writes them; ``updated_at`` untouched)."""
    values = [
        (c["id"], c["activity_anchor"], c["last_interaction_at"], c["last_active_at"], c["last_contacted_at"])
        for c in candidates
    ]
    if not values:
        return 0
    from psycopg2.extras import execute_values

    table = Candidate._meta.db_table
    with connection.cursor() as cursor:
        execute_values(
            cursor.cursor,
            f"UPDATE {table} c SET activity_anchor = v.anchor, last_interaction_at = v.interaction, "
            "last_active_at = v.active, last_contacted_at = v.contacted "
            "FROM (VALUES %s) AS v(id, anchor, interaction, active, contacted) "
            f"WHERE c.id = v.id AND c.tenant_id = {int(tenant_id)}",
            values,
            template="(%s::bigint, %s::float8, %s::timestamptz, %s::timestamptz, %s::timestamptz)",
            page_size=len(values),
        )
        return cursor.rowcount


def _replay(existing: Interaction, locked: Candidate) -> Interaction:
    if existing.candidate_id != locked.pk:
        raise ServiceError(
            "This external_id was recorded for another candidate.", field="external_id", code="duplicate"
        )
    return existing


def _copy_activity(source: Candidate, target) -> None:
    """Let the caller's candidate object show the new score without reading it again."""
    if isinstance(target, Candidate) and target.pk == source.pk and target is not source:
        for column in ("activity_anchor", "last_interaction_at", "last_active_at", "last_contacted_at"):
            setattr(target, column, getattr(source, column))


def interaction_log(
    *, candidate, kind: str, actor, body: str = "", channel: str = "", occurred_at: datetime | None = None
) -> Interaction:
    """A call, a meeting or a note logged by a member in the dashboard. Raises ServiceError for another kind,
    an empty note, or what ``interaction_record`` refuses. Not idempotent (each submission is one touch)."""
    if kind not in LOGGABLE_KINDS:
        raise ServiceError(
            "Only a call, a meeting or a note can be logged by hand.", field="kind", code="invalid"
        )
    if kind == InteractionKind.NOTE and not (body or "").strip():
        raise ServiceError(_("A note needs some text."), field="body", code="required")
    if not channel:
        channel = {InteractionKind.CALL: Channel.PHONE, InteractionKind.MEETING: Channel.IN_PERSON}.get(
            kind, ""
        )
    return interaction_record(
        candidate=candidate, kind=kind, channel=channel, occurred_at=occurred_at, actor=actor, body=body
    )


# --- follow-ups -------------------------------------------------------------------------------------------


def follow_ups_close(*, candidate, reason: str = "contacted") -> int:
    """Close the candidate's open follow-up. Returns how many were closed (0 or 1). Safe to run twice."""
    return FollowUp.objects.filter(candidate_id=candidate.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_reason=reason
    )


def activity_reasons(
    candidate: Candidate, *, now: datetime | None = None, limit: int = REASON_INTERACTIONS
) -> list[dict]:
    """The candidate's latest weighted interactions with the points each one counts now, newest first:
    ``[{"id", "kind", "occurred_at", "points"}]``. Read-only."""
    params = scoring.params_for(candidate.tenant_id)
    now = now or timezone.now()
    weighted = [kind for kind in InteractionKind.values if params.weight(kind) > 0]
    rows = (
        Interaction.objects.filter(candidate_id=candidate.pk, kind__in=weighted)
        .order_by("-occurred_at", "-id")
        .values("id", "kind", "occurred_at")[:limit]
    )
    half_life = params.half_life_days * scoring.DAY_SECONDS
    return [
        {
            "id": row["id"],
            "kind": row["kind"],
            "occurred_at": row["occurred_at"].isoformat(),
            "points": round(
                params.weight(row["kind"]) * 2.0 ** (-(now - row["occurred_at"]).total_seconds() / half_life),
                1,
            ),
        }
        for row in rows
    ]


def _recipients() -> list:
    """Who hears of a highly active candidate: the tenant's recruiters, else its admins (candidates have no
    owner yet; when they get one, the owner comes first)."""
    for role in (Role.RECRUITER, Role.ADMIN):
        users = [
            membership.user
            for membership in Membership.objects.filter(role=role, user__is_active=True)
            .select_related("user")
            .order_by("id")
        ]
        if users:
            return users
    return []


def follow_up_for_high_tier(*, candidate_id: int, interaction_id: int | None = None) -> FollowUp | None:
    """React to a candidate entering the high tier: a FollowUp (one open per candidate) with the open roles that
    fit, and a notification (kind ``high_activity``, in-app and by email) to each recipient in their language,
    saying who, why (the interactions that did it, with their points now) and which roles.

    Returns the new FollowUp, or None when the candidate is gone, is no longer high, or already has an open one
    (then nobody is notified twice). Safe to run twice.
    """
    from ..selectors.roles import roles_for_candidate

    candidate = Candidate.objects.filter(pk=candidate_id).first()
    if candidate is None or candidate.activity_tier != "high":
        return None
    if FollowUp.objects.filter(candidate=candidate, done_at__isnull=True).exists():
        return None
    now = timezone.now()
    roles = roles_for_candidate(candidate, limit=3)
    reasons = activity_reasons(candidate, now=now)
    recipients = _recipients()
    score = round(candidate.activity_score, 1)
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                candidate=candidate,
                assignee=recipients[0] if len(recipients) == 1 else None,
                reason={"score": score, "interaction_id": interaction_id, "interactions": reasons},
                roles=roles,
                fit=roles[0]["score"] if roles else 0.0,
                created_at=now,
            )
            tenant = Tenant.objects.get(pk=candidate.tenant_id)
            for user in recipients:
                _notify_high_activity(user, tenant, candidate, score, reasons, roles)
    except IntegrityError:  # another worker opened the follow-up meanwhile; it notified
        return None
    return follow_up


def _notify_high_activity(
    user, tenant: Tenant, candidate: Candidate, score: float, reasons: list[dict], roles: list[dict]
) -> None:
    from talentpool.tenancy.notifications import notify

    # Rendered in each reader's language from these (engagement/notifications.py), the e-mail in the recipient's.
    params = {
        "name": candidate.full_name,
        "score": score,
        "reasons": reasons,
        "roles": roles,
        "zone": str(_zone(tenant)),
    }
    notify(
        user, kind="high_activity", params=params, url=reverse("candidates:candidate", args=[candidate.pk])
    )


def _zone(tenant: Tenant):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(tenant.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


# --- reconciling every anchor -------------------------------------------------------------------------------


def activity_reconcile(*, now: datetime | None = None) -> dict:
    """Recompute the current tenant's anchors and ``last_*`` times from its interactions in one statement.

    anchor = position(now) + log2(Σ weight × 2^((tᵢ − now) / half-life)) (−∞ without a weighted interaction),
    summed relative to ``now`` in float8 so no term overflows; a term older than 1000 half-lives is 0. Writes
    only rows whose anchor moved by more than 1e-9 or whose ``last_*`` differ (``updated_at`` untouched).
    Returns ``{"candidates": rows scanned, "updated": rows written}``. Safe to run twice (the second run
    writes nothing).
    """
    tenant_id = require_tenant_id()
    params = scoring.params_for(tenant_id)
    now = now or timezone.now()
    kinds = [kind for kind in InteractionKind.values if params.weight(kind) > 0]
    weights = [params.weight(kind) for kind in kinds]
    half_life_seconds = params.half_life_days * scoring.DAY_SECONDS
    position = scoring.epoch_position(now, params.half_life_days)
    contact, contact_params = scoring.contact_sql()
    candidates, interactions = Candidate._meta.db_table, Interaction._meta.db_table
    sql = f"""
        WITH totals AS (
            SELECT i.candidate_id,
                   sum(w.weight * power(2::float8, greatest(
                       (date_part('epoch', i.occurred_at) - %s::float8) / %s::float8, -1000::float8))) AS total,
                   max(i.occurred_at) AS last_interaction_at,
                   max(i.occurred_at) FILTER (WHERE i.kind = ANY(%s::text[])) AS last_active_at,
                   max(i.occurred_at) FILTER (WHERE {contact}) AS last_contacted_at
            FROM {interactions} i
            LEFT JOIN unnest(%s::text[], %s::float8[]) AS w(kind, weight) ON w.kind = i.kind
            WHERE i.tenant_id = %s
            GROUP BY i.candidate_id
        ),
        target AS (
            SELECT c.id,
                   CASE WHEN coalesce(t.total, 0) > 0 THEN %s::float8 + ln(t.total) / ln(2::float8)
                        ELSE '-Infinity'::float8 END AS anchor,
                   t.last_interaction_at, t.last_active_at, t.last_contacted_at
            FROM {candidates} c LEFT JOIN totals t ON t.candidate_id = c.id
            WHERE c.tenant_id = %s
        )
        UPDATE {candidates} c
        SET activity_anchor = target.anchor, last_interaction_at = target.last_interaction_at,
            last_active_at = target.last_active_at, last_contacted_at = target.last_contacted_at
        FROM target
        WHERE c.id = target.id AND c.tenant_id = %s
          AND (NOT (c.activity_anchor = target.anchor OR abs(c.activity_anchor - target.anchor) <= 1e-9)
               OR c.last_interaction_at IS DISTINCT FROM target.last_interaction_at
               OR c.last_active_at IS DISTINCT FROM target.last_active_at
               OR c.last_contacted_at IS DISTINCT FROM target.last_contacted_at)
    """
    values = [
        now.timestamp(),
        half_life_seconds,
        sorted(str(kind) for kind in HUMAN_KINDS),
        *contact_params,
        kinds,
        weights,
        tenant_id,
        position,
        tenant_id,
        tenant_id,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        # One big aggregate: JIT compilation costs more than it saves here (PERFORMANCE.md), and date_part is
        # float8 where extract() is numeric since PostgreSQL 14 (3–7× slower over millions of rows).
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, values)
        updated = cursor.rowcount
        cursor.execute(f"SELECT count(*) FROM {candidates} WHERE tenant_id = %s", [tenant_id])
        scanned = cursor.fetchone()[0]
    return {"candidates": scanned, "updated": updated}


def activity_recompute_rowwise(candidate: Candidate, *, now: datetime | None = None) -> float:
    """The anchor of one candidate summed in Python from its interactions (the slow, obvious way: the bench's
    baseline and the tests' reference). Writes it through ``candidate_activity_set``; returns it."""
    params = scoring.params_for(candidate.tenant_id)
    total = 0.0
    now = now or timezone.now()
    half_life = params.half_life_days * scoring.DAY_SECONDS
    for kind, occurred_at in Interaction.objects.filter(candidate_id=candidate.pk).values_list(
        "kind", "occurred_at"
    ):
        total += params.weight(kind) * 2.0 ** max((occurred_at - now).total_seconds() / half_life, -1000.0)
    anchor = (
        (scoring.epoch_position(now, params.half_life_days) + math.log2(total))
        if total > 0
        else scoring.NO_ACTIVITY
    )
    candidate_activity_set(candidate, anchor=anchor)
    return anchor


def engagement_scoring_update(*, values: dict, actor=None):
    """Change the tenant's scoring settings (weights, half-life, thresholds) and re-score the pool when the
    weights or the half-life changed (they change what every stored anchor means; thresholds do not).

    Returns ``(settings row, reconcile counts or None)``. Raises ServiceError as ``engagement_settings_update``.
    Safe to run twice.
    """
    from .settings import engagement_settings, engagement_settings_update

    before = engagement_settings()
    old = (dict(before.weights or {}), float(before.half_life_days))
    row = engagement_settings_update(values=values, actor=actor)
    counts = None
    if (dict(row.weights or {}), float(row.half_life_days)) != old:
        counts = activity_reconcile()
    return row, counts
