"""The HTTP layer against a real local server: the address check (before and after DNS), retries with
back-off, Retry-After, timeouts, broken JSON, refused credentials and the rate limit shared through Redis."""

from __future__ import annotations

import time

import pytest
from werkzeug import Response

from connectors.transport import (
    Client,
    ConnectorError,
    CredentialsRefused,
    FetchError,
    checked_session,
    retry_after_seconds,
    url_check,
)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/feed",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://192.168.0.10/",
        "http://localhost:8000/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused_unless_allowed(settings, url):
    settings.CONNECTOR_ALLOWED_NETWORKS = []
    with pytest.raises(ConnectorError) as refused:
        url_check(url)
    assert refused.value.code == "address_refused"
    assert refused.value.field == "base_url"


def test_an_operator_allowed_network_is_reachable(settings):
    settings.CONNECTOR_ALLOWED_NETWORKS = ["10.1.0.0/16"]
    assert url_check("http://10.1.2.3/feed") == "http://10.1.2.3/feed"
    with pytest.raises(ConnectorError):
        url_check("http://10.2.0.1/feed")


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "file:///etc/passwd", "http://user:pw@example.com/", ""]
)
def test_addresses_that_are_not_plain_http_are_refused(url):
    with pytest.raises(ConnectorError):
        url_check(url)


def test_the_connected_socket_is_checked_too(settings, httpserver):
    # A name that resolved to a public address for the check and to loopback for the connection (rebinding)
    # still meets the check on the socket's peer address.
    httpserver.expect_request("/x").respond_with_data("secret")
    settings.CONNECTOR_ALLOWED_NETWORKS = []
    with pytest.raises(ConnectorError):
        checked_session().get(httpserver.url_for("/x"), timeout=2)


def test_500s_are_retried_and_the_answer_arrives(httpserver):
    answers = iter(
        [
            Response(status=500),
            Response(status=502),
            Response('{"ok": true}', content_type="application/json"),
        ]
    )
    httpserver.expect_request("/flaky").respond_with_handler(lambda request: next(answers))
    client = Client(limiter_key="test:flaky", rate_limit=100)
    assert client.get_json(httpserver.url_for("/flaky")) == {"ok": True}
    assert client.stats["requests"] == 3 and client.stats["retries"] == 2


def test_a_429_waits_as_long_as_retry_after_says(httpserver):
    answers = iter(
        [Response(status=429, headers={"Retry-After": "1"}), Response("[]", content_type="application/json")]
    )
    httpserver.expect_request("/slow").respond_with_handler(lambda request: next(answers))
    client = Client(limiter_key="test:slow", rate_limit=100)
    started = time.monotonic()
    assert client.get_json(httpserver.url_for("/slow")) == []
    assert time.monotonic() - started >= 0.95
    assert client.stats["throttled"] == 1


def test_a_source_that_keeps_failing_gives_up_after_the_attempts(settings, httpserver):
    httpserver.expect_request("/down").respond_with_data("no", status=503)
    client = Client(limiter_key="test:down", rate_limit=100)
    with pytest.raises(FetchError) as failed:
        client.get_json(httpserver.url_for("/down"))
    assert "3 attempts" in str(failed.value)
    assert len(httpserver.log) == settings.CONNECTOR_MAX_ATTEMPTS


def test_a_source_that_hangs_times_out(settings, httpserver):
    settings.CONNECTOR_MAX_ATTEMPTS = 1

    def hang(request):
        time.sleep(1.5)
        return Response("[]")

    httpserver.expect_request("/hang").respond_with_handler(hang)
    client = Client(limiter_key="test:hang", rate_limit=100, timeout=0.3)
    with pytest.raises(FetchError) as failed:
        client.get_json(httpserver.url_for("/hang"))
    assert "did not answer" in str(failed.value)


def test_broken_json_is_an_error_not_a_crash(httpserver):
    httpserver.expect_request("/broken").respond_with_data('{"items": [', content_type="application/json")
    with pytest.raises(FetchError):
        Client(limiter_key="test:broken", rate_limit=100).get_json(httpserver.url_for("/broken"))


def test_refused_credentials_are_not_retried(httpserver):
    httpserver.expect_request("/private").respond_with_data("no", status=401)
    with pytest.raises(CredentialsRefused):
        Client(limiter_key="test:private", rate_limit=100).get_json(httpserver.url_for("/private"))
    assert len(httpserver.log) == 1


def test_the_rate_limit_is_shared_by_every_client_of_a_source(httpserver):
    httpserver.expect_request("/limited").respond_with_data("[]", content_type="application/json")
    first = Client(limiter_key="test:shared", rate_limit=2)
    second = Client(limiter_key="test:shared", rate_limit=2)
    started = time.monotonic()
    for _ in range(3):
        first.get_json(httpserver.url_for("/limited"))
        second.get_json(httpserver.url_for("/limited"))
    # Six requests at two per second across both clients need at least two window changes.
    assert time.monotonic() - started >= 1.0
    assert first.stats["waited"] + second.stats["waited"] > 0


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds("7") == 7
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds("soon") is None
