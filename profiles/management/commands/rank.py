"""Rank a tenant's pool against a role profile: the best candidates first, each with what it matched and missed."""

import json

from django.core.management.base import BaseCommand, CommandError

from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ...matching import DEFAULT_MUST_HAVE_MODE, MAX_LIMIT, MUST_HAVE_MODES, MatchOptions, rank
from ...models import RoleProfile


class Command(BaseCommand):
    help = (
        "Rank the tenant's pool against a role profile. --json prints a list of {candidate_id, score, band, "
        "matched, missing, failed_must_haves, parts, candidate, focus}, best first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="the tenant's slug")
        parser.add_argument("--profile", required=True, type=int, help="the role profile's id")
        parser.add_argument(
            "--limit", type=int, default=50, help=f"how many candidates (1–{MAX_LIMIT}, default 50)"
        )
        parser.add_argument("--offset", type=int, default=0, help="skip this many first")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument(
            "--must-have-mode",
            choices=MUST_HAVE_MODES,
            default=DEFAULT_MUST_HAVE_MODE,
            help="combined (default): those meeting every must-have first, then the others, "
            "flagged; exclude: leave them out; flag: mix them in at half the score",
        )
        parser.add_argument(
            "--min-score", type=float, default=0.0, help="leave out scores below this (0–100)"
        )
        parser.add_argument(
            "--tier",
            action="append",
            default=[],
            dest="tiers",
            help="keep only this activity tier (high, mid, low); repeatable",
        )
        parser.add_argument("--location", default="", help="keep only locations containing this text")
        parser.add_argument("--activity-boost", action="store_true", help="favour active candidates")

    def handle(self, *args, **options):
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        match_options = MatchOptions(
            must_have_mode=options["must_have_mode"],
            activity_boost=options["activity_boost"],
            tiers=tuple(options["tiers"]),
            location=options["location"],
            min_score=options["min_score"],
            limit=options["limit"],
            offset=options["offset"],
        )
        try:
            with tenant_context(tenant):
                profile = RoleProfile.objects.filter(pk=options["profile"]).first()
                if profile is None:
                    raise CommandError(f"No role profile {options['profile']} in tenant {tenant.slug!r}.")
                matches = rank(profile, match_options)
        except ServiceError as exc:
            raise CommandError(f"{exc.field or 'error'}: {exc}") from exc
        if options["json"]:
            self.stdout.write(
                json.dumps([match.as_json() for match in matches], ensure_ascii=False, default=str)
            )
            return
        self._table(profile, matches)

    def _table(self, profile, matches) -> None:
        self.stdout.write(f"Role profile {profile.pk}: {profile.title} — {len(matches)} candidates")
        if not matches:
            return
        self.stdout.write(
            f"{'#':>3}  {'score':>6}  {'band':<7}  {'id':>9}  {'name':<20}  {'tier':<4}  matched / missing"
        )
        for position, match in enumerate(matches, start=1):
            matched = ", ".join(_matched_label(item) for item in match.matched) or "-"
            missing = ", ".join(item["tag"]["name"] for item in match.missing) or "-"
            failed = (
                f"  FAILED must-have: {', '.join(i['tag']['name'] for i in match.failed_must_haves)}"
                if match.failed_must_haves
                else ""
            )
            name = (match.candidate.get("full_name") or "")[:20]
            self.stdout.write(
                f"{position:>3}  {match.score:>6.1f}  {match.band:<7}  {match.candidate_id:>9}  {name:<20}  "
                f"{match.candidate.get('activity_tier') or '':<4}  + {matched}  − {missing}{failed}"
            )


def _matched_label(item: dict) -> str:
    if item["via"] == "tag":
        return item["tag"]["name"]
    return f"{item['tag']['name']} (via {item['via']} {item['matched_tag']['name']})"
