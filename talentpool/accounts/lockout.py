"""Login lockout per (email, IP): repeated failures lock that pair, not the account for everyone."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

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
