"""Campaign pages: the list, the builder (new and edit a draft) with its live audience count and a preview of
step 1 for a real candidate, a campaign's statistics per step, pause and resume.

Views are thin: the builder form validates, ``engagement.services.campaigns`` writes, launches and counts.
Admins and recruiters act, viewers read, hiring managers have no access (403). Another tenant's campaign id
is simply not found (the scoped managers): 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates import selectors as candidate_selectors
from candidates.forms import IdListField
from candidates.models import Candidate
from profiles.models import ProfileStatus, RoleProfile, SavedSearch, Shortlist
from talentpool.errors import ServiceError
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS
from talentpool.web import id_param, render_in_tenant_zone

from ..models import (
    Campaign,
    CampaignStatus,
    Channel,
    InteractionKind,
    MessageStatus,
    MessageTemplate,
    OutboundMessage,
    StepCondition,
)

READERS = POOL_READERS  # hiring managers see shortlists only, never the pool or its campaigns
PAGE_SIZE = 25
MAX_STEPS = 10
STEP_KEY = re.compile(r"^step-(\d+)-channel$")
REMOVE_KEY = re.compile(r"^step-(\d+)-remove$")
STEP_CHANNELS = [(Channel.EMAIL.value, Channel.EMAIL.label), (Channel.SMS.value, Channel.SMS.label)]
TIERS = [("high", gettext_lazy("High")), ("mid", gettext_lazy("Mid")), ("low", gettext_lazy("Low"))]
# The step conditions as the builder words them ("Always" alone reads as "valid forever" elsewhere).
CONDITIONS = [
    (StepCondition.ALWAYS, pgettext_lazy("step condition", "Always")),
    (StepCondition.NO_REPLY, pgettext_lazy("step condition", "No reply yet")),
    (StepCondition.OPENED_NOT_CLICKED, pgettext_lazy("step condition", "Opened but did not click")),
    (StepCondition.NOT_OPENED, pgettext_lazy("step condition", "Did not open")),
]


def _services():
    # Imported when used: the campaigns service is its own module (engagement.services.campaigns), and a page
    # that does not need it (the follow-up list, the overview) must not depend on it being importable.
    from ..services import campaigns

    return campaigns


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav", "campaigns")
    context.setdefault("section", "campaigns")
    context["can_edit"] = _can_edit(request)
    return render_in_tenant_zone(request, template, context, status)


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects, pk=pk)


def _tag_label(tag) -> str:
    chinese = (get_language() or "").startswith("zh")
    first, second = (tag.name_zh, tag.name_en) if chinese else (tag.name_en, tag.name_zh)
    return first or second or tag.key


# ------------------------------------------------------------------------------------------------ the form


class AudienceSource:
    SELECTION, SAVED_SEARCH, TAGS, PROFILE, SHORTLIST = (
        "selection",
        "saved_search",
        "tags",
        "profile",
        "shortlist",
    )
    CHOICES = [
        (SAVED_SEARCH, gettext_lazy("A saved search")),
        (TAGS, gettext_lazy("Tags and activity tiers")),
        (PROFILE, gettext_lazy("A role's matches")),
        (SHORTLIST, gettext_lazy("A shortlist")),
        (SELECTION, gettext_lazy("Candidates picked in the pool")),
    ]


class CampaignForm(forms.Form):
    """The builder's fields other than the steps (those are ``step-<n>-…`` rows, ``step_rows``)."""

    name = forms.CharField(label=pgettext_lazy("campaign", "Name"), max_length=200)
    audience_source = forms.ChoiceField(
        label=gettext_lazy("Who receives it"),
        choices=AudienceSource.CHOICES,
        widget=forms.RadioSelect,
        initial=AudienceSource.TAGS,
    )
    candidate_ids = IdListField(required=False)
    saved_search = forms.TypedChoiceField(
        label=gettext_lazy("Saved search"), coerce=int, required=False, empty_value=None
    )
    tag_ids = IdListField(required=False)
    tiers = forms.MultipleChoiceField(
        label=gettext_lazy("Activity tiers"),
        choices=TIERS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    profile = forms.TypedChoiceField(label=gettext_lazy("Role"), coerce=int, required=False, empty_value=None)
    shortlist = forms.TypedChoiceField(
        label=gettext_lazy("Shortlist"), coerce=int, required=False, empty_value=None
    )
    use_send_window = forms.BooleanField(
        label=gettext_lazy("Send only inside the send window"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Outside the window (Settings → Engagement) messages wait for the next morning. "
            "Untick it for a one-off that should go out at once."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        none = [("", "—")]
        self.fields["saved_search"].choices = none + [(s.pk, s.name) for s in SavedSearch.objects.all()]
        self.fields["profile"].choices = none + [
            (p.pk, p.title) for p in RoleProfile.objects.filter(status=ProfileStatus.OPEN).order_by("title")
        ]
        self.fields["shortlist"].choices = none + [
            (s.pk, f"{s.name} · {s.profile.title}") for s in Shortlist.objects.select_related("profile")
        ]

    def clean(self):
        data = super().clean()
        source = data.get("audience_source")
        missing = {
            AudienceSource.SELECTION: ("candidate_ids", _("Pick candidates in the pool first.")),
            AudienceSource.SAVED_SEARCH: ("saved_search", _("Choose a saved search.")),
            AudienceSource.PROFILE: ("profile", _("Choose a role.")),
            AudienceSource.SHORTLIST: ("shortlist", _("Choose a shortlist.")),
        }.get(source)
        if missing and not data.get(missing[0]):
            self.add_error("audience_source" if missing[0] == "candidate_ids" else missing[0], missing[1])
        if source == AudienceSource.TAGS and not data.get("tag_ids") and not data.get("tiers"):
            self.add_error("tiers", _("Choose at least one tag or activity tier."))
        return data

    def audience(self) -> dict:
        """The audience as the campaigns service stores it (engagement.models.Campaign.audience)."""
        data = self.cleaned_data
        source = data.get("audience_source")
        if source == AudienceSource.SELECTION:
            return {"candidate_ids": data.get("candidate_ids") or []}
        if source == AudienceSource.SAVED_SEARCH:
            return {"saved_search": data.get("saved_search")}
        if source == AudienceSource.PROFILE:
            return {"profile": data.get("profile")}
        if source == AudienceSource.SHORTLIST:
            return {"shortlist": data.get("shortlist")}
        return {"tag_ids": data.get("tag_ids") or [], "tiers": data.get("tiers") or []}

    @staticmethod
    def initial_for_audience(audience: dict) -> dict:
        """Form values that show a stored audience again."""
        audience = audience or {}
        if "candidate_ids" in audience:
            return {"audience_source": AudienceSource.SELECTION, "candidate_ids": audience["candidate_ids"]}
        for key in ("saved_search", "profile", "shortlist"):
            if key in audience:
                return {"audience_source": key, key: audience[key]}
        return {
            "audience_source": AudienceSource.TAGS,
            "tag_ids": audience.get("tag_ids") or [],
            "tiers": audience.get("tiers") or [],
        }


@dataclass
class StepRow:
    index: int
    channel: str = Channel.EMAIL
    template: str = ""
    subject: str = ""
    body: str = ""
    language: str = "zh-hans"
    delay_days: str = "0"
    condition: str = StepCondition.ALWAYS
    error: str = ""

    def as_service_step(self) -> dict:
        """The step as ``campaign_create`` takes it (its position is its place in the list)."""
        return {
            "channel": self.channel,
            "template": id_param(self.template),
            "subject": self.subject,
            "body": self.body,
            "language": self.language,
            "delay_days": id_param(self.delay_days, low=0, high=365) or 0,
            "condition": self.condition,
        }


def step_rows(data) -> list[StepRow]:
    """The builder's step rows from POST data (``step-<n>-channel``, …), in their order, without the rows ticked
    "remove". Unknown choices fall back to the defaults; the service validates the text itself."""
    indexes = sorted(int(match.group(1)) for key in data if (match := STEP_KEY.match(key)))
    languages = {code for code, _name in settings.LANGUAGES}
    rows = []
    for index in indexes[:MAX_STEPS]:

        def value(name: str, default: str = "", index: int = index) -> str:
            return (data.get(f"step-{index}-{name}") or default).strip()

        if value("remove"):
            continue
        rows.append(
            StepRow(
                index=index,
                channel=value("channel") if value("channel") in dict(STEP_CHANNELS) else Channel.EMAIL,
                template=value("template") if id_param(value("template")) else "",
                subject=value("subject")[:300],
                body=data.get(f"step-{index}-body", ""),
                language=value("language") if value("language") in languages else "zh-hans",
                delay_days=value("delay_days", "0")
                if id_param(value("delay_days", "0"), low=0, high=365) is not None
                else "0",
                condition=value("condition")
                if value("condition") in StepCondition.values
                else StepCondition.ALWAYS,
            )
        )
    return rows


def _rows_of(campaign: Campaign) -> list[StepRow]:
    return [
        StepRow(
            index=n,
            channel=step.channel,
            template=str(step.template_id or ""),
            subject=step.subject,
            body=step.body,
            language=step.language,
            delay_days=str(step.delay_days),
            condition=step.condition,
        )
        for n, step in enumerate(campaign.steps.order_by("position"))
    ]


def _check_rows(rows: list[StepRow]) -> str:
    """A message for the steps card when the steps cannot be saved as they are (per-row errors set too)."""
    if not rows:
        return _("Add at least one step.")
    for row in rows:
        if not row.template and not row.body.strip():
            row.error = _("Choose a template or write the message.")
        elif not row.template and row.channel == Channel.EMAIL and not row.subject:
            row.error = _("An email needs a subject.")
    return _("Some steps are not complete yet.") if any(row.error for row in rows) else ""


def _builder_context(form, rows, *, campaign=None, steps_error="", confirm_count=None) -> dict:
    tag_ids = []
    if form.is_bound:
        tag_ids = IdListField().to_python(form.data.getlist("tag_ids"))
    else:
        tag_ids = list(form.initial.get("tag_ids") or [])
    tags = candidate_selectors.tags_by_ids(tag_ids)
    picked_tags = [
        {"id": tag.pk, "label": _tag_label(tag)} for tag_id in tag_ids if (tag := tags.get(tag_id))
    ]
    selection = (
        form.data.getlist("candidate_ids") if form.is_bound else form.initial.get("candidate_ids")
    ) or []
    return {
        "audience_count": _initial_count(form),
        "form": form,
        "rows": rows,
        "next_index": max([row.index for row in rows], default=-1) + 1,
        "channels": STEP_CHANNELS,
        "languages": settings.LANGUAGES,
        "conditions": CONDITIONS,
        "templates": list(MessageTemplate.objects.only("id", "name", "channel", "language")),
        "picked_tags": picked_tags,
        "selection_ids": IdListField().to_python(selection),
        "campaign": campaign,
        "steps_error": steps_error,
        "confirm_count": confirm_count,
        "max_steps": MAX_STEPS,
    }


STEP_FIELD = re.compile(r"^steps\[(\d+)\]")


AUDIENCE_FIELDS = (
    "audience_source",
    "candidate_ids",
    "saved_search",
    "tag_ids",
    "tiers",
    "profile",
    "shortlist",
)


def _audience_errors(form) -> bool:
    form.is_valid()
    return any(form.errors.get(name) for name in AUDIENCE_FIELDS)


def _initial_count(form) -> int | None:
    """The audience count shown when the builder renders (later changes are counted live, over htmx); None
    while no audience is chosen."""
    if form.is_bound:
        return None if _audience_errors(form) else _audience_count(form.audience())
    initial = form.initial
    source = initial.get("audience_source")
    if source == AudienceSource.SELECTION and initial.get("candidate_ids"):
        return _audience_count({"candidate_ids": list(initial["candidate_ids"])})
    if source in (
        AudienceSource.SAVED_SEARCH,
        AudienceSource.PROFILE,
        AudienceSource.SHORTLIST,
    ) and initial.get(source):
        return _audience_count({source: initial[source]})
    if source == AudienceSource.TAGS and (initial.get("tag_ids") or initial.get("tiers")):
        return _audience_count(
            {"tag_ids": list(initial.get("tag_ids") or []), "tiers": list(initial.get("tiers") or [])}
        )
    return None


def _service_error(form, exc: ServiceError, rows: list[StepRow]) -> str:
    """Put a service's refusal next to its field: the audience's next to the audience, a step's (``steps[1].body``)
    on that step's row; returns a message for the steps card when it is about the steps as a whole."""
    field = exc.field or ""
    if field.startswith("audience"):
        form.add_error("audience_source", str(exc))
        return ""
    if field in ("name", "use_send_window"):
        form.add_error(field, str(exc))
        return ""
    if match := STEP_FIELD.match(field):
        index = int(match.group(1))
        if index < len(rows):
            rows[index].error = str(exc)
            return _("Some steps are not complete yet.")
    if field.startswith("steps"):
        return str(exc)
    form.add_error(None, str(exc))
    return ""


def _audience_count(audience: dict) -> int | None:
    try:
        return _services().audience_count(audience)
    except ServiceError:
        return None


# ------------------------------------------------------------------------------------------------ the list


def _message_counts(campaign_ids) -> dict[int, dict]:
    """Sent, human opens and replies per campaign, from the outbox (one query)."""
    rows = (
        OutboundMessage.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            sent=Count("id", filter=Q(sent_at__isnull=False)),
            opened=Count("id", filter=Q(opened_at__isnull=False)),
            replied=Count("id", filter=Q(replied_at__isnull=False)),
        )
        .order_by()
    )
    return {row["campaign_id"]: row for row in rows}


@member_required(READERS)
@require_GET
def campaign_list(request):
    """Every campaign of the tenant, newest first, by status, with its audience and first results."""
    status = request.GET.get("status", "all")
    if status not in (*CampaignStatus.values, "all"):
        status = "all"
    by_status = dict(Campaign.objects.values_list("status").annotate(n=Count("id")).order_by())
    campaigns = Campaign.objects.all() if status == "all" else Campaign.objects.filter(status=status)
    campaigns = campaigns.annotate(
        enrolled=Count("enrollments", distinct=True), step_count=Count("steps", distinct=True)
    ).order_by("-created_at", "-id")
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    counts = _message_counts([campaign.pk for campaign in rows])
    for campaign in rows:
        campaign.counts = counts.get(campaign.pk, {"sent": 0, "opened": 0, "replied": 0})
        # A draft has no enrolments yet: its audience is counted as it would be at launch.
        campaign.audience_size = (
            _audience_count(campaign.audience)
            if campaign.status == CampaignStatus.DRAFT
            else campaign.enrolled
        )
    page.object_list = rows
    filters = [(value, label, by_status.get(value, 0)) for value, label in CampaignStatus.choices]
    context = {"page": page, "status": status, "filters": filters, "total": sum(by_status.values())}
    return _render(request, "engagement/campaign_list.html", context)


# ------------------------------------------------------------------------------------------------ the builder


def _initial_from_request(request) -> dict:
    """Where the builder was opened from: the pool's bulk bar (POSTed ids), a role's matches, a shortlist, a
    saved search (GET parameters)."""
    data = request.POST if request.method == "POST" else request.GET
    ids = IdListField().to_python(data.getlist("ids") or data.getlist("candidate_ids"))
    if ids:
        return {
            "audience_source": AudienceSource.SELECTION,
            "candidate_ids": ids,
            "name": _("Pool selection"),
        }
    for key in ("profile", "shortlist", "saved_search"):
        value = data.get(key, "")
        if id_param(value):
            return {"audience_source": key, key: id_param(value)}
    return {}


def _save(request, form, rows, campaign: Campaign | None) -> Campaign:
    """Create the draft, or replace an existing draft's fields and steps. Raises ServiceError."""
    service = _services()
    steps = [row.as_service_step() for row in rows]
    values = {
        "name": form.cleaned_data["name"],
        "audience": form.audience(),
        "steps": steps,
        "use_send_window": form.cleaned_data["use_send_window"],
    }
    if campaign is None:
        return service.campaign_create(**values, sender=request.user, actor=request.user)
    return service.campaign_update(campaign, **values, actor=request.user)


def _builder(request, campaign: Campaign | None):
    template = "engagement/campaign_builder.html"
    if request.method == "GET" or request.POST.get("from") == "pool":
        if campaign is not None:
            initial = {
                "name": campaign.name,
                "use_send_window": campaign.use_send_window,
                **CampaignForm.initial_for_audience(campaign.audience),
            }
            rows = _rows_of(campaign)
        else:
            initial = {"use_send_window": True, **_initial_from_request(request)}
            rows = [StepRow(index=0, language="zh-hans" if (get_language() or "").startswith("zh") else "en")]
        form = CampaignForm(initial=initial)
        return _render(request, template, _builder_context(form, rows, campaign=campaign))

    action = request.POST.get("action", "save")
    if any(REMOVE_KEY.match(key) for key in request.POST):
        action = "remove_step"  # a step's own "Remove" button (its row is left out by step_rows)
    form = CampaignForm(request.POST)
    rows = step_rows(request.POST)
    if action == "add_step" and len(rows) < MAX_STEPS:
        previous = rows[-1] if rows else None
        rows.append(
            StepRow(
                index=max([int(m.group(1)) for k in request.POST if (m := STEP_KEY.match(k))], default=-1)
                + 1,
                channel=previous.channel if previous else Channel.EMAIL,
                language=previous.language if previous else "zh-hans",
                delay_days="3",
                condition=StepCondition.NO_REPLY,
            )
        )
    if action in ("add_step", "remove_step"):
        form.is_valid()  # show what is wrong already, but nothing is saved yet
        return _render(request, template, _builder_context(form, rows, campaign=campaign))

    steps_error = _check_rows(rows)
    if not form.is_valid() or steps_error:
        context = _builder_context(form, rows, campaign=campaign, steps_error=steps_error)
        return _render(request, template, context, status=400)

    if action == "launch" and request.POST.get("confirm") != "yes":
        # Launching sends messages: say to how many people first.
        count = _audience_count(form.audience())
        context = _builder_context(form, rows, campaign=campaign, confirm_count=count)
        return _render(request, template, context)

    service = _services()
    try:
        with transaction.atomic():
            saved = _save(request, form, rows, campaign)
    except ServiceError as exc:
        steps_error = _service_error(form, exc, rows)
        return _render(
            request,
            template,
            _builder_context(form, rows, campaign=campaign, steps_error=steps_error),
            status=400,
        )
    if action != "launch":
        messages.success(request, _("Draft “%(name)s” saved.") % {"name": saved.name})
        return redirect("engagement:campaign", pk=saved.pk)
    try:
        saved = service.campaign_launch(saved, actor=request.user)
    except ServiceError as exc:
        # The draft is kept (so the answer is not an error status, which would roll the request back); the
        # refusal, such as an empty audience, is shown next to its field and the builder now edits the draft.
        steps_error = _service_error(form, exc, rows)
        messages.info(request, _("Saved as a draft; it was not launched."))
        context = _builder_context(form, rows, campaign=saved, steps_error=steps_error)
        return _render(request, template, context)
    enrolled = saved.enrollments.count()
    messages.success(
        request,
        ngettext(
            "“%(name)s” launched to %(count)d candidate.",
            "“%(name)s” launched to %(count)d candidates.",
            enrolled,
        )
        % {"name": saved.name, "count": enrolled},
    )
    return redirect("engagement:campaign", pk=saved.pk)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    """A new campaign: name, audience (with its live count), steps, send window; save as a draft or launch.
    The pool's bulk bar posts its selection here (``from=pool``, ``ids``)."""
    return _builder(request, None)


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    """The builder for a draft; a campaign that has been launched is not edited (its page instead)."""
    campaign = _campaign(pk)
    if campaign.status != CampaignStatus.DRAFT:
        messages.info(request, _("Only drafts can be edited. Pause the campaign to stop its messages."))
        return redirect("engagement:campaign", pk=campaign.pk)
    return _builder(request, campaign)


@member_required(EDITORS)
@require_POST
def audience_count(request):
    """The live audience count of the builder (htmx): how many candidates the audience picked now reaches."""
    form = CampaignForm(request.POST)
    count = None if _audience_errors(form) else _audience_count(form.audience())
    return _render(request, "engagement/campaign_audience_count.html", {"count": count})


@member_required(EDITORS)
@require_POST
def audience_tag(request):
    """One tag chip for the builder's audience (htmx, from the tag picker); 204 for an unknown tag."""
    value = request.POST.get("tag", "")
    tag_id = id_param(value)
    tag = candidate_selectors.tags_by_ids([tag_id]).get(tag_id) if tag_id else None
    if tag is None or tag.is_retired:
        return HttpResponse(status=204)
    response = _render(
        request, "engagement/campaign_tag_chip.html", {"tag": {"id": tag.pk, "label": _tag_label(tag)}}
    )
    response["HX-Trigger"] = "audience-changed"  # the live count reads the audience again
    return response


def _preview(request, form: CampaignForm, rows: list[StepRow]) -> dict:
    """Step 1 rendered for the first candidate of the audience, or why it cannot be."""
    if not rows:
        return {"preview_error": _("Add a step to preview it.")}
    if not form.is_valid():
        return {"preview_error": _("Choose the audience first: the preview uses one of its candidates.")}
    ids = _services().audience_candidate_ids(form.audience())
    candidate = Candidate.objects.filter(pk__in=ids).order_by("pk").first()
    if candidate is None:
        return {"preview_error": _("Nobody is in this audience yet, so there is no one to preview for.")}
    row = rows[0]
    subject, body = row.subject, row.body
    if row.template:
        template = MessageTemplate.objects.filter(pk=int(row.template)).first()
        if template is not None:
            subject, body = template.subject, template.body
    from .. import rendering

    try:
        context = rendering.candidate_context(candidate, recruiter=request.user, tenant=request.tenant)
        rendered_subject = rendering.render(subject, context) if subject else ""
        rendered_body = rendering.render(body, context)
    except rendering.TemplateError as exc:
        return {
            "preview_error": _("The message cannot be rendered: %(error)s") % {"error": exc},
            "preview_candidate": candidate,
        }
    return {
        "preview_candidate": candidate,
        "preview_subject": rendered_subject,
        "preview_body": rendered_body,
        "preview_channel": row.channel,
    }


@member_required(EDITORS)
@require_POST
def campaign_preview(request):
    """Step 1 of the builder as one real candidate of the audience would receive it (htmx)."""
    form = CampaignForm(request.POST)
    context = _preview(request, form, step_rows(request.POST))
    return _render(request, "engagement/campaign_preview.html", context)


# ------------------------------------------------------------------------------------------------ one campaign


SKIP_REASONS = {
    "suppressed": gettext_lazy("On the suppression list"),
    "do_not_contact": gettext_lazy("Marked do not contact"),
    "no_consent": gettext_lazy("No consent"),
    "consent_withdrawn": gettext_lazy("Consent withdrawn"),
    "frequency_cap": gettext_lazy("Frequency cap reached"),
    "no_address": gettext_lazy("No email address or phone"),
    "condition": gettext_lazy("Step condition not met"),
    "stopped": gettext_lazy("Sequence stopped"),
}
STAT_ROWS = [
    ("sent", gettext_lazy("Sent")),
    ("delivered", gettext_lazy("Delivered")),
    ("opened", gettext_lazy("Opened by a person")),
    ("machine_opened", gettext_lazy("Opened by a machine (not counted as a person)")),
    ("clicked", gettext_lazy("Clicked")),
    ("replied", gettext_lazy("Replied")),
    ("unsubscribed", gettext_lazy("Unsubscribed")),
    ("bounced", gettext_lazy("Bounced")),
    ("skipped", gettext_lazy("Skipped")),
]


REPLY_CLASSES = {
    "interested": gettext_lazy("Interested"),
    "not_now": gettext_lazy("Not now"),
    "not_interested": gettext_lazy("Not interested"),
    "unsubscribe": gettext_lazy("Asks to unsubscribe"),
    "out_of_office": gettext_lazy("Out of office"),
}


def _stat(step, name: str) -> int:
    value = step.get(name) if isinstance(step, dict) else getattr(step, name, 0)
    return int(value or 0)


def _step_stats(campaign: Campaign) -> list[dict]:
    """The service's statistics per step, ready for the table: each figure with its share of the sent."""
    steps = {step.pk: step for step in campaign.steps.select_related("template")}
    by_position = {step.position: step for step in steps.values()}
    table = []
    for number, item in enumerate(_services().campaign_stats(campaign), start=1):
        get = (
            item.get
            if isinstance(item, dict)
            else lambda key, default=None, item=item: getattr(item, key, default)
        )
        step = steps.get(get("step_id")) or by_position.get(get("position", number - 1))
        sent = _stat(item, "sent")
        figures = []
        for key, label in STAT_ROWS:
            value = _stat(item, key)
            # Everything is a share of what was sent, except "sent" and "skipped" (shares of the messages).
            base = sent if key not in ("sent", "skipped") else sent + _stat(item, "skipped")
            figures.append(
                {
                    "key": key,
                    "label": label,
                    "value": value,
                    "base": base or 0,
                    "share": round(100 * value / base) if base else 0,
                }
            )
        reasons = get("skip_reasons") or get("skipped_reasons") or {}
        reasons = reasons.items() if isinstance(reasons, dict) else reasons
        table.append(
            {
                "number": number,
                "step": step,
                "condition": (
                    str(dict(CONDITIONS)[step.condition])
                    if step is not None and step.condition != StepCondition.ALWAYS
                    else ""
                ),
                "figures": figures,
                "skip_reasons": [
                    (str(SKIP_REASONS.get(reason, reason)), count) for reason, count in reasons if count
                ],
            }
        )
    return table


@member_required(READERS)
@require_GET
def campaign_detail(request, pk: int):
    """A campaign: status, pause / resume, statistics per step, and the latest replies."""
    campaign = _campaign(pk)
    from ..models import Interaction

    replies = list(
        Interaction.objects.filter(campaign=campaign, kind=InteractionKind.REPLIED)
        .select_related("candidate")
        .order_by("-occurred_at")[:10]
    )
    for reply in replies:
        found = (reply.metadata or {}).get("classification") or ""
        reply.classification_label = str(REPLY_CLASSES.get(found, found))
    counts = dict(campaign.enrollments.values_list("status").annotate(n=Count("id")).order_by())
    queued = OutboundMessage.objects.filter(campaign=campaign, status=MessageStatus.QUEUED).count()
    context = {
        "campaign": campaign,
        "steps": _step_stats(campaign),
        "replies": replies,
        "enrollments": counts,
        "enrolled": sum(counts.values()),
        "queued": queued,
        "audience_size": _audience_count(campaign.audience)
        if campaign.status == CampaignStatus.DRAFT
        else None,
    }
    return _render(request, "engagement/campaign_detail.html", context)


@member_required(EDITORS)
@require_POST
def campaign_state(request, pk: int, action: str):
    """Pause, resume, launch (a draft, from its page) or finish a campaign; back to its page with a message."""
    campaign = _campaign(pk)
    service = _services()
    verbs = {
        "pause": service.campaign_pause,
        "resume": service.campaign_resume,
        "finish": service.campaign_finish,
        "launch": service.campaign_launch,
    }
    if action not in verbs:
        raise PermissionDenied
    try:
        verbs[action](campaign, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        done = {
            "pause": _("Paused: no more messages go out until you resume."),
            "resume": _("Resumed: the next messages go out as planned."),
            "finish": _("Finished: nobody receives further steps."),
            "launch": _("Launched."),
        }
        messages.success(request, done[action])
    return redirect("engagement:campaign", pk=campaign.pk)
