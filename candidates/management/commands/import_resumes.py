"""import_resumes: store and parse resume files into a tenant's pool, synchronously.

Prints one JSON line per file: {"file", "candidate_id", "document_id", "status", "error"}. Exits 1 when any
file failed, so scripts notice.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidates.services import resumes_ingest
from talentpool.tenancy.models import Tenant


class Command(BaseCommand):
    help = "Import resume files (or zips of them) into a tenant, parsing each now."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("paths", nargs="+")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        failures = 0
        for path in options["paths"]:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                failures += 1
                self._line(path, None, None, "failed", f"cannot read: {exc.strerror or exc}")
                continue
            for item in resumes_ingest(tenant, uploads=[(path, data, "")], parse_now=True):
                document = item.document
                status = document.parse_status if document is not None else "failed"
                error = item.error or (document.parse_error if document is not None else "")
                failures += status != "parsed"
                name = path if item.filename == Path(path).name else f"{path}!{item.filename}"
                self._line(
                    name,
                    document.candidate_id if document else None,
                    document.pk if document else None,
                    status,
                    error,
                )
        if failures:
            raise CommandError(f"{failures} file(s) were not imported as candidates.", returncode=1)

    def _line(self, file, candidate_id, document_id, status, error) -> None:
        self.stdout.write(
            json.dumps(
                {
                    "file": file,
                    "candidate_id": candidate_id,
                    "document_id": document_id,
                    "status": status,
                    "error": error or None,
                },
                ensure_ascii=False,
            )
        )
