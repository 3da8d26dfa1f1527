"""Talking to a source over HTTP: the address check, the shared rate limit, retries and their back-off.

- **Addresses**: a connector URL must be http(s) and every address its host resolves to must be public unless
  it lies in settings.CONNECTOR_ALLOWED_NETWORKS. The check runs again on the connected socket's peer address,
  so a name that resolves to a public address for the check and a private one for the request (DNS rebinding)
  is refused too.
- **Rate limit**: requests to one source share a window counter in Redis, so all workers together stay under the
  source's ``rate_limit`` (requests per second); a 429's ``Retry-After`` pauses every worker of that source.
- **Retries**: timeouts, connection errors, 5xx and 429 are retried with exponential back-off and full jitter
  (a random wait up to base × 2^attempt), at most settings.CONNECTOR_MAX_ATTEMPTS times; then the request fails
  with ``FetchError`` and the sync keeps its cursor at that page. 401 and 403 fail at once with
  ``CredentialsRefused``: retrying refused credentials only gets an account locked.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import random
import socket
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from talentpool.errors import ServiceError

USER_AGENT = "TalentPool-Connector/1.0"


class ConnectorError(ServiceError):
    """A source that cannot be used as configured (refused address, bad configuration)."""


class FetchError(ConnectorError):
    """A request that failed after its retries (or with an answer that cannot be read)."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message, field="base_url", code="fetch_failed")
        self.status = status


class CredentialsRefused(FetchError):
    """The source refused the credentials (401/403)."""


# ------------------------------------------------------------------------------------------- the address check


def _allowed_networks() -> list:
    return [
        ipaddress.ip_network(cidr.strip(), strict=False)
        for cidr in settings.CONNECTOR_ALLOWED_NETWORKS
        if cidr.strip()
    ]


def address_allowed(address: str) -> bool:
    """Whether a connector may connect to ``address``: a public one, or one inside an allowed network."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks()):
        return True
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def url_check(url: str) -> str:
    """``url`` when it is http(s) and its host resolves only to addresses a connector may reach; else
    ConnectorError with a message for the person who configured it. Resolves the name (DNS)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConnectorError(_("Enter an http:// or https:// address."), field="base_url")
    if parts.username or parts.password:
        raise ConnectorError(
            _("Put credentials in the authentication settings, not in the address."), field="base_url"
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        raise ConnectorError(
            _("The host %(host)s could not be found.") % {"host": parts.hostname}, field="base_url"
        ) from None
    for info in infos:
        address = info[4][0]
        if not address_allowed(address):
            raise ConnectorError(
                _(
                    "%(host)s resolves to %(address)s, a private, loopback or link-local address; connectors may "
                    "reach it only when the operator allows that network."
                )
                % {"host": parts.hostname, "address": address},
                field="base_url",
                code="address_refused",
            )
    return url


def _check_peer(sock) -> None:
    address = sock.getpeername()[0]
    if not address_allowed(address):
        sock.close()
        raise ConnectorError(
            _("The connection went to %(address)s, which connectors may not reach.") % {"address": address},
            field="base_url",
            code="address_refused",
        )


class _CheckedHTTPConnection(HTTPConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock)


class _CheckedHTTPSConnection(HTTPSConnection):
    def connect(self):
        super().connect()
        _check_peer(self.sock)


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


def checked_session() -> requests.Session:
    """A requests session whose connections refuse addresses connectors may not reach; no redirects followed
    to other hosts without the same check (every connection is checked)."""
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment: the checked address is the one connected to
    adapter = _CheckedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = 3
    return session


# ------------------------------------------------------------------------------------------- the rate limit


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


class RateLimiter:
    """At most ``per_second`` requests per second to one source across every worker (a one-second window
    counter in Redis), and a shared pause after a 429."""

    def __init__(self, key: str, per_second: float):
        self.key = f"connectors:rate:{key}"
        self.per_second = max(float(per_second), 0.1)

    def pause_until(self, moment: float) -> None:
        _redis().set(f"{self.key}:pause", repr(moment), ex=max(1, int(moment - time.time()) + 1))

    def acquire(self) -> float:
        """Wait for a slot; returns the seconds waited."""
        client = _redis()
        waited = 0.0
        window = 1.0 if self.per_second >= 1 else 1.0 / self.per_second
        allowed = max(1, int(self.per_second * window))
        while True:
            pause = client.get(f"{self.key}:pause")
            now = time.time()
            if pause and float(pause) > now:
                delay = float(pause) - now
            else:
                slot = int(now // window)
                bucket = f"{self.key}:{slot}"
                pipe = client.pipeline()
                pipe.incr(bucket)
                pipe.expire(bucket, int(window) + 2)
                count = pipe.execute()[0]
                if count <= allowed:
                    return waited
                delay = (slot + 1) * window - now
            time.sleep(delay)
            waited += delay


# ------------------------------------------------------------------------------------------------- requests


def retry_after_seconds(value: str | None) -> float | None:
    """A ``Retry-After`` header's wait in seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def backoff_seconds(attempt: int) -> float:
    """Full jitter: a random wait up to base × 2^attempt, capped at 60 s."""
    return random.uniform(0, min(60.0, settings.CONNECTOR_BACKOFF_SECONDS * (2**attempt)))


class Client:
    """Requests to one source: checked addresses, the shared rate limit, timeouts and retries.

    ``stats`` counts attempts, retries, 429s and seconds waited (the run and the tests read them)."""

    def __init__(self, *, limiter_key: str, rate_limit: float = 10.0, timeout: float | None = None):
        self.session = checked_session()
        self.limiter = RateLimiter(limiter_key, rate_limit)
        self.timeout = timeout or settings.CONNECTOR_TIMEOUT_SECONDS
        self.stats = {"requests": 0, "retries": 0, "throttled": 0, "waited": 0.0}

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        url_check(url)
        attempts = max(1, settings.CONNECTOR_MAX_ATTEMPTS)
        last = ""
        for attempt in range(attempts):
            self.stats["waited"] += self.limiter.acquire()
            self.stats["requests"] += 1
            try:
                response = self.session.request(
                    method, url, timeout=self.timeout, allow_redirects=False, **kwargs
                )
            except ConnectorError:
                raise
            except requests.Timeout:
                last = _("the source did not answer within %(seconds)s s") % {"seconds": self.timeout}
            except requests.RequestException as exc:
                last = _("the connection failed (%(kind)s)") % {"kind": type(exc).__name__}
            else:
                if response.status_code in (401, 403):
                    raise CredentialsRefused(
                        _("The source refused the credentials (HTTP %(status)s).")
                        % {"status": response.status_code},
                        status=response.status_code,
                    )
                if response.status_code == 429:
                    self.stats["throttled"] += 1
                    wait = retry_after_seconds(response.headers.get("Retry-After"))
                    wait = backoff_seconds(attempt) if wait is None else wait
                    if wait > settings.CONNECTOR_MAX_WAIT_SECONDS:
                        raise FetchError(
                            _("The source asked to wait %(seconds)d s; the run stops here and resumes later.")
                            % {"seconds": wait},
                            status=429,
                        )
                    self.limiter.pause_until(time.time() + wait)
                    last = _("the source throttled the requests (HTTP 429)")
                    if attempt + 1 < attempts:
                        self.stats["retries"] += 1
                    continue  # the limiter waits out the pause before the next attempt
                if response.status_code in (301, 302, 303, 307, 308):
                    raise FetchError(
                        _("The source redirected to another address; configure that address."),
                        status=response.status_code,
                    )
                if response.status_code >= 500:
                    last = _("the source failed (HTTP %(status)s)") % {"status": response.status_code}
                elif response.status_code >= 400:
                    raise FetchError(
                        _("The source refused the request (HTTP %(status)s).")
                        % {"status": response.status_code},
                        status=response.status_code,
                    )
                else:
                    return response
            if attempt + 1 < attempts:
                self.stats["retries"] += 1
                delay = backoff_seconds(attempt)
                self.stats["waited"] += delay
                time.sleep(delay)
        raise FetchError(
            _("Giving up after %(attempts)d attempts: %(reason)s.") % {"attempts": attempts, "reason": last}
        )

    def get_json(self, url: str, **kwargs):
        """The JSON body of a GET (retried like ``request``); FetchError when the body is not JSON."""
        response = self.request("GET", url, **kwargs)
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError):
            raise FetchError(
                _("The source answered with something that is not JSON."), status=response.status_code
            ) from None

    def get_bytes(self, url: str, *, limit: int, **kwargs) -> bytes:
        response = self.request("GET", url, **kwargs)
        if len(response.content) > limit:
            raise FetchError(_("The file is larger than the limit."))
        return response.content
