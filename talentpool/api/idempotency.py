"""``Idempotency-Key`` for API writes: a retry of the same request gets the first response back, once.

Decorate a DRF view handler (``create``, an ``@action`` function, an ``APIView.post``) with ``@idempotent``::

    @extend_schema(parameters=IDEMPOTENCY_PARAMETERS, ...)
    @action(detail=True, methods=["post"])
    @idempotent
    def move(self, request, pk=None): ...

Without the header the view runs as usual. With it:

- the first request claims the key by inserting an ``IdempotencyRecord`` (tenant, key) *before* the view runs,
  in the request's transaction, then stores the response's status and body in it;
- a retry with the same key, method, path and body gets that status and body again with the header
  ``Idempotent-Replayed: true``, and the view does not run;
- the same key with another body, method or path is 422 ``idempotency_key_reused``;
- a repeat that arrives while the first is still running is **409** ``idempotency_key_in_progress`` at once
  (a transaction-level advisory lock on the tenant and key, tried without waiting); retried after the first
  has finished, it gets the first response (or, if the first failed and rolled back, runs itself);
- only successful responses (below 400) are stored. An error rolls the claim back with the rest of the
  request, so fixing the body and retrying with the same key works;
- a record older than ``IDEMPOTENCY_TTL`` (24 hours) is forgotten: the key may be used afresh, and beat's
  hourly ``idempotency_purge`` deletes such records (talentpool/api/tasks.py).

Keys are per tenant: two integrations of one tenant must not share keys (use UUIDs).
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import IdempotencyRecord

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 200
IDEMPOTENCY_TTL = timedelta(hours=24)
_PENDING = 0  # status_code of a record whose request is still running (never visible to others: uncommitted)
# Advisory-lock class of "this tenant's key is being processed" (apart from the outbox's "outx").
_KEY_LOCK_CLASS = 0x1DE4

IDEMPOTENCY_PARAMETERS = [
    OpenApiParameter(
        HEADER,
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        required=False,
        description="Any unique string up to 200 characters (a UUID). A retry with the same key and body returns "
        "the first response again with `Idempotent-Replayed: true`; the same key with another body "
        "is 422 `idempotency_key_reused`. Keys are kept 24 hours.",
    ),
]


class IdempotencyKeyInvalid(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = f"The {HEADER} header must be 1 to {MAX_KEY_LENGTH} printable ASCII characters."
    default_code = "invalid_idempotency_key"


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        f"This {HEADER} was used for a different request (another body, method or path). "
        "Use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


class IdempotencyKeyInProgress(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = f"A request with this {HEADER} is still being processed; retry in a moment."
    default_code = "idempotency_key_in_progress"


def request_fingerprint(request) -> str:
    """SHA-256 of the method, the path and the body as canonical JSON (key order and spacing do not matter)."""
    try:
        body = json.dumps(
            request.data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
    except (TypeError, ValueError):
        body = repr(request.data)
    text = "\n".join([request.method.upper(), request.path, body])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _jsonable(data):
    """The response body as stored JSON: what the client received, through DRF's own encoder."""
    return json.loads(json.dumps(data, cls=JSONEncoder))


class _Discard(Exception):
    """Leaves the savepoint so the claim and the view's writes roll back, carrying the error response out."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(32 <= ord(ch) < 127 for ch in key)


def _lock_key(key: str) -> None:
    """Take the key for this transaction, or raise IdempotencyKeyInProgress when a running request has it.

    Without it a concurrent repeat would wait on the unique index until the first request ends, holding a
    worker and a connection; a client retrying quickly is better told 409 at once."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))",
            [_KEY_LOCK_CLASS, f"{require_tenant_id()}:{key}"],
        )
        if not cursor.fetchone()[0]:
            raise IdempotencyKeyInProgress()


def _claim(key: str, method: str, path: str, fingerprint: str) -> IdempotencyRecord | Response:
    """Insert the pending record for this key, or answer from the one that is there already."""
    _lock_key(key)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return IdempotencyRecord.objects.create(
                    key=key, method=method, path=path, request_hash=fingerprint, status_code=_PENDING
                )
        except IntegrityError:
            pass  # the key is taken: by a committed request (replay) or one that committed while we waited
        existing = IdempotencyRecord.objects.filter(key=key).first()
        if existing is None:  # the other request rolled back between our insert and this read: try again
            continue
        if existing.created_at < timezone.now() - IDEMPOTENCY_TTL:
            IdempotencyRecord.objects.filter(pk=existing.pk).delete()
            continue
        if (existing.method, existing.path, existing.request_hash) != (method, path, fingerprint):
            raise IdempotencyKeyReused()
        if existing.status_code == _PENDING:
            raise IdempotencyKeyInProgress()
        response = Response(existing.response_body, status=existing.status_code)
        response[REPLAYED_HEADER] = "true"
        return response
    raise IdempotencyKeyInProgress()


def idempotent(handler):
    """Make a DRF handler replay its first response for retries carrying the same ``Idempotency-Key``."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return handler(view, request, *args, **kwargs)
        key = key.strip()
        if not _valid_key(key):
            raise IdempotencyKeyInvalid()
        method, path = request.method.upper(), request.path[:500]
        fingerprint = request_fingerprint(request)
        try:
            with transaction.atomic():
                claimed = _claim(key, method, path, fingerprint)
                if isinstance(claimed, Response):
                    return claimed
                response = handler(view, request, *args, **kwargs)
                if response.status_code >= 400:
                    raise _Discard(response)
                if not hasattr(
                    response, "data"
                ):  # a file or a redirect: nothing to replay, keep the key free
                    claimed.delete()
                    return response
                claimed.status_code = response.status_code
                claimed.response_body = _jsonable(response.data)
                claimed.save(update_fields=["status_code", "response_body"])
                return response
        except _Discard as discarded:
            return discarded.response

    wrapper.idempotent = True
    return wrapper


def idempotency_purge(*, now=None, batch: int = 5000) -> int:
    """Delete the current tenant's records older than ``IDEMPOTENCY_TTL``, ``batch`` at a time. Returns how many.
    Safe to run twice and beside live requests (an expired record is never replayed anyway)."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_TTL
    removed = 0
    while True:
        ids = list(
            IdempotencyRecord.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return removed
        removed += IdempotencyRecord.objects.filter(pk__in=ids).delete()[0]
