"""What the analytics commands share: the tenant from ``--tenant SLUG`` (or id), and ServiceError as a CLI
message with exit status 2."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from talentpool.tenancy.models import Tenant


class TenantCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="The tenant's slug (or id).")

    @staticmethod
    def tenant(value: str) -> Tenant:
        found = Tenant.objects.filter(slug=value).first()
        if found is None and value.isdigit():
            found = Tenant.objects.filter(pk=int(value)).first()
        if found is None:
            raise CommandError(_("No tenant %(tenant)r.") % {"tenant": value}, returncode=2)
        return found

    @staticmethod
    def refuse(error) -> CommandError:
        field = f"{error.field}: " if getattr(error, "field", None) else ""
        return CommandError(f"{field}{error}", returncode=2)
