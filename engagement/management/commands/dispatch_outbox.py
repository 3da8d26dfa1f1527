"""``python manage.py dispatch_outbox [--once]``: send what the outbox has due, for every active tenant.

With ``--once`` it sends until nothing is due (or the mail server is unreachable: those messages stay queued
for a retry) and exits 0. Without it, it keeps dispatching, sleeping ``--interval`` seconds when idle, and
stops cleanly on SIGTERM or SIGINT after the message in hand. Beat's ``outbox_dispatch_all`` does the same
work through Celery; running both is safe (rows are claimed with SKIP LOCKED).
"""

from __future__ import annotations

import json
import signal
import time

from django.core.management.base import BaseCommand, CommandError

from engagement.services import outbox
from talentpool.tenancy.models import Tenant


class Command(BaseCommand):
    help = (
        "Send the outbox's due messages (email through EMAIL_BACKEND / EMAIL_HOST, SMS through SMS_BACKEND)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument("--tenant", help="Only this tenant (slug or id).")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds to sleep when nothing was due."
        )
        parser.add_argument("--limit", type=int, default=500, help="Messages per tenant and round.")

    def handle(self, *args, once: bool, tenant: str | None, interval: float, limit: int, **options):
        tenant_id = self._tenant_id(tenant) if tenant else None
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: outbox.request_stop())
        while True:
            if tenant_id is None:
                counts = outbox.dispatch_all_tenants(limit=limit)
            else:
                counts = outbox.outbox_drain(tenant=tenant_id, limit=limit)
            if counts.get("examined") or counts.get("recovered") or counts.get("ambiguous"):
                self.stdout.write(json.dumps({key: value for key, value in counts.items() if value}))
            if once or outbox.stop_requested():
                return
            if not counts.get("sent"):
                time.sleep(interval)

    @staticmethod
    def _tenant_id(value: str) -> int:
        found = Tenant.objects.filter(slug=value).values_list("pk", flat=True).first()
        if found is None and value.isdigit():
            found = Tenant.objects.filter(pk=int(value)).values_list("pk", flat=True).first()
        if found is None:
            raise CommandError(f"No tenant {value!r}.")
        return found
