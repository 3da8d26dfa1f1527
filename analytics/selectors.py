"""Reads of the analytics app: the funnel (from the daily counters; tiers from the milestones; or from the raw
rows, the baseline the counters are checked against), the pool's KPIs, findings and reports. All inside the
current tenant. ``funnel_query`` turns request parameters into a checked ``FunnelQuery`` (bad input raises
ServiceError naming the field, which the API and CLI show as a 400 / an exit status 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.models import Candidate, CandidateStatus, Tag, candidate_source_label
from engagement import scoring
from engagement.models import Campaign
from profiles.models import Hire, HireSource, ProfileStatus, Requirement, RoleProfile
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.web import id_param

from .models import (
    DAYS_PER_ROW,
    FUNNEL_STEPS,
    AnalyticsSettings,
    CounterMonth,
    PoolSnapshot,
    SegmentKind,
    SegmentSize,
    Step,
)
from .services.aggregates import (
    TAG_GROUPS,
    milestone_params,
    milestones_sql,
    pool_figures,
    segment_rows,
    tenant_zone,
)

BY_KINDS = ("all", "tag", "group", "source", "campaign", "tier", "role", "recruiter", "month")
DEFAULT_DAYS = 90
DEFAULT_SEGMENTS = 50  # segments shown when none are named: the largest
MAX_SEGMENTS = 500
DATE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_DAYS = 3660  # ten years: a wider range is refused (a typo in a year), not scanned
# Each named rate: (its name, numerator step, denominator step). The probation pass rate is over decided hires.
RATES = (
    ("open_rate", Step.OPENED, Step.CONTACTED),
    ("reply_rate", Step.REPLIED, Step.CONTACTED),
    ("interview_rate", Step.INTERVIEWED, Step.REPLIED),
    ("hire_rate", Step.HIRED, Step.INTERVIEWED),
)


@dataclass
class FunnelQuery:
    by: str = "all"
    date_from: date | None = None
    date_to: date | None = None
    keys: list[str] = field(default_factory=list)
    compare: bool = True
    limit: int = DEFAULT_SEGMENTS

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def previous(self) -> tuple[date, date]:
        """The period of the same length just before."""
        return self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1)

    def as_params(self) -> dict:
        params = {"by": self.by, "from": self.date_from.isoformat(), "to": self.date_to.isoformat()}
        if self.keys:
            params["segment"] = ",".join(self.keys)
        return params


def today() -> date:
    return timezone.now().astimezone(ZoneInfo(tenant_zone())).date()


def _date(value, name: str) -> date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if not DATE_FORMAT.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(_("Give the date as YYYY-MM-DD."), field=name) from None


def funnel_query(params, *, default_by: str = "all") -> FunnelQuery:
    """Check ``by``, ``from``, ``to``, ``segment`` (keys of the ``by`` kind, comma-separated) and ``tag`` (tag
    ids: ``by`` becomes tag). Raises ServiceError: an unknown ``by``, a date that is not YYYY-MM-DD, ``from``
    after ``to``, a range over ten years, a tag or role or campaign that is not the tenant's."""
    by = (params.get("by") or default_by).strip()
    keys = [key.strip() for key in (params.get("segment") or "").split(",") if key.strip()]
    if params.get("tag"):
        by = "tag"
        keys = [key.strip() for key in str(params["tag"]).split(",") if key.strip()]
    if by not in BY_KINDS:
        raise ServiceError(_("“by” must be one of: %(kinds)s.") % {"kinds": ", ".join(BY_KINDS)}, field="by")
    date_to = _date(params.get("to"), "to") or today()
    date_from = _date(params.get("from"), "from") or date_to - timedelta(days=DEFAULT_DAYS - 1)
    if date_from > date_to:
        raise ServiceError(_("The start of the range is after its end."), field="from")
    if (date_to - date_from).days >= MAX_DAYS:
        raise ServiceError(_("Choose a range of at most ten years."), field="from")
    if len(keys) > 200:
        raise ServiceError(_("Choose at most 200 segments."), field="segment")
    if keys and by in ("tag", "role", "campaign", "recruiter"):
        ids = [id_param(key) for key in keys]
        model = {"tag": Tag, "role": RoleProfile, "campaign": Campaign}.get(by)
        known = (
            set(model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", flat=True))
            if model
            else set(_recruiter_names([i for i in ids if i]))
        )
        if any(i is None or i not in known for i in ids):
            message = {
                "tag": _("Unknown tag: it is not one of this organisation's tags."),
                "role": _("Unknown role."),
                "campaign": _("Unknown campaign."),
                "recruiter": _("Unknown recruiter."),
            }[by]
            raise ServiceError(
                message, field="tag" if params.get("tag") else "segment", code="unknown_segment"
            )
        keys = [str(i) for i in ids]
    compare = str(params.get("compare", "1")).lower() not in ("0", "false", "no")
    limit = DEFAULT_SEGMENTS
    if params.get("limit") not in (None, ""):
        limit = id_param(params.get("limit"), high=MAX_SEGMENTS)
        if limit is None:
            raise ServiceError(
                _("“limit” is a whole number from 1 to %(max)d.") % {"max": MAX_SEGMENTS}, field="limit"
            )
    return FunnelQuery(by=by, date_from=date_from, date_to=date_to, keys=keys, compare=compare, limit=limit)


# --- the funnel ------------------------------------------------------------------------------------------------


def rate_labels() -> dict:
    """The named rates' labels in the active language (打开率, 回复率, 面试率, 入职率, 试用期通过率)."""
    return {
        "open_rate": _("Open rate"),
        "reply_rate": _("Reply rate"),
        "interview_rate": _("Interview rate"),
        "hire_rate": _("Hire rate"),
        "probation_pass_rate": _("Probation pass rate"),
    }


def rates_of(counts: dict, failed: int = 0) -> dict:
    """The named step rates (None where the step before is 0)."""
    rates = {
        name: (round(counts[top] / counts[bottom], 4) if counts.get(bottom) else None)
        for name, top, bottom in RATES
    }
    decided = counts.get(Step.PROBATION_PASSED, 0) + failed
    rates["probation_pass_rate"] = (
        round(counts.get(Step.PROBATION_PASSED, 0) / decided, 4) if decided else None
    )
    return rates


def _period_sums(rows_sql: str, params: dict, query: FunnelQuery) -> dict:
    """{key: {step: [count, jumps, previous count]}} from a SELECT of (day, key, step, n, jumps) rows."""
    prev_from, prev_to = query.previous
    sql = f"""SELECT key, step,
                     sum(n) FILTER (WHERE (step = 'pooled' AND day <= %(to)s) OR day BETWEEN %(from)s AND %(to)s),
                     sum(j) FILTER (WHERE step <> 'pooled' AND day BETWEEN %(from)s AND %(to)s),
                     sum(n) FILTER (WHERE (step = 'pooled' AND day <= %(prev_to)s) OR day BETWEEN %(prev_from)s AND %(prev_to)s)
              FROM ({rows_sql}) AS rows(day, key, step, n, j)
              GROUP BY key, step"""
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                **params,
                "from": query.date_from,
                "to": query.date_to,
                "prev_from": prev_from,
                "prev_to": prev_to,
            },
        )
        result: dict = {}
        for key, step, count, jumps, previous in cursor.fetchall():
            result.setdefault(key, {})[step] = [int(count or 0), int(jumps or 0), int(previous or 0)]
    return result


def _tier_params() -> dict:
    high, mid = scoring.tier_bounds(scoring.current_params())
    return {"high": high, "mid": mid}


def _milestone_rows(query: FunnelQuery, *, table: str | None = None) -> tuple[str, dict]:
    where = "m.reached_on <= %(to)s"
    rows = segment_rows(query.by, table=table, where=where)
    if query.keys:
        rows = f"SELECT day, key::text AS key, step, candidate_id, jump FROM ({rows}) AS keyed WHERE key::text = ANY(%(keys)s)"
    grouped = (
        f"SELECT day, key::text, step, count(*), count(*) FILTER (WHERE jump) FROM ({rows}) AS segment_rows "
        f"GROUP BY day, key, step"
    )
    return grouped, {
        "tenant": require_tenant_id(),
        "zone": tenant_zone(),
        "keys": query.keys,
        **_tier_params(),
    }


def funnel(query: FunnelQuery, *, source: str = "aggregates") -> list[dict]:
    """One item per segment of ``query.by``: ``{"segment": {"kind", "key", "name"}, "counts", "rates", "jumps",
    "probation_failed", "previous": {"from", "to", "counts", "rates"}}``, largest pool first.

    Counts are candidates: ``pooled`` is everyone in the pool (of that segment) by the end of the period, every
    other step those who first reached it within the period; ``jumps`` counts those who reached a step without
    the one before it. ``source`` "aggregates" reads the daily counters (tiers read the milestones: a tier is
    now, not a day's); "raw" recomputes the milestones from the raw rows first (the slow baseline)."""
    if not query.keys and query.by not in ("all", "tier"):
        query = replace(query, keys=largest_segments(query.by, query.limit))
        if not query.keys:
            return []
    if source == "raw":
        return _funnel_raw(query)
    if query.by == "tier":
        rows, params = _milestone_rows(query)
        return _items(query, _period_sums(rows, params, query))
    return _items(query, _counter_sums(query))


READ_WORK_MEM = "32MB"


def counter_days_sql(where: str) -> str:
    """A SELECT of ``(kind, key, step, day, count, jumps)``: the day counters held by the month rows (alias
    ``r``) matching ``where``, one row per day with a count."""
    return f"""SELECT r.kind, r.key, r.step, r.month + (u.i - 1)::int AS day, u.count, u.jumps
               FROM {CounterMonth._meta.db_table} r,
                    unnest(r.counts, r.jumps) WITH ORDINALITY AS u(count, jumps, i)
               WHERE {where} AND u.count <> 0"""


def day_counters(*, kind: str | None = None, day: date | None = None, step: str | None = None) -> list[tuple]:
    """The current tenant's day counters as ``(kind, key, step, day, count, jumps)`` rows, sorted; optionally of
    one kind, day or step (for checks and exports; pages read sums)."""
    where, params = ["r.tenant_id = %(tenant)s"], {"tenant": require_tenant_id()}
    if kind is not None:
        where.append("r.kind = %(kind)s")
        params["kind"] = kind
    if step is not None:
        where.append("r.step = %(step)s")
        params["step"] = step
    sql = counter_days_sql(" AND ".join(where))
    if day is not None:
        where.append("r.month = %(month)s")
        params.update(month=day.replace(day=1), day=day)
        sql = f"SELECT * FROM ({counter_days_sql(' AND '.join(where))}) AS days WHERE day = %(day)s"
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY 1, 2, 3, 4", params)
        return cursor.fetchall()


def _days_sum(column: str, first: str, last: str | None) -> str:
    """SQL: the sum of the month row ``r``'s ``column`` (counts or jumps) over the days ``first`` to ``last``
    (SQL date expressions; None: no end) that fall in its month."""
    end = str(DAYS_PER_ROW) if last is None else f"least({DAYS_PER_ROW}, {last} - r.month + 1)"
    return f"(SELECT sum(n) FROM unnest(r.{column}[greatest(1, {first} - r.month + 1):{end}]) AS n)"


def _counter_sums(query: FunnelQuery) -> dict:
    """``_period_sums`` from the counters, reading only the two periods' days: the pool at a period's end is the
    segment's size (``SegmentSize``) less those who entered after it (days after the previous period's end)."""
    prev_from, prev_to = query.previous
    keys = query.keys or [""]
    # Thousands of rows are grouped: room to sort them in memory, for this one transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [READ_WORK_MEM])
        # Each month row adds the slice of its days inside each period (not a row per day: 50 tags over two
        # periods are ~2,800 month rows, and unnesting their 87,000 days took 220 ms). The keys are joined:
        # with statistics not yet updated after a rebuild, "key = ANY" was left out of the index scan.
        cursor.execute(
            f"""SELECT r.key, r.step, sum({_days_sum("counts", "%(from)s::date", "%(to)s::date")}),
                       sum({_days_sum("jumps", "%(from)s::date", "%(to)s::date")}),
                       sum({_days_sum("counts", "%(prev_from)s::date", "%(prev_to)s::date")}),
                       sum({_days_sum("counts", "%(to)s::date + 1", None)}) FILTER (WHERE r.step = 'pooled'),
                       sum({_days_sum("counts", "%(prev_to)s::date + 1", None)}) FILTER (WHERE r.step = 'pooled')
                FROM unnest(%(keys)s::text[]) AS wanted(key)
                JOIN {CounterMonth._meta.db_table} r
                     ON r.tenant_id = %(tenant)s AND r.kind = %(kind)s AND r.key = wanted.key
                        AND (r.month BETWEEN %(month_from)s AND %(month_to)s
                             OR (r.step = 'pooled' AND r.month > %(month_to)s))
                GROUP BY r.key, r.step""",
            {
                "tenant": require_tenant_id(),
                "kind": query.by,
                "keys": keys,
                "from": query.date_from,
                "to": query.date_to,
                "prev_from": prev_from,
                "prev_to": prev_to,
                "month_from": prev_from.replace(day=1),
                "month_to": query.date_to.replace(day=1),
            },
        )
        rows = cursor.fetchall()
    sizes = dict(SegmentSize.objects.filter(kind=query.by, key__in=keys).values_list("key", "pooled"))
    result: dict = {}
    for key, step, count, jumps, previous, _after_to, _after_prev in rows:
        result.setdefault(key, {})[step] = [int(count or 0), int(jumps or 0), int(previous or 0)]
    after = {key: (int(a or 0), int(b or 0)) for key, step, _c, _j, _p, a, b in rows if step == Step.POOLED}
    for key in set(sizes) | set(after):
        after_to, after_prev = after.get(key, (0, 0))
        if sizes.get(key, 0) or key in result:
            result.setdefault(key, {})[str(Step.POOLED)] = [
                sizes.get(key, 0) - after_to,
                0,
                sizes.get(key, 0) - after_prev,
            ]
    return {
        key: steps for key, steps in result.items() if any(value[0] or value[2] for value in steps.values())
    }


def largest_segments(kind: str, limit: int) -> list[str]:
    """The keys of the ``limit`` largest segments of ``kind`` (by pooled total)."""
    return list(
        SegmentSize.objects.filter(kind=kind).order_by("-pooled", "key").values_list("key", flat=True)[:limit]
    )


def _funnel_raw(query: FunnelQuery) -> list[dict]:
    tenant_id, zone = require_tenant_id(), tenant_zone()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS analytics_raw_milestones (candidate_id bigint, step text, "
            "reached_on date, jump boolean, profile_id bigint, campaign_id bigint, recruiter_id bigint) "
            "ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE analytics_raw_milestones")
        cursor.execute(
            f"INSERT INTO analytics_raw_milestones {milestones_sql()}", milestone_params(tenant_id, zone)
        )
    rows, params = _milestone_rows(query, table="analytics_raw_milestones")
    return _items(query, _period_sums(rows, params, query))


def _items(query: FunnelQuery, sums: dict) -> list[dict]:
    keys = list(sums)
    if query.by == "all" and not keys:
        keys = [""]
    for key in query.keys:
        if key not in sums:  # a named segment with nothing in the range still has its (empty) row
            keys.append(key)
    names = segment_names(query.by, keys)
    prev_from, prev_to = query.previous
    items = []
    for key in keys:
        steps = sums.get(key, {})
        counts = {str(step): steps.get(step, [0, 0, 0])[0] for step in FUNNEL_STEPS}
        failed = steps.get(Step.PROBATION_FAILED, [0, 0, 0])
        previous = {str(step): steps.get(step, [0, 0, 0])[2] for step in FUNNEL_STEPS}
        item = {
            "segment": {"kind": query.by, "key": key, "name": names.get(key, key)},
            "counts": counts,
            "rates": rates_of(counts, failed[0]),
            "jumps": {str(step): steps.get(step, [0, 0, 0])[1] for step in FUNNEL_STEPS[1:]},
            "probation_failed": failed[0],
        }
        if query.compare:
            item["previous"] = {
                "from": prev_from.isoformat(),
                "to": prev_to.isoformat(),
                "counts": previous,
                "rates": rates_of(previous, failed[2]),
            }
        items.append(item)
    items.sort(key=lambda item: (-item["counts"]["pooled"], item["segment"]["name"]))
    return items


def _recruiter_names(ids: list[int]) -> dict[int, str]:
    from talentpool.tenancy.models import Membership

    members = Membership.objects.filter(user_id__in=ids).select_related("user")
    return {m.user_id: (getattr(m.user, "name", "") or m.user.email) for m in members}


def tag_name(tag: Tag) -> str:
    if (translation.get_language() or "").startswith("zh"):
        return tag.name_zh or tag.name_en or tag.key
    return tag.name_en or tag.name_zh or tag.key


def segment_names(kind: str, keys: list[str]) -> dict[str, str]:
    """Display names of segment keys, in the active language."""
    ids = [int(key) for key in keys if key.isascii() and key.isdigit()]  # "²".isdigit() is true too
    if kind == "all":
        return {key: _("Whole pool") for key in keys}
    if kind == "tag":
        return {str(tag.pk): tag_name(tag) for tag in Tag.objects.filter(pk__in=ids)}
    if kind == "group":
        labels = {"hard_skill": _("Hard skills"), "experience": _("Experience"), "quality": _("Qualities")}
        return {key: labels.get(key, key) for key in keys}
    if kind == "tier":
        labels = {"high": _("High activity"), "mid": _("Mid activity"), "low": _("Low activity")}
        return {key: labels.get(key, key) for key in keys}
    if kind == "role":
        return {
            str(pk): title for pk, title in RoleProfile.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    if kind == "campaign":
        return {str(pk): name for pk, name in Campaign.objects.filter(pk__in=ids).values_list("pk", "name")}
    if kind == "recruiter":
        return {str(pk): name for pk, name in _recruiter_names(ids).items()}
    if kind == "source":  # the one vocabulary's labels, in the reader's language (candidates.models)
        return {key: str(candidate_source_label(key)) for key in keys}
    return {key: key for key in keys}


def role_funnel(profile: RoleProfile) -> list[dict]:
    """The role page's funnel from the same counters: every step, all time, for the role's segment."""
    query = FunnelQuery(
        by="role", date_from=date(2000, 1, 1), date_to=today(), keys=[str(profile.pk)], compare=False
    )
    item = funnel(query)[0]
    return [
        {
            "step": str(step),
            "label": str(Step(step).label),
            "reached": item["counts"][str(step)],
            "jumps": item["jumps"].get(str(step), 0),
        }
        for step in FUNNEL_STEPS
    ]


# --- KPIs ------------------------------------------------------------------------------------------------------


def analytics_settings() -> AnalyticsSettings:
    settings = AnalyticsSettings.objects.first()
    return settings or AnalyticsSettings(tenant_id=require_tenant_id())


# The pool snapshot (taken by each refresh, every 15 minutes) is read when younger than this; older or missing,
# the figures are computed live (one pass over the pool).
SNAPSHOT_MAX_AGE = timedelta(hours=1)


def pool_snapshot() -> PoolSnapshot | None:
    """The tenant's pool snapshot if it is fresh (``SNAPSHOT_MAX_AGE``), else None."""
    return PoolSnapshot.objects.filter(taken_at__gte=timezone.now() - SNAPSHOT_MAX_AGE).first()


def pool_now() -> dict:
    """``{"pool", "active", "stale", "high", "mid", "low", "as_of"}``: the active pool's figures now, from the
    fresh snapshot (``as_of`` its time) or, without one, in one pass over the pool (``as_of`` None)."""
    snapshot = pool_snapshot()
    if snapshot is None:
        return {**pool_figures(), "as_of": None}
    fields = ("pool", "active", "stale", "high", "mid", "low")
    return {**{name: getattr(snapshot, name) for name in fields}, "as_of": snapshot.taken_at}


def kpis(query: FunnelQuery | None = None, *, whole: dict | None = None) -> dict:
    """The pool's KPIs for the period: size and growth, activity rate and tiers, pool and value conversion
    rates, time to hire from the pool and from outside, fees avoided, the stale share, and supply vs demand.
    The "now" figures (activity, tiers, stale share, supply) come from the pool snapshot (``pool_now``);
    ``whole``: the period's whole-pool funnel item when the caller has it already."""
    query = query or funnel_query({})
    if whole is None:
        period = FunnelQuery(by="all", date_from=query.date_from, date_to=query.date_to, compare=True)
        whole = funnel(period)[0]
    pool_end = whole["counts"]["pooled"]
    pool_start = whole["previous"]["counts"]["pooled"]
    new = pool_end - pool_start
    hires = Hire.objects.filter(Hire.counted, hired_at__gte=query.date_from, hired_at__lte=query.date_to)
    hire_counts = hires.aggregate(total=Count("id"), pool=Count("id", filter=Q(source=HireSource.POOL)))
    settings = analytics_settings()
    now = pool_now()
    pool = now["pool"]
    return {
        "from": query.date_from.isoformat(),
        "to": query.date_to.isoformat(),
        "pool_size": pool_end,
        "pool_size_before": pool_start,
        "pool_growth": new,
        "pool_growth_rate": round(new / pool_start, 4) if pool_start else None,
        "active_pool": pool,
        "activity_rate": round(now["active"] / pool, 4) if pool else 0.0,
        "active": now["active"],
        "tiers": {tier: now[tier] for tier in ("high", "mid", "low")},
        "hires": hire_counts["total"],
        "hires_from_pool": hire_counts["pool"],
        "pool_conversion_rate": round(hire_counts["pool"] / pool_end, 6) if pool_end else None,
        "value_conversion_rate": round(hire_counts["pool"] / hire_counts["total"], 4)
        if hire_counts["total"]
        else None,
        "time_to_hire_days": _time_to_hire(query),
        "fee_per_external_hire": float(settings.fee_per_external_hire),
        "fee_currency": settings.fee_currency,
        "fees_avoided": float(settings.fee_per_external_hire * hire_counts["pool"]),
        "stale_share": round(now["stale"] / pool, 4) if pool else None,
        "supply_demand": supply_demand(),
        "jumps": whole["jumps"],
        "as_of": now["as_of"].isoformat() if now["as_of"] else None,
    }


def _time_to_hire(query: FunnelQuery) -> dict:
    """Median days from entering the role's pipeline to the hire, for hires from the pool and from outside."""
    from profiles.models import Application

    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT h.source, percentile_cont(0.5) WITHIN GROUP (ORDER BY h.hired_at - a.created_at::date), count(*)
                FROM {Hire._meta.db_table} h JOIN {Application._meta.db_table} a ON a.id = h.application_id
                WHERE h.tenant_id = %s AND h.voided_at IS NULL AND h.hired_at BETWEEN %s AND %s
                GROUP BY h.source""",
            [require_tenant_id(), query.date_from, query.date_to],
        )
        rows = {source: (median, n) for source, median, n in cursor.fetchall()}
    return {
        source: (round(float(rows[source][0]), 1) if source in rows else None)
        for source in (HireSource.POOL, HireSource.EXTERNAL)
    }


def supply_demand(limit: int = 15) -> list[dict]:
    """The tags the open roles ask for (how many roles, how many must-have) against how many active candidates
    hold each: the pool's supply against the roles' demand, most asked first."""
    rows = (
        Requirement.objects.filter(profile__status=ProfileStatus.OPEN)
        .values("tag_id")
        .annotate(
            roles=Count("profile_id", distinct=True),
            must=Count("profile_id", distinct=True, filter=Q(must_have=True)),
        )
        .order_by("-roles", "-must", "tag_id")[:limit]
    )
    rows = list(rows)
    tags = {tag.pk: tag for tag in Tag.objects.filter(pk__in=[row["tag_id"] for row in rows])}
    supply = tag_supply([row["tag_id"] for row in rows])
    return [
        {
            "tag": row["tag_id"],
            "name": tag_name(tags[row["tag_id"]]) if row["tag_id"] in tags else "",
            "roles": row["roles"],
            "must_have_roles": row["must"],
            "supply": supply.get(row["tag_id"], 0),
        }
        for row in rows
    ]


def tag_supply(tag_ids: list[int], *, live: bool = False) -> dict[int, int]:
    """How many active candidates hold each of ``tag_ids``: from the fresh pool snapshot (the tags open roles
    ask for), the others (or all, ``live``) in one pass over the pool."""
    if not tag_ids:
        return {}
    if not live:
        snapshot = pool_snapshot()
        stored = snapshot.supply if snapshot is not None else {}
        known = {tag_id: stored[str(tag_id)] for tag_id in tag_ids if str(tag_id) in stored}
        missing = [tag_id for tag_id in tag_ids if tag_id not in known]
        if not missing:
            return {tag_id: known[tag_id] for tag_id in tag_ids}
        return {**known, **tag_supply(missing, live=True)}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT tag_id, count(*) FROM {Candidate._meta.db_table} c, unnest(c.tag_ids) AS tag_id
                WHERE c.tenant_id = %s AND c.status = %s AND c.tag_ids && %s::int[] AND tag_id = ANY(%s::int[])
                GROUP BY tag_id""",
            [require_tenant_id(), CandidateStatus.ACTIVE, tag_ids, tag_ids],
        )
        found = dict(cursor.fetchall())
    return {tag_id: found.get(tag_id, 0) for tag_id in tag_ids}


def data_range() -> tuple[date | None, date | None]:
    """The first and last day with counters (None, None before the first refresh)."""

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT min(day), max(day) FROM ({counter_days_sql('r.tenant_id = %s AND r.kind = %s')}) AS days",
            [require_tenant_id(), SegmentKind.ALL],
        )
        return cursor.fetchone()


def tag_group_of(tag: Tag) -> str | None:
    for group, categories in TAG_GROUPS.items():
        if tag.category in categories:
            return group
    return None
