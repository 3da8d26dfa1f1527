"""Milestones and daily counters, kept up to date crash-safely (docs/analytics.md, "Aggregates").

1. ``milestones_sql`` derives, per candidate, the first day (tenant time zone) of each funnel step from the raw
   rows: contacted (``engagement.scoring.contact_sql``, the product's one meaning), opened (a person's open or
   click; machine opens are their own kind and never count), replied, interviewed (a stage move into
   interviewing or offer), hired (a counted hire), probation passed / failed (the hire's outcome).
2. ``refresh`` recomputes the milestones of every candidate whose raw rows were recorded since the last run
   (a late event — an HRIS hire dated last month — is such a row), and the days whose milestones changed are
   refilled: old and new days alike, so a past day is corrected.
3. ``fill_days`` fills days the Zulip way: each day is marked ``started`` (committed), its rows are written
   per segment kind with upserts (each kind its own commit), then the day is marked ``done``. A day still
   ``started`` at the next run was half-filled by a dead worker: its rows are deleted and it is refilled.

Everything runs inside the current tenant (row-level security applies to every statement).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.db import connection
from django.utils import timezone

from candidates.models import Candidate, Tag
from engagement.models import Campaign, Interaction
from engagement.scoring import contact_sql
from profiles.models import Application, Hire, StageEvent
from talentpool.tenancy.context import require_tenant_id, tenant_context
from talentpool.tenancy.models import Tenant

from ..models import AnalyticsSettings, DailyCount, FillState, FillStatus, Milestone, SegmentSize

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
        "daily": DailyCount._meta.db_table,
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


# Grouping millions of (milestone, tag) pairs spills to disk at the default 4 MB: give the fill room, for its
# own transaction only.
FILL_WORK_MEM = "256MB"


def _fill_kind(tenant_id: int, zone: str, days: list[date], kind: str) -> None:
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [FILL_WORK_MEM])
        cursor.execute(
            f"""INSERT INTO {t["daily"]} (tenant_id, day, kind, key, step, count, jumps)
                SELECT %(tenant)s, day, %(kind)s, key::text, step, count(*), count(*) FILTER (WHERE jump)
                FROM ({segment_rows(kind, where="m.reached_on = ANY(%(days)s::date[])")}) AS rows
                GROUP BY day, key, step
                ORDER BY 4, 5, 2  -- the unique index's order: its pages fill in sequence, not at random
                ON CONFLICT (tenant_id, kind, key, step, day)
                DO UPDATE SET count = EXCLUDED.count, jumps = EXCLUDED.jumps""",
            {"tenant": tenant_id, "zone": zone, "days": days, "kind": kind},
        )


def _mark(tenant_id: int, days: list[date], status: str) -> None:
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {t["fill"]} (tenant_id, day, status, updated_at)
                SELECT %s, d, %s, now() FROM unnest(%s::date[]) AS d
                ON CONFLICT (tenant_id, day) DO UPDATE SET status = EXCLUDED.status, updated_at = now()""",
            [tenant_id, status, days],
        )


def _undo(tenant_id: int, days: list[date]) -> set[tuple[str, str]]:
    """Delete the days' counters; returns the segments they held (their sizes are recomputed after the fill)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_tables()['daily']} WHERE tenant_id = %s AND day = ANY(%s::date[]) "
            f"RETURNING kind, key",
            [tenant_id, days],
        )
        return set(cursor.fetchall())


def _sizes(tenant_id: int, *, days: list[date] | None = None, segments: Iterable = ()) -> None:
    """Rewrite the pooled totals of the segments with counters on ``days`` (and ``segments``); all of them
    when ``days`` is None."""
    t = _tables()
    size = t["size"]
    with connection.cursor() as cursor:
        if days is None:
            cursor.execute(f"DELETE FROM {size} WHERE tenant_id = %s", [tenant_id])
            cursor.execute(
                f"""INSERT INTO {size} (tenant_id, kind, key, pooled)
                               SELECT %s, kind, key, sum(count) FROM {t["daily"]}
                               WHERE tenant_id = %s AND step = 'pooled' GROUP BY kind, key""",
                [tenant_id, tenant_id],
            )
            return
        cursor.execute(
            f"SELECT DISTINCT kind, key FROM {t['daily']} WHERE tenant_id = %s AND day = ANY(%s::date[])",
            [tenant_id, days],
        )
        touched = set(cursor.fetchall()) | set(segments)
        if not touched:
            return
        kinds, keys = [kind for kind, _key in touched], [key for _kind, key in touched]
        cursor.execute(
            f"""DELETE FROM {size} WHERE tenant_id = %s
                           AND (kind, key) IN (SELECT * FROM unnest(%s::text[], %s::text[]))""",
            [tenant_id, kinds, keys],
        )
        cursor.execute(
            f"""INSERT INTO {size} (tenant_id, kind, key, pooled)
                           SELECT %s, d.kind, d.key, sum(d.count) FROM {t["daily"]} d
                           JOIN unnest(%s::text[], %s::text[]) AS s(kind, key) ON s.kind = d.kind AND s.key = d.key
                           WHERE d.tenant_id = %s AND d.step = 'pooled' GROUP BY d.kind, d.key""",
            [tenant_id, kinds, keys, tenant_id],
        )


def fill_days(tenant_id: int, days: Iterable[date]) -> int:
    """(Re)fill the daily counters of ``days`` from the milestones; returns how many days. Each step commits on
    its own (outside a transaction: started, undo, one commit per segment kind, done), so a crash leaves days
    ``started`` and the next ``refresh`` undoes and refills them. Safe to run twice."""
    days = sorted(set(days))
    if not days:
        return 0
    zone = tenant_zone(tenant_id)
    with tenant_context(tenant_id):
        _mark(tenant_id, days, FillStatus.STARTED)
    with tenant_context(tenant_id):
        segments = _undo(tenant_id, days)
    for kind in STORED_KINDS:
        with tenant_context(tenant_id):
            _fill_kind(tenant_id, zone, days, kind)
    with tenant_context(tenant_id):
        _sizes(tenant_id, days=days, segments=segments)
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
        cursor.execute(
            f"""SELECT DISTINCT reached_on FROM (
                    (SELECT {columns} FROM {t["milestone"]} WHERE tenant_id = %(tenant)s AND candidate_id = ANY(%(ids)s)
                     EXCEPT SELECT {columns} FROM analytics_fresh)
                    UNION ALL
                    (SELECT {columns} FROM analytics_fresh
                     EXCEPT SELECT {columns} FROM {t["milestone"]} WHERE tenant_id = %(tenant)s AND candidate_id = ANY(%(ids)s))
                ) changed""",
            {"tenant": tenant_id, "ids": candidate_ids},
        )
        dirty = {row[0] for row in cursor.fetchall()}
        if dirty:
            cursor.execute(
                f"DELETE FROM {t['milestone']} WHERE tenant_id = %s AND candidate_id = ANY(%s)",
                [tenant_id, candidate_ids],
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
    return {"mode": "refresh", "candidates": len(touched), "days": filled, "crashed_days": len(crashed)}


def rebuild(tenant_id: int, *, now: datetime | None = None) -> dict:
    """Recompute every milestone and every day's counters of the tenant in one transaction (all or nothing:
    a crash leaves the previous aggregates as they were). Returns what was done."""
    with _tenant_lock(tenant_id):
        return _rebuild(tenant_id, now=now)


def _rebuild(tenant_id: int, *, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    zone = tenant_zone(tenant_id)
    t = _tables()
    columns = "candidate_id, step, reached_on, jump, profile_id, campaign_id, recruiter_id"
    with tenant_context(tenant_id):
        settings, _ = AnalyticsSettings.objects.select_for_update().get_or_create(tenant_id=tenant_id)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {t['milestone']} WHERE tenant_id = %s", [tenant_id])
            cursor.execute(
                f"INSERT INTO {t['milestone']} (tenant_id, {columns}) "
                f"SELECT %(tenant)s, * FROM ({milestones_sql()}) AS fresh",
                milestone_params(tenant_id, zone),
            )
            cursor.execute(f"DELETE FROM {t['daily']} WHERE tenant_id = %s", [tenant_id])
            cursor.execute(
                f"SELECT array_agg(DISTINCT reached_on) FROM {t['milestone']} WHERE tenant_id = %s",
                [tenant_id],
            )
            days = cursor.fetchone()[0] or []
            for kind in STORED_KINDS:
                _fill_kind(tenant_id, zone, days, kind)
            _sizes(tenant_id)
            cursor.execute(f"DELETE FROM {t['fill']} WHERE tenant_id = %s", [tenant_id])
            _mark(tenant_id, days, FillStatus.DONE)
        AnalyticsSettings.objects.filter(pk=settings.pk).update(refreshed_at=now, rebuilt_at=now)
    return {"mode": "rebuild", "days": len(days)}


def refill_day(tenant_id: int, day: date) -> int:
    """Recompute one day: the milestones of candidates with raw rows on that day, then its counters (what a
    late correction of that day does). Returns how many days were filled (the day, and any other day the
    recomputed candidates' milestones moved from or to). Runs under the tenant's analytics lock."""
    with _tenant_lock(tenant_id):
        return _refill_day(tenant_id, day)


def _refill_day(tenant_id: int, day: date) -> int:
    zone = tenant_zone(tenant_id)
    t = _tables()
    with tenant_context(tenant_id), connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT candidate_id FROM {t["interaction"]} WHERE tenant_id = %(tenant)s
                    AND occurred_at >= (%(day)s::timestamp AT TIME ZONE %(zone)s)
                    AND occurred_at < ((%(day)s::date + 1)::timestamp AT TIME ZONE %(zone)s)
                UNION SELECT candidate_id FROM {t["milestone"]} WHERE tenant_id = %(tenant)s AND reached_on = %(day)s""",
            {"tenant": tenant_id, "day": day, "zone": zone},
        )
        ids = [row[0] for row in cursor.fetchall()]
    dirty = {day}
    for start in range(0, len(ids), REFRESH_BATCH):
        with tenant_context(tenant_id):
            dirty |= _recompute(tenant_id, zone, ids[start : start + REFRESH_BATCH])
    return fill_days(tenant_id, dirty)


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
