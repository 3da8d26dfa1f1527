"""Salary expectation: min, max, currency (ISO 4217), period (month / year / day / hour), months paid."""

from __future__ import annotations

import re

from ..types import Salary
from ._common import fold, line_around, lines_of, lowered, positions_of

# Strong labels name an expectation wherever they stand; weak ones ("薪资", "Salary") only when a value
# follows them directly ("月薪2万", "Salary: 120k"), so that "负责薪资核算" is not read as one.
_LABEL = re.compile(
    r"(?:期望薪资|期望月薪|期望年薪|期望薪酬|期望工资|期望待遇|薪资要求|薪酬要求|薪资期望|待遇要求|期望收入|目标薪资|"
    r"目前薪资|当前薪资|目前月薪|目前年薪|当前年薪|期望薪水|"
    r"expected\s+(?:salary|compensation|pay|ctc)|salary\s+expectations?|desired\s+salary|target\s+salary|"
    r"current\s+(?:salary|ctc)|(?:hourly|daily|day)\s+rate|期望时薪|期望日薪)"
    r"|(?:薪资|月薪|年薪|薪酬|待遇|工资|salary|compensation|ctc)(?=\s*(?:[:：]|\d|[$¥￥€£]|usd|rmb|cny))",
)  # matched against the lowercased line
_NEGOTIABLE = re.compile(
    r"面议|可议|协商|negotiable|open\b|to be discussed|\bTBD\b|competitive", re.IGNORECASE
)

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(k|千|w|万|m(?![a-z]))"
_CURRENCY = r"(US\$|USD|HK\$|HKD|S\$|SGD|NT\$|TWD|A\$|AUD|C\$|CAD|RMB|CNY|EUR|GBP|JPY|CHF|[$¥￥€£]|人民币|美元|欧元|英镑|港币|日元)"
_AMOUNT = rf"{_CURRENCY}?\s*{_NUM}\s*{_UNIT}?"
_RANGE = re.compile(
    rf"(?<![\w.]){_AMOUNT}(?:\s*(?:-|~|至|到|to)\s*{_AMOUNT})?\s*(元|块)?"
    rf"(?:\s*{_CURRENCY})?"
    r"(?:\s*(?:/|每|per\s+|a\s+|an\s+)?\s*(月|年|天|日|小时|时|(?:month|mo|year|yr|annum|day|hour|hr)s?(?![a-z])))?"
    r"(?:\s*[·*x×]\s*(\d{2})\s*(?:薪|个月|months?)?|\s*[,，]?\s*(\d{2})\s*薪)?",
    re.IGNORECASE,
)
# A bare line must carry one of these to be read as a salary at all (cheap pre-check).
_SALARY_SHAPED = re.compile(
    r"\d\s*(?:k|w|m|千|万|元|块|薪)|[$¥￥€£]\s*\d|usd|rmb|cny|eur|gbp|/\s*(?:月|年)|per\s"
)
_NEGOTIABLE_LINE = re.compile(r"(?m)^[ \t]*(?:面议|可议|negotiable|Negotiable)[ \t]*$")
_DIGIT = re.compile(r"\d")
_PERIOD_WORD = re.compile(
    r"(月薪|年薪|日薪|时薪|monthly|annual(?:ly)?|yearly|per\s+annum|p\.a\.|daily|hourly)", re.IGNORECASE
)
_CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "美元": "USD",
    "¥": "CNY",
    "￥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "€": "EUR",
    "eur": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "英镑": "GBP",
    "hk$": "HKD",
    "hkd": "HKD",
    "港币": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "nt$": "TWD",
    "twd": "TWD",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "jpy": "JPY",
    "日元": "JPY",
    "chf": "CHF",
}
_PERIODS = {
    "月": "month",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "月薪": "month",
    "年": "year",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "per annum": "year",
    "p.a.": "year",
    "年薪": "year",
    "天": "day",
    "日": "day",
    "day": "day",
    "daily": "day",
    "日薪": "day",
    "小时": "hour",
    "时": "hour",
    "hour": "hour",
    "hr": "hour",
    "hourly": "hour",
    "时薪": "hour",
}
_MULTIPLIERS = {"k": 1000, "千": 1000, "w": 10000, "万": 10000, "m": 1000000}


def extract_salary(text: str, default_currency: str | None = "CNY") -> Salary | None:
    """The salary expectation, or None (also for 面议 / negotiable).

    Labelled lines first (期望薪资, 期望月薪, 薪资要求, Expected salary, Salary expectation…, then 月薪 / 年薪 /
    Salary). Without a label, a short line that is mostly a salary-shaped amount counts (25-35K·14薪,
    30万/年, $120k…), but never an amount inside a sentence ("管理30万用户").
    """
    folded = fold(text)
    low = lowered(text)
    for label in _labels(low):
        start, end = line_around(folded, label.start())
        rest = folded[label.end() : end]
        if not _DIGIT.search(rest) and end < len(folded):  # the value on the next line
            rest += " " + folded[end + 1 : line_around(folded, end + 1)[1]]
        if _NEGOTIABLE.search(rest) and not _DIGIT.search(rest):
            return None
        salary = parse_salary(rest, default_currency, hint=label.group())
        if salary:
            return salary
    if _NEGOTIABLE_LINE.search(folded):
        return None
    for start, end in lines_of(text):
        if end - start > 60 or not _SALARY_SHAPED.search(low, start, end):
            continue
        line = folded[start:end].strip()
        if line and len(line) <= 40:
            salary = parse_salary(line, default_currency, bare=True)
            if salary:
                return salary
    return None


_LABEL_KEYS = (
    "薪",
    "待遇",
    "工资",
    "收入",
    "salary",
    "compensation",
    "expected pay",
    "ctc",
    "hourly rate",
    "daily rate",
    "day rate",
)


def _labels(low: str):
    """Label matches, looked for only on the lines holding a label keyword (much faster than running the
    label alternation over the whole text)."""
    done = -1
    for position in positions_of(low, _LABEL_KEYS):
        start, end = line_around(low, position)
        if start == done:
            continue
        done = start
        yield from _LABEL.finditer(low, start, end)


def parse_salary(
    value: str, default_currency: str | None = "CNY", hint: str = "", bare: bool = False
) -> Salary | None:
    """Parse one amount or range: 25-35K·14薪, 25k-35k, 30万/年, 30-40万, 2万, $120k, USD 8,000/month,
    €60,000 per year, ¥20000/月, 20K/月, 1.5万-2万/月.

    Without a period: K amounts in CNY are monthly (the Chinese convention), 万 amounts are yearly from
    10万 up and monthly below, plain CNY numbers yearly from 100,000; in other currencies an amount of
    20,000 or more is yearly. ``bare``: the value stands alone, so it must look like a salary (a unit, a
    currency, a period or 薪) and cover most of the text.
    """
    value = fold(value)
    for match in _RANGE.finditer(value):
        salary = _salary(match, value, default_currency, hint, bare)
        if salary:
            return salary
    return None


def _salary(
    match: re.Match, value: str, default_currency: str | None, hint: str, bare: bool
) -> Salary | None:
    cur1, num1, unit1, cur2, num2, unit2, yuan, cur3, period, months_a, months_b = match.groups()
    if bare:
        shaped = unit1 or unit2 or cur1 or cur2 or cur3 or period or months_a or months_b or yuan
        covered = len(match.group().strip()) >= 0.6 * len(re.sub(r"\s", "", value))
        if not shaped or not covered:
            return None
    unit2 = unit2 or (unit1 if num2 else None)
    unit1 = unit1 or unit2  # "25-35K": the unit of the second applies to the first
    low = _amount(num1, unit1)
    high = _amount(num2, unit2) if num2 else None
    if low is None or low <= 0 or (high is not None and high < low):
        return None
    currency_token = (cur1 or cur2 or cur3 or "").lower()
    currency = _CURRENCIES.get(currency_token) or ("CNY" if yuan else default_currency)
    period_word = _PERIOD_WORD.search(hint + " " + value)
    period = _PERIODS.get((period or "").lower().rstrip("s")) or (
        _PERIODS.get(period_word.group(1).lower()) if period_word else None
    )
    months = int(months_a or months_b) if (months_a or months_b) else None
    if months is not None and not 12 <= months <= 24:
        months = None
    if period is None:
        period = _default_period(high or low, unit1, currency)
    if not _plausible(high or low, period) or (
        not unit1 and not currency_token and not yuan and not hint and low < 100
    ):
        return None
    return Salary(
        min=low, max=high if high is not None else low, currency=currency, period=period, months=months
    )


def _amount(number: str | None, unit: str | None) -> float | None:
    if not number:
        return None
    amount = float(number.replace(",", ""))
    if unit:
        amount *= _MULTIPLIERS[unit.lower()]
    return amount


def _default_period(amount: float, unit: str | None, currency: str | None) -> str:
    unit = (unit or "").lower()
    if currency in ("CNY", None):
        if unit in ("k", "千"):
            return "month"
        if unit in ("w", "万"):
            return "year" if amount >= 100000 else "month"
        return "year" if amount >= 100000 else "month"
    return "year" if amount >= 20000 else "month"


def _plausible(amount: float, period: str) -> bool:
    limits = {"hour": (5, 5000), "day": (50, 50000), "month": (500, 2000000), "year": (5000, 50000000)}
    low, high = limits[period]
    return low <= amount <= high
