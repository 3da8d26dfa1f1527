"""``manage.py migrate`` as the owner role, then the application role's grants (talentpool/tenancy/db_roles.py).

Django's own command does the migrating; this one only chooses the connection's role around it. With one role
(no DATABASE_OWNER_URL) it is Django's command unchanged.
"""

from __future__ import annotations

from django.core.management.commands.migrate import Command as DjangoMigrate

from talentpool.tenancy.db_roles import as_owner, grant_app_role


class Command(DjangoMigrate):
    help = (
        DjangoMigrate.help
        + " Connects as the owner role (DATABASE_OWNER_URL) and grants the application role."
    )

    def handle(self, *args, **options):
        database = options["database"]
        with as_owner(database):
            super().handle(*args, **options)
            restricted = grant_app_role(database)
        if restricted and options["verbosity"] >= 2:
            self.stdout.write(f"Granted the application role; restricted: {', '.join(restricted)}")
