"""``python manage.py weekly_report --tenant SLUG --week 2026-W49 [--json] [--no-email]``: build that week's
operations report, or return it when it exists (one report per week). A week that has not ended: exit 2."""

from __future__ import annotations

import json as json_module

from django.utils import translation

from analytics.services.reports import weekly_report_build
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context

from ._base import TenantCommand


class Command(TenantCommand):
    help = "Build (or show) a week's talent pool operations report."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--week", required=True, help="ISO week, e.g. 2026-W49.")
        parser.add_argument("--json", action="store_true", help="Print the report's JSON.")
        parser.add_argument("--no-email", action="store_true", help="Do not mail it (when built now).")

    def handle(self, *args, tenant: str, week: str, json: bool, no_email: bool, **options):
        tenant = self.tenant(tenant)
        # Messages in the tenant's language, as the funnel command speaks (a command runs without a request).
        with tenant_context(tenant), translation.override(tenant.default_language):
            try:
                report, built = weekly_report_build(week, email=not no_email)
            except ServiceError as error:
                raise self.refuse(error) from None
        if json:
            self.stdout.write(
                json_module.dumps(
                    {
                        "week": report.week,
                        "built": built,
                        "built_at": report.built_at.isoformat(),
                        **report.data,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(
                f"{report.week}: {'built' if built else 'exists'} ({report.built_at:%Y-%m-%d %H:%M} UTC)"
            )
