"""Messages to members: a row in their in-app inbox, and the same by e-mail when they have an address."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification

logger = logging.getLogger(__name__)


def notify(user, *, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Store the notification, then e-mail it after the transaction commits (a rolled-back change sends nothing)."""
    from django.db import transaction

    notification = Notification.objects.create(user=user, kind=kind, title=title[:300], body=body, url=url[:500])
    if user.email:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        message = "\n\n".join(part for part in (body, link) if part)

        def send() -> None:
            try:
                send_mail(title[:300], message or title, None, [user.email])
            except Exception:  # an unreachable mail server must not undo the decision that was made
                logger.exception("notification e-mail to user %s failed", user.pk)

        transaction.on_commit(send)
    return notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
