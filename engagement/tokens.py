"""Signed tokens for links in messages: they carry the tenant and the message, so a public tracking view can
enter the tenant without any lookup before it (nothing new in the core), and a forged or expired token, or one
of another purpose, is refused.

``make(purpose, tenant_id, message_id, extra)`` → URL-safe string; ``read(purpose, token, max_age)`` → Token or
None. Purposes: "open", "click", "unsubscribe", "reply" (different salts, so one can never pass for another).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

# Links live in mailboxes for a long time: an unsubscribe must work years later (RFC 8058 asks it to keep
# working), clicks and opens for a year.
MAX_AGE = {"open": 366 * 86400, "click": 366 * 86400, "unsubscribe": None, "reply": None}


@dataclass(frozen=True)
class Token:
    tenant_id: int
    message_id: int
    extra: int | None = None  # the link's index for clicks


def make(purpose: str, tenant_id: int, message_id: int, extra: int | None = None) -> str:
    payload = [int(tenant_id), int(message_id)] + ([int(extra)] if extra is not None else [])
    return signing.dumps(payload, salt=f"engagement.{purpose}", compress=False)


def read(purpose: str, token: str) -> Token | None:
    """The token's contents, or None if it is forged, expired, malformed or of another purpose."""
    try:
        payload = signing.loads(token, salt=f"engagement.{purpose}", max_age=MAX_AGE[purpose])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    if not isinstance(payload, list) or len(payload) not in (2, 3) or not all(isinstance(v, int) for v in payload):
        return None
    return Token(payload[0], payload[1], payload[2] if len(payload) == 3 else None)
