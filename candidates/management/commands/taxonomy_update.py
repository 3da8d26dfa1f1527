"""taxonomy_update: bring tenants created with an older seed taxonomy up to the repository's.

    python manage.py taxonomy_update [--tenant SLUG ...] [--no-retag]

Adds the seed tags a tenant lacks (its own tags and its edits of seed tags are kept) and tags again the
parsed documents that name one of them. Prints one JSON line per tenant: {"tenant", "added", "retagged"}.
Run it after an upgrade whose release notes change the seed (docs/operations.md).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from candidates.services import taxonomy_update
from talentpool.tenancy.models import Tenant


class Command(BaseCommand):
    help = "Add the seed taxonomy's new tags to existing tenants and tag their documents again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tenant",
            action="append",
            default=[],
            help="a tenant's slug (repeatable; default: every active one)",
        )
        parser.add_argument(
            "--no-retag",
            action="store_true",
            help="add the tags only; leave existing candidates' tags as they are",
        )

    def handle(self, *args, **options):
        slugs = options["tenant"]
        tenants = Tenant.objects.filter(slug__in=slugs) if slugs else Tenant.objects.filter(is_active=True)
        tenants = list(tenants.order_by("slug"))
        unknown = sorted(set(slugs) - {t.slug for t in tenants})
        if unknown:
            raise CommandError(f"No tenant with the slug {', '.join(map(repr, unknown))}.")
        for tenant in tenants:
            result = taxonomy_update(tenant, retag=not options["no_retag"])
            self.stdout.write(
                json.dumps(
                    {"tenant": tenant.slug, "added": len(result.added), "retagged": result.retagged},
                    ensure_ascii=False,
                )
            )
