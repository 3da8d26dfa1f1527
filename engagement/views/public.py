"""Pages and endpoints reached without logging in: the open pixel, click redirects, the unsubscribe page and its
RFC 8058 one-click POST, and the inbound-mail webhook.

No lookup happens before the tenant is known: a tracking token is signed and names its tenant
(engagement.tokens), so the view enters ``tenant_context(token.tenant_id)`` and looks the message up inside
it; the webhook names its tenant in the URL (the Tenant table has no row-level security) and proves itself by
an HMAC signature with that tenant's secret. A forged, expired or wrong-purpose token, or one whose message is
not in its tenant, is a 404 and records nothing.
"""

from __future__ import annotations

import base64
import json
import logging

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from talentpool.accounts.lockout import client_ip
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from .. import tokens
from ..models import EngagementSettings, OutboundMessage
from ..services.tracking import (
    SIGNATURE_HEADER,
    click_record,
    click_target,
    inbound_email_receive,
    inbound_signature_valid,
    open_record,
    unsubscribe_record,
)

logger = logging.getLogger(__name__)

# The smallest transparent GIF (1×1, 43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"


def _no_store(response: HttpResponse) -> HttpResponse:
    # Every fetch must reach us (a cached pixel is an open we never see), and no tracking URL may leak onward.
    response["Cache-Control"] = NO_STORE
    response["Pragma"] = "no-cache"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _message(token) -> OutboundMessage | None:
    """The token's message, read inside the token's tenant (the caller has entered it), or None."""
    return (
        OutboundMessage.objects.filter(pk=token.message_id)
        .select_related("candidate", "campaign", "tenant")
        .first()
    )


def _gif(status: int = 200) -> HttpResponse:
    return _no_store(HttpResponse(PIXEL, content_type="image/gif", status=status))


@require_http_methods(["GET", "HEAD"])
def open_pixel(request, token: str):
    """The 1×1 GIF, always; the fetch is recorded as an open (a person's or a machine's)."""
    parsed = tokens.read("open", token)
    if parsed is None:
        return _gif(status=404)
    found = False
    try:
        with tenant_context(parsed.tenant_id):
            message = _message(parsed)
            if message is not None:
                found = True
                open_record(
                    message=message,
                    user_agent=request.headers.get("User-Agent", ""),
                    ip=client_ip(request),
                    method=request.method,
                )
    except Exception:  # the image must come back whatever happens to the bookkeeping; the error is logged
        logger.exception("recording an open of message %s failed", parsed.message_id)
    return _gif(status=200 if found else 404)


@require_http_methods(["GET", "HEAD"])
def click(request, token: str):
    """A redirect to the link the message stored at the token's index, and nowhere else."""
    parsed = tokens.read("click", token)
    if parsed is None or parsed.extra is None:
        raise Http404
    with tenant_context(parsed.tenant_id):
        message = _message(parsed)
        url = click_target(message, parsed.extra) if message is not None else ""
        if not url:
            raise Http404
        click_record(
            message=message,
            index=parsed.extra,
            user_agent=request.headers.get("User-Agent", ""),
            ip=client_ip(request),
            method=request.method,
        )
    return _no_store(HttpResponseRedirect(url))


def _language(message: OutboundMessage) -> str:
    return message.language or message.tenant.default_language or "zh-hans"


# RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click" without cookies, so there is no CSRF token
# to check; the signed token in the URL is the proof. GET only shows a page: link scanners fetch it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET: a confirmation page that changes nothing. POST: unsubscribe the message's address (idempotent)."""
    parsed = tokens.read("unsubscribe", token)
    if parsed is None:
        return _no_store(render(request, "engagement/public_invalid.html", status=404))
    with tenant_context(parsed.tenant_id):
        message = _message(parsed)
        if message is None:
            return _no_store(render(request, "engagement/public_invalid.html", status=404))
        done = message.unsubscribed_at is not None
        if request.method == "POST":
            unsubscribe_record(message=message, source="link")
            done = True
        with translation.override(_language(message)):
            context = {
                "tenant_name": message.tenant.name,
                "address": message.to_address,
                "done": done,
                "action": request.path,
                "language": translation.get_language(),
            }
            template = "engagement/public_unsubscribed.html" if done else "engagement/public_unsubscribe.html"
            response = render(request, template, context)
            response["Content-Language"] = translation.get_language()
    return _no_store(response)


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


def _tenant(reference: str) -> Tenant | None:
    tenant = Tenant.objects.filter(slug=reference).first()
    if tenant is None and reference.isascii() and reference.isdigit():  # "²" passes isdigit(), not int()
        tenant = Tenant.objects.filter(pk=int(reference)).first()
    return tenant if tenant is not None and tenant.is_active else None


@csrf_exempt
@require_http_methods(["POST"])
def inbound_email(request, tenant_ref: str):
    """An inbound mail from the mail provider (docs/engagement.md): 401 unless signed with the tenant's
    secret within 5 minutes; 200 recorded, 202 ignored with a reason."""
    tenant = _tenant(tenant_ref)
    if tenant is None:
        return _error(404, "not_found", "No such tenant.")
    body = request.body
    with tenant_context(tenant):
        secret = EngagementSettings.objects.values_list("inbound_secret", flat=True).first() or ""
    if not inbound_signature_valid(secret, request.headers.get(SIGNATURE_HEADER, ""), body):
        return _error(401, "bad_signature", "The signature is missing, wrong or older than 5 minutes.")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid_json", "The body is not JSON.")
    if not isinstance(payload, dict):
        return _error(400, "invalid_json", "The body is not a JSON object.")
    with tenant_context(tenant):
        result = inbound_email_receive(payload=payload)
    return JsonResponse(result.as_dict(), status=200 if result.status == "recorded" else 202)
