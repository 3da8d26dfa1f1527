"""Word sense for taxonomy matches: is "Go", "Scratch", "RED" or "data scientists" meant as the tag here?

Two questions, asked only of the few matches that need them (tagging.TaxonomyMatcher calls ``SenseJudge``):

**Ambiguous skill forms** (``form_tier``, decided from data and stored in the seed as ``ambiguous``): a form of
a skill that is also an ordinary word or another thing.

- a product, framework or language name (its Chinese name is Latin, as for Go, Java, Excel) spelt as one
  English word that wordfreq (an English word-frequency list shipped inside its PyPI package) counts as
  frequent: ``WORD`` when it is an everyday word (Zipf ≥ ``WORD_ZIPF``, or an ordinary lowercase word of
  ESCO/O*NET text: ``common_words.txt``) — Go, Swift, React, Spring, Express, Scratch, Excel; ``NAME`` when it
  is a known word or name of another thing (Zipf ≥ ``NAME_ZIPF``) — Java, Rust, Kafka, LinkedIn, Apache;
- a one-word synonym that is an everyday word and part of a longer name ("cloud" of "Cloud computing"):
  ``WORD``;
- a bare platform or object name of an activity skill ("小红书", "RED", "抖音" of "小红书运营", "Douyin
  operations"): ``OBJECT`` — people mention the platform without doing the work.

Such a match is kept only when its context supports the skill sense; cues add up (``keep_skill``):
a skills section (+3), a list line of short items or a "Skills:"/"技能：" label (+2), a version number after it
(+2), a technical verb or preposition phrase before it ("developed in", "built with", 熟悉, 使用) or a
technical noun after it ("services", "框架") (+2), another product skill within the sentence (+2, or +1 when
that one is ambiguous too), the product's capitalisation mid-sentence (+1). Negative cues are idioms and
other senses ("from scratch", "red flags", "find me on LinkedIn", "Java coffee", 咖啡, 刷小红书) and a first
name right before it ("Taylor Swift", "Franz Kafka"), each −4; a brand prefix followed by another capitalised
product word is another product of the brand ("Apache Ranger" is not the Apache HTTP Server). ``NAME`` needs
1 point, ``WORD`` and ``OBJECT`` 2.

**Fields of study** named by one ordinary English word ("materials", "law", "sports", "physics"; ``FIELD``)
are tagged only in an education section or with a sign of study on their line (a degree, a school,
"majored in", "background in": ``keep_field``): "raw materials" and "materials budget" are not a major.

**Titles** (``keep_title``) are tagged only where the person held the role: not in the plural ("data
scientists", "nurses", "lawyers review"), not after a preposition or verb that relates the person to someone
else ("worked with", "reported to the", "a team of 12", "managed") and not in Chinese after 与/和/向/配合/带领…,
a count ("12名") or before 们/等/团队/合作/汇报.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NONE, NAME, WORD, OBJECT, PART, FIELD = 0, 1, 2, 3, 4, 5
TIER_NAMES = {NAME: "name", WORD: "word", OBJECT: "object", PART: "part", FIELD: "field"}
TIERS = {v: k for k, v in TIER_NAMES.items()}
NAME_ZIPF = (
    2.9  # a word or name general English text uses (wordfreq: 3.0 = once per million words; kafka 2.97)
)
WORD_ZIPF = 4.3  # an everyday word (swift 4.15 is caught by common_words.txt; java 4.0 stays a NAME)
NEEDED = {NAME: 1, WORD: 2, OBJECT: 2, PART: 0}
BRAND_FORMS = 20  # a form that starts this many longer forms is a brand (Apache, Oracle, SAP, Google)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z]+$")
# Operating words: a skill named "<platform> <operating>" ("小红书运营", "Douyin operations") whose form is the
# bare platform: people name a platform they only use. Building words (开发, development) are left out: "Android"
# of "Android development" means the same thing.
_ACTIVITY = re.compile(
    r"运营|营销|推广|投放|\b(?:operations?|marketing|promotion|advertising)\b", re.IGNORECASE
)
EVERYDAY_ZIPF = 5.0  # a generic skill's one-word synonym this frequent has other senses ("red", 5.3)


@lru_cache(maxsize=1)
def _zipf():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the taxonomy's stored flags still work; tenant forms then count as unambiguous
        return None
    return zipf_frequency


def english_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 when wordfreq is not installed)."""
    zipf = _zipf()
    return zipf(word.lower(), "en") if zipf else 0.0


# Terms under these parents are named things (languages) even when their Chinese name is a translation
# (汇编语言, Shell脚本): their one-word forms are judged like product names ("Assembly" needs programming
# context; the word mostly means putting parts together).
NAMED_PARENTS = frozenset({"skill.programming-languages"})


def form_tier(
    form: str, *, name_en: str, name_zh: str, category: str, common: frozenset[str], parent: str = ""
) -> int:
    """How ambiguous ``form`` (a name or synonym of a taxonomy term) is: NONE, NAME, WORD, OBJECT, PART or
    FIELD. ``parent``: the key of the term's parent, if known (``NAMED_PARENTS``)."""
    if category == "education":
        return _field_tier(form.strip(), name_en)
    if category != "skill":
        return NONE
    form = form.strip()
    tier = _form_tier(form, name_en, name_zh, common, parent)
    # a form whose other senses are named below ("Black Belt" in karate) is at least checked for them
    return tier or (PART if form.lower() in _OTHER_SENSES else NONE)


def _form_tier(form: str, name_en: str, name_zh: str, common: frozenset[str], parent: str) -> int:
    product = not _CJK.search(name_zh or "") or parent in NAMED_PARENTS
    names = [n.strip() for n in (name_en, name_zh) if n and n.strip()]
    if not product and form not in names and any(_object_of(form, n) for n in names):
        return OBJECT
    if not _LATIN_WORD.match(form):
        return NONE
    low = form.lower()
    zipf = english_zipf(low)
    everyday = low in common or zipf >= WORD_ZIPF
    if product:
        if everyday:
            return WORD
        # an acronym written in capitals (API, AWS, CSS) is not an ordinary word, however often the web says it
        return NAME if zipf >= NAME_ZIPF and not form.isupper() else NONE
    # a generic skill: a one-word synonym that is an everyday word and not its name ("cloud" of "Cloud
    # computing", "RED" of "Xiaohongshu operations"); its name itself ("Sales") means the same everywhere
    if low in (n.lower() for n in names) or not everyday:
        return NONE
    if any(low in n.lower().split() and " " in n for n in names):
        return PART  # the word mostly means the skill ("cloud adoption"): only another sense's cue drops it
    if zipf >= EVERYDAY_ZIPF:
        return WORD
    return NONE


# Degree levels and kinds of school are education terms too, but not fields of study: "bachelor" is never
# anything else in a resume.
_LEVEL_NAME = re.compile(
    r"degree|doctora|school|universit|postdoctoral|full-time|overseas|mba", re.IGNORECASE
)
FIELD_ZIPF = (
    3.0  # a field of study named by a word general text uses ("materials", "law", "sports", "physics")
)


def _field_tier(form: str, name_en: str) -> int:
    """FIELD for a field of study named by one ordinary English word: "materials" is raw materials or a
    budget line far more often than a major, so it needs a sign of study (``keep_field``)."""
    if _LEVEL_NAME.search(name_en) or not _LATIN_WORD.match(form) or form.isupper():
        return NONE
    return FIELD if english_zipf(form) >= FIELD_ZIPF else NONE


def _object_of(form: str, name: str) -> bool:
    """Whether ``name`` is ``form`` plus an activity word ("小红书" of "小红书运营", "Douyin" of "Douyin operations")."""
    if not name.lower().startswith(form.lower()) or len(name) <= len(form):
        return False
    rest = name[len(form) :].strip()
    return bool(rest) and _ACTIVITY.fullmatch(rest) is not None


# -- context cues ---------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?;。！？；\n](?=\s|$)|[。！？；\n]")
_LIST_SEPARATORS = re.compile(r"[,;|/、，；•·]")
_LIST_LABEL = re.compile(
    r"^\s*[-•*·]?\s*(?:[A-Za-z &/]*(?:skills?|technolog(?:y|ies)|tools?|stack|languages?|frameworks?|platforms?|"
    r"software|environment|databases?)|技能|技术栈|技术|工具|开发语言|编程语言|框架|平台|环境)\s*[:：]",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"^\s?(?:v|ver\.?\s?|version\s)?(?:\d{1,2}(?:\.(?:\d+|x))*\+?|\d+\.\d+)(?![\d.]*\d{3})(?!\d)",
    re.IGNORECASE,
)
_TECH_BEFORE = re.compile(
    r"(?:\b(?:develop\w*|buil[dt]\w*|writ\w*|wrote|cod(?:e|ed|ing)|program\w*|implement\w*|engineer\w*|"
    r"architect\w*|deploy\w*|migrat\w*|refactor\w*|port(?:ed|ing)|script\w*|debug\w*|maintain\w*|"
    r"experience[ds]?|proficien\w*|skilled|expert\w*|knowledge|familiar\w*|fluent|hands-on|using|used|use|"
    r"leverag\w*|utili[sz]\w*|stack|languages?|frameworks?|tools?|technolog\w*|rewr\w*|test\w*|automat\w*|"
    r"integrat\w*|configur\w*|administ\w*|install\w*|upgrad\w*|tun(?:e|ed|ing)|optimi[sz]\w*|ran|run\w*|"
    r"server|backend|frontend|apis?|services?|microservices?|clusters?|pipelines?|models?|macros?|via|"
    r"communicat\w*|collaborat\w*)\b"
    r"(?:\s+\S+){0,6}\s*$)|(?:熟悉|精通|掌握|了解|熟练|使用|基于|采用|运用|利用|会用|懂|开发|编写|搭建|部署|负责)\S{0,6}$",
    re.IGNORECASE,
)
_TECH_AFTER = re.compile(
    r"^\s?(?::|e\.g\.|such as|including|\(e\.g)"
    r"|^\s?(?:[-/]?\s?)(?:(?:\S+\s){0,4})(?:developers?|development|engineers?|engineering|programm\w*|code|"
    r"codebase|framework|apps?|applications?|backends?|frontend|services?|microservices?|apis?|library|"
    r"libraries|sdk|projects?|stack|clusters?|topics?|consumers?|producers?|brokers?|streams?|script\w*|experience|skills?|knowledge|expertise|proficiency|certifi\w*|"
    r"components?|hooks|modules?|runtime|compiler|routines?|spreadsheets?|macros?|formulas?|pivot|vba|"
    r"workbooks?|servers?|modules?|functions|programs?|crates?|toolchain|goroutines?|channels|boot|mvc|"
    r"ecosystem|version|native|jobs?|queues?|instances?|deployments?|pipelines?|accounts?|followers|"
    r"campaigns?|ads|posts|content|channels?|recruiter|shop|store|live|influencers?)s?\b"
    r"|^\s?(?:开发|编程|语言|框架|项目|服务|后端|前端|工程师|技术|架构|集群|组件|脚本|程序|应用|版本|源码|"
    r"生态|微服务|消息队列|函数|公式|报表|账号|笔记|内容|粉丝|达人|种草|投放|推广|运营|店铺|直播)",
    re.IGNORECASE,
)
_CHINESE_VERB_BEFORE = re.compile(r"(?:负责|运营|管理|经营|打造|策划|孵化)\S{0,8}$")
# Other senses and idioms, by word (the lowercased sentence around the match; the match itself is {0}). Which
# words are ambiguous comes from data (``form_tier``); these only name the other senses of the usual ones.
_OTHER_SENSES = {
    "scratch": r"from {0}|{0} (?:the|a|an|my|his|her|your|off|out|that|paper|card|pad|marks?|resistant)\b",
    "red": r"{0}[- ]flags?|{0} (?:carpet|tape|wine|light|lights|line|lines|alert|zone|envelope|cross|sea|meat|"
    r"pepper|roses?|eyes?|hair|dress|packets?|cards?|ink|velvet|team)\b|in the {0}\b|"
    r"(?:bright|deep|dark|blood|turned|went|saw|see|painted) {0}\b",
    "linkedin": r"(?:find|found|follow|reach|contact|connect with|add|message|see|view|visit)(?: \w+){0,2} on {0}|"
    r"on {0}[.!]?\s*$|{0} (?:profile|page|url|account|handle|connections?|inmail)\b|{0}\.com",
    "java": r"{0} (?:coffee|beans?|tea|island|sea|man|sparrow|trench)\b|(?:coffee|cup of|island of|east|west|"
    r"central) {0}\b",
    "kafka": r"(?:franz|author|writer|novelist|reading|read|novel|novels) {0}|{0}(?:'s|’s)? (?:novels?|stories|"
    r"books?|trial|metamorphosis|castle|writings?|story)\b|{0}esque",
    "swift": r"{0} (?:response|responses|action|actions|delivery|recovery|return|resolution|turnaround|decisions?|"
    r"reply|progress|payments?|transfer|code|message|messaging|bic|justice)\b|(?:a|very|so|too) {0}\b",
    "spring": r"{0} (?:semester|term|festival|season|break|breaks|roll|rolls|water|onion|cleaning|fair|"
    r"20\d\d|19\d\d|and summer|and autumn)\b|(?:this|last|next|in|the|early|late|of|during) {0}\b",
    "express": r"{0} (?:delivery|deliveries|mail|train|trains|shipping|post|lane|checkout|consent|interest|"
    r"gratitude|concerns?|written|entry|bus|scripts)\b|(?:american|orient|federal|daily) {0}\b|"
    r"to {0} (?:my|our|their|his|her)",
    "rust": r"{0} (?:belt|stain|stains|proof|removal|bucket|spots?|inhibitor)\b|(?:get|got|gets) {0}y?\b",
    "cloud": r"{0}s? (?:of|over|cover|nine)\b|(?:under|on|head in the|dark) {0}\b",
    "go": r"{0} (?:to|back|live|beyond|through|over|ahead|out|on|home|for it|get|getting|further|the extra)\b|"
    r"on the {0}\b|(?:let|lets|let's|to|will|would|can|must|should|and) {0}\b|{0}-to\b|{0}-getter",
    "react": r"{0} (?:to|quickly|calmly|with|badly|well|fast|positively|negatively|accordingly)\b|"
    r"(?:quick|slow|to) {0}\b",
    "apache": r"{0} (?:helicopters?|tribes?|county|junction|nation|indians?|trout|pass)\b",
    "python": r"{0} (?:snakes?|skin|bite)\b|monty {0}|(?:ball|burmese|reticulated) {0}",
    "excel": r"^\s*{0} (?:at|in)\b|to {0}\b",
    "ruby": r"{0} (?:ring|rings|red|wedding|slippers)\b",
    "spark": r"{0} (?:plugs?|joy|interest|curiosity|change|conversations?|ideas?)\b|(?:a|the) {0} of\b",
    # putting parts together, or a gathering: "machining, welding and assembly", "assembly line", "school assembly"
    "assembly": r"{0} (?:lines?|shop|plant|floor|area|stations?|jigs?|fixtures?|drawings?|process(?:es)?|"
    r"operations?|work|of|instructions|procedures?|workers?|technicians?|elections?|hall|constituency|"
    r"and (?:testing|inspection|installation|disassembly|commissioning|maintenance|packing|packaging))\b|"
    r"(?:sub|final|general|legislative|national|state|product|mechanical|machine|electrical|electronic|pcb|"
    r"component|manual|school|morning|fabrication|welding|machining|manufacturing|production|fitting|"
    r"installation|erection|dismantling)[- ]?(?:and |& |, )?{0}\b|{0}[- ]line",
    # the painting trade: "painting works", "spray painting" (a one-word "drawing" is left out of the taxonomy:
    # resumes mostly mean technical drawings by it)
    "painting": r"{0} (?:works?|contractors?|jobs?|shop|booth|line|plant|inspection|specifications?|systems?|"
    r"of (?:walls|buildings|steel|structures?|pipes?|tanks?))\b|(?:spray|wall|house|building|surface|steel|"
    r"industrial|epoxy|plastering|blasting|civil|exterior|road|marking|structural|finishing),? {0}\b",
    "black belt": r"{0} in (?:karate|judo|taekwondo|kung fu|jiu|martial)|(?:karate|judo|taekwondo|martial arts?|"
    r"\bdan)\S*(?: \S+){0,3} {0}|{0} (?:\(|in )?(?:karate|judo|taekwondo|martial)",
    # received, not given: "training in classical dance", "industrial training at BHEL", "underwent training"
    # (the HR skill is giving it: "conducted training in soft skills", "training and development")
    "training": r"(?<!conducted )(?<!conducting )(?<!imparted )(?<!imparting )(?<!delivered )(?<!delivering )"
    r"(?<!provided )(?<!providing )(?<!organised )(?<!organized )(?<!arranged )(?<!gave )(?<!giving )"
    r"{0} (?:in|at|from|under)\b|(?:industrial|summer|winter|vocational|in-plant|inplant|internship|"
    r"apprenticeship|project|academic|classical|military|ncc|practical|formal|intensive|sports|athletic|"
    r"physical|yoga|dance|music|vocal|martial arts|karate|circuit|interval|cardio|endurance|fitness|six months|\d+ (?:days?|weeks?|months?)) {0}\b|"
    r"(?:undergone|underwent|undergo|undergoing|received|completed|attended|attending|pursuing|took) "
    r"(?:\S+ ){0,3}{0}\b|{0} (?:institute|centre|center|certificate|period)\b",
    # performing arts as a pastime, and the other theatres and dramas
    **dict.fromkeys(
        ("music", "singing", "dance", "dancing", "drama"),
        r"(?:listening to|listen to|love|loves|enjoy|enjoys|like|likes|passion for|fond of|interest in|"
        r"interested in)(?: \w+){0,2} {0}\b|{0} (?:lover|listening|player|app|apps|application|streaming|"
        r"store|website|portal)\b|(?:hobbies|hobby|interests|pastimes?)\b[^.\n]{0,60}{0}\b",
    ),
    **dict.fromkeys(
        ("theatre", "theater"),
        r"(?:operation|operating|operation's|home|movie|cinema|multiplex|lecture|war|surgical|ot) {0}\b|"
        r"{0} (?:of war|of operations|complex|nurse|staff|technician|assistant)\b",
    ),
    # a web or mail address ("www.acme.com", "jane@acme.com"; any "linkedin.com" is caught in keep_skill)
    "com": r"(?:www\.|@)\S*{0}\b",
    "shell": r"{0} (?:and tube|oil|petroleum|companies|company|gas|plc|energy|station|structures?|elements?|"
    r"thickness|side|moulding|molding|casting)\b|(?:royal dutch|egg|sea|nut|outer|boiler|tank|at|joined) {0}\b",
}
# Chinese other senses of any form: using the platform, not working on it; coffee, islands, novels.
_CHINESE_OTHER = (
    r"(?:平时|喜欢|经常|爱|常)(?:刷|看|逛|用)\S{0,2}{0}|刷{0}|在{0}上(?:看到|找到|联系|关注|搜索|发现|了解)|"
    r"通过{0}(?:了解|看到|找到|联系|得知|投递|私信)|{0}上(?:看到|找到|联系我|关注我|搜索)|关注我的{0}|"
    r"{0}(?:咖啡|咖啡豆|岛|小说|作家|快递|岛屿|的小说)|(?:喝|买|品尝|读)\S{0,4}{0}|卡夫卡"
)


@lru_cache(maxsize=4096)
def _negatives(low: str) -> re.Pattern:
    if low not in _OTHER_SENSES and low.endswith("s") and low[:-1] in _OTHER_SENSES:
        low = low[:-1]  # "drawings": the senses of "drawing" (the core below takes the plural too)
    escaped = re.escape(low)
    # forms of Latin letters are bounded by Latin letters only, so "go" does not see "ago" and "在LinkedIn上" works
    core = rf"(?<![a-z0-9]){escaped}s?(?![a-z0-9])" if low[:1].isalnum() and low.isascii() else escaped
    pattern = _CHINESE_OTHER.replace("{0}", core)
    other = _OTHER_SENSES.get(low)
    if other:
        pattern += "|" + other.replace("{0}", core)
    return re.compile(pattern, re.IGNORECASE)


def _other_sense(written: str, around: str) -> bool:
    """Whether a cue of another sense of ``written`` is in ``around`` (lowercased), starting at a word edge."""
    for match in _negatives(written.lower()).finditer(around):
        at = match.start()
        if not (at and around[at - 1].isascii() and around[at - 1].isalnum() and around[at].isascii()):
            return True
    return False


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common English first names (US census 1990, shipped by the ``names`` package) that are not everyday
    words: a capitalised one right before a match makes it a person ("Taylor Swift", "Franz Kafka")."""
    try:
        import names
    except ImportError:
        return frozenset({"taylor", "franz"})
    folder = Path(names.__file__).resolve().parent
    out = {"franz"}
    for file in ("dist.male.first", "dist.female.first"):
        path = folder / file
        if not path.exists():
            continue
        for line in path.read_text(encoding="ascii", errors="ignore").splitlines():
            parts = line.split()
            # the 1,500 or so names of at least 0.01% of people; everyday words ("Will", "May") left out
            if len(parts) >= 2 and float(parts[1]) >= 0.01 and english_zipf(parts[0]) < 4.5:
                out.add(parts[0].lower())
    return frozenset(out)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in ".!?;。！？；\n") + 1
    right = len(text)
    for m in _SENTENCE_END.finditer(text, end):
        right = m.start()
        break
    return left, right


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, (right if right >= 0 else len(text))


@dataclass(frozen=True)
class Hit:
    """A match as the judge sees it: where it is, and whether it is a product skill and an ambiguous one."""

    start: int
    end: int
    product: bool
    ambiguous: bool


def keep_skill(
    text: str,
    start: int,
    end: int,
    tier: int,
    *,
    hits: list[Hit],
    in_skills: bool,
    brand: bool = False,
    chinese: bool = False,
) -> bool:
    """Whether the match ``text[start:end]`` of an ambiguous form of tier ``tier`` means the skill."""
    written = text[start:end]
    if start >= 2 and text[start - 1] == "." and text[start - 2].isalnum():
        return False  # the end of an address or a file name: "linkedin.com", "misrot.com"
    low = text.lower()
    s_left, s_right = _sentence(text, start, end)
    before = low[max(s_left, start - 60) : start]
    after = low[end : min(s_right, end + 40)]
    if _other_sense(written, low[max(s_left, start - 40) : min(s_right, end + 30)]):
        return False
    word_before = re.search(r"([A-Za-z]+)\s+$", text[max(s_left, start - 20) : start])
    if word_before and word_before.group(1)[:1].isupper() and word_before.group(1).lower() in first_names():
        return False
    if brand:
        following = re.match(r"\s+([A-Z][A-Za-z0-9]+)", text[end : end + 40])
        if following and not any(h.start == end + following.start(1) for h in hits):
            return False  # "Apache Ranger", "Oracle Fusion": another product of the brand
    score = 3 if in_skills else 0
    l_left, l_right = _line(text, start, end)
    line = text[l_left:l_right]
    if _LIST_LABEL.match(line):
        score += 2
    elif len(_LIST_SEPARATORS.findall(line)) >= 2:
        # a list: the item holding the match is short
        pieces = _LIST_SEPARATORS.split(text[l_left:start])
        item = pieces[-1] + written + _LIST_SEPARATORS.split(text[end:l_right])[0]
        if len(item.split()) <= 4 and len(item) <= 40:
            score += 2
    elif len(line.split()) <= 5 and not re.search(r"[.!?。！？]\s*$", line):
        score += (
            2  # a line of its own: a list item or a tag line ("Docker", "Java JEE", "ios android mobile")
        )
    if _VERSION.match(text[end : end + 12]):
        score += 2
    if _TECH_BEFORE.search(before) or _TECH_AFTER.match(after):
        score += 2
    elif tier == OBJECT and _CHINESE_VERB_BEFORE.search(before):
        score += 2
    neighbours = [
        h
        for h in hits
        if h.product
        and (h.start, h.end) != (start, end)
        and s_left <= h.start < s_right
        and abs(h.start - start) <= 80
        and text[h.start : h.end].lower() != written.lower()
    ]
    if neighbours:
        distinct = {text[h.start : h.end].lower() for h in neighbours}
        score += 2 if any(not h.ambiguous for h in neighbours) or len(distinct) >= 2 else 1
    if tier != OBJECT and any(c.isupper() for c in written[1:]) and not written.isupper():
        score += (
            1  # an inner capital is the product's own spelling (LinkedIn, JavaScript), wherever it stands
        )
    elif tier != OBJECT and not chinese and written[:1].isupper():
        prefix = text[s_left:start].strip(" \t-•*·([\"'“")
        if prefix and prefix[-1:] not in ":：" and not _title_case(text[s_left:s_right]):
            score += 1  # capitalised as the product, not as the first word of a sentence or a heading
    elif chinese and tier == NAME:
        score += 1  # Chinese text writes product names in Latin letters: that is already a sign
    return score >= NEEDED.get(tier, 1)


# Signs that a field's word names a subject studied or researched: a degree or a school nearby, "majored in",
# "a background in", "fields such as", "research".
_STUDY = re.compile(
    r"\b(?:bachelor\w*|masters?|degrees?|diplomas?|(?:post-?|under)?graduat\w*|major(?:ed|ing|s)?|minor|"
    r"honou?rs|hons|b\.?\s?(?:sc|a|e|s|tech|com|ed|f\.?a)|m\.?\s?(?:sc|a|s|tech|com|phil|ed|f\.?a)|ph\.?\s?d|"
    r"doctora\w*|studied|studying|studies|study of|students?|speciali[sz]\w*|courses?|coursework|syllabus|"
    r"curriculum|schools?|colleges?|universit\w*|institute|faculty|department|dept|academ\w*|"
    r"qualifications?|background|fields? (?:such as|of|like)|research\w*|theoretical|knowledge (?:of|in)|"
    r"expertise (?:in|within)|educat\w*|c?gpa|class of|alumn\w*|thesis|dissertation|olympiad)\b"
    r"|专业|学位|本科|硕士|博士|毕业|学历|大学|学院",
    re.IGNORECASE,
)
FIELD_REACH = 100  # characters either side on the match's line where a sign of study counts


def keep_field(text: str, start: int, end: int, *, in_education: bool) -> bool:
    """Whether the FIELD match ``text[start:end]`` names a subject studied ("B.Sc. Physics", "a degree in
    materials or chemistry"), not the everyday thing ("raw materials", "materials budget", "sports day")."""
    if in_education or (start and text[start - 1] == "-" and text[start - 2 : start - 1].isalpha()):
        return True  # an education section, or a compound discipline ("socio-economics", "bio-chemistry")
    l_left, l_right = _line(text, start, end)
    return _STUDY.search(text, max(l_left, start - FIELD_REACH), min(l_right, end + FIELD_REACH)) is not None


def _title_case(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z]+", sentence)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_RELATION_BEFORE = re.compile(
    r"\b(?P<rel>with|alongside|to|for|by|among|between|under|from|hired|hiring|recruited|recruiting|interviewed|"
    r"trained|training|mentored|mentoring|coached|coaching|supervised|supervising|managed|managing|led|leading|"
    r"lead|directed|supported|supporting|support|assisted|assisting|assist|advised|advising|helped|helping|"
    r"coordinated|coordinating|coordinate|liaised|liaising|partnered|partnering|collaborated|collaborating|"
    r"collaborate|reporting|reported|report|reports|serving|served|"
    r"team of|group of|staff of|panel of|number of|teams of)"
    r"(?:\s+(?:the|a|an|our|your|their|his|her|my|its|several|many|multiple|other|fellow|senior|junior|lead|"
    r"external|internal|in-house|on-site|local|closely|directly|with|\d+\+?|[a-z]+-?\w*ed))*\s+$",
    re.IGNORECASE,
)
_HELD_BEFORE = re.compile(
    r"\b(?:promoted|appointed|elevated|moved|transitioned|returned|progressed|"
    r"advanced|rose|grew)\s+to\s+(?:\w+\s+)?$|\b(?:as|was|became|is)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = re.compile(r"^(?:'s|’s)\b")
_ZH_RELATION_BEFORE = re.compile(
    r"(?P<rel>与|和|跟|同|协助|配合|向|给|为|对接|带领|领导|管理|培训|指导|带教|招聘|面试|辅助|支持|陪同|服务于|帮助|"
    r"协调|联系|督导|组织)[^，,。；;！!？?\s：:、]{0,6}$"
    r"|(?P<count>(?:\d+|[一二两三四五六七八九十百千几多数]+)\s*(?:名|位|个|人)(?:的|优秀|资深|专业)?)$"
)
_ZH_RELATION_AFTER = re.compile(r"^(?:们|等|团队|(?P<together>合作|协作|配合|一起|共同)|沟通|汇报|对接|交流)")

# What a relation to people in a role says about the person instead: "worked with data scientists" is
# teamwork, "led a team of 12 nurses" / "带领12名护士的团队" is team management, "trained 15 engineers" mentoring.
TEAMWORK, MANAGEMENT, MENTORING, COORDINATION = (
    "quality.teamwork",
    "skill.team-management",
    "quality.mentoring",
    "quality.coordination-skills",
)
_RELATION_TAGS = {
    **dict.fromkeys(
        "with alongside collaborated collaborating collaborate partnered partnering liaised liaising "
        "supported supporting support assisted assisting assist helped helping 与 和 跟 同 配合 协助 "
        "辅助 支持 帮助".split(),
        TEAMWORK,
    ),
    **dict.fromkeys(
        "led leading lead managed managing supervised supervising directed 带领 领导 管理 督导".split(),
        MANAGEMENT,
    ),
    **dict.fromkeys("trained training mentored mentoring coached coaching 培训 指导 带教".split(), MENTORING),
    **dict.fromkeys("coordinated coordinating coordinate 协调 对接 组织".split(), COORDINATION),
    "team of": MANAGEMENT,
    "teams of": MANAGEMENT,
    "group of": MANAGEMENT,
    "staff of": MANAGEMENT,
}


@dataclass(frozen=True)
class TitleSense:
    """A title match judged: ``held`` when the person held the role; else, when the words before it relate the
    person to people in that role, the tag that relation gives (``relation_tag``) and where it starts."""

    held: bool
    relation_tag: str | None = None
    relation_start: int = 0


def title_sense(text: str, start: int, end: int, *, plural: bool) -> TitleSense:
    """Judge the title match ``text[start:end]`` (see the module docstring)."""
    written = text[start:end]
    s_left, s_right = _sentence(text, start, end)
    after = text[end : min(s_right, end + 12)]
    if _CJK.search(written) or _CJK.search(text[max(s_left, start - 2) : start]) or _CJK.search(after[:2]):
        before_at = max(s_left, start - 12)
        before = text[before_at:start]
        match = _ZH_RELATION_BEFORE.search(before)
        following = _ZH_RELATION_AFTER.match(after)
        if not match and not following:
            return TitleSense(True)
        relation = match and match.group("rel")
        if match and match.group("count"):  # "12名护士": who leads them?
            lead = re.search(
                r"(带领|领导|管理|督导|培训|指导)[^，,。；;\s]{0,3}$",
                text[max(s_left, start - 16) : start - len(match.group("count"))],
            )
            relation = lead.group(1) if lead else None
        if not relation and following and following.group("together"):
            relation = "与"
        tag = _RELATION_TAGS.get(relation or "")
        at = before_at + match.start() if match else start
        return TitleSense(False, tag, at)
    before_at = max(s_left, start - 60)
    before = text[before_at:start]
    if not plural and not _POSSESSIVE_AFTER.match(after) and _HELD_BEFORE.search(before):
        return TitleSense(True)
    match = _RELATION_BEFORE.search(before)
    if match:
        return TitleSense(False, _RELATION_TAGS.get(match.group("rel").lower()), before_at + match.start())
    return TitleSense(not plural and not _POSSESSIVE_AFTER.match(after))


def keep_title(text: str, start: int, end: int, *, plural: bool) -> bool:
    """Whether the title match ``text[start:end]`` names a role the person held."""
    return title_sense(text, start, end, plural=plural).held
