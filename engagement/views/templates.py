"""Templates and the content library: lists, editors, and the live preview against a candidate of the pool.

Admins and recruiters edit; viewers read (the editor shows read-only, the preview works). Hiring managers have
their review pages instead (403). Another tenant's ids are not found (404). Every write goes through
``engagement.services.templates``; its refusals (an unknown placeholder, a link that is not http) are shown
next to the field.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candidates import selectors as candidate_selectors
from candidates.models import Candidate, CandidateStatus
from talentpool.api import bounds
from talentpool.errors import ServiceError
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS
from talentpool.web import id_param, is_htmx, render_in_tenant_zone

from ..models import Channel, ContentItem, ContentKind, MessagePurpose, MessageTemplate
from ..selectors import templates as selectors
from ..services import templates as services

READERS = POOL_READERS
CONTENT_PAGE_SIZE = 25
PREVIEW_CANDIDATES = 30
CHANNELS = [(Channel.EMAIL.value, Channel.EMAIL.label), (Channel.SMS.value, Channel.SMS.label)]
LANGUAGE_CHOICES = [("zh-hans", gettext_lazy("Chinese")), ("en", gettext_lazy("English"))]


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav", "campaigns")
    context.setdefault("section", "templates")
    context["can_edit"] = _can_edit(request)
    return render_in_tenant_zone(request, template, context, status)


def _tag_label(tag) -> str:
    chinese = (get_language() or "").startswith("zh")
    first, second = (tag.name_zh, tag.name_en) if chinese else (tag.name_en, tag.name_zh)
    return first or second or tag.key


def _service_error(form: forms.Form, exc: ServiceError) -> None:
    """The service's refusal next to its field (or on the form when the field is not on it)."""
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


# ------------------------------------------------------------------------------------------------- forms


class TemplateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    purpose = forms.ChoiceField(label=gettext_lazy("Purpose"), choices=MessagePurpose.choices)
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=CHANNELS)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=300,
        required=False,
        strip=False,
        help_text=gettext_lazy("Emails only. Placeholders work here too."),
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        strip=False,
        max_length=bounds.MESSAGE_BODY,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
    )

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            for field in self.fields.values():
                field.disabled = True


class ContentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ContentKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        max_length=bounds.NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Two or three sentences: templates can show them under the title."),
    )
    url = forms.CharField(
        label=gettext_lazy("Link"),
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy("Where the candidate reads it: an http:// or https:// address."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        validators=[bounds.PlausibleDate()],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("After this day it is no longer suggested. Empty: always."),
    )

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:
            for field in self.fields.values():
                field.disabled = True


# ---------------------------------------------------------------------------------------------- templates


@member_required(READERS)
def template_list(request):
    """Every template of the tenant (its defaults seeded on first visit), grouped by purpose; filters by
    channel and language."""
    services.templates_seed()
    channel = request.GET.get("channel", "")
    language = request.GET.get("language", "")
    templates = selectors.templates_by_kind()
    if channel in dict(CHANNELS):
        templates = templates.filter(channel=channel)
    if language in dict(LANGUAGE_CHOICES):
        templates = templates.filter(language=language)
    by_purpose: dict[str, list] = {value: [] for value in MessagePurpose.values}
    for template in templates:
        by_purpose.setdefault(template.purpose, []).append(template)
    groups = [
        (value, label, by_purpose[value]) for value, label in MessagePurpose.choices if by_purpose[value]
    ]
    context = {
        "groups": groups,
        "channel": channel,
        "language": language,
        "channels": CHANNELS,
        "languages": LANGUAGE_CHOICES,
    }
    return _render(request, "engagement/templates_list.html", context)


def _candidates_for_preview(selected: str = "") -> list[Candidate]:
    """The most recently updated candidates of the pool to preview with (and the chosen one, if older)."""
    people = list(
        Candidate.objects.exclude(status=CandidateStatus.MERGED)
        .order_by("-updated_at", "-id")
        .only("id", "full_name", "current_title")[:PREVIEW_CANDIDATES]
    )
    if id_param(selected) and all(person.pk != id_param(selected) for person in people):
        chosen = Candidate.objects.filter(pk=int(selected)).only("id", "full_name", "current_title").first()
        if chosen is not None:
            people.insert(0, chosen)
    return people


def _editor(request, form: TemplateForm, *, template: MessageTemplate | None, status: int = 200):
    selected = request.GET.get("candidate") or request.POST.get("candidate") or ""
    context = {
        "form": form,
        "template": template,
        "people": _candidates_for_preview(selected),
        "selected_candidate": selected,
        "placeholders": PLACEHOLDER_HELP,
        "warnings": [],
    }
    if template is not None:
        context["warnings"] = services.template_warnings(
            channel=template.channel, body=template.body, language=template.language
        )
    return _render(request, "engagement/templates_form.html", context, status)


# What the editor lists as insertable, with what each means (the allow-list of engagement.rendering).
PLACEHOLDER_HELP = [
    ("{{ candidate.name }}", gettext_lazy("The candidate's full name")),
    ("{{ candidate.first_name }}", gettext_lazy("First name (a Chinese name stays whole)")),
    ("{{ candidate.title }}", gettext_lazy("Current title")),
    ("{{ candidate.company }}", gettext_lazy("Current company")),
    ("{{ candidate.city }}", gettext_lazy("Location")),
    ("{{ recruiter.name }}", gettext_lazy("The sender's name")),
    ("{{ recruiter.email }}", gettext_lazy("The sender's email")),
    ("{{ tenant.name }}", gettext_lazy("Your organization's name")),
    ("{{ links.unsubscribe }}", gettext_lazy("The unsubscribe link")),
    (
        "{% for role in roles %}{{ role.title }} {{ role.location }} {{ role.match }}%{% endfor %}",
        gettext_lazy("The open roles that fit (title, location, match, url)"),
    ),
    (
        "{% for item in content %}{{ item.title }} {{ item.url }}{% endfor %}",
        gettext_lazy("Content chosen by the candidate's tags (title, summary, url)"),
    ),
    ('{{ candidate.company|default:"…" }}', gettext_lazy("Filters: default, upper, lower, truncate:40")),
    (
        "{% if candidate.company %}…{% else %}…{% endif %}",
        gettext_lazy("A part shown only when there is a value"),
    ),
]


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def template_create(request):
    """A new template; ``?purpose=&channel=&language=`` preset the choices."""
    if request.method == "GET":
        initial = {key: request.GET[key] for key in ("purpose", "channel", "language") if key in request.GET}
        initial.setdefault("language", "en" if (get_language() or "").startswith("en") else "zh-hans")
        return _editor(request, TemplateForm(initial=initial), template=None)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            template = services.template_create(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("Template “%(name)s” saved.") % {"name": template.name})
            return redirect("engagement:template_edit", pk=template.pk)
    return _editor(request, form, template=None, status=400)


@member_required(READERS)
@require_http_methods(["GET", "POST"])
def template_edit(request, pk: int):
    """One template: the editor for admins and recruiters, read-only for viewers; the preview for both."""
    template = get_object_or_404(MessageTemplate, pk=pk)
    if request.method == "GET":
        initial = {name: getattr(template, name) for name in services.TEMPLATE_FIELDS}
        return _editor(
            request, TemplateForm(initial=initial, read_only=not _can_edit(request)), template=template
        )
    if not _can_edit(request):
        return HttpResponse(status=403)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            services.template_update(template, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            template.refresh_from_db()
            _service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("engagement:template_edit", pk=template.pk)
    return _editor(request, form, template=template, status=400)


@member_required(EDITORS)
@require_POST
def template_delete(request, pk: int):
    template = get_object_or_404(MessageTemplate, pk=pk)
    try:
        services.template_delete(template)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("engagement:template_edit", pk=template.pk)
    messages.success(request, _("Template “%(name)s” deleted.") % {"name": template.name})
    return redirect("engagement:templates")


@member_required(READERS)
@require_POST
def template_preview(request):
    """The editor's live preview (htmx): the subject and body being edited, rendered for the chosen candidate
    of the pool. A template the sandbox refuses shows the refusal, naming the placeholder."""
    value = request.POST.get("candidate", "")
    candidate = Candidate.objects.filter(pk=id_param(value)).first() if id_param(value) else None
    context: dict = {"candidate": candidate}
    saved_id = request.POST.get("template", "")
    # A viewer's editor is read-only: its disabled fields are not sent, so the saved template is previewed.
    saved = (
        MessageTemplate.objects.filter(pk=int(saved_id)).first()
        if id_param(saved_id) and "body" not in request.POST
        else None
    )
    if candidate is None:
        context["preview_error"] = _("Choose a candidate of the pool to preview with.")
    elif saved is None and not request.POST.get("body", "").strip():
        context["preview_error"] = _("Write the message to see it here.")
    else:
        source = {
            "subject": request.POST.get("subject", ""),
            "body": request.POST.get("body", ""),
            "channel": request.POST.get("channel") or Channel.EMAIL,
            "language": request.POST.get("language") or "zh-hans",
        }
        if saved is not None:
            source = {
                "subject": saved.subject,
                "body": saved.body,
                "channel": saved.channel,
                "language": saved.language,
            }
        try:
            context["preview"] = services.template_preview(
                source, candidate=candidate, recruiter=request.user
            )
        except ServiceError as exc:
            context["preview_error"] = str(exc)
            context["preview_field"] = exc.field
        context["channel"] = source["channel"]
    return _render(request, "engagement/templates_preview.html", context)


# -------------------------------------------------------------------------------------------- content


@member_required(READERS)
def content_list(request):
    """The content library, newest first; filters by kind, language and "still valid"."""
    kind = request.GET.get("kind", "")
    language = request.GET.get("language", "")
    items = ContentItem.objects.all()
    if kind in ContentKind.values:
        items = items.filter(kind=kind)
    if language in dict(LANGUAGE_CHOICES):
        items = items.filter(language=language)
    today = selectors.tenant_today(request.tenant)
    page = Paginator(items, CONTENT_PAGE_SIZE).get_page(request.GET.get("page"))
    tag_ids = {tag_id for item in page.object_list for tag_id in item.tag_ids}
    tags = candidate_selectors.tags_by_ids(sorted(tag_ids)) if tag_ids else {}
    rows = list(page.object_list)
    for item in rows:
        item.tag_labels = [_tag_label(tags[tag_id]) for tag_id in item.tag_ids if tag_id in tags]
        item.expired = item.valid_until is not None and item.valid_until < today
    page.object_list = rows
    context = {
        "section": "content",
        "page": page,
        "kind": kind,
        "language": language,
        "kinds": ContentKind.choices,
        "languages": LANGUAGE_CHOICES,
    }
    return _render(request, "engagement/content_list.html", context)


def _picked_tags(ids) -> list[dict]:
    wanted = [id_param(value) for value in ids if id_param(value)]
    tags = candidate_selectors.tags_by_ids(wanted) if wanted else {}
    return [
        {"id": tag_id, "label": _tag_label(tags[tag_id])}
        for tag_id in dict.fromkeys(wanted)
        if tag_id in tags
    ]


def _content_editor(request, form: ContentForm, *, item: ContentItem | None, tag_ids, status: int = 200):
    context = {"section": "content", "form": form, "item": item, "picked_tags": _picked_tags(tag_ids)}
    return _render(request, "engagement/content_form.html", context, status)


def _save_content(request, form: ContentForm, item: ContentItem | None):
    tag_ids = request.POST.getlist("tag_ids")
    if form.is_valid():
        values = {**form.cleaned_data, "tag_ids": [id_param(v) for v in tag_ids if id_param(v)]}
        try:
            if item is None:
                item = services.content_create(actor=request.user, **values)
            else:
                services.content_update(item, actor=request.user, **values)
        except ServiceError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("“%(title)s” saved.") % {"title": item.title})
            return redirect("engagement:content")
    return _content_editor(request, form, item=item, tag_ids=tag_ids, status=400)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def content_create(request):
    if request.method == "GET":
        initial = {"language": "en" if (get_language() or "").startswith("en") else "zh-hans"}
        return _content_editor(request, ContentForm(initial=initial), item=None, tag_ids=[])
    return _save_content(request, ContentForm(request.POST), None)


@member_required(READERS)
@require_http_methods(["GET", "POST"])
def content_edit(request, pk: int):
    item = get_object_or_404(ContentItem, pk=pk)
    if request.method == "GET":
        initial = {
            name: getattr(item, name)
            for name in ("kind", "title", "summary", "url", "language", "valid_until")
        }
        form = ContentForm(initial=initial, read_only=not _can_edit(request))
        return _content_editor(request, form, item=item, tag_ids=item.tag_ids)
    if not _can_edit(request):
        return HttpResponse(status=403)
    return _save_content(request, ContentForm(request.POST), item)


@member_required(EDITORS)
@require_POST
def content_delete(request, pk: int):
    item = get_object_or_404(ContentItem, pk=pk)
    services.content_delete(item)
    messages.success(request, _("“%(title)s” deleted.") % {"title": item.title})
    return redirect("engagement:content")


@member_required(EDITORS)
@require_POST
def content_tag(request):
    """One tag chip for the content form (htmx, from the tag picker); 204 for a tag that is not the tenant's."""
    picked = _picked_tags([request.POST.get("tag", "")])
    if not picked or not is_htmx(request):
        return HttpResponse(status=204)
    return _render(request, "engagement/content_tag_chip.html", {"tag": picked[0]})
