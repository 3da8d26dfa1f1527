"""A real ``dispatch_outbox`` process SIGKILLed in the middle of a batch, against a real SMTP server; then the
dispatcher runs again. Every message arrives; none twice when the kill lands between two messages; when it
lands while the server holds a message it already accepted (the one case SMTP cannot make safe), exactly that
one message — the one the outbox marked in flight — arrives a second time, with the same Message-ID."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from engagement.models import Interaction, InteractionKind, MessageStatus, OutboundMessage
from engagement.services import outbox
from engagement.services.settings import engagement_settings_update
from talentpool.tenancy.context import tenant_context

from ..factories import make_candidate, make_tenant
from .conftest import SmtpServer, SmtpSink

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 30
BATCH = 10
LEASE_SECONDS = 2


@pytest.fixture(autouse=True)
def _quiet_smtp_server_log():
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)


@pytest.fixture
def queued(transactional_db):
    """A tenant with 30 due messages (committed, so another process sees them); their Message-IDs in order."""
    return _queue(campaign=False)


@pytest.fixture
def queued_campaign(transactional_db):
    """The same 30 messages as a running campaign's outreach (their ``sent`` interactions are written per batch)."""
    return _queue(campaign=True)


def _queue(*, campaign: bool):
    from datetime import time as clock_time

    from engagement.models import Campaign, CampaignStatus

    tenant = make_tenant("Kill 测试", slug="kill")
    with tenant_context(tenant):
        # The whole day is the send window, so the test does not depend on the hour it runs at.
        engagement_settings_update(
            values={
                "send_window_start": clock_time(0, 0),
                "send_window_end": clock_time(0, 0),
                "frequency_cap_count": 0,
            }
        )
        running = (
            Campaign.objects.create(name="Kill 活动", status=CampaignStatus.RUNNING, use_send_window=False)
            if campaign
            else None
        )
    ids = []
    for number in range(MESSAGES):
        candidate = make_candidate(tenant, full_name=f"候选人 {number}")
        with tenant_context(tenant):
            message = outbox.outbox_enqueue(
                idempotency_key=f"kill:{number}",
                channel="email",
                to_address=f"person{number}@example.test",
                candidate=candidate,
                campaign=running,
                subject=f"案例 {number}",
                body_text="您好",
                body_html="<p>您好</p>",
            )
        ids.append(message.message_id)
    return tenant, ids


def _dispatcher(port: int) -> subprocess.Popen:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "OUTBOX_BATCH_SIZE": str(BATCH),
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "dispatch_outbox", "--once"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _kill_when(process: subprocess.Popen, condition, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(
                f"the dispatcher ended before the kill: {process.stdout.read().decode(errors='replace')}"
            )
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the dispatcher did not get far enough to be killed")
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def _rows(tenant) -> list[OutboundMessage]:
    with tenant_context(tenant):
        return list(OutboundMessage.objects.order_by("id"))


def _run_again(port: int) -> str:
    time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's claim must expire first
    process = _dispatcher(port)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output.decode(errors="replace")
    return output.decode(errors="replace")


def test_a_dispatcher_killed_between_two_messages_loses_none_and_sends_none_twice(queued):
    tenant, message_ids = queued
    sink = SmtpSink()
    sink.stall_mail_at = (
        13  # the server sits on the 13th MAIL FROM: message 12 is done, 13 not yet handed over
    )
    with SmtpServer(sink) as server:
        process = _dispatcher(server.port)
        _kill_when(process, lambda: sink.mail_from_seen >= 13)

        rows = _rows(tenant)
        by_status = Counter(row.status for row in rows)
        assert by_status == {MessageStatus.SENT: 12, MessageStatus.SENDING: 8, MessageStatus.QUEUED: 10}
        assert [row.message_id for row in rows if row.status == MessageStatus.SENT] == sink.message_ids()

        sink.stall_mail_at = None
        output = _run_again(server.port)

    received = Counter(sink.message_ids())
    assert set(received) == set(message_ids)  # none lost
    assert max(received.values()) == 1, output  # none twice
    assert {row.status for row in _rows(tenant)} == {MessageStatus.SENT}


def test_a_dispatcher_killed_while_the_server_holds_a_message_resends_only_that_one_with_its_message_id(
    queued,
):
    tenant, message_ids = queued
    # The server takes every message's data at once but answers 250 only after a pause: a kill in the pause is
    # the one moment SMTP cannot make safe (the server has the mail; the sender never heard so).
    sink = SmtpSink(data_delay=0.3)
    with SmtpServer(sink) as server:
        process = _dispatcher(server.port)
        _kill_when(process, lambda: len(sink.messages) >= 13)

        rows = _rows(tenant)
        in_flight = [row for row in rows if row.status == MessageStatus.SENDING and row.sent_at is not None]
        assert Counter(row.status for row in rows)[MessageStatus.SENT] == 12
        assert [row.message_id for row in in_flight] == [sink.message_ids()[12]]  # exactly one is ambiguous

        sink.data_delay = 0
        output = _run_again(server.port)

    received = Counter(sink.message_ids())
    assert set(received) == set(message_ids), output  # none lost
    twice = [message_id for message_id, count in received.items() if count > 1]
    # At most the one in-flight message arrives again, with the same Message-ID, so receivers can drop it.
    assert twice == [in_flight[0].message_id] and received[twice[0]] == 2
    assert sum(received.values()) == MESSAGES + 1
    assert '"ambiguous": 1' in output
    assert {row.status for row in _rows(tenant)} == {MessageStatus.SENT}


def test_sent_interactions_a_killed_batch_had_not_written_yet_are_recorded_by_the_next_run(queued_campaign):
    tenant, message_ids = queued_campaign
    sink = SmtpSink()
    sink.stall_mail_at = 13  # killed between messages 12 and 13: 11 and 12 sent in the second batch
    with SmtpServer(sink) as server:
        process = _dispatcher(server.port)
        _kill_when(process, lambda: sink.mail_from_seen >= 13)

        with tenant_context(tenant):
            sent_ids = set(
                OutboundMessage.objects.filter(status=MessageStatus.SENT).values_list("id", flat=True)
            )
            recorded = set(
                Interaction.objects.filter(kind=InteractionKind.SENT).values_list("message_id", flat=True)
            )
        assert len(sent_ids) == 12
        # The first batch wrote its interactions with its last mark; the killed one had not written its own yet.
        assert len(recorded) == 10 and recorded < sent_ids

        sink.stall_mail_at = None
        _run_again(server.port)

    assert Counter(sink.message_ids()) == Counter(message_ids)  # every message once
    with tenant_context(tenant):
        sent = list(OutboundMessage.objects.filter(status=MessageStatus.SENT))
        interactions = Counter(
            Interaction.objects.filter(kind=InteractionKind.SENT).values_list("message_id", flat=True)
        )
    assert len(sent) == MESSAGES
    assert interactions == Counter({row.pk: 1 for row in sent})  # one ``sent`` interaction per sent message
