"""Read queries about the outbox: what the dispatcher checks at send time, and what pages and reports show.

Every function works in the current tenant (``OutboundMessage.objects`` raises without one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Count

from ..models import MessageKind, MessageStatus, OutboundMessage, Suppression

# Outreach that counts against caps: handed to the server (or being handed to it right now), bounced included.
ATTEMPTED = (MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.BOUNCED)


def normalise_address(channel: str, address: str) -> str:
    """The form the suppression list stores addresses in (engagement.services.tracking.normalize_address)."""
    from ..services.tracking import normalize_address

    return normalize_address(channel, address)


def suppressed_addresses(channel: str, addresses: Iterable[str]) -> set[str]:
    """Which of ``addresses`` (normalised) are on the suppression list of ``channel``."""
    wanted = {normalise_address(channel, address) for address in addresses if address}
    if not wanted:
        return set()
    found = set(
        Suppression.objects.filter(channel=channel, address__in=wanted).values_list("address", flat=True)
    )
    from privacy.selectors import erased_addresses  # erased people are listed by a salted hash of the address

    return found | erased_addresses(channel, wanted - found)


def outreach_attempted_since(since: datetime) -> int:
    """Outreach messages of the tenant handed to a server since ``since`` (the daily cap per tenant)."""
    return OutboundMessage.objects.filter(
        kind=MessageKind.OUTREACH, status__in=ATTEMPTED, claimed_at__gte=since
    ).count()


def outreach_attempted_by_sender_since(since: datetime, sender_ids: Iterable[int]) -> dict[int, int]:
    """{sender id: outreach messages handed to a server since ``since``} (the daily cap per sender)."""
    sender_ids = {sender_id for sender_id in sender_ids if sender_id is not None}
    if not sender_ids:
        return {}
    rows = (
        OutboundMessage.objects.filter(
            kind=MessageKind.OUTREACH, status__in=ATTEMPTED, claimed_at__gte=since, sender_id__in=sender_ids
        )
        .values("sender_id")
        .annotate(n=Count("id"))
        .values_list("sender_id", "n")
    )
    return dict(rows)


def outreach_times_by_candidate_since(
    since: datetime, candidate_ids: Iterable[int]
) -> dict[int, list[datetime]]:
    """{candidate id: when each outreach message to them after ``since`` was handed to a server, newest first},
    across all campaigns (the frequency cap per candidate; a send exactly ``since`` has left the window)."""
    candidate_ids = {candidate_id for candidate_id in candidate_ids if candidate_id is not None}
    times: dict[int, list[datetime]] = defaultdict(list)
    if not candidate_ids:
        return times
    rows = (
        OutboundMessage.objects.filter(
            kind=MessageKind.OUTREACH,
            status__in=ATTEMPTED,
            claimed_at__gt=since,
            candidate_id__in=candidate_ids,
        )
        .order_by("candidate_id", "-claimed_at")
        .values_list("candidate_id", "claimed_at")
    )
    for candidate_id, claimed_at in rows:
        times[candidate_id].append(claimed_at)
    return times


def outbox_status_counts(*, campaign=None) -> dict[str, int]:
    """{status: messages} for the tenant, or for one campaign; every status is present (0 when none)."""
    queryset = OutboundMessage.objects.all()
    if campaign is not None:
        queryset = queryset.filter(campaign=campaign)
    counts = dict.fromkeys(MessageStatus.values, 0)
    counts.update(
        dict(queryset.order_by().values("status").annotate(n=Count("id")).values_list("status", "n"))
    )
    return counts


def messages_for_candidate(candidate, *, limit: int = 50):
    """The latest outbound messages to ``candidate``, newest first."""
    return OutboundMessage.objects.filter(candidate=candidate).order_by("-created_at", "-id")[:limit]


def message_by_message_id(message_id: str) -> OutboundMessage | None:
    """The tenant's message whose Message-ID header is ``message_id`` (with or without the angle brackets)."""
    message_id = (message_id or "").strip()
    if not message_id:
        return None
    if not message_id.startswith("<"):
        message_id = f"<{message_id}>"
    return OutboundMessage.objects.filter(message_id=message_id).first()
