"""Education entries: school, degree (as written) and its level, major, start and end."""

from __future__ import annotations

import re
from dataclasses import replace

from ..types import EducationEntry
from ._common import (
    fold,
    has_keyword,
    keyword_lines,
    line_around,
    lines_between,
    lines_of,
    lowered,
    restore,
    squeeze,
)
from .dates import _DATE, _FULL_DATE, _parts, ranges_in
from .sections import SECTION_HEADERS, has_sections, header_key, section_text

# --------------------------------------------------------------------------------------------- schools

_CN_SCHOOL = re.compile(
    r"[\u4e00-\u9fff]{2,20}?(?:职业技术学院|职业学院|大学|学院|学校|中学|高中|中专|技校|党校|分校)"
    r"(?:[(（][\u4e00-\u9fff]{2,6}[)）])?"
)
_CN_SCHOOL_PREFIX = re.compile(r"^(?:毕业于|就读于|毕业院校|学校名称|学校|院校|在|于)")
_WORD = r"[A-ZÀ-ÖØ-Þ\u0100-\u017f][\w'’&.\-]*"  # "Íde", "Łódź": accented capitals too
_LINK = r"(?:of|and|for|the|de|du|la|di|&|at|in|und|für)"
_EN_SUFFIX = (
    r"(?:Universit(?:y|ies|ät|é|at|e|à|eit)|Universidade?|College|Collegiate|Institute|School|Academy|Polytechnic|"
    r"Hochschule|Vidyalaya|Vidyapeeth|Mahavidyalaya|"
    r"Conservatory|Seminary|(?:Educational|Education|Training|Learning) Cent(?:er|re))"
)
# School words that open a school's name in other languages ("Istituto Alberghiero …", "Coláiste Íde")
_SCHOOL_FIRST = (
    r"(?:Universit(?:é|à|ät|eit|atea)|Universidade?|Istituto|Instituto|Institut|[ÉE]cole|Escola|Escuela|Liceo|"
    r"Lycée|Politecnico|Politehnica|Politeknik|Politechnika|Coláiste|Colegio|Coleg|Gymnasium|Scuola|Sekolah|TAFE|"
    r"Uniwersytet|Universiti|Universitas|Liceum)"
)
# Words of a name are one space apart: a wider gap is a column or field boundary.
# A capitalised word may be followed by one lowercase word before the suffix ("Cisco network academy").
_EN_SCHOOL = re.compile(
    # the school word first, as French, Italian, Spanish and Portuguese names put it ("Università IULM",
    # "Istituto Alberghiero Carlo Porta", "École Polytechnique", "Université Paris Cité"): tried first, or the
    # next pattern would take the school word alone
    rf"{_SCHOOL_FIRST} "
    rf"(?:(?:{_LINK}|din|del|della) )?{_WORD}(?: (?:(?:{_LINK}|din|del|della) )?{_WORD}){{0,4}}"
    rf"|(?:(?:{_WORD}|(?i:{_LINK})) ){{0,7}}(?:{_WORD} (?!(?:{_LINK}) )[a-z]{{3,}} )?(?i:{_EN_SUFFIX})\b"
    rf"(?: (?i:of|for|at|in) (?:(?i:the) )?{_WORD}(?: (?:(?i:{_LINK}) )*{_WORD}){{0,6}})?"
    rf"|(?i:universit(?:y|é|at|à)|universidade?) (?i:of|de|di|degli|do|da) {_WORD}(?: (?:(?i:{_LINK}) )*{_WORD}){{0,5}}"
)
_PLACE_AFTER = re.compile(r" [A-Z][a-z]{2,}(?=\s*(?:[,(|\t]|$| - ))")
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s+")
_EN_SUFFIX_RE = re.compile(_EN_SUFFIX, re.IGNORECASE)
_SCHOOL_FIRST_RE = re.compile(_SCHOOL_FIRST)
# Words that can start a school match but belong to the text before it.
_EN_LEADING_NOISE = re.compile(
    r"^(?:(?:graduated|graduate|studied|study|from|at|in|and|of|(?-i:the)|engineer|specialist|student|"
    r"ba|bs|ma|ms|bsc|msc|mba|phd|certificate|course|courses|"
    r"bachelor(?:'s)?|master(?:'s)?|doctor(?:ate)?|degree|science|arts|engineering|b\.?sc\.?|m\.?sc\.?|"
    r"ph\.?d\.?|mba|attended|education|diploma)\s+)+",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------- degrees

# (pattern, level), longest and most specific first.
_DEGREES: tuple[tuple[str, str], ...] = (
    (r"博士后", "other"),
    (r"博士研究生|博士学位|博士", "doctor"),
    (r"硕士研究生|硕士学位|研究生学历|研究生|硕士|碩士", "master"),
    (r"(?:统招|全日制)?(?:大学)?本科|学士学位|学士|學士", "bachelor"),
    (r"大专|专科|高职|大專|專科", "associate"),
    (r"中专|中技|职高|技校|高中|中專", "secondary"),
    (
        r"Ph\.?\s?D\.?|D\.?Phil\.?|Doctorate|Doctor of [A-Z][a-z]+(?: [A-Z][a-z]+)?|Doctoral degree|Ed\.?D\.?|"
        r"Juris Doctor|J\.D\.|Pharm\.\s?D\.?",
        "doctor",
    ),
    (r"E\.?M\.?B\.?A\.?|Executive MBA|M\.?B\.?A\.?|M\.?P\.?A\.?|M\.?P\.?Acc\.?|MPH|MFA|LL\.?M\.?", "master"),
    (
        r"Master(?:'s|’s|s)?(?: degree)?(?: of (?:Science|Arts|Engineering|Business Administration|Laws|Philosophy|"
        r"Fine Arts|Education|Public Administration|Computer Science|Technology))?",
        "master",
    ),
    (
        r"M\.\s?Sc\.?|MSc|M\.S\.?|M\.A\.?|M\.?\s?Eng\.?|MEng|M\.?Phil\.?|M\.?Tech\.?|M\.?Res\.?|M\.?Ed\.?",
        "master",
    ),
    (
        r"Bachelor(?:'s|’s|s)?(?: degree)?(?: of (?:Science|Arts|Engineering|Business Administration|Laws|Commerce|"
        r"Fine Arts|Education|Technology|Computer Science))?",
        "bachelor",
    ),
    (
        r"B\.\s?Sc\.?|BSc|B\.S\.?|B\.A\.?|B\.?\s?Eng\.?|BEng|B\.?B\.?A\.?|B\.?Tech\.?|LL\.?B\.?|B\.?Com\.?|BFA|"
        r"M\.?B\.?B\.?S\.?|MBChB|B\.?D\.?S\.?",
        "bachelor",
    ),
    (r"Associate(?:'s)? (?:degree|of (?:Arts|Science|Applied Science))|A\.A\.S?\.|HND", "associate"),
    (
        r"High School(?: Diploma)?|Secondary School|GED|A[- ]Levels?|GCSEs?|O[- ]Levels?|IGCSEs?|Abitur|"
        r"International Baccalaureate|IB Diploma|Leaving Cert(?:ificate)?|Matric(?:ulation)?|Matura|"
        r"(?:National |West African )?Senior (?:School )?Certificate|SSCE|WAEC|KCSE|SPM|Class XII|12th",
        "secondary",
    ),
    # Indian and other Commonwealth degrees: MCA, M.Com, PGDM; B.E., BCA, B.Sc IT, B.Ed; a (polytechnic)
    # diploma; HSC / SSC school certificates.
    (r"M\.?C\.?A\.?|M\.?Com\.?|PGDM|PGDBA|M\.\s?E\.?|M\.?Pharm\.?", "master"),
    (r"P\.?G\.?\s?Diploma|Post[- ]?Graduate Diploma|PGD", "bachelor"),
    (
        r"B\.\s?Tech\.?|B\.\s?A\.|LL\.\s?B\.?|B\.\s?E\.?|B\.?C\.?A\.?|B\.?Sc\.?\s?IT|TYBCOM|B\.?Ed\.?|B\.?Pharm\.?|B\.?Arch\.?|BBM|BMS",
        "bachelor",
    ),
    (r"Diploma", "associate"),
    (
        r"H\.?S\.?C\.?|S\.?S\.?C\.?|Higher Secondary(?: Certificate| School)?|Senior Secondary|CBSE|ICSE",
        "secondary",
    ),
)
# One alternation with a group per pattern: a single search finds the leftmost degree on the line.
# English patterns match any case (CVs write "MASTER OF …"), but a match must start with a capital:
# "a master of disguise" is not a degree. "Scrum Master" is a certificate.
_DEGREE_RE = re.compile(
    r"(?<![A-Za-z])(?<!Scrum )(?<!SCRUM )(?:"
    + "|".join(f"(?P<d{i}>{pattern})" for i, (pattern, _level) in enumerate(_DEGREES))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_DEGREE_LEVELS = {f"d{i}": level for i, (_pattern, level) in enumerate(_DEGREES)}

# Bare two-letter degrees are accepted only in a degree-like position: "BS in CS", "MS, Stanford",
# "MA (Economics)", or first on the line; never "MS Office" or "Boston, MA".
_BARE_DEGREE = re.compile(
    r"(?<![A-Za-z.])(?<!(?i:about) )(BS|MS|BA|MA|PhD|BE|ME|BCS|MCS)(?![A-Za-z.])"
    r"(?=\s+(?:in|of)\s|\s*[,(/]|\s*$|\s+[A-Z][a-z])"
)
_BARE_LEVELS = {
    "BS": "bachelor",
    "BA": "bachelor",
    "BE": "bachelor",
    "BCS": "bachelor",
    "MS": "master",
    "MA": "master",
    "ME": "master",
    "MCS": "master",
    "PhD": "doctor",
}
_IN_OF = re.compile(r"\s+(?:in|of)\s")
_NOT_DEGREE_AFTER = re.compile(
    r"\s+(?:Office|Excel|Word|SQL|Access|Project|Visio|Dynamics|Teams|Azure|PowerPoint|DOS)\b"
)

# --------------------------------------------------------------------------------------------- majors

_CN_MAJOR_LABEL = re.compile(r"(?:专业|專業|主修|所学专业)\s*[:：]\s*([^\s,，;；|/、]{2,20})")
_FACULTY = re.compile(r"^.*学院")
_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?<!体)系(?=[\u4e00-\u9fff]{2})")  # not 体系结构
_CJK_FIELD = re.compile(r"[\u4e00-\u9fff（）()·、]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_EN_MAJOR_LABEL = re.compile(r"(?i)\b(?:major|field of study)\s*:\s*([A-Za-z][\w &/\-]{1,60})")
_CN_MAJOR_SUFFIX = re.compile(r"([\u4e00-\u9fff（）()]{2,15}?)专业(?![:：])")
_EN_MAJOR_AFTER = re.compile(
    r"(?:in|of)\s+(?:(?:Science|Arts|Engineering)\s+(?:in|of)\s+)?"
    r"([A-Za-z][A-Za-z&/\- ]{1,60}?)(?=\s*(?:[,;(|\t]|\s-\s|\bat\b|\bfrom\b|\bwith\b|$|\d))"
)
_EN_MAJOR_BEFORE = re.compile(
    r"([A-Z][A-Za-z&/\- ]{1,60}?)\s*,\s*(?:B\.?\s?Sc\.?|M\.?\s?Sc\.?|BS|MS|BA|MA|B\.?A\.?|M\.?A\.?|"
    r"B\.?Eng\.?|M\.?Eng\.?|PhD|Ph\.D\.|MBA)(?![A-Za-z])"
)
_EN_MAJOR_COMMA = re.compile(r"^\s*,\s*([A-Za-z][A-Za-z&/\- ]{2,60}?)\s*(?=[,;(|\t]|$|\d)")
# Tokens in a "date  school  major  degree" row that are not the major.
_NOT_MAJOR = re.compile(
    r"^(?:统招|全日制|非全日制|在职|自考|成人教育|函授|网络教育|985|211|双一流|一本|二本|三本|毕业|在读|"
    r"学历|学位|专业|学校|时间|gpa.*|绩点.*|排名.*|主修课程.*|\d.*)$",
    re.IGNORECASE,
)
_FIELD_SPLIT = re.compile(r"\s{2,}|\t|\s*[|｜/,，;；、]\s*|\s+-\s+")


# Cheap first looks (substring tests on the lowercased line) before the full patterns.
_DEGREE_KEYS = (
    "博士",
    "硕士",
    "碩士",
    "研究生",
    "本科",
    "学士",
    "學士",
    "大专",
    "专科",
    "高职",
    "大專",
    "專科",
    "中专",
    "中技",
    "职高",
    "技校",
    "高中",
    "中專",
    "ph.d",
    "phd",
    "ph. d",
    "ph d",
    "doctor",
    "d.phil",
    "dphil",
    "ed.d",
    "edd",
    "mba",
    "m.b.a",
    "mpa",
    "m.p",
    "mph",
    "mfa",
    "ll.b",
    "ll.m",
    "llb",
    "llm",
    "master",
    "m.",
    "msc",
    "meng",
    "mphil",
    "mtech",
    "mres",
    "bachelor",
    "b.",
    "bsc",
    "beng",
    "bba",
    "btech",
    "bcom",
    "bfa",
    "associate",
    "a.a",
    "hnd",
    "high school",
    "secondary",
    "ged",
    "a-level",
    "a level",
    "mbbs",
    "m.b.b.s",
    "mbchb",
    "bds",
    "b.d.s",
    "m.ed",
    "med",
    "gcse",
    "o-level",
    "o level",
    "abitur",
    "baccalaureate",
    "ib diploma",
    "leaving certificate",
    "matric",
    "matura",
    "senior certificate",
    "senior school certificate",
    "ssce",
    "waec",
    "kcse",
    "spm",
    "class xii",
    "12th",
    "juris doctor",
    "j.d.",
    "pharm",
    "executive mba",
    "mca",
    "m.c.a",
    "mcom",
    "pgd",
    "pg diploma",
    "post graduate",
    "postgraduate",
    "m.e",
    "b.e",
    "bca",
    "b.c.a",
    "bscit",
    "bcom",
    "tybcom",
    "b.ed",
    "bbm",
    "bms",
    "diploma",
    "hsc",
    "h.s.c",
    "ssc",
    "s.s.c",
    "higher secondary",
    "senior secondary",
    "cbse",
    "icse",
)
_CN_SCHOOL_KEYS = ("大学", "学院", "学校", "中学", "高中", "中专", "技校", "党校", "分校")
_EN_SCHOOL_KEYS = (
    "universi",
    "istitut",
    "école",
    "coláiste",
    "colegio",
    "gymnasium",
    "scuola",
    "sekolah",
    "politeknik",
    "politechnika",
    "uniwersytet",
    "liceum",
    "coleg",
    "politehnica",
    "tafe",
    "vidyalaya",
    "vidyapeeth",
    "ecole",
    "escola",
    "escuela",
    "collegiate",
    "liceo",
    "lycée",
    "politecnico",
    "college",
    "institut",
    "school",
    "academ",
    "polytechn",
    "hochschule",
    "conservator",
    "seminar",
    "center",
    "centre",
)
_SCHOOL_KEYS = _CN_SCHOOL_KEYS + _EN_SCHOOL_KEYS


def _degree(line: str, in_section: bool) -> tuple[str, str, int, int] | None:
    """(degree as written, level, start, end) of the first degree on the line."""
    best = None
    for match in _DEGREE_RE.finditer(line) if has_keyword(line.lower(), _DEGREE_KEYS) else ():
        first = match.group()[0]
        if first.isupper() or not first.isascii():
            best = (match.group(), _DEGREE_LEVELS[match.lastgroup], match.start(), match.end())
            break
    if best is None and in_section:
        for match in _BARE_DEGREE.finditer(line):
            before = line[: match.start()].rstrip()
            if before.endswith(",") and not _IN_OF.match(line, match.end()):
                continue  # "Cambridge, MA"
            if _NOT_DEGREE_AFTER.match(line, match.end()):
                continue
            level = _BARE_LEVELS[match.group(1)]
            return match.group(1), level, match.start(), match.end()
    return best


def level_of(degree: str | None) -> str | None:
    """The level (secondary, associate, bachelor, master, doctor, other) of a degree as written."""
    if not degree:
        return None
    found = _degree(degree, True)
    return found[1] if found else "other"


def _schools(line: str) -> list[tuple[str, int, int]]:
    """Schools named on the line, outside parentheses ("(Technical University)" qualifies the school
    before it, it does not start a new one)."""
    found: list[tuple[str, int, int]] = []
    for match in _CN_SCHOOL.finditer(line) if has_keyword(line, _CN_SCHOOL_KEYS) else ():
        name = _CN_SCHOOL_PREFIX.sub("", match.group())
        first = name.find("大学")
        if 0 < first < len(name) - 2 and name.endswith("学院"):  # 北京大学光华管理学院 → 北京大学
            name = name[: first + 2]
        if len(name) >= 3:
            found.append((name, match.start(), match.end()))
    degree = _degree(line, True) if has_keyword(line.lower(), _EN_SCHOOL_KEYS) else None
    for match in _EN_SCHOOL.finditer(line) if has_keyword(line.lower(), _EN_SCHOOL_KEYS) else ():
        if degree and degree[2] <= match.start() and match.end() <= degree[3] + 1:
            # "High School Diploma", "Senior School Certificate": a qualification's name, not a school (but
            # "Lincoln High School Diploma" names one: its match starts before the degree's)
            continue
        name = _SENTENCE_END.split(match.group())[-1]  # "…using React. Shevah Mofet High School"
        tail = _PLACE_AFTER.match(line, match.end())
        if tail:  # "Imperial College London", "University College Dublin"
            name += tail.group()
        name = _EN_LEADING_NOISE.sub("", name).strip(" ,.")
        if _inside_parentheses(line, match.start()):
            # "NTUDP (Dnipro Polytechnic National Technical University)": the abbreviation is the school.
            abbreviation = _ABBREVIATION.match(line[: line.rfind("(", 0, match.start())])
            if not abbreviation:
                continue
            close = line.find(")", match.end())
            found.append(
                (
                    line[abbreviation.start(1) : close + 1 if close > 0 else match.end()],
                    abbreviation.start(1),
                    match.end(),
                )
            )
            continue
        if (
            len(name) < 6
            or len(name.split()) < 2
            or not (_EN_SUFFIX_RE.search(name) or _SCHOOL_FIRST_RE.match(name))
        ):
            continue
        found.append((name, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


_ABBREVIATION = re.compile(r"^[\s·\-*]*(?:(?:19|20)\d\d\s*)?([A-Z][A-Z&]{1,9})\s*$")


def _inside_parentheses(line: str, pos: int) -> bool:
    return line.rfind("(", 0, pos) > line.rfind(")", 0, pos)


def _major(line: str, school: tuple[str, int, int] | None, degree: tuple | None) -> str | None:
    for pattern in (_CN_MAJOR_LABEL, _CN_MAJOR_SUFFIX):
        match = pattern.search(line)
        if match:
            major = match.group(1)
            if school and school[0] in major:  # "毕业于浙江大学计算机专业"
                major = major.split(school[0], 1)[1]
            if "学院" in major or "系" in major:  # "信息学院计算机系软件工程" → "软件工程"
                major = _DEPARTMENT.sub("", _FACULTY.sub("", major))
            if len(major) >= 2:
                return major
    if degree:
        tail = line[degree[3] :]
        for pattern in (_EN_MAJOR_AFTER, _EN_MAJOR_COMMA):
            match = pattern.match(tail.lstrip(" .")) if pattern is _EN_MAJOR_AFTER else pattern.match(tail)
            if match and not _schools(match.group(1)):
                return squeeze(match.group(1)).strip(" /-&,")
    match = _EN_MAJOR_BEFORE.search(line)
    if match and not _schools(match.group(1)):
        return squeeze(match.group(1).split(",")[-1])
    return _major_from_fields(line, school, degree)


def _major_from_fields(line: str, school, degree) -> str | None:
    """In a row of separated fields ("2011.09-2015.06  清华大学  计算机科学与技术  本科"), the CJK field that
    is neither date, school, degree nor a qualifier."""
    if not school and not degree:
        return None
    for field in _FIELD_SPLIT.split(line):
        field = field.strip(" :：()（）")
        if not field or len(field) < 2 or len(field) > 20 or _FULL_DATE.fullmatch(field):
            continue
        if not _CJK_FIELD.fullmatch(field) or _NOT_MAJOR.match(field):
            continue
        if _schools(field) or _degree(field, True) or _FOUR_DIGITS.search(field):
            continue
        return field
    return None


# --------------------------------------------------------------------------------------------- entries


def extract_education(text: str) -> list[EducationEntry]:
    """Education entries, from the education section(s) when the resume has headers, else from lines
    that name a school or a degree. Consecutive lines are merged into one entry until a second school,
    a second date range or a second degree starts the next one."""
    spans = section_text(text, ("education",))
    in_section = bool(spans)
    entries: list[EducationEntry] = []
    if not spans:
        across = _read_across_spans(text)
        for span_start, span_end in across:
            entries.extend(e for e in _entries(text, span_start, span_end, True) if e not in entries)
        if has_sections(text):
            spans = section_text(text, ("top", "basic_info", "summary", "other"))
        else:
            spans = [(0, len(text))]
        spans = _without(spans, across)
    for span_start, span_end in spans:
        entries.extend(e for e in _entries(text, span_start, span_end, in_section) if e not in entries)
    return [_school_level(entry) for entry in entries]


# Schools whose name says they are secondary schools ("Nottingham High School", "Ripon Grammar School",
# "Raffles Junior College", "III Liceum Ogólnokształcące"): their entry's level when no degree gave one
_SECONDARY_SCHOOL = re.compile(
    r"\b(?:High School|Secondary School|Grammar School|Collegiate(?: Institute)?|Junior College|Gymnasium|Liceum|"
    r"Liceo|Lycée|Lyceum|Colegiul|Boys['’]? (?:High )?School|Girls['’]? (?:High )?School|Sixth Form College)\b",
    re.IGNORECASE,
)


def _school_level(entry: EducationEntry) -> EducationEntry:
    if entry.level or not entry.school or not _SECONDARY_SCHOOL.search(entry.school):
        return entry
    return replace(entry, level="secondary")


# Words of English section headers: a line made only of them ("SUMMARY EDUCATION", "EDUCATION SKILLS") is
# two or three columns' headers read across.
_HEADER_WORDS = frozenset(
    word
    for headers in SECTION_HEADERS.values()
    for header in headers
    if header.isascii()
    for word in header.lower().replace("&", " ").split()
) | {"and", "&", "relevant", "academic"}
_EDUCATION_WORD = re.compile(r"^(?:EDUCATIONS?|Educations?)[:：]?$")


def _read_across_spans(text: str) -> list[tuple[int, int]]:
    """Education "sections" whose header was read across with other columns' headers or text, which
    ``sections`` does not take for a header: "SUMMARY EDUCATION", "PROFESSIONAL SUMMARY EDUCATION RELEVANT
    EXPERIENCE", "ACADEMIC EDUCATION", "Educations and Courses:", "Head of IT department … EDUCATION" (a
    header in capitals ending a line of the other column). Each runs to the next header line."""
    if "educat" not in lowered(text):
        return []
    folded = fold(text)
    lines = lines_of(text)
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for start, end in lines:
        line = folded[start:end]
        words = line.split()
        if opened is not None and (header_key(line, folded=True) or _is_header_row(words)):
            spans.append((opened, start))
            opened = None
        if opened is None and 0 < len(words) and _education_header(words):
            opened = min(end + 1, len(text))
    if opened is not None:
        spans.append((opened, len(text)))
    return [span for span in spans if span[1] > span[0]]


def _is_header_row(words: list[str]) -> bool:
    return 1 < len(words) <= 6 and all(w.lower().strip(":：") in _HEADER_WORDS for w in words)


def _education_header(words: list[str]) -> bool:
    at = [i for i, word in enumerate(words) if _EDUCATION_WORD.match(word)]
    if not at:
        return False
    if _is_header_row(words):
        return True
    if at[0] == 0 and len(words) <= 4 and words[-1].endswith((":", "：")):  # "Educations and Curses:"
        return True
    # "Head of IT department Jul. 2001  Dec. 2009 EDUCATION": a capitals header ending the line.
    return at[-1] == len(words) - 1 and words[-1].isupper() and len(words) > 1


def _without(spans: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` minus the ranges of ``cut``."""
    result = []
    for start, end in spans:
        pieces = [(start, end)]
        for cut_start, cut_end in cut:
            pieces = [
                piece
                for a, b in pieces
                for piece in ((a, min(b, cut_start)), (max(a, cut_end), b))
                if piece[1] > piece[0]
            ]
        result.extend(pieces)
    return result


def _entries(text: str, span_start: int, span_end: int, in_section: bool) -> list[EducationEntry]:
    """Merge consecutive lines into entries; a second school, date range or degree starts a new one.
    Outside an education section only lines naming a school or a degree count, plus a date line right
    after one of them; any other line closes the entry."""
    folded = fold(text)
    keyed = frozenset() if in_section else keyword_lines(text, _SCHOOL_KEYS + _DEGREE_KEYS)
    entries: list[EducationEntry] = []
    current: dict = {}
    lines = [(s, e) for s, e in lines_between(text, span_start, span_end) if e > s and folded[s:e].strip()]
    for index, (start, end) in enumerate(lines):
        line_before = folded[slice(*lines[index - 1])] if index else ""
        open_without_dates = bool(current) and "range" not in current
        if not in_section and not open_without_dates and line_around(folded, start)[0] not in keyed:
            _flush(current, entries)  # cheap path: no school or degree keyword on the line
            current = {}
            continue
        features = _line_features(text, folded, start, end, in_section)
        joined = _school_across_lines(line_before, folded[start:end])
        if joined and (
            "school" not in features or len(joined) > len(features["school"])
        ):  # "Ryazan State Radio-" / "Engineering University"
            if current.get("school") and joined.startswith(current["school"]):
                current["school"] = joined  # "… University of Higher School of" / "Economics"
                features.pop("school", None)
            else:
                features["school"] = joined
        if features.pop("name_only", False):
            # "Udemy" / "Complete JavaScript Course, 2021": a name alone on its line is a provider when a
            # dated course follows it; it starts the next entry.
            following = folded[slice(*lines[index + 1])] if index + 1 < len(lines) else ""
            if _COURSE_WORD.search(following) and _SINGLE_DATE.search(following):
                _flush(current, entries)
                current = {}
            else:
                features.pop("name", None)
        elif (
            "name" in features
            and "range" not in features
            and ("school" in current or "degree" in current or "described" in current)
        ):
            features.pop("name")  # a line under a named or described entry, not a provider
        named = "school" in features or "degree" in features
        if not in_section and not named and not (open_without_dates and "range" in features):
            _flush(current, entries)
            current = {}
            continue
        if any(key in current and key in features for key in ("school", "range", "degree")):
            _flush(current, entries)
            current = {}
        for key, value in features.items():
            current.setdefault(key, value)
    _flush(current, entries)
    return _without_repeats(entries)


_COURSE_WORD = re.compile(
    r"(?i)\b(?:course|courses|program(?:me)?|training|bootcamp|certificat\w*|nanodegree)\b"
)


def _without_repeats(entries: list[EducationEntry]) -> list[EducationEntry]:
    """Columns read across repeat a school: an entry with nothing but a school that another entry's school
    contains ("… University of Higher School" beside "… University of Higher School of Economics", with its
    degree and year) adds nothing."""
    kept = []
    for entry in entries:
        bare = entry.school and not (entry.degree or entry.major or entry.start or entry.end)
        if bare and any(
            other is not entry and other.school and entry.school.lower() in other.school.lower()
            for other in entries
        ):
            continue
        kept.append(entry)
    return kept


_TAIL_WORD = re.compile(r"^(?:[A-Z][\w'’&.\-]*|of|and|for|the|&)$")


def _school_across_lines(line_before: str, line: str) -> str | None:
    """A school name a narrow column split over two lines: the capitalised words ending the line before
    joined to the start of this one ("Ryazan State Radio-" / "Engineering University (Russia).",
    "Saint-Petersburg Academic" / "University", "… University of Higher School of" / "Economics"). Only
    when the name's school word is on this line or the line before ends mid-name (with "of", "and", "-")."""
    if not line_before or not line or not line[:1].isupper():
        return None
    own = _schools(line)
    if own and own[0][1] == 0 and not line_before.rstrip().endswith(("of", "and", "&", "-")):
        return None  # "Moscow State University, …" is whole: the line before is another column
    tail: list[str] = []
    for word in reversed(line_before.split("  ")[-1].split()):
        if not _TAIL_WORD.match(word) or (tail and word.endswith((".", ",", ":", ";"))):
            break
        tail.insert(0, word)
    if not tail or tail[-1].endswith((".", ",", ":", ";")):
        return None
    mid_name = tail[-1] in ("of", "and", "for", "&") or tail[-1].endswith("-")
    head = " ".join(tail)
    glue = "" if head.endswith("-") else " "
    joined = head + glue + line.split("  ")[0]
    for name, position, end in _schools(joined):
        if position >= len(head) or end <= len(head):
            continue  # the school is on one of the lines alone
        if _title_word().search(joined, len(head), end):
            return None  # "… Higher School of" / "Store Floor Manager": the other column's job title
        if mid_name or _EN_SUFFIX_RE.search(joined, len(head), end):
            return name
    return None


def _line_features(text: str, folded: str, start: int, end: int, in_section: bool) -> dict:
    line = folded[start:end]
    features: dict = {}
    schools = _schools(line)
    if not schools and in_section:
        schools = _known_providers(line)
    school = schools[0] if schools else None
    degree = _degree(line, in_section)
    if degree and school and school[0].lower().endswith(degree[0].lower()):
        degree = None  # "Harry Ainlay High School": the school's own words, not a second qualification
    if school:
        features["school"] = restore(school[0], line, text[start:end])
    if degree:
        features["degree"] = (restore(degree[0], line, text[start:end]), degree[1])
    ranges = ranges_in(text, start, end)
    if ranges:
        features["range"] = (ranges[0].start, ranges[0].end, ranges[0].current)
    elif school or degree:
        # "MSc …, 2004", "January 2017 MBA": one date is the graduation; a year alone means June.
        single = _SINGLE_DATE.search(line)
        parts = _parts(single.group()) if single else None
        if parts:
            features["range"] = (None, f"{parts[0]:04d}-{parts[1] or 6:02d}", False)
    else:
        # "University of Leeds / BSc in Economics / 2017": a line holding only a date (or "Graduated 2017",
        # "Class of 2017") is the graduation of the entry above it.
        single = _SINGLE_DATE.search(line)
        rest = line[: single.start()] + line[single.end() :] if single else ""
        parts = _parts(single.group()) if single and _LONE_DATE_REST.match(rest) else None
        if not parts and in_section and single:
            # A narrow column wrapped the entry: "University of Cape Town, PhD in" / "Electrical Engineering,
            # 2015", "PhD in Statistics — University of" / "California, Davis (2013)": the year ends the line.
            tail = _WRAPPED_YEAR.search(line)
            parts = _parts(tail.group(1)) if tail else None
        if not parts and in_section and single:
            # "2021 Special program for software developers …" / "Tel Ran Educational Center": a year
            # opening a line of the education section dates the entry that line starts.
            lead = _LEADING_YEAR.match(line)
            parts = _parts(lead.group(1)) if lead else None
            if parts:
                features["described"] = True
        if parts:
            features["range"] = (None, f"{parts[0]:04d}-{parts[1] or 6:02d}", False)
    if in_section and not school and not degree:
        name = _provider(line)
        if name:
            features["name"] = restore(name[0], line, text[start:end])
            if name[1]:
                features["name_only"] = True
    if school or degree:
        major = _major(line, school, degree)
    else:
        major = _lone_major(line) if in_section else None
    if major:
        features["major"] = restore(major, line, text[start:end])
    return features


_SINGLE_DATE = re.compile(_DATE, re.IGNORECASE)
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\b(?![.\-/]\d)\s*[A-Za-z]")
# A school or course provider without a school word ("IBDA, Moscow | 2015 - 2017", "Ulpan, Bet, UTime,
# 2022", "Udemy"): the line's first field, one to three capitalised words, after a leading date.
_PROVIDER = re.compile(
    r"^\s*(?:(?:19|20)\d\d\s*(?:-\s*(?:(?:19|20)\d\d)?)?\s*)?([A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,2})"
)
_PROVIDER_END = re.compile(r"\s*(?:$|[,|;(\t]|\s{2}|\s-\s)")
_WRAPPED_YEAR = re.compile(r"(?:,|\(|\s-\s|–|—)\s*((?:19|20)\d\d)\s*\)?\s*$")
_LONE_DATE_REST = re.compile(
    r"^[\s(),.:\-|]*(?:(?:graduated|graduation|class of|expected|毕业)[\s:：]*)?[\s(),.:\-|]*$", re.IGNORECASE
)


# Course providers and coding schools people list under Education, known by name (they carry no school word):
# found anywhere on a line of the education section ("2020  Java basic courses, online courses Udemy").
_KNOWN_PROVIDERS = re.compile(
    r"(?<![\w.])(?:Udemy|Coursera|edX|Udacity|Pluralsight|LinkedIn Learning|Lynda\.com|DataCamp|Codecademy|"
    r"freeCodeCamp|Skillshare|FutureLearn|Treehouse|Simplilearn|upGrad|Great Learning|NPTEL|Scaler|Le Wagon|"
    r"Ironhack|Springboard|Stepik|Skillbox|GeekBrains|Netology|Hexlet|OTUS|Yandex[. ]Practicum|"
    r"(?:[ÉE]cole )?42 (?:Paris|Berlin|Wolfsburg|Heilbronn|Madrid|Lisboa|Tokyo|Seoul|Silicon Valley)|"
    r"慕课网|中国大学MOOC|网易云课堂|极客时间|拉勾教育|黑马程序员|传智播客|达内)(?![\w])"
)


def _known_providers(line: str) -> list[tuple[str, int, int]]:
    """Known course providers on the line, as ``_schools`` gives schools."""
    return [(m.group(), m.start(), m.end()) for m in _KNOWN_PROVIDERS.finditer(line)]


def _title_word() -> re.Pattern:
    from .experience import _EN_TITLE  # experience imports this module: read at call time

    return _EN_TITLE


def _provider(line: str) -> tuple[str, bool] | None:
    """(name, whether it is alone on the line) of an unnamed school or course provider opening a line of
    the education section; never a header, a month, a degree or the start of a sentence."""
    match = _PROVIDER.match(line)
    if not match or not _PROVIDER_END.match(line, match.end()):
        return None
    name = match.group(1).rstrip(".")
    words = name.split()
    if len(name) < 3 or header_key(name, folded=True) or _SINGLE_DATE.match(name):
        return None
    if any(w.lower() in _HEADER_WORDS for w in words) or _degree(name, True) or _title_word().search(name):
        return None  # a header, a degree, a job title ("Internship, Service Engineer, …")
    return name, not line[match.end() :].strip(" .,;|")


def _lone_major(line: str) -> str | None:
    """A line in the education section that only says the major: "专业：软件工程", "Major: Finance"."""
    match = _CN_MAJOR_LABEL.search(line) or _EN_MAJOR_LABEL.search(line)
    return squeeze(match.group(1)) if match else None


def _flush(current: dict, entries: list[EducationEntry]) -> None:
    if (
        current
        and not current.get("school")
        and current.get("name")
        and (current.get("degree") or "range" in current)
    ):
        current["school"] = current["name"]  # a provider without a school word, dated or with a degree
    if not current or not (current.get("school") or current.get("degree")):
        return
    degree = current.get("degree")
    start, end, _current = current.get("range", (None, None, False))
    entry = EducationEntry(
        school=current.get("school"),
        degree=degree[0] if degree else None,
        level=degree[1] if degree else None,
        major=current.get("major"),
        start=start,
        end=end,
    )
    if entry not in entries:  # multi-column layouts repeat blocks
        entries.append(entry)
