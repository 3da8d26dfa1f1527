"""JSON Resume (https://jsonresume.org/schema, schema 1.x) in and out, without loss.

Every section that has a place in the model goes there: basics to the candidate's name, title, location, e-mail
and phone; work and education to Experience and Education; skills (with their keywords) and languages to tags
through the tenant's taxonomy. The whole document is also kept verbatim with the candidate, as a JSON document
(``Document.kind == "json"``), so that summary, url, profiles, highlights, levels, projects, awards,
publications, volunteer work, interests and references come back out exactly as they came in; an export
overlays what the pool knows now (a recruiter's edit wins) on that copy.

Phones are read in the person's own country when the document says it (``basics.location.countryCode``, a
location that names a country or city, the language they speak natively); when nothing says, only an
international number or a China mainland mobile is read and any other text stays as written in the kept copy
(a US "(912) 555-4321" never becomes +86).
"""

from __future__ import annotations

import copy
import hashlib
import json

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import Candidate, Document, Education, Experience, ParseStatus, Tag, TagCategory, TagSource
from .profile import (
    CandidateError,
    CandidateInput,
    _month_to_date,
    candidate_add_emails,
    candidate_add_phones,
    candidate_create,
    candidate_find_exact,
    candidate_set_fields,
    candidate_sync_tag_ids,
    candidate_tag_add,
    normalize_email,
    normalize_phone_for,
    normalize_text,
    phone_region,
)

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
KEPT_KIND = "json"  # Document.kind of the verbatim copy
KEPT_NAME = "resume.json"
OWN_META = "talentpool"  # our key inside ``meta`` on export; dropped on import
SECTIONS = (
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
)
LIST_SECTIONS = tuple(name for name in SECTIONS if name not in ("basics", "meta"))

LEVEL_WORDS = {
    "phd": "doctor",
    "doctor": "doctor",
    "master": "master",
    "mba": "master",
    "bachelor": "bachelor",
    "associate": "associate",
    "博士": "doctor",
    "硕士": "master",
    "本科": "bachelor",
    "大专": "associate",
}
# Languages whose native speakers almost all live in one country: a phone written nationally is read there.
NATIVE_LANGUAGE_REGIONS = {
    "chinese": "CN",
    "mandarin": "CN",
    "中文": "CN",
    "汉语": "CN",
    "普通话": "CN",
    "japanese": "JP",
    "日语": "JP",
    "korean": "KR",
    "韩语": "KR",
}
NATIVE_WORDS = ("native", "mother tongue", "母语")


def _month(value) -> str | None:
    text = normalize_text(value)
    return (
        text[:7] if len(text) >= 7 and text[4] == "-" else (f"{text[:4]}-01" if text[:4].isdigit() else None)
    )


def _level(study_type: str) -> str:
    text = (study_type or "").lower()
    return next((level for word, level in LEVEL_WORDS.items() if word in text), "other" if text else "")


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def json_resume_check(document) -> dict:
    """``document`` when it has the shape of a JSON Resume (an object; basics and meta objects; the other
    sections lists), else CandidateError naming the section at fault."""
    if not isinstance(document, dict):
        raise CandidateError("Expected a JSON Resume object with a 'basics' section.", field="basics")
    for name in ("basics", "meta"):
        if document.get(name) is not None and not isinstance(document.get(name), dict):
            raise CandidateError(f"The JSON Resume section {name!r} must be an object.", field=name)
    for name in LIST_SECTIONS:
        if document.get(name) is not None and not isinstance(document.get(name), list):
            raise CandidateError(f"The JSON Resume section {name!r} must be a list.", field=name)
    return document


def json_resume_region(document: dict) -> str | None:
    """The region a person's national phone numbers are read in (see the module's docstring), or None."""
    basics = document.get("basics") or {}
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    place = " ".join(normalize_text(location.get(key)) for key in ("city", "region", "address"))
    region = phone_region(country=location.get("countryCode") or "", location=place)
    if region:
        return region
    for entry in _dicts(document.get("languages")):
        fluency = normalize_text(entry.get("fluency")).lower()
        language = normalize_text(entry.get("language")).lower()
        if any(word in fluency for word in NATIVE_WORDS) and language in NATIVE_LANGUAGE_REGIONS:
            return NATIVE_LANGUAGE_REGIONS[language]
    return None


def json_resume_fields(document: dict) -> dict:
    """What the model stores of ``document``: the candidate's fields, contacts, history and tag words.

    Returns ``{"full_name", "fields", "emails", "phones", "phones_kept", "experiences", "educations",
    "skill_words", "language_words", "texts"}``; ``phones_kept`` are the numbers left as written (region
    unknown). Pure: reads nothing, writes nothing.
    """
    basics = document.get("basics") or {}
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    work = _dicts(document.get("work"))
    region = json_resume_region(document)
    phone_text = normalize_text(basics.get("phone"))
    phone = normalize_phone_for(phone_text, region=region) if phone_text else None
    email = normalize_email(basics.get("email")) if basics.get("email") else None
    skills = _dicts(document.get("skills"))
    return {
        "full_name": normalize_text(basics.get("name"))[:200],
        "fields": {
            "location": normalize_text(location.get("city"))[:120],
            "current_title": normalize_text(basics.get("label") or (work[0].get("position") if work else ""))[
                :200
            ],
            "current_company": normalize_text(work[0].get("name") or work[0].get("company") if work else "")[
                :200
            ],
        },
        "emails": [email] if email else [],
        "phones": [phone] if phone else [],
        "phones_kept": [phone_text] if phone_text and not phone else [],
        "experiences": [
            {
                "company": normalize_text(w.get("name") or w.get("company"))[:200],
                "title": normalize_text(w.get("position"))[:200],
                "start": _month(w.get("startDate")),
                "end": _month(w.get("endDate")),
                "is_current": not w.get("endDate"),
            }
            for w in work
        ],
        "educations": [
            {
                "school": normalize_text(e.get("institution"))[:200],
                "degree": normalize_text(e.get("studyType"))[:100],
                "level": _level(e.get("studyType") or ""),
                "major": normalize_text(e.get("area"))[:200],
                "start": _month(e.get("startDate")),
                "end": _month(e.get("endDate")),
            }
            for e in _dicts(document.get("education"))
        ],
        "skill_words": [
            normalize_text(word)
            for s in skills
            for word in [s.get("name"), *(s.get("keywords") if isinstance(s.get("keywords"), list) else [])]
            if normalize_text(word)
        ],
        "language_words": [
            normalize_text(entry.get("language"))
            for entry in _dicts(document.get("languages"))
            if normalize_text(entry.get("language"))
        ],
        "texts": [
            normalize_text(basics.get("summary")),
            *(normalize_text(w.get("summary")) for w in work),
            *(normalize_text(h) for w in work for h in (w.get("highlights") or []) if isinstance(h, str)),
        ],
    }


def tags_for_words(words, *, lookup: dict | None = None) -> list[Tag]:
    """The tenant's live tags named by ``words`` (key, English or Chinese name, or a synonym; case aside), once
    each, in the order first named. ``lookup`` (``imports._tag_lookup()``) saves reading every tag again when
    a caller names words many times. Inside the tenant."""
    from .imports import _tag_lookup

    lookup = _tag_lookup() if lookup is None else lookup
    if not any(w and w.lower() in lookup for w in words):
        return []
    ids = list(dict.fromkeys(lookup[w.lower()] for w in words if w and w.lower() in lookup))
    by_id = Tag.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def json_resume_keep(candidate: Candidate, document: dict) -> Document:
    """Keep ``document`` verbatim with ``candidate`` (without our own ``meta.talentpool``), as a JSON document
    the export starts from. Returns the kept Document. Safe to run twice: the same document is one row."""
    kept = copy.deepcopy(document)
    if isinstance(kept.get("meta"), dict):
        kept["meta"].pop(OWN_META, None)
        if not kept["meta"]:
            kept.pop("meta")
    data = json.dumps(kept, ensure_ascii=False, indent=2).encode()
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        if existing.candidate_id is None:
            existing.candidate = candidate
            existing.save(update_fields=["candidate"])
        return existing
    row = Document(
        candidate=candidate,
        original_name=KEPT_NAME,
        sha256=sha256,
        content_type="application/json",
        kind=KEPT_KIND,
        size=len(data),
        text=data.decode(),
        parse_status=ParseStatus.PARSED,
        parsed_at=timezone.now(),
    )
    row.tenant_id = candidate.tenant_id
    row.file.save(sha256, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # kept in parallel
        row.file.delete(save=False)
        return Document.objects.get(sha256=sha256)
    return row


def kept_document(candidate: Candidate) -> Document | None:
    """The candidate's latest verbatim JSON Resume, or None."""
    return Document.objects.filter(candidate=candidate, kind=KEPT_KIND).order_by("-created_at", "-id").first()


def history_replace(
    candidate: Candidate,
    *,
    experiences: list[dict] | None,
    educations: list[dict] | None,
    document: Document | None,
) -> None:
    """Replace the candidate's experience and education that came from ``document`` (None: the rows no document
    made) with these, in their order; a section given as None is left as it is. A kept JSON Resume replaces the
    rows of the candidate's earlier ones. Inside the tenant."""
    for model, given in ((Experience, experiences), (Education, educations)):
        if given is None:
            continue
        rows = model.objects.filter(candidate=candidate)
        if document is not None and document.kind == KEPT_KIND:
            rows.filter(document__kind=KEPT_KIND).delete()
        rows.filter(document=document).delete()
    Experience.objects.bulk_create(
        [
            Experience(
                tenant_id=candidate.tenant_id,
                candidate=candidate,
                company=e["company"],
                title=e["title"],
                start=_month_to_date(e["start"]),
                end=_month_to_date(e["end"]),
                is_current=e["is_current"],
                document=document,
            )
            for e in experiences or ()
        ]
    )
    Education.objects.bulk_create(
        [
            Education(
                tenant_id=candidate.tenant_id,
                candidate=candidate,
                school=e["school"],
                degree=e["degree"],
                level=e["level"],
                major=e["major"],
                start=_month_to_date(e["start"]),
                end=_month_to_date(e["end"]),
                document=document,
            )
            for e in educations or ()
        ]
    )


def json_resume_import(
    tenant: Tenant, *, document: dict, source: str = "json_resume", actor=None
) -> tuple[Candidate, bool]:
    """Create or update a candidate from a JSON Resume object. Returns (candidate, created). Raises
    CandidateError for input that is not a JSON Resume. Safe to run twice (matches by email/phone; the kept
    copy, history and tags come out the same)."""
    json_resume_check(document)
    known = json_resume_fields(document)
    with tenant_context(tenant):
        candidate = candidate_find_exact(emails=known["emails"], phones=known["phones"])
        created = candidate is None
        if created:
            candidate = candidate_create(
                tenant,
                data=CandidateInput(
                    full_name=known["full_name"],
                    emails=tuple(known["emails"]),
                    phones=tuple(known["phones"]),
                    fields=known["fields"],
                ),
                source=source,
                actor=actor,
            )
        else:
            candidate_set_fields(candidate, known["fields"], source=source, actor=actor, only_empty=True)
            candidate_add_emails(candidate, known["emails"], source=source, actor=actor)
            candidate_add_phones(candidate, known["phones"], source=source, actor=actor)
        kept = json_resume_keep(candidate, document)
        # Rows from a JSON Resume imported before the copy was kept had no document: this import replaces them.
        history_replace(candidate, experiences=[], educations=[], document=None)
        history_replace(
            candidate, experiences=known["experiences"], educations=known["educations"], document=kept
        )
        for tag in tags_for_words([*known["skill_words"], *known["language_words"]]):
            candidate_tag_add(candidate, tag=tag, source=TagSource.SYNCED, actor=actor, sync=False)
        candidate_sync_tag_ids(candidate)
    return candidate, created


# --------------------------------------------------------------------------------------------------- export


def _date(value) -> str:
    return value.isoformat()[:7] if value else ""


def _same_month(text, value) -> bool:
    return _month(text) == (_date(value) or None)


def _overlay_dates(entry: dict, start, end) -> None:
    """Keep the document's own dates when the model's months agree; else write the model's (never "")."""
    for key, value in (("startDate", start), ("endDate", end)):
        if key in entry and _same_month(entry[key], value):
            if entry[key] == "":
                entry.pop(key)  # an empty date fails the schema; it said nothing
            continue
        entry.pop(key, None)
        if value:
            entry[key] = _date(value)


def _set(entry: dict, key: str, value: str, *, alias: str | None = None) -> None:
    """Write ``value`` unless the entry already says the same (under ``key`` or ``alias``); never write ""."""
    current = entry.get(key) if key in entry or alias is None else entry.get(alias)
    if normalize_text(current) == value:
        return
    if alias and alias in entry and key not in entry:
        entry.pop(alias)
    if value:
        entry[key] = value
    else:
        entry.pop(key, None)


def _work(experiences, kept_work: list[dict]) -> list[dict]:
    entries = []
    for index, experience in enumerate(experiences):
        entry = copy.deepcopy(kept_work[index]) if index < len(kept_work) else {}
        _set(entry, "name", experience.company, alias="company")
        _set(entry, "position", experience.title)
        _overlay_dates(entry, experience.start, experience.end)
        entries.append(entry)
    return entries


def _education(educations, kept: list[dict]) -> list[dict]:
    entries = []
    for index, education in enumerate(educations):
        entry = copy.deepcopy(kept[index]) if index < len(kept) else {}
        _set(entry, "institution", education.school)
        _set(entry, "studyType", education.degree)
        _set(entry, "area", education.major)
        _overlay_dates(entry, education.start, education.end)
        entries.append(entry)
    return entries


def _basics(
    candidate: Candidate,
    kept: dict,
    emails: list[str],
    phones: list[str],
    region: str | None,
    first_position: str,
) -> dict:
    basics = copy.deepcopy(kept)
    _set(basics, "name", candidate.full_name)
    label = normalize_text(basics.get("label"))
    if (
        candidate.current_title
        and candidate.current_title != label
        and not (not label and candidate.current_title == first_position)
    ):
        basics["label"] = candidate.current_title
    kept_email = normalize_email(basics.get("email")) if basics.get("email") else None
    if kept_email not in emails:
        basics.pop("email", None)
        if emails:
            basics["email"] = emails[0]
    kept_phone = normalize_text(basics.get("phone"))
    if kept_phone and normalize_phone_for(kept_phone, region=region) not in (*phones, None):
        basics.pop("phone")  # the kept number was replaced (a person's edit): the pool's number is the truth
    if "phone" not in basics and phones:
        basics["phone"] = phones[0]
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    if candidate.location != normalize_text(location.get("city")):
        location = (
            {**location, "city": candidate.location}
            if candidate.location
            else {k: v for k, v in location.items() if k != "city"}
        )
    if location:
        basics["location"] = location
    else:
        basics.pop("location", None)
    return basics


def _named_extra(kept: list[dict], key: str, tags: list[Tag]) -> list[dict]:
    """Kept entries, then one for each tag none of them names (a tag a recruiter or a parse added)."""
    named = {normalize_text(entry.get(key)).lower() for entry in kept}
    named |= {
        normalize_text(word).lower()
        for entry in kept
        for word in (entry.get("keywords") or [])
        if isinstance(word, str)
    }
    extra = []
    for tag in tags:
        names = {n.lower() for n in (tag.name_en, tag.name_zh, tag.key, *tag.synonyms) if n}
        if not names & named:
            extra.append({key: tag.display_name})
            named |= names
    return [*copy.deepcopy(kept), *extra]


def json_resume_export(candidate: Candidate) -> dict:
    """The candidate as a JSON Resume object (inside the candidate's tenant) that validates against the official
    schema: the kept copy with what the pool knows now laid over it, and experience, education and tags no
    document brought added. An import followed by an export gives the document back."""
    row = kept_document(candidate)
    kept = json.loads(row.text) if row is not None else {}
    emails = list(candidate.emails.values_list("email", flat=True))
    phones = list(candidate.phones.values_list("phone", flat=True))
    tags = list(candidate.candidate_tags.filter(removed_at__isnull=True).select_related("tag").order_by("id"))
    kept_work = _dicts(kept.get("work"))
    first_position = normalize_text(kept_work[0].get("position")) if kept_work else ""
    # The kept document's rows first, in its order; then rows from parsed resumes or a person.
    experiences = sorted(
        candidate.experiences.all(), key=lambda e: (e.document_id != getattr(row, "pk", None), e.pk)
    )
    educations = sorted(
        candidate.educations.all(), key=lambda e: (e.document_id != getattr(row, "pk", None), e.pk)
    )
    document = {
        "$schema": kept.get("$schema") or SCHEMA_URL,
        "basics": _basics(
            candidate, kept.get("basics") or {}, emails, phones, json_resume_region(kept), first_position
        ),
    }
    sections = {
        "work": _work(experiences, kept_work),
        "education": _education(educations, _dicts(kept.get("education"))),
        "skills": _named_extra(
            _dicts(kept.get("skills")), "name", [t.tag for t in tags if t.tag.category == TagCategory.SKILL]
        ),
        "languages": _named_extra(
            _dicts(kept.get("languages")),
            "language",
            [t.tag for t in tags if t.tag.category == TagCategory.LANGUAGE],
        ),
    }
    for name in SECTIONS[1:-1]:
        value = sections[name] if name in sections else copy.deepcopy(kept.get(name))
        if value or name in kept:
            document[name] = value if value is not None else []
    meta = copy.deepcopy(kept.get("meta")) if isinstance(kept.get("meta"), dict) else {}
    meta[OWN_META] = {
        "id": candidate.pk,
        "emails": emails,
        "phones": phones,
        "tags": [t.tag.key for t in tags],
    }
    document["meta"] = meta
    return document
