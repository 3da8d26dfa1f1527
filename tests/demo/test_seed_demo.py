"""`make run`'s demo tenant: members, a tagged pool, and a role ranked and shortlisted from a JD."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from candidates.models import Candidate
from profiles.models import RoleProfile, ShortlistStatus
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant


def test_seed_demo_builds_a_working_demo_and_is_safe_to_run_twice(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "manager@demo.talentpool.local" in out.getvalue()
    call_command("seed_demo", stdout=StringIO())
    tenant = Tenant.objects.get(slug="demo")
    with tenant_context(tenant):
        assert Candidate.objects.count() == 18
        assert Candidate.objects.exclude(tag_ids=[]).count() == 18
        role = RoleProfile.objects.get()
        assert role.title == "车间主任" and role.min_years == 8 and role.education == "bachelor"
        assert role.requirements.filter(must_have=True).exists()
        assert role.hiring_manager_links.filter(user__email="manager@demo.talentpool.local").exists()
        shortlist = role.shortlists.get()
        assert shortlist.status == ShortlistStatus.SENT
        # The best match is the workshop director with lean production, not someone from another trade.
        entries = list(shortlist.entries.order_by("position"))
        first = entries[0]
        assert first.candidate.full_name == "王伟" and first.score > 25
        assert all(first.score > entry.score for entry in entries[1:])


def test_the_demo_pool_is_alive_and_shows_the_products_example(db):
    from analytics.selectors import kpis
    from engagement.models import FollowUp, Interaction

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    tenant = Tenant.objects.get(slug="demo")
    with tenant_context(tenant):
        # Every score comes from a history of touches; running the seed twice adds none.
        assert not Candidate.objects.filter(interactions__isnull=True).exists()
        count = Interaction.objects.count()
        tiers = {candidate.full_name: candidate.activity_tier for candidate in Candidate.objects.all()}
        assert tiers["李娜"] == "high" and "mid" in tiers.values() and "low" in tiers.values()
        follow_up = FollowUp.objects.get(candidate__full_name="李娜", done_at__isnull=True)
        assert follow_up.roles and follow_up.roles[0]["title"] == "车间主任"
    call_command("seed_demo", stdout=StringIO())
    with tenant_context(tenant):
        assert Interaction.objects.count() == count
        # Analytics shows the pool on the first visit, not after beat's first refresh.
        assert kpis()["pool_size"] == Candidate.objects.count() > 0
