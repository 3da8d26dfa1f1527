"""The KPI tiles' "now" figures (activity rate, tiers, stale share, supply of the tags open roles ask for) come
from the pool snapshot each refresh takes, equal to the live reads at that moment, with no pass over the pool
per page view; a stale or missing snapshot falls back to the live reads. And the weekly_report command speaks
the tenant's language."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from analytics import selectors
from analytics.models import Milestone, PoolSnapshot, Step
from analytics.services import aggregates
from analytics.services.diagnoses import SegmentCandidates, iso_week
from candidates.models import Candidate, CandidateStatus
from candidates.services import candidate_tag_add
from engagement.selectors.activity import activity_rate, tier_distribution
from talentpool.tenancy.context import tenant_context

from ..factories import make_candidate


def _live_stale() -> int:
    return Candidate.objects.filter(
        Q(last_interaction_at__isnull=True) | Q(last_interaction_at__lt=timezone.now() - timedelta(days=365)),
        status=CandidateStatus.ACTIVE,
    ).count()


def _live_supply(tag_id: int) -> int:
    return Candidate.objects.filter(status=CandidateStatus.ACTIVE, tag_ids__contains=[tag_id]).count()


def test_the_kpi_tiles_read_the_snapshot_the_refresh_took_and_it_equals_the_live_figures(scenario, tenant_a):
    aggregates.refresh(tenant_a.pk)
    with tenant_context(tenant_a):
        snapshot = PoolSnapshot.objects.get()
        assert snapshot.pool == Candidate.objects.filter(status=CandidateStatus.ACTIVE).count() > 0
        # The lean role asks for the lean tag: its supply is in the snapshot.
        assert str(scenario.lean.pk) in snapshot.supply
        with CaptureQueriesContext(connection) as queries:
            kpis = selectors.kpis()
        assert not [q["sql"] for q in queries if Candidate._meta.db_table in q["sql"]], (
            "no pass over the pool"
        )
        live = activity_rate()
        assert (kpis["active_pool"], kpis["active"], kpis["activity_rate"]) == (
            live["pool"],
            live["active"],
            live["rate"],
        )
        assert kpis["tiers"] == tier_distribution()
        assert kpis["stale_share"] == round(_live_stale() / live["pool"], 4)
        assert kpis["as_of"] == snapshot.taken_at.isoformat()
        assert kpis["supply_demand"]
        for row in kpis["supply_demand"]:
            assert row["supply"] == _live_supply(row["tag"]), row


def test_a_stale_snapshot_gives_way_to_the_live_figures(scenario, tenant_a):
    aggregates.refresh(tenant_a.pk)
    with tenant_context(tenant_a):
        before = selectors.kpis()
        PoolSnapshot.objects.update(
            taken_at=timezone.now() - selectors.SNAPSHOT_MAX_AGE - timedelta(minutes=1)
        )
        candidate_tag_add(make_candidate(tenant_a), tag=scenario.lean, source="manual")
        after = selectors.kpis()
        assert after["as_of"] is None
        assert after["active_pool"] == before["active_pool"] + 1 == activity_rate()["pool"]
        lean = next(row for row in after["supply_demand"] if row["tag"] == scenario.lean.pk)
        assert lean["supply"] == _live_supply(scenario.lean.pk)
    aggregates.refresh(tenant_a.pk)  # the next refresh takes a new one
    with tenant_context(tenant_a):
        assert selectors.kpis()["as_of"] is not None
        assert selectors.kpis()["active_pool"] == before["active_pool"] + 1


def test_a_tag_no_open_role_asks_for_is_counted_live(scenario, tenant_a):
    aggregates.refresh(tenant_a.pk)
    with tenant_context(tenant_a):
        other = (
            scenario.retail.pk if str(scenario.retail.pk) not in PoolSnapshot.objects.get().supply else None
        )
        if other is None:  # both tags are asked for: drop one from the snapshot to see the live path
            snapshot = PoolSnapshot.objects.get()
            snapshot.supply.pop(str(scenario.retail.pk))
            snapshot.save(update_fields=["supply"])
            other = scenario.retail.pk
        supply = selectors.tag_supply([other, scenario.lean.pk])
        assert supply == {other: _live_supply(other), scenario.lean.pk: _live_supply(scenario.lean.pk)}


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "尚未结束"), ("en", "has not ended yet")])
def test_the_weekly_report_command_refuses_a_future_week_in_the_tenants_language(tenant_a, language, words):
    tenant_a.default_language = language
    tenant_a.save(update_fields=["default_language"])
    with tenant_context(tenant_a):
        week = iso_week(selectors.today() + timedelta(days=7))
    with pytest.raises(CommandError) as raised:
        call_command("weekly_report", "--tenant", tenant_a.slug, "--week", week, stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert words in str(raised.value)


def test_the_findings_evidence_read_once_per_step_equals_one_join_per_segment(scenario, tenant_a):
    aggregates.refresh(tenant_a.pk)
    with tenant_context(tenant_a):
        date_to = selectors.today()
        date_from = date_to - timedelta(days=89)
        people = SegmentCandidates(date_from, date_to)
        for tag in (scenario.retail, scenario.lean):
            for step, exclude in (
                (Step.INTERVIEWED, Step.HIRED),
                (Step.HIRED, ""),
                (Step.PROBATION_FAILED, ""),
            ):
                rows = Milestone.objects.filter(
                    step=step,
                    reached_on__gte=date_from,
                    reached_on__lte=date_to,
                    candidate__tag_ids__contains=[tag.pk],
                )
                if exclude:
                    rows = rows.exclude(
                        candidate_id__in=Milestone.objects.filter(step=exclude).values("candidate_id")
                    )
                expected = list(rows.order_by("candidate_id").values_list("candidate_id", flat=True))
                assert people(str(tag.pk), step, exclude_step=exclude) == expected, (tag.name_zh, step)
        assert len(people(str(scenario.retail.pk), Step.INTERVIEWED, exclude_step=Step.HIRED)) == 9
        assert len(people(str(scenario.lean.pk), Step.HIRED)) == 3


def test_the_page_says_when_the_pool_snapshot_was_taken(scenario, tenant_a, recruiter_client):
    aggregates.refresh(tenant_a.pk)
    response = recruiter_client.get("/analytics/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "每次刷新时统计" in response.content.decode()
    with tenant_context(tenant_a):
        PoolSnapshot.objects.all().delete()
    response = recruiter_client.get("/analytics/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "counted at each refresh" not in response.content.decode()
