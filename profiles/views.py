"""Roles, matching, saved searches, the pipeline and shortlists: the recruiter's pages, and the hiring managers'
review pages (phone-first) under /review/.

Views are thin: forms validate, selectors read, services write. Admins and recruiters (EDITORS) change things,
viewers read the recruiter pages, hiring managers see only the review pages of the roles they are on. Ids of
another tenant are simply not found (the scoped managers), so they give 404; a shortlist a hiring manager may
not review is a 404 too (one answer for "does not exist" and "not yours").
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates import selectors as candidate_selectors
from candidates.forms import PoolFilterForm
from candidates.models import (
    ActivityTier,
    Candidate,
    Document,
    EducationLevel,
    SalaryPeriod,
    Tag,
    TagCategory,
)
from candidates.templatetags.candidates_display import shown_name
from talentpool.errors import ServiceError
from talentpool.tenancy import selectors as tenancy_selectors
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS, Role
from talentpool.web import id_param, is_htmx, next_url, render_in_tenant_zone

from . import matching, selectors, services
from .forms import (
    REASONS,
    ROW_KEY,
    DecisionForm,
    MatchFilterForm,
    MoveForm,
    RoleForm,
    SavedSearchForm,
    SelectionForm,
    reason_label,
    requirement_rows,
)
from .models import (
    Application,
    ApplicationStage,
    Decision,
    Hire,
    ProfileEdit,
    ProfileStatus,
    Requirement,
    RequirementGroup,
    RequirementSource,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    ShortlistStatus,
)
from .suggest import TITLE_ONLY_MESSAGE, JDError

READERS = POOL_READERS  # the recruiters' pages show the pool: hiring managers have /review/ instead
ROLES_PAGE_SIZE = 25
MATCHES_PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 30
EXIT_STAGES = (ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN, ApplicationStage.PROBATION_FAILED)
# The tag's category decides the group a tag added by hand starts in; the recruiter can change it.
GROUP_OF_CATEGORY = {
    TagCategory.EXPERIENCE: RequirementGroup.EXPERIENCE,
    TagCategory.INDUSTRY: RequirementGroup.EXPERIENCE,
    TagCategory.TITLE: RequirementGroup.EXPERIENCE,
    TagCategory.QUALITY: RequirementGroup.QUALITY,
}


# ------------------------------------------------------------------------------------------------ helpers


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _render(request, template: str, context: dict, status: int = 200):
    """Render with the roles' navigation, the user's rights, and dates in the tenant's time zone (htmx partials
    are not inside base.html's {% timezone %})."""
    context.setdefault("nav", "roles")
    context["can_edit"] = _can_edit(request)
    return render_in_tenant_zone(request, template, context, status)


def _label(tag) -> str:
    """A tag's name in the user's language, else the other one (a Tag, or a dict with name_en / name_zh)."""
    get = tag.get if isinstance(tag, dict) else lambda name, default="": getattr(tag, name, default)
    chinese = (get_language() or "").startswith("zh")
    first, second = (
        (get("name_zh", ""), get("name_en", "")) if chinese else (get("name_en", ""), get("name_zh", ""))
    )
    return first or second or get("name", "") or get("key", "")


def _name_tags(tags) -> None:
    for tag in tags:
        tag.label = _label(tag)


SERVICE_MESSAGES = {
    "The job description is empty.": gettext_lazy("Paste a job description first."),
    TITLE_ONLY_MESSAGE: gettext_lazy(
        "Only a title was given: its tags are suggested at the usual weight, with no "
        "must-have. Paste the whole job description for more."
    ),
    "No skills, qualities or experience from the taxonomy were found in the job description.": gettext_lazy(
        "No skills, qualities or experience from your tag taxonomy were found in this text. "
        "Add the requirements by hand below."
    ),
}


def service_message(exc_or_text) -> str:
    """A service's refusal or note in the user's language. The profile services translate their own messages;
    the JD suggester speaks English to every caller, so its messages are translated here."""
    if isinstance(exc_or_text, JDError) and exc_or_text.code == "too_long":
        return _("The job description is too long: at most %(limit)s characters.") % {
            "limit": f"{services_max_jd():,}"
        }
    if isinstance(exc_or_text, JDError) and exc_or_text.code == "unsupported_language":
        return _(
            "This job description is not in a supported language: only English and Chinese job descriptions "
            "can be read."
        )
    text = str(exc_or_text)
    return str(SERVICE_MESSAGES.get(text, text))


def services_max_jd() -> int:
    from .suggest import MAX_JD_CHARS

    return MAX_JD_CHARS


def _profile(pk: int) -> RoleProfile:
    return get_object_or_404(RoleProfile.objects, pk=pk)


def _role_context(profile: RoleProfile, section: str) -> dict:
    """What every page of one role shows: its header and tabs."""
    return {
        "profile": profile,
        "section": section,
        "shortlist_count": profile.shortlists.count(),
        "application_count": profile.applications.count(),
    }


# ------------------------------------------------------------------------------------------------ roles


@member_required()
@require_GET
def role_list(request):
    """The tenant's roles by status, with their requirement, pipeline and hire counts. Hiring managers have
    the review pages instead."""
    if request.membership.role == Role.HIRING_MANAGER:
        return redirect("profiles:review")
    if request.membership.role not in READERS:
        raise PermissionDenied
    status = request.GET.get("status", ProfileStatus.OPEN)
    if status not in (*ProfileStatus.values, "all"):
        status = ProfileStatus.OPEN
    by_status = dict(RoleProfile.objects.values_list("status").annotate(n=Count("id")).order_by())
    roles = RoleProfile.objects.all() if status == "all" else RoleProfile.objects.filter(status=status)
    page = Paginator(roles, ROLES_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [profile.pk for profile in page.object_list]

    def counts(queryset) -> dict[int, int]:
        return dict(
            queryset.filter(profile_id__in=ids).values_list("profile_id").annotate(n=Count("id")).order_by()
        )

    requirements = counts(Requirement.objects)
    applications = counts(Application.objects)
    active = counts(Application.objects.exclude(stage__in=EXIT_STAGES))
    hires = counts(Hire.objects.filter(Hire.counted))
    roles_on_page = list(page.object_list)
    for profile in roles_on_page:
        profile.requirement_count = requirements.get(profile.pk, 0)
        profile.application_count = applications.get(profile.pk, 0)
        profile.active_count = active.get(profile.pk, 0)
        profile.hire_count = hires.get(profile.pk, 0)
    page.object_list = roles_on_page
    filters = [(value, label, by_status.get(value, 0)) for value, label in ProfileStatus.choices]
    context = {
        "section": "roles",
        "page": page,
        "status": status,
        "filters": filters,
        "total": sum(by_status.values()),
    }
    return _render(request, "profiles/role_list.html", context)


def _editor_rows(rows: list[dict]) -> list[dict]:
    """Requirement rows ready for the editor: each with its Tag (None when the id is unknown) and label."""
    ids = [id_param(row["tag"]) for row in rows if id_param(row["tag"])]
    tags = candidate_selectors.tags_by_ids(ids) if ids else {}
    for row in rows:
        tag = tags.get(id_param(row["tag"]))
        row["tag_obj"] = tag
        row["label"] = _label(tag) if tag else _("Unknown tag")
        row["category"] = tag.get_category_display() if tag else ""
    alternative_ids = [
        id_param(value) for row in rows for value in row.get("alternatives") or () if id_param(value)
    ]
    others = candidate_selectors.tags_by_ids(alternative_ids) if alternative_ids else {}
    for row in rows:
        row.setdefault("alternatives", [])
        row.setdefault("min_count", 1)
        row["options"] = [
            {
                "id": str(value),
                "label": _label(others[id_param(value)]) if id_param(value) in others else _("Unknown tag"),
            }
            for value in row["alternatives"]
        ]
        if row["options"]:
            row["options"].insert(0, {"id": str(row["tag"]), "label": row["label"]})
            row["counts"] = range(1, len(row["options"]) + 1)
            row["label"] = _group_label([option["label"] for option in row["options"]], row["min_count"])
    return rows


def _group_label(labels: list[str], min_count: int) -> str:
    """ "Any of: CCNA, CCNP" / "2 of: MySQL, Redis, MongoDB" in the user's language."""
    if min_count <= 1:
        return _("Any of: %(tags)s") % {"tags": ", ".join(labels)}
    return _("%(count)d of: %(tags)s") % {"count": min_count, "tags": ", ".join(labels)}


def _rows_from_inputs(inputs, start: int = 0) -> list[dict]:
    """Editor rows from RequirementInput values (a suggestion) or Requirement rows (a saved role)."""
    return [
        {
            "index": start + n,
            "tag": str(item.tag.pk),
            "group": item.group,
            "weight": item.weight,
            "must_have": item.must_have,
            "source": item.source,
            "evidence_text": item.evidence_text,
            "alternatives": [str(getattr(value, "pk", value)) for value in item.alternatives],
            "min_count": item.min_count,
        }
        for n, item in enumerate(inputs)
    ]


def _plain_value(value) -> str:
    """A suggested value as a form field shows it: 20000 rather than 20000.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _service_rows(rows: list[dict]) -> list[dict]:
    items = []
    for row in rows:
        item = {key: row[key] for key in ("tag", "group", "weight", "must_have", "source", "evidence_text")}
        if row.get("empty_group"):
            item = {**item, "any_of": []}  # every option of a group ticked away: the service refuses it
        elif row.get("alternatives"):
            item.update(alternatives=list(row["alternatives"]), min_count=row.get("min_count", 1))
        items.append(item)
    return items


def _editor_context(form, rows, *, profile=None, requirements_error="", suggestion_note="", suggested=False):
    return {
        "form": form,
        "rows": _editor_rows(rows),
        "groups": RequirementGroup.choices,
        "weights": range(1, 6),
        "profile": profile,
        "requirements_error": requirements_error,
        "suggestion_note": suggestion_note,
        "suggested": suggested,
        "section": "roles" if profile is None else "overview",
    }


def _add_service_error(form, exc: services.ProfileError) -> str:
    """Put a service's refusal next to its field; a requirements error is returned to show at the requirements."""
    if (exc.field or "").startswith("requirements") or exc.field == "tag":
        return service_message(exc)
    field = {"text": "jd_text"}.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, service_message(exc))
    return ""


def _suggest(request, *, profile=None):
    """The editor after "Suggest": the JD's title (when none was typed), requirements, years, education and
    salary filled in. Requirements already in the editor and not suggested stay after the suggested ones."""
    data = request.POST.copy()
    members = list(tenancy_selectors.members())
    rows = requirement_rows(data)
    form = RoleForm(data, members=members, editing=profile is not None)
    note = ""
    suggested = False
    if form.is_valid() or "jd_text" not in form.errors:
        jd_text = data.get("jd_text", "")
        try:
            suggestion = services.suggest_for_tenant(jd_text, title=data.get("title", ""))
        except JDError as exc:
            form.add_error("jd_text", service_message(exc))
        else:
            if not jd_text.strip():
                form.add_error(
                    "jd_text", service_message(suggestion.message or "The job description is empty.")
                )
            else:
                suggested = True
                note = service_message(suggestion.message) if suggestion.message else ""
                values = services.suggestion_profile_fields(suggestion)
                if not (data.get("title") or "").strip() and suggestion.title:
                    values["title"] = suggestion.title
                for name, value in values.items():
                    data[name] = _plain_value(value)
                new_rows = _rows_from_inputs(services.suggestion_requirements(suggestion))
                keys = {row["tag"] for row in new_rows}
                rows = new_rows + [row for row in rows if row["tag"] not in keys]
                for index, row in enumerate(rows):
                    row["index"] = index
                form = RoleForm(data, members=members, editing=profile is not None)
                form.is_valid()
    context = _editor_context(form, rows, profile=profile, suggestion_note=note, suggested=suggested)
    if profile is not None:
        context.update(_role_context(profile, "overview"))
    if is_htmx(request):
        return _render(request, "profiles/_editor_suggested.html", {**context, "oob": True})
    template = "profiles/role_edit.html" if profile is not None else "profiles/role_new.html"
    return _render(request, template, context, status=400 if form.errors else 200)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def role_create(request):
    """A new role: paste the JD, "Suggest" (htmx, or a plain POST without JavaScript), edit, save."""
    if request.method == "POST" and request.POST.get("action") == "suggest":
        return _suggest(request)
    members = list(tenancy_selectors.members())
    if request.method == "GET":
        form = RoleForm(members=members)
        return _render(request, "profiles/role_new.html", _editor_context(form, []))
    form = RoleForm(request.POST, members=members)
    rows = requirement_rows(request.POST)
    requirements_error = ""
    if form.is_valid() and not (form.cleaned_data.get("jd_text") or "").strip() and not rows:
        # Neither a JD nor a requirement: the role would match nobody, with no word why.
        form.add_error("jd_text", _("Paste a job description first."))
    if form.is_valid():
        try:
            profile = services.profile_create(
                actor=request.user,
                requirements=_service_rows(rows),
                hiring_manager_ids=form.hiring_manager_ids(),
                **form.profile_values(),
            )
        except services.ProfileError as exc:
            requirements_error = _add_service_error(form, exc)
        else:
            messages.success(
                request, _("Role “%(title)s” created. Its matches are ready.") % {"title": profile.title}
            )
            return redirect("profiles:role", pk=profile.pk)
    context = _editor_context(form, rows, requirements_error=requirements_error)
    return _render(request, "profiles/role_new.html", context, status=400)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def role_edit(request, pk: int):
    """The same editor for a saved role: fields, requirements (replaced as a whole), hiring managers, status."""
    profile = _profile(pk)
    if request.method == "POST" and request.POST.get("action") == "suggest":
        return _suggest(request, profile=profile)
    members = list(tenancy_selectors.members())
    manager_ids = list(profile.hiring_manager_links.values_list("user_id", flat=True))
    requirements_error = ""
    if request.method == "GET":
        form = RoleForm(members=members, editing=True, initial=RoleForm.initial_for(profile, manager_ids))
        rows = _rows_from_inputs(profile.requirements.select_related("tag"))
    else:
        form = RoleForm(request.POST, members=members, editing=True)
        rows = requirement_rows(request.POST)
        if form.is_valid():
            try:
                # One change: the fields, the requirements and the managers are saved together or not at all.
                with transaction.atomic():
                    services.profile_update(profile, actor=request.user, **form.profile_values())
                    services.requirements_replace(profile, _service_rows(rows), actor=request.user)
                    services.hiring_managers_set(
                        profile, user_ids=form.hiring_manager_ids(), actor=request.user
                    )
            except services.ProfileError as exc:
                profile.refresh_from_db()
                requirements_error = _add_service_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("profiles:role", pk=profile.pk)
    context = {
        **_role_context(profile, "overview"),
        **_editor_context(form, rows, profile=profile, requirements_error=requirements_error),
    }
    return _render(
        request, "profiles/role_edit.html", context, status=400 if form.errors or requirements_error else 200
    )


@member_required(EDITORS)
@require_POST
def requirement_row(request):
    """One new requirement row for the editor (htmx, from the tag picker). The rows already in the editor come
    along, so a tag already there is not added twice (204: nothing to swap)."""
    value = request.POST.get("tag", "")
    tag = Tag.objects.filter(pk=id_param(value), is_retired=False).first() if id_param(value) else None
    present = requirement_rows(request.POST)
    if tag is None:
        return HttpResponse(status=204)
    if str(tag.pk) in {row["tag"] for row in present}:
        context = {"note": _("“%(tag)s” is a requirement already.") % {"tag": _label(tag)}}
        return _render(request, "profiles/_requirement_row_added.html", context)
    # Rows ticked "remove" are still in the editor: their numbers are taken too.
    index = (
        max([int(match.group(1)) for key in request.POST if (match := ROW_KEY.match(key))], default=-1) + 1
    )
    row = {
        "index": index,
        "tag": str(tag.pk),
        "group": GROUP_OF_CATEGORY.get(tag.category, RequirementGroup.HARD_SKILL),
        "weight": 3,
        "must_have": False,
        "source": RequirementSource.MANUAL,
        "evidence_text": "",
    }
    context = {
        "row": _editor_rows([row])[0],
        "groups": RequirementGroup.choices,
        "weights": range(1, 6),
        "added": True,
    }
    return _render(request, "profiles/_requirement_row_added.html", context)


def _requirements_by_group(profile: RoleProfile) -> list[tuple[str, str, list]]:
    requirements = list(profile.requirements.select_related("tag"))
    _name_tags(req.tag for req in requirements)
    grouped = defaultdict(list)
    for req in requirements:
        grouped[req.group].append(req)
    return [(value, label, grouped[value]) for value, label in RequirementGroup.choices if grouped[value]]


def _feedback(profile: RoleProfile) -> list[dict]:
    """The shortlist rejections' reasons as the recruiter reads them, tags labelled in the page's language."""
    items = services.feedback_suggestions(profile)
    for item in items:
        for key in ("tag", "already"):
            if item[key]:
                item[key]["label"] = _label(item[key])
        item["already"] = item["already"]["label"] if item["already"] else ""
    return items


@member_required(READERS)
@require_GET
def role_detail(request, pk: int):
    """A role: its requirements, the funnel of its pipeline, what the hiring managers' rejections say."""
    profile = get_object_or_404(RoleProfile.objects.select_related("created_by"), pk=pk)
    funnel = selectors.profile_funnel(profile)
    top = max([row["reached"] for row in funnel], default=0)
    context = {
        **_role_context(profile, "overview"),
        "requirement_groups": _requirements_by_group(profile),
        "requirement_count": profile.requirements.count(),
        "funnel": [row for row in funnel if not row.get("exit")],
        "funnel_exits": [row for row in funnel if row.get("exit")],
        "funnel_top": top or 1,
        "feedback": _feedback(profile),
        "hiring_managers": [link.user for link in profile.hiring_manager_links.select_related("user")],
        "hire_count": profile.hires.filter(Hire.counted).count(),
    }
    return _render(request, "profiles/role_detail.html", context)


@member_required(EDITORS)
@require_POST
def feedback_add(request, pk: int):
    """One click on a feedback suggestion: its tag becomes a requirement of the role (source: feedback)."""
    profile = _profile(pk)
    tag_id = id_param(request.POST.get("tag"))
    tag = Tag.objects.filter(pk=tag_id).first() if tag_id else None
    if tag is None:
        raise Http404
    item = {
        "tag": tag.pk,
        "group": GROUP_OF_CATEGORY.get(tag.category, RequirementGroup.HARD_SKILL),
        "weight": 3,
        "source": RequirementSource.FEEDBACK,
    }
    try:
        services.requirement_add(profile, item, actor=request.user, source="feedback")
    except services.ProfileError as exc:
        messages.error(request, service_message(exc))
    else:
        messages.success(request, _("“%(tag)s” is now a requirement of this role.") % {"tag": _label(tag)})
    return redirect("profiles:role", pk=profile.pk)


HISTORY_FIELDS = {
    "created": gettext_lazy("Role created"),
    "title": gettext_lazy("Title"),
    "jd_text": gettext_lazy("Job description"),
    "department": gettext_lazy("Department"),
    "location": gettext_lazy("Location"),
    "headcount": gettext_lazy("Headcount"),
    "status": gettext_lazy("Status"),
    "salary_min": gettext_lazy("Salary from"),
    "salary_max": gettext_lazy("Salary to"),
    "salary_currency": gettext_lazy("Currency"),
    "salary_period": gettext_lazy("Salary period"),
    "salary_months": gettext_lazy("Months paid a year"),
    "min_years": gettext_lazy("Minimum years"),
    "education": gettext_lazy("Minimum education"),
    "external_id": gettext_lazy("External id"),
    "requirement": gettext_lazy("Requirement"),
    "hiring_managers": gettext_lazy("Hiring managers"),
}
HISTORY_SOURCES = {
    "manual": gettext_lazy("Edited by hand"),
    "suggestion": gettext_lazy("Suggested from the JD"),
    "api": gettext_lazy("API"),
    "feedback": gettext_lazy("From shortlist feedback"),
}


def _history_value(field: str, value, tags: dict, users: dict) -> str:
    if value in (None, "", [], {}):
        return ""
    if field == "requirement" and isinstance(value, dict):
        tag = tags.get(value.get("tag"))
        text = _label(tag) if tag else str(value.get("tag", ""))
        group = dict(RequirementGroup.choices).get(value.get("group"), value.get("group", ""))
        parts = [text, str(group), _("weight %(weight)s") % {"weight": value.get("weight", "")}]
        if value.get("must_have"):
            parts.append(_("must-have"))
        return " · ".join(parts)
    if field == "created" and isinstance(value, dict):
        return str(value.get("title", ""))
    if field == "status" and value in ProfileStatus.values:
        return str(ProfileStatus(value).label)
    if field == "education" and value in EducationLevel.values:
        return str(EducationLevel(value).label)
    if field == "salary_period" and value in SalaryPeriod.values:
        return str(SalaryPeriod(value).label)
    if field == "hiring_managers" and isinstance(value, list):
        return ", ".join(str(users.get(pk, f"#{pk}")) for pk in value)
    if field == "jd_text":
        text = str(value)
        return text[:140] + ("…" if len(text) > 140 else "")
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value)


@member_required(READERS)
@require_GET
def role_history(request, pk: int):
    """Every change to the role and its requirements: who, when, from what to what."""
    profile = _profile(pk)
    page = Paginator(
        ProfileEdit.objects.filter(profile=profile).select_related("actor"), HISTORY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    edits = list(page.object_list)
    keys = {
        value.get("tag")
        for edit in edits
        for value in (edit.old_value, edit.new_value)
        if edit.field == "requirement" and isinstance(value, dict)
    }
    tags = {tag.key: tag for tag in Tag.objects.filter(key__in=keys)} if keys else {}
    user_ids = {
        pk
        for edit in edits
        if edit.field == "hiring_managers"
        for value in (edit.old_value, edit.new_value)
        if isinstance(value, list)
        for pk in value
    }
    users = (
        {m.user_id: m.user for m in tenancy_selectors.members().filter(user_id__in=user_ids)}
        if user_ids
        else {}
    )
    for edit in edits:
        edit.label = HISTORY_FIELDS.get(edit.field, edit.field)
        edit.source_label = HISTORY_SOURCES.get(edit.source, edit.source)
        edit.old_display = _history_value(edit.field, edit.old_value, tags, users)
        edit.new_display = _history_value(edit.field, edit.new_value, tags, users)
    page.object_list = edits
    return _render(request, "profiles/role_history.html", {**_role_context(profile, "history"), "page": page})


# ------------------------------------------------------------------------------------------------ matches


class MatchPages:
    """The ranked matches as a Paginator sees a list: ``count()`` counts in SQL, a slice ranks one page."""

    def __init__(self, profile: RoleProfile, options):
        self.profile, self.options = profile, options

    def count(self) -> int:
        return matching.count_matches(self.profile, self.options)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("MatchPages supports slices only")
        start = item.start or 0
        limit = min(item.stop - start, matching.MAX_LIMIT)
        if limit <= 0 or start > matching.MAX_OFFSET:
            return []
        return matching.rank(self.profile, dataclasses.replace(self.options, offset=start, limit=limit))


TIER_LABELS = dict(ActivityTier.choices)
EDUCATION_LABELS = dict(EducationLevel.choices)
GROUP_LABELS = dict(RequirementGroup.choices)
BAND_LABELS = {
    "strong": gettext_lazy("Strong match"),
    "good": gettext_lazy("Good match"),
    "partial": gettext_lazy("Partial match"),
    "weak": gettext_lazy("Weak match"),
}
PART_LABELS = {
    "coverage": gettext_lazy("Requirements covered"),
    "years_fit": gettext_lazy("Years of experience"),
    "education_fit": gettext_lazy("Education"),
    "focus": gettext_lazy("Resume about other things"),
    "activity_boost": gettext_lazy("Activity boost"),
    "must_have_penalty": gettext_lazy("Missing must-haves"),
}


def _requirement_item(item: dict) -> dict:
    """One matched / missing requirement of an explanation, with names in the user's language."""
    tag = item.get("tag") or {}
    matched_tag = item.get("matched_tag") or {}
    options = item.get("options") or []
    via_label = ""
    met_options = []
    if options:
        # A group: the options the resume met, each with its own words ("meets 1 of: CCNA, CCNP").
        met_options = [
            {
                "label": _label(option.get("matched_tag") or option.get("option") or {}),
                "evidence": str(option.get("evidence") or "")[:300],
                "via": option.get("via") or "",
            }
            for option in item.get("met_options") or []
        ]
    elif isinstance(matched_tag, dict) and matched_tag.get("id") not in (None, tag.get("id")):
        via_label = _label(matched_tag)
    label = (
        _group_label([_label(option) for option in options], int(item.get("min_count") or 1))
        if options
        else _label(tag)
    )
    return {
        "label": label or _("A tag that no longer exists"),
        "is_group": bool(options),
        "met_options": met_options,
        "points": item.get("points"),
        "group": GROUP_LABELS.get(item.get("group"), ""),
        "weight": item.get("weight"),
        "must_have": bool(item.get("must_have")),
        "credit": item.get("credit"),
        "via": item.get("via") or "",
        "via_label": via_label,
        "evidence": str(item.get("evidence") or "")[:300],
        # How much the resume is about it (older shortlist snapshots have no strength: nothing is shown).
        "strength_percent": round(float(item["strength"]) * 100)
        if item.get("strength") is not None
        else None,
        "mentions": item.get("mentions"),
    }


def _part_label(key: str, focus) -> str:
    if key == "focus" and focus is not None:
        return _("Resume about other things (%(percent)s%% about this role)") % {
            "percent": round(float(focus) * 100)
        }
    return PART_LABELS.get(key, key)


def _explained(explanations: list[dict]) -> list[dict]:
    """Match explanations (``Match.as_json()`` or a shortlist entry's frozen copy) ready for the template."""
    rows = []
    for explanation in explanations:
        failed = [_requirement_item(item) for item in explanation.get("failed_must_haves") or []]
        failed_ids = {item.get("requirement_id") for item in explanation.get("failed_must_haves") or []}
        parts = explanation.get("parts") or {}
        matched = [_requirement_item(item) for item in explanation.get("matched") or []]
        missing = [
            _requirement_item(item)
            for item in explanation.get("missing") or []
            if item.get("requirement_id") not in failed_ids
        ]
        focus = explanation.get("focus")
        band = explanation.get("band") or (
            matching.band_of(float(explanation["score"])) if explanation.get("score") is not None else ""
        )
        rows.append(
            {
                "band": band,
                "band_label": BAND_LABELS.get(band, ""),
                "matched": matched,
                "missing": missing,
                "failed": failed,
                "total": len(matched) + len(missing) + len(failed),
                "parts": [
                    {"key": key, "label": _part_label(key, focus), "value": value}
                    for key, value in parts.items()
                    if value
                ],
            }
        )
    return rows


def _match_rows(matches) -> list[dict]:
    rows = []
    explanations = _explained([match.as_json() for match in matches])
    previous_failed = False
    for position, (match, explanation) in enumerate(zip(matches, explanations, strict=True)):
        person = dict(match.candidate or {})
        tier = person.get("activity_tier") or ""
        failed = bool(match.failed_must_haves)
        # The combined mode's divider: above the first candidate on the page who misses a must-have.
        divider = failed and (not previous_failed or position == 0)
        previous_failed = failed
        rows.append(
            {
                "divider_before": divider,
                "id": match.candidate_id,
                "score": match.score,
                "score_holder": {"activity_score": match.score},
                "candidate": person,
                "tier": tier,
                "tier_label": TIER_LABELS.get(tier, ""),
                "education_label": EDUCATION_LABELS.get(person.get("highest_education") or "", ""),
                "explanation": explanation,
            }
        )
    return rows


def _filter_chips(form: MatchFilterForm, params: dict) -> list[str]:
    chips = []
    for tier in params.get("tiers", []):
        chips.append(_("%(tier)s activity") % {"tier": TIER_LABELS.get(tier, tier)})
    if params.get("location"):
        chips.append(_("In %(location)s") % {"location": params["location"]})
    if params.get("min_score"):
        chips.append(_("Score ≥ %(score)s") % {"score": params["min_score"]})
    if params.get("must_have_mode") == "flag":
        chips.append(_("Missing must-haves flagged"))
    elif params.get("must_have_mode") == "exclude":
        chips.append(_("Candidates missing a must-have left out"))
    if params.get("activity_boost"):
        chips.append(_("Active candidates favoured"))
    if params.get("exclude_in_pipeline"):
        chips.append(_("Not in the pipeline yet"))
    if params.get("exclude_contacted_days"):
        chips.append(_("Not contacted in %(days)s days") % {"days": params["exclude_contacted_days"]})
    return chips


def _matches_context(request, profile: RoleProfile, params: dict, *, page_number=None, new_ids=()) -> dict:
    options = matching.options_from_params(params)
    page = Paginator(MatchPages(profile, options), MATCHES_PAGE_SIZE).get_page(page_number)
    rows = _match_rows(list(page.object_list))
    for row in rows:
        row["is_new"] = row["id"] in new_ids
    page.object_list = rows
    in_pipeline = set(
        Application.objects.filter(profile=profile, candidate_id__in=[row["id"] for row in rows]).values_list(
            "candidate_id", flat=True
        )
    )
    for row in rows:
        row["in_pipeline"] = row["id"] in in_pipeline
    combined = {key: value for key, value in params.items() if key != "must_have_mode"}
    query = QueryDict(mutable=True)
    for key, value in combined.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = "1" if value is True else str(value)
    return {
        "page": page,
        "rows": rows,
        "has_requirements": profile.requirements.exists(),
        "excluding": options.must_have_mode == "exclude",
        "show_flagged_url": f"{reverse('profiles:matches', args=[profile.pk])}?{query.urlencode()}",
    }


@member_required(READERS)
@require_GET
def role_matches(request, pk: int):
    """The pool ranked against the role, each score explained; filters in the query string; act on a selection."""
    profile = _profile(pk)
    form = MatchFilterForm(request.GET)
    params = form.params()
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = "1" if value is True else str(value)
    context = {
        **_role_context(profile, "matches"),
        **_matches_context(request, profile, params, page_number=request.GET.get("page")),
        "form": form,
        "params": params,
        "chips": _filter_chips(form, params),
        "query": query.urlencode(),
        "current_url": request.get_full_path(),
        "save_form": SavedSearchForm(initial={"name": profile.title}),
        "filters_open": any(
            key in params
            for key in ("must_have_mode", "activity_boost", "exclude_in_pipeline", "exclude_contacted_days")
        ),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "match-results":
        return _render(request, "profiles/_match_results.html", context)
    return _render(request, "profiles/role_matches.html", context)


@member_required(EDITORS)
@require_POST
def matches_act(request, pk: int):
    """The ticked matches: into a new shortlist (then its page), or into the role's pipeline."""
    profile = _profile(pk)
    back = next_url(request, reverse("profiles:matches", args=[profile.pk]))
    form = SelectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    ids = form.cleaned_data["candidate_ids"]
    if form.cleaned_data["action"] == SelectionForm.SHORTLIST:
        try:
            shortlist = services.shortlist_create(
                profile=profile, candidate_ids=ids, actor=request.user, name=form.cleaned_data["name"]
            )
        except services.ProfileError as exc:
            messages.error(request, service_message(exc))
            return redirect(back)
        messages.success(
            request,
            ngettext(
                "Shortlist created with %(count)d candidate.",
                "Shortlist created with %(count)d candidates.",
                len(ids),
            )
            % {"count": len(ids)},
        )
        return redirect("profiles:shortlist", pk=profile.pk, shortlist_id=shortlist.pk)
    candidates = list(Candidate.objects.filter(pk__in=ids))
    added = 0
    for candidate in candidates:
        _application, created = services.application_create(
            profile=profile, candidate=candidate, actor=request.user, source="pool"
        )
        added += created
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)d candidate added to the pipeline.",
                "%(count)d candidates added to the pipeline.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("They are all in the pipeline already."))
    return redirect(back)


# ------------------------------------------------------------------------------------------- saved searches


@member_required(EDITORS)
@require_POST
def saved_search_create(request, pk: int):
    """Save the matches page's filters as a smart list that follows the pool."""
    profile = _profile(pk)
    query = QueryDict(request.POST.get("query", ""))
    params = MatchFilterForm(query).params()
    form = SavedSearchForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    try:
        saved = services.saved_search_create(owner=request.user, name=name, profile=profile, params=params)
    except services.ProfileError as exc:
        messages.error(request, service_message(exc))
        return redirect(
            reverse("profiles:matches", args=[profile.pk]) + (f"?{query.urlencode()}" if query else "")
        )
    messages.success(
        request,
        _("Saved as “%(name)s”. It counts the new matches each time you come back.") % {"name": saved.name},
    )
    return redirect("profiles:saved_searches")


@member_required(READERS)
@require_POST
def saved_search_create_pool(request):
    """Save the pool's filters (the /pool/ query) as a smart list; anyone who sees the pool keeps their own."""
    query = QueryDict(request.POST.get("query", ""))
    pool_url = reverse("candidates:pool") + (f"?{query.urlencode()}" if query else "")
    params = PoolFilterForm(query).params()
    for key in ("tags_all", "tags_any", "tags_none"):  # unknown ids (deleted, another tenant's) are dropped
        if key in params:
            visible = candidate_selectors.tags_by_ids(params[key])
            params[key] = [tag_id for tag_id in params[key] if tag_id in visible]
            if not params[key]:
                del params[key]
    if not params:
        messages.error(
            request, _("Set a search or a filter first: a search of the whole pool needs no saving.")
        )
        return redirect(pool_url)
    form = SavedSearchForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    try:
        saved = services.saved_search_create(owner=request.user, name=name, params=params)
    except services.ProfileError as exc:
        messages.error(request, service_message(exc))
        return redirect(pool_url)
    messages.success(
        request,
        _("Saved as “%(name)s”. It counts the new candidates each time you come back.")
        % {"name": saved.name},
    )
    return redirect("profiles:saved_searches")


def _pool_search(saved: SavedSearch):
    """A saved pool search's candidates (its filters as the pool page applies them)."""
    form = PoolFilterForm(QueryDict(_pool_query(saved.params)))
    return candidate_selectors.candidate_list(**form.filters())


def _since(saved: SavedSearch, options):
    return dataclasses.replace(options, updated_since=saved.last_viewed_at) if saved.last_viewed_at else None


@member_required(READERS)
@require_GET
def saved_searches(request):
    """The user's saved searches, each with how many matches are new since they last opened it."""
    searches = list(SavedSearch.objects.filter(owner=request.user).select_related("profile"))
    for saved in searches:
        saved.new_count = saved.total = None
        if saved.profile is None:
            found = _pool_search(saved)
            saved.total = found.count()
            since = saved.last_viewed_at
            saved.new_count = (
                candidate_selectors.changed_since(found, since).count() if since else saved.total
            )
            continue
        try:
            options = matching.options_from_params(saved.params)
        except ServiceError:
            saved.broken = True
            continue
        saved.total = matching.count_matches(saved.profile, options)
        since = _since(saved, options)
        saved.new_count = matching.count_matches(saved.profile, since) if since else saved.total
    return _render(request, "profiles/saved_searches.html", {"section": "searches", "searches": searches})


def _pool_query(params: dict) -> str:
    query = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    return query.urlencode()


@member_required(READERS)
@require_GET
def saved_search_detail(request, pk: int):
    """A saved search's results, the new ones marked; opening it marks it viewed."""
    saved = get_object_or_404(SavedSearch.objects.select_related("profile"), pk=pk, owner=request.user)
    if saved.profile is None:  # the pool page shows it; opening it through here marks it viewed
        since = saved.last_viewed_at
        new = candidate_selectors.changed_since(_pool_search(saved), since).count() if since else 0
        services.saved_search_mark_viewed(saved)
        if new:
            messages.info(
                request,
                ngettext(
                    "%(count)s candidate is new or updated since you last looked.",
                    "%(count)s candidates are new or updated since you last looked.",
                    new,
                )
                % {"count": new},
            )
        return redirect(reverse("candidates:pool") + "?" + _pool_query(saved.params))
    profile = saved.profile
    options = matching.options_from_params(saved.params)
    since = _since(saved, options)
    new_ids = set()
    if since is not None:
        new_ids = {
            match.candidate_id for match in matching.rank(profile, dataclasses.replace(since, limit=500))
        }
    last_viewed = saved.last_viewed_at
    services.saved_search_mark_viewed(saved)
    query = _pool_query(saved.params)
    context = {
        **_role_context(profile, "matches"),
        **_matches_context(
            request, profile, saved.params, page_number=request.GET.get("page"), new_ids=new_ids
        ),
        "saved": saved,
        "last_viewed": last_viewed,
        "new_count": len(new_ids),
        "chips": _filter_chips(MatchFilterForm(), saved.params),
        "matches_url": reverse("profiles:matches", args=[profile.pk]) + (f"?{query}" if query else ""),
        "current_url": request.get_full_path(),
        "section": "searches",
    }
    return _render(request, "profiles/saved_search_detail.html", context)


@member_required(READERS)
@require_POST
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch.objects, pk=pk, owner=request.user)
    name = saved.name
    saved.delete()  # the owner's own row; no history is kept for smart lists
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": name})
    return redirect("profiles:saved_searches")


# ------------------------------------------------------------------------------------------------ pipeline


def _pipeline_context(request, profile: RoleProfile, view: str) -> dict:
    applications = list(
        Application.objects.filter(profile=profile)
        .select_related("candidate")
        .order_by("-stage_changed_at", "-id")
    )
    labels = selectors.stage_labels(request.tenant)
    by_stage = defaultdict(list)
    for application in applications:
        application.stage_label = labels[application.stage]
        by_stage[application.stage].append(application)
    columns = [
        {"stage": stage, "label": labels[stage], "applications": by_stage[stage]}
        for stage in selectors.FUNNEL_STAGES
    ]
    exits = [
        {"stage": stage, "label": labels[stage], "applications": by_stage[stage]} for stage in EXIT_STAGES
    ]
    return {
        "columns": columns,
        "exits": exits,
        "applications": applications,
        "view": view,
        "stages": list(labels.items()),
        "total": len(applications),
    }


@member_required(READERS)
@require_GET
def pipeline(request, pk: int):
    """The role's applications by stage: a board (a column per stage) or a list. A card moves with its stage
    select, by drag and drop, or with others ticked for a bulk move."""
    profile = _profile(pk)
    view = "list" if request.GET.get("view") == "list" else "board"
    context = {**_role_context(profile, "pipeline"), **_pipeline_context(request, profile, view)}
    return _render(request, "profiles/pipeline.html", context)


def _pipeline_answer(
    request,
    profile: RoleProfile,
    view: str,
    *,
    error: str = "",
    confirm: dict | None = None,
    moved_ids=(),
    moved_stage: str = "",
):
    """The board again for htmx (with the error or the confirmation to ask), a redirect for a plain post."""
    if is_htmx(request):
        context = {
            **_role_context(profile, "pipeline"),
            **_pipeline_context(request, profile, view),
            "error": error,
            "confirm": confirm,
            "moved_ids": set(moved_ids),
            "moved_stage": moved_stage,
        }
        return _render(request, "profiles/_pipeline_board.html", context)
    if confirm:
        context = {
            **_role_context(profile, "pipeline"),
            **_pipeline_context(request, profile, view),
            "confirm": confirm,
        }
        return _render(request, "profiles/pipeline.html", context, status=409)
    if error:
        messages.error(request, error)
    return redirect(
        reverse("profiles:pipeline", args=[profile.pk]) + ("?view=list" if view == "list" else "")
    )


@member_required(EDITORS)
@require_POST
def application_move(request, pk: int, application_id: int):
    """Move one application (a StageEvent). A jump into Hired past the offer, or out of Hired (which voids the
    hire), is asked back with a confirmation; the confirmed post carries ``confirm=1``."""
    profile = _profile(pk)
    application = get_object_or_404(
        Application.objects.select_related("candidate"), pk=application_id, profile=profile
    )
    view = "list" if request.POST.get("view") == "list" else "board"
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _pipeline_answer(request, profile, view, error=_("Choose a stage."))
    to_stage = form.cleaned_data["to_stage"]
    try:
        event = services.application_move(
            application,
            to_stage=to_stage,
            actor=request.user,
            source="dashboard",
            confirm=form.cleaned_data["confirm"],
        )
    except services.ProfileError as exc:
        if exc.code == "confirmation_required":
            confirm = {
                "message": service_message(exc),
                "stage": to_stage,
                "action": reverse("profiles:application_move", args=[profile.pk, application.pk]),
                "ids": [application.pk],
            }
            return _pipeline_answer(request, profile, view, confirm=confirm)
        return _pipeline_answer(request, profile, view, error=service_message(exc))
    if event is not None and not is_htmx(request):
        messages.success(
            request,
            _("%(name)s moved to “%(stage)s”.")
            % {
                "name": shown_name(application.candidate.full_name),
                "stage": selectors.stage_labels(request.tenant)[to_stage],
            },
        )
    return _pipeline_answer(request, profile, view, moved_ids=[application.pk], moved_stage=to_stage)


@member_required(EDITORS)
@require_POST
def applications_bulk_move(request, pk: int):
    """Move the ticked applications to one stage. Moves that need confirmation are asked back together."""
    profile = _profile(pk)
    view = "list" if request.POST.get("view") == "list" else "board"
    form = MoveForm(request.POST)
    ids = [value for value in (id_param(raw) for raw in request.POST.getlist("application")) if value]
    if not form.is_valid():
        return _pipeline_answer(request, profile, view, error=_("Choose a stage."))
    if not ids:
        return _pipeline_answer(request, profile, view, error=_("Tick the candidates to move first."))
    to_stage = form.cleaned_data["to_stage"]
    try:
        result = services.applications_move(
            profile,
            application_ids=ids,
            to_stage=to_stage,
            actor=request.user,
            confirm=form.cleaned_data["confirm"],
        )
    except services.ProfileError as exc:
        return _pipeline_answer(request, profile, view, error=service_message(exc))
    label = selectors.stage_labels(request.tenant)[to_stage]
    if result.refused:
        refused_ids = [pk for pk, _message in result.refused]
        message = ngettext(
            "%(moved)d moved to “%(stage)s”. %(n)d more needs your confirmation: %(why)s",
            "%(moved)d moved to “%(stage)s”. %(n)d more need your confirmation: %(why)s",
            len(refused_ids),
        ) % {"moved": result.moved, "stage": label, "n": len(refused_ids), "why": result.refused[0][1]}
        confirm = {
            "message": message,
            "stage": to_stage,
            "ids": refused_ids,
            "action": reverse("profiles:applications_bulk_move", args=[profile.pk]),
        }
        return _pipeline_answer(request, profile, view, confirm=confirm, moved_ids=ids, moved_stage=to_stage)
    if not is_htmx(request):
        messages.success(
            request,
            ngettext(
                "%(n)d candidate moved to “%(stage)s”.",
                "%(n)d candidates moved to “%(stage)s”.",
                result.moved,
            )
            % {"n": result.moved, "stage": label},
        )
    return _pipeline_answer(request, profile, view, moved_ids=ids, moved_stage=to_stage)


# ------------------------------------------------------------------------------------------------ shortlists


def _decision_counts(shortlists) -> None:
    ids = [shortlist.pk for shortlist in shortlists]
    rows = (
        ShortlistEntry.objects.filter(shortlist_id__in=ids)
        .values_list("shortlist_id", "decision")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for shortlist_id, decision, n in rows:
        counts[shortlist_id][decision] = n
    for shortlist in shortlists:
        shortlist.counts = counts[shortlist.pk]
        shortlist.total = sum(counts[shortlist.pk].values())
        shortlist.pending = counts[shortlist.pk].get(Decision.PENDING, 0)


@member_required(READERS)
@require_GET
def shortlists(request, pk: int):
    profile = _profile(pk)
    items = list(profile.shortlists.select_related("created_by"))
    _decision_counts(items)
    context = {
        **_role_context(profile, "shortlists"),
        "shortlists": items,
        "has_managers": profile.hiring_manager_links.exists(),
    }
    return _render(request, "profiles/shortlists.html", context)


def _entry_reasons(entries) -> None:
    for entry in entries:
        entry.reason_labels = [reason_label(reason) for reason in entry.reason_tags]


@member_required(READERS)
@require_GET
def shortlist_detail(request, pk: int, shortlist_id: int):
    """A shortlist as the recruiter sees it: every field, each decision with its reasons and comment."""
    profile = _profile(pk)
    shortlist = get_object_or_404(
        Shortlist.objects.select_related("created_by"), pk=shortlist_id, profile=profile
    )
    entries = list(shortlist.entries.select_related("candidate", "decided_by", "application"))
    _entry_reasons(entries)
    explanations = _explained([entry.explanation or {} for entry in entries])
    for entry, explanation in zip(entries, explanations, strict=True):
        entry.explained = explanation
        entry.score_holder = {"activity_score": entry.score}
        entry.band = matching.band_of(entry.score)
        entry.band_label = BAND_LABELS[entry.band]
    _decision_counts([shortlist])
    managers = [link.user for link in profile.hiring_manager_links.select_related("user")]
    context = {
        **_role_context(profile, "shortlists"),
        "shortlist": shortlist,
        "entries": entries,
        "hiring_managers": managers,
        "review_url": reverse("profiles:review_shortlist", args=[shortlist.pk]),
    }
    return _render(request, "profiles/shortlist_detail.html", context)


@member_required(EDITORS)
@require_POST
def shortlist_send(request, pk: int, shortlist_id: int):
    profile = _profile(pk)
    shortlist = get_object_or_404(Shortlist.objects, pk=shortlist_id, profile=profile)
    try:
        services.shortlist_send(shortlist, actor=request.user)
    except services.ProfileError as exc:
        messages.error(request, service_message(exc))
    else:
        messages.success(request, _("Sent. The hiring managers were notified in the app and by email."))
    return redirect("profiles:shortlist", pk=profile.pk, shortlist_id=shortlist.pk)


# ------------------------------------------------------------------------------------------------ review


def _review_render(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav", "review")
    with timezone.override(request.tenant.time_zone or "UTC"):
        return render(request, template, context, status=status)


def _reviewable(request, shortlist_id: int) -> Shortlist:
    """The shortlist if this user may review it; 404 otherwise (the same answer as for one that does not exist)."""
    return get_object_or_404(selectors.shortlists_for_reviewer(request.user), pk=shortlist_id)


@member_required()
@require_GET
def review(request):
    """The shortlists waiting for this hiring manager (recruiters and admins see every sent one)."""
    items = list(selectors.shortlists_for_reviewer(request.user).order_by("-sent_at", "-id"))
    _decision_counts(items)
    waiting = [item for item in items if item.pending and item.status == ShortlistStatus.SENT]
    done = [item for item in items if item not in waiting]
    return _review_render(request, "profiles/review_list.html", {"waiting": waiting, "done": done})


def _strongest_first_labels(person: Candidate, tags: dict, *, exclude: set[str]) -> list[str]:
    """The candidate's tag names, strongest first (``tag_strengths`` is aligned with ``tag_ids``), without
    those in ``exclude`` and without repeats."""
    strengths = list(person.tag_strengths or [])
    pairs = [
        (strengths[index] if index < len(strengths) else 0, tag_id)
        for index, tag_id in enumerate(person.tag_ids or [])
        if tag_id in tags
    ]
    labels: list[str] = []
    for _strength, tag_id in sorted(pairs, key=lambda pair: -pair[0]):
        label = _label(tags[tag_id])
        if label not in exclude and label not in labels:
            labels.append(label)
    return labels


def _review_cards(request, shortlist: Shortlist, entries) -> list:
    """The entries with only the candidate fields the tenant opens to hiring managers."""
    fields = set(request.tenant.shortlist_fields or [])
    candidate_ids = [entry.candidate_id for entry in entries]
    people = {
        c.pk: c
        for c in Candidate.objects.filter(pk__in=candidate_ids).prefetch_related(
            "emails", "phones", "documents"
        )
    }
    tag_ids = (
        {tag_id for person in people.values() for tag_id in (person.tag_ids or [])}
        if "tags" in fields
        else set()
    )
    tags = candidate_selectors.tags_by_ids(tag_ids) if tag_ids else {}
    explanations = (
        _explained([entry.explanation or {} for entry in entries])
        if "explanation" in fields
        else [None] * len(entries)
    )
    _entry_reasons(entries)
    for number, (entry, explanation) in enumerate(zip(entries, explanations, strict=True), start=1):
        person = people.get(entry.candidate_id)
        entry.number = number
        entry.person = person
        entry.show = fields
        entry.display_name = (
            shown_name(person.full_name)
            if person and "name" in fields
            else _("Candidate %(number)d") % {"number": number}
        )
        entry.explained = explanation
        # The role's requirements the resume meets come first, each with the resume's own sentence; then the
        # other tags, strongest first (what the resume is most about), so a stray word is never on top.
        entry.met = [item for item in (explanation or {}).get("matched", [])]
        met_labels = {item["label"] for item in entry.met}
        entry.tag_labels = _strongest_first_labels(person, tags, exclude=met_labels) if person else []
        entry.score_holder = {"activity_score": entry.score}
        entry.form = DecisionForm(
            initial={
                "reasons": [r for r in entry.reason_tags if r in REASONS],
                "other_reason": next((r for r in entry.reason_tags if r not in REASONS), ""),
                "comment": entry.comment,
            }
        )
    return entries


@member_required()
@require_GET
def review_shortlist(request, shortlist_id: int):
    """One shortlist for its hiring manager: a card per candidate, approve / reject / hold with reasons."""
    shortlist = _reviewable(request, shortlist_id)
    entries = _review_cards(request, shortlist, list(shortlist.entries.select_related("decided_by")))
    _decision_counts([shortlist])
    context = {
        "shortlist": shortlist,
        "profile": shortlist.profile,
        "entries": entries,
        "reasons": REASONS,
        "seen_fields": _seen_fields(request.tenant),
    }
    return _review_render(request, "profiles/review_shortlist.html", context)


def _seen_fields(tenant) -> list[str]:
    """What a hiring manager sees of each candidate, in the reader's words, lower case for a sentence."""
    from .forms import SHORTLIST_FIELD_LABELS

    fields = [name for name in services.SHORTLIST_FIELDS if name in (tenant.shortlist_fields or [])]
    labels = [str(SHORTLIST_FIELD_LABELS.get(name, name)) for name in fields if name != "explanation"]
    if get_language().startswith("en"):  # mid-sentence: "name, current title, …"
        labels = [label[:1].lower() + label[1:] for label in labels]
    return labels + ([str(_("why they match"))] if "explanation" in fields else [])


@member_required()
@require_POST
def review_decide(request, shortlist_id: int, entry_id: int):
    """A decision on one candidate; the service moves the application and tells the recruiter."""
    shortlist = _reviewable(request, shortlist_id)
    entry = get_object_or_404(
        shortlist.entries.select_related(
            "candidate", "application", "shortlist__profile", "shortlist__created_by"
        ),
        pk=entry_id,
    )
    form = DecisionForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.shortlist_decide(
                entry,
                decision=form.cleaned_data["decision"],
                actor=request.user,
                reason_tags=form.reason_tags(),
                comment=form.cleaned_data["comment"],
            )
        except services.ProfileError as exc:
            error = service_message(exc)
    else:
        error = _("Choose approve, reject or hold.")
    if is_htmx(request):
        entry.refresh_from_db()
        [card] = _review_cards(request, shortlist, [entry])
        number = request.POST.get("number", "")
        card.number = id_param(number, high=1_000_000) or card.position + 1
        if "name" not in card.show:
            card.display_name = _("Candidate %(number)d") % {"number": card.number}
        if error:
            card.form = DecisionForm(request.POST)
        _decision_counts([shortlist])
        context = {
            "entry": card,
            "shortlist": shortlist,
            "error": error,
            "just_decided": not error,
            "oob_summary": True,
        }
        return _review_render(request, "profiles/_review_card.html", context, status=200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Decision saved. The recruiter was notified."))
    return redirect(reverse("profiles:review_shortlist", args=[shortlist.pk]) + f"#entry-{entry.pk}")


@member_required()
@require_GET
def review_document(request, shortlist_id: int, entry_id: int, document_id: int):
    """A shortlisted candidate's resume, only when the tenant opens documents to hiring managers."""
    shortlist = _reviewable(request, shortlist_id)
    entry = get_object_or_404(shortlist.entries, pk=entry_id)
    if "documents" not in (request.tenant.shortlist_fields or []):
        raise Http404
    document = get_object_or_404(Document.objects, pk=document_id, candidate_id=entry.candidate_id)
    from talentpool.files import serve_file

    return serve_file(
        request, document.file.name, document.original_name or document.file.name.rsplit("/", 1)[-1]
    )
