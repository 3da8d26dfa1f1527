"""The weekly operations report (人才库运营报告), one per tenant and ISO week (docs/analytics.md, "Weekly report").

``weekly_report_build`` returns the week's report, building it the first time: its figures (activity rate,
conversion rates, tag distribution, funnel, findings, what changed since the week before) and a short narrative
in both languages as JSON, the page as HTML in the tenant's language, and a mail to every admin and recruiter in
their own language through the outbox. Building it twice gives one report and one mail per person.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import EDITORS, Membership, Tenant

from .. import selectors
from ..models import Finding, FindingStatus, WeeklyReport
from .diagnoses import activity_rates_at, findings_refresh, iso_week, shared_activity_rates, thresholds

WEEK = re.compile(r"(\d{4})-W(\d{2})")
REPORT_TAGS = 10


def week_bounds(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week ``YYYY-Www``; raises ServiceError (field ``week``) for another text."""
    match = WEEK.fullmatch((week or "").strip()) if isinstance(week, str) else None
    if not match:
        raise ServiceError(_("Give the week as YYYY-Www, e.g. 2026-W49."), field="week")
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ServiceError(_("That week does not exist."), field="week") from None
    return monday, monday + timedelta(days=6)


def last_full_week(today: date) -> str:
    return iso_week(today - timedelta(days=today.isoweekday()))


def _check_past(week: str) -> tuple[date, date]:
    monday, sunday = week_bounds(week)
    if sunday >= selectors.today():
        raise ServiceError(
            _("The week %(week)s has not ended yet: a report covers a whole week.") % {"week": week},
            field="week",
            code="future_week",
        )
    return monday, sunday


def _delta(now, before):
    if now is None or before is None:
        return None
    return round(now - before, 4)


def _week_end(sunday: date) -> datetime:
    """The moment the week ends: the Monday after, 00:00 in the tenant's time zone."""
    return datetime.combine(sunday + timedelta(days=1), time.min, tzinfo=ZoneInfo(selectors.tenant_zone()))


def report_data(monday: date, sunday: date) -> dict:
    """The report's figures for the week Monday–Sunday (numbers and keys only, and the narrative in both
    languages)."""
    zone = ZoneInfo(selectors.tenant_zone())
    end = _week_end(sunday)
    query = selectors.FunnelQuery(by="all", date_from=monday, date_to=sunday)
    whole = selectors.funnel(query)[0]
    kpis = selectors.kpis(query, whole=whole)
    activity, activity_before = activity_rates_at(end, end - timedelta(days=7))
    with translation.override("en"):
        tags = selectors.funnel(selectors.FunnelQuery(by="tag", date_from=monday, date_to=sunday))[
            :REPORT_TAGS
        ]
    findings = [
        {
            "id": f.pk,
            "kind": f.kind,
            "segment": {"kind": f.segment_kind, "key": f.segment_key, "name": f.segment_name},
            "severity": f.severity,
            "suggestion_en": f.suggestion_en,
            "suggestion_zh": f.suggestion_zh,
            "new": f.first_seen_at.astimezone(zone).date() >= monday,
        }
        for f in Finding.objects.filter(status=FindingStatus.OPEN).order_by("severity", "id")[:20]
    ]
    changes = {
        "activity_rate": _delta(activity["rate"], activity_before["rate"]),
        "counts": {
            step: whole["counts"][step] - whole["previous"]["counts"][step] for step in whole["counts"]
        },
        "rates": {
            name: _delta(value, whole["previous"]["rates"][name]) for name, value in whole["rates"].items()
        },
    }
    data = {
        "week": iso_week(monday),
        "from": monday.isoformat(),
        "to": sunday.isoformat(),
        "activity_rate": activity["rate"],
        "activity_rate_before": activity_before["rate"],
        "pool_size": kpis["pool_size"],
        "pool_growth": kpis["pool_growth"],
        "pool_conversion_rate": kpis["pool_conversion_rate"],
        "value_conversion_rate": kpis["value_conversion_rate"],
        "hires": kpis["hires"],
        "hires_from_pool": kpis["hires_from_pool"],
        "fees_avoided": kpis["fees_avoided"],
        "fee_currency": kpis["fee_currency"],
        "stale_share": kpis["stale_share"],
        "funnel": {
            "counts": whole["counts"],
            "rates": whole["rates"],
            "jumps": whole["jumps"],
            "previous": whole["previous"],
        },
        "tags": [
            {
                "key": item["segment"]["key"],
                "name": item["segment"]["name"],
                "counts": item["counts"],
                "rates": item["rates"],
            }
            for item in tags
        ],
        "findings": findings,
        "changes": changes,
    }
    data["narrative"] = {language: narrative(data, language) for language in ("en", "zh-hans")}
    return data


def _pct(value) -> str:
    return "—" if value is None else f"{round(100 * value, 1):g}%"


def narrative(data: dict, language: str) -> list[str]:
    """A few sentences saying what the week's figures mean, in ``language``."""
    with translation.override(language):
        counts = data["funnel"]["counts"]
        lines = [
            _("%(active)s of the pool engaged in the last 6 months (%(change)s on the week before).")
            % {
                "active": _pct(data["activity_rate"]),
                "change": _("%(sign)s%(points)s points")
                % {
                    "sign": "+" if (data["changes"]["activity_rate"] or 0) >= 0 else "−",
                    "points": f"{abs(round(100 * (data['changes']['activity_rate'] or 0), 1)):g}",
                },
            },
            _(
                "This week: %(contacted)d contacted, %(replied)d replied, %(interviewed)d interviewed, %(hired)d "
                "hired."
            )
            % {key: counts[key] for key in ("contacted", "replied", "interviewed", "hired")},
            _("%(pool)d of %(all)d hires came from the pool (value conversion rate %(value)s).")
            % {
                "pool": data["hires_from_pool"],
                "all": data["hires"],
                "value": _pct(data["value_conversion_rate"]),
            },
        ]
        new = [f for f in data["findings"] if f["new"]]
        if data["findings"]:
            lines.append(
                _("%(open)d findings are open, %(new)d of them new this week.")
                % {"open": len(data["findings"]), "new": len(new)}
            )
        else:
            lines.append(_("No finding is open."))
    return lines


def render_html(report: WeeklyReport, language: str) -> str:
    from ..models import FUNNEL_STEPS, Step

    with translation.override(language):
        # In the funnel's order (the stored JSON's keys come back in jsonb's order, not the steps').
        steps = [(str(step), str(Step(step).label)) for step in FUNNEL_STEPS]
        # Names in the reader's language (a tag has a Chinese and an English one); the stored name otherwise.
        data = dict(report.data)
        names = selectors.segment_names("tag", [tag["key"] for tag in data.get("tags", [])])
        data["tags"] = [{**tag, "name": names.get(tag["key"], tag["name"])} for tag in data.get("tags", [])]
        data["findings"] = [
            {
                **item,
                "segment": {
                    **item["segment"],
                    "name": selectors.segment_names(item["segment"]["kind"], [item["segment"]["key"]]).get(
                        item["segment"]["key"], item["segment"]["name"]
                    ),
                },
            }
            for item in data.get("findings", [])
        ]
        return render_to_string(
            "analytics/report_body.html",
            {"report": report, "data": data, "steps": steps, "rates": list(selectors.rate_labels().items())},
        )


def weekly_report_build(week: str, *, email: bool = True) -> tuple[WeeklyReport, bool]:
    """The week's report and whether it was built now. Raises ServiceError (field ``week``) for a bad week or
    one that has not ended. Safe to run twice (and concurrently): one report, one mail per person."""
    monday, sunday = _check_past(week)
    week = iso_week(monday)
    existing = WeeklyReport.objects.filter(week=week).first()
    if existing is not None:
        return existing, False
    data = report_data(monday, sunday)
    tenant = Tenant.objects.get(pk=require_tenant_id())
    try:
        with transaction.atomic():
            report = WeeklyReport.objects.create(week=week, starts_on=monday, data=data)
            report.html = render_html(report, tenant.default_language)
            report.save(update_fields=["html"])
            if email:
                weekly_report_mail(report, tenant=tenant)
    except IntegrityError:  # another worker built it a moment ago
        return WeeklyReport.objects.get(week=week), False
    return report, True


def weekly_report_refresh(week: str, *, email: bool = True) -> tuple[WeeklyReport, bool]:
    """What the Monday job does once the aggregates are refreshed: the findings brought up to date
    (``findings_refresh``), then the week's report (``weekly_report_build``). The activity rates both read —
    now and the rule's weeks before for the findings, the week's end and a week earlier for the report — are
    counted in one pass over the interactions instead of two. Raises ServiceError as the build does."""
    _monday, sunday = _check_past(week)
    now = timezone.now()
    end = _week_end(sunday)
    weeks = int(thresholds(selectors.analytics_settings())["activity_falling"]["weeks"])
    with shared_activity_rates(now, now - timedelta(weeks=weeks), end, end - timedelta(days=7)):
        findings_refresh(now=now)
        return weekly_report_build(week, email=email)


def weekly_report_mail(report: WeeklyReport, *, tenant: Tenant) -> int:
    """Mail the report to every admin and recruiter in their language (the outbox; one mail per person and
    report whatever the retries). Returns how many."""
    from engagement.services.outbox import system_mail

    link = settings.SITE_URL.rstrip("/") + reverse("analytics:report", args=[report.week])
    sent = 0
    members = Membership.objects.filter(role__in=EDITORS).select_related("user")
    for membership in members:
        user = membership.user
        if not user.email or not user.is_active:
            continue
        language = user.language or tenant.default_language
        with translation.override(language):
            subject = _("Talent pool operations report, %(week)s") % {"week": report.week}
            body = "\n".join(
                [
                    *report.data["narrative"]["zh-hans" if language.startswith("zh") else "en"],
                    "",
                    _("The whole report: %(link)s") % {"link": link},
                ]
            )
        system_mail(
            user, subject=subject, body=body, key=f"weekly-report:{report.pk}:{user.pk}", tenant=tenant.pk
        )
        sent += 1
    WeeklyReport.objects.filter(pk=report.pk).update(emailed_at=timezone.now())
    return sent


def reports_due(now: datetime | None = None) -> list[int]:
    """Tenants whose local time is Monday 08:00 or later and whose last week has no report yet (beat runs this
    every hour, so each tenant's report is built at its own Monday 08:00)."""
    from talentpool.tenancy.context import tenant_context

    now = now or timezone.now()
    due = []
    for tenant in Tenant.objects.filter(is_active=True):
        local = now.astimezone(ZoneInfo(tenant.time_zone or "UTC"))
        if local.isoweekday() == 1 and local.hour < 8:  # this Monday's report is not due before 08:00
            continue
        with tenant_context(tenant):
            if not WeeklyReport.objects.filter(week=last_full_week(local.date())).exists():
                due.append(tenant.pk)
    return due
