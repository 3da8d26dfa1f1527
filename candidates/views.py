"""The pool's dashboard pages: the candidate list with filters and bulk actions, a candidate's page, resume
upload, spreadsheet imports, duplicates and merges, and the tag taxonomy.

Views are thin: forms validate, selectors read, services write. Every member reads; admins and recruiters
(EDITORS) change things. Ids of another tenant are simply not found (the scoped managers), so they give 404.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.templatetags.candidates_display import shown_name
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS
from talentpool.uploads import upload_limit
from talentpool.web import id_param, is_htmx, next_url, render_in_tenant_zone

from . import selectors, services
from .forms import (
    IMPORT_TARGETS,
    BulkActionForm,
    CandidateForm,
    ImportMappingForm,
    ImportUploadForm,
    PoolFilterForm,
    TagForm,
    TagMergeForm,
    TagPickForm,
)
from .models import (
    ActivityTier,
    Candidate,
    CandidateMerge,
    CandidateStatus,
    Document,
    DuplicateFlag,
    EducationLevel,
    ExportJob,
    ExportOrigin,
    ExportStatus,
    ImportJob,
    ImportOutcome,
    ImportStatus,
    SalaryPeriod,
    Tag,
    TagCategory,
    TagSource,
    candidate_source_label,
)
from .services import exports as pool_exports

PAGE_SIZE = 25
CHANGES_PAGE_SIZE = 15


# ------------------------------------------------------------------------------------------------ helpers


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _render(request, template: str, context: dict, status: int = 200):
    """Render with the pool's navigation, the user's rights, and dates in the tenant's time zone (htmx partials
    are not inside base.html's {% timezone %})."""
    context.setdefault("nav", "pool")
    context.setdefault("section", "candidates")
    context.setdefault("duplicate_count", selectors.duplicate_open_count)  # read only when a page shows it
    context["can_edit"] = _can_edit(request)
    return render_in_tenant_zone(request, template, context, status)


def _upload_limit_mb() -> int:
    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)


def service_message(exc: services.CandidateError) -> str:
    """The service's refusal in the user's language. Services speak English to every caller; the messages a
    dashboard user can meet are translated here, anything else is shown as the service wrote it."""
    by_code = {
        "in_campaign": _(
            "A candidate in a running campaign sequence cannot be merged; pause the sequence first."
        ),
        "already_merged": _("One of these candidates was merged already."),
        "already_undone": _("This merge was undone already."),
        "too_large": _("The file is larger than %(limit)s MB.") % {"limit": _upload_limit_mb()},
        "empty": _("The file is empty."),
    }
    by_message = {
        "A candidate cannot be merged into itself.": _("A candidate cannot be merged into itself."),
        "A tag with this name exists in this category.": _("A tag with this name exists in this category."),
        "A tag needs an English or a Chinese name.": _("Give the tag a Chinese or an English name."),
        "A tag cannot be merged into itself.": _("A tag cannot be merged into itself."),
        "Map at least one of the columns name, email or phone.": _(
            "Map at least one column to Name, Email or Phone: every candidate needs one of them."
        ),
        "The file is empty.": _("The file is empty."),
        "The spreadsheet is empty.": _("The spreadsheet is empty."),
        "The first row must hold the column names.": _("The first row must hold the column names."),
        "Old .xls files are not supported: save the sheet as .xlsx or .csv.": _(
            "Old .xls files are not supported: save the sheet as .xlsx or .csv."
        ),
        "The file's text encoding could not be recognised.": _(
            "The file's text encoding could not be recognised."
        ),
        "Give a name, an email or a phone.": _("Give a name, an email or a phone."),
        "Give the candidate a name.": _("Give the candidate a name."),
        "This email address is not valid.": _("This email address is not valid."),
        "This phone number is not valid.": _("This phone number is not valid."),
        "This file already belongs to a candidate.": _("This file already belongs to a candidate."),
        "This file belongs to a candidate's profile; it is not removed from here.": _(
            "This file belongs to a candidate's profile; it is not removed from here."
        ),
    }
    message = str(exc)
    return by_message.get(message) or by_code.get(exc.code) or message


def _name_tags(tags) -> None:
    """Set ``label`` (the name in the user's language, else the other one) and ``other_name`` on tags."""
    chinese = (get_language() or "").startswith("zh")
    for tag in tags:
        first, second = (tag.name_zh, tag.name_en) if chinese else (tag.name_en, tag.name_zh)
        tag.label = first or second or tag.key
        tag.other_name = second if first and second and second.lower() != first.lower() else ""


def tag_label(tag: Tag) -> str:
    _name_tags([tag])
    return tag.label


# ---------------------------------------------------------------------------------------------------- pool

TAG_FILTERS = {"tags_all": "all", "tags_any": "any", "tags_none": "none"}


def _without(params: QueryDict, key: str, value: str | None = None) -> str:
    """The query string of ``params`` without ``key`` (or without one of its values) and without ``page``."""
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        values = [v for part in params.getlist(key) for v in part.split(",") if v and v != value]
        params.setlist(key, values)
        if not values:
            params.pop(key, None)
    query = params.urlencode()
    return reverse("candidates:pool") + (f"?{query}" if query else "")


def _filter_chips(request, filters: dict, tags: dict[int, Tag]) -> list[dict]:
    """The active filters as removable chips: a label and the address of the list without that filter."""
    params = request.GET
    chips = []

    def add(kind: str, label: str, key: str, value: str | None = None, css: str = ""):
        chips.append({"kind": kind, "label": label, "url": _without(params, key, value), "css": css})

    if filters["query"]:
        add(_("Search"), f"“{filters['query']}”", "q")
    if filters["tier"]:
        add(_("Activity"), str(ActivityTier(filters["tier"]).label), "tier")
    kinds = {"tags_all": _("Has"), "tags_any": _("Any of"), "tags_none": _("Without")}
    for key in TAG_FILTERS:
        for tag_id in filters[key]:
            add(kinds[key], tags[tag_id].label, key, str(tag_id), css=f"chip--{TAG_FILTERS[key]}")
    if filters["years_min"] is not None:
        add(_("Years"), f"≥ {filters['years_min']:g}", "years_min")
    if filters["years_max"] is not None:
        add(_("Years"), f"≤ {filters['years_max']:g}", "years_max")
    if filters["education"]:
        add(
            pgettext("filter", "Education"),
            _("%(level)s or higher") % {"level": EducationLevel(filters["education"]).label},
            "education",
        )
    if filters["location"]:
        add(_("Location"), filters["location"], "location")
    if filters["source"]:
        add(_("Source"), source_label(filters["source"]), "source")
    return chips


def _pool_filters(request) -> tuple[PoolFilterForm, dict, dict[int, Tag]]:
    form = PoolFilterForm(request.GET)
    filters = form.filters()
    tags = selectors.tags_by_ids([tag_id for key in TAG_FILTERS for tag_id in filters[key]])
    _name_tags(tags.values())
    for key in TAG_FILTERS:  # unknown ids (deleted, another tenant's) are dropped, not matched against
        filters[key] = [tag_id for tag_id in filters[key] if tag_id in tags]
    return form, filters, tags


# Source values older data carries (the bench tenant's, the first imports'), named like their successors.
LEGACY_SOURCES = {"resume_upload": "upload", "bulk_import": "import"}
LEGACY_SOURCE_LABELS = {
    "career_site": gettext_lazy("Careers site"),
    "web": gettext_lazy("Careers site"),
    "json_resume": gettext_lazy("JSON Resume"),
}


def source_label(source: str) -> str:
    """Where a candidate came from, in the reader's language (candidates.models.CandidateSource's names)."""
    if not source:
        return ""
    if source in LEGACY_SOURCE_LABELS:
        return str(LEGACY_SOURCE_LABELS[source])
    return candidate_source_label(LEGACY_SOURCES.get(source, source))


def _source_choices(chosen: str) -> list[tuple[str, str]]:
    """The pool's sources as (value, label) for the filter, with the chosen one even if nobody has it now."""
    sources = selectors.pool_sources()
    if chosen and chosen not in sources:
        sources.append(chosen)
    return [(source, source_label(source)) for source in sources]


# The pool's sortable columns: ?sort=<key> ascending, ?sort=-<key> descending; anything else is the default
# (newest first). Score and tier both order by the stored activity anchor (the score's order, decision 0011).
POOL_SORTS = {
    "name": "full_name",
    "score": "activity_anchor",
    "tier": "activity_anchor",
    "updated": "updated_at",
    "years": "years_experience",
}
# The first click on a column sorts the way people expect: names A–Z, the rest highest or newest first.
POOL_SORT_FIRST = {"name": "", "score": "-", "tier": "-", "updated": "-", "years": "-"}


def _pool_sort(value: str | None) -> tuple[str, bool]:
    """(column key, descending) for a ?sort= value; ("", True) for none or an unknown one."""
    value = (value or "").strip()
    key = value.removeprefix("-")
    if key not in POOL_SORTS:
        return "", True
    return key, value.startswith("-")


def _sorted_pool(candidates, key: str, descending: bool):
    if not key:
        return candidates
    field = F(POOL_SORTS[key])
    order = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
    return candidates.order_by(order, "-id" if descending else "id")


def _sort_columns(params: QueryDict, key: str, descending: bool) -> dict[str, dict]:
    """Per sortable column: the link that sorts by it (or flips it when it is the sort) and its aria-sort."""
    columns = {}
    for column in POOL_SORTS:
        if column == key:
            value = column if descending else f"-{column}"
            state = "descending" if descending else "ascending"
        else:
            value, state = f"{POOL_SORT_FIRST[column]}{column}", "none"
        query = params.copy()
        query["sort"] = value
        columns[column] = {"url": f"?{query.urlencode()}", "aria_sort": state}
    return columns


def pagination_context(page, params: QueryDict) -> dict:
    """What partials/pagination.html needs for page numbers and a jump box: the elided page range and the other
    query parameters (kept by the jump form)."""
    return {
        "page_numbers": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "keep_params": [(name, value) for name in params for value in params.getlist(name) if name != "page"],
    }


@member_required(POOL_READERS)
@require_GET
def pool(request):
    form, filters, tags = _pool_filters(request)
    sort_key, descending = _pool_sort(request.GET.get("sort"))
    candidates = _sorted_pool(selectors.candidate_list(**filters), sort_key, descending)
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.pool_rows(page.object_list)
    for candidate in page.object_list:
        candidate.source_label = source_label(candidate.source)
    _name_tags(tag for candidate in page.object_list for tag in candidate.tag_list)
    params = request.GET.copy()
    params.pop("page", None)
    if not sort_key:
        params.pop("sort", None)
    context = {
        "section": "candidates",
        "form": form,
        "filters": filters,
        "filter_tags": {key: [tags[i] for i in filters[key]] for key in TAG_FILTERS},
        "chips": _filter_chips(request, filters, tags),
        "page": page,
        "query": filters["query"],
        "tier": filters["tier"],
        "tiers": ActivityTier.choices,
        "filtered": any(filters[key] not in ("", None, []) for key in filters),
        "advanced_open": any(
            filters[key] not in ("", None)
            for key in ("years_min", "years_max", "education", "location", "source")
        ),
        # a callable: read only when the filters are rendered
        "sources": lambda: _source_choices(filters["source"]),
        "sort": f"{'-' if descending else ''}{sort_key}" if sort_key else "",
        "sort_columns": _sort_columns(params, sort_key, descending),
        **pagination_context(page, params),
        "export_url": reverse("candidates:pool_export") + (f"?{params.urlencode()}" if params else ""),
        "export_sync_max": settings.EXPORT_SYNC_MAX_ROWS,
        "pool_query": params.urlencode(),
        "current_url": request.get_full_path(),
    }
    target = request.headers.get("HX-Target") if is_htmx(request) else None
    template = {
        "pool-results": "candidates/_pool_results.html",
        "pool-panel": "candidates/_pool_panel.html",
    }.get(target, "candidates/pool.html")
    return _render(request, template, context)


def _export_response(request, candidates) -> HttpResponse:
    """The candidates as a CSV download at once (UTF-8 with a BOM, so Excel opens Chinese text correctly). For
    up to EXPORT_SYNC_MAX_ROWS rows (the bulk bar's selection, a filtered pool); more go to a worker."""
    from talentpool.files import attachment_disposition

    response = HttpResponse(pool_exports.export_csv_text(candidates), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(pool_exports.export_filename(request.tenant))
    response["Cache-Control"] = "no-store"
    return response


@member_required(POOL_READERS)
@require_GET
def pool_export(request):
    """Every candidate matching the pool's filters, as CSV. A tag filter naming no tag of this tenant matches
    nobody (as in the API): dropping it would export the whole pool. Over EXPORT_SYNC_MAX_ROWS candidates, a
    page offers to prepare the file on a worker (a GET starts nothing)."""
    _form, filters, _tags = _pool_filters(request)
    candidates = selectors.candidate_list(**filters)
    if _names_an_unknown_tag(request, filters):
        candidates = candidates.none()
    count = candidates.count()
    if count > settings.EXPORT_SYNC_MAX_ROWS:
        context = {
            "section": "candidates",
            "count": count,
            "query": request.GET.urlencode(),
            "keep_days": settings.EXPORT_KEEP_DAYS,
        }
        return _render(request, "candidates/export_start.html", context)
    from privacy.audit import record

    record(
        "pool.exported",
        actor=request.user,
        request=request,
        details={
            "filters": {key: str(value) for key, value in filters.items() if value not in (None, "", [], ())}
        },
    )
    with timezone.override(request.tenant.time_zone or "UTC"):
        return _export_response(request, candidates)


def _names_an_unknown_tag(request, filters: dict) -> bool:
    """True when tags_all names a tag that is not known here, or tags_any names tags none of which is."""
    for key in ("tags_all", "tags_any"):
        asked = {
            id_param(part, high=2**31 - 1)
            for raw in request.GET.getlist(key)
            for part in raw.split(",")
            if part.strip()
        }
        if not asked:
            continue
        known = set(filters[key])
        if key == "tags_all" and (None in asked or not asked <= known):
            return True
        if key == "tags_any" and not (asked & known):
            return True
    return False


@member_required(POOL_READERS)
@require_POST
def pool_bulk(request):
    """Bulk actions on the selected candidates: add or remove a tag (editors), export (everyone)."""
    back = next_url(request, reverse("candidates:pool"))
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("That action is not available."))
        return redirect(back)
    ids = form.cleaned_data["ids"]
    candidates = selectors.candidate_list().filter(pk__in=ids)
    action = form.cleaned_data["action"]
    if action == BulkActionForm.EXPORT:
        with timezone.override(request.tenant.time_zone or "UTC"):
            return _export_response(request, candidates)
    if not _can_edit(request):
        raise PermissionDenied
    tag = Tag.objects.filter(pk=form.cleaned_data["tag"], is_retired=False).first()
    if tag is None:
        messages.error(request, _("That tag does not exist any more."))
        return redirect(back)
    label = tag_label(tag)
    changed = 0
    for candidate in candidates:
        if action == BulkActionForm.ADD_TAG:
            services.candidate_tag_add(candidate, tag=tag, source=TagSource.MANUAL, actor=request.user)
            changed += 1
        else:
            changed += services.candidate_tag_remove(candidate, tag=tag, actor=request.user)
    if action == BulkActionForm.ADD_TAG:
        messages.success(
            request,
            ngettext(
                "Tag “%(tag)s” is on %(count)s candidate.",
                "Tag “%(tag)s” is on %(count)s candidates.",
                changed,
            )
            % {"tag": label, "count": changed},
        )
    else:
        messages.success(
            request,
            ngettext(
                "Tag “%(tag)s” was removed from %(count)s candidate.",
                "Tag “%(tag)s” was removed from %(count)s candidates.",
                changed,
            )
            % {"tag": label, "count": changed},
        )
    return redirect(back)


@member_required(POOL_READERS)
@require_GET
def tag_picker(request):
    """Tags matching what was typed (Chinese or English names, synonyms), as suggestions for the tag picker.

    ``for`` says where they go: ``filter`` (links adding the tag to the pool's filters, ``mode`` all / any /
    none), ``candidate`` (buttons adding it to a candidate), ``bulk`` and ``merge`` (a choice in a form).
    """
    purpose = request.GET.get("for", "filter")
    if purpose not in ("filter", "candidate", "bulk", "merge"):
        purpose = "filter"
    text = request.GET.get("tag_q", "")[:100]
    exclude = set()
    if purpose == "candidate":
        candidate_id = id_param(request.GET.get("candidate"))
        candidate = (
            Candidate.objects.filter(pk=candidate_id).only("tag_ids").first() if candidate_id else None
        )
        exclude = set(candidate.tag_ids or []) if candidate else set()
    elif purpose == "merge" and id_param(request.GET.get("exclude")):
        exclude = {id_param(request.GET["exclude"])}
    mode = request.GET.get("mode") if request.GET.get("mode") in ("all", "any", "none") else "all"
    if purpose == "filter":
        exclude = {
            id_param(v)
            for key in TAG_FILTERS
            for part in request.GET.getlist(key)
            for v in part.split(",")
            if id_param(v)
        }
    tags = selectors.tag_search(text, exclude=exclude)
    _name_tags(tags)
    if purpose == "filter":
        params = request.GET.copy()
        for key in ("tag_q", "mode", "for", "page", "csrfmiddlewaretoken"):
            params.pop(key, None)
        for tag in tags:
            with_tag = params.copy()
            with_tag.appendlist(f"tags_{mode}", str(tag.pk))
            tag.url = reverse("candidates:pool") + "?" + with_tag.urlencode()
    context = {
        "tags": tags,
        "text": text.strip(),
        "purpose": purpose,
        "mode": mode,
        "field": request.GET.get("field", "tag"),
        "form_id": request.GET.get("form", ""),
    }
    return _render(request, "candidates/_tag_suggestions.html", context)


# ------------------------------------------------------------------------------------------- a candidate

CHANGE_FIELDS = {
    "created": gettext_lazy("Added to the pool"),
    "full_name": gettext_lazy("Name"),
    "location": gettext_lazy("Location"),
    "current_title": gettext_lazy("Current title"),
    "current_company": gettext_lazy("Current company"),
    "years_experience": gettext_lazy("Years of experience"),
    "highest_education": gettext_lazy("Highest education"),
    "salary_min": gettext_lazy("Expected salary from"),
    "salary_max": gettext_lazy("Expected salary to"),
    "salary_currency": gettext_lazy("Currency"),
    "salary_period": gettext_lazy("Salary period"),
    "salary_months": gettext_lazy("Months paid a year"),
    "source": gettext_lazy("Source"),
    "status": gettext_lazy("Status"),
    "consent_status": gettext_lazy("Consent"),
    "consent_given_at": gettext_lazy("Consent given"),
    "consent_source": gettext_lazy("Consent source"),
    "emails": gettext_lazy("Email"),
    "phones": gettext_lazy("Phone"),
    "external_ids": gettext_lazy("External id"),
    "tags": gettext_lazy("Tag"),
    "merged": gettext_lazy("Merged in"),
    "merged_into": gettext_lazy("Merged into"),
    "merge_undone": gettext_lazy("Merge undone"),
}
CHANGE_SOURCES = {
    "parse": gettext_lazy("Resume parsing"),
    "manual": gettext_lazy("Edited by hand"),
    "import": gettext_lazy("Import"),
    "merge": gettext_lazy("Merge"),
    "merge_undo": gettext_lazy("Merge undone"),
    "sync": gettext_lazy("Sync"),
    "api": gettext_lazy("API"),
    "inferred": gettext_lazy("Inferred"),
    "upload": gettext_lazy("Upload"),
}


def _change_value(field: str, value, tags_by_key: dict[str, Tag]) -> str:
    if value in (None, "", [], {}):
        return ""
    if field == "highest_education" and value in EducationLevel.values:
        return str(EducationLevel(value).label)
    if field == "status" and value in CandidateStatus.values:
        return str(CandidateStatus(value).label)
    if field == "salary_period" and value in SalaryPeriod.values:
        return str(SalaryPeriod(value).label)
    if field == "tags":
        tag = tags_by_key.get(value)
        return tag.label if tag else str(value)
    if field == "merged" and isinstance(value, dict):
        return f"{value.get('name', '')} (#{value.get('removed', '')})"
    if field in ("merged_into", "merge_undone"):
        return f"#{value}"
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value)


def _changes_page(request, candidate: Candidate, number):
    page = Paginator(selectors.candidate_changes(candidate), CHANGES_PAGE_SIZE).get_page(number)
    changes = list(page.object_list)
    keys = {
        value
        for change in changes
        if change.field == "tags"
        for value in (change.old_value, change.new_value)
        if isinstance(value, str)
    }
    tags_by_key = {tag.key: tag for tag in Tag.objects.filter(key__in=keys)} if keys else {}
    _name_tags(tags_by_key.values())
    for change in changes:
        change.label = CHANGE_FIELDS.get(change.field, change.field)
        change.source_label = CHANGE_SOURCES.get(change.source, change.source)
        change.old_display = _change_value(change.field, change.old_value, tags_by_key)
        change.new_display = _change_value(change.field, change.new_value, tags_by_key)
    page.object_list = changes
    return page


@member_required(POOL_READERS)
@require_GET
def candidate_detail(request, pk: int):
    candidate = get_object_or_404(selectors.candidate_detail_queryset(), pk=pk)
    active_tags = candidate.active_tags
    selectors.tag_evidence(active_tags)
    _name_tags(ct.tag for ct in active_tags)
    grouped = defaultdict(list)
    for candidate_tag in active_tags:
        grouped[candidate_tag.tag.category].append(candidate_tag)
    tag_groups = [(value, label, grouped[value]) for value, label in TagCategory.choices if grouped[value]]
    context = {
        "candidate": candidate,
        "tag_groups": tag_groups,
        "tag_count": len(active_tags),
        "changes": _changes_page(request, candidate, 1),
        "documents": list(candidate.documents.all()),
        "picker_extra": f"candidate={candidate.pk}",
        "source_label": source_label(candidate.source),
    }
    # Engagement's part of the page: the interactions and the form to log one.
    from engagement.views.interactions import timeline_context

    context.update(
        {key: value for key, value in timeline_context(request, candidate).items() if key != "candidate"}
    )
    from privacy.audit import record

    record("candidate.viewed", actor=request.user, target=candidate, request=request)
    return _render(request, "candidates/candidate_detail.html", context)


@member_required(POOL_READERS)
@require_GET
def candidate_changes(request, pk: int):
    """The next page of a candidate's history ("Show more", htmx)."""
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    context = {"candidate": candidate, "changes": _changes_page(request, candidate, request.GET.get("page"))}
    return _render(request, "candidates/_changes.html", context)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk: int):
    candidate = get_object_or_404(Candidate.objects.prefetch_related("emails", "phones"), pk=pk)
    if candidate.status in (CandidateStatus.MERGED, CandidateStatus.ANONYMISED):
        messages.error(request, _("This candidate cannot be edited: it was merged or anonymised."))
        return redirect("candidates:candidate", pk=candidate.pk)
    form = CandidateForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.candidate_set_fields(
                candidate, form.profile_values(), source="manual", actor=request.user
            )
            changed += services.candidate_add_emails(
                candidate, form.cleaned_data["new_emails"], source="manual", actor=request.user
            )
            changed += services.candidate_add_phones(
                candidate, form.cleaned_data["new_phones"], source="manual", actor=request.user
            )
        except services.CandidateError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, service_message(exc))
        else:
            if changed:
                from privacy.audit import record

                record(
                    "candidate.changed",
                    actor=request.user,
                    target=candidate,
                    request=request,
                    details={"fields": sorted(set(changed) & set(services.profile.PROFILE_FIELDS))},
                )
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("candidates:candidate", pk=candidate.pk)
    context = {"candidate": candidate, "form": form}
    return _render(request, "candidates/candidate_edit.html", context, status=400 if form.errors else 200)


@member_required(EDITORS)
@require_POST
def candidate_tag_add(request, pk: int):
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    form = TagPickForm(request.POST)
    tag = (
        Tag.objects.filter(pk=form.cleaned_data["tag"], is_retired=False).first() if form.is_valid() else None
    )
    if tag is None:
        messages.error(request, _("Choose a tag first."))
    else:
        services.candidate_tag_add(candidate, tag=tag, source=TagSource.MANUAL, actor=request.user)
        messages.success(request, _("Tag “%(tag)s” added.") % {"tag": tag_label(tag)})
    return redirect(reverse("candidates:candidate", args=[candidate.pk]) + "#tags")


@member_required(EDITORS)
@require_POST
def candidate_tag_remove(request, pk: int, tag_id: int):
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    tag = get_object_or_404(Tag.objects, pk=tag_id)
    if services.candidate_tag_remove(candidate, tag=tag, actor=request.user):
        messages.success(
            request, _("Tag “%(tag)s” removed. Parsing will not add it back.") % {"tag": tag_label(tag)}
        )
    return redirect(reverse("candidates:candidate", args=[candidate.pk]) + "#tags")


@member_required(EDITORS)
@require_POST
def document_reparse(request, pk: int):
    document = get_object_or_404(Document.objects, pk=pk)
    services.document_parse_later(request.tenant, document_id=document.pk, actor=request.user)
    messages.success(
        request,
        _("“%(name)s” is queued to be parsed again. Refresh in a few seconds to see the result.")
        % {"name": document},
    )
    default = (
        reverse("candidates:candidate", args=[document.candidate_id])
        if document.candidate_id
        else reverse("candidates:upload")
    )
    return redirect(next_url(request, default))


@member_required(EDITORS)
@require_POST
def candidate_contact(request, pk: int):
    """The contact of an unnamed candidate (from an anonymised resume): a name, an email, a phone."""
    from .services.documents import candidate_contact_complete

    candidate = get_object_or_404(Candidate.objects, pk=pk)
    try:
        candidate_contact_complete(
            candidate,
            full_name=request.POST.get("full_name", ""),
            email=request.POST.get("email", ""),
            phone=request.POST.get("phone", ""),
            actor=request.user,
        )
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
    else:
        messages.success(
            request,
            _("Contact saved.")
            if not candidate.needs_contact
            else _("Saved. Add an email or a phone so this candidate can be contacted."),
        )
    return redirect(reverse("candidates:candidate", args=[candidate.pk]))


@member_required(EDITORS)
@require_POST
def document_attach(request, pk: int):
    """Keep a file that was not read as a resume as the attachment of a candidate typed in by hand."""
    from .services.documents import document_attach_to_new_candidate

    document = get_object_or_404(Document.objects.only("pk"), pk=pk)
    try:
        candidate = document_attach_to_new_candidate(
            request.tenant,
            document_id=document.pk,
            full_name=request.POST.get("full_name", ""),
            email=request.POST.get("email", ""),
            phone=request.POST.get("phone", ""),
            actor=request.user,
        )
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
        return redirect(reverse("candidates:upload") + f"#document-{document.pk}")
    messages.success(request, _("Candidate created with the file attached."))
    return redirect(reverse("candidates:candidate", args=[candidate.pk]))


@member_required(EDITORS)
@require_POST
def document_delete(request, pk: int):
    """Remove a refused or failed file from the upload list (and from storage)."""
    from .services.documents import document_delete as delete

    document = get_object_or_404(Document.objects.only("pk", "original_name", "sha256"), pk=pk)
    try:
        delete(request.tenant, document_id=document.pk, actor=request.user)
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
    else:
        messages.success(request, _("“%(name)s” was deleted.") % {"name": document})
    return redirect(reverse("candidates:upload"))


# ----------------------------------------------------------------------------------------- merge one pair


@member_required(EDITORS)
@require_GET
def candidate_merge(request, pk: int):
    """Pick another candidate to merge with this one, compare them side by side, and choose who stays."""
    candidate = get_object_or_404(Candidate.objects.exclude(status=CandidateStatus.MERGED), pk=pk)
    query = request.GET.get("q", "")[:200]
    other_id = request.GET.get("with", "")
    other = None
    if id_param(other_id):
        other = (
            Candidate.objects.exclude(status=CandidateStatus.MERGED)
            .exclude(pk=candidate.pk)
            .filter(pk=id_param(other_id))
            .first()
        )
    people = selectors.candidates_compared([candidate.pk] + ([other.pk] if other else []))
    context = {
        "candidate": people[candidate.pk],
        "other": people.get(other.pk) if other else None,
        "query": query,
        "matches": selectors.candidate_search(query, exclude=candidate.pk),
        "current_url": request.get_full_path(),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "merge-matches":
        return _render(request, "candidates/_merge_matches.html", context)
    return _render(request, "candidates/candidate_merge.html", context)


@member_required(EDITORS)
@require_POST
def merge_create(request):
    """Merge ``remove`` into ``keep`` (from the duplicates page or a candidate's merge page)."""
    ids = [request.POST.get("keep", ""), request.POST.get("remove", "")]
    ids = [id_param(value) for value in ids]
    if not all(ids):
        raise Http404
    keep = get_object_or_404(Candidate.objects, pk=ids[0])
    remove = get_object_or_404(Candidate.objects, pk=ids[1])
    back = next_url(request, reverse("candidates:duplicates"))
    try:
        services.candidate_merge(request.tenant, keep=keep, remove=remove, actor=request.user)
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
        return redirect(back)
    messages.success(
        request,
        _("%(removed)s was merged into %(kept)s. You can undo it under Duplicates → Merge history.")
        % {"removed": shown_name(remove.full_name), "kept": shown_name(keep.full_name)},
    )
    if back.startswith(reverse("candidates:candidate", args=[remove.pk])):
        back = reverse("candidates:candidate", args=[keep.pk])
    return redirect(back)


@member_required(EDITORS)
@require_POST
def merge_undo(request, pk: int):
    merge = get_object_or_404(CandidateMerge.objects.select_related("kept", "removed"), pk=pk)
    try:
        services.candidate_merge_undo(request.tenant, merge=merge, actor=request.user)
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
    else:
        messages.success(
            request,
            _("Merge undone: %(kept)s and %(removed)s are two candidates again.")
            % {"kept": shown_name(merge.kept.full_name), "removed": shown_name(merge.removed.full_name)},
        )
    return redirect(next_url(request, reverse("candidates:duplicates")))


# ------------------------------------------------------------------------------------------------ duplicates

DUPLICATE_REASONS = {
    "email": gettext_lazy("Same email"),
    "phone": gettext_lazy("Same phone"),
    "external_id": gettext_lazy("Same external id"),
    "name_company": gettext_lazy("Similar name, same company"),
    "name_school": gettext_lazy("Similar name, same school"),
}


@member_required(POOL_READERS)
@require_GET
def duplicates(request):
    page = Paginator(selectors.duplicate_flags_open(), 10).get_page(request.GET.get("page"))
    flags = list(page.object_list)
    people = selectors.candidates_compared(
        {i for f in flags for i in (f.candidate_low_id, f.candidate_high_id)}
    )
    pairs = [
        {
            "flag": flag,
            "reason": DUPLICATE_REASONS.get(flag.reason, flag.reason),
            "left": people.get(flag.candidate_low_id),
            "right": people.get(flag.candidate_high_id),
        }
        for flag in flags
    ]
    merges = Paginator(selectors.merges_recent(), 10).get_page(request.GET.get("merges"))
    context = {
        "section": "duplicates",
        "page": page,
        "pairs": [p for p in pairs if p["left"] and p["right"]],
        "merges": merges,
        "duplicate_count": page.paginator.count,
    }
    return _render(request, "candidates/duplicates.html", context)


@member_required(EDITORS)
@require_POST
def duplicate_dismiss(request, pk: int):
    flag = get_object_or_404(DuplicateFlag.objects, pk=pk)
    services.duplicate_dismiss(request.tenant, flag=flag, actor=request.user)
    messages.success(request, _("Marked as two different people; this pair will not be flagged again."))
    return redirect(next_url(request, reverse("candidates:duplicates")))


# ---------------------------------------------------------------------------------------------------- upload


@member_required(POOL_READERS)
@require_GET
def upload(request):
    context = {
        "section": "upload",
        "upload_limit_mb": _upload_limit_mb(),
        "upload_limit_bytes": settings.MAX_UPLOAD_BYTES,
        "recent_documents": selectors.documents_recent(),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "recent-uploads":
        return _render(request, "candidates/_recent_uploads.html", context)  # refreshed after uploads
    return _render(request, "candidates/upload.html", context)


# ---------------------------------------------------------------------------------------------------- imports

STAGING_SESSION_KEY = "candidates:import-staging"


def _staged(request, token: str) -> dict:
    """The spreadsheet this user uploaded for the mapping step (kept in storage, named in their session)."""
    staged = request.session.get(STAGING_SESSION_KEY, {}).get(token)
    if not staged or staged.get("tenant") != request.tenant.pk or not default_storage.exists(staged["path"]):
        raise Http404
    return staged


def _table_preview(data: bytes, filename: str) -> tuple[list[str], dict[str, list[str]]]:
    """The file's column names (empty and repeated ones dropped) and up to three sample values of each."""
    from .services.imports import read_table

    headers, rows = read_table(data, filename)
    samples: dict[str, list[str]] = {header: [] for header in headers if header}
    for _number, row in zip(range(50), rows, strict=False):
        for index, header in enumerate(headers):
            value = (row[index] if index < len(row) else "") or ""
            if header and value.strip() and len(samples[header]) < 3:
                samples[header].append(value.strip()[:60])
        if all(len(values) >= 3 for values in samples.values()):
            break
    return list(samples), samples


@member_required(POOL_READERS)
@require_http_methods(["GET", "POST"])
def imports(request):
    """Past imports, and (editors) the first step of a new one: upload the spreadsheet."""
    form = ImportUploadForm(request.POST or None, request.FILES or None) if _can_edit(request) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if getattr(request, "upload_too_large", None):
            limit = upload_limit(request) // (1024 * 1024)
            form.add_error("file", _("The file is larger than %(limit)s MB.") % {"limit": limit})
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                _table_preview(data, upload.name)
            except services.CandidateError as exc:
                form.add_error("file", service_message(exc))
            else:
                token = uuid.uuid4().hex
                extension = os.path.splitext(upload.name)[1].lower()[:6]
                path = default_storage.save(
                    f"imports/staging/{request.tenant.pk}/{token}{extension}", ContentFile(data)
                )
                staging = request.session.get(STAGING_SESSION_KEY, {})
                staging[token] = {
                    "path": path,
                    "name": os.path.basename(upload.name)[:255],
                    "tenant": request.tenant.pk,
                }
                request.session[STAGING_SESSION_KEY] = dict(list(staging.items())[-5:])
                return redirect("candidates:import_new", token=token)
    page = Paginator(selectors.import_jobs(), 15).get_page(request.GET.get("page"))
    context = {"section": "imports", "form": form, "page": page}
    return _render(request, "candidates/imports.html", context, status=400 if form and form.errors else 200)


def _mapping_step(request, *, data: bytes, filename: str, initial: dict, after_create):
    """The mapping form for a file: GET shows it, POST creates the previewed job and calls ``after_create``."""
    try:
        headers, samples = _table_preview(data, filename)
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
        return redirect("candidates:imports")
    saved = list(selectors.column_mappings())
    chosen = next((m for m in saved if str(m.pk) == request.GET.get("saved")), None)
    if chosen is not None:
        initial = chosen.mapping
    elif not initial:
        initial = services.suggest_mapping(headers)
        for mapping in saved:  # a saved mapping made for exactly these columns wins over a guess
            if set(mapping.mapping) and set(mapping.mapping) <= set(headers):
                initial, chosen = mapping.mapping, mapping
                break
    form = ImportMappingForm(
        request.POST or None,
        headers=headers,
        samples=samples,
        initial_mapping=initial,
        initial={"mapping_name": chosen.name if chosen else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_create(
                request.tenant,
                data=data,
                filename=filename,
                mapping=form.cleaned_data["mapping"],
                mapping_name=form.cleaned_data["mapping_name"] or None,
                actor=request.user,
            )
        except services.CandidateError as exc:
            form.add_error(None, service_message(exc))
        else:
            after_create(job)
            return redirect("candidates:import_job", pk=job.pk)
    context = {
        "section": "imports",
        "form": form,
        "filename": filename,
        "saved_mappings": saved,
        "chosen": chosen,
    }
    return _render(request, "candidates/import_mapping.html", context, status=400 if form.errors else 200)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def import_new(request, token: str):
    """Step 2 of a new import: map the staged file's columns."""
    staged = _staged(request, token)
    with default_storage.open(staged["path"], "rb") as handle:
        data = handle.read()

    def forget(job):  # the job keeps its own copy of the file
        default_storage.delete(staged["path"])
        staging = request.session.get(STAGING_SESSION_KEY, {})
        staging.pop(token, None)
        request.session[STAGING_SESSION_KEY] = staging

    return _mapping_step(request, data=data, filename=staged["name"], initial={}, after_create=forget)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def import_remap(request, pk: int):
    """Change the mapping of a previewed import: a new dry run of the same file."""
    job = get_object_or_404(ImportJob.objects, pk=pk, status=ImportStatus.PREVIEWED)
    with job.file.open("rb") as handle:
        data = handle.read()
    return _mapping_step(
        request,
        data=data,
        filename=job.original_name or job.file.name,
        initial=job.mapping,
        after_create=lambda new_job: None,
    )


OUTCOME_LABELS = {
    ImportOutcome.CREATED: pgettext_lazy("import outcome", "Created"),
    ImportOutcome.UPDATED: pgettext_lazy("import outcome", "Updated"),
    ImportOutcome.DUPLICATE: pgettext_lazy("import outcome", "Duplicate"),
    ImportOutcome.REJECTED: pgettext_lazy("import outcome", "Rejected"),
}


def _job_context(job: ImportJob) -> dict:
    counts = selectors.import_outcome_counts(job)
    done = sum(counts.values())
    total = max(selectors.import_row_total(job), done)
    labels = OUTCOME_LABELS
    return {
        "job": job,
        "counts": [(outcome, labels[outcome], counts[outcome]) for outcome in ImportOutcome.values],
        "done": done,
        "total": total,
        "percent": 100 if job.status == ImportStatus.DONE else (int(done * 100 / total) if total else 0),
        "polling": job.status == ImportStatus.RUNNING,
        "rejected": counts.get(ImportOutcome.REJECTED, 0),
    }


PROBLEM_PATTERNS = [
    (re.compile(r"^invalid email (?P<value>.+)$"), gettext_lazy("invalid email %(value)s")),
    (re.compile(r"^invalid phone (?P<value>.+)$"), gettext_lazy("invalid phone %(value)s")),
    (
        re.compile(r"^years of experience (?P<value>.+) is not a number of years$"),
        gettext_lazy("years of experience %(value)s is not a number of years"),
    ),
    (
        re.compile(r"^date (?P<value>.+) is not in a known format$"),
        gettext_lazy("date %(value)s is not in a known format"),
    ),
    (
        re.compile(r"^no name, valid email or valid phone$"),
        gettext_lazy("no name, valid email or valid phone"),
    ),
    (re.compile(r"^same person as row (?P<value>\d+)$"), gettext_lazy("same person as row %(value)s")),
    (
        re.compile(r"^(?P<value>.+) belongs to another candidate\.$"),
        gettext_lazy("%(value)s belongs to another candidate"),
    ),
]


def _problem_text(problem: str) -> str:
    """An import row's problem (the service writes English sentences) in the user's language."""
    for pattern, message in PROBLEM_PATTERNS:
        match = pattern.match(problem.strip())
        if match:
            return str(message) % {"value": match.groupdict().get("value", "")}
    return problem


def _problem_rows(rows, mapping: dict) -> list[dict]:
    """Dry-run rows (dicts) or imported rows (ImportRow) as the "rows to look at" table shows them."""
    labels = OUTCOME_LABELS
    name_columns = [column for column, target in mapping.items() if target == "full_name"]
    email_columns = [column for column, target in mapping.items() if target == "email"]
    result = []
    for row in rows:
        if isinstance(row, dict):
            number, outcome, problems, name = row["row"], row["outcome"], row["problems"], row["name"]
            emails, candidate_id = row.get("emails", []), None
        else:
            number, outcome, name, candidate_id = row.row_number, row.outcome, "", row.candidate_id
            problems = [part for part in row.reason.split("; ") if part]
            raw = row.raw or {}
            name = next((raw[column] for column in name_columns if raw.get(column)), "")
            emails = [raw[column] for column in email_columns if raw.get(column)]
        result.append(
            {
                "row": number,
                "outcome": outcome,
                "outcome_label": labels.get(outcome, outcome),
                "problem_list": [_problem_text(problem) for problem in problems],
                "name": name,
                "emails": emails,
                "candidate_id": candidate_id,
            }
        )
    return result


@member_required(POOL_READERS)
@require_GET
def import_job(request, pk: int):
    """Step 3 (a previewed job): the dry run's counts and problems, and Run. Later: progress, then results."""
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    labels = dict(IMPORT_TARGETS)
    context = {
        "section": "imports",
        "job": job,
        "mapping_rows": [(column, labels.get(target, target)) for column, target in job.mapping.items()],
    }
    if job.status == ImportStatus.PREVIEWED:
        preview = services.import_preview(request.tenant, job=job)
        context.update(
            preview=preview,
            preview_counts=[
                (o, OUTCOME_LABELS[o], preview["counts"].get(o, 0)) for o in ImportOutcome.values
            ],
            problem_rows=_problem_rows(
                (
                    row
                    for row in preview["rows"]
                    if row["problems"] or row["outcome"] != ImportOutcome.CREATED
                ),
                job.mapping,
            ),
        )
    else:
        context.update(_job_context(job))
        context["problem_rows"] = _problem_rows(selectors.import_rows_with_problems(job), job.mapping)
    return _render(request, "candidates/import_job.html", context)


@member_required(POOL_READERS)
@require_GET
def import_progress(request, pk: int):
    """The job's progress card, polled every 2 s by htmx while it runs."""
    job = get_object_or_404(ImportJob.objects, pk=pk)
    return _render(request, "candidates/_import_progress.html", _job_context(job))


@member_required(EDITORS)
@require_POST
def import_start(request, pk: int):
    """Run a previewed import on the worker. The job is claimed with a conditional update, so a double click or
    two people pressing Run queue it once (as the API does)."""
    job = get_object_or_404(ImportJob.objects, pk=pk)
    if services.import_start(request.tenant, job=job, actor=request.user):
        messages.success(request, _("The import is running. You can leave this page: it carries on."))
    return redirect("candidates:import_job", pk=job.pk)


@member_required(POOL_READERS)
@require_GET
def import_rejected(request, pk: int):
    job = get_object_or_404(ImportJob.objects, pk=pk)
    response = HttpResponse(
        services.import_rejected_csv(request.tenant, job=job), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejected.csv"'
    response["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------------------------------- exports


def _visible_export(request, pk: int) -> ExportJob:
    """The job, if it is this tenant's and this member may see it (its creator or an admin); 404 otherwise,
    whether it is another tenant's or a colleague's."""
    job = get_object_or_404(ExportJob.objects.select_related("created_by"), pk=pk)
    if not pool_exports.export_visible_to(job, role=request.membership.role, user=request.user):
        raise Http404
    return job


def _export_context(job: ExportJob) -> dict:
    return {
        "job": job,
        "done": pool_exports.export_progress(job),
        "total": job.total_rows,
        "percent": pool_exports.export_percent(job),
        "polling": job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING),
        "error": _(job.error) if job.error else "",  # the service's English messages, translated
    }


@member_required(POOL_READERS)
@require_GET
def exports(request):
    """The exports this member asked for (admins: everyone's), newest first, with their state."""
    jobs = Paginator(
        pool_exports.exports_visible(role=request.membership.role, user=request.user), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for job in jobs.object_list:
        job.progress = _export_context(job)
    context = {"section": "exports", "jobs": jobs, "keep_days": settings.EXPORT_KEEP_DAYS}
    return _render(request, "candidates/exports.html", context)


@member_required(POOL_READERS)
@require_POST
def export_create(request):
    """Prepare the pool's export (filters in the query string, as on the pool page) on a worker; then its
    page. A tag filter naming no tag of this tenant is refused, never dropped (that would export everyone)."""
    _form, filters, _tags = _pool_filters(request)
    if _names_an_unknown_tag(request, filters):
        messages.error(request, _("A tag in the filters does not exist (any more). Choose the tags again."))
        return redirect(reverse("candidates:pool") + (f"?{request.GET.urlencode()}" if request.GET else ""))
    job = pool_exports.export_create(
        request.tenant,
        origin=ExportOrigin.POOL,
        filters=pool_exports.pool_filters_to_json(filters),
        actor=request.user,
        request=request,
    )
    messages.success(request, _("The export is being prepared. You can leave this page: it carries on."))
    return redirect("candidates:export_job", pk=job.pk)


@member_required(POOL_READERS)
@require_GET
def export_job(request, pk: int):
    """An export's page: its progress (polled while it runs) and, when ready, the download."""
    job = _visible_export(request, pk)
    context = {"section": "exports", "keep_days": settings.EXPORT_KEEP_DAYS, **_export_context(job)}
    return _render(request, "candidates/export_job.html", context)


@member_required(POOL_READERS)
@require_GET
def export_progress(request, pk: int):
    """The export's progress card, polled every 2 s by htmx while it is queued or running."""
    job = _visible_export(request, pk)
    return _render(request, "candidates/_export_progress.html", _export_context(job))


@member_required(POOL_READERS)
@require_GET
def export_download(request, pk: int):
    """The export's file, to its creator or an admin of this tenant, while it is kept."""
    from talentpool.files import serve_file

    job = _visible_export(request, pk)
    if job.status != ExportStatus.DONE or not job.file.name:
        raise Http404
    return serve_file(request, job.file.name, job.filename, "text/csv; charset=utf-8")


# ------------------------------------------------------------------------------------------------------ tags


def _tag_list_context(request, create_form=None) -> dict:
    query = request.GET.get("q", "")[:100]
    category = request.GET.get("category", "")
    if category not in TagCategory.values:
        category = ""
    retired = request.GET.get("retired") == "1"
    most_used = request.GET.get("sort") == "used"
    page = Paginator(
        selectors.tags_browse(query=query, category=category, retired=retired, most_used=most_used), 50
    ).get_page(request.GET.get("page"))
    tags = list(page.object_list)
    counts = (
        {tag.pk: tag.used for tag in tags}
        if most_used
        else selectors.tag_candidate_counts(tag.pk for tag in tags)
    )
    _name_tags(tags)
    for tag in tags:
        tag.candidate_count = counts.get(tag.pk, 0)
    page.object_list = tags
    category_counts = selectors.tag_category_counts(retired=retired)
    return {
        "section": "tags",
        "page": page,
        "query": query,
        "category": category,
        "retired": retired,
        "most_used": most_used,
        "categories": [(value, label, category_counts.get(value, 0)) for value, label in TagCategory.choices],
        "category_total": sum(category_counts.values()),
        "create_form": create_form
        if create_form is not None
        else (TagForm() if _can_edit(request) else None),
    }


@member_required(POOL_READERS)
@require_GET
def tags(request):
    context = _tag_list_context(request)
    if is_htmx(request) and request.headers.get("HX-Target") == "tag-results":
        return _render(request, "candidates/_tag_results.html", {**context, "oob": True})
    return _render(request, "candidates/tags.html", context)


@member_required(EDITORS)
@require_POST
def tag_create(request):
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            tag = services.tag_create(
                request.tenant,
                category=form.cleaned_data["category"],
                name_en=form.cleaned_data["name_en"],
                name_zh=form.cleaned_data["name_zh"],
                synonyms=form.cleaned_data["synonyms"],
                actor=request.user,
            )
        except services.CandidateError as exc:
            form.add_error(
                "name_zh" if exc.field == "name_en" else exc.field if exc.field in form.fields else None,
                service_message(exc),
            )
        else:
            messages.success(
                request,
                _("Tag “%(tag)s” created. Resumes that mention it are being re-tagged in the background.")
                % {"tag": tag_label(tag)},
            )
            return redirect("candidates:tag", pk=tag.pk)
    return _render(request, "candidates/tags.html", _tag_list_context(request, create_form=form), status=400)


@member_required(POOL_READERS)
@require_http_methods(["GET", "POST"])
def tag_detail(request, pk: int):
    tag = get_object_or_404(Tag.objects.select_related("merged_into", "parent"), pk=pk)
    editable = _can_edit(request) and not tag.is_retired
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = TagForm(request.POST or None, tag=tag) if editable else None
    if request.method == "POST" and form.is_valid():
        before = {word.lower() for word in (tag.name_en, tag.name_zh, *tag.synonyms) if word}
        try:
            tag = services.tag_update(
                request.tenant,
                tag=tag,
                actor=request.user,
                **{key: form.cleaned_data[key] for key in ("name_en", "name_zh", "category", "synonyms")},
            )
        except services.CandidateError as exc:
            form.add_error(
                "name_zh" if exc.field == "name_en" else exc.field if exc.field in form.fields else None,
                service_message(exc),
            )
        else:
            new_words = [
                w for w in (tag.name_en, tag.name_zh, *tag.synonyms) if w and w.lower() not in before
            ]
            messages.success(
                request,
                _(
                    "Saved. Candidates whose resumes contain the new words are being re-tagged "
                    "in the background."
                )
                if new_words
                else _("Saved."),
            )
            return redirect("candidates:tag", pk=tag.pk)
    _name_tags([tag, *([tag.merged_into] if tag.merged_into else [])])
    candidates = selectors.tag_candidates(tag)
    context = {
        "section": "tags",
        "tag": tag,
        "form": form,
        "candidate_count": selectors.tag_candidate_counts([tag.pk]).get(tag.pk, 0),
        "candidates": candidates,
        "pool_url": reverse("candidates:pool") + f"?tags_all={tag.pk}",
        "merge_extra": f"field=into&exclude={tag.pk}",
    }
    return _render(
        request, "candidates/tag_detail.html", context, status=400 if form and form.errors else 200
    )


@member_required(EDITORS)
@require_POST
def tag_merge(request, pk: int):
    source = get_object_or_404(Tag.objects, pk=pk, is_retired=False)
    form = TagMergeForm(request.POST)
    target = (
        Tag.objects.filter(pk=form.cleaned_data["into"], is_retired=False).first()
        if form.is_valid()
        else None
    )
    if target is None:
        messages.error(request, _("Choose the tag to merge into."))
        return redirect("candidates:tag", pk=source.pk)
    try:
        services.tag_merge(request.tenant, source=source, target=target, actor=request.user)
    except services.CandidateError as exc:
        messages.error(request, service_message(exc))
        return redirect("candidates:tag", pk=source.pk)
    messages.success(
        request,
        _("“%(source)s” was merged into “%(target)s”; its names are now synonyms of it.")
        % {"source": tag_label(source), "target": tag_label(target)},
    )
    return redirect("candidates:tag", pk=target.pk)


@member_required(EDITORS)
@require_POST
def tag_retire(request, pk: int):
    tag = get_object_or_404(Tag.objects, pk=pk)
    services.tag_retire(request.tenant, tag=tag, actor=request.user)
    messages.success(
        request,
        _("“%(tag)s” is retired: it is no longer matched or offered. Candidates keep their history.")
        % {"tag": tag_label(tag)},
    )
    return redirect("candidates:tags")
