"""Secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256, from the ``cryptography`` package) with keys from the
environment (settings.CONNECTOR_CREDENTIAL_KEYS, newest first), through MultiFernet so keys can rotate.

One place for every secret the product must read back: connector credentials, webhook endpoint secrets and
members' TOTP secrets. (The setting keeps its first user's name so existing deployments keep their keys.)"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from talentpool.errors import ServiceError


def _keys() -> list[bytes]:
    keys = [key.strip().encode() for key in settings.CONNECTOR_CREDENTIAL_KEYS if key.strip()]
    if keys:
        return keys
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "Set CONNECTOR_CREDENTIAL_KEYS (Fernet keys) to store connector credentials."
        )
    # Development and tests only: a key derived from SECRET_KEY, so a fresh checkout works.
    return [base64.urlsafe_b64encode(hashlib.sha256(f"connectors:{settings.SECRET_KEY}".encode()).digest())]


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"CONNECTOR_CREDENTIAL_KEYS holds a key that is not a Fernet key: {exc}"
        ) from None


def encrypt(secrets: dict) -> str:
    """``secrets`` as ciphertext (empty dict: empty string)."""
    if not secrets:
        return ""
    return _fernet().encrypt(json.dumps(secrets, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict:
    """The secrets ``encrypt`` made. Raises ServiceError when no configured key opens them (a key was removed)."""
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise ServiceError(
            "The stored credentials cannot be decrypted with the configured keys; enter them again.",
            field="credentials",
            code="credentials",
        ) from None


def rotate(token: str) -> str:
    """``token`` re-encrypted with the newest key."""
    return _fernet().rotate(token.encode()).decode() if token else ""
