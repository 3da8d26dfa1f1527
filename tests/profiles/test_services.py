"""Role-profile, pipeline, hire and shortlist services: history, refusals, stage events, hires, notifications."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate, CandidateEmail, ExternalId
from engagement.services.outbox import dispatch_all_tenants
from profiles import selectors, services
from profiles.models import (
    Application,
    ApplicationStage,
    Decision,
    Hire,
    HireSource,
    ProfileEdit,
    RoleProfile,
    ShortlistStatus,
    StageEvent,
)
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification, Role

from ..factories import make_candidate, make_member


def _tag(tenant, name, **fields):
    return candidate_services.tag_create(
        tenant, category=fields.pop("category", "skill"), name_en=name, **fields
    )


@pytest.fixture
def skills(tenant_a):
    return {name: _tag(tenant_a, name) for name in ("Python", "Django", "Team Leadership")}


def _old_candidate(tenant, **fields):
    fields.setdefault("created_at", timezone.now() - timedelta(days=90))
    return make_candidate(tenant, **fields)


def test_profile_create_logs_history_and_refuses_bad_fields(tenant_a, skills, recruiter_a):
    with tenant_context(tenant_a):
        profile = services.profile_create(
            title="Backend engineer 后端工程师",
            actor=recruiter_a,
            min_years="3",
            education="bachelor",
            requirements=[
                {"tag": skills["Python"].pk, "weight": 5, "must_have": True},
                {"tag": skills["Django"].key, "group": "hard_skill", "weight": 2},
            ],
        )
        assert [
            (r.tag.name_en, r.weight, r.must_have) for r in profile.requirements.select_related("tag")
        ] == [("Python", 5, True), ("Django", 2, False)]
        assert ProfileEdit.objects.filter(profile=profile, field="requirement").count() == 2

        services.requirements_replace(profile, [{"tag": skills["Django"].pk, "weight": 4}], actor=recruiter_a)
        assert list(profile.requirements.values_list("tag__name_en", "weight")) == [("Django", 4)]
        edits = list(
            ProfileEdit.objects.filter(profile=profile, field="requirement").values_list(
                "old_value", "new_value"
            )
        )
        assert any(old and old["tag"] == skills["Python"].key and new is None for old, new in edits)

        services.profile_update(profile, actor=recruiter_a, status="paused", headcount=2)
        assert ProfileEdit.objects.filter(profile=profile, field="status", new_value="paused").exists()

        for fields, field in [
            ({"title": " "}, "title"),
            ({"title": "x", "headcount": 0}, "headcount"),
            ({"title": "x", "salary_min": 30000, "salary_max": 20000}, "salary_min"),
            ({"title": "x", "education": "wizard"}, "education"),
            ({"title": "x", "min_years": "many"}, "min_years"),
        ]:
            with pytest.raises(services.ProfileError) as refused:
                services.profile_create(**fields)
            assert refused.value.field == field
        with pytest.raises(services.ProfileError) as refused:
            services.profile_create(title="x", requirements=[{"tag": skills["Python"].pk, "weight": 9}])
        assert refused.value.field == "requirements"


def test_requirement_with_another_tenants_tag_is_refused(tenant_a, tenant_b, skills):
    foreign = _tag(tenant_b, "Rust")
    with tenant_context(tenant_a):
        with pytest.raises(services.ProfileError) as refused:
            services.profile_create(title="Role", requirements=[{"tag": foreign.pk}])
        assert refused.value.field == "requirements"
        assert not RoleProfile.objects.exists()


def test_merged_tag_resolves_to_the_tag_it_went_into(tenant_a, skills):
    old = _tag(tenant_a, "Py3")
    candidate_services.tag_merge(tenant_a, source=old, target=skills["Python"])
    with tenant_context(tenant_a):
        profile = services.profile_create(title="Role", requirements=[{"tag": old.pk}])
        assert list(profile.requirements.values_list("tag_id", flat=True)) == [skills["Python"].pk]


def test_moves_are_stage_events_and_hired_records_a_pool_hire(tenant_a, recruiter_a):
    candidate = _old_candidate(tenant_a, full_name="王")
    with tenant_context(tenant_a):
        profile = services.profile_create(title="车间主任")
        application, created = services.application_create(
            profile=profile, candidate=candidate, actor=recruiter_a
        )
        assert created and application.stage == ApplicationStage.SOURCED
        assert services.application_create(profile=profile, candidate=candidate)[1] is False
        for stage in ("contacted", "interviewing", "offer", "hired"):
            services.application_move(application, to_stage=stage, actor=recruiter_a)
        assert services.application_move(application, to_stage="hired") is None  # same stage: nothing
        events = list(
            StageEvent.objects.filter(application=application).values_list("from_stage", "to_stage")
        )
        assert events == [
            ("", "sourced"),
            ("sourced", "contacted"),
            ("contacted", "interviewing"),
            ("interviewing", "offer"),
            ("offer", "hired"),
        ]
        hire = Hire.objects.get(application=application)
        assert hire.source == HireSource.POOL and hire.candidate == candidate and hire.profile == profile
        with pytest.raises(services.ProfileError):
            services.application_move(application, to_stage="promoted")

        funnel = {row["stage"]: row for row in selectors.profile_funnel(profile)}
        assert funnel["replied"]["reached"] == 1  # implied: it got further
        assert funnel["probation_passed"]["reached"] == 0
        assert funnel["hired"]["current"] == 1 and funnel["sourced"]["reached"] == 1


def test_hire_record_is_idempotent_finds_pool_candidates_and_counts_the_pool_share(tenant_a):
    pooled = _old_candidate(tenant_a, full_name="Ada Lovelace")
    with tenant_context(tenant_a):
        CandidateEmail.objects.create(candidate=pooled, email="ada@example.test", is_primary=True)
        ExternalId.objects.create(candidate=pooled, system="moka", value="M-1")
        profile = services.profile_create(title="Analyst", external_id="REQ-9")
        hire, created = services.hire_record(
            external_id="H-1", email="ADA@example.test", profile=profile, hired_at=date.today()
        )
        assert created and hire.candidate == pooled and hire.source == HireSource.POOL
        again, created_again = services.hire_record(external_id="H-1", full_name="Someone else")
        assert again.pk == hire.pk and not created_again
        outside, _ = services.hire_record(external_id="H-2", full_name="Grace Hopper")
        assert outside.source == HireSource.EXTERNAL and outside.candidate is None
        by_external, _ = services.hire_record(external_id="H-3", candidate_external_id=("moka", "M-1"))
        assert by_external.candidate == pooled
        with pytest.raises(services.ProfileError) as refused:
            services.hire_record(external_id="H-4")
        assert refused.value.field == "full_name"
        assert selectors.pool_share_of_hires() == {"total": 3, "from_pool": 2, "share": round(2 / 3, 4)}
        # The candidate was in the role's pipeline? A hire for the role moves the application too.
        newcomer = Candidate.objects.create(full_name="New", created_at=timezone.now() - timedelta(days=40))
        application, _ = services.application_create(profile=profile, candidate=newcomer)
        services.hire_record(external_id="H-5", candidate=newcomer, profile=profile)
        application.refresh_from_db()
        assert application.stage == ApplicationStage.HIRED
        assert Hire.objects.filter(application=application).count() == 1


def test_candidate_who_joined_on_the_hire_day_is_not_a_pool_hire(tenant_a):
    fresh = make_candidate(tenant_a, full_name="Fresh")
    with tenant_context(tenant_a):
        hire, _ = services.hire_record(candidate=fresh, full_name="Fresh")
        assert hire.source == HireSource.EXTERNAL


def test_shortlist_decisions_move_applications_notify_and_feed_back(
    tenant_a, skills, recruiter_a, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_member(tenant_a, Role.HIRING_MANAGER, email="hm@alpha.test")
    other_manager = make_member(tenant_a, Role.HIRING_MANAGER, email="hm2@alpha.test")
    people = [_old_candidate(tenant_a, full_name=f"Person {n}") for n in range(4)]
    with tenant_context(tenant_a):
        for person in people:
            candidate_services.candidate_tag_add(person, tag=skills["Python"], source="manual")
        profile = services.profile_create(
            title="Lead", requirements=[{"tag": skills["Python"].pk, "weight": 5}]
        )
        shortlist = services.shortlist_create(
            profile=profile, candidate_ids=[p.pk for p in people], actor=recruiter_a, name="First"
        )
        entries = list(shortlist.entries.order_by("position"))
        assert [e.candidate_id for e in entries] == [p.pk for p in people]
        assert all(e.score > 0 and e.explanation["matched"] for e in entries)
        assert Application.objects.filter(profile=profile).count() == 4

        with pytest.raises(services.ProfileError) as refused:
            services.shortlist_send(shortlist, actor=recruiter_a)
        assert refused.value.field == "hiring_managers"
        services.hiring_managers_set(profile, user_ids=[manager.pk], actor=recruiter_a)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.shortlist_send(shortlist, actor=recruiter_a)
        dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
        assert [message.to for message in mail.outbox] == [[manager.email]]
        assert f"/review/shortlists/{shortlist.pk}/" in mail.outbox[0].body
        assert shortlist.status == ShortlistStatus.SENT
        assert Notification.objects.filter(user=manager, kind="shortlist_sent").exists()

        assert services.can_review(manager, shortlist) and not services.can_review(other_manager, shortlist)
        assert list(selectors.shortlists_for_reviewer(other_manager)) == []
        with pytest.raises(services.ProfileError):
            services.shortlist_decide(entries[0], decision="approved", actor=other_manager)
        with pytest.raises(services.ProfileError) as refused:
            services.shortlist_decide(entries[0], decision="rejected", actor=manager)
        assert refused.value.field == "reason_tags"

        services.shortlist_decide(entries[0], decision=Decision.APPROVED, actor=manager)
        for entry in entries[1:]:
            services.shortlist_decide(
                entry,
                decision=Decision.REJECTED,
                actor=manager,
                reason_tags=(
                    ["no team-lead experience", "Team Leadership"] if entry != entries[3] else ["salary"]
                ),
                comment="not now",
            )
        stages = dict(Application.objects.filter(profile=profile).values_list("candidate_id", "stage"))
        assert stages[people[0].pk] == ApplicationStage.INTERVIEWING
        assert stages[people[1].pk] == ApplicationStage.REJECTED
        assert Notification.objects.filter(user=recruiter_a, kind="shortlist_decision").count() == 4
        feedback = {item["reason"]: item for item in services.feedback_suggestions(profile)}
        assert set(feedback) == {"no team-lead experience", "Team Leadership"}  # "salary" was said once only
        assert (
            feedback["no team-lead experience"]["count"],
            feedback["no team-lead experience"]["total"],
        ) == (2, 3)
        assert (
            feedback["no team-lead experience"]["message"] == "2 of 3 rejections say: no team-lead experience"
        )
        assert feedback["Team Leadership"]["tag"]["id"] == skills["Team Leadership"].pk


def test_create_profile_command_prints_the_profile_as_json(tenant_a, skills, tmp_path):
    jd = tmp_path / "jd.txt"
    jd.write_text("Python Developer\n\nRequirements:\n- 3+ years of Python and Django\n", encoding="utf-8")
    out = StringIO()
    call_command(
        "create_profile",
        "--tenant",
        tenant_a.slug,
        "--title",
        "Python Developer",
        "--jd-file",
        str(jd),
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    with tenant_context(tenant_a):
        profile = RoleProfile.objects.get(pk=result["id"])
        assert profile.title == "Python Developer" and profile.jd_text.startswith("Python Developer")
    names = {item["tag"]["name"] for item in result["requirements"]}
    assert "Python" in names
    assert all({"tag", "group", "weight", "must_have"} <= set(item) for item in result["requirements"])

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(CommandError):
        call_command("create_profile", "--tenant", tenant_a.slug, "--jd-file", str(empty), "--json")
    with pytest.raises(CommandError):
        call_command("create_profile", "--tenant", "nobody", "--jd-file", str(jd))
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("高级Python工程师\n任职要求：\n1. 三年以上Python开发经验\n".encode("gbk"))
    out = StringIO()
    call_command("create_profile", "--tenant", tenant_a.slug, "--jd-file", str(gbk), "--json", stdout=out)
    assert json.loads(out.getvalue())["title"]
