"""The bench data generator: row count, realistic and consistent values, determinism, tenant isolation.

Runs the real generator (COPY through a staging table under row-level security) for a small pool; at this
size it keeps the indexes, so the test transaction of the ``db`` fixture is all it needs.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from bench.candidates import (
    COLUMNS,
    TAGS_MAX,
    TAGS_MIN,
    CandidateBatchSpec,
    candidate_chunks,
    tier_for_score,
)
from bench.copyload import secondary_indexes
from bench.generate import GenerationRefused, generate, should_set_aside_indexes
from candidates.models import Candidate, CandidateEmail, CandidatePhone
from engagement.scoring import DEFAULT_HALF_LIFE_DAYS, default_params, score_at, tier_of
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

SLUG = "bench-test"
COUNT = 200
SEED = 7
AS_OF = datetime(2026, 1, 1, tzinfo=UTC)
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# ranking_changed_at is the database's clock at write time (a trigger keeps the ranking index in step), not data.
FIELDS = [
    field.name
    for field in Candidate._meta.concrete_fields
    if field.name not in {"id", "tenant", "ranking_changed_at"}
]


def _generate(seed: int = SEED, replace: bool = False) -> dict:
    return generate(slug=SLUG, candidates=COUNT, seed=seed, replace=replace, as_of=AS_OF)


def _candidates() -> list[dict]:
    """The generated candidates with their primary email and phone (child rows) as plain fields."""
    with tenant_context(Tenant.objects.get(slug=SLUG)):
        rows = list(Candidate.objects.order_by("id").values("id", *FIELDS))
        emails = dict(CandidateEmail.objects.values_list("candidate_id", "email"))
        phones = dict(CandidatePhone.objects.values_list("candidate_id", "phone"))
    for row in rows:
        row["email"], row["phone"] = emails.get(row["id"], ""), phones.get(row["id"], "")
        del row["id"]
    return rows


@pytest.fixture
def generated(db) -> dict:
    return _generate()


def test_generates_the_requested_number_of_candidates(generated):
    assert generated["candidates"] == COUNT
    assert generated["tables"]["candidates"]["rows"] == COUNT
    assert generated["tables"]["candidates"]["indexes_set_aside"] is False  # small loads keep the indexes
    assert len(_candidates()) == COUNT


def test_creates_the_tenant_with_a_bench_admin(generated):
    from talentpool.tenancy.models import Membership, Role

    tenant = Tenant.objects.get(slug=SLUG)
    with tenant_context(tenant):
        admin = Membership.objects.select_related("user").get(role=Role.ADMIN).user
    assert admin.email == f"bench-admin@{SLUG}.invalid"


def test_activity_tier_agrees_with_the_score(generated):
    for candidate in _candidates():
        score = score_at(candidate["activity_anchor"], half_life_days=DEFAULT_HALF_LIFE_DAYS, now=AS_OF)
        assert 0 <= score <= 100
        # The generator's own rule (it runs without Django) and the application's rule agree.
        assert tier_for_score(score) == tier_of(score, default_params())


def test_every_candidate_has_2_to_30_distinct_known_tags(generated):
    from candidates.models import Tag

    with tenant_context(Tenant.objects.get(slug=SLUG)):
        tenant_tags = set(Tag.objects.values_list("id", flat=True))
    for candidate in _candidates():
        tags = candidate["tag_ids"]
        assert TAGS_MIN <= len(tags) <= TAGS_MAX
        assert tags == sorted(set(tags))
        assert set(tags) <= tenant_tags  # real Tag ids of the tenant, not taxonomy positions


def test_values_look_real_and_fit_the_timeline(generated):
    for candidate in _candidates():
        assert candidate["full_name"]
        assert candidate["phone"] == "" or E164.match(candidate["phone"])
        # Reserved TLD: no generated address can ever receive mail.
        assert candidate["email"] == "" or candidate["email"].endswith(".example")
        assert AS_OF - timedelta(days=3 * 365 + 1) <= candidate["created_at"] <= AS_OF
        if candidate["last_interaction_at"] is not None:
            assert candidate["created_at"] <= candidate["last_interaction_at"] <= AS_OF


def test_names_mix_chinese_and_english(generated):
    names = [candidate["full_name"] for candidate in _candidates() if candidate["status"] != "anonymised"]
    chinese = [name for name in names if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name)]
    latin = [name for name in names if re.fullmatch(r"[A-Za-z]+ [A-Za-zÀ-ÿ]+", name)]
    assert len(chinese) > COUNT // 2
    assert latin
    assert len(chinese) + len(latin) == len(names)


def test_the_same_seed_gives_the_same_rows(generated):
    first = _candidates()
    _generate(replace=True)
    assert _candidates() == first
    _generate(seed=SEED + 1, replace=True)
    assert _candidates() != first


def test_refuses_to_add_to_an_existing_pool_without_replace(generated):
    with pytest.raises(GenerationRefused):
        _generate()
    assert len(_candidates()) == COUNT


def test_rows_are_invisible_from_another_tenant(generated):
    other = Tenant.objects.create(name="Other", slug="bench-test-other")
    with tenant_context(other):
        assert Candidate.objects.count() == 0
        # Row-level security too, not only the scoped manager: a raw count sees nothing either.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {Candidate._meta.db_table}")
            assert cursor.fetchone()[0] == 0


def test_secondary_indexes_exclude_the_primary_key(db):
    with connection.cursor() as cursor:
        names = {index.name for index in secondary_indexes(cursor, Candidate._meta.db_table)}
    assert "candidate_tag_ids_gin" in names
    assert not any(name.endswith("_pkey") for name in names)


def test_indexes_are_set_aside_only_for_large_loads_into_smaller_tables():
    assert not should_set_aside_indexes("auto", 200, 0)
    assert should_set_aside_indexes("auto", 1_000_000, 0)
    assert not should_set_aside_indexes("auto", 300_000, 5_000_000)
    assert should_set_aside_indexes("set-aside", 10, 0)
    assert not should_set_aside_indexes("keep", 1_000_000, 0)


def test_rows_depend_on_position_not_on_the_count():
    def text(count: int) -> str:
        spec = CandidateBatchSpec(tenant_id=1, count=count, seed=SEED, as_of=AS_OF)
        return "".join(chunk for _rows, chunk in candidate_chunks(spec))

    small, large = text(150), text(12_000)
    assert large.startswith(small)


def test_tag_popularity_is_zipf_like():
    spec = CandidateBatchSpec(tenant_id=1, count=10_000, seed=SEED, as_of=AS_OF)
    counts = Counter()
    for _rows, chunk in candidate_chunks(spec):
        for line in chunk.splitlines():
            counts.update(line.split("\t")[COLUMNS.index("tag_ids")].strip("{}").split(","))
    ranked = [count for _tag, count in counts.most_common()]
    # The top tag is on roughly a third of candidates; the 100th on a few percent; the long tail is thin.
    assert 0.2 < ranked[0] / 10_000 < 0.5
    assert ranked[99] < ranked[0] / 5
    assert len(counts) > 2_500


# --- the candidates' history -------------------------------------------------------------------------------------


def _history():
    from engagement.models import Interaction
    from profiles.models import Application, StageEvent

    with tenant_context(Tenant.objects.get(slug=SLUG)):
        interactions = list(
            Interaction.objects.order_by("occurred_at", "id").values(
                "candidate_id", "kind", "occurred_at", "metadata"
            )
        )
        applications = list(Application.objects.values("id", "candidate_id", "stage", "profile_id"))
        events = list(StageEvent.objects.order_by("occurred_at", "id").values("application_id", "to_stage"))
        candidates = list(
            Candidate.objects.values(
                "id",
                "activity_anchor",
                "last_interaction_at",
                "last_active_at",
                "last_contacted_at",
                "created_at",
            )
        )
    return interactions, applications, events, candidates


def test_candidates_have_about_ten_interactions_each_with_sends_the_most_common(generated):
    interactions, _applications, _events, _candidates = _history()
    assert generated["tables"]["interactions"]["rows"] == len(interactions)
    assert 7 <= len(interactions) / COUNT <= 13
    kinds = Counter(item["kind"] for item in interactions)
    assert kinds.most_common(1)[0][0] == "sent"
    assert kinds["sent"] > kinds["opened"] > kinds["unsubscribed"]


def test_each_anchor_is_what_its_interactions_give_under_the_default_weights_and_half_life(generated):
    from engagement.models import DEFAULT_WEIGHTS, HUMAN_KINDS
    from engagement.scoring import NO_ACTIVITY, anchor_add, is_contact

    interactions, _applications, _events, candidates = _history()
    anchors = {candidate["id"]: NO_ACTIVITY for candidate in candidates}
    last, active, contacted = {}, {}, {}
    for item in interactions:  # oldest first
        owner = item["candidate_id"]
        anchors[owner] = anchor_add(
            anchors[owner],
            weight=float(DEFAULT_WEIGHTS.get(item["kind"], 0)),
            occurred_at=item["occurred_at"],
            half_life_days=DEFAULT_HALF_LIFE_DAYS,
        )
        last[owner] = item["occurred_at"]
        if item["kind"] in HUMAN_KINDS:
            active[owner] = item["occurred_at"]
        if is_contact(item["kind"], item["metadata"]):
            contacted[owner] = item["occurred_at"]
    for candidate in candidates:
        expected = anchors[candidate["id"]]
        if expected == NO_ACTIVITY:
            assert candidate["activity_anchor"] == NO_ACTIVITY
        else:
            assert candidate["activity_anchor"] == pytest.approx(expected, rel=1e-12, abs=1e-9)
        assert candidate["last_interaction_at"] == last.get(candidate["id"])
        assert candidate["last_active_at"] == active.get(candidate["id"])
        assert candidate["last_contacted_at"] == contacted.get(candidate["id"])


def test_interactions_fall_within_each_candidates_history(generated):
    interactions, _applications, _events, candidates = _history()
    created = {candidate["id"]: candidate["created_at"] for candidate in candidates}
    for item in interactions:
        assert created[item["candidate_id"]] <= item["occurred_at"] <= AS_OF


def test_tiers_are_spread_like_a_real_pool_and_high_ones_acted_lately(generated):
    _interactions, _applications, _events, candidates = _history()
    params = default_params()
    tiers = Counter()
    for candidate in candidates:
        tier = tier_of(
            score_at(candidate["activity_anchor"], half_life_days=DEFAULT_HALF_LIFE_DAYS, now=AS_OF), params
        )
        tiers[tier] += 1
        if tier == "high":
            assert candidate["last_active_at"] >= AS_OF - timedelta(days=120)
    assert 0.03 <= tiers["high"] / COUNT <= 0.25
    assert 0.10 <= tiers["mid"] / COUNT <= 0.40
    assert tiers["low"] > tiers["mid"] > tiers["high"]


def test_every_applied_interaction_opened_an_application_whose_moves_are_stage_events(generated):
    interactions, applications, events, _candidates = _history()
    applied = Counter(item["candidate_id"] for item in interactions if item["kind"] == "applied")
    assert applied and Counter(application["candidate_id"] for application in applications) == applied
    by_application = {}
    for event in events:
        by_application.setdefault(event["application_id"], []).append(event["to_stage"])
    for application in applications:
        stages = by_application[application["id"]]
        assert stages[0] == "sourced" and stages[-1] == application["stage"]
    moves = sum(len(stages) - 1 for stages in by_application.values())
    assert moves == sum(1 for item in interactions if item["kind"] == "stage_changed")


def test_the_generators_weights_are_the_products_defaults():
    from bench.activity import WEIGHTS
    from engagement.models import DEFAULT_WEIGHTS

    assert WEIGHTS == DEFAULT_WEIGHTS
