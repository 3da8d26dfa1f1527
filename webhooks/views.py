"""Settings → Webhooks: the tenant's endpoints, each with its deliveries, attempts and a replay button.
Admins only (they choose where the tenant's events go)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import ADMINS
from talentpool.web import render_in_tenant_zone

from . import selectors, services
from .forms import EndpointForm
from .models import Delivery, DeliveryStatus, Endpoint

DELIVERIES_PAGE_SIZE = 25


def _apply_error(form, exc: services.WebhookError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def endpoints(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except services.WebhookError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Endpoint added. Copy its signing secret to your receiver."))
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    context = {"section": "webhooks", "form": form, "endpoints": selectors.endpoints_with_counts()}
    return render_in_tenant_zone(
        request, "webhooks/endpoints.html", context, status=400 if form.errors else 200
    )


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def endpoint(request, pk: int):
    endpoint = get_object_or_404(Endpoint.objects, pk=pk)
    form = EndpointForm(
        request.POST or None,
        initial={"url": endpoint.url, "description": endpoint.description, "events": endpoint.events},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(
                endpoint,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except services.WebhookError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    status_filter = request.GET.get("status", "")
    deliveries = selectors.deliveries(
        endpoint, status=status_filter if status_filter in DeliveryStatus.values else ""
    )
    page = Paginator(deliveries, DELIVERIES_PAGE_SIZE).get_page(request.GET.get("page"))
    attempts = selectors.attempts_for(page.object_list)
    for delivery in page.object_list:
        delivery.attempt_list = attempts.get(delivery.pk, [])
    context = {
        "section": "webhooks",
        "endpoint": endpoint,
        "form": form,
        "page": page,
        "statuses": DeliveryStatus.choices,
        "status_filter": status_filter,
        "counts": selectors.delivery_counts(endpoint),
    }
    return render_in_tenant_zone(
        request, "webhooks/endpoint.html", context, status=400 if form.errors else 200
    )


def _act(request, pk: int, action) -> object:
    endpoint = get_object_or_404(Endpoint.objects, pk=pk)
    try:
        action(endpoint)
    except services.WebhookError as exc:
        messages.error(request, str(exc))
    return redirect("webhooks:endpoint", pk=endpoint.pk)


@member_required(ADMINS)
@require_POST
def endpoint_test(request, pk: int):
    def send(endpoint):
        services.endpoint_send_test(endpoint)
        messages.success(request, _("Test event queued: it appears below within a few seconds."))

    return _act(request, pk, send)


@member_required(ADMINS)
@require_POST
def endpoint_toggle(request, pk: int):
    def toggle(endpoint):
        if endpoint.is_active:
            services.endpoint_disable(endpoint, reason="disabled by hand")
            messages.success(request, _("Endpoint disabled."))
        else:
            services.endpoint_enable(endpoint)
            messages.success(request, _("Endpoint enabled."))

    return _act(request, pk, toggle)


@member_required(ADMINS)
@require_POST
def endpoint_rotate(request, pk: int):
    def rotate(endpoint):
        services.endpoint_rotate_secret(endpoint)
        messages.success(request, _("New secret made. Deliveries are signed with it from now on."))

    return _act(request, pk, rotate)


@member_required(ADMINS)
@require_POST
def endpoint_replay_failed(request, pk: int):
    def replay(endpoint):
        count = services.endpoint_replay_failed(endpoint)
        messages.success(request, _("%(n)d failed deliveries queued again.") % {"n": count})

    return _act(request, pk, replay)


@member_required(ADMINS)
@require_POST
def endpoint_delete(request, pk: int):
    endpoint = get_object_or_404(Endpoint.objects, pk=pk)
    services.endpoint_delete(endpoint)
    messages.success(request, _("Endpoint deleted."))
    return redirect("webhooks:endpoints")


@member_required(ADMINS)
@require_POST
def delivery_replay(request, pk: int, delivery_id: int):
    endpoint = get_object_or_404(Endpoint.objects, pk=pk)
    delivery = get_object_or_404(Delivery.objects, pk=delivery_id, endpoint=endpoint)
    try:
        services.delivery_replay(delivery)
        messages.success(request, _("Delivery queued again."))
    except services.WebhookError as exc:
        messages.error(request, str(exc))
    return redirect("webhooks:endpoint", pk=endpoint.pk)
