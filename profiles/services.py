"""Writes for role profiles, shortlists, the pipeline and hires. Keyword-only, inside the caller's tenant.

Every change to a profile or its requirements leaves a ``ProfileEdit``; every stage move a ``StageEvent``;
a move to ``hired`` records a ``Hire``. Refusals are ``ProfileError`` (a ``ServiceError``: the API answers 400
with the field, the dashboard shows the message, commands exit non-zero).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from candidates.models import Candidate, CandidateStatus, EducationLevel, SalaryPeriod, Tag
from candidates.services.profile import candidate_find_exact
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import Membership, Role
from talentpool.tenancy.notifications import notify
from talentpool.web import id_param
from webhooks import events as webhook_events

from .models import (
    Application,
    ApplicationStage,
    Decision,
    Hire,
    HireSource,
    ProbationOutcome,
    ProfileEdit,
    ProfileStatus,
    Requirement,
    RequirementGroup,
    RequirementSource,
    RoleHiringManager,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    ShortlistStatus,
    StageEvent,
)


class ProfileError(ServiceError):
    """A role-profile, shortlist or pipeline request that cannot be carried out."""


# Candidate fields a tenant can open to hiring managers on shortlists (Tenant.shortlist_fields).
SHORTLIST_FIELDS = (
    "name",
    "current_title",
    "current_company",
    "location",
    "years_experience",
    "highest_education",
    "tags",
    "explanation",
    "emails",
    "phones",
    "salary",
    "documents",
)
MAX_SHORTLIST_SIZE = 200
PROFILE_FIELDS = (
    "title",
    "jd_text",
    "department",
    "location",
    "headcount",
    "status",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_months",
    "min_years",
    "education",
    "external_id",
)


# --- role profiles -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementInput:
    tag: Tag
    group: str = RequirementGroup.HARD_SKILL
    weight: int = 3
    must_have: bool = False
    source: str = RequirementSource.MANUAL
    evidence_text: str = ""
    # Other tags that may stand in for ``tag`` (an any-of / k-of-n group, decision 0012) and how many of the
    # options the candidate must hold.
    alternatives: tuple[Tag, ...] = ()
    min_count: int = 1

    @property
    def option_ids(self) -> list[int]:
        return [self.tag.pk, *[tag.pk for tag in self.alternatives]]


MAX_GROUP_OPTIONS = 12


def tag_for_requirement(value) -> Tag:
    """The current tenant's live tag for an id, a key or a Tag; merged tags resolve to the tag they went into.

    Another tenant's tag is not visible (row-level security), so it is refused like an unknown one.
    """
    if isinstance(value, Tag):
        tag = Tag.objects.filter(pk=value.pk).first()
    elif isinstance(value, (int, str)) and not isinstance(value, bool) and id_param(value):
        tag = Tag.objects.filter(pk=id_param(value)).first()
    elif isinstance(value, str) and value:
        tag = Tag.objects.filter(key=value).first()
    else:
        tag = None
    seen = set()
    while tag is not None and tag.merged_into_id and tag.pk not in seen:
        seen.add(tag.pk)
        tag = Tag.objects.filter(pk=tag.merged_into_id).first()
    if tag is None:
        raise ProfileError(
            _("Unknown tag: %(tag)s.") % {"tag": value}, field="requirements", code="unknown_tag"
        )
    if tag.is_retired:
        raise ProfileError(
            _("The tag “%(tag)s” is retired.") % {"tag": tag.name_en or tag.key},
            field="requirements",
            code="retired_tag",
        )
    return tag


def _group_options(item: dict, field: str) -> tuple[Tag, tuple[Tag, ...], int]:
    """The options of a requirement: ``any_of`` (a list of tags, the first one the requirement's tag), or
    ``tag`` plus ``alternatives``; ``min_count`` of them must be held (1 to the number of options).

    Raises ProfileError naming ``field`` for an empty group, an unknown or another tenant's tag (row-level
    security hides it), a retired tag, or a count out of range. Repeated tags count once.
    """
    any_of = item.get("any_of")
    if any_of is not None:
        if not isinstance(any_of, list | tuple) or not any_of:
            raise ProfileError(
                _("A group of alternatives needs at least one tag."), field=field, code="empty_group"
            )
        refs = list(any_of)
    else:
        alternatives = item.get("alternatives") or []
        if not isinstance(alternatives, list | tuple):
            raise ProfileError(_("Alternatives must be a list of tags."), field=field, code="invalid")
        tag_ref = item.get("tag_id", item.get("tag"))
        if tag_ref in (None, "") and "alternatives" in item:
            raise ProfileError(
                _("A group of alternatives needs at least one tag."), field=field, code="empty_group"
            )
        refs = [tag_ref, *alternatives]
    if len(refs) > MAX_GROUP_OPTIONS:
        raise ProfileError(_("A group holds at most %(n)d tags.") % {"n": MAX_GROUP_OPTIONS}, field=field)
    tags: list[Tag] = []
    for ref in refs:
        try:
            tag = tag_for_requirement(ref)
        except ProfileError as exc:
            raise ProfileError(str(exc), field=field, code=exc.code) from None
        if tag.pk not in {known.pk for known in tags}:
            tags.append(tag)
    raw_count = item.get("min_count", 1)
    try:
        min_count = int(raw_count if raw_count not in (None, "") else 1)
    except (TypeError, ValueError):
        min_count = 0
    if isinstance(raw_count, bool) or not 1 <= min_count <= len(tags):
        raise ProfileError(
            _("“At least” must be between 1 and the number of tags in the group (%(n)d).") % {"n": len(tags)},
            field=field,
            code="min_count",
        )
    return tags[0], tuple(tags[1:]), min_count


def requirement_input(item: dict | RequirementInput, *, field: str = "requirements") -> RequirementInput:
    """Validate one requirement given as a dict (API, dashboard, CLI): tag (or ``any_of`` / ``alternatives``
    and ``min_count`` for a group), group, weight 1–5, must_have. ``field`` names it in errors."""
    if isinstance(item, RequirementInput):
        return item
    if not isinstance(item, dict):
        raise ProfileError(_("Each requirement must be an object."), field=field)
    tag, alternatives, min_count = _group_options(item, field)
    group = item.get("group") or RequirementGroup.HARD_SKILL
    if group not in RequirementGroup.values:
        raise ProfileError(_("Unknown requirement group: %(group)s.") % {"group": group}, field=field)
    try:
        weight = int(item.get("weight", 3))
    except (TypeError, ValueError):
        weight = 0
    if not 1 <= weight <= 5:
        raise ProfileError(_("A requirement's weight must be 1 to 5."), field=field)
    source = item.get("source") or RequirementSource.MANUAL
    if source not in RequirementSource.values:
        source = RequirementSource.MANUAL
    return RequirementInput(
        tag=tag,
        group=group,
        weight=weight,
        must_have=bool(item.get("must_have", False)),
        source=source,
        evidence_text=str(item.get("evidence_text") or "")[:300],
        alternatives=alternatives,
        min_count=min_count,
    )


def requirement_inputs(items: Iterable) -> list[RequirementInput]:
    """Validate a list of requirements (errors name the field ``requirements``)."""
    return [requirement_input(item) for item in items]


def _clean_profile_fields(fields: dict) -> dict:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ProfileError(
            _("Unknown field: %(field)s.") % {"field": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    cleaned = dict(fields)
    if "title" in cleaned:
        cleaned["title"] = str(cleaned["title"] or "").strip()
        if not cleaned["title"]:
            raise ProfileError(_("A role needs a title."), field="title")
        if len(cleaned["title"]) > 200:
            raise ProfileError(_("The title is longer than 200 characters."), field="title")
    for name in ("salary_min", "salary_max", "min_years"):
        if cleaned.get(name) in ("", None):
            cleaned[name] = None if name in cleaned else cleaned.get(name)
            continue
        try:
            cleaned[name] = Decimal(str(cleaned[name]))
        except (InvalidOperation, ValueError):
            raise ProfileError(_("Enter a number."), field=name) from None
        if cleaned[name] < 0:
            raise ProfileError(_("Enter a number of zero or more."), field=name)
    if cleaned.get("min_years") is not None and cleaned["min_years"] > 60:
        raise ProfileError(_("Minimum years must be 60 or fewer."), field="min_years")
    if (
        cleaned.get("salary_min") is not None
        and cleaned.get("salary_max") is not None
        and cleaned["salary_min"] > cleaned["salary_max"]
    ):
        raise ProfileError(_("The salary minimum is above the maximum."), field="salary_min")
    if cleaned.get("education") and cleaned["education"] not in EducationLevel.values:
        raise ProfileError(_("Unknown education level."), field="education")
    if cleaned.get("salary_period") and cleaned["salary_period"] not in SalaryPeriod.values:
        raise ProfileError(_("Unknown salary period."), field="salary_period")
    if "status" in cleaned and cleaned["status"] not in ProfileStatus.values:
        raise ProfileError(_("Unknown status."), field="status")
    if "headcount" in cleaned:
        try:
            cleaned["headcount"] = int(cleaned["headcount"])
        except (TypeError, ValueError):
            cleaned["headcount"] = 0
        if not 1 <= cleaned["headcount"] <= 10000:
            raise ProfileError(_("Headcount must be at least 1."), field="headcount")
    for name in ("jd_text",):
        if name in cleaned and len(cleaned[name] or "") > 200_000:
            raise ProfileError(_("The job description is too long."), field=name)
        if name in cleaned:
            cleaned[name] = cleaned[name] or ""
    return cleaned


def _log(profile: RoleProfile, field: str, old, new, *, actor=None, source: str = "manual") -> None:
    ProfileEdit.objects.create(
        profile=profile,
        field=field,
        old_value=_jsonable(old),
        new_value=_jsonable(new),
        actor=actor,
        source=source,
    )


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _requirement_json(requirement: Requirement) -> dict:
    value = {
        "tag": requirement.tag.key,
        "group": requirement.group,
        "weight": requirement.weight,
        "must_have": requirement.must_have,
    }
    if requirement.alternatives:
        keys = dict(Tag.objects.filter(pk__in=requirement.alternatives).values_list("pk", "key"))
        value["alternatives"] = [keys.get(pk, str(pk)) for pk in requirement.alternatives]
        value["min_count"] = requirement.min_count
    return value


@transaction.atomic
def profile_create(
    *,
    title: str,
    actor=None,
    requirements: Iterable = (),
    hiring_manager_ids: Iterable = (),
    source: str = "manual",
    **fields,
) -> RoleProfile:
    cleaned = _clean_profile_fields({"title": title, **fields})
    items = requirement_inputs(requirements)
    if cleaned.get("external_id") and RoleProfile.objects.filter(external_id=cleaned["external_id"]).exists():
        raise ProfileError(
            _("A role with this external id exists already."), field="external_id", code="duplicate"
        )
    profile = RoleProfile.objects.create(created_by=actor, **cleaned)
    _log(profile, "created", None, {"title": profile.title}, actor=actor, source=source)
    _requirements_write(profile, items, actor=actor, source=source)
    if hiring_manager_ids:
        hiring_managers_set(profile, user_ids=hiring_manager_ids, actor=actor)
    return profile


def profile_create_from_jd(*, jd_text: str, title: str = "", actor=None, **fields) -> RoleProfile:
    """A profile with the requirements, years, education and salary suggested from the JD (editable after).
    Raises ProfileError for a missing title (field ``title``) and then for an empty JD (field ``text``): that one
    would make a role with no requirements and no word why."""
    suggestion = suggest_for_tenant(jd_text, title=title)
    values = suggestion_profile_fields(suggestion)
    values.update({name: value for name, value in fields.items() if value not in (None, "")})
    title = (title or suggestion.title or "").strip()
    if not title:
        raise ProfileError(_("The job description has no title line; enter a title."), field="title")
    if not (jd_text or "").strip():
        raise ProfileError(_("Paste a job description first."), field="text", code="empty")
    requirements = suggestion_requirements(suggestion)
    return profile_create(
        title=title, jd_text=jd_text, actor=actor, requirements=requirements, source="suggestion", **values
    )


def suggest_for_tenant(jd_text: str, *, title: str = ""):
    """The JD's suggestion with the current tenant's taxonomy (its renamed tags and added synonyms)."""
    from .suggest import suggest_from_jd

    matcher, vocabulary = tenant_taxonomy()
    return suggest_from_jd(jd_text, matcher=matcher, title=title, vocabulary=vocabulary)


_vocabularies: dict[int, tuple[object, dict]] = {}


def tenant_taxonomy() -> tuple:
    """The tenant's matcher and the names/synonyms of its live tags, rebuilt only when the matcher is."""
    from candidates.services.taxonomy import tenant_matcher

    from .suggest import vocabulary_from_tags

    tenant_id = require_tenant_id()
    matcher = tenant_matcher()
    cached = _vocabularies.get(tenant_id)
    if cached is None or cached[0] is not matcher:
        tags = Tag.objects.filter(is_retired=False).only("key", "category", "name_en", "name_zh", "synonyms")
        cached = (matcher, vocabulary_from_tags(list(tags)))
        _vocabularies[tenant_id] = cached
    return cached


def suggestion_profile_fields(suggestion) -> dict:
    values: dict = {}
    if suggestion.min_years is not None:
        values["min_years"] = suggestion.min_years
    if suggestion.education:
        values["education"] = suggestion.education
    salary = suggestion.salary or {}
    for key in ("min", "max"):
        if salary.get(key) is not None:
            values[f"salary_{key}"] = salary[key]
    if salary.get("currency"):
        values["salary_currency"] = salary["currency"]
    if salary.get("period") in SalaryPeriod.values:
        values["salary_period"] = salary["period"]
    if salary.get("months"):
        values["salary_months"] = salary["months"]
    return values


def suggestion_requirements(suggestion) -> list[RequirementInput]:
    """The suggestion's requirements as the tenant's tags (a key the tenant retired or lacks is skipped)."""
    keys = [key for item in suggestion.requirements for key in (item.key, *_alternative_keys(item))]
    tags = {
        tag.key: tag for tag in Tag.objects.filter(key__in=keys, is_retired=False, merged_into__isnull=True)
    }
    items = []
    for item in suggestion.requirements:
        tag = tags.get(item.key)
        if tag is not None:
            alternatives = tuple(
                tags[key] for key in _alternative_keys(item) if key in tags and key != item.key
            )
            min_count = min(getattr(item, "min_count", 1) or 1, 1 + len(alternatives))
            items.append(
                RequirementInput(
                    tag=tag,
                    group=item.group,
                    weight=item.weight,
                    must_have=item.must_have,
                    source=RequirementSource.SUGGESTED,
                    evidence_text=item.evidence_text[:300],
                    alternatives=alternatives,
                    min_count=min_count,
                )
            )
    return items


def _alternative_keys(item) -> list[str]:
    return [alternative["key"] for alternative in getattr(item, "alternatives", None) or ()]


@transaction.atomic
def profile_update(profile: RoleProfile, *, actor=None, source: str = "manual", **fields) -> RoleProfile:
    cleaned = _clean_profile_fields(fields)
    if (
        cleaned.get("external_id")
        and RoleProfile.objects.filter(external_id=cleaned["external_id"]).exclude(pk=profile.pk).exists()
    ):
        raise ProfileError(
            _("A role with this external id exists already."), field="external_id", code="duplicate"
        )
    changed = []
    for name, value in cleaned.items():
        old = getattr(profile, name)
        if old != value and not (old in (None, "") and value in (None, "")):
            _log(profile, name, old, value, actor=actor, source=source)
            setattr(profile, name, value)
            changed.append(name)
    if changed:
        profile.updated_at = timezone.now()
        profile.save(update_fields=[*changed, "updated_at"])
    return profile


@transaction.atomic
def requirements_replace(
    profile: RoleProfile, items: Iterable, *, actor=None, source: str = "manual"
) -> list:
    """Make the profile's requirements exactly ``items`` (the editor's save); logs what was added, changed, removed."""
    inputs = requirement_inputs(items)
    _requirements_write(profile, inputs, actor=actor, source=source, replace=True)
    return list(profile.requirements.select_related("tag"))


@transaction.atomic
def requirement_add(profile: RoleProfile, item, *, actor=None, source: str = "manual") -> Requirement:
    value = requirement_input(item)
    if profile.requirements.filter(tag=value.tag).exists():
        raise ProfileError(_("This tag is already a requirement of the role."), field="tag", code="duplicate")
    _requirements_write(profile, [value], actor=actor, source=source)
    return profile.requirements.select_related("tag").get(tag=value.tag)


@transaction.atomic
def requirement_update(requirement: Requirement, *, actor=None, **fields) -> Requirement:
    merged = {"tag": requirement.tag, **_requirement_json(requirement), **fields}
    value = requirement_input({**merged, "tag": fields.get("tag", requirement.tag_id)})
    if value.tag.pk != requirement.tag_id and requirement.profile.requirements.filter(tag=value.tag).exists():
        raise ProfileError(_("This tag is already a requirement of the role."), field="tag", code="duplicate")
    before = _requirement_json(requirement)
    requirement.tag, requirement.group, requirement.weight = value.tag, value.group, value.weight
    requirement.must_have = value.must_have
    requirement.alternatives, requirement.min_count = [tag.pk for tag in value.alternatives], value.min_count
    requirement.save(update_fields=["tag", "group", "weight", "must_have", "alternatives", "min_count"])
    after = _requirement_json(requirement)
    if before != after:
        _log(requirement.profile, "requirement", before, after, actor=actor)
        _touch(requirement.profile)
    return requirement


@transaction.atomic
def requirement_remove(requirement: Requirement, *, actor=None) -> None:
    _log(requirement.profile, "requirement", _requirement_json(requirement), None, actor=actor)
    requirement.delete()
    _touch(requirement.profile)


def _touch(profile: RoleProfile) -> None:
    RoleProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())


# A requirement the JD suggested (or feedback added) is logged as such, even when a person saved the editor.
_SOURCE_OF_REQUIREMENT = {RequirementSource.SUGGESTED: "suggestion", RequirementSource.FEEDBACK: "feedback"}


def _edit_source(source: str, requirement_source: str) -> str:
    return _SOURCE_OF_REQUIREMENT.get(requirement_source, source) if source == "manual" else source


def _requirements_write(
    profile, inputs: list[RequirementInput], *, actor, source, replace: bool = False
) -> None:
    by_tag: dict[int, RequirementInput] = {}
    for value in inputs:
        by_tag.setdefault(value.tag.pk, value)  # the first mention of a tag wins
    existing = {req.tag_id: req for req in profile.requirements.select_related("tag")}
    position = max([req.position for req in existing.values()], default=-1) + 1
    for index, (tag_id, value) in enumerate(by_tag.items()):
        current = existing.get(tag_id)
        if current is None:
            req = Requirement.objects.create(
                profile=profile,
                tag=value.tag,
                group=value.group,
                weight=value.weight,
                must_have=value.must_have,
                source=value.source,
                evidence_text=value.evidence_text,
                alternatives=[tag.pk for tag in value.alternatives],
                min_count=value.min_count,
                position=index if replace else position + index,
            )
            _log(
                profile,
                "requirement",
                None,
                _requirement_json(req),
                actor=actor,
                source=_edit_source(source, value.source),
            )
            continue
        before = _requirement_json(current)
        current.group, current.weight, current.must_have = value.group, value.weight, value.must_have
        current.alternatives = [tag.pk for tag in value.alternatives]
        current.min_count = value.min_count
        if replace:
            current.position = index
        current.save(update_fields=["group", "weight", "must_have", "alternatives", "min_count", "position"])
        if _requirement_json(current) != before:
            _log(profile, "requirement", before, _requirement_json(current), actor=actor, source=source)
    if replace:
        for tag_id, current in existing.items():
            if tag_id not in by_tag:
                _log(profile, "requirement", _requirement_json(current), None, actor=actor, source=source)
                current.delete()
    _touch(profile)


@transaction.atomic
def hiring_managers_set(profile: RoleProfile, *, user_ids: Iterable, actor=None) -> list[int]:
    """The role's hiring managers: members of this tenant (any role may decide; usually hiring managers)."""
    try:
        wanted = {int(user_id) for user_id in user_ids}
    except (TypeError, ValueError):
        raise ProfileError(_("Hiring managers must be user ids."), field="hiring_managers") from None
    members = set(Membership.objects.filter(user_id__in=wanted).values_list("user_id", flat=True))
    if wanted - members:
        raise ProfileError(
            _("Hiring managers must be members of this organisation."), field="hiring_managers"
        )
    current = set(profile.hiring_manager_links.values_list("user_id", flat=True))
    if current == wanted:
        return sorted(current)
    profile.hiring_manager_links.exclude(user_id__in=wanted).delete()
    RoleHiringManager.objects.bulk_create(
        [
            RoleHiringManager(profile=profile, user_id=user_id, tenant_id=profile.tenant_id)
            for user_id in sorted(wanted - current)
        ]
    )
    _log(profile, "hiring_managers", sorted(current), sorted(wanted), actor=actor)
    return sorted(wanted)


# --- saved searches ------------------------------------------------------------------------------------------


@transaction.atomic
def saved_search_create(
    *, owner, name: str, profile: RoleProfile | None = None, params: dict | None = None
) -> SavedSearch:
    name = (name or "").strip()
    if not name:
        raise ProfileError(_("Give the search a name."), field="name")
    params = dict(params or {})
    if profile is not None:
        from .matching import options_from_params

        options_from_params(params)  # refuses bad options now, not when the list is opened
    return SavedSearch.objects.create(
        owner=owner, name=name[:200], profile=profile, params=params, last_viewed_at=timezone.now()
    )


def saved_search_mark_viewed(saved: SavedSearch) -> None:
    saved.last_viewed_at = timezone.now()
    SavedSearch.objects.filter(pk=saved.pk).update(last_viewed_at=saved.last_viewed_at)


# --- pipeline ------------------------------------------------------------------------------------------------

TERMINAL_STAGES = {ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN, ApplicationStage.PROBATION_FAILED}


def _live_candidate(candidate: Candidate) -> Candidate:
    if candidate.status == CandidateStatus.MERGED and candidate.merged_into_id:
        return Candidate.objects.get(pk=candidate.merged_into_id)
    return candidate


@transaction.atomic
def application_create(
    *,
    profile: RoleProfile,
    candidate: Candidate,
    actor=None,
    source: str = "pool",
    stage: str = ApplicationStage.SOURCED,
    external_id: str = "",
    occurred_at: datetime | None = None,
) -> tuple[Application, bool]:
    """The candidate in the role's pipeline (created at ``stage``), or the application already there."""
    candidate = _live_candidate(candidate)
    if stage not in ApplicationStage.values:
        raise ProfileError(_("Unknown stage: %(stage)s.") % {"stage": stage}, field="stage")
    existing = Application.objects.filter(profile=profile, candidate=candidate).first()
    if existing is not None:
        return existing, False
    if external_id and Application.objects.filter(external_id=external_id).exists():
        raise ProfileError(
            _("An application with this external id exists already."), field="external_id", code="duplicate"
        )
    when = occurred_at or timezone.now()
    application = Application.objects.create(
        profile=profile,
        candidate=candidate,
        stage=stage,
        source=source,
        external_id=external_id,
        created_at=when,
        stage_changed_at=when,
    )
    StageEvent.objects.create(
        application=application,
        candidate=candidate,
        from_stage="",
        to_stage=stage,
        actor=actor,
        source=source,
        occurred_at=when,
    )
    webhook_events.stage_changed(application, from_stage="", to_stage=stage, when=when, source=source)
    # The candidate applied only when the application came from them or their systems (an HRIS, the careers
    # site, an integration's key); a person putting them into a pipeline is the recruiter's act, not theirs.
    if source in APPLY_SOURCES and not getattr(actor, "pk", None):
        _interaction(candidate, "applied", when=when, source=source, metadata={"profile": profile.pk})
    _interaction(
        candidate,
        "stage_changed",
        when=when,
        source=source,
        actor=actor,
        metadata={"stage": stage, "from": "", "profile": profile.pk},
    )
    if stage == ApplicationStage.HIRED:
        _hire_for_application(application, when=when, via=source)
    return application, True


APPLY_SOURCES = frozenset({"api", "hris", "web"})
_SOURCE_CHANNELS = {"api": "hris", "hris": "hris", "web": "web"}


def _interaction(candidate, kind: str, *, when: datetime, source: str, actor=None, metadata=None) -> None:
    """Record the pipeline's part of the candidate's activity (engagement owns interactions and the score)."""
    from engagement.services.interactions import interaction_record

    interaction_record(
        candidate=candidate,
        kind=kind,
        channel=_SOURCE_CHANNELS.get(source, ""),
        occurred_at=min(when, timezone.now()),
        actor=actor if getattr(actor, "pk", None) else None,
        metadata=metadata or {},
    )


# Stages at which the application's hire stands: moving between them keeps it (and sets the probation outcome).
HIRED_STAGES = frozenset(
    {ApplicationStage.HIRED, ApplicationStage.PROBATION_PASSED, ApplicationStage.PROBATION_FAILED}
)
# The one move into Hired that skips nothing; any other asks the person to confirm.
_STAGE_BEFORE_HIRED = ApplicationStage.OFFER
# Systems of record report what happened; a person confirms a jump, an HRIS already decided it.
CONFIRMED_SOURCES = frozenset({"hris"})


def move_needs_confirmation(application: Application, to_stage: str) -> str:
    """Why moving ``application`` to ``to_stage`` needs a person's confirmation: "skip_to_hired" (a jump into
    Hired past the offer), "void_hire" (out of Hired, which voids its recorded hire), or "" (it does not)."""
    from_stage = application.stage
    if to_stage == from_stage:
        return ""
    if to_stage in HIRED_STAGES and from_stage not in HIRED_STAGES and from_stage != _STAGE_BEFORE_HIRED:
        return "skip_to_hired"
    if (
        from_stage in HIRED_STAGES
        and to_stage not in HIRED_STAGES
        and Hire.objects.filter(Hire.counted, application=application).exists()
    ):
        return "void_hire"
    return ""


def confirmation_message(reason: str, *, name: str = "") -> str:
    if reason == "skip_to_hired":
        return _(
            "%(name)s has not had an offer yet. Moving them straight to “Hired” records a hire: confirm "
            "to go ahead."
        ) % {"name": name or _("This candidate")}
    return _(
        "%(name)s is recorded as hired for this role. Moving them out of “Hired” voids that hire (it stays "
        "in the history and stops counting): confirm to go ahead."
    ) % {"name": name or _("This candidate")}


@transaction.atomic
def application_move(
    application: Application,
    *,
    to_stage: str,
    actor=None,
    source: str = "dashboard",
    note: str = "",
    occurred_at: datetime | None = None,
    confirm: bool = False,
) -> StageEvent | None:
    """Move the application; every move is a StageEvent. Same stage: no-op (returns None).

    Into Hired records the Hire and sets the candidate's status to hired; between the hired stages the hire's
    probation outcome follows; out of them the hire is voided (kept, counted nowhere) and the candidate's status
    goes back to what it was. A jump into Hired past the offer, or a move that voids a hire, raises ProfileError
    (code ``confirmation_required``, field ``confirm``) unless ``confirm`` or the source is a system of record.
    """
    if to_stage not in ApplicationStage.values:
        raise ProfileError(_("Unknown stage: %(stage)s.") % {"stage": to_stage}, field="stage")
    application = Application.objects.select_for_update().select_related("candidate").get(pk=application.pk)
    if application.stage == to_stage:
        return None
    reason = move_needs_confirmation(application, to_stage)
    if reason and not confirm and source not in CONFIRMED_SOURCES:
        raise ProfileError(
            confirmation_message(reason, name=application.candidate.full_name),
            field="confirm",
            code="confirmation_required",
        )
    when = occurred_at or timezone.now()
    if when > timezone.now() + timedelta(minutes=5):
        raise ProfileError(_("A stage change cannot be in the future."), field="occurred_at")
    event = StageEvent.objects.create(
        application=application,
        candidate_id=application.candidate_id,
        from_stage=application.stage,
        to_stage=to_stage,
        actor=actor,
        source=source,
        note=(note or "")[:500],
        occurred_at=when,
    )
    from_stage = application.stage
    application.stage, application.stage_changed_at = to_stage, when
    application.save(update_fields=["stage", "stage_changed_at"])
    webhook_events.stage_changed(
        application, from_stage=from_stage, to_stage=to_stage, when=when, source=source
    )
    _interaction(
        application.candidate_id,
        "stage_changed",
        when=when,
        source=source,
        actor=actor,
        metadata={"stage": to_stage, "from": from_stage, "profile": application.profile_id},
    )
    if to_stage in HIRED_STAGES:
        hire = _hire_for_application(application, when=when, via=source)
        _probation_follow(hire, to_stage, when=when)
    elif from_stage in HIRED_STAGES:
        _hire_void(application, when=when, reason=_stage_label(to_stage), actor=actor)
    return event


def _stage_label(stage: str) -> str:
    with translation.override("en"):  # stored, so in one language; shown through the stage key elsewhere
        return f"moved to {ApplicationStage(stage).label}"


@dataclass(frozen=True)
class BulkMoveResult:
    moved: int
    unchanged: int
    refused: list[tuple[int, str]]  # (application id, message)


def applications_move(
    profile: RoleProfile,
    *,
    application_ids: Iterable,
    to_stage: str,
    actor=None,
    source: str = "dashboard",
    confirm: bool = False,
) -> BulkMoveResult:
    """Move a selection of the role's applications to one stage, each in its own transaction: one refusal
    (a move that needs confirmation) does not undo the others. Ids of other roles are refused as unknown."""
    if to_stage not in ApplicationStage.values:
        raise ProfileError(_("Unknown stage: %(stage)s.") % {"stage": to_stage}, field="stage")
    ids = [value for value in (id_param(raw) for raw in application_ids) if value]
    if not ids:
        raise ProfileError(_("Choose at least one candidate."), field="application_ids")
    if len(ids) > MAX_SHORTLIST_SIZE:
        raise ProfileError(
            _("Move at most %(n)d candidates at once.") % {"n": MAX_SHORTLIST_SIZE}, field="application_ids"
        )
    applications = list(Application.objects.filter(profile=profile, pk__in=ids).order_by("pk"))
    if len(applications) != len(set(ids)):
        raise ProfileError(
            _("Some of the chosen candidates are not in this role's pipeline."), field="application_ids"
        )
    moved = unchanged = 0
    refused: list[tuple[int, str]] = []
    for application in applications:
        try:
            event = application_move(
                application, to_stage=to_stage, actor=actor, source=source, confirm=confirm
            )
        except ProfileError as exc:
            refused.append((application.pk, str(exc)))
            continue
        if event is None:
            unchanged += 1
        else:
            moved += 1
    return BulkMoveResult(moved=moved, unchanged=unchanged, refused=refused)


def _hire_for_application(application: Application, *, when: datetime, via: str) -> Hire:
    """The application's counted hire, recorded now if it has none; the candidate's status becomes hired."""
    hire = Hire.objects.filter(Hire.counted, application=application).first()
    if hire is not None:
        return hire
    candidate = application.candidate
    hire = Hire.objects.create(
        profile=application.profile,
        candidate=candidate,
        application=application,
        full_name=candidate.full_name,
        source=_hire_source(candidate, when),
        hired_at=timezone.localdate(when),
        recorded_via=via,
        candidate_status_before=_status_before_hire(candidate),
    )
    webhook_events.hire_created(hire)
    _candidate_status_set(candidate, CandidateStatus.HIRED)
    _interaction(candidate, "hired", when=when, source=via, metadata={"profile": application.profile_id})
    return hire


def _status_before_hire(candidate: Candidate | None) -> str:
    if candidate is None or candidate.status == CandidateStatus.HIRED:
        # Hired already (another role's hire): leaving this one must not restore a status it never had.
        return ""
    return candidate.status


def _candidate_status_set(candidate: Candidate, status: str) -> None:
    from candidates.services import candidate_set_fields

    if candidate.status != status and candidate.status not in (
        CandidateStatus.MERGED,
        CandidateStatus.ANONYMISED,
    ):
        candidate_set_fields(candidate, {"status": status}, source="pipeline", activity=False)


def _probation_follow(hire: Hire, stage: str, *, when: datetime) -> None:
    outcome = {
        ApplicationStage.PROBATION_PASSED: ProbationOutcome.PASSED,
        ApplicationStage.PROBATION_FAILED: ProbationOutcome.FAILED,
    }.get(stage, ProbationOutcome.PENDING)
    if hire.probation_outcome != outcome:
        hire.probation_outcome = outcome
        hire.probation_decided_on = None if outcome == ProbationOutcome.PENDING else timezone.localdate(when)
        hire.save(update_fields=["probation_outcome", "probation_decided_on"])


def _hire_void(application: Application, *, when: datetime, reason: str, actor=None) -> Hire | None:
    """Void the application's counted hire (kept as history) and give the candidate back the status they had
    before it, unless another counted hire or a later change (e.g. do-not-contact) says otherwise."""
    hire = Hire.objects.filter(Hire.counted, application=application).first()
    if hire is None:
        return None
    hire.voided_at, hire.void_reason = when, reason[:300]
    hire.save(update_fields=["voided_at", "void_reason"])
    candidate = application.candidate
    still_hired = Hire.objects.filter(Hire.counted, candidate_id=candidate.pk).exists()
    if not still_hired and candidate.status == CandidateStatus.HIRED:
        _candidate_status_set(candidate, hire.candidate_status_before or CandidateStatus.ACTIVE)
    return hire


def _hire_source(candidate: Candidate | None, when: datetime) -> str:
    # A person who entered the pool only on the day of the hire was not hired "from the pool".
    if candidate is None or candidate.created_at.date() >= (
        when.date() if isinstance(when, datetime) else when
    ):
        return HireSource.EXTERNAL
    return HireSource.POOL


@transaction.atomic
def hire_record(
    *,
    full_name: str = "",
    profile: RoleProfile | None = None,
    candidate: Candidate | None = None,
    email: str = "",
    external_id: str = "",
    candidate_external_id: tuple[str, str] | None = None,
    hired_at: date | None = None,
    recorded_via: str = "api",
) -> tuple[Hire, bool]:
    """Record a hire pushed by an HRIS or entered by hand; finds the candidate in the pool when it can.

    Idempotent on ``external_id``: the same hire pushed twice is the same row (returns created False).
    """
    if external_id:
        existing = Hire.objects.filter(external_id=external_id).first()
        if existing is not None:
            return existing, False
    if candidate is None and (email or candidate_external_id):
        candidate = candidate_find_exact(
            emails=[email] if email else [],
            external_ids=[candidate_external_id] if candidate_external_id else [],
        )
    if candidate is not None:
        candidate = _live_candidate(candidate)
    full_name = (full_name or (candidate.full_name if candidate else "")).strip()
    if not full_name:
        raise ProfileError(_("A hire needs the person's name or a candidate."), field="full_name")
    hired_at = hired_at or timezone.localdate()
    application = None
    if candidate is not None and profile is not None:
        application = Application.objects.filter(profile=profile, candidate=candidate).first()
        hire = Hire.objects.filter(Hire.counted, application=application).first() if application else None
        if hire is not None:
            if external_id and not hire.external_id:
                hire.external_id = external_id
                hire.save(update_fields=["external_id"])
            return hire, False
    when = datetime.combine(hired_at, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    try:
        with transaction.atomic():
            hire = Hire.objects.create(
                profile=profile,
                candidate=candidate,
                application=application,
                full_name=full_name[:200],
                external_id=external_id,
                source=_hire_source(candidate, when),
                hired_at=hired_at,
                recorded_via=recorded_via,
                candidate_status_before=_status_before_hire(candidate),
            )
    except IntegrityError:
        raise ProfileError(
            _("This hire was recorded already."), field="external_id", code="duplicate"
        ) from None
    webhook_events.hire_created(hire)
    if candidate is not None:
        _candidate_status_set(candidate, CandidateStatus.HIRED)
        _interaction(
            candidate,
            "hired",
            when=when,
            source=recorded_via,
            metadata={"profile": profile.pk if profile else None},
        )
    if application is not None and application.stage not in HIRED_STAGES:
        # The hire is the fact being recorded: the pipeline follows it without asking.
        application_move(
            application, to_stage=ApplicationStage.HIRED, source=recorded_via, occurred_at=when, confirm=True
        )
    return hire, True


# --- shortlists ----------------------------------------------------------------------------------------------


@transaction.atomic
def shortlist_create(
    *, profile: RoleProfile, candidate_ids: Iterable, actor=None, name: str = "", note: str = ""
) -> Shortlist:
    """A shortlist of these candidates, each with the match's score and explanation frozen as it is now.

    Each candidate is put into the role's pipeline (stage sourced) if not there yet.
    """
    from .matching import MatchOptions, rank

    try:
        ids = list(dict.fromkeys(int(value) for value in candidate_ids))
    except (TypeError, ValueError):
        raise ProfileError(_("Candidates must be given by id."), field="candidate_ids") from None
    if not ids:
        raise ProfileError(_("Choose at least one candidate."), field="candidate_ids")
    if len(ids) > MAX_SHORTLIST_SIZE:
        raise ProfileError(
            _("A shortlist holds at most %(n)d candidates.") % {"n": MAX_SHORTLIST_SIZE},
            field="candidate_ids",
        )
    candidates = {
        c.pk: c for c in Candidate.objects.filter(pk__in=ids).exclude(status=CandidateStatus.MERGED)
    }
    missing = [pk for pk in ids if pk not in candidates]
    if missing:
        raise ProfileError(_("Unknown candidate: %(id)s.") % {"id": missing[0]}, field="candidate_ids")
    matches = {
        m.candidate_id: m
        for m in rank(
            profile,
            MatchOptions(
                must_have_mode="flag", candidate_ids=tuple(ids), limit=len(ids), include_inactive=True
            ),
        )
    }
    shortlist = Shortlist.objects.create(
        profile=profile, name=(name or "").strip()[:200] or profile.title, note=note or "", created_by=actor
    )
    for position, pk in enumerate(ids):
        application, _created = application_create(
            profile=profile, candidate=candidates[pk], actor=actor, source="shortlist"
        )
        match = matches.get(pk)
        ShortlistEntry.objects.create(
            shortlist=shortlist,
            candidate_id=pk,
            application=application,
            position=position,
            score=match.score if match else 0.0,
            explanation=match.as_json() if match else {},
        )
    return shortlist


@transaction.atomic
def shortlist_send(shortlist: Shortlist, *, actor=None) -> Shortlist:
    """Send the shortlist to the role's hiring managers (in-app and e-mail)."""
    if shortlist.status == ShortlistStatus.CLOSED:
        raise ProfileError(_("This shortlist is closed."), field="status")
    managers = list(shortlist.profile.hiring_manager_links.values_list("user_id", flat=True))
    if not managers:
        raise ProfileError(_("Add a hiring manager to the role first."), field="hiring_managers")
    from privacy.selectors import sharing_blocked_ids  # sharing with hiring managers follows their consent

    blocked = sharing_blocked_ids(shortlist.entries.values_list("candidate_id", flat=True))
    if blocked:
        raise ProfileError(
            _("Some candidates have not consented to sharing with hiring managers: %(ids)s.")
            % {"ids": ", ".join(f"#{pk}" for pk in blocked)},
            field="entries",
            code="no_consent",
        )
    shortlist.status, shortlist.sent_at = ShortlistStatus.SENT, timezone.now()
    shortlist.save(update_fields=["status", "sent_at"])
    users = get_user_model().objects.filter(pk__in=managers)
    count = shortlist.entries.count()
    for user in users:
        notify(
            user,
            kind="shortlist_sent",
            params={"role": shortlist.profile.title, "n": count},
            url=f"/review/shortlists/{shortlist.pk}/",
        )
    return shortlist


def can_review(user, shortlist: Shortlist) -> bool:
    """Hiring managers review only their roles' sent shortlists; recruiters and admins review any."""
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return False
    if membership.role in (Role.ADMIN, Role.RECRUITER):
        return True
    return (
        shortlist.status != ShortlistStatus.DRAFT
        and RoleHiringManager.objects.filter(profile_id=shortlist.profile_id, user=user).exists()
    )


@transaction.atomic
def shortlist_decide(
    entry: ShortlistEntry, *, decision: str, actor, reason_tags: Iterable = (), comment: str = ""
) -> ShortlistEntry:
    """A hiring manager's decision: moves the application and tells the recruiter (in-app and e-mail)."""
    if decision not in Decision.values or decision == Decision.PENDING:
        raise ProfileError(_("Choose approve, reject or hold."), field="decision")
    shortlist = entry.shortlist
    if not can_review(actor, shortlist):
        raise ProfileError(
            _("You are not a hiring manager of this role."), field="decision", code="forbidden"
        )
    if shortlist.status == ShortlistStatus.CLOSED:
        raise ProfileError(_("This shortlist is closed."), field="decision")
    reasons = [str(tag).strip()[:80] for tag in reason_tags if str(tag).strip()]
    if decision == Decision.REJECTED and not reasons and not (comment or "").strip():
        raise ProfileError(_("Give a reason for the rejection."), field="reason_tags")
    entry.decision, entry.reason_tags, entry.comment = (
        decision,
        list(dict.fromkeys(reasons))[:10],
        comment or "",
    )
    entry.decided_by, entry.decided_at = actor, timezone.now()
    entry.save(update_fields=["decision", "reason_tags", "comment", "decided_by", "decided_at"])
    webhook_events.shortlist_decided(entry)
    if entry.application_id:
        target = {
            Decision.APPROVED: ApplicationStage.INTERVIEWING,
            Decision.REJECTED: ApplicationStage.REJECTED,
        }
        stage = target.get(decision)
        if stage:
            application_move(
                entry.application,
                to_stage=stage,
                actor=actor,
                source="shortlist",
                note=", ".join(entry.reason_tags) or entry.comment[:200],
            )
    recipient = shortlist.created_by
    if recipient is not None and recipient != actor:
        notify(
            recipient,
            kind="shortlist_decision",
            params={
                "who": str(actor),
                "decision": decision,
                "candidate": entry.candidate.full_name,
                "role": shortlist.profile.title,
                "reasons": entry.reason_tags,
                "comment": entry.comment,
            },
            url=f"/roles/{shortlist.profile_id}/shortlists/{shortlist.pk}/",
        )
    return entry


# Default rejection reasons: stored as these stable English phrases, shown translated, so feedback counts them
# whatever language the hiring manager used.
REJECTION_REASONS = {
    "skills don't match": gettext_lazy("skills don't match"),
    "not enough experience": gettext_lazy("not enough experience"),
    "no team-lead experience": gettext_lazy("no team-lead experience"),
    "salary expectations": gettext_lazy("salary expectations"),
    "location": pgettext_lazy("rejection reason", "location"),
    "overqualified": gettext_lazy("overqualified"),
}


def reason_label(reason: str) -> str:
    return str(REJECTION_REASONS.get(reason, reason))


def _reason_wordings(reason: str) -> list[str]:
    """The reason as stored, and a default reason in both languages: 团队管理经验 names a tag the English may not."""
    texts = {reason}
    if reason in REJECTION_REASONS:
        for language in ("zh-hans", "en"):
            with translation.override(language):
                texts.add(str(REJECTION_REASONS[reason]))
    return sorted(texts)


def feedback_suggestions(profile: RoleProfile, *, minimum: int = 2) -> list[dict]:
    """What the hiring managers' rejections say, most common first: "3 of 4 rejections say: no team-lead experience".

    A reason that names a tag of the taxonomy comes with it (``tag``), so the recruiter can add it as a
    requirement; a tag that is a requirement already is named in ``already`` instead.
    """
    rejected = list(
        ShortlistEntry.objects.filter(shortlist__profile=profile, decision=Decision.REJECTED).values_list(
            "reason_tags", flat=True
        )
    )
    total = len(rejected)
    counts = Counter(reason for reasons in rejected for reason in set(reasons))
    if not counts:
        return []
    from candidates.services.taxonomy import tenant_matcher

    matcher = tenant_matcher()
    existing = {req.tag.key: req.tag for req in profile.requirements.select_related("tag")}
    suggestions = []
    for reason, count in counts.most_common():
        if count < minimum:
            continue
        keys = [hit.tag_key for text in _reason_wordings(reason) for hit in matcher.find(text) if hit.tag_key]
        new_keys = [key for key in keys if key not in existing]
        tag = (
            Tag.objects.filter(key__in=new_keys, is_retired=False, merged_into__isnull=True).first()
            if new_keys
            else None
        )
        already = existing.get(keys[0]) if keys and tag is None else None
        label = reason_label(reason)
        suggestions.append(
            {
                "reason": reason,
                "label": label,
                "count": count,
                "total": total,
                "message": _("%(count)d of %(total)d rejections say: %(reason)s")
                % {"count": count, "total": total, "reason": label},
                "tag": {"id": tag.pk, "key": tag.key, "name_en": tag.name_en, "name_zh": tag.name_zh}
                if tag
                else None,
                "already": {
                    "id": already.pk,
                    "key": already.key,
                    "name_en": already.name_en,
                    "name_zh": already.name_zh,
                }
                if already
                else None,
            }
        )
    return suggestions


def candidate_pipeline_erase(*, candidate_id: int) -> dict[str, int]:
    """Blank what the pipeline holds about one person when they are erased or anonymised: hiring managers'
    comments and the resume evidence kept with each shortlist entry, notes on their stage moves, the name on
    their hires. Decisions, stages and dates stay, so past funnels still count them. Safe to run twice."""
    from .models import Hire, ShortlistEntry, StageEvent

    entries = ShortlistEntry.objects.filter(candidate_id=candidate_id)
    return {
        "shortlist_comments": entries.exclude(comment="", explanation={}).update(comment="", explanation={}),
        "stage_notes": StageEvent.objects.filter(candidate_id=candidate_id).exclude(note="").update(note=""),
        "hire_names": Hire.objects.filter(candidate_id=candidate_id)
        .exclude(full_name="")
        .update(full_name=""),
    }
