"""Login lockout per (email, IP): repeated failures lock that pair, not the account for everyone; and a backoff per
account, from any address (decision 0004)."""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from .models import normalize_email


def client_ip(request) -> str:
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies, the address the outermost trusted proxy saw
    (X-Forwarded-For read from the right, so a client cannot forge it); else REMOTE_ADDR."""
    if request is None:
        return "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(email: str, ip: str) -> str:
    digest = hashlib.sha256(f"{normalize_email(email)}|{ip}".encode()).hexdigest()[:32]
    return f"login-failures:{digest}"


def is_locked(email: str, ip: str) -> bool:
    return (cache.get(_key(email, ip)) or 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(email: str, ip: str) -> int:
    """Count one failure; returns the count within the lockout window."""
    key = _key(email, ip)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def clear_failures(email: str, ip: str) -> None:
    cache.delete(_key(email, ip))


# --- Per account, from any address: exponential backoff (decision 0004) -----------------------------------------
#
# The pair lock above stops one address; guessing one account's password from many addresses is slowed here.
# Failures for an email (known or not, so the backoff reveals no accounts) are counted for
# LOGIN_ACCOUNT_WINDOW_SECONDS. From the LOGIN_ACCOUNT_FAILURE_LIMIT-th failure on, each failure makes the next
# attempt wait 2, 4, 8 … seconds, at most LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS. An attempt during the wait is refused
# before the password is checked (so a right password then reveals nothing) and does not lengthen the wait, so an
# attacker cannot keep the owner out for longer than the cap. A successful login clears both.


def _now() -> float:
    return time.time()


def _account_key(email: str, kind: str) -> str:
    digest = hashlib.sha256(normalize_email(email).encode()).hexdigest()[:32]
    return f"login-account-{kind}:{digest}"


def account_retry_after(email: str) -> int:
    """Seconds until ``email`` may try a password again (0: now)."""
    not_before = cache.get(_account_key(email, "not-before"))
    if not not_before:
        return 0
    return max(0, math.ceil(not_before - _now()))


def backoff_seconds(failures: int) -> int:
    """The wait after ``failures`` failures in the window: 0 below the limit, then 2, 4, 8 … up to the cap."""
    over = failures - settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    if over < 0:
        return 0
    return min(settings.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS, 2 ** min(over + 1, 30))


def record_account_failure(email: str) -> int:
    """Count one failed password (or second-factor code) for ``email`` from any address; returns the wait in
    seconds it starts before the next attempt (0: none). Not idempotent: every call is one more failure."""
    key = _account_key(email, "failures")
    window = settings.LOGIN_ACCOUNT_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        failures = 1
    wait = backoff_seconds(failures)
    if wait:
        cache.set(_account_key(email, "not-before"), _now() + wait, timeout=wait + 1)
    return wait


def clear_account_failures(email: str) -> None:
    cache.delete_many([_account_key(email, "failures"), _account_key(email, "not-before")])


class AccountBackoff(PermissionDenied):
    """Raised by the login backend during an account's backoff; ``retry_after`` in seconds. ``authenticate()``
    turns it into None (and a failed-login signal), so callers ask ``account_retry_after`` for the wait."""

    def __init__(self, retry_after: int):
        super().__init__("backoff")
        self.retry_after = retry_after
