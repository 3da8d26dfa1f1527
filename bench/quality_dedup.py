"""Duplicate detection on generated pools with known duplicates: precision, recall, and noise on common names.

    python -m bench.quality_dedup

Prints one JSON line per figure on stdout (bench/common.py's format), progress on stderr. No database: the
generated rows go through the same weighing the service uses (``candidates.services.dedup.pair_evidence``),
after the same blocking (pairs that share a company, current or past, a school, or a spelling of the name the
database lookup finds) and the exact check (a shared e-mail or phone). Pool counts are answered from the
generated pool, as the service's counting queries answer them from the tenant's.

Two pools, seeded, so runs compare:

- **mixed** (``PEOPLE`` people, 60% with Chinese names drawn by surname and given-name frequency, 40% with
  English names drawn from the census lists; companies, schools, titles and cities drawn with Zipf weights):
  ``DUPLICATE_SHARE`` of the people get a second row that keeps or changes its name (the same, another order
  or case, a transliteration 张伟 → Zhang Wei, a typo or a homophone 张伟 → 张玮), keeps its company or moves (the
  old one stays in its past jobs), and keeps an e-mail, a phone, neither (new ones, both different), or leaves
  them out. Precision and recall are over pairs; the fuzzy figure counts only the duplicates with no shared
  contact, which only the weighing can find.
- **common Chinese names** (``COMMON_ROWS`` people with Chinese names drawn by frequency, 150 companies, everyone
  with their own e-mail and phone, no duplicates): every flag is noise (the issue measured 52 on its data).

Baseline, measured in the same run on the same rows: the rule this replaced — the same exact check, plus a
flag for names with rapidfuzz ratio ≥ 88 (spaces, dots and case aside) that share a company or a school.
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from dataclasses import asdict

from bench.common import Figure, emit, figure, progress

PEOPLE = 3_000
DUPLICATE_SHARE = 0.12
COMMON_ROWS = 5_000
SEED = 12

COMPANIES_ZH = [
    "华为",
    "腾讯",
    "阿里巴巴",
    "字节跳动",
    "百度",
    "京东",
    "美团",
    "小米",
    "比亚迪",
    "网易",
    "中国平安",
    "招商银行",
    "顺丰",
    "海尔",
    "格力",
    "联想",
    "大疆",
    "宁德时代",
    "蔚来",
    "拼多多",
]
COMPANIES_EN = [
    "Google",
    "Amazon",
    "Microsoft",
    "Deloitte",
    "Accenture",
    "IBM",
    "Oracle",
    "Shopify",
    "Siemens",
    "Unilever",
    "HSBC",
    "JPMorgan",
    "Pfizer",
    "Boeing",
    "Tesla",
    "Netflix",
    "Airbnb",
    "Stripe",
    "Infosys",
    "Wipro",
]
SCHOOLS = [
    "清华大学",
    "北京大学",
    "浙江大学",
    "复旦大学",
    "上海交通大学",
    "中山大学",
    "武汉大学",
    "华中科技大学",
    "University of Toronto",
    "MIT",
    "Stanford University",
    "Imperial College London",
    "NUS",
    "UCLA",
    "University of Michigan",
    "Georgia Tech",
]
TITLES = [
    "软件工程师",
    "产品经理",
    "销售经理",
    "数据分析师",
    "会计",
    "Software Engineer",
    "Product Manager",
    "Data Scientist",
    "Account Executive",
    "Nurse",
    "Mechanical Engineer",
    "HR Business Partner",
    "Java开发工程师",
    "测试工程师",
    "运营专员",
    "Financial Analyst",
    "UX Designer",
    "Project Manager",
]
CITIES = [
    "北京",
    "上海",
    "深圳",
    "杭州",
    "广州",
    "成都",
    "Toronto",
    "London",
    "New York",
    "Singapore",
    "San Francisco",
]
RARE_GIVEN = "子涵梓萱浩宇欣怡思远雨桐俊杰嘉懿晨曦若汐一诺语嫣铭泽瑾瑜"


def _zipf_choice(rng: random.Random, items: list, s: float = 1.0):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights)[0]


def _chinese_name(rng: random.Random) -> str:
    from candidates.services.dedup import GIVEN_SHARE, SURNAME_SHARE

    surname = rng.choices(list(SURNAME_SHARE), list(SURNAME_SHARE.values()))[0]
    if rng.random() < 0.55:
        given = rng.choices(list(GIVEN_SHARE), list(GIVEN_SHARE.values()))[0]
    else:
        given = "".join(rng.sample(RARE_GIVEN, rng.choice((1, 2))))
    return surname + given


def _english_name(rng: random.Random) -> str:
    from candidates.services.dedup import _census

    first, last = _census()
    firsts = sorted(first, key=first.get, reverse=True)[:300]
    lasts = sorted(last, key=last.get, reverse=True)[:1000]
    return f"{_zipf_choice(rng, firsts, 0.7).title()} {_zipf_choice(rng, lasts, 0.7).title()}"


def _typo(rng: random.Random, name: str) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha() and c.isascii()]
    if not letters:
        return name
    i = rng.choice(letters[1:] or letters)
    kind = rng.random()
    if kind < 0.4:
        return name[:i] + name[i + 1 :]
    if kind < 0.7 and i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice(string.ascii_lowercase) + name[i + 1 :]


def _homophone(rng: random.Random, name: str) -> str:
    swaps = {
        "伟": "玮",
        "敏": "民",
        "静": "婧",
        "丽": "莉",
        "杰": "洁",
        "明": "铭",
        "涛": "韬",
        "军": "君",
        "娜": "纳",
        "芳": "方",
        "磊": "垒",
        "强": "蔷",
        "勇": "永",
        "平": "萍",
        "华": "骅",
        "文": "雯",
    }
    for a, b in swaps.items():
        if a in name[1:]:
            return name[0] + name[1:].replace(a, b, 1)
    return name


def _transliterate(name: str) -> str:
    from candidates.services.dedup import name_tokens

    tokens = list(name_tokens(name))
    return " ".join(t.title() for t in tokens)  # surname first, as Chinese resumes in English often write it


class Row:
    __slots__ = ("id", "person", "name", "company", "past", "school", "emails", "phones", "title", "city")

    def __init__(self, **kw):
        for key, value in kw.items():
            setattr(self, key, value)


def mixed_pool(rng: random.Random) -> list[Row]:
    rows = []
    for person in range(PEOPLE):
        chinese = rng.random() < 0.6
        name = _chinese_name(rng) if chinese else _english_name(rng)
        companies = COMPANIES_ZH if chinese else COMPANIES_EN
        rows.append(
            Row(
                id=len(rows),
                person=person,
                name=name,
                company=_zipf_choice(rng, companies),
                past=[_zipf_choice(rng, companies)] if rng.random() < 0.5 else [],
                school=_zipf_choice(rng, SCHOOLS[:8] if chinese else SCHOOLS[8:])
                if rng.random() < 0.7
                else "",
                emails={f"p{person}@mail.example"},
                phones={f"+86139{person:08d}"} if rng.random() < 0.8 else set(),
                title=_zipf_choice(rng, TITLES),
                city=_zipf_choice(rng, CITIES),
            )
        )
    for original in rng.sample(rows[:PEOPLE], int(PEOPLE * DUPLICATE_SHARE)):
        name = original.name
        chinese = any("\u4e00" <= c <= "\u9fff" for c in name)
        change = rng.random()
        if change < 0.15:
            name = _homophone(rng, name) if chinese else _typo(rng, name)
        elif change < 0.40:
            name = _transliterate(name) if chinese else name.upper()
        elif change < 0.50:
            parts = _transliterate(name).split() if chinese else name.split()
            name = " ".join(reversed(parts))
        companies = COMPANIES_ZH if chinese else COMPANIES_EN
        company, past = original.company, list(original.past)
        if rng.random() < 0.35:  # moved on: the old company is a past job now
            past.append(company)
            company = rng.choice([c for c in companies if c != company])
        contact = rng.random()
        emails, phones = set(), set()
        if contact < 0.3:
            emails = set(original.emails)
        elif contact < 0.45:
            phones = set(original.phones) or {f"+86138{original.person:08d}"}
            if not original.phones:
                phones = set()
        elif contact < 0.65:
            emails, phones = {f"new{original.person}@mail.example"}, {f"+86137{original.person:08d}"}
        rows.append(
            Row(
                id=len(rows),
                person=original.person,
                name=name,
                company=company,
                past=past,
                school=original.school if rng.random() < 0.8 else "",
                emails=emails,
                phones=phones,
                title=original.title if rng.random() < 0.6 else _zipf_choice(rng, TITLES),
                city=original.city,
            )
        )
    return rows


def common_names_pool(rng: random.Random) -> list[Row]:
    """COMMON_ROWS different people with Chinese names drawn by frequency (most of them common), at 150
    companies (the 20 large ones first, Zipf weights), each with an own e-mail and phone: no duplicates."""
    companies = COMPANIES_ZH + [
        f"{city}{i}号科技有限公司" for i in range(26) for city in ("深圳", "杭州", "苏州", "成都", "武汉")
    ]
    return [
        Row(
            id=i,
            person=i,
            name=_chinese_name(rng),
            company=_zipf_choice(rng, companies),
            past=[],
            school="",
            emails={f"u{i}@mail.example"},
            phones={f"+86139{i:08d}"},
            title=rng.choice(TITLES[:5]),
            city=rng.choice(CITIES[:6]),
        )
        for i in range(COMMON_ROWS)
    ]


def detect(rows: list[Row]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs flagged by the service's weighing and by the old rule, over the same blocked pairs."""
    from rapidfuzz import fuzz

    from candidates.services.dedup import (
        NAME_SIMILARITY,
        Person,
        PoolStats,
        company_key,
        name_variants,
        pair_evidence,
    )

    people = {
        r.id: Person(
            r.id,
            r.name,
            frozenset(filter(None, map(company_key, [r.company, *r.past]))),
            frozenset({company_key(r.school)} - {""}),
            frozenset(r.emails),
            frozenset(r.phones),
            r.title.lower(),
            r.city.lower(),
        )
        for r in rows
    }
    by_name = defaultdict(list)
    for r in rows:
        by_name[r.name.lower()].append(r.id)
    blocks: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, dict[str, int]] = {k: defaultdict(int) for k in ("company", "school", "title", "city")}
    for p in people.values():
        for c in p.companies:
            blocks["c:" + c].append(p.id)
            counts["company"][c] += 1
        for s in p.schools:
            blocks["s:" + s].append(p.id)
            counts["school"][s] += 1
        counts["title"][p.title] += 1
        counts["city"][p.location] += 1
        for e in p.emails:
            blocks["e:" + e].append(p.id)
        for ph in p.phones:
            blocks["p:" + ph].append(p.id)

    def name_count(name: str) -> int:
        return sum(len(by_name.get(v, ())) for v in {v.lower() for v in name_variants(name)})

    pool = PoolStats(
        len(rows),
        name_count,
        lambda c: counts["company"][c],
        lambda s: counts["school"][s],
        lambda t: counts["title"][t],
        lambda c: counts["city"][c],
    )
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((min(a, b), max(a, b)))
    for r in rows:  # the name lookup block
        for v in {v.lower() for v in name_variants(r.name)}:
            for other in by_name.get(v.lower(), ()):
                if other != r.id:
                    pairs.add((min(r.id, other), max(r.id, other)))

    def old_key(name: str) -> str:
        return name.lower().replace(" ", "").replace("-", "").replace(".", "")

    ours, old = set(), set()
    for a, b in pairs:
        pa, pb = people[a], people[b]
        if pa.emails & pb.emails or pa.phones & pb.phones:
            ours.add((a, b))
            old.add((a, b))
            continue
        if pair_evidence(pa, pb, pool).is_duplicate:
            ours.add((a, b))
        if (pa.companies & pb.companies or pa.schools & pb.schools) and fuzz.ratio(
            old_key(pa.name), old_key(pb.name)
        ) >= NAME_SIMILARITY:
            old.add((a, b))
    return ours, old


def run() -> list[dict]:
    """Every figure of this benchmark as bench dicts."""
    rng = random.Random(SEED)
    rows = mixed_pool(rng)
    by_person = defaultdict(list)
    for r in rows:
        by_person[r.person].append(r.id)
    truth = {(min(g), max(g)) for g in by_person.values() if len(g) == 2}
    fuzzy_truth = {
        (a, b) for a, b in truth if not (rows[a].emails & rows[b].emails or rows[a].phones & rows[b].phones)
    }
    ours, old = detect(rows)

    def pr(found: set, wanted: set) -> tuple[float, float]:
        hit = len(found & wanted)
        return (hit / len(found) if found else 0.0), (hit / len(wanted) if wanted else 0.0)

    p_ours, r_ours = pr(ours, truth)
    p_old, r_old = pr(old, truth)
    fuzzy_ours = len(ours & fuzzy_truth) / len(fuzzy_truth)
    fuzzy_old = len(old & fuzzy_truth) / len(fuzzy_truth)
    common = common_names_pool(random.Random(SEED + 1))
    noise_ours, noise_old = detect(common)
    progress(
        f"dedup: {len(rows)} rows, {len(truth)} true pairs ({len(fuzzy_truth)} without a shared contact); "
        f"ours P {p_ours:.3f} R {r_ours:.3f}, old rule P {p_old:.3f} R {r_old:.3f}; "
        f"{len(common)} common Chinese names: {len(noise_ours)} flags (old rule {len(noise_old)})"
    )
    baseline = "old rule: exact contact, or name ratio >= 88 at a shared company or school"
    figures = [
        figure("dedup_precision", p_ours, "share of flagged pairs", p_old, baseline),
        figure("dedup_recall", r_ours, "share of true pairs", r_old, baseline),
        figure("dedup_recall_without_shared_contact", fuzzy_ours, "share of true pairs", fuzzy_old, baseline),
        figure(
            "dedup_flags_on_5000_common_chinese_names",
            len(noise_ours),
            "flags (all false)",
            len(noise_old),
            baseline,
        ),
    ]
    return [asdict(f) for f in figures]


def main() -> None:
    from bench.common import setup_django

    setup_django()
    for row in run():
        emit(Figure(**row))


if __name__ == "__main__":
    main()
