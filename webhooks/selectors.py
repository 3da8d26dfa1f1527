"""Reads for the webhook pages and API."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from .models import Attempt, Delivery, DeliveryStatus, Endpoint


def endpoints_with_counts():
    """The tenant's endpoints, newest first, each with ``failed_count`` and ``pending_count``."""
    return Endpoint.objects.annotate(
        failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        pending_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)),
    ).order_by("-created_at", "-id")


def deliveries(endpoint: Endpoint, *, status: str = ""):
    rows = Delivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")
    return rows.filter(status=status) if status else rows


def delivery_counts(endpoint: Endpoint) -> dict[str, int]:
    counts = dict(Delivery.objects.filter(endpoint=endpoint).values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in DeliveryStatus.values}


def attempts_for(page_deliveries) -> dict[int, list[Attempt]]:
    """The attempts of the deliveries on one page, newest first, by delivery id (one query)."""
    grouped: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in Attempt.objects.filter(delivery__in=list(page_deliveries)).order_by(
        "-attempted_at", "-id"
    ):
        grouped[attempt.delivery_id].append(attempt)
    return dict(grouped)
