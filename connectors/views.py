"""The Sources pages: sources with their health and last run, connect / configure / test / sync now / pause,
run history with per-record errors, sourcing schedules per role, and the job changes the sources saw.

Admins, recruiters and viewers read; admins change sources (they hold credentials) and schedules. Hiring
managers have their review pages instead (403). Another tenant's ids are not found (404). Every write goes
through ``connectors.services``; its refusals are shown next to the field.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from profiles.models import ProfileStatus, RoleProfile
from talentpool.api import bounds
from talentpool.errors import ServiceError
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import ADMINS, POOL_READERS
from talentpool.web import id_param, render_in_tenant_zone

from . import selectors, services
from .kinds.folder.sample import CONFIGURATION as FOLDER_SAMPLE
from .kinds.rest_feed.sample import CONFIGURATION as REST_SAMPLE
from .models import Schedule, Source, SourceKind, SourceStatus, SourcingSchedule, SyncRun, Weekday
from .registry import connector_class
from .services.sources import MASK

AUTH_CHOICES = [
    ("none", gettext_lazy("None")),
    ("api_key", gettext_lazy("API key in a header")),
    ("bearer", gettext_lazy("Bearer token")),
    ("oauth2_client_credentials", gettext_lazy("OAuth2 client credentials")),
]
HEALTH = {
    SourceStatus.ACTIVE: "success",
    SourceStatus.PAUSED: "outline",
    SourceStatus.FAILING: "danger",
    SourceStatus.CREDENTIALS: "danger",
}
RUN_BADGES = {"succeeded": "success", "partial": "warning", "failed": "danger", "running": "primary"}


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav", "sources")
    context["can_edit"] = request.membership.role in ADMINS
    return render_in_tenant_zone(request, template, context, status)


def _source(pk) -> Source:
    source = Source.objects.filter(pk=id_param(pk) or 0).first()
    if source is None:
        raise Http404
    return source


# ------------------------------------------------------------------------------------------------- forms


class SourceForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    schedule = forms.ChoiceField(label=gettext_lazy("Sync"), choices=Schedule.choices, initial=Schedule.DAILY)
    base_url = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=1000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy("Where the profiles are fetched: an https:// address."),
    )
    auth_type = forms.ChoiceField(
        label=gettext_lazy("Authentication"), choices=AUTH_CHOICES, initial="none", required=False
    )
    auth_header = forms.CharField(
        label=gettext_lazy("Header of the API key"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "X-Api-Key"}),
    )
    auth_value = forms.CharField(
        label=gettext_lazy("API key or token"),
        max_length=2000,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("Stored encrypted and never shown again. Leave empty to keep the stored one."),
    )
    token_url = forms.CharField(label=gettext_lazy("Token address (OAuth2)"), max_length=1000, required=False)
    client_id = forms.CharField(label=gettext_lazy("Client id (OAuth2)"), max_length=200, required=False)
    client_secret = forms.CharField(
        label=gettext_lazy("Client secret (OAuth2)"),
        max_length=2000,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    advanced = forms.CharField(
        label=gettext_lazy("Pagination, items and field mapping (JSON)"),
        required=False,
        max_length=bounds.JSON_SMALL,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "class": "input--mono"}),
        help_text=gettext_lazy(
            "For a REST feed: pagination, items_field, mapping and optionally search, as in "
            "the documentation. Other kinds know their own."
        ),
    )
    path = forms.CharField(
        label=gettext_lazy("Folder"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Inside the drops folder set up by the operator, e.g. hr-exports."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == SourceKind.FOLDER:
            for name in (
                "base_url",
                "auth_type",
                "auth_header",
                "auth_value",
                "token_url",
                "client_id",
                "client_secret",
                "advanced",
            ):
                del self.fields[name]
        else:
            del self.fields["path"]
            self.fields["base_url"].required = True
            if kind != SourceKind.REST_FEED:
                self.fields["advanced"].label = _("More settings (JSON)")
                self.fields["advanced"].help_text = _(
                    "Optional: items_field, pagination or search, to override this kind's defaults."
                )

    def configuration(self) -> dict:
        data = self.cleaned_data
        if self.kind == SourceKind.FOLDER:
            return {"path": data.get("path", "")}
        configuration: dict = {}
        if data.get("advanced", "").strip():
            try:
                configuration = json.loads(data["advanced"])
            except ValueError as exc:
                raise ServiceError(
                    _("This is not valid JSON: %(error)s") % {"error": exc}, field="advanced"
                ) from None
            if not isinstance(configuration, dict):
                raise ServiceError(_("Enter a JSON object."), field="advanced")
        configuration["base_url"] = data.get("base_url", "")
        kind = data.get("auth_type") or "none"
        auth: dict = {"type": kind}
        if kind == "api_key":
            auth["header"] = data.get("auth_header", "")
        if kind in ("api_key", "bearer"):
            auth["value"] = data.get("auth_value", "")
        if kind == "oauth2_client_credentials":
            auth.update(
                token_url=data.get("token_url", ""),
                client_id=data.get("client_id", ""),
                client_secret=data.get("client_secret", ""),
            )
        configuration["auth"] = auth
        return configuration


def _initial(source: Source) -> dict:
    configuration = services.public_configuration(source)
    if source.kind == SourceKind.FOLDER:
        return {"name": source.name, "schedule": source.schedule, "path": configuration.get("path", "")}
    auth = configuration.pop("auth", {}) or {}
    base_url = configuration.pop("base_url", "")
    return {
        "name": source.name,
        "schedule": source.schedule,
        "base_url": base_url,
        "auth_type": auth.get("type", "none"),
        "auth_header": auth.get("header", ""),
        "token_url": auth.get("token_url", ""),
        "client_id": auth.get("client_id", ""),
        "advanced": json.dumps(configuration, ensure_ascii=False, indent=2) if configuration else "",
    }


def _field_error(form: forms.Form, exc: ServiceError) -> None:
    names = {
        "auth": "auth_type",
        "pagination": "advanced",
        "mapping": "advanced",
        "items_field": "advanced",
        "search": "advanced",
        "rate_limit": "advanced",
        "configuration": "advanced",
    }
    field = names.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, str(exc))


class ScheduleForm(forms.Form):
    profile = forms.ModelChoiceField(
        label=pgettext_lazy("sourcing", "Role"), queryset=RoleProfile.objects.none()
    )
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Every"), choices=Weekday.choices, coerce=int, initial=Weekday.MONDAY
    )
    hour = forms.IntegerField(label=gettext_lazy("At (hour)"), min_value=0, max_value=23, initial=9)
    cap = forms.IntegerField(
        label=gettext_lazy("Up to this many new people"), min_value=1, max_value=1000, initial=50
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = RoleProfile.objects.exclude(status=ProfileStatus.CLOSED).order_by(
            "title"
        )


# ------------------------------------------------------------------------------------------------- pages


@member_required(POOL_READERS)
def source_list(request):
    """Every source with its health, last run and next run; the latest job changes; ways to bring people in."""
    sources = list(selectors.sources())
    runs = {
        run.pk: run
        for run in SyncRun.objects.filter(pk__in=[s.last_run_id for s in sources if s.last_run_id])
    }
    rows = [
        {
            "source": source,
            "run": runs.get(source.last_run_id),
            "health": HEALTH.get(source.status, "outline"),
            "run_badge": RUN_BADGES.get(source.last_run_status or "", "outline"),
        }
        for source in sources
    ]
    return _render(
        request,
        "connectors/source_list.html",
        {
            "rows": rows,
            "kinds": SourceKind.choices,
            "job_changes": selectors.job_changes(limit=10),
            "schedules": list(selectors.schedules()),
            "failing": sum(
                1 for s in sources if s.status in (SourceStatus.FAILING, SourceStatus.CREDENTIALS)
            ),
        },
    )


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def source_create(request):
    kind = request.POST.get("kind") or request.GET.get("kind") or SourceKind.REST_FEED
    if kind not in SourceKind.values:
        kind = SourceKind.REST_FEED
    if request.method == "POST":
        form = SourceForm(request.POST, kind=kind)
        if form.is_valid():
            try:
                source = services.source_create(
                    request.tenant,
                    kind=kind,
                    name=form.cleaned_data["name"],
                    configuration=form.configuration(),
                    schedule=form.cleaned_data["schedule"],
                    actor=request.user,
                )
            except ServiceError as exc:
                _field_error(form, exc)
            else:
                messages.success(
                    request, _("Source “%(name)s” connected. Test it or sync it now.") % {"name": source.name}
                )
                return redirect("connectors:source", source.pk)
    else:
        initial = {"name": str(SourceKind(kind).label)}
        if kind == SourceKind.REST_FEED:
            sample = {k: v for k, v in REST_SAMPLE.items() if k not in ("base_url", "auth")}
            initial["advanced"] = json.dumps(sample, ensure_ascii=False, indent=2)
        elif kind == SourceKind.FOLDER:
            initial["path"] = FOLDER_SAMPLE["path"]
        form = SourceForm(initial=initial, kind=kind)
    return _render(
        request,
        "connectors/source_form.html",
        {"form": form, "kind": kind, "kind_label": SourceKind(kind).label, "kinds": SourceKind.choices},
    )


@member_required(POOL_READERS)
def source_detail(request, pk):
    source = _source(pk)
    can_search = connector_class(source.kind)(source, secrets={}).can_search
    schedule_form = ScheduleForm() if can_search else None
    return _render(
        request,
        "connectors/source_detail.html",
        {
            "source": source,
            "health": HEALTH.get(source.status, "outline"),
            "runs": [
                {"run": run, "badge": RUN_BADGES.get(run.status, "outline")}
                for run in selectors.runs_of(source, limit=30)
            ],
            "schedules": list(selectors.schedules(source=source)),
            "schedule_form": schedule_form,
            "can_search": can_search,
            "configuration": json.dumps(services.public_configuration(source), ensure_ascii=False, indent=2),
            "mask": MASK,
        },
    )


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def source_edit(request, pk):
    source = _source(pk)
    if request.method == "POST":
        form = SourceForm(request.POST, kind=source.kind)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.source_update(
                        source,
                        actor=request.user,
                        name=form.cleaned_data["name"],
                        schedule=form.cleaned_data["schedule"],
                        configuration=form.configuration(),
                    )
            except ServiceError as exc:
                _field_error(form, exc)
            else:
                messages.success(request, _("Source saved."))
                return redirect("connectors:source", source.pk)
    else:
        form = SourceForm(initial=_initial(source), kind=source.kind)
    return _render(
        request,
        "connectors/source_form.html",
        {"form": form, "source": source, "kind": source.kind, "kind_label": source.get_kind_display()},
    )


@member_required(ADMINS)
@require_POST
def source_test(request, pk):
    source = _source(pk)
    try:
        message = services.source_test(source)
    except ServiceError as exc:
        messages.error(request, _("The test failed: %(error)s") % {"error": exc})
    else:
        messages.success(request, message)
    return redirect("connectors:source", source.pk)


@member_required(ADMINS)
@require_POST
def source_sync(request, pk):
    from .tasks import sync_source

    source = _source(pk)
    tenant_id, source_id = request.tenant.pk, source.pk
    transaction.on_commit(lambda: sync_source.apply_async(args=[tenant_id, source_id]))
    messages.success(request, _("Sync queued: the run appears below when a worker starts it."))
    return redirect("connectors:source", source.pk)


@member_required(ADMINS)
@require_POST
def source_pause(request, pk):
    source = _source(pk)
    paused = source.status != SourceStatus.PAUSED
    services.source_set_paused(source, paused=paused, actor=request.user)
    messages.success(
        request, _("Source paused: it syncs only when asked.") if paused else _("Source resumed.")
    )
    return redirect("connectors:source", source.pk)


@member_required(ADMINS)
@require_POST
def source_delete(request, pk):
    source = _source(pk)
    name = source.name
    services.source_delete(source, actor=request.user)
    messages.success(
        request, _("Source “%(name)s” removed; the candidates it brought stay in the pool.") % {"name": name}
    )
    return redirect("connectors:sources")


@member_required(POOL_READERS)
def run_detail(request, pk, run_id):
    source = _source(pk)
    run = (
        SyncRun.objects.filter(source=source, pk=id_param(run_id) or 0)
        .select_related("schedule__profile")
        .first()
    )
    if run is None:
        raise Http404
    people = []
    if run.details.get("candidates"):
        from candidates.models import Candidate

        by_id = Candidate.objects.in_bulk([entry["candidate"] for entry in run.details["candidates"]])
        people = [
            {"candidate": by_id[entry["candidate"]], "score": entry["score"]}
            for entry in run.details["candidates"]
            if entry["candidate"] in by_id
        ]
    return _render(
        request,
        "connectors/run_detail.html",
        {"source": source, "run": run, "people": people, "badge": RUN_BADGES.get(run.status, "outline")},
    )


@member_required(ADMINS)
@require_POST
def schedule_create(request, pk):
    source = _source(pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.schedule_create(request.tenant, source=source, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Sourcing scheduled."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("connectors:source", source.pk)


def _schedule(source: Source, schedule_id) -> SourcingSchedule:
    schedule = SourcingSchedule.objects.filter(source=source, pk=id_param(schedule_id) or 0).first()
    if schedule is None:
        raise Http404
    return schedule


@member_required(ADMINS)
@require_POST
def schedule_delete(request, pk, schedule_id):
    source = _source(pk)
    services.schedule_delete(_schedule(source, schedule_id), actor=request.user)
    messages.success(request, _("Sourcing schedule removed."))
    return redirect("connectors:source", source.pk)


@member_required(ADMINS)
@require_POST
def schedule_run(request, pk, schedule_id):
    from .tasks import run_sourcing

    source = _source(pk)
    schedule = _schedule(source, schedule_id)
    tenant_id = request.tenant.pk
    transaction.on_commit(lambda: run_sourcing.apply_async(args=[tenant_id, schedule.pk]))
    messages.success(request, _("Sourcing queued: its run appears below when a worker starts it."))
    return redirect("connectors:source", source.pk)
