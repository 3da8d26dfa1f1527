"""Counting milestones per segment, day and step in the worker, and writing them as month rows of counters
(``CounterMonth``; docs/decisions/0015-counters-a-month-per-row.md).

At 1,000,000 candidates the tag counters alone come from ~37 million (milestone, tag) pairs. PostgreSQL groups
them in about half a minute; here the milestones and each candidate's segments are read with binary COPY into
numpy arrays, and the counts are one sparse matrix product (segments × candidates times candidates × (step,
day)) in a few seconds. The same code counts a day's few thousand milestones for a refresh, so there is one way
to count. The results go back through binary COPY into a temporary table and are merged into the counter rows,
which only changes the rows whose numbers changed.

Everything runs on the caller's connection and transaction, inside the current tenant (row-level security
applies to every statement, COPY included).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import connection
from scipy import sparse

from candidates.models import Candidate, Tag
from profiles.models import Application
from talentpool.tenancy.context import require_tenant_id

from ..models import DAYS_PER_ROW, CounterMonth, Step

STEPS = tuple(Step.values)  # a step's code is its index here
EARLY_STEPS = ("pooled", "contacted", "opened", "replied")  # steps no role brings (see ``kind_counts``)
EPOCH = date(2000, 1, 1)  # PostgreSQL's binary dates count days from here
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_COPY_HEADER = _COPY_SIGNATURE + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
_COPY_TRAILER = (-1).to_bytes(2, "big", signed=True)
_INT4_OID = 23
WRITE_CHUNK = 100_000  # counter rows per COPY buffer (~57 MB)


def _copy_out(sql: str, params, options: str = "") -> io.BytesIO:
    """What ``COPY (sql) TO STDOUT`` writes, ``sql`` bound with ``params`` (COPY takes no parameters)."""
    with connection.cursor() as cursor:
        raw_cursor = cursor.cursor
        query = raw_cursor.mogrify(sql, params).decode()
        buffer = io.BytesIO()
        raw_cursor.copy_expert(f"COPY ({query}) TO STDOUT{options}", buffer)
    return buffer


def copy_out(sql: str, params, columns: list[tuple[str, str]]) -> dict[str, np.ndarray]:
    """The rows of ``sql`` as numpy columns, read with ``COPY (…) TO STDOUT (FORMAT binary)``. ``columns`` name
    each selected column and its big-endian fixed width (``>i2``, ``>i4``, ``>i8``); none may be NULL."""
    data = _copy_out(sql, params, " (FORMAT binary)").getbuffer()
    extension = int.from_bytes(data[15:19], "big")
    body = data[19 + extension : len(data) - 2]
    fields = [("count", ">i2")]
    for name, width in columns:
        fields += [(f"{name}_length", ">i4"), (name, width)]
    rows = np.frombuffer(body, dtype=np.dtype(fields))
    return {name: rows[name].astype(np.int64) for name, _ in columns}


@dataclass
class Milestones:
    """Milestone rows as columns: candidate id, step code, day number (days from EPOCH), jump (0/1), and the
    role, campaign and recruiter ids (-1 for none)."""

    candidate: np.ndarray
    step: np.ndarray
    day: np.ndarray
    jump: np.ndarray
    profile: np.ndarray
    campaign: np.ndarray
    recruiter: np.ndarray

    def __len__(self) -> int:
        return len(self.candidate)

    def candidates(self) -> np.ndarray:
        return np.unique(self.candidate)


MILESTONE_COLUMNS = [
    ("candidate", ">i8"),
    ("step", ">i2"),
    ("day", ">i4"),
    ("jump", ">i2"),
    ("profile", ">i8"),
    ("campaign", ">i8"),
    ("recruiter", ">i8"),
]


def milestones_load(table: str, where: str, params: dict) -> Milestones:
    """The milestones of ``table`` (the milestone table, or a temporary table of fresh ones) matching ``where``.
    Parameters: those of ``where``."""
    sql = f"""SELECT candidate_id, (array_position(%(steps)s::text[], step::text) - 1)::int2,
                     (reached_on - DATE '2000-01-01')::int4, jump::int::int2, coalesce(profile_id, -1),
                     coalesce(campaign_id, -1), coalesce(recruiter_id, -1)
              FROM {table} WHERE {where}"""
    columns = copy_out(sql, {**params, "steps": list(STEPS)}, MILESTONE_COLUMNS)
    return Milestones(**columns)


# --- who belongs to which segment -------------------------------------------------------------------------------


@dataclass
class Membership:
    """(candidate, segment) pairs: ``keys[key[i]]`` is the segment of ``candidate[i]``."""

    candidate: np.ndarray
    key: np.ndarray
    keys: list[str]


def _candidate_filter(ids: np.ndarray | None, column: str = "c.id") -> tuple[str, dict]:
    if ids is None:
        return "", {}
    return f" AND {column} = ANY(%(ids)s)", {"ids": ids.tolist()}


def _text_membership(expression: str, ids: np.ndarray | None, zone: str) -> Membership:
    """Candidates by a text expression of the candidate row (source, entry month): the distinct values first,
    then each candidate's position among them (binary COPY has no variable-width columns here)."""
    only, params = _candidate_filter(ids)
    params = {**params, "zone": zone, "tenant": require_tenant_id()}
    table = Candidate._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT {expression} FROM {table} c WHERE c.tenant_id = %(tenant)s{only} ORDER BY 1",
            params,
        )
        keys = [row[0] if row[0] is not None else "" for row in cursor.fetchall()]
    pairs = copy_out(
        f"""SELECT c.id, (array_position(%(keys)s::text[], coalesce({expression}, '')) - 1)::int4
            FROM {table} c WHERE c.tenant_id = %(tenant)s{only}""",
        {**params, "keys": keys},
        [("candidate", ">i8"), ("key", ">i4")],
    )
    return Membership(pairs["candidate"], pairs["key"], keys)


def _tag_pairs(ids: np.ndarray | None) -> dict[str, np.ndarray]:
    """(candidate, tag) pairs of the candidates ``ids`` (None: the tenant's). One text line per candidate,
    "-id tag tag …", parsed in one pass: a row per pair through COPY cost twice as long at 15 million pairs."""
    only, params = _candidate_filter(ids)
    buffer = _copy_out(
        f"""SELECT -c.id || ' ' || array_to_string(c.tag_ids, ' ') FROM {Candidate._meta.db_table} c
            WHERE c.tenant_id = %(tenant)s AND cardinality(c.tag_ids) > 0{only}""",
        {**params, "tenant": require_tenant_id()},
    )
    numbers = (
        np.fromstring(buffer.getvalue(), dtype=np.int64, sep=" ") if buffer.tell() else np.empty(0, np.int64)
    )
    starts = np.flatnonzero(numbers < 0)  # each candidate's "-id"
    sizes = np.diff(np.append(starts, len(numbers))) - 1
    return {"candidate": np.repeat(-numbers[starts], sizes), "tag": numbers[numbers >= 0]}


def _narrow(low: int, high: int, count: int) -> bool:
    """Whether values from ``low`` to ``high`` are few enough for a lookup table (ids and day codes of one
    tenant usually are): one pass over ``count`` values instead of a sort, for memory of the same order."""
    return high - low + 1 <= max(4_000_000, 2 * count)


def _dense(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values ascending, each value's index among them). By a lookup table where the values are
    narrow (sorting 15 million tag pairs took seconds), else by sorting."""
    if not len(values):
        return values, values
    low, high = int(values.min()), int(values.max())
    if not _narrow(low, high, len(values)):
        distinct, index = np.unique(values, return_inverse=True)
        return distinct, index.reshape(-1)
    present = np.zeros(high - low + 1, bool)
    present[values - low] = True
    distinct = np.flatnonzero(present)
    lookup = np.zeros(high - low + 1, np.int32)
    lookup[distinct] = np.arange(len(distinct), dtype=np.int32)
    return distinct + low, lookup[values - low].astype(np.int64)


def _positions(distinct: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each value's index in the ascending ``distinct`` (-1: not there)."""
    if not len(distinct) or not len(values):
        return np.full(len(values), -1, np.int64)
    low, high = int(distinct[0]), int(distinct[-1])
    inside = (values >= low) & (values <= high)
    position = np.full(len(values), -1, np.int64)
    if _narrow(low, high, len(values)):
        lookup = np.full(high - low + 1, -1, np.int32)
        lookup[distinct - low] = np.arange(len(distinct), dtype=np.int32)
        position[inside] = lookup[values[inside] - low]
    else:
        found = np.searchsorted(distinct, values[inside])
        position[inside] = np.where(
            distinct[np.minimum(found, len(distinct) - 1)] == values[inside], found, -1
        )
    return position


def membership(
    kind: str,
    ids: np.ndarray | None,
    zone: str,
    groups: dict[str, tuple[str, ...]],
    cache: dict | None = None,
) -> Membership:
    """Who is in which segment of ``kind``: the candidates ``ids`` (None: the whole tenant). ``groups``: tag
    categories per tag group. Not for the whole pool (everyone), campaign and recruiter (the milestones carry
    them). ``cache``: shared by the calls of one fill, so tags and groups read the candidates' tags once."""
    cache = {} if cache is None else cache
    if kind in ("tag", "group") and "tags" not in cache:
        cache["tags"] = _tag_pairs(ids)
    if kind == "tag":
        pairs = cache["tags"]
        tags, index = _dense(pairs["tag"])
        return Membership(pairs["candidate"], index, [str(tag) for tag in tags])
    if kind == "group":
        pairs = cache["tags"]
        names = list(groups)
        group_of = {category: position for position, cats in enumerate(groups.values()) for category in cats}
        categories = dict(Tag.objects.values_list("id", "category"))
        tags, index = _dense(pairs["tag"])
        tag_group = np.array([group_of.get(categories.get(int(tag)), -1) for tag in tags], np.int64)
        group = tag_group[index] if len(index) else np.empty(0, np.int64)
        keep = group >= 0
        # A candidate with three skills is one member of the hard-skill group, not three.
        members, _ = _dense(pairs["candidate"][keep] * len(names) + group[keep])
        return Membership(members // len(names), members % len(names), names)
    if kind == "source":
        return _text_membership("left(c.source, 64)", ids, zone)
    if kind == "month":
        return _text_membership("to_char(c.created_at AT TIME ZONE %(zone)s, 'YYYY-MM')", ids, zone)
    if kind == "role":
        only, params = _candidate_filter(ids, "a.candidate_id")
        pairs = copy_out(
            f"""SELECT a.candidate_id, a.profile_id FROM {Application._meta.db_table} a
                WHERE a.tenant_id = %(tenant)s{only}""",
            {**params, "tenant": require_tenant_id()},
            [("candidate", ">i8"), ("profile", ">i8")],
        )
        profiles, index = _dense(pairs["profile"])
        return Membership(pairs["candidate"], index, [str(profile) for profile in profiles])
    raise ValueError(kind)


# --- counting -----------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Non-zero counters: ``keys[key[i]]``, step code ``step[i]``, day number ``day[i]``: ``count[i]``
    milestones, ``jumps[i]`` of them jumps."""

    keys: list[str]
    key: np.ndarray
    step: np.ndarray
    day: np.ndarray
    count: np.ndarray
    jumps: np.ndarray

    @classmethod
    def empty(cls, keys: list[str]) -> Counts:
        none = np.empty(0, np.int64)
        return cls(keys, none, none, none, none, none)

    def __add__(self, other: Counts) -> Counts:
        """Both counts over one key list (``self``'s keys, then ``other``'s that it lacks)."""
        known = set(self.keys)
        keys = list(self.keys) + [key for key in other.keys if key not in known]
        position = {key: i for i, key in enumerate(keys)}
        remap = np.array([position[key] for key in other.keys] or [0], np.int64)
        return Counts(
            keys,
            np.concatenate([self.key, remap[other.key] if len(other.key) else other.key]),
            np.concatenate([self.step, other.step]),
            np.concatenate([self.day, other.day]),
            np.concatenate([self.count, other.count]),
            np.concatenate([self.jumps, other.jumps]),
        )

    def pooled_totals(self) -> dict[str, int]:
        pooled = self.step == STEPS.index("pooled")
        totals = np.bincount(self.key[pooled], weights=self.count[pooled], minlength=len(self.keys))
        return {key: int(total) for key, total in zip(self.keys, totals, strict=True) if total}


_JUMP_SHIFT = 32  # a milestone counts 1 + (jump << 32): one product sums both counters


def _by_membership(ms: Milestones, rows: np.ndarray, member: Membership) -> Counts:
    """Counters of the milestones ``rows`` (a mask) for segments a candidate belongs to: the product of the
    segments × candidates matrix and the candidates × (step, day) matrix."""
    if not rows.any() or not len(member.candidate):
        return Counts.empty(member.keys)
    candidate, step, day, jump = ms.candidate[rows], ms.step[rows], ms.day[rows], ms.jump[rows]
    people, person = _dense(candidate)
    first, days = int(day.min()), int(day.max() - day.min() + 1)
    position = _positions(people, member.candidate)  # each member's row among ``people`` (-1: no milestone)
    inside = position >= 0
    segments = sparse.csr_matrix(
        (np.ones(int(inside.sum()), np.int64), (member.key[inside], position[inside])),
        shape=(len(member.keys), len(people)),
    )
    segments.data[:] = 1  # twice the same segment is still one membership (the conversion summed them)
    milestones = sparse.csr_matrix(
        (1 + (jump << _JUMP_SHIFT), (person, step * days + (day - first))),
        shape=(len(people), len(STEPS) * days),
    )
    product = (segments @ milestones).tocoo()
    cell = product.col.astype(np.int64)
    return Counts(
        member.keys,
        product.row.astype(np.int64),
        cell // days,
        cell % days + first,
        product.data & ((1 << _JUMP_SHIFT) - 1),
        product.data >> _JUMP_SHIFT,
    )


def _by_milestone(ms: Milestones, rows: np.ndarray, ids: np.ndarray) -> Counts:
    """Counters of segments the milestones name themselves (campaign, recruiter, a role's later steps)."""
    rows = rows & (ids >= 0)
    if not rows.any():
        return Counts.empty([])
    segments, key = _dense(ids[rows])
    step, day, jump = ms.step[rows], ms.day[rows], ms.jump[rows]
    first, days = int(day.min()), int(day.max() - day.min() + 1)
    cells, index = _dense((key * len(STEPS) + step) * days + (day - first))
    count = np.bincount(index)
    jumps = np.bincount(index, weights=jump).astype(np.int64)
    return Counts(
        [str(segment) for segment in segments],
        cells // (len(STEPS) * days),
        cells // days % len(STEPS),
        cells % days + first,
        count,
        jumps,
    )


def kind_counts(kind: str, ms: Milestones, member: Membership | None) -> Counts:
    """The counters of one segment kind. Steps a role brings (interviewed and after) belong to that role; the
    earlier ones to every role whose pipeline the candidate is in."""
    every = np.ones(len(ms), bool)
    if kind == "campaign":
        return _by_milestone(ms, every, ms.campaign)
    if kind == "recruiter":
        return _by_milestone(ms, every, ms.recruiter)
    if kind == "role":
        early = np.isin(ms.step, [STEPS.index(step) for step in EARLY_STEPS])
        return _by_membership(ms, early, member) + _by_milestone(ms, ~early, ms.profile)
    return _by_membership(ms, every, member)


# --- writing month rows -------------------------------------------------------------------------------------------

_FRESH_TABLE = "analytics_counter_fresh"


def _month_rows(counts: Counts) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(key, step, month's day number, counts[rows, 31], jumps[rows, 31]) of ``counts`` gathered by month."""
    when = np.datetime64(EPOCH, "D") + counts.day.astype("timedelta64[D]")
    month = when.astype("datetime64[M]")
    month_start = month.astype("datetime64[D]")
    day_of_month = (when - month_start).astype(np.int64)
    month_number = (month_start - np.datetime64(EPOCH, "D")).astype(np.int64)
    months, month_index = _dense(month_number)
    cells, row = _dense((counts.key * len(STEPS) + counts.step) * len(months) + month_index)
    count = np.zeros((len(cells), DAYS_PER_ROW), np.int64)
    jumps = np.zeros((len(cells), DAYS_PER_ROW), np.int64)
    count[row, day_of_month] = counts.count
    jumps[row, day_of_month] = counts.jumps
    return (
        cells // (len(STEPS) * len(months)),
        cells // len(months) % len(STEPS),
        months[cells % len(months)],
        count,
        jumps,
    )


def _binary_rows(key, step, month, count, jumps) -> bytes:
    """COPY binary rows of (key index int4, step int2, month date, counts int4[31], jumps int4[31])."""
    array = [
        ("size", ">i4"),
        ("dims", ">i4"),
        ("nulls", ">i4"),
        ("type", ">i4"),
        ("length", ">i4"),
        ("lower", ">i4"),
    ]
    element = np.dtype([("size", ">i4"), ("value", ">i4")])
    layout = np.dtype(
        [
            ("fields", ">i2"),
            ("key_size", ">i4"),
            ("key", ">i4"),
            ("step_size", ">i4"),
            ("step", ">i2"),
            ("month_size", ">i4"),
            ("month", ">i4"),
            *[(f"counts_{name}", width) for name, width in array],
            ("counts", element, (DAYS_PER_ROW,)),
            *[(f"jumps_{name}", width) for name, width in array],
            ("jumps", element, (DAYS_PER_ROW,)),
        ]
    )
    rows = np.zeros(len(key), layout)
    rows["fields"] = 5
    rows["key_size"], rows["key"] = 4, key
    rows["step_size"], rows["step"] = 2, step
    rows["month_size"], rows["month"] = 4, month
    for name, values in (("counts", count), ("jumps", jumps)):
        rows[f"{name}_size"] = 20 + 8 * DAYS_PER_ROW
        rows[f"{name}_dims"], rows[f"{name}_nulls"], rows[f"{name}_type"] = 1, 0, _INT4_OID
        rows[f"{name}_length"], rows[f"{name}_lower"] = DAYS_PER_ROW, 1
        rows[name]["size"] = 4
        rows[name]["value"] = values
    return rows.tobytes()


def _load_fresh(counts: Counts) -> None:
    """Put ``counts`` as month rows in the temporary table ``analytics_counter_fresh`` (key, step, month,
    counts, jumps), dropped at commit."""
    key, step, month, count, jumps = _month_rows(counts)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_FRESH_TABLE}_load (key int4, step int2, month date, "
            "counts int4[], jumps int4[]) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {_FRESH_TABLE}_load")
        for start in range(0, len(key), WRITE_CHUNK):
            chunk = slice(start, start + WRITE_CHUNK)
            payload = _binary_rows(key[chunk], step[chunk], month[chunk], count[chunk], jumps[chunk])
            cursor.cursor.copy_expert(
                f"COPY {_FRESH_TABLE}_load FROM STDIN (FORMAT binary)",
                io.BytesIO(_COPY_HEADER + payload + _COPY_TRAILER),
            )
        cursor.execute(f"DROP TABLE IF EXISTS {_FRESH_TABLE}")
        # Keys are joined, not subscripted: picking the n-th of 3,000 text elements walks the array each time.
        cursor.execute(
            f"""CREATE TEMP TABLE {_FRESH_TABLE} ON COMMIT DROP AS
                SELECT k.key, (%(steps)s::text[])[f.step + 1] AS step, f.month, f.counts, f.jumps
                FROM {_FRESH_TABLE}_load f
                JOIN unnest(%(keys)s::text[]) WITH ORDINALITY AS k(key, position) ON k.position = f.key + 1""",
            {"keys": counts.keys, "steps": list(STEPS)},
        )
        cursor.execute(f"ANALYZE {_FRESH_TABLE}")


def write_all(kind: str, counts: Counts) -> None:
    """Make the tenant's counter rows of ``kind`` exactly ``counts`` (the rebuild): rows no longer counted
    are deleted, changed ones updated, new ones inserted; unchanged rows are not touched."""
    table = CounterMonth._meta.db_table
    _load_fresh(counts)
    params = {"tenant": require_tenant_id(), "kind": kind}
    same = "f.key = o.key AND f.step = o.step AND f.month = o.month"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE tenant_id = %(tenant)s AND kind = %(kind)s)", params
        )
        if cursor.fetchone()[0]:
            cursor.execute(
                f"""DELETE FROM {table} o WHERE o.tenant_id = %(tenant)s AND o.kind = %(kind)s
                    AND NOT EXISTS (SELECT 1 FROM {_FRESH_TABLE} f WHERE {same})""",
                params,
            )
            cursor.execute(
                f"""UPDATE {table} o SET counts = f.counts, jumps = f.jumps FROM {_FRESH_TABLE} f
                    WHERE o.tenant_id = %(tenant)s AND o.kind = %(kind)s AND {same}
                          AND (o.counts <> f.counts OR o.jumps <> f.jumps)""",
                params,
            )
            new = f"""NOT EXISTS (SELECT 1 FROM {table} o
                                  WHERE o.tenant_id = %(tenant)s AND o.kind = %(kind)s AND {same})"""
        else:
            new = "true"  # a first build: nothing to compare with
        cursor.execute(
            f"""INSERT INTO {table} (tenant_id, month, kind, key, step, counts, jumps)
                SELECT %(tenant)s, f.month, %(kind)s, f.key, f.step, f.counts, f.jumps FROM {_FRESH_TABLE} f
                WHERE {new} ORDER BY f.key, f.step, f.month""",
            params,
        )


def write_days(kind: str, counts: Counts, days: list[date]) -> dict[str, int]:
    """Replace the counters of ``kind`` on ``days`` by ``counts`` (which counts only milestones of those
    days), leaving every other day of their months as it was; rows left empty are deleted. Returns how much
    each segment's pooled total moved ({key: delta}, non-zero only)."""
    table = CounterMonth._meta.db_table
    _load_fresh(counts)
    months = sorted({day.replace(day=1) for day in days})
    params = {"tenant": require_tenant_id(), "kind": kind, "months": months, "days": sorted(days)}
    elements = f"generate_series(1, {DAYS_PER_ROW}) AS i"
    with connection.cursor() as cursor:
        # ``replaced[i]`` is true for the days being replaced in its month.
        cursor.execute(
            f"""WITH template AS (
                    SELECT month, array(SELECT (month + i - 1) = ANY(%(days)s::date[]) FROM {elements}) AS replaced
                    FROM unnest(%(months)s::date[]) AS month
                ), merged AS (
                    SELECT o.id, coalesce(o.key, f.key) AS key, coalesce(o.step, f.step) AS step,
                           coalesce(o.month, f.month) AS month,
                           array(SELECT CASE WHEN t.replaced[i] THEN coalesce(f.counts[i], 0)
                                             ELSE coalesce(o.counts[i], 0) END FROM {elements}) AS counts,
                           array(SELECT CASE WHEN t.replaced[i] THEN coalesce(f.jumps[i], 0)
                                             ELSE coalesce(o.jumps[i], 0) END FROM {elements}) AS jumps,
                           coalesce(o.counts, '{{}}') AS old_counts
                    FROM (SELECT * FROM {table} WHERE tenant_id = %(tenant)s AND kind = %(kind)s
                                                      AND month = ANY(%(months)s::date[])) AS o
                    FULL JOIN {_FRESH_TABLE} f ON f.key = o.key AND f.step = o.step AND f.month = o.month
                    JOIN template t ON t.month = coalesce(o.month, f.month)
                ), changed AS (
                    UPDATE {table} c SET counts = m.counts, jumps = m.jumps FROM merged m
                    WHERE c.id = m.id AND (c.counts <> m.counts OR c.jumps <> m.jumps)
                ), added AS (
                    INSERT INTO {table} (tenant_id, month, kind, key, step, counts, jumps)
                    SELECT %(tenant)s, m.month, %(kind)s, m.key, m.step, m.counts, m.jumps FROM merged m
                    WHERE m.id IS NULL AND 0 <> ANY(m.counts)
                )
                SELECT key, sum((SELECT coalesce(sum(n), 0) FROM unnest(counts) n)
                                - (SELECT coalesce(sum(n), 0) FROM unnest(old_counts) n))
                FROM merged WHERE step = 'pooled' GROUP BY key""",
            params,
        )
        moved = {key: int(delta) for key, delta in cursor.fetchall() if delta}
        cursor.execute(
            f"""DELETE FROM {table} WHERE tenant_id = %(tenant)s AND kind = %(kind)s
                AND month = ANY(%(months)s::date[]) AND 0 = ALL(counts)""",
            params,
        )
    return moved
