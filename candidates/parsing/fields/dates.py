"""Dates, date ranges and years of experience.

Conventions (see docs/parsing.md):
- a date is returned as ``YYYY-MM``; a day, when written, is dropped;
- a year written alone starts a range in January and ends it in December ("2018 - 2021" is
  2018-01 … 2021-12, both years inclusive); ``parse_date("2018")`` gives ``2018-01``;
- months are inclusive: "2018.03 - 2018.05" is three months, as LinkedIn counts them;
- "present" words (至今, 现在, 今, Present, Current, Now, to date, till date, continuing…) give
  ``end=None, current=True``;
- a two-digit year after an apostrophe ("Apr’19", "Sept '98") is in this century up to this year, else the last.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from ..types import Span
from ._common import fold, line_around, lowered, positions_of

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MM = r"(?:1[0-2]|0?[1-9])"
_DD = r"(?:3[01]|[12]\d|0?[1-9])"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_CN_DATE = rf"{_YEAR}\s*年(?:\s*{_MM}\s*月(?:\s*{_DD}\s*[日号])?)?"  # 2018年3月(15日)
_NUM_DATE = rf"{_YEAR}[./\-]{_MM}(?:[./\-]{_DD})?(?!\d)"  # 2018.03, 2018/3, 2018-03-15
_US_DATE = rf"(?<![\d./\-])(?:0[1-9]|1[0-2]|[1-9])[/.\-]{_YEAR}"  # 03/2018, 3.2018
_NAME_DATE = rf"\b{_MONTH_NAME}\b\.?(?:\s*{_DD}(?:st|nd|rd|th)?)?[\s,.'\-]*{_YEAR}"  # Mar 2018, March 5, 2018
_YEAR_NAME = rf"{_YEAR},?\s*{_MONTH_NAME}\b\.?"  # 2019 October, 2012, November
_YEAR_ONLY = rf"{_YEAR}"
_SHORT_NAME_DATE = (
    rf"\b{_MONTH_NAME}\b\.?\s*['’]\s*\d\d"  # Apr’19, Mar '17: a two-digit year after an apostrophe
)
_DATE = rf"(?:(?<!\d)(?:{_CN_DATE}|{_NUM_DATE}|{_US_DATE}|{_YEAR_NAME}|{_YEAR_ONLY})|{_NAME_DATE}|{_SHORT_NAME_DATE})(?!\d)"
_PRESENT = (
    r"(?:至今|迄今|目前|现在|現在|当前|當前|今|"
    r"(?:now|present|current(?:ly)?|today|to\s+date|date|ongoing|continuing|till\s+(?:now|date)|until\s+now)(?![a-z]))"
)
_SEP = r"(?:-{1,2}|~|至|到|(?:to|until|till|through|thru)(?![a-z]))"

_RANGE = re.compile(rf"(?P<s>{_DATE})\s*{_SEP}\s*(?:(?P<e>{_DATE})|(?P<p>{_PRESENT}))", re.IGNORECASE)
# "2014  2019", "Feb. 2012  Present": a range whose dash was lost (seen in exported CVs). Two years may
# be one space apart, other dates need two.
_SPACED_RANGE = re.compile(
    rf"(?<![\d.])(?:(?P<s>{_YEAR})[ \t]+(?:(?P<e>{_YEAR})|(?P<p>now|present|current|至今))"
    rf"|(?P<s2>{_DATE})[ \t]{{2,}}(?:(?P<e2>{_DATE})|(?P<p2>now|present|current|至今))"
    # "Apr 2020Jun 2020": a month-name range whose dash was lost with no space left at all
    rf"|(?P<s3>{_NAME_DATE})(?:(?P<e3>{_MONTH_NAME}\.?[ ,.'\-]*{_YEAR})|(?P<p3>now|present|current))"
    # "1998/2004", "2004/ 2013": years separated by a slash (a year and a month "2018/3" is one date)
    rf"|(?P<s4>{_YEAR})[ \t]*/[ \t]*(?P<e4>{_YEAR})"
    # anonymised ends: "Jun 2019Oct", "Oct 2014  Feb" (the end's year removed), "2013/---" (the end removed)
    rf"|(?P<s6>{_NAME_DATE})(?:[ \t]{{2,}})?{_MONTH_NAME}\.?|(?P<s7>{_YEAR})[ \t]*/[ \t]*-{{2,}})(?![\d.a-z])",
    re.IGNORECASE,
)
# "2022 - EPAM Systems. Software Engineer": a start whose end was left open, at the start of a line and
# before a capitalised word (case matters here: "2019 - worked on" is not one).
_OPEN_RANGE = re.compile(rf"(?<![^\n])(?i:(?P<s5>{_DATE}))[ \t]*-[ \t]+(?=[A-Z])")
# "since 02/2020", "seit 2019": a start and no end, still going
_SINCE = re.compile(rf"(?:since|seit)[ \t]+(?P<s8>{_DATE})(?![ \t]*(?:-|to\b|till\b|until\b))", re.IGNORECASE)
_FULL_DATE = re.compile(rf"\s*{_DATE}\s*", re.IGNORECASE)
_PARTS = re.compile(
    rf"(?P<cy>{_YEAR})\s*年(?:\s*(?P<cm>{_MM})\s*月)?|(?P<ny>{_YEAR})[./\-](?P<nm>{_MM})"
    rf"|(?P<yy>{_YEAR})[ \t]*,?\s*(?P<yn>{_MONTH_NAME})\b"
    rf"|(?P<mn>{_MONTH_NAME})\b.*?(?P<my>{_YEAR})|(?P<um>{_MM})[/.\-](?P<uy>{_YEAR})|(?P<y>{_YEAR})"
    rf"|(?P<sn>{_MONTH_NAME})\b\.?\s*['’]\s*(?P<sy>\d\d)",
    re.IGNORECASE,
)


_THIS_YEAR = dt.date.today().year


class DateRange(NamedTuple):
    start: str  # YYYY-MM
    end: str | None  # YYYY-MM, None when current (or unknown)
    current: bool
    span: Span


def _parts(token: str) -> tuple[int, int | None] | None:
    """(year, month or None) of one date token already known to be a date."""
    match = _PARTS.search(token)
    if not match:
        return None
    groups = match.groupdict()
    if groups["cy"]:
        return int(groups["cy"]), int(groups["cm"]) if groups["cm"] else None
    if groups["ny"]:
        return int(groups["ny"]), int(groups["nm"])
    if groups["yy"]:
        return int(groups["yy"]), _MONTHS[groups["yn"].lower()]
    if groups["mn"]:
        return int(groups["my"]), _MONTHS[groups["mn"].lower()]
    if groups["um"]:
        return int(groups["uy"]), int(groups["um"])
    if groups["sn"]:
        short = int(groups["sy"])  # '19 is 2019 and '98 is 1998: a resume's dates are not in the future
        return (2000 + short if short <= _THIS_YEAR % 100 else 1900 + short), _MONTHS[groups["sn"].lower()]
    return int(groups["y"]), None


def parse_date(token: str) -> str | None:
    """``YYYY-MM`` for one date written in any supported form, else None. A year alone gives January."""
    if not token or len(token) > 40:
        return None
    token = fold(token)
    if not _FULL_DATE.fullmatch(token):
        return None
    parts = _parts(token)
    if not parts:
        return None
    year, month = parts
    return f"{year:04d}-{month or 1:02d}"


def extract_date_ranges(text: str) -> list[DateRange]:
    """Every date range in the text, in order: ``(start, end, current, span)``.

    Handles 2018.03-2021.06, 2018/3 – 2021/6, 2018-03 ~ 2021-06, 2018年3月至今, 2018年3月-2021年6月,
    2018.03 - 至今, Mar 2018 – Present, March 2018 - Jun 2021, 03/2018 - 06/2021, 2018 - 2021.
    Ranges that end before they start are dropped.
    """
    return list(_all_ranges(text))


def ranges_in(text: str, start: int, end: int) -> list[DateRange]:
    """The ranges of ``text`` that begin within [start, end) (a line, usually)."""
    ranges = _all_ranges(text)
    index = bisect.bisect_left(_starts(text), start)
    found = []
    while index < len(ranges) and ranges[index].span.start < end:
        found.append(ranges[index])
        index += 1
    return found


@lru_cache(maxsize=16)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(r.span.start for r in _all_ranges(text))


_ANY_YEAR = re.compile(r"(?:19|20)\d\d|['’]\s*\d\d(?!\d)")  # and the "'19" of "Apr'19"


@lru_cache(maxsize=16)
def _all_ranges(text: str) -> tuple[DateRange, ...]:
    """Every range holds a year, so the range patterns are tried only at the token starts shortly
    before each year (a month name, "03/", or the year itself): far cheaper than scanning every
    position of the text with them."""
    folded = fold(text)
    found: list[DateRange] = []
    pos = 0
    for year in _ANY_YEAR.finditer(folded):
        if year.start() < pos:
            continue
        line_start = folded.rfind("\n", 0, year.start()) + 1
        line_end = folded.find("\n", year.end())
        line_end = len(folded) if line_end < 0 else line_end
        for start in _token_starts(folded, max(pos, line_start, year.start() - 16), year.start()):
            match = (
                _RANGE.match(folded, start, line_end)
                or _SPACED_RANGE.match(folded, start, line_end)
                or _OPEN_RANGE.match(folded, start, line_end)
                or _SINCE.match(folded, start, line_end)
            )
            item = _range(match, text) if match else None
            if item:
                found.append(item)
                pos = match.end()
                break
    return tuple(found)


def _token_starts(folded: str, low: int, year_start: int):
    """Positions in [low, year_start] where a word or number begins, earliest first."""
    for position in range(low, year_start):
        if folded[position].isalnum() and (position == 0 or not folded[position - 1].isalnum()):
            yield position
    yield year_start


def _range(match: re.Match, text: str) -> DateRange | None:
    groups = match.groupdict()
    start_token = (
        groups.get("s")
        or groups.get("s2")
        or groups.get("s3")
        or groups.get("s4")
        or groups.get("s5")
        or groups.get("s6")
        or groups.get("s7")
        or groups.get("s8")
    )
    end_token = groups.get("e") or groups.get("e2") or groups.get("e3") or groups.get("e4")
    present = groups.get("p") or groups.get("p2") or groups.get("p3") or groups.get("s8")
    start_parts = _parts(start_token) if start_token else None
    if not start_parts:
        return None
    start = (start_parts[0], start_parts[1] or 1)
    span = Span(text[match.start() : match.end()], match.start(), match.end())
    if present:
        return DateRange(f"{start[0]:04d}-{start[1]:02d}", None, True, span)
    if (
        groups.get("s5") or groups.get("s6") or groups.get("s7")
    ):  # the end open or removed: unknown, not "present"
        return DateRange(f"{start[0]:04d}-{start[1]:02d}", None, False, span)
    end_parts = _parts(end_token) if end_token else None
    if not end_parts:
        return None
    end = (end_parts[0], end_parts[1] or 12)
    if end < start:
        return None
    return DateRange(f"{start[0]:04d}-{start[1]:02d}", f"{end[0]:04d}-{end[1]:02d}", False, span)


# --------------------------------------------------------------------------------------------- years


def _month_index(value: str) -> int:
    year, month = value.split("-")
    return int(year) * 12 + int(month) - 1


def years_of_experience(ranges, today: dt.date | None = None, text: str | None = None) -> float | None:
    """Years covered by the UNION of the work intervals (overlapping jobs count once), one decimal.

    ``ranges``: :class:`DateRange` tuples ``(start, end, current, span)`` or ``ExperienceEntry`` objects.
    An interval runs from its start month to the end of its end month; a current one to ``today``
    (default: today's date); nothing counts after ``today``. When no interval is usable and ``text`` is
    given, an explicit statement ("8年工作经验", "8+ years of experience", "工作年限：5年") is used.
    """
    today = today or dt.date.today()
    now = today.year * 12 + today.month - 1 + today.day / calendar.monthrange(today.year, today.month)[1]
    intervals = []
    for item in ranges:
        if isinstance(item, tuple):
            start, end, current = item[0], item[1], item[2]
        else:
            start, end, current = item.start, item.end, getattr(item, "current", False)
        if not start:
            continue
        begin = _month_index(start)
        if end:
            finish = _month_index(end) + 1
        elif current:
            finish = now
        else:
            continue  # an open end that is not "present" is unknown, not "until today"
        finish = min(finish, now)
        if finish > begin:
            intervals.append((begin, finish))
    if not intervals:
        return stated_years(text) if text else None
    intervals.sort()
    total = 0.0
    cur_start, cur_end = intervals[0]
    for begin, finish in intervals[1:]:
        if begin > cur_end:
            total += cur_end - cur_start
            cur_start, cur_end = begin, finish
        else:
            cur_end = max(cur_end, finish)
    total += cur_end - cur_start
    return round(total / 12, 1)


_CN_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUMBER = r"(\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]{1,3})"
_STATED = (
    re.compile(rf"(?:工作年限|工作经验|工作经历|从业年限|工龄)\s*[:：]?\s*{_NUMBER}\s*(?:\+|多)?\s*年"),
    re.compile(
        rf"{_NUMBER}\s*(?:\+|多)?\s*年(?:以上)?(?:的)?(?:工作|相关|开发|从业|行业|管理|项目|实际)*(?:工作)?经[验历]"
    ),
    re.compile(
        rf"{_NUMBER}\s*\+?\s*(?:years?|yrs?)\.?\s*(?:of\s+)?(?:(?:total|professional|work|working|industry|"
        r"relevant|hands-on|commercial|overall|combined|progressive)\s+)*(?:experience|exp)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:total\s+)?(?:(?:it|work|professional|industry)\s+)?experience\s*(?::-|[:\-–]|of|over|\bis\b)?\s*"
        rf"(?:(?:around|about|approx\.?|approximately|nearly|over|more than|almost)\s+)?{_NUMBER}\s*\+?\s*"
        r"(?:years?|yrs?)\b(?:\s*(?:and\s*)?(\d{1,2})\s*months?\b)?",
        re.IGNORECASE,
    ),
)
# Per-skill durations as some job boards print them: "Java- Experience - 24 months", "Sql- Experience - Less
# than 1 year months". Without a total, the longest one is a lower bound of the candidate's experience.
_SKILL_MONTHS = re.compile(
    r"-\s*experience\s*[-–:]\s*(?:(\d{1,3})\s*months?|(less than 1 year)(?:\s*months?)?)\b", re.IGNORECASE
)


_STATED_KEYS = ("年", "year", "yr", "experience")


def stated_years(text: str) -> float | None:
    """The first explicit "N years of experience" statement in the text, in years, else None."""
    folded = fold(text)
    low = lowered(text)
    done = -1
    for position in positions_of(low, _STATED_KEYS):  # only lines holding a keyword are searched
        start, end = line_around(folded, position)
        if start == done:
            continue
        done = start
        best: tuple[int, float] | None = None
        for pattern in _STATED:
            match = pattern.search(folded, start, end)
            if match:
                value = _number(match.group(1))
                if value is not None and pattern.groups >= 2 and match.group(2):
                    value = round(value + int(match.group(2)) / 12, 1)  # "2 Years 7 Months"
                if value is not None and 0 < value <= 60 and (best is None or match.start() < best[0]):
                    best = (match.start(), value)
        if best:
            return best[1]
    return skill_months_years(text)


def skill_months_years(text: str) -> float | None:
    """The longest per-skill duration ("Python- Experience - 24 months") in years, one decimal; "less than
    1 year" counts half a year. None when the text has no such line."""
    months = [int(m.group(1)) if m.group(1) else 6 for m in _SKILL_MONTHS.finditer(text)]
    months = [value for value in months if 0 < value <= 720]
    return round(max(months) / 12, 1) if months else None


def _number(token: str) -> float | None:
    if token[0].isdigit():
        return float(token)
    if token == "十":
        return 10.0
    if token.startswith("十"):  # 十五 = 15
        return 10.0 + _CN_NUMERALS.get(token[1:], 0)
    if "十" in token:  # 二十 = 20, 二十五 = 25
        tens, _, units = token.partition("十")
        return _CN_NUMERALS.get(tens, 0) * 10.0 + (_CN_NUMERALS.get(units, 0) if units else 0)
    return float(_CN_NUMERALS[token]) if token in _CN_NUMERALS else None


# ------------------------------------------------------------------------------- ranges over two lines

# "September 2019  Senior Team Manager" / "currently working", "2020, June  MTS GROUP" / "2021, August
# Python Developer": a column of dates whose start opens one line and whose end opens the next (PDF
# conversions put each date beside a different field). The start must carry its month, so a list of
# years ("2018 Award" / "2019 Award") is not read as ranges.
_LEAD_START = re.compile(
    rf"[ \t]*(?P<d>(?<!\d)(?:{_NUM_DATE}|{_US_DATE}|{_YEAR}[ \t]*,?[ \t]*{_MONTH_NAME}\b\.?)|{_NAME_DATE})(?!\d)"
    r"(?![ \t]*[-–—~/])",  # "2018.03 - …" is a range (or a broken one): not ours
    re.IGNORECASE,
)
_LEAD_END = re.compile(
    rf"[ \t]*(?:(?P<d>{_DATE})|(?P<p>(?:currently|still)(?:[ \t]+(?:working|employed|here))?|present|now|"
    rf"till[ \t]+now|to[ \t]+date|ongoing)(?![a-z])|(?P<m>{_MONTH_NAME})\b\.?(?![ \t]*[\d,]))",
    re.IGNORECASE,
)


def leading_start(line: str) -> tuple[str, int] | None:
    """A date with its month opening the line and not followed by a range separator: (``YYYY-MM``, the
    offset where the date ends), else None."""
    folded = fold(line)
    match = _LEAD_START.match(folded)
    if not match:
        return None
    parts = _parts(match.group("d"))
    if not parts or parts[1] is None:
        return None
    return f"{parts[0]:04d}-{parts[1]:02d}", match.end()


def leading_end(line: str, start: str) -> tuple[str | None, bool, int] | None:
    """The end of a range whose start opened the line before: a date opening this line (not before
    ``start``), a "present" phrase ("currently working") or a month whose year was removed ("December
    Web-Developer"). (``YYYY-MM`` or None, current, offset where it ends), else None."""
    folded = fold(line)
    match = _LEAD_END.match(folded)
    if not match:
        return None
    if match.group("p"):
        return None, True, match.end()
    if match.group("m"):
        return None, False, match.end()
    parts = _parts(match.group("d"))
    if not parts:
        return None
    end = f"{parts[0]:04d}-{parts[1] or 12:02d}"
    if end < start:
        return None
    return end, False, match.end()


# "2014  Junior Android Developer @ Mobium", "2018  Flexitech AVIA Israel": a start alone (a year, or a
# month and year) opening the line, two spaces or a tab before a capitalised word; the end never given.
_LEAD_SINGLE = re.compile(
    rf"[ \t]*(?P<d>(?<!\d)(?:{_NUM_DATE}|{_US_DATE}|{_YEAR}[ \t]*,?[ \t]*{_MONTH_NAME}\b\.?|{_YEAR})|{_NAME_DATE})"
    r"(?!\d)(?:[ \t]{2,}|\t)(?=[A-Z])",
    re.IGNORECASE,
)


def leading_single(line: str) -> tuple[str, int] | None:
    """A lone start date opening the line before a capitalised field: (``YYYY-MM``, the offset where the
    date ends), else None. The caller decides whether the line is a job (it needs a company and a title)."""
    folded = fold(line)
    match = _LEAD_SINGLE.match(folded)
    if not match or not folded[match.end() :][:1].isupper():
        return None
    parts = _parts(match.group("d"))
    if not parts:
        return None
    return f"{parts[0]:04d}-{parts[1] or 1:02d}", match.end()
