"""Writes to the pool: candidates, contacts, tags, documents, parsing results, merges.

Every function takes the tenant first and the actor keyword-only, runs in one transaction inside the tenant,
logs profile changes with their provenance, and says whether it is safe to run twice.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from engagement.scoring import anchor_for_score, current_params
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from webhooks.services import emit as webhook_emit

from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateSource,
    CandidateTag,
    ExternalId,
    ProfileChange,
    Tag,
    TagSource,
    candidate_source_valid,
)
from ..parsing.tagging import LISTED_STRENGTH

logger = logging.getLogger(__name__)


class CandidateError(ServiceError):
    """A request about candidates that cannot be carried out; ``field`` names the input at fault."""


# ---------------------------------------------------------------------------------------------- normalising


def normalize_text(value) -> str:
    """Trim, fold full-width ASCII to half-width (NFKC) and collapse inner whitespace."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return " ".join(text.split())


def normalize_email(value) -> str | None:
    """A normalised email address, or None when ``value`` is not one."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = normalize_text(value).lower().replace(" ", "")
    if not email:
        return None
    try:
        validate_email(email)
    except ValidationError:
        return None
    return email


def normalize_phone(value, region: str | None = "CN") -> str | None:
    """The E.164 form of ``value``, or None when it is not a valid phone number. ``region`` (ISO 3166 alpha-2)
    reads a number written without a country code; None accepts only numbers that carry one."""
    import phonenumbers

    raw = normalize_text(value)
    if not raw:
        return None
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, None if digits.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _month_to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        year, month = value.split("-")[:2]
        return date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return None


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _coerce(field: str, value):
    """``value`` as the model field stores it (decimals rounded to the column's places)."""
    model_field = Candidate._meta.get_field(field)
    value = model_field.to_python(value)
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1).scaleb(-model_field.decimal_places), rounding=ROUND_HALF_UP)
    return value


# A China mainland mobile number written without +86: the one national form the product reads as Chinese when
# nothing says where the person lives (a US "(912) 555-4321" must not become +86 912 555 4321).
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANGUAGE_REGIONS = {
    "zh": "CN",
    "zh-hans": "CN",
    "zh-cn": "CN",
    "zh-hant": "TW",
    "zh-tw": "TW",
    "zh-hk": "HK",
    "en-us": "US",
    "en-gb": "GB",
    "ja": "JP",
    "ko": "KR",
    "de": "DE",
    "fr": "FR",
}


def phone_region(*, country: str = "", location: str = "", language: str = "") -> str | None:
    """The region to read a person's national phone numbers in: their country code, else a country or city their
    location names, else their language when it implies one country; None when nothing says."""
    import phonenumbers

    code = normalize_text(country).upper()
    if len(code) == 2 and code in phonenumbers.SUPPORTED_REGIONS:
        return code
    text = normalize_text(location).lower()
    if text:
        for words, region in _LOCATION_REGIONS:
            if any(word in text for word in words):
                return region
    return _LANGUAGE_REGIONS.get(normalize_text(language).lower())


_LOCATION_REGIONS = (
    (
        (
            "china",
            "中国",
            "北京",
            "上海",
            "深圳",
            "广州",
            "杭州",
            "成都",
            "南京",
            "武汉",
            "西安",
            "苏州",
            "天津",
            "重庆",
            "beijing",
            "shanghai",
            "shenzhen",
            "guangzhou",
            "hangzhou",
            "chengdu",
            "nanjing",
            "wuhan",
            "suzhou",
        ),
        "CN",
    ),
    (("hong kong", "香港"), "HK"),
    (("taiwan", "台湾", "台北", "taipei"), "TW"),
    (("singapore", "新加坡"), "SG"),
    (
        (
            "united states",
            "usa",
            "u.s.",
            "san francisco",
            "new york",
            "seattle",
            "los angeles",
            "california",
            "palo alto",
            "boston",
            "texas",
            "美国",
        ),
        "US",
    ),
    (("united kingdom", "london", "england", "英国", "伦敦"), "GB"),
    (("japan", "tokyo", "日本", "东京"), "JP"),
    (("germany", "berlin", "munich", "德国"), "DE"),
    (("canada", "toronto", "vancouver", "加拿大"), "CA"),
    (("australia", "sydney", "melbourne", "澳大利亚"), "AU"),
)


def normalize_phone_for(value, *, region: str | None) -> str | None:
    """``normalize_phone`` for a person whose region may be unknown: with no region only an international number
    or a China mainland mobile is read; anything else is None, so the caller keeps the original text instead."""
    if region:
        return normalize_phone(value, region)
    digits = "".join(ch for ch in normalize_text(value) if ch.isdigit() or ch == "+")
    if digits.startswith(("+", "00")):
        return normalize_phone(value, None)
    return normalize_phone(value, "CN") if _CN_MOBILE.match(digits) else None


# ------------------------------------------------------------------------------------------------ history


def _log_change(
    candidate: Candidate, field: str, old, new, *, source: str, actor=None, document=None
) -> ProfileChange:
    return ProfileChange.objects.create(
        candidate=candidate,
        field=field,
        old_value=_jsonable(old),
        new_value=_jsonable(new),
        source=source,
        actor=actor if getattr(actor, "pk", None) else None,
        document=document,
    )


PROFILE_FIELDS = (
    "full_name",
    "location",
    "current_title",
    "current_company",
    "years_experience",
    "highest_education",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_months",
    "source",
    "status",
    "consent_status",
    "consent_given_at",
    "consent_source",
)
PERSON_SOURCES = ("manual", "api")

# What made a candidate (the provenance ``candidate_create`` logs) → where the candidate came from, when the
# caller does not say: Candidate.source keeps to the CandidateSource vocabulary.
_SOURCE_OF_PROVENANCE = {
    "parse": CandidateSource.UPLOAD,
    "json_resume": CandidateSource.IMPORT,
    "sync": CandidateSource.IMPORT,
}

# Words a spreadsheet's "source" column uses for each value of the vocabulary.
SOURCE_WORDS = {
    CandidateSource.LINKEDIN: ("linkedin", "领英"),
    CandidateSource.MAIMAI: ("maimai", "脉脉"),
    CandidateSource.REFERRAL: ("referral", "refer", "内推", "推荐", "员工推荐"),
    CandidateSource.JOB_BOARD: (
        "job board",
        "job_board",
        "猎聘",
        "liepin",
        "智联",
        "zhaopin",
        "前程无忧",
        "51job",
        "boss",
        "拉勾",
        "lagou",
        "indeed",
        "招聘网站",
        "career site",
    ),
    CandidateSource.HRIS: ("hris", "ehr", "hr system", "人事系统"),
    CandidateSource.UPLOAD: ("upload", "简历上传"),
    CandidateSource.IMPORT: ("import", "导入"),
    CandidateSource.MANUAL: ("manual", "手动", "手工"),
    CandidateSource.API: ("api",),
}


def candidate_source_for(provenance: str) -> str:
    """The vocabulary value for a candidate created by ``provenance`` (a ProfileChange source)."""
    if candidate_source_valid(provenance):
        return provenance
    if provenance.startswith("sync"):
        return CandidateSource.IMPORT
    return _SOURCE_OF_PROVENANCE.get(provenance, CandidateSource.IMPORT)


def candidate_source_from_text(text) -> str | None:
    """The vocabulary value a free-text source names ("脉脉", "LinkedIn", "猎聘网"), or None."""
    value = normalize_text(text).lower()
    if candidate_source_valid(value):
        return value
    for source, words in SOURCE_WORDS.items():
        if any(word in value for word in words):
            return str(source)
    return None


def _check_source(value) -> None:
    if not candidate_source_valid(value):
        choices = ", ".join([*CandidateSource.values, "sourcing:<source>"])
        raise CandidateError(f"Unknown source {value!r}; use one of {choices}.", field="source")


def _fields_set_by_people(candidate: Candidate, *, after=None) -> set[str]:
    """Fields whose latest change came from a person: parsing and imports never overwrite those. With ``after``,
    only fields a person set at or after that moment (an external value older than the edit never wins)."""
    latest: dict[str, tuple] = {}
    for field, source, at in (
        ProfileChange.objects.filter(candidate=candidate)
        .order_by("created_at", "id")
        .values_list("field", "source", "created_at")
    ):
        latest[field] = (source, at)
    return {
        field
        for field, (source, at) in latest.items()
        if source in PERSON_SOURCES and (after is None or at >= after)
    }


def candidate_change_log(
    candidate: Candidate, *, field: str, old, new, source: str, actor=None
) -> ProfileChange:
    """Append one change with its provenance for something that is not a profile field (a job change, a synced
    section). Not idempotent: callers log only what they changed."""
    return _log_change(candidate, field, old, new, source=source, actor=actor)


def candidate_set_fields(
    candidate: Candidate,
    values: dict,
    *,
    source: str,
    actor=None,
    document=None,
    only_empty: bool = False,
    respect_people: bool = False,
    activity: bool = True,
    people_edits_after=None,
    announce: bool = True,
) -> list[str]:
    """Set profile fields on ``candidate`` and log each real change. Returns the changed field names.

    A change through an integration's API key (source ``api``, no actor) is the candidate's or their system's
    act: with ``activity`` it is recorded as a ``profile_updated`` interaction (engagement); a recruiter's edit
    is not.

    ``only_empty`` fills blanks only; ``respect_people`` leaves fields a person set last (with
    ``people_edits_after``, only those a person set at or after that moment: a sync's older value never
    overwrites a recruiter's edit, a newer one does). A ``source`` outside the vocabulary raises CandidateError.
    Safe to run twice (the second run changes nothing and logs nothing). Must run inside the candidate's tenant.
    A change is announced to webhooks as ``candidate.updated`` (with ``announce``; creation announces itself).
    """
    protected = _fields_set_by_people(candidate, after=people_edits_after) if respect_people else set()
    changed = []
    for field, new in values.items():
        if field not in PROFILE_FIELDS or field in protected:
            continue
        old = getattr(candidate, field)
        if new in (None, "") and source not in PERSON_SOURCES:
            continue  # machines never blank a field
        if only_empty and old not in (None, ""):
            continue
        new = _coerce(field, new)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        if field == "source":
            _check_source(new)
        setattr(candidate, field, new)
        _log_change(candidate, field, old, new, source=source, actor=actor, document=document)
        changed.append(field)
    if changed:
        candidate.updated_at = timezone.now()
        candidate.save(update_fields=[*changed, "updated_at"])
        if activity and source == "api" and not getattr(actor, "pk", None):
            from engagement.services.interactions import interaction_record

            interaction_record(
                candidate=candidate, kind="profile_updated", channel="hris", metadata={"fields": changed}
            )
        if announce:
            webhook_emit(
                "candidate.updated", {"candidate": {"id": candidate.pk}, "fields": changed, "source": source}
            )
    return changed


# ----------------------------------------------------------------------------------------------- contacts


def candidate_add_emails(
    candidate: Candidate, emails, *, source: str, actor=None, document=None
) -> list[str]:
    """Add the valid addresses among ``emails`` that the candidate lacks. Returns those added. Idempotent."""
    return _add_contacts(
        candidate,
        CandidateEmail,
        "email",
        "emails",
        map(normalize_email, emails),
        source=source,
        actor=actor,
        document=document,
    )


def candidate_add_phones(
    candidate: Candidate, phones, *, source: str, actor=None, document=None
) -> list[str]:
    """Add the valid numbers among ``phones`` (normalised to E.164) that the candidate lacks. Idempotent."""
    return _add_contacts(
        candidate,
        CandidatePhone,
        "phone",
        "phones",
        map(normalize_phone, phones),
        source=source,
        actor=actor,
        document=document,
    )


def _add_contacts(
    candidate, model, column: str, history_field: str, values, *, source, actor, document
) -> list[str]:
    existing = set(model.objects.filter(candidate=candidate).values_list(column, flat=True))
    added = []
    for value in values:  # already normalised; None for invalid input
        if value and value not in existing:
            model.objects.create(
                candidate=candidate, **{column: value}, is_primary=not existing and not added
            )
            _log_change(candidate, history_field, None, value, source=source, actor=actor, document=document)
            existing.add(value)
            added.append(value)
    if added and candidate.needs_contact:  # every way a contact arrives passes here: the flag clears with it
        candidate.needs_contact = False
        candidate.save(update_fields=["needs_contact"])
    return added


def candidate_add_external_id(
    candidate: Candidate, *, system: str, value: str, source: str, actor=None
) -> bool:
    """Link an external id. Raises CandidateError when another candidate holds it. Idempotent."""
    system, value = normalize_text(system).lower(), normalize_text(value)
    if not system or not value:
        raise CandidateError("An external id needs a system and a value.", field="external_ids")
    holder = ExternalId.objects.filter(system=system, value=value).first()
    if holder is not None:
        if holder.candidate_id != candidate.pk:
            raise CandidateError(
                f"{system}:{value} belongs to another candidate.", field="external_ids", code="duplicate"
            )
        return False
    ExternalId.objects.create(candidate=candidate, system=system, value=value)
    _log_change(candidate, "external_ids", None, f"{system}:{value}", source=source, actor=actor)
    return True


# --------------------------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class CandidateInput:
    """What a person, an import or an integration says about a candidate. Everything optional but a name or
    a contact."""

    full_name: str = ""
    emails: tuple = ()
    phones: tuple = ()
    external_ids: tuple = ()  # (system, value) pairs
    fields: dict | None = None  # PROFILE_FIELDS other than full_name
    tag_keys: tuple = ()


def candidate_create(tenant: Tenant, *, data: CandidateInput, source: str, actor=None) -> Candidate:
    """Create a candidate with contacts, external ids and tags; logs every field. Not idempotent: callers
    match first (``candidate_find_exact``). Raises CandidateError when there is no name and no contact."""
    name = normalize_text(data.full_name)
    emails = [e for e in (normalize_email(v) for v in data.emails) if e]
    phones = [p for p in (normalize_phone(v) for v in data.phones) if p]
    if not name and not emails and not phones:
        raise CandidateError("A candidate needs a name, an email or a phone.", field="full_name")
    with tenant_context(tenant):
        from django.utils.translation import gettext

        from privacy.selectors import is_erased_person

        if is_erased_person(emails=emails, phones=phones):  # never re-import someone who asked to be erased
            raise CandidateError(
                gettext("This person asked for their data to be erased and cannot be added again."),
                field="emails",
                code="erased",
            )
    fields = dict(data.fields or {})
    score = min(float(fields.pop("activity_score", 0.0) or 0.0), 100.0)
    origin = fields.pop("source", None) or candidate_source_for(source)
    _check_source(origin)
    with tenant_context(tenant):
        # A score given at creation (an import's or a demo's) is the anchor that has that score now.
        candidate = Candidate.objects.create(
            full_name=name or (emails[0].split("@")[0] if emails else phones[0]),
            source=origin,
            activity_anchor=anchor_for_score(score, current_params()),
        )
        _log_change(candidate, "created", None, candidate.full_name, source=source, actor=actor)
        candidate_set_fields(candidate, fields, source=source, actor=actor, activity=False, announce=False)
        candidate_add_emails(candidate, emails, source=source, actor=actor)
        candidate_add_phones(candidate, phones, source=source, actor=actor)
        for system, value in data.external_ids:
            candidate_add_external_id(candidate, system=system, value=value, source=source, actor=actor)
        for key in data.tag_keys:
            tag = Tag.objects.filter(key=key, is_retired=False).first()
            if tag is None:
                raise CandidateError(f"Unknown tag {key!r}.", field="tags")
            candidate_tag_add(
                candidate,
                tag=tag,
                source=TagSource.MANUAL if source in PERSON_SOURCES else TagSource.SYNCED,
                actor=actor,
            )
        webhook_emit("candidate.created", {"candidate": {"id": candidate.pk, "source": candidate.source}})
    return candidate


_ACTIVITY_COLUMNS = ("last_interaction_at", "last_active_at", "last_contacted_at")


def candidate_activity_set(
    candidate: Candidate,
    *,
    anchor: float,
    last_interaction_at=None,
    last_active_at=None,
    last_contacted_at=None,
) -> list[str]:
    """Store the candidate's activity anchor and the given ``last_*`` times (None leaves one as it is).

    The row-by-row writer of these columns (engagement's services call it with the candidate locked; the
    nightly reconcile rewrites them set-based). ``updated_at`` is left alone: activity is not a profile edit,
    and the pool's "updated since" must not move with every email opened. Returns the columns written.
    Safe to run twice.
    """
    candidate.activity_anchor = float(anchor)
    written = ["activity_anchor"]
    for column, value in zip(
        _ACTIVITY_COLUMNS, (last_interaction_at, last_active_at, last_contacted_at), strict=True
    ):
        if value is not None:
            setattr(candidate, column, value)
            written.append(column)
    candidate.save(update_fields=written)
    return written


def candidates_contacted_touch(candidate_ids, *, at) -> int:
    """Move ``last_interaction_at`` and ``last_contacted_at`` forward to ``at`` (never back) in one statement, for
    touches that carry no points (outreach messages handed to the server). Returns the rows written. Safe to
    run twice."""
    return Candidate.objects.filter(pk__in=list(candidate_ids)).update(
        last_interaction_at=Greatest(Coalesce("last_interaction_at", Value(at)), Value(at)),
        last_contacted_at=Greatest(Coalesce("last_contacted_at", Value(at)), Value(at)),
    )


def candidate_find_exact(*, emails=(), phones=(), external_ids=()) -> Candidate | None:
    """The live candidate of the current tenant holding any of these external ids, emails or phones (in that
    order of trust), or None. Merged candidates are followed to the one they were merged into."""
    queries = []
    ids = [(normalize_text(s).lower(), normalize_text(v)) for s, v in external_ids]
    for system, value in ids:
        queries.append(Q(external_ids__system=system, external_ids__value=value))
    emails = [e for e in (normalize_email(v) for v in emails) if e]
    if emails:
        queries.append(Q(emails__email__in=emails))
    phones = [p for p in (normalize_phone(v) for v in phones) if p]
    if phones:
        queries.append(Q(phones__phone__in=phones))
    for query in queries:
        candidate = Candidate.objects.filter(query).order_by("id").first()
        if candidate is not None:
            return _follow_merges(candidate)
    return None


def _follow_merges(candidate: Candidate) -> Candidate:
    seen = set()
    while candidate.merged_into_id and candidate.merged_into_id not in seen:
        seen.add(candidate.pk)
        candidate = Candidate.objects.get(pk=candidate.merged_into_id)
    return candidate


# --------------------------------------------------------------------------------------------------- tags


def candidate_sync_tag_ids(candidate: Candidate) -> None:
    """Refresh the denormalised ``tag_ids`` and ``tag_strengths`` from the candidate's active tags (ranking)."""
    rows = (
        CandidateTag.objects.filter(candidate=candidate, removed_at__isnull=True)
        .order_by("tag_id")
        .values_list("tag_id", "strength")
    )
    tag_ids = [tag_id for tag_id, _ in rows]
    strengths = [strength_percent(strength) for _, strength in rows]
    if tag_ids != list(candidate.tag_ids or []) or strengths != list(candidate.tag_strengths or []):
        candidate.tag_ids, candidate.tag_strengths = tag_ids, strengths
        Candidate.objects.filter(pk=candidate.pk).update(tag_ids=tag_ids, tag_strengths=strengths)


def strength_percent(strength: float) -> int:
    """A tag strength (0..1) as ``Candidate.tag_strengths`` stores it: whole percent, 1..100."""
    return max(1, min(100, int(float(strength) * 100 + 0.5)))


def default_strength(source: str) -> float:
    """The strength of a tag that comes without text to measure: a recruiter's is 1, any other one mention's."""
    return 1.0 if source == TagSource.MANUAL else LISTED_STRENGTH


def candidate_tag_add(
    candidate: Candidate,
    *,
    tag: Tag,
    source: str,
    actor=None,
    confidence: float = 1.0,
    evidence=None,
    document=None,
    sync: bool = True,
    mentions: int = 1,
    strength: float | None = None,
    provenance: str | None = None,
) -> CandidateTag | None:
    """Put ``tag`` on the candidate. A person's add restores a removed tag; a machine's add never does.
    ``provenance`` names the change's source in the history (a sync's ``sync:<source id>``) when the tag's own
    source says too little.

    ``strength`` (0..1, how much the resume is about the tag) defaults to ``default_strength(source)``.

    Returns the CandidateTag, or None when a person had removed it and a machine proposes it again.
    Safe to run twice.
    """
    by_person = source == TagSource.MANUAL
    existing = CandidateTag.objects.filter(candidate=candidate, tag=tag).first()
    if existing is not None:
        if existing.removed_at is not None:
            if not by_person:
                return None
            existing.removed_at, existing.removed_by = None, None
            existing.source, existing.confidence, existing.strength = TagSource.MANUAL, 1.0, 1.0
            existing.save(update_fields=["removed_at", "removed_by", "source", "confidence", "strength"])
            _log_change(candidate, "tags", None, tag.key, source="manual", actor=actor)
        elif (
            existing.source == TagSource.EXTRACTED and source == TagSource.EXTRACTED and evidence is not None
        ):
            existing.confidence = confidence
            existing.mentions, existing.strength = (
                mentions,
                default_strength(source) if strength is None else strength,
            )
            existing.evidence_text, existing.evidence_start, existing.evidence_end = evidence
            existing.document = document
            existing.save(
                update_fields=[
                    "confidence",
                    "mentions",
                    "strength",
                    "evidence_text",
                    "evidence_start",
                    "evidence_end",
                    "document",
                ]
            )
        if sync:
            candidate_sync_tag_ids(candidate)
        return existing
    text, start, end = evidence if evidence is not None else ("", None, None)
    candidate_tag = CandidateTag.objects.create(
        candidate=candidate,
        tag=tag,
        source=source,
        confidence=confidence,
        mentions=max(int(mentions), 1),
        strength=default_strength(source) if strength is None else strength,
        evidence_text=text[:500],
        evidence_start=start,
        evidence_end=end,
        document=document,
    )
    _log_change(
        candidate,
        "tags",
        None,
        tag.key,
        source=provenance or _change_source(source),
        actor=actor,
        document=document,
    )
    if sync:
        candidate_sync_tag_ids(candidate)
    return candidate_tag


def candidate_tag_remove(candidate: Candidate, *, tag: Tag, actor=None) -> bool:
    """Remove ``tag`` and remember the removal so re-parsing never adds it back. Returns whether it was on."""
    updated = CandidateTag.objects.filter(candidate=candidate, tag=tag, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=actor if getattr(actor, "pk", None) else None
    )
    if updated:
        _log_change(candidate, "tags", tag.key, None, source="manual", actor=actor)
        candidate_sync_tag_ids(candidate)
    return bool(updated)


def _change_source(tag_source: str) -> str:
    return {"extracted": "parse", "manual": "manual", "synced": "sync", "inferred": "inferred"}.get(
        tag_source, tag_source
    )
