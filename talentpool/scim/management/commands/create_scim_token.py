from django.core.management.base import BaseCommand, CommandError

from talentpool.tenancy.models import Tenant
from talentpool.tenancy.services import TenancyError

from ...tokens import scim_token_create


class Command(BaseCommand):
    help = "Create a SCIM 2.0 bearer token for a tenant and print it once (only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="The tenant's slug.")
        parser.add_argument("--name", default="SCIM", help="A name to recognise the token by.")

    def handle(self, *args, tenant, name, **options):
        row = Tenant.objects.filter(slug=tenant).first()
        if row is None:
            raise CommandError(f"No tenant with the slug {tenant!r}.")
        try:
            created = scim_token_create(row, name=name)
        except TenancyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(created.token)
