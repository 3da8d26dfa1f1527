"""Dashboard pages: the Overview home, the Analytics page (funnel, KPIs, trends, segments, findings; every
filter in the URL so a view can be shared), the weekly report archive (page, print, CSV) and the findings'
actions. The figures come from ``analytics.selectors`` (the daily aggregates), never from raw events."""

from __future__ import annotations

import csv
from datetime import datetime

from django.contrib import messages
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candidates import selectors as candidate_selectors
from candidates.models import ActivityTier
from talentpool.errors import ServiceError
from talentpool.spreadsheet import csv_safe
from talentpool.tenancy import selectors as tenancy_selectors
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS, Role

from . import selectors
from .models import FUNNEL_STEPS, Finding, FindingStatus, SegmentKind, Step, WeeklyReport
from .services import diagnoses, reports


@member_required()
def home(request):
    """The tenant's overview: pool size and tiers, the activity rate, whom to follow up today, newest candidates,
    team. Hiring managers go to their reviews."""
    if request.membership.role == Role.HIRING_MANAGER:
        return redirect("profiles:review")
    from engagement.selectors.activity import activity_rate
    from engagement.views.followups import follow_up_rows

    # Tiers are ranges on each candidate's stored activity anchor at this moment (candidates.selectors).
    summary = candidate_selectors.pool_summary()
    rate = activity_rate()
    context = {
        "nav": "home",
        "summary": summary,
        # One row per tier in display order, for the KPI cards, the legend and the chart's json_script.
        "tiers": [
            {"value": tier.value, "label": str(tier.label), "count": summary["by_tier"].get(tier.value, 0)}
            for tier in ActivityTier
        ],
        "recent_candidates": candidate_selectors.candidate_list()[:8],
        "member_count": tenancy_selectors.members().count(),
        # Share of the active pool with a human interaction in the last 6 months.
        "activity_rate": {**rate, "percent": round(100 * rate["rate"])},
        "follow_ups": follow_up_rows(limit=5),
    }
    return render(request, "analytics/home.html", context)


# --- the Analytics page ----------------------------------------------------------------------------------------

SORTS = (
    "name",
    *(str(step) for step in FUNNEL_STEPS),
    "open_rate",
    "reply_rate",
    "interview_rate",
    "hire_rate",
    "probation_pass_rate",
)
RATE_LABELS = (
    ("open_rate", "open"),
    ("reply_rate", "reply"),
    ("interview_rate", "interview"),
    ("hire_rate", "hire"),
    ("probation_pass_rate", "probation"),
)
BY_CHOICES = (
    ("tag", SegmentKind.TAG.label),
    ("group", SegmentKind.GROUP.label),
    ("source", SegmentKind.SOURCE.label),
    ("campaign", SegmentKind.CAMPAIGN.label),
    ("tier", SegmentKind.TIER.label),
    ("role", SegmentKind.ROLE.label),
    ("recruiter", SegmentKind.RECRUITER.label),
    ("month", SegmentKind.MONTH.label),
)


def _trend(query: selectors.FunnelQuery) -> list[dict]:
    """Per week of the period: how many first reached contacted, replied, interviewed and hired (the counters)."""
    rows = (
        "r.tenant_id = %s AND r.kind = 'all' AND r.key = '' AND r.month BETWEEN %s AND %s "
        "AND r.step IN ('contacted', 'replied', 'interviewed', 'hired')"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT date_trunc('week', day)::date AS week, step, sum(count)
                FROM ({selectors.counter_days_sql(rows)}) AS days
                WHERE day BETWEEN %s AND %s
                GROUP BY 1, 2 ORDER BY 1""",
            [
                request_tenant_id(),
                query.date_from.replace(day=1),
                query.date_to,
                query.date_from,
                query.date_to,
            ],
        )
        weeks: dict = {}
        for week, step, count in cursor.fetchall():
            weeks.setdefault(
                week, {"week": week.isoformat(), "contacted": 0, "replied": 0, "interviewed": 0, "hired": 0}
            )[step] = int(count)
    return list(weeks.values())


def request_tenant_id() -> int:
    from talentpool.tenancy.context import require_tenant_id

    return require_tenant_id()


def _segments(request, query: selectors.FunnelQuery) -> tuple[list[dict], str, str, str]:
    search = (request.GET.get("q") or "").strip()[:100]
    # A search looks through more segments than the largest 50 shown by default.
    segment_query = selectors.FunnelQuery(
        by=query.by,
        date_from=query.date_from,
        date_to=query.date_to,
        keys=query.keys,
        compare=True,
        limit=selectors.MAX_SEGMENTS if search else query.limit,
    )
    items = selectors.funnel(segment_query)
    if search:
        items = [item for item in items if search.lower() in item["segment"]["name"].lower()]
    sort = request.GET.get("sort") or "pooled"
    sort = sort if sort in SORTS else "pooled"
    direction = "asc" if request.GET.get("dir") == "asc" else "desc"

    def value(item):
        if sort == "name":
            return item["segment"]["name"]
        if sort in item["counts"]:
            return item["counts"][sort]
        rate = item["rates"].get(sort)
        return -1 if rate is None else rate

    items.sort(key=value, reverse=direction == "desc")
    return items, search, sort, direction


@member_required(POOL_READERS)
@require_GET
def analytics_page(request):
    """The Analytics page. Bad filters show the message and the default view, with status 400."""
    status, error = 200, ""
    try:
        query = selectors.funnel_query(request.GET, default_by="tag")
    except ServiceError as exc:
        status, error = 400, f"{exc}"
        query = selectors.funnel_query({"by": "tag"})
    whole = selectors.funnel(
        selectors.FunnelQuery(by="all", date_from=query.date_from, date_to=query.date_to)
    )[0]
    kpis = selectors.kpis(query, whole=whole)
    items, search, sort, direction = _segments(request, query)
    first, last = selectors.data_range()
    labels = {str(step): str(Step(step).label) for step in FUNNEL_STEPS}
    steps = [
        {
            "step": str(step),
            "label": labels[str(step)],
            "count": whole["counts"][str(step)],
            "previous": whole["previous"]["counts"][str(step)],
            "jumps": whole["jumps"].get(str(step), 0),
        }
        for step in FUNNEL_STEPS
    ]
    rate_labels = selectors.rate_labels()
    rates = [
        {
            "name": name,
            "label": rate_labels[name],
            "value": whole["rates"][name],
            "previous": whole["previous"]["rates"][name],
        }
        for name, _short in RATE_LABELS
    ]
    findings = list(
        Finding.objects.filter(status=FindingStatus.OPEN).order_by("severity", "-last_seen_at")[:30]
    )
    language = request.LANGUAGE_CODE
    people = _names_of(
        [pk for finding in findings for pk in (finding.evidence or {}).get("candidates", [])[:12]]
    )
    for finding in findings:
        finding.text = finding.suggestion(language)
        finding.name = selectors.segment_names(finding.segment_kind, [finding.segment_key]).get(
            finding.segment_key, finding.segment_name
        )
        finding.people = [
            (pk, people[pk]) for pk in (finding.evidence or {}).get("candidates", [])[:12] if pk in people
        ]
        finding.action = diagnoses.ACTIONS.get(finding.kind)
    trend = _trend(query)
    params = query.as_params()
    context = {
        "nav": "analytics",
        "query": query,
        "error": error,
        "kpis": kpis,
        "snapshot_time": datetime.fromisoformat(kpis["as_of"]) if kpis.get("as_of") else None,
        "whole": whole,
        "steps": steps,
        "rates": rates,
        "items": items,
        "search": search,
        "sort": sort,
        "direction": direction,
        "by_choices": BY_CHOICES,
        "rate_names": [name for name, _short in RATE_LABELS],
        "rate_labels": rate_labels,
        "step_labels": labels,
        "findings": findings,
        "trend": trend,
        "first_day": first,
        "last_day": last,
        "empty": not first or query.date_to < first or query.date_from > last,
        "total_jumps": sum(whole["jumps"].values()),
        "chart_funnel": {
            "labels": [row["label"] for row in steps],
            "current": [row["count"] for row in steps],
            "previous": [row["previous"] for row in steps],
            "names": [_("This period"), _("Previous period")],
        },
        "chart_trend": {
            "labels": [row["week"] for row in trend],
            "series": [
                {"label": labels[step], "data": [row[step] for row in trend]}
                for step in ("contacted", "replied", "interviewed", "hired")
            ],
        },
        "base_params": {key: value for key, value in params.items() if key != "segment"},
        "can_act": request.membership.role in EDITORS,
        "latest_report": WeeklyReport.objects.only("week").first(),
    }
    return render(request, "analytics/analytics.html", context, status=status)


def _names_of(ids: list[int]) -> dict[int, str]:
    from candidates.models import Candidate

    return dict(Candidate.objects.filter(pk__in=set(ids)).values_list("pk", "full_name"))


@member_required(EDITORS)
@require_POST
def finding_dismiss(request, pk: int):
    finding = get_object_or_404(Finding, pk=pk)
    try:
        diagnoses.finding_dismiss(finding, reason=request.POST.get("reason", ""), actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Finding dismissed."))
    return redirect(reverse("analytics:analytics") + "#findings")


@member_required(EDITORS)
@require_POST
def finding_campaign(request, pk: int):
    finding = get_object_or_404(Finding, pk=pk)
    try:
        campaign = diagnoses.finding_campaign_create(finding, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("analytics:analytics") + "#findings")
    messages.success(
        request, _("Draft campaign “%(name)s” created: check it and launch it.") % {"name": campaign.name}
    )
    return redirect("engagement:campaign", pk=campaign.pk)


# --- weekly reports --------------------------------------------------------------------------------------------


@member_required(POOL_READERS)
@require_GET
def report_list(request):
    reports_ = WeeklyReport.objects.only("week", "starts_on", "built_at", "emailed_at")[:104]
    today = selectors.today()
    return render(
        request,
        "analytics/report_list.html",
        {
            "nav": "analytics",
            "reports": reports_,
            "last_week": reports.last_full_week(today),
            "can_act": request.membership.role in EDITORS,
        },
    )


@member_required(EDITORS)
@require_POST
def report_build(request):
    try:
        report, built = reports.weekly_report_build(request.POST.get("week", ""))
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("analytics:reports")
    if built:
        messages.success(request, _("Report %(week)s built and sent.") % {"week": report.week})
    return redirect("analytics:report", week=report.week)


def _report(week: str) -> WeeklyReport:
    try:
        reports.week_bounds(week)
    except ServiceError:
        raise Http404 from None
    return get_object_or_404(WeeklyReport, week=week)


@member_required(POOL_READERS)
@require_GET
def report_detail(request, week: str):
    report = _report(week)
    html = reports.render_html(report, request.LANGUAGE_CODE)
    funnel = report.data.get("funnel", {})
    chart = {
        "labels": [str(Step(step).label) for step in FUNNEL_STEPS],
        "current": [funnel.get("counts", {}).get(str(step), 0) for step in FUNNEL_STEPS],
        "previous": [funnel.get("previous", {}).get("counts", {}).get(str(step), 0) for step in FUNNEL_STEPS],
        "names": [_("This week"), _("Week before")],
    }
    return render(
        request,
        "analytics/report_detail.html",
        {"nav": "analytics", "report": report, "body": html, "chart_funnel": chart},
    )


@member_required(POOL_READERS)
@require_GET
def report_print(request, week: str):
    report = _report(week)
    html = reports.render_html(report, request.LANGUAGE_CODE)
    return render(request, "analytics/report_print.html", {"report": report, "body": html})


@member_required(POOL_READERS)
@require_GET
def report_csv(request, week: str):
    """The report's figures as CSV (one figure per row; cells escaped against spreadsheet formulas)."""
    report = _report(week)
    data = report.data
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="talent-pool-report-{report.week}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 (Chinese names) only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow(["section", "segment", "figure", "value"])
    for name in (
        "activity_rate",
        "activity_rate_before",
        "pool_size",
        "pool_growth",
        "pool_conversion_rate",
        "value_conversion_rate",
        "hires",
        "hires_from_pool",
        "fees_avoided",
        "stale_share",
    ):
        writer.writerow(["kpi", "", name, data.get(name)])
    for step, count in data["funnel"]["counts"].items():
        writer.writerow(["funnel", "", step, count])
    for name, rate in data["funnel"]["rates"].items():
        writer.writerow(["funnel", "", name, rate])
    for tag in data["tags"]:
        for step, count in tag["counts"].items():
            writer.writerow(["tag", csv_safe(tag["name"]), step, count])
    for finding in data["findings"]:
        text = (
            finding["suggestion_zh"] if request.LANGUAGE_CODE.startswith("zh") else finding["suggestion_en"]
        )
        writer.writerow(["finding", csv_safe(finding["segment"]["name"]), finding["kind"], csv_safe(text)])
    return response
