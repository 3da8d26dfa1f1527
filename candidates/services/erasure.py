"""Removing a candidate's personal data while keeping the row: for erasure requests and for retention.

The candidate row stays (status ``anonymised``, every personal field blank) so applications, hires and the
funnels that count them are unchanged; everything that names or describes the person goes: contacts, external
ids, documents and their files, parsed experience and education, tags and the ranking arrays, the change log,
duplicate flags, import rows' raw cells, merge snapshots, and engagement's message and interaction texts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import (
    Candidate,
    CandidateEmail,
    CandidateMerge,
    CandidatePhone,
    CandidateStatus,
    CandidateTag,
    Document,
    DuplicateFlag,
    Education,
    Experience,
    ExternalId,
    ImportRow,
    ProfileChange,
)

logger = logging.getLogger(__name__)

ANONYMISED_NAME = "—"

# Columns emptied on the candidate row (to each one's empty value). Kept: source, status history through
# applications, created_at, the activity anchors (numbers, used by past funnels and the score distribution).
_BLANK = {
    "full_name": ANONYMISED_NAME,
    "location": "",
    "current_title": "",
    "current_company": "",
    "years_experience": None,
    "highest_education": "",
    "salary_min": None,
    "salary_max": None,
    "salary_currency": "",
    "salary_period": "",
    "salary_months": None,
    "consent_source": "",
    "needs_contact": False,
    "tag_ids": [],
    "tag_strengths": [],
}


@dataclass
class AnonymisedCandidate:
    """What was removed, as counts (no personal data), and the identifiers for the caller to hash."""

    candidate_id: int
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    already: bool = False


def candidate_contacts(candidate: Candidate) -> tuple[list[str], list[str]]:
    """The candidate's normalised emails and phones (what erasure hashes onto the suppression list)."""
    emails = list(CandidateEmail.objects.filter(candidate=candidate).values_list("email", flat=True))
    phones = list(CandidatePhone.objects.filter(candidate=candidate).values_list("phone", flat=True))
    return emails, phones


def candidate_anonymise(tenant: Tenant, *, candidate: Candidate, reason: str) -> AnonymisedCandidate:
    """Remove ``candidate``'s personal data in one transaction; files are deleted once it commits.

    Returns what was removed. Safe to run twice: an anonymised candidate with nothing left returns
    ``already=True`` and changes nothing. Engagement's texts go through engagement's own service.
    """
    from engagement.services.erasure import candidate_engagement_erase
    from profiles.services import candidate_pipeline_erase

    with tenant_context(tenant):
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        emails, phones = candidate_contacts(locked)
        documents = list(Document.objects.filter(candidate=locked))
        files = [document.file.name for document in documents if document.file]
        counts = {
            "emails": len(emails),
            "phones": len(phones),
            "documents": len(documents),
            "external_ids": ExternalId.objects.filter(candidate=locked).delete()[0],
            "experiences": Experience.objects.filter(candidate=locked).delete()[0],
            "educations": Education.objects.filter(candidate=locked).delete()[0],
            "tags": CandidateTag.objects.filter(candidate=locked).delete()[0],
            "changes": ProfileChange.objects.filter(candidate=locked).delete()[0],
            "duplicate_flags": DuplicateFlag.objects.filter(
                Q(candidate_low=locked) | Q(candidate_high=locked)
            ).delete()[0],
            "import_rows": ImportRow.objects.filter(candidate=locked).exclude(raw={}).update(raw={}),
            "merge_snapshots": CandidateMerge.objects.filter(Q(kept=locked) | Q(removed=locked))
            .exclude(kept_before={})
            .update(kept_before={}),
        }
        CandidateEmail.objects.filter(candidate=locked).delete()
        CandidatePhone.objects.filter(candidate=locked).delete()
        Document.objects.filter(pk__in=[document.pk for document in documents]).delete()
        counts.update(candidate_engagement_erase(candidate_id=locked.pk, reason=reason))
        counts.update(candidate_pipeline_erase(candidate_id=locked.pk))
        changed = [name for name, value in _BLANK.items() if getattr(locked, name) != value]
        already = locked.status == CandidateStatus.ANONYMISED and not changed and not any(counts.values())
        if not already:
            for name in changed:
                setattr(locked, name, _BLANK[name])
            locked.status = CandidateStatus.ANONYMISED
            locked.updated_at = timezone.now()
            locked.save(update_fields=[*changed, "status", "updated_at"])
        if files:
            transaction.on_commit(lambda: _delete_files(files))
    return AnonymisedCandidate(
        candidate_id=locked.pk, emails=emails, phones=phones, counts=counts, already=already
    )


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # logged with the storage name only (a path of ids), never the person's data
            logger.exception("could not delete an erased candidate's file %s", name)
