"""E-mail addresses and phone numbers."""

from __future__ import annotations

import re

import phonenumbers

from ._common import fold

# --------------------------------------------------------------------------------------------- e-mail

# Found from each "@" outwards: scanning every position for a local part is far slower.
_LOCAL = re.compile(r"(?:^|[^\w.%+-])([A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?)([ \t]?)$")
_DOMAIN = re.compile(
    r"([ \t]?)((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z-])"
)
_EMAIL_LABEL = re.compile(r"e-?mail|邮箱|邮件|電郵|郵箱|mail")
# Addresses written with a space around "@" are accepted only at these providers or on a labelled line:
# "Engineer @ Google.com" is a job, not an address.
_MAIL_PROVIDERS = {
    "qq.com",
    "163.com",
    "126.com",
    "gmail.com",
    "outlook.com",
    "hotmail.com",
    "foxmail.com",
    "sina.com",
    "sina.cn",
    "yahoo.com",
    "icloud.com",
    "sohu.com",
    "139.com",
    "aliyun.com",
    "yeah.net",
    "live.com",
    "msn.com",
    "protonmail.com",
    "proton.me",
    "me.com",
    "189.cn",
    "vip.qq.com",
    "vip.163.com",
    "126.net",
}
_LABEL_GLUE = re.compile(r"^(?:E-?mail|EMAIL|Mail|MAIL)(?=[a-z0-9])")


def extract_emails(text: str) -> list[str]:
    """E-mail addresses, lowercased, deduplicated, in order of appearance.

    Full-width characters (＠, ．) count as their ASCII forms. A single space on either side of "@" is
    tolerated only for well-known mail providers or on a line labelled as an e-mail line.
    """
    folded = fold(text)
    found: list[str] = []
    at = folded.find("@")
    while at >= 0:
        address = _address_at(folded, at)
        if address and address not in found:
            found.append(address)
        at = folded.find("@", at + 1)
    return found


def _address_at(folded: str, at: int) -> str | None:
    local_match = _LOCAL.search(folded, max(0, at - 66), at)
    domain_match = _DOMAIN.match(folded, at + 1)
    if not local_match or not domain_match:
        return None
    local, space_before = local_match.groups()
    space_after, domain = domain_match.groups()
    domain = domain.lower()
    if (space_before or space_after) and domain not in _MAIL_PROVIDERS and not _labelled(folded, at):
        return None
    local = _LABEL_GLUE.sub("", local)  # "Emailjohn@x.com" from a PDF that lost the separator
    if ".." in local or local.startswith(".") or local.endswith("."):
        return None
    return f"{local}@{domain}".lower()


def _labelled(folded: str, at: int) -> bool:
    line_start = folded.rfind("\n", 0, at) + 1
    return bool(_EMAIL_LABEL.search(folded[line_start:at].lower()))


# --------------------------------------------------------------------------------------------- phones

# International: "+" or "00", a country code, then digit groups. Validated group prefix by group prefix,
# so that a year or another number written after the phone is not swallowed.
# Every pattern starts with a literal character so that the regex engine can skip ahead quickly; what a
# look-behind would check is checked in code (_free_before).
# International: "+" or "00", a country code, then digit groups. Validated group prefix by group prefix,
# so that a year or another number written after the phone is not swallowed.
_INTERNATIONAL = re.compile(r"(?:\+|00)[ ]?\(?[1-9]\d{0,2}\)?(?:[ \-.]{0,2}\(?\d{1,5}\)?){1,7}(?!\d)")
# Mainland mobiles: 11 digits 1[3-9]…, as 3-4-4, 4-3-4 or contiguous (an 86 prefix is allowed before).
_CN_MOBILE = re.compile(r"1[3-9]\d(?:[ \-]?\d{4}[ \-]?\d{4}|\d[ \-]?\d{3}[ \-]?\d{4})(?!\d)")
_CN_PREFIX = re.compile(r"(?:^|[^\d+])(?:86|\(86\)|\(\+86\))[ \-]?$")
# Landlines and service numbers: only on a line labelled as a phone line.
_CN_LANDLINE = re.compile(
    r"((?:\(0\d{2,3}\)|0\d{2,3})[ \-]?[1-9]\d{6,7}|[48]00[ \-]?\d{3}[ \-]?\d{4})"
    r"(?:[ ]*(?:-|转|ext\.?|x)[ ]*\d{1,6})?(?![\d.])"
)
_NATIONAL = re.compile(r"(\(?\d{2,5}\)?(?:[ \-.]?\d{2,5}){1,4})(?![\d.])")
# Matched against the lowercased text (an IGNORECASE alternation is ten times slower).
_PHONE_LABEL = re.compile(
    r"电\s*话|手\s*机|座\s*机|联系方式|联系电话|移动电话|固话|tel|phone|mobile|cell|contact|whats\s*app|電話|手機"
)
_FAX_LABEL = re.compile(r"fax|传真|傳真")


def _free_before(folded: str, start: int, forbidden: str) -> bool:
    return start == 0 or folded[start - 1] not in forbidden


def extract_phones(text: str, default_region: str = "CN") -> list[str]:
    """Phone numbers in E.164, deduplicated, in order of appearance.

    - numbers written with "+" or "00" and a country code, anywhere (validated by ``phonenumbers``);
    - mainland mobiles (1[3-9] + 9 digits, optionally grouped 3-4-4 or 4-3-4, optional 86 prefix), anywhere;
    - landlines with an area code (010-12345678, (0755) 1234567), 400/800 numbers and, for other default
      regions, national numbers: only on a line labelled as a phone line (电话, Tel, Phone, Mobile…).
    Dates, ID card numbers (18 digits), salaries and years never have the shape of the first two, and
    the others need the label.
    """
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []

    def add(start: int, end: int, number: str | None) -> None:
        if number and not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            found.append((start, number))

    for match in _INTERNATIONAL.finditer(folded):
        if not (
            _free_before(folded, match.start(), "+_")
            and not folded[match.start() - 1 : match.start()].isalnum()
        ):
            continue
        span, number = _parse_international(match)
        if number:
            add(match.start(), match.start() + span, number)
    for match in _CN_MOBILE.finditer(folded):
        before = folded[max(0, match.start() - 8) : match.start()]
        if not _free_before(folded, match.start(), "0123456789+.") and not _CN_PREFIX.search(before):
            continue
        add(match.start(), match.end(), _valid(match.group(), "CN"))
    national = _CN_LANDLINE if default_region == "CN" else _NATIONAL
    for start, end in _labelled_lines(folded):
        for match in national.finditer(folded, start, end):
            if not _free_before(folded, match.start(), "0123456789."):
                continue
            # The label vouches for the number: a possible number (right length for its area) is enough.
            add(match.start(), match.end(), _valid(match.group(1), default_region, possible=True))
    numbers: list[str] = []
    for _, number in sorted(found):
        if number not in numbers:
            numbers.append(number)
    return numbers


def _labelled_lines(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that carry a phone label and no fax label."""
    lowered = folded.lower()  # same length: ASCII and CJK keep their length when lowercased
    if len(lowered) != len(folded):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    spans: list[tuple[int, int]] = []
    for label in _PHONE_LABEL.finditer(lowered):
        start = lowered.rfind("\n", 0, label.start()) + 1
        end = lowered.find("\n", label.end())
        end = len(lowered) if end < 0 else end
        if (not spans or spans[-1][0] != start) and not _FAX_LABEL.search(lowered, start, end):
            spans.append((start, end))
    return spans


def _parse_international(match: re.Match) -> tuple[int, str | None]:
    """Try the longest run of digit groups first, then shorter ones; return (matched length, E.164).
    A "(0)" trunk prefix ("+44 (0)20 …") is skipped."""
    raw = match.group()
    groups = list(re.finditer(r"\(0\)|\d+", raw))
    international_00 = raw.lstrip("( ").startswith("00")
    for count in range(len(groups), 0, -1):
        digits = "".join(g.group() for g in groups[:count] if g.group() != "(0)")
        if international_00:
            digits = digits[2:]
        if not 8 <= len(digits) <= 15:
            continue
        number = _valid("+" + digits, None)
        if number:
            return groups[count - 1].end(), number
    return 0, None


def _valid(candidate: str, region: str | None, possible: bool = False) -> str | None:
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) and not (
        possible and phonenumbers.is_possible_number(number)
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
