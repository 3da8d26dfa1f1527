from django.core.management.base import BaseCommand, CommandError

from talentpool.tenancy.models import Tenant
from talentpool.tenancy.services import TenancyError, api_key_create


class Command(BaseCommand):
    help = "Create an API key for a tenant. Prints the key once; only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--scopes", default="read", help="comma-separated: read,write")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        scopes = [scope.strip() for scope in options["scopes"].split(",") if scope.strip()]
        try:
            created = api_key_create(tenant, name=options["name"], scopes=scopes)
        except TenancyError as exc:
            raise CommandError(f"{exc.field or 'error'}: {exc}") from exc
        self.stdout.write(created.key)
        self.stderr.write(
            f"API key {created.api_key.prefix} for {tenant.slug}, scopes {','.join(created.api_key.scopes)}. "
            "Shown once: store it now."
        )
