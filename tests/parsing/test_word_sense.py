"""Word sense in tagging: ordinary words and other things are not tagged as skills, titles only where the person
held the role (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from candidates.parsing import word_sense
from candidates.parsing.tagging import TaxonomyMatcher, find_tags, seed_matcher
from candidates.taxonomy import load_seed

FIXTURE = Path(__file__).parent / "fixtures" / "word_sense.jsonl"


def keys(text: str) -> set[str]:
    return {hit.tag_key for hit in find_tags(text)}


@pytest.mark.parametrize(
    "text, key",
    [
        ("I built the billing system from scratch.", "skill.scratch"),
        ("She raised red flags about the audit.", "skill.xiaohongshu-operations"),
        ("Find me on LinkedIn.", "skill.linkedin"),
        ("Deployed Apache Ranger for access control.", "skill.apache-http-server"),
        ("We sourced Java coffee beans for the cafe.", "skill.java"),
        ("Wrote my thesis on Franz Kafka.", "skill.kafka"),
        ("Known for a swift response to complaints.", "skill.swift"),
        ("Graduated in Spring 2019.", "skill.spring"),
        ("We had to go back to the client twice.", "skill.go"),
        ("平时喜欢刷小红书。", "skill.xiaohongshu-operations"),
        ("有问题可以在LinkedIn上联系我。", "skill.linkedin"),
        ("喜欢喝Java咖啡。", "skill.java"),
        (
            "Support production on the shop floor: machining, fabrication, welding and assembly.",
            "skill.assembly-language",
        ),
        ("Responsible for assembly and testing of pumps.", "skill.assembly-language"),
        ("Conducted the morning assembly for classes 3 to 10.", "skill.assembly-language"),
        ("Worked at Shell as a process engineer.", "skill.shell-scripting"),
        ("Prepared AutoCAD drawings and bills of materials.", "skill.drawing-and-painting"),
        ("Reading of engineering drawings and drawing preparation.", "skill.drawing-and-painting"),
        ("I am 2nd dan black belt in karate (martial arts).", "skill.six-sigma"),
        ("LinkedIn: linkedin.com/in/jane-doe", "skill.com"),
        ("Hobbies: listening to music and travelling.", "skill.music"),
        ("Underwent industrial training at BHEL.", "skill.training-and-development"),
    ],
)
def test_a_word_in_another_sense_is_not_tagged(text, key):
    assert key not in keys(text)


@pytest.mark.parametrize(
    "text, key",
    [
        ("Taught children to program games in Scratch.", "skill.scratch"),
        ("Developed payment services in Go and PostgreSQL.", "skill.go"),
        ("Built the customer portal with React and TypeScript.", "skill.react"),
        ("Skills: Java, Spring, Kafka, Redis", "skill.spring"),
        ("Hardened Apache 2.4 virtual hosts with TLS.", "skill.apache-http-server"),
        ("Configured Apache and Nginx as reverse proxies.", "skill.apache-http-server"),
        ("Operated three Kafka clusters.", "skill.kafka"),
        ("Migrated the codebase from Objective-C to Swift 5.", "skill.swift"),
        ("负责小红书运营，产出笔记200篇。", "skill.xiaohongshu-operations"),
        ("熟悉java、spring和go", "skill.go"),
        ("熟悉LinkedIn招聘，独立完成海外工程师寻访。", "skill.linkedin"),
        ("Languages: C, C++, Assembly, Python", "skill.assembly-language"),
        ("Programmed the 8051 microcontroller in assembly.", "skill.assembly-language"),
        ("Skills: Linux, Shell, Perl", "skill.shell-scripting"),
        ("Taught classes of painting, rangoli and drawing.", "skill.drawing-and-painting"),
        ("Certified Six Sigma Black Belt; led DMAIC projects.", "skill.six-sigma"),
    ],
)
def test_the_same_word_as_a_skill_is_tagged(text, key):
    assert key in keys(text)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Worked with data scientists to ship models.", "title.data-scientist"),
        ("Reported to the CFO on budgets.", "title.finance-manager"),
        ("Lawyers review every contract before signing.", "title.lawyer"),
        ("与数据科学家合作完成模型上线", "title.data-scientist"),
        ("每月向CFO汇报现金流", "title.finance-manager"),
        ("带领12名护士的团队完成病区改造", "title.nurse"),
    ],
)
def test_a_title_is_not_tagged_where_the_person_did_not_hold_it(text, title):
    assert title not in keys(text)


@pytest.mark.parametrize(
    "text, title",
    [
        ("Data Scientist, Acme Analytics, 2019 - 2022", "title.data-scientist"),
        ("CFO at Brightline Logistics (2016-2021)", "title.finance-manager"),
        ("2019-2022 某科技公司 数据科学家", "title.data-scientist"),
        ("担任产品经理，负责支付产品线。", "title.product-manager"),
    ],
)
def test_a_title_the_person_held_is_tagged(text, title):
    assert title in keys(text)


def test_working_with_or_leading_people_in_a_role_gives_teamwork_or_team_management():
    assert "quality.teamwork" in keys("Worked with data scientists to ship models.")
    assert "quality.teamwork" in keys("与数据科学家合作完成模型上线")
    hits = {h.tag_key: h for h in find_tags("带领12名护士的团队完成病区改造")}
    assert "skill.team-management" in hits and hits["skill.team-management"].evidence.text == "带领12名护士"


def test_the_seed_marks_which_forms_are_ambiguous_and_a_tenant_taxonomy_gets_the_same_tiers():
    seed = {t.key: dict(t.ambiguous) for t in load_seed()}
    assert seed["skill.go"] == {"Go": "word"}
    assert seed["skill.java"].get("Java") == "name"
    assert seed["skill.xiaohongshu-operations"].get("小红书") == "object"
    assert seed["skill.xiaohongshu-operations"].get("RED") == "word"
    assert "Kubernetes" not in seed["skill.kubernetes"] and seed["skill.kubernetes"].get("Helm") == "name"
    # a tenant's terms carry no flags: the matcher decides with the same rule
    terms = [
        {
            "key": t.key,
            "category": t.category,
            "name_en": t.name_en,
            "name_zh": t.name_zh,
            "synonyms": t.synonyms,
        }
        for t in load_seed()
        if t.key in ("skill.scratch", "skill.python")
    ]
    matcher = TaxonomyMatcher.from_terms(terms)
    assert not matcher.find("I built it from scratch.")
    assert [h.tag_key for h in matcher.find("Taught kids to code in Scratch.")] == ["skill.scratch"]


def test_form_tier_comes_from_word_frequencies_not_a_list():
    common = frozenset()
    assert (
        word_sense.form_tier("Spring", name_en="Spring", name_zh="Spring", category="skill", common=common)
        == word_sense.WORD
    )
    assert (
        word_sense.form_tier(
            "Kubernetes", name_en="Kubernetes", name_zh="Kubernetes", category="skill", common=common
        )
        == word_sense.NONE
    )
    assert (
        word_sense.form_tier("AWS", name_en="AWS", name_zh="AWS", category="skill", common=common)
        == word_sense.NONE
    ), "an acronym is not an ordinary word"
    assert (
        word_sense.form_tier(
            "抖音", name_en="Douyin operations", name_zh="抖音运营", category="skill", common=common
        )
        == word_sense.OBJECT
    )
    assert (
        word_sense.form_tier("Go", name_en="Go", name_zh="Go", category="title", common=common)
        == word_sense.NONE
    )
    # "cloud" mostly means cloud computing: only another sense drops it; a language's everyday name
    # ("Assembly", whose Chinese name is a translation) needs context like a product name
    kwargs = {"name_en": "Assembly language", "name_zh": "汇编语言", "category": "skill", "common": common}
    assert word_sense.form_tier("Assembly", **kwargs) == word_sense.PART
    assert word_sense.form_tier("Assembly", **kwargs, parent="skill.programming-languages") == word_sense.WORD
    # a multi-word form whose other senses are known is checked for them
    assert (
        word_sense.form_tier(
            "Black Belt", name_en="Six Sigma", name_zh="六西格玛", category="skill", common=common
        )
        == word_sense.PART
    )
    seed = {t.key: dict(t.ambiguous) for t in load_seed()}
    assert seed["skill.assembly-language"]["Assembly"] == "word"
    assert seed["skill.shell-scripting"]["Shell"] == "word"


def test_a_field_of_study_named_by_an_everyday_word_needs_a_sign_of_study():
    kwargs = {"name_en": "materials", "name_zh": "材料", "category": "education", "common": frozenset()}
    assert word_sense.form_tier("materials", **kwargs) == word_sense.FIELD
    assert word_sense.form_tier("materials science", **kwargs) == word_sense.NONE
    level = {"name_en": "Master's degree", "name_zh": "硕士", "category": "education", "common": frozenset()}
    assert word_sense.form_tier("master", **level) == word_sense.NONE, "a degree level is not a field"
    assert "education.materials" not in keys("Procurement of raw materials and packaging materials.")
    assert "education.materials" in keys("B.Tech in Materials, 2016")
    # an education section needs no degree word on the line; a compound discipline needs none either
    assert "education.physics-major" in keys("EDUCATION\n2011 - 2014  Physics, first class\n")
    assert "education.physics-major" not in keys("SKILLS\n2011 - 2014  Physics, first class\n")
    assert "education.economics-major" in keys("A strong element of socio-economics.")


def test_the_trap_set_has_enough_sentences_and_most_traps_are_avoided_without_losing_real_senses():
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sum(r["lang"] == "en" for r in rows) >= 60 and sum(r["lang"] == "zh" for r in rows) >= 30
    matcher = seed_matcher()

    def rate(sense: str, tag) -> float:
        group = [r for r in rows if r["sense"] == sense]
        return sum(
            (r["tag"] in {h.tag_key for h in tag(r["text"])}) == (sense == "real") for r in group
        ) / len(group)

    assert rate("trap", find_tags) >= 0.9 > rate("trap", lambda t: matcher.tag(t, senses=False))
    assert rate("real", find_tags) >= 0.9


def test_offsets_still_point_into_the_text_after_the_checks():
    text = "Skills: Go, Rust\n与数据科学家合作完成模型上线\nWorked with data scientists."
    for hit in find_tags(text):
        assert text[hit.evidence.start : hit.evidence.end] == hit.evidence.text
