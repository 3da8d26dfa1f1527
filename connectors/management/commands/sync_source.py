"""sync_source: run one sync of a source now.

    python manage.py sync_source --tenant SLUG --source ID [--json]

Prints the run's counts (fetched, matched, created, updated, unchanged, failed, job_changes, flagged), its status
and its record errors; with --json one JSON object. Exits non-zero when the run failed or the source is unknown
or busy.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from talentpool.web import id_param


class Command(BaseCommand):
    help = "Run one sync of a source now and print the SyncRun counts."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("--source", required=True, help="the source's id")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        from connectors.models import RunStatus, Source
        from connectors.services import SourceBusy, source_sync

        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        source_id = id_param(options["source"])
        with tenant_context(tenant):
            exists = source_id is not None and Source.objects.filter(pk=source_id).exists()
        if not exists:
            raise CommandError(f"Tenant {tenant.slug} has no source {options['source']!r}.")
        try:
            run = source_sync(tenant, source_id=source_id)
        except SourceBusy as exc:
            raise CommandError(str(exc)) from None
        result = {
            "run": run.pk,
            "source": source_id,
            "status": run.status,
            **run.counts(),
            "pages": run.pages,
            "error": run.error,
            "record_errors": run.record_errors,
            "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            counts = ", ".join(f"{name} {result[name]}" for name in run.counts())
            self.stdout.write(f"Run {run.pk}: {run.status}; {counts}")
            for error in run.record_errors:
                self.stdout.write(f"  record {error['record']}: {error['error']}")
            if run.error:
                self.stdout.write(f"  error: {run.error}")
        if run.status == RunStatus.FAILED:
            raise CommandError(run.error or "The sync failed.", returncode=1)
