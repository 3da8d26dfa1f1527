"""Real parts the engagement tests share: an SMTP server (aiosmtpd) on a loopback port, and the `smtp` fixture
that points Django's SMTP backend at it."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """aiosmtpd handler that keeps every message it accepted, the connection it came on, and refuses the
    recipients it is told to (code and text)."""

    def __init__(self, *, data_delay: float = 0.0) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.peers: list[tuple] = []
        self.mail_from_seen = 0
        self.refuse: dict[str, str] = {}
        self.data_delay = data_delay  # seconds between accepting a message's data and answering 250
        self.stall_mail_at: int | None = None  # the n-th MAIL FROM is not answered for a long time
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.mail_from_seen += 1
            stall = self.mail_from_seen == self.stall_mail_at
        if stall:
            await asyncio.sleep(30)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self.lock:
            # Accepted the moment the data is in, as a real server delivers even if the client vanishes now.
            self.messages.append(parsed)
            self.peers.append(session.peer)
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message["Message-ID"] for message in self.messages]


class SmtpServer:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink
        self.port = free_port()
        self.controller = Controller(
            sink, hostname="127.0.0.1", port=self.port, ready_timeout=10, server_hostname="smtp.test"
        )

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.controller.stop()


@pytest.fixture(autouse=True)
def _quiet_smtp_server_log():
    # aiosmtpd logs every SMTP command at INFO; the failures of these tests are clearer without it.
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)


@pytest.fixture
def smtp(settings):
    sink = SmtpSink()
    with SmtpServer(sink) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
        settings.EMAIL_USE_TLS = False
        yield sink
