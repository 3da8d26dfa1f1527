"""profiles.matching: one statement ranks the tenant's pool against a role profile, each result explained.

Real PostgreSQL (as the non-superuser application role, under row-level security). The test database may not
have `&&` / `@>` marked LEAKPROOF: ranking must be correct either way (decision 0008).
"""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.checks import Warning as CheckWarning
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus, CandidateTag, Tag
from candidates.parsing.tagging import tag_strength, text_words
from candidates.services import candidate_tag_add
from candidates.services.documents import tags_apply_extracted
from candidates.services.profile import strength_percent
from candidates.services.taxonomy import tenant_matcher
from engagement.scoring import anchor_for_score, current_params
from profiles import checks, ranking_index
from profiles.matching import (
    FOCUS_SHARE,
    MUST_HAVE_PENALTY,
    PARENT_CREDIT,
    PARTIAL_CREDIT,
    ROLE_FACTOR,
    STRENGTH_SHARE,
    MatchOptions,
    MatchOptionsError,
    count_matches,
    options_from_params,
    rank,
    requirement_specs,
)
from profiles.models import Application, Requirement, RoleProfile
from talentpool.tenancy.context import tenant_context

_counter = iter(range(1, 10_000))


def tag(
    name: str, *, name_zh: str = "", parent: Tag | None = None, synonyms=(), merged_into: Tag | None = None
) -> Tag:
    """A tag of the current tenant (call inside tenant_context)."""
    return Tag.objects.create(
        key=f"skill.t{next(_counter)}-{name.lower().replace(' ', '-')}",
        category="skill",
        name_en=name,
        name_zh=name_zh,
        parent=parent,
        synonyms=list(synonyms),
        merged_into=merged_into,
        is_retired=merged_into is not None,
    )


_anchor_time = {"now": timezone.now()}


@pytest.fixture(autouse=True)
def _one_anchor_time_per_test():
    # Candidates given the same score in one test get the same anchor (ties stay ties), and the scores
    # read back within the test are the ones set (the anchor time is the test's start, not the module's).
    _anchor_time["now"] = timezone.now()


def anchor(score: float) -> float:
    """The stored anchor whose activity score is ``score`` at the test's start (current tenant's params)."""
    return anchor_for_score(score, current_params(), now=_anchor_time["now"])


def person(name: str, tags=(), *, strength: float = 1.0, activity_score: float = 60.0, **fields) -> Candidate:
    """A candidate of the current tenant with ``tags`` (Tag, or (Tag, evidence text), or (Tag, evidence text,
    strength)) as extracted tags; ``strength`` 1 by default, so that scores are the plain coverage arithmetic.
    ``activity_score`` (mid tier by default) is stored as the anchor that has that score now."""
    candidate = Candidate.objects.create(full_name=name, activity_anchor=anchor(activity_score), **fields)
    for item in tags:
        tag_, evidence, tag_strength = (
            (*item, strength)[:3] if isinstance(item, tuple) else (item, f"… {item.name_en} …", strength)
        )
        candidate_tag_add(
            candidate,
            tag=tag_,
            source="extracted",
            evidence=(evidence, 0, len(evidence)),
            strength=tag_strength,
        )
    candidate.refresh_from_db()
    return candidate


def role(title: str = "Backend engineer", requirements=(), **fields) -> RoleProfile:
    """A role profile with ``requirements``: (Tag, weight) or (Tag, weight, must_have)."""
    profile = RoleProfile.objects.create(title=title, **fields)
    for position, item in enumerate(requirements):
        tag_, weight, must_have = (*item, False) if len(item) == 2 else item
        Requirement.objects.create(
            profile=profile, tag=tag_, weight=weight, must_have=must_have, position=position
        )
    return profile


def ids(matches) -> list[int]:
    return [match.candidate_id for match in matches]


def by_id(matches) -> dict:
    return {match.candidate_id: match for match in matches}


def assert_parts_sum_to_score(match) -> None:
    assert sum(match.parts.values()) == pytest.approx(match.score, abs=1e-3)


@pytest.fixture
def pool(tenant_a):
    """Python (w3) and SQL (w1) wanted; candidates with both, one, or neither."""
    with tenant_context(tenant_a):
        python, sql, excel = tag("Python", name_zh="Python编程"), tag("SQL"), tag("Excel")
        both = person("Both 双全", [(python, "5 years of Python"), (sql, "SQL tuning")])
        only_python = person("Only Python", [python])
        only_sql = person("Only SQL", [sql])
        neither = person("Neither", [excel])
        profile = role(requirements=[(python, 3), (sql, 1)])
        requirement_ids = dict(profile.requirements.values_list("tag_id", "id"))
    return {
        "tenant": tenant_a,
        "python": python,
        "sql": sql,
        "excel": excel,
        "both": both,
        "only_python": only_python,
        "only_sql": only_sql,
        "neither": neither,
        "profile": profile,
        "requirement_ids": requirement_ids,
    }


# --- coverage, credit, explanation --------------------------------------------------------------------------


def test_weighted_coverage_orders_and_explains_with_evidence(pool):
    with tenant_context(pool["tenant"]):
        matches = rank(pool["profile"])
    # Candidates who meet no requirement are not matches at all.
    assert ids(matches) == [pool["both"].pk, pool["only_python"].pk, pool["only_sql"].pk]
    both, only_python, only_sql = matches
    assert both.score == pytest.approx(100.0)
    assert only_python.score == pytest.approx(75.0)  # 3 of 4 weight points
    assert only_sql.score == pytest.approx(25.0)
    assert both.missing == [] and both.failed_must_haves == []
    python_item = both.matched[0]
    assert python_item["requirement_id"] == pool["requirement_ids"][pool["python"].pk]
    assert python_item["tag"]["id"] == pool["python"].pk and python_item["tag"]["key"] == pool["python"].key
    assert python_item["via"] == "tag" and python_item["credit"] == 1.0 and python_item["weight"] == 3
    assert python_item["matched_tag"]["id"] == pool["python"].pk
    assert python_item["evidence"] == "5 years of Python"
    assert both.matched[1]["evidence"] == "SQL tuning"
    assert [item["tag"]["id"] for item in only_sql.missing] == [pool["python"].pk]
    assert only_sql.parts["coverage"] == pytest.approx(25.0)
    for match in matches:
        assert_parts_sum_to_score(match)
    assert both.candidate["full_name"] == "Both 双全"
    assert set(both.candidate) >= {
        "full_name",
        "current_title",
        "location",
        "activity_tier",
        "activity_score",
        "years_experience",
        "highest_education",
    }


def test_tag_names_follow_the_tenant_language(pool):
    tenant = pool["tenant"]
    for language, expected in (("zh-hans", "Python编程"), ("en", "Python")):
        tenant.default_language = language
        tenant.save(update_fields=["default_language"])
        with tenant_context(tenant):
            item = rank(pool["profile"])[0].matched[0]
        assert item["tag"]["name"] == expected and item["matched_tag"]["name"] == expected
        assert item["tag"]["name_en"] == "Python" and item["tag"]["name_zh"] == "Python编程"


def test_a_synonym_in_the_resume_resolves_to_the_tag_and_counts_fully(tenant_a):
    with tenant_context(tenant_a):
        javascript = tag("JavaScript", synonyms=["ECMAScript"])
        candidate = person("Synonym 同义")
        text = "精通 ECMAScript 2020 与前端工程化"
        tags_apply_extracted(candidate, tenant_matcher().find(text), document=None)
        profile = role(requirements=[(javascript, 2)])
        (match,) = rank(profile)
    # Full credit, times the strength one mention in this short text has.
    strength = strength_percent(tag_strength(1, text_words(text))) / 100
    assert match.candidate_id == candidate.pk
    assert match.score == pytest.approx(100.0 * ev(strength), abs=0.01)
    (item,) = match.matched
    assert item["via"] == "tag" and item["matched_tag"]["id"] == javascript.pk
    assert (
        item["strength"] == strength
        and item["credit"] == pytest.approx(ev(strength))
        and item["mentions"] == 1
    )
    assert "ECMAScript" in item["evidence"]


def test_parent_and_child_tags_give_partial_credit(tenant_a):
    with tenant_context(tenant_a):
        databases = tag("Databases")
        postgres = tag("PostgreSQL", parent=databases)
        mysql = tag("MySQL", parent=databases)
        has_postgres = person("Has PostgreSQL", [postgres])
        has_databases = person("Has Databases", [databases])
        has_mysql = person("Has MySQL", [mysql])
        data = tag("Data")
        Tag.objects.filter(pk=databases.pk).update(parent=data)
        has_all = person("Has all", [data, databases, mysql])
        has_data_and_mysql = person("Has Data and MySQL", [data, mysql])
        wants_postgres = role(requirements=[(postgres, 2)])
        wants_databases = role(requirements=[(databases, 2)])
        specs = requirement_specs(wants_postgres)
        postgres_ranked = by_id(rank(wants_postgres))
        databases_ranked = by_id(rank(wants_databases))
    assert specs[0].full_ids == (postgres.pk,) and specs[0].partial_ids == (databases.pk,)
    assert postgres_ranked[has_postgres.pk].score == pytest.approx(100.0)
    parent_match = postgres_ranked[has_databases.pk]
    assert parent_match.score == pytest.approx(50.0)
    assert parent_match.matched[0]["via"] == "parent" and parent_match.matched[0]["credit"] == 0.5
    assert parent_match.matched[0]["matched_tag"]["id"] == databases.pk
    assert has_mysql.pk not in postgres_ranked  # a sibling is no credit
    child_match = databases_ranked[has_mysql.pk]
    assert child_match.score == pytest.approx(50.0)
    assert (
        child_match.matched[0]["via"] == "child" and child_match.matched[0]["matched_tag"]["name"] == "MySQL"
    )
    assert databases_ranked[has_databases.pk].score == pytest.approx(100.0)
    # The explanation names the best way a requirement was met: its own tag, else the parent, else a child.
    assert databases_ranked[has_all.pk].matched[0]["via"] == "tag"
    assert databases_ranked[has_all.pk].matched[0]["matched_tag"]["id"] == databases.pk
    assert databases_ranked[has_data_and_mysql.pk].matched[0]["via"] == "parent"
    assert databases_ranked[has_data_and_mysql.pk].matched[0]["matched_tag"]["id"] == data.pk


def test_a_requirement_counts_the_strength_of_the_tag_that_meets_it(tenant_a):
    with tenant_context(tenant_a):
        rust, go = tag("Rust"), tag("Go")
        built_on = person("Built on Rust", [(rust, "Rust …", 0.9)])
        in_passing = person("Rust in passing", [(rust, "Rust", 0.45)])
        both_weak = person("Both weak", [(rust, "Rust", 0.3), (go, "Go", 0.3)])
        profile = role(requirements=[(rust, 3), (go, 1)])
        matches = rank(profile)
    # Named at all is most of a requirement's credit; how much the resume is about it adds the rest.
    by = by_id(matches)
    assert by[built_on.pk].score == pytest.approx(100 * ev(0.9) * 3 / 4)
    assert by[in_passing.pk].score == pytest.approx(100 * ev(0.45) * 3 / 4)
    assert by[both_weak.pk].score == pytest.approx(100 * ev(0.3))
    assert ids(matches).index(built_on.pk) < ids(matches).index(in_passing.pk)
    item = by[built_on.pk].matched[0]
    assert item["strength"] == 0.9 and item["credit"] == pytest.approx(ev(0.9))
    for match in matches:
        assert_parts_sum_to_score(match)


def test_among_several_tags_that_meet_a_requirement_the_strongest_counts_and_explains(tenant_a):
    with tenant_context(tenant_a):
        kubernetes = tag("Kubernetes")
        k8s = tag("K8s", merged_into=kubernetes)
        candidate = Candidate.objects.create(
            full_name="Two ids",
            tag_ids=sorted([kubernetes.pk, k8s.pk]),
            tag_strengths=[30, 80] if kubernetes.pk < k8s.pk else [80, 30],
        )
        (match,) = rank(role(requirements=[(kubernetes, 2)]))
    assert match.candidate_id == candidate.pk and match.score == pytest.approx(100 * ev(0.8))
    assert match.matched[0]["matched_tag"]["id"] == k8s.pk and match.matched[0]["strength"] == 0.8


def test_a_tag_merged_into_the_required_one_counts_fully(tenant_a):
    with tenant_context(tenant_a):
        kubernetes = tag("Kubernetes")
        k8s = tag("K8s", merged_into=kubernetes)
        kube = tag("Kube", merged_into=k8s)  # a chain of merges
        # Candidates still carrying the old ids (a bulk load, a merge in flight).
        old = Candidate.objects.create(
            full_name="Old id", tag_ids=[k8s.pk], tag_strengths=[100], activity_anchor=anchor(10.0)
        )
        older = Candidate.objects.create(
            full_name="Older id", tag_ids=[kube.pk], tag_strengths=[100], activity_anchor=anchor(5.0)
        )
        profile = role(requirements=[(kubernetes, 3)])
        # A requirement made before its tag was merged follows the merge.
        stale = role("Stale", requirements=[(k8s, 3)])
        (spec,) = requirement_specs(stale)
        matches = rank(profile)
        stale_matches = rank(stale)
    assert ids(matches) == [old.pk, older.pk] == ids(stale_matches)
    assert [match.score for match in matches] == [100.0, 100.0]
    assert matches[0].matched[0]["via"] == "tag" and matches[0].matched[0]["matched_tag"]["id"] == k8s.pk
    assert matches[0].matched[0]["evidence"] == ""  # no CandidateTag row behind this id
    assert spec.tag["id"] == kubernetes.pk and set(spec.full_ids) == {kubernetes.pk, k8s.pk, kube.pk}


def test_a_removed_tag_neither_counts_nor_gives_evidence(pool):
    with tenant_context(pool["tenant"]):
        from candidates.services import candidate_tag_remove

        candidate_tag_remove(pool["both"], tag=pool["sql"])
        match = by_id(rank(pool["profile"]))[pool["both"].pk]
        # Evidence comes from active tag rows only, even where tag_ids lags behind (a stale copy).
        CandidateTag.objects.filter(candidate=pool["only_python"]).update(removed_at=timezone.now())
        stale = by_id(rank(pool["profile"]))[pool["only_python"].pk]
    assert match.score == pytest.approx(75.0)
    assert [item["tag"]["id"] for item in match.missing] == [pool["sql"].pk]
    assert stale.matched[0]["evidence"] == ""


def ev(strength: float) -> float:
    """What a met requirement earns for a tag of this strength (full credit)."""
    return 1 - STRENGTH_SHARE * (1 - strength)


EXCLUDE = MatchOptions(must_have_mode="exclude")


# --- must-haves --------------------------------------------------------------------------------------------


def test_must_have_exclude_leaves_out_and_flag_keeps_with_a_penalty(pool):
    with tenant_context(pool["tenant"]):
        Requirement.objects.filter(profile=pool["profile"], tag=pool["python"]).update(must_have=True)
        excluded = rank(pool["profile"], EXCLUDE)
        flagged = rank(pool["profile"], MatchOptions(must_have_mode="flag"))
    assert ids(excluded) == [pool["both"].pk, pool["only_python"].pk]
    assert all(match.failed_must_haves == [] for match in excluded)
    assert ids(flagged) == [pool["both"].pk, pool["only_python"].pk, pool["only_sql"].pk]
    failing = flagged[-1]
    assert [item["tag"]["id"] for item in failing.failed_must_haves] == [pool["python"].pk]
    assert failing.failed_must_haves[0]["must_have"] is True
    assert failing.score == pytest.approx(25.0 * MUST_HAVE_PENALTY)
    assert failing.parts["must_have_penalty"] == pytest.approx(-25.0 * (1 - MUST_HAVE_PENALTY))
    assert_parts_sum_to_score(failing)
    assert flagged[0].parts["must_have_penalty"] == 0.0


def test_several_must_haves_all_have_to_be_met(pool):
    with tenant_context(pool["tenant"]):
        Requirement.objects.filter(profile=pool["profile"]).update(must_have=True)
        assert ids(rank(pool["profile"], EXCLUDE)) == [pool["both"].pk]
        # A must-have met through a merged tag: the gate takes every full id, not only the tag itself.
        py3 = tag("Python 3", merged_into=pool["python"])
        merged = Candidate.objects.create(
            full_name="Merged ids", tag_ids=sorted([py3.pk, pool["sql"].pk]), tag_strengths=[100, 100]
        )
        assert ids(rank(pool["profile"], EXCLUDE)) == [pool["both"].pk, merged.pk]
        flagged = by_id(rank(pool["profile"], MatchOptions(must_have_mode="flag")))
    assert len(flagged[pool["only_sql"].pk].failed_must_haves) == 1
    assert flagged[pool["both"].pk].failed_must_haves == []


def test_flag_mode_merges_the_failing_candidates_only_when_they_can_reach_the_page(pool):
    with tenant_context(pool["tenant"]):
        Requirement.objects.filter(profile=pool["profile"], tag=pool["python"]).update(must_have=True)
        # The first two meet the must-have and score above any failing candidate's ceiling (50): the failing
        # ones are not even scanned, and the page is the same as with them.
        assert ids(rank(pool["profile"], MatchOptions(must_have_mode="flag", limit=2))) == [
            pool["both"].pk,
            pool["only_python"].pk,
        ]
        assert ids(rank(pool["profile"], MatchOptions(must_have_mode="flag", limit=1, offset=2))) == [
            pool["only_sql"].pk
        ]
        # A weak must-have: meeting it scores 1/11, missing it but meeting the rest scores 10/11 × 0.5: the
        # failing candidates must be ranked too, and one of them comes first.
        go = tag("Go")
        weak = role("Weak must-have", requirements=[(pool["python"], 1, True), (pool["excel"], 5), (go, 5)])
        excel_and_go = person("Excel and Go", [pool["excel"], go])
        flagged = rank(weak, MatchOptions(must_have_mode="flag", limit=1))
        assert ids(flagged) == [excel_and_go.pk]
        assert flagged[0].score == pytest.approx(100 * 10 / 11 * MUST_HAVE_PENALTY)
        assert ids(rank(weak, MatchOptions(must_have_mode="flag", min_score=40))) == [excel_and_go.pk]
        everyone = rank(weak, MatchOptions(must_have_mode="flag"))
        # Both Python candidates score 1/11; the more recently updated one comes first.
        assert ids(everyone) == [excel_and_go.pk, pool["neither"].pk, pool["only_python"].pk, pool["both"].pk]
        assert count_matches(weak, MatchOptions(must_have_mode="flag")) == 4


def test_flag_mode_pages_equal_scoring_every_candidate_whatever_the_passing_scores(tenant_a):
    """The flag-mode statement narrows its scan of the failing candidates to those who could still reach the
    page (failing_reach); every page must equal the one from scoring every candidate (``candidate_ids``, which
    takes no shortcut)."""
    import random

    rng = random.Random(7)
    with tenant_context(tenant_a):
        tags = [tag(f"Skill {i}") for i in range(8)]
        must_a, must_b = tags[0], tags[1]
        profile = role(
            requirements=[
                (must_a, 2, True),
                (must_b, 1, True),
                (tags[2], 5),
                (tags[3], 4),
                (tags[4], 3),
                (tags[5], 1),
                (tags[6], 1),
            ]
        )
        people = []
        for i in range(40):
            held = rng.sample(tags, rng.randint(1, 6))
            people.append(person(f"P{i}", [(t, t.name_en, rng.choice((0.2, 0.45, 0.7, 0.95))) for t in held]))
        every = [p.pk for p in people]
        reference = [
            m
            for m in rank(profile, MatchOptions(must_have_mode="flag", candidate_ids=every, limit=500))
            if m.matched
        ]
        for limit, offset in ((1, 0), (3, 0), (5, 2), (10, 0), (10, 10), (50, 0)):
            page = rank(profile, MatchOptions(must_have_mode="flag", limit=limit, offset=offset))
            assert ids(page) == ids(reference[offset : offset + limit])
            assert [m.score for m in page] == [m.score for m in reference[offset : offset + limit]]
        # Some failing candidates do reach the top ten here, and some passing ones are below them.
        top = reference[:10]
        assert any(m.failed_must_haves for m in top) and len(reference) > 10


def test_a_must_have_met_only_through_a_child_tag_is_failed_but_earns_partial_credit(tenant_a):
    with tenant_context(tenant_a):
        cloud = tag("Cloud")
        aws = tag("AWS", parent=cloud)
        candidate = person("AWS only", [aws])
        profile = role(requirements=[(cloud, 2, True)])
        assert rank(profile, EXCLUDE) == []
        (match,) = rank(profile, MatchOptions(must_have_mode="flag"))
    assert match.candidate_id == candidate.pk
    assert match.matched[0]["via"] == "child" and match.matched[0]["credit"] == 0.5
    assert [item["tag"]["id"] for item in match.failed_must_haves] == [cloud.pk]
    assert match.score == pytest.approx(50.0 * MUST_HAVE_PENALTY)
    assert_parts_sum_to_score(match)


# --- years, education, activity --------------------------------------------------------------------------------


def test_years_and_education_fit(tenant_a):
    with tenant_context(tenant_a):
        go = tag("Go")
        profile = role(requirements=[(go, 1)], min_years=4, education="bachelor")
        senior = person("Senior", [go], years_experience=6, highest_education="master")
        junior = person("Junior", [go], years_experience=2, highest_education="associate")
        unknown = person("Unknown", [go], years_experience=None, highest_education="")
        school = person("School", [go], years_experience=1, highest_education="secondary")
        matches = by_id(rank(profile))
    expected = {senior.pk: (1.0, 1.0), junior.pk: (0.5, 0.5), school.pk: (0.25, 0.0)}
    for candidate_id, (years_fit, education_fit) in expected.items():
        match = matches[candidate_id]
        # Each shortfall takes its share (15 %) of the coverage points off.
        assert match.parts["coverage"] == pytest.approx(100.0)
        assert match.parts["years_fit"] == pytest.approx(-15.0 * (1 - years_fit))
        assert match.parts["education_fit"] == pytest.approx(-15.0 * (1 - education_fit))
        assert match.score == pytest.approx(100.0 - 15.0 * (2 - years_fit - education_fit))
        assert_parts_sum_to_score(match)
    # Unknown years and education take nothing off: coverage alone.
    match = matches[unknown.pk]
    assert match.parts == {
        "coverage": pytest.approx(100.0),
        "years_fit": 0.0,
        "education_fit": 0.0,
        "focus": 0.0,
        "activity_boost": 0.0,
        "must_have_penalty": 0.0,
    }
    assert match.score == pytest.approx(100.0)


def test_unknown_years_only_leaves_out_years(tenant_a):
    with tenant_context(tenant_a):
        go = tag("Go")
        profile = role(requirements=[(go, 1)], min_years=4, education="bachelor")
        candidate = person("No years", [go], years_experience=None, highest_education="associate")
        (match,) = rank(profile)
    assert match.candidate_id == candidate.pk
    # Years unknown: nothing off; one education level below: half of its 15 % off.
    assert match.score == pytest.approx(100 * (1 - 0.15 * 0.5))
    assert match.parts["years_fit"] == 0.0
    assert match.parts["education_fit"] == pytest.approx(-7.5)
    assert_parts_sum_to_score(match)


def test_only_the_fits_the_profile_asks_for_count(tenant_a):
    with tenant_context(tenant_a):
        go = tag("Go")
        candidate = person("Years only", [go], years_experience=1)
        years_only = role(requirements=[(go, 1)], min_years=2)
        (match,) = rank(years_only)
    # Half the years asked for: half of the years' 15 % off; no education asked for, none off.
    assert match.score == pytest.approx(100 * (1 - 0.15 * 0.5))
    assert match.parts["education_fit"] == 0.0
    assert match.candidate_id == candidate.pk


def test_activity_boost(pool):
    with tenant_context(pool["tenant"]):
        Candidate.objects.filter(pk=pool["only_python"].pk).update(activity_anchor=anchor(90.0))
        plain = by_id(rank(pool["profile"]))
        boosted = by_id(rank(pool["profile"], MatchOptions(activity_boost=True)))
    assert plain[pool["only_python"].pk].parts["activity_boost"] == 0.0
    match = boosted[pool["only_python"].pk]
    assert match.score == pytest.approx(0.9 * 75.0 + 0.1 * 90.0)
    assert match.parts["activity_boost"] == pytest.approx(9.0)
    assert match.parts["coverage"] == pytest.approx(0.9 * 75.0)
    assert_parts_sum_to_score(match)


def test_ties_are_broken_by_activity_then_recency_then_id_and_pages_are_stable(tenant_a):
    now = timezone.now()
    with tenant_context(tenant_a):
        rust = tag("Rust")
        profile = role(requirements=[(rust, 2)])
        quiet = person("Quiet", [rust], activity_score=10.0)
        active = person("Active", [rust], activity_score=80.0)
        same = [person(f"Same {i}", [rust], activity_score=40.0) for i in range(3)]
        Candidate.objects.filter(pk__in=[c.pk for c in same]).update(updated_at=now - timedelta(days=5))
        recent = person("Recent", [rust], activity_score=40.0)
        Candidate.objects.filter(pk=recent.pk).update(updated_at=now)
        first = ids(rank(profile))
        again = ids(rank(profile))
        pages = [ids(rank(profile, MatchOptions(limit=2, offset=offset))) for offset in (0, 2, 4)]
    assert first == [active.pk, recent.pk, *sorted(c.pk for c in same), quiet.pk]
    assert again == first
    assert [pk for page in pages for pk in page] == first


# --- filters -------------------------------------------------------------------------------------------------


def test_filters_tier_location_and_min_score(pool):
    with tenant_context(pool["tenant"]):
        Candidate.objects.filter(pk=pool["both"].pk).update(
            activity_anchor=anchor(90.0), location="Shanghai 上海"
        )
        Candidate.objects.filter(pk=pool["only_python"].pk).update(location="Beijing")
        profile = pool["profile"]
        assert ids(rank(profile, MatchOptions(tiers=("high",)))) == [pool["both"].pk]
        assert ids(rank(profile, MatchOptions(tiers=("high", "mid")))) == [
            pool["both"].pk,
            pool["only_python"].pk,
            pool["only_sql"].pk,
        ]
        assert ids(rank(profile, MatchOptions(location="shanghai"))) == [pool["both"].pk]
        assert ids(rank(profile, MatchOptions(location="上海"))) == [pool["both"].pk]
        assert ids(rank(profile, MatchOptions(location="%"))) == []  # text, not a pattern
        assert ids(rank(profile, MatchOptions(min_score=75))) == [pool["both"].pk, pool["only_python"].pk]
        assert ids(rank(profile, MatchOptions(min_score=75.01))) == [pool["both"].pk]
        assert count_matches(profile, MatchOptions(min_score=75)) == 2
        assert count_matches(profile) == 3


def test_filters_pipeline_and_recent_contact(pool):
    now = timezone.now()
    with tenant_context(pool["tenant"]):
        profile, other_role = pool["profile"], role("Other role")
        Application.objects.create(profile=profile, candidate=pool["both"])
        Application.objects.create(profile=other_role, candidate=pool["only_sql"])
        assert ids(rank(profile, MatchOptions(exclude_in_pipeline=True))) == [
            pool["only_python"].pk,
            pool["only_sql"].pk,
        ]
        Application.objects.create(profile=other_role, candidate=pool["only_python"])
        # "Contacted" is last_contacted_at, which a sent / call / meeting interaction or a stage move to
        # contacted or later sets (engagement); being sourced into a pipeline is not a contact.
        Candidate.objects.filter(pk=pool["only_python"].pk).update(last_contacted_at=now - timedelta(days=3))
        assert ids(rank(profile, MatchOptions(exclude_contacted_days=7))) == [
            pool["both"].pk,
            pool["only_sql"].pk,
        ]
        assert ids(rank(profile, MatchOptions(exclude_contacted_days=2))) == [
            pool["both"].pk,
            pool["only_python"].pk,
            pool["only_sql"].pk,
        ]
        assert count_matches(profile, MatchOptions(exclude_contacted_days=7, exclude_in_pipeline=True)) == 1


def test_only_active_candidates_unless_asked_and_never_merged_ones(pool):
    with tenant_context(pool["tenant"]):
        Candidate.objects.filter(pk=pool["only_python"].pk).update(status=CandidateStatus.HIRED)
        Candidate.objects.filter(pk=pool["only_sql"].pk).update(
            status=CandidateStatus.MERGED, merged_into=pool["both"]
        )
        assert ids(rank(pool["profile"])) == [pool["both"].pk]
        assert ids(rank(pool["profile"], MatchOptions(include_inactive=True))) == [
            pool["both"].pk,
            pool["only_python"].pk,
        ]


def test_updated_since_and_candidate_ids(pool):
    since = timezone.now() - timedelta(hours=1)
    with tenant_context(pool["tenant"]):
        Candidate.objects.update(created_at=since - timedelta(days=30), updated_at=since - timedelta(days=1))
        Candidate.objects.filter(pk=pool["only_sql"].pk).update(updated_at=timezone.now())
        assert ids(rank(pool["profile"], MatchOptions(updated_since=since))) == [pool["only_sql"].pk]
        assert count_matches(pool["profile"], MatchOptions(updated_since=since)) == 1
        # A shortlist's snapshot: the chosen candidates are scored whether or not they meet anything.
        chosen = rank(
            pool["profile"],
            MatchOptions(must_have_mode="flag", candidate_ids=(pool["neither"].pk, pool["only_sql"].pk)),
        )
    assert ids(chosen) == [pool["only_sql"].pk, pool["neither"].pk]
    assert chosen[1].score == 0.0 and len(chosen[1].missing) == 2


def test_limit_offset_and_bad_options(pool):
    with tenant_context(pool["tenant"]):
        assert ids(rank(pool["profile"], MatchOptions(limit=1))) == [pool["both"].pk]
        assert ids(rank(pool["profile"], MatchOptions(limit=1, offset=1))) == [pool["only_python"].pk]
        bad = [
            (MatchOptions(must_have_mode="maybe"), "must_have_mode"),
            (MatchOptions(limit=0), "limit"),
            (MatchOptions(limit=501), "limit"),
            (MatchOptions(offset=-1), "offset"),
            (MatchOptions(min_score=101), "min_score"),
            (MatchOptions(min_score=float("nan")), "min_score"),
            (MatchOptions(tiers=("gold",)), "tiers"),
            (MatchOptions(exclude_contacted_days=-3), "exclude_contacted_days"),
            (MatchOptions(updated_since="yesterday"), "updated_since"),
            (MatchOptions(location="x" * 121), "location"),
        ]
        for options, field in bad:
            with pytest.raises(MatchOptionsError) as error:
                rank(pool["profile"], options)
            assert error.value.field == field


def test_options_from_params(pool):
    options = options_from_params(
        {
            "tiers": ["high"],
            "min_score": 60,
            "must_have_mode": "flag",
            "activity_boost": True,
            "exclude_contacted_days": 30,
            "location": " 上海 ",
        }
    )
    assert options.tiers == ("high",) and options.min_score == 60.0 and options.must_have_mode == "flag"
    assert options.activity_boost and options.exclude_contacted_days == 30 and options.location == "上海"
    assert options_from_params({}) == MatchOptions()
    for params, field in (
        ({"colour": "red"}, "colour"),
        ({"tiers": 5}, "tiers"),
        ({"limit": "many"}, "limit"),
        ({"activity_boost": "perhaps"}, "activity_boost"),
    ):
        with pytest.raises(MatchOptionsError) as error:
            options_from_params(params)
        assert error.value.field == field


def test_a_profile_with_no_requirements_ranks_by_activity_then_recency(tenant_a):
    with tenant_context(tenant_a):
        low = person("Low", activity_score=5.0, years_experience=10)
        high = person("High", activity_score=95.0, years_experience=1)
        empty = role("Anything")
        assert ids(rank(empty)) == [high.pk, low.pk]
        # Nothing asked for: everyone covers it fully.
        assert [match.score for match in rank(empty)] == [100.0, 100.0]
        with_years = role("Years", min_years=5)
        matches = rank(with_years)
    # Only the years fit applies: one year of five takes 80 % of its 15 % off.
    assert ids(matches) == [low.pk, high.pk]
    assert matches[0].score == pytest.approx(100.0) and matches[1].score == pytest.approx(
        100 * (1 - 0.15 * 0.8)
    )
    assert matches[0].matched == [] and matches[0].missing == []


# --- isolation ---------------------------------------------------------------------------------------------------


def _same_world(tenant) -> tuple[RoleProfile, list[int], Tag]:
    with tenant_context(tenant):
        python = tag("Python")
        candidates = [person(f"Twin {i}", [python], activity_score=float(i)) for i in range(3)]
        return role(requirements=[(python, 3, True)]), [c.pk for c in candidates], python


def test_other_tenants_candidates_never_appear(tenant_a, tenant_b):
    profile_a, candidates_a, _python_a = _same_world(tenant_a)
    profile_b, candidates_b, python_b = _same_world(tenant_b)
    with tenant_context(tenant_a):
        ranked = ids(rank(profile_a, MatchOptions(limit=500, must_have_mode="flag")))
        assert sorted(ranked) == sorted(candidates_a)
        # A profile of another tenant is refused, not ranked against this pool.
        with pytest.raises(MatchOptionsError):
            rank(profile_b)
        # A requirement naming another tenant's tag (the API refuses it; here forced) is never met, and the
        # other tenant's candidates carrying that tag stay invisible.
        Requirement.objects.create(
            profile=profile_a, tag_id=python_b.pk, weight=5, must_have=True, position=9
        )
        assert rank(profile_a, EXCLUDE) == []
        flagged = rank(profile_a, MatchOptions(must_have_mode="flag"))
        assert sorted(ids(flagged)) == sorted(candidates_a)
        assert flagged[0].failed_must_haves[-1]["tag"]["id"] == python_b.pk
    with tenant_context(tenant_b):
        assert sorted(ids(rank(profile_b))) == sorted(candidates_b)


def test_row_level_security_alone_hides_the_other_tenant(tenant_a, tenant_b):
    """The statement asking for the other tenant's rows by name still sees none of them: RLS is the backstop."""
    profile_a, candidates_a, _ = _same_world(tenant_a)
    _same_world(tenant_b)
    from profiles.matching import ranking_statement

    with tenant_context(tenant_a):
        sql, params = ranking_statement(profile_a, MatchOptions(must_have_mode="flag"))
        position = sql[: sql.index("c.tenant_id = %s")].count("%s")
        assert params[position] == tenant_a.pk
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            assert sorted(row[0] for row in cursor.fetchall()) == sorted(candidates_a)
            params[position] = tenant_b.pk
            cursor.execute(sql, params)
            assert cursor.fetchall() == []


def test_rank_needs_a_tenant(pool):
    from talentpool.tenancy.context import NoTenantSelected

    with pytest.raises(NoTenantSelected):
        rank(pool["profile"])


# --- one statement, top rows only --------------------------------------------------------------------------------


def test_one_statement_over_the_pool_and_jit_put_back(pool):
    with tenant_context(pool["tenant"]):
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jit', 'on', true)")
        with CaptureQueriesContext(connection) as captured:
            matches = rank(pool["profile"], MatchOptions(limit=2))
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "on"
    # Besides the ranking statement, at most the bounded probe of the pool's size (profiles.ranking_index: is the
    # pool large enough for an in-memory index?), once per tenant and ten minutes.
    probes = [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith(ranking_index.POOL_SIZE_PROBE)
    ]
    pool_statements = [
        q["sql"]
        for q in captured.captured_queries
        if Candidate._meta.db_table in q["sql"] and q["sql"] not in probes
    ]
    assert len(probes) <= 1 and all("LIMIT" in probe for probe in probes)
    assert len(pool_statements) == 1
    assert CandidateTag._meta.db_table in pool_statements[0]  # the evidence comes from the same statement
    assert len(matches) == 2


# --- the command -------------------------------------------------------------------------------------------------


def test_rank_command_prints_json_best_first(pool):
    out = StringIO()
    call_command(
        "rank",
        "--tenant",
        pool["tenant"].slug,
        "--profile",
        str(pool["profile"].pk),
        "--limit",
        "2",
        "--json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    assert [row["candidate_id"] for row in rows] == [pool["both"].pk, pool["only_python"].pk]
    assert {"candidate_id", "score", "matched", "missing", "failed_must_haves"} <= set(rows[0])
    assert rows[1]["missing"][0]["tag"]["id"] == pool["sql"].pk
    assert rows[0]["matched"][0]["evidence"] == "5 years of Python"

    out = StringIO()
    call_command(
        "rank",
        "--tenant",
        pool["tenant"].slug,
        "--profile",
        str(pool["profile"].pk),
        "--tier",
        "mid",
        "--min-score",
        "50",
        "--must-have-mode",
        "flag",
        stdout=out,
    )
    table = out.getvalue()
    assert "Both 双全" in table and "Only Python" in table and "Only SQL" not in table


def test_rank_command_errors(pool, tenant_b):
    arguments = ["--profile", str(pool["profile"].pk), "--json"]
    with pytest.raises(CommandError, match="No tenant"):
        call_command("rank", "--tenant", "nobody", *arguments)
    with pytest.raises(CommandError, match="No role profile"):
        call_command("rank", "--tenant", pool["tenant"].slug, "--profile", "999999999", "--json")
    with pytest.raises(CommandError, match="No role profile"):  # another tenant's profile is not visible
        call_command("rank", "--tenant", tenant_b.slug, *arguments)
    with pytest.raises(CommandError, match="tiers"):
        call_command("rank", "--tenant", pool["tenant"].slug, *arguments, "--tier", "gold")
    with pytest.raises(CommandError, match="limit"):
        call_command("rank", "--tenant", pool["tenant"].slug, *arguments, "--limit", "0")


# --- the system check --------------------------------------------------------------------------------------------


def _leakproof_in_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(proleakproof) FROM pg_proc WHERE oid IN "
            "('arraycontains(anyarray,anyarray)'::regprocedure, 'arrayoverlap(anyarray,anyarray)'::regprocedure)"
        )
        return cursor.fetchone()[0]


def test_system_check_warns_when_the_array_operators_are_not_leakproof(db, monkeypatch):
    warnings = checks.check_array_operators_leakproof(databases=["default"])
    if _leakproof_in_database():
        assert warnings == []
    else:
        assert [w.id for w in warnings] == ["profiles.W001"]
    monkeypatch.setattr(
        checks, "not_leakproof_functions", lambda using="default": ["arrayoverlap(anyarray,anyarray)"]
    )
    (warning,) = checks.check_array_operators_leakproof(databases=["default"])
    assert isinstance(warning, CheckWarning) and warning.id == "profiles.W001"
    assert "arrayoverlap" in warning.msg and "LEAKPROOF" in warning.hint
    monkeypatch.setattr(checks, "not_leakproof_functions", lambda using="default": [])
    assert checks.check_array_operators_leakproof(databases=["default"]) == []
    assert checks.check_array_operators_leakproof(databases=None) == []  # checks without the database


def test_system_check_is_registered_for_the_database(db):
    from django.core.checks.registry import registry

    assert checks.check_array_operators_leakproof in registry.get_checks(include_deployment_checks=False)
    out = StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=out)
    assert ("profiles.W001" in out.getvalue()) is (not _leakproof_in_database())


# --- role requirements and compound tags ------------------------------------------------------------------------


def test_a_role_requirement_counts_role_factor_times_its_weight(tenant_a):
    with tenant_context(tenant_a):
        java = tag("Java")
        developer = Tag.objects.create(
            key="title.t-java-developer", category="title", name_en="Java developer"
        )
        profile = role(requirements=[(java, 4), (developer, 4)])
        skill_only = person("Skill only", [java])
        role_only = person("Role only", [developer])
        matches = by_id(rank(profile))
    total = 4 + 4 * ROLE_FACTOR
    assert matches[skill_only.pk].score == pytest.approx(100 * 4 / total, abs=1e-3)
    assert matches[role_only.pk].score == pytest.approx(100 * 4 * ROLE_FACTOR / total, abs=1e-3)
    assert ROLE_FACTOR > 1
    assert_parts_sum_to_score(matches[role_only.pk])


def test_a_compound_tag_counts_fully_for_each_of_its_parts(tenant_a):
    with tenant_context(tenant_a):
        languages = tag("Programming languages")
        c, cpp = tag("C", parent=languages), tag("C++", parent=languages)
        c_cpp = Tag.objects.create(key="skill.t-c-cpp", category="skill", name_en="C/C++", parent=languages)
        elsewhere = Tag.objects.create(
            key="skill.t-c-elsewhere", category="skill", name_en="C/Go"
        )  # no sibling
        profile = role(requirements=[(cpp, 2), (c, 2, True)])
        compound = person("C/C++ on the resume", [c_cpp])
        other = person("C/Go", [elsewhere])
        (match,) = rank(profile)
        spec_ids = {spec.tag["id"]: spec.full_ids for spec in requirement_specs(profile)}
    assert match.candidate_id == compound.pk  # meets the must-have C through C/C++; "C/Go" is no sibling
    assert match.score == pytest.approx(100.0)
    assert [item["via"] for item in match.matched] == ["tag", "tag"]
    assert c_cpp.pk in spec_ids[cpp.pk] and c_cpp.pk in spec_ids[c.pk]
    assert elsewhere.pk not in spec_ids[c.pk] and other.pk != match.candidate_id


def test_parent_and_child_credit(tenant_a):
    with tenant_context(tenant_a):
        cloud = tag("Cloud")
        aws = tag("AWS", parent=cloud)
        child_req = role(requirements=[(cloud, 1)])
        parent_req = role(requirements=[(aws, 1)])
        has_child = person("Has AWS", [aws])
        has_parent = person("Has cloud", [cloud])
        (via_child,) = [m for m in rank(child_req) if m.candidate_id == has_child.pk]
        (via_parent,) = [m for m in rank(parent_req) if m.candidate_id == has_parent.pk]
    assert via_child.matched[0]["via"] == "child" and via_child.score == pytest.approx(100 * PARTIAL_CREDIT)
    assert via_parent.matched[0]["via"] == "parent" and via_parent.score == pytest.approx(100 * PARENT_CREDIT)
    assert via_parent.matched[0]["credit"] == PARENT_CREDIT


# --- focus -----------------------------------------------------------------------------------------------------


def test_focus_ranks_a_resume_built_around_the_requirements_above_one_that_names_them_among_many(tenant_a):
    with tenant_context(tenant_a):
        python, sql = tag("Python"), tag("SQL")
        others = [tag(name) for name in ("Sales", "Nursing", "Welding")]
        profile = role(requirements=[(python, 3), (sql, 1)])
        focused = person("Focused", [python, sql], strength=0.7)
        broad = person("Broad", [python, sql, *others], strength=0.7)
        matches = rank(profile)
    assert ids(matches) == [focused.pk, broad.pk]
    first, second = matches
    assert first.focus == pytest.approx(1.0) and first.parts["focus"] == 0.0
    assert first.score == pytest.approx(100 * ev(0.7))  # strength 0.7 on everything asked for
    # Two of five equally strong tags answer the profile: focus 0.4, and 0.5 × 0.6 of the score is taken off.
    assert second.focus == pytest.approx(0.4)
    assert second.score == pytest.approx(100 * ev(0.7) * (1 - FOCUS_SHARE * 0.6))
    assert second.parts["focus"] == pytest.approx(-100 * ev(0.7) * FOCUS_SHARE * 0.6)
    assert_parts_sum_to_score(second)


def test_focus_weighs_tags_by_strength_squared_and_counts_related_tags_as_answering(tenant_a):
    with tenant_context(tenant_a):
        cloud = tag("Cloud")
        aws = tag("AWS", parent=cloud)
        go, knitting = tag("Go"), tag("Knitting")
        profile = role(requirements=[(cloud, 2), (go, 1)])
        # A passing mention of something else hardly moves the focus: 1 / (1 + 0.2²).
        passing = person("Passing mention", [(go, "Go", 1.0), (knitting, "knitting", 0.2)])
        # AWS answers the cloud requirement (as its child): the whole resume is about the role.
        related = person("Through a child tag", [(aws, "AWS", 0.9), (go, "Go", 0.9)])
        matches = by_id(rank(profile))
    assert matches[passing.pk].focus == pytest.approx(1 / 1.04, abs=1e-4)
    assert matches[related.pk].focus == pytest.approx(1.0)
    for match in matches.values():
        assert_parts_sum_to_score(match)


def test_no_requirements_no_focus(tenant_a):
    with tenant_context(tenant_a):
        person("Anyone", [tag("Sales")])
        (match,) = rank(role(requirements=[]))
    assert match.focus is None and match.parts["focus"] == 0.0
