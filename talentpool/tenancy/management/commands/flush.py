"""``manage.py flush`` as the owner role: only the owner may TRUNCATE the append-only audit log.

Django's test runner empties the database with this command after every transactional test, so it runs there too.
With one role (no DATABASE_OWNER_URL) it is Django's command unchanged.
"""

from __future__ import annotations

from django.core.management.commands.flush import Command as DjangoFlush

from talentpool.tenancy.db_roles import as_owner


class Command(DjangoFlush):
    def handle(self, **options):
        with as_owner(options["database"]):
            super().handle(**options)
