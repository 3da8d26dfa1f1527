from django.core.management.base import BaseCommand, CommandError

from talentpool.tenancy.services import TenancyError, tenant_create


class Command(BaseCommand):
    help = "Create a tenant and its first admin. Prints the admin's password once (if the user is new)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", default="")
        parser.add_argument("--time-zone", default="Asia/Shanghai")
        parser.add_argument("--language", default="zh-hans", choices=["zh-hans", "en"])

    def handle(self, *args, **options):
        try:
            created = tenant_create(
                name=options["name"],
                slug=options["slug"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
                time_zone=options["time_zone"],
                default_language=options["language"],
            )
        except TenancyError as exc:
            raise CommandError(f"{exc.field or 'error'}: {exc}") from exc
        self.stdout.write(f"Tenant {created.tenant.slug} (id {created.tenant.pk}) created.")
        self.stdout.write(f"Admin: {created.admin.email}")
        if created.admin_password:
            self.stdout.write(f"Password: {created.admin_password}")
            self.stdout.write("This password is shown once; the admin should change it after logging in.")
        else:
            self.stdout.write("The admin already had an account and keeps its password.")
