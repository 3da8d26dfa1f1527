"""Any-of / k-of-n requirement groups, the combined default ranking with its divider, and the readable score."""

from __future__ import annotations

import pytest

from profiles import services
from profiles.matching import MatchOptions, band_of, rank
from profiles.models import Requirement
from profiles.suggest import suggest_from_jd
from talentpool.tenancy.context import tenant_context

from .test_matching import assert_parts_sum_to_score, by_id, ids, person, tag
from .test_matching import role as make_role
from .test_profiles_api import error_of, role, send, skills  # noqa: F401 (role, skills: fixtures)


def group(profile, tags, *, weight=3, must_have=False, min_count=1, position=0) -> Requirement:
    first, *others = tags
    return Requirement.objects.create(
        profile=profile,
        tag=first,
        alternatives=[t.pk for t in others],
        min_count=min_count,
        weight=weight,
        must_have=must_have,
        position=position,
    )


# --- suggestions --------------------------------------------------------------------------------------------


def test_a_slash_or_and_a_chinese_choice_each_become_one_group_in_the_suggestion():
    s = suggest_from_jd(
        "Network Engineer\nRequirements:\n- CCNA/CCNP certification required\n- Python or Perl scripting"
    )
    by_key = {r.key: r for r in s.requirements}
    ccna = by_key["certificate.ccna"]
    assert [a["key"] for a in ccna.alternatives] == ["certificate.ccnp"] and ccna.min_count == 1
    assert ccna.must_have  # "required", in so many words: one must-have group, not two must-haves
    assert "certificate.ccnp" not in by_key
    assert [a["key"] for a in by_key["skill.python"].alternatives] == ["skill.perl"]
    s = suggest_from_jd(
        "后端工程师\n任职要求：\n1、至少两门 MySQL/ES/Redis/MongoDB\n2、熟悉tomcat或nginx\n3、Java、Go 任一"
    )
    by_key = {r.key: r for r in s.requirements}
    assert by_key["skill.mysql"].min_count == 2
    assert [a["key"] for a in by_key["skill.mysql"].alternatives] == ["skill.redis", "skill.mongodb"]
    assert [a["key"] for a in by_key["skill.tomcat"].alternatives] == ["skill.nginx"]
    assert [a["key"] for a in by_key["skill.java"].alternatives] == ["skill.go"]


def test_at_least_two_of_an_english_list_is_a_two_of_n_group():
    s = suggest_from_jd("Data Engineer\nRequirements:\n- at least two of AWS, Azure, GCP")
    (cloud,) = [r for r in s.requirements if r.alternatives]
    assert cloud.min_count == 2 and len(cloud.alternatives) == 2


def test_title_words_are_no_must_haves_and_a_title_alone_gives_its_tags_at_normal_weight_with_a_message():
    s = suggest_from_jd("Python 后端工程师")
    assert s.title == "Python 后端工程师"
    assert s.requirements and all(not r.must_have and r.weight == 3 for r in s.requirements)
    assert "Only a title" in s.message
    full = suggest_from_jd("Python 后端工程师\n岗位职责：负责接口开发")
    assert not any(r.must_have for r in full.requirements if r.key == "skill.back-end-development")


# --- the model, the service and the API ---------------------------------------------------------------------


def test_a_group_is_saved_with_its_options_and_an_empty_or_foreign_group_is_refused(tenant_a, tenant_b):
    with tenant_context(tenant_b):
        foreign = tag("Foreign")
    with tenant_context(tenant_a):
        ccna, ccnp = tag("CCNA"), tag("CCNP")
        profile = make_role()
        (saved,) = services.requirements_replace(profile, [{"any_of": [ccna.pk, ccnp.pk], "must_have": True}])
        assert saved.tag_id == ccna.pk and saved.alternatives == [ccnp.pk] and saved.min_count == 1
        for bad, code in (
            ({"any_of": []}, "empty_group"),
            ({"any_of": [ccna.pk, foreign.pk]}, "unknown_tag"),
            ({"any_of": [ccna.pk, ccnp.pk], "min_count": 3}, "min_count"),
        ):
            with pytest.raises(services.ProfileError) as refused:
                services.requirements_replace(profile, [bad])
            assert refused.value.field == "requirements" and refused.value.code == code


def test_the_api_takes_any_of_and_answers_400_with_field_errors_for_empty_or_foreign_groups(
    recruiter_client, role, skills, tenant_b
):  # noqa: F811 (fixtures imported above)
    with tenant_context(tenant_b):
        foreign = tag("Foreign")
    url = f"/api/v1/role-profiles/{role.pk}/requirements/"
    ok = send(
        recruiter_client,
        "put",
        url,
        {
            "requirements": [
                {"any_of": [skills["Python"].pk, skills["Django"].pk], "min_count": 1, "must_have": True}
            ]
        },
    )
    assert ok.status_code == 200, ok.content
    (item,) = ok.json()["requirements"]
    assert item["alternatives"] == [skills["Django"].pk] and [o["id"] for o in item["options"]] == [
        skills["Python"].pk,
        skills["Django"].pk,
    ]
    for body in ({"any_of": []}, {"any_of": [skills["Python"].pk, foreign.pk]}):
        refused = send(recruiter_client, "put", url, {"requirements": [body]})
        assert refused.status_code == 400 and "requirements" in error_of(refused)["fields"]


# --- ranking ------------------------------------------------------------------------------------------------


def test_an_any_of_must_have_is_met_by_either_option_and_explained_as_one_of(tenant_a):
    with tenant_context(tenant_a):
        ccna, ccnp, lan = tag("CCNA"), tag("CCNP"), tag("LAN")
        has_ccna = person("Has CCNA", [(ccna, "CCNA certified in 2019")])
        has_ccnp = person("Has CCNP", [ccnp])
        neither = person("Neither", [lan])
        profile = make_role()
        group(profile, [ccna, ccnp], must_have=True)
        Requirement.objects.create(profile=profile, tag=lan, weight=3, position=1)
        strict = rank(profile, MatchOptions(must_have_mode="exclude"))
        combined = rank(profile)
    assert sorted(ids(strict)) == sorted([has_ccna.pk, has_ccnp.pk])
    assert ids(combined)[-1] == neither.pk and combined[-1].failed_must_haves
    item = by_id(strict)[has_ccna.pk].matched[0]
    assert [o["name"] for o in item["options"]] == ["CCNA", "CCNP"] and item["met_count"] == 1
    assert item["met_options"][0]["evidence"] == "CCNA certified in 2019"
    for match in combined:
        assert_parts_sum_to_score(match)


def test_a_two_of_n_group_needs_two_options_to_pass_and_counts_one_as_half(tenant_a):
    with tenant_context(tenant_a):
        mysql, redis, mongo = tag("MySQL"), tag("Redis"), tag("MongoDB")
        two = person("Two", [mysql, redis])
        one = person("One", [mongo])
        profile = make_role()
        group(profile, [mysql, redis, mongo], min_count=2, must_have=True)
        strict = rank(profile, MatchOptions(must_have_mode="exclude"))
        combined = by_id(rank(profile))
    assert ids(strict) == [two.pk]
    assert combined[two.pk].score == pytest.approx(100.0)
    assert combined[one.pk].failed_must_haves and combined[one.pk].matched[0]["credit"] == pytest.approx(0.5)


def test_the_default_puts_everyone_meeting_the_must_haves_first_then_the_others_best_first_across_pages(
    tenant_a,
):
    with tenant_context(tenant_a):
        python, sql = tag("Python"), tag("SQL")
        passing = [person(f"Pass {n}", [python], strength=0.3 + n / 10) for n in range(3)]
        failing = [person(f"Fail {n}", [sql], strength=0.3 + n / 10) for n in range(3)]
        profile = make_role(requirements=[(python, 1, True), (sql, 5)])
        everyone = rank(profile)
        pages = [m for offset in range(0, 6, 2) for m in rank(profile, MatchOptions(limit=2, offset=offset))]
    assert ids(everyone) == [p.pk for p in reversed(passing)] + [f.pk for f in reversed(failing)]
    assert ids(pages) == ids(everyone)
    # A failing candidate can score above a passing one and still stays below the divider.
    assert everyone[3].score > everyone[2].score


# --- the readable score -------------------------------------------------------------------------------------


def test_calibration_all_met_scores_90_or_more_none_under_10_and_12_of_13_is_good_or_strong(tenant_a):
    with tenant_context(tenant_a):
        tags = [tag(f"Skill {n}") for n in range(13)]
        other = tag("Unrelated")
        profile = make_role(requirements=[(t, 3) for t in tags], min_years=3, education="bachelor")
        everything = person(
            "All",
            [(t, f"Used skill {n} daily", 0.71) for n, t in enumerate(tags)],
            years_experience=5,
            highest_education="master",
        )
        twelve = person(
            "Twelve", [(t, "…", 0.71) for t in tags[:12]], years_experience=5, highest_education="bachelor"
        )
        person("None", [other])
        matches = by_id(rank(profile, MatchOptions(limit=10)))
        nobody = rank(
            profile,
            MatchOptions(
                candidate_ids=tuple(c.pk for c in type(everything).objects.filter(full_name="None"))
            ),
        )
    assert matches[everything.pk].score >= 90 and matches[everything.pk].band == "strong"
    assert band_of(matches[twelve.pk].score) in ("good", "strong") and matches[twelve.pk].score >= 60
    assert nobody[0].score < 10 and nobody[0].band == "weak"
    # Requirement by requirement, each part's points: they add up to the coverage part.
    full = matches[everything.pk]
    assert sum(item["points"] for item in full.matched) == pytest.approx(full.parts["coverage"], abs=0.01)
    assert full.matched[0]["evidence"] == "Used skill 0 daily"


def test_bands_have_the_documented_edges():
    assert [band_of(v) for v in (100, 80, 79.9, 60, 59.9, 40, 39.9, 0)] == [
        "strong",
        "strong",
        "good",
        "good",
        "partial",
        "partial",
        "weak",
        "weak",
    ]
