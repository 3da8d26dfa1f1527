"""Signed tokens for links in messages: they carry the tenant and the message, so a public tracking view can
enter the tenant without any lookup before it (nothing new in the core), and a forged or expired token, or one
of another purpose, is refused.

``make(purpose, tenant_id, message_id, extra)`` → URL-safe string; ``read(purpose, token, max_age)`` → Token or
None. Purposes: "open", "click", "unsubscribe", "reply" (different salts, so one can never pass for another).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

# Links live in mailboxes for a long time: an unsubscribe must work years later (RFC 8058 asks it to keep
# working), clicks and opens for a year.
MAX_AGE = {"open": 366 * 86400, "click": 366 * 86400, "unsubscribe": None, "reply": None}


@dataclass(frozen=True)
class Token:
    tenant_id: int
    message_id: int
    extra: int | None = None  # the link's index for clicks


class _Maker(signing.TimestampSigner):
    """``signing.dumps(payload, salt=…, compress=False)``, byte for byte, with the HMAC key derived once: an
    email carries a dozen tokens and a dispatcher sends hundreds of emails a second, and deriving the salted key
    (a hash of salt and secret) per token was most of their cost. Only for making tokens: reading goes through
    ``signing.loads`` (fallback keys and all)."""

    def __init__(self, salt: str) -> None:
        super().__init__(salt=salt)
        if self.algorithm != "sha256":  # Django's default; anything else takes the ordinary path
            self._keyed = None
            return
        derived = hashlib.sha256((self.salt + "signer").encode() + signing.force_bytes(self.key)).digest()
        self._keyed = hmac.new(derived, digestmod=hashlib.sha256)

    def signature(self, value, key=None):
        if key is not None or self._keyed is None:
            return super().signature(value, key)
        keyed = self._keyed.copy()
        keyed.update(value.encode())
        return signing.b64_encode(keyed.digest()).decode()

    def dumps(self, payload: list) -> str:
        data = json.dumps(payload, separators=(",", ":")).encode("latin-1")
        return self.sign(signing.b64_encode(data).decode())


_makers: dict[tuple[str, str, str], _Maker] = {}


def make(purpose: str, tenant_id: int, message_id: int, extra: int | None = None) -> str:
    payload = [int(tenant_id), int(message_id)] + ([int(extra)] if extra is not None else [])
    salt = f"engagement.{purpose}"
    # Keyed by the secret too: a changed SECRET_KEY (tests override it) gets a maker of its own.
    cache_key = (salt, str(settings.SECRET_KEY), getattr(settings, "SIGNING_BACKEND", ""))
    maker = _makers.get(cache_key)
    if maker is None:
        maker = _makers[cache_key] = _Maker(salt)
    return maker.dumps(payload)


def read(purpose: str, token: str) -> Token | None:
    """The token's contents, or None if it is forged, expired, malformed or of another purpose."""
    try:
        payload = signing.loads(token, salt=f"engagement.{purpose}", max_age=MAX_AGE[purpose])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    if (
        not isinstance(payload, list)
        or len(payload) not in (2, 3)
        or not all(isinstance(v, int) for v in payload)
    ):
        return None
    return Token(payload[0], payload[1], payload[2] if len(payload) == 3 else None)
