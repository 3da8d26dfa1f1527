"""Reads for templates and the content library."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..models import ContentItem, MessageTemplate


def tenant_today(tenant) -> date:
    """Today's date in the tenant's time zone (a content item is valid through its last day there)."""
    try:
        zone = ZoneInfo(getattr(tenant, "time_zone", "") or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return timezone.now().astimezone(zone).date()


def content_valid(*, today: date) -> QuerySet[ContentItem]:
    """The current tenant's items that have not expired by ``today`` (no end date, or ending today or later)."""
    return ContentItem.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def content_for_candidate(
    candidate, *, language: str | None = None, limit: int = 3, today: date | None = None
) -> list[ContentItem]:
    """Up to ``limit`` valid items sharing tags with the candidate: the most shared tags first, then items in
    ``language`` (the template's), then the newest. A candidate without tags, or whose tags no item shares,
    gets []. Reads only."""
    tag_ids = [int(value) for value in (candidate.tag_ids or [])]
    if not tag_ids or limit <= 0:
        return []
    if today is None:
        today = tenant_today(candidate.tenant)
    # How many of the item's tags the candidate has: the intersection of two int arrays, counted in SQL.
    shared = RawSQL(
        "cardinality(ARRAY(SELECT unnest(engagement_contentitem.tag_ids) "
        "INTERSECT SELECT unnest(%s::integer[])))",
        (tag_ids,),
        output_field=IntegerField(),
    )
    in_language = (
        Case(When(language=language, then=Value(1)), default=Value(0), output_field=IntegerField())
        if language
        else Value(0, output_field=IntegerField())
    )
    items = (
        content_valid(today=today)
        .filter(tag_ids__overlap=tag_ids)
        .annotate(shared_tags=shared, in_language=in_language)
        .order_by("-shared_tags", "-in_language", "-created_at", "-id")
    )
    return list(items[:limit])


def templates_by_kind() -> QuerySet[MessageTemplate]:
    """The current tenant's templates ordered for listing: by purpose, channel, language, then name."""
    return MessageTemplate.objects.order_by("purpose", "channel", "language", "name", "id")


def template_counts() -> dict[str, int]:
    """How many templates per purpose."""
    return dict(MessageTemplate.objects.values_list("purpose").annotate(n=Count("id")).order_by())
