"""``python manage.py funnel --tenant SLUG --by tag --from YYYY-MM-DD --to YYYY-MM-DD [--segment K,K] --json``:
the funnel per segment from the aggregates (the same as ``GET /api/v1/analytics/funnel/``). Bad input: a
message on stderr and exit status 2."""

from __future__ import annotations

import json

from django.utils import translation

from analytics import selectors
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context

from ._base import TenantCommand


class Command(TenantCommand):
    help = "Print the pool-to-probation funnel per segment."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--by", default="all", help=f"One of: {', '.join(selectors.BY_KINDS)}.")
        parser.add_argument("--from", dest="date_from", default="", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", default="", help="Last day, YYYY-MM-DD.")
        parser.add_argument(
            "--segment", default="", help="Only these keys of the --by kind (comma-separated)."
        )
        parser.add_argument("--raw", action="store_true", help="Compute from the raw rows (slow; a check).")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default is a table).")

    def handle(
        self,
        *args,
        tenant: str,
        by: str,
        date_from: str,
        date_to: str,
        segment: str,
        raw: bool,
        json: bool,
        **options,
    ):
        tenant = self.tenant(tenant)
        with tenant_context(tenant), translation.override(tenant.default_language):
            try:
                query = selectors.funnel_query(
                    {"by": by, "from": date_from, "to": date_to, "segment": segment}
                )
            except ServiceError as error:
                raise self.refuse(error) from None
            items = selectors.funnel(query, source="raw" if raw else "aggregates")
        if json:
            self.stdout.write(_dumps(items))
            return
        self.stdout.write(f"{query.date_from} – {query.date_to}, by {query.by}")
        for item in items:
            counts = " → ".join(str(value) for value in item["counts"].values())
            self.stdout.write(f"{item['segment']['name']}: {counts}")


def _dumps(items) -> str:
    return json.dumps(items, ensure_ascii=False)
