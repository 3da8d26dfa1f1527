"""What comes back from a message: opens, clicks, unsubscribes, replies, bounces and complaints; and the
suppression list every send checks.

Everything here runs in the current tenant (the public views enter it from the signed token or the webhook's
URL). Interactions are recorded through ``engagement.services.interactions.interaction_record``, so the score,
``last_*`` times and the stopping of sequences follow from one place. Machine fetches are recorded as
``machine_opened`` (weight 0, not a human kind) with ``metadata.automated = true`` and the rule that fired:
they never move the score or trigger anything (rules: ``engagement.tracking``, docs/engagement.md).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from candidates.models import Candidate, CandidateEmail
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import Membership, Role

from .. import replies
from ..models import (
    Channel,
    Interaction,
    InteractionKind,
    MessageStatus,
    OutboundMessage,
    Suppression,
    SuppressionReason,
)
from ..tracking import CLICK_BURST_SECONDS, link_url, machine_reason, reply_token_in

logger = logging.getLogger(__name__)

SUPPRESSIBLE_CHANNELS = (Channel.EMAIL, Channel.SMS)


# --- suppression --------------------------------------------------------------------------------------------


def normalize_address(channel: str, address: str) -> str:
    """An address as the suppression list stores it: a lower-case email, or a phone without spaces or dashes."""
    value = (address or "").strip()
    if channel == Channel.EMAIL:
        return parseaddr(value)[1].strip().lower() or value.lower()
    return re.sub(r"[\s\-().]", "", value)


def suppression_add(*, channel: str, address: str, reason: str, detail: str = "") -> Suppression:
    """Put ``address`` on the current tenant's suppression list; returns its row. An address already there
    keeps its first reason. Raises ServiceError for an unknown channel or reason or an empty address. Safe to
    run twice and concurrently (INSERT … ON CONFLICT DO NOTHING, then read)."""
    if channel not in SUPPRESSIBLE_CHANNELS:
        raise ServiceError(f"Unknown channel: {channel}.", field="channel", code="invalid")
    if reason not in SuppressionReason.values:
        raise ServiceError(f"Unknown suppression reason: {reason}.", field="reason", code="invalid")
    normalized = normalize_address(channel, address)
    if not normalized:
        raise ServiceError("An address is required.", field="address", code="required")
    # bulk_create skips save(), which is what fills tenant_id: name the tenant here.
    Suppression.objects.bulk_create(
        [
            Suppression(
                tenant_id=require_tenant_id(),
                channel=channel,
                address=normalized,
                reason=reason,
                detail=(detail or "")[:300],
            )
        ],
        ignore_conflicts=True,
    )
    return Suppression.objects.get(channel=channel, address=normalized)


def is_suppressed(channel: str, address: str) -> bool:
    """Whether the current tenant must never send to ``address`` on ``channel`` again."""
    from ..selectors.outbox import suppressed_addresses

    return bool(suppressed_addresses(channel, [address]))


# --- interactions -------------------------------------------------------------------------------------------


def _record(**values) -> Interaction | None:
    """Record an interaction of the message's candidate; a message to a member (product mail) has none."""
    from .interactions import interaction_record  # written by the interactions area; imported when used

    if values.get("candidate") is None:
        return None
    return interaction_record(**values)


def _set_once(message: OutboundMessage, column: str, moment: datetime, **also) -> bool:
    """Set ``column`` to ``moment`` if it is still empty (a conditional UPDATE: two requests at once set it
    once). Returns whether this call set it."""
    changed = OutboundMessage.objects.filter(pk=message.pk, **{f"{column}__isnull": True}).update(
        **{column: moment}, **also
    )
    if changed:
        setattr(message, column, moment)
        for name, value in also.items():
            setattr(message, name, value)
    return bool(changed)


def _interaction_fields(message: OutboundMessage) -> dict:
    return {
        "candidate": message.candidate,
        "channel": message.channel,
        "campaign": message.campaign,
        "message": message,
    }


def open_record(
    *, message: OutboundMessage, user_agent: str, ip: str, method: str = "GET", now: datetime | None = None
) -> Interaction | None:
    """A fetch of the message's open pixel. A person's first open of the day is an ``opened`` interaction and
    sets ``opened_at`` once; a machine's (``engagement.tracking.machine_reason``) is one ``machine_opened``
    per message and sets ``machine_opened_at`` once. Returns the interaction, or None when the fetch repeats one
    already recorded or the message has no candidate. Safe to run twice (external ids)."""
    now = now or timezone.now()
    reason = machine_reason(
        user_agent=user_agent,
        ip=ip,
        method=method,
        sent_at=message.sent_at,
        delivered_at=message.delivered_at,
        now=now,
    )
    fields = _interaction_fields(message)
    if reason:
        _set_once(message, "machine_opened_at", now)
        return _record(
            **fields,
            kind=InteractionKind.MACHINE_OPENED,
            occurred_at=now,
            external_id=f"open-machine:{message.pk}",
            metadata={"automated": True, "event": "open", "reason": reason},
        )
    _set_once(message, "opened_at", now)
    # A person opens a mail again when they reread it; one open a day says all the score needs to know.
    return _record(
        **fields,
        kind=InteractionKind.OPENED,
        occurred_at=now,
        external_id=f"open:{message.pk}:{now:%Y-%m-%d}",
        metadata={"event": "open"},
    )


def _recent_click_links(message: OutboundMessage, now: datetime) -> set[int]:
    since = now - timedelta(seconds=CLICK_BURST_SECONDS)
    rows = Interaction.objects.filter(
        message=message,
        occurred_at__gte=since,
        metadata__event="click",
        kind__in=[InteractionKind.CLICKED, InteractionKind.MACHINE_OPENED],
    ).values_list("metadata", flat=True)
    return {row.get("link") for row in rows if isinstance(row.get("link"), int)}


def click_target(message: OutboundMessage, index: int) -> str:
    """The stored URL of link ``index`` if it is an http(s) URL, else "" (the view answers 404)."""
    links = message.links or []
    if not 0 <= index < len(links):
        return ""
    url = link_url(links[index]).strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https") or "\n" in url or "\r" in url:
        return ""
    return url


def click_record(
    *,
    message: OutboundMessage,
    index: int,
    user_agent: str,
    ip: str,
    method: str = "GET",
    now: datetime | None = None,
) -> Interaction | None:
    """A click on link ``index`` of the message. Every click is an interaction: a person's is ``clicked`` and
    sets ``clicked_at`` (and ``opened_at``: a click means the mail was read, images or not) once; a machine's is
    ``machine_opened`` with ``{"automated": true, "event": "click"}``. Besides ``machine_reason``, a click within
    CLICK_BURST_SECONDS of a click on another link of the same message is a scanner following every link.
    Returns the interaction (None for a message without a candidate). Raises nothing for a bad index: the view
    checks ``click_target`` first."""
    now = now or timezone.now()
    reason = machine_reason(
        user_agent=user_agent,
        ip=ip,
        method=method,
        sent_at=message.sent_at,
        delivered_at=message.delivered_at,
        now=now,
    )
    if not reason and len(message.links or []) > 1 and _recent_click_links(message, now) - {index}:
        reason = "several_links_within_seconds"
    fields = _interaction_fields(message)
    metadata = {"event": "click", "link": index, "url": click_target(message, index)[:500]}
    if reason:
        _set_once(message, "machine_opened_at", now)
        return _record(
            **fields,
            kind=InteractionKind.MACHINE_OPENED,
            occurred_at=now,
            metadata={**metadata, "automated": True, "reason": reason},
        )
    _set_once(message, "opened_at", now)
    _set_once(message, "clicked_at", now)
    return _record(**fields, kind=InteractionKind.CLICKED, occurred_at=now, metadata=metadata)


def unsubscribe_record(
    *,
    message: OutboundMessage,
    source: str = "link",
    body: str = "",
    metadata=None,
    now: datetime | None = None,
) -> bool:
    """Unsubscribe the message's address: a Suppression (reason unsubscribed), ``unsubscribed_at`` once, and an
    ``unsubscribed`` interaction, which stops the candidate's sequences. ``source``: "link" (RFC 8058 one-click
    or the confirmation page), "reply" (an unsubscribe reply or the List-Unsubscribe mailto), "complaint".
    Returns whether this call unsubscribed (False: already done). Safe to run twice."""
    now = now or timezone.now()
    reason = SuppressionReason.COMPLAINT if source == "complaint" else SuppressionReason.UNSUBSCRIBED
    if message.to_address:
        suppression_add(
            channel=message.channel,
            address=message.to_address,
            reason=reason,
            detail=f"{source}, message {message.pk}",
        )
    first = _set_once(message, "unsubscribed_at", now)
    _record(
        **_interaction_fields(message),
        kind=InteractionKind.UNSUBSCRIBED,
        occurred_at=now,
        body=body,
        external_id=f"unsubscribe:{message.pk}",
        metadata={"source": source, **(metadata or {})},
    )
    return first


# --- inbound mail -------------------------------------------------------------------------------------------


@dataclass
class InboundResult:
    """What the webhook did with one inbound mail: status "recorded" or "ignored", and why."""

    status: str
    reason: str
    kind: str = ""
    classification: str = ""
    message_id: int | None = None
    candidate_id: int | None = None
    interaction_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "reason": self.reason,
            "kind": self.kind,
            "classification": self.classification,
            "message": self.message_id,
            "candidate": self.candidate_id,
            "interactions": self.interaction_ids,
        }


_MESSAGE_ID = re.compile(r"<([^<>\s]{3,200})>")
_DSN_STATUS = re.compile(r"(?im)^\s*status\s*:\s*([245])\.(\d{1,3})\.(\d{1,3})")
_BARE_STATUS = re.compile(r"\b([45])\.(\d{1,3})\.(\d{1,3})\b")
_FINAL_RECIPIENT = re.compile(
    r"(?im)^\s*(?:final|original)-recipient\s*:\s*rfc822\s*;\s*<?([^\s<>]+@[^\s<>]+)>?"
)
_DAEMON = re.compile(r"^(mailer-daemon|postmaster|mail-daemon)@", re.IGNORECASE)


def _headers(payload: dict) -> dict:
    raw = payload.get("headers") or {}
    if isinstance(raw, list):  # some providers send [[name, value], ...]
        raw = {
            str(pair[0]): str(pair[1]) for pair in raw if isinstance(pair, list | tuple) and len(pair) == 2
        }
    if not isinstance(raw, dict):
        return {}
    return {str(name).lower(): str(value) for name, value in raw.items()}


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value or "")


def _our_message(payload: dict, body: str) -> tuple[OutboundMessage | None, str]:
    """The message this mail answers, and how it was found: our Message-ID in In-Reply-To or References (or,
    in a bounce, anywhere in the returned original), else the reply token in the recipient address."""
    headers = _headers(payload)
    id_sources = [
        _text(payload.get("in_reply_to")) or headers.get("in-reply-to", ""),
        _text(payload.get("references")) or headers.get("references", ""),
    ]
    for how, source in zip(("in_reply_to", "references"), id_sources, strict=True):
        ids = [f"<{found}>" for found in _MESSAGE_ID.findall(source)]
        if ids:
            message = (
                OutboundMessage.objects.filter(message_id__in=ids)
                .select_related("candidate", "campaign")
                .order_by("-created_at")
                .first()
            )
            if message is not None:
                return message, how
    token = reply_token_in(_text(payload.get("to")) or headers.get("to", ""))
    if token:
        message = (
            OutboundMessage.objects.filter(reply_token=token).select_related("candidate", "campaign").first()
        )
        if message is not None:
            return message, "reply_token"
    returned_ids = [f"<{found}>" for found in _MESSAGE_ID.findall(body)][:20]
    if returned_ids:
        message = (
            OutboundMessage.objects.filter(message_id__in=returned_ids)
            .select_related("candidate", "campaign")
            .first()
        )
        if message is not None:
            return message, "returned_message_id"
    return None, ""


def _report_kind(payload: dict, sender: str, body: str) -> str:
    """ "bounce", "soft_bounce", "complaint" or "" for a mail from a person."""
    headers = _headers(payload)
    content_type = headers.get("content-type", "").lower()
    if "feedback-report" in content_type or re.search(r"(?im)^\s*feedback-type\s*:", body):
        return "complaint"
    is_report = "multipart/report" in content_type or "delivery-status" in content_type
    if not (is_report or _DAEMON.match(sender)):
        return ""
    status = _DSN_STATUS.search(body) or _BARE_STATUS.search(body)
    if status is None:
        return "soft_bounce" if is_report else ""
    return "bounce" if status.group(1) == "5" else "soft_bounce"


def inbound_email_receive(*, payload: dict, now: datetime | None = None) -> InboundResult:
    """Take one inbound mail (the webhook's JSON, already verified) for the current tenant: a bounce or a
    complaint suppresses the address; a reply is matched to our message, classified (engagement.replies) and
    recorded on the candidate (``replied``; ``unsubscribed`` for an unsubscribe reply; ``delivered`` with
    ``auto_reply`` for an out-of-office, which is no act of the candidate and stops nothing), then shown to the
    recruiter by a notification. Returns what was done. Safe to run twice: the mail's Message-ID is the
    interaction's external id, and a repeated delivery records and notifies nothing new."""
    now = now or timezone.now()
    sender = parseaddr(_text(payload.get("from")))[1].strip().lower()
    subject = _text(payload.get("subject"))[:300]
    raw_body = replies.reply_text(_text(payload.get("text")), _text(payload.get("html")))
    mail_id = _MESSAGE_ID.search(_text(payload.get("message_id")))
    external_base = f"mail:{mail_id.group(1)}"[:190] if mail_id else ""

    report = _report_kind(payload, sender, raw_body)
    if report:
        return _report_receive(payload, report, raw_body, external_base, now)

    message, matched_by = _our_message(payload, "")
    candidate = message.candidate if message is not None else None
    if candidate is None and sender:
        candidate = candidate_by_email(sender)
        if candidate is not None:
            matched_by = matched_by or "sender"
    if candidate is None:
        reason = "not_a_candidate_message" if message is not None else "unknown_sender"
        return InboundResult("ignored", reason, message_id=message.pk if message else None)

    verdict = replies.classify(raw_body, subject=subject, headers=_headers(payload))
    metadata = {
        "classification": verdict.label,
        "rule": verdict.rule,
        "matched_by": matched_by,
        "subject": subject,
        "from": sender[:254],
    }
    fields = {
        "candidate": candidate,
        "channel": Channel.EMAIL,
        "campaign": message.campaign if message else None,
        "message": message,
    }
    result = InboundResult(
        "recorded",
        matched_by,
        classification=verdict.label,
        message_id=message.pk if message else None,
        candidate_id=candidate.pk,
    )
    with transaction.atomic():
        if verdict.label == replies.UNSUBSCRIBE:
            result.kind = InteractionKind.UNSUBSCRIBED
            if message is not None:
                first = unsubscribe_record(
                    message=message, source="reply", body=verdict.text, metadata=metadata, now=now
                )
            else:
                first = not (external_base and Interaction.objects.filter(external_id=external_base).exists())
                suppression_add(
                    channel=Channel.EMAIL,
                    address=sender,
                    reason=SuppressionReason.UNSUBSCRIBED,
                    detail="reply",
                )
                _record(
                    **fields,
                    kind=InteractionKind.UNSUBSCRIBED,
                    occurred_at=now,
                    body=verdict.text,
                    external_id=external_base,
                    metadata={**metadata, "source": "reply"},
                )
            if not first:
                result.reason = "already_unsubscribed"
            return result
        if verdict.label == replies.OUT_OF_OFFICE:
            # The candidate's mailbox answered, not the candidate: proof of delivery, nothing more.
            result.kind = InteractionKind.DELIVERED
            if message is not None:
                _set_once(message, "delivered_at", now)
            interaction = _record(
                **fields,
                kind=InteractionKind.DELIVERED,
                occurred_at=now,
                body=verdict.text,
                external_id=external_base,
                metadata={**metadata, "auto_reply": True},
            )
            result.interaction_ids = [interaction.pk] if interaction else []
            return result
        result.kind = InteractionKind.REPLIED
        if message is not None:
            _set_once(message, "replied_at", now)
        before = Interaction.objects.filter(external_id=external_base).exists() if external_base else False
        interaction = _record(
            **fields,
            kind=InteractionKind.REPLIED,
            occurred_at=now,
            body=verdict.text,
            external_id=external_base,
            metadata=metadata,
        )
        result.interaction_ids = [interaction.pk] if interaction else []
        if before:
            result.reason = "already_recorded"
        else:
            _notify_reply(candidate=candidate, message=message, verdict=verdict)
    return result


def _report_receive(
    payload: dict, report: str, body: str, external_base: str, now: datetime
) -> InboundResult:
    """A delivery status notification or a feedback report about one of our messages."""
    message, matched_by = _our_message(payload, body)
    recipient_match = _FINAL_RECIPIENT.search(body)
    address = (recipient_match.group(1) if recipient_match else "") or (message.to_address if message else "")
    if report == "soft_bounce":
        # A temporary failure: the provider retries; suppressing would lose a reachable candidate.
        return InboundResult("ignored", "temporary_failure", message_id=message.pk if message else None)
    if not address:
        return InboundResult("ignored", "unknown_recipient")
    result = InboundResult(
        "recorded",
        matched_by or "recipient",
        message_id=message.pk if message else None,
        candidate_id=message.candidate_id if message else None,
    )
    status = _DSN_STATUS.search(body) or _BARE_STATUS.search(body)
    detail = ".".join(status.groups()) if status else ""
    with transaction.atomic():
        if report == "complaint":
            result.kind = InteractionKind.UNSUBSCRIBED
            if message is not None:
                unsubscribe_record(message=message, source="complaint", metadata={"complaint": True}, now=now)
            else:
                suppression_add(
                    channel=Channel.EMAIL,
                    address=address,
                    reason=SuppressionReason.COMPLAINT,
                    detail="feedback report",
                )
            return result
        result.kind = InteractionKind.BOUNCED
        suppression_add(
            channel=Channel.EMAIL,
            address=address,
            reason=SuppressionReason.HARD_BOUNCE,
            detail=f"status {detail}" if detail else "bounce",
        )
        if message is not None:
            _set_once(message, "bounced_at", now, status=MessageStatus.BOUNCED)
            interaction = _record(
                **_interaction_fields(message),
                kind=InteractionKind.BOUNCED,
                occurred_at=now,
                external_id=f"bounce:{message.pk}",
                metadata={"status": detail, "address": address[:254]},
            )
            result.interaction_ids = [interaction.pk] if interaction else []
    return result


# --- telling the recruiter ----------------------------------------------------------------------------------

LABEL_NAMES = {
    replies.INTERESTED: gettext_lazy("Interested"),
    replies.NOT_NOW: gettext_lazy("Not now"),
    replies.NOT_INTERESTED: gettext_lazy("Not interested"),
    replies.UNSUBSCRIBE: gettext_lazy("Unsubscribe"),
    replies.OUT_OF_OFFICE: gettext_lazy("Out of office"),
    replies.OTHER: gettext_lazy("Other"),
}


def reply_recipients(*, message: OutboundMessage | None) -> list:
    """Who reads a reply: the campaign's sender, else the message's sender, else the tenant's recruiters, else
    its admins (candidates have no owner of their own)."""
    for user in (
        (message.campaign.sender if message and message.campaign else None),
        (message.sender if message else None),
    ):
        if user is not None and user.is_active and Membership.objects.filter(user=user).exists():
            return [user]
    for role in (Role.RECRUITER, Role.ADMIN):
        users = [
            membership.user
            for membership in Membership.objects.filter(role=role, user__is_active=True)
            .select_related("user")
            .order_by("id")
        ]
        if users:
            return users
    return []


def _notify_reply(
    *, candidate: Candidate, message: OutboundMessage | None, verdict: replies.Classification
) -> None:
    from talentpool.tenancy.notifications import notify

    url = reverse("candidates:candidate", args=[candidate.pk])
    # Rendered in each reader's language from these (engagement/notifications.py), the e-mail in the recipient's.
    params = {
        "name": candidate.full_name,
        "label": verdict.label,
        "snippet": verdict.snippet or "",
        "subject": message.subject if message is not None else "",
    }
    for user in reply_recipients(message=message):
        notify(user, kind="reply", params=params, url=url)


def candidate_by_email(address: str) -> Candidate | None:
    """The current tenant's (surviving) candidate with this email address, or None."""
    normalized = normalize_address(Channel.EMAIL, address)
    if not normalized:
        return None
    row = (
        CandidateEmail.objects.filter(email=normalized)
        .filter(Q(candidate__merged_into__isnull=True))
        .select_related("candidate")
        .order_by("id")
        .first()
    )
    return row.candidate if row else None


# --- the inbound webhook's signature ------------------------------------------------------------------------

SIGNATURE_HEADER = "X-Talentpool-Signature"
SIGNATURE_TOLERANCE_SECONDS = 300


def inbound_signature(secret: str, timestamp: int, body: bytes) -> str:
    """The header value a sender puts on a webhook call: ``t=<unix>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
    digest = hmac.new(secret.encode(), str(int(timestamp)).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={int(timestamp)},v1={digest}"


def inbound_signature_valid(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` at a time within SIGNATURE_TOLERANCE_SECONDS of now.
    Several v1 values are allowed (a sender signing with an old and a new secret while they rotate)."""
    if not secret or not header:
        return False
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        name, _sep, value = item.strip().partition("=")
        parts.setdefault(name, []).append(value.strip())
    try:
        timestamp = int(parts.get("t", [""])[0])
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - timestamp) > SIGNATURE_TOLERANCE_SECONDS:
        return False
    expected = inbound_signature(secret, timestamp, body).split("v1=", 1)[1]
    return any(hmac.compare_digest(expected, given) for given in parts.get("v1", []))
