"""Rank the current tenant's pool against a role profile in one SQL statement, each result explaining itself.

``rank(profile, options)`` sends one statement over the tenant's candidates; Python receives only the top
``limit`` rows, each with its score, the parts of the score, the requirements it matched (with the tag that
matched, the credit and the evidence text) and the ones it missed. Nothing else of the pool is loaded by the
statement. Row-level security limits the statement to the tenant; the statement also names the tenant, as the
ORM's managers do (isolation enforced twice). For a large pool
(``profiles.ranking_index``) an in-memory index of the tenant first names the few candidates whose score can
reach the page, and the same statement reads only those (``_narrowed_by_index``): the page is the same. That
index is the one part of ranking whose memory depends on the pool (~100 MiB per million candidates, held once
per process, bounded by ``RANKING_INDEX_MAX_MB``); it does not grow with calls.

Scoring (docs/decisions/0008-ranking-under-rls.md):

- Each requirement is expanded before the statement from the tenant's tags (``requirement_specs``): its tag,
  the tags merged into it (a synonym is the same tag: parsing resolves synonyms to it) and the compound skill
  tags that name it as a part (C++ → "C/C++", a sibling whose name splits into C and C++) count fully
  (``FULL_CREDIT``); its children count ``PARTIAL_CREDIT`` (0.5) and its parent ``PARENT_CREDIT`` (0.5).
  A requirement counts weight × factor, factor = ``ROLE_FACTOR`` (5) when its tag is a role (category
  ``title``: "Java developer"), else 1. A met requirement earns credit × the strength of the candidate's tag
  that met it (``CandidateTag.strength``: how much the resume is about it, from its mentions and the resume's
  length; one passing mention ≈ 0.45, a skill the resume is built around → 1; a recruiter's own tag 1); among
  the candidate's tags of the best kind (own, then parent, then child) the strongest counts.
  Coverage = Σ weight × factor × earned / Σ weight × factor, earned = credit × (1 − STRENGTH_SHARE × (1 −
  strength)): named at all is most of a requirement (docs/decisions/0012). A group ("CCNA/CCNP", "at least two
  of …") earns its best option's value (any of), or its options' values added up to at most k, over k (k of n).
- Years fit (when the profile sets minimum years): 1 at or above, years / minimum below; NULL (not known)
  when the candidate's years are unknown. Education fit (when the profile sets one): 1 at or above, 0.5 one
  level below, else 0; NULL when the candidate's level is unknown ("" or "other").
- Focus: how much of the resume is about the role: Σ strength² of the candidate's tags that answer some
  requirement (own, parent or child tag) / Σ strength² of all its tags (squares: what a resume is built around
  counts, a passing mention hardly). NULL when the profile has no requirement.
- score = 100 × coverage × (1 − YEARS_SHARE × (1 − years fit) − EDUCATION_SHARE × (1 − education fit))
  × (1 − FOCUS_SHARE × (1 − focus)): the fits and the focus adjust the skill match, never stand in for it; a
  fit that does not apply or is not known takes nothing off.
- Must-haves are met by their full tags only (own, merged, compound); a parent or child still earns partial
  coverage but does not meet the must-have. ``combined`` (the default) ranks everyone who meets them all
  first, then the others (listed with what they miss, score × ``MUST_HAVE_PENALTY``); ``exclude`` leaves out
  candidates who miss one (a filter the GIN index serves); ``flag`` mixes them in by their reduced score. A
  group must-have is met by ``min_count`` of its options' own tags (any-of: ``tag_ids && ARRAY[…]``).
- Band: strong ≥ 80, good 60–79, partial 40–59, weak < 40 (``band_of``).
- Activity boost (optional): score = 0.9 × score + 0.1 × activity score.
- Order: score, activity score (its stored anchor: the same order), last update (all descending), then id: a
  total, stable order. The activity score and tier are computed from ``Candidate.activity_anchor`` with the
  tenant's scoring params, read once per statement (engagement.scoring).
- "Contacted" has the product's one meaning: ``Candidate.last_contacted_at`` (an interaction of kind sent, call
  or meeting, or a stage move to contacted or later, sets it), so the filter needs no join.

``parts`` holds each term's contribution in points; they sum to the score.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from candidates.models import (
    EDUCATION_RANK,
    ActivityTier,
    Candidate,
    CandidateStatus,
    CandidateTag,
    Tag,
    TagCategory,
)
from candidates.parsing.tagging import compound_pieces
from engagement.scoring import current_params, score_sql, tier_case_sql, tier_sql
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import Tenant

from .models import Application, Requirement, RoleProfile

# "combined" (the default): everyone who meets every must-have first, then, below a divider, those who miss some
# (flagged, at MUST_HAVE_PENALTY); "exclude" leaves the latter out; "flag" mixes them in by their reduced score.
MUST_HAVE_MODES = ("combined", "exclude", "flag")
DEFAULT_MUST_HAVE_MODE = "combined"
MAX_LIMIT = 500
MAX_OFFSET = 10_000
FULL_CREDIT = 1.0
PARTIAL_CREDIT = 0.5  # a requirement met through one of its tag's children (a narrower skill)
PARENT_CREDIT = (
    0.5  # a requirement met through its tag's parent (a broader skill); 0.25 measured worse (docs/quality.md)
)
MUST_HAVE_PENALTY = (
    0.5  # "flag" mode: the score of a candidate who misses any must-have is multiplied by this
)
ROLE_FACTOR = (
    5.0  # a requirement whose tag is a role (category "title": Java developer, nurse) counts 5 × its weight
)
# A candidate with none of the years asked for loses YEARS_SHARE of the score, one far below the education
# asked for EDUCATION_SHARE: the fits adjust the skill match, never stand in for it (docs/quality.md).
YEARS_SHARE, EDUCATION_SHARE = 0.15, 0.15
# A candidate none of whose tags is about the role loses FOCUS_SHARE of the score: of two resumes that meet the
# same requirements, the one built around them ranks above the one that names them among many others.
FOCUS_SHARE = 0.5
ACTIVITY_BOOST_SHARE = 0.1  # with the boost: 0.9 × score + 0.1 × activity score
# A met requirement earns its credit × (1 − STRENGTH_SHARE × (1 − strength)): named in the resume at all is most
# of it, how much the resume is about it the rest (docs/decisions/0012: a readable 0–100 scale).
STRENGTH_SHARE = 0.3
# Bands of the score, named in both languages where they are shown (profiles.views.BAND_LABELS).
BANDS = ((80.0, "strong"), (60.0, "good"), (40.0, "partial"), (0.0, "weak"))
VIA_TAG, VIA_PARENT, VIA_CHILD = "tag", "parent", "child"
_VIA_PREFERENCE = {
    VIA_TAG: 0,
    VIA_PARENT: 1,
    VIA_CHILD: 2,
}  # the explanation names the best way a requirement was met
_UNKNOWN_EDUCATION = ("", "other")
_CREDIT = {VIA_TAG: FULL_CREDIT, VIA_PARENT: PARENT_CREDIT, VIA_CHILD: PARTIAL_CREDIT}


class MatchOptionsError(ServiceError):
    """A matching option with a value that cannot be used; ``field`` names the option."""


@dataclass
class MatchOptions:
    must_have_mode: str = DEFAULT_MUST_HAVE_MODE  # "combined" | "exclude" | "flag"
    activity_boost: bool = False
    tiers: tuple = ()  # activity tiers to keep (ActivityTier values); empty: all
    location: str = ""  # case-insensitive substring of the candidate's location
    min_score: float = 0.0
    exclude_in_pipeline: bool = False  # leave out candidates with an application for this role
    exclude_contacted_days: int | None = None  # leave out candidates contacted in the last N days
    limit: int = 50  # at most MAX_LIMIT
    offset: int = 0
    updated_since: datetime | None = None  # only candidates created or updated after it ("N new since")
    candidate_ids: tuple = ()  # only these candidates (a shortlist's score snapshot); empty: the whole pool
    include_inactive: bool = False  # also hired / do-not-contact / anonymised candidates (never merged ones)


@dataclass
class Match:
    candidate_id: int
    score: float
    parts: dict
    matched: list
    missing: list
    failed_must_haves: list
    candidate: dict = field(default_factory=dict)
    focus: float | None = None  # 0..1: how much of the resume is about the role (None: no requirement)
    band: str = ""  # strong ≥ 80, good 60–79, partial 40–59, weak < 40 (``band_of``)

    def as_json(self) -> dict:
        """The match as plain JSON values (what the CLI prints and a shortlist entry stores)."""
        return asdict(self)


def band_of(score: float) -> str:
    """The score's band: "strong" (≥ 80), "good" (60–79), "partial" (40–59) or "weak" (< 40)."""
    for floor, name in BANDS:
        if score >= floor:
            return name
    return BANDS[-1][1]


@dataclass(frozen=True)
class OptionSpec:
    """One tag of a requirement group ("CCNA" of "CCNA/CCNP"), expanded like a one-tag requirement."""

    tag: dict
    full_ids: tuple[int, ...]
    partial_ids: tuple[int, ...]
    via: dict = field(default_factory=dict, compare=False)

    @property
    def all_ids(self) -> tuple[int, ...]:
        return self.full_ids + self.partial_ids

    @property
    def child_ids(self) -> tuple[int, ...]:
        return tuple(tag_id for tag_id in self.partial_ids if self.via.get(tag_id) != VIA_PARENT)

    @property
    def parent_ids(self) -> tuple[int, ...]:
        return tuple(tag_id for tag_id in self.partial_ids if self.via.get(tag_id) == VIA_PARENT)


@dataclass(frozen=True)
class RequirementSpec:
    """One requirement expanded into tag ids: ``full_ids`` count fully, ``partial_ids`` count PARTIAL_CREDIT.

    A group ("CCNA/CCNP", "at least two of …") has its ``options``, each expanded alike, and ``min_count``: it is
    met by any ``min_count`` of them; ``full_ids`` / ``partial_ids`` are then the union of its options'.
    """

    requirement_id: int
    tag: dict  # {"id", "key", "name", "name_en", "name_zh"} of the requirement's tag
    group: str
    weight: int
    must_have: bool
    full_ids: tuple[int, ...]
    partial_ids: tuple[int, ...]
    via: dict = field(default_factory=dict, compare=False)  # tag id → "tag" | "parent" | "child"
    factor: float = 1.0  # the requirement counts weight × factor in coverage (ROLE_FACTOR for a role tag)
    options: tuple[OptionSpec, ...] = ()  # a group's options (empty for a one-tag requirement)
    min_count: int = 1

    @property
    def score_weight(self) -> float:
        return float(self.weight) * self.factor

    @property
    def choices(self) -> tuple[OptionSpec, ...]:
        """The options to meet: a group's, or the requirement's one tag."""
        return self.options or (OptionSpec(self.tag, self.full_ids, self.partial_ids, self.via),)

    @property
    def all_ids(self) -> tuple[int, ...]:
        return self.full_ids + self.partial_ids

    @property
    def child_ids(self) -> tuple[int, ...]:
        return tuple(tag_id for tag_id in self.partial_ids if self.via.get(tag_id) != VIA_PARENT)

    @property
    def parent_ids(self) -> tuple[int, ...]:
        return tuple(tag_id for tag_id in self.partial_ids if self.via.get(tag_id) == VIA_PARENT)

    def summary(self) -> dict:
        value = {
            "requirement_id": self.requirement_id,
            "tag": dict(self.tag),
            "group": self.group,
            "weight": self.weight,
            "must_have": self.must_have,
        }
        if self.options:
            value["options"] = [dict(option.tag) for option in self.options]
            value["min_count"] = self.min_count
        return value


# --- options ---------------------------------------------------------------------------------------------------


def clean_options(options: MatchOptions | None) -> MatchOptions:
    """Return ``options`` checked and normalised (tiers as a sorted tuple, location stripped).

    Raises MatchOptionsError naming the option at fault.
    """
    options = options or MatchOptions()
    if options.must_have_mode not in MUST_HAVE_MODES:
        raise MatchOptionsError(
            f"must_have_mode must be one of {', '.join(MUST_HAVE_MODES)}.", field="must_have_mode"
        )
    tiers = (options.tiers,) if isinstance(options.tiers, str) else tuple(options.tiers or ())
    unknown = [tier for tier in tiers if tier not in ActivityTier.values]
    if unknown:
        raise MatchOptionsError(f"Unknown activity tier: {unknown[0]}.", field="tiers")
    location = options.location
    if not isinstance(location, str) or len(location) > 120:
        raise MatchOptionsError("location must be text of at most 120 characters.", field="location")
    min_score = _number(options.min_score, "min_score", 0.0, 100.0)
    limit = _integer(options.limit, "limit", 1, MAX_LIMIT)
    offset = _integer(options.offset, "offset", 0, MAX_OFFSET)
    days = options.exclude_contacted_days
    if days is not None:
        days = _integer(days, "exclude_contacted_days", 0, 36_500)
    since = options.updated_since
    if since is not None and (not isinstance(since, datetime) or timezone.is_naive(since)):
        raise MatchOptionsError("updated_since must be a time with a time zone.", field="updated_since")
    try:
        candidate_ids = tuple(dict.fromkeys(int(value) for value in options.candidate_ids or ()))
    except (TypeError, ValueError):
        raise MatchOptionsError("candidate_ids must be ids.", field="candidate_ids") from None
    return MatchOptions(
        must_have_mode=options.must_have_mode,
        activity_boost=bool(options.activity_boost),
        tiers=tuple(sorted(set(tiers))),
        location=location.strip(),
        min_score=min_score,
        exclude_in_pipeline=bool(options.exclude_in_pipeline),
        exclude_contacted_days=days,
        limit=limit,
        offset=offset,
        updated_since=since,
        candidate_ids=candidate_ids,
        include_inactive=bool(options.include_inactive),
    )


def _integer(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise MatchOptionsError(f"{name} must be a whole number.", field=name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise MatchOptionsError(f"{name} must be a whole number.", field=name) from None
    if number != value and not (isinstance(value, str) and value.strip().lstrip("-").isdigit()):
        raise MatchOptionsError(f"{name} must be a whole number.", field=name)
    if not low <= number <= high:
        raise MatchOptionsError(f"{name} must be between {low} and {high}.", field=name)
    return number


def _number(value, name: str, low: float, high: float) -> float:
    if isinstance(value, bool):
        raise MatchOptionsError(f"{name} must be a number.", field=name)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise MatchOptionsError(f"{name} must be a number.", field=name) from None
    if not low <= number <= high:  # also refuses NaN
        raise MatchOptionsError(f"{name} must be between {low:g} and {high:g}.", field=name)
    return number


_PARAM_FIELDS = (
    "must_have_mode",
    "activity_boost",
    "tiers",
    "location",
    "min_score",
    "exclude_in_pipeline",
    "exclude_contacted_days",
    "limit",
    "offset",
)


def options_from_params(params: dict | None, **overrides) -> MatchOptions:
    """Build checked MatchOptions from stored or submitted JSON params (a saved search, the API, a form).

    Keys: the MatchOptions fields in ``_PARAM_FIELDS``; ``tiers`` may be a list or one tier. Unknown keys and
    bad values raise MatchOptionsError. ``overrides`` (e.g. ``updated_since``) are applied after.
    """
    params = dict(params or {})
    unknown = sorted(set(params) - set(_PARAM_FIELDS))
    if unknown:
        raise MatchOptionsError(f"Unknown matching option: {unknown[0]}.", field=unknown[0])
    values = {}
    for name in _PARAM_FIELDS:
        if name not in params or params[name] is None:
            continue
        value = params[name]
        if name in ("activity_boost", "exclude_in_pipeline"):
            if not isinstance(value, bool) and value not in ("true", "false", "1", "0", 1, 0):
                raise MatchOptionsError(f"{name} must be true or false.", field=name)
            value = value in (True, "true", "1", 1)
        elif name == "tiers":
            value = (
                (value,)
                if isinstance(value, str)
                else tuple(value)
                if isinstance(value, list | tuple)
                else None
            )
            if value is None:
                raise MatchOptionsError("tiers must be a list of activity tiers.", field="tiers")
        elif name in ("must_have_mode", "location") and not isinstance(value, str):
            raise MatchOptionsError(f"{name} must be text.", field=name)
        values[name] = value
    values.update(overrides)
    return clean_options(MatchOptions(**values))


# --- requirement expansion -------------------------------------------------------------------------------------


def requirement_specs(profile: RoleProfile) -> list[RequirementSpec]:
    """Expand each requirement of ``profile`` into the tag ids that meet it (two or three small queries).

    Full credit: the requirement's tag (followed to the tag it was merged into, if it was), every tag merged
    into that one and the compound sibling tags that name it as a part. Partial credit: its parent and its
    children that are not already full. ``factor``: ROLE_FACTOR for a role (title) tag. A requirement whose
    tag the tenant cannot see (the API refuses such tags) keeps empty sets: it is never met.
    """
    return _expand(profile, _check_profile(profile))[0]


_TAG_COLUMNS = ("id", "key", "name_en", "name_zh", "parent_id", "merged_into_id", "category")


def _expand(profile: RoleProfile, tenant_id: int) -> tuple[list[RequirementSpec], str]:
    """The specs and the tenant's default language. Raw SQL: these run before every ranking."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT r.id, r.tag_id, r."group", r.weight, r.must_have, r.alternatives, r.min_count,
                       (SELECT default_language FROM {Tenant._meta.db_table} WHERE id = r.tenant_id)
                FROM {Requirement._meta.db_table} r
                WHERE r.tenant_id = %s AND r.profile_id = %s
                ORDER BY r.position, r.id""",
            [tenant_id, profile.pk],
        )
        rows = cursor.fetchall()
        requirements = [
            dict(
                zip(
                    ("id", "tag_id", "group", "weight", "must_have", "alternatives", "min_count"),
                    row[:7],
                    strict=True,
                )
            )
            for row in rows
        ]
        language = rows[0][7] if rows else ""
        for row in requirements:
            row["option_ids"] = list(dict.fromkeys([row["tag_id"], *(row["alternatives"] or ())]))
        option_ids = sorted({tag_id for row in requirements for tag_id in row["option_ids"]})
        tags = (
            {row["id"]: row for row in _tags_where(cursor, tenant_id, "id = ANY(%s)", [option_ids])}
            if option_ids
            else {}
        )
        live = {tag_id: _follow_merges(cursor, tenant_id, tag_id, tags) for tag_id in option_ids}
        live_ids = sorted({tag_id for tag_id in live.values() if tag_id is not None})
        children, merged_into = _family(cursor, tenant_id, live_ids)
        compounds = _compounds(cursor, tenant_id, [tags[tag_id] for tag_id in live_ids])

    def option(tag_id: int) -> OptionSpec | None:
        live_id = live.get(tag_id)
        if live_id is None:
            return None
        full = list(
            dict.fromkeys([live_id, tag_id, *merged_into.get(live_id, ()), *compounds.get(live_id, ())])
        )
        partial_candidates = [(tags[live_id]["parent_id"], VIA_PARENT)] if tags[live_id]["parent_id"] else []
        partial_candidates += [(child_id, VIA_CHILD) for child_id in children.get(live_id, ())]
        via = {tag: VIA_TAG for tag in full}
        partial = []
        for partial_id, kind in partial_candidates:
            if partial_id not in via:
                via[partial_id] = kind
                partial.append(partial_id)
        return OptionSpec(tag_display(tags[live_id], language), tuple(full), tuple(partial), via)

    specs = []
    for row in requirements:
        tag_id = row["tag_id"]
        options = [
            found for found in (option(option_id) for option_id in row["option_ids"]) if found is not None
        ]
        if not options:
            tag = {"id": tag_id, "key": "", "name": "", "name_en": "", "name_zh": ""}
            specs.append(
                RequirementSpec(row["id"], tag, row["group"], row["weight"], row["must_have"], (), ())
            )
            continue
        live_id = live.get(tag_id) or live[row["option_ids"][1]]
        factor = ROLE_FACTOR if tags[live_id].get("category") == TagCategory.TITLE else 1.0
        if len(options) == 1:
            only = options[0]
            specs.append(
                RequirementSpec(
                    requirement_id=row["id"],
                    tag=only.tag,
                    group=row["group"],
                    weight=int(row["weight"]),
                    must_have=bool(row["must_have"]),
                    full_ids=only.full_ids,
                    partial_ids=only.partial_ids,
                    via=only.via,
                    factor=factor,
                )
            )
            continue
        full = list(dict.fromkeys(tag for choice in options for tag in choice.full_ids))
        via = {tag: VIA_TAG for tag in full}
        partial = []
        for choice in options:
            for tag in choice.partial_ids:
                if tag not in via:
                    via[tag] = choice.via[tag]
                    partial.append(tag)
        specs.append(
            RequirementSpec(
                requirement_id=row["id"],
                tag=options[0].tag,
                group=row["group"],
                weight=int(row["weight"]),
                must_have=bool(row["must_have"]),
                full_ids=tuple(full),
                partial_ids=tuple(partial),
                via=via,
                factor=factor,
                options=tuple(options),
                min_count=max(1, min(int(row["min_count"] or 1), len(options))),
            )
        )
    return specs, language or ""


def tag_display(tag: dict, language: str) -> dict:
    """{"id", "key", "name", "name_en", "name_zh"}: ``name`` in the tenant's language (Chinese when the tenant's
    default language is Chinese and the tag has a Chinese name, else English)."""
    name_en, name_zh = tag.get("name_en") or "", tag.get("name_zh") or ""
    if (language or "").startswith("zh") and name_zh:
        name = name_zh
    else:
        name = name_en or name_zh or tag.get("key") or ""
    return {
        "id": tag["id"],
        "key": tag.get("key") or "",
        "name": name,
        "name_en": name_en,
        "name_zh": name_zh,
    }


def _tags_where(cursor, tenant_id: int, condition: str, params: list) -> list[dict]:
    columns = ", ".join(_TAG_COLUMNS)
    cursor.execute(
        f"SELECT {columns} FROM {Tag._meta.db_table} WHERE tenant_id = %s AND ({condition}) ORDER BY id",
        [tenant_id, *params],
    )
    return [dict(zip(_TAG_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def _follow_merges(cursor, tenant_id: int, tag_id: int, tags: dict[int, dict]) -> int | None:
    """The live tag ``tag_id`` ended up in (loads merge targets into ``tags``); None when it is not visible."""
    if tag_id not in tags:
        return None
    current, seen = tag_id, {tag_id}
    while True:
        target = tags[current]["merged_into_id"]
        if not target or target in seen:
            return current
        if target not in tags:
            tags.update((row["id"], row) for row in _tags_where(cursor, tenant_id, "id = %s", [target]))
        if target not in tags:  # merged into a tag that is gone: the last visible one stands
            return current
        seen.add(target)
        current = target


def _family(cursor, tenant_id: int, live_ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Children of each live tag, and every tag merged into it (directly or through a chain of merges)."""
    children: dict[int, list[int]] = {}
    sources: dict[int, list[int]] = {tag_id: [] for tag_id in live_ids}
    if not live_ids:
        return children, sources
    root_of = {tag_id: tag_id for tag_id in live_ids}  # a merged tag → the live tag it counts for
    rows = _tags_where(
        cursor, tenant_id, "parent_id = ANY(%s) OR merged_into_id = ANY(%s)", [live_ids, live_ids]
    )
    while True:
        frontier = []
        for row in rows:
            if row["parent_id"] in sources and row["merged_into_id"] is None:
                children.setdefault(row["parent_id"], []).append(row["id"])
            into = row["merged_into_id"]
            if into in root_of and row["id"] not in root_of:
                root_of[row["id"]] = root_of[into]
                sources[root_of[into]].append(row["id"])
                frontier.append(row["id"])
        if not frontier:
            return children, sources
        rows = _tags_where(cursor, tenant_id, "merged_into_id = ANY(%s)", [frontier])


def _compounds(cursor, tenant_id: int, live: list[dict]) -> dict[int, list[int]]:
    """Compound skill tags that name each live tag as one of their parts: C++ → [C/C++], CSS → [HTML & CSS].

    A resume tagged "C/C++" has C++ (and C): the suggester splits a JD's compound into its parts, and a
    resume's compound tag counts fully for each. The compound must be a live skill tag, a sibling of the part
    (same parent, as ``profiles.suggest`` requires) whose English name splits (``compound_pieces``) into
    pieces one of which is the part's name. One query over the tenant's tags whose name holds a separator.
    """
    names = {
        row["id"]: (row.get("name_en") or "").strip().lower()
        for row in live
        if row.get("category") == TagCategory.SKILL and row.get("name_en")
    }
    if not names:
        return {}
    cursor.execute(
        f"""SELECT id, name_en, parent_id FROM {Tag._meta.db_table}
            WHERE tenant_id = %s AND category = %s AND merged_into_id IS NULL AND NOT (id = ANY(%s))
              AND (strpos(name_en, '/') > 0 OR strpos(name_en, '&') > 0 OR strpos(name_en, '、') > 0
                   OR strpos(name_en, ' and ') > 0 OR strpos(name_en, ' + ') > 0)""",
        [tenant_id, TagCategory.SKILL.value, list(names)],
    )
    parent_of = {row["id"]: row.get("parent_id") for row in live}
    out: dict[int, list[int]] = {}
    for compound_id, name_en, parent_id in cursor.fetchall():
        pieces = set(compound_pieces(name_en))
        for tag_id, name in names.items():
            if name in pieces and parent_of[tag_id] == parent_id:
                out.setdefault(tag_id, []).append(compound_id)
    return out


def _check_profile(profile: RoleProfile) -> int:
    tenant_id = require_tenant_id()
    if profile.tenant_id != tenant_id:
        raise MatchOptionsError(
            "The role profile belongs to another tenant.", field="profile", code="not_found"
        )
    return tenant_id


# --- the statement ---------------------------------------------------------------------------------------------


def holds_sql(alias: str, tag_ids) -> str:
    """Whether the candidate ``alias`` holds any of ``tag_ids``: ``id = ANY(tag_ids)`` per id, which costs a
    fraction of an ``&&`` (that deconstructs both arrays on every row; docs/scaling.md). Integer literals."""
    return "(" + " OR ".join(f"{int(tag_id)} = ANY({alias}.tag_ids)" for tag_id in tag_ids) + ")"


def strength_sql(alias: str, tag_ids) -> str:
    """The strength in percent (1..100) of the strongest of ``tag_ids`` the candidate ``alias`` holds, NULL when
    it holds none: ``tag_strengths`` at each id's position in ``tag_ids`` (array_position: C, no subquery; a
    missing id gives NULL, which greatest() skips). Ids are written as integer literals (never user text)."""
    lookups = [f"{alias}.tag_strengths[array_position({alias}.tag_ids, {int(tag_id)})]" for tag_id in tag_ids]
    return lookups[0] if len(lookups) == 1 else f"greatest({', '.join(lookups)})"


def _option_value(choice: OptionSpec, weight: float) -> tuple[str, list]:
    """SQL: ``weight`` × what the candidate's best tag for ``choice`` earns (own tag, else parent, else child;
    the strongest of that kind): credit × (1 − STRENGTH_SHARE × (1 − strength)); 0 when it holds none."""
    whens, params = [], []
    # The same order as the explanation's preference: own tag, then parent, then child.
    for ids, credit in (
        (choice.full_ids, FULL_CREDIT),
        (choice.parent_ids, PARENT_CREDIT),
        (choice.child_ids, PARTIAL_CREDIT),
    ):
        if ids:
            whens.append(
                f"WHEN {holds_sql('c', ids)} THEN %s::float8 + %s::float8 * {strength_sql('c', ids)}::float8"
            )
            params += [weight * credit * (1.0 - STRENGTH_SHARE), weight * credit * STRENGTH_SHARE / 100.0]
    if not whens:
        return "", []
    return f"(CASE {' '.join(whens)} ELSE 0::float8 END)", params


def _must_have_held(spec: RequirementSpec) -> tuple[str, list]:
    """SQL: the candidate meets the must-have ``spec`` through full tags: one of them (a one-tag requirement or
    an any-of group: ``tag_ids && ARRAY[…]``, which GIN serves), or ``min_count`` of a k-of-n group's options."""
    if not spec.options or spec.min_count <= 1:
        return "(c.tag_ids && %s::int[])", [list(spec.full_ids)]
    counted = " + ".join("(c.tag_ids && %s::int[])::int" for _ in spec.options)
    return (
        f"(c.tag_ids && %s::int[] AND ({counted}) >= %s)",
        [list(spec.full_ids), *[list(choice.full_ids) for choice in spec.options], spec.min_count],
    )


def option_credit(via: str, strength: float) -> float:
    """What one met option earns (0..1): its credit × (1 − STRENGTH_SHARE × (1 − strength))."""
    return _CREDIT[via] * (1.0 - STRENGTH_SHARE * (1.0 - strength))


@dataclass
class _Statement:
    """Builds the ranking statement's pieces and their parameters, in the order they appear."""

    profile: RoleProfile
    options: MatchOptions
    specs: list[RequirementSpec]
    tenant_id: int
    language: str = ""
    # The table scanned as ``c``: the pool, or a temporary copy of some of its rows with the same columns
    # (``score_all``'s ``source``).
    source: str = ""

    def __post_init__(self) -> None:
        self.min_years = float(self.profile.min_years) if self.profile.min_years else 0.0
        self.education_rank = EDUCATION_RANK.get(self.profile.education or "", 0)
        self.total_weight = float(sum(spec.score_weight for spec in self.specs))
        self.must_haves = [spec for spec in self.specs if spec.must_have]
        # "flag" and "combined" keep the candidates who miss a must-have (at MUST_HAVE_PENALTY); "combined" also
        # puts every one of them after everyone who meets them all (the divider).
        self.flag = self.options.must_have_mode != "exclude"
        self.divided = self.options.must_have_mode == "combined" and bool(self.must_haves)
        self.order = f"failed_must ASC, {self.ORDER}" if self.divided else self.ORDER
        # One time and one set of scoring params for the whole statement: every row's score and tier agree.
        self.scoring = current_params()
        self.now = timezone.now()

    # SELECT list of the scan: coverage, years fit, education fit, failed must-have --------------------------

    def coverage(self) -> tuple[str, list]:
        if not self.specs:
            return "1::float8", []  # nothing is asked for: everyone covers it, and the fits decide
        terms, params = [], []
        for spec in self.specs:
            if not spec.options:
                value, value_params = _option_value(spec.choices[0], spec.score_weight)
                if value:
                    terms.append(value)
                    params += value_params
                continue
            # A group: its best option (any of), or its options' values added up to at most k, over k (k of n).
            values, group_params = [], []
            for choice in spec.options:
                value, value_params = _option_value(choice, 1.0)
                if value:
                    values.append(value)
                    group_params += value_params
            if not values:
                continue
            if spec.min_count <= 1:
                combined = values[0] if len(values) == 1 else f"greatest({', '.join(values)})"
                terms.append(f"(%s::float8 * {combined})")
                params += [spec.score_weight, *group_params]
            else:
                terms.append(f"(%s::float8 * least({' + '.join(values)}, %s::float8))")
                params += [spec.score_weight / spec.min_count, *group_params, float(spec.min_count)]
        if not terms:
            return "0::float8", []
        return f"(({' + '.join(terms)}) / %s::float8)", [*params, self.total_weight]

    def years_fit(self) -> tuple[str, list]:
        if self.min_years <= 0:
            return "NULL::float8", []
        return (
            "(CASE WHEN c.years_experience IS NULL THEN NULL::float8 "
            "WHEN c.years_experience::float8 >= %s::float8 THEN 1::float8 "
            "ELSE greatest(c.years_experience::float8, 0::float8) / %s::float8 END)",
            [self.min_years, self.min_years],
        )

    def education_fit(self) -> tuple[str, list]:
        if self.education_rank <= 0:
            return "NULL::float8", []
        whens, params = [], []
        for level, level_rank in EDUCATION_RANK.items():
            if level in _UNKNOWN_EDUCATION:
                continue
            fit = (
                1.0
                if level_rank >= self.education_rank
                else 0.5
                if level_rank == self.education_rank - 1
                else 0.0
            )
            whens.append("WHEN %s THEN %s::float8")
            params += [level, fit]
        return f"(CASE c.highest_education {' '.join(whens)} ELSE NULL::float8 END)", params

    def focus(self) -> tuple[str, list]:
        """A subquery over the scanned row ``s``: Σ strength² of its tags that answer a requirement / Σ strength² of
        all its tags (one pass over its two arrays); NULL without requirements (or tags)."""
        if not self.specs:
            return "SELECT NULL::float8", []
        answering = sorted({tag_id for spec in self.specs for tag_id in spec.all_ids})
        return (
            "SELECT sum(u.s::float8 * u.s) FILTER (WHERE u.t = ANY(%s::int[])) / nullif(sum(u.s::float8 * u.s), 0)"
            " FROM unnest(s.tag_ids, s.tag_strengths) AS u(t, s)",
            [answering],
        )

    def failed_must_have(self) -> tuple[str, list]:
        if not self.flag or not self.must_haves:
            return "false", []
        parts, params = [], []
        for spec in self.must_haves:
            held, held_params = _must_have_held(spec)
            parts.append(f"NOT {held}")
            params += held_params
        return f"({' OR '.join(parts)})", params

    # WHERE of the scan ------------------------------------------------------------------------------------

    def where(self, tag_clause: tuple[str, list]) -> tuple[str, list]:
        clauses = ["c.tenant_id = %s"]
        params: list = [self.tenant_id]
        if self.options.include_inactive:
            clauses.append("c.status <> %s")
            params.append(CandidateStatus.MERGED.value)
        else:
            clauses.append("c.status = %s")
            params.append(CandidateStatus.ACTIVE.value)
        if tag_clause[0]:
            clauses.append(tag_clause[0])
            params += tag_clause[1]
        if self.options.candidate_ids:
            clauses.append("c.id = ANY(%s::bigint[])")
            params.append(list(self.options.candidate_ids))
        if self.options.tiers:
            tier_clause, tier_params = tier_sql(
                self.options.tiers, self.scoring, self.now, column="c.activity_anchor"
            )
            clauses.append(tier_clause)
            params += tier_params
        if self.options.location:
            clauses.append("strpos(lower(c.location), lower(%s)) > 0")
            params.append(self.options.location)
        if self.options.updated_since is not None:
            clauses.append("(c.updated_at > %s OR c.created_at > %s)")
            params += [self.options.updated_since, self.options.updated_since]
        if self.options.exclude_in_pipeline:
            clauses.append(
                f"NOT EXISTS (SELECT 1 FROM {Application._meta.db_table} a "
                "WHERE a.candidate_id = c.id AND a.profile_id = %s)"
            )
            params.append(self.profile.pk)
        if self.options.exclude_contacted_days is not None:
            clauses.append("(c.last_contacted_at IS NULL OR c.last_contacted_at < %s)")
            params.append(self.now - timedelta(days=self.options.exclude_contacted_days))
        return " AND ".join(clauses), params

    def gate(self) -> tuple[str, list]:
        """Every must-have met (through its full ids): the condition the GIN index serves best. One-id must-haves
        are one ``@>``; any other, and an any-of group, an ``&&`` over its full ids; a k-of-n group also counts its
        options held (a recheck on the rows the index gives)."""
        single = [
            spec.full_ids[0] for spec in self.must_haves if len(spec.full_ids) == 1 and not spec.options
        ]
        clauses, params = [], []
        if single:
            clauses.append("c.tag_ids @> %s::int[]")
            params.append(single)
        for spec in self.must_haves:
            if len(spec.full_ids) == 1 and not spec.options:
                continue
            held, held_params = _must_have_held(spec)
            clauses.append(held)
            params += held_params
        return (clauses[0] if len(clauses) == 1 else f"({' AND '.join(clauses)})"), params

    def meets_any(self) -> tuple[str, list]:
        """Some requirement met, fully or partly; nothing when the profile has no requirement (all candidates)."""
        if not self.specs:
            return "", []
        any_ids = list(dict.fromkeys(tag_id for spec in self.specs for tag_id in spec.all_ids))
        return "c.tag_ids && %s::int[]", [any_ids]  # no visible tag at all: '{}' matches nothing

    def tag_filter(self) -> tuple[str, list]:
        """The scan's tag condition: the must-have gate ("exclude"), else "meets any requirement"."""
        if not self.flag and self.must_haves:
            return self.gate()
        if self.options.candidate_ids:
            return "", []  # the ids choose the rows: every one of them gets its score, matched or not
        return self.meets_any()

    @property
    def split_flagged(self) -> bool:
        """Flag mode with must-haves over the pool: rank those who meet every must-have first (the GIN gate),
        and scan the others only if they can still reach the top (see ``ranking``)."""
        return self.flag and bool(self.must_haves) and not self.options.candidate_ids

    def failing_bound(self, coverage_ceiling: float = 1.0) -> float:
        """The highest score a candidate who misses a must-have and whose coverage is at most
        ``coverage_ceiling`` can have: 100 × ceiling × penalty, then the boost."""
        bound = 100.0 * coverage_ceiling * MUST_HAVE_PENALTY
        if self.options.activity_boost:
            bound = (1.0 - ACTIVITY_BOOST_SHARE) * bound + ACTIVITY_BOOST_SHARE * 100.0
        return bound

    def failing_reach(self) -> tuple[str, list]:
        """The tag ids a failing candidate must hold to reach the page, chosen once the passing page is known.

        Holding none of the k heaviest requirements' tags caps a candidate's coverage at the other requirements'
        share of the weight (strengths are at most 1), so their score at ``failing_bound(share)``. The CASE picks
        the fewest heaviest requirements whose absence already keeps a failing candidate below the lowest
        passing score of a full page; with no full page, every requirement's tags. GIN serves the result (an
        initplan parameter) like a constant."""
        wanted = self.options.limit + self.options.offset
        ordered = sorted((spec for spec in self.specs if spec.all_ids), key=lambda spec: -spec.score_weight)
        whens, params, held, rest = [], [], [], self.total_weight
        for spec in [None, *ordered]:
            if spec is not None:
                held = [*held, *spec.all_ids]
                rest -= spec.score_weight
            ceiling = max(rest, 0.0) / self.total_weight if self.total_weight else 0.0
            whens.append("WHEN p.n = %s AND p.low > %s::float8 THEN %s::int[]")
            params += [wanted, self.failing_bound(ceiling), list(dict.fromkeys(held))]
        every = list(dict.fromkeys(tag_id for spec in self.specs for tag_id in spec.all_ids))
        sql = (
            f"SELECT CASE {' '.join(whens)} ELSE %s::int[] END "
            "FROM (SELECT count(*) AS n, min(score) AS low FROM passing) p"
        )
        return sql, [*params, every]

    # score ------------------------------------------------------------------------------------------------

    def score(self, focus: str = "f.focus") -> tuple[str, list]:
        """The score from the scan's columns (s.coverage, s.years_fit, s.education_fit, s.failed_must) and
        ``focus``: 100 × coverage × (1 − YEARS_SHARE × (1 − years fit) − EDUCATION_SHARE × (1 − education fit))
        × (1 − FOCUS_SHARE × (1 − focus)), a NULL fit or focus taking nothing off; then the must-have penalty and
        the boost. With ``focus="NULL"`` it is the highest score the row can have whatever its focus."""
        base = (
            "(100::float8 * s.coverage * (1::float8 - %s::float8 * (1::float8 - coalesce(s.years_fit, 1::float8))"
            " - %s::float8 * (1::float8 - coalesce(s.education_fit, 1::float8)))"
            f" * (1::float8 - %s::float8 * (1::float8 - coalesce({focus}, 1::float8))))"
        )
        params: list = [YEARS_SHARE, EDUCATION_SHARE, FOCUS_SHARE]
        if self.flag and self.must_haves:
            base = f"({base} * CASE WHEN s.failed_must THEN %s::float8 ELSE 1::float8 END)"
            params.append(MUST_HAVE_PENALTY)
        if self.options.activity_boost:
            activity, activity_params = score_sql(self.scoring, self.now, column="s.activity_anchor")
            base = f"((1::float8 - %s::float8) * {base} + %s::float8 * {activity})"
            params = [ACTIVITY_BOOST_SHARE, *params, ACTIVITY_BOOST_SHARE, *activity_params]
        return base, params

    def scored_cte(
        self,
        columns: str,
        name: str = "",
        tag_clause: tuple[str, list] | None = None,
        failed: tuple[str, list] | None = None,
        floor: tuple[str, list] | None = None,
    ) -> tuple[str, list]:
        """CTEs ``{name}scored`` (the scan with the fits) and ``{name}final`` (plus the focus and the score).
        ``columns`` must hold ``c.tag_ids`` and ``c.tag_strengths`` (the focus reads them). With ``floor`` (an
        SQL value), rows whose score could not reach it whatever their focus are dropped before the focus is
        measured: the failing scan of flag mode measures only those who can still enter the page."""
        coverage, coverage_params = self.coverage()
        years, years_params = self.years_fit()
        education, education_params = self.education_fit()
        focus, focus_params = self.focus()
        failed, failed_params = failed or self.failed_must_have()
        where, where_params = self.where(tag_clause if tag_clause is not None else self.tag_filter())
        score, score_params = self.score()
        floor_where, floor_params = "", []
        if floor is not None:
            ceiling, ceiling_params = self.score(focus="NULL")
            floor_where, floor_params = f"WHERE {ceiling} >= ({floor[0]})", [*ceiling_params, *floor[1]]
        # The focus is a LATERAL aggregate: measured once per row (never copied into each use of the column).
        sql = f"""
            {name}scored AS (
                SELECT {columns}, {coverage} AS coverage, {years} AS years_fit, {education} AS education_fit,
                       {failed} AS failed_must
                FROM {self.source or Candidate._meta.db_table} c
                WHERE {where}
            ), {name}final AS (
                SELECT s.*, f.focus, {score} AS score
                FROM {name}scored s CROSS JOIN LATERAL ({focus}) AS f(focus)
                {floor_where}
            )"""
        return sql, [
            *coverage_params,
            *years_params,
            *education_params,
            *failed_params,
            *where_params,
            *score_params,
            *focus_params,
            *floor_params,
        ]

    def min_score(self) -> tuple[str, list]:
        if self.options.min_score > 0:
            # A hair below: a score computed as 74.99999999 in float8 is the 75 the explanation shows.
            return "WHERE score >= %s::float8", [self.options.min_score - 1e-9]
        return "", []

    # Ordering by the anchor is ordering by the activity score at any one time (the score is monotone in it).
    ORDER = "score DESC, activity_anchor DESC, updated_at DESC, id ASC"
    COLUMNS = (
        "c.id, c.activity_anchor, c.updated_at, c.tag_ids, c.tag_strengths, c.full_name, c.current_title, "
        "c.location, c.years_experience, c.highest_education"
    )

    def top(self) -> tuple[str, list]:
        """CTEs ending in ``top``: the ranked page (LIMIT / OFFSET) of the scan."""
        min_where, min_params = self.min_score()
        if not self.split_flagged:
            cte, params = self.scored_cte(self.COLUMNS)
            return (
                f"{cte}, top AS (SELECT * FROM final {min_where} ORDER BY {self.order} LIMIT %s OFFSET %s)",
                [*params, *min_params, self.options.limit, self.options.offset],
            )
        if self.divided:
            return self.divided_top()
        # Flag mode: those who meet every must-have can be found through the GIN index; the others score at
        # most failing_bound(). Once the first limit + offset of the former are known, only failing candidates
        # who hold one of the heaviest requirements can still enter the page (failing_reach): the failing scan
        # reads those alone, through the GIN index, and none at all when no failing score can reach the page
        # ('{}' overlaps nothing). One statement either way.
        wanted = self.options.limit + self.options.offset
        gate, gate_params = self.gate()
        reach, reach_params = self.failing_reach()
        passing, passing_params = self.scored_cte(
            self.COLUMNS, "passing_", (gate, gate_params), ("false", [])
        )
        failing, failing_params = self.scored_cte(
            self.COLUMNS,
            "failing_",
            (f"c.tag_ids && ({reach}) AND NOT {gate}", [*reach_params, *gate_params]),
            ("true", []),
            (
                "SELECT CASE WHEN count(*) >= %s THEN min(score) ELSE '-infinity'::float8 END FROM passing",
                [wanted],
            ),
        )
        sql = f"""{passing}, passing AS (
                SELECT * FROM passing_final {min_where} ORDER BY {self.ORDER} LIMIT %s
            ), {failing.strip()}, failing AS (
                SELECT * FROM failing_final {min_where} ORDER BY {self.ORDER} LIMIT %s
            ), top AS (
                SELECT * FROM (SELECT * FROM passing UNION ALL SELECT * FROM failing) ranked
                ORDER BY {self.ORDER} LIMIT %s OFFSET %s
            )"""
        return sql, [
            *passing_params,
            *min_params,
            wanted,
            *failing_params,
            *min_params,
            wanted,
            self.options.limit,
            self.options.offset,
        ]

    def divided_top(self) -> tuple[str, list]:
        """The combined mode's page: those who meet every must-have (GIN gate), then those who miss one, each
        part best first. The second scan runs only for the places the first leaves on the page (a LIMIT of 0
        never reads its input), so a profile whose must-haves many meet costs what "exclude" costs."""
        min_where, min_params = self.min_score()
        wanted = self.options.limit + self.options.offset
        gate, gate_params = self.gate()
        any_clause, any_params = self.meets_any()
        passing, passing_params = self.scored_cte(
            self.COLUMNS, "passing_", (gate, gate_params), ("false", [])
        )
        failing, failing_params = self.scored_cte(
            self.COLUMNS,
            "failing_",
            (f"{any_clause} AND NOT {gate}", [*any_params, *gate_params]),
            ("true", []),
        )
        sql = f"""{passing}, passing AS (
                SELECT * FROM passing_final {min_where} ORDER BY {self.ORDER} LIMIT %s
            ), {failing.strip()}, failing AS (
                SELECT * FROM failing_final {min_where} ORDER BY {self.ORDER}
                LIMIT (SELECT greatest(%s - count(*), 0) FROM passing)
            ), top AS (
                SELECT * FROM (SELECT * FROM passing UNION ALL SELECT * FROM failing) ranked
                ORDER BY {self.order} LIMIT %s OFFSET %s
            )"""
        return sql, [
            *passing_params,
            *min_params,
            wanted,
            *failing_params,
            *min_params,
            wanted,
            self.options.limit,
            self.options.offset,
        ]

    def ranking(self) -> tuple[str, list]:
        cte, params = self.top()
        explain, explain_params = self.explanation()
        activity, activity_params = score_sql(self.scoring, self.now, column="t.activity_anchor")
        tier, tier_params = tier_case_sql(self.scoring, self.now, column="t.activity_anchor")
        sql = f"""
            WITH {cte}
            SELECT t.id, t.score, t.coverage, t.years_fit, t.education_fit, t.focus, t.failed_must,
                   {activity} AS activity_score, t.full_name, t.current_title, t.location, {tier} AS activity_tier,
                   t.years_experience::float8, t.highest_education, ex.matched
            FROM top t
            LEFT JOIN LATERAL ({explain}) ex ON true
            ORDER BY {self.order}"""
        return sql, [*params, *activity_params, *tier_params, *explain_params]

    def explanation(self) -> tuple[str, list]:
        """Per top row: the requirements met, each by its best tag (own tag, else parent, else child; the
        strongest of those, as the score counts it), with the tag's names, its strength and the candidate's
        evidence for it (the active CandidateTag's evidence text and mentions)."""
        requirement_numbers, option_numbers, tag_ids, kinds, preferences = [], [], [], [], []
        for number, spec in enumerate(self.specs):
            for option_number, choice in enumerate(spec.choices):
                for tag_id in choice.all_ids:
                    kind = choice.via.get(tag_id, VIA_TAG)
                    requirement_numbers.append(number)
                    option_numbers.append(option_number)
                    tag_ids.append(tag_id)
                    kinds.append(kind)
                    preferences.append(_VIA_PREFERENCE[kind])
        sql = f"""
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'r', b.r, 'o', b.o, 'tag_id', b.tag_id, 'via', b.via, 'strength', b.strength, 'tag', (
                           SELECT jsonb_build_object('key', tg.key, 'name_en', tg.name_en, 'name_zh', tg.name_zh)
                           FROM {Tag._meta.db_table} tg WHERE tg.id = b.tag_id
                       ), 'evidence', coalesce(ev.evidence_text, ''), 'mentions', ev.mentions) ORDER BY b.r, b.o),
                   '[]'::jsonb) AS matched
            FROM (
                SELECT DISTINCT ON (m.r, m.o) m.r, m.o, m.tag_id, m.via,
                       t.tag_strengths[array_position(t.tag_ids, m.tag_id)] AS strength
                FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[], %s::int[]) AS m(r, o, tag_id, via, preference)
                WHERE m.tag_id = ANY(t.tag_ids)
                ORDER BY m.r, m.o, m.preference, strength DESC, m.tag_id
            ) b
            LEFT JOIN LATERAL (
                SELECT ct.evidence_text, ct.mentions FROM {CandidateTag._meta.db_table} ct
                WHERE ct.candidate_id = t.id AND ct.tag_id = b.tag_id AND ct.removed_at IS NULL
                ORDER BY ct.evidence_text = '', ct.id LIMIT 1
            ) ev ON true"""
        return sql, [requirement_numbers, option_numbers, tag_ids, kinds, preferences]

    def count(self) -> tuple[str, list]:
        min_where, min_params = self.min_score()
        if not min_where:
            where, params = self.where(self.tag_filter())
            return f"SELECT count(*) FROM {Candidate._meta.db_table} c WHERE {where}", params
        cte, params = self.scored_cte("c.id, c.activity_anchor, c.tag_ids, c.tag_strengths")
        return f"WITH {cte} SELECT count(*) FROM final {min_where}", [*params, *min_params]


def ranking_statement(
    profile: RoleProfile, options: MatchOptions | None = None, specs: list[RequirementSpec] | None = None
) -> tuple[str, list]:
    """The ranking statement and its parameters, as ``rank`` sends it (for EXPLAIN and the benchmarks)."""
    tenant_id = _check_profile(profile)
    options = clean_options(options)
    expanded, language = _expand(profile, tenant_id)
    return _Statement(profile, options, expanded if specs is None else specs, tenant_id, language).ranking()


# --- the public calls ------------------------------------------------------------------------------------------


def rank(profile: RoleProfile, options: MatchOptions | None = None) -> list[Match]:
    """The best candidates of the current tenant's pool for ``profile``, best first, each explained.

    Call inside ``tenant_context`` (row-level security limits the statement to the tenant; a profile of another
    tenant is refused). One statement ranks the whole pool; only the top ``options.limit`` rows come back.
    Raises MatchOptionsError for bad options.
    """
    tenant_id = _check_profile(profile)
    options = clean_options(options)
    specs, language = _expand(profile, tenant_id)
    statement = _Statement(profile, options, specs, tenant_id, language)
    narrowed = _narrowed_by_index(statement)
    if narrowed is not None:
        statement = narrowed
    sql, params = statement.ranking()
    with connection.cursor() as cursor:
        rows = _run_without_jit(cursor, sql, params)
    return [_match(row, specs, statement) for row in rows]


def _narrowed_by_index(statement: _Statement) -> _Statement | None:
    """The same statement over the few candidates the tenant's in-memory index names as holding the page
    (profiles.ranking_index), or None to rank the whole pool: no snapshot yet, options it does not model, or a
    candidate of its superset gone since the snapshot. The page is the statement's own either way: the index
    only chooses which rows it reads (every candidate whose key reaches the page's edge)."""
    from . import ranking_index

    chosen = ranking_index.superset(statement)
    if chosen is None:
        return None
    if chosen and ranking_index.still_there(statement.tenant_id, chosen) < len(chosen):
        ranking_index.request_build(statement.tenant_id)
        return None
    options = replace(statement.options, candidate_ids=tuple(chosen) or (0,))
    return _Statement(statement.profile, options, statement.specs, statement.tenant_id, statement.language)


def count_matches(profile: RoleProfile, options: MatchOptions | None = None) -> int:
    """How many candidates ``rank`` would rank with these options (ignoring limit and offset); no explanation.

    With ``MatchOptions(updated_since=...)`` this is a saved search's "N new since you last looked".
    """
    tenant_id = _check_profile(profile)
    options = clean_options(options)
    specs, _language = _expand(profile, tenant_id)
    sql, params = _Statement(profile, options, specs, tenant_id).count()
    with connection.cursor() as cursor:
        rows = _run_without_jit(cursor, sql, params)
    return int(rows[0][0])


def score_all(
    profile: RoleProfile, options: MatchOptions | None = None, *, source: str = ""
) -> list[tuple[int, float]]:
    """Every candidate ``rank`` would rank with these options whose score reaches ``options.min_score``, as
    ``(candidate id, score)`` pairs in no particular order: no limit, no offset, no explanation.

    For callers that keep each candidate's best roles themselves (the operations engine ranks a whole activity
    tier against every open role, one statement per role, instead of every role per candidate). The same scan,
    scores and filters as ``rank``; read-only. ``source`` names a temporary table holding a copy of the pool's
    rows to score (every candidate column the statement reads, ``tenant_id`` included), so that a caller
    scoring a few hundred thousand chosen candidates against many roles reads those rows only.
    """
    tenant_id = _check_profile(profile)
    options = clean_options(options)
    specs, _language = _expand(profile, tenant_id)
    statement = _Statement(profile, options, specs, tenant_id, source=source)
    # With a minimum score, rows that cannot reach it whatever their focus are dropped before the focus is
    # measured (most of a tier, against any one role).
    floor = ("%s::float8", [options.min_score]) if options.min_score > 0 else None
    cte, params = statement.scored_cte("c.id, c.activity_anchor, c.tag_ids, c.tag_strengths", floor=floor)
    min_where, min_params = statement.min_score()
    with connection.cursor() as cursor:
        return _run_without_jit(
            cursor, f"WITH {cte} SELECT id, score FROM final {min_where}", [*params, *min_params]
        )


def _run_without_jit(cursor, sql: str, params: list) -> list[tuple]:
    # JIT compiling a scan over a large pool costs more than the scan (PERFORMANCE.md); the setting is
    # transaction-local and put back afterwards, so the rest of the caller's transaction keeps its own.
    if not connection.in_atomic_block:
        raise RuntimeError("profiles.matching runs inside tenant_context (a transaction)")
    cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    previous = cursor.fetchone()[0]
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    if previous != "off":
        cursor.execute("SELECT set_config('jit', %s, true)", [previous])
    return rows


def _match(row: tuple, specs: list[RequirementSpec], statement: _Statement) -> Match:
    (
        candidate_id,
        score,
        coverage,
        years_fit,
        education_fit,
        focus,
        failed_must,
        activity_score,
        full_name,
        current_title,
        location,
        activity_tier,
        years_experience,
        highest_education,
        matched_json,
    ) = row
    if isinstance(matched_json, str | bytes):
        matched_json = json.loads(matched_json)
    met = {(item["r"], item.get("o", 0)): item for item in matched_json or []}
    parts = _parts(statement, coverage, years_fit, education_fit, focus, bool(failed_must), activity_score)
    # Each requirement's points: its share of the coverage part, so that they add up to it.
    scale = parts["coverage"] / (100.0 * coverage) if coverage else 0.0
    matched, missing, failed = [], [], []
    for number, spec in enumerate(specs):
        found = []
        for option_number, choice in enumerate(spec.choices):
            item = met.get((number, option_number))
            if item is None:
                continue
            strength = (item.get("strength") or 100) / 100.0
            names = item["tag"] or {}  # None only if the tag vanished between the expansion and the statement
            found.append(
                {
                    "option": dict(choice.tag),
                    "via": item["via"],
                    "strength": strength,
                    "credit": round(option_credit(item["via"], strength), 4),
                    "mentions": item.get("mentions"),
                    "evidence": item["evidence"],
                    "matched_tag": tag_display({"id": item["tag_id"], **names}, statement.language),
                }
            )
        # A must-have is met by own tags only (the gate's rule): one of them, or min_count of a group's options.
        if spec.must_have and sum(1 for option in found if option["via"] == VIA_TAG) < spec.min_count:
            failed.append(spec.summary())
        if not found:
            missing.append(spec.summary())
            continue
        credits = sorted((option["credit"] for option in found), reverse=True)
        value = (
            min(sum(credits), float(spec.min_count)) / spec.min_count
            if spec.options and spec.min_count > 1
            else credits[0]
        )
        best = max(found, key=lambda option: (option["credit"], -_VIA_PREFERENCE[option["via"]]))
        entry = {
            **spec.summary(),
            "credit": round(value, 4),
            "via": best["via"],
            "strength": best["strength"],
            "mentions": best["mentions"],
            "matched_tag": best["matched_tag"],
            "evidence": best["evidence"],
            "points": round(100.0 * scale * spec.score_weight * value / statement.total_weight, 4)
            if statement.total_weight
            else 0.0,
        }
        if spec.options:
            entry["met_options"] = found
            entry["met_count"] = sum(1 for option in found if option["via"] == VIA_TAG)
        matched.append(entry)
    rounded = _round(score)
    return Match(
        candidate_id=candidate_id,
        score=rounded,
        parts=parts,
        matched=matched,
        missing=missing,
        failed_must_haves=failed,
        candidate={
            "full_name": full_name,
            "current_title": current_title,
            "location": location,
            "activity_tier": activity_tier,
            "activity_score": activity_score,
            "years_experience": years_experience,
            "highest_education": highest_education,
        },
        focus=None if focus is None else _round(focus),
        band=band_of(rounded),
    )


def _parts(
    statement: _Statement, coverage, years_fit, education_fit, focus, failed_must: bool, activity_score
) -> dict:
    """Each term's contribution in points; they sum to the score (up to rounding). Coverage gives its points;
    a years or education shortfall takes its share of them off, then the focus its share of what is left
    (nothing when a fit or the focus does not apply or is not known, as in the statement); then the must-have
    penalty and the activity boost."""
    share = 1.0 - ACTIVITY_BOOST_SHARE if statement.options.activity_boost else 1.0
    points = 100.0 * (coverage or 0.0)
    years = -points * YEARS_SHARE * (1.0 - years_fit) if years_fit is not None else 0.0
    education = -points * EDUCATION_SHARE * (1.0 - education_fit) if education_fit is not None else 0.0
    fitted = points + years + education
    unfocused = -fitted * FOCUS_SHARE * (1.0 - focus) if focus is not None else 0.0
    base = fitted + unfocused
    penalty = -(1.0 - MUST_HAVE_PENALTY) * base * share if failed_must else 0.0
    boost = ACTIVITY_BOOST_SHARE * (activity_score or 0.0) if statement.options.activity_boost else 0.0
    return {
        "coverage": _round(points * share),
        "years_fit": _round(years * share),
        "education_fit": _round(education * share),
        "focus": _round(unfocused * share),
        "activity_boost": _round(boost),
        "must_have_penalty": _round(penalty),
    }


def _round(value) -> float:
    return round(float(value or 0.0), 4)
