"""An in-memory inverted index of a large pool that tells ``profiles.matching.rank`` which few candidates to score.

The SQL ranking (decision 0008) reads every candidate its tag condition lets through: tens of thousands of rows
for must-haves many people meet, and most of the pool when nobody meets them and the default ranking fills the
page from below the divider. This index holds, per tenant, each tag's postings (row numbers and strengths) and
the few columns the score reads (status, years, education, Σ strength²), and scores the whole pool the way the
statement does, in numpy, in a few milliseconds. It does not answer the ranking: it names a **superset** of the
page — every candidate whose key (must-haves met, then score) reaches the ``limit + offset``-th one's, less a
margin — and ``rank`` sends its usual statement restricted to those ids (``MatchOptions.candidate_ids``), which
scores, orders by activity and recency and explains them as it always does. The result is the statement's own
(tests/profiles/test_ranking_index.py compares both paths on generated pools, before and after writes).

Kept in step with writes without any writer knowing: ``Candidate.ranking_changed_at`` is set by the database
(DEFAULT now(), and an UPDATE trigger when the tags, strengths, years, education or status change; candidates
migration 0006) to the writing transaction's start. A snapshot records ``watermark``: the earliest start of the
transactions running when it began (pg_stat_activity, the application role's sessions) less a minute. Each
ranking re-reads the rows changed at or after it (an index range scan; usually none) and scores them from their
current values instead of the snapshot's. A row deleted since the snapshot can only drop out of the superset,
which ``rank`` detects (it then falls back to the plain statement). When the changed rows grow past
``REBUILD_CHANGED_SHARE`` of the pool the snapshot is rebuilt in the background.

Memory: ~100 MiB per million candidates (int32 postings, uint8 strengths, per-row columns), held once per
process for tenants of at least ``RANKING_INDEX_MIN_CANDIDATES`` (setting, 200,000) within
``RANKING_INDEX_MAX_MB`` (setting, 512; least recently used tenants are dropped). It does not grow with calls;
a ranking through it allocates ~34 MiB for the call (dense per-row work arrays), a build ~96 MiB on top of the
index (read 100,000 candidates at a time). ``RANKING_INDEX_ENABLED`` (default true) turns it off.
Snapshots are built off the request (a thread with its own connection); until one is ready, ``rank`` uses the
plain statement. Options the index does not model (activity boost, tiers, location, pipeline and contact
filters, "updated since", a list of ids, inactive candidates) use the plain statement too.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import connection

from candidates.models import EDUCATION_RANK, Candidate, CandidateStatus

logger = logging.getLogger(__name__)

# A candidate's key may differ from the statement's in the last bits (float8 sums in another order): the superset
# takes everyone within SCORE_MARGIN of the page's last key, and the statement decides.
SCORE_MARGIN = 1e-6
ANSWERED_LOOKUPS = (
    5_000  # rows whose focus is measured by looking their tags up (more: one pass over postings)
)
RESTRICTED_ROWS = (
    200_000  # up to this many rows meeting every must-have (and filling the page): score them alone
)
LOOKUP_ROWS = 5_000  # up to this many, by binary search in the postings; more, by one pass over each posting
MAX_SUPERSET = 5_000
LOAD_CHUNK = 100_000  # candidates read per statement when a snapshot is built  # beyond this many ties at the page's edge, the plain statement is as good
REBUILD_CHANGED_SHARE = 0.02  # rebuild once 2% of the pool changed since the snapshot
WATERMARK_SLACK = timedelta(minutes=1)  # for writers whose transactions pg_stat_activity does not show
SMALL_POOL_RECHECK_SECONDS = 600.0
_UNKNOWN_EDUCATION = -1
POOL_SIZE_PROBE = (
    "/* ranking index: pool size */"  # names the bounded count that decides whether to build one
)


@dataclass
class PoolIndex:
    """One tenant's pool as arrays: row r is candidate ``ids[r]`` (ascending)."""

    tenant_id: int
    watermark: datetime
    ids: np.ndarray  # int64
    active: np.ndarray  # bool: status active
    years: np.ndarray  # float64, NaN when unknown
    education: np.ndarray  # int8 EDUCATION_RANK, -1 when unknown ("", "other")
    mass: np.ndarray  # float64: Σ strength² (percent units) over the row's tags
    postings: dict[int, np.ndarray] = field(default_factory=dict)  # tag id → int32 rows, ascending
    strengths: dict[int, np.ndarray] = field(default_factory=dict)  # tag id → uint8 percent, aligned
    built_seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.ids)

    def nbytes(self) -> int:
        columns = (self.ids, self.active, self.years, self.education, self.mass)
        return (
            sum(a.nbytes for a in columns)
            + sum(p.nbytes for p in self.postings.values())
            + sum(s.nbytes for s in self.strengths.values())
        )

    @classmethod
    def from_rows(cls, tenant_id: int, watermark: datetime, rows) -> PoolIndex:
        """From (id, status, tag_ids, tag_strengths, years, education) rows (the changed rows of a ranking)."""
        rows = sorted(rows, key=lambda row: row[0])
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        tags: dict[int, list[tuple[int, int]]] = {}
        mass = np.zeros(len(rows))
        for number, (_id, _status, tag_ids, tag_strengths, _years, _education) in enumerate(rows):
            for tag_id, strength in zip(tag_ids or (), tag_strengths or (), strict=False):
                tags.setdefault(int(tag_id), []).append((number, int(strength)))
                mass[number] += float(strength) * float(strength)
        return cls(
            tenant_id=tenant_id,
            watermark=watermark,
            ids=ids,
            active=np.array([row[1] == CandidateStatus.ACTIVE for row in rows], dtype=bool),
            years=np.array([np.nan if row[4] is None else float(row[4]) for row in rows], dtype=np.float64),
            education=np.array([_education_code(row[5]) for row in rows], dtype=np.int8),
            mass=mass,
            postings={tag: np.array([n for n, _ in hits], dtype=np.int32) for tag, hits in tags.items()},
            strengths={tag: np.array([s for _, s in hits], dtype=np.uint8) for tag, hits in tags.items()},
        )


def _education_code(level) -> int:
    if not level or level == "other" or level not in EDUCATION_RANK:
        return _UNKNOWN_EDUCATION
    return int(EDUCATION_RANK[level])


# --- building a snapshot -----------------------------------------------------------------------------------------


def load(tenant_id: int) -> PoolIndex:
    """Read the current tenant's pool into a PoolIndex (inside ``tenant_context(tenant_id)``): the watermark, then
    the rows in id order, LOAD_CHUNK at a time, each chunk one aggregate statement whose texts numpy parses in C
    (~11 s at 1,000,000 candidates on 2 busy cores; a chunk's work, not the pool's, on top of the index).
    Statements see different snapshots: a row written in between is one "changed since the watermark"."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Before any row is read: the earliest start of a transaction that may commit after our reads.
        cursor.execute(
            "SELECT least(now(), clock_timestamp(), (SELECT min(xact_start) FROM pg_stat_activity "
            "WHERE xact_start IS NOT NULL AND datname = current_database()))"
        )
        watermark = cursor.fetchone()[0] - WATERMARK_SLACK
    columns: list[list[np.ndarray]] = [[], [], [], []]  # ids, active, years, education
    pieces: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}
    masses, base, last_id = [], 0, 0
    while True:
        chunk = _load_chunk(tenant_id, last_id)
        if chunk is None:
            break
        (ids, active, years, education, counts, tags, strengths) = chunk
        for column, values in zip(columns, (ids, active.astype(bool), years, education), strict=True):
            column.append(values)
        rows = base + np.repeat(
            np.arange(len(ids), dtype=np.int32), counts
        )  # ascending: the chunk is in id order
        by_tag = np.argsort(tags, kind="stable")  # by tag, each posting still ascending
        tags, rows, strengths = tags[by_tag], rows[by_tag], strengths[by_tag].clip(0, 255).astype(np.uint8)
        masses.append(np.bincount(rows - base, weights=strengths.astype(np.float64) ** 2, minlength=len(ids)))
        bounds = np.flatnonzero(np.diff(tags)) + 1
        for start, end in zip(
            np.concatenate([[0], bounds]), np.concatenate([bounds, [len(tags)]]), strict=True
        ):
            if end > start:
                pieces.setdefault(int(tags[start]), []).append((rows[start:end], strengths[start:end]))
        base += len(ids)
        last_id = int(ids[-1])
        del chunk, tags, rows, strengths
    postings = {tag: np.concatenate([rows for rows, _ in parts]) for tag, parts in pieces.items()}
    strength_of = {tag: np.concatenate([percent for _, percent in parts]) for tag, parts in pieces.items()}
    del pieces

    def joined(number: int, dtype) -> np.ndarray:
        return np.concatenate(columns[number]) if columns[number] else np.zeros(0, dtype=dtype)

    return PoolIndex(
        tenant_id=tenant_id,
        watermark=watermark,
        ids=joined(0, np.int64),
        active=joined(1, bool),
        years=joined(2, np.float64),
        education=joined(3, np.int8),
        mass=np.concatenate(masses) if masses else np.zeros(0),
        postings=postings,
        strengths=strength_of,
        built_seconds=time.perf_counter() - started,
    )


def _load_chunk(tenant_id: int, after_id: int):
    """The next LOAD_CHUNK candidates after ``after_id``, in id order, as arrays: ids, active (0/1), years (NaN
    unknown), education rank (-1 unknown), tags per row, and every row's tag ids and strengths one after the
    other. None when there are no more."""
    education_case = " ".join(
        f"WHEN '{level}' THEN {rank}" for level, rank in EDUCATION_RANK.items() if level and level != "other"
    )
    with connection.cursor() as cursor:
        # An empty tag list adds nothing (string_agg skips NULL).
        cursor.execute(
            f"""
            SELECT count(*), string_agg(id::text, ',' ORDER BY id),
                   string_agg((status = %s)::int::text, ',' ORDER BY id),
                   string_agg(coalesce(years_experience::text, 'nan'), ',' ORDER BY id),
                   string_agg((CASE highest_education {education_case} ELSE {_UNKNOWN_EDUCATION} END)::text, ','
                              ORDER BY id),
                   string_agg(cardinality(tag_ids)::text, ',' ORDER BY id),
                   coalesce(string_agg(nullif(array_to_string(tag_ids, ','), ''), ',' ORDER BY id), ''),
                   coalesce(string_agg(nullif(array_to_string(tag_strengths, ','), ''), ',' ORDER BY id), '')
            FROM (SELECT * FROM {Candidate._meta.db_table} WHERE tenant_id = %s AND id > %s ORDER BY id LIMIT %s) c""",
            [CandidateStatus.ACTIVE.value, tenant_id, after_id, LOAD_CHUNK],
        )
        count, *texts = cursor.fetchone()
    if not count:
        return None
    return tuple(
        np.fromstring(text, dtype=dtype, sep=",") if text else np.zeros(0, dtype=dtype)
        for text, dtype in zip(
            texts, (np.int64, np.int8, np.float64, np.int8, np.int32, np.int32, np.int16), strict=True
        )
    )


# --- the per-process cache ---------------------------------------------------------------------------------------


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.indexes: OrderedDict[int, PoolIndex] = OrderedDict()
        self.building: set[int] = set()
        self.small_until: dict[int, float] = {}  # tenant → when to count its pool again

    def get(self, tenant_id: int) -> PoolIndex | None:
        with self.lock:
            index = self.indexes.get(tenant_id)
            if index is not None:
                self.indexes.move_to_end(tenant_id)
            return index

    def put(self, index: PoolIndex) -> None:
        budget = _setting("RANKING_INDEX_MAX_MB", 512) * 2**20
        with self.lock:
            self.indexes[index.tenant_id] = index
            self.indexes.move_to_end(index.tenant_id)
            while len(self.indexes) > 1 and sum(i.nbytes() for i in self.indexes.values()) > budget:
                self.indexes.popitem(last=False)
            if index.nbytes() > budget:
                self.indexes.pop(index.tenant_id, None)

    def drop(self, tenant_id: int | None = None) -> None:
        with self.lock:
            if tenant_id is None:
                self.indexes.clear()
                self.small_until.clear()
            else:
                self.indexes.pop(tenant_id, None)
                self.small_until.pop(tenant_id, None)


_CACHE = _Cache()


def _setting(name: str, default):
    return getattr(settings, name, default)


def enabled() -> bool:
    return bool(_setting("RANKING_INDEX_ENABLED", True))


def build(tenant_id: int) -> PoolIndex:
    """Build the tenant's snapshot now, in this thread (inside ``tenant_context``), and keep it."""
    index = load(tenant_id)
    _CACHE.put(index)
    return index


def forget(tenant_id: int | None = None) -> None:
    """Drop the tenant's snapshot (every tenant's without an argument)."""
    _CACHE.drop(tenant_id)


def cached(tenant_id: int) -> PoolIndex | None:
    return _CACHE.get(tenant_id)


def _large_enough(tenant_id: int) -> bool:
    """Whether the tenant's pool has RANKING_INDEX_MIN_CANDIDATES rows (counted at most every ten minutes per
    process: an index-only count, ~30 ms at 1,000,000); small pools rank fast enough in SQL."""
    if _CACHE.small_until.get(tenant_id, 0.0) > time.monotonic():
        return False
    minimum = int(_setting("RANKING_INDEX_MIN_CANDIDATES", 200_000))
    with connection.cursor() as cursor:
        cursor.execute(
            f"{POOL_SIZE_PROBE} SELECT count(*) FROM (SELECT 1 FROM {Candidate._meta.db_table} "
            "WHERE tenant_id = %s LIMIT %s) pool",
            [tenant_id, minimum],
        )
        large = cursor.fetchone()[0] >= minimum
    if not large:
        with _CACHE.lock:
            _CACHE.small_until[tenant_id] = time.monotonic() + SMALL_POOL_RECHECK_SECONDS
    return large


def request_build(tenant_id: int) -> None:
    """Build the tenant's snapshot in a background thread (its own connection) unless one is under way."""
    with _CACHE.lock:
        if tenant_id in _CACHE.building:
            return
        _CACHE.building.add(tenant_id)
    threading.Thread(
        target=_build_in_background, args=(tenant_id,), name=f"ranking-index-{tenant_id}", daemon=True
    ).start()


def _build_in_background(tenant_id: int) -> None:
    from django.db import connections

    from talentpool.tenancy.context import tenant_context

    try:
        with tenant_context(tenant_id):
            index = load(tenant_id)
        _CACHE.put(index)
        logger.info(
            "ranking index of tenant %s: %s candidates, %.0f MiB, %.1f s",
            tenant_id,
            len(index),
            index.nbytes() / 2**20,
            index.built_seconds,
        )
    except Exception:  # the plain statement keeps working; the next ranking asks again
        logger.exception("ranking index of tenant %s could not be built", tenant_id)
    finally:
        with _CACHE.lock:
            _CACHE.building.discard(tenant_id)
        connections.close_all()


# --- scoring, as profiles.matching's statement does ----------------------------------------------------------------


@dataclass
class _Scored:
    rows: np.ndarray  # row numbers of candidates the statement would rank that may reach the page
    key: np.ndarray  # their keys, larger is earlier: the score, less 1000 below the divider


class _Scratch:
    """Zeroed per-row work arrays, put back to zero after each use (only the rows touched): every step costs
    the size of the postings it reads, not the size of the pool."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.best = np.zeros(size, dtype=np.uint8)
        self.taken = np.zeros(size, dtype=bool)

    # Only profiles with requirement groups need these: made on first use.
    @functools.cached_property
    def group(self) -> np.ndarray:
        return np.zeros(self.size)

    @functools.cached_property
    def touched(self) -> np.ndarray:
        return np.zeros(self.size, dtype=bool)

    @functools.cached_property
    def count(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.int16)


def _held(index: PoolIndex, tag_ids, scratch: _Scratch) -> tuple[np.ndarray, np.ndarray]:
    """Rows holding any of ``tag_ids`` (ascending) and the strongest of them each holds, in percent."""
    present = [tag for tag in dict.fromkeys(tag_ids) if tag in index.postings]
    if not present:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint8)
    if len(present) == 1:
        return index.postings[present[0]], index.strengths[present[0]]
    best = scratch.best
    for tag in present:
        rows = index.postings[tag]
        best[rows] = np.maximum(best[rows], index.strengths[tag])
    rows = np.flatnonzero(best).astype(np.int32)
    percent = best[rows].copy()
    best[rows] = 0
    return rows, percent


def _option_value(
    index: PoolIndex, choice, weight: float, scratch: _Scratch
) -> tuple[np.ndarray, np.ndarray]:
    """``matching._option_value`` over the rows that hold something of ``choice`` (unique rows): the first kind
    held (own, parent, child) earns weight × credit × (1 − STRENGTH_SHARE × (1 − strength)), computed as the
    statement's a + b × percent."""
    from .matching import FULL_CREDIT, PARENT_CREDIT, PARTIAL_CREDIT, STRENGTH_SHARE

    parts_rows, parts_values = [], []
    for ids, credit in (
        (choice.full_ids, FULL_CREDIT),
        (choice.parent_ids, PARENT_CREDIT),
        (choice.child_ids, PARTIAL_CREDIT),
    ):
        if not ids:
            continue
        rows, percent = _held(index, ids, scratch)
        if parts_rows:
            fresh = ~scratch.taken[rows]
            rows, percent = rows[fresh], percent[fresh]
        scratch.taken[rows] = True
        a, b = weight * credit * (1.0 - STRENGTH_SHARE), weight * credit * STRENGTH_SHARE / 100.0
        parts_rows.append(rows)
        parts_values.append(a + b * percent.astype(np.float64))
    if not parts_rows:
        return np.zeros(0, dtype=np.int32), np.zeros(0)
    rows = np.concatenate(parts_rows)
    scratch.taken[rows] = False
    return rows, np.concatenate(parts_values)


def _coverage_terms(index: PoolIndex, specs, scratch: _Scratch) -> np.ndarray:
    """Per row: Σ weight × earned (the coverage before dividing by the total weight), as the statement sums it."""
    terms = np.zeros(len(index))
    for spec in specs:
        if not spec.options:
            rows, values = _option_value(index, spec.choices[0], spec.score_weight, scratch)
            terms[rows] += values
            continue
        group, touched = scratch.group, scratch.touched
        for choice in spec.options:
            rows, values = _option_value(index, choice, 1.0, scratch)
            if spec.min_count <= 1:
                group[rows] = np.maximum(group[rows], values)
            else:
                group[rows] += values
            touched[rows] = True
        rows = np.flatnonzero(touched)
        if spec.min_count <= 1:
            terms[rows] += spec.score_weight * group[rows]
        else:
            terms[rows] += (spec.score_weight / spec.min_count) * np.minimum(
                group[rows], float(spec.min_count)
            )
        group[rows], touched[rows] = 0.0, False
    return terms


def _percent_on(
    index: PoolIndex, tag_ids, rows: np.ndarray, position: np.ndarray | None = None
) -> np.ndarray:
    """Per row of ``rows`` (ascending): the strongest of ``tag_ids`` it holds, in percent (0: none). Found by
    binary search in each tag's postings, or, with ``position`` (row → its place in ``rows``, -1 elsewhere), by
    one pass over each posting: cheaper once ``rows`` are many."""
    out = np.zeros(len(rows), dtype=np.uint8)
    for tag in dict.fromkeys(tag_ids):
        posting = index.postings.get(tag)
        if posting is None or not len(posting) or not len(rows):
            continue
        if position is not None:
            places = position[posting]
            held = places >= 0
            places = places[held]
            out[places] = np.maximum(out[places], index.strengths[tag][held])
            continue
        at = np.minimum(np.searchsorted(posting, rows), len(posting) - 1)
        out = np.maximum(out, np.where(posting[at] == rows, index.strengths[tag][at], 0).astype(np.uint8))
    return out


def _option_value_on(
    index: PoolIndex, choice, weight: float, rows: np.ndarray, position: np.ndarray | None = None
) -> np.ndarray | None:
    """``_option_value`` for the given rows, aligned with them (None when the option has no tag at all)."""
    from .matching import FULL_CREDIT, PARENT_CREDIT, PARTIAL_CREDIT, STRENGTH_SHARE

    value, decided, any_kind = np.zeros(len(rows)), np.zeros(len(rows), dtype=bool), False
    for ids, credit in (
        (choice.full_ids, FULL_CREDIT),
        (choice.parent_ids, PARENT_CREDIT),
        (choice.child_ids, PARTIAL_CREDIT),
    ):
        if not ids:
            continue
        any_kind = True
        percent = _percent_on(index, ids, rows, position)
        here = (percent > 0) & ~decided
        a, b = weight * credit * (1.0 - STRENGTH_SHARE), weight * credit * STRENGTH_SHARE / 100.0
        value[here] = a + b * percent[here].astype(np.float64)
        decided |= here
    return value if any_kind else None


def _terms_on(index: PoolIndex, specs, rows: np.ndarray, position: np.ndarray | None = None) -> np.ndarray:
    """``_coverage_terms`` for the given rows only."""
    terms = np.zeros(len(rows))
    for spec in specs:
        if not spec.options:
            value = _option_value_on(index, spec.choices[0], spec.score_weight, rows, position)
            if value is not None:
                terms += value
            continue
        values = [
            v
            for v in (_option_value_on(index, choice, 1.0, rows, position) for choice in spec.options)
            if v is not None
        ]
        if not values:
            continue
        if spec.min_count <= 1:
            terms += spec.score_weight * np.maximum.reduce(values)
        else:
            terms += (spec.score_weight / spec.min_count) * np.minimum(
                np.add.reduce(values), float(spec.min_count)
            )
    return terms


def _answered_on(index: PoolIndex, specs, rows: np.ndarray, position: np.ndarray | None = None) -> np.ndarray:
    """Per row of ``rows``: Σ strength² of its tags that answer some requirement (the focus's numerator)."""
    answered = np.zeros(len(rows))
    for tag in {tag_id for spec in specs for tag_id in spec.all_ids}:
        posting = index.postings.get(tag)
        if posting is None or not len(posting) or not len(rows):
            continue
        if position is not None:
            places = position[posting]
            held = places >= 0
            answered[places[held]] += index.strengths[tag][held].astype(np.float64) ** 2
            continue
        at = np.minimum(np.searchsorted(posting, rows), len(posting) - 1)
        answered += np.where(posting[at] == rows, index.strengths[tag][at].astype(np.float64) ** 2, 0.0)
    return answered


def _must_haves_met(index: PoolIndex, must_haves, scratch: _Scratch) -> np.ndarray:
    """Per row: how many of ``must_haves`` it meets through full tags (a k-of-n group: k of its options)."""
    met = np.zeros(len(index), dtype=np.int16)
    for spec in must_haves:
        if spec.options and spec.min_count > 1:
            count = scratch.count
            for choice in spec.options:
                count[_held(index, choice.full_ids, scratch)[0]] += 1
            rows = np.flatnonzero(count >= spec.min_count)
            count[np.flatnonzero(count)] = 0
        else:
            rows = _held(index, spec.full_ids, scratch)[0]
        met[rows] += 1
    return met


def _exact(
    index: PoolIndex, statement, rows: np.ndarray, terms: np.ndarray, answered: np.ndarray, failed: np.ndarray
) -> np.ndarray:
    """The statement's score of ``rows``: coverage (``terms`` / total weight) × the fits × the focus (``answered``:
    Σ strength² of the row's tags that answer a requirement, over its mass), then the must-have penalty."""
    from .matching import EDUCATION_SHARE, FOCUS_SHARE, MUST_HAVE_PENALTY, YEARS_SHARE

    fit = np.ones(len(rows))
    if statement.min_years > 0:
        years = index.years[rows]
        years_fit = np.where(years >= statement.min_years, 1.0, np.maximum(years, 0.0) / statement.min_years)
        fit -= YEARS_SHARE * (1.0 - np.where(np.isnan(years), 1.0, years_fit))
    if statement.education_rank > 0:
        level = index.education[rows]
        education_fit = np.where(
            level >= statement.education_rank, 1.0, np.where(level == statement.education_rank - 1, 0.5, 0.0)
        )
        fit -= EDUCATION_SHARE * (1.0 - np.where(level == _UNKNOWN_EDUCATION, 1.0, education_fit))
    mass = index.mass[rows]
    focus = np.divide(answered, mass, out=np.ones(len(rows)), where=mass > 0)
    value = 100.0 * (terms / statement.total_weight) * fit * (1.0 - FOCUS_SHARE * (1.0 - focus))
    if statement.flag and statement.must_haves:
        value = np.where(failed, value * MUST_HAVE_PENALTY, value)
    return value


def score(index: PoolIndex, statement, left_out: np.ndarray | None = None) -> _Scored:
    """The rows ``statement`` (a ``matching._Statement`` the index ``supports``) would rank that can reach its
    page, with their exact keys. ``left_out``: row numbers to ignore (changed since the snapshot).

    Coverage is summed over the postings alone; it bounds the score (the fits and the focus only take off), so
    the exact score (fits, focus) is computed for the best ``2 × wanted`` by that bound first, and then for
    every row whose bound still reaches the page's edge they set (MaxScore, in memory)."""
    from .matching import MUST_HAVE_PENALTY

    scratch = _Scratch(len(index))
    specs, wanted = statement.specs, statement.options.limit + statement.options.offset
    met = _must_haves_met(index, statement.must_haves, scratch)
    if statement.must_haves and (statement.divided or not statement.flag):
        # Those who meet every must-have come first (combined) or alone (exclude): when they fill the page, the
        # others need no score, and few rows are scored by looking each tag up in their postings.
        passing = (met >= len(statement.must_haves)) & index.active
        if left_out is not None and len(left_out):
            passing[left_out] = False
        rows = np.flatnonzero(passing).astype(np.int32)
        if (not statement.flag or len(rows) >= wanted) and len(rows) <= RESTRICTED_ROWS:
            position = None
            if (
                len(rows) > LOOKUP_ROWS
            ):  # many rows: one pass over each posting instead of a binary search per row
                position = np.full(len(index), -1, dtype=np.int32)
                position[rows] = np.arange(len(rows), dtype=np.int32)
            value = _exact(
                index,
                statement,
                rows,
                _terms_on(index, specs, rows, position),
                _answered_on(index, specs, rows, position),
                np.zeros(len(rows), dtype=bool),
            )
            if statement.options.min_score > 0:
                reached = value >= statement.options.min_score - SCORE_MARGIN
                rows, value = rows[reached], value[reached]
            if not statement.flag or len(rows) >= wanted:
                return _Scored(rows=rows, key=value)
        if statement.divided and len(rows) >= wanted:
            considered = passing  # the page is theirs: the others are below the divider
        else:
            considered = None
    else:
        considered = None
    terms = _coverage_terms(index, specs, scratch)
    if considered is None:
        if statement.must_haves and not statement.flag:
            considered = met >= len(statement.must_haves)  # exclude: the gate
        else:
            considered = terms > 0  # holds some requirement's tag: every way of meeting one earns more than 0
        considered &= index.active
    if left_out is not None and len(left_out):
        considered[left_out] = False
    rows = np.flatnonzero(considered).astype(np.int32)
    failed = met[rows] < len(statement.must_haves)
    penalty = MUST_HAVE_PENALTY if statement.flag and statement.must_haves else 1.0
    bound = 100.0 * terms[rows] / statement.total_weight * np.where(failed, penalty, 1.0)
    if statement.divided:
        bound = bound - 1000.0 * failed

    dense: list[np.ndarray] = []

    def answered(at: np.ndarray) -> np.ndarray:
        if len(at) <= ANSWERED_LOOKUPS:
            return _answered_on(index, specs, at)
        if not dense:  # many rows: one pass over the postings instead of a lookup per row and tag
            total = np.zeros(len(index))
            for tag in {tag_id for spec in specs for tag_id in spec.all_ids}:
                posting = index.postings.get(tag)
                if posting is not None:
                    total[posting] += index.strengths[tag].astype(np.float64) ** 2
            dense.append(total)
        return dense[0][at]

    def exact(chosen: np.ndarray) -> np.ndarray:
        at = rows[chosen]
        value = _exact(index, statement, at, terms[at], answered(at), failed[chosen])
        key = value - 1000.0 * failed[chosen] if statement.divided else value
        if statement.options.min_score > 0:  # below the minimum: never on the page
            key = np.where(value >= statement.options.min_score - SCORE_MARGIN, key, -np.inf)
        return key

    first = 2 * wanted + 100
    if len(rows) > 2 * first:
        chosen = np.flatnonzero(bound >= -np.partition(-bound, first)[first])
        keys = exact(chosen)
        reached = keys[np.isfinite(keys)]
        if len(reached) >= wanted:
            edge = -np.partition(-reached, wanted - 1)[wanted - 1]
            chosen = np.flatnonzero(bound >= edge - SCORE_MARGIN)
        else:
            chosen = np.arange(len(rows))
    else:
        chosen = np.arange(len(rows))
    keys = exact(chosen)
    keep = np.isfinite(keys)
    return _Scored(rows=rows[chosen][keep], key=keys[keep])


def supports(statement) -> bool:
    """Whether the index models every option of ``statement`` (else the plain statement runs)."""
    options = statement.options
    return (
        bool(statement.specs)
        and all(spec.score_weight > 0 for spec in statement.specs)
        and not (
            options.activity_boost
            or options.tiers
            or options.location
            or options.exclude_in_pipeline
            or options.exclude_contacted_days is not None
            or options.updated_since is not None
            or options.candidate_ids
            or options.include_inactive
            or statement.source
        )
    )


def superset(statement) -> list[int] | None:
    """Candidate ids that hold the statement's page (``limit + offset`` best, ties at its edge included), or None
    when the index cannot say (disabled, no snapshot yet, options it does not model, too many ties)."""
    if not enabled() or not supports(statement):
        return None
    tenant_id = statement.tenant_id
    index = _CACHE.get(tenant_id)
    if index is None:
        if _large_enough(tenant_id):
            request_build(tenant_id)
        return None
    changed = _changed_rows(index, limit=int(max(1_000, REBUILD_CHANGED_SHARE * len(index))))
    if changed is None:  # too much changed since the snapshot: a new one, and the plain statement meanwhile
        request_build(tenant_id)
        return None
    wanted = statement.options.limit + statement.options.offset
    stale = None
    if changed:
        changed_ids = np.array(sorted(row[0] for row in changed), dtype=np.int64)
        at = np.minimum(np.searchsorted(index.ids, changed_ids), max(len(index) - 1, 0))
        stale = at[index.ids[at] == changed_ids] if len(index) else None
    scored = score(index, statement, stale)
    ids, keys = index.ids[scored.rows], scored.key
    if changed:
        fresh = PoolIndex.from_rows(tenant_id, index.watermark, changed)
        delta = score(fresh, statement)
        ids = np.concatenate([ids, fresh.ids[delta.rows]])
        keys = np.concatenate([keys, delta.key])
    if len(ids) <= wanted:
        chosen = ids
    else:
        edge = -np.partition(-keys, wanted - 1)[wanted - 1]
        chosen = ids[keys >= edge - SCORE_MARGIN]
    if len(chosen) > MAX_SUPERSET + wanted:
        return None
    return [int(candidate_id) for candidate_id in chosen]


def _changed_rows(index: PoolIndex, limit: int) -> list[tuple] | None:
    """The rows changed since the snapshot (their current values), or None when there are more than ``limit``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT id, status, tag_ids, tag_strengths, years_experience, highest_education
                FROM {Candidate._meta.db_table} WHERE tenant_id = %s AND ranking_changed_at >= %s LIMIT %s""",
            [index.tenant_id, index.watermark, limit + 1],
        )
        rows = cursor.fetchall()
    return None if len(rows) > limit else rows


def still_there(tenant_id: int, candidate_ids: list[int]) -> int:
    """How many of ``candidate_ids`` are still rows of the tenant's pool (a snapshot cannot see deletions)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {Candidate._meta.db_table} WHERE tenant_id = %s "
            "AND id = ANY(%s::bigint[])",
            [tenant_id, candidate_ids],
        )
        return int(cursor.fetchone()[0])
