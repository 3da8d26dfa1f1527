"""``python manage.py analytics_refresh --tenant SLUG [--rebuild]``: bring the tenant's aggregates and findings
up to date now (what beat does every 15 minutes); ``--rebuild`` recomputes everything. Prints one JSON line."""

from __future__ import annotations

import json

from analytics.services import aggregates
from analytics.services.diagnoses import findings_refresh
from talentpool.tenancy.context import tenant_context

from ._base import TenantCommand


class Command(TenantCommand):
    help = "Refresh one tenant's analytics aggregates and findings."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--rebuild", action="store_true", help="Recompute every day from the raw rows.")

    def handle(self, *args, tenant: str, rebuild: bool, **options):
        tenant = self.tenant(tenant)
        done = aggregates.rebuild(tenant.pk) if rebuild else aggregates.refresh(tenant.pk)
        with tenant_context(tenant):
            done["open_findings"] = len(findings_refresh())
        self.stdout.write(json.dumps(done))
