"""Sending SMS: one small interface, a console backend for development and an HTTP gateway backend.

``get_backend()`` returns the backend named by ``settings.SMS_BACKEND``. A backend's ``send(to=, body=,
reference=)`` returns the gateway's id for the message, or raises:

- ``SmsRejected``: the gateway refused this message for good (bad number, blocked recipient, 4xx other than
  429). The outbox marks it bounced and suppresses the number.
- ``SmsTemporaryError``: the gateway could not take it now (timeout, connection refused, 5xx or 429 still
  failing after the retries). The outbox retries the message later with backoff.

The HTTP gateway speaks a small JSON dialect most SMS aggregators offer or can be fronted with:
``POST SMS_GATEWAY_URL`` with ``Authorization: Bearer SMS_GATEWAY_TOKEN`` and ``{"to", "body", "reference"}``;
a 2xx answer may carry ``{"id": "..."}``. ``reference`` is the outbox's Message-ID, so a gateway that
deduplicates by reference turns a re-send after a crash into one SMS.
"""

from __future__ import annotations

import email.utils
import json
import logging
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """Base of SMS sending errors."""


class SmsRejected(SmsError):
    """The gateway refused the message permanently."""


class SmsTemporaryError(SmsError):
    """The gateway could not take the message now; try again later."""


class SmsBackend:
    """Interface of SMS backends."""

    def send(self, *, to: str, body: str, reference: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """Writes each message to a stream (stdout by default), like Django's console email backend."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str, reference: str) -> str:
        self.stream.write(f"SMS to {to} [{reference}]\n{body}\n{'-' * 40}\n")
        self.stream.flush()
        return reference


class HttpGatewayBackend(SmsBackend):
    """POSTs each message to an HTTP gateway; retries 5xx and 429, honouring ``Retry-After``."""

    def __init__(
        self,
        *,
        url: str | None = None,
        token: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_wait: float | None = None,
        sleep=time.sleep,
    ) -> None:
        self.url = url if url is not None else settings.SMS_GATEWAY_URL
        self.token = token if token is not None else settings.SMS_GATEWAY_TOKEN
        self.timeout = timeout if timeout is not None else settings.SMS_GATEWAY_TIMEOUT
        self.retries = retries if retries is not None else settings.SMS_GATEWAY_RETRIES
        # A Retry-After longer than this is not waited for in the worker: the outbox retries the message later.
        self.max_wait = max_wait if max_wait is not None else settings.SMS_GATEWAY_MAX_WAIT
        self.sleep = sleep
        if not self.url:
            raise SmsTemporaryError("SMS_GATEWAY_URL is not set.")

    def send(self, *, to: str, body: str, reference: str) -> str:
        payload = json.dumps({"to": to, "body": body, "reference": reference}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        last_error = ""
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _gateway_id(response.read(), default=reference)
            except urllib.error.HTTPError as error:
                detail = _short(error.read())
                if error.code != 429 and error.code < 500:
                    raise SmsRejected(f"gateway refused the message: HTTP {error.code} {detail}") from error
                last_error = f"HTTP {error.code} {detail}"
                wait = _retry_after(error.headers.get("Retry-After"), default=2.0**attempt)
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last_error = f"gateway unreachable: {getattr(error, 'reason', error)}"
                wait = 2.0**attempt
            if attempt == self.retries or wait > self.max_wait:
                break
            logger.info("SMS gateway answered %s; retrying in %.1f s", last_error, wait)
            self.sleep(wait)
        raise SmsTemporaryError(last_error or "gateway failed")


def get_backend() -> SmsBackend:
    """The backend named by ``settings.SMS_BACKEND``, constructed with its defaults from settings."""
    return import_string(settings.SMS_BACKEND)()


def _retry_after(value: str | None, *, default: float) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); ``default`` without one."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _gateway_id(raw: bytes, *, default: str) -> str:
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return default
    return str(answer.get("id") or default) if isinstance(answer, dict) else default


def _short(raw: bytes) -> str:
    return raw[:200].decode("utf-8", errors="replace").strip()
