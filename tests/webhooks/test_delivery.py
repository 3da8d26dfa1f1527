"""Outbound webhooks against a real receiver: signed per Standard Webhooks (checked with the reference
library), written in the caller's transaction, retried with backoff over about a day, Retry-After honoured,
replayable, and an endpoint failing for days is disabled with its admins told."""

from __future__ import annotations

import random
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from candidates.services import CandidateInput, candidate_create
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification
from webhooks import services
from webhooks.models import Attempt, Delivery, DeliveryStatus, Endpoint

pytestmark = pytest.mark.django_db


def _endpoint(tenant, url, events=("candidate.created",)):
    with tenant_context(tenant):
        return services.endpoint_create(url=url, events=list(events), description="HRIS")


def _create_candidate(tenant, name="王小明"):
    with tenant_context(tenant):
        return candidate_create(
            tenant, data=CandidateInput(full_name=name, emails=("xm@example.com",)), source="manual"
        )


def _dispatch(tenant, now=None):
    return services.dispatch_due(tenant=tenant, now=now)


def _delivery(tenant) -> Delivery:
    with tenant_context(tenant):
        return Delivery.objects.get()


def test_a_delivery_verifies_with_the_reference_standard_webhooks_library(tenant_a, receiver):
    endpoint = _endpoint(tenant_a, receiver.url)
    receiver.secret = endpoint.secret
    assert endpoint.secret.startswith("whsec_")
    candidate = _create_candidate(tenant_a)

    counts = _dispatch(tenant_a)

    assert counts["succeeded"] == 1
    headers, body, payload = receiver.received[0]
    assert payload is not None, "the reference library refused the signature"
    assert headers["webhook-signature"].startswith("v1,")
    assert payload["type"] == "candidate.created"
    assert payload["data"] == {"candidate": {"id": candidate.pk, "source": candidate.source}}
    assert "王小明" not in body.decode() and "xm@example.com" not in body.decode()  # ids, not personal data
    delivery = _delivery(tenant_a)
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.event_id == headers["webhook-id"]
    with tenant_context(tenant_a):
        attempt = Attempt.objects.get()
    assert attempt.status_code == 200 and attempt.delivery_id == delivery.pk


def test_a_signature_made_with_another_secret_does_not_verify(tenant_a, receiver):
    _endpoint(tenant_a, receiver.url)
    receiver.secret = "whsec_" + "A" * 44  # not the endpoint's secret
    _create_candidate(tenant_a)
    _dispatch(tenant_a)
    assert len(receiver.received) == 1 and receiver.verified == []


def test_only_subscribed_active_endpoints_get_the_event_and_a_rolled_back_change_announces_nothing(
    tenant_a, tenant_b, receiver
):
    subscribed = _endpoint(tenant_a, receiver.url)
    _endpoint(tenant_a, receiver.url, events=["hire.created"])
    _endpoint(tenant_b, receiver.url)  # another tenant's endpoint never hears tenant A's events
    with pytest.raises(RuntimeError), transaction.atomic():
        _create_candidate(tenant_a, name="Rolled Back")
        raise RuntimeError("the request failed after the candidate was written")
    with tenant_context(tenant_a):
        assert not Delivery.objects.exists()
    _create_candidate(tenant_a)
    with tenant_context(tenant_a):
        assert list(Delivery.objects.values_list("endpoint_id", flat=True)) == [subscribed.pk]
    with tenant_context(tenant_b):
        assert not Delivery.objects.exists()


def test_a_500_is_retried_after_a_growing_backoff_then_delivered(tenant_a, receiver):
    receiver.secret = _endpoint(tenant_a, receiver.url).secret
    receiver.plan = [500, 500]
    _create_candidate(tenant_a)
    start = timezone.now()

    assert _dispatch(tenant_a, now=start)["retried"] == 1
    first = _delivery(tenant_a)
    assert first.status == DeliveryStatus.PENDING and first.last_status_code == 500
    wait_1 = (first.next_attempt_at - start).total_seconds()
    assert 24 <= wait_1 <= 36  # 30 s ± 20 %
    assert _dispatch(tenant_a, now=start)["examined"] == 0  # not due yet

    assert _dispatch(tenant_a, now=first.next_attempt_at)["retried"] == 1
    second = _delivery(tenant_a)
    wait_2 = (second.next_attempt_at - first.next_attempt_at).total_seconds()
    assert 96 <= wait_2 <= 144  # 2 min ± 20 %: four times the first

    assert _dispatch(tenant_a, now=second.next_attempt_at)["succeeded"] == 1
    assert _delivery(tenant_a).status == DeliveryStatus.SUCCEEDED
    assert len(receiver.verified) == 3
    assert len({headers["webhook-id"] for headers, _body, _payload in receiver.received}) == 1


def test_429_with_retry_after_waits_at_least_that_long(tenant_a, receiver):
    receiver.secret = _endpoint(tenant_a, receiver.url).secret
    receiver.plan = [(429, {"Retry-After": "3600"})]
    _create_candidate(tenant_a)
    start = timezone.now()
    assert _dispatch(tenant_a, now=start)["retried"] == 1
    delivery = _delivery(tenant_a)
    assert delivery.last_status_code == 429
    assert (delivery.next_attempt_at - start) >= timedelta(seconds=3600)
    assert _dispatch(tenant_a, now=start + timedelta(minutes=30))["examined"] == 0
    assert _dispatch(tenant_a, now=delivery.next_attempt_at)["succeeded"] == 1


def test_a_receiver_that_times_out_is_retried_and_holds_up_the_batch_once(tenant_a, receiver):
    receiver.secret = _endpoint(tenant_a, receiver.url).secret
    receiver.plan = [("sleep", 1.6)]
    for number in range(3):
        _create_candidate(tenant_a, name=f"Person {number}")

    counts = _dispatch(tenant_a)
    time.sleep(1)  # the receiver serves one request at a time: let it finish its late answer

    assert counts["retried"] == 3
    assert len(receiver.received) == 1  # the other two were not sent after the timeout
    with tenant_context(tenant_a):
        errors = sorted(Delivery.objects.values_list("last_error", flat=True))
    assert errors[-1] == "timed out"
    assert all(error.startswith("not sent: the endpoint was unreachable") for error in errors[:2])


def test_an_endpoint_down_for_a_day_fails_after_about_a_day_and_a_replay_delivers_it(
    tenant_a, closed_port_url, receiver
):
    endpoint = _endpoint(tenant_a, closed_port_url)
    receiver.secret = endpoint.secret
    _create_candidate(tenant_a)
    start = now = timezone.now()
    for _attempt in range(20):
        counts = _dispatch(tenant_a, now=now)
        delivery = _delivery(tenant_a)
        if delivery.status == DeliveryStatus.FAILED:
            break
        assert counts["retried"] == 1
        now = delivery.next_attempt_at
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 8 and delivery.last_error.startswith("could not connect")
    span = now - start
    assert timedelta(hours=15) <= span <= timedelta(hours=30), span  # "about a day"
    with tenant_context(tenant_a):
        assert Attempt.objects.filter(delivery=delivery).count() == 8
        assert Endpoint.objects.get().is_active  # one day is not "failing for days"

        services.endpoint_update(endpoint, url=receiver.url)  # the receiver is back, at its new address
        replayed = services.delivery_replay(delivery)
    assert replayed.status == DeliveryStatus.PENDING and replayed.replays == 1
    assert _dispatch(tenant_a, now=now)["succeeded"] == 1
    headers, _body, payload = receiver.received[0]
    assert payload is not None and headers["webhook-id"] == delivery.event_id  # the same id: receivers dedupe
    with tenant_context(tenant_a):
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING)
        with pytest.raises(services.WebhookError):  # a delivery still on its way is not replayed
            services.delivery_replay(Delivery.objects.get(pk=delivery.pk))


def test_an_endpoint_failing_for_days_is_disabled_and_its_admins_are_told(
    tenant_a, admin_a, recruiter_a, closed_port_url, settings
):
    endpoint = _endpoint(tenant_a, closed_port_url)
    start = timezone.now() + timedelta(seconds=1)  # each day's new delivery is due at that day's run
    day = 0
    disabled = 0
    while day <= 7 and not disabled:
        _create_candidate(tenant_a, name=f"Day {day}")  # events keep coming while the receiver is down
        disabled = _dispatch(tenant_a, now=start + timedelta(days=day))["disabled"]
        day += 1
    assert disabled == 1 and day - 1 == settings.WEBHOOKS_DISABLE_AFTER_DAYS
    with tenant_context(tenant_a):
        endpoint.refresh_from_db()
        assert not endpoint.is_active and endpoint.disabled_at is not None
        assert not Delivery.objects.filter(status=DeliveryStatus.PENDING).exists()  # failed, replayable
        told = Notification.objects.filter(kind="webhook_disabled")
        assert list(told.values_list("user_id", flat=True)) == [admin_a.pk]  # admins, not recruiters
        assert closed_port_url[:30] in told.get().title
        _create_candidate(tenant_a, name="After")
        assert not Delivery.objects.filter(
            status=DeliveryStatus.PENDING
        ).exists()  # nothing for a disabled one
        with pytest.raises(services.WebhookError):
            services.endpoint_replay_failed(endpoint)
        services.endpoint_enable(endpoint)
        assert services.endpoint_replay_failed(endpoint) == Delivery.objects.filter(endpoint=endpoint).count()


def test_a_success_ends_the_failure_streak(tenant_a, receiver):
    receiver.secret = _endpoint(tenant_a, receiver.url).secret
    receiver.plan = [503]
    _create_candidate(tenant_a)
    start = timezone.now()
    _dispatch(tenant_a, now=start)
    with tenant_context(tenant_a):
        assert Endpoint.objects.get().failing_since == start
    _dispatch(tenant_a, now=_delivery(tenant_a).next_attempt_at)
    with tenant_context(tenant_a):
        assert Endpoint.objects.get().failing_since is None


def test_private_and_loopback_addresses_are_refused_unless_the_operator_allows_them(tenant_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    for url in (
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://10.0.0.8/hooks",
        "http://169.254.169.254/latest/meta-data",
        "ftp://example.com/hooks",
        "not a url",
    ):
        with tenant_context(tenant_a), pytest.raises(services.WebhookError) as refused:
            services.endpoint_create(url=url, events=["hire.created"])
        assert refused.value.field == "url"
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant_a):
        assert services.endpoint_create(url="http://127.0.0.1:8000/hooks", events=["hire.created"]).pk


def test_unknown_or_no_events_are_refused(tenant_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    for events in ([], ["candidate.deleted"], "hire.created"):
        with tenant_context(tenant_a), pytest.raises(services.WebhookError) as refused:
            services.endpoint_create(url="http://127.0.0.1/hooks", events=events)
        assert refused.value.field == "events"


def test_retry_delay_is_exponential_with_jitter_and_capped():
    rng = random.Random(7)
    delays = [services.retry_delay(n, rng=rng).total_seconds() for n in range(1, 9)]
    bases = [30, 120, 480, 1920, 7680, 30720, 36000, 36000]
    for delay, base in zip(delays, bases, strict=True):
        assert 0.8 * base <= delay <= 1.2 * base
    assert len({round(services.retry_delay(3).total_seconds()) for _ in range(20)}) > 1  # jittered
    assert services.retry_delay(1, retry_after=7200).total_seconds() == 7200


def test_finished_deliveries_are_purged_after_the_keep_period_and_pending_ones_never(tenant_a, receiver):
    receiver.secret = _endpoint(tenant_a, receiver.url).secret
    for number in range(3):
        _create_candidate(tenant_a, name=f"Person {number}")
    _dispatch(tenant_a)
    _create_candidate(tenant_a, name="Still pending")
    later = timezone.now() + timedelta(days=31)
    with tenant_context(tenant_a):
        assert services.deliveries_purge(now=timezone.now()) == 0
        assert services.deliveries_purge(now=later) == 3
        assert list(Delivery.objects.values_list("status", flat=True)) == [DeliveryStatus.PENDING]
        assert not Attempt.objects.exists()
