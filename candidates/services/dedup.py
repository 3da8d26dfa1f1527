"""Finding people who are in the pool twice: exact (email, phone, external id) and fuzzy. Duplicates are flagged
for a recruiter to review, never merged silently.

A fuzzy pair is weighed, not matched by rule (``pair_evidence``): every agreement multiplies the odds that the
two rows are one person by how unlikely that agreement is between strangers in this pool, and a pair is
flagged when the odds reach even (``PRIOR_DUPLICATE_SHARE`` sets where they start) *and* two independent
signals agree:

- **name**: the same name up to case, spacing, order, a typo, or a transliteration (张伟 = Zhang Wei = WEI
  Zhang, through pypinyin). It is weighed by how common the name is: the larger of a population prior (Chinese
  surnames and given names from the published national statistics, English first and last names from the US
  census lists the ``names`` package ships) and its share of this pool. It counts as a signal of its own only
  when fewer than ``NAME_SIGNAL_EXPECTED`` strangers in the pool would carry it: "张伟 at Huawei" in a pool of
  5,000 people with Chinese names is one signal, not two;
- **company** (current or past) and **school**, each weighed by its share of the pool; the same **title**
  and **location** add a little;
- **contacts**: different e-mails *and* different phones (both rows have some, none shared) make it twenty
  times less likely (``DIFFERENT_CONTACTS``); different e-mails alone halve it. A shared e-mail or phone is an exact duplicate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from rapidfuzz import fuzz

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateStatus,
    DuplicateFlag,
    DuplicateStatus,
    Education,
)
from .profile import normalize_text

NAME_SIMILARITY = 88  # rapidfuzz ratio (0-100) of two name keys above which the names count as the same
PRIOR_DUPLICATE_SHARE = (
    0.02  # share of a pool's people with a second row: the odds of a random pair start there
)
NAME_SIGNAL_EXPECTED = 0.1  # a name is a signal of its own when fewer strangers than this would carry it
FUZZY_NAME_DISCOUNT = 0.2  # a typo or a homophone is that much weaker than the same name
DIFFERENT_CONTACTS = 0.05  # different e-mails and different phones
DIFFERENT_EMAILS = 0.5  # different e-mails, phones unknown on one side
BLOCK_LIMIT = 500  # rows compared per shared company, school or name
TITLE_SIGNAL_SHARE = 0.1  # a title held by fewer than this share of the pool is a signal of its own

# Shares of the Chinese population (2020 census and the Ministry of Public Security's name report 2019-2020):
# surnames, and given names among the holders of a surname (张伟: ~290,000 of ~95 million 张).
SURNAME_SHARE = {
    "王": 0.0717,
    "李": 0.0700,
    "张": 0.0676,
    "刘": 0.0538,
    "陈": 0.0453,
    "杨": 0.0308,
    "黄": 0.0225,
    "赵": 0.0214,
    "吴": 0.0205,
    "周": 0.0189,
    "徐": 0.0133,
    "孙": 0.0131,
    "马": 0.0124,
    "朱": 0.0126,
    "胡": 0.0115,
    "郭": 0.0115,
    "何": 0.0106,
    "林": 0.0101,
    "高": 0.0100,
    "罗": 0.0094,
    "郑": 0.0092,
    "梁": 0.0088,
    "谢": 0.0076,
    "宋": 0.0067,
    "唐": 0.0065,
    "许": 0.0062,
    "韩": 0.0061,
    "冯": 0.0060,
    "邓": 0.0060,
    "曹": 0.0057,
    "彭": 0.0054,
    "曾": 0.0050,
    "肖": 0.0049,
    "田": 0.0048,
    "董": 0.0047,
    "袁": 0.0046,
    "潘": 0.0045,
    "于": 0.0045,
    "蒋": 0.0043,
    "蔡": 0.0043,
    "余": 0.0043,
    "杜": 0.0042,
    "叶": 0.0040,
    "程": 0.0039,
    "苏": 0.0038,
    "魏": 0.0037,
    "吕": 0.0037,
    "丁": 0.0035,
    "任": 0.0034,
    "沈": 0.0033,
}
GIVEN_SHARE = {
    "伟": 0.0031,
    "芳": 0.0028,
    "娜": 0.0025,
    "敏": 0.0023,
    "静": 0.0023,
    "丽": 0.0021,
    "强": 0.0020,
    "磊": 0.0019,
    "军": 0.0019,
    "洋": 0.0018,
    "勇": 0.0017,
    "艳": 0.0017,
    "杰": 0.0017,
    "娟": 0.0016,
    "涛": 0.0015,
    "明": 0.0015,
    "超": 0.0015,
    "秀英": 0.0015,
    "霞": 0.0014,
    "平": 0.0014,
    "刚": 0.0013,
    "桂英": 0.0013,
    "鹏": 0.0012,
    "辉": 0.0012,
    "玲": 0.0012,
    "婷": 0.0011,
    "健": 0.0011,
    "斌": 0.0011,
    "峰": 0.0010,
    "波": 0.0010,
    "宇": 0.0010,
    "浩": 0.0010,
    "凯": 0.0009,
    "琳": 0.0009,
    "红": 0.0009,
    "燕": 0.0009,
    "俊": 0.0009,
    "欣": 0.0008,
    "华": 0.0008,
    "建华": 0.0008,
    "建国": 0.0007,
    "文": 0.0007,
}
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "慕容",
    "令狐",
    "司徒",
    "夏侯",
    "尉迟",
    "公孙",
)
OTHER_SURNAME = 0.0008  # a surname outside the table
OTHER_GIVEN = {1: 0.0003, 2: 0.00003}  # a given name outside the table, by length
OTHER_FIRST, OTHER_LAST = 0.0001, 0.00002  # an English name outside the census lists

_CJK = re.compile(r"[\u3400-\u9fff]")
_COMPANY_NOISE = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|plc|gmbh|co|corp|corporation|company|group|holdings?)\b\.?|"
    r"股份有限公司|有限责任公司|有限公司|集团|公司|（中国）|\(中国\)|中国",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[\W_]+")


# -- names ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pinyin():
    from pypinyin import lazy_pinyin

    return lazy_pinyin


def _split_chinese(name: str) -> tuple[str, str]:
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname) and len(name) > len(surname):
            return surname, name[len(surname) :]
    return name[:1], name[1:]


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The name as lowercase Latin words: Chinese through pinyin, surname and given name each one word as they
    are written in Latin letters ("张伟" → ("zhang", "wei"), "欧阳娜娜" → ("ouyang", "nana"))."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if _CJK.search(name):
        parts = _split_chinese("".join(_CJK.findall(name)))
        return tuple(w for w in ("".join(s for s in _pinyin()(part) if s.isalpha()) for part in parts) if w)
    return tuple(w for w in _PUNCT.sub(" ", name.lower()).split() if w)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Order-free key of a name: "Zhang Wei", "WEI Zhang", "张伟" and "张 伟" give "wei zhang"."""
    return " ".join(sorted(name_tokens(name)))


@lru_cache(maxsize=1)
def _pinyin_shares() -> tuple[dict[str, float], dict[str, float]]:
    """The surname and given-name tables summed by pinyin: "zhang" = 张 + 章 as written in Latin letters."""
    surnames: dict[str, float] = {}
    given: dict[str, float] = {}
    for table, out in ((SURNAME_SHARE, surnames), (GIVEN_SHARE, given)):
        for hanzi, share in table.items():
            key = "".join(_pinyin()(hanzi))
            out[key] = out.get(key, 0.0) + share
    return surnames, given


@lru_cache(maxsize=1)
def _census() -> tuple[dict[str, float], dict[str, float]]:
    """English first and last name shares from the US census lists the ``names`` package ships."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    try:
        import names
    except ImportError:
        return first, last
    folder = Path(names.__file__).resolve().parent
    for file, out, weight in (
        ("dist.male.first", first, 0.5),
        ("dist.female.first", first, 0.5),
        ("dist.all.last", last, 1.0),
    ):
        path = folder / file
        if path.exists():
            for line in path.read_text(encoding="ascii", errors="ignore").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    out[parts[0].lower()] = out.get(parts[0].lower(), 0.0) + weight * float(parts[1]) / 100
    return first, last


@lru_cache(maxsize=65536)
def name_prior(name: str) -> float:
    """How likely a stranger is to carry ``name`` (as written in either script): surname share × given-name
    share, from the tables above for Chinese names (in characters or pinyin) and the census for English ones."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if _CJK.search(name):
        surname, given = _split_chinese("".join(_CJK.findall(name)))
        return SURNAME_SHARE.get(surname, OTHER_SURNAME) * GIVEN_SHARE.get(
            given, OTHER_GIVEN.get(len(given), 1e-5)
        )
    tokens = list(name_tokens(name))
    if not tokens:
        return 1.0
    if len(tokens) == 1:
        return 0.001
    surnames, given = _pinyin_shares()
    first, last = _census()
    best = 0.0
    for family, rest in ((tokens[0], tokens[1:]), (tokens[-1], tokens[:-1])):
        if family in surnames:  # pinyin: "Zhang Wei", "Wei Zhang"
            given_key = "".join(rest)
            best = max(best, surnames[family] * given.get(given_key, OTHER_GIVEN.get(len(rest), 1e-5)))
        best = max(best, max(first.get(rest[0], 0.0), OTHER_FIRST) * max(last.get(family, 0.0), OTHER_LAST))
    return best


def _names_agree(a: str, b: str) -> float:
    """1 for the same name (up to case, order, script), FUZZY_NAME_DISCOUNT for a typo or a homophone, 0 else.

    Chinese names are compared by their characters, or by their pinyin when one side is in Latin letters (a
    transliteration) or the characters differ but sound the same (张伟 / 张玮: an input-method slip); pinyin is
    never compared loosely, since 王明 and 唐铭 differ by one letter. Latin names allow a typo (rapidfuzz ratio
    ≥ NAME_SIMILARITY) when they are long enough for one typo to be rare."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    chinese_a, chinese_b = _CJK.findall(a), _CJK.findall(b)
    if key_a == key_b:
        if chinese_a and chinese_b and chinese_a != chinese_b:
            return FUZZY_NAME_DISCOUNT
        return 1.0
    if chinese_a or chinese_b:
        return 0.0
    joined_a, joined_b = key_a.replace(" ", ""), key_b.replace(" ", "")
    if min(len(joined_a), len(joined_b)) >= 9 and (
        fuzz.ratio(joined_a, joined_b) >= NAME_SIMILARITY
        or fuzz.token_sort_ratio(key_a, key_b) >= NAME_SIMILARITY
    ):
        return FUZZY_NAME_DISCOUNT
    return 0.0


def company_key(company: str) -> str:
    """A company name without case, punctuation and legal suffixes: "HUAWEI Technologies Co., Ltd." →
    "huaweitechnologies"."""
    text = normalize_text(company).lower()
    return _PUNCT.sub("", _COMPANY_NOISE.sub(" ", text))


# -- weighing a pair -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """What the fuzzy check reads about one candidate."""

    id: int
    name: str
    companies: frozenset[str] = frozenset()  # company_key of the current and past companies
    schools: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    title: str = ""
    location: str = ""


@dataclass
class PoolStats:
    """How common things are in the pool: its size and counts of people by name key, company, school, title
    and location (callables, so the database and the benchmark can answer them their own way; ``name_count``
    takes a name as written)."""

    size: int
    name_count: Callable[[str], int]
    company_count: Callable[[str], int]
    school_count: Callable[[str], int]
    title_count: Callable[[str], int] = field(default=lambda _: 0)
    location_count: Callable[[str], int] = field(default=lambda _: 0)


@dataclass(frozen=True)
class Evidence:
    """The weighing of one pair: the odds that they are one person, the independent signals that agreed, and
    every agreement (the name first)."""

    odds: float
    signals: tuple[str, ...]
    agreements: tuple[str, ...] = ()

    @property
    def probability(self) -> float:
        return self.odds / (1.0 + self.odds)

    @property
    def is_duplicate(self) -> bool:
        return self.odds >= 1.0 and len(self.signals) >= 2

    @property
    def reason(self) -> str:
        """name_company, name_school (the reasons the review page knows), name_company_school, …"""
        return "_".join(self.agreements)[:40]


def _share(count: int, size: int, floor: int = 1) -> float:
    """The share of strangers in the pool who have what the pair shares: the count without the pair itself,
    at least ``floor`` (one stranger, for a company or a school: one sighting is a poor estimate of its size)."""
    return min(1.0, max(count - 2, floor) / max(size, 1))


def pair_evidence(a: Person, b: Person, pool: PoolStats) -> Evidence:
    """Weigh whether ``a`` and ``b`` are one person (see the module docstring). Pure: no database."""
    agree = _names_agree(a.name, b.name)
    if not agree:
        return Evidence(0.0, ())
    size = max(pool.size, 2)
    p_name = max(name_prior(a.name), name_prior(b.name), _share(pool.name_count(a.name), size, floor=0))
    odds = PRIOR_DUPLICATE_SHARE / size * agree / p_name
    signals = ["name"] if p_name * size < NAME_SIGNAL_EXPECTED else []
    agreements = ["name"]
    for label, shared, count in (
        ("company", a.companies & b.companies, pool.company_count),
        ("school", a.schools & b.schools, pool.school_count),
    ):
        if shared:
            odds /= min(_share(count(item), size) for item in shared)
            signals.append(label)
            agreements.append(label)
    if a.title and a.title == b.title:
        share = _share(pool.title_count(a.title), size)
        odds /= share
        agreements.append("title")
        if share < TITLE_SIGNAL_SHARE:  # a rare title is a signal; "Software Engineer" is not
            signals.append("title")
    if a.location and a.location == b.location:
        odds /= _share(pool.location_count(a.location), size) ** 0.5  # towns are big: half the weight
    different_emails = bool(a.emails and b.emails and not a.emails & b.emails)
    different_phones = bool(a.phones and b.phones and not a.phones & b.phones)
    if different_emails and different_phones:
        odds *= DIFFERENT_CONTACTS
    elif different_emails or different_phones:
        odds *= DIFFERENT_EMAILS
    return Evidence(odds, tuple(signals), tuple(agreements))


# -- the database ---------------------------------------------------------------------------------------------


def _flag(tenant_id: int, first: int, second: int, reason: str, score: float) -> bool:
    low, high = sorted((first, second))
    try:
        with transaction.atomic():
            _flag_row, created = DuplicateFlag.objects.get_or_create(
                candidate_low_id=low, candidate_high_id=high, defaults={"reason": reason, "score": score}
            )
    except IntegrityError:
        return False
    return created


def _people(ids: Iterable[int]) -> tuple[dict[int, Person], dict[str, set[str]], dict[str, set[str]]]:
    """Persons by id, with the spellings of each company and school key (for counting them in the pool)."""
    ids = list(set(ids))
    rows = {pk: {"emails": set(), "phones": set(), "companies": set(), "schools": set()} for pk in ids}
    companies: dict[str, set[str]] = {}
    schools: dict[str, set[str]] = {}

    def add_company(pk: int, raw: str) -> None:
        key = company_key(raw)
        if key:
            rows[pk]["companies"].add(key)
            companies.setdefault(key, set()).add(raw)

    base = {}
    for pk, name, company, title, location in Candidate.objects.filter(pk__in=ids).values_list(
        "id", "full_name", "current_company", "current_title", "location"
    ):
        base[pk] = (name, title, location)
        add_company(pk, company)
    for pk, email in CandidateEmail.objects.filter(candidate_id__in=ids).values_list("candidate_id", "email"):
        rows[pk]["emails"].add(email.lower())
    for pk, phone in CandidatePhone.objects.filter(candidate_id__in=ids).values_list("candidate_id", "phone"):
        rows[pk]["phones"].add(phone)
    from ..models import Experience

    for pk, company in Experience.objects.filter(candidate_id__in=ids).values_list("candidate_id", "company"):
        add_company(pk, company)
    for pk, school in Education.objects.filter(candidate_id__in=ids).values_list("candidate_id", "school"):
        key = company_key(school)
        if key:
            rows[pk]["schools"].add(key)
            schools.setdefault(key, set()).add(school)
    people = {
        pk: Person(
            pk,
            name,
            frozenset(rows[pk]["companies"]),
            frozenset(rows[pk]["schools"]),
            frozenset(rows[pk]["emails"]),
            frozenset(rows[pk]["phones"]),
            normalize_text(title).lower(),
            normalize_text(location).lower(),
        )
        for pk, (name, title, location) in base.items()
    }
    return people, companies, schools


def name_variants(name: str) -> set[str]:
    """Spellings of ``name`` a database lookup can find: as written, both orders in pinyin, 张伟 / 张 伟."""
    name = normalize_text(name)
    variants = {name}
    tokens = name_tokens(name)
    if len(tokens) >= 2:
        variants.add(" ".join(tokens))
        variants.add(" ".join([*tokens[1:], tokens[0]]))
        variants.add(" ".join([tokens[-1], *tokens[:-1]]))
    hanzi = "".join(_CJK.findall(name))
    if hanzi:
        variants.update({hanzi, " ".join(_split_chinese(hanzi))})
    return {v for v in variants if v}


def _name_query(name: str) -> Q:
    query = Q()
    for variant in name_variants(name):
        query |= Q(full_name__iexact=variant)
    return query


def _pool(live, companies: dict[str, set[str]], schools: dict[str, set[str]]) -> PoolStats:
    """Pool statistics answered by counting queries over ``live`` (cached per call)."""
    from ..models import Experience

    cache: dict[tuple[str, str], int] = {}

    def counted(kind: str, value: str, make_query) -> int:
        if (kind, value) not in cache:
            cache[(kind, value)] = make_query(value)
        return cache[(kind, value)]

    def company_count(key: str) -> int:
        def query(key: str) -> int:
            spellings = companies.get(key) or {key}
            current = Q()
            for raw in spellings:
                current |= Q(current_company__iexact=raw)
            past = Experience.objects.filter(company__in=spellings).values("candidate_id")
            return live.filter(current | Q(pk__in=past)).count()

        return counted("company", key, query)

    def school_count(key: str) -> int:
        def query(key: str) -> int:
            spellings = schools.get(key) or {key}
            return live.filter(
                pk__in=Education.objects.filter(school__in=spellings).values("candidate_id")
            ).count()

        return counted("school", key, query)

    size = live.count()
    return PoolStats(
        size=size,
        name_count=lambda name: counted("name", name, lambda n: live.filter(_name_query(n)).count()),
        company_count=company_count,
        school_count=school_count,
        title_count=lambda title: counted(
            "title", title, lambda t: live.filter(current_title__iexact=t).count()
        ),
        location_count=lambda loc: counted(
            "location", loc, lambda v: live.filter(location__iexact=v).count()
        ),
    )


def duplicates_flag_for(tenant: Tenant, *, candidate_id: int) -> int:
    """Flag candidates that may be the same person as ``candidate_id``. Returns how many new flags were made.
    Safe to run twice (a pair is flagged once, and a dismissed pair stays dismissed)."""
    with tenant_context(tenant):
        candidate = Candidate.objects.get(pk=candidate_id)
        live = Candidate.objects.exclude(pk=candidate.pk).exclude(status=CandidateStatus.MERGED)
        created = 0
        emails = list(candidate.emails.values_list("email", flat=True))
        phones = list(candidate.phones.values_list("phone", flat=True))
        exact = {}
        for other in CandidateEmail.objects.filter(email__in=emails, candidate__in=live).values_list(
            "candidate_id", flat=True
        ):
            exact.setdefault(other, "email")
        for other in CandidatePhone.objects.filter(phone__in=phones, candidate__in=live).values_list(
            "candidate_id", flat=True
        ):
            exact.setdefault(other, "phone")
        for other, reason in exact.items():
            created += _flag(tenant.pk, candidate.pk, other, reason, 1.0)
        created += _flag_fuzzy(tenant, candidate, skip=set(exact))
    return created


def _flag_fuzzy(tenant: Tenant, candidate: Candidate, skip: set) -> int:
    if not name_key(candidate.full_name):
        return 0
    everyone = Candidate.objects.exclude(status=CandidateStatus.MERGED)
    others = everyone.exclude(pk=candidate.pk)
    people, companies, schools = _people([candidate.pk])
    me = people[candidate.pk]
    # candidates worth weighing: a shared company or school, or the name in another spelling
    company_spellings = {raw for spellings in companies.values() for raw in spellings}
    school_spellings = {raw for spellings in schools.values() for raw in spellings}
    blocks = [others.filter(_name_query(candidate.full_name))]
    if company_spellings:
        current = Q()
        for raw in company_spellings:
            current |= Q(current_company__iexact=raw)
        from ..models import Experience

        past = Experience.objects.filter(company__in=company_spellings).values("candidate_id")
        blocks.append(others.filter(current | Q(pk__in=past)))
    if school_spellings:
        blocks.append(
            others.filter(pk__in=Education.objects.filter(school__in=school_spellings).values("candidate_id"))
        )
    ids = set()
    for block in blocks:
        ids.update(block.values_list("id", flat=True)[:BLOCK_LIMIT])
    ids -= skip
    if not ids:
        return 0
    found, more_companies, more_schools = _people(ids)
    for key, spellings in more_companies.items():
        companies.setdefault(key, set()).update(spellings)
    for key, spellings in more_schools.items():
        schools.setdefault(key, set()).update(spellings)
    pool = _pool(everyone, companies, schools)
    created = 0
    for other in found.values():
        evidence = pair_evidence(me, other, pool)
        if evidence.is_duplicate:
            created += _flag(
                tenant.pk, candidate.pk, other.id, evidence.reason, round(evidence.probability, 3)
            )
    return created


def duplicate_dismiss(tenant: Tenant, *, flag: DuplicateFlag, actor=None) -> DuplicateFlag:
    """Mark a flagged pair as two different people; it is not flagged again. Safe to run twice."""
    from django.utils import timezone

    with tenant_context(tenant):
        DuplicateFlag.objects.filter(pk=flag.pk, status=DuplicateStatus.OPEN).update(
            status=DuplicateStatus.DISMISSED, resolved_at=timezone.now()
        )
        return DuplicateFlag.objects.get(pk=flag.pk)


def duplicates_flag_among(tenant: Tenant, *, candidate_ids: list[int]) -> int:
    """Flag pairs, one of them among ``candidate_ids``, with the same name (spaces and case aside) at the same
    current company, when ``pair_evidence`` weighs them as one person. One set-based statement finds the pairs
    (bulk imports cannot afford a per-candidate check); the counts for the weighing come in three grouped
    queries. Returns how many new flags were made. Safe to run twice."""
    if not candidate_ids:
        return 0
    with tenant_context(tenant), connection.cursor() as cursor:
        cursor.execute(
            """
            WITH people AS (
                SELECT id, lower(regexp_replace(full_name, '\\s', '', 'g')) AS name, lower(current_company) AS company
                FROM candidates_candidate WHERE status <> 'merged' AND current_company <> ''
            )
            SELECT a.id, b.id, a.name, a.company
            FROM people a JOIN people b ON a.name = b.name AND a.company = b.company AND a.id < b.id
            WHERE a.id = ANY(%s) OR b.id = ANY(%s)
            """,
            [candidate_ids, candidate_ids],
        )
        pairs = cursor.fetchall()
        if not pairs:
            return 0
        names = sorted({name for _, _, name, _ in pairs})
        firms = sorted({company for _, _, _, company in pairs})
        cursor.execute(
            "SELECT lower(regexp_replace(full_name, '\\s', '', 'g')), count(*) FROM candidates_candidate "
            "WHERE status <> 'merged' AND lower(regexp_replace(full_name, '\\s', '', 'g')) = ANY(%s) GROUP BY 1",
            [names],
        )
        name_counts = dict(cursor.fetchall())
        cursor.execute(
            "SELECT lower(current_company), count(*) FROM candidates_candidate "
            "WHERE status <> 'merged' AND lower(current_company) = ANY(%s) GROUP BY 1",
            [firms],
        )
        firm_counts = {company_key(c): n for c, n in cursor.fetchall()}
        cursor.execute("SELECT count(*) FROM candidates_candidate WHERE status <> 'merged'")
        size = cursor.fetchone()[0]
        people, _, schools = _people({pk for a, b, _, _ in pairs for pk in (a, b)})
        school_counts: dict[str, int] = {}
        for person in people.values():
            for school in person.schools:
                school_counts[school] = school_counts.get(school, 0) + 1
        pool = PoolStats(
            size=size,
            name_count=lambda name: name_counts.get(re.sub(r"\\s", "", normalize_text(name).lower()), 1),
            company_count=lambda key: firm_counts.get(key, 1),
            # only the schools of the pairs are known here: a shared school counts as rarer than it may be
            school_count=lambda key: school_counts.get(key, 1),
        )
        created = 0
        for a, b, _, _ in pairs:
            if a in people and b in people:
                evidence = pair_evidence(people[a], people[b], pool)
                if evidence.is_duplicate:
                    created += _flag(tenant.pk, a, b, evidence.reason, round(evidence.probability, 3))
        return created
