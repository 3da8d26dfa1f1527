"""The seed taxonomy, the taxonomy matcher and the English skill model (no database)."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candidates.parsing import skill_model
from candidates.parsing.tagging import TaxonomyMatcher, find_tags, normalise, seed_matcher
from candidates.taxonomy import CATEGORIES, SEED_PATH, load_seed

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
_CJK = "\u4e00-\u9fff"


def keys(hits):
    return {h.tag_key for h in hits}


def check_offsets(text, hits):
    for hit in hits:
        assert text[hit.evidence.start : hit.evidence.end] == hit.evidence.text


# -- the seed ------------------------------------------------------------------------------------------------


def test_seed_has_enough_terms_with_unique_keys_and_valid_categories():
    terms = load_seed()
    assert len(terms) >= 3000
    assert len({t.key for t in terms}) == len(terms)
    assert {t.category for t in terms} <= set(CATEGORIES)
    assert set(CATEGORIES) == {t.category for t in terms}, "every category has terms"
    assert SEED_PATH.stat().st_size < 3_000_000


def test_every_term_has_an_english_and_a_chinese_name_and_known_parent():
    terms = load_seed()
    by_key = {t.key for t in terms}
    for term in terms:
        assert term.name_en.strip() and term.name_zh.strip(), term
        assert isinstance(term.synonyms, tuple)
        assert term.parent is None or term.parent in by_key, term


def test_chinese_market_terms_are_in_the_seed():
    forms = {}
    for term in load_seed():
        for form in (term.name_en, term.name_zh, *term.synonyms):
            forms.setdefault(form.lower(), term)
    expected = {
        "精益生产": "skill",
        "六西格玛": "skill",
        "saas销售": "skill",
        "客户成功": "skill",
        "车间主任": "title",
        "iatf16949": "skill",
        "pmp": "certificate",
        "注册会计师": "certificate",
        "法律职业资格": "certificate",
        "教师资格证": "certificate",
        "抖音运营": "skill",
        "私域运营": "skill",
        "直播带货": "skill",
        "跨境电商": "skill",
        "新媒体运营": "skill",
        "数据分析": "skill",
        "用户增长": "skill",
        "沟通能力": "quality",
        "抗压能力": "quality",
        "学习能力": "quality",
        "责任心": "quality",
        "cet-6": "certificate",
        "普通话": "language",
        "粤语": "language",
        "互联网": "industry",
        "半导体": "industry",
        "java开发工程师": "title",
        "一级建造师": "certificate",
        "软考": "certificate",
        "k8s": "skill",
        "机器学习": "skill",
        "自然语言处理": "skill",
        "前端": "skill",
        "后端": "skill",
        "大数据": "skill",
    }
    for form, category in expected.items():
        assert form in forms, form
        assert forms[form].category == category, (form, forms[form])
    assert forms["ml"].name_en == "Machine learning"
    assert "Excel" in (forms["microsoft excel"].name_zh, *forms["microsoft excel"].synonyms)


def test_build_is_reproducible(tmp_path):
    if not (DATA / "onet-29.2").exists() or not (DATA / "esco-1.2.0").exists():
        pytest.skip("O*NET / ESCO data not available")
    for run in ("a", "b"):
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_taxonomy.py"), "--out", str(tmp_path / run)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            timeout=300,
        )
    built = [hashlib.sha256((tmp_path / run / "seed.jsonl").read_bytes()).hexdigest() for run in ("a", "b")]
    assert built[0] == built[1], "two builds differ"
    assert built[0] == hashlib.sha256(SEED_PATH.read_bytes()).hexdigest(), (
        "seed.jsonl is not the build's output"
    )
    assert (tmp_path / "a" / "common_words.txt").read_bytes() == (
        SEED_PATH.parent / "common_words.txt"
    ).read_bytes()


# -- the matcher ---------------------------------------------------------------------------------------------


def test_chinese_terms_inside_unsegmented_text_with_exact_offsets():
    text = "本人熟悉Java开发，有精益生产和六西格玛项目经验，负责抖音运营与私域运营，英语六级，沟通能力强。"
    hits = seed_matcher().find(text)
    check_offsets(text, hits)
    found = {h.evidence.text: h for h in hits}
    for word in ("精益生产", "六西格玛", "抖音运营", "私域运营", "英语六级", "沟通能力"):
        assert word in found, word
        assert text.index(word) == found[word].evidence.start
    assert found["英语六级"].category == "certificate"
    assert found["沟通能力"].category == "quality"


def test_english_is_case_insensitive_and_synonyms_map_to_the_canonical_tag():
    matcher = seed_matcher()
    a = {h.tag_key: h for h in matcher.find("MACHINE LEARNING and kubernetes")}
    b = {h.tag_key: h for h in matcher.find("ML models on K8s; 机器学习")}
    assert "skill.machine-learning" in a and "skill.machine-learning" in b
    assert "skill.kubernetes" in a and "skill.kubernetes" in b
    assert a["skill.machine-learning"].name == "Machine learning"
    assert (
        len(
            [
                h
                for h in matcher.find("machine learning, ML, 机器学习")
                if h.tag_key == "skill.machine-learning"
            ]
        )
        == 1
    )


def test_word_boundaries():
    matcher = seed_matcher()
    assert "skill.r" not in keys(matcher.find("Director of Research and R&D"))
    assert "skill.go" not in keys(matcher.find("good governance, going forward"))
    assert "skill.c" not in keys(matcher.find("C-level executives, C.E.O. office"))
    hits = matcher.find("Languages: C++, C#, .NET, Node.js, Go and R.")
    assert {"skill.cpp", "skill.csharp", "skill.dotnet", "skill.node-js", "skill.go", "skill.r"} <= keys(hits)
    assert "skill.c" not in keys(hits)
    assert "skill.java" not in keys(matcher.find("JavaScript only"))
    assert "skill.javascript" in keys(matcher.find("JavaScript only"))


def test_full_width_input_offsets_point_into_the_original():
    text = "技能：ＰＹＴＨＯＮ、Ｃ＋＋和ＭｙＳＱＬ"
    hits = seed_matcher().find(text)
    check_offsets(text, hits)
    assert {"skill.python", "skill.cpp", "skill.mysql"} <= keys(hits)
    python = next(h for h in hits if h.tag_key == "skill.python")
    assert python.evidence.text == "ＰＹＴＨＯＮ" and python.evidence.start == 3


def test_longest_match_and_plurals():
    # The matcher's mechanics without word sense (which drops a plural title nobody held: see test_word_sense).
    hits = seed_matcher().find("We hire Java developers who know Spring Boot.", senses=False)
    assert "title.java-developer" in keys(hits)
    assert "skill.spring-boot" in keys(hits) and "skill.spring" not in keys(hits)


def test_a_plural_title_in_a_resume_is_not_a_role_the_person_held():
    hits = seed_matcher().find("We hire Java developers who know Spring Boot.")
    assert "title.java-developer" not in keys(hits) and "skill.spring-boot" in keys(hits)


def test_confidence_rises_with_repetition_and_skills_section():
    matcher = seed_matcher()
    once = {h.tag_key: h.confidence for h in matcher.find("Worked with Docker.")}
    twice = {h.tag_key: h.confidence for h in matcher.find("Worked with Docker.\nSkills: Docker, Linux")}
    assert twice["skill.docker"] > once["skill.docker"]
    assert all(0 < h.confidence <= 1 for h in matcher.find("Docker Python 沟通能力"))


def test_occurrences_returns_every_occurrence():
    matcher = seed_matcher()
    text = "Python, then Python again, python"
    occurrences = matcher.occurrences(text)
    assert len(occurrences) == 3
    assert all(text[s:e].lower() == "python" for _, s, e in occurrences)


def test_tenant_taxonomy_from_dicts():
    matcher = TaxonomyMatcher.from_terms(
        [
            {
                "key": "t1",
                "category": "skill",
                "name_en": "Widget tuning",
                "name_zh": "调件",
                "synonyms": ["WT"],
            },
            {"key": "t2", "category": "industry", "name_en": "", "name_zh": "新能源", "synonyms": []},
        ]
    )
    hits = matcher.find("负责调件与新能源；widget tuning; WT")
    assert {h.tag_key for h in hits} == {"t1", "t2"}
    assert next(h for h in hits if h.tag_key == "t2").name == "新能源"


def test_normalise_keeps_length():
    for text in ("ＡＢＣ　ｄｅｆ", "İstanbul", "普通 text\u00a0x"):
        assert len(normalise(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcCrgoRJavPythn+#.- 　ＰＹ&\nİ")
            + list("精益生产六西格玛语言")
            + ["Python", "C++", "Java", "机器学习", "ＰＹＴＨＯＮ", "Go", "developers", " R."]
        ),
        max_size=30,
    ).map("".join)
)
def test_evidence_offsets_always_slice_the_original_text(text):
    hits = find_tags(text)
    check_offsets(text, hits)
    for _, start, end in seed_matcher().occurrences(text):
        assert 0 <= start < end <= len(text)


# -- the data sets (skipped when the shared data is missing) -------------------------------------------------


def test_every_bosszhipin_sheet_is_a_skill():
    path = DATA / "cn-jd-bosszhipin-2019" / "jobs.csv"
    if not path.exists():
        pytest.skip("bosszhipin data not available")
    with path.open(encoding="utf-8") as handle:
        sheets = {row["sheet"] for row in csv.DictReader(handle) if row.get("sheet")}
    assert len(sheets) >= 9
    matcher = seed_matcher()
    for sheet in sheets:
        hits = matcher.find(sheet)
        assert hits and all(h.category == "skill" for h in hits), sheet
        assert hits[0].evidence.text == sheet, (sheet, hits)


def test_skill_model_fast_decoder_agrees_with_crfsuite():
    tagger = skill_model.default_tagger()
    if tagger is None:
        pytest.skip("skill model not trained")
    fast = skill_model.CrfSkillTagger(tagger.model_path, vocabulary=tagger.vocabulary)
    sentences = [
        "Strong experience with Python and SQL is required",
        "You will design scalable data pipelines and mentor junior engineers",
        "Excellent communication skills and a team player attitude",
    ]
    for sentence in sentences:
        words = [t for t, _, _ in skill_model.tokenize(sentence)]
        known = [(s, e) for _, s, e in seed_matcher().occurrences(sentence)]
        gaz = skill_model.gazetteer_labels(skill_model.tokenize(sentence), known)
        assert fast.tag(words, gaz) == fast.tag_with_crfsuite(words, gaz)


def test_skill_model_spans_and_free_text_tags():
    if skill_model.default_tagger() is None:
        pytest.skip("skill model not trained")
    text = "You will build data pipelines, write clean code and work closely with stakeholders."
    spans = skill_model.extract_skill_spans(text)
    assert spans and all(text[s.start : s.end] == s.text for s in spans)
    hits = find_tags(text)
    check_offsets(text, hits)
    assert any(h.tag_key.startswith("free:") and h.category == "skill" for h in hits)
    assert all(h.confidence < 0.6 for h in hits if h.tag_key.startswith("free:"))


def test_skillspan_dev_recall():
    if not (DATA / "skillspan-en").exists() or skill_model.default_tagger() is None:
        pytest.skip("SkillSpan data or skill model not available")
    from bench.quality_skills import dev_sentences, score

    result = score(dev_sentences(), find_tags)
    assert result["recall"] >= 0.55, result


def test_words_inside_email_addresses_and_urls_are_not_tags():
    from candidates.parsing.tagging import seed_matcher

    text = "邮箱：zhang.python@example.com 主页 https://github.com/java-dev 熟悉 Python"
    hits = seed_matcher().find(text)
    assert [text[h.evidence.start : h.evidence.end] for h in hits] == ["Python"]


def test_a_bare_comma_is_no_skill():
    # "BASIC" has a signature of stop words only; a model span of punctuation used to map to it
    keys = [hit.tag_key for hit in find_tags("Worked with Oracle, SQL Server or Teradata for five years.")]
    assert "skill.basic" not in keys
    assert {"skill.oracle-database", "skill.sql-server"} <= set(keys)


def test_english_words_that_name_a_field_or_a_chinese_degree_only_in_context():
    # "architecture" in an IT text is software architecture, "full-time" a kind of job: neither is education.
    matcher = seed_matcher()
    text = "A full-time position. Experience with micro-service architectures and solution architecture."
    assert not [hit for hit in matcher.find(text) if hit.tag_key.startswith("education.")]
    assert {hit.tag_key for hit in matcher.find("Bachelor of Architecture (B.Arch), 2015")} >= {
        "education.architecture-major"
    }
    assert "education.full-time-education" in {hit.tag_key for hit in matcher.find("全日制统招本科")}


def test_compound_pieces():
    from candidates.parsing.tagging import compound_pieces

    assert compound_pieces("C/C++") == ["c", "c++"]
    assert compound_pieces("HTML & CSS") == ["html", "css"]
    assert compound_pieces("Research and development") == ["research", "development"]
    assert compound_pieces("Java") == []
