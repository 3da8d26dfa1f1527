"""Small helpers every dashboard view module uses."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


def render_in_tenant_zone(request, template: str, context: dict, status: int = 200):
    """Render with dates in the tenant's time zone (htmx partials are not inside base.html's {% timezone %})."""
    with timezone.override(request.tenant.time_zone or "UTC"):
        return render(request, template, context, status=status)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def next_url(request, default: str) -> str:
    """The ``next`` parameter when it points to this site, else ``default`` (no open redirects)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


BIGINT_MAX = 2**63 - 1


def id_param(value, *, low: int = 1, high: int = BIGINT_MAX) -> int | None:
    """An integer parameter written in ASCII digits within [low, high], else None.

    ``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads as another number, and a
    twenty-digit id overflows PostgreSQL's bigint: both were server errors before they were refusals.
    """
    text = str(value).strip() if value is not None else ""
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if low <= number <= high else None
