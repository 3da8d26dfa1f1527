"""Read queries over the pool, for the dashboard, the API, tasks and analytics. Everything runs inside the
current tenant (the scoped managers) and keeps the number of queries bounded: lists prefetch what their rows
show, and per-row details (tags, counts) are fetched for a whole page at once."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import islice

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Length

from engagement.scoring import current_params, tier_bounds, tier_condition

from .models import (
    EDUCATION_RANK,
    Candidate,
    CandidateMerge,
    CandidateStatus,
    CandidateTag,
    ColumnMapping,
    Document,
    DuplicateFlag,
    DuplicateStatus,
    ImportJob,
    ImportOutcome,
    ImportRow,
    ImportStatus,
    ProfileChange,
    Tag,
)

# ------------------------------------------------------------------------------------------------- the pool


def candidate_list(
    *,
    query: str = "",
    tier: str = "",
    tags_all=(),
    tags_any=(),
    tags_none=(),
    years_min: Decimal | None = None,
    years_max: Decimal | None = None,
    education: str = "",
    location: str = "",
    source: str = "",
) -> QuerySet[Candidate]:
    """Live (not merged) candidates of the current tenant, newest first, filtered by a text query (name, title,
    company, email, location), a tier, tags (all of / any of / none of, by id), years of experience, a minimum
    education level, a location (contains) and a source (exact)."""
    candidates = Candidate.objects.exclude(status=CandidateStatus.MERGED)
    query = query.strip()
    if query:
        candidates = candidates.filter(
            Q(full_name__icontains=query)
            | Q(current_title__icontains=query)
            | Q(current_company__icontains=query)
            | Q(emails__email__icontains=query)
            | Q(location__icontains=query)
        ).distinct()
    if tier:
        candidates = candidates.filter(tier_condition([tier], current_params()))
    if tags_all:
        candidates = candidates.filter(tag_ids__contains=sorted(set(tags_all)))
    if tags_any:
        candidates = candidates.filter(tag_ids__overlap=sorted(set(tags_any)))
    if tags_none:
        candidates = candidates.exclude(tag_ids__overlap=sorted(set(tags_none)))
    if years_min is not None:
        candidates = candidates.filter(years_experience__gte=years_min)
    if years_max is not None:
        candidates = candidates.filter(years_experience__lte=years_max)
    if education:
        rank = EDUCATION_RANK.get(education, 0)
        candidates = candidates.filter(
            highest_education__in=[
                level for level, level_rank in EDUCATION_RANK.items() if level and level_rank >= rank
            ]
        )
    if location.strip():
        candidates = candidates.filter(location__icontains=location.strip())
    if source:
        candidates = candidates.filter(source=source)
    return candidates.order_by("-created_at", "-id")


def changed_since(candidates: QuerySet[Candidate], since) -> QuerySet[Candidate]:
    """Those of ``candidates`` added or updated after ``since``: a saved search's "new since you last looked"
    (the same rule as ranking's ``updated_since``)."""
    return candidates.filter(Q(updated_at__gt=since) | Q(created_at__gt=since))


def pool_rows(candidates) -> list[Candidate]:
    """A page of candidates ready for the pool table: emails prefetched and ``tag_list`` (their active tags,
    in the order of ``tag_ids``) set on each, in two queries for the whole page."""
    rows = list(candidates)
    prefetch_related_objects(rows, "emails")
    tags = tags_by_ids({tag_id for candidate in rows for tag_id in (candidate.tag_ids or [])})
    for candidate in rows:
        candidate.tag_list = [tags[tag_id] for tag_id in (candidate.tag_ids or []) if tag_id in tags]
    return rows


def pool_sources() -> list[str]:
    """The distinct sources candidates came from (upload, import, a connector…), for the pool's filter."""
    return list(
        Candidate.objects.exclude(source="").order_by("source").values_list("source", flat=True).distinct()
    )


def candidates_for_export(candidates, *, chunk_size: int = 2000):
    """Yield ``candidates`` in their order with emails and phones prefetched and ``tag_list`` set, for a CSV
    export. Streamed from a server-side cursor (run it inside a transaction, as views and tenant_context are):
    four queries per chunk of ``chunk_size`` and one chunk in memory at a time, however many rows."""
    rows = candidates.prefetch_related("emails", "phones").iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        tags = tags_by_ids({tag_id for row in chunk for tag_id in (row.tag_ids or [])})
        for candidate in chunk:
            candidate.tag_list = [tags[tag_id] for tag_id in (candidate.tag_ids or []) if tag_id in tags]
            yield candidate
        # Prefetched emails and phones point back at their candidate. Unbroken, that cycle leaves each chunk to
        # the cyclic garbage collector, and memory climbs chunk after chunk until it runs.
        for candidate in chunk:
            candidate._prefetched_objects_cache.clear()


def pool_summary() -> dict:
    """Pool size and the count per activity tier, for the dashboard home."""
    # One scan: each tier is a range on the stored anchor at this moment.
    high, mid = tier_bounds(current_params())
    counts = Candidate.objects.aggregate(
        high=Count("id", filter=Q(activity_anchor__gte=high)),
        mid=Count("id", filter=Q(activity_anchor__gte=mid, activity_anchor__lt=high)),
        low=Count("id", filter=Q(activity_anchor__lt=mid)),
    )
    by_tier = {tier: counts[tier] for tier in ("high", "mid", "low")}
    return {"total": sum(by_tier.values()), "by_tier": by_tier}


# ------------------------------------------------------------------------------------------- one candidate


def candidate_detail_queryset() -> QuerySet[Candidate]:
    """Candidates of the current tenant with everything their page shows (take one with ``get(pk=…)``).

    Prefetched: emails, phones, external ids, experience, education, documents (without their text), and
    ``active_tags``: the tags not removed by a person, with their tag and document.
    """
    active_tags = (
        CandidateTag.objects.filter(removed_at__isnull=True)
        .select_related("tag", "document")
        .defer("document__text")
        .order_by("tag__category", "-confidence", "tag__name_en")
    )
    return Candidate.objects.select_related("merged_into").prefetch_related(
        "emails",
        "phones",
        "external_ids",
        "experiences",
        "educations",
        Prefetch("documents", queryset=Document.objects.defer("text").order_by("-created_at", "-id")),
        Prefetch("candidate_tags", queryset=active_tags, to_attr="active_tags"),
    )


def documents_recent(*, limit: int = 8) -> list[Document]:
    """The latest uploaded documents (without their text), with their candidate."""
    return list(
        Document.objects.defer("text").select_related("candidate").order_by("-created_at", "-id")[:limit]
    )


EVIDENCE_CONTEXT = 48  # characters of the document shown either side of the words a tag was found in


def tag_evidence(candidate_tags) -> None:
    """Set ``evidence`` on each CandidateTag: (before, match, after) cut from its document's text around the
    words it was found in, or None. Reads the text of the documents involved in one query."""
    document_ids = {
        ct.document_id for ct in candidate_tags if ct.document_id and ct.evidence_start is not None
    }
    texts = (
        dict(Document.objects.filter(pk__in=document_ids).values_list("id", "text")) if document_ids else {}
    )
    for candidate_tag in candidate_tags:
        candidate_tag.evidence = None
        text = texts.get(candidate_tag.document_id)
        start, end = candidate_tag.evidence_start, candidate_tag.evidence_end
        if text and start is not None and end is not None and 0 <= start < end <= len(text):
            before = _squash(text[max(0, start - EVIDENCE_CONTEXT) : start]).lstrip()
            after = _squash(text[end : end + EVIDENCE_CONTEXT]).rstrip()
            candidate_tag.evidence = (
                ("…" if start > EVIDENCE_CONTEXT else "") + before,
                text[start:end],
                after + ("…" if end + EVIDENCE_CONTEXT < len(text) else ""),
            )
        elif candidate_tag.evidence_text:
            candidate_tag.evidence = ("", candidate_tag.evidence_text, "")


def _squash(text: str) -> str:
    """Whitespace (line breaks too) collapsed to single spaces, keeping one at either edge if there was one."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return (lead + " ".join(text.split()) + trail) if text.strip() else " "


def candidate_changes(candidate: Candidate) -> QuerySet[ProfileChange]:
    """The candidate's history, newest first, with who made each change and from which document."""
    return (
        ProfileChange.objects.filter(candidate=candidate)
        .select_related("actor", "document")
        .order_by("-created_at", "-id")
    )


def candidate_search(text: str, *, exclude: int | None = None, limit: int = 8) -> list[Candidate]:
    """Live candidates whose name, email, phone, title or company matches ``text`` (for picking one to merge)."""
    text = text.strip()
    if not text:
        return []
    candidates = candidate_list(query=text)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    return list(candidates[:limit])


def candidates_compared(ids) -> dict[int, Candidate]:
    """Candidates by id for side-by-side comparison: contacts and schools prefetched, ``document_count`` and
    ``tag_count`` annotated. One query per relation, whatever the number of candidates."""
    candidates = (
        Candidate.objects.filter(pk__in=set(ids))
        .annotate(document_count=Count("documents", distinct=True))
        .prefetch_related("emails", "phones", "educations")
    )
    result = {}
    for candidate in candidates:
        candidate.tag_count = len(candidate.tag_ids or [])
        candidate.schools = list(dict.fromkeys(e.school for e in candidate.educations.all() if e.school))
        result[candidate.pk] = candidate
    return result


# --------------------------------------------------------------------------------------- duplicates, merges


def duplicate_flags_open() -> QuerySet[DuplicateFlag]:
    """Open duplicate flags, most certain first."""
    return DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN).order_by("-score", "-created_at", "-id")


def duplicate_open_count() -> int:
    return DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN).count()


def merges_recent() -> QuerySet[CandidateMerge]:
    """Merges, newest first, with both candidates and who merged them."""
    return CandidateMerge.objects.select_related("kept", "removed", "actor").order_by("-created_at", "-id")


# --------------------------------------------------------------------------------------------------- tags


def tags_by_ids(ids) -> dict[int, Tag]:
    ids = set(ids)
    return Tag.objects.in_bulk(ids) if ids else {}


def tag_search(text: str, *, limit: int = 12, exclude=()) -> list[Tag]:
    """Live tags whose English or Chinese name, synonyms or key contain ``text``: exact names first, then names
    that start with it, then the shortest names."""
    text = text.strip()
    if not text:
        return []
    matches = (
        Tag.objects.filter(is_retired=False)
        .filter(
            Q(name_en__icontains=text)
            | Q(name_zh__icontains=text)
            | Q(synonyms__icontains=text)
            | Q(key__icontains=text)
        )
        .exclude(pk__in=list(exclude))
        .annotate(
            rank=Case(
                When(Q(name_en__iexact=text) | Q(name_zh__iexact=text), then=Value(0)),
                When(Q(name_en__istartswith=text) | Q(name_zh__istartswith=text), then=Value(1)),
                When(Q(name_en__icontains=text) | Q(name_zh__icontains=text), then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            name_length=Length("name_en") + Length("name_zh"),
        )
    )
    return list(matches.order_by("rank", "name_length", "name_en", "id")[:limit])


def tags_browse(
    *, query: str = "", category: str = "", retired: bool = False, most_used: bool = False
) -> QuerySet[Tag]:
    """The taxonomy for browsing: live tags (or retired ones), by category, matching a text query, by name or
    with the most used first (that order counts every tag's candidates: one grouped query)."""
    tags = Tag.objects.filter(is_retired=retired)
    if category:
        tags = tags.filter(category=category)
    query = query.strip()
    if query:
        tags = tags.filter(
            Q(name_en__icontains=query)
            | Q(name_zh__icontains=query)
            | Q(synonyms__icontains=query)
            | Q(key__icontains=query)
        )
    tags = tags.select_related("merged_into")
    if most_used:
        return tags.annotate(
            used=Count("candidate_tags", filter=Q(candidate_tags__removed_at__isnull=True))
        ).order_by("-used", "name_en", "name_zh", "id")
    return tags.order_by("category", "name_en", "name_zh", "id")


def tag_category_counts(*, retired: bool = False) -> dict[str, int]:
    """How many live (or retired) tags each category has."""
    return dict(
        Tag.objects.filter(is_retired=retired).values_list("category").annotate(n=Count("id")).order_by()
    )


def tag_candidate_counts(tag_ids) -> dict[int, int]:
    """Tag id → how many candidates carry it (not removed), for the given tags only (one grouped query)."""
    tag_ids = list(tag_ids)
    if not tag_ids:
        return {}
    return dict(
        CandidateTag.objects.filter(tag_id__in=tag_ids, removed_at__isnull=True)
        .values_list("tag_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def tag_candidates(tag: Tag, *, limit: int = 8) -> list[Candidate]:
    """Some live candidates carrying ``tag``, newest first."""
    return list(candidate_list(tags_all=[tag.pk])[:limit])


# ------------------------------------------------------------------------------------------------ imports


def import_jobs() -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("created_by").order_by("-created_at", "-id")


def column_mappings() -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.order_by("name")


def import_outcome_counts(job: ImportJob) -> dict[str, int]:
    """Rows of ``job`` so far per outcome (created, updated, duplicate, rejected); final ones once it is done."""
    if job.status == ImportStatus.DONE and job.counts:
        return {outcome: int(job.counts.get(outcome, 0)) for outcome in ImportOutcome.values}
    counted = Counter(
        dict(ImportRow.objects.filter(job=job).values_list("outcome").annotate(n=Count("id")).order_by())
    )
    return {outcome: counted.get(outcome, 0) for outcome in ImportOutcome.values}


def import_row_total(job: ImportJob) -> int:
    """How many data rows the job's file holds (blank lines are not rows). Read from the file once and cached:
    the job's ``total_rows`` is only known when it finishes."""
    if job.status == ImportStatus.DONE:
        return job.total_rows

    def count() -> int:
        from .services.imports import read_table

        with job.file.open("rb") as handle:
            _headers, rows = read_table(handle.read(), job.original_name or job.file.name)
        return sum(1 for row in rows if any((value or "").strip() for value in row))

    return cache.get_or_set(
        f"candidates:import-total:{job.tenant_id}:{job.pk}:{job.sha256}", count, timeout=24 * 3600
    )


def import_rows_with_problems(job: ImportJob, *, limit: int = 200) -> list[ImportRow]:
    """The job's rows worth a second look (not simply created, or with a note), first ``limit`` of them."""
    return list(
        ImportRow.objects.filter(job=job)
        .filter(~Q(outcome=ImportOutcome.CREATED) | ~Q(reason=""))
        .order_by("row_number")[:limit]
    )
