"""The daily aggregates: their counts equal counts taken straight from the raw rows (on the bench generator's
data), a half-filled day is undone and refilled, a late event corrects the past day it belongs to, and filling
twice changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Min, Q
from django.utils import timezone

from analytics import selectors
from analytics.models import CounterMonth, FillState, FillStatus
from analytics.services import aggregates
from bench.generate import generate
from candidates.models import Candidate
from engagement.models import CONTACT_KINDS, Interaction
from engagement.scoring import CONTACT_STAGES
from profiles.models import Hire, StageEvent
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

SLUG = "analytics-generated"
AS_OF = datetime.now(UTC).replace(microsecond=0)
STEPS = ("pooled", "contacted", "opened", "replied", "interviewed", "hired", "probation_passed")


@pytest.fixture
def generated(db):
    generate(slug=SLUG, candidates=1500, seed=11, as_of=AS_OF)
    tenant = Tenant.objects.get(slug=SLUG)
    aggregates.refresh(tenant.pk)
    return tenant


def _first_days(zone: ZoneInfo) -> dict[str, dict[int, date]]:
    """Per step, each candidate's first day, computed with the ORM from the raw rows (independent of the
    aggregates' SQL)."""

    def day(value):
        return value.astimezone(zone).date() if isinstance(value, datetime) else value

    contact = Q(kind__in=list(CONTACT_KINDS)) | Q(
        kind="stage_changed", metadata__stage__in=sorted(CONTACT_STAGES)
    )
    rows = Interaction.objects.values("candidate_id").annotate(
        contacted=Min("occurred_at", filter=contact),
        opened=Min("occurred_at", filter=Q(kind__in=["opened", "clicked"])),
        replied=Min("occurred_at", filter=Q(kind="replied")),
    )
    first: dict[str, dict[int, date]] = {step: {} for step in STEPS}
    live = Candidate.objects.exclude(status="merged")
    first["pooled"] = {pk: day(created) for pk, created in live.values_list("id", "created_at")}
    for row in rows:
        for step in ("contacted", "opened", "replied"):
            if row[step] is not None:
                first[step][row["candidate_id"]] = day(row[step])
    for row in (
        StageEvent.objects.filter(to_stage__in=["interviewing", "offer"])
        .values("candidate_id")
        .annotate(first=Min("occurred_at"))
    ):
        first["interviewed"][row["candidate_id"]] = day(row["first"])
    counted = Hire.objects.filter(Hire.counted, candidate__isnull=False)
    for row in counted.values("candidate_id").annotate(first=Min("hired_at")):
        first["hired"][row["candidate_id"]] = row["first"]
    passed = (
        counted.filter(probation_outcome="passed")
        .values("candidate_id")
        .annotate(first=Min("probation_decided_on"))
    )
    for row in passed:
        first["probation_passed"][row["candidate_id"]] = row["first"]
    return {
        step: {pk: value for pk, value in days.items() if pk in first["pooled"]}
        for step, days in first.items()
    }


def _expected(tags: list[str], date_from: date, date_to: date) -> dict[str, dict[str, int]]:
    zone = ZoneInfo(Tenant.objects.get(slug=SLUG).time_zone)
    first = _first_days(zone)
    tags_of = dict(Candidate.objects.values_list("id", "tag_ids"))
    expected = {tag: dict.fromkeys(STEPS, 0) for tag in tags}
    for step, days in first.items():
        for pk, day in days.items():
            inside = day <= date_to if step == "pooled" else date_from <= day <= date_to
            if not inside:
                continue
            for tag in tags_of.get(pk, []):
                if str(tag) in expected:
                    expected[str(tag)][step] += 1
    return expected


def _funnel(tags, date_from, date_to, source="aggregates"):
    query = selectors.FunnelQuery(by="tag", date_from=date_from, date_to=date_to, keys=tags, compare=False)
    return {item["segment"]["key"]: item["counts"] for item in selectors.funnel(query, source=source)}


@pytest.mark.parametrize("days_back", [30, 365, 4000])
def test_aggregate_counts_equal_counts_from_the_raw_rows(generated, days_back):
    date_to = AS_OF.astimezone(ZoneInfo(generated.time_zone)).date()
    date_from = date_to - timedelta(days=days_back)
    with tenant_context(generated):
        tags = selectors.largest_segments("tag", 40)
        assert len(tags) == 40
        from_aggregates = _funnel(tags, date_from, date_to)
        assert from_aggregates == _expected(tags, date_from, date_to)
        assert from_aggregates == _funnel(tags, date_from, date_to, source="raw")
    assert sum(counts["contacted"] for counts in from_aggregates.values()) > 0
    if days_back == 4000:
        assert sum(counts["probation_passed"] for counts in from_aggregates.values()) > 0


def test_every_segment_kind_agrees_with_the_raw_rows(generated):
    date_to = AS_OF.astimezone(ZoneInfo(generated.time_zone)).date()
    with tenant_context(generated):
        for by in ("all", "group", "source", "month", "campaign", "role", "recruiter", "tier"):
            query = selectors.FunnelQuery(
                by=by, date_from=date_to - timedelta(days=400), date_to=date_to, limit=500
            )
            stored = {
                item["segment"]["key"]: (item["counts"], item["jumps"]) for item in selectors.funnel(query)
            }
            raw = {
                item["segment"]["key"]: (item["counts"], item["jumps"])
                for item in selectors.funnel(query, source="raw")
            }
            assert stored == raw, by
            assert stored or by in ("campaign", "recruiter"), by  # the generator sends no campaigns


def _busiest_day(kind: str, step: str) -> date:
    return max(selectors.day_counters(kind=kind, step=step), key=lambda row: row[4])[3]


def _set_day(day: date, kinds: list[str], value: int) -> None:
    """Overwrite one day's counters of ``kinds`` in place (what a half-finished or stale fill leaves)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CounterMonth._meta.db_table} SET counts[%s] = %s WHERE month = %s AND kind = ANY(%s)",
            [day.day, value, day.replace(day=1), kinds],
        )


def test_a_day_left_half_filled_by_a_dead_worker_is_undone_and_refilled(generated):
    with tenant_context(generated):
        day = _busiest_day("tag", "contacted")
        before = selectors.day_counters(day=day)
        neighbours = selectors.day_counters(kind="tag", step="contacted")
        # What a worker killed mid-fill leaves: the day marked started, some kinds not written, a stale counter.
        FillState.objects.filter(day=day).update(status=FillStatus.STARTED)
        _set_day(day, ["source", "role", "campaign"], 0)
        _set_day(day, ["tag"], 999)
        assert selectors.day_counters(day=day) != before
    aggregates.refresh(generated.pk)
    with tenant_context(generated):
        assert selectors.day_counters(day=day) == before
        assert (
            selectors.day_counters(kind="tag", step="contacted") == neighbours
        )  # the month's other days too
        assert FillState.objects.get(day=day).status == FillStatus.DONE


def test_filling_a_day_twice_changes_nothing(generated):
    with tenant_context(generated):
        day = selectors.day_counters(step="interviewed")[0][3]
        before = selectors.day_counters()
    aggregates.refill_day(generated.pk, day)
    aggregates.refill_day(generated.pk, day)
    with tenant_context(generated):
        assert selectors.day_counters() == before


def test_a_late_hris_hire_corrects_the_past_day_it_belongs_to(generated):
    from profiles import services as profile_services

    zone = ZoneInfo(generated.time_zone)
    hired_on = AS_OF.astimezone(zone).date() - timedelta(days=40)
    with tenant_context(generated):
        candidate = (
            Candidate.objects.filter(status="active", created_at__lt=timezone.now() - timedelta(days=400))
            .exclude(hires__isnull=False)
            .order_by("id")
            .first()
        )
        tag = str(candidate.tag_ids[0])
        window = (hired_on - timedelta(days=5), hired_on + timedelta(days=5))
        before = _funnel([tag], *window)[tag]
        hired_before = sum(row[4] for row in selectors.day_counters(kind="all", day=hired_on, step="hired"))
        # Pushed today, dated last month: no contact or interview recorded for it (a jump).
        profile_services.hire_record(
            candidate=candidate, hired_at=hired_on, recorded_via="hris", external_id="hris-late-1"
        )
    aggregates.refresh(generated.pk)
    with tenant_context(generated):
        after = _funnel([tag], *window)[tag]
        assert after["hired"] == before["hired"] + 1
        [(_kind, _key, _step, _day, count, jumps)] = selectors.day_counters(
            kind="all", day=hired_on, step="hired"
        )
        assert count == hired_before + 1
        assert jumps >= 1
        assert _funnel([tag], *window) == _expected([tag], *window)


def _sizes_from_counters() -> dict:
    sums: dict = {}
    for kind, key, _step, _day, count, _jumps in selectors.day_counters(step="pooled"):
        sums[(kind, key)] = sums.get((kind, key), 0) + count
    return sums


def _stored_sizes() -> dict:
    from analytics.models import SegmentSize

    return {
        (kind, key): pooled for kind, key, pooled in SegmentSize.objects.values_list("kind", "key", "pooled")
    }


def test_segment_sizes_follow_their_counters_through_fills_and_a_crash(generated, monkeypatch):
    """A fill moves the segments' pooled totals by what it changed (no re-summing of every day): they stay the
    sums of the pooled counters after a candidate leaves the pool, after a fill repeated, and after a worker
    died between two kinds of a fill."""
    from analytics.services import counting

    with tenant_context(generated):
        before = _stored_sizes()
        assert before == _sizes_from_counters() and before
        leaving = Candidate.objects.filter(status="active").exclude(tag_ids=[]).order_by("id").first()
        Candidate.objects.filter(pk=leaving.pk).update(status="merged", updated_at=timezone.now())
    aggregates.refresh(generated.pk)
    with tenant_context(generated):
        after = _stored_sizes()
        assert after == _sizes_from_counters()
        for tag in leaving.tag_ids:
            assert after.get(("tag", str(tag)), 0) == before[("tag", str(tag))] - 1
        assert after[("all", "")] == before[("all", "")] - 1
        day = _busiest_day("tag", "pooled")
    aggregates.fill_days(generated.pk, [day])  # again: nothing moves
    with tenant_context(generated):
        assert _stored_sizes() == after == _sizes_from_counters()
        # Another candidate of that day leaves; the worker dies after the first kinds of the fill.
        second = Candidate.objects.filter(status="active", created_at__date=day).exclude(tag_ids=[]).first()
        second = (
            second or Candidate.objects.filter(status="active").exclude(tag_ids=[]).order_by("-id").first()
        )
        Candidate.objects.filter(pk=second.pk).update(status="merged", updated_at=timezone.now())
    real_write = counting.write_days

    def dies_at_role(kind, counts, days):
        if kind == "role":
            raise RuntimeError("worker killed")
        return real_write(kind, counts, days)

    monkeypatch.setattr(counting, "write_days", dies_at_role)
    with pytest.raises(RuntimeError):
        aggregates.refresh(generated.pk)
    with tenant_context(generated):
        assert _stored_sizes() == _sizes_from_counters() != after  # every commit kept them together
        assert FillState.objects.filter(status=FillStatus.STARTED).exists()
    monkeypatch.setattr(counting, "write_days", real_write)
    aggregates.refresh(generated.pk)
    with tenant_context(generated):
        assert _stored_sizes() == _sizes_from_counters()
        assert _stored_sizes()[("all", "")] == after[("all", "")] - 1
        assert not FillState.objects.filter(status=FillStatus.STARTED).exists()


def test_refilling_a_day_takes_a_reply_recorded_late_for_that_day(generated):
    """refill_day recomputes the candidates with a milestone-making interaction that day (a note or a delivery
    makes none): a reply recorded late for the day is counted, and the day equals the raw rows."""
    from datetime import time

    from engagement.services.interactions import interaction_record

    zone = ZoneInfo(generated.time_zone)
    day = AS_OF.astimezone(zone).date() - timedelta(days=3)
    with tenant_context(generated):
        repliers = Interaction.objects.filter(kind="replied").values("candidate_id")
        candidate = (
            Candidate.objects.filter(status="active")
            .exclude(tag_ids=[])
            .exclude(pk__in=repliers)
            .order_by("id")
            .first()
        )
        tag = str(candidate.tag_ids[0])
        before = _funnel([tag], day, day)[tag]
        interaction_record(
            candidate=candidate,
            kind="replied",
            channel="email",
            occurred_at=datetime.combine(day, time(12), zone),
        )
    aggregates.refill_day(generated.pk, day)
    with tenant_context(generated):
        after = _funnel([tag], day, day)[tag]
        assert after["replied"] == before["replied"] + 1
        assert after == _expected([tag], day, day)[tag]
