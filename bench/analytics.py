"""Analytics benchmark on the shared 1,000,000-candidate tenant (``bench1m``: ~10M interactions, applications,
stage events, hires), or BENCH_ANALYTICS_TENANT.

    python -m bench.analytics          # also part of ``python -m bench``

Setup: hires older than their probation get an outcome in one UPDATE (pools generated before the generator
wrote outcomes); the aggregates are rebuilt once (that rebuild is the first figure).

| figure | value | baseline (same run) |
| --- | --- | --- |
| analytics_rebuild_<size>_s | full rebuild from empty aggregates: milestones from the raw rows, every day's counters, sizes | the 50-tag funnel computed from the raw rows (milestones recomputed, no counters kept) |
| analytics_rebuild_again_<size>_s | the same rebuild over existing aggregates (only changed rows are written) | the first rebuild |
| analytics_funnel_50_tags_<size>_p50_ms | the funnel of the 50 largest tags, last 90 days + previous period, from the counters (median of BENCH_RUNS) | the same funnel from the raw rows |
| analytics_refill_day_<size>_s | refilling one day (yesterday): its candidates' milestones and every segment's counters | the full rebuild |
| analytics_page_<size>_p50_ms | the Analytics page's server time (Django test client, admin of the tenant) | the Overview page |
| analytics_weekly_report_<size>_s | building last week's report (refresh of findings included; rolled back) | that week's whole-pool funnel from the raw rows |
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from .common import Stopwatch, emit, figure, p50, progress, setup_django, size_label

PROBATION_DAYS = 180
PROBATION_FAIL_EVERY = 7  # as the generator does (bench/activity.py)


def _tenant(settings):
    from talentpool.tenancy.models import Tenant

    slug = os.environ.get("BENCH_ANALYTICS_TENANT", "").strip() or "bench1m"
    tenant = Tenant.objects.filter(slug=slug).first() or Tenant.objects.filter(slug=settings.slug).first()
    if tenant is None:
        raise RuntimeError(
            f"no tenant {slug!r} (nor {settings.slug!r}): generate one with bench.generate first"
        )
    return tenant


def _decide_probations(tenant) -> int:
    """One UPDATE: hires older than their probation that are still pending get passed (failed for every 7th)."""
    from django.db import connection

    from profiles.models import Hire
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant), connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Hire._meta.db_table}
                SET probation_outcome = CASE WHEN id %% %s = 0 THEN 'failed' ELSE 'passed' END,
                    probation_decided_on = hired_at + %s
                WHERE tenant_id = %s AND probation_outcome = 'pending' AND voided_at IS NULL
                      AND hired_at <= current_date - %s""",
            [PROBATION_FAIL_EVERY, PROBATION_DAYS, tenant.pk, PROBATION_DAYS],
        )
        return cursor.rowcount


def _empty_aggregates(tenant) -> None:
    """Delete the tenant's milestones and counters (what a tenant has before its first refresh)."""
    from django.db import connection

    from analytics.models import CounterMonth, Milestone
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant), connection.cursor() as cursor:
        for model in (Milestone, CounterMonth):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE tenant_id = %s", [tenant.pk])


def analytics_benchmarks(settings) -> list:
    from django.db import transaction
    from django.test import Client

    from analytics import selectors
    from analytics.services import aggregates, reports
    from analytics.services.diagnoses import iso_week
    from candidates.models import Candidate
    from talentpool.accounts.models import User
    from talentpool.tenancy.context import tenant_context

    from .generate import bench_admin_email

    tenant = _tenant(settings)
    with tenant_context(tenant):
        size = size_label(Candidate.objects.count())
    progress(
        f"analytics: tenant {tenant.slug!r}, {size} candidates; probations decided: {_decide_probations(tenant)}"
    )
    runs = max(3, min(settings.runs, 15))

    # The full rebuild as a first build does it: the tenant's aggregates are emptied first (not timed), so
    # every milestone and counter row is written. Then again over them, as a later rebuild is.
    _empty_aggregates(tenant)
    with Stopwatch() as rebuild:
        first = aggregates.rebuild(tenant.pk)
    progress(f"analytics: full rebuild {rebuild.seconds:.1f} s, by phase {first['seconds']}")
    with Stopwatch() as again:
        aggregates.rebuild(tenant.pk)
    progress(f"analytics: rebuild again {again.seconds:.1f} s")
    with tenant_context(tenant):
        today = selectors.today()
        tags = selectors.largest_segments("tag", 50)
        query = selectors.FunnelQuery(
            by="tag", date_from=today - timedelta(days=89), date_to=today, keys=tags
        )
        with Stopwatch() as raw:
            from_raw = selectors.funnel(query, source="raw")
        samples = []
        for _ in range(runs):
            with Stopwatch() as watch:
                from_counters = selectors.funnel(query)
            samples.append(watch.seconds * 1000)
        if from_counters != from_raw:
            progress("analytics: WARNING the counters' funnel differs from the raw rows' funnel")
    figures = [
        figure(
            f"analytics_rebuild_{size}_s",
            rebuild.seconds,
            "s",
            raw.seconds,
            "the 50-tag funnel from the raw rows (milestones recomputed, nothing kept)",
        ),
        figure(
            f"analytics_rebuild_again_{size}_s",
            again.seconds,
            "s",
            rebuild.seconds,
            "the first full rebuild (every row written)",
        ),
        figure(
            f"analytics_funnel_50_tags_{size}_p50_ms",
            p50(samples),
            "ms",
            raw.seconds * 1000,
            "the same 50-tag funnel from the raw rows",
        ),
    ]
    with Stopwatch() as day:
        aggregates.refill_day(tenant.pk, today - timedelta(days=1))
    figures.append(
        figure(f"analytics_refill_day_{size}_s", day.seconds, "s", rebuild.seconds, "the full rebuild")
    )

    admin = User.objects.filter(email=bench_admin_email(tenant.slug)).first()
    if admin is not None:
        client = Client()
        client.force_login(admin)
        pages = {"/analytics/": [], "/": []}
        for _ in range(runs):
            for url, times in pages.items():
                with Stopwatch() as watch:
                    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
                assert response.status_code == 200, (url, response.status_code)
                times.append(watch.seconds * 1000)
        figures.append(
            figure(
                f"analytics_page_{size}_p50_ms",
                p50(pages["/analytics/"]),
                "ms",
                p50(pages["/"]),
                "the Overview page",
            )
        )
    else:
        progress(f"analytics: no admin {bench_admin_email(tenant.slug)}: page figure skipped")

    week = iso_week(today - timedelta(days=7))
    monday, sunday = reports.week_bounds(week)
    with tenant_context(tenant):
        with Stopwatch() as baseline:
            selectors.funnel(selectors.FunnelQuery(by="all", date_from=monday, date_to=sunday), source="raw")
        with Stopwatch() as report, transaction.atomic():
            reports.weekly_report_refresh(week, email=False)  # the Monday job: findings, then the report
            transaction.set_rollback(True)  # leaves the shared tenant as it was
    figures.append(
        figure(
            f"analytics_weekly_report_{size}_s",
            report.seconds,
            "s",
            baseline.seconds,
            "that week's whole-pool funnel from the raw rows",
        )
    )
    return figures


BENCHMARKS = (analytics_benchmarks,)


def main() -> int:
    setup_django()
    from .benchmarks import BenchSettings

    for result in analytics_benchmarks(BenchSettings.from_environment()):
        emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
