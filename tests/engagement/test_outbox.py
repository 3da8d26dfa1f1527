"""The outbox with real parts: an aiosmtpd server on a loopback port receives the mail, pytest-httpserver plays
the SMS gateway. Idempotent writes, the send-time checks (suppression, status, consent, address), caps and the
send window deferring (not skipping), retries with backoff, bounces, abandoned claims, product mails."""

from __future__ import annotations

import email
import email.policy
import io
import itertools
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest
from django.core import mail
from django.core.management import call_command
from werkzeug import Response

from candidates.models import CandidateStatus, ConsentStatus
from engagement import sms
from engagement.models import (
    Campaign,
    Interaction,
    MessageKind,
    MessageStatus,
    OutboundMessage,
    Suppression,
)
from engagement.services import outbox
from engagement.services.settings import engagement_settings_update
from engagement.services.tracking import suppression_add
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification, Role
from talentpool.tenancy.notifications import notify

from ..factories import make_candidate, make_member, make_user
from .conftest import SmtpServer, SmtpSink, free_port

# Monday 3 March 2025, 11:00 in Shanghai (the tenants' default zone): inside the default 09:00–20:00 window.
MORNING = datetime(2025, 3, 3, 3, 0, tzinfo=UTC)
_numbers = itertools.count(1)


def _person(tenant, email_address: str | None = "li.na@example.test", **fields):
    fields.setdefault("full_name", "李娜")
    return make_candidate(tenant, **fields)


def _enqueue(tenant, candidate=None, *, to: str | None = None, due_at=MORNING, **fields) -> OutboundMessage:
    number = next(_numbers)
    fields.setdefault("subject", "精益生产落地案例")
    fields.setdefault("body_text", "您好，这是一个案例。")
    fields.setdefault("body_html", '<p>您好 <a href="https://example.test/case">案例</a></p>')
    fields.setdefault("links", ["https://example.test/case"])
    with tenant_context(tenant):
        return outbox.outbox_enqueue(
            idempotency_key=fields.pop("key", f"test:{number}"),
            channel=fields.pop("channel", "email"),
            to_address=to if to is not None else f"person{number}@example.test",
            candidate=candidate,
            due_at=due_at,
            **fields,
        )


def _dispatch(tenant, **kwargs) -> dict:
    kwargs.setdefault("now", MORNING)
    return outbox.dispatch_due(tenant=tenant, **kwargs)


def _reload(tenant, message) -> OutboundMessage:
    with tenant_context(tenant):
        return OutboundMessage.objects.get(pk=message.pk)


# --- writing ------------------------------------------------------------------------------------------------


def test_writing_the_same_key_twice_is_one_message_with_our_message_id_and_reply_token(tenant_a, settings):
    settings.ENGAGEMENT_REPLY_DOMAIN = "mail.alpha.test"
    candidate = _person(tenant_a)
    first = _enqueue(tenant_a, candidate, key="c1:s0:k1", to=" Li.Na@Example.test ")
    again = _enqueue(tenant_a, candidate, key="c1:s0:k1", subject="changed", to="other@example.test")
    assert (
        again.pk == first.pk
        and again.subject == "精益生产落地案例"
        and again.to_address == "Li.Na@Example.test"
    )
    assert first.message_id.startswith("<") and first.message_id.endswith("@mail.alpha.test>")
    assert len(first.reply_token) >= 16 and first.status == MessageStatus.QUEUED
    with tenant_context(tenant_a):
        assert OutboundMessage.objects.filter(idempotency_key="c1:s0:k1").count() == 1


def test_a_message_needs_a_key_and_a_known_channel(tenant_a):
    from talentpool.errors import ServiceError

    with tenant_context(tenant_a):
        with pytest.raises(ServiceError) as no_key:
            outbox.outbox_enqueue(idempotency_key=" ", channel="email", to_address="a@example.test")
        with pytest.raises(ServiceError) as bad_channel:
            outbox.outbox_enqueue(idempotency_key="k", channel="fax", to_address="a@example.test")
    assert no_key.value.field == "idempotency_key" and bad_channel.value.field == "channel"


# --- sending email ------------------------------------------------------------------------------------------


def test_due_mail_reaches_the_smtp_server_with_our_headers_both_bodies_and_is_recorded_as_sent(
    tenant_a, smtp
):
    candidate = _person(tenant_a)
    with tenant_context(tenant_a):
        campaign = Campaign.objects.create(name="精益", use_send_window=True)
    message = _enqueue(tenant_a, candidate, to="li.na@example.test", campaign=campaign)
    counts = _dispatch(tenant_a)
    assert counts["sent"] == 1 and counts["batches"] == 1
    [received] = smtp.messages
    assert received["Message-ID"] == message.message_id
    assert received["To"] == "li.na@example.test" and received["Subject"] == "精益生产落地案例"
    unsubscribe = str(received["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http") and "/e/" in unsubscribe and ", <mailto:reply+" in unsubscribe
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Reply-To"].startswith(f"reply+{message.reply_token}@")
    text = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    assert "这是一个案例" in text
    assert "https://example.test/case" not in html and "/e/" in html  # the link goes through the click URL
    stored = _reload(tenant_a, message)
    assert stored.status == MessageStatus.SENT and stored.sent_at == MORNING and stored.attempts == 1
    with tenant_context(tenant_a):
        sent = Interaction.objects.get(candidate=candidate, kind="sent")
    assert sent.message_id == message.pk and sent.campaign_id == campaign.pk and sent.channel == "email"
    # Sending again finds nothing due: a sent message is never claimed twice.
    assert _dispatch(tenant_a)["examined"] == 0 and len(smtp.messages) == 1


def test_each_batch_uses_one_smtp_connection(tenant_a, smtp, settings):
    settings.OUTBOX_BATCH_SIZE = 3
    for _ in range(7):
        _enqueue(tenant_a)
    counts = _dispatch(tenant_a)
    assert counts["sent"] == 7 and counts["batches"] == 3
    assert len(smtp.messages) == 7
    # Three connections (one per batch of 3, 3 and 1), each used for all of its batch.
    per_connection = sorted(smtp.peers.count(peer) for peer in set(smtp.peers))
    assert per_connection == [1, 3, 3]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": CandidateStatus.DO_NOT_CONTACT}, "do_not_contact"),
        ({"status": CandidateStatus.ANONYMISED}, "anonymised"),
        ({"status": CandidateStatus.MERGED}, "merged"),
        ({"status": CandidateStatus.HIRED}, "hired"),
        ({"consent_status": ConsentStatus.WITHDRAWN}, "consent_withdrawn"),
    ],
)
def test_a_candidate_who_must_not_be_contacted_at_send_time_is_skipped_with_the_reason_and_never_sent(
    tenant_a, smtp, change, reason
):
    candidate = _person(tenant_a)
    message = _enqueue(tenant_a, candidate)
    # The status changes after the message was written: the check happens when it is sent.
    with tenant_context(tenant_a):
        type(candidate).objects.filter(pk=candidate.pk).update(**change)
    counts = _dispatch(tenant_a)
    assert counts["skipped"] == 1 and counts["sent"] == 0 and smtp.messages == []
    stored = _reload(tenant_a, message)
    assert stored.status == MessageStatus.SKIPPED and stored.skip_reason == reason and stored.attempts == 0


def test_suppressed_unconsented_and_addressless_messages_are_skipped_and_system_mail_still_goes(
    tenant_a, smtp
):
    unknown_consent = _person(tenant_a)
    with tenant_context(tenant_a):
        suppression_add(channel="email", address="Gone@Example.test", reason="unsubscribed")
    suppressed = _enqueue(tenant_a, _person(tenant_a), to="gone@example.test ")
    no_address = _enqueue(tenant_a, _person(tenant_a), to="")
    unconsented = _enqueue(tenant_a, unknown_consent)
    with tenant_context(tenant_a):
        engagement_settings_update(values={"require_consent": True})
    system = _enqueue(tenant_a, kind=MessageKind.SYSTEM, to="member@alpha.test", body_html="")
    counts = _dispatch(tenant_a)
    assert counts == {**counts, "skipped": 3, "sent": 1}
    assert {m["To"] for m in smtp.messages} == {"member@alpha.test"}
    assert [_reload(tenant_a, m).skip_reason for m in (suppressed, no_address, unconsented)] == [
        "suppressed",
        "no_address",
        "no_consent",
    ]
    # A product mail has our Message-ID but no unsubscribe headers, and its body is not kept once sent.
    [received] = smtp.messages
    assert received["Message-ID"] == system.message_id and received["List-Unsubscribe"] is None
    assert _reload(tenant_a, system).body_text == ""


def test_given_consent_passes_when_the_tenant_requires_consent(tenant_a, smtp):
    candidate = _person(tenant_a, consent_status=ConsentStatus.GIVEN)
    with tenant_context(tenant_a):
        engagement_settings_update(values={"require_consent": True})
    _enqueue(tenant_a, candidate)
    assert _dispatch(tenant_a)["sent"] == 1


# --- caps and the send window -------------------------------------------------------------------------------


def test_outside_the_send_window_outreach_waits_for_the_window_in_the_tenants_time_zone(tenant_a, smtp):
    evening = datetime(2025, 3, 3, 13, 0, tzinfo=UTC)  # 21:00 in Shanghai, after the 20:00 window end
    with tenant_context(tenant_a):
        windowed = Campaign.objects.create(name="w", use_send_window=True)
        immediate = Campaign.objects.create(name="now", use_send_window=False)
    waits = _enqueue(tenant_a, _person(tenant_a), campaign=windowed, due_at=evening)
    goes = _enqueue(tenant_a, _person(tenant_a), campaign=immediate, due_at=evening)
    product = _enqueue(tenant_a, kind=MessageKind.SYSTEM, due_at=evening)
    counts = _dispatch(tenant_a, now=evening)
    assert counts["sent"] == 2 and counts["deferred"] == 1
    waiting = _reload(tenant_a, waits)
    assert waiting.status == MessageStatus.QUEUED and waiting.attempts == 0
    assert waiting.due_at == datetime(2025, 3, 4, 1, 0, tzinfo=UTC)  # 09:00 next morning in Shanghai
    assert {_reload(tenant_a, m).status for m in (goes, product)} == {MessageStatus.SENT}
    # At the window's start it goes.
    assert _dispatch(tenant_a, now=waiting.due_at)["sent"] == 1


def test_daily_caps_per_tenant_and_per_sender_defer_to_the_next_day_instead_of_skipping(tenant_a, smtp):
    sender = make_member(tenant_a, Role.RECRUITER)
    with tenant_context(tenant_a):
        engagement_settings_update(values={"daily_cap_tenant": 3, "daily_cap_sender": 2})
    by_sender = [_enqueue(tenant_a, _person(tenant_a), sender=sender) for _ in range(3)]
    others = [_enqueue(tenant_a, _person(tenant_a)) for _ in range(2)]
    system = [_enqueue(tenant_a, kind=MessageKind.SYSTEM) for _ in range(2)]
    counts = _dispatch(tenant_a)
    # Two by the sender (its cap), one more for the tenant (its cap of 3), product mails regardless.
    assert counts["sent"] == 5 and counts["deferred"] == 2 and counts["skipped"] == 0
    statuses = [_reload(tenant_a, m) for m in by_sender + others]
    deferred = [m for m in statuses if m.status == MessageStatus.QUEUED]
    assert len(deferred) == 2
    next_window = datetime(2025, 3, 4, 1, 0, tzinfo=UTC)  # tomorrow 09:00 in Shanghai
    assert all(m.due_at == next_window and m.last_error.startswith("deferred: daily_cap") for m in deferred)
    assert all(_reload(tenant_a, m).status == MessageStatus.SENT for m in system)
    assert _dispatch(tenant_a, now=next_window)["sent"] == 2


def test_the_frequency_cap_across_campaigns_defers_until_the_oldest_send_leaves_its_window(tenant_a, smtp):
    candidate = _person(tenant_a)
    with tenant_context(tenant_a):
        engagement_settings_update(values={"frequency_cap_count": 2, "frequency_cap_days": 7})
        first, second, third = (
            Campaign.objects.create(name=f"c{n}", use_send_window=False) for n in range(3)
        )
    _enqueue(tenant_a, candidate, campaign=first, due_at=MORNING - timedelta(days=3))
    assert _dispatch(tenant_a, now=MORNING - timedelta(days=3))["sent"] == 1
    _enqueue(tenant_a, candidate, campaign=second)
    capped = _enqueue(tenant_a, candidate, campaign=third)
    counts = _dispatch(tenant_a)
    assert counts["sent"] == 1 and counts["deferred"] == 1
    stored = _reload(tenant_a, capped)
    assert stored.status == MessageStatus.QUEUED and stored.last_error == "deferred: frequency_cap"
    assert stored.due_at == MORNING - timedelta(days=3) + timedelta(days=7)
    assert _dispatch(tenant_a, now=stored.due_at)["sent"] == 1


# --- failures -------------------------------------------------------------------------------------------------


def test_with_the_smtp_server_down_messages_stay_queued_with_backoff_and_go_when_it_is_back(
    tenant_a, settings
):
    port = free_port()  # nothing listens here
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    messages = [_enqueue(tenant_a, _person(tenant_a)) for _ in range(3)]
    counts = _dispatch(tenant_a)
    assert counts["sent"] == 0 and counts["retried"] == 3 and counts["connection_failed"] == 1
    for message in messages:
        stored = _reload(tenant_a, message)
        assert stored.status == MessageStatus.QUEUED and stored.sent_at is None and stored.attempts == 1
        assert stored.due_at == MORNING + timedelta(minutes=2) and "connect" in stored.last_error
    with tenant_context(tenant_a):
        assert not Interaction.objects.filter(kind="sent").exists()
    # Not due before the backoff has passed; then the server is back and every message goes once.
    assert _dispatch(tenant_a, now=MORNING + timedelta(minutes=1))["examined"] == 0
    sink = SmtpSink()
    with SmtpServer(sink) as server:
        settings.EMAIL_PORT = server.port
        assert _dispatch(tenant_a, now=MORNING + timedelta(minutes=2))["sent"] == 3
    assert sorted(sink.message_ids()) == sorted(m.message_id for m in messages)


def test_a_permanent_refusal_bounces_suppresses_and_records_a_bounce_and_a_temporary_one_retries(
    tenant_a, smtp
):
    smtp.refuse["nobody@example.test"] = "550 5.1.1 No such user"
    smtp.refuse["busy@example.test"] = "451 4.3.0 Try again later"
    candidate = _person(tenant_a)
    gone = _enqueue(tenant_a, candidate, to="nobody@example.test")
    busy = _enqueue(tenant_a, _person(tenant_a), to="busy@example.test")
    fine = _enqueue(tenant_a, _person(tenant_a), to="fine@example.test")
    counts = _dispatch(tenant_a)
    assert (counts["bounced"], counts["retried"], counts["sent"]) == (1, 1, 1)
    bounced = _reload(tenant_a, gone)
    assert (
        bounced.status == MessageStatus.BOUNCED
        and bounced.bounced_at == MORNING
        and "550" in bounced.last_error
    )
    with tenant_context(tenant_a):
        assert Suppression.objects.get(address="nobody@example.test").reason == "hard_bounce"
        assert (
            Interaction.objects.filter(candidate=candidate, kind="bounced", message_id=gone.pk).count() == 1
        )
    retried = _reload(tenant_a, busy)
    assert retried.status == MessageStatus.QUEUED and retried.due_at == MORNING + timedelta(minutes=2)
    assert "451" in retried.last_error
    assert _reload(tenant_a, fine).status == MessageStatus.SENT
    # The next message to the bounced address is skipped before it reaches the server.
    again = _enqueue(tenant_a, candidate, to="nobody@example.test")
    _dispatch(tenant_a)
    assert _reload(tenant_a, again).skip_reason == "suppressed"


def test_backoff_doubles_and_a_message_fails_after_the_last_attempt(tenant_a, smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp.refuse["busy@example.test"] = "421 4.7.0 Busy"
    message = _enqueue(tenant_a, to="busy@example.test")
    now = MORNING
    delays = []
    for _ in range(3):
        _dispatch(tenant_a, now=now)
        stored = _reload(tenant_a, message)
        if stored.status != MessageStatus.QUEUED:
            break
        delays.append(stored.due_at - now)
        now = stored.due_at
    assert delays == [timedelta(minutes=2), timedelta(minutes=4)]
    assert stored.status == MessageStatus.FAILED and stored.attempts == 3 and "421" in stored.last_error


# --- abandoned claims -----------------------------------------------------------------------------------------


def test_claims_of_a_dead_worker_are_queued_again_after_the_lease_and_only_the_in_flight_one_is_ambiguous(
    tenant_a, smtp, settings
):
    settings.OUTBOX_LEASE_SECONDS = 600
    untouched, in_flight = _enqueue(tenant_a), _enqueue(tenant_a)
    claimed_at = MORNING - timedelta(minutes=11)
    with tenant_context(tenant_a):
        # What a worker killed mid-batch leaves: both claimed, the second one handed to the server.
        OutboundMessage.objects.filter(pk__in=[untouched.pk, in_flight.pk]).update(
            status=MessageStatus.SENDING, claimed_at=claimed_at, attempts=1
        )
        OutboundMessage.objects.filter(pk=in_flight.pk).update(sent_at=claimed_at)
    assert _dispatch(tenant_a, now=MORNING - timedelta(minutes=2))["examined"] == 0  # the lease still runs
    counts = _dispatch(tenant_a)
    assert (counts["recovered"], counts["ambiguous"], counts["sent"]) == (1, 1, 2)
    assert _reload(tenant_a, untouched).attempts == 1  # its abandoned claim was not counted as an attempt
    # The re-sent one keeps its Message-ID, so a receiver that got it already can tell it is the same mail.
    assert sorted(smtp.message_ids()) == sorted([untouched.message_id, in_flight.message_id])


def test_with_resending_of_ambiguous_messages_off_the_in_flight_one_fails_instead(tenant_a, smtp, settings):
    settings.OUTBOX_RESEND_AMBIGUOUS = False
    message = _enqueue(tenant_a)
    with tenant_context(tenant_a):
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING,
            claimed_at=MORNING - timedelta(hours=1),
            sent_at=MORNING - timedelta(hours=1),
        )
    counts = _dispatch(tenant_a)
    assert counts["ambiguous"] == 1 and counts["sent"] == 0 and smtp.messages == []
    stored = _reload(tenant_a, message)
    assert stored.status == MessageStatus.FAILED and "may have been delivered" in stored.last_error


def test_messages_of_a_paused_campaign_are_held(tenant_a, smtp):
    with tenant_context(tenant_a):
        paused = Campaign.objects.create(name="p", status="paused", use_send_window=False)
    held = _enqueue(tenant_a, _person(tenant_a), campaign=paused)
    assert _dispatch(tenant_a)["examined"] == 0
    assert _reload(tenant_a, held).status == MessageStatus.QUEUED


# --- SMS ----------------------------------------------------------------------------------------------------


@pytest.fixture
def gateway(httpserver, settings):
    settings.SMS_BACKEND = "engagement.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = httpserver.url_for("/send")
    settings.SMS_GATEWAY_TOKEN = "gateway-secret"
    settings.SMS_GATEWAY_RETRIES, settings.SMS_GATEWAY_MAX_WAIT, settings.SMS_GATEWAY_TIMEOUT = 2, 2, 5
    return httpserver


def test_sms_goes_through_the_http_gateway_after_a_429_with_retry_after(tenant_a, gateway):
    answers = iter(
        [
            Response("slow down", status=429, headers={"Retry-After": "1"}),
            Response('{"id": "gw-1"}', status=200, content_type="application/json"),
        ]
    )
    seen = []

    def handler(request):
        seen.append((time.monotonic(), request.headers.get("Authorization"), request.get_json()))
        return next(answers)

    gateway.expect_request("/send", method="POST").respond_with_handler(handler)
    message = _enqueue(
        tenant_a, _person(tenant_a), channel="sms", to="+8613800138000", body_text="您好，案例见链接"
    )
    counts = _dispatch(tenant_a)
    assert counts["sent"] == 1 and len(seen) == 2
    assert seen[1][0] - seen[0][0] >= 0.9  # Retry-After honoured
    assert seen[1][1] == "Bearer gateway-secret"
    assert seen[1][2] == {"to": "+8613800138000", "body": "您好，案例见链接", "reference": message.message_id}
    assert _reload(tenant_a, message).status == MessageStatus.SENT
    with tenant_context(tenant_a):
        assert Interaction.objects.get(message_id=message.pk, kind="sent").channel == "sms"


def test_a_gateway_failing_with_500_leaves_the_sms_queued_for_a_retry(tenant_a, gateway):
    gateway.expect_request("/send", method="POST").respond_with_data("down", status=500)
    message = _enqueue(tenant_a, _person(tenant_a), channel="sms", to="+8613800138001")
    counts = _dispatch(tenant_a)
    assert counts["retried"] == 1 and counts["sent"] == 0
    assert len(gateway.log) == 3  # the first try and two retries
    stored = _reload(tenant_a, message)
    assert stored.status == MessageStatus.QUEUED and "HTTP 500" in stored.last_error


def test_a_gateway_refusing_the_number_bounces_and_suppresses_it(tenant_a, gateway):
    gateway.expect_request("/send", method="POST").respond_with_data(
        '{"error": "invalid number"}', status=400
    )
    message = _enqueue(tenant_a, _person(tenant_a), channel="sms", to="+8613800138002")
    assert _dispatch(tenant_a)["bounced"] == 1
    assert _reload(tenant_a, message).status == MessageStatus.BOUNCED
    with tenant_context(tenant_a):
        assert Suppression.objects.filter(channel="sms", address="+8613800138002").exists()


def test_a_retry_after_longer_than_the_backend_waits_is_left_to_the_outbox(httpserver):
    httpserver.expect_request("/send").respond_with_data("later", status=429, headers={"Retry-After": "3600"})
    waits = []
    backend = sms.HttpGatewayBackend(
        url=httpserver.url_for("/send"), token="", timeout=5, retries=3, max_wait=30, sleep=waits.append
    )
    with pytest.raises(sms.SmsTemporaryError, match="429"):
        backend.send(to="+8613800138000", body="x", reference="<r@x>")
    assert waits == [] and len(httpserver.log) == 1


def test_the_console_backend_writes_the_sms():
    stream = io.StringIO()
    sms.ConsoleBackend(stream=stream).send(to="+8613800138000", body="你好", reference="<r@x>")
    assert "+8613800138000" in stream.getvalue() and "你好" in stream.getvalue()


# --- product mails ------------------------------------------------------------------------------------------


def test_a_notification_is_written_to_the_outbox_in_its_transaction_and_sent_by_the_dispatcher(
    tenant_a, recruiter_a, smtp, django_capture_on_commit_callbacks, monkeypatch
):
    kicked = []
    monkeypatch.setattr(outbox, "outbox_kick", kicked.append)
    with django_capture_on_commit_callbacks(execute=True):
        with tenant_context(tenant_a):
            notification = notify(recruiter_a, kind="shortlist_decision", title="决定已做出", body="Approved")
    assert smtp.messages == [] and kicked == [tenant_a.pk]  # nothing sent in the request; a worker is asked
    with tenant_context(tenant_a):
        row = OutboundMessage.objects.get(idempotency_key=f"system:notification:{notification.pk}")
    assert (
        row.kind == MessageKind.SYSTEM
        and row.user_id == recruiter_a.pk
        and row.to_address == recruiter_a.email
    )
    outbox.dispatch_all_tenants()
    assert [m["Subject"] for m in smtp.messages] == ["决定已做出"]


def test_a_rolled_back_notification_sends_nothing(tenant_a, recruiter_a):
    from django.db import transaction

    with pytest.raises(RuntimeError):
        with transaction.atomic(), tenant_context(tenant_a):
            notify(recruiter_a, kind="x", title="never")
            raise RuntimeError("undo")
    with tenant_context(tenant_a):
        assert not OutboundMessage.objects.exists() and not Notification.objects.exists()


def test_password_reset_goes_through_the_members_tenant_outbox_and_directly_only_without_a_tenant(
    client, tenant_a, admin_a, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(outbox, "outbox_kick", lambda tenant_id: None)
    assert client.post("/accounts/password-reset/", {"email": admin_a.email}).status_code == 302
    assert mail.outbox == []  # not in the request
    with tenant_context(tenant_a):
        assert OutboundMessage.objects.filter(kind=MessageKind.SYSTEM, to_address=admin_a.email).count() == 1
    outbox.dispatch_all_tenants()
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body

    loner = make_user("loner@example.test")
    assert client.post("/accounts/password-reset/", {"email": loner.email}).status_code == 302
    assert [m.to for m in mail.outbox[1:]] == [[loner.email]]


def test_dispatch_outbox_once_sends_what_is_due_for_every_tenant(tenant_a, tenant_b, smtp):
    now_due = datetime.now(UTC) - timedelta(minutes=1)
    with tenant_context(tenant_a):
        engagement_settings_update(
            values={"send_window_start": clock_time(0, 0), "send_window_end": clock_time(0, 0)}
        )
    with tenant_context(tenant_b):
        engagement_settings_update(
            values={"send_window_start": clock_time(0, 0), "send_window_end": clock_time(0, 0)}
        )
    first = _enqueue(tenant_a, _person(tenant_a), due_at=now_due)
    second = _enqueue(tenant_b, _person(tenant_b), due_at=now_due)
    later = _enqueue(tenant_b, _person(tenant_b), due_at=datetime.now(UTC) + timedelta(hours=1))
    out = io.StringIO()
    call_command("dispatch_outbox", "--once", stdout=out)
    assert sorted(smtp.message_ids()) == sorted([first.message_id, second.message_id])
    assert '"sent": 2' in out.getvalue()
    assert _reload(tenant_b, later).status == MessageStatus.QUEUED


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        "a  b",
        "a b ",
        " a",
        "\ta",
        "x" * 60,
        "x" * 80,
        "a b c " * 12,
        "<0123abcd@reply.example>",
        "List-Unsubscribe=One-Click",
        "=?utf-8?b?5L2g5aW9?=",
        "mailto:reply+ab12@example.test?subject=unsubscribe",
        "<https://example.test/e/u/abc:1:def>, <mailto:reply+ab12@example.test?subject=unsubscribe>",
        "精益生产",
    ],
)
@pytest.mark.parametrize("name", ["Subject", "To", "List-Unsubscribe-Post"])
def test_the_dispatchers_header_folding_writes_every_header_exactly_as_compat32_does(name, value):
    expected = email.policy.compat32.clone(linesep="\r\n").fold_binary(name, value)
    assert outbox._FAST_FOLDING.clone(linesep="\r\n").fold_binary(name, value) == expected


@pytest.mark.parametrize(
    "address",
    [
        "person1@example.test",
        "a.b+c@ex-ample.co",
        "O'Neil@example.test",
        "张三@例子.测试",
        "Name <name@example.test>",
        "a..b@example.test",
    ],
)
def test_the_envelope_addresses_are_what_djangos_smtp_backend_would_send(address):
    from django.core.mail.message import sanitize_address

    assert outbox._envelope_address(address, "utf-8") == sanitize_address(address, "utf-8")
