"""Privacy pages: requests and their due dates, consent, retention settings and report, the audit log; and the
public page a candidate reaches from the link in every email."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.models import Candidate
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import ADMINS, EDITORS, Tenant
from talentpool.tenancy.selectors import members as tenant_members
from talentpool.web import render_in_tenant_zone

from . import links, selectors, services
from .forms import (
    AuditFilterForm,
    ConsentForm,
    DataRequestForm,
    PrivacySettingsForm,
    PublicRequestForm,
    RejectForm,
    RequestFilterForm,
)
from .models import DataRequest, RequestChannel, RequestKind

PAGE_SIZE = 50


def _pagination(page, params) -> dict:
    from candidates.views import pagination_context

    return pagination_context(page, params)


def _render(request, template: str, context: dict, status: int = 200):
    return render_in_tenant_zone(request, template, {"nav": "privacy", **context}, status=status)


def _field_error(form, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def requests_page(request):
    """Open and closed requests with their due dates; a form to log one received by mail or phone."""
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        candidate = Candidate.objects.filter(pk=form.cleaned_data["candidate"]).first()
        if candidate is None:
            form.add_error("candidate", _("No candidate has this id."))
        else:
            try:
                services.data_request_create(
                    request.tenant,
                    kind=form.cleaned_data["kind"],
                    candidate=candidate,
                    channel=RequestChannel.DASHBOARD,
                    actor=request.user,
                    request=request,
                    note=form.cleaned_data["note"],
                )
            except ServiceError as exc:
                _field_error(form, exc)
            else:
                messages.success(request, _("Request logged."))
                return redirect("privacy:requests")
    filters = RequestFilterForm(request.GET or None)
    status = kind = ""
    if filters.is_valid():
        status, kind = filters.cleaned_data["status"], filters.cleaned_data["kind"]
    page = Paginator(selectors.request_list(status=status, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    context = {
        "tab": "requests",
        "form": form,
        "filters": filters,
        "page": page,
        "now": now,
        "lapsed_count": len(selectors.consent_lapsed_ids(now=now)),
        "open_count": selectors.open_requests().count(),
        "overdue_count": selectors.open_requests().filter(due_at__lt=now).count(),
        "sourced_not_told": list(selectors.sourced_not_told(now=now, limit=20)),
        "runs": selectors.retention_runs(5),
        "policy": selectors.privacy_settings(),
        **_pagination(page, request.GET),
    }
    return _render(request, "privacy/requests.html", context, status=400 if form.errors else 200)


def _request_or_404(pk: int) -> DataRequest:
    return get_object_or_404(DataRequest.objects, pk=pk)


@member_required(ADMINS)
@require_POST
def reconsent_create(request):
    """A draft re-consent campaign for the people who must be asked: sourced and not yet told, or whose
    consent lapsed. The recruiter reviews and launches it on the campaign's page."""
    ids = sorted(
        {
            *[candidate.pk for candidate in selectors.sourced_not_told(limit=5000)],
            *selectors.consent_lapsed_ids(),
        }
    )
    try:
        campaign = services.reconsent_campaign_create(
            request.tenant,
            name=_("Re-consent %(date)s") % {"date": timezone.localdate().isoformat()},
            candidate_ids=ids,
            actor=request.user,
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("privacy:requests")
    messages.success(request, _("A draft re-consent campaign was created: review it and launch it."))
    return redirect("engagement:campaign", pk=campaign.pk)


@member_required(ADMINS)
@require_POST
def request_complete(request, pk: int):
    data_request = _request_or_404(pk)
    try:
        services.data_request_complete(
            request.tenant, data_request=data_request, actor=request.user, request=request
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The candidate's data was erased.")
            if data_request.kind == RequestKind.ERASURE
            else _("Request completed."),
        )
    return redirect("privacy:requests")


@member_required(ADMINS)
@require_POST
def request_reject(request, pk: int):
    data_request = _request_or_404(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the request is rejected."))
        return redirect("privacy:requests")
    try:
        services.data_request_reject(
            request.tenant,
            data_request=data_request,
            actor=request.user,
            request=request,
            note=form.cleaned_data["note"],
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Request rejected."))
    return redirect("privacy:requests")


@member_required(ADMINS)
@require_GET
def request_download(request, pk: int):
    """The export request's archive, streamed (the request stays open until an admin completes it)."""
    from .api.views import export_response

    data_request = _request_or_404(pk)
    if data_request.kind != RequestKind.EXPORT or data_request.candidate_id is None:
        raise Http404
    return export_response(
        request.tenant,
        candidate=data_request.candidate,
        actor=request.user,
        request=request,
        data_request=data_request,
    )


@member_required(EDITORS)
@require_http_methods(["GET", "POST"])
def candidate_consent(request, pk: int):
    """A candidate's consent per scope (current and history), and the form to record a decision."""
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_record(
                request.tenant,
                candidate=candidate,
                scope=data["scope"],
                given=data["given"],
                method=data["method"],
                legal_basis=data["legal_basis"],
                evidence=data["evidence"],
                expires_at=data["expires_at"],
                actor=request.user,
                request=request,
            )
        except ServiceError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("privacy:candidate_consent", pk=candidate.pk)
    records = selectors.candidate_consents(candidate)
    current = {}
    for record in records:
        current.setdefault(record.scope, record)
    context = {
        "tab": "requests",
        "candidate": candidate,
        "form": form,
        "records": records,
        "current": list(current.values()),
        "now": timezone.now(),
    }
    return _render(request, "privacy/consent.html", context, status=400 if form.errors else 200)


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def settings_page(request):
    policy = selectors.privacy_settings()
    initial = {
        "retention_days": policy.retention_days,
        "audit_retention_days": policy.audit_retention_days,
        "request_due_days": policy.request_due_days,
        "legitimate_interest_allowed": policy.legitimate_interest_allowed,
    }
    form = PrivacySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.privacy_settings_update(
                request.tenant, actor=request.user, request=request, **form.cleaned_data
            )
        except ServiceError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("privacy:settings")
    context = {"tab": "settings", "form": form, "policy": policy, "runs": selectors.retention_runs(10)}
    return _render(request, "privacy/settings.html", context, status=400 if form.errors else 200)


@member_required(ADMINS)
@require_GET
def audit_page(request):
    members = [membership.user for membership in tenant_members()]
    form = AuditFilterForm(request.GET or None, members=members)
    entries = selectors.audit_list()
    if form.is_valid():
        data = form.cleaned_data
        zone = ZoneInfo(request.tenant.time_zone or "UTC")  # the dates the admin typed are the tenant's days
        since = datetime.combine(data["since"], time.min, tzinfo=zone) if data["since"] else None
        until = (
            datetime.combine(data["until"] + timedelta(days=1), time.min, tzinfo=zone)
            if data["until"]
            else None
        )
        entries = selectors.audit_list(
            action=data["action"],
            actor_id=data["actor"],
            target_id=data["target_id"],
            since=since,
            until=until,
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    from .audit import ACTIONS

    for entry in page.object_list:
        entry.action_label = ACTIONS.get(entry.action, entry.action)
    context = {"tab": "audit", "form": form, "page": page, **_pagination(page, request.GET)}
    return _render(request, "privacy/audit.html", context)


# --- the candidate's own page (no login: the signed link in every email) ----------------------------------------


@require_http_methods(["GET", "POST"])
def public_request(request, token: str):
    """Where a candidate asks for a copy of their data or its erasure. The signed token names the tenant and the
    candidate; nothing about them is shown here, and a forged link is 404."""
    found = links.read_token(token)
    if found is None:
        raise Http404
    tenant = Tenant.objects.filter(pk=found.tenant_id, is_active=True).first()
    if tenant is None:
        raise Http404
    with tenant_context(tenant):
        candidate = Candidate.objects.filter(pk=found.candidate_id).first()
        if candidate is None:
            raise Http404
        form = PublicRequestForm(request.POST or None)
        received = None
        if request.method == "POST" and form.is_valid():
            received = services.data_request_create(
                tenant,
                kind=form.cleaned_data["kind"],
                candidate=candidate,
                channel=RequestChannel.LINK,
                request=request,
            )
        with timezone.override(tenant.time_zone or "UTC"):
            return render(
                request,
                "privacy/public_request.html",
                {
                    "tenant_name": tenant.name,
                    "form": form,
                    "received": received,
                    "is_erasure": received is not None and received.kind == RequestKind.ERASURE,
                },
                status=400 if form.errors else 200,
            )
