"""Outbound webhooks: announce events, manage endpoints, deliver, retry, replay, disable.

- ``emit(event_type, data)`` writes one ``Delivery`` per active endpoint subscribed to the event, in the
  caller's transaction (a rolled-back change announces nothing), and queues a dispatch when it commits.
- ``dispatch_due`` sends what is due: claims a batch (``SKIP LOCKED``, committed before any byte leaves), POSTs
  each delivery signed per Standard Webhooks, then records the attempt and the outcome in its own transaction.
  A failure is retried with exponential backoff and jitter (30 s × 4ⁿ, capped at 10 h, ±20 %), honouring a
  longer ``Retry-After``; after ``WEBHOOKS_MAX_ATTEMPTS`` (8: about 21 hours) the delivery is failed and can be
  replayed. An endpoint that has failed without a single success for ``WEBHOOKS_DISABLE_AFTER_DAYS`` is
  disabled and the tenant's admins are told.
- Delivery is at least once: a worker killed mid-send leaves the row ``sending``; after the lease it is sent
  again with the same ``webhook-id``, which receivers use to deduplicate.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentpool.db_bulk import insert_many
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id, tenant_context
from talentpool.tenancy.models import Membership, Role, Tenant

from . import signing, transport
from .models import TEST_EVENT, Attempt, Delivery, DeliveryStatus, Endpoint, EventType

logger = logging.getLogger(__name__)

MAX_ENDPOINTS = 20
CLAIM_BATCH = 50


class WebhookError(ServiceError):
    """A webhook request that cannot be carried out (bad URL, unknown event, replay of a pending delivery)."""


# --- announcing events ----------------------------------------------------------------------------------------

# While a collector is open (bulk HRIS writes), emit() appends here instead of writing: the caller writes the
# deliveries of all its rows in one statement and queues one dispatch.
_collector: contextvars.ContextVar[list | None] = contextvars.ContextVar("webhook_collector", default=None)


def new_event_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def _jsonable(data: dict) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def emit(event_type: str, data: dict, *, occurred_at: datetime | None = None) -> int:
    """Announce ``event_type`` (an ``EventType`` value) with ``data`` to the current tenant's subscribed endpoints.

    Writes one pending Delivery per active endpoint subscribed to it, in the caller's transaction, and queues a
    dispatch on commit. Returns how many were written (0 while a ``collecting()`` block holds them). Keep
    ``data`` small: ids, kinds and times, no more personal data than the receiver needs (docs/webhooks.md lists
    each event's fields). Raises NoTenantSelected outside a tenant.
    """
    tenant_id = require_tenant_id()
    event = (event_type, data, occurred_at or timezone.now())
    collected = _collector.get()
    if collected is not None:
        collected.append(event)
        return 0
    return _write(tenant_id, [event])


def emit_many(event_type: str, items: list[dict]) -> int:
    """``emit`` for many events of one type at once (an import's new candidates): one statement for all."""
    tenant_id = require_tenant_id()
    now = timezone.now()
    events = [(event_type, data, now) for data in items]
    collected = _collector.get()
    if collected is not None:
        collected.extend(events)
        return 0
    return _write(tenant_id, events) if events else 0


@contextlib.contextmanager
def collecting() -> Iterator[list]:
    """Hold the events emitted inside the block in a list instead of writing them. The caller decides what to do
    with them: ``emit_collected(events)`` writes them (a bulk row that failed drops its own)."""
    events: list = []
    token = _collector.set(events)
    try:
        yield events
    finally:
        _collector.reset(token)


def emit_collected(events: list) -> int:
    """Write the deliveries of events held by ``collecting()`` (or pass them to an outer collector)."""
    if not events:
        return 0
    outer = _collector.get()
    if outer is not None:
        outer.extend(events)
        return 0
    return _write(require_tenant_id(), events)


def _write(tenant_id: int, events: list) -> int:
    subscribed: dict[str, list[int]] = defaultdict(list)
    for pk, kinds in Endpoint.objects.filter(is_active=True).values_list("pk", "events"):
        for kind in kinds:
            subscribed[kind].append(pk)
    rows = []
    for event_type, data, occurred_at in events:
        endpoints = subscribed.get(event_type)
        if not endpoints:
            continue
        payload = {
            "type": event_type,
            "timestamp": occurred_at.astimezone(UTC).isoformat(),
            "data": _jsonable(data),
        }
        event_id = new_event_id()
        rows.extend(
            {
                "tenant_id": tenant_id,
                "endpoint_id": pk,
                "event_id": event_id,
                "event_type": event_type,
                "payload": payload,
            }
            for pk in endpoints
        )
    if not rows:
        return 0
    # One statement of plain values (the other columns take their defaults): a bulk HRIS push announces thousands.
    for start in range(0, len(rows), 5_000):
        insert_many(Delivery, rows[start : start + 5_000], returning=None)
    transaction.on_commit(lambda: kick(tenant_id))
    return len(rows)


def kick(tenant_id: int) -> None:
    """Queue a dispatch of ``tenant_id`` now. A broker that is down only delays it: beat's minute run sends it."""
    from .tasks import deliveries_dispatch

    try:
        deliveries_dispatch.apply_async(args=[tenant_id], queue="webhooks", expires=300)
    except Exception:  # noqa: BLE001 - the rows are committed; the minute's beat run sends them
        logger.warning(
            "could not queue a webhook dispatch for tenant %s; beat will send it", tenant_id, exc_info=True
        )


# --- endpoints ------------------------------------------------------------------------------------------------


def _clean_events(events) -> list[str]:
    if isinstance(events, str) or not hasattr(events, "__iter__"):
        raise WebhookError(_("Choose the events as a list."), field="events")
    chosen = list(dict.fromkeys(str(value) for value in events))
    unknown = [value for value in chosen if value not in EventType.values]
    if unknown:
        raise WebhookError(_("Unknown event: %(event)s.") % {"event": unknown[0]}, field="events")
    if not chosen:
        raise WebhookError(_("Choose at least one event."), field="events")
    return chosen


def _clean_url(url) -> str:
    url = str(url or "").strip()
    if not url or len(url) > 2000:
        raise WebhookError(_("Enter the URL of your receiver (up to 2,000 characters)."), field="url")
    try:
        transport.check_url(url)
    except transport.UnsafeUrl as exc:
        raise WebhookError(str(exc), field="url") from None
    return url


@transaction.atomic
def endpoint_create(*, url: str, events, description: str = "", actor=None) -> Endpoint:
    """A new active endpoint of the current tenant with a fresh secret. Raises WebhookError (url, events)."""
    if Endpoint.objects.count() >= MAX_ENDPOINTS:
        raise WebhookError(
            _("An organization can have at most %(n)d webhook endpoints.") % {"n": MAX_ENDPOINTS}, field="url"
        )
    return Endpoint.objects.create(
        url=_clean_url(url),
        events=_clean_events(events),
        description=(description or "").strip()[:200],
        secret=signing.new_secret(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def endpoint_update(
    endpoint: Endpoint, *, url: str | None = None, events=None, description: str | None = None
) -> Endpoint:
    """Change the URL, the events or the description. Pending deliveries go to the new URL."""
    fields = ["updated_at"]
    if url is not None:
        endpoint.url = _clean_url(url)
        fields.append("url")
    if events is not None:
        endpoint.events = _clean_events(events)
        fields.append("events")
    if description is not None:
        endpoint.description = description.strip()[:200]
        fields.append("description")
    endpoint.updated_at = timezone.now()
    endpoint.save(update_fields=fields)
    return endpoint


def endpoint_rotate_secret(endpoint: Endpoint) -> Endpoint:
    """A new secret, used from the next attempt on (the old one stops verifying at once)."""
    endpoint.secret, endpoint.updated_at = signing.new_secret(), timezone.now()
    endpoint.save(update_fields=["secret_encrypted", "updated_at"])
    return endpoint


def endpoint_enable(endpoint: Endpoint) -> Endpoint:
    """Turn a disabled endpoint back on; its failure streak starts afresh. Failed deliveries stay failed
    (replay them)."""
    endpoint.is_active, endpoint.disabled_at, endpoint.disabled_reason = True, None, ""
    endpoint.failing_since, endpoint.updated_at = None, timezone.now()
    endpoint.save(
        update_fields=["is_active", "disabled_at", "disabled_reason", "failing_since", "updated_at"]
    )
    return endpoint


@transaction.atomic
def endpoint_disable(endpoint: Endpoint, *, reason: str, now: datetime | None = None) -> Endpoint:
    """Stop delivering to ``endpoint``: its pending deliveries are failed (replayable once it is enabled)."""
    now = now or timezone.now()
    endpoint.is_active, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason[:300]
    endpoint.updated_at = now
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    # Rows a dispatcher holds right now fail too: their outcome finds them failed and leaves them so.
    Delivery.objects.filter(
        endpoint=endpoint, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).update(status=DeliveryStatus.FAILED, last_error=_("endpoint disabled")[:500])
    return endpoint


def endpoint_delete(endpoint: Endpoint) -> None:
    endpoint.delete()


def endpoint_send_test(endpoint: Endpoint) -> Delivery:
    """Queue a ``webhook.test`` event to this endpoint only (works while it is disabled: it is how to check a
    fix before enabling it)."""
    if endpoint.pk is None:
        raise WebhookError(_("Unknown endpoint."), field="endpoint")
    now = timezone.now()
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        event_id=new_event_id(),
        event_type=TEST_EVENT,
        payload={"type": TEST_EVENT, "timestamp": now.isoformat(), "data": {"endpoint": endpoint.pk}},
    )
    tenant_id = endpoint.tenant_id
    transaction.on_commit(lambda: kick(tenant_id))
    return delivery


# --- replay ---------------------------------------------------------------------------------------------------


def delivery_replay(delivery: Delivery, *, now: datetime | None = None) -> Delivery:
    """Send a finished delivery again (same ``webhook-id`` and body, a new round of attempts). Raises
    WebhookError while it is still pending or sending, or when its endpoint is disabled (enable it first)."""
    if delivery.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
        raise WebhookError(_("This delivery is still being sent."), field="delivery", code="not_finished")
    if not delivery.endpoint.is_active and delivery.event_type != TEST_EVENT:
        raise WebhookError(
            _("The endpoint is disabled: enable it first."), field="endpoint", code="endpoint_disabled"
        )
    changed = Delivery.objects.filter(
        pk=delivery.pk, status__in=[DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED]
    ).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=now or timezone.now(),
        claimed_at=None,
        replays=F("replays") + 1,
    )
    if not changed:
        raise WebhookError(_("This delivery is still being sent."), field="delivery", code="not_finished")
    tenant_id = delivery.tenant_id
    transaction.on_commit(lambda: kick(tenant_id))
    delivery.refresh_from_db()
    return delivery


def endpoint_replay_failed(endpoint: Endpoint, *, since: datetime | None = None) -> int:
    """Replay every failed delivery of ``endpoint`` (created since ``since``). Returns how many."""
    if not endpoint.is_active:
        raise WebhookError(
            _("The endpoint is disabled: enable it first."), field="endpoint", code="endpoint_disabled"
        )
    failed = Delivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.FAILED)
    if since is not None:
        failed = failed.filter(created_at__gte=since)
    count = failed.update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        claimed_at=None,
        replays=F("replays") + 1,
    )
    if count:
        tenant_id = endpoint.tenant_id
        transaction.on_commit(lambda: kick(tenant_id))
    return count


# --- delivering -----------------------------------------------------------------------------------------------


def retry_delay(
    attempts: int, *, retry_after: float | None = None, rng: random.Random | None = None
) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 30 s × 4ⁿ⁻¹ capped at 10 h, ±20 % jitter (so a
    receiver that comes back is not hit by every delivery at once); never sooner than its ``Retry-After``."""
    rng = rng or random
    base = settings.WEBHOOKS_BACKOFF_BASE_SECONDS * 4 ** max(attempts - 1, 0)
    seconds = min(base, settings.WEBHOOKS_BACKOFF_CAP_SECONDS) * rng.uniform(0.8, 1.2)
    if retry_after is not None:
        seconds = max(seconds, min(retry_after, settings.WEBHOOKS_RETRY_AFTER_CAP_SECONDS))
    return timedelta(seconds=seconds)


def body_of(delivery: Delivery) -> bytes:
    """The exact bytes sent (and signed): the payload as compact UTF-8 JSON, the same on every attempt."""
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dispatch_due(*, tenant, limit: int = 500, now: datetime | None = None) -> dict[str, int]:
    """Deliver up to ``limit`` due deliveries of ``tenant`` (a Tenant or id). Returns counts: examined,
    succeeded, retried, failed, recovered, disabled.

    Call it outside a transaction (the task does): each claim and each outcome commits on its own, and no
    transaction is open while a receiver is being waited for. ``now`` (tests) fixes the clock used for
    scheduling; signatures always carry the real time. Safe to run twice and concurrently.
    """
    tenant_id = int(getattr(tenant, "pk", tenant))
    counts: Counter = Counter()
    clock = (lambda: now) if now is not None else timezone.now
    counts["recovered"] = _recover_stale(tenant_id, clock())
    while counts["examined"] < limit:
        size = min(CLAIM_BATCH, limit - counts["examined"])
        batch = _claim(tenant_id, size, clock(), counts)
        counts["examined"] += len(batch)
        unreachable: dict[int, transport.Outcome] = {}
        for delivery in batch:
            known = unreachable.get(delivery.endpoint_id)
            if known is not None:
                # One dead receiver must not hold the batch for a timeout per delivery: same outcome, not sent.
                outcome = transport.Outcome(
                    None,
                    f"not sent: the endpoint was unreachable a moment ago ({known.error})",
                    "",
                    0,
                    unreachable=True,
                )
            else:
                outcome = _send(delivery)
                if outcome.unreachable:
                    unreachable[delivery.endpoint_id] = outcome
            counts[_finish(tenant_id, delivery, outcome, clock(), counts)] += 1
        if len(batch) < size:
            break
    return {
        key: counts[key] for key in ("examined", "succeeded", "retried", "failed", "recovered", "disabled")
    }


def _recover_stale(tenant_id: int, now: datetime) -> int:
    cutoff = now - timedelta(seconds=settings.WEBHOOKS_LEASE_SECONDS)
    with tenant_context(tenant_id):
        return Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=cutoff).update(
            status=DeliveryStatus.PENDING, claimed_at=None, next_attempt_at=now
        )


def _claim(tenant_id: int, size: int, now: datetime, counts: Counter) -> list[Delivery]:
    with tenant_context(tenant_id):
        rows = list(
            Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .select_related("endpoint")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("next_attempt_at", "id")[:size]
        )
        disabled = [row.pk for row in rows if not row.endpoint.is_active and row.event_type != TEST_EVENT]
        if disabled:
            Delivery.objects.filter(pk__in=disabled).update(
                status=DeliveryStatus.FAILED, last_error=_("endpoint disabled")
            )
            counts["failed"] += len(disabled)
        rows = [row for row in rows if row.pk not in disabled]
        Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        for row in rows:
            row.status, row.claimed_at, row.attempts = DeliveryStatus.SENDING, now, row.attempts + 1
    return rows


def _send(delivery: Delivery) -> transport.Outcome:
    body = body_of(delivery)
    try:
        secret = delivery.endpoint.secret
    except ServiceError:  # stored encrypted with a key no longer configured: a failed attempt, not a crash
        return transport.Outcome(
            None, "not sent: the endpoint's secret cannot be decrypted; give it a new secret", "", 0
        )
    headers = signing.headers(secret, event_id=delivery.event_id, timestamp=int(time.time()), body=body)
    return transport.post(delivery.endpoint.url, body=body, headers=headers)


def _finish(
    tenant_id: int, delivery: Delivery, outcome: transport.Outcome, now: datetime, counts: Counter
) -> str:
    with tenant_context(tenant_id):
        # An outcome lost in a crash only means the delivery is sent again with the same webhook-id (at least
        # once): no need to wait for the disk on every delivery.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Attempt.objects.create(
            delivery=delivery,
            endpoint_id=delivery.endpoint_id,
            attempted_at=now,
            status_code=outcome.status_code,
            error=outcome.error[:500],
            response_excerpt=outcome.excerpt[:500],
            duration_ms=outcome.duration_ms,
        )
        mine = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING)
        if outcome.succeeded:  # delivered even if the endpoint was disabled meanwhile: say so
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SUCCEEDED,
                delivered_at=now,
                claimed_at=None,
                last_status_code=outcome.status_code,
                last_error="",
            )
            Endpoint.objects.filter(pk=delivery.endpoint_id, failing_since__isnull=False).update(
                failing_since=None
            )
            return "succeeded"
        if delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS:
            result = "failed"
            mine.update(
                status=DeliveryStatus.FAILED,
                claimed_at=None,
                last_status_code=outcome.status_code,
                last_error=outcome.error[:500],
            )
        else:
            result = "retried"
            due = now + retry_delay(delivery.attempts, retry_after=outcome.retry_after_seconds)
            mine.update(
                status=DeliveryStatus.PENDING,
                claimed_at=None,
                next_attempt_at=due,
                last_status_code=outcome.status_code,
                last_error=outcome.error[:500],
            )
        if delivery.event_type != TEST_EVENT:
            Endpoint.objects.filter(pk=delivery.endpoint_id, failing_since__isnull=True).update(
                failing_since=now
            )
            if _disable_if_failing_for_days(delivery.endpoint_id, now):
                counts["disabled"] += 1
    return result


def _disable_if_failing_for_days(endpoint_id: int, now: datetime) -> bool:
    days = settings.WEBHOOKS_DISABLE_AFTER_DAYS
    endpoint = (
        Endpoint.objects.select_for_update()
        .filter(pk=endpoint_id, is_active=True, failing_since__lte=now - timedelta(days=days))
        .first()
    )
    if endpoint is None:
        return False
    with translation.override("en"):
        reason = f"failed without a success since {endpoint.failing_since:%Y-%m-%d %H:%M} UTC ({days} days)"
    endpoint_disable(endpoint, reason=reason, now=now)
    _tell_admins(endpoint, days)
    logger.warning("webhook endpoint %s of tenant %s disabled: %s", endpoint.pk, endpoint.tenant_id, reason)
    return True


def _tell_admins(endpoint: Endpoint, days: int) -> None:
    from talentpool.tenancy.notifications import notify

    tenant = Tenant.objects.get(pk=endpoint.tenant_id)
    url = reverse("webhooks:endpoint", args=[endpoint.pk])
    for membership in Membership.objects.filter(role=Role.ADMIN).select_related("user"):
        user = membership.user
        with translation.override(getattr(user, "language", "") or tenant.default_language or "en"):
            notify(
                user,
                kind="webhook_disabled",
                title=_("Webhook endpoint disabled: %(url)s") % {"url": endpoint.url[:200]},
                body=_(
                    "Every delivery to this endpoint has failed for %(days)d days, so it was disabled. "
                    "Fix the receiver, send a test event, enable it and replay the failed deliveries."
                )
                % {"days": days},
                url=url,
            )


def dispatch_all_tenants(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Dispatch every active tenant once (``limit`` each). Returns the summed counts."""
    totals: Counter = Counter()
    for tenant_id in Tenant.objects.filter(is_active=True).order_by("id").values_list("id", flat=True):
        totals.update(dispatch_due(tenant=tenant_id, limit=limit, now=now))
    return dict(totals)


def deliveries_purge(*, now: datetime | None = None, batch: int = 5000) -> int:
    """Delete the current tenant's finished deliveries (and their attempts) older than ``WEBHOOKS_KEEP_DAYS``.
    Pending ones are never purged. Returns how many deliveries went. Safe to run twice."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WEBHOOKS_KEEP_DAYS)
    removed = 0
    while True:
        ids = list(
            Delivery.objects.filter(
                created_at__lt=cutoff, status__in=[DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED]
            ).values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return removed
        Attempt.objects.filter(delivery_id__in=ids).delete()
        removed += Delivery.objects.filter(pk__in=ids).delete()[1].get(Delivery._meta.label, 0)
