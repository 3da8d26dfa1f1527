"""Suggest a role profile from a job description (JD), Chinese or English: pure functions, no database.

``suggest_from_jd(text, matcher=None, title="")`` returns a ``Suggestion``: the title, up to
``MAX_REQUIREMENTS`` weighted requirements (taxonomy tags), the minimum years of experience, the minimum
education level and the salary. The taxonomy matcher is the one the resume parser uses (the repository seed
by default, a tenant's with ``matcher=tenant_matcher()``), so a suggested requirement is a tag candidates
can carry.

How a JD is read
----------------
1. **Title**: the ``title`` argument; else a first line that looks like a title (short, no sentence
   punctuation, not a section heading; or a ``职位名称：``/``Job title:`` label); else the words before the
   first heading on the first line (``Java工程师岗位职责：…`` → ``Java工程师``) when they name a role.
2. **Sections**: cue headings split the JD. Chinese cues are found at a line start or in the middle of a line
   when a colon, ``】`` or a list number follows (``…维护文档岗位要求：1、…``): 岗位职责/工作职责/工作内容 →
   responsibilities; 任职要求/任职资格/岗位要求/职位要求/任职条件/技能要求… → requirements; 加分项/优先条件/
   优先考虑 → nice to have; 职位描述/岗位描述 → a general description; 职位诱惑/福利待遇/公司介绍/工作地点… →
   skipped. English cues are headings on their own line (optionally with a colon and text after it):
   Responsibilities/What you'll do → responsibilities; Requirements/Qualifications/Must have/What we're
   looking for/About you → requirements; Nice to have/Preferred/Bonus/Plus → nice to have; Benefits/About
   us/How to apply → skipped.
3. **Clauses**: each section is cut at line ends, list numbers (``1、`` ``2.`` ``(3)`` ``①`` ``-`` ``•``, and
   numbers glued to text: ``…优先3熟练掌握``), sentence ends, Chinese commas, English commas before a qualifier
   or a nice-to-have phrase, and after a nice-to-have phrase, so JDs on one line with inline numbered lists
   work. A clause with a nice-to-have cue (优先/加分/为佳/更佳/is a plus/preferred/bonus/optional…) is nice to
   have wherever it stands (``有金融项目经验者优先``); in a long unpunctuated Chinese clause only the phrase
   before the cue is. In a responsibilities or general section a clause phrased as a requirement
   (熟悉/精通/掌握/具备/…经验/学历/familiar/proficient/experience/degree…) counts as a requirement; JDs
   without any heading are read that way clause by clause. Requirement phrasing under a skipped heading is a
   requirement too; recruiting boilerplate (简历请发送至…, authorized to work…) is skipped anywhere.
4. **Terms**: the taxonomy matcher runs once over the JD (URLs, e-mail addresses, heading words and
   boilerplate such as 招聘要求 blanked first); each occurrence takes the kind of its clause.

Weighting (1..5)
----------------
- requirement clause: 4; with a strong word (精通/熟练/必须/扎实/深入/丰富/N年以上…经验/required/must/
  strong/expert/proficient/solid/extensive/N+ years) 5 and **must-have**, unless the clause offers
  alternatives (或/至少一种/之一/任一/one of/any of/or), which keeps it at 4; with a weak word
  (了解/接触过/basic/familiarity/exposure) 3;
- responsibility (or plain description) clause: 3;
- nice-to-have clause: 2, never must-have (a term that also appears elsewhere takes its best placement);
- title: a skill, certificate or language in the title is 5 and must-have; the role itself (a title tag) 4;
  skills inside a title tag (``Java工程师`` → Java) count as skills in the title; a role's core skills that
  the JD may not spell out (iOS developer → Swift, Objective-C; front-end developer → JavaScript, HTML,
  CSS; ``ROLE_CORE_SKILLS``) are added at 3, evidence = the title; without the role in the title, a role
  skill found in two or more clauses implies them too;
- a term in two or more distinct clauses (not nice-to-have) gets +1 (at most 5);
- qualities and fields of study are capped at 3 and never must-have; title tags are never must-have, and
  outside the title count only in a requirement clause about experience ("有产品经理经验");
- a must-have is a hard, specific term (``_can_be_must_have``): a certificate; a skill the title names or the
  taxonomy places under a broader skill (not negotiation, team management, object-oriented programming); a
  language other than the JD's own. At most ``MAX_MUST_HAVES`` (3): the title's first, then in text order;
  the others keep their weight;
- compound terms of sibling terms (``C/C++``, ``HTML & CSS``) are split into their parts;
- the list is deduplicated by tag key, ordered by weight, must-have first, then terms whose children are
  in the JD too (Java with Spring and MyBatis), then first occurrence; the title's terms and the role's core
  skills are always kept and the rest fill the list up to ``MAX_REQUIREMENTS`` (15).

Group: skills, certificates and languages → ``hard_skill``; experience, industry, title and
field-of-study tags → ``experience``; qualities → ``quality``; a skill tag named like a soft skill
(沟通/协作/责任心/leadership/communication…) → ``quality``. Locations and degree levels are not
requirements (the degree is ``education``).

Minimum years: the first statement in requirement clauses, else in the title and other clauses, else in
nice-to-have ones: ``3年以上``, ``三年以上``, ``1-3年`` (→ 1), ``两年及以上…经验``, ``3年左右``, ``半年以上``,
``工作年限：5年``, ``工作两年以上``, ``2.3年以上`` glued to its list number (→ 3), ``at least 5 years``,
``5+ years``, ``3-5 years of experience``, ``minimum of two years``. ``N年以下``/``N年以内``/经验不限/应届/
``0-1年`` state no minimum; internship and contract durations are not experience.
Education: the lowest level named in the first clause that names one (``本科及以上`` → bachelor, ``大专`` →
associate, ``硕士`` → master, ``Bachelor's or Master's`` → bachelor; a degree without its level, ``Degree in
computer science`` / ``Graduate in any discipline`` / ``graduate degree``, → bachelor); nice-to-have clauses
are ignored.
Salary: ``candidates.parsing.fields.extract_salary`` (CNY by default for Chinese JDs, no default currency
for English ones), then salary-shaped ranges anywhere (``10-15K``, ``20-35K·14薪``, ``$120k-$150k``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
import weakref
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from candidates.parsing.fields import extract_salary, parse_salary
from candidates.parsing.language import detect_language, is_supported, language_name
from candidates.parsing.tagging import TaxonomyMatcher, compound_pieces, normalise
from candidates.parsing.text import clean_text
from candidates.taxonomy import SeedTerm
from talentpool.errors import ServiceError

MAX_JD_CHARS = 100_000  # a JD is a page or two; more is not a JD (the CLI refuses it as "too long")
MAX_REQUIREMENTS = 15
MAX_MUST_HAVES = 3  # a profile's must-haves are few: each one can empty a list in "exclude" mode
MAX_SYNONYMS = 10
EVIDENCE_CHARS = 300

# Clause kinds.
TITLE, REQ, DUTY, NICE, GENERIC, SKIP, IMPLIED = (
    "title",
    "requirements",
    "responsibilities",
    "nice",
    "other",
    "skip",
    "implied",
)

HARD_SKILL, EXPERIENCE, QUALITY = (
    "hard_skill",
    "experience",
    "quality",
)  # profiles.models.RequirementGroup values

# A role's core skills, added (weight 3) when the role is in the title: the skills nearly every posting of
# the role needs even when the text takes them for granted. Keys are seed keys (tenant taxonomies start from
# the seed); a key the taxonomy lacks is skipped.
ROLE_CORE_SKILLS: dict[str, tuple[str, ...]] = {
    # software
    "title.java-developer": ("skill.java",),
    "title.php-developer": ("skill.php",),
    "title.python-developer": ("skill.python",),
    "title.cpp-developer": ("skill.cpp",),
    "title.csharp-developer": ("skill.csharp", "skill.dotnet"),
    "title.go-developer": ("skill.go",),
    "title.ruby-developer": ("skill.ruby",),
    "title.node-js-developer": ("skill.node-js", "skill.javascript"),
    "title.ios-developer": ("skill.ios-development", "skill.swift", "skill.objective-c"),
    "skill.ios-development": ("skill.swift", "skill.objective-c"),
    "title.android-developer": ("skill.android-development", "skill.java", "skill.kotlin"),
    "skill.android-development": ("skill.java", "skill.kotlin"),
    "title.front-end-developer": (
        "skill.front-end-development",
        "skill.javascript",
        "skill.html",
        "skill.css",
    ),
    "skill.front-end-development": ("skill.javascript", "skill.html", "skill.css"),
    "skill.web-development": ("skill.html", "skill.css", "skill.javascript"),
    "title.mini-program-developer": ("skill.mini-program-development", "skill.javascript"),
    "skill.mini-program-development": ("skill.javascript",),
    "title.full-stack-developer": ("skill.full-stack-development", "skill.javascript"),
    "title.back-end-developer": ("skill.back-end-development", "skill.databases"),
    "title.game-developer": ("skill.game-development",),
    "title.embedded-software-engineer": ("skill.embedded-development", "skill.c"),
    "title.qa-engineer": ("skill.software-testing",),
    "title.devops-engineer": ("skill.devops", "skill.linux"),
    "title.operations-engineer": ("skill.operations-and-maintenance", "skill.linux"),
    "title.database-administrator": ("skill.databases", "skill.sql"),
    "title.network-engineer": ("skill.network-engineering",),
    "title.security-engineer": ("skill.information-security",),
    "title.data-analyst": ("skill.data-analysis", "skill.sql", "skill.microsoft-excel"),
    "title.data-engineer": ("skill.big-data", "skill.sql"),
    "title.data-scientist": ("skill.machine-learning", "skill.python"),
    "title.algorithm-engineer": ("skill.machine-learning",),
    "title.computer-vision-engineer": ("skill.computer-vision",),
    "title.nlp-engineer": ("skill.natural-language-processing",),
    "title.fpga-engineer": ("skill.fpga", "skill.verilog"),
    # design, product, marketing
    "title.ui-designer": ("skill.ui-design",),
    "title.graphic-designer": ("skill.graphic-design", "skill.adobe-photoshop"),
    "title.product-manager": ("skill.product-management",),
    "title.project-manager": ("skill.project-management",),
    "title.marketing-specialist": ("skill.marketing",),
    "title.marketing-manager": ("skill.marketing",),
    "title.new-media-specialist": ("skill.new-media-operations",),
    "title.e-commerce-operations-specialist": ("skill.e-commerce-operations",),
    "title.video-editor": ("skill.video-editing",),
    # business
    "title.sales-representative": ("skill.sales",),
    "title.sales-manager": ("skill.sales",),
    "title.telesales-representative": ("skill.sales",),
    "title.key-account-manager": ("skill.b2b-sales",),
    "title.business-development-manager": ("skill.business-development",),
    "title.customer-service-representative": ("skill.customer-service",),
    "title.accountant": ("skill.accounting",),
    "title.auditor": ("skill.auditing",),
    "title.tax-specialist": ("skill.taxation",),
    "title.hr-specialist": ("skill.human-resources",),
    "title.hr-manager": ("skill.human-resources",),
    "title.recruiter": ("skill.recruitment",),
    "title.buyer": ("skill.procurement",),
    "title.purchasing-manager": ("skill.procurement",),
    "title.logistics-manager": ("skill.logistics-management",),
    "title.supply-chain-manager": ("skill.supply-chain-management",),
    "title.translator": ("skill.translation",),
    "title.legal-specialist": ("skill.legal-affairs",),
    # manufacturing, engineering, trades
    "title.workshop-director": ("skill.production-management", "skill.lean-production"),
    "title.production-manager": ("skill.production-management",),
    "title.plant-manager": ("skill.production-management",),
    "title.industrial-engineer": ("skill.lean-production",),
    "title.quality-engineer": ("skill.quality-management",),
    "title.quality-manager": ("skill.quality-management",),
    "title.mechanical-engineer": ("skill.mechanical-design", "skill.autocad"),
    "title.electrical-engineer": ("skill.electrical-design",),
    "title.hardware-engineer": ("skill.pcb-design",),
    "title.cnc-operator": ("skill.cnc-machining",),
    "title.welder": ("skill.welding",),
    "title.electrician": ("certificate.electrician-licence",),
    "title.construction-manager": ("skill.construction-management",),
    "title.cost-engineer": ("skill.cost-estimation",),
    "title.driver": ("skill.driving", "certificate.driving-licence"),
    # care, education
    "title.nurse": ("skill.nursing", "certificate.nurse-licence"),
    "title.doctor": ("certificate.physician-licence",),
    "title.pharmacist": ("certificate.licensed-pharmacist",),
    "title.teacher": ("skill.teaching",),
    "title.pre-school-teacher": ("skill.teaching", "certificate.teacher-qualification"),
}

# Degree levels are the ``education`` field, not requirements.
DEGREE_LEVEL_KEYS = frozenset(
    {
        "education.associate-degree",
        "education.bachelor-s-degree",
        "education.master-s-degree",
        "education.doctorate",
        "education.high-school",
        "education.postdoctoral-research",
    }
)


class JDError(ServiceError):
    """A job description that cannot be read (too long, not text). An empty one is not an error."""


@dataclass
class SuggestedRequirement:
    key: str  # the tag key, e.g. "skill.python"
    name: str  # display name in the JD's language
    name_en: str
    name_zh: str
    category: str
    group: str  # profiles.models.RequirementGroup value
    weight: int  # 1..5
    must_have: bool
    synonyms: list[str] = field(default_factory=list)
    evidence_text: str = ""  # the JD words it came from (≤ 300 characters)
    # An any-of / k-of-n group ("CCNA/CCNP", "至少两门 MySQL/ES/Redis/MongoDB"): the other options, each
    # {"key", "name", "name_en", "name_zh", "category"}, and how many of all the options are asked for.
    alternatives: list[dict] = field(default_factory=list)
    min_count: int = 1

    def as_json(self) -> dict:
        value = {
            "tag": {"name": self.name, "category": self.category},
            "group": self.group,
            "weight": self.weight,
            "must_have": self.must_have,
            "synonyms": list(self.synonyms),
        }
        if self.alternatives:
            value["alternatives"] = [
                {"name": a["name"], "category": a["category"]} for a in self.alternatives
            ]
            value["min_count"] = self.min_count
        return value


@dataclass
class Suggestion:
    title: str = ""
    requirements: list[SuggestedRequirement] = field(default_factory=list)
    min_years: float | None = None
    education: str = ""  # "" or a candidates.models.EducationLevel value
    salary: dict | None = None  # {"min", "max", "currency", "period", "months"}
    language: str = "en"
    message: str = ""  # why there are no requirements, when there are none

    def as_json(self) -> dict:
        """The ``suggest_profile`` CLI contract (without the input's id)."""
        return {
            "title": self.title,
            "requirements": [r.as_json() for r in self.requirements],
            "min_years": self.min_years,
            "education": self.education,
            "salary": dict(self.salary) if self.salary else None,
            "language": self.language,
            "message": self.message,
        }


# -- the taxonomy --------------------------------------------------------------------------------------------

# A term of the vocabulary: the seed's own record type, for the seed and for a tenant's tags alike.
_Entry = SeedTerm


_seed_lock = threading.Lock()
_seed_state: dict[str, object] = {}
_index_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_index_lock = threading.Lock()


def seed_taxonomy() -> tuple[TaxonomyMatcher, dict[str, _Entry]]:
    """The seed matcher (the resume parser's) and the seed terms by key: built once per process, thread-safe."""
    state = _seed_state
    if "matcher" not in state:
        with _seed_lock:
            if "matcher" not in state:
                from candidates.parsing.tagging import seed_matcher
                from candidates.taxonomy import load_seed

                vocabulary = {
                    t.key: _Entry(
                        t.key, t.category, t.name_en or "", t.name_zh or "", tuple(t.synonyms), t.parent
                    )
                    for t in load_seed()
                }
                state["vocabulary"] = vocabulary
                state["matcher"] = seed_matcher()
    return state["matcher"], state["vocabulary"]  # type: ignore[return-value]


def vocabulary_from_tags(tags) -> dict[str, _Entry]:
    """Tag-like objects (key, category, name_en, name_zh, synonyms) as the ``vocabulary`` argument."""
    _, seed = seed_taxonomy()
    out = {}
    for tag in tags:
        parent = seed[tag.key].parent if tag.key in seed else None
        out[tag.key] = _Entry(
            tag.key, tag.category, tag.name_en or "", tag.name_zh or "", tuple(tag.synonyms or ()), parent
        )
    return out


class _Index:
    """Per-matcher lookups: term index → entry, key → term index, lowered English name → key."""

    def __init__(self, matcher: TaxonomyMatcher, vocabulary: Mapping[str, _Entry]):
        self.entries: list[_Entry] = []
        self.by_key: dict[str, int] = {}
        self.by_name: dict[str, str] = {}
        for i, term in enumerate(matcher.terms):
            entry = vocabulary.get(term.key)
            if entry is None:
                latin = term.name.isascii()
                entry = _Entry(
                    term.key, term.category, term.name if latin else "", "" if latin else term.name
                )
            self.entries.append(entry)
            self.by_key.setdefault(term.key, i)
            for name in (entry.name_en, entry.name_zh):
                if name:
                    self.by_name.setdefault(name.strip().lower(), term.key)
        self.parts: dict[int, tuple[int, ...]] = {}
        for i, entry in enumerate(self.entries):
            parts = _compound_parts(entry, self)
            if parts:
                self.parts[i] = parts


def _index(matcher: TaxonomyMatcher, vocabulary: Mapping[str, _Entry] | None) -> _Index:
    """Built once per (matcher, vocabulary) pair: the last pair is kept per matcher."""
    if vocabulary is None:
        vocabulary = seed_taxonomy()[1]
    with _index_lock:
        cached = _index_cache.get(matcher)
        if cached is None or cached[0] is not vocabulary:
            cached = (vocabulary, _Index(matcher, vocabulary))
            _index_cache[matcher] = cached
    return cached[1]


def _compound_parts(entry: _Entry, index: _Index) -> tuple[int, ...]:
    """``C/C++`` → (C, C++), ``HTML & CSS`` → (HTML, CSS): a skill named as two or more sibling terms."""
    if entry.category != "skill" or not entry.name_en:
        return ()
    pieces = compound_pieces(entry.name_en)
    if not pieces:
        return ()
    parts = []
    for piece in pieces:
        key = index.by_name.get(piece)
        if key is None or key == entry.key:
            return ()
        part = index.by_key[key]
        if index.entries[part].parent != entry.parent or index.entries[part].category != "skill":
            return ()
        parts.append(part)
    return tuple(parts)


# -- text helpers ----------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_ADDRESS = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# JD boilerplate that contains a taxonomy form without meaning it ("招聘要求" is no recruitment skill).
_BOILERPLATE = re.compile(
    r"(?:诚聘|急聘|热招|高薪诚聘|招聘(?=\s*(?:要求|条件|职位|岗位|人数|对象|信息|[:：])))"
)


_SPACE_RUNS = re.compile(r"[ \t\u3000\u00a0]{3,}")
_GLUED_LIST = re.compile(r"(?<=[A-Za-z+#])\d{1,2}、")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


# -- section cues ----------------------------------------------------------------------------------------------

_CN_CUES: tuple[tuple[str, str], ...] = (
    (
        REQ,
        "任职资格及要求|岗位任职要求|任职要求|任职资格|任职条件|任职需求|任职标准|岗位要求|岗位资格|岗位条件|职位要求|"
        "职位资格|职位需求|应聘要求|应聘条件|招聘要求|招聘条件|技能要求|技术要求|工作要求|基本要求|能力要求|资格要求|"
        "人员要求|硬性要求|我们的要求|我们希望你|希望你|你需要具备|你需要|你应该具备|你需具备|职位要求及资格|"
        "职责要求|专业技能要求|专业技能|技能与经验|任职技能",
    ),
    (
        DUTY,
        "岗位职责|工作职责|职位职责|职责描述|工作内容|工作描述|职位内容|岗位内容|主要职责|主要工作|具体职责|"
        "你的职责|你将负责|你要做的|你的工作|你将要做|职责范围|工作范围",
    ),
    (GENERIC, "职位描述|岗位描述|职务描述|职位详情|岗位说明|职位信息|岗位信息|项目介绍|项目背景"),
    (NICE, "加分项|加分条件|优先条件|优先考虑|以下优先|加分因素"),
    (
        SKIP,
        "职位诱惑|职位福利|职位亮点|福利待遇|薪资福利|薪酬福利|员工福利|公司福利|福利|我们提供|公司介绍|公司简介|"
        "关于我们|团队介绍|公司地址|工作地点|上班地点|工作地址|工作时间|上班时间|联系方式|联系人|薪资待遇|待遇",
    ),
)
# Cue words too common to be a heading unless they start a line (or follow a sentence end) and a colon follows.
_CN_BARE = ("要求", "职责", "优先", "加分")
_CN_KIND = {}
for _kind, _words in _CN_CUES:
    for _word in _words.split("|"):
        _CN_KIND[_word] = _kind
_CN_KIND.update({"要求": REQ, "职责": DUTY, "优先": NICE, "加分": NICE})
_CN_ALL = "|".join(sorted(_CN_KIND, key=len, reverse=True))
_LIST_START = r"(?:\d{1,2}\s*[、.．:：)）](?!\d)|[（(]\s*\d{1,2}\s*[）)]|[①-⑳]|[一二三四五六七八九十]\s*[、.．]|[-•·*▪■●◆])"
_DECOR = r"[ \t#*•·▪■●◆>\-–—=_|【\[（(<《]*"
# A Chinese cue: at a line start or after a sentence end / closing bracket, or followed by a colon, a closing
# bracket, a line end or a list number.
_CN_CUE = re.compile(
    rf"(?P<pre>^{_DECOR}(?:[一二三四五六七八九十]\s*[、.．]\s*|\d\s*[、.．]\s*)?|[。；;！!？?）)】\]]\s*{_DECOR})?"
    rf"(?P<cue>{_CN_ALL})"
    rf"(?P<post>\s*[）)】\]》>]*\s*(?:[:：]|\s*$|\s*(?={_LIST_START}))|\s*[】\]])",
    re.MULTILINE,
)

_EN_CUES: tuple[tuple[str, str], ...] = (
    (
        NICE,
        r"nice[- ]to[- ]haves?|(?:preferred|desired|desirable|bonus)(?: skills| qualifications| "
        r"experience| requirements)?|bonus points|pluses|plus|good to have|extra credit|it'?s a plus|"
        r"(?:what )?would be (?:a plus|great|nice)|nice to haves?",
    ),
    (
        REQ,
        r"(?:job |minimum |basic |required |key |technical |essential |professional )?(?:requirements?|"
        r"qualifications?|skills|criteria)(?: (?:and|&) (?:experience|qualifications|skills|requirements))?|"
        r"skills required|must[- ]haves?|what we(?:'re| are) looking for|who we(?:'re| are) looking for|"
        r"what you(?:'ll| will)? need|what you(?:'ll| will)? bring|what you bring|who you are|about you|"
        r"you have|you should have|you will have|you(?:'ll| will)? need|your profile|your skills|"
        r"(?:the )?ideal candidate|experience|we expect|we(?:'d| would) love|you are|you bring|"
        r"requirements (?:and|&) qualifications|skills (?:and|&) experience",
    ),
    (
        DUTY,
        r"(?:key |main |job |your |primary |core )?(?:responsibilities|duties)|what you(?:'ll| will) do|"
        r"what you(?:'ll| will) be doing|your role|the role|role|about the role|your mission|your tasks|"
        r"in this role(?:,? you will)?|day[- ]to[- ]day|what the job involves|the job|tasks|mission",
    ),
    (
        GENERIC,
        r"job description|description|overview|summary|position summary|job summary|about the job|"
        r"about the position|position",
    ),
    (
        SKIP,
        r"benefits|perks(?: (?:and|&) benefits)?|what we offer|we offer|about us|about the company|"
        r"about the team|who we are|our company|company|location|how to apply|compensation(?: (?:and|&) "
        r"benefits)?|salary|equal opportunity(?: employer)?|eeo|why join us|why us|our offer",
    ),
)
_EN_HEADING = re.compile(
    rf"^{_DECOR}(?:\d{{1,2}}[.)]\s*)?(?:{'|'.join(f'(?P<{k}>{v})' for k, v in _EN_CUES)})"
    r"[ \t*_)\]】]*(?P<colon>[:：]|$)",
    re.MULTILINE,
)

# -- clause cues ------------------------------------------------------------------------------------------------

_LIST_VERBS = (
    "熟精掌具有负参了能本大良对计学拥善完协根做编独主积工扎在理深愿较富热责乐认英优至懂会要必思逻沟团抗身全统"
)
_CLAUSE_SPLIT = re.compile(
    rf"\n|[。；;！!？?]|(?=[（(][^（）()\n]{{0,40}}(?:优先|加分|为佳|更佳)[^（）()\n]{{0,20}}[）)])|，|,(?=\s*[\u3400-\u9fff])|(?<=[A-Za-z0-9)])\.\s+(?=[A-Za-z(])|"
    rf"(?=\b(?:Optional|Preferred|Nice to have|Bonus|Desired|Desirable)\b)|"
    # after a nice-to-have phrase ("…者优先熟练掌握…"), before a list number glued to the text ("…优先3熟练掌握")
    rf"(?<=优先考虑)|(?<=优先)(?!考虑|级|顺序|处理|排序|保障)|(?<=加分)(?!项)|(?<=[为更最者尤]佳)|"
    rf"(?<=[\u3400-\u9fff])(?=\d{{1,2}}[{_LIST_VERBS}])|(?<=[A-Za-z+#])\d{{1,2}}、|"
    # English: a comma before a nice-to-have phrase or a new qualifier ("…experience, CPA preferred, proficient in…")
    rf",(?=\s*[^,.;\n]{{1,40}}?\b(?:preferred|a plus|desirable|nice to have|an advantage)\b)|"
    rf"(?:(?<=preferred)|(?<=desirable)|(?<=a plus))\s*,|"
    rf",(?=\s*(?:and\s+)?(?:proficient|proficiency|experienced?|knowledge|strong|excellent|familiar|familiarity|"
    rf"ability|able|must|minimum|at least|fluent|certified|solid|hands-on|working knowledge|understanding|"
    rf"expertise|degree|bachelor|master)\b)|"
    rf"(?<![\d.A-Za-z])(?:\d{{1,2}}\s*[、.．)）](?!\d)|[（(]\s*\d{{1,2}}\s*[）)]|[①-⑳]|"
    rf"[一二三四五六七八九十]\s*、)|(?:^|(?<=\s))[-•·*▪■●◆](?=\s)|[•·▪■●◆]"
)
_NICE_CUE = re.compile(
    r"优先(?!级|顺序|处理|排序|保障)|加分|为佳|更佳|最佳(?!实践)|者佳|尤佳|更好|佳[。；;]?$|"
    r"\bplus\b|\bpreferred\b|\bnice[- ]to[- ]have\b|\bbonus\b|\bdesirable\b|\badvantage(?:ous)?\b|\bideally\b|"
    r"\bgood to have\b|would be great|\boptional\b|\bnot required\b"
)
_REQ_CUE = re.compile(
    r"熟悉|精通|掌握|熟练|了解|具备|具有|拥有|经验|经历|学历|以上|专业|能力|要求|善于|擅长|懂|会使用|能够|能熟练|"
    r"能独立|扎实|良好|优秀|较强|证书|资格|功底|基础|背景|"
    r"familiar|proficien|experience|knowledge|understanding|expert|degree|\bskills?\b|ability|able to|"
    r"\bmust\b|required|strong|solid|background|fluent|certif|qualification|years?\b"
)
_STRONG_CUE = re.compile(
    r"精通|熟练|必须|必需|务必|须具备|扎实|深入|深厚|深刻|丰富|硬性|资深|持有|持证|"
    r"(?<!not )\brequired\b|\bmust\b|\bstrong\b|\bexpert|\bproficien|\bsolid\b|\bdeep\b|\bextensive\b|\bmastery\b|"
    r"\badvanced\b|in-depth|\bhands-on\b|\bessential\b"
)
_WEAK_CUE = re.compile(
    r"了解|接触过|知道|初步|懂一些|基本的|一定的|familiarity|exposure|\bbasic\b|some experience|awareness|"
    r"\bfamiliar\b"
)
_ALTERNATIVES = re.compile(
    r"至少(?:熟悉|掌握|精通|会)?(?:一|1)|其中(?:一|之一)|之一|任一|任意一|一种以上|或|\bor\b|\beither\b|"
    r"\bone of\b|\bany of\b|\bat least one\b"
)
_EXPERIENCE_WORD = re.compile(r"经验|经历|背景|履历|\bexperience\b|\bbackground\b")
_SOFT_WORDS = re.compile(
    r"沟通|协作|合作|责任心|责任感|抗压|学习能力|领导力|执行力|亲和力|主动性|积极|吃苦|敬业|细心|耐心|团队精神|"
    r"leadership|communication|teamwork|interpersonal|collaborat|self-motivated|attitude|proactive"
)
_ROLE_WORDS = re.compile(
    r"高级|资深|中级|初级|首席|主任|助理|实习生|实习|工程师|开发|研发|程序员|架构师|讲师|专家|负责人|经理|主管|组长|总监|"
    r"专员|软件|人员|\b(?:engineer|developer|programmer|architect|lead|senior|junior|principal|staff|dev|"
    r"software|specialist|manager|intern)s?\b",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^\s*(?:职位名称|岗位名称|招聘职位|招聘岗位|职位|岗位|job title|position title|title|position|role)\s*[:：]\s*(?P<v>.+)$",
    re.IGNORECASE,
)
_TITLE_DECOR = re.compile(r"^[\s【\[#*=《<]+|[\s】\]#*=》>:：]+$")
_SENTENCE_PUNCT = re.compile(
    r"[。；;！!？?]|，.*，|\s(?:and|the|with|to|of|for|is|are|we|you)\s.*\s(?:the|a|an|to)\s"
)
_ROLE_HINT = re.compile(
    r"工程师|开发|研发|程序员|架构师|经理|主管|总监|专员|助理|顾问|代表|实习生|师|员|主任|组长|负责人|设计|运营|销售|"
    r"客服|会计|出纳|护士|教练|司机|前端|后端|全栈|\b(?:engineer|developer|programmer|architect|manager|"
    r"director|lead|specialist|analyst|designer|consultant|assistant|intern|nurse|officer|representative|"
    r"administrator|technician|scientist|coordinator|head|vp|writer|editor|accountant|teacher|driver)\b",
    re.IGNORECASE,
)


@dataclass
class _Clause:
    start: int
    end: int
    kind: str
    strong: bool = False
    weak: bool = False
    alternatives: bool = False
    experience: bool = False
    intro: bool = False  # before the first heading: the employer's description


# -- the entry point --------------------------------------------------------------------------------------------


def suggest_from_jd(
    text: str,
    *,
    matcher: TaxonomyMatcher | None = None,
    title: str = "",
    vocabulary: Mapping[str, _Entry] | None = None,
) -> Suggestion:
    """Suggest a role profile from a job description. Pure: no database, no network; thread-safe.

    ``matcher`` None → the seed matcher (built once). ``vocabulary`` (key → entry with name_en, name_zh,
    synonyms, parent; see ``vocabulary_from_tags``) gives names and synonyms for a tenant matcher's tags;
    by default the seed's are used, falling back to the matcher's own name. Raises ``JDError`` (field "text")
    for a text longer than ``MAX_JD_CHARS``, that is not a string, or in a language other than English and
    Chinese (code ``unsupported_language``); an empty text gives a suggestion with no
    requirements and a ``message``.
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise JDError("The job description must be text.", field="text", code="invalid")
    if len(text) > MAX_JD_CHARS:
        raise JDError(
            f"The job description is too long: {len(text):,} characters, at most {MAX_JD_CHARS:,}.",
            field="text",
            code="too_long",
        )
    title = clean_text(_SPACE_RUNS.sub("  ", title or "")).replace("\n", " ").strip()[:200]
    text = clean_text(_SPACE_RUNS.sub("  ", text))  # long runs of blanks first: cleaning them is slow
    if not text:
        return Suggestion(title=title, message="The job description is empty.")
    if matcher is None:
        matcher, _ = seed_taxonomy()
    index = _index(matcher, vocabulary)

    # The title: given, or found in the text; the text is prefixed with a given title not already in it.
    title_span: tuple[int, int] | None = None
    if title:
        if not text.startswith(title):
            text = f"{title}\n{text}"
        title_span = (0, len(title))
    low = normalise(text)
    cues = _find_cues(text, low)
    if not title:
        title, title_span = _find_title(text, low, cues, matcher)
    if not title and not cues and "\n" not in text.strip():
        title, title_span = _lone_title(text, matcher)
    language = detect_language(text)
    if not is_supported(language):
        # An Arabic, Russian, Japanese … JD: refused, not read as English (issue 13).
        raise JDError(
            f"The job description is in {language_name(language)}, which is not supported: "
            "only English and Chinese job descriptions are.",
            field="text",
            code="unsupported_language",
        )
    clauses = _clauses(text, low, cues, title_span)
    title_only = bool(title_span) and all(clause.kind == TITLE for clause in clauses)

    scan = _ADDRESS.sub(_blank, text) if ("@" in text or "://" in text or "www." in text) else text
    scan = _BOILERPLATE.sub(_blank, scan)
    scan = _GLUED_LIST.sub(_blank, scan)  # "熟悉Objective-C2、理解…": the list number is not part of the term
    if cues:  # heading words are not terms ("招聘要求", "Skills")
        pieces, last = [], 0
        for start, content, _ in cues:
            pieces.extend((scan[last:start], " " * (content - start)))
            last = content
        pieces.append(scan[last:])
        scan = "".join(pieces)
    occurrences = _in_sense(matcher, scan, matcher.occurrences(scan))

    requirements = _requirements(text, occurrences, clauses, title_span, matcher, index, language)
    if title_only:
        # Nothing but a title: its tags at the usual weight, and no must-have invented from nothing.
        for item in requirements:
            item.weight, item.must_have = DEFAULT_WEIGHT, False
    suggestion = Suggestion(
        title=title,
        requirements=requirements,
        min_years=_min_years(low, clauses),
        education=_education(text, low, clauses),
        salary=_salary(text, language),
        language=language,
    )
    if not requirements:
        suggestion.message = (
            "No skills, qualities or experience from the taxonomy were found in the job description."
        )
    elif title_only:
        suggestion.message = TITLE_ONLY_MESSAGE
    return suggestion


def _in_sense(matcher, text: str, occurrences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The matches whose context supports the tag's sense, as the resume tagger keeps them ("machining,
    welding and assembly" is not Assembly language, "build it from scratch" not Scratch). Titles are left to
    the clause rules below (a JD names roles it works with on purpose)."""
    kept = set(matcher.judge(text, occurrences))
    return [hit for hit in occurrences if hit in kept or matcher.terms[hit[0]].category == "title"]


DEFAULT_WEIGHT = 3
TITLE_ONLY_MESSAGE = (
    "Only a title was given: its tags are suggested at the usual weight, with no must-have. "
    "Paste the whole job description for more."
)


def _lone_title(text: str, matcher) -> tuple[str, tuple[int, int] | None]:
    """A text of one short line that names a role ("Python 后端工程师") is a title, not a requirement line."""
    offset = len(text) - len(text.lstrip())
    candidate = _clean_title(text)
    if (
        not candidate
        or len(candidate) > 50
        or _SENTENCE_PUNCT.search(candidate)
        or re.search(r"[:：]\s*\S", candidate)
    ):
        return "", None
    if _ROLE_HINT.search(candidate) or any(
        matcher.terms[i].category == "title" for i, _, _ in matcher.occurrences(candidate)
    ):
        return candidate, (offset, len(text.rstrip()))
    return "", None


# -- sections and clauses ---------------------------------------------------------------------------------------


def _find_cues(text: str, low: str) -> list[tuple[int, int, str]]:
    """Headings as (start, content start, kind), in text order, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for match in _CN_CUE.finditer(low):
        cue = match.group("cue")
        pre, post = match.group("pre"), match.group("post")
        if cue in _CN_BARE:
            # a bare word: only "要求：" at a line start, after a sentence end or after a role ("软件工程师要求：")
            if ":" not in post and "：" not in post:
                continue
            if pre is None and not _after_role(low, match.start("cue")):
                continue
        if pre is None and not post.strip() and "\n" not in post and not match.group().endswith(("】", "]")):
            # mid-line without a colon: only before a list number ("任职要求1、…")
            if not re.match(rf"\s*{_LIST_START}", low[match.end("cue") : match.end("cue") + 6]):
                continue
        found.append((match.start("cue"), match.end(), _CN_KIND[cue]))
    if re.search(r"[a-z]", low):
        for match in _EN_HEADING.finditer(low):
            line_end = low.find("\n", match.start())
            line_end = len(low) if line_end < 0 else line_end
            if not match.group("colon") and line_end - match.end() > 0:
                continue
            kind = next(k for k, _ in _EN_CUES if match.group(k))
            start = match.start(kind)
            if match.group("colon") == "" and line_end - match.start() > 60:
                continue
            found.append((start, match.end(), kind))
    found.sort()
    out: list[tuple[int, int, str]] = []
    for cue in found:
        if out and cue[0] < out[-1][1]:
            continue
        out.append(cue)
    return out


def _after_role(low: str, position: int) -> bool:
    """Whether the words before ``position`` (since the line start or a sentence end) name a role."""
    window = max(0, position - 40)
    start = max(
        window - 1,
        low.rfind("\n", window, position),
        *(low.rfind(p, window, position) for p in "。；;!?！？"),
    )
    before = low[start + 1 : position].strip()
    return 0 < len(before) <= 30 and bool(_ROLE_TAIL.search(before))


_ROLE_TAIL = re.compile(
    r"(?:工程师|开发|程序员|架构师|经理|主管|总监|专员|助理|顾问|代表|实习生|师|员|主任|组长|负责人|岗位?|职位)$"
)


def _find_title(text: str, low: str, cues, matcher) -> tuple[str, tuple[int, int] | None]:
    first_cue = cues[0][0] if cues else len(text)
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text[offset : min(line_end, offset + 300)]  # a title is short; never clean a huge line
    label = _TITLE_LABEL.match(line) if line_end - offset <= 120 else None
    if label:
        value = _clean_title(label.group("v"))
        if value:
            return value, (offset, line_end)
    candidate = _clean_title(line)
    has_more = bool(text[line_end:].strip())
    if (
        candidate
        and has_more
        and len(candidate) <= 50
        and line_end <= first_cue
        and not _SENTENCE_PUNCT.search(candidate)
        and not re.match(rf"\s*{_LIST_START}", line)
        and not re.search(r"[:：]\s*\S", line)
    ):
        return candidate, (offset, line_end)
    # The words before the first heading on the first line: "Java工程师岗位职责：…"
    if cues and first_cue <= line_end:
        before = _clean_title(text[offset : min(first_cue, offset + 60)]) if first_cue - offset <= 60 else ""
        if (
            before
            and len(before) <= 30
            and not _SENTENCE_PUNCT.search(before)
            and (
                _ROLE_HINT.search(before)
                or any(matcher.terms[i].category == "title" for i, _, _ in matcher.occurrences(before))
            )
        ):
            return before, (offset, first_cue)
    # "Senior Data Engineer. 5+ years of …": a JD on one line whose first sentence names the role.
    sentence = _FIRST_SENTENCE.match(text)
    if sentence and sentence.end(1) <= first_cue:
        before = _clean_title(sentence.group(1))
        if (
            before
            and len(before) <= 50
            and not re.search(r"[:：,，;；]", before)
            and (
                _ROLE_HINT.search(before)
                or any(matcher.terms[i].category == "title" for i, _, _ in matcher.occurrences(before))
            )
        ):
            return before, (sentence.start(1), sentence.end(1))
    return "", None


_FIRST_SENTENCE = re.compile(r"\s*([^.。!?！？\n]{2,60})(?:[.!?](?=\s|$)|[。！？])")


def _clean_title(value: str) -> str:
    value = _TITLE_DECOR.sub("", value.strip())
    return " ".join(value.split())[:200]


def _clauses(text: str, low: str, cues, title_span) -> list[_Clause]:
    """Every clause of the text with its kind, in order (headings and blank stretches are not clauses)."""
    sections: list[tuple[int, int, str]] = []
    position, kind = 0, GENERIC
    if title_span:
        sections.append((title_span[0], title_span[1], TITLE))
        position = title_span[1]
    for start, content, cue_kind in cues:
        if start > position:
            sections.append((position, start, kind))
        position, kind = max(position, content), cue_kind
    sections.append((position, len(text), kind))
    # The text before the first heading of a JD that has headings describes the employer ("A 400-person IT
    # services company is looking for …"): what it names is context, not a requirement of the candidate.
    first_cue = cues[0][0] if cues else None
    clauses: list[_Clause] = []
    for start, end, kind in sections:
        if end <= start:
            continue
        if kind == TITLE:
            clauses.append(_Clause(start, end, TITLE))
            continue
        intro = kind == GENERIC and first_cue is not None and end <= first_cue
        cut = start
        found: list[_Clause] = []
        for match in _CLAUSE_SPLIT.finditer(text, start, end):
            if match.start() > cut:
                found.extend(_classify(low, cut, match.start(), kind))
            cut = match.end()
        if cut < end:
            found.extend(_classify(low, cut, end, kind))
        if intro:
            found = [dataclasses.replace(c, intro=True) for c in found]
        clauses.extend(found)
    return [c for c in clauses if low[c.start : c.end].strip()]


def _classify(low: str, start: int, end: int, section: str) -> list[_Clause]:
    """The clause ``low[start:end]`` with its kind; a long Chinese clause that ends in a nice-to-have cue
    without punctuation ("…精通C++开发熟悉金融交易本科优先") is cut so only its last phrase is nice to have."""
    piece = low[start:end]
    nice = _NICE_CUE.search(piece)
    if nice and nice.start() > 40 and _CJK.search(piece):
        window = piece[max(0, nice.start() - 30) : nice.start()]
        opener = max((window.rfind(w) for w in _NICE_OPENERS), default=-1)
        cut = start + max(0, nice.start() - 30) + opener if opener >= 0 else start + max(0, nice.start() - 10)
        if cut > start:
            return [*_classify(low, start, cut, section), *_classify(low, cut, end, section)]
    if _BOILERPLATE_CLAUSE.search(piece):
        return [_Clause(start, end, SKIP)]  # "Applicants must be authorized to work…", "简历请发送至…"
    if section == SKIP:
        if not _SKIP_BUT_REQUIRED.search(piece):
            return [_Clause(start, end, SKIP)]
        section = REQ  # "公司介绍：… 1.3年以上C++经验，熟悉…": requirements under an intro heading
    kind = section
    if section in (DUTY, GENERIC):
        kind = REQ if _REQ_CUE.search(piece) else DUTY
    if nice:
        kind = NICE
    strong = bool(_STRONG_CUE.search(piece) or _YEARS_HINT.search(piece))
    return [
        _Clause(
            start,
            end,
            kind,
            strong=strong,
            weak=bool(_WEAK_CUE.search(piece)),
            alternatives=bool(_ALTERNATIVES.search(piece)),
            experience=bool(_EXPERIENCE_WORD.search(piece)),
        )
    ]


_NICE_OPENERS = ("有", "具有", "具备", "熟悉", "掌握", "了解", "懂", "会", "使用过", "做过", "参与过")


_BOILERPLATE_CLAUSE = re.compile(
    r"equal opportunity|authori[sz]ed to work|work authori[sz]ation|background check|e-verify|drug (?:screen|test)|"
    r"federal law|regardless of|reasonable accommodation|without regard to|protected veteran|click (?:the )?apply|"
    r"apply now|send (?:us )?your (?:resume|cv)|please apply|visa sponsorship|"
    r"简历请?(?:发送|投递)至|投递简历|请将简历|简历发送|联系电话|联系人[:：]|邮箱[:：]|工作邮箱"
)
_SKIP_BUT_REQUIRED = re.compile(
    r"熟悉|精通|掌握|熟练|了解|\d\s*年以上|学历|\bfamiliar|\bproficien|\bexperience (?:in|with)\b|\bknowledge of\b"
)
_YEARS_HINT = re.compile(
    r"\d\s*(?:年以上|年及以上|\+\s*years?)|[一二两三四五六七八九十]年以上|at least \w+ years"
)


# -- requirements -----------------------------------------------------------------------------------------------


@dataclass
class _Found:
    index: int
    first: int
    weight: int = 0
    must: bool = False
    evidence: tuple[int, int] = (0, 0)
    clauses: set = field(default_factory=set)
    best_kind: str = ""
    from_title: bool = False
    members: tuple[int, ...] = ()  # an any-of / k-of-n group: every option's term, ``index`` first
    min_count: int = 1


# "A/B", "A or B", "A 或 B", "A, or B": the terms between are options of one requirement.
_OR_GAP = re.compile(r"^\s*[,，]?\s*(?:/|／|\||或者|或是|或|\bor\b)\s*$", re.IGNORECASE)
_COMMA_GAP = re.compile(r"^\s*(?:、|,|，)\s*$")
# A clause that says its list is a choice ("A、B 任一", "one of A, B, C", "至少两门 A/B/C/D"); bare 或 / or is
# not enough here: it may join other words of the clause ("熟悉Java、Python，有金融或电商经验").
_ANY_OF_CUE = re.compile(
    r"任一|任意一|其中(?:一|之一)|之一|一种以上|一门以上|至少(?:熟悉|掌握|精通|会|使用)?\s*(?:一|1|两|二|2|三|3|四|4)\s*(?:门|种|个|项|样)|"
    r"(?:两|二|2|三|3)\s*(?:种|门|个|项)(?:或|及)?以上|\bone of\b|\bany of\b|\beither\b|\bat least (?:one|two|three|1|2|3)\b|"
    r"\b(?:two|three|2|3) or more\b",
    re.IGNORECASE,
)
_MIN_COUNT = re.compile(
    r"(?:至少|最少)(?:熟悉|掌握|精通|会|使用)?\s*(两|二|2|三|3|四|4)\s*(?:门|种|个|项|样)|(两|二|2|三|3)\s*(?:种|门|个|项)(?:或|及)?以上|"
    r"\bat least (two|three|four|2|3|4)\b|\b(two|three|2|3) or more\b",
    re.IGNORECASE,
)
_REQUIRED_WORD = re.compile(
    r"(?<!not )\brequired\b|\bmust\b|\bmandatory\b|\bessential\b|必须|必需|务必|硬性|持有|持证"
)
_COUNT_WORDS = {"两": 2, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4, "two": 2, "three": 3, "four": 4}
_GROUP_CATEGORIES = ("skill", "certificate", "language")


_OR_SEPARATOR = re.compile(r"\s*(?:/|／|\||或者|或是|或|\bor\b)\s*", re.IGNORECASE)
_UNKNOWN_OPTION = re.compile(r"[A-Za-z0-9.+#-]{1,20}|[\u3400-\u9fff]{1,6}")


def _or_gap_with_unknown(gap: str) -> bool:
    """ "MySQL/ES/Redis": options the taxonomy does not know (ES) between known ones keep the run going."""
    pieces = _OR_SEPARATOR.split(gap)
    return (
        len(pieces) >= 3
        and not pieces[0].strip()
        and not pieces[-1].strip()
        and len(pieces) <= 5
        and all(_UNKNOWN_OPTION.fullmatch(piece.strip()) for piece in pieces[1:-1])
    )


@dataclass
class _Alternatives:
    clause: _Clause
    members: list[tuple[int, int, int]]  # (term, start, end) in text order
    min_count: int


def _alternative_groups(
    text: str, low: str, occurrences, clauses: list[_Clause], starts: list[int], index: _Index
) -> list[_Alternatives]:
    """Runs of two or more skills, certificates or languages in one clause joined by "/", "或", "or" (or by
    commas and 、 in a clause that says it is a choice: "任一", "one of", "至少两门"): one requirement each, met by
    any ``min_count`` of them. A compound term the taxonomy splits into parts ("C/C++") is not an option."""
    groups: list[_Alternatives] = []
    run: list[tuple[int, int, int]] = []
    run_clause: _Clause | None = None
    has_or = False

    def close() -> None:
        nonlocal run, run_clause, has_or
        if run_clause is not None and len({term for term, _, _ in run}) >= 2:
            piece = low[run_clause.start : run_clause.end]
            if has_or or _ANY_OF_CUE.search(piece):
                count = _MIN_COUNT.search(piece)
                word = next((g for g in count.groups() if g), "") if count else ""
                groups.append(_Alternatives(run_clause, list(run), _COUNT_WORDS.get(word.lower(), 1)))
        run, run_clause, has_or = [], None, False

    for term, start, end in occurrences:
        i = bisect.bisect_right(starts, start) - 1
        clause = clauses[i] if i >= 0 and start < clauses[i].end else None
        eligible = (
            clause is not None
            and clause.kind not in (TITLE, SKIP)
            and index.entries[term].category in _GROUP_CATEGORIES
            and term not in index.parts
            and index.entries[term].key not in DEGREE_LEVEL_KEYS
        )
        if not eligible:
            close()
            continue
        if run and run_clause is clause:
            gap = text[run[-1][2] : start]
            if _OR_GAP.match(gap) or _or_gap_with_unknown(gap):
                has_or = True
                run.append((term, start, end))
                continue
            if _COMMA_GAP.match(gap):
                run.append((term, start, end))
                continue
        close()
        run, run_clause = [(term, start, end)], clause
    close()
    return groups


def _placement_weight(kind: str, clause: _Clause | None, category: str) -> tuple[int, bool]:
    if kind == TITLE:
        # A title's skill weighs most but is no must-have by itself: "Python 后端工程师" does not exclude a
        # Python developer whose resume never says 后端开发. A strong requirement clause can still make it one.
        if category in ("skill", "certificate", "language"):
            return 5, False
        return (4, False) if category in ("title", "experience", "industry") else (3, False)
    if kind == IMPLIED:
        return 3, False
    if kind == NICE:
        return 2, False
    if clause is not None and clause.intro and category == "industry" and kind in (DUTY, GENERIC, REQ):
        return 2, False  # the employer's industry ("our analytics team helps an e-commerce company …")
    if kind == REQ and clause is not None:
        if clause.strong:
            return (4, False) if clause.alternatives else (5, True)
        return (3, False) if clause.weak else (4, False)
    return 3, False


def _requirements(
    text, occurrences, clauses, title_span, matcher, index: _Index, language
) -> list[SuggestedRequirement]:
    starts = [c.start for c in clauses]
    found: dict[int, _Found] = {}
    order = 0
    low_text = normalise(text)
    alternative_groups = _alternative_groups(text, low_text, occurrences, clauses, starts, index)
    in_group = {start for group in alternative_groups for _, start, _ in group.members}

    def place(
        term: int,
        position: int,
        kind: str,
        clause: _Clause | None,
        evidence: tuple[int, int],
        keep: bool = False,
    ) -> None:
        nonlocal order
        entry = index.entries[term]
        if entry.category == "location" or entry.key in DEGREE_LEVEL_KEYS:
            return
        if (
            entry.category == "title"
            and kind not in (TITLE, IMPLIED)
            and not (kind == REQ and clause is not None and clause.experience)
        ):
            return  # a role named in passing ("与产品经理配合") is not a requirement
        for part in index.parts.get(term, (term,)):
            weight, must = _placement_weight(kind, clause, index.entries[part].category)
            item = found.get(part)
            if item is None:
                item = found[part] = _Found(part, order)
                order += 1
            if kind not in (NICE, IMPLIED, TITLE) and clause is not None:
                item.clauses.add(clause.start)
            item.from_title = item.from_title or keep or kind == TITLE
            if weight > item.weight or (weight == item.weight and must and not item.must):
                item.weight, item.evidence, item.best_kind = weight, evidence, kind
            item.must = item.must or must

    title_terms: list[int] = []
    for term, start, end in occurrences:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= clauses[i].end:
            continue
        clause = clauses[i]
        if clause.kind == SKIP or start in in_group:
            continue
        if clause.kind == TITLE:
            title_terms.append(term)
            category = matcher.terms[term].category
            if category in ("title", "experience"):
                for inner, _, _ in _inner_skills(text[start:end], matcher):
                    title_terms.append(inner)
                    place(inner, start, TITLE, clause, (clause.start, clause.end))
            if category == "title":
                # A second reading of the title: weighted as implied, and implying nothing further.
                for role in _modified_roles(text, clause.start, start, end, term, matcher):
                    place(role, start, IMPLIED, None, (clause.start, clause.end))
        place(term, start, clause.kind, clause, _around(text, start, clause))
    if title_span:
        for term in title_terms:
            for key in ROLE_CORE_SKILLS.get(index.entries[term].key, ()):
                implied = index.by_key.get(key)
                if implied is not None:
                    place(implied, title_span[0], IMPLIED, None, title_span, keep=True)
    # Without the role in the title, a role skill the JD keeps coming back to ("负责iOS客户端开发…熟悉iOS SDK")
    # implies its core skills too, evidence = its first clause.
    for item in list(found.values()):
        key = index.entries[item.index].key
        if (
            key.startswith("skill.")
            and key in ROLE_CORE_SKILLS
            and len(item.clauses) >= 2
            and not item.from_title
        ):
            for core in ROLE_CORE_SKILLS[key]:
                implied = index.by_key.get(core)
                if implied is not None and implied not in found:
                    place(implied, item.first, IMPLIED, None, item.evidence)

    # Each group of alternatives is one requirement. An option the JD also asks for on its own (or in the title)
    # is a requirement of its own and leaves the group; a group left with one option is that option.
    groups: list[_Found] = []
    taken: set[int] = set()
    for group in alternative_groups:
        for term, _, _ in group.members:
            if term in found and found[term].best_kind == IMPLIED and not found[term].clauses:
                del found[term]  # implied by the title only: the JD's own words put it in the group
        members = list(
            dict.fromkeys(term for term, _, _ in group.members if term not in found and term not in taken)
        )
        clause = group.clause
        evidence = (clause.start, clause.end)
        if len(members) < 2:
            for term, start, _ in group.members:
                if term in members:
                    place(term, start, clause.kind, clause, evidence)
            continue
        taken.update(members)
        plain = dataclasses.replace(clause, alternatives=False)
        weight, must = _placement_weight(clause.kind, plain, "skill")
        # A group is a must-have only when the JD says so in as many words ("CCNA/CCNP certification required"):
        # "2+ years of field sales or business development" asks for a background, not a filter.
        must = (
            must
            and bool(_REQUIRED_WORD.search(low_text[clause.start : clause.end]))
            and all(_can_be_must_have(index.entries[term], _Found(term, 0), language) for term in members)
        )
        groups.append(
            _Found(
                members[0],
                group.members[0][1],
                weight=weight,
                must=must,
                evidence=evidence,
                clauses={clause.start},
                best_kind=clause.kind,
                members=tuple(members),
                min_count=min(group.min_count, len(members)),
            )
        )
        order += 1

    items = []
    for item in [*found.values(), *groups]:
        entry = index.entries[item.index]
        weight, must = item.weight, item.must
        if len(item.clauses) >= 2 and item.best_kind not in (NICE, IMPLIED):
            weight = min(5, weight + 1)
        if item.best_kind == NICE:
            weight, must = 2, False
        group = _group(entry)
        if group == QUALITY or entry.category == "education":
            weight, must = min(weight, 3), False
        if entry.category == "title":
            must = False
        if must and not _can_be_must_have(entry, item, language):
            must = False
        items.append((weight, must, item, entry, group))
    # At most MAX_MUST_HAVES must-haves: the title's first, then in text order.
    musts = sorted((t for t in items if t[1]), key=lambda t: (not t[2].from_title, t[2].first))
    demoted = {id(t[2]) for t in musts[MAX_MUST_HAVES:]}
    items = [(w, m and id(i) not in demoted, i, e, g) for w, m, i, e, g in items]
    # ties: a term whose children are in the JD too (Java with Spring and MyBatis) first, then text order
    parents = {}
    for item in found.values():
        parent = index.entries[item.index].parent
        if parent:
            parents[parent] = parents.get(parent, 0) + 1
    items.sort(key=lambda t: (-t[0], not t[1], -parents.get(t[3].key, 0), t[2].first))
    # The title's terms and the role's core skills are always kept; the rest fill the list by weight.
    keep = {id(t) for t in items if t[2].from_title}
    keep.update(
        id(t) for t in [t for t in items if id(t) not in keep][: max(0, MAX_REQUIREMENTS - len(keep))]
    )
    zh = language != "en"
    out = []

    def display(entry: _Entry) -> str:
        return (entry.name_zh if zh and entry.name_zh else entry.name_en) or entry.name_zh or entry.key

    for weight, must, item, entry, group in [t for t in items if id(t) in keep][:MAX_REQUIREMENTS]:
        alternatives = [
            {
                "key": option.key,
                "name": display(option),
                "name_en": option.name_en,
                "name_zh": option.name_zh,
                "category": option.category,
            }
            for option in (index.entries[term] for term in item.members[1:])
        ]
        out.append(
            SuggestedRequirement(
                key=entry.key,
                name=display(entry),
                name_en=entry.name_en,
                name_zh=entry.name_zh,
                category=entry.category,
                group=group,
                weight=max(1, min(5, weight)),
                must_have=must,
                synonyms=list(entry.synonyms[:MAX_SYNONYMS]),
                evidence_text=_evidence(text, *item.evidence),
                alternatives=alternatives,
                min_count=item.min_count,
            )
        )
    return out


def _can_be_must_have(entry: _Entry, item: _Found, language: str) -> bool:
    """Whether a requirement the JD states strongly may be a must-have: a hard, specific term a resume names.

    A certificate always; a skill when the title names it or the taxonomy places it under a broader skill
    (Java under programming languages, Selenium under automated testing); a broad skill with no parent
    (negotiation, team management, object-oriented programming, multithreading) stays a weighted
    requirement: resumes rarely spell such terms out. A language only when it is not the JD's own (an English
    JD asking for English, a Chinese one for 普通话, says nothing a resume would be filtered on).
    """
    if entry.category == "certificate":
        return True
    if entry.category == "language":
        return entry.key != ("language.english" if language == "en" else "language.mandarin-chinese")
    if entry.category != "skill":
        return False
    return item.from_title or bool(entry.parent)


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.+#-]*)\s+$")
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")


def _modified_roles(text: str, clause_start: int, start: int, end: int, term: int, matcher) -> list[int]:
    """Roles a title names by a modifier before another role: "Civil Site Engineer" is a site engineer and a
    civil engineer, "Mechanical Design Engineer" a design engineer and a mechanical engineer. The word just
    before the matched role (``text[start:end]``) joined to the role's last word, when that is a role of its
    own. Latin script only: Chinese titles have no word boundaries to drop a word at."""
    before = _WORD_BEFORE.search(text[clause_start:start])
    head = _LAST_WORD.search(text[start:end])
    if before is None or head is None or len(text[start:end].split()) < 2:
        return []
    phrase = f"{before.group(1)} {head.group(1)}"
    found = []
    for hit, hit_start, hit_end in matcher.occurrences(phrase):
        if (
            hit != term
            and hit_start == 0
            and hit_end == len(phrase)
            and matcher.terms[hit].category == "title"
        ):
            found.append(hit)
    return found


def _inner_skills(words: str, matcher) -> list[tuple[int, int, int]]:
    """Skills named inside a title tag's words: "Java工程师" → Java, "H5开发工程师" → HTML."""
    stripped = _ROLE_WORDS.sub(_blank, words)
    if not stripped.strip():
        return []
    return [
        hit
        for hit in matcher.occurrences(stripped)
        if matcher.terms[hit[0]].category in ("skill", "certificate", "language")
    ]


def _group(entry: _Entry) -> str:
    if entry.category == "quality":
        return QUALITY
    if entry.category in ("experience", "industry", "title", "education"):
        return EXPERIENCE
    if entry.category == "skill" and (
        _SOFT_WORDS.search(entry.name_en.lower()) or _SOFT_WORDS.search(entry.name_zh)
    ):
        return QUALITY
    return HARD_SKILL


_LIST_MARKER = re.compile(rf"^\s*{_LIST_START}\s*")


EVIDENCE_LEAD = 60  # characters of a long clause kept before the words a requirement came from


def _around(text: str, at: int, clause: _Clause) -> tuple[int, int]:
    """The clause as evidence for a match at ``at``; a long clause whose match comes late starts a few words
    before it, so the editor's one-line evidence shows the words ("… visual arts classes, music and dance")."""
    if at - clause.start <= EVIDENCE_LEAD:
        return clause.start, clause.end
    cut = text.find(" ", at - EVIDENCE_LEAD // 2, at)
    return (cut + 1 if cut >= 0 else at), clause.end


def _evidence(text: str, start: int, end: int) -> str:
    value = " ".join(text[start:end].split())
    value = _LIST_MARKER.sub("", value).lstrip("#").strip(" ，,;；:：")  # "# Title", "- item" as pasted
    if start and text[start - 1] == " " and text[:start].rstrip()[-1:].isalnum():
        value = "… " + value  # cut from a longer clause (``_around``)
    return value[:EVIDENCE_CHARS]


# -- minimum years ----------------------------------------------------------------------------------------------

_CN_NUMBERS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "半": 0.5,
}
_EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_N = r"(\d{1,2}(?:\.\d)?|[一二两俩三四五六七八九十半]{1,3})"
_NOT_MINIMUM = r"(?!\s*(?:以下|以内|之内|内|以来|来|前|后|级|制|度|终|底|薪|龄|月|期|份|间))"
_CN_YEARS = (
    # labelled: 工作年限：3年以上, 经验要求：1-3年, 工作经验 3年
    re.compile(
        rf"(?:工作年限|工作经验|经验要求|从业年限|工龄|年限要求|工作年资|经验)\s*[:：]?\s*(?:要求)?\s*"
        rf"(?:至少|不少于|不低于|最少|最低)?\s*{_N}\s*(?:[-~至到]\s*{_N}\s*)?(?:\+|多)?\s*(?:个)?\s*年{_NOT_MINIMUM}"
    ),
    # 3年以上…经验, 三年及以上工作经验, 1-3年相关经验, 5年+开发经验
    re.compile(
        rf"(?<![\d.])(?:至少|不少于|不低于|最少|最低)?\s*{_N}\s*(?:[-~至到]\s*{_N}\s*)?(?:\+|多)?\s*(?:个)?\s*年"
        rf"{_NOT_MINIMUM}\s*(?:以上|及以上|或以上|以上的|\+)?(?:[^。；;，,\n\d]{{0,16}}?)(?:经验|经历|工龄|工作|从业)"
    ),
    # 工作两年以上, 业内工作两年, 从事…开发3年以上
    re.compile(
        rf"(?:工作|从业|开发|相关工作|行业)\s*{_N}\s*(?:[-~至到]\s*{_N}\s*)?(?:\+|多)?\s*年{_NOT_MINIMUM}"
    ),
)
# In a requirement clause a bare "3年以上" / "1-3年" is a minimum too.
_CN_YEARS_BARE = re.compile(
    rf"(?<![\d.])(?:至少|不少于|最少)?\s*{_N}\s*(?:[-~至到]\s*{_N}\s*)?(?:\+|多)?\s*年\s*(?:以上|及以上|或以上|\+)"
)
# durations that are not experience: an internship, a contract, a commitment to stay
_NOT_EXPERIENCE = re.compile(r"实习|合同|签约|服务期|驻场|出差|连续|工作时间|期限|保证|\bcontract\b|\bintern")
_EN_N = r"(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_EN_YEARS = (
    re.compile(
        rf"\b(?:at least|minimum(?: of)?|a minimum of|min\.?|over|more than|no less than|not less than)\s+"
        rf"{_EN_N}\s*(?:\(\d+\)\s*)?\+?\s*(?:full[- ]time\s+)?(?:years?|yrs?)\b"
    ),
    re.compile(rf"(?<![\d.]){_EN_N}\s*\+\s*(?:years?|yrs?)\b"),
    re.compile(rf"(?<![\d.]){_EN_N}\s*(?:-|–|to)\s*{_EN_N}\s*\+?\s*(?:years?|yrs?)\b"),
    re.compile(
        rf"(?<![\d.]){_EN_N}\s*(?:years?|yrs?)'?\s*(?:of\s+)?(?:[a-z/+#.&-]+\s+){{0,5}}?(?:experience|exp)\b"
    ),
    re.compile(rf"\bexperience\s*(?:of|:|-)\s*{_EN_N}\s*\+?\s*(?:years?|yrs?)\b"),
)


def _list_number(piece: str, start: int, token: str) -> bool:
    """Whether "N.M" before 年 is a list number glued to the years ("…专业2.3年以上", "要求：1.5年以上"), not a
    decimal ("具备1.5年以上经验"): after punctuation or at the start always, after a letter only when M is not 5."""
    before = piece[start - 1] if start else ""
    if not before or not before.isalnum():
        return True
    return not token.endswith(".5")


# In a requirement clause that starts with it ("Experience: 5 years", "- 3 years in retail").
_EN_YEARS_BARE = re.compile(rf"^\W*{_EN_N}\s*\+?\s*(?:years?|yrs?)\b")


def _number(token: str | None) -> float | None:
    if not token:
        return None
    if token[0].isdigit():
        return float(token)
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    if token == "十":
        return 10.0
    if token.startswith("十"):
        return 10.0 + _CN_NUMBERS.get(token[1:], 0)
    if "十" in token:
        tens, _, units = token.partition("十")
        return _CN_NUMBERS.get(tens, 0) * 10.0 + (_CN_NUMBERS.get(units, 0) if units else 0)
    if len(token) == 1 and token in _CN_NUMBERS:
        return float(_CN_NUMBERS[token])
    return None


def _min_years(low: str, clauses: list[_Clause]) -> float | None:
    """The first minimum-years statement in requirement clauses, else in other clauses (title, duties), else
    in nice-to-have ones ("3年以上经验者优先" when nothing else is said)."""
    for kinds in ((REQ,), (TITLE, DUTY, GENERIC), (NICE,)):
        value = _first_years(low, [c for c in clauses if c.kind in kinds])
        if value is not None:
            return value
    return None


def _first_years(low: str, clauses: list[_Clause]) -> float | None:
    for clause in clauses:
        piece = low[clause.start : clause.end]
        if "年" not in piece and "year" not in piece and "yr" not in piece:
            continue
        best: tuple[int, float] | None = None
        patterns = list(_CN_YEARS) + list(_EN_YEARS)
        if clause.kind in (REQ, TITLE, NICE):
            patterns.extend((_CN_YEARS_BARE, _EN_YEARS_BARE))
        for pattern in patterns:
            for match in pattern.finditer(piece):
                value = _number(match.group(1))
                token = match.group(1)
                if value is not None and "." in token and _list_number(piece, match.start(1), token):
                    value = float(
                        token.split(".")[1]
                    )  # "2.3年以上" in a list glued to its number: item 2, 3 years
                if (
                    value is None
                    or not 0 < value <= 30
                    or _NOT_EXPERIENCE.search(piece, max(0, match.start() - 8), match.start() + 1)
                ):
                    continue
                second = _number(match.group(2)) if pattern.groups >= 2 else None
                if second is not None and second < value:
                    continue
                if best is None or match.start() < best[0]:
                    best = (match.start(), value)
                break
        if best:
            return best[1]
    return None


# -- education --------------------------------------------------------------------------------------------------

_LEVEL_RANK = {"secondary": 1, "associate": 2, "bachelor": 3, "master": 4, "doctor": 5}
_CN_LEVELS = re.compile(
    r"(?P<none>学历不限|不限学历)|(?P<postdoc>博士后)|(?P<doctor>博士)|(?P<master>硕士|研究生)|"
    r"(?P<bachelor>本科|学士|统招本科)|(?P<associate>大专|专科|高职)|(?P<secondary>中专|中技|技校|职高|高中|中职)"
)
_EN_LEVELS = re.compile(
    r"(?P<doctor>\bph\.?\s?d\b\.?|\bdoctorate\b|\bdoctoral degree\b)|"
    r"(?P<master>\bmaster'?s\b|\bpost-?graduate\b|\bpgdm\b|\bmasters\b|\bm\.?sc\b|\bmba\b|\bm\.s\.|\bmaster of\b|\bm\.?\s?tech\b|\bmca\b|"
    r"\bm\.e\b)|"
    r"(?P<bachelor>\bbachelor'?s?\b|\bb\.?sc\b|\bb\.s\.|\bb\.a\.|\bundergraduate degree\b|\buniversity degree\b|"
    r"\bcollege degree\b|\b(?:4|four)[- ]year degree\b|\bbachelor of\b|\bb\.?\s?tech\b|\bb\.e\b|\bbca\b|"
    r"\bb\.?com\b)|"
    r"(?P<associate>\bassociate'?s? degree\b|\bhnd\b|\bdiploma in\b)|"
    r"(?P<secondary>\bhigh school\b|\bsecondary school\b|\bged\b|\ba-levels?\b)"
)
# Bare BS / BA / MS only in a degree position ("BS in CS", "BS/MS", "MS or PhD"): never "MS Excel", "MS Project",
# "Senior BA".
_EN_CAPS_LEVELS = re.compile(
    r"\b(?:(?P<bachelor>BS|BA|BSc|BEng)|(?P<master>MS|MSc|MEng))\b(?=\s*(?:/|in\b|degree|or\b|\(|,|;))"
)


# A degree named without its level ("Degree in computer science", "Graduate in any discipline", "or MCA"
# beside "Degree in engineering") is a first degree. "Graduate degree" means a master's in American usage and
# a bachelor's in Indian and British usage; a minimum takes the lower reading. Postgraduate is a master's.
_BARE_DEGREE = re.compile(r"(?<![\w-])(?:degree|graduate|graduation)\b(?!\s*(?:is |are )?(?:not |optional))")
_LEVEL_WORD = re.compile(r"master|bachelor|doctor|ph\.?\s?d|associate|post|honou?rs|diploma")
_NO_DEGREE = re.compile(r"\bno (?:degree|formal)|\bwithout (?:a )?degree|\bdegree not required")


def _education(text: str, low: str, clauses: list[_Clause]) -> str:
    """The lowest degree level named in the first clause that names one ("" when none or 学历不限)."""
    for clause in clauses:
        if clause.kind in (NICE, SKIP):
            continue
        piece = low[clause.start : clause.end]
        levels = []
        for pattern, source in (
            (_CN_LEVELS, piece),
            (_EN_LEVELS, piece),
            (_EN_CAPS_LEVELS, text[clause.start : clause.end]),
        ):
            for match in pattern.finditer(source):
                kind = match.lastgroup
                if kind == "none":
                    return ""
                if kind in _LEVEL_RANK:
                    levels.append(kind)
        if not _NO_DEGREE.search(piece) and any(
            not _LEVEL_WORD.search(piece, max(0, m.start() - 24), m.start())
            for m in _BARE_DEGREE.finditer(piece)
        ):
            levels.append("bachelor")
        if levels:
            return min(levels, key=_LEVEL_RANK.__getitem__)
    return ""


# -- salary -----------------------------------------------------------------------------------------------------

# Numbers are bounded and may not start inside another number, so a long run of digits costs linear time.
_SALARY_SHAPE = re.compile(
    r"(?<![\d.,])(?:(?:[$¥￥€£]\s?)?\d{1,7}(?:\.\d{1,2})?\s?[kKwW千万]?\s?(?:-|–|~|～|至|到|to)\s?(?:[$¥￥€£]\s?)?"
    r"\d{1,7}(?:\.\d{1,2})?\s?[kKwW千万](?:\s?[·•*x×]\s?\d{2}\s?薪)?(?:\s?(?:/|每|per\s)\s?(?:月|年|month|year|yr|annum))?|"
    r"[$£€]\s?\d{2,3}(?:,\d{3}){1,2}(?:\s?(?:-|–|to)\s?[$£€]?\s?\d{2,3}(?:,\d{3}){1,2})?|"
    r"[$£€]\s?\d{1,4}(?:\.\d{1,2})?\s?[kK](?:\s?(?:-|–|to)\s?[$£€]?\s?\d{1,4}(?:\.\d{1,2})?\s?[kK])?)"
)


def _salary(text: str, language: str) -> dict | None:
    currency = None if language == "en" else "CNY"
    salary = extract_salary(text, default_currency=currency)
    if salary is None:
        for match in _SALARY_SHAPE.finditer(text):
            after = text[match.end() : match.end() + 1]
            if _CJK.match(after) and after not in "元/月年薪起左以每":
                continue  # "100-200万用户" is no salary
            salary = parse_salary(match.group(), currency)
            if salary is not None:
                break
    return asdict(salary) if salary is not None else None
