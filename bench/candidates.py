"""Synthetic candidates as COPY text rows, built column by column with numpy, one block of rows at a time.

Every block of ``BLOCK_ROWS`` rows has its own random stream, seeded from ``(seed, block number)``, and is
always drawn whole (the last one is cut to length). So a row depends only on the seed, the reference time
``as_of`` and its position: the first 100,000 candidates of a 1,000,000 run are exactly those of a 100,000 run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from engagement.scoring import DEFAULT_HIGH, DEFAULT_MID

from . import vocabulary as words
from .activity import ActivityBlock, activity_block

TABLE_STREAM = 1  # separates this table's random streams from later tables' (tags, interactions, ...)
BLOCK_ROWS = 10_000  # one random stream and one COPY each: ~2.7 MiB of text, so memory stays bounded

COLUMNS = (
    "tenant_id",
    "full_name",
    "email",
    "phone",
    "location",
    "current_title",
    "current_company",
    "years_experience",
    "highest_education",
    "source",
    "status",
    "consent_given_at",
    "activity_anchor",
    "last_interaction_at",
    "last_active_at",
    "last_contacted_at",
    "tag_ids",
    "tag_strengths",
    "created_at",
    "updated_at",
)

# Emails and phones are child rows (candidates_candidateemail / _candidatephone): they are staged with the
# candidate and moved by move_staged_candidates.
CONTACT_COLUMNS = ("email", "phone")
CANDIDATE_COLUMNS = tuple(column for column in COLUMNS if column not in CONTACT_COLUMNS)
CHILD_TABLES = ("candidates_candidateemail", "candidates_candidatephone")

NULL = r"\N"  # COPY text format's NULL
DAY = 86_400

# Tags are drawn as positions 1..TAG_COUNT in a 3,000-tag taxonomy. Popularity is Zipf–Mandelbrot,
# p(rank) ∝ 1 / (rank + 5): the most popular tag is on about a third of candidates, the rarest on ~0.1%.
# The generator (bench/generate.py) gives position p the tenant's p-th live tag id in id order
# (CandidateBatchSpec.tag_ids), so the rows carry real Tag ids of the tenant; without tag_ids the
# positions themselves are written (pure uses: tests, the rolled-back load benchmarks).
TAG_COUNT = 3_000
TAG_ZIPF_EXPONENT = 1.0
TAG_ZIPF_OFFSET = 5.0
TAGS_MIN, TAGS_MAX = 2, 30
TAG_DRAWS = 36  # draws per candidate before removing repeats: 30 distinct in all but ~1 in 100,000 rows
TAXONOMY_SEED = 3_000  # fixed: the same tag ids are popular whatever --seed says, like a shared taxonomy

# The product's default thresholds (engagement.scoring): a bench tenant has no settings row of its own.
HIGH_TIER_MIN, MID_TIER_MIN = float(DEFAULT_HIGH), float(DEFAULT_MID)


def tier_for_score(score: float) -> str:
    """Return the activity tier of ``score`` under the default thresholds (engagement.scoring.tier_of's rule,
    without the settings row it reads); tests/bench checks they agree."""
    if score >= HIGH_TIER_MIN:
        return "high"
    if score >= MID_TIER_MIN:
        return "mid"
    return "low"


@dataclass(frozen=True)
class CandidateBatchSpec:
    """What one run generates: tenant, how many, the seed and the reference time all timestamps lead up to."""

    tenant_id: int
    count: int
    seed: int
    as_of: datetime
    # The tenant's tag ids, ascending: position p (1..TAG_COUNT) is written as tag_ids[p - 1]. Ascending, so
    # each row's array stays sorted. Empty: positions are written as they are.
    tag_ids: tuple[int, ...] = ()

    def tag_text(self) -> np.ndarray:
        """Return the text written for each position (index 0 and TAG_COUNT + 1 are unused)."""
        if not self.tag_ids:
            return _TAG_TEXT
        ids = np.asarray(self.tag_ids, dtype=np.int64)
        if len(ids) < TAG_COUNT:
            raise ValueError(f"the tenant needs {TAG_COUNT:,} tags for the generator; it has {len(ids):,}")
        if np.any(np.diff(ids[:TAG_COUNT]) <= 0):
            raise ValueError("tag_ids must be ascending and distinct")
        return np.array(["0", *(str(tag_id) for tag_id in ids[:TAG_COUNT].tolist()), "0"], dtype=object)


def _weights(pairs) -> tuple[list, np.ndarray]:
    values = [pair[0] for pair in pairs]
    weights = np.array([pair[-1] for pair in pairs], dtype=float)
    return values, weights / weights.sum()


def tag_ids_by_popularity(tag_ids=()) -> np.ndarray:
    """Return all tag ids, most popular first. Pure; same every call.

    Without ``tag_ids``: positions, a fixed shuffle of 1..TAG_COUNT. With the tenant's tag ids (ascending, as
    ``CandidateBatchSpec.tag_ids``): the real ids those positions were written as.
    """
    positions = np.random.default_rng(TAXONOMY_SEED).permutation(TAG_COUNT) + 1
    if not len(tag_ids):
        return positions
    return np.asarray(tag_ids, dtype=np.int64)[:TAG_COUNT][positions - 1]


def _tag_rank_cdf() -> np.ndarray:
    ranks = np.arange(1, TAG_COUNT + 1, dtype=float)
    probabilities = 1.0 / (ranks + TAG_ZIPF_OFFSET) ** TAG_ZIPF_EXPONENT
    cdf = np.cumsum(probabilities / probabilities.sum())
    cdf[-1] = 1.0
    return cdf


_TAGS_BY_POPULARITY = tag_ids_by_popularity()
_TAG_RANK_CDF = _tag_rank_cdf()
_TAG_TEXT = np.array([str(tag_id) for tag_id in range(TAG_COUNT + 2)], dtype=object)


def _block_rng(seed: int, block_number: int) -> np.random.Generator:
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(TABLE_STREAM, block_number)))
    )


def candidate_chunks(spec: CandidateBatchSpec) -> Iterator[tuple[int, str]]:
    """Yield ``(rows, text)`` pairs: COPY text for ``COLUMNS``, ``BLOCK_ROWS`` rows each (the last one fewer).

    Deterministic for a given seed and as_of; touches no database, so safe to call any number of times.
    """
    tag_text = spec.tag_text()
    for block_number, start in enumerate(range(0, spec.count, BLOCK_ROWS)):
        rows = min(BLOCK_ROWS, spec.count - start)
        history = activity_block(spec.seed, block_number, spec.as_of, BLOCK_ROWS)
        yield rows, _block_text(_block_rng(spec.seed, block_number), rows, spec, tag_text, history)


def _block_text(
    rng: np.random.Generator,
    rows: int,
    spec: CandidateBatchSpec,
    tag_text: np.ndarray,
    history: ActivityBlock,
) -> str:
    # Always draw a whole block, whatever ``rows`` is: the draws, and so the rows, never depend on the count.
    # The order of the draws below fixes the data for a seed; add new columns' draws at the end only.
    drawn = BLOCK_ROWS
    people = _people(rng, drawn)
    jobs = _jobs(rng, drawn, people.is_chinese)
    phones = _phones(rng, drawn, jobs.phone_region)
    activity = _activity(rng, drawn, spec.as_of, history)
    tags = _tag_arrays(rng, drawn, tag_text)
    anonymised = people.status == "anonymised"
    strengths = _tag_strengths(rng, [text.count(",") + 1 for text in tags])
    columns = [
        [str(spec.tenant_id)] * drawn,
        _blank_where(people.full_name, anonymised, words.ANONYMISED_NAME),
        _blank_where(people.email, anonymised),
        _blank_where(phones, anonymised),
        _blank_where(jobs.location, anonymised),
        _blank_where(jobs.title, anonymised),
        _blank_where(jobs.company, anonymised),
        jobs.years_experience,
        jobs.education,
        jobs.source,
        people.status.tolist(),
        activity.consent_given_at,
        activity.anchor,
        activity.last_interaction_at,
        activity.last_active_at,
        activity.last_contacted_at,
        tags,
        strengths,
        activity.created_at,
        activity.updated_at,
    ]
    lines = map("\t".join, zip(*(column[:rows] for column in columns), strict=True))
    return "\n".join(lines) + "\n"


def _blank_where(values: list[str], mask: np.ndarray, replacement: str = "") -> list[str]:
    # Anonymised candidates keep no personal data, as the erasure path will leave them.
    return [replacement if hidden else value for value, hidden in zip(values, mask.tolist(), strict=True)]


@dataclass
class _People:
    full_name: list[str]
    email: list[str]
    is_chinese: np.ndarray
    status: np.ndarray


# Name kinds: a Chinese name, an English name, or an English first name with a pinyin surname ("Kevin Zhang").
NAME_KIND_SHARES = np.array([0.70, 0.18, 0.12])
CHINESE, ENGLISH, ENGLISH_WITH_PINYIN_SURNAME = 0, 1, 2
COMPOUND_SURNAME_SHARE = 0.03
ONE_CHARACTER_GIVEN_NAME_SHARE = 0.30
NO_EMAIL_SHARE, NO_PHONE_SHARE = 0.06, 0.04


def _people(rng: np.random.Generator, rows: int) -> _People:
    surnames, surname_p = _weights(words.SURNAMES)
    compounds, compound_p = _weights(words.COMPOUND_SURNAMES)
    surname_pinyin = [pinyin for _surname, pinyin, _weight in words.SURNAMES]
    compound_pinyin = [pinyin for _surname, pinyin, _weight in words.COMPOUND_SURNAMES]
    given = [char for char, _pinyin in words.GIVEN_NAME_CHARACTERS]
    given_pinyin = [pinyin for _char, pinyin in words.GIVEN_NAME_CHARACTERS]
    domains, domain_p = _weights(words.EMAIL_DOMAINS)
    statuses, status_p = _weights(words.STATUSES)

    kind = rng.choice(3, size=rows, p=NAME_KIND_SHARES).tolist()
    surname = rng.choice(len(surnames), size=rows, p=surname_p).tolist()
    compound = (rng.random(rows) < COMPOUND_SURNAME_SHARE).tolist()
    compound_index = rng.choice(len(compounds), size=rows, p=compound_p).tolist()
    one_char_given = (rng.random(rows) < ONE_CHARACTER_GIVEN_NAME_SHARE).tolist()
    given_1 = rng.integers(0, len(given), size=rows).tolist()
    given_2 = rng.integers(0, len(given), size=rows).tolist()
    first = rng.integers(0, len(words.ENGLISH_FIRST_NAMES), size=rows).tolist()
    last = rng.integers(0, len(words.ENGLISH_LAST_NAMES), size=rows).tolist()
    email_style = rng.integers(0, 4, size=rows).tolist()
    email_number = rng.integers(0, 10_000, size=rows).tolist()
    birth_year = rng.integers(1968, 2004, size=rows).tolist()
    domain = rng.choice(len(domains), size=rows, p=domain_p).tolist()
    has_email = (rng.random(rows) >= NO_EMAIL_SHARE).tolist()
    status = np.array(statuses, dtype=object)[rng.choice(len(statuses), size=rows, p=status_p)]

    names, emails = [], []
    for i in range(rows):
        if kind[i] == ENGLISH:
            first_name, last_name = words.ENGLISH_FIRST_NAMES[first[i]], words.ENGLISH_LAST_NAMES[last[i]]
            names.append(f"{first_name} {last_name}")
            local_first, local_last = first_name.lower(), _ascii(last_name.lower())
        else:
            if compound[i]:
                family, family_pinyin = compounds[compound_index[i]], compound_pinyin[compound_index[i]]
            else:
                family, family_pinyin = surnames[surname[i]], surname_pinyin[surname[i]]
            if kind[i] == CHINESE:
                if one_char_given[i]:
                    names.append(family + given[given_1[i]])
                    local_first = given_pinyin[given_1[i]]
                else:
                    names.append(family + given[given_1[i]] + given[given_2[i]])
                    local_first = given_pinyin[given_1[i]] + given_pinyin[given_2[i]]
            else:
                local_first = words.ENGLISH_FIRST_NAMES[first[i]].lower()
                names.append(f"{words.ENGLISH_FIRST_NAMES[first[i]]} {family_pinyin.capitalize()}")
            local_last = family_pinyin
        emails.append(
            _email(
                local_first, local_last, email_style[i], email_number[i], birth_year[i], domains[domain[i]]
            )
            if has_email[i]
            else ""
        )
    return _People(names, emails, np.array(kind) != ENGLISH, status)


def _ascii(text: str) -> str:
    return text.replace("ü", "u").replace("é", "e")


def _email(first: str, last: str, style: int, number: int, birth_year: int, domain: str) -> str:
    if style == 0:
        local = f"{first}.{last}"
    elif style == 1:
        local = f"{last}{first}{birth_year}"
    elif style == 2:
        local = f"{first[0]}{last}{number}"
    else:
        local = f"{last}.{first}{number % 100}"
    return f"{local}@{domain}"


# Phone regions. Mainland numbers are valid-looking (China reserves no fictional range); elsewhere the
# numbers come from ranges reserved for fiction where the country has one.
CN, HK, SG, US, UK, JP = range(6)
PHONE_REGION_OF_CITY = {
    "Hong Kong": HK,
    "Singapore": SG,
    "London": UK,
    "San Francisco": US,
    "New York": US,
    "Seattle": US,
    "Toronto": US,
    "Tokyo": JP,
}
HONG_KONG_NUMBER_IN_CHINA_SHARE = 0.02


def _phones(rng: np.random.Generator, rows: int, region: np.ndarray) -> list[str]:
    prefix = rng.integers(0, len(words.CN_MOBILE_PREFIXES), size=rows).tolist()
    digits = rng.integers(0, 100_000_000, size=rows).tolist()
    has_phone = (rng.random(rows) >= NO_PHONE_SHARE).tolist()
    phones = []
    for area, prefix_index, number, present in zip(region.tolist(), prefix, digits, has_phone, strict=True):
        if not present:
            phones.append("")
        elif area == CN:  # mainland mobile: 11 digits
            phones.append(f"+86{words.CN_MOBILE_PREFIXES[prefix_index]}{number:08d}")
        elif area == HK:
            phones.append(f"+852{'569'[number % 3]}{number % 10_000_000:07d}")
        elif area == SG:
            phones.append(f"+65{'89'[number % 2]}{number % 10_000_000:07d}")
        elif area == US:  # 555-01xx, reserved for fiction (Canada shares +1)
            phones.append(f"+1202555{100 + number % 100:04d}")
        elif area == UK:  # Ofcom's drama range 07700 900xxx
            phones.append(f"+447700900{number % 1000:03d}")
        else:  # Japan mobile
            phones.append(f"+8190{number:08d}")
    return phones


@dataclass
class _Jobs:
    location: list[str]
    title: list[str]
    company: list[str]
    years_experience: list[str]
    education: list[str]
    source: list[str]
    phone_region: np.ndarray


LOCAL_LANGUAGE_SHARE = 0.8  # a Chinese-named candidate's title and company are in Chinese this often
CHINESE_ABROAD_SHARE = 0.10
ENGLISH_IN_CHINA_SHARE = 0.45
NO_YEARS_SHARE = 0.03


def _jobs(rng: np.random.Generator, rows: int, is_chinese: np.ndarray) -> _Jobs:
    cn_cities, cn_city_p = _weights(words.CN_CITIES)
    cn_city_english = [city[1] for city in words.CN_CITIES]
    abroad, abroad_p = _weights(words.INTERNATIONAL_CITIES)
    educations, education_p = _weights(words.EDUCATION_LEVELS)
    sources, source_p = _weights(words.SOURCES)

    cn_city = rng.choice(len(cn_cities), size=rows, p=cn_city_p)
    abroad_city = rng.choice(len(abroad), size=rows, p=abroad_p)
    place_roll = rng.random(rows)
    local_language = rng.random(rows) < LOCAL_LANGUAGE_SHARE
    in_chinese = np.where(is_chinese, local_language, ~local_language)
    cn_title = rng.integers(0, len(words.CN_TITLES), size=rows)
    en_title = rng.integers(0, len(words.EN_TITLES), size=rows)
    cn_company = rng.integers(0, len(words.CN_COMPANIES), size=rows)
    en_company = rng.integers(0, len(words.EN_COMPANIES), size=rows)
    years = np.clip(rng.gamma(2.0, 3.5, size=rows), 0, 40)
    no_years = rng.random(rows) < NO_YEARS_SHARE
    education = rng.choice(len(educations), size=rows, p=education_p)
    source = rng.choice(len(sources), size=rows, p=source_p)

    lives_abroad = np.where(
        is_chinese, place_roll < CHINESE_ABROAD_SHARE, place_roll >= ENGLISH_IN_CHINA_SHARE
    )
    location = np.where(
        lives_abroad,
        np.array(abroad, dtype=object)[abroad_city],
        np.where(
            in_chinese,
            np.array(cn_cities, dtype=object)[cn_city],
            np.array(cn_city_english, dtype=object)[cn_city],
        ),
    )
    title = np.where(
        in_chinese,
        np.array(words.CN_TITLES, dtype=object)[cn_title],
        np.array(words.EN_TITLES, dtype=object)[en_title],
    )
    company = np.where(
        in_chinese,
        np.array(words.CN_COMPANIES, dtype=object)[cn_company],
        np.array(words.EN_COMPANIES, dtype=object)[en_company],
    )
    phone_region = np.where(
        lives_abroad,
        np.array([PHONE_REGION_OF_CITY.get(city, CN) for city in abroad])[abroad_city],
        np.where(rng.random(rows) < HONG_KONG_NUMBER_IN_CHINA_SHARE, HK, CN),
    )
    years_text = [
        NULL if missing else f"{value:.1f}"
        for value, missing in zip(years.tolist(), no_years.tolist(), strict=True)
    ]
    return _Jobs(
        location=location.tolist(),
        title=title.tolist(),
        company=company.tolist(),
        years_experience=years_text,
        education=np.array(educations, dtype=object)[education].tolist(),
        source=np.array(sources, dtype=object)[source].tolist(),
        phone_region=phone_region,
    )


@dataclass
class _Activity:
    anchor: list[str]
    created_at: list[str]
    last_interaction_at: list[str]
    last_active_at: list[str]
    last_contacted_at: list[str]
    consent_given_at: list[str]
    updated_at: list[str]


CONSENT_SHARE = 0.7


def _activity(rng: np.random.Generator, rows: int, as_of: datetime, history: ActivityBlock) -> _Activity:
    """The candidate's columns that follow from their history (bench/activity.py): the anchor and last_* from
    their interactions, created_at, updated_at (the last interaction, else creation); consent drawn here."""
    created_age = history.created_age
    consent_age = created_age - (np.minimum(2 * DAY, created_age) * rng.random(rows)).astype(np.int64)
    has_consent = rng.random(rows) < CONSENT_SHARE
    last = history.last_interaction_age
    updated_age = np.where(last >= 0, last, created_age)
    reference = np.datetime64(as_of.astimezone(UTC).replace(tzinfo=None), "s")
    return _Activity(
        anchor=[repr(value) if value != float("-inf") else "-Infinity" for value in history.anchor.tolist()],
        created_at=_timestamps(reference, created_age),
        last_interaction_at=_timestamps(reference, np.maximum(last, 0), missing=last < 0),
        last_active_at=_timestamps(
            reference, np.maximum(history.last_active_age, 0), missing=history.last_active_age < 0
        ),
        last_contacted_at=_timestamps(
            reference, np.maximum(history.last_contacted_age, 0), missing=history.last_contacted_age < 0
        ),
        consent_given_at=_timestamps(reference, consent_age, missing=~has_consent),
        updated_at=_timestamps(reference, updated_age),
    )


def _timestamps(
    reference: np.datetime64, age_seconds: np.ndarray, missing: np.ndarray | None = None
) -> list[str]:
    # ISO 8601 in UTC ("2025-03-01T08:30:00Z"): PostgreSQL reads it as timestamptz whatever the session zone.
    text = np.datetime_as_string(reference - age_seconds.astype("timedelta64[s]"), unit="s", timezone="UTC")
    if missing is not None:
        text = np.where(missing, NULL, text)
    return text.tolist()


def _tag_arrays(rng: np.random.Generator, rows: int, tag_text: np.ndarray = _TAG_TEXT) -> list[str]:
    """Return PostgreSQL int[] literals with 2–30 distinct tag ids each, sorted ascending.

    Positions are drawn and sorted; ``tag_text`` turns a position into the id written (ascending in the
    position, so the order holds).
    """
    wanted = TAGS_MIN + np.rint((TAGS_MAX - TAGS_MIN) * rng.beta(2.2, 2.33, size=rows)).astype(np.int64)
    ranks = np.searchsorted(_TAG_RANK_CDF, rng.random((rows, TAG_DRAWS)), side="right")
    draws = _TAGS_BY_POPULARITY[np.minimum(ranks, TAG_COUNT - 1)]
    keep = _first_distinct(draws, wanted)
    # Dropped draws become a sentinel that sorts last, so each row's kept tags are its first few columns;
    # only the kept ones are turned into Python strings (most of the matrix is never converted).
    sentinel = TAG_COUNT + 1
    chosen = np.sort(np.where(keep, draws, sentinel), axis=1)
    kept = keep.sum(axis=1)
    flat = tag_text[chosen[chosen != sentinel]].tolist()
    ends = np.cumsum(kept).tolist()
    arrays, start = [], 0
    for end, target in zip(ends, wanted.tolist(), strict=True):
        tag_texts = flat[start:end]
        if end - start < target:  # rare: the draws repeated too much; top up from the same stream
            positions = chosen[len(arrays), : end - start].tolist()
            tag_texts = [tag_text[position] for position in _top_up(rng, positions, target)]
        arrays.append("{" + ",".join(tag_texts) + "}")
        start = end
    return arrays


# Tag strength as parsing measures it (candidates.parsing.tagging.tag_strength): mentions per tag geometric
# (half the tags named once, a few many times), resume length log-normal around the reference 400 words.
MENTIONS_P = 0.5
WORDS_MEDIAN, WORDS_SIGMA = 400.0, 0.6


def _tag_strengths(rng: np.random.Generator, counts: list[int]) -> list[str]:
    """PostgreSQL smallint[] literals: a strength in percent (1..100) for each of a row's ``counts`` tags."""
    from candidates.parsing.tagging import saturation

    total = int(sum(counts))
    mentions = rng.geometric(MENTIONS_P, size=total).astype(float)
    resume_words = np.repeat(rng.lognormal(np.log(WORDS_MEDIAN), WORDS_SIGMA, size=len(counts)), counts)
    percent = (
        np.clip(np.floor(100.0 * saturation(mentions, resume_words) + 0.5), 1, 100).astype(np.int64).tolist()
    )
    arrays, start = [], 0
    for count in counts:
        arrays.append("{" + ",".join(map(str, percent[start : start + count])) + "}")
        start += count
    return arrays


def _first_distinct(draws: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Mark, per row, the first occurrence of each value, up to ``wanted`` distinct values in draw order."""
    order = np.argsort(draws, axis=1, kind="stable")
    ordered = np.take_along_axis(draws, order, axis=1)
    first_in_order = np.ones_like(ordered, dtype=bool)
    first_in_order[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.zeros_like(first_in_order)
    np.put_along_axis(first, order, first_in_order, axis=1)
    return first & (np.cumsum(first, axis=1) <= wanted[:, None])


def _top_up(rng: np.random.Generator, tag_ids: list[int], target: int) -> list[int]:
    chosen = set(tag_ids)
    while len(chosen) < target:
        rank = int(np.searchsorted(_TAG_RANK_CDF, rng.random(), side="right"))
        chosen.add(int(_TAGS_BY_POPULARITY[min(rank, TAG_COUNT - 1)]))
    return sorted(chosen)


def move_staged_candidates(cursor, staging: str) -> None:
    """Move staged rows into candidates and their primary email and phone rows, in one statement.

    Each staged row gets its id from the candidate sequence first, so the contact rows can point at it.
    Row-level security checks every inserted row against the current tenant.
    """
    columns = ", ".join(f'"{c}"' for c in CANDIDATE_COLUMNS)
    cursor.execute(
        f"""
        WITH staged AS MATERIALIZED (
            SELECT nextval(pg_get_serial_sequence('candidates_candidate', 'id')) AS new_id, s.* FROM "{staging}" s
        ), candidates AS (
            INSERT INTO candidates_candidate (id, {columns}) SELECT new_id, {columns} FROM staged
        ), emails AS (
            INSERT INTO candidates_candidateemail (tenant_id, candidate_id, email, is_primary, created_at)
            SELECT tenant_id, new_id, email, true, created_at FROM staged WHERE coalesce(email, '') <> ''
        )
        INSERT INTO candidates_candidatephone (tenant_id, candidate_id, phone, is_primary, created_at)
        SELECT tenant_id, new_id, phone, true, created_at FROM staged WHERE coalesce(phone, '') <> ''
        """
    )
