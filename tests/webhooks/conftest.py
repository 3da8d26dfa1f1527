"""A real webhook receiver for the tests: pytest-httpserver on loopback, verifying every request with the
reference Standard Webhooks library (``standardwebhooks``), not with the product's own signing code."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass, field

import pytest
from standardwebhooks import Webhook, WebhookVerificationError
from werkzeug import Response


@dataclass
class Receiver:
    """Answers each request with the next planned answer (then 200s) and records what it got."""

    server: object
    secret: str = ""
    plan: list = field(default_factory=list)  # items: status code, (status, headers), or ("sleep", seconds)
    received: list = field(default_factory=list)  # (headers, body, verified payload or None)

    @property
    def url(self) -> str:
        return self.server.url_for("/hooks")

    def handle(self, request):
        body = request.get_data()
        headers = {key.lower(): value for key, value in request.headers.items()}
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            payload = None
        self.received.append((headers, body, payload))
        answer = self.plan.pop(0) if self.plan else 200
        if isinstance(answer, tuple) and answer[0] == "sleep":
            time.sleep(answer[1])
            return Response("late", status=200)
        status, extra = (answer, {}) if isinstance(answer, int) else answer
        return Response(
            json.dumps({"ok": status < 300}), status=status, headers=extra, content_type="application/json"
        )

    @property
    def verified(self) -> list:
        return [payload for _headers, _body, payload in self.received if payload is not None]


@pytest.fixture
def receiver(httpserver, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver is on loopback: allowed explicitly
    settings.WEBHOOKS_READ_TIMEOUT_SECONDS = 1
    settings.WEBHOOKS_CONNECT_TIMEOUT_SECONDS = 1
    state = Receiver(server=httpserver)
    httpserver.expect_request("/hooks", method="POST").respond_with_handler(state.handle)
    return state


@pytest.fixture
def closed_port_url(settings):
    """A loopback URL where nothing listens (a receiver that is down)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"
