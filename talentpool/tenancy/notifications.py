"""Messages to members: a row in their in-app inbox, and the same by e-mail when they have an address.

Product mails (these notifications, invitations, password resets) are handed to ``settings.PRODUCT_MAILER``,
a callable named by its dotted path (by default the engagement outbox, which writes the message in the same
transaction and sends it from a worker, never in the web request). The core does not import engagement:
with ``PRODUCT_MAILER = "direct"`` the mail is sent with ``send_mail`` once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from .context import current_tenant_id
from .models import Notification, Tenant

logger = logging.getLogger(__name__)


def product_mail(user, *, subject: str, body: str, key: str, to_address: str = "", tenant=None):
    """Send a product mail to ``user`` (or to ``to_address`` when there is no user yet, e.g. an invitation).

    ``key`` names the mail uniquely (e.g. ``notification:42``): handing the same key twice sends one mail.
    ``tenant`` (a Tenant or its id) defaults to the current tenant, then to the user's first one. Returns what
    the mailer returns (the outbox row, or None when it was sent directly).
    """
    mailer = settings.PRODUCT_MAILER
    if mailer and mailer != "direct":
        return import_string(mailer)(
            user, subject=subject, body=body, key=key, to_address=to_address, tenant=tenant
        )
    address = to_address or getattr(user, "email", "")

    def send() -> None:
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # an unreachable mail server must not undo the decision that was made
            logger.exception("product mail %s failed", key.split(":", 1)[0])

    transaction.on_commit(send)
    return None


# kind -> render(params) -> (title, body), registered by the app that sends the kind (in its AppConfig.ready),
# so the core stores data and knows no domain wording.
_RENDERERS: dict[str, Callable[[dict], tuple[str, str]]] = {}


def register_notification_kind(kind: str, render: Callable[[dict], tuple[str, str]]) -> None:
    """Render ``kind``'s title and body from its params in the active language (called at read time)."""
    _RENDERERS[kind] = render


def render(notification: Notification) -> tuple[str, str]:
    """The notification's title and body in the active language: rendered from its params when its kind is
    registered, else the wording stored when it was sent. A renderer that fails on old params falls back too."""
    renderer = _RENDERERS.get(notification.kind)
    if renderer is not None and notification.params:
        try:
            title, body = renderer(notification.params)
        except (KeyError, TypeError, ValueError):
            logger.warning("notification %s: params do not fit kind %s", notification.pk, notification.kind)
        else:
            return str(title)[:300], str(body)
    return notification.title, notification.body


def language_of(user, tenant_id: int | None = None) -> str:
    """The language a member reads in: their own choice, else their tenant's default, else English."""
    if getattr(user, "language", ""):
        return user.language
    tenant_id = tenant_id or current_tenant_id()
    tenant = Tenant.objects.filter(pk=tenant_id).only("default_language").first() if tenant_id else None
    return tenant.default_language if tenant else "en"


def notify(
    user, *, kind: str, title: str = "", body: str = "", url: str = "", params: dict | None = None
) -> Notification:
    """Store the notification and hand the same to the product mailer in the same transaction (a rolled-back
    change sends nothing; the outbox sends it from a worker).

    With ``params`` of a registered kind the title and body are rendered from them: in the recipient's language
    for the e-mail (and the stored fallback), in each reader's language whenever it is shown.
    """
    params = dict(params or {})
    renderer = _RENDERERS.get(kind)
    if renderer is not None and params:
        with translation.override(language_of(user)):
            title, body = (str(text) for text in renderer(params))
    notification = Notification.objects.create(
        user=user, kind=kind, params=params, title=title[:300], body=body, url=url[:500]
    )
    if user.email:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        message = "\n\n".join(part for part in (body, link) if part)
        product_mail(
            user,
            subject=title[:300],
            body=message or title,
            key=f"notification:{notification.pk}",
            tenant=notification.tenant_id,
        )
    return notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
