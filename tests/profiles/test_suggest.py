"""Role profile suggestions from job descriptions (profiles.suggest) and the suggest_profile command.

Everything here runs without a database except the --tenant test (marked django_db). The JDs are written for
these tests; the Boss直聘 figures at the end read ../shared/data at run time and skip when it is absent.
"""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from candidates.models import EducationLevel
from candidates.taxonomy import load_seed
from profiles.models import RequirementGroup
from profiles.suggest import (
    MAX_JD_CHARS,
    MAX_REQUIREMENTS,
    ROLE_CORE_SKILLS,
    JDError,
    Suggestion,
    seed_taxonomy,
    suggest_from_jd,
)

ROOT = Path(__file__).resolve().parents[2]
BOSS = ROOT.parent / "shared" / "data" / "cn-jd-bosszhipin-2019" / "jobs.csv"

JAVA_JD = """Java开发工程师
岗位职责：
1. 负责公司核心交易系统的设计与开发；
2. 参与技术方案评审，编写设计文档。
任职要求：
1. 本科及以上学历，计算机相关专业，3年以上Java开发经验；
2. 精通Spring Boot、MyBatis，熟悉MySQL、Redis；
3. 了解Docker；
4. 良好的沟通能力和团队合作精神，责任心强。
加分项：
熟悉Kafka；有金融行业经验者优先。
薪资：20-35K·14薪
"""

ENGLISH_JD = """Senior Data Engineer
About us
We build logistics software for 2,000 warehouses.
Responsibilities
- Design and maintain batch pipelines in Airflow
- Own the PostgreSQL schemas
Requirements
- 5+ years of professional experience in data engineering
- Strong Python and SQL
- Experience with Spark or Hadoop
- Bachelor's degree in Computer Science or a related field
- Excellent communication skills
Nice to have
- Experience with Kubernetes
Compensation: $140k-$170k
"""


def by_key(suggestion: Suggestion) -> dict:
    return {r.key: r for r in suggestion.requirements}


def names(suggestion: Suggestion) -> set[str]:
    return {r.name for r in suggestion.requirements}


# -- a Chinese JD with headings -------------------------------------------------------------------------------


def test_chinese_jd_sections_weights_and_fields():
    s = suggest_from_jd(JAVA_JD)
    req = by_key(s)
    assert s.title == "Java开发工程师"
    assert s.language == "zh"
    assert s.min_years == 3
    assert isinstance(s.min_years, float)
    assert s.education == EducationLevel.BACHELOR
    assert s.salary == {"min": 20000.0, "max": 35000.0, "currency": "CNY", "period": "month", "months": 14}
    assert s.message == ""
    # a skill in the title: must-have, 5
    assert (req["skill.java"].weight, req["skill.java"].must_have) == (5, True)
    # a strong word in the requirements: must-have, 5
    assert (req["skill.spring-boot"].weight, req["skill.spring-boot"].must_have) == (5, True)
    assert req["skill.mybatis"].must_have
    # a plain requirement: 4, not must-have; a weak one (了解): 3
    assert (req["skill.mysql"].weight, req["skill.mysql"].must_have) == (4, False)
    assert (req["skill.docker"].weight, req["skill.docker"].must_have) == (3, False)
    # nice to have: under the heading and inline (…者优先): 2, never must-have
    assert (req["skill.kafka"].weight, req["skill.kafka"].must_have) == (2, False)
    assert (req["industry.finance"].weight, req["industry.finance"].must_have) == (2, False)
    # qualities: group quality, at most 3, never must-have
    for key in ("quality.communication-skills", "quality.teamwork", "quality.sense-of-responsibility"):
        assert req[key].group == RequirementGroup.QUALITY
        assert req[key].weight <= 3 and not req[key].must_have
    # the role itself is a requirement (experience), not must-have
    assert req["title.java-developer"].group == RequirementGroup.EXPERIENCE
    assert not req["title.java-developer"].must_have
    assert req["skill.java"].group == RequirementGroup.HARD_SKILL
    # heading words and degree levels are not requirements
    assert "skill.recruitment" not in req and "education.bachelor-s-degree" not in req


def test_requirement_fields_are_well_formed():
    s = suggest_from_jd(JAVA_JD)
    keys = [r.key for r in s.requirements]
    assert len(keys) == len(set(keys)), "deduplicated by tag key"
    assert len(keys) <= MAX_REQUIREMENTS
    weights = [r.weight for r in s.requirements]
    assert weights == sorted(weights, reverse=True), "ordered by weight"
    for r in s.requirements:
        assert 1 <= r.weight <= 5
        assert r.group in RequirementGroup.values
        assert r.evidence_text and len(r.evidence_text) <= 300
        assert r.name == (r.name_zh or r.name_en), "Chinese JD: Chinese display names"
        assert isinstance(r.synonyms, list)
    assert by_key(s)["skill.mysql"].evidence_text == "熟悉MySQL、Redis"


def test_english_jd_sections_weights_and_fields():
    s = suggest_from_jd(ENGLISH_JD)
    req = by_key(s)
    assert s.title == "Senior Data Engineer"
    assert s.language == "en"
    assert s.min_years == 5
    assert s.education == "bachelor"
    assert s.salary == {"min": 140000.0, "max": 170000.0, "currency": "USD", "period": "year", "months": None}
    assert (req["skill.python"].weight, req["skill.python"].must_have) == (5, True)
    assert req["skill.sql"].must_have
    # alternatives ("Spark or Hadoop") are requirements, not must-haves
    assert req["skill.spark"].weight == 4 and not req["skill.spark"].must_have
    assert req["skill.kubernetes"].weight == 2 and not req["skill.kubernetes"].must_have
    assert req["skill.postgresql"].weight == 3  # responsibilities only
    assert req["quality.communication-skills"].group == "quality"
    assert req["skill.python"].name == "Python"
    # the "About us" section is skipped: its words are no requirements
    assert "industry.logistics" not in req


def test_as_json_is_exactly_the_cli_contract():
    data = suggest_from_jd(JAVA_JD).as_json()
    assert set(data) == {"title", "requirements", "min_years", "education", "salary", "language", "message"}
    for item in data["requirements"]:
        assert set(item) - {"alternatives", "min_count"} == {
            "tag",
            "group",
            "weight",
            "must_have",
            "synonyms",
        }
        assert set(item["tag"]) == {"name", "category"}
    json.dumps(data, ensure_ascii=False)  # serialisable


# -- shapes of JDs --------------------------------------------------------------------------------------------


def test_inline_numbered_requirements_on_one_line():
    text = (
        "岗位职责：1.负责公司ERP系统的开发和维护；2.编写技术文档。任职条件：1.2年以上.net开发经验；"
        "2.熟悉C#语言，精通SQL Server；3.熟悉WinForm者优先。"
    )
    s = suggest_from_jd(text)
    req = by_key(s)
    assert s.min_years == 2, "1.2年以上 is list item 1, two years"
    assert "skill.dotnet" in req and req["skill.dotnet"].weight >= 4
    assert req["skill.csharp"].weight == 4
    assert req["skill.sql-server"].must_have
    assert req["skill.winforms"].weight == 2 and not req["skill.winforms"].must_have


def test_jd_without_headings_reads_requirement_phrasing():
    s = suggest_from_jd("负责后台服务开发。精通Python，熟悉Django和MySQL，两年以上工作经验，大专以上学历。")
    req = by_key(s)
    assert req["skill.python"].must_have and req["skill.python"].weight == 5
    assert req["skill.django"].weight == 4
    assert s.min_years == 2 and s.education == "associate"


def test_title_before_the_first_heading_on_the_first_line():
    s = suggest_from_jd("高级PHP工程师岗位职责：1、负责网站开发；任职要求：1、熟悉Laravel框架")
    assert s.title == "高级PHP工程师"
    # The title's skill weighs most, but the title alone makes no must-have.
    assert by_key(s)["skill.php"].weight == 5 and not by_key(s)["skill.php"].must_have
    s = suggest_from_jd("软件工程师要求：1、精通C/C++语言，熟悉linux环境")
    assert s.title == "软件工程师"


def test_title_argument_and_label():
    s = suggest_from_jd("任职要求：熟悉Vue和React", title="前端开发工程师")
    assert s.title == "前端开发工程师"
    req = by_key(s)
    assert "skill.vue-js" in req and "skill.react" in req
    # the role's core skills are suggested even when the JD takes them for granted
    assert {"skill.javascript", "skill.html", "skill.css"} <= set(req)
    assert suggest_from_jd("职位名称：Python开发工程师\n岗位职责：负责爬虫开发").title == "Python开发工程师"
    assert suggest_from_jd("1、熟悉Java\n2、熟悉MySQL").title == ""


def test_role_core_skills_from_the_title():
    s = suggest_from_jd("iOS开发工程师\n任职要求：熟悉Objective-C，熟悉Cocoa Touch框架")
    req = by_key(s)
    assert req["skill.swift"].weight == 3 and not req["skill.swift"].must_have
    assert req["skill.swift"].evidence_text == "iOS开发工程师"
    assert req["skill.objective-c"].weight == 4
    s = suggest_from_jd("车间主任\n岗位要求：大专以上学历，5年以上车间管理经验，熟悉5S管理")
    req = by_key(s)
    assert {"skill.production-management", "skill.lean-production", "title.workshop-director"} <= set(req)
    assert s.min_years == 5


def test_a_modifier_before_a_role_in_the_title_names_a_second_role():
    req = by_key(
        suggest_from_jd("Civil Site Engineer\nRequirements:\n- 2+ years of site execution\n- AutoCAD")
    )
    # "site engineer" is the role as written; "Civil … Engineer" is a civil engineer too, a second reading
    # weighted as implied (3) that implies nothing further.
    assert req["title.construction-manager"].weight == 4
    assert req["title.civil-engineer"].weight == 3 and not req["title.civil-engineer"].must_have
    assert req["title.civil-engineer"].evidence_text == "Civil Site Engineer"
    assert "title.java-developer" in by_key(
        suggest_from_jd("Java Backend Developer\nRequirements: Spring, SQL")
    )

    def roles(jd: str) -> list[str]:
        return [key for key in by_key(suggest_from_jd(jd)) if key.startswith("title.")]

    # A modifier that makes no role of its own adds nothing, and a title with nothing before its role is read once.
    assert roles("Senior Site Engineer\nRequirements: AutoCAD") == ["title.construction-manager"]
    assert roles("Civil Engineer\nRequirements: AutoCAD") == ["title.civil-engineer"]


def test_role_core_skill_keys_exist_in_the_seed():
    keys = {t.key for t in load_seed()}
    for trigger, cores in ROLE_CORE_SKILLS.items():
        assert trigger in keys, trigger
        for key in cores:
            assert key in keys, (trigger, key)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("精通C#语言", {"skill.csharp"}),
        ("熟悉C、C++、Go、R语言", {"skill.c", "skill.cpp", "skill.go", "skill.r"}),
        ("熟悉C/C++", {"skill.c", "skill.cpp"}),
        ("熟悉.net开发", {"skill.dotnet"}),
        ("精通HTML+CSS", {"skill.html", "skill.css"}),
        ("熟练使用Swift开发", {"skill.swift"}),
        ("熟悉Objective-C2、理解iOS界面规范", {"skill.objective-c", "skill.ios-development"}),
        (
            "详见https://example.com/about)技能要求：熟悉HTML/CSS/JS",
            {"skill.html", "skill.css", "skill.javascript"},
        ),
    ],
)
def test_short_and_symbol_terms_in_chinese_text(text, expected):
    assert expected <= set(by_key(suggest_from_jd(text)))


def test_short_terms_need_word_boundaries():
    keys = set(by_key(suggest_from_jd("Requirements:\n- Director-level reporting; good English")))
    assert not {"skill.r", "skill.go", "skill.c"} & keys


def test_non_it_jds():
    nurse = suggest_from_jd(
        "护士\n任职要求：护理专业大专及以上学历，持有护士执业资格证，两年以上临床护理经验，有ICU经验者优先。"
    )
    req = by_key(nurse)
    assert req["certificate.nurse-licence"].must_have and req["skill.nursing"].must_have
    assert nurse.min_years == 2 and nurse.education == "associate"
    sales = suggest_from_jd(
        "销售经理\n任职资格：五年以上B2B销售经验，优秀的谈判能力和沟通能力，能接受出差。年薪30-50万"
    )
    req = by_key(sales)
    assert req["skill.sales"].must_have and "skill.negotiation" in req and "experience.business-travel" in req
    assert sales.min_years == 5
    assert sales.salary["period"] == "year" and sales.salary["min"] == 300000
    english = suggest_from_jd(
        "Accountant\nRequirements: minimum of two years accounting experience, CPA preferred, "
        "proficient in QuickBooks and Microsoft Excel. Associate degree in accounting required."
    )
    req = by_key(english)
    assert english.min_years == 2 and english.education == "associate"
    assert req["skill.microsoft-excel"].must_have
    assert req["certificate.cpa-china"].weight == 2


# -- minimum years, education, salary -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, years",
    [
        ("任职要求：3年以上Java开发经验", 3),
        ("任职要求：三年以上工作经验", 3),
        ("任职要求：1-3年相关工作经验", 1),
        ("任职要求：两年及以上开发经验", 2),
        ("任职要求：工作年限：5年", 5),
        ("任职要求：工作两年以上，熟悉PHP", 2),
        ("任职要求：十年以上行业经验", 10),
        ("任职要求：半年以上开发经验", 0.5),
        ("任职要求：1.3年以上Java经验；2.熟悉Spring", 3),
        ("岗位要求：3年左右Python开发经验", 3),
        ("Requirements: at least 5 years of backend experience", 5),
        ("Requirements: 5+ years building web services", 5),
        ("Requirements: a minimum of two years in retail", 2),
        ("Requirements: 3-5 years of experience with React", 3),
        ("任职要求：经验不限", None),
        ("任职要求：1年以下经验也可", None),
        ("任职要求：应届生，熟悉Java", None),
        ("公司介绍：公司成立10年，2019年获得融资", None),
        ("任职要求：可连续实习半年以上", None),
        ("任职要求：3年以上经验者优先", 3),  # nothing else stated: the preferred years
        ("任职要求：2年以上开发经验，有5年以上经验者优先", 2),
    ],
)
def test_min_years(text, years):
    assert suggest_from_jd(text).min_years == years


@pytest.mark.parametrize(
    "text, level",
    [
        ("任职要求：本科及以上学历", "bachelor"),
        ("任职要求：大专以上学历", "associate"),
        ("任职要求：硕士及以上学历，博士优先", "master"),
        ("任职要求：计算机相关专业本科、硕士或博士", "bachelor"),
        ("任职要求：中专以上学历", "secondary"),
        ("任职要求：学历不限", ""),
        ("Requirements: Bachelor's or Master's degree in CS", "bachelor"),
        ("Requirements: PhD in Machine Learning", "doctor"),
        ("Requirements: High school diploma or GED", "secondary"),
        ("Requirements: MS Office skills", ""),
        ("Requirements: MS Project and MS Excel", ""),
        ("We need a Senior BA to join the team", ""),
        ("Requirements: BS in Computer Science", "bachelor"),
        ("Requirements: B.E. / B.Tech or diploma in civil engineering", "associate"),
        ("Requirements: MCA or M.Tech", "master"),
    ],
)
def test_education(text, level):
    assert suggest_from_jd(text).education == level
    assert level in EducationLevel.values or level == ""


@pytest.mark.parametrize(
    "text, salary",
    [
        (
            "Java工程师\n薪资：10-15K",
            {"min": 10000.0, "max": 15000.0, "currency": "CNY", "period": "month", "months": None},
        ),
        (
            "岗位：PHP开发 20-35K·14薪\n任职要求：熟悉PHP",
            {"min": 20000.0, "max": 35000.0, "currency": "CNY", "period": "month", "months": 14},
        ),
        (
            "Backend Engineer\nSalary: $120k-$150k",
            {"min": 120000.0, "max": 150000.0, "currency": "USD", "period": "year", "months": None},
        ),
        ("岗位职责：管理100-200万用户的平台", None),
        ("薪资面议", None),
    ],
)
def test_salary(text, salary):
    assert suggest_from_jd(text).salary == salary


# -- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t ", None])
def test_empty_text_is_not_an_error(text):
    s = suggest_from_jd(text)
    assert s.requirements == [] and s.message
    assert s.as_json()["requirements"] == []


def test_garbage_gives_no_requirements_and_a_message():
    for text in ("!!!! #### ???? 1234", "\x00\x01\x02 ☃☃☃", "a" * 5000):
        s = suggest_from_jd(text)
        assert s.requirements == [] and "No skills" in s.message


def test_too_long_text_is_an_error():
    with pytest.raises(JDError) as info:
        suggest_from_jd("熟悉Java。" * (MAX_JD_CHARS // 4))
    assert info.value.field == "text" and info.value.code == "too_long" and "too long" in str(info.value)
    assert suggest_from_jd("熟悉Java" + " " * (MAX_JD_CHARS - 10)).requirements  # at the limit: fine


def test_not_text_is_an_error():
    with pytest.raises(JDError):
        suggest_from_jd(b"bytes")  # type: ignore[arg-type]


def test_seed_matcher_is_built_once_across_threads():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(seed_taxonomy())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(m) for m, _ in seen}) == 1 and len({id(v) for _, v in seen}) == 1


# -- the command ----------------------------------------------------------------------------------------------


def run(*args, stdin: str = "") -> tuple[list[dict], str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("suggest_profile", *args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], err.getvalue(), error


CONTRACT = {"id", "title", "requirements", "min_years", "education", "salary", "language", "message"}


def test_command_jsonl_from_stdin():
    lines = [
        json.dumps({"id": "a", "text": JAVA_JD}, ensure_ascii=False),
        json.dumps({"id": 2, "text": ENGLISH_JD}),
    ]
    rows, err, error = run("--jsonl", stdin="\n".join(lines) + "\n")
    assert error is None and err == ""
    assert [r["id"] for r in rows] == ["a", 2]
    for row in rows:
        assert set(row) == CONTRACT
        for item in row["requirements"]:
            assert set(item) - {"alternatives", "min_count"} == {
                "tag",
                "group",
                "weight",
                "must_have",
                "synonyms",
            }
            assert set(item["tag"]) == {"name", "category"}
    assert rows[0]["title"] == "Java开发工程师" and rows[0]["min_years"] == 3
    assert {
        "tag": {"name": "Java", "category": "skill"},
        "group": "hard_skill",
        "weight": 5,
        "must_have": True,
        "synonyms": rows[0]["requirements"][0]["synonyms"],
    } == rows[0]["requirements"][0]


def test_command_bad_lines_are_reported_and_the_rest_go_on():
    stdin = (
        "\n".join(
            [
                "not json",
                json.dumps({"id": 1}),
                json.dumps({"id": 2, "text": 5}),
                json.dumps([1, 2]),
                json.dumps({"id": 3, "text": ""}),
                json.dumps({"id": 4, "text": "x" * (MAX_JD_CHARS + 1)}),
                json.dumps(
                    {"id": 5, "text": "任职要求：精通Python", "title": "Python工程师"}, ensure_ascii=False
                ),
            ]
        )
        + "\n"
    )
    rows, err, error = run("--jsonl", stdin=stdin)
    assert isinstance(error, CommandError) and error.returncode == 1
    assert [r["id"] for r in rows] == [None, 1, 2, None, 3, 4, 5]
    for row in rows[:4] + rows[5:6]:
        assert set(row) == {"id", "error"}
    assert "not valid JSON" in rows[0]["error"] and "missing 'text'" in rows[1]["error"]
    assert "too long" in rows[5]["error"]
    assert rows[4]["requirements"] == [] and rows[4]["message"]
    assert rows[6]["title"] == "Python工程师" and rows[6]["requirements"][0]["tag"]["name"] == "Python"
    assert err.count("\n") >= 5 and "line 1" in err


def test_command_file_arguments(tmp_path):
    jsonl = tmp_path / "jds.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": JAVA_JD}, ensure_ascii=False) + "\n", encoding="utf-8")
    rows, _, error = run("--jsonl", str(jsonl))
    assert error is None and rows[0]["id"] == "j1" and set(rows[0]) == CONTRACT
    jd = tmp_path / "jd.txt"
    jd.write_text(ENGLISH_JD, encoding="utf-8")
    rows, _, error = run(str(jd), str(tmp_path / "missing.txt"))
    assert rows[0]["id"] == str(jd) and rows[0]["title"] == "Senior Data Engineer"
    assert set(rows[1]) == {"id", "error"} and "cannot read" in rows[1]["error"]
    assert isinstance(error, CommandError) and error.returncode == 1


def test_command_raw_text_from_stdin():
    rows, _, error = run("-", stdin=JAVA_JD)
    assert error is None and rows[0]["id"] == "-" and rows[0]["title"] == "Java开发工程师"


@pytest.mark.django_db
def test_command_with_a_tenant_uses_its_taxonomy(tenant_a):
    from candidates.models import Tag
    from candidates.services.taxonomy import tag_update, taxonomy_seed
    from talentpool.tenancy.context import tenant_context

    taxonomy_seed(tenant_a)
    with tenant_context(tenant_a):
        java = Tag.objects.get(key="skill.java")
    tag_update(tenant_a, tag=java, synonyms=[*java.synonyms, "爪哇编程"], name_zh="Java语言")
    stdin = json.dumps({"id": 1, "text": "任职要求：精通爪哇编程"}, ensure_ascii=False) + "\n"
    rows, _, error = run("--jsonl", "--tenant", tenant_a.slug, stdin=stdin)
    assert error is None
    assert rows[0]["requirements"][0]["tag"] == {"name": "Java语言", "category": "skill"}
    assert (
        "爪哇编程" in rows[0]["requirements"][0]["synonyms"]
        or len(rows[0]["requirements"][0]["synonyms"]) == 10
    )
    rows, _, error = run("--jsonl", "--tenant", "no-such-tenant", stdin=stdin)
    assert isinstance(error, CommandError)


# -- the Boss直聘 postings (read at run time, never copied here) ----------------------------------------------


@pytest.mark.skipif(not BOSS.exists(), reason="shared/data/cn-jd-bosszhipin-2019 is not here")
def test_bosszhipin_language_and_years():
    from bench.quality_suggest import language_hit, postings, reference_years

    rows = postings()
    hits = stated = right = 0
    for row in rows:
        text = f"{row['position'].strip()}\n{row['description'].strip()}"
        s = suggest_from_jd(text)
        hits += language_hit(
            row["sheet"], {r.name for r in s.requirements} | {r.name_en for r in s.requirements}
        )
        reference = reference_years(text)
        if reference is not None:
            stated += 1
            right += s.min_years == reference
    assert hits / len(rows) >= 0.95
    assert right / stated >= 0.95


# --- must-haves: few, hard and specific ----------------------------------------------------------------------


def _must_haves(suggestion: Suggestion) -> list[str]:
    return [r.key for r in suggestion.requirements if r.must_have]


def test_broad_skills_and_the_jds_own_language_are_not_must_haves():
    jd = """Sales Executive
Requirements:
- Strong negotiation and people management skills.
- Strong object-oriented programming.
- Strong written English.
- Must have solid experience with Selenium WebDriver.
"""
    suggestion = suggest_from_jd(jd)
    keys = {r.key for r in suggestion.requirements}
    assert {
        "skill.negotiation",
        "skill.team-management",
        "skill.object-oriented-programming",
        "language.english",
    } <= keys  # still requirements, weighted
    assert not {
        "skill.negotiation",
        "skill.team-management",
        "skill.object-oriented-programming",
        "language.english",
    } & set(_must_haves(suggestion))
    assert _must_haves(suggestion) == ["skill.automated-testing"]  # Selenium: a tool under a broader skill


def test_another_language_than_the_jds_can_be_a_must_have():
    suggestion = suggest_from_jd("Support engineer\nRequirements:\n- Must speak fluent Mandarin Chinese.\n")
    assert "language.mandarin-chinese" in _must_haves(suggestion)
    zh = suggest_from_jd("外贸业务员\n任职要求：\n1. 必须英语流利，能与海外客户沟通；\n")
    assert "language.english" in _must_haves(zh)


def test_at_most_three_must_haves_the_titles_first():
    jd = """Big Data Engineer (Hadoop)
Requirements:
- Strong experience with HDFS, MapReduce, Hive and Spark.
- Strong SQL and strong Kafka.
"""
    suggestion = suggest_from_jd(jd)
    musts = _must_haves(suggestion)
    assert len(musts) == 3
    assert musts[:1] == ["skill.hadoop"] or "skill.hadoop" in musts  # the title's skill is kept
    strong = {"skill.hive", "skill.spark", "skill.sql", "skill.kafka", "skill.mapreduce"}
    assert strong & {r.key for r in suggestion.requirements if not r.must_have}  # the rest stay, not must


# --- education wording -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("- Good with MS Excel, MS Project and Visio.", ""),
        ("- Degree in computer science, IT or a related field.", "bachelor"),
        ("- Degree in engineering, computer science or MCA.", "bachelor"),
        ("- Graduate in any discipline; an MBA in marketing is an advantage.", "bachelor"),
        ("- MBA or PGDM in human resources, or a graduate degree with HR experience.", "bachelor"),
        ("- MBA or PGDM in human resources.", "master"),
        ("- Master's degree in statistics.", "master"),
        ("- B.E. / B.Tech or diploma in civil engineering.", "associate"),
        ("- Postgraduate degree in economics.", "master"),
    ],
)
def test_education_wording(line, level):
    suggestion = suggest_from_jd(f"Analyst\nRequirements:\n{line}\n")
    assert suggestion.education == level


# --- the employer's description ------------------------------------------------------------------------------


def test_an_industry_named_only_in_the_employers_description_is_context_not_a_requirement():
    jd = """Data Analyst

Our analytics team helps an e-commerce company decide what to stock.

## Requirements

- Strong SQL.
- 2+ years of reporting with Tableau.
"""
    industry = by_key(suggest_from_jd(jd))["industry.e-commerce"]
    assert (industry.weight, industry.must_have) == (2, False)
    asked = jd.replace("- Strong SQL.", "- Strong SQL.\n- Experience in e-commerce.")
    assert by_key(suggest_from_jd(asked))["industry.e-commerce"].weight >= 3


def test_jd_words_in_another_sense_are_not_requirements():
    """The suggestion reads a JD with the resume tagger's word-sense checks: "machining, welding and assembly"
    is manufacturing, "from scratch" and "react quickly" are phrases; the same words as skills still count."""
    jd = (
        "Production Engineer\n\nResponsibilities\n"
        "- Support production on the shop floor: machining, fabrication, welding and assembly.\n"
        "- Build our quality system from scratch and react quickly to customer complaints.\n\n"
        "Requirements\n- Knowledge of CNC machining and welding.\n"
    )
    keys = set(by_key(suggest_from_jd(jd)))
    assert {"skill.welding", "skill.cnc-machining"} <= keys
    assert not keys & {"skill.assembly-language", "skill.scratch", "skill.react"}
    firmware = (
        "Firmware Engineer\n\nRequirements\n- Experience with C and Assembly on ARM microcontrollers.\n"
    )
    assert "skill.assembly-language" in by_key(suggest_from_jd(firmware))


def test_an_arts_jd_asks_for_performing_arts_not_hr_training_or_a_materials_major():
    """ "Training in a classical dance" is the candidate's background, not the HR skill of giving training, and
    "materials budget" is a budget line, not a field of study; music and dance are skills of their own."""
    jd = (
        "Art Teacher and Arts Programme Coordinator\n\n"
        "A school with an active cultural calendar: visual arts classes, music and dance events.\n\n"
        "## Responsibilities\n- Manage the art room, materials budget and supplies.\n\n"
        "## Requirements\n- A degree in drawing and painting or visual arts.\n\n"
        "## Nice to have\n- Training in a classical dance or music form.\n"
    )
    keys = set(by_key(suggest_from_jd(jd)))
    assert {"skill.drawing-and-painting", "skill.music", "skill.dance", "skill.arts-management"} <= keys
    assert not keys & {"skill.training-and-development", "education.materials"}
    hr = "HR Executive\n\nRequirements\n- Conduct training programmes and induction for new joiners.\n"
    assert "skill.training-and-development" in by_key(suggest_from_jd(hr))
    science = "Research Engineer\n\nRequirements\n- A master's degree in materials or chemistry.\n"
    assert "education.materials" in by_key(suggest_from_jd(science))


def test_evidence_shows_the_words_a_requirement_came_from_even_late_in_a_long_clause():
    jd = (
        "# Art Teacher\n\n"
        "A growing K-12 school with an active cultural calendar is looking for an art teacher who will also "
        "coordinate our arts programme and its exhibitions, music and dance events.\n"
    )
    found = by_key(suggest_from_jd(jd))
    assert found["skill.music"].evidence_text.startswith("… ")
    assert "music" in found["skill.music"].evidence_text[:60]
    assert found["title.art-teacher"].evidence_text == "Art Teacher", "a pasted Markdown heading's # goes"
