"""Standard Webhooks signing (https://www.standardwebhooks.com/): the headers every delivery carries.

``webhook-id`` is the event's id (the same on every retry), ``webhook-timestamp`` the Unix time of this
attempt, ``webhook-signature`` ``v1,`` + base64 of HMAC-SHA256 over ``"{id}.{timestamp}.{body}"`` keyed with
the secret's bytes (the base64 after ``whsec_``). Receivers verify with any Standard Webhooks library, e.g.
``standardwebhooks.Webhook(secret).verify(body, headers)``; the tests do exactly that.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh endpoint secret: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_bytes(secret: str) -> bytes:
    body = secret[len(SECRET_PREFIX) :] if secret.startswith(SECRET_PREFIX) else secret
    return base64.b64decode(body + "=" * (-len(body) % 4))


def signature(secret: str, *, event_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value for one attempt."""
    signed = f"{event_id}.{int(timestamp)}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: str, *, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": signature(secret, event_id=event_id, timestamp=timestamp, body=body),
    }
