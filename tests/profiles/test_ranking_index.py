"""The in-memory ranking index (profiles.ranking_index) only chooses which candidates the ranking statement reads:
on generated pools, ``rank`` through it gives exactly what the plain statement gives, in every must-have mode,
with groups, fits, ties and deep pages, before and after writes it did not see (changed tags, new candidates,
status changes, deletions)."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import override_settings

from candidates.models import Candidate, CandidateStatus, Tag
from profiles import ranking_index
from profiles.matching import MatchOptions, _expand, _Statement, clean_options, rank
from profiles.models import Requirement, RoleProfile
from talentpool.tenancy.context import require_tenant_id, tenant_context

POOL = 600
LEVELS = ["", "other", "secondary", "associate", "bachelor", "master", "doctor"]


@pytest.fixture(autouse=True)
def _no_snapshot_outlives_the_test():
    # A snapshot read inside a test's transaction must not serve the next test (same tenant ids, other rows).
    ranking_index.forget()
    yield
    ranking_index.forget()


def _tags(count: int) -> list[Tag]:
    parents = [
        Tag.objects.create(key=f"skill.family-{n}", category="skill", name_en=f"Family {n}") for n in range(3)
    ]
    tags = [
        Tag.objects.create(
            key=f"skill.t{n}",
            category="skill",
            name_en=f"Skill {n}",
            parent=parents[n % 3] if n % 4 == 0 else None,
        )
        for n in range(count)
    ]
    tags.append(Tag.objects.create(key="title.engineer", category="title", name_en="Engineer"))
    return parents + tags


def _random_tags(rng: random.Random, tags: list[Tag]) -> tuple[list[int], list[int]]:
    # Zipf-like: the first tags are on many candidates, the last on few; strengths in coarse steps (ties).
    chosen = sorted(
        {tags[min(int(rng.paretovariate(0.8)) - 1, len(tags) - 1)].pk for _ in range(rng.randint(0, 9))}
    )
    return chosen, [rng.choice((45, 60, 80, 100)) for _ in chosen]


def _pool(rng: random.Random, tags: list[Tag], count: int, **fields) -> list[Candidate]:
    people = []
    for number in range(count):
        tag_ids, strengths = _random_tags(rng, tags)
        people.append(
            Candidate(
                tenant_id=require_tenant_id(),
                full_name=f"Person {number}",
                tag_ids=tag_ids,
                tag_strengths=strengths,
                years_experience=rng.choice((None, 0, 1, 2.5, 3, 6, 12)),
                highest_education=rng.choice(LEVELS),
                status=CandidateStatus.ACTIVE if rng.random() > 0.08 else CandidateStatus.HIRED,
                activity_anchor=rng.choice((float("-inf"), 1.0, 2.0, 3.0)),
                **fields,
            )
        )
    return Candidate.objects.bulk_create(people)


def _profile(title: str, requirements, **fields) -> RoleProfile:
    """``requirements``: (tag, weight, must_have) or (tags, weight, must_have, min_count) for a group."""
    profile = RoleProfile.objects.create(title=title, **fields)
    for position, item in enumerate(requirements):
        tags, weight, must_have, *rest = item
        tags = tags if isinstance(tags, list) else [tags]
        Requirement.objects.create(
            profile=profile,
            tag=tags[0],
            alternatives=[tag.pk for tag in tags[1:]],
            min_count=rest[0] if rest else 1,
            weight=weight,
            must_have=must_have,
            position=position,
        )
    return profile


def _comparable(matches) -> list[dict]:
    # The activity score is computed at each statement's own "now": it drifts between two calls.
    out = []
    for match in matches:
        value = match.as_json()
        value["candidate"].pop("activity_score")
        value["candidate"].pop("activity_tier")
        out.append(value)
    return out


def _plain(profile, options):
    with override_settings(RANKING_INDEX_ENABLED=False):
        return rank(profile, options)


def _superset(profile, options):
    specs, language = _expand(profile, profile.tenant_id)
    return ranking_index.superset(
        _Statement(profile, clean_options(options), specs, profile.tenant_id, language)
    )


@pytest.fixture
def generated(tenant_a, monkeypatch):
    monkeypatch.setattr(
        ranking_index, "LOAD_CHUNK", 97
    )  # the snapshot is read in several chunks, as at scale
    rng = random.Random(12)
    with tenant_context(tenant_a):
        tags = _tags(40)
        parents, skills, title = tags[:3], tags[3:-1], tags[-1]
        _pool(rng, tags, POOL)
        # What the snapshot reads was written before it: only later writes count as changed.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE candidates_candidate SET ranking_changed_at = now() - interval '1 hour'")
        profiles = {
            "musts": _profile(
                "Musts",
                [
                    (skills[0], 3, True),
                    (skills[2], 2, False),
                    (skills[4], 5, True),
                    (skills[7], 1, False),
                    (parents[1], 2, False),
                    (skills[12], 4, False),
                ],
                min_years=3,
                education="bachelor",
            ),
            "groups": _profile(
                "Groups",
                [
                    ([skills[1], skills[5]], 3, True),
                    ([skills[3], skills[6], skills[9]], 4, False, 2),
                    (skills[8], 2, False),
                    (title, 2, False),
                ],
                education="master",
            ),
            "nobody": _profile(
                "Nobody",
                [
                    (skills[30], 2, True),
                    (skills[38], 3, True),
                    (skills[0], 3, False),
                    (skills[1], 2, False),
                    (skills[2], 1, False),
                ],
                min_years=5,
            ),
            "plain": _profile("Plain", [(skills[0], 1, False), (skills[3], 3, False), (skills[5], 2, False)]),
        }
        ranking_index.build(tenant_a.pk)
    return {"tenant": tenant_a, "tags": tags, "skills": skills, "profiles": profiles, "rng": rng}


CASES = [
    (mode, limit, offset) for mode in ("combined", "exclude", "flag") for limit, offset in ((10, 0), (25, 40))
]


def _assert_same_everywhere(generated) -> int:
    compared = 0
    for name, profile in generated["profiles"].items():
        for mode, limit, offset in CASES:
            options = MatchOptions(must_have_mode=mode, limit=limit, offset=offset)
            chosen = _superset(profile, options)
            assert chosen is not None, (name, mode)
            assert len(chosen) < POOL // 2, "the index must narrow the scan, not hand over the pool"
            fast = rank(profile, options)
            assert _comparable(fast) == _comparable(_plain(profile, options)), (name, mode, limit, offset)
            compared += len(fast)
        with_minimum = MatchOptions(min_score=20.0, limit=15)
        assert _comparable(rank(profile, with_minimum)) == _comparable(_plain(profile, with_minimum)), name
    return compared


# The three ways the index scores rows: those who meet every must-have looked up by binary search (few) or by a
# pass over each posting (many), and the whole pool from the postings (MaxScore).
WAYS = {"lookup": {}, "posting pass": {"LOOKUP_ROWS": 0}, "whole pool": {"RESTRICTED_ROWS": 0}}


@pytest.mark.parametrize("way", list(WAYS))
def test_the_index_path_ranks_exactly_as_the_statement(generated, way, monkeypatch):
    for name, value in WAYS[way].items():
        monkeypatch.setattr(ranking_index, name, value)
    with tenant_context(generated["tenant"]):
        compared = _assert_same_everywhere(generated)
        nobody = rank(generated["profiles"]["nobody"], MatchOptions(limit=20))
    assert compared > 200, "the comparison must cover real pages"
    assert nobody and all(match.failed_must_haves for match in nobody), "the fill-up below the divider"


def test_writes_after_the_snapshot_are_seen(generated):
    rng, tags, skills = generated["rng"], generated["tags"], generated["skills"]
    tenant = generated["tenant"]
    with tenant_context(tenant):
        musts = generated["profiles"]["musts"]
        top = rank(musts, MatchOptions(limit=5))
        people = list(Candidate.objects.order_by("id").values_list("id", flat=True))
        # New tags for some (one of them now meets everything, strongly), others hired, new people come in.
        for candidate_id in rng.sample(people, 40):
            tag_ids, strengths = _random_tags(rng, tags)
            Candidate.objects.filter(pk=candidate_id).update(tag_ids=tag_ids, tag_strengths=strengths)
        star = sorted({skills[0].pk, skills[2].pk, skills[4].pk, skills[7].pk, skills[12].pk})
        Candidate.objects.filter(pk=people[3]).update(
            tag_ids=star, tag_strengths=[100] * len(star), years_experience=10, highest_education="doctor"
        )
        Candidate.objects.filter(pk=top[0].candidate_id).update(status=CandidateStatus.HIRED)
        _pool(rng, tags, 30)
        assert _assert_same_everywhere(generated) > 200
        assert rank(musts, MatchOptions(limit=1))[0].candidate_id == people[3]
        # A deletion is invisible to the snapshot: the plain statement answers instead, still exactly.
        gone = rank(musts, MatchOptions(limit=3))[1].candidate_id
        Candidate.objects.filter(pk=gone).delete()
        options = MatchOptions(limit=10)
        assert gone not in [match.candidate_id for match in rank(musts, options)]
        assert _comparable(rank(musts, options)) == _comparable(_plain(musts, options))


def test_the_database_marks_what_ranking_reads_as_changed(generated):
    with tenant_context(generated["tenant"]), connection.cursor() as cursor:
        candidate = Candidate.objects.order_by("id").first()
        before = Candidate.objects.filter(pk=candidate.pk).values_list("ranking_changed_at", flat=True).get()
        Candidate.objects.filter(pk=candidate.pk).update(activity_anchor=5.0, location="Leeds")
        unchanged = (
            Candidate.objects.filter(pk=candidate.pk).values_list("ranking_changed_at", flat=True).get()
        )
        Candidate.objects.filter(pk=candidate.pk).update(highest_education="doctor")
        changed = Candidate.objects.filter(pk=candidate.pk).values_list("ranking_changed_at", flat=True).get()
        cursor.execute("SELECT now()")
        now = cursor.fetchone()[0]
    assert unchanged == before, "the anchor and other columns leave it alone (anchor updates stay HOT)"
    assert changed == now, "the writing transaction's start"


def test_options_the_index_does_not_model_use_the_plain_statement(generated):
    with tenant_context(generated["tenant"]):
        profile = generated["profiles"]["musts"]
        assert _superset(profile, MatchOptions(activity_boost=True)) is None
        assert _superset(profile, MatchOptions(location="Leeds")) is None
        assert _superset(profile, MatchOptions(tiers=("high",))) is None
        boosted = MatchOptions(activity_boost=True, limit=20)
        assert _comparable(rank(profile, boosted)) == _comparable(_plain(profile, boosted))


def test_small_pools_never_get_a_snapshot(tenant_a):
    with tenant_context(tenant_a):
        tags = _tags(5)
        _pool(random.Random(3), tags, 20)
        profile = _profile("Small", [(tags[4], 2, False)])
        assert rank(profile, MatchOptions(limit=5))
        assert ranking_index.cached(tenant_a.pk) is None
        assert not ranking_index._CACHE.building, "no background build for a pool below the minimum"
