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
    TAGS_MAX,
    TAGS_MIN,
    CandidateBatchSpec,
    candidate_chunks,
    tier_for_score,
)
from bench.copyload import secondary_indexes
from bench.generate import GenerationRefused, generate, should_set_aside_indexes
from candidates.models import Candidate, CandidateEmail, CandidatePhone
from candidates.services import activity_tier_for
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

SLUG = "bench-test"
COUNT = 200
SEED = 7
AS_OF = datetime(2026, 1, 1, tzinfo=UTC)
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
FIELDS = [field.name for field in Candidate._meta.concrete_fields if field.name not in {"id", "tenant"}]


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
        assert 0 <= candidate["activity_score"] <= 100
        # The generator's own rule (it runs without Django) and the application's rule agree.
        assert candidate["activity_tier"] == tier_for_score(candidate["activity_score"])
        assert candidate["activity_tier"] == activity_tier_for(candidate["activity_score"])


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
            counts.update(line.split("\t")[15].strip("{}").split(","))
    ranked = [count for _tag, count in counts.most_common()]
    # The top tag is on roughly a third of candidates; the 100th on a few percent; the long tail is thin.
    assert 0.2 < ranked[0] / 10_000 < 0.5
    assert ranked[99] < ranked[0] / 5
    assert len(counts) > 2_500
