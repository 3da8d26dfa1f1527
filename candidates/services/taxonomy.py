"""The tenant's taxonomy: seeded from the repository, then renamed, extended, merged and retired by the tenant.

A changed synonym is used by the parser at once (the tenant's matcher is rebuilt when its tags change) and
re-tags only the candidates whose documents contain the new words (a Celery task on queue ``parse``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from candidates.parsing.tagging import TaxonomyMatcher
from candidates.taxonomy import load_seed
from talentpool.tenancy.context import require_tenant_id, tenant_context
from talentpool.tenancy.models import Tenant

from ..models import Candidate, CandidateTag, Document, ParseStatus, Tag, TagCategory, TagSource
from .profile import CandidateError, _log_change, candidate_sync_tag_ids, normalize_text


@dataclass(frozen=True)
class _Term:
    key: str
    category: str
    name_en: str
    name_zh: str
    synonyms: tuple
    parent: str | None = None


_matchers: dict[int, tuple[tuple, TaxonomyMatcher]] = {}
_matchers_lock = threading.Lock()


def tenant_matcher() -> TaxonomyMatcher:
    """The current tenant's matcher, rebuilt when any of its tags changed (checked with one small query)."""
    tenant_id = require_tenant_id()
    version = tuple(Tag.objects.aggregate(n=Count("id"), changed=Max("updated_at")).values())
    cached = _matchers.get(tenant_id)
    if cached is not None and cached[0] == version:
        return cached[1]
    terms = [
        _Term(tag.key, tag.category, tag.name_en, tag.name_zh, tuple(tag.synonyms))
        for tag in Tag.objects.filter(is_retired=False).only(
            "key", "category", "name_en", "name_zh", "synonyms"
        )
    ]
    matcher = TaxonomyMatcher.from_terms(terms)
    with _matchers_lock:
        _matchers[tenant_id] = (version, matcher)
    return matcher


def taxonomy_seed(tenant: Tenant) -> int:
    """Load the repository's seed taxonomy into ``tenant``. Returns how many tags were added. Safe to run twice
    (existing keys are left as the tenant edited them)."""
    return len(_seed_missing(tenant))


@dataclass(frozen=True)
class TaxonomyUpdate:
    added: list[str]  # keys of the seed tags the tenant did not have
    retagged: int  # candidates whose documents were tagged again


def taxonomy_update(tenant: Tenant, *, retag: bool = True) -> TaxonomyUpdate:
    """Bring a tenant created with an older seed up to the repository's: add the seed tags it lacks (its own
    tags and edits are kept), then, with ``retag``, tag again the parsed documents that name one of the new
    tags, so existing candidates get them too (and the current word-sense checks on those documents)."""
    added = _seed_missing(tenant)
    words = sorted({w for term in added for w in (term.name_en, term.name_zh, *term.synonyms) if w})
    retagged = retag_documents_containing(tenant, words=words) if retag and words else 0
    return TaxonomyUpdate([term.key for term in added], retagged)


def _seed_missing(tenant: Tenant) -> list:
    """Add the seed terms ``tenant`` has no tag for (by key), with their parents; returns those terms."""
    seed = load_seed()
    with tenant_context(tenant):
        existing = set(Tag.objects.values_list("key", flat=True))
        now = timezone.now()
        missing = [term for term in seed if term.key not in existing]
        Tag.objects.bulk_create(
            [
                Tag(
                    tenant_id=tenant.pk,
                    key=term.key,
                    category=term.category,
                    name_en=term.name_en or "",
                    name_zh=term.name_zh or "",
                    synonyms=list(term.synonyms),
                    created_at=now,
                    updated_at=now,
                )
                for term in missing
            ],
            batch_size=1000,
        )
        by_key = dict(Tag.objects.values_list("key", "id"))
        parents = [
            (by_key[term.key], by_key.get(term.parent))
            for term in missing
            if term.parent and by_key.get(term.parent)
        ]
        if parents:  # one statement, not one UPDATE per tag (thousands)
            values = ", ".join(["(%s, %s)"] * len(parents))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE candidates_tag SET parent_id = v.parent_id FROM (VALUES {values}) AS v(id, parent_id) "
                    "WHERE candidates_tag.id = v.id",
                    [value for pair in parents for value in pair],
                )
    return missing


def _clean_synonyms(values) -> list[str]:
    seen, result = set(), []
    for value in values or []:
        text = normalize_text(value)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            result.append(text[:200])
    return result


def tag_create(
    tenant: Tenant,
    *,
    category: str,
    name_en: str = "",
    name_zh: str = "",
    synonyms=(),
    parent: Tag | None = None,
    actor=None,
) -> Tag:
    """Add a tenant tag. Raises CandidateError for a missing name, an unknown category or a taken key."""
    if category not in TagCategory.values:
        raise CandidateError(f"Unknown category {category!r}.", field="category")
    name_en, name_zh = normalize_text(name_en), normalize_text(name_zh)
    if not name_en and not name_zh:
        raise CandidateError("A tag needs an English or a Chinese name.", field="name_en")
    key = f"{category}.custom.{(name_en or name_zh).lower().replace(' ', '-')}"[:120]
    with tenant_context(tenant):
        if Tag.objects.filter(key=key).exists():
            raise CandidateError(
                "A tag with this name exists in this category.", field="name_en", code="duplicate"
            )
        tag = Tag.objects.create(
            key=key,
            category=category,
            name_en=name_en,
            name_zh=name_zh,
            synonyms=_clean_synonyms(synonyms),
            parent=parent,
        )
        _queue_retag(tenant, tag, [name_en, name_zh, *tag.synonyms])
    return tag


def tag_update(tenant: Tenant, *, tag: Tag, actor=None, **changes) -> Tag:
    """Rename a tag, change its synonyms, parent or category. New words re-tag the candidates they affect."""
    with tenant_context(tenant):
        tag = Tag.objects.select_for_update().get(pk=tag.pk)
        before = {tag.name_en.lower(), tag.name_zh.lower(), *(s.lower() for s in tag.synonyms)}
        if "category" in changes and changes["category"] not in TagCategory.values:
            raise CandidateError(f"Unknown category {changes['category']!r}.", field="category")
        for field in ("name_en", "name_zh"):
            if field in changes:
                setattr(tag, field, normalize_text(changes[field]))
        if not tag.name_en and not tag.name_zh:
            raise CandidateError("A tag needs an English or a Chinese name.", field="name_en")
        if "synonyms" in changes:
            tag.synonyms = _clean_synonyms(changes["synonyms"])
        if "category" in changes:
            tag.category = changes["category"]
        if "parent" in changes:
            parent = changes["parent"]
            if parent is not None and (parent.pk == tag.pk or parent.tenant_id != tag.tenant_id):
                raise CandidateError("A tag cannot be its own parent.", field="parent")
            tag.parent = parent
        tag.updated_at = timezone.now()
        tag.save()
        after = [w for w in (tag.name_en, tag.name_zh, *tag.synonyms) if w and w.lower() not in before]
        _queue_retag(tenant, tag, after)
    return tag


def tag_retire(tenant: Tenant, *, tag: Tag, actor=None) -> Tag:
    """Retire a tag: no longer matched or offered; candidates keep their history. Safe to run twice."""
    with tenant_context(tenant):
        Tag.objects.filter(pk=tag.pk).update(is_retired=True, updated_at=timezone.now())
        tag.refresh_from_db()
    return tag


def tag_merge(tenant: Tenant, *, source: Tag, target: Tag, actor=None) -> Tag:
    """Merge ``source`` into ``target``: candidates' tags move (a person's removal stays a removal), the
    source's names become synonyms of the target, and the source is retired. Safe to run twice."""
    if source.pk == target.pk:
        raise CandidateError("A tag cannot be merged into itself.", field="into")
    with tenant_context(tenant):
        source = Tag.objects.select_for_update().get(pk=source.pk)
        target = Tag.objects.select_for_update().get(pk=target.pk)
        affected = set()
        for candidate_tag in CandidateTag.objects.filter(tag=source).select_related("candidate"):
            affected.add(candidate_tag.candidate_id)
            on_target = CandidateTag.objects.filter(
                candidate_id=candidate_tag.candidate_id, tag=target
            ).first()
            if on_target is None:
                candidate_tag.tag = target
                candidate_tag.save(update_fields=["tag"])
            else:
                if (
                    on_target.removed_at
                    and not candidate_tag.removed_at
                    and candidate_tag.source == TagSource.MANUAL
                ):
                    on_target.removed_at = None
                # The two were one skill all along: their mentions add up (the strength is re-measured when
                # the document is tagged again; until then the stronger of the two stands).
                on_target.mentions += candidate_tag.mentions
                on_target.strength = max(on_target.strength, candidate_tag.strength)
                on_target.save(update_fields=["removed_at", "mentions", "strength"])
                candidate_tag.delete()
            _log_change(candidate_tag.candidate, "tags", source.key, target.key, source="merge", actor=actor)
        target.synonyms = _clean_synonyms(
            [*target.synonyms, source.name_en, source.name_zh, *source.synonyms]
        )
        target.updated_at = timezone.now()
        target.save(update_fields=["synonyms", "updated_at"])
        source.is_retired, source.merged_into, source.updated_at = True, target, timezone.now()
        source.save(update_fields=["is_retired", "merged_into", "updated_at"])
        for candidate in Candidate.objects.filter(pk__in=affected):
            candidate_sync_tag_ids(candidate)
    return target


def _queue_retag(tenant: Tenant, tag: Tag, words) -> None:
    words = [w for w in words if w and len(w.strip()) >= 2]
    if not words:
        return
    from ..tasks import retag_for_words

    transaction.on_commit(lambda: retag_for_words.apply_async(args=[tenant.pk, tag.pk, words], queue="parse"))


def retag_documents_containing(tenant: Tenant, *, words) -> int:
    """Re-run tagging on the parsed documents whose text contains any of ``words``; returns how many candidates
    were looked at. Other candidates are not touched. Safe to run twice."""
    from .documents import tags_apply_extracted

    query = Q()
    for word in words:
        query |= Q(text__icontains=word)
    with tenant_context(tenant):
        documents = Document.objects.filter(
            query, parse_status=ParseStatus.PARSED, candidate__isnull=False
        ).select_related("candidate")
        matcher = tenant_matcher()
        touched = set()
        for document in documents.iterator(chunk_size=200):
            tags_apply_extracted(document.candidate, matcher.find(document.text), document=document)
            touched.add(document.candidate_id)
    return len(touched)
