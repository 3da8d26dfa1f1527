"""JSON Resume (https://jsonresume.org/schema) in and out."""

from __future__ import annotations

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import Candidate, Education, Experience
from .profile import (
    CandidateError,
    CandidateInput,
    _month_to_date,
    candidate_add_emails,
    candidate_add_phones,
    candidate_create,
    candidate_find_exact,
    candidate_set_fields,
    normalize_text,
)

LEVEL_WORDS = {"phd": "doctor", "doctor": "doctor", "master": "master", "mba": "master", "bachelor": "bachelor",
               "associate": "associate", "博士": "doctor", "硕士": "master", "本科": "bachelor", "大专": "associate"}


def _month(value) -> str | None:
    text = normalize_text(value)
    return text[:7] if len(text) >= 7 and text[4] == "-" else (f"{text[:4]}-01" if text[:4].isdigit() else None)


def _level(study_type: str) -> str:
    text = (study_type or "").lower()
    return next((level for word, level in LEVEL_WORDS.items() if word in text), "other" if text else "")


def json_resume_import(tenant: Tenant, *, document: dict, source: str = "json_resume", actor=None) -> tuple[Candidate, bool]:
    """Create or update a candidate from a JSON Resume object. Returns (candidate, created). Raises
    CandidateError for input that is not a JSON Resume. Safe to run twice (matches by email/phone)."""
    if not isinstance(document, dict) or not isinstance(document.get("basics", {}), dict):
        raise CandidateError("Expected a JSON Resume object with a 'basics' section.", field="basics")
    basics = document.get("basics") or {}
    location = basics.get("location") or {}
    work = [w for w in document.get("work") or [] if isinstance(w, dict)]
    education = [e for e in document.get("education") or [] if isinstance(e, dict)]
    fields = {
        "location": normalize_text(location.get("city") if isinstance(location, dict) else ""),
        "current_title": normalize_text(basics.get("label") or (work[0].get("position") if work else "")),
        "current_company": normalize_text(work[0].get("name") or work[0].get("company") if work else ""),
    }
    emails = tuple(filter(None, [basics.get("email")]))
    phones = tuple(filter(None, [basics.get("phone")]))
    with tenant_context(tenant):
        candidate = candidate_find_exact(emails=emails, phones=phones)
        created = candidate is None
        if created:
            candidate = candidate_create(tenant, data=CandidateInput(full_name=basics.get("name") or "", emails=emails,
                                                                     phones=phones, fields=fields),
                                         source=source, actor=actor)
        else:
            candidate_set_fields(candidate, fields, source=source, actor=actor, only_empty=True)
            candidate_add_emails(candidate, emails, source=source, actor=actor)
            candidate_add_phones(candidate, phones, source=source, actor=actor)
        Experience.objects.filter(candidate=candidate, document__isnull=True).delete()
        Education.objects.filter(candidate=candidate, document__isnull=True).delete()
        Experience.objects.bulk_create([
            Experience(tenant_id=tenant.pk, candidate=candidate, company=normalize_text(w.get("name") or w.get("company"))[:200],
                       title=normalize_text(w.get("position"))[:200], start=_month_to_date(_month(w.get("startDate"))),
                       end=_month_to_date(_month(w.get("endDate"))), is_current=not w.get("endDate"))
            for w in work
        ])
        Education.objects.bulk_create([
            Education(tenant_id=tenant.pk, candidate=candidate, school=normalize_text(e.get("institution"))[:200],
                      degree=normalize_text(e.get("studyType"))[:100], level=_level(e.get("studyType") or ""),
                      major=normalize_text(e.get("area"))[:200], start=_month_to_date(_month(e.get("startDate"))),
                      end=_month_to_date(_month(e.get("endDate"))))
            for e in education
        ])
    return candidate, created


def json_resume_export(candidate: Candidate) -> dict:
    """The candidate as a JSON Resume object (inside the candidate's tenant)."""
    emails = list(candidate.emails.values_list("email", flat=True))
    phones = list(candidate.phones.values_list("phone", flat=True))
    tags = candidate.candidate_tags.filter(removed_at__isnull=True).select_related("tag")
    return {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": candidate.full_name, "label": candidate.current_title, "email": emails[0] if emails else "",
            "phone": phones[0] if phones else "", "location": {"city": candidate.location},
        },
        "work": [
            {"name": e.company, "position": e.title, "startDate": e.start.isoformat()[:7] if e.start else "",
             "endDate": e.end.isoformat()[:7] if e.end else ""}
            for e in candidate.experiences.all()
        ],
        "education": [
            {"institution": e.school, "area": e.major, "studyType": e.degree,
             "startDate": e.start.isoformat()[:7] if e.start else "", "endDate": e.end.isoformat()[:7] if e.end else ""}
            for e in candidate.educations.all()
        ],
        "skills": [{"name": t.tag.display_name, "keywords": [t.tag.name_zh] if t.tag.name_zh else []}
                   for t in tags if t.tag.category == "skill"],
        "meta": {"talentpool": {"id": candidate.pk, "emails": emails, "phones": phones,
                                "tags": [t.tag.key for t in tags]}},
    }
