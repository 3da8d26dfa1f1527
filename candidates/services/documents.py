"""Documents in, profiles out: store a file once per tenant, parse it, apply what was found to a candidate."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from candidates.parsing.pipeline import JOB_AD_PHRASES, is_resume, job_ad_phrases
from candidates.parsing.sandbox import DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_SECONDS, parse_in_sandbox
from candidates.parsing.types import ParsedResume
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import EDUCATION_RANK, Candidate, Document, Education, Experience, ParseStatus, Tag, TagSource
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
    normalize_phone,
)
from .taxonomy import tenant_matcher

logger = logging.getLogger(__name__)

PARSER_VERSION = "2"  # 2: tags carry their mentions and strength


def clean_filename(name: str) -> str:
    """The base name only, without directories or control characters (names are shown, never used as paths)."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return "".join(ch for ch in base if ch.isprintable())[:255]


def document_store(
    tenant: Tenant,
    *,
    data: bytes,
    filename: str,
    content_type: str = "",
    actor=None,
    candidate: Candidate | None = None,
) -> tuple[Document, bool]:
    """Store ``data`` once per tenant, keyed by SHA-256. Returns (document, created). Safe to run twice: the
    same bytes give the same document. Raises CandidateError for an empty or oversized file."""
    if not data:
        raise CandidateError("The file is empty.", field="file", code="empty")
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise CandidateError(
            f"The file is larger than {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
            field="file",
            code="too_large",
        )
    sha256 = hashlib.sha256(data).hexdigest()
    with tenant_context(tenant):
        existing = Document.objects.filter(sha256=sha256).first()
        if existing is not None:
            return existing, False
        document = Document(
            sha256=sha256,
            original_name=clean_filename(filename),
            content_type=(content_type or "")[:100],
            size=len(data),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            candidate=candidate,
        )
        document.tenant_id = tenant.pk
        document.file.save(sha256, ContentFile(data), save=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:  # the same file arrived in parallel: keep the first
            document.file.delete(save=False)
            return Document.objects.get(sha256=sha256), False
    return document, True


@dataclass(frozen=True)
class ParseOutcome:
    document: Document
    candidate: Candidate | None
    status: str
    error: str = ""
    created_candidate: bool = False


MAX_PARSE_ATTEMPTS = 3
INTERRUPTED = "parsing was interrupted {n} times (the worker stopped); the file is not tried again"


def document_parse(tenant: Tenant, *, document_id: int, actor=None) -> ParseOutcome:
    """Extract, parse and apply one document. Safe to run twice: re-parsing replaces what this document
    contributed (experience, education, extracted tags) and never re-adds tags a person removed.

    The file is read in a child process with its own memory and time limit (``parsing.sandbox``); a file that
    exceeds them ends ``failed`` with the reason. Before that the document is marked ``parsing`` with one more
    attempt, committed on its own: finding it still ``parsing`` means an earlier attempt died with its worker,
    and after ``MAX_PARSE_ATTEMPTS`` the document ends ``failed`` instead of being tried again. Never raises
    for a bad file."""
    # Its own transaction (tenant_context opens one), committed before the file is read: if the worker dies
    # while parsing, the next attempt finds the document still "parsing".
    with tenant_context(tenant):
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.parse_status == ParseStatus.PARSING and document.parse_attempts >= MAX_PARSE_ATTEMPTS:
            return _fail(document, ParseStatus.FAILED, INTERRUPTED.format(n=document.parse_attempts))
        unfinished = document.parse_status in (ParseStatus.PENDING, ParseStatus.PARSING)
        document.parse_attempts = document.parse_attempts + 1 if unfinished else 1
        document.parse_status = ParseStatus.PARSING
        document.parse_started_at = timezone.now()
        document.save(update_fields=["parse_attempts", "parse_status", "parse_started_at"])
        matcher = tenant_matcher()
    # No transaction is held open while the child works.
    with document.file.open("rb") as handle:
        data = handle.read()
    result = parse_in_sandbox(
        data,
        document.original_name,
        document.content_type or None,
        matcher=matcher,
        max_bytes=settings.MAX_UPLOAD_BYTES,
        memory_limit_mb=_setting("PARSE_MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT_MB),
        time_limit_seconds=_setting("PARSE_TIME_LIMIT_SECONDS", DEFAULT_TIME_LIMIT_SECONDS),
    )
    del data
    with tenant_context(tenant):
        document = Document.objects.select_for_update().get(pk=document_id)
        document.parser_version = PARSER_VERSION
        document.parsed_at = timezone.now()
        if result.error:
            logger.warning(
                "document %s of tenant %s: %s (%.1f s)", document_id, tenant.pk, result.error, result.seconds
            )
            document.text = ""
            return _fail(document, ParseStatus.FAILED, result.error)
        extracted, parsed = result.extracted, result.parsed
        document.kind = extracted.kind or ""
        document.encoding = extracted.encoding or ""
        document.text = extracted.text or ""
        if extracted.status != "ok":
            return _fail(document, extracted.status, extracted.error or extracted.status)
        document.language = parsed.language
        if not is_resume(extracted.text, parsed):
            return _fail(document, ParseStatus.FAILED, refusal_message(extracted.text))
        first_parse = document.candidate_id is None
        candidate, created = _candidate_for(tenant, document, parsed, actor)
        parsed_apply(candidate, parsed, document=document, actor=actor)
        if first_parse and not created:
            _resume_updated(candidate, document, actor)
        document.candidate = candidate
        document.parse_status = ParseStatus.PARSED
        document.parse_error = ""
        document.save()
    if created and not candidate.needs_contact:  # a placeholder name and no contact: nothing to compare
        from .dedup import duplicates_flag_for

        duplicates_flag_for(tenant, candidate_id=candidate.pk)
    return ParseOutcome(document, candidate, ParseStatus.PARSED, created_candidate=created)


def _setting(name: str, default: int) -> int:
    """A parse limit from settings (environment in production), the sandbox's default when unset."""
    return int(getattr(settings, name, default) or default)


def _resume_updated(candidate: Candidate, document: Document, actor) -> None:
    """A new resume of a candidate already in the pool is something they did: engagement records it (once per
    document, so a re-parse adds nothing)."""
    from engagement.services.interactions import interaction_record

    interaction_record(
        candidate=candidate,
        kind="resume_updated",
        channel="web" if actor is None else "",
        occurred_at=min(document.created_at, timezone.now()),
        actor=actor,
        external_id=f"document:{document.pk}",
        metadata={"document": document.pk},
    )


def _fail(document: Document, status: str, error: str) -> ParseOutcome:
    document.parse_status = status if status in ParseStatus.values else ParseStatus.FAILED
    document.parse_error = error
    document.save()
    return ParseOutcome(document, document.candidate, document.parse_status, error)


def _candidate_for(tenant, document: Document, parsed: ParsedResume, actor) -> tuple[Candidate, bool]:
    if document.candidate_id:
        return document.candidate, False
    existing = candidate_find_exact(emails=parsed.emails, phones=parsed.phones)
    if existing is not None:
        return existing, False
    name = parsed.name or next((e.text for e in parsed.entities if e.label == "NAME"), "")
    blind = not (name or parsed.emails or parsed.phones)
    if blind:
        name = unnamed_candidate_name(tenant)
    data = CandidateInput(full_name=name, emails=tuple(parsed.emails), phones=tuple(parsed.phones))
    candidate = candidate_create(tenant, data=data, source="upload", actor=actor)
    if blind:
        candidate.needs_contact = True
        candidate.save(update_fields=["needs_contact"])
    return candidate, True


# Stored in English (the API's ``parse_error``); pages show them in the reader's language (``shown_parse_error``).
NOT_A_RESUME = gettext_noop(
    "No name, email or phone, and no resume sections, work history, education or skills were found: "
    "this does not look like a resume."
)
A_JOB_AD = gettext_noop("This reads as a job ad (%(phrases)s), not a resume.")


def refusal_message(text: str) -> str:
    """Why a document that ``is_resume`` refused is not a resume, in words the uploader can act on."""
    phrases = job_ad_phrases(text)
    if len(phrases) >= JOB_AD_PHRASES:
        return A_JOB_AD % {"phrases": ", ".join(f"“{phrase}”" for phrase in phrases[:4])}
    return NOT_A_RESUME


def unnamed_candidate_name(tenant: Tenant) -> str:
    """The placeholder name of a candidate from an anonymised resume, in the tenant's language ("Unnamed
    candidate", "未命名候选人"): a name is required, and the pool must show something a person can read."""
    with translation.override(tenant.default_language or settings.LANGUAGE_CODE):
        return gettext("Unnamed candidate")


@functools.cache
def unnamed_candidate_names() -> frozenset[str]:
    """The placeholder in every language the product speaks: a page shows it in its reader's language, whatever
    language the tenant stored it in (``shown_name``)."""
    names = set()
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            names.add(gettext("Unnamed candidate"))
    return frozenset(names)


def parsed_apply(
    candidate: Candidate, parsed: ParsedResume, *, document: Document | None, actor=None
) -> None:
    """Write what parsing found onto ``candidate``: fields a person set stay, blanks are filled, contacts are
    added, this document's experience / education / extracted tags are replaced. Inside the tenant."""
    current = parsed.experience[0] if parsed.experience else None
    levels = [entry.level for entry in parsed.education if entry.level]
    values = {
        "current_title": current.title if current else None,
        "current_company": current.company if current else None,
        "years_experience": parsed.years_experience,
        "highest_education": max(levels, key=lambda level: EDUCATION_RANK.get(level, 0)) if levels else None,
    }
    if parsed.salary is not None:
        values.update(
            salary_min=parsed.salary.min,
            salary_max=parsed.salary.max,
            salary_currency=parsed.salary.currency or "",
            salary_period=parsed.salary.period or "",
            salary_months=parsed.salary.months,
        )
    if parsed.name:
        # An unnamed candidate's placeholder is not a name a person gave: a resume that has one replaces it.
        candidate_set_fields(
            candidate,
            {"full_name": parsed.name},
            source="parse",
            document=document,
            only_empty=not candidate.needs_contact,
            respect_people=True,
        )
    candidate_set_fields(candidate, values, source="parse", document=document, respect_people=True)
    candidate_add_emails(candidate, parsed.emails, source="parse", document=document)
    candidate_add_phones(candidate, parsed.phones, source="parse", document=document)
    _replace_history(candidate, parsed, document)
    tags_apply_extracted(candidate, parsed.tags, document=document)


def _replace_history(candidate: Candidate, parsed: ParsedResume, document: Document | None) -> None:
    Experience.objects.filter(candidate=candidate, document=document).delete()
    Education.objects.filter(candidate=candidate, document=document).delete()
    Experience.objects.bulk_create(
        [
            Experience(
                tenant_id=candidate.tenant_id,
                candidate=candidate,
                company=(e.company or "")[:200],
                title=(e.title or "")[:200],
                start=_month_to_date(e.start),
                end=_month_to_date(e.end),
                is_current=bool(getattr(e, "current", False)),
                document=document,
            )
            for e in parsed.experience
        ]
    )
    Education.objects.bulk_create(
        [
            Education(
                tenant_id=candidate.tenant_id,
                candidate=candidate,
                school=(e.school or "")[:200],
                degree=(e.degree or "")[:100],
                level=e.level or "",
                major=(e.major or "")[:200],
                start=_month_to_date(e.start),
                end=_month_to_date(e.end),
                document=document,
            )
            for e in parsed.education
        ]
    )


def tags_apply_extracted(candidate: Candidate, hits, *, document: Document | None) -> None:
    """Apply taxonomy hits as extracted tags; drop this document's extracted tags that were not found again."""
    keys = {hit.tag_key for hit in hits if hit.tag_key}
    tags = {tag.key: tag for tag in Tag.objects.filter(key__in=keys, is_retired=False)}
    found = set()
    for hit in hits:
        tag = tags.get(hit.tag_key)
        if tag is None:
            continue  # free-text skills stay in the parse output; the taxonomy decides what is a tag
        found.add(tag.pk)
        candidate_tag_add(
            candidate,
            tag=tag,
            source=TagSource.EXTRACTED,
            confidence=hit.confidence,
            evidence=(hit.evidence.text, hit.evidence.start, hit.evidence.end),
            document=document,
            sync=False,
            mentions=hit.mentions,
            strength=hit.strength,
        )
    if document is not None:
        from ..models import CandidateTag

        CandidateTag.objects.filter(
            candidate=candidate, document=document, source=TagSource.EXTRACTED, removed_at__isnull=True
        ).exclude(tag_id__in=found).delete()
    candidate_sync_tag_ids(candidate)


def candidate_contact_complete(
    candidate: Candidate, *, full_name: str = "", email: str = "", phone: str = "", actor=None
) -> Candidate:
    """The recruiter gives an unnamed candidate (or any candidate) a name and a contact. The name replaces
    the placeholder; the email and phone are added; ``needs_contact`` is cleared once the candidate has an
    email or a phone. Returns the candidate. Raises CandidateError when an email or phone given is invalid,
    or when nothing is given. Safe to run twice. Inside the candidate's tenant."""
    full_name, email, phone = (full_name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not (full_name or email or phone):
        raise CandidateError("Give a name, an email or a phone.", field="full_name", code="required")
    _check_contacts(email, phone)
    with transaction.atomic():
        if email:
            candidate_add_emails(candidate, [email], source="manual", actor=actor)
        if phone:
            candidate_add_phones(candidate, [phone], source="manual", actor=actor)
        if full_name:
            candidate_set_fields(candidate, {"full_name": full_name}, source="manual", actor=actor)
    return candidate


def _check_contacts(email: str, phone: str) -> None:
    if email and not normalize_email(email):
        raise CandidateError("This email address is not valid.", field="email", code="invalid")
    if phone and not normalize_phone(phone):
        raise CandidateError("This phone number is not valid.", field="phone", code="invalid")


def document_attach_to_new_candidate(
    tenant: Tenant, *, document_id: int, full_name: str, email: str = "", phone: str = "", actor=None
) -> Candidate:
    """Keep a file that could not be read as a resume (a scan, a refused or failed file) as an attachment of a
    candidate the recruiter creates by hand. Returns the new candidate. Raises CandidateError when the
    document already belongs to a candidate, or when the name and contacts are missing or invalid. Not
    idempotent (each call would create a candidate): the second call fails because the document is attached."""
    with tenant_context(tenant), transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.candidate_id:
            raise CandidateError(
                "This file already belongs to a candidate.", field="document", code="attached"
            )
        if not (full_name or "").strip():
            raise CandidateError("Give the candidate a name.", field="full_name", code="required")
        _check_contacts(email, phone)
        data = CandidateInput(
            full_name=full_name, emails=(email,) if email else (), phones=(phone,) if phone else ()
        )
        candidate = candidate_create(tenant, data=data, source="manual", actor=actor)
        document.candidate = candidate
        document.save(update_fields=["candidate"])
    from .dedup import duplicates_flag_for

    duplicates_flag_for(tenant, candidate_id=candidate.pk)
    return candidate


def document_delete(tenant: Tenant, *, document_id: int, actor=None) -> None:
    """Remove a file that belongs to no candidate (a refused or failed upload) from the upload list and from
    storage. Raises CandidateError for a document of a candidate (it is part of their profile). Safe to run
    twice only in the sense that the second call raises Document.DoesNotExist."""
    with tenant_context(tenant), transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.candidate_id:
            raise CandidateError(
                "This file belongs to a candidate's profile; it is not removed from here.",
                field="document",
                code="attached",
            )
        storage, name = document.file.storage, document.file.name
        logger.info(
            "document %s (%s) deleted from the upload list by %s",
            document.pk,
            document.sha256[:12],
            getattr(actor, "pk", None),
        )
        document.delete()
        transaction.on_commit(lambda: storage.delete(name) if name else None)


ZIP_MAX_MEMBERS = 500
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100


@dataclass(frozen=True)
class IngestItem:
    """One file of an upload: stored (document set) or refused (error set)."""

    filename: str
    document: Document | None = None
    created: bool = False
    error: str = ""
    code: str = ""


def expand_upload(filename: str, data: bytes) -> list[tuple[str, bytes | None, str]]:
    """The files of an upload: a zip gives its members (name, bytes, error); anything else gives itself.

    Zip members are read only after checking counts, sizes and compression ratios (zip bombs), and names are
    used for display only, never as paths (traversal in names is harmless and stripped).
    """
    import io
    import zipfile

    if not (data[:4] == b"PK\x03\x04" and filename.lower().endswith(".zip")):
        return [(clean_filename(filename), data, "")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile:
        return [(clean_filename(filename), None, "This zip file is damaged.")]
    if len(members) > ZIP_MAX_MEMBERS:
        return [(clean_filename(filename), None, f"A zip may hold at most {ZIP_MAX_MEMBERS} files.")]
    total = sum(info.file_size for info in members)
    if total > ZIP_MAX_TOTAL_BYTES or total > ZIP_MAX_RATIO * max(len(data), 1) + 1_000_000:
        return [
            (clean_filename(filename), None, "This zip expands to an unreasonable size; it was not opened.")
        ]
    result = []
    for info in members:
        name = clean_filename(info.filename)
        if name.startswith(".") or "__MACOSX" in info.filename:
            continue
        if info.file_size > settings.MAX_UPLOAD_BYTES:
            result.append((name, None, "The file is larger than the upload limit."))
            continue
        if info.flag_bits & 0x1:
            result.append((name, None, "The file is encrypted in the zip."))
            continue
        with archive.open(info) as handle:
            content = handle.read(settings.MAX_UPLOAD_BYTES + 1)
        result.append(
            (name, content, "" if len(content) <= settings.MAX_UPLOAD_BYTES else "The file is too large.")
        )
    return result


def resumes_ingest(
    tenant: Tenant,
    *,
    uploads: list[tuple[str, bytes, str]],
    actor=None,
    parse_now: bool = False,
    candidate: Candidate | None = None,
) -> list[IngestItem]:
    """Store each uploaded file (zips expanded) and parse it now or on queue ``parse``. One item per file, in
    order, with its document or the reason it was refused. Safe to run twice (documents dedupe by hash)."""
    items = []
    for filename, data, content_type in uploads:
        for name, content, error in expand_upload(filename, data):
            if error:
                items.append(IngestItem(name, error=error, code="rejected"))
                continue
            try:
                document, created = document_store(
                    tenant,
                    data=content,
                    filename=name,
                    content_type=content_type,
                    actor=actor,
                    candidate=candidate,
                )
            except CandidateError as exc:
                items.append(IngestItem(name, error=str(exc), code=exc.code))
                continue
            if created or document.parse_status == ParseStatus.PENDING:
                outcome = document_parse_later(tenant, document_id=document.pk, now=parse_now, actor=actor)
                document = outcome.document if outcome is not None else document
            items.append(IngestItem(name, document=document, created=created))
    return items


def document_parse_later(
    tenant: Tenant, *, document_id: int, now: bool = False, actor=None
) -> ParseOutcome | None:
    """Parse now (CLI, tests) or after the transaction commits on queue ``parse``."""
    if now:
        return document_parse(tenant, document_id=document_id, actor=actor)
    from ..tasks import parse_document

    transaction.on_commit(lambda: parse_document.apply_async(args=[tenant.pk, document_id], queue="parse"))
    return None
