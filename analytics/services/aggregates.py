"""Milestones and daily counters, kept up to date crash-safely (docs/analytics.md, "Aggregates").

1. ``milestones_sql`` derives, per candidate, the first day (tenant time zone) of each funnel step from the raw
   rows: contacted (``engagement.scoring.contact_sql``, the product's one meaning), opened (a person's open or
   click; machine opens are their own kind and never count), replied, interviewed (a stage move into
   interviewing or offer), hired (a counted hire), probation passed / failed (the hire's outcome).
2. ``refresh`` recomputes the milestones of every candidate whose raw rows were recorded since the last run
   (a late event — an HRIS hire dated last month — is such a row), and the days whose milestones changed are
   refilled: old and new days alike, so a past day is corrected.
3. ``fill_days`` fills days the Zulip way: each day is marked ``started`` (committed), its counters are
   replaced per segment kind (each kind its own commit), then the day is marked ``done``. A day still
   ``started`` at the next run was half-filled by a dead worker: it is replaced again.
4. Counting itself (milestones × segments) happens in the worker with numpy (``analytics.services.counting``);
   the counters are stored a month per row (``CounterMonth``).

Everything runs inside the current tenant (row-level security applies to every statement).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import numpy as np
from django.db import connection
from django.utils import timezone

from candidates.models import Candidate, Tag
from engagement.models import Campaign, Interaction
from engagement.scoring import contact_sql
from profiles.models import Application, Hire, StageEvent
from talentpool.tenancy.context import require_tenant_id, tenant_context
from talentpool.tenancy.models import Tenant

from ..models import (
    AnalyticsSettings,
    FillState,
    FillStatus,
    Milestone,
    PoolSnapshot,
    SegmentSize,
)
from . import counting

logger = logging.getLogger(__name__)

# Tag categories per tag group (hard skill / experience / quality), as role requirements group them.
TAG_GROUPS = {
    "hard_skill": ("skill", "certificate", "language", "education"),
    "experience": ("experience", "industry", "title"),
    "quality": ("quality",),
}
OPEN_KINDS = ("opened", "clicked")  # a person's open; a click proves one. machine_opened never counts.
INTERVIEW_STAGES = ("interviewing", "offer")
# Segment kinds kept as daily counters; tiers change every day, so the tier funnel reads the milestones.
STORED_KINDS = ("all", "tag", "group", "source", "month", "campaign", "role", "recruiter")


def _tables() -> dict[str, str]:
    return {
        "candidate": Candidate._meta.db_table,
        "interaction": Interaction._meta.db_table,
        "stage": StageEvent._meta.db_table,
        "application": Application._meta.db_table,
        "hire": Hire._meta.db_table,
        "campaign": Campaign._meta.db_table,
        "tag": Tag._meta.db_table,
        "milestone": Milestone._meta.db_table,
        "fill": FillState._meta.db_table,
        "size": SegmentSize._meta.db_table,
    }


def tenant_zone(tenant_id: int | None = None) -> str:
    tenant_id = tenant_id or require_tenant_id()
    return Tenant.objects.filter(pk=tenant_id).values_list("time_zone", flat=True).first() or "UTC"


def milestones_sql(*, candidate_filter: str = "") -> str:
    """A SELECT of milestone rows ``(candidate_id, step, reached_on, jump, profile_id, campaign_id,
    recruiter_id)`` from the raw rows. Parameters: %(tenant)s, %(zone)s, the contact condition's %(c1)s,
    %(c2)s, %(c3)s and, with ``candidate_filter`` (e.g. ``= ANY(%(ids)s)``), the ids."""
    t = _tables()
    only = f"AND {{col}} {candidate_filter}" if candidate_filter else ""
    contact, _ = contact_sql(kind="i.kind", metadata="i.metadata")
    contact = contact.replace("%s", "{}").format("%(c1)s", "%(c2)s", "%(c3)s")
    return f"""
    WITH cand AS (
        SELECT c.id, (c.created_at AT TIME ZONE %(zone)s)::date AS pooled
        FROM {t["candidate"]} c
        WHERE c.tenant_id = %(tenant)s AND c.status <> 'merged' {only.format(col="c.id")}
    ), first_contact AS (
        SELECT DISTINCT ON (i.candidate_id) i.candidate_id, (i.occurred_at AT TIME ZONE %(zone)s)::date AS day,
               i.campaign_id, i.actor_id
        FROM {t["interaction"]} i
        WHERE i.tenant_id = %(tenant)s AND {contact} {only.format(col="i.candidate_id")}
        ORDER BY i.candidate_id, i.occurred_at, i.id
    ), reactions AS (
        SELECT i.candidate_id,
               min(i.occurred_at) FILTER (WHERE i.kind IN ('opened', 'clicked')) AS opened,
               min(i.occurred_at) FILTER (WHERE i.kind = 'replied') AS replied
        FROM {t["interaction"]} i
        WHERE i.tenant_id = %(tenant)s AND i.kind IN ('opened', 'clicked', 'replied')
              {only.format(col="i.candidate_id")}
        GROUP BY i.candidate_id
    ), interviews AS (
        SELECT DISTINCT ON (e.candidate_id) e.candidate_id, (e.occurred_at AT TIME ZONE %(zone)s)::date AS day,
               a.profile_id
        FROM {t["stage"]} e JOIN {t["application"]} a ON a.id = e.application_id
        WHERE e.tenant_id = %(tenant)s AND e.to_stage IN ('interviewing', 'offer') {only.format(col="e.candidate_id")}
        ORDER BY e.candidate_id, e.occurred_at, e.id
    ), hires AS (
        SELECT DISTINCT ON (h.candidate_id) h.candidate_id, h.hired_at AS day, h.profile_id
        FROM {t["hire"]} h
        WHERE h.tenant_id = %(tenant)s AND h.voided_at IS NULL AND h.candidate_id IS NOT NULL
              {only.format(col="h.candidate_id")}
        ORDER BY h.candidate_id, h.hired_at, h.id
    ), probation AS (
        SELECT DISTINCT ON (h.candidate_id, h.probation_outcome) h.candidate_id, h.probation_outcome AS outcome,
               coalesce(h.probation_decided_on, h.hired_at) AS day, h.profile_id
        FROM {t["hire"]} h
        WHERE h.tenant_id = %(tenant)s AND h.voided_at IS NULL AND h.candidate_id IS NOT NULL
              AND h.probation_outcome IN ('passed', 'failed') {only.format(col="h.candidate_id")}
        ORDER BY h.candidate_id, h.probation_outcome, coalesce(h.probation_decided_on, h.hired_at), h.id
    ), wide AS (
        SELECT cand.id, cand.pooled, fc.day AS contacted,
               (r.opened AT TIME ZONE %(zone)s)::date AS opened, (r.replied AT TIME ZONE %(zone)s)::date AS replied,
               iv.day AS interviewed, iv.profile_id AS interview_role, hi.day AS hired, hi.profile_id AS hire_role,
               pp.day AS passed, pp.profile_id AS passed_role, pf.day AS failed, pf.profile_id AS failed_role,
               fc.campaign_id, coalesce(fc.actor_id, camp.sender_id, camp.created_by_id) AS recruiter_id
        FROM cand
        LEFT JOIN first_contact fc ON fc.candidate_id = cand.id
        LEFT JOIN {t["campaign"]} camp ON camp.id = fc.campaign_id
        LEFT JOIN reactions r ON r.candidate_id = cand.id
        LEFT JOIN interviews iv ON iv.candidate_id = cand.id
        LEFT JOIN hires hi ON hi.candidate_id = cand.id
        LEFT JOIN probation pp ON pp.candidate_id = cand.id AND pp.outcome = 'passed'
        LEFT JOIN probation pf ON pf.candidate_id = cand.id AND pf.outcome = 'failed'
    )
    SELECT w.id AS candidate_id, s.step, s.day AS reached_on,
           (s.before IS NULL OR s.before > s.day) AND s.step <> 'pooled' AS jump, s.role AS profile_id,
           w.campaign_id, w.recruiter_id
    FROM wide w, LATERAL (VALUES
        ('pooled', w.pooled, w.pooled, NULL::bigint),
        ('contacted', w.contacted, w.pooled, NULL),
        ('opened', w.opened, w.contacted, NULL),
        ('replied', w.replied, w.opened, NULL),
        ('interviewed', w.interviewed, w.replied, w.interview_role),
        ('hired', w.hired, w.interviewed, w.hire_role),
        ('probation_passed', w.passed, w.hired, w.passed_role),
        ('probation_failed', w.failed, w.hired, w.failed_role)
    ) AS s(step, day, before, role)
    WHERE s.day IS NOT NULL
    """


def milestone_params(tenant_id: int, zone: str, **extra) -> dict:
    _, (c1, c2, c3) = contact_sql()
    return {"tenant": tenant_id, "zone": zone, "c1": c1, "c2": c2, "c3": c3, **extra}


# --- filling days ----------------------------------------------------------------------------------------------


def segment_rows(kind: str, *, table: str | None = None, where: str = "true") -> str:
    """A SELECT of ``(day, key, step, candidate_id, jump)``: one row per milestone and segment of ``kind`` it
    belongs to (ids stay integers until grouped: casting 20 million of them first costs more), from the milestone table (or ``table``, milestones computed from the raw rows), restricted by
    ``where``. Parameters: %(tenant)s, %(zone)s (month), %(high)s / %(mid)s (tier bounds on the anchor)."""
    t = _tables()
    table = table or t["milestone"]
    base = (
        (
            f"FROM {table} m JOIN {t['candidate']} c ON c.id = m.candidate_id "
            f"WHERE m.tenant_id = %(tenant)s AND {where}"
        )
        if table == t["milestone"]
        else (f"FROM {table} m JOIN {t['candidate']} c ON c.id = m.candidate_id WHERE {where}")
    )
    row = "m.reached_on AS day, {key} AS key, m.step, m.candidate_id, m.jump"
    if kind == "all":
        empty = "''"
        return f"SELECT {row.format(key=empty)} {base}"
    if kind == "tag":
        return f"SELECT {row.format(key='tag_id')} {base.replace(' WHERE ', ', unnest(c.tag_ids) AS tag_id WHERE ', 1)}"
    if kind == "group":
        cases = " ".join(
            f"WHEN g.category IN ({', '.join(repr(c) for c in cats)}) THEN '{group}'"
            for group, cats in TAG_GROUPS.items()
        )
        tenant = "m.tenant_id = %(tenant)s AND " if table == t["milestone"] else ""
        # The milestones first (a day's are a few thousand), then only their candidates' tags.
        return (
            f"WITH ms AS MATERIALIZED (SELECT m.reached_on, m.step, m.candidate_id, m.jump FROM {table} m "
            f"WHERE {tenant}{where}), "
            f"cg AS MATERIALIZED (SELECT DISTINCT c.id AS candidate_id, CASE {cases} END AS grp "
            f"FROM (SELECT DISTINCT candidate_id FROM ms) AS ids JOIN {t['candidate']} c ON c.id = ids.candidate_id "
            f"CROSS JOIN unnest(c.tag_ids) AS tag_id JOIN {t['tag']} g ON g.id = tag_id "
            f"WHERE c.tenant_id = %(tenant)s) "
            f"SELECT ms.reached_on AS day, cg.grp AS key, ms.step, ms.candidate_id, ms.jump "
            f"FROM ms JOIN cg ON cg.candidate_id = ms.candidate_id WHERE cg.grp IS NOT NULL"
        )
    if kind == "source":
        return f"SELECT {row.format(key='left(c.source, 64)')} {base}"
    if kind == "month":
        month = "to_char(c.created_at AT TIME ZONE %(zone)s, 'YYYY-MM')"
        return f"SELECT {row.format(key=month)} {base}"
    if kind == "campaign":
        return f"SELECT {row.format(key='m.campaign_id')} {base} AND m.campaign_id IS NOT NULL"
    if kind == "recruiter":
        return f"SELECT {row.format(key='m.recruiter_id')} {base} AND m.recruiter_id IS NOT NULL"
    if kind == "tier":
        tier = "CASE WHEN c.activity_anchor >= %(high)s THEN 'high' WHEN c.activity_anchor >= %(mid)s THEN 'mid' ELSE 'low' END"
        return f"SELECT {row.format(key=tier)} {base}"
    if kind == "role":
        # Steps a role brings (interviewed and after) belong to that role; the earlier ones to every role whose
        # pipeline the candidate is in (one application per candidate and role, so no row twice).
        joined = base.replace(
            " WHERE ", f" JOIN {t['application']} a ON a.candidate_id = m.candidate_id WHERE ", 1
        )
        return (
            f"SELECT {row.format(key='m.profile_id')} {base} AND m.profile_id IS NOT NULL "
            f"UNION ALL SELECT {row.format(key='a.profile_id')} {joined} "
            f"AND m.step IN ('pooled', 'contacted', 'opened', 'replied')"
        )
    raise ValueError(kind)


# The milestones' sorts and groupings (millions of interactions in a rebuild) in memory, for the transaction only.
FILL_WORK_MEM = "256MB"
REBUILD_WORK_MEM = "1GB"


def _counts(kind: str, ms: counting.Milestones, zone: str, ids, cache: dict) -> counting.Counts:
    """The counters of ``kind`` for the milestones ``ms`` (their candidates ``ids``; None: the whole tenant).
    ``cache``: what the kinds of one fill share (``counting.membership``)."""
    member = None
    if kind == "all":
        people = ms.candidates()
        member = counting.Membership(people, np.zeros(len(people), np.int64), [""])
    elif kind not in ("campaign", "recruiter"):
        member = counting.membership(kind, ids, zone, TAG_GROUPS, cache)
    return counting.kind_counts(kind, ms, member)


def _move_sizes(tenant_id: int, kind: str, moved: dict[str, int]) -> None:
    """Move the segments' pooled totals by what a fill changed; a segment left with none has no size row."""
    if not moved:
        return
    from psycopg2.extras import execute_values

    size = _tables()["size"]
    with connection.cursor() as cursor:
        execute_values(
            cursor.cursor,
            f"""INSERT INTO {size} (tenant_id, kind, key, pooled) VALUES %s
                ON CONFLICT (tenant_id, kind, key) DO UPDATE SET pooled = {size}.pooled + EXCLUDED.pooled""",
            [(tenant_id, kind, key, delta) for key, delta in moved.items()],
        )
        cursor.execute(f"DELETE FROM {size} WHERE tenant_id = %s AND pooled <= 0", [tenant_id])


def _mark(tenant_id: int, days: list[date], status: str) -> None:
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {t["fill"]} (tenant_id, day, status, updated_at)
                SELECT %s, d, %s, now() FROM unnest(%s::date[]) AS d
                ON CONFLICT (tenant_id, day) DO UPDATE SET status = EXCLUDED.status, updated_at = now()""",
            [tenant_id, status, days],
        )


def fill_days(tenant_id: int, days: Iterable[date]) -> int:
    """(Re)fill the daily counters of ``days`` from the milestones; returns how many days. The days are marked
    ``started`` (committed), each segment kind's counters on those days are replaced with its pooled totals
    moved in one commit, then the days are marked ``done``. A crash leaves days ``started``: the next
    ``refresh`` replaces them again (replacing is idempotent). Safe to run twice."""
    days = sorted(set(days))
    if not days:
        return 0
    zone = tenant_zone(tenant_id)
    with tenant_context(tenant_id):
        _mark(tenant_id, days, FillStatus.STARTED)
    with tenant_context(tenant_id):
        ms = counting.milestones_load(
            _tables()["milestone"],
            "tenant_id = %(tenant)s AND reached_on = ANY(%(days)s::date[])",
            {"tenant": tenant_id, "days": days},
        )
    ids, cache = ms.candidates(), {}
    for kind in STORED_KINDS:
        with tenant_context(tenant_id):
            moved = counting.write_days(kind, _counts(kind, ms, zone, ids, cache), days)
            _move_sizes(tenant_id, kind, moved)
    with tenant_context(tenant_id):
        _mark(tenant_id, days, FillStatus.DONE)
    return len(days)


# --- refresh and rebuild ---------------------------------------------------------------------------------------


def _settings(tenant_id: int) -> AnalyticsSettings:
    with tenant_context(tenant_id):
        settings, _ = AnalyticsSettings.objects.get_or_create(tenant_id=tenant_id)
    return settings


def _touched_candidates(tenant_id: int, since: datetime) -> list[int]:
    """Candidates with a raw row recorded since ``since``: new interactions (late ones included: it is the
    recording time that counts), stage events, hires (all of them: few, and their probation outcome and
    voiding change in place), and candidates created or changed."""
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT candidate_id FROM {t["interaction"]} WHERE tenant_id = %(tenant)s AND recorded_at >= %(since)s
                UNION SELECT candidate_id FROM {t["stage"]} WHERE tenant_id = %(tenant)s AND created_at >= %(since)s
                UNION SELECT candidate_id FROM {t["hire"]} WHERE tenant_id = %(tenant)s AND candidate_id IS NOT NULL
                UNION SELECT id FROM {t["candidate"]} WHERE tenant_id = %(tenant)s
                      AND (created_at >= %(since)s OR updated_at >= %(since)s)""",
            {"tenant": tenant_id, "since": since},
        )
        return [row[0] for row in cursor.fetchall()]


def _recompute(tenant_id: int, zone: str, candidate_ids: list[int]) -> set[date]:
    """Rewrite the milestones of ``candidate_ids`` from the raw rows; return the days whose rows changed (the
    old day and the new day of each changed milestone)."""
    t = _tables()
    columns = "candidate_id, step, reached_on, jump, profile_id, campaign_id, recruiter_id"
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [FILL_WORK_MEM])
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS analytics_fresh (candidate_id bigint, step text, "
            "reached_on date, jump boolean, profile_id bigint, campaign_id bigint, recruiter_id bigint) "
            "ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE analytics_fresh")
        cursor.execute(
            f"INSERT INTO analytics_fresh ({columns}) {milestones_sql(candidate_filter='= ANY(%(ids)s)')}",
            milestone_params(tenant_id, zone, ids=candidate_ids),
        )
        # The difference is taken here, not by the planner: a few rows per candidate, and a set difference
        # cannot turn into a nested loop over millions of milestones when the statistics are stale. The ids are
        # joined, not tested with = ANY: right after a rebuild filled the table, stale statistics let the
        # planner scan every milestone and search the 20,000 ids for each (35 s instead of 0.1 s).
        cursor.execute(
            f"SELECT {columns} FROM unnest(%s::bigint[]) AS ids(id) "
            f"JOIN {t['milestone']} m ON m.tenant_id = %s AND m.candidate_id = ids.id",
            [candidate_ids, tenant_id],
        )
        old = set(cursor.fetchall())
        cursor.execute(f"SELECT {columns} FROM analytics_fresh")
        dirty = {row[2] for row in old ^ set(cursor.fetchall())}
        if dirty:
            cursor.execute(
                f"DELETE FROM {t['milestone']} m USING unnest(%s::bigint[]) AS ids(id) "
                "WHERE m.tenant_id = %s AND m.candidate_id = ids.id",
                [candidate_ids, tenant_id],
            )
            cursor.execute(
                f"INSERT INTO {t['milestone']} (tenant_id, {columns}) "
                f"SELECT %s, {columns} FROM analytics_fresh",
                [tenant_id],
            )
    return dirty


REFRESH_BATCH = 20_000  # candidates recomputed per transaction


LOCK_NAMESPACE = 0x616E6C79  # "anly": the advisory lock's first key; the tenant id is the second


@contextmanager
def _tenant_lock(tenant_id: int) -> Iterator[None]:
    """One refresh or rebuild of a tenant at a time (a session-level advisory lock: it spans the run's many
    transactions; taking it twice in one session nests)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, tenant_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, tenant_id])


def refresh(tenant_id: int, *, now: datetime | None = None) -> dict:
    """See ``_refresh``; runs under the tenant's analytics lock."""
    with _tenant_lock(tenant_id):
        return _refresh(tenant_id, now=now)


def _refresh(tenant_id: int, *, now: datetime | None = None) -> dict:
    """Bring the tenant's milestones and daily counters up to date; returns what was done. Days left
    ``started`` by a dead worker are undone and refilled first. The first run (no ``refreshed_at``) rebuilds.
    Safe to run twice; two concurrent runs of one tenant wait for each other (``_tenant_lock``)."""
    settings = _settings(tenant_id)
    if settings.refreshed_at is None:
        return _rebuild(tenant_id, now=now)
    now = now or timezone.now()
    zone = tenant_zone(tenant_id)
    with tenant_context(tenant_id):
        crashed = list(FillState.objects.filter(status=FillStatus.STARTED).values_list("day", flat=True))
    # A little overlap: a row committed while the last run read can carry a recorded_at just before its mark.
    since = settings.refreshed_at - timedelta(minutes=5)
    with tenant_context(tenant_id):
        touched = _touched_candidates(tenant_id, since)
    dirty: set[date] = set(crashed)
    for start in range(0, len(touched), REFRESH_BATCH):
        with tenant_context(tenant_id):
            dirty |= _recompute(tenant_id, zone, touched[start : start + REFRESH_BATCH])
    filled = fill_days(tenant_id, dirty)
    with tenant_context(tenant_id):
        AnalyticsSettings.objects.filter(pk=settings.pk).update(refreshed_at=now)
    pool_snapshot_take(tenant_id)
    return {"mode": "refresh", "candidates": len(touched), "days": filled, "crashed_days": len(crashed)}


def rebuild(tenant_id: int, *, now: datetime | None = None) -> dict:
    """Recompute every milestone and every day's counters of the tenant in one transaction (all or nothing:
    a crash leaves the previous aggregates as they were). Returns what was done."""
    with _tenant_lock(tenant_id):
        return _rebuild(tenant_id, now=now)


@contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    """Add the block's wall time to ``phases[name]`` (a rebuild reports where its time went)."""
    start = time.monotonic()
    try:
        yield
    finally:
        phases[name] = round(phases.get(name, 0.0) + time.monotonic() - start, 2)


def _rebuild(tenant_id: int, *, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    zone = tenant_zone(tenant_id)
    t = _tables()
    columns = "candidate_id, step, reached_on, jump, profile_id, campaign_id, recruiter_id"
    phases: dict[str, float] = {}
    with tenant_context(tenant_id):
        settings, _ = AnalyticsSettings.objects.select_for_update().get_or_create(tenant_id=tenant_id)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, true)", [REBUILD_WORK_MEM])
            with _timed(phases, "milestones"):
                cursor.execute(
                    f"CREATE TEMP TABLE analytics_rebuilt ON COMMIT DROP AS {milestones_sql()}",
                    milestone_params(tenant_id, zone),
                )
            # Only the milestones that changed are written: a rebuild of an unchanged tenant rewrites nothing,
            # and the table keeps no dead rows from it. EXCEPT compares NULLs as equal. A first build has
            # nothing to compare with and inserts straight away.
            mine = f"SELECT {columns} FROM {t['milestone']} WHERE tenant_id = %s"
            with _timed(phases, "milestones_written"):
                cursor.execute(f"SELECT EXISTS ({mine})", [tenant_id])
                if cursor.fetchone()[0]:
                    cursor.execute(
                        f"""DELETE FROM {t["milestone"]} m
                            USING ({mine} EXCEPT SELECT {columns} FROM analytics_rebuilt) AS gone
                            WHERE m.tenant_id = %s AND m.candidate_id = gone.candidate_id AND m.step = gone.step""",
                        [tenant_id, tenant_id],
                    )
                    added, params = (
                        f"(SELECT {columns} FROM analytics_rebuilt EXCEPT {mine})",
                        [tenant_id, tenant_id],
                    )
                else:
                    added, params = "analytics_rebuilt", [tenant_id]
                cursor.execute(
                    f"""INSERT INTO {t["milestone"]} (tenant_id, {columns})
                        SELECT %s, {columns} FROM {added} AS added ORDER BY candidate_id, step""",
                    params,
                )
        with _timed(phases, "milestones_read"):
            ms = counting.milestones_load("analytics_rebuilt", "true", {})
        sizes, cache = [], {}
        for kind in STORED_KINDS:
            with _timed(phases, f"count_{kind}"):
                counts = _counts(kind, ms, zone, None, cache)
            with _timed(phases, f"write_{kind}"):
                counting.write_all(kind, counts)
            sizes += [(tenant_id, kind, key, total) for key, total in counts.pooled_totals().items()]
        days = sorted({counting.EPOCH + timedelta(days=int(n)) for n in np.unique(ms.day)})
        with connection.cursor() as cursor:
            from psycopg2.extras import execute_values

            cursor.execute(f"DELETE FROM {t['size']} WHERE tenant_id = %s", [tenant_id])
            execute_values(
                cursor.cursor, f"INSERT INTO {t['size']} (tenant_id, kind, key, pooled) VALUES %s", sizes
            )
            cursor.execute(f"DELETE FROM {t['fill']} WHERE tenant_id = %s", [tenant_id])
        _mark(tenant_id, days, FillStatus.DONE)
        AnalyticsSettings.objects.filter(pk=settings.pk).update(refreshed_at=now, rebuilt_at=now)
    with _timed(phases, "pool_snapshot"):
        pool_snapshot_take(tenant_id)
    return {"mode": "rebuild", "days": len(days), "milestones": len(ms), "seconds": phases}


def refill_day(tenant_id: int, day: date) -> int:
    """Recompute one day: the milestones of candidates with a milestone on that day or an interaction that day
    that could be the first of its step, then its counters (what a late correction of that day does). Returns how many days were filled (the day, and any other day the
    recomputed candidates' milestones moved from or to). Runs under the tenant's analytics lock."""
    with _tenant_lock(tenant_id):
        return _refill_day(tenant_id, day)


def _refill_day(tenant_id: int, day: date) -> int:
    zone = tenant_zone(tenant_id)
    t = _tables()
    # The day's interactions a milestone is made of (a contact, a person's open or click, a reply; a delivery, a
    # machine open or a note makes none), of candidates whose step it feeds is not reached before the day
    # (reached earlier, that step's first day, its role, campaign and recruiter cannot change), and everyone
    # with a milestone on the day.
    contact, _ = contact_sql(kind="i.kind", metadata="i.metadata")
    contact = contact.replace("%s", "{}").format("%(c1)s", "%(c2)s", "%(c3)s")
    with tenant_context(tenant_id), connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT i.candidate_id FROM {t["interaction"]} i
                LEFT JOIN {t["milestone"]} m ON m.tenant_id = %(tenant)s AND m.candidate_id = i.candidate_id
                     AND m.step = CASE WHEN i.kind IN ('opened', 'clicked') THEN 'opened'
                                       WHEN i.kind = 'replied' THEN 'replied' ELSE 'contacted' END
                WHERE i.tenant_id = %(tenant)s
                    AND i.occurred_at >= (%(day)s::timestamp AT TIME ZONE %(zone)s)
                    AND i.occurred_at < ((%(day)s::date + 1)::timestamp AT TIME ZONE %(zone)s)
                    AND (i.kind IN ('opened', 'clicked', 'replied') OR {contact})
                    AND (m.reached_on IS NULL OR m.reached_on >= %(day)s)
                UNION SELECT candidate_id FROM {t["milestone"]} WHERE tenant_id = %(tenant)s AND reached_on = %(day)s""",
            milestone_params(tenant_id, zone, day=day),
        )
        ids = [row[0] for row in cursor.fetchall()]
    dirty = {day}
    for start in range(0, len(ids), REFRESH_BATCH):
        with tenant_context(tenant_id):
            dirty |= _recompute(tenant_id, zone, ids[start : start + REFRESH_BATCH])
    return fill_days(tenant_id, dirty)


# --- the pool's "now" figures ------------------------------------------------------------------------------------

STALE_AFTER = timedelta(days=365)  # the stale share: active candidates with no interaction in 12 months


def demanded_tags() -> list[int]:
    """Every tag an open role asks for (plain requirements; an any-of group is counted live), ascending."""
    from profiles.models import ProfileStatus, Requirement

    return sorted(
        set(
            Requirement.objects.filter(profile__status=ProfileStatus.OPEN, tag_id__isnull=False).values_list(
                "tag_id", flat=True
            )
        )
    )


def pool_figures(*, now: datetime | None = None) -> dict:
    """The pool's "now" figures in one pass over the active pool, with the very conditions of the live reads
    (``engagement.selectors.activity.activity_rate``, the tiers of ``engagement.scoring``): ``pool``,
    ``active`` (a human interaction in 6 months), ``stale`` (none in 12 months), ``high`` / ``mid`` / ``low``."""
    from django.db.models import Count, Q

    from candidates.models import CandidateStatus
    from engagement import scoring
    from engagement.selectors.activity import ACTIVE_WINDOW

    now = now or timezone.now()
    params = scoring.current_params()
    stale_before = now - STALE_AFTER
    return Candidate.objects.filter(status=CandidateStatus.ACTIVE).aggregate(
        pool=Count("id"),
        active=Count("id", filter=Q(last_active_at__gte=now - ACTIVE_WINDOW)),
        stale=Count(
            "id", filter=Q(last_interaction_at__isnull=True) | Q(last_interaction_at__lt=stale_before)
        ),
        **{
            tier: Count("id", filter=scoring.tier_condition([tier], params, now))
            for tier in ("high", "mid", "low")
        },
    )


def pool_snapshot_take(tenant_id: int, *, now: datetime | None = None) -> PoolSnapshot:
    """Store the tenant's pool figures and the supply of the tags open roles ask for, as of ``now`` (each
    refresh and rebuild does this; the KPI tiles read it). One row per tenant, replaced."""
    from .. import selectors

    now = now or timezone.now()
    with tenant_context(tenant_id):
        figures = pool_figures(now=now)
        supply = selectors.tag_supply(demanded_tags(), live=True)
        snapshot, _ = PoolSnapshot.objects.update_or_create(
            tenant_id=tenant_id,
            defaults={**figures, "taken_at": now, "supply": {str(tag): n for tag, n in supply.items()}},
        )
    return snapshot


def refresh_all() -> int:
    """Refresh every active tenant (beat); returns how many."""
    done = 0
    for tenant_id in Tenant.objects.filter(is_active=True).values_list("pk", flat=True):
        try:
            refresh(tenant_id)
            done += 1
        except Exception:  # noqa: BLE001 - one tenant's failure must not stop the others; logged
            logger.exception("analytics refresh of tenant %s failed", tenant_id)
    return done
