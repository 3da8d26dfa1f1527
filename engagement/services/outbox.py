"""The outbox: every message is a row first, then a dispatcher sends it (docs/engagement.md, "Outbox").

``outbox_enqueue`` writes a message (INSERT … ON CONFLICT DO NOTHING on the idempotency key: writing it twice
is one message). ``dispatch_due`` sends what is due for one tenant:

1. claim: in one short transaction, ``SELECT … FOR UPDATE SKIP LOCKED`` a batch of due rows, check each one
   (suppression, the candidate's status and consent, the sequence, the send window, the daily caps and the
   frequency cap) and mark it skipped, deferred (``due_at`` moved on) or ``sending`` (``claimed_at``,
   ``attempts`` + 1). The next message to go out gets ``sent_at`` as an "in flight" mark. Commit — before any
   byte goes to a server.
2. send: one SMTP connection for the batch (the SMS backend for SMS); after each message, one transaction marks
   it sent (on the server's 250), bounced or back to queued with backoff, records its interaction, and marks
   the next message in flight. So a worker killed at any moment leaves at most one message whose fate is
   unknown: the one marked in flight. (A campaign's ``sent`` interactions that carry no points are written once
   per batch instead, with its last mark; recovery writes those of a killed batch.)
3. recovery: a ``sending`` row whose claim is older than ``OUTBOX_LEASE_SECONDS`` was abandoned by a dead
   worker; the ``sent`` interactions its batch had not written yet are written first. Without the in-flight
   mark it was never handed to a server: queued again. With it, it may have been delivered: re-sent with the
   same Message-ID (receivers deduplicate by it), or, with ``OUTBOX_RESEND_AMBIGUOUS=false``, marked failed and
   never re-sent.

``dispatch_due`` commits as it goes, so it is called outside any transaction (the Celery task and the
``dispatch_outbox`` command do); inside one (tests) the steps become savepoints.
"""

from __future__ import annotations

import functools
import logging
import re
import secrets
import smtplib
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.policy import Compat32
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, send_mail
from django.core.mail.backends.smtp import EmailBackend as SmtpEmailBackend
from django.core.mail.message import sanitize_address
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags

from candidates.models import Candidate, CandidateStatus
from privacy import selectors as privacy_selectors
from privacy.models import ConsentScope
from talentpool.errors import ServiceError
from talentpool.tenancy.context import autocommit_scope, current_tenant_id, require_tenant_id, tenant_context
from talentpool.tenancy.models import Tenant

from ..models import (
    CampaignKind,
    Channel,
    InteractionKind,
    MessageKind,
    MessageStatus,
    OutboundMessage,
    SuppressionReason,
)
from ..selectors import outbox as selectors
from .settings import engagement_settings

logger = logging.getLogger(__name__)

# Claims of one tenant are serialised by this advisory lock (class, tenant id), so two dispatchers cannot both
# read "4,999 sent today" and both send the 5,000th: the caps hold exactly. The lock lives for the claim
# transaction only (milliseconds); sending happens outside it.
_CLAIM_LOCK_CLASS = 0x6F757478  # "outx"
CHANNELS = (Channel.EMAIL, Channel.SMS)
# Why a message is never sent (skip_reason).
SKIP_NO_ADDRESS = "no_address"
SKIP_SUPPRESSED = "suppressed"
SKIP_CANDIDATE_GONE = "candidate_deleted"
SKIP_CONSENT_WITHDRAWN = "consent_withdrawn"
SKIP_NO_CONSENT = "no_consent"
BLOCKING_STATUSES = {
    CandidateStatus.DO_NOT_CONTACT: "do_not_contact",
    CandidateStatus.ANONYMISED: "anonymised",
    CandidateStatus.MERGED: "merged",
    CandidateStatus.HIRED: "hired",
}

_stop = threading.Event()


def request_stop() -> None:
    """Ask running dispatchers of this process to stop after the message in hand (SIGTERM of the command).
    The rest of their batch goes back to the queue untouched."""
    _stop.set()


def stop_requested() -> bool:
    return _stop.is_set()


# --- writing ------------------------------------------------------------------------------------------------


def new_message_id() -> str:
    """A Message-ID of ours: ``<uuid@reply domain>``, unique, kept across re-sends of the same message."""
    from ..tracking import reply_domain

    return f"<{uuid.uuid4().hex}@{reply_domain()}>"


def outbox_enqueue(
    *,
    idempotency_key: str,
    channel: str,
    to_address: str,
    subject: str = "",
    body_text: str = "",
    body_html: str = "",
    kind: str = MessageKind.OUTREACH,
    candidate=None,
    user=None,
    campaign=None,
    step=None,
    enrollment=None,
    sender=None,
    due_at: datetime | None = None,
    language: str = "",
    links: list | None = None,
) -> OutboundMessage:
    """Write one message to the current tenant's outbox, due at ``due_at`` (now by default); returns its row.

    Safe to run twice: the second call with the same ``idempotency_key`` writes nothing and returns the first
    row unchanged (INSERT … ON CONFLICT (tenant_id, idempotency_key) DO NOTHING, then read). An empty
    ``to_address`` is accepted and ends as skipped (``no_address``) at send time. Raises ServiceError for an
    empty or too long key, an unknown channel or kind.
    """
    tenant_id = require_tenant_id()
    idempotency_key = (idempotency_key or "").strip()
    if not idempotency_key or len(idempotency_key) > 200:
        raise ServiceError("An idempotency key of 1 to 200 characters is required.", field="idempotency_key")
    if channel not in CHANNELS:
        raise ServiceError(f"Unknown channel: {channel}.", field="channel")
    if kind not in MessageKind.values:
        raise ServiceError(f"Unknown message kind: {kind}.", field="kind")
    if kind == MessageKind.OUTREACH:
        from_address = engagement_settings().from_email or settings.DEFAULT_FROM_EMAIL
    else:
        from_address = settings.DEFAULT_FROM_EMAIL
    row = OutboundMessage(
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
        kind=kind,
        channel=channel,
        candidate=candidate,
        user=user,
        campaign=campaign,
        step=step,
        enrollment=enrollment,
        sender=sender,
        to_address=(to_address or "").strip()[:254],
        from_address=from_address[:254],
        subject=(subject or "")[:300],
        body_text=body_text or "",
        body_html=body_html or "",
        language=(language or "")[:10],
        links=list(links or []),
        message_id=new_message_id(),
        reply_token=secrets.token_hex(12),
        status=MessageStatus.QUEUED,
        due_at=due_at or timezone.now(),
    )
    OutboundMessage.objects.bulk_create([row], ignore_conflicts=True)
    return OutboundMessage.objects.get(idempotency_key=idempotency_key)


def system_mail(user, *, subject: str, body: str, key: str, to_address: str = "", tenant=None):
    """A product mail (notification, invitation, password reset) through the outbox: ``settings.PRODUCT_MAILER``.

    The tenant is ``tenant`` (a Tenant or id), else the current one, else the user's first tenant; the row is
    written in the caller's transaction and a dispatch of that tenant is queued when it commits, so the mail
    leaves from a worker within seconds, never from the web request. A user who belongs to no tenant has no
    outbox: their mail (a password reset) is sent at once, in the request — the only synchronous case.
    Returns the row, or None when sent directly. Safe to run twice with the same ``key`` (one mail).
    """
    address = to_address or getattr(user, "email", "") or ""
    tenant_id = getattr(tenant, "pk", tenant) or current_tenant_id() or _first_tenant_id(user)
    if tenant_id is None:
        send_mail(subject[:300], body, None, [address])
        return None
    with tenant_context(int(tenant_id)):
        row = outbox_enqueue(
            idempotency_key=f"system:{key}"[:200],
            channel=Channel.EMAIL,
            to_address=address,
            subject=subject,
            body_text=body,
            kind=MessageKind.SYSTEM,
            user=user if getattr(user, "pk", None) else None,
            language=getattr(user, "language", "") or "",
        )
        transaction.on_commit(lambda: outbox_kick(int(tenant_id)))
    return row


def _first_tenant_id(user) -> int | None:
    if user is None or getattr(user, "pk", None) is None:
        return None
    from talentpool.tenancy.selectors import memberships_of_user

    memberships = memberships_of_user(user)
    return memberships[0].tenant_id if memberships else None


def outbox_kick(tenant_id: int) -> None:
    """Queue a dispatch of ``tenant_id`` now (product mails should not wait for beat's next minute). A broker
    that is down only delays the mail: beat's run sends it within a minute."""
    from ..tasks import outbox_dispatch

    try:
        outbox_dispatch.apply_async(args=[tenant_id], queue="outreach")
    except Exception:  # noqa: BLE001 - the row is committed; the minute's beat run sends it
        logger.warning(
            "could not queue an outbox dispatch for tenant %s; beat will send it", tenant_id, exc_info=True
        )


# --- the rules checked at send time ---------------------------------------------------------------------------


@dataclass
class _Decision:
    action: str  # "send", "skip" or "defer"
    reason: str = ""
    until: datetime | None = None


@dataclass
class _Rules:
    """What the claim transaction needs to decide a batch: loaded once per batch, updated as rows are decided
    (two messages to one candidate in one batch count against the frequency cap together)."""

    zone: ZoneInfo
    now: datetime
    rows: list
    settings_row: object = None
    candidates: dict = field(default_factory=dict)
    campaigns: dict = field(default_factory=dict)
    suppressed: dict = field(default_factory=dict)
    tenant_today: int = 0
    sender_today: dict = field(default_factory=dict)
    candidate_times: dict = field(default_factory=dict)
    consents: dict = field(default_factory=dict)

    def load(self) -> _Rules:
        from ..models import Campaign

        self.settings_row = engagement_settings()
        outreach = [row for row in self.rows if row.kind == MessageKind.OUTREACH]
        self.candidates = Candidate.objects.in_bulk(
            {row.candidate_id for row in outreach if row.candidate_id}
        )
        self.campaigns = Campaign.objects.only("id", "use_send_window", "status", "kind").in_bulk(
            {row.campaign_id for row in outreach if row.campaign_id}
        )
        # Consent is read from privacy's records (the truth), one query for the batch.
        self.consents = privacy_selectors.consent_states(
            self.candidates.keys(), ConsentScope.OUTREACH, now=self.now
        )
        self.suppressed = {
            channel: selectors.suppressed_addresses(
                channel, [row.to_address for row in self.rows if row.channel == channel]
            )
            for channel in CHANNELS
        }
        if outreach:
            day_start = self.local_midnight(self.now)
            self.tenant_today = selectors.outreach_attempted_since(day_start)
            self.sender_today = Counter(
                selectors.outreach_attempted_by_sender_since(day_start, {row.sender_id for row in outreach})
            )
            self.candidate_times = selectors.outreach_times_by_candidate_since(
                self.now - timedelta(days=self.settings_row.frequency_cap_days), self.candidates.keys()
            )
        return self

    def local_midnight(self, moment: datetime, days_ahead: int = 0) -> datetime:
        local = moment.astimezone(self.zone).date() + timedelta(days=days_ahead)
        return datetime.combine(local, datetime.min.time(), tzinfo=self.zone)

    def window_start_after(self, moment: datetime) -> datetime | None:
        """None if ``moment`` is inside the tenant's send window, else when the window opens next."""
        start, end = self.settings_row.send_window_start, self.settings_row.send_window_end
        local = moment.astimezone(self.zone)
        clock = local.time()
        if start == end:
            return None  # a window of the whole day
        inside = start <= clock < end if start < end else (clock >= start or clock < end)
        if inside:
            return None
        opening = datetime.combine(local.date(), start, tzinfo=self.zone)
        return (
            opening
            if opening > local
            else datetime.combine(local.date() + timedelta(days=1), start, tzinfo=self.zone)
        )

    def decide(self, row: OutboundMessage) -> _Decision:
        if not row.to_address.strip():
            return _Decision("skip", SKIP_NO_ADDRESS)
        if _normalise(row.channel, row.to_address) in self.suppressed.get(row.channel, ()):
            return _Decision("skip", SKIP_SUPPRESSED)
        if row.kind != MessageKind.OUTREACH:
            return _Decision("send")  # product mails to members: no caps, no window, no candidate
        candidate = self.candidates.get(row.candidate_id) if row.candidate_id else None
        if row.candidate_id and candidate is None:
            return _Decision("skip", SKIP_CANDIDATE_GONE)
        if candidate is not None:
            if candidate.status in BLOCKING_STATUSES:
                return _Decision("skip", BLOCKING_STATUSES[candidate.status])
            asks_for_consent = row.campaign_id in self.campaigns and (
                self.campaigns[row.campaign_id].kind == CampaignKind.RECONSENT
            )
            blocked = privacy_selectors.contact_blocked_reason(
                candidate,
                self.consents,
                require_consent=self.settings_row.require_consent and not asks_for_consent,
            )
            if blocked:
                return _Decision("skip", blocked)
        campaign = self.campaigns.get(row.campaign_id) if row.campaign_id else None
        uses_window = campaign is None or campaign.use_send_window
        if uses_window:
            opening = self.window_start_after(self.now)
            if opening is not None:
                return _Decision("defer", "send_window", opening)
        if self.tenant_today >= self.settings_row.daily_cap_tenant:
            return _Decision("defer", "daily_cap_tenant", self._next_day(uses_window))
        if row.sender_id and self.sender_today[row.sender_id] >= self.settings_row.daily_cap_sender:
            return _Decision("defer", "daily_cap_sender", self._next_day(uses_window))
        times = self.candidate_times.get(row.candidate_id, []) if row.candidate_id else []
        cap = self.settings_row.frequency_cap_count
        if row.candidate_id and cap and len(times) >= cap:
            # The cap frees up when the oldest of the last ``cap`` sends leaves the window.
            until = times[cap - 1] + timedelta(days=self.settings_row.frequency_cap_days)
            if uses_window:
                until = self.window_start_after(until) or until
            return _Decision("defer", "frequency_cap", max(until, self.now + timedelta(minutes=1)))
        self.tenant_today += 1
        if row.sender_id:
            self.sender_today[row.sender_id] += 1
        if row.candidate_id:
            self.candidate_times.setdefault(row.candidate_id, []).insert(0, self.now)
        return _Decision("send")

    def _next_day(self, uses_window: bool) -> datetime:
        midnight = self.local_midnight(self.now, days_ahead=1)
        return (self.window_start_after(midnight) or midnight) if uses_window else midnight


def _normalise(channel: str, address: str) -> str:
    return selectors.normalise_address(channel, address)


# --- the dispatcher -----------------------------------------------------------------------------------------


class _Clock:
    """``now`` fixed by the caller (tests, dry runs) or the real time, read afresh for each step."""

    def __init__(self, now: datetime | None) -> None:
        self.fixed = now

    def __call__(self) -> datetime:
        return self.fixed or timezone.now()


def dispatch_due(*, limit: int = 500, now: datetime | None = None, tenant=None) -> dict[str, int]:
    """Send up to ``limit`` due messages of the current tenant (or of ``tenant``, a Tenant or id, which lets
    callers outside any transaction use it). Returns counts: examined, sent, skipped, deferred, retried,
    failed, bounced, recovered, ambiguous, batches, connection_failed.

    Commits per step (see the module docstring). Safe to run twice and concurrently: rows are claimed with SKIP
    LOCKED and a sent row is never claimed again. Raises NoTenantSelected without a tenant.
    """
    tenant_id = int(getattr(tenant, "pk", tenant) or require_tenant_id())
    clock = _Clock(now)
    counts: Counter = Counter()
    zone = ZoneInfo(Tenant.objects.values_list("time_zone", flat=True).get(pk=tenant_id) or "UTC")
    counts.update(_recover_stale(tenant_id, clock()))
    batch_size = max(1, settings.OUTBOX_BATCH_SIZE)
    while counts["examined"] < limit and not _stop.is_set():
        size = min(batch_size, limit - counts["examined"])
        claimed, examined = _claim(tenant_id, size, clock(), zone, counts)
        counts["examined"] += examined
        if claimed:
            counts["batches"] += 1
            if not _send_batch(tenant_id, claimed, clock, counts):
                counts["connection_failed"] += 1
                break  # the server is down: leave the rest queued for the next run
        if examined < size:
            break
    return {
        key: counts[key]
        for key in (
            "examined",
            "sent",
            "skipped",
            "deferred",
            "retried",
            "failed",
            "bounced",
            "recovered",
            "ambiguous",
            "batches",
            "connection_failed",
        )
    }


def outbox_drain(
    *, tenant, seconds: float | None = None, now: datetime | None = None, limit: int = 500
) -> dict[str, int]:
    """Dispatch ``tenant`` until nothing is due, the server fails, or ``seconds`` have passed. Returns the
    summed counts of ``dispatch_due``. Safe to run twice and concurrently."""
    started = time.monotonic()
    totals: Counter = Counter()
    while not _stop.is_set():
        counts = dispatch_due(limit=limit, now=now, tenant=tenant)
        totals.update(counts)
        if counts["examined"] < limit or counts["connection_failed"]:
            break
        if seconds is not None and time.monotonic() - started >= seconds:
            break
    return dict(totals)


def dispatch_all_tenants(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Dispatch every active tenant until nothing is due anywhere (round robin, ``limit`` per tenant and
    round, so one tenant's backlog does not starve the others). Returns the summed counts."""
    totals: Counter = Counter()
    active = list(Tenant.objects.filter(is_active=True).order_by("id").values_list("id", flat=True))
    while active and not _stop.is_set():
        again = []
        for tenant_id in active:
            counts = dispatch_due(limit=limit, now=now, tenant=tenant_id)
            totals.update(counts)
            if counts["examined"] >= limit and not counts["connection_failed"]:
                again.append(tenant_id)
        active = again
    return dict(totals)


def _recover_stale(tenant_id: int, now: datetime) -> Counter:
    """Give back the rows a dead worker left ``sending`` (claimed longer ago than the lease)."""
    counts: Counter = Counter()
    cutoff = now - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    with tenant_context(tenant_id):
        stale = OutboundMessage.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=cutoff)
        # A killed worker may have marked rows of these batches sent without their interactions yet (first:
        # queuing the stale rows again clears the claimed_at that leads to them).
        missing = _record_missing_sent(
            tenant_id, list(stale.order_by().values_list("claimed_at", flat=True).distinct())
        )
        if missing:
            logger.warning(
                "outbox of tenant %s: recorded %s sent interactions of a killed worker's batch",
                tenant_id,
                missing,
            )
        # Never handed to a server: the attempt did not happen.
        counts["recovered"] = stale.filter(sent_at__isnull=True).update(
            status=MessageStatus.QUEUED, claimed_at=None, due_at=now, attempts=F("attempts") - 1
        )
        ambiguous = list(stale.filter(sent_at__isnull=False).values_list("id", flat=True))
        if ambiguous:
            if settings.OUTBOX_RESEND_AMBIGUOUS:
                OutboundMessage.objects.filter(pk__in=ambiguous, status=MessageStatus.SENDING).update(
                    status=MessageStatus.QUEUED,
                    claimed_at=None,
                    sent_at=None,
                    due_at=now,
                    last_error="interrupted while sending; re-sent with the same Message-ID",
                )
            else:
                OutboundMessage.objects.filter(pk__in=ambiguous, status=MessageStatus.SENDING).update(
                    status=MessageStatus.FAILED,
                    last_error="interrupted while sending: may have been delivered; "
                    "not re-sent (OUTBOX_RESEND_AMBIGUOUS is off)",
                )
            counts["ambiguous"] = len(ambiguous)
    if counts["recovered"] or counts["ambiguous"]:
        logger.warning(
            "outbox of tenant %s: %s abandoned messages queued again, %s interrupted mid-send (%s)",
            tenant_id,
            counts["recovered"],
            counts["ambiguous"],
            ambiguous,
        )
    return counts


def _claim(tenant_id: int, size: int, now: datetime, zone: ZoneInfo, counts: Counter) -> tuple[list, int]:
    """Claim up to ``size`` due rows: decide each, mark the ones to send ``sending``, commit. Returns (rows to
    send, in sending order, the first one marked in flight; rows examined)."""
    from .campaigns import held_campaign_condition

    with tenant_context(tenant_id):
        with db_connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_CLAIM_LOCK_CLASS, tenant_id])
        rows = list(
            OutboundMessage.objects.filter(status=MessageStatus.QUEUED, due_at__lte=now)
            .exclude(held_campaign_condition())
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("due_at", "id")[:size]
        )
        if not rows:
            return [], 0
        rules = _Rules(zone=zone, now=now, rows=rows).load()
        to_send = []
        for row in rows:
            decision = rules.decide(row)
            if decision.action == "skip":
                OutboundMessage.objects.filter(pk=row.pk).update(
                    status=MessageStatus.SKIPPED, skip_reason=decision.reason[:40]
                )
                counts["skipped"] += 1
            elif decision.action == "defer":
                OutboundMessage.objects.filter(pk=row.pk).update(
                    due_at=decision.until, last_error=f"deferred: {decision.reason}"
                )
                counts["deferred"] += 1
            else:
                to_send.append(row)
        to_send.sort(key=lambda row: (row.channel != Channel.EMAIL, row.due_at, row.pk))
        if to_send:
            OutboundMessage.objects.filter(pk__in=[row.pk for row in to_send]).update(
                status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, sent_at=None
            )
            OutboundMessage.objects.filter(pk=to_send[0].pk).update(sent_at=now)  # in flight
            for row in to_send:
                row.status, row.claimed_at, row.attempts = MessageStatus.SENDING, now, row.attempts + 1
            _attach_related(to_send, rules)
    return to_send, len(rows)


def _attach_related(rows, rules: _Rules) -> None:
    """Give the rows the candidates and campaigns the claim loaded (recording interactions needs them)."""
    for row in rows:
        if row.candidate_id and row.candidate_id in rules.candidates:
            row.candidate = rules.candidates[row.candidate_id]
        if row.campaign_id and row.campaign_id in rules.campaigns:
            row.campaign = rules.campaigns[row.campaign_id]


# --- sending ------------------------------------------------------------------------------------------------


class _Bounce(Exception):
    """The server refused this recipient for good (5xx at RCPT): bounced and suppressed."""


class _Refused(Exception):
    """The server refused this message for good, not the address (5xx after the recipient was accepted)."""


class _Temporary(Exception):
    """Try again later. ``broken``: the connection is unusable (reconnect before the next message)."""

    def __init__(self, message: str, *, broken: bool = False) -> None:
        super().__init__(message)
        self.broken = broken


class _EmailTransport:
    """One connection of Django's email backend for the whole batch."""

    def __init__(self) -> None:
        self.connection = get_connection(fail_silently=False)

    def open(self) -> None:
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as error:
            raise _Temporary(f"cannot connect to the mail server: {error}", broken=True) from error

    def close(self) -> None:
        try:
            self.connection.close()
        except (OSError, smtplib.SMTPException):
            logger.info("closing the SMTP connection failed; it is gone either way", exc_info=True)

    def send(self, row: OutboundMessage) -> None:
        message = _email_message(row, self.connection)
        try:
            smtp = self.connection.connection if isinstance(self.connection, SmtpEmailBackend) else None
            if smtp is not None:
                # What Django's SMTP backend does per message (sanitize the envelope, flatten, sendmail), minus
                # its per-call lock and the address parsing of the same From on every message.
                encoding = message.encoding or settings.DEFAULT_CHARSET
                smtp.sendmail(
                    _envelope_address(message.from_email, encoding),
                    [_envelope_address(address, encoding) for address in message.recipients()],
                    message.message().as_bytes(linesep="\r\n"),
                )
            else:
                self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()), (0, b""))
            detail = f"{code} {_text(text)}"
            if 500 <= code < 600:
                raise _Bounce(detail) from error
            raise _Temporary(detail) from error
        except smtplib.SMTPServerDisconnected as error:
            raise _Temporary(f"the server disconnected: {error}", broken=True) from error
        except smtplib.SMTPSenderRefused as error:  # our sender, not this recipient: try again later
            raise _Temporary(f"{error.smtp_code} {_text(error.smtp_error)}") from error
        except smtplib.SMTPResponseException as error:
            detail = f"{error.smtp_code} {_text(error.smtp_error)}"
            if 500 <= error.smtp_code < 600:
                raise _Refused(detail) from error
            raise _Temporary(detail) from error
        except (OSError, smtplib.SMTPException) as error:
            raise _Temporary(f"{type(error).__name__}: {error}", broken=True) from error


class _SmsTransport:
    def __init__(self) -> None:
        from ..sms import get_backend

        self.backend = get_backend()

    def open(self) -> None:
        return None

    def close(self) -> None:
        return None

    def send(self, row: OutboundMessage) -> None:
        from ..sms import SmsRejected, SmsTemporaryError

        try:
            self.backend.send(to=row.to_address, body=row.body_text, reference=row.message_id)
        except SmsRejected as error:
            raise _Bounce(str(error)) from error
        except SmsTemporaryError as error:
            raise _Temporary(str(error)) from error


def _text(value) -> str:
    return (value.decode(errors="replace") if isinstance(value, bytes) else str(value))[:300]


class _FastFolding(Compat32):
    """The compat32 policy Django's messages are flattened with, minus the ``email.header.Header`` round trip for
    a header that needs neither folding nor encoding (ASCII, one line, short): most of an email's headers, and
    that round trip cost more than the rest of flattening. Such a header comes out byte for byte as compat32
    writes it (tests/engagement/test_outbox.py compares the two); every other header takes compat32's path."""

    def _fold(self, name, value, sanitize):
        if (
            isinstance(value, str)
            and value.isascii()
            and _PLAIN_HEADER.fullmatch(value)
            and len(name) + 2 + len(value) <= (self.max_line_length or 78)
        ):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


# Printable ASCII words separated by single spaces: what Header would write unchanged.
_PLAIN_HEADER = re.compile(r"[!-~]+(?: [!-~]+)*")
_FAST_FOLDING = _FastFolding()
# A dot-atom address: Django's sanitize_address returns it unchanged, so the envelope skips the parse.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
)


@functools.lru_cache(maxsize=256)
def _sanitized(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)


def _envelope_address(address: str, encoding: str) -> str:
    """``sanitize_address`` of Django's SMTP backend; a plain address as it is, others parsed once (cached)."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return address
    return _sanitized(address, encoding)


class _OutboxEmail(EmailMultiAlternatives):
    """An ``EmailMultiAlternatives`` whose MIME message flattens faster: the multipart boundary is chosen here
    (the generator otherwise compiles a regular expression per message to check its random one against the
    text; 32 random hex digits cannot occur in it by chance) and headers go through ``_FastFolding``."""

    def message(self):
        msg = super().message()
        if msg.is_multipart():
            msg.set_boundary(f"=_{secrets.token_hex(16)}")
        msg.policy = _FAST_FOLDING
        return msg


def _email_message(row: OutboundMessage, connection) -> EmailMultiAlternatives:
    """The email of ``row``: our Message-ID always; for outreach, List-Unsubscribe (one-click URL and mailto),
    List-Unsubscribe-Post, the reply address and the tracked HTML."""
    headers = {"Message-ID": row.message_id}
    reply_to = None
    html = row.body_html
    if row.kind == MessageKind.OUTREACH:
        from .. import tracking

        mailto = tracking.unsubscribe_mailto(row)
        mailto = mailto if mailto.startswith("mailto:") else f"mailto:{mailto}"
        headers["List-Unsubscribe"] = f"<{tracking.unsubscribe_url(row)}>, <{mailto}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        reply_to = [tracking.reply_address(row)]
        if html:
            html = tracking.instrument_html(row, html)
    text = row.body_text or strip_tags(html or "")
    if row.kind == MessageKind.OUTREACH and row.channel == Channel.EMAIL:
        # Every outreach email says where the candidate can ask for their data or its erasure (not tracked).
        from privacy.links import email_footer

        text_footer, html_footer = email_footer(row)
        text += text_footer
        html = html + html_footer if html else html
    message = _OutboxEmail(
        subject=row.subject,
        body=text,
        from_email=row.from_address or None,
        to=[row.to_address],
        reply_to=reply_to,
        headers=headers,
        connection=connection,
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def _send_batch(tenant_id: int, rows: list, clock: _Clock, counts: Counter) -> bool:
    """Send the claimed ``rows`` (email first, on one connection, then SMS); record each outcome in its own
    transaction. Returns False when a server could not be reached (its messages wait for a retry)."""
    lease_renewed = time.monotonic()
    transports: dict[str, _EmailTransport | _SmsTransport] = {}
    broken: dict[str, str] = {}  # channel → why its server is unreachable in this batch
    contacted: list[
        int
    ] = []  # candidates whose sent interaction went the lean way: their last_* move at the end
    pending: list[
        int
    ] = []  # lean-sent rows whose ``sent`` interaction is not written yet (see _finish_sent_lean)

    def finish(*args, **kwargs) -> str:
        # Anything other than a lean mark may end the batch's last ``sending`` row: its pending interactions
        # are written first, so a kill never leaves them without a ``sending`` row that leads recovery to them.
        _flush_sent_interactions(tenant_id, pending)
        return _finish(*args, **kwargs)

    try:
        for index, row in enumerate(rows):
            following = rows[index + 1] if index + 1 < len(rows) else None
            if _stop.is_set():
                _flush_sent_interactions(tenant_id, pending)
                _release(tenant_id, rows[index:])
                return True
            if row.channel in broken:
                counts[
                    finish(tenant_id, row, "retry", clock(), error=broken[row.channel], following=following)
                ] += 1
                continue
            if time.monotonic() - lease_renewed > settings.OUTBOX_LEASE_SECONDS / 3:
                _flush_sent_interactions(tenant_id, pending)  # the renewal changes the rest's claimed_at
                _renew_lease(tenant_id, rows[index:], clock())
                lease_renewed = time.monotonic()
            try:
                transport = transports.get(row.channel)
                if transport is None:
                    transport = _EmailTransport() if row.channel == Channel.EMAIL else _SmsTransport()
                    transport.open()
                    transports[row.channel] = transport
                transport.send(row)
            except _Bounce as error:
                finish(tenant_id, row, "bounced", clock(), error=str(error), following=following)
                counts["bounced"] += 1
            except _Refused as error:
                finish(tenant_id, row, "failed", clock(), error=str(error), following=following)
                counts["failed"] += 1
            except _Temporary as error:
                if error.broken:
                    # The connection is gone: this message and the rest of the batch on this channel wait for the
                    # next run (the server may be down; hammering it message by message helps nobody).
                    failed_transport = transports.pop(row.channel, None)
                    if failed_transport is not None:
                        failed_transport.close()
                    broken[row.channel] = str(error)
                    logger.warning("outbox of tenant %s: %s", tenant_id, error)
                counts[finish(tenant_id, row, "retry", clock(), error=str(error), following=following)] += 1
            except Exception as error:  # a broken backend must not leave the row claimed until the lease ends
                logger.exception("outbox of tenant %s: sending message %s failed", tenant_id, row.pk)
                counts[
                    finish(
                        tenant_id,
                        row,
                        "retry",
                        clock(),
                        error=f"{type(error).__name__}: {error}",
                        following=following,
                    )
                ] += 1
            else:
                if _sent_is_lean(row):
                    _finish_sent_lean(tenant_id, row, clock(), following, pending)
                    contacted.append(row.candidate_id)
                else:
                    finish(tenant_id, row, "sent", clock(), following=following)
                counts["sent"] += 1
    finally:
        _flush_sent_interactions(tenant_id, pending)
        for transport in transports.values():
            transport.close()
        _touch_candidates(tenant_id, contacted, clock())
    return not broken


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts, 1), settings.OUTBOX_BACKOFF_CAP_MINUTES))


def _sent_is_lean(row: OutboundMessage) -> bool:
    """Whether a sent message's bookkeeping fits in one statement: an outreach message of a campaign whose
    ``sent`` interaction carries no points (the default). Then the interaction cannot move a score or a tier,
    and a campaign's message closes no follow-up, so nothing needs the full ``interaction_record``."""
    from ..scoring import params_for

    return (
        row.kind == MessageKind.OUTREACH
        and bool(row.campaign_id)
        and bool(row.candidate_id)
        and params_for(row.tenant_id).weight(InteractionKind.SENT) == 0
    )


_MARK_SENT_SQL = """
    WITH mark AS (
        UPDATE {outbox} SET status = 'sent', sent_at = %s, last_error = ''
        WHERE id = %s AND status = 'sending'
        RETURNING id
    )
    UPDATE {outbox} SET sent_at = %s WHERE id = %s AND status = 'sending'
"""
# The ``sent`` interactions of lean-sent rows: one multi-row INSERT per batch, from the rows themselves.
_SENT_INTERACTIONS_SELECT = """
    SELECT tenant_id, candidate_id, 'sent', channel, sent_at, %s, campaign_id, id, 'outbox:' || id || ':sent', '',
           '{{}}'::jsonb
    FROM {outbox}
"""
_SENT_INTERACTIONS_INSERT = """
    INSERT INTO {interactions} (tenant_id, candidate_id, kind, channel, occurred_at, recorded_at, campaign_id,
                                message_id, external_id, body, metadata)
"""
_SENT_INTERACTIONS_CONFLICT = "ON CONFLICT (tenant_id, external_id) WHERE external_id <> '' DO NOTHING"
# The batch's last lean mark: mark the row sent and record the interactions of the whole batch in one statement,
# so they commit together (a kill cannot come between them).
_MARK_LAST_SENT_SQL = (
    """
    WITH mark AS (
        UPDATE {outbox} SET status = 'sent', sent_at = %s, last_error = ''
        WHERE id = %s AND status = 'sending'
        RETURNING tenant_id, candidate_id, channel, sent_at, campaign_id, id
    )
"""
    + _SENT_INTERACTIONS_INSERT
    + """
    SELECT tenant_id, candidate_id, 'sent', channel, sent_at, %s, campaign_id, id, 'outbox:' || id || ':sent', '',
           '{{}}'::jsonb
    FROM mark
    UNION ALL
"""
    + _SENT_INTERACTIONS_SELECT
    + """
    WHERE id = ANY(%s) AND status = 'sent'
"""
    + _SENT_INTERACTIONS_CONFLICT
)


def _tables() -> dict[str, str]:
    from ..models import Interaction

    return {"outbox": OutboundMessage._meta.db_table, "interactions": Interaction._meta.db_table}


def _execute_own_commit(tenant_id: int, sql: str, params: list, *, asynchronous: bool) -> None:
    """Run ``sql`` as its own transaction (autocommit), or inside the caller's transaction (tests)."""
    if db_connection.in_atomic_block:  # inside a caller's transaction (tests): it commits with it
        with tenant_context(tenant_id), db_connection.cursor() as cursor:
            cursor.execute(sql, params)
        return
    if asynchronous and settings.OUTBOX_ASYNC_COMMIT:
        # Within a batch the marks commit without waiting for the WAL flush (see _finish); the batch's last
        # one is durable and flushes all before it.
        sql = "SET LOCAL synchronous_commit TO OFF; " + sql
    with autocommit_scope(tenant_id), db_connection.cursor() as cursor:
        cursor.execute(sql, params)


def _finish_sent_lean(
    tenant_id: int, row: OutboundMessage, now: datetime, following, pending: list[int]
) -> None:
    """Mark ``row`` sent and ``following`` in flight in ONE statement that commits on its own (autocommit): one
    round trip per message instead of ten, which is what lets one worker keep up with an SMTP server.

    The ``sent`` interactions wait in ``pending`` (ids) and are written by one INSERT per batch: with the
    batch's last mark, in the same statement, or by ``_flush_sent_interactions`` before anything else ends the
    batch. Until then a row of the batch is still ``sending`` with the batch's ``claimed_at``; a worker killed in
    between leaves it, and ``_recover_stale`` records the missing interactions of that claim. The candidates'
    ``last_*`` columns are moved per batch afterwards (``_touch_candidates``); the nightly reconcile repairs
    them if a worker dies in between."""
    if following is None:
        sql = _MARK_LAST_SENT_SQL.format(**_tables())
        _execute_own_commit(
            tenant_id, sql, [now, row.pk, timezone.now(), timezone.now(), list(pending)], asynchronous=False
        )
        pending.clear()
        return
    sql = _MARK_SENT_SQL.format(**_tables())
    _execute_own_commit(tenant_id, sql, [now, row.pk, now, following.pk], asynchronous=True)
    pending.append(row.pk)


def _flush_sent_interactions(tenant_id: int, pending: list[int]) -> None:
    """Record the ``sent`` interactions of the lean-sent rows in ``pending`` (one INSERT; safe twice)."""
    if not pending:
        return
    sql = (
        _SENT_INTERACTIONS_INSERT
        + _SENT_INTERACTIONS_SELECT
        + " WHERE id = ANY(%s) AND status = 'sent' "
        + _SENT_INTERACTIONS_CONFLICT
    ).format(**_tables())
    _execute_own_commit(tenant_id, sql, [timezone.now(), list(pending)], asynchronous=False)
    pending.clear()


def _record_missing_sent(tenant_id: int, claims: list[datetime]) -> int:
    """The ``sent`` interactions a killed worker had not written yet: of the lean-sent rows of its batches (the
    rows claimed at ``claims``, found through the outreach claim index). Returns how many were written."""
    from ..scoring import params_for

    if not claims or params_for(tenant_id).weight(InteractionKind.SENT) != 0:
        return 0  # not lean: every sent row recorded its interaction in its own mark
    sql = (
        _SENT_INTERACTIONS_INSERT
        + _SENT_INTERACTIONS_SELECT
        + " WHERE tenant_id = %s AND kind = 'outreach' AND claimed_at = ANY(%s) AND status = 'sent'"
        " AND candidate_id IS NOT NULL AND campaign_id IS NOT NULL " + _SENT_INTERACTIONS_CONFLICT
    ).format(**_tables())
    with tenant_context(tenant_id), db_connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), tenant_id, list(claims)])
        return cursor.rowcount


def _touch_candidates(tenant_id: int, candidate_ids: list[int], now: datetime) -> None:
    """Move the contacted candidates' ``last_interaction_at`` / ``last_contacted_at`` in one statement."""
    if not candidate_ids:
        return
    from candidates.services.profile import candidates_contacted_touch

    with tenant_context(tenant_id):
        candidates_contacted_touch(candidate_ids, at=now)


def _finish(
    tenant_id: int,
    row: OutboundMessage,
    outcome: str,
    now: datetime,
    *,
    error: str = "",
    following: OutboundMessage | None = None,
) -> str:
    """Record one message's outcome and mark ``following`` in flight, in one transaction. Returns the counter
    the outcome adds to ("sent", "bounced", "failed", "retried")."""
    mine = OutboundMessage.objects.filter(pk=row.pk, status=MessageStatus.SENDING)
    result = outcome
    with tenant_context(tenant_id):
        if following is not None and settings.OUTBOX_ASYNC_COMMIT:
            # Within a batch the marks commit without waiting for the WAL flush: another process (a recovering
            # dispatcher) sees them at once, so a killed worker loses none; only a crash of PostgreSQL itself
            # could lose them, and the batch's last mark is a durable commit, which flushes all before it.
            with db_connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if outcome == "sent":
            values = {"status": MessageStatus.SENT, "sent_at": now, "last_error": ""}
            if row.kind == MessageKind.SYSTEM:
                # Product mails may carry one-time links (password reset, invitation): not kept once sent.
                values.update(body_text="", body_html="")
            if mine.update(**values) and row.kind == MessageKind.OUTREACH:
                _record(row, InteractionKind.SENT, now)
        elif outcome == "bounced":
            if mine.update(
                status=MessageStatus.BOUNCED, bounced_at=now, sent_at=None, last_error=error[:2000]
            ):
                if row.kind == MessageKind.OUTREACH:
                    from .tracking import suppression_add

                    suppression_add(
                        channel=row.channel,
                        address=row.to_address,
                        reason=SuppressionReason.HARD_BOUNCE,
                        detail=error[:300],
                    )
                    _record(row, InteractionKind.BOUNCED, now, metadata={"error": error[:300]})
        elif outcome == "failed":
            mine.update(status=MessageStatus.FAILED, sent_at=None, last_error=error[:2000])
        elif row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            mine.update(status=MessageStatus.FAILED, sent_at=None, last_error=error[:2000])
            result = "failed"
        else:
            mine.update(
                status=MessageStatus.QUEUED,
                sent_at=None,
                due_at=now + _backoff(row.attempts),
                last_error=error[:2000],
            )
            result = "retried"
        if following is not None:
            OutboundMessage.objects.filter(pk=following.pk, status=MessageStatus.SENDING).update(sent_at=now)
    return result


def _record(row: OutboundMessage, kind: str, now: datetime, metadata: dict | None = None) -> None:
    """The candidate's interaction for this message, in a savepoint: a failure to record it is logged and does
    not undo the "sent" mark (undoing it would send the message again)."""
    if not row.candidate_id:
        return
    from .interactions import interaction_record

    try:
        with transaction.atomic():
            interaction_record(
                candidate=row.candidate,
                kind=kind,
                channel=row.channel,
                occurred_at=now,
                campaign=row.campaign if row.campaign_id else None,
                message=row,
                external_id=f"outbox:{row.pk}:{kind}",
                metadata=metadata,
            )
    except Exception:
        logger.exception("outbox: recording the %s interaction of message %s failed", kind, row.pk)


def _release(tenant_id: int, rows: list) -> None:
    """Give claimed rows back untouched (a stop was requested before they were sent)."""
    with tenant_context(tenant_id):
        OutboundMessage.objects.filter(pk__in=[row.pk for row in rows], status=MessageStatus.SENDING).update(
            status=MessageStatus.QUEUED, claimed_at=None, sent_at=None, attempts=F("attempts") - 1
        )


def _renew_lease(tenant_id: int, rows: list, now: datetime) -> None:
    """A slow batch keeps its claim: rows not sent yet get a fresh ``claimed_at``."""
    with tenant_context(tenant_id):
        OutboundMessage.objects.filter(pk__in=[row.pk for row in rows], status=MessageStatus.SENDING).update(
            claimed_at=now
        )
