"""Sending one signed delivery over HTTP, and refusing URLs that point into private networks.

A webhook URL is typed by a tenant's admin, so it must not become a way to reach our own network: its host is
resolved and every address must be public (not private, loopback, link-local, multicast or reserved) unless
the operator allows private networks (``WEBHOOKS_ALLOW_PRIVATE_NETWORKS``, for tests and on-premise HRIS).
Redirects are never followed (a redirect is a failed attempt, shown with its status code).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

USER_AGENT = "TalentPool-Webhooks/1"
EXCERPT = 500


class UnsafeUrl(ValueError):
    """The URL's host is not allowed (a private address, a bad scheme, unresolvable)."""


def check_url(url: str) -> None:
    """Raise UnsafeUrl unless ``url`` is http(s) with a host whose every address is public (or private networks
    are allowed by the operator)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl(_("Enter an http:// or https:// URL."))
    if settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS:
        return
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError):
        raise UnsafeUrl(_("The host %(host)s could not be resolved.") % {"host": parts.hostname}) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            raise UnsafeUrl(
                _(
                    "%(host)s resolves to a private or local address (%(address)s): webhooks go to "
                    "public addresses only."
                )
                % {"host": parts.hostname, "address": address}
            )


@dataclass
class Outcome:
    status_code: int | None
    error: str
    excerpt: str
    duration_ms: int
    retry_after_seconds: float | None = None
    unreachable: bool = False  # no answer at all (refused, timed out): the endpoint's other deliveries wait

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def retry_after(value: str | None, now_epoch: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now_epoch)


def post(url: str, *, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST one delivery. Never raises: every failure is an Outcome with its error."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        check_url(url)
    except UnsafeUrl as exc:
        return Outcome(None, str(exc)[:500], "", 0)
    try:
        response = requests.post(
            url,
            data=body,
            allow_redirects=False,
            stream=True,
            timeout=(settings.WEBHOOKS_CONNECT_TIMEOUT_SECONDS, settings.WEBHOOKS_READ_TIMEOUT_SECONDS),
            headers={**headers, "content-type": "application/json", "user-agent": USER_AGENT},
        )
    except requests.Timeout:
        return Outcome(None, "timed out", "", elapsed(), unreachable=True)
    except requests.ConnectionError as exc:
        return Outcome(None, f"could not connect: {type(exc).__name__}", "", elapsed(), unreachable=True)
    except requests.RequestException as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc}"[:500], "", elapsed())
    try:
        excerpt = response.raw.read(EXCERPT, decode_content=True) or b""
    except Exception:  # noqa: BLE001 - the answer's status is what counts; the excerpt is a courtesy
        excerpt = b""
    finally:
        response.close()
    return Outcome(
        response.status_code,
        "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}",
        excerpt.decode("utf-8", "replace")[:EXCERPT],
        elapsed(),
        retry_after_seconds=retry_after(response.headers.get("Retry-After"), time.time()),
    )
