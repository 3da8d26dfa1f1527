"""Findings: rules that turn the funnel into a diagnosis with evidence, a severity and a suggestion in Chinese
and English (docs/analytics.md, "Findings").

Each rule has tenant-tunable thresholds (``AnalyticsSettings.thresholds`` over ``DEFAULTS``) and never fires on
a sample below ``AnalyticsSettings.min_sample``. ``findings_refresh`` stores what fires: the same kind on the
same segment is the same ``Finding`` every week (its ``history`` gains one entry per week), a dismissed one stays
dismissed, and one that stopped firing is marked "no longer seen". Safe to run twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from statistics import median

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.models import Candidate, CandidateStatus
from engagement.models import HUMAN_KINDS, Interaction
from profiles.models import ProfileStatus, Requirement, RoleProfile
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id

from .. import selectors
from ..models import Finding, FindingStatus, Milestone, Severity, Step

DEFAULTS = {
    "window_days": 90,
    "salary_mismatch": {"interview_rate_min": 0.4, "hire_rate_max": 0.15},
    "source_more": {"hire_rate_min": 0.25},
    "low_open_rate": {"open_rate_max": 0.2},
    "low_reply_rate": {"reply_rate_max": 0.05, "open_rate_min": 0.2},
    "activity_falling": {"drop_min": 0.05, "weeks": 4},
    "role_supply_low": {"supply_min": 10},
    "probation_failures": {"fail_rate_min": 0.3},
}
EVIDENCE_CANDIDATES = 50  # candidates named per finding (the figures count all of them)


def thresholds(settings) -> dict:
    merged = {key: (dict(value) if isinstance(value, dict) else value) for key, value in DEFAULTS.items()}
    for key, value in (settings.thresholds or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update({k: v for k, v in value.items() if isinstance(v, int | float)})
        elif key in merged and isinstance(value, int | float):
            merged[key] = value
    return merged


def _both(make) -> tuple[str, str]:
    """The suggestion in English and Chinese: ``make()`` evaluated under each language."""
    with translation.override("en"):
        english = make()
    with translation.override("zh-hans"):
        chinese = make()
    return english, chinese


def _named(segment: dict) -> str:
    """The segment's name in the active language (a tag has a Chinese and an English name)."""
    return selectors.segment_names(segment["kind"], [segment["key"]]).get(segment["key"], segment["name"])


def _pct(value) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


class SegmentCandidates:
    """Ids of candidates with a tag whose first ``step`` fell in the period (optionally without ``exclude_step``
    ever), for every tag a rule names: one read per step of the period's milestones with their candidates' tags,
    then split by tag in memory (not one join over the pool per finding)."""

    def __init__(self, date_from: date, date_to: date):
        self.date_from, self.date_to = date_from, date_to
        self._by_step: dict[str, dict[int, list[int]]] = {}
        self._ever: dict[str, set[int]] = {}

    def _tagged(self, step: str) -> dict[int, list[int]]:
        if step not in self._by_step:
            by_tag: dict[int, list[int]] = {}
            rows = (
                Milestone.objects.filter(
                    step=step, reached_on__gte=self.date_from, reached_on__lte=self.date_to
                )
                .order_by("candidate_id")
                .values_list("candidate_id", "candidate__tag_ids")
            )
            for candidate_id, tag_ids in rows:
                for tag_id in set(tag_ids or ()):
                    by_tag.setdefault(tag_id, []).append(candidate_id)
            self._by_step[step] = by_tag
        return self._by_step[step]

    def _reached_ever(self, step: str) -> set[int]:
        if step not in self._ever:
            self._ever[step] = set(Milestone.objects.filter(step=step).values_list("candidate_id", flat=True))
        return self._ever[step]

    def __call__(self, tag_key: str, step: str, *, exclude_step: str = "") -> list[int]:
        ids = self._tagged(step).get(int(tag_key), [])
        if exclude_step:
            excluded = self._reached_ever(exclude_step)
            ids = [pk for pk in ids if pk not in excluded]
        return list(ids)


def _monthly(amount, period, months) -> float | None:
    if amount is None:
        return None
    amount = float(amount)
    if period == "year":
        return amount / (months or 12)
    if period == "day":
        return amount * 21.75
    if period == "hour":
        return amount * 174
    return amount


def _salary_evidence(candidate_ids: list[int]) -> dict:
    """The segment's expected monthly salary (midpoint, median) against what its roles offer, where known."""
    expected = []
    for row in Candidate.objects.filter(pk__in=candidate_ids).values(
        "salary_min", "salary_max", "salary_period", "salary_months"
    ):
        values = [
            v
            for v in (
                _monthly(row["salary_min"], row["salary_period"], row["salary_months"]),
                _monthly(row["salary_max"], row["salary_period"], row["salary_months"]),
            )
            if v
        ]
        if values:
            expected.append(sum(values) / len(values))
    role_ids = Milestone.objects.filter(
        candidate_id__in=candidate_ids, step=Step.INTERVIEWED, profile_id__isnull=False
    ).values_list("profile_id", flat=True)
    offered = []
    for row in RoleProfile.objects.filter(pk__in=set(role_ids)).values(
        "salary_min", "salary_max", "salary_period", "salary_months"
    ):
        values = [
            v
            for v in (
                _monthly(row["salary_min"], row["salary_period"], row["salary_months"]),
                _monthly(row["salary_max"], row["salary_period"], row["salary_months"]),
            )
            if v
        ]
        if values:
            offered.append(sum(values) / len(values))
    return {
        "expected_monthly": round(median(expected)) if expected else None,
        "expected_known": len(expected),
        "offered_monthly": round(median(offered)) if offered else None,
        "offered_known": len(offered),
    }


def _hire_sources(candidate_ids: list[int]) -> list[dict]:
    from django.db.models import Count

    return [
        {"source": row["source"], "hires": row["n"]}
        for row in Candidate.objects.filter(pk__in=candidate_ids)
        .values("source")
        .annotate(n=Count("id"))
        .order_by("-n", "source")
    ]


def diagnose(*, today: date | None = None, now: datetime | None = None) -> list[dict]:
    """The findings that fire now, as dicts ``{"kind", "segment", "severity", "evidence", "suggestion_en",
    "suggestion_zh"}``. Reads the counters: run ``aggregates.refresh`` first."""
    settings = selectors.analytics_settings()
    limits = thresholds(settings)
    minimum = max(1, int(settings.min_sample))
    date_to = today or selectors.today()
    date_from = date_to - timedelta(days=int(limits["window_days"]) - 1)
    query = selectors.FunnelQuery(by="tag", date_from=date_from, date_to=date_to, compare=False)
    found: list[dict] = []
    people = SegmentCandidates(date_from, date_to)
    for item in selectors.funnel(query):
        found += _tag_rules(item, limits, minimum, people)
    whole = selectors.funnel(
        selectors.FunnelQuery(by="all", date_from=date_from, date_to=date_to, compare=False)
    )[0]
    found += _message_rules(whole, limits, minimum)
    found += _activity_rule(limits, minimum, now or timezone.now())
    found += _supply_rule(limits)
    period = {"from": date_from.isoformat(), "to": date_to.isoformat()}
    for finding in found:
        finding["evidence"].setdefault("period", period)
    return found


def _tag_rules(item: dict, limits: dict, minimum: int, people: SegmentCandidates) -> list[dict]:
    counts, rates, segment = item["counts"], item["rates"], item["segment"]
    key = segment["key"]
    figures = {"counts": counts, "rates": rates}
    found = []
    rule = limits["salary_mismatch"]
    if (
        counts["replied"] >= minimum
        and counts["interviewed"] >= minimum
        and rates["interview_rate"] is not None
        and rates["interview_rate"] >= rule["interview_rate_min"]
        and rates["hire_rate"] is not None
        and rates["hire_rate"] <= rule["hire_rate_max"]
    ):
        not_hired = people(key, Step.INTERVIEWED, exclude_step=Step.HIRED)
        salary = _salary_evidence(not_hired)
        english, chinese = _both(
            lambda: (
                _(
                    "“%(segment)s”: %(interview)s of those who replied were interviewed but only %(hire)s of those "
                    "interviewed were hired. Salary expectations probably do not match: state the salary range in the "
                    "next emails."
                )
                % {
                    "segment": _named(segment),
                    "interview": _pct(rates["interview_rate"]),
                    "hire": _pct(rates["hire_rate"]),
                }
            )
        )
        found.append(
            {
                "kind": "salary_mismatch",
                "segment": segment,
                "severity": Severity.HIGH
                if rates["hire_rate"] <= rule["hire_rate_max"] / 1.5
                else Severity.MEDIUM,
                "evidence": {**figures, "salary": salary, "candidates": not_hired[:EVIDENCE_CANDIDATES]},
                "suggestion_en": english,
                "suggestion_zh": chinese,
            }
        )
    rule = limits["source_more"]
    if (
        counts["interviewed"] >= minimum
        and rates["hire_rate"] is not None
        and rates["hire_rate"] >= rule["hire_rate_min"]
    ):
        hired = people(key, Step.HIRED)
        sources = _hire_sources(hired)
        named = ", ".join(f"{row['source']} ({row['hires']})" for row in sources) or "—"
        english, chinese = _both(
            lambda: (
                _(
                    "“%(segment)s”: %(hire)s of those interviewed were hired. Collect more of these people (e.g. advertise "
                    "where they gather); the hires came from: %(sources)s."
                )
                % {"segment": _named(segment), "hire": _pct(rates["hire_rate"]), "sources": named}
            )
        )
        found.append(
            {
                "kind": "source_more",
                "segment": segment,
                "severity": Severity.LOW,
                "evidence": {**figures, "sources": sources, "candidates": hired[:EVIDENCE_CANDIDATES]},
                "suggestion_en": english,
                "suggestion_zh": chinese,
            }
        )
    rule = limits["probation_failures"]
    decided = counts["probation_passed"] + item["probation_failed"]
    if decided >= minimum and item["probation_failed"] / decided >= rule["fail_rate_min"]:
        failed = people(key, Step.PROBATION_FAILED)
        roles = sorted(
            {
                pk
                for pk in Milestone.objects.filter(
                    candidate_id__in=failed, step=Step.PROBATION_FAILED
                ).values_list("profile_id", flat=True)
                if pk
            }
        )
        english, chinese = _both(
            lambda: (
                _(
                    "“%(segment)s”: %(failed)d of %(decided)d hires with a decided probation failed it. Revisit the role "
                    "profile of these hires: what it asks for may not be what the job needs."
                )
                % {"segment": _named(segment), "failed": item["probation_failed"], "decided": decided}
            )
        )
        found.append(
            {
                "kind": "probation_failures",
                "segment": segment,
                "severity": Severity.HIGH,
                "evidence": {
                    **figures,
                    "probation_failed": item["probation_failed"],
                    "roles": roles,
                    "candidates": failed[:EVIDENCE_CANDIDATES],
                },
                "suggestion_en": english,
                "suggestion_zh": chinese,
            }
        )
    return found


def _message_rules(item: dict, limits: dict, minimum: int) -> list[dict]:
    counts, rates, segment = item["counts"], item["rates"], item["segment"]
    figures = {"counts": counts, "rates": rates}
    found = []
    if (
        counts["contacted"] >= minimum
        and rates["open_rate"] is not None
        and rates["open_rate"] < limits["low_open_rate"]["open_rate_max"]
    ):
        english, chinese = _both(
            lambda: (
                _(
                    "Only %(rate)s of the people contacted opened the message (machine opens not counted). Work on the "
                    "subject line and the send time."
                )
                % {"rate": _pct(rates["open_rate"])}
            )
        )
        found.append(
            {
                "kind": "low_open_rate",
                "segment": segment,
                "severity": Severity.MEDIUM,
                "evidence": figures,
                "suggestion_en": english,
                "suggestion_zh": chinese,
            }
        )
    rule = limits["low_reply_rate"]
    if (
        counts["contacted"] >= minimum
        and counts["opened"] >= minimum
        and rates["reply_rate"] is not None
        and rates["reply_rate"] < rule["reply_rate_max"]
        and (rates["open_rate"] or 0) >= rule["open_rate_min"]
    ):
        english, chinese = _both(
            lambda: (
                _(
                    "People open the messages (%(open)s) but only %(reply)s reply. Work on the content: what is in it for "
                    "them, and one clear question to answer."
                )
                % {"open": _pct(rates["open_rate"]), "reply": _pct(rates["reply_rate"])}
            )
        )
        found.append(
            {
                "kind": "low_reply_rate",
                "segment": segment,
                "severity": Severity.MEDIUM,
                "evidence": figures,
                "suggestion_en": english,
                "suggestion_zh": chinese,
            }
        )
    return found


# Activity rates already counted in this context (``shared_activity_rates``): {(tenant id, moment): rate}.
_ACTIVITY_RATES: ContextVar[dict | None] = ContextVar("analytics_activity_rates", default=None)


@contextmanager
def shared_activity_rates(*moments: datetime) -> Iterator[None]:
    """Count the activity rates at ``moments`` in one pass now; ``activity_rates_at`` inside the block takes
    them from here (the weekly job's findings and report ask for four moments: one pass instead of two)."""
    known = dict(_ACTIVITY_RATES.get() or {})
    token = _ACTIVITY_RATES.set(known)
    try:
        activity_rates_at(*moments)
        yield
    finally:
        _ACTIVITY_RATES.reset(token)


def activity_rates_at(*moments: datetime) -> list[dict]:
    """For each moment, the share of today's active pool with a human interaction in the 6 months before it:
    one pass over the interactions of all the windows together (grouped per candidate first, then the active
    pool joined: a few hundred thousand rows, not millions). Moments counted by ``shared_activity_rates`` are
    not counted again."""
    from engagement.selectors.activity import ACTIVE_WINDOW

    tenant_id = require_tenant_id()
    known = _ACTIVITY_RATES.get()
    cached = known if known is not None else {}
    missing = sorted({moment for moment in moments if (tenant_id, moment) not in cached})
    if missing:
        windows = ", ".join(
            f"bool_or(i.occurred_at > %s AND i.occurred_at <= %s) AS w{n}" for n in range(len(missing))
        )
        counts = ", ".join(f"count(*) FILTER (WHERE a.w{n})" for n in range(len(missing)))
        params = [value for moment in missing for value in (moment - ACTIVE_WINDOW, moment)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT {counts} FROM (
                        SELECT i.candidate_id, {windows} FROM {Interaction._meta.db_table} i
                        WHERE i.tenant_id = %s AND i.kind = ANY(%s) AND i.occurred_at > %s AND i.occurred_at <= %s
                        GROUP BY i.candidate_id
                    ) a JOIN {Candidate._meta.db_table} c ON c.id = a.candidate_id AND c.status = %s""",
                [
                    *params,
                    tenant_id,
                    sorted(str(k) for k in HUMAN_KINDS),
                    min(missing) - ACTIVE_WINDOW,
                    max(missing),
                    CandidateStatus.ACTIVE,
                ],
            )
            row = cursor.fetchone()
        pool = Candidate.objects.filter(status=CandidateStatus.ACTIVE).count()
        fresh = {
            (tenant_id, moment): {
                "pool": pool,
                "active": active,
                "rate": round(active / pool, 4) if pool else 0.0,
            }
            for moment, active in zip(missing, row, strict=True)
        }
        cached.update(fresh)
    return [dict(cached[(tenant_id, moment)]) for moment in moments]


def _activity_rule(limits: dict, minimum: int, now: datetime) -> list[dict]:
    rule = limits["activity_falling"]
    current, before = activity_rates_at(now, now - timedelta(weeks=int(rule["weeks"])))
    if current["pool"] < minimum:
        return []
    drop = before["rate"] - current["rate"]
    if drop < rule["drop_min"]:
        return []
    english, chinese = _both(
        lambda: (
            _(
                "The activity rate fell from %(before)s to %(now)s in %(weeks)d weeks. Start a re-engagement campaign "
                "for the mid and low activity tiers."
            )
            % {"before": _pct(before["rate"]), "now": _pct(current["rate"]), "weeks": int(rule["weeks"])}
        )
    )
    return [
        {
            "kind": "activity_falling",
            "segment": {"kind": "all", "key": "", "name": selectors.segment_names("all", [""])[""]},
            "severity": Severity.HIGH if drop >= 2 * rule["drop_min"] else Severity.MEDIUM,
            "evidence": {
                "rate_now": current["rate"],
                "rate_before": before["rate"],
                "pool": current["pool"],
                "weeks": int(rule["weeks"]),
            },
            "suggestion_en": english,
            "suggestion_zh": chinese,
            "action": "reengagement_campaign",
        }
    ]


def _supply_rule(limits: dict) -> list[dict]:
    supply_min = int(limits["role_supply_low"]["supply_min"])
    found = []
    must = (
        Requirement.objects.filter(profile__status=ProfileStatus.OPEN, must_have=True)
        .select_related("profile", "tag")
        .order_by("profile_id", "position", "id")
    )
    by_role: dict[int, list] = {}
    for requirement in must:
        by_role.setdefault(requirement.profile_id, []).append(requirement)
    # Plain requirements: every tag's supply in one pass; an any-of group counts those holding any option.
    supplies = selectors.tag_supply(
        sorted({r.tag_id for rs in by_role.values() for r in rs if not r.is_group})
    )
    for role_id, requirements in by_role.items():
        short = []
        for requirement in requirements:
            supply = (
                supplies[requirement.tag_id]
                if not requirement.is_group
                else Candidate.objects.filter(
                    status=CandidateStatus.ACTIVE, tag_ids__overlap=requirement.option_ids
                ).count()
            )
            if supply < supply_min:
                short.append(
                    {
                        "tag": requirement.tag_id,
                        "name": selectors.tag_name(requirement.tag),
                        "supply": supply,
                        "object": requirement.tag,
                    }
                )
        if not short:
            continue
        role = requirements[0].profile
        english, chinese = _both(
            lambda role=role, short=short: (
                _(
                    "The open role “%(role)s” needs %(tags)s, and the pool has fewer than %(min)d active candidates with "
                    "it. Start a sourcing campaign."
                )
                % {
                    "role": role.title,
                    "tags": "、".join(selectors.tag_name(row["object"]) for row in short),
                    "min": supply_min,
                }
            )
        )
        for row in short:
            del row["object"]
        found.append(
            {
                "kind": "role_supply_low",
                "segment": {"kind": "role", "key": str(role_id), "name": role.title},
                "severity": Severity.HIGH if any(row["supply"] == 0 for row in short) else Severity.MEDIUM,
                "evidence": {"tags": short, "supply_min": supply_min},
                "suggestion_en": english,
                "suggestion_zh": chinese,
                "action": "sourcing_campaign",
            }
        )
    return found


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@transaction.atomic
def findings_refresh(*, today: date | None = None, now: datetime | None = None) -> list[Finding]:
    """Store the findings that fire now (see the module's docstring); returns the open ones."""
    from talentpool.tenancy.models import Tenant

    now = now or timezone.now()
    week = iso_week(today or selectors.today())
    language = (
        Tenant.objects.filter(pk=require_tenant_id()).values_list("default_language", flat=True).first()
    )
    with translation.override(language or "zh-hans"):  # segment names are stored in the tenant's language
        current = diagnose(today=today, now=now)
    seen = set()
    for item in current:
        segment = item["segment"]
        finding, created = Finding.objects.select_for_update().get_or_create(
            kind=item["kind"],
            segment_kind=segment["kind"],
            segment_key=segment["key"],
            defaults={"first_seen_at": now},
        )
        seen.add(finding.pk)
        history = [entry for entry in (finding.history or []) if entry.get("week") != week]
        history.append(
            {
                "week": week,
                "severity": item["severity"],
                "rates": item["evidence"].get("rates"),
                "counts": item["evidence"].get("counts"),
            }
        )
        finding.segment_name = segment["name"][:200]
        finding.severity = item["severity"]
        finding.evidence = item["evidence"]
        finding.suggestion_en, finding.suggestion_zh = item["suggestion_en"], item["suggestion_zh"]
        finding.history = history[-52:]
        finding.last_seen_at = now
        if finding.status == FindingStatus.RESOLVED:
            finding.status = FindingStatus.OPEN
        finding.save()
    Finding.objects.filter(status=FindingStatus.OPEN).exclude(pk__in=seen).update(
        status=FindingStatus.RESOLVED
    )
    return list(Finding.objects.filter(status=FindingStatus.OPEN))


def finding_dismiss(finding: Finding, *, reason: str, actor=None) -> Finding:
    """Dismiss a finding with a reason (required); it stays dismissed when it fires again."""
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise ServiceError(_("Say why the finding is dismissed."), field="reason", code="required")
    finding.status, finding.dismissed_reason = FindingStatus.DISMISSED, reason[:500]
    finding.dismissed_by, finding.dismissed_at = actor, timezone.now()
    finding.save(update_fields=["status", "dismissed_reason", "dismissed_by", "dismissed_at"])
    return finding


ACTIONS = {"activity_falling": "reengagement_campaign", "role_supply_low": "sourcing_campaign"}


def finding_campaign_create(finding: Finding, *, actor=None):
    """One click: the draft campaign a finding suggests (re-engagement of the mid and low tiers, or the open
    role's best matches), made by engagement's campaign service. Returns the campaign; a finding that made one
    already returns it (twice is one draft). Raises ServiceError for a finding without such an action."""
    from engagement.models import Campaign
    from engagement.services.campaigns import campaign_create

    action = ACTIONS.get(finding.kind)
    if action is None:
        raise ServiceError(_("This finding has no campaign to start."), field="finding", code="no_action")
    if finding.campaign_id:
        existing = Campaign.objects.filter(pk=finding.campaign_id).first()
        if existing is not None:
            return existing
    language = getattr(actor, "language", "") or "zh-hans"
    with translation.override(language):
        if action == "reengagement_campaign":
            name = _("Re-engagement: mid and low activity")
            audience = {"tiers": ["low", "mid"]}
            subject = _("What are you working on these days?")
            body = _(
                "Hello, it has been a while. We would like to hear what you are working on now and what you "
                "would like to do next. A short reply is enough."
            )
        else:
            name = _("Sourcing: %(role)s") % {"role": finding.segment_name}
            audience = {"profile": int(finding.segment_key)}
            subject = _("An opening that may fit you: %(role)s") % {"role": finding.segment_name}
            body = _(
                "Hello, we are hiring for %(role)s and your experience looks close to what the team needs. "
                "Would you like to hear more?"
            ) % {"role": finding.segment_name}
    campaign = campaign_create(
        name=name,
        audience=audience,
        actor=actor,
        sender=actor,
        steps=[
            {
                "channel": "email",
                "subject": subject,
                "body": body,
                "language": language if language in ("zh-hans", "en") else "zh-hans",
            }
        ],
    )
    finding.campaign_id = campaign.pk
    finding.save(update_fields=["campaign_id"])
    return campaign
