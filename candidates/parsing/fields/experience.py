"""Work experience entries: company, title, start, end, current.

Each entry is anchored on a date range. Company and title come from the same line ("2018.03-2021.06
华为技术有限公司 高级软件工程师", "Senior Engineer, Google — Mar 2018 – Present") or, when the line has only
the dates, from the short lines just above (LinkedIn: company, title, dates) or just below (dates,
company, title). A company is recognised by its suffix (有限公司, 集团, Inc., Ltd., GmbH…) or by a label
(公司：, Company:); a title by a title word (工程师, 经理, Engineer, Manager…) or a label (职位：, Title:).
When one of the two is known, the one remaining unclassified field beside it is taken as the other.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..text import dekern
from ..types import ExperienceEntry, Span
from ..word_sense import english_zipf
from ._common import fold, has_cjk, lines_between, restore
from .dates import DateRange, leading_end, leading_single, leading_start, ranges_in
from .education import _degree, _schools
from .layout import _CONNECTORS
from .places import COUNTRIES as _COUNTRIES
from .places import PLACES as _LOCATION_WORDS
from .places import REGION_CODES as _REGION_CODES
from .sections import _segments, has_sections, header_key, section_text

_CN_COMPANY_SUFFIX = (
    r"(?:有限责任公司|股份有限公司|有限公司|集团(?:公司)?|公司|科技|银行|研究院|研究所|设计院|事务所|工作室|医院|"
    r"分行|支行|商行|出版社|电视台|报社|协会|基金会|学校|大学|学院|委员会|政府|局|门店|酒店|厂)"
)
# Legal-form suffixes always mark a company; generic words ("Group", "Software", "Systems") only at the
# end of a name of at least two words and not when a title word follows ("Software Engineer").
_EN_LEGAL_SUFFIX = (
    r"Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|GmbH|AG|S\.A\.|SAS|B\.V\.|N\.V\.|Corp\.?|"
    r"Corporation|Co\.(?:,?\s*Ltd\.?)?|PLC|Pte\.?\s*Ltd\.?|Pty\.?\s*Ltd\.?|Sdn\.?\s*Bhd\.?|Berhad|Bhd\.?|"
    r"Pvt\.?\s*Ltd\.?|S\.p\.A\.|S\.r\.l\.|sp\. z o\.o\."
)
_EN_GENERIC_SUFFIX = (
    r"Company|Group|Holdings|Technologies|Technology|Labs?|Bank|Solutions|Systems|Consulting|Consultancy|"
    r"Partners|Software|Studios?|Ventures|Capital|Services|International|Networks|Media|Games|Agency|"
    r"Institute|University|Hospital|Foundation|Cent(?:er|re)|Associates|Enterprises|Industries|Motors|Airlines|"
    r"Pharmaceuticals|Bank of [A-Z]\w+"
)
_EN_COMPANY_SUFFIX = f"(?:{_EN_LEGAL_SUFFIX}|{_EN_GENERIC_SUFFIX})"
_EN_LEGAL_RE = re.compile(f"(?:{_EN_LEGAL_SUFFIX})$", re.IGNORECASE)
_CN_COMPANY = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9（）()·&\-]{{1,40}}?{_CN_COMPANY_SUFFIX}")
_EN_COMPANY_END = re.compile(rf"(?<![A-Za-z]){_EN_COMPANY_SUFFIX}(?![A-Za-z])", re.IGNORECASE)
_CN_TITLE = re.compile(
    r"工程师|经理|总监|主管|专员|主任|助理|顾问|架构师|分析师|总裁|总经理|副总|董事|组长|负责人|实习生|实习|设计师|"
    r"程序员|运营|产品|销售|会计|出纳|律师|教师|讲师|研究员|科学家|编辑|记者|翻译|文员|秘书|行政|人事|技术员|店长|"
    r"主编|合伙人|创始人|专家|总工|测试|前端|后端|算法|开发|职员|客服|代表|督导|策划|教练|医生|护士|药师|工艺员|"
    r"质检员|采购|班长|厨师|經理|總監|工程師|設計師|顧問|專員"
)
_EN_TITLE = re.compile(
    r"(?<![A-Za-z])(?:Engineer|Engineering Manager|Manager|Director|Lead|Leader|Head|Analyst|Consultant|Developer|"
    r"Designer|Specialist|Intern|Internship|Architect|Scientist|Programmer|Officer|Coordinator|Administrator|"
    r"Assistant|Associate|Representative|Executive|President|VP|Vice President|CEO|CTO|CFO|COO|CIO|CMO|Founder|"
    r"Co-?founder|Partner|Researcher|Accountant|Auditor|Teacher|Lecturer|Professor|Nurse|Technician|Supervisor|"
    r"Owner|Trainee|Tester|QA|Writer|Editor|Recruiter|Advisor|Adviser|Strategist|Planner|Buyer|Agent|Operator|"
    r"Fellow|Clerk|Secretary|Cashier|Tutor|Instructor|Trainer|Chef|Mechanic|Electrician|Pharmacist|Physician|"
    r"Attorney|Lawyer|Paralegal|Producer|Marketer|SDE|SWE|DevOps|SRE|Principal|Expert|Evangelist|"
    r"Product Owner|Scrum Master|Webmaster|Freelancer?|Contractor|Volunteer|Team-?lead(?:er)?|Interviewer|"
    r"Surveyor|Inspector|Coach|Mentor|Translator|Interpreter|Copywriter|Bookkeeper|Controller|Dispatcher|"
    r"Merchandiser|Estimator|Draughtsman|Draftsman|Therapist|Receptionist|Journalist|Photographer|"
    r"Salesperson|Salesman|Saleswoman|Promoter|Moderator|Stylist|Caregiver|Worker|Teller|Attendant|Driver|"
    r"Sommelier|Waiter|Waitress|Barista|Bartender|Carpenter|Plumber|Welder|Cook|Steward|Stewardess|Operative|"
    r"Labou?rer|Foreman|Physiotherapist|Dentist|Practitioner|Midwife|Paramedic|Pilot|Solicitor|Barrister|"
    r"Reporter|Correspondent|Chemist|Biologist|Economist|Statistician|Psychologist|Counsell?or|Librarian|"
    r"Curator|Animator|Illustrator|Technologist|Hygienist|Optometrist|Radiographer|Dietitian|Nutritionist|"
    r"Veterinarian|Surgeon)s?(?![A-Za-z])",
    re.IGNORECASE,
)
_TITLE_FOLLOWS = re.compile(rf"\s+(?:[A-Za-z]+\s+)?{_EN_TITLE.pattern}", re.IGNORECASE)
# Labelled fields, numbered or not ("1. Organization\t: BRAC Bank Limited"); Europass writes its labels in a
# column ("Name and address of employer\tOMV Petrom S.A., …", "Occupation or position held\t…").
_COMPANY_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?(?:公司名称|公司|单位名称|工作单位|单位|就职公司|任职公司|company(?:\s+name)?|employer|"
    r"organi[sz]ation|name\s+(?:and\s+address\s+)?of\s+(?:the\s+)?employer)\s*(?:[:：]|\t)\s*(.+)$",
    re.IGNORECASE,
)
_GAP = re.compile(
    r"^\s*(?:career break|career gap|parental leave|maternity leave|paternity leave|sabbatical|gap year)\b",
    re.IGNORECASE,
)
# "Dates: 10/2019 - Present", "Period: …": the label of the date line is no field
_DATE_LABEL = re.compile(
    r"^\s*(?:dates?|period|duration|employment dates|时间|工作时间|起止时间)\s*(?:[:：]|\t)", re.IGNORECASE
)
# "Sydney NSW Permanent full-time", "Parramatta NSW Contract": the kind of employment after the place
_EMPLOYMENT_KIND = re.compile(
    r"\s+(?:(?:permanent|contract|temporary|casual|fixed[- ]term)(?:\s+(?:full|part)[- ]time)?|(?:full|part)[- ]time)\s*$",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?(?:职位名称|职位|职务|岗位|担任职位|担任职务|所任职位|job\s+title|title|position|role|"
    r"designation|occupation\s+or\s+position\s+held|position\s+held)\s*(?:[:：]|\t)\s*(.+)$",
    re.IGNORECASE,
)
_DESCRIPTION = re.compile(
    r"^\s*(?:[·•●■◆▪\-*>]|\d+[.、)]|(?:负责|参与|主导|完成|协助|带领|管理|工作内容|工作职责|职责|主要职责|项目|业绩|"
    r"描述|responsib|develop(?:ed|ing)|led\b|manag(?:ed|ing)|work(?:ed|ing)\b|buil(?:t|ding)|design(?:ed|ing)|"
    r"creat(?:ed|ing)|implement|participat|maintain|support|achiev|main project|technologies|tools))",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"[(（]\s*(?:\d+\s*(?:years?|yrs?|months?|mos?|年|个月|月)\s*)+[)）]|[(（]\s*(?:less than a year|\d+\s*年\d+\s*个?月)\s*[)）]",
    re.IGNORECASE,
)
# "(Rehovot, Israel)", "()" left by the dates; not a legal form's part: "Pick n Pay Retailers (Pty) Ltd",
# "Intel Microelectronics (M) Sdn Bhd"
_LATIN_PARENS = re.compile(
    r"(?<=[A-Za-z0-9.\s])\([^()]*\)(?!\s*(?:Ltd|Limited|Sdn|Bhd|Pty|Inc|LLC|GmbH|Plc|PLC|Pvt|Private)\b)"
)
# Field separators: a tab, two spaces, | , ; and " - ", " at ", " @ ". (Dashes at either end are stripped
# from the fields afterwards.)
_SPLIT = re.compile(r"[ ]*(?:[\t|｜,，;；]|[ ](?:[ ]|-[ ]|at[ ]|@[ ]|·[ ]))[ ]*")
_BORING = re.compile(r"^[\s\-–—~|,.:：;()（）]*$")
_SUFFIX_ONLY = re.compile(rf"^\s*{_EN_COMPANY_SUFFIX}\s*$", re.IGNORECASE)
_ABBREVIATION_END = re.compile(
    r"(?:Inc|Ltd|Co|Corp|Jr|Sr|S\.A|B\.V|N\.V|L\.L\.C|Bhd|S\.p\.A|S\.r\.l|o\.o)\.$"
)
_SENTENCE_MARK = re.compile(r"[。；;!?！？]")
_SENTENCE = re.compile(r"[。；;!?！？]|[.,]\s*$")
_AT = re.compile(r"^(?:(?:at|in|for|@)\s+(?:project\s+)?)", re.IGNORECASE)


def extract_experience(text: str) -> list[ExperienceEntry]:
    """Work experience entries in document order (see the module docstring)."""
    text = dekern(text)
    spans = section_text(text, ("experience",))
    strict = not spans
    if strict:  # no experience header: everywhere but education, projects and training
        if has_sections(text):
            # a sidebar's languages and interests too: read across, the main column's jobs sit under them
            # (not skills: job boards list "Java- Experience - 24 months" there)
            spans = section_text(text, ("top", "basic_info", "summary", "other", "languages", "interests"))
        else:
            spans = [(0, len(text))]
    parts = [(start, end, strict, False) for start, end in spans]
    if not strict:
        parts.extend((start, end, True, False) for start, end in _side_sections(text))
    # Two columns read across put the main column's jobs under the side column's "Education" header, and a
    # conversion may lose the experience header altogether: dated entries there that hold a company and a
    # title, and no school or degree on any of their lines, are jobs.
    parts.extend((start, end, True, True) for start, end in section_text(text, ("education",)))
    entries: list[ExperienceEntry] = []
    for start, end, part_strict, education in sorted(parts):
        entries.extend(_section_entries(text, start, end, part_strict, education))
    return entries


# Sections that carry no dated entries of their own. In two columns read across, such a header from the
# side column ("Profile", "Languages", "About me") cuts into the experience section of the main column: the
# jobs below it are still jobs.
_SIDE_SECTIONS = frozenset(
    (
        "summary",
        "objective",
        "skills",
        "languages",
        "interests",
        "awards",
        "other",
        "basic_info",
        "self_evaluation",
    )
)
_MAIN_SECTIONS = frozenset(("education", "projects", "training", "certificates"))


def _side_sections(text: str) -> list[tuple[int, int]]:
    """Side-column sections after an experience section and before the next main section; read like text
    without headers (an entry needs a company or a title, education lines are skipped)."""
    spans = []
    after_experience = False
    for key, start, end in _segments(text):
        if key == "experience":
            after_experience = True
        elif key in _MAIN_SECTIONS:
            after_experience = False
        elif after_experience and key in _SIDE_SECTIONS:
            spans.append((start, end))
    return spans


def _section_entries(
    text: str, start: int, end: int, strict: bool, education: bool = False
) -> list[ExperienceEntry]:
    folded = fold(text)
    lines = lines_between(text, start, end)
    line_ranges: dict[int, DateRange] = {}
    for index, (s, e) in enumerate(lines):
        ranges = ranges_in(text, s, e)
        if ranges:
            line_ranges[index] = ranges[0]
    end_lines = _two_line_ranges(text, folded, lines, line_ranges)
    singles = _single_starts(text, folded, lines, line_ranges, set(end_lines.values()))
    line_ranges = dict(sorted(line_ranges.items()))
    used = set(line_ranges) | set(end_lines.values())
    entries: list[tuple[int, ExperienceEntry]] = []
    for index, date_range in line_ranges.items():
        s, e = lines[index]
        line = folded[s:e]
        if strict and (_schools(line) or _degree(line, False)):
            continue  # an education line in a resume without section headers
        begin, finish = date_range.span.start - s, date_range.span.end - s
        rest = line[:begin] + "  " + line[finish:]
        if index in end_lines:  # the end's line: what follows its date belongs to the entry too
            s2, e2 = lines[end_lines[index]]
            rest += "  " + folded[s2:e2][leading_end(folded[s2:e2], date_range.start)[2] :]
        if begin > 3 and finish < len(line.rstrip()) - 3 and _sentence_like(rest):
            continue  # a date inside a sentence ("我于2019年3月至2020年5月期间负责…")
        if _GAP.match(rest):
            continue  # "Career break (parental leave), 03/2019 – 01/2020": no job
        company, title, leftover = _fields(_DATE_LABEL.sub(" ", rest))
        before = set(used)
        guessed = None
        if company and title and not _titled(title):
            # "Hindustan Unilever Limited, Lucknow  Jul 2015 – Mar 2020" / "Area Sales Manager": the field
            # beside the company was its city; a title by its title word on a neighbouring line wins
            guessed, title = title, None
        if index in singles:
            # a lone start date: the fields are on its line, or labelled on the next ("Role: Production manager")
            company, title = _labelled_below(folded, lines, index, used, company, title)
            if leftover and (company is None) != (title is None):
                company, title = (company or leftover, title) if title else (company, title or leftover)
            if not (company and title and (_EN_TITLE.search(title) or _CN_TITLE.search(title))):
                used -= (used - before) - {index}
                continue  # a lone date opens many lines (awards, courses): a job needs both fields
        elif company is None or title is None:
            company, title = _from_neighbours(folded, lines, index, used, company, title, leftover)
        title = title or guessed
        if (company is None or title is None) and begin <= 1:
            # Two columns read across: "MTS Developing voice-bot (…)" / "Senior Software postgres, s3)." /
            # "Developer Achievement: …" / "MAR 2022 TO PRESENT implementing …".
            company, title = _left_column(folded, lines, index, used, company, title, used - before)
        if company is not None and title is None and not leftover:
            title = _title_above(folded, lines, index, used)
        if title is not None and company is None and not leftover:
            company = _company_across(folded, lines, index, used, used - before)
        if leftover and (company is None) != (title is None):
            # "Outsourcing data analyst" above, "Pinsteps | Nov 2020 - present": the date line's one
            # unclassified field is the missing one.
            company, title = (company or leftover, title) if title else (company, title or leftover)
        if company is None and title is None and leftover and index + 1 in line_ranges:
            # "Shell Egypt – Cairo, Egypt  Jul 2019 – Present" / "Production Technologist  Jul 2019 – Present":
            # an employer's own dates above its roles' (``_inherit_companies`` gives them its name)
            company = leftover
        if strict and company is None and title is None:
            continue
        if education and not _job_in_education(folded, lines, index, used - before, company, title):
            continue
        if title is None and company is not None and _beside_school(folded, lines, index, company):
            continue  # "Moscow State University" / "Sep 2018 - Aug 2019": a study, not a job
        if (
            title is not None
            and _schools(company or "")
            and not _EN_TITLE.search(title)
            and not _CN_TITLE.search(title)
        ):
            continue  # a school with a faculty beside it ("…University, Department of Chemistry")
        entries.append(
            (
                index,
                ExperienceEntry(
                    company=_original(company, text, folded, lines, index),
                    title=_original(title, text, folded, lines, index),
                    start=date_range.start,
                    end=date_range.end,
                    current=date_range.current,
                ),
            )
        )
    if not strict:
        for index, company, title in _undated(folded, lines, used):
            entry = ExperienceEntry(
                company=_original(company, text, folded, lines, index),
                title=_original(title, text, folded, lines, index),
                start=None,
                end=None,
                current=False,
            )
            entries.append((index, entry))
    entries.sort(key=lambda pair: pair[0])
    _inherit_companies(entries, folded, lines)
    return [entry for _, entry in entries]


def _inherit_companies(entries: list[tuple[int, ExperienceEntry]], folded: str, lines) -> None:
    """Roles under a company named once ("MCKINSEY & COMPANY  New York, NY" / "Engagement Manager  2021–present"
    / … / "Associate  2019–2021"): a role with a title and no company takes the company of the role before it
    when that company heads a line of its own (no entry's) just above that role, or heads a dated line of its
    own whose dates hold the role's (the employer's line is then dropped: it is no role)."""
    dated = {index for index, _ in entries}
    inherited: set[int] = set()  # a third role under the same heading inherits from the second
    employers: set[int] = set()  # an employer's own dated line, once its roles have its name
    for position in range(1, len(entries)):
        index, entry = entries[position]
        previous_index, previous = entries[position - 1]
        if entry.company or not entry.title or not previous.company:
            continue
        if not previous.title and _within(entry, previous):
            entries[position] = (index, replace(entry, company=previous.company))
            inherited.add(position)
            employers.add(position - 1)
            continue
        if any(
            _own_heading(folded, lines, line, entry.title)
            for line in (index - 1, index - 2)
            if line > previous_index
        ):
            continue  # "Staff Nurse" / "Nottingham University Hospitals NHS Trust" / "Sep 2017 - …": its own company
        company = fold(previous.company).lower()
        headed = position - 1 in inherited
        for heading in range(previous_index - 1, max(-1, previous_index - 3), -1):
            s, e = lines[heading]
            headed = headed or (heading not in dated and folded[s:e].strip().lower().startswith(company))
        if headed:
            entries[position] = (index, replace(entry, company=previous.company))
            inherited.add(position)
    entries[:] = [pair for position, pair in enumerate(entries) if position not in employers]


def _within(role: ExperienceEntry, employer: ExperienceEntry) -> bool:
    """The role's dates lie within the employer's ("Jan 2016 – Jun 2019" in "Oct 2012 – Jun 2019")."""
    if not role.start or not employer.start or role.start < employer.start:
        return False
    if employer.current:
        return True
    return bool(role.end and employer.end and role.end <= employer.end)


def _own_heading(folded: str, lines, line: int, title: str) -> bool:
    """A short line of capitalised words right above a role, not its title: the role's own company line that the
    field rules could not read."""
    s, e = lines[line]
    text = folded[s:e].strip()
    words = text.split()
    return (
        2 <= len(words) <= 8
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)
        and title.lower() not in text.lower()
        and not _DESCRIPTION.match(text)
        and not _SENTENCE.search(text)
    )


def _two_line_ranges(text: str, folded: str, lines, line_ranges: dict[int, DateRange]) -> dict[int, int]:
    """Ranges written over two lines, the start opening one line and the end the next ("September 2019
    Senior Team Manager" / "currently working"): added to ``line_ranges`` at the start's line. Returns the
    start line → end line of each."""
    pairs: dict[int, int] = {}
    index = 0
    while index + 1 < len(lines):
        if index in line_ranges or index + 1 in line_ranges:
            index += 1
            continue
        s, e = lines[index]
        start = leading_start(folded[s:e])
        s2, e2 = lines[index + 1]
        end = leading_end(folded[s2:e2], start[0]) if start else None
        if not end:
            index += 1
            continue
        line_ranges[index] = DateRange(
            start[0], end[0], end[1], Span(text[s : s + start[1]], s, s + start[1])
        )
        pairs[index] = index + 1
        index += 2
    return pairs


def _single_starts(
    text: str, folded: str, lines, line_ranges: dict[int, DateRange], taken: set[int]
) -> set[int]:
    """Lines of Latin text opening with a lone start date before a capitalised field ("2014  Junior Android
    Developer @ Mobium"): added to ``line_ranges`` with an unknown end; kept as jobs only with a company and a
    title (checked by the caller)."""
    found = set()
    for index, (s, e) in enumerate(lines):
        if index in line_ranges or index in taken or has_cjk(folded[s:e]):
            continue
        if index + 1 in line_ranges or index + 2 in line_ranges:
            continue  # "2019  Engineer @ Cogent" / "Embedded software / 2018  2019": the range below is its own
        single = leading_single(folded[s:e])
        if single:
            line_ranges[index] = DateRange(
                single[0], None, False, Span(text[s : s + single[1]], s, s + single[1])
            )
            found.add(index)
    return found


def _labelled_below(folded: str, lines, index: int, used: set[int], company, title):
    """The missing company or title from a labelled line right below ("Role: Production manager.")."""
    if index + 1 < len(lines) and index + 1 not in used:
        s, e = lines[index + 1]
        below = folded[s:e].strip()
        found = _COMPANY_LABEL.match(below) if company is None else None
        if found:
            company = _clean(found.group(1))
            used.add(index + 1)
        found = _TITLE_LABEL.match(below) if title is None else None
        if found:
            title = _clean(found.group(1))
            used.add(index + 1)
    return company, title


def _beside_school(folded: str, lines, index: int, company: str) -> bool:
    """A company without a title that is a school, or (Latin text) that has a school within two lines of its
    dates. Chinese bios mix study and work sentences line by line: only the company itself counts there."""
    if _schools(company):
        return True
    if has_cjk(company):
        return False
    for i in range(max(0, index - 2), min(len(lines), index + 3)):
        s, e = lines[i]
        if _schools(folded[s:e]):
            return True
    return False


def _job_in_education(folded: str, lines, index: int, taken: set[int], company, title) -> bool:
    """A dated entry of an education section is a job only with a company and a title by its title word,
    and no school or degree on its lines (a school is not read as the employer there). Latin text only."""
    if company is None or title is None or not _EN_TITLE.search(title):
        return False
    if has_cjk(company + title):
        return False  # Chinese resumes keep their sections (internships there are listed under 实习经历)
    for i in {index, *taken}:
        s, e = lines[i]
        if _schools(folded[s:e]) or _degree(folded[s:e], False):
            return False
    return not _schools(company) and not _degree(company, True)


# What the anonymisation of dates leaves at the start of a heading: "- present Intelos …", "-  Britannica …".
_DATE_REMNANT = re.compile(r"^-(?:\s*present\b|\s{2,})\s*", re.IGNORECASE)


def _undated(folded: str, lines, used: set[int]):
    """Entries of an experience section that carry no dates (removed, or never given): a heading line that
    holds both a company and a title ("DATA ANALYST REGIONS GROUP, MOSCOW, RUSSIA", "Intelos (Tel Aviv,
    Israel) Web FrontEnd Developer"), or a title line followed by its company ("PHP Developer (9 month)" /
    "Unique Technologies LLC - Dnipro, Ukraine"). Lines that dated entries took are skipped."""
    found = []
    for index, (s, e) in enumerate(lines):
        if index in used:
            continue
        line = _DATE_REMNANT.sub("", folded[s:e].strip())
        if not line or len(line) > 80 or _DESCRIPTION.match(line) or _SENTENCE.search(line.rstrip(".")):
            continue
        if not line[:1].isupper():
            continue
        company, title, _ = _fields(line)
        if company is None and title is not None:
            company, title = _title_then_company(line, title)
        if (
            title is None
            or len(title.split()) > 6
            or not _EN_TITLE.search(title)
            and not _CN_TITLE.search(title)
        ):
            continue  # a title by its title word, not one guessed beside a company
        taken = {index}
        if company is None and index + 1 < len(lines) and index + 1 not in used:
            s2, e2 = lines[index + 1]
            below = folded[s2:e2].strip()
            first = _SPLIT.split(below, 1)[0].strip(" -,")
            if below and not _DESCRIPTION.match(below):
                below_company = _classify(first)[0] if first else None
                if below_company is None and _DURATION.search(line) and first and _name_like(first):
                    below_company = _clean(
                        first
                    )  # "(9 month)": the heading of a job whose dates were not given
                if below_company and not _classify(first)[1]:
                    company = below_company
                    taken.add(index + 1)
        if company is None:
            continue
        used.update(taken)
        found.append((index, company, title))
    return found


def _title_then_company(line: str, title: str) -> tuple[str | None, str]:
    """ "DATA ANALYST GUTA DEVELOPMENT, MOSCOW, RUSSIA": a heading that ends with its place and country holds
    the title up to its last title word, then the company (one to three capitalised words, no title word)."""
    if not any(chunk.strip().lower() in _COUNTRIES for chunk in line.split(",")[1:]):
        return None, title
    last = list(_EN_TITLE.finditer(title))
    rest = title[last[-1].end() :].split() if last else []
    if not 1 <= len(rest) <= 3 or not all(w[:1].isupper() for w in rest) or _EN_TITLE.search(" ".join(rest)):
        return None, title
    return _clean(" ".join(rest)), _clean(title[: last[-1].end()]) or title


def _original(value: str | None, text: str, folded: str, lines, index: int) -> str | None:
    """The value as written in the original text, searched in the entry's line and its neighbours."""
    if not value:
        return value
    low = lines[max(0, index - 2)][0]
    high = lines[min(len(lines) - 1, index + 2)][1]
    return restore(value, folded, text, low, high)


def _sentence_like(rest: str) -> bool:
    """Text around a date that reads as a sentence, not as fields: sentence punctuation, or longer than
    a company and a title (CJK text is denser than Latin)."""
    rest = rest.strip()
    return bool(_SENTENCE_MARK.search(rest)) or len(rest) > (40 if has_cjk(rest) else 90)


def _fields(chunk_text: str) -> tuple[str | None, str | None, str | None]:
    """(company, title, leftover) from one line's text without its dates. ``leftover`` is the single
    unclassified field when neither company nor title was recognised (it may become either)."""
    chunk_text = _DURATION.sub(" ", chunk_text)
    chunk_text = _GLUED_TITLE.sub(" ", chunk_text)
    labelled = _COMPANY_LABEL.match(chunk_text)
    if labelled:
        return _clean(labelled.group(1)), None, None
    labelled = _TITLE_LABEL.match(chunk_text)
    if labelled:
        return None, _clean(labelled.group(1)), None
    chunk_text = _LATIN_PARENS.sub("  ", chunk_text)  # "(Rehovot, Israel)", "()" left by the dates
    # "EPAM Systems. D2 Software Engineer. DuPage project": fields separated by sentence ends
    chunk_text = _FIELD_STOP.sub(_field_stop, chunk_text)
    chunks = [
        _AT.sub("", _EMPLOYMENT_KIND.sub("", c).strip(" :：-|,;"))
        for c in _SPLIT.split(chunk_text)
        if c and not _BORING.match(c)
    ]
    chunks = [c for c in chunks if c]
    chunks = _merge_departments(_merge_suffixes(chunks))
    company = title = None
    unknown: list[str] = []
    for chunk in chunks:
        if header_key(chunk):
            continue  # "Head of IT department Jul. 2001 - Dec. 2009 EDUCATION": the other column's header
        found_company, found_title = _classify(chunk)
        if found_company and company is None:
            company = found_company
        if found_title and title is None:
            title = found_title
        if not found_company and not found_title and _name_like(chunk) and not _city(chunks, chunk):
            unknown.append(chunk)
    if company is None and title is not None and _titled(title):
        # "St. Brigid's National School, Dublin — Primary Teacher": a teacher's employer is a school
        school = next((c for c in chunks if c != title and _schools(c) and not _degree(c, True)), None)
        company = _clean(school) if school else None
    if title is not None:
        # "Java Developer - Java, Spring": a word of the title repeated beside it is a skill, not the company
        words = {w.lower() for w in title.split()}
        unknown = [c for c in unknown if c.lower() not in words]
    if unknown and (company is None) != (title is None):
        if company is None:
            # "Masa working program at Samson Logic, Israel": the field after "at" is the company
            after_at = _AFTER_AT.search(chunk_text)
            if after_at:
                unknown.sort(key=lambda chunk: not after_at.group(1).startswith(chunk))
            company = _clean(unknown[0])
        else:
            title = _clean(unknown[0])
    leftover = _clean(unknown[0]) if company is None and title is None and len(unknown) == 1 else None
    return company, title, leftover


# "Artteam,MoscowDeveloper": a capitalised title word glued to the word before it by a conversion
_GLUED_TITLE = re.compile(
    r"(?<=[a-z])(?=(?:Developer|Engineer|Manager|Designer|Analyst|Consultant|Specialist|Architect|Programmer|"
    r"Director|Tester|Intern|Administrator|Scientist)(?![a-z]))"
)
_AFTER_AT = re.compile(r"\s(?:at|@)\s+((?:[A-Z]|[a-z][A-Z]).*)")
_TECH_PAIR = re.compile(r"[A-Za-z]/[A-Za-z]")
_FIELD_STOP = re.compile(r"(?<=[A-Za-z0-9)])\.[ ]+(?=[A-Z])")
_NOT_SENTENCE_END = frozenset(
    "inc ltd co corp pte pty bhd sdn jr sr st dr mr mrs ms no vs etc dept univ intl jan feb mar apr jun jul aug sep "
    "sept oct nov dec".split()
)
_LEGAL_WORD = re.compile(rf"(?<= )(?:{_EN_LEGAL_SUFFIX})(?=[\s,]|$)")  # " Pty Ltd,", not "/PLC/"
_LEGAL_NEXT = re.compile(rf"(?:{_EN_LEGAL_SUFFIX})(?![A-Za-z])", re.IGNORECASE)


def _field_stop(match: re.Match) -> str:
    """A full stop between fields becomes a field break; "Inc. ", "Jan. ", initials ("J. Smith") stay."""
    before = match.string[: match.start()].rsplit(None, 1)
    word = before[-1].lower() if before else ""
    if (
        len(word) <= 1
        or word in _NOT_SENTENCE_END
        or "." in word
        or _LEGAL_NEXT.match(match.string, match.end())
    ):
        return match.group()
    return "  "


def _title_above(folded: str, lines, index: int, used: set[int]) -> str | None:
    """A sidebar read across line by line puts its lines between the main column's title and the rest of its
    entry ("Golang Developer" / "Golang, Java, Python," / "Sber Technologies" / "C++" / "Nov 2021 - Present"):
    a short line of a title alone, up to two lines above the entry's topmost line, with nothing but
    fragments between (no sentence, no other entry's line)."""
    top = min([i for i in used if i <= index and not _blocked(lines, used, index, i)] or [index])
    for candidate in range(top - 1, max(-1, top - 3), -1):
        if candidate in used:
            return None
        s, e = lines[candidate]
        line = folded[s:e].strip()
        if not line or _SENTENCE.search(line.rstrip(",")) or _DESCRIPTION.match(line):
            return None
        if len(line.split()) <= 5 and line[:1].isupper():
            company, title, _ = _fields(line)
            if title and company is None:
                used.add(candidate)
                return title
    return None


def _left_column(folded: str, lines, index: int, used: set[int], company, title, own=frozenset()):
    """A two-column layout read across, line by line: the entry's company and title are the left-hand
    fragments of the lines just above a date line that starts its line, the right-hand text of each being
    the other column's description. Fragments are read upwards until a line without one (a wrapped
    description line begins in lowercase or with a bullet), at most four lines, never through another
    entry's lines. Taken only with evidence of the layout: some fragment line carries other text."""
    fragments: list[tuple[str, str | None, int]] = []  # (fragment, "title" when cut at a title word, line)
    mixed = False
    for candidate in range(index - 1, max(-1, index - 5), -1):
        if candidate in used and candidate not in own:  # lines this entry took are still its fragments
            break
        s, e = lines[candidate]
        line = folded[s:e].strip()
        found = _left_fragment(line) if line else None
        if found is None:
            break
        fragment, kind = found
        mixed = mixed or len(fragment) < len(line) - 3
        fragments.insert(0, (fragment, kind, candidate))
    if not fragments or not mixed:
        return company, title
    # "Senior Software" / "Developer": a title wrapped in the narrow column
    merged: list[tuple[str, str | None, int]] = []
    for fragment, kind, line_index in fragments:
        if merged and kind == "title" and len(fragment.split()) == 1 and merged[-1][1] is None:
            previous = merged.pop()
            fragment = f"{previous[0]} {fragment}"
        merged.append((fragment, kind, line_index))
    found_title = next((f for f, kind, _ in merged if kind == "title"), None)
    if found_title is None:
        found_title = next((t for f, _, _ in merged for t in [_classify(f)[1]] if t), None)
    found_company = next((c for f, kind, _ in merged if kind is None for c in [_classify(f)[0]] if c), None)
    if found_company is None and found_title is not None:
        unknown = [f for f, kind, _ in merged if kind is None and f != found_title and _name_like(f)]
        unknown = [f for f in unknown if not _classify(f)[1]]
        found_company = _clean(unknown[0]) if len(unknown) == 1 else None
    if found_company is None and found_title is None:
        return company, title
    used.update(i for _, _, i in merged)
    return company or found_company, title or _clean(found_title or "")


_WEAK_TITLE_WORDS = frozenset(("lead", "head", "principal", "owner", "expert", "qa", "partner"))
_LEFT_WORD_STOP = re.compile(r"[:();]|,.")


def _left_fragment(line: str) -> tuple[str, str | None] | None:
    """The left-hand fragment of a line of two columns read across: a title that ends at its title word
    within the first four words ("Lead Software Developer Rest Api, …", "c# developer Certificate …"), or
    the capitalised words before the other column's text ("Brain Systems Ltd Developing & maintaining …",
    "Senior Software postgres, s3)."). None when the line starts as a description does."""
    if _DESCRIPTION.match(line) or not line[:1].isalnum():
        return None
    words = line.split()
    head = " ".join(words[:5])
    for match in reversed(list(_EN_TITLE.finditer(head))):
        before = head[: match.start()].split()
        if match.group().lower() in _WEAK_TITLE_WORDS or len(before) > 3:
            continue  # "Lead", "Head" need a noun after them: "Lead Software Developer"
        if all(w[:1].isupper() or not w.isalpha() for w in before):
            if not before and not match.group()[:1].isupper():
                return None
            return head[: match.end()], "title"
    taken: list[str] = []
    for position, word in enumerate(words[:5]):
        if _LEFT_WORD_STOP.search(word):
            break  # "S3).", "(Postgres,", "Achievement:": the other column's text
        if position and _DESCRIPTION.match(" ".join(words[position:])):
            break
        if not (word[:1].isupper() or word[:1].isdigit()) or word.isdigit():
            break
        taken.append(word.rstrip(","))
        if _EN_LEGAL_RE.match(word.rstrip(",")) or word.endswith(","):
            break
    if not taken or len(" ".join(taken)) > 35:
        return None
    return " ".join(taken), None


# "Nottingham University Hospitals NHS Trust", "Stanford University School of Medicine Press": a school's name
# inside an employer's
_NOT_A_SCHOOL = re.compile(r"\b(?:Hospitals?|NHS|Trust|Health(?:care)?|Clinic|Press|Foundation)\b")


_PLACE_JOIN = re.compile(r"\s*(?:&|/|\band\b)\s*")


def _name_like(chunk: str) -> bool:
    """Could this unclassified field be a company or a title? Not a place, not a sentence fragment
    ("and Computer Science" from a two-column layout), not a bare number."""
    first = chunk[:1]
    if (
        not first
        or all(part.lower() in _LOCATION_WORDS for part in _PLACE_JOIN.split(chunk))  # "Cairo & Abu Dhabi"
        or len(chunk) > 60
        or sum(c.isalpha() for c in chunk) < 2
    ):
        return False
    if _degree(chunk, True) or (_schools(chunk) and not _NOT_A_SCHOOL.search(chunk)):
        return False
    if _TECH_PAIR.search(chunk):
        return False  # "PL/SQL, SQL Developer", "CI/CD": technologies, not a company
    # "iBrush", "eBay": a lowercase letter before a capital starts a name too
    return first.isupper() or not first.isascii() or (first.islower() and chunk[1:2].isupper())


def _city(chunks: list[str], chunk: str) -> bool:
    """A word followed by a country, or up to three before a state's code, is a place ("…, MOSCOW, RUSSIA",
    "Sidley Austin LLP — Chicago, IL"), and so is that code: neither a company nor a title ("Samson Logic,
    Israel, Tel-Aviv" keeps its company). Not the line's first field: a company comes before its place
    ("2020, June  MTS (mts.ru), Russia"), a city rarely opens a job's line."""
    position = chunks.index(chunk)
    if position > 0 and chunk in _REGION_CODES:
        return True
    words = chunk.split()
    if position > 0 and 2 <= len(words) <= 4 and words[-1] in _REGION_CODES:
        return True  # "Sydney NSW", "Parramatta NSW": the city and its state in one field
    if position == 0 or position + 1 >= len(chunks):
        return False
    following, words = chunks[position + 1], len(chunk.split())
    # "San Francisco, CA" has two words; before a country, two words are as often a company ("Samson Logic")
    return (words == 1 and following.lower() in _COUNTRIES) or (words <= 3 and following in _REGION_CODES)


def _merge_suffixes(chunks: list[str]) -> list[str]:
    """ "Google, Inc." was split at the comma: put the suffix back."""
    merged: list[str] = []
    for chunk in chunks:
        if merged and _SUFFIX_ONLY.match(chunk):
            merged[-1] = f"{merged[-1]}, {chunk}"
        else:
            merged.append(chunk)
    return merged


# Words of a department, a function or a region: "Manager, Corporate Finance", "Senior Associate, Commercial
# Litigation", "Chief Risk Officer, Greater China & North Asia"
_DEPARTMENT_WORDS = frozenset(
    "finance corporate policy operations marketing sales hr human resources production engineering it procurement "
    "legal compliance risk audit strategy r&d research quality logistics supply chain customer service services "
    "business development product design data analytics commercial litigation tax treasury accounts payroll "
    "administration communications digital security infrastructure maintenance manufacturing planning "
    "distribution recruitment talent acquisition learning training retail emea apac public affairs investor "
    "relations brand content growth regulatory clinical & and credit wholesale banking investment equity markets "
    "region regional europe asia pacific asia-pacific americas africa greater north south east west central global "
    "international aftersales".split()
)


def _merge_departments(chunks: list[str]) -> list[str]:
    """ "Manager, Corporate Finance" was split at the comma: a title (by its title word) keeps the department
    or function written after it, never the company's place."""
    merged: list[str] = []
    for chunk in chunks:
        words = chunk.lower().split()
        if (
            merged
            and _EN_TITLE.search(merged[-1])
            and 1 <= len(words) <= 5
            and all(w in _DEPARTMENT_WORDS or w in _COUNTRIES for w in words)
            and words[0] not in ("&", "and")
        ):
            merged[-1] = f"{merged[-1]}, {chunk}"
        else:
            merged.append(chunk)
    return merged


def _classify(chunk: str) -> tuple[str | None, str | None]:
    """(company, title) found in one field; both when the field holds both ("腾讯科技有限公司高级工程师",
    "FULL STACK JAVA DEVELOPER INETEX LTD")."""
    if len(chunk) > 60 or _DESCRIPTION.match(chunk):
        return None, None
    if has_cjk(chunk):
        return _classify_cjk(chunk)
    return _classify_latin(chunk)


def _classify_cjk(chunk: str) -> tuple[str | None, str | None]:
    compact = chunk.replace(" ", "")
    last = None
    for match in _CN_COMPANY.finditer(compact):
        last = match
    if last:
        company, rest = compact[: last.end()], compact[last.end() :]
        if not rest:
            return company, None
        if _CN_TITLE.search(rest) or _EN_TITLE.search(rest):
            return company, _clean(rest)
        if len(rest) <= 2:  # "（深圳）" and the like
            return compact, None
    if (_CN_TITLE.search(compact) or _EN_TITLE.search(chunk)) and len(compact) <= 20:
        return None, _clean(chunk)
    return None, None


_TITLE_MODIFIERS = frozenset(
    "senior junior lead principal staff chief head associate assistant deputy executive global regional "
    "technical sr jr mid".split()
)


def _named_company_then_title(chunk: str, suffix: re.Match) -> bool:
    """ "Pied Piper Labs Technical Lead", "Tyrell Consulting Marketing Specialist" (fields one space apart, as
    PDF text gives them): capitalised name words before the generic word, then a title of two to four
    capitalised words that ends the field. "Senior Software Engineer" (only modifiers before, one word after)
    and "Data Systems Engineer" (one word after) stay titles."""
    before = chunk[: suffix.start()].split()
    after = chunk[suffix.end() :].split()
    if not before or not 2 <= len(after) <= 4:
        return False
    if not all(w[:1].isupper() for w in before + after):
        return False
    if all(w.lower().strip(".") in _TITLE_MODIFIERS for w in before):
        return False
    titles = list(_EN_TITLE.finditer(chunk, suffix.end()))
    return bool(titles) and not chunk[titles[-1].end() :].strip()


def _company_suffix(chunk: str) -> re.Match | None:
    """The last company suffix of a Latin field, if it really ends a company name."""
    last = None
    for match in _EN_COMPANY_END.finditer(chunk):
        if not match.group()[0].isupper() and not _lowercase_legal(chunk, match):
            continue
        if _EN_LEGAL_RE.match(match.group()):
            last = match
            continue
        if not chunk[: match.start()].split():
            continue  # "Group" alone
        if _TITLE_FOLLOWS.match(chunk, match.end()):
            if _named_company_then_title(chunk, match):
                last = match  # "Pied Piper Labs Technical Lead": a name, its generic word, a title of its own
            continue  # "Software Engineer", "Solutions Architect", "Senior Software Engineer"
        if chunk[match.end() :].strip(" ,.)"):
            continue  # a generic word ends a company name: "Senior Software postgres" is not one
        last = match
    return last


_LOWERCASE_LEGAL = frozenset(("ltd", "ltd.", "llc", "inc", "inc.", "gmbh", "plc", "corp", "corp.", "limited"))


def _lowercase_legal(chunk: str, match: re.Match) -> bool:
    """ "Yandex ltd", "Alterplast ltd": a legal form written in lowercase after a capitalised name."""
    before = chunk[: match.start()].split()
    return match.group().lower() in _LOWERCASE_LEGAL and bool(before) and before[-1][:1].isupper()


def _classify_latin(chunk: str) -> tuple[str | None, str | None]:
    if not chunk[:1].isupper() and not chunk[:1].isdigit():
        return None, None  # "lead.", "supervision of junior developers.": sentence fragments
    titles = list(_EN_TITLE.finditer(chunk))
    suffix = _company_suffix(chunk)
    words = len(chunk.split())
    if suffix and titles:
        if titles[-1].end() <= suffix.start():
            # "Senior Java Developer Inetex Ltd": the title ends at its last title word
            cut = titles[-1].end()
            title, company = chunk[:cut], chunk[cut:]
            if company.strip(" ,-"):
                return _clean(company), _clean(title)
        if titles[0].start() >= suffix.end():  # "Google Inc. Software Engineer"
            return _clean(chunk[: suffix.end()]), _clean(chunk[suffix.end() :])
        return _clean(chunk), None
    if suffix and words <= 8:
        return _clean(chunk), None
    if titles and words <= 8:
        return None, _clean(chunk)
    return None, None


def _from_neighbours(folded: str, lines, index: int, used: set[int], company, title, spare=None):
    """Fill company/title from up to two unused short lines above and below the date line. ``spare`` is the
    date line's own unclassified field ("Nikon | 2013 - 2019"): it fills the missing one before any other
    unclassified line does."""
    order = []
    for step in (1, 2):
        for candidate in (index - step, index + step):
            if 0 <= candidate < len(lines):
                order.append(candidate)
    near: dict[int, tuple[str | None, str | None, str, str | None]] = {}
    for candidate in order:
        if candidate in used or _blocked(lines, used, index, candidate):
            continue
        if candidate == index + 2 and candidate + 1 in used:
            continue  # description, then "KPMG LLP  Leeds, UK" right above the next dates: the next entry's
        s, e = lines[candidate]
        line = _web_cut(folded[s:e].strip())
        # a heading, or a company by its legal form, may be long with its place ("… Pty Ltd, Sydney NSW Permanent …")
        limit = 80 if _HEADING_LIKE.fullmatch(line) or _LEGAL_WORD.search(line) else 60
        if not line or len(line) > limit or _DESCRIPTION.match(line):
            continue
        if line.endswith(".") and len(line.split()) > 4 and not _ABBREVIATION_END.search(line):
            continue  # "Nurse-in-charge on a 28-bed acute medical ward.": a sentence of the description
        found_company, found_title, leftover = _fields(line)
        near[candidate] = (found_company, found_title, line, leftover)
    taken = []
    for candidate in order:
        if candidate not in near:
            continue
        found_company, found_title, line, _ = near[candidate]
        use = False
        if (
            company is None
            and found_company
            and (
                found_title is None
                or title is None
                or not (_titled(found_title) or _schools(found_company))  # "…University, Department of …"
            )
        ):
            company, use = found_company, True  # "Rolls-Royce plc, Derby": the city is no title
        if title is None and found_title and (found_company is None or use):
            title, use = found_title, True
        if use:
            taken.append(candidate)
    if (company is None) != (title is None) and not spare:
        # One line is known: an unclassified short line right beside it (or beside the dates) is the other.
        anchors = taken or [index]
        for anchor in anchors:
            for candidate in (anchor - 1, anchor + 1):
                if candidate in near and candidate not in taken and candidate != index:
                    found_company, found_title, line, leftover = near[candidate]
                    # "American Civil Liberties Union of Illinois — Chicago, IL": the line's one field
                    # the line's one field without its place ("Royal Bank of Ontario  Toronto, ON"), never a
                    # sentence ("Supply-chain network redesign.")
                    if leftover and not _SENTENCE.search(line):
                        value = leftover
                    else:
                        value = _clean(line) if _plain_name(line) and not _place_line(line) else None
                    if found_company is None and found_title is None and value:
                        if company is None:
                            company = value
                        else:
                            title = value
                        taken.append(candidate)
                        break
            if company is not None and title is not None:
                break
    if company is None and title is not None and _titled(title) and not spare:
        company = _employer_nearby(folded, lines, index, used, taken)
    used.update(taken)
    return company, title


def _employer_nearby(folded: str, lines, index: int, used: set[int], taken: list[int]) -> str | None:
    """The company of a role known by its title, on a line the field rules pass over: a labelled employer up
    to five lines above ("Employer: Defense Logistics Agency" / "Address: …" / "Title: …" / "Dates: …"), or
    a school or a hospital beside the role ("Ripon Grammar School, Ripon, North Yorkshire" below "Head of
    English  Sept. 2020 – Present": a teacher's employer is a school)."""
    for candidate in range(index - 1, max(-1, index - 6), -1):
        if candidate in used and candidate not in taken:
            break
        s, e = lines[candidate]
        labelled = _COMPANY_LABEL.match(folded[s:e])
        if labelled:
            taken.append(candidate)
            return _clean(labelled.group(1))
    anchors = sorted({index, *taken})
    for candidate in (anchors[0] - 1, anchors[-1] + 1):
        if not 0 <= candidate < len(lines) or candidate in used or candidate in taken:
            continue
        s, e = lines[candidate]
        first = _SPLIT.split(folded[s:e].strip(), 1)[0].strip()
        if (
            first
            and first.split()[-1].lower() not in _CONNECTORS  # not "Research University of Higher School of"
            and len(first) <= 60
            and first[:1].isupper()
            and _schools(first)
            and not _degree(folded[s:e], True)
        ):
            taken.append(candidate)
            return _clean(first)
    return None


def _place_line(line: str) -> bool:
    """ "Washington, DC", "Dublin, Ireland", "Pune": a line of places only."""
    parts = [p.strip() for p in line.split(",") if p.strip()]
    return bool(parts) and all(
        p.lower() in _LOCATION_WORDS or p in _REGION_CODES or p.split()[-1] in _REGION_CODES for p in parts
    )


def _titled(title: str) -> bool:
    """A title by its title word ("Area Sales Manager", "高级工程师"), not a field guessed beside a company."""
    return bool(_EN_TITLE.search(title) or _CN_TITLE.search(title))


def _company_across(folded: str, lines, index: int, used: set[int], own: set[int]) -> str | None:
    """The company of a job whose title is known, in two columns read across: the first short name within
    three lines of the dates, past the side column's skills and headers that fall between ("Machine Learning
    Engineer Intern" / "Linux/Bash, Docker," / "RingCentral" / "SQL" / "May 2019 - Oct 2019"; "Business analyst
    Oct 2017 - Oct 2018" / "Languages" / "Gemotest laboratory,www.gemotest.ru,"). A description line ends the
    search in its direction. ``own``: lines this entry already read (its title's), which may hold the company."""
    for direction in (-1, 1):
        for step in (1, 2, 3):
            candidate = index + direction * step
            if not 0 <= candidate < len(lines) or (candidate in used and candidate not in own):
                break
            s, e = lines[candidate]
            line = _web_cut(folded[s:e].strip())
            if not line:
                continue
            if header_key(line, folded=True) or _skill_line(line) or _place_line(line):
                continue  # the side column, or the place of the company line above ("Washington, DC"): look past it
            words = line.split()
            if (
                len(words) <= 4
                and line[:1].isupper()
                and _plain_name(line)
                and not _EN_TITLE.search(line)
                and _fields(line)[1] is None
                and not (len(words) == 1 and english_zipf(line) >= _EVERYDAY_ZIPF)  # "Resources", "Projects"
            ):
                used.add(candidate)
                return _clean(line)
            break
    return None


_EVERYDAY_ZIPF = 4.0  # a one-word line this common is a side column's heading, not a company


def _skill_line(line: str) -> bool:
    """A side column's list of skills or languages read across ("SQL", "Kafka", "English - fluent"): most of
    its letters are known skills, languages or certificates of the seed taxonomy."""
    from ..tagging import seed_matcher

    matcher = seed_matcher()
    letters = sum(c.isalnum() for c in line)
    known = sum(
        sum(c.isalnum() for c in line[start:end])
        for term, start, end in matcher.occurrences(line)
        if matcher.terms[term].category in ("skill", "language", "certificate")
    )
    return bool(letters) and known * 2 >= letters


# "C# Software Developer Professional Registry Center, Ekaterinburg, Russia": a heading of title, company and
# place, longer than the usual short line: no sentence punctuation, every word capitalised (or a symbol).
_HEADING_LIKE = re.compile(r"[A-Z0-9#+.&()\-]\S*(?:\s+[A-Z0-9#+.&()\-]\S*)*")  # linear: words split by spaces
_WEB_FIELD = re.compile(r"\s*,\s*(?:www\.|https?://).*$", re.IGNORECASE)
_TRAILING_COMMA = re.compile(r"^([A-Z][^,]*?)\s*,$")


def _web_cut(line: str) -> str:
    """A company line as converted CVs give it: "Gemotest laboratory,www.gemotest.ru, one of …" (the site and
    what follows it dropped), "Claustrophobia," (a comma left where the anonymisation removed the city)."""
    line = _WEB_FIELD.sub("", line)
    bare = _TRAILING_COMMA.match(line)
    if bare and len(bare.group(1).split()) <= 4:
        return bare.group(1)
    return line


def _blocked(lines, used: set[int], index: int, candidate: int) -> bool:
    """A candidate line is out of reach when a used line (another entry's) lies between it and the dates."""
    low, high = sorted((index, candidate))
    return any(i in used for i in range(low + 1, high))


def _plain_name(line: str) -> bool:
    """A short line that could be a company or a title: few words, no sentence punctuation."""
    if not line[:1].isalnum():
        return False  # "(using Windows AD, win32api)": the end of a description, not a name
    if _SENTENCE.search(line) or ":" in line or "：" in line or sum(c.isalpha() for c in line) < 2:
        return False
    if _degree(line, True) or _schools(line):
        return False
    if has_cjk(line):
        return len(line) <= 25
    return len(line.split()) <= 6


# "5 years 11 months": LinkedIn's time at a company, on a line of its own between the company and the role
_BARE_DURATION = re.compile(r"^(?:\d+\s*(?:years?|yrs?|months?|mos?)\s*)+$", re.IGNORECASE)


def _clean(value: str) -> str | None:
    value = " ".join(value.split()).strip(" ,;|-·:：")
    if value.endswith(".") and not _ABBREVIATION_END.search(value):
        value = value[:-1]
    value = _AT.sub("", value)
    if _BARE_DURATION.match(value):
        return None
    return value or None
