"""Read queries of the operations engine: who in each tier may get a message this run, which open roles fit
each of them, and which content items match their tags. Set-based: one statement per tier split, one per open
role, one for all content picks; nothing here runs a query per candidate.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from django.db import connection

from candidates.models import Candidate, CandidateEmail, CandidateStatus, ConsentStatus
from talentpool.tenancy.context import require_tenant_id

from .. import scoring
from ..models import (
    Campaign,
    CampaignStatus,
    ContentItem,
    EngineAction,
    Enrollment,
    EnrollmentStatus,
    MessageKind,
    MessageStatus,
    OutboundMessage,
)

# Why an engine rule leaves a candidate out, in the order they are checked (the first that applies is named).
SKIP_CONSENT = "consent"  # consent withdrawn, or required by the tenant and not given (outside a re-consent)
SKIP_NO_EMAIL = "no_email"
SKIP_IN_SEQUENCE = "in_sequence"  # enrolled in a running campaign: the sequence speaks for now
SKIP_CADENCE = "cadence"  # an outreach message in the outbox within the rule's cadence
SKIP_NO_FIT = "no_fit"  # nothing to send: no fitting role and no content matching the candidate's tags
SKIP_REASONS = (SKIP_CONSENT, SKIP_NO_EMAIL, SKIP_IN_SEQUENCE, SKIP_CADENCE, SKIP_NO_FIT)
SEND, SEND_RECONSENT = "send", "reconsent"
WORK_MEM = "128MB"  # for the one statement that ranks content for a whole tier

# Outbox rows that count as "messaged": everything but what was never sent (skipped at send time, failed).
_COUNTED_STATUSES = (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.BOUNCED)


@dataclass
class TierSplit:
    """One tier's active candidates split by outcome: ids to message (``send``), ids to ask for consent
    again instead (``reconsent``), and how many were left out for each reason."""

    tier: str
    send: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    reconsent: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    skipped: dict[str, int] = field(default_factory=dict)


def _ids(text: str | None) -> np.ndarray:
    if not text:
        return np.empty(0, dtype=np.int64)
    # Parsed in C: a list of 800,000 Python strings on the way would double the dry run's peak memory.
    return np.fromstring(text, dtype=np.int64, sep=",")


def tier_splits(
    *, rules: dict[str, tuple[str, int]], now: datetime, require_consent: bool, params: scoring.ScoringParams
) -> dict[str, TierSplit]:
    """For each tier in ``rules`` (tier → (action, cadence days)): its active, unmerged candidates at ``now``
    split into those the engine may message and those it leaves out, with the reason (``SKIP_REASONS``).

    Checked in this order: consent withdrawn; no email address; enrolled in a running campaign; an outreach
    message in the outbox within the cadence; consent required by the tenant and not given — then a rule whose
    action is a greeting asks for consent again instead (``reconsent``), any other action skips them (a
    re-consent rule asks everyone). ``do_not_contact``, hired and anonymised candidates are not active, so
    they are never considered. One statement over the tenant's candidates (hash joins, no per-row probes).
    """
    tenant_id = require_tenant_id()
    tiers = sorted(rules)
    if not tiers:
        return {}
    longest = max(cadence for _action, cadence in rules.values())
    tier_where, tier_params = scoring.tier_sql(tiers, params, now, column="c.activity_anchor")
    tier_case, tier_case_params = scoring.tier_case_sql(params, now, column="c.activity_anchor")
    cadence_case = " ".join("WHEN %s THEN %s::timestamptz" for _ in tiers)
    cadence_params = [value for tier in tiers for value in (tier, now - timedelta(days=rules[tier][1]))]
    greeting_tiers = [tier for tier in tiers if rules[tier][0] == EngineAction.GREETING]
    reconsent_tiers = [tier for tier in tiers if rules[tier][0] == EngineAction.RECONSENT]
    sql = f"""
        WITH pool AS (
            SELECT c.id, {tier_case} AS tier, c.consent_status
            FROM {Candidate._meta.db_table} c
            WHERE c.tenant_id = %s AND c.status = %s AND {tier_where}
        ), emails AS (
            SELECT DISTINCT candidate_id FROM {CandidateEmail._meta.db_table} WHERE tenant_id = %s
        ), sequences AS (
            SELECT DISTINCT e.candidate_id FROM {Enrollment._meta.db_table} e
            JOIN {Campaign._meta.db_table} k ON k.id = e.campaign_id AND k.tenant_id = e.tenant_id
            WHERE e.tenant_id = %s AND e.status = %s AND k.status = %s
        ), recent AS (
            SELECT candidate_id, max(created_at) AS last_at FROM {OutboundMessage._meta.db_table}
            WHERE tenant_id = %s AND kind = %s AND candidate_id IS NOT NULL AND created_at > %s
              AND status = ANY(%s::text[])
            GROUP BY candidate_id
        ), outcomes AS (
            SELECT p.id, p.tier, CASE
                WHEN p.consent_status = %s THEN %s
                WHEN m.candidate_id IS NULL THEN %s
                WHEN s.candidate_id IS NOT NULL THEN %s
                WHEN r.last_at > (CASE p.tier {cadence_case} END) THEN %s
                WHEN p.tier = ANY(%s::text[]) THEN %s
                WHEN %s AND p.consent_status <> %s THEN
                    CASE WHEN p.tier = ANY(%s::text[]) THEN %s ELSE %s END
                ELSE %s END AS outcome
            FROM pool p
            LEFT JOIN emails m ON m.candidate_id = p.id
            LEFT JOIN sequences s ON s.candidate_id = p.id
            LEFT JOIN recent r ON r.candidate_id = p.id
        )
        SELECT tier, outcome, count(*),
               CASE WHEN outcome IN (%s, %s) THEN string_agg(id::text, ',' ORDER BY id) END
        FROM outcomes GROUP BY tier, outcome"""
    values = [
        *tier_case_params,
        tenant_id,
        CandidateStatus.ACTIVE.value,
        *tier_params,
        tenant_id,
        tenant_id,
        EnrollmentStatus.ACTIVE.value,
        CampaignStatus.RUNNING.value,
        tenant_id,
        MessageKind.OUTREACH.value,
        now - timedelta(days=longest),
        [str(s) for s in _COUNTED_STATUSES],
        ConsentStatus.WITHDRAWN.value,
        SKIP_CONSENT,
        SKIP_NO_EMAIL,
        SKIP_IN_SEQUENCE,
        *cadence_params,
        SKIP_CADENCE,
        reconsent_tiers,
        SEND_RECONSENT,
        bool(require_consent),
        ConsentStatus.GIVEN.value,
        greeting_tiers,
        SEND_RECONSENT,
        SKIP_CONSENT,
        SEND,
        SEND,
        SEND_RECONSENT,
    ]
    splits = {tier: TierSplit(tier, skipped={reason: 0 for reason in SKIP_REASONS}) for tier in tiers}
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        for tier, outcome, count, ids in cursor.fetchall():
            split = splits[tier]
            if outcome == SEND:
                split.send = _ids(ids)
            elif outcome == SEND_RECONSENT:
                split.reconsent = _ids(ids)
            else:
                split.skipped[outcome] = int(count)
    return splits


# --- open roles that fit, for a whole tier --------------------------------------------------------------


@dataclass
class RoleFits:
    """Each candidate's best open roles: ``best[candidate_id] = [(role_id, score), …]``, best first."""

    best: dict[int, list[tuple[int, float]]]
    roles: dict[int, str]  # role id → title
    statements: int = 0


def open_roles():
    """The tenant's open role profiles that have requirements (a role with none fits everyone equally)."""
    from profiles.models import ProfileStatus, Requirement, RoleProfile

    return list(
        RoleProfile.objects.filter(status=ProfileStatus.OPEN)
        .filter(pk__in=Requirement.objects.values("profile_id"))
        .order_by("-created_at", "id")
    )


# The candidate columns profiles.matching's scan reads (scores, fits and filters): the engine's copy holds these.
_SCAN_COLUMNS = (
    "id",
    "tenant_id",
    "status",
    "activity_anchor",
    "tag_ids",
    "tag_strengths",
    "years_experience",
    "highest_education",
    "location",
    "created_at",
    "updated_at",
    "last_contacted_at",
)
_SCAN_TABLE = "engine_scan_pool"


def best_roles_for_tier(
    candidate_ids: np.ndarray, *, tiers: tuple[str, ...], floor: float, per_candidate: int = 3, roles=None
) -> RoleFits:
    """The ``per_candidate`` best open roles of each of ``candidate_ids`` (score ≥ ``floor``), from one
    ``profiles.matching.score_all`` statement per open role (the same scores, must-have gate and filters as
    ``rank``), kept in memory with numpy: not one ranking per candidate.

    The candidates are first copied (their scan columns only) into a temporary table that every role's statement
    scans instead of the pool: a role whose must-have is a popular tag would otherwise read a third of the pool
    to find the few in ``tiers``, 200 times over. ``tiers`` is checked again on the copy. Runs inside the
    caller's transaction (tenant_context); the table is dropped before returning. A candidate whose every role
    scores below ``floor`` is absent from ``best``. Writes nothing but the temporary table.
    """
    from profiles.matching import MatchOptions, score_all

    roles = open_roles() if roles is None else roles
    fits = RoleFits(best={}, roles={role.pk: role.title for role in roles}, statements=len(roles))
    wanted = np.unique(np.asarray(candidate_ids, dtype=np.int64))
    if not len(wanted) or not roles:
        return fits
    options = MatchOptions(tiers=tiers, min_score=floor)
    columns = ", ".join(f"c.{column}" for column in _SCAN_COLUMNS)
    ids_parts, role_parts, score_parts = [], [], []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_SCAN_TABLE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_SCAN_TABLE} AS SELECT {columns} FROM {Candidate._meta.db_table} c "
            "JOIN unnest(%s::bigint[]) AS w(id) ON w.id = c.id WHERE c.tenant_id = %s",
            ["{" + ",".join(map(str, wanted.tolist())) + "}", require_tenant_id()],
        )
        # The must-have gate and "meets any requirement" are array conditions a GIN index serves, as on the pool.
        cursor.execute(f"CREATE INDEX ON {_SCAN_TABLE} USING gin (tag_ids)")
        cursor.execute(f"ANALYZE {_SCAN_TABLE}")
        try:
            for role in roles:
                rows = score_all(role, options, source=_SCAN_TABLE)
                if not rows:
                    continue
                ids_parts.append(np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)))
                score_parts.append(np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows)))
                role_parts.append(np.full(len(rows), role.pk, dtype=np.int64))
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {_SCAN_TABLE}")
    if not ids_parts:
        return fits
    ids, role_ids, scores = np.concatenate(ids_parts), np.concatenate(role_parts), np.concatenate(score_parts)
    # Sort by candidate, then best score first (ties: the lower role id, so runs agree), and keep the first
    # ``per_candidate`` of each candidate's run.
    order = np.lexsort((role_ids, -scores, ids))
    ids, role_ids, scores = ids[order], role_ids[order], scores[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    position = np.arange(len(ids)) - np.repeat(starts, np.diff(np.r_[starts, len(ids)]))
    keep = position < per_candidate
    for candidate_id, role_id, score in zip(
        ids[keep].tolist(), role_ids[keep].tolist(), scores[keep].tolist(), strict=True
    ):
        fits.best.setdefault(candidate_id, []).append((role_id, round(score, 1)))
    return fits


def best_roles_per_candidate_loop(
    candidate_ids, *, floor: float, per_candidate: int = 3, roles=None
) -> dict[int, list[tuple[int, float]]]:
    """The same answer as ``best_roles_for_tier`` the slow way: every open role ranked for one candidate at a
    time (``rank`` with ``candidate_ids=(id,)``, as ``engagement.selectors.roles.roles_for_candidate`` does).
    The benchmark's baseline and the tests' cross-check; never used by the engine."""
    from profiles.matching import MatchOptions, rank

    roles = open_roles() if roles is None else roles
    out: dict[int, list[tuple[int, float]]] = {}
    for candidate_id in candidate_ids:
        options = MatchOptions(candidate_ids=(int(candidate_id),), limit=1, min_score=floor)
        found = []
        for role in roles:
            matches = rank(role, options)
            if matches:
                found.append((-matches[0].score, role.pk))
        best = heapq.nsmallest(per_candidate, found)
        if best:
            out[int(candidate_id)] = [(role_id, round(-negative, 1)) for negative, role_id in best]
    return out


# --- content by tags --------------------------------------------------------------------------------------------


def content_picks(
    candidate_ids: np.ndarray, *, today, language: str = "", per_candidate: int = 3
) -> dict[int, list[int]]:
    """For each of ``candidate_ids``: up to ``per_candidate`` valid content items (valid through ``today``)
    sharing tags with the candidate, as item ids, in ``engagement.selectors.templates.content_for_candidate``'s
    order: the most shared tags, then items in ``language``, then the newest. Candidates sharing no tag with any
    valid item are absent. One statement for all of them: the candidates' tags joined to the items' tags,
    counted per pair, ranked per candidate (a join on tag ids, not an ``&&`` per candidate and item)."""
    if len(candidate_ids) == 0:
        return {}
    tenant_id = require_tenant_id()
    id_text = "{" + ",".join(str(int(value)) for value in candidate_ids) + "}"
    # Each item's tags carry its order keys, so the pairs are ranked without joining the items again (the
    # planner cannot estimate the items' CTE and would loop over it for every pair).
    sql = f"""
        WITH item_tags AS MATERIALIZED (
            SELECT i.id AS item_id, t.tag_id, (i.language = %s)::int AS in_language, i.created_at
            FROM {ContentItem._meta.db_table} i CROSS JOIN LATERAL unnest(i.tag_ids) AS t(tag_id)
            WHERE i.tenant_id = %s AND (i.valid_until IS NULL OR i.valid_until >= %s)
        ), candidate_tags AS (
            SELECT c.id, t.tag_id
            FROM unnest(%s::bigint[]) AS w(id)
            JOIN {Candidate._meta.db_table} c ON c.id = w.id AND c.tenant_id = %s
            CROSS JOIN LATERAL unnest(c.tag_ids) AS t(tag_id)
        ), shared AS (
            SELECT ct.id, it.item_id, it.in_language, it.created_at, count(*) AS n
            FROM candidate_tags ct JOIN item_tags it ON it.tag_id = ct.tag_id
            GROUP BY ct.id, it.item_id, it.in_language, it.created_at
        ), ranked AS (
            SELECT id, item_id, row_number() OVER (
                PARTITION BY id ORDER BY n DESC, in_language DESC, created_at DESC, item_id DESC) AS place
            FROM shared
        )
        SELECT id, string_agg(item_id::text, ',' ORDER BY place) FROM ranked WHERE place <= %s GROUP BY id"""
    with connection.cursor() as cursor:
        # The pairs of a few hundred thousand candidates are sorted in memory rather than on disk; the setting
        # is transaction-local and put back afterwards.
        cursor.execute("SELECT current_setting('work_mem'), set_config('work_mem', %s, true)", [WORK_MEM])
        previous = cursor.fetchone()[0]
        cursor.execute(sql, [language, tenant_id, today, id_text, tenant_id, per_candidate])
        rows = cursor.fetchall()
        cursor.execute("SELECT set_config('work_mem', %s, true)", [previous])
    return {int(candidate_id): [int(item) for item in items.split(",")] for candidate_id, items in rows}
