"""Merging two candidates into one, and undoing it. Nothing is lost: every email, phone, external id,
document, tag, experience, education and change moves to the kept candidate; the removed one stays, hidden,
so the merge can be undone."""

from __future__ import annotations

from django.utils import timezone

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from webhooks.services import emit as webhook_emit

from ..models import (
    Candidate,
    CandidateEmail,
    CandidateMerge,
    CandidatePhone,
    CandidateStatus,
    CandidateTag,
    Document,
    DuplicateFlag,
    DuplicateStatus,
    Education,
    Experience,
    ExternalId,
)
from .profile import (
    PROFILE_FIELDS,
    CandidateError,
    _jsonable,
    _log_change,
    candidate_set_fields,
    candidate_sync_tag_ids,
)

# Child rows that move with a merge. Rows that would break a per-candidate unique constraint (the same email
# or tag on both) stay on the removed candidate; the kept one already has them.
MOVABLE = {
    "emails": (CandidateEmail, "email"),
    "phones": (CandidatePhone, "phone"),
    "tags": (CandidateTag, "tag_id"),
    "external_ids": (ExternalId, None),
    "documents": (Document, None),
    "experiences": (Experience, None),
    "educations": (Education, None),
}


def _blocked_by_campaigns(candidate_ids) -> set[int]:
    from engagement.selectors import candidates_in_running_sequences

    return candidates_in_running_sequences(candidate_ids)


def candidate_merge(tenant: Tenant, *, keep: Candidate, remove: Candidate, actor=None) -> CandidateMerge:
    """Merge ``remove`` into ``keep``. Raises CandidateError when they are the same, either is already merged,
    or either is in a running campaign sequence. Returns the merge record (for undo)."""
    if keep.pk == remove.pk:
        raise CandidateError("A candidate cannot be merged into itself.", field="remove")
    with tenant_context(tenant):
        keep = Candidate.objects.select_for_update().get(pk=keep.pk)
        remove = Candidate.objects.select_for_update().get(pk=remove.pk)
        if CandidateStatus.MERGED in (keep.status, remove.status):
            raise CandidateError(
                "One of these candidates was already merged.", field="remove", code="already_merged"
            )
        if _blocked_by_campaigns([keep.pk, remove.pk]):
            raise CandidateError(
                "A candidate in a running campaign sequence cannot be merged; pause it first.",
                field="remove",
                code="in_campaign",
            )
        kept_before = {field: _jsonable(getattr(keep, field)) for field in PROFILE_FIELDS}
        moved = {"removed_status": remove.status}
        for name, (model, unique_field) in MOVABLE.items():
            rows = model.objects.filter(candidate=remove)
            if unique_field:
                taken = model.objects.filter(candidate=keep).values_list(unique_field, flat=True)
                rows = rows.exclude(**{f"{unique_field}__in": list(taken)})
            ids = list(rows.values_list("id", flat=True))
            model.objects.filter(pk__in=ids).update(candidate=keep)
            if model is CandidateEmail or model is CandidatePhone:
                model.objects.filter(pk__in=ids).update(is_primary=False)
            moved[name] = ids
        fill = {
            field: getattr(remove, field)
            for field in PROFILE_FIELDS
            if field not in ("status", "source", "full_name")
        }
        candidate_set_fields(keep, fill, source="merge", actor=actor, only_empty=True)
        remove.status, remove.merged_into, remove.updated_at = CandidateStatus.MERGED, keep, timezone.now()
        remove.save(update_fields=["status", "merged_into", "updated_at"])
        candidate_sync_tag_ids(keep)
        candidate_sync_tag_ids(remove)
        _resolve_flags(keep.pk, remove.pk, DuplicateStatus.MERGED)
        _log_change(
            keep,
            "merged",
            None,
            {"removed": remove.pk, "name": remove.full_name},
            source="merge",
            actor=actor,
        )
        _log_change(remove, "merged_into", None, keep.pk, source="merge", actor=actor)
        merge = CandidateMerge.objects.create(
            kept=keep,
            removed=remove,
            moved=moved,
            kept_before=kept_before,
            actor=actor if getattr(actor, "pk", None) else None,
        )
        webhook_emit(
            "candidate.merged", {"candidate": {"id": keep.pk}, "merged": {"id": remove.pk}, "merge": merge.pk}
        )
        return merge


def candidate_merge_undo(tenant: Tenant, *, merge: CandidateMerge, actor=None) -> CandidateMerge:
    """Undo a merge: moved rows go back, the kept candidate's fields return to what they were, the removed
    candidate is live again. Raises CandidateError when it was undone already."""
    with tenant_context(tenant):
        merge = CandidateMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise CandidateError("This merge was undone already.", field="merge", code="already_undone")
        keep = Candidate.objects.select_for_update().get(pk=merge.kept_id)
        remove = Candidate.objects.select_for_update().get(pk=merge.removed_id)
        for name, (model, _unique) in MOVABLE.items():
            model.objects.filter(pk__in=merge.moved.get(name, []), candidate=keep).update(candidate=remove)
        restore = {
            field: merge.kept_before.get(field)
            for field in PROFILE_FIELDS
            if field not in ("status",) and field in merge.kept_before
        }
        for field, value in restore.items():
            old = getattr(keep, field)
            value = Candidate._meta.get_field(field).to_python(value)
            if old != value:
                setattr(keep, field, value)
                _log_change(keep, field, old, value, source="merge_undo", actor=actor)
        keep.updated_at = timezone.now()
        keep.save()
        remove.status = merge.moved.get("removed_status", CandidateStatus.ACTIVE)
        remove.merged_into = None
        remove.updated_at = timezone.now()
        remove.save(update_fields=["status", "merged_into", "updated_at"])
        candidate_sync_tag_ids(keep)
        candidate_sync_tag_ids(remove)
        DuplicateFlag.objects.filter(
            candidate_low_id=min(keep.pk, remove.pk), candidate_high_id=max(keep.pk, remove.pk)
        ).update(status=DuplicateStatus.OPEN, resolved_at=None)
        _log_change(keep, "merge_undone", None, remove.pk, source="merge_undo", actor=actor)
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at"])
        return merge


def _resolve_flags(first: int, second: int, status: str) -> None:
    DuplicateFlag.objects.filter(
        candidate_low_id=min(first, second), candidate_high_id=max(first, second)
    ).update(status=status, resolved_at=timezone.now())
