"""The roles pages: every page renders for a recruiter in English and Chinese; a JD is suggested over htmx and
without JavaScript; the editor saves through the services (another tenant's tag is a form error, not a 500);
matches explain themselves; shortlists go to hiring managers, who see only their roles and only the fields the
organization allows; decisions move the application and notify the recruiter; the pipeline moves are stage
events; saved searches count what is new; notifications are marked read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate
from engagement.services.outbox import dispatch_all_tenants
from profiles import services
from profiles.models import (
    Application,
    ApplicationStage,
    Decision,
    ProfileEdit,
    Requirement,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    ShortlistStatus,
    StageEvent,
)
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification, Tenant

from ..conftest import logged_in_client

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
HTMX = {"HTTP_HX_REQUEST": "true"}

JD = """Senior Python Developer

Requirements:
- 3+ years of Python and Django
- Experience with PostgreSQL
Nice to have: Docker
"""


# ---------------------------------------------------------------------------------------------- fixtures


def _tag(tenant, name_en, name_zh="", category="skill"):
    return candidate_services.tag_create(tenant, category=category, name_en=name_en, name_zh=name_zh)


@pytest.fixture
def skills(tenant_a):
    return {
        "python": _tag(tenant_a, "Python"),
        "django": _tag(tenant_a, "Django"),
        "lead": _tag(tenant_a, "Team leadership", "团队领导", category="quality"),
    }


def add_person(tenant, name, *, tags=(), email="", days_ago=60, **fields):
    """A candidate with manual tags (each with an evidence snippet), created ``days_ago`` days ago."""
    candidate = candidate_services.candidate_create(
        tenant,
        data=candidate_services.CandidateInput(
            full_name=name, emails=(email,) if email else (), fields=fields
        ),
        source="api",
    )
    with tenant_context(tenant):
        for tag in tags:
            candidate_services.candidate_tag_add(
                candidate, tag=tag, source="manual", evidence=(f"{name} uses {tag.name_en} daily", None, None)
            )
        past = timezone.now() - timedelta(days=days_ago)
        Candidate.objects.filter(pk=candidate.pk).update(created_at=past, updated_at=past)
        candidate.refresh_from_db()
    return candidate


@pytest.fixture
def people(tenant_a, skills):
    return {
        "ada": add_person(
            tenant_a,
            "Ada Lovelace",
            tags=[skills["python"], skills["django"], skills["lead"]],
            email="ada@example.com",
            current_title="Staff engineer",
            location="Shenzhen",
            years_experience=9,
            highest_education="master",
        ),
        "bo": add_person(
            tenant_a,
            "王博",
            tags=[skills["python"]],
            email="wangbo@example.com",
            current_title="后端工程师",
            location="深圳",
            years_experience=4,
        ),
        "cy": add_person(tenant_a, "Cy Nobody", tags=[skills["django"]], email="cy@example.com"),
    }


@pytest.fixture
def role(tenant_a, skills, recruiter_a, manager_a):
    with tenant_context(tenant_a):
        return services.profile_create(
            title="Backend engineer 后端工程师",
            actor=recruiter_a,
            min_years=3,
            jd_text=JD,
            requirements=[
                {"tag": skills["python"].pk, "weight": 5, "must_have": True},
                {"tag": skills["django"].pk, "weight": 3},
                {"tag": skills["lead"].pk, "group": "quality", "weight": 2},
            ],
            hiring_manager_ids=[manager_a.pk],
        )


def shortlist_for(tenant, role, candidates, actor, *, send=True) -> Shortlist:
    with tenant_context(tenant):
        shortlist = services.shortlist_create(
            profile=role, candidate_ids=[c.pk for c in candidates], actor=actor, name="First batch"
        )
        if send:
            services.shortlist_send(shortlist, actor=actor)
        return shortlist


# ---------------------------------------------------------------------------------------- every page


def test_every_roles_page_renders_for_a_recruiter_in_english_and_chinese(
    tenant_a, role, people, recruiter_a, recruiter_client
):
    shortlist = shortlist_for(tenant_a, role, [people["ada"], people["bo"]], recruiter_a)
    with tenant_context(tenant_a):
        saved = services.saved_search_create(
            owner=recruiter_a, name="Python people", profile=role, params={"must_have_mode": "flag"}
        )
    pk = role.pk
    pages = [
        "/roles/",
        "/roles/?status=all",
        "/roles/new/",
        f"/roles/{pk}/",
        f"/roles/{pk}/edit/",
        f"/roles/{pk}/history/",
        f"/roles/{pk}/matches/",
        f"/roles/{pk}/matches/?must_have_mode=flag&tiers=low&min_score=5&activity_boost=on",
        f"/roles/{pk}/pipeline/",
        f"/roles/{pk}/pipeline/?view=list",
        f"/roles/{pk}/shortlists/",
        f"/roles/{pk}/shortlists/{shortlist.pk}/",
        "/roles/searches/",
        f"/roles/searches/{saved.pk}/",
        "/notifications/",
        "/review/",
        f"/review/shortlists/{shortlist.pk}/",
    ]
    for headers, expected in ((EN, "Roles"), (ZH, "职位")):
        for path in pages:
            response = recruiter_client.get(path, **headers)
            assert response.status_code == 200, path
        assert expected in recruiter_client.get("/roles/", **headers).content.decode()
    # The sidebar's Roles item is the real page now, and the old placeholder route is gone.
    page = recruiter_client.get("/", **EN).content.decode()
    assert 'href="/roles/"' in page
    assert "Not available yet" not in recruiter_client.get("/roles/", **EN).content.decode()


def test_another_tenants_role_is_404(tenant_a, tenant_b, admin_b, role, recruiter_client):
    with tenant_context(tenant_b):
        theirs = services.profile_create(title="Theirs")
    for path in (
        f"/roles/{theirs.pk}/",
        f"/roles/{theirs.pk}/matches/",
        f"/roles/{theirs.pk}/pipeline/",
        f"/roles/{theirs.pk}/edit/",
    ):
        assert recruiter_client.get(path).status_code == 404, path


def test_viewers_read_the_roles_but_cannot_change_them(tenant_a, role, viewer_a):
    client = logged_in_client(viewer_a)
    assert client.get(f"/roles/{role.pk}/matches/").status_code == 200
    assert client.get("/roles/new/").status_code == 403
    assert client.post("/roles/new/", {"title": "Nope", "headcount": 1}).status_code == 403
    assert (
        client.post(
            f"/roles/{role.pk}/matches/act/", {"action": "pipeline", "candidate_ids": [1]}
        ).status_code
        == 403
    )
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.filter(title="Nope").exists()


# -------------------------------------------------------------------------------------------- the editor


def test_suggest_over_htmx_fills_the_requirements_and_the_title(tenant_a, skills, recruiter_client):
    response = recruiter_client.post(
        "/roles/new/", {"action": "suggest", "jd_text": JD, "title": "", "headcount": 1}, **HTMX, **EN
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="role-suggested"' in page and "<html" not in page  # the partial, not the page
    assert 'id="title-field" hx-swap-oob="true"' in page
    assert 'value="Senior Python Developer"' in page  # the JD's title line fills the empty title
    assert f'value="{skills["python"].pk}"' in page and f'value="{skills["django"].pk}"' in page
    assert "from the JD" in page


def test_suggest_without_javascript_renders_the_whole_editor(tenant_a, skills, recruiter_client):
    response = recruiter_client.post(
        "/roles/new/", {"action": "suggest", "jd_text": JD, "title": "My own title", "headcount": 1}, **EN
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page and 'value="My own title"' in page
    assert (
        f'name="req-0-tag" value="{skills["python"].pk}"' in page or f'value="{skills["python"].pk}"' in page
    )
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.exists()  # suggesting never saves


def test_empty_jd_gets_the_message_and_a_too_long_one_a_field_error(tenant_a, recruiter_client):
    response = recruiter_client.post(
        "/roles/new/", {"action": "suggest", "jd_text": "  ", "headcount": 1}, **HTMX, **EN
    )
    assert "Paste a job description first." in response.content.decode()
    response = recruiter_client.post(
        "/roles/new/", {"action": "suggest", "jd_text": "x" * 100_001, "headcount": 1}, **HTMX, **EN
    )
    page = response.content.decode()
    assert 'id="jd-field" hx-swap-oob="true"' in page
    assert "field--invalid" in page.split('id="jd-field"')[1].split('id="role-suggested"')[0]
    response = recruiter_client.post(
        "/roles/new/", {"action": "suggest", "jd_text": "  ", "headcount": 1}, **ZH
    )
    assert "请先粘贴职位描述" in response.content.decode()


def test_saving_the_editor_creates_the_role_with_the_edited_requirements(
    tenant_a, skills, manager_a, recruiter_client
):
    data = {
        "action": "save",
        "title": "Python developer",
        "jd_text": JD,
        "headcount": 2,
        "min_years": "3",
        "education": "bachelor",
        "salary_min": "20000",
        "salary_max": "30000",
        "salary_currency": "CNY",
        "salary_period": "month",
        "department": "Platform",
        "location": "Shenzhen",
        "hiring_managers": [str(manager_a.pk)],
        "req-0-tag": skills["python"].pk,
        "req-0-group": "hard_skill",
        "req-0-weight": "5",
        "req-0-must_have": "1",
        "req-0-source": "suggested",
        "req-0-evidence": "3+ years of Python",
        "req-1-tag": skills["django"].pk,
        "req-1-group": "hard_skill",
        "req-1-weight": "2",
        "req-1-remove": "1",
        "req-4-tag": skills["lead"].pk,
        "req-4-group": "quality",
        "req-4-weight": "4",
    }
    response = recruiter_client.post("/roles/new/", data)
    assert response.status_code == 302
    with tenant_context(tenant_a):
        profile = RoleProfile.objects.get(title="Python developer")
        assert response["Location"] == f"/roles/{profile.pk}/"
        requirements = list(Requirement.objects.filter(profile=profile).select_related("tag"))
        assert [(r.tag.name_en, r.group, r.weight, r.must_have, r.source) for r in requirements] == [
            ("Python", "hard_skill", 5, True, "suggested"),
            ("Team leadership", "quality", 4, False, "manual"),
        ]
        assert requirements[0].evidence_text == "3+ years of Python"
        assert (profile.headcount, profile.min_years, profile.education, profile.salary_max) == (
            2,
            3,
            "bachelor",
            30000,
        )
        assert list(profile.hiring_manager_links.values_list("user_id", flat=True)) == [manager_a.pk]


def test_a_role_needs_a_title_and_the_form_keeps_what_was_typed(tenant_a, skills, recruiter_client):
    response = recruiter_client.post(
        "/roles/new/",
        {
            "action": "save",
            "title": "",
            "headcount": 1,
            "department": "QA",
            "req-0-tag": skills["python"].pk,
            "req-0-weight": "4",
        },
        **EN,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "A role needs a title." in page and 'value="QA"' in page and "Python" in page


def test_another_tenants_tag_in_the_requirements_is_a_form_error_not_a_500(
    tenant_a, tenant_b, admin_b, skills, recruiter_client
):
    foreign = _tag(tenant_b, "Rust")
    response = recruiter_client.post(
        "/roles/new/",
        {
            "action": "save",
            "title": "Sneaky",
            "headcount": 1,
            "req-0-tag": skills["python"].pk,
            "req-0-weight": "3",
            "req-1-tag": foreign.pk,
            "req-1-weight": "3",
        },
        **EN,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Unknown tag: {foreign.pk}." in page and "alert--error" in page
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.filter(title="Sneaky").exists()


def test_a_tag_picked_in_the_editor_adds_one_row_once(tenant_a, skills, recruiter_client):
    response = recruiter_client.post(
        "/roles/requirement-row/",
        {
            "tag": skills["lead"].pk,
            "req-0-tag": skills["python"].pk,
            "req-3-tag": skills["django"].pk,
            "req-3-remove": "1",
        },
        **HTMX,
        **EN,
    )
    page = response.content.decode()
    assert (
        f'name="req-4-tag" value="{skills["lead"].pk}"' in page
    )  # numbered after every row, removed ones too
    assert '<option value="quality" selected>' in page  # a quality tag starts in the qualities group
    again = recruiter_client.post(
        "/roles/requirement-row/",
        {"tag": skills["python"].pk, "req-0-tag": skills["python"].pk},
        **HTMX,
        **EN,
    )
    assert "req-row" not in again.content.decode() and "is a requirement already" in again.content.decode()


def test_editing_replaces_the_requirements_and_the_history_shows_it(
    tenant_a, role, skills, manager_a, recruiter_a, recruiter_client
):
    page = recruiter_client.get(f"/roles/{role.pk}/edit/", **EN).content.decode()
    assert f'value="{skills["python"].pk}"' in page and 'value="paused"' in page
    response = recruiter_client.post(
        f"/roles/{role.pk}/edit/",
        {
            "action": "save",
            "title": role.title,
            "status": "paused",
            "headcount": 3,
            "hiring_managers": [manager_a.pk],
            "req-0-tag": skills["django"].pk,
            "req-0-weight": "4",
            "req-0-group": "hard_skill",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        role.refresh_from_db()
        assert (role.status, role.headcount) == ("paused", 3)
        assert list(role.requirements.values_list("tag__name_en", "weight")) == [("Django", 4)]
        assert (
            ProfileEdit.objects.filter(profile=role, field="requirement", new_value__isnull=True).count() == 2
        )
    history = recruiter_client.get(f"/roles/{role.pk}/history/", **EN).content.decode()
    assert (
        "Paused" in history
        and "removed" in history
        and "Team leadership" in history
        and str(recruiter_a) in history
    )


def test_a_failed_edit_changes_nothing(tenant_a, tenant_b, admin_b, role, recruiter_client):
    foreign = _tag(tenant_b, "Rust")
    response = recruiter_client.post(
        f"/roles/{role.pk}/edit/",
        {"action": "save", "title": "Renamed", "status": "open", "headcount": 1, "req-0-tag": foreign.pk},
    )
    assert response.status_code == 400
    with tenant_context(tenant_a):
        role.refresh_from_db()
        assert role.title != "Renamed" and role.requirements.count() == 3


# ------------------------------------------------------------------------------------------------ matches


def test_matches_page_ranks_candidates_and_explains_each_score(tenant_a, role, people, recruiter_client):
    page = recruiter_client.get(f"/roles/{role.pk}/matches/?must_have_mode=flag", **EN).content.decode()
    ada, bo, cy = (page.index(name) for name in ("Ada Lovelace", "王博", "Cy Nobody"))
    assert ada < bo < cy  # best first
    assert "Ada Lovelace uses Python daily" in page  # the evidence of a matched requirement
    assert "Missing must-haves:" in page and "match--failed" in page  # Cy has no Python, a must-have
    assert "Requirements covered" in page and "Missing must-haves" in page  # the parts of the score
    # Strict exclusion leaves out whoever misses a must-have.
    page = recruiter_client.get(f"/roles/{role.pk}/matches/?must_have_mode=exclude", **EN).content.decode()
    assert "Ada Lovelace" in page and "Cy Nobody" not in page
    # The default shows them too, below a divider, after everyone who meets every must-have.
    page = recruiter_client.get(f"/roles/{role.pk}/matches/", **EN).content.decode()
    divider = page.index("Below: candidates who miss a must-have")
    assert page.index("Ada Lovelace") < divider < page.index("Cy Nobody")
    # htmx asks for the results only.
    partial = recruiter_client.get(
        f"/roles/{role.pk}/matches/?location=Shenzhen", HTTP_HX_TARGET="match-results", **HTMX, **EN
    ).content.decode()
    assert "<html" not in partial and "Ada Lovelace" in partial and "王博" not in partial


def test_ticked_matches_go_into_the_pipeline(tenant_a, role, people, recruiter_client):
    response = recruiter_client.post(
        f"/roles/{role.pk}/matches/act/",
        {
            "action": "pipeline",
            "candidate_ids": [people["ada"].pk, people["bo"].pk],
            "next": f"/roles/{role.pk}/matches/",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        assert set(Application.objects.filter(profile=role).values_list("candidate_id", flat=True)) == {
            people["ada"].pk,
            people["bo"].pk,
        }
        assert (
            StageEvent.objects.filter(application__profile=role, to_stage=ApplicationStage.SOURCED).count()
            == 2
        )
    nothing = recruiter_client.post(f"/roles/{role.pk}/matches/act/", {"action": "shortlist"})
    assert nothing.status_code == 302
    with tenant_context(tenant_a):
        assert not Shortlist.objects.exists()


# --------------------------------------------------------------------------------- shortlists and review


def test_shortlist_from_matches_is_sent_and_the_hiring_manager_sees_only_allowed_fields(
    tenant_a,
    role,
    people,
    recruiter_a,
    manager_a,
    recruiter_client,
    manager_client,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = recruiter_client.post(
        f"/roles/{role.pk}/matches/act/",
        {"action": "shortlist", "name": "Best three", "candidate_ids": [people["ada"].pk, people["bo"].pk]},
    )
    with tenant_context(tenant_a):
        shortlist = Shortlist.objects.get(name="Best three")
    assert response["Location"] == f"/roles/{role.pk}/shortlists/{shortlist.pk}/"
    assert (
        manager_client.get(f"/review/shortlists/{shortlist.pk}/").status_code == 404
    )  # a draft is not theirs yet

    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(f"/roles/{role.pk}/shortlists/{shortlist.pk}/send/")
    assert response.status_code == 302
    dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
    assert [message.to for message in mail.outbox] == [[manager_a.email]]
    with tenant_context(tenant_a):
        shortlist.refresh_from_db()
        assert shortlist.status == ShortlistStatus.SENT
        assert Notification.objects.filter(user=manager_a, kind="shortlist_sent").exists()

    assert f"/review/shortlists/{shortlist.pk}/" in manager_client.get("/review/", **EN).content.decode()
    page = manager_client.get(f"/review/shortlists/{shortlist.pk}/", **EN).content.decode()
    assert "Ada Lovelace" in page and "Staff engineer" in page and "Python" in page
    assert (
        "ada@example.com" not in page and "wangbo@example.com" not in page
    )  # contact details hidden by default
    assert f"/pool/{people['ada'].pk}/" not in page  # no way into the recruiters' candidate page

    Tenant.objects.filter(pk=tenant_a.pk).update(shortlist_fields=["current_title", "emails"])
    page = manager_client.get(f"/review/shortlists/{shortlist.pk}/", **EN).content.decode()
    assert "ada@example.com" in page and "Ada Lovelace" not in page and "Candidate 1" in page


def test_hiring_managers_see_only_the_shortlists_of_their_roles(
    tenant_a, role, people, recruiter_a, other_manager_a, manager_client
):
    shortlist = shortlist_for(tenant_a, role, [people["ada"]], recruiter_a)
    with tenant_context(tenant_a):
        entry = shortlist.entries.get()
    other = logged_in_client(other_manager_a)
    assert other.get(f"/review/shortlists/{shortlist.pk}/").status_code == 404
    response = other.post(
        f"/review/shortlists/{shortlist.pk}/entries/{entry.pk}/decide/", {"decision": "approved"}
    )
    assert response.status_code == 404
    with tenant_context(tenant_a):
        assert ShortlistEntry.objects.get(pk=entry.pk).decision == Decision.PENDING
    assert "First batch" not in other.get("/review/").content.decode()
    # Hiring managers never reach the recruiters' pages: the roles list sends them to their reviews.
    assert manager_client.get("/roles/")["Location"] == "/review/"
    for path in (
        f"/roles/{role.pk}/",
        f"/roles/{role.pk}/matches/",
        f"/roles/{role.pk}/shortlists/{shortlist.pk}/",
        "/roles/new/",
        "/roles/searches/",
    ):
        assert manager_client.get(path).status_code == 403, path


def test_a_decision_moves_the_application_and_tells_the_recruiter(
    tenant_a,
    role,
    people,
    recruiter_a,
    manager_a,
    manager_client,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    shortlist = shortlist_for(tenant_a, role, [people["ada"], people["bo"]], recruiter_a)
    with tenant_context(tenant_a):
        ada_entry, bo_entry = shortlist.entries.order_by("position")
    url = f"/review/shortlists/{shortlist.pk}/entries/{bo_entry.pk}/decide/"

    refused = manager_client.post(url, {"decision": "rejected"}, **HTMX, **EN)
    assert "Give a reason for the rejection." in refused.content.decode()

    dispatch_all_tenants()  # the shortlist's own mail to the manager goes first
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            url,
            {
                "decision": "rejected",
                "reasons": ["no team-lead experience"],
                "other_reason": "wants remote",
                "comment": "Not this time",
            },
            **HTMX,
            **EN,
        )
    assert response.status_code == 200
    card = response.content.decode()
    assert f'id="entry-{bo_entry.pk}"' in card and "Saved. The recruiter was notified." in card
    dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
    with tenant_context(tenant_a):
        bo_entry.refresh_from_db()
        assert bo_entry.decision == Decision.REJECTED
        assert bo_entry.reason_tags == ["no team-lead experience", "wants remote"]
        assert Application.objects.get(pk=bo_entry.application_id).stage == ApplicationStage.REJECTED
        assert Notification.objects.filter(user=recruiter_a, kind="shortlist_decision").count() == 1
    assert [message.to for message in mail.outbox] == [[recruiter_a.email]]
    assert "Not this time" in mail.outbox[0].body

    # Without JavaScript the form posts and comes back to the card.
    response = manager_client.post(
        f"/review/shortlists/{shortlist.pk}/entries/{ada_entry.pk}/decide/", {"decision": "approved"}
    )
    assert response["Location"] == f"/review/shortlists/{shortlist.pk}/#entry-{ada_entry.pk}"
    with tenant_context(tenant_a):
        assert Application.objects.get(pk=ada_entry.application_id).stage == ApplicationStage.INTERVIEWING
    # The recruiter reads the decision with its translated reason.
    recruiter = logged_in_client(recruiter_a)
    page = recruiter.get(f"/roles/{role.pk}/shortlists/{shortlist.pk}/", **ZH).content.decode()
    assert "缺乏团队管理经验" in page and "wants remote" in page and "Not this time" in page


def test_rejection_reasons_feed_back_into_the_role_as_one_click_requirements(
    tenant_a, role, people, skills, recruiter_a, manager_a, recruiter_client
):
    with tenant_context(tenant_a):
        Requirement.objects.filter(profile=role, tag=skills["lead"]).delete()
    shortlist = shortlist_for(tenant_a, role, list(people.values()), recruiter_a)
    with tenant_context(tenant_a):
        for entry in shortlist.entries.all():
            services.shortlist_decide(
                entry,
                decision=Decision.REJECTED,
                actor=manager_a,
                reason_tags=["Team leadership", "salary expectations"],
            )
    page = recruiter_client.get(f"/roles/{role.pk}/", **EN).content.decode()
    assert "3 of 3 rejections say: Team leadership" in page
    assert "Add “Team leadership” as a requirement" in page
    response = recruiter_client.post(f"/roles/{role.pk}/feedback/add/", {"tag": skills["lead"].pk})
    assert response.status_code == 302
    with tenant_context(tenant_a):
        added = Requirement.objects.get(profile=role, tag=skills["lead"])
        assert (added.source, added.group) == ("feedback", "quality")


# ------------------------------------------------------------------------------------------------ pipeline


def test_moving_a_card_is_a_stage_event(tenant_a, role, people, recruiter_a, recruiter_client):
    with tenant_context(tenant_a):
        application, _ = services.application_create(profile=role, candidate=people["ada"], actor=recruiter_a)
    url = f"/roles/{role.pk}/pipeline/{application.pk}/move/"
    response = recruiter_client.post(url, {"to_stage": "contacted", "view": "board"}, **HTMX, **EN)
    assert response.status_code == 200
    board = response.content.decode()
    assert 'id="pipeline"' in board and "<html" not in board and f'id="application-{application.pk}"' in board
    response = recruiter_client.post(url, {"to_stage": "interviewing", "view": "list"})
    assert response["Location"] == f"/roles/{role.pk}/pipeline/?view=list"
    with tenant_context(tenant_a):
        events = list(
            StageEvent.objects.filter(application=application).values_list("from_stage", "to_stage", "actor")
        )
        assert events == [
            ("", "sourced", recruiter_a.pk),
            ("sourced", "contacted", recruiter_a.pk),
            ("contacted", "interviewing", recruiter_a.pk),
        ]
    bad = recruiter_client.post(url, {"to_stage": "promoted"}, **HTMX, **EN)
    assert "Choose a stage." in bad.content.decode()
    funnel = recruiter_client.get(f"/roles/{role.pk}/", **EN).content.decode()
    assert 'class="funnel__bar"' in funnel


# ------------------------------------------------------------------------------------------ saved searches


def test_saved_search_counts_candidates_new_since_last_look(
    tenant_a, role, people, skills, recruiter_a, recruiter_client
):
    page = recruiter_client.get(f"/roles/{role.pk}/matches/?tiers=low", **EN).content.decode()
    assert f'action="/roles/{role.pk}/matches/save/"' in page and 'name="query" value="tiers=low"' in page
    response = recruiter_client.post(
        f"/roles/{role.pk}/matches/save/",
        {"name": "Pythonistas", "query": "must_have_mode=flag&tiers=low&min_score=1"},
    )
    assert response["Location"] == "/roles/searches/"
    with tenant_context(tenant_a):
        saved = SavedSearch.objects.get(name="Pythonistas")
        assert saved.params == {"must_have_mode": "flag", "tiers": ["low"], "min_score": 1}
        SavedSearch.objects.filter(pk=saved.pk).update(last_viewed_at=timezone.now() - timedelta(days=7))
    add_person(tenant_a, "Newcomer Nell", tags=[skills["python"], skills["django"]], days_ago=0)

    page = recruiter_client.get("/roles/searches/", **EN).content.decode()
    assert "1 new since you last looked" in page
    detail = recruiter_client.get(f"/roles/searches/{saved.pk}/", **EN).content.decode()
    assert "Newcomer Nell" in detail and 'badge badge--primary">New<' in detail
    with tenant_context(tenant_a):
        saved.refresh_from_db()
        assert saved.last_viewed_at > timezone.now() - timedelta(minutes=1)
    assert "search__new" not in recruiter_client.get("/roles/searches/", **EN).content.decode()

    assert recruiter_client.post(f"/roles/searches/{saved.pk}/delete/").status_code == 302
    with tenant_context(tenant_a):
        assert not SavedSearch.objects.exists()


def test_a_pool_search_is_saved_from_the_pool_and_counts_new_candidates(
    tenant_a, tenant_b, people, skills, recruiter_client
):
    python = skills["python"].pk
    other_tenants_tag = _tag(tenant_b, "Beta skill").pk
    assert "Save this search" not in recruiter_client.get("/pool/", **EN).content.decode()  # nothing to save
    page = recruiter_client.get(f"/pool/?tags_all={python}", **EN).content.decode()
    assert "Save this search" in page and 'action="/roles/searches/pool/"' in page
    response = recruiter_client.post(
        "/roles/searches/pool/",
        {
            "name": "Python 人才",
            "query": f"tags_all={python}&tags_any={other_tenants_tag}&q=&page=2&years_min=abc&tier=nonsense&location=%20",
        },
    )
    assert response["Location"] == "/roles/searches/"
    with tenant_context(tenant_a):
        saved = SavedSearch.objects.get(name="Python 人才")
        # Only the valid filters that are set, and only tags of this tenant.
        assert saved.profile is None and saved.params == {"tags_all": [python]}
        SavedSearch.objects.filter(pk=saved.pk).update(last_viewed_at=timezone.now() - timedelta(days=7))
    add_person(tenant_a, "Newcomer Nell", tags=[skills["python"]], days_ago=0)
    add_person(tenant_a, "Django only", tags=[skills["django"]], days_ago=0)  # new, but not in the search

    page = recruiter_client.get("/roles/searches/", **EN).content.decode()
    assert "1 new since you last looked" in page and "Pool search · 3 candidates" in page
    response = recruiter_client.get(f"/roles/searches/{saved.pk}/", **EN, follow=True)
    assert response.redirect_chain[0][0] == f"/pool/?tags_all={python}"
    page = response.content.decode()
    assert "1 candidate is new or updated since you last looked." in page and "Newcomer Nell" in page
    assert "Django only" not in page
    assert (
        "search__new" not in recruiter_client.get("/roles/searches/", **EN).content.decode()
    )  # marked viewed

    # No filter at all: the whole pool needs no saved search.
    response = recruiter_client.post("/roles/searches/pool/", {"name": "Everyone", "query": "page=3"})
    assert response["Location"] == "/pool/?page=3"
    with tenant_context(tenant_a):
        assert not SavedSearch.objects.filter(name="Everyone").exists()


def test_saved_searches_are_their_owners_own(tenant_a, role, recruiter_a, admin_client_a):
    with tenant_context(tenant_a):
        saved = services.saved_search_create(owner=recruiter_a, name="Mine", profile=role, params={})
    assert admin_client_a.get(f"/roles/searches/{saved.pk}/").status_code == 404
    assert admin_client_a.post(f"/roles/searches/{saved.pk}/delete/").status_code == 404


# ------------------------------------------------------------------------------------------- notifications


def test_notifications_show_in_the_bell_and_are_marked_read(tenant_a, recruiter_a, recruiter_client):
    with tenant_context(tenant_a):
        first = Notification.objects.create(
            user=recruiter_a, kind="shortlist_decision", title="Hannah approved Ada", url="/roles/"
        )
        Notification.objects.create(user=recruiter_a, kind="other", title="Something else")
    page = recruiter_client.get("/notifications/", **EN).content.decode()
    assert "Notifications: 2 unread" in page and 'id="bell-count" aria-hidden="true">2<' in page
    assert "Hannah approved Ada" in page

    response = recruiter_client.post(f"/notifications/{first.pk}/open/", {"go": "1"})
    assert response["Location"] == "/roles/"
    with tenant_context(tenant_a):
        first.refresh_from_db()
        assert first.read_at is not None
    recruiter_client.post("/notifications/read-all/")
    with tenant_context(tenant_a):
        assert not Notification.objects.filter(user=recruiter_a, read_at__isnull=True).exists()
    assert (
        'id="bell-count" aria-hidden="true" hidden>'
        in recruiter_client.get("/notifications/").content.decode()
    )


def test_nobody_opens_another_members_notification(tenant_a, recruiter_a, admin_client_a):
    with tenant_context(tenant_a):
        theirs = Notification.objects.create(user=recruiter_a, kind="other", title="Private", url="/roles/")
    assert admin_client_a.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert "Private" not in admin_client_a.get("/notifications/").content.decode()


def test_a_notification_never_redirects_off_the_site(tenant_a, recruiter_a, recruiter_client):
    with tenant_context(tenant_a):
        sneaky = Notification.objects.create(user=recruiter_a, kind="other", title="x", url="//evil.example/")
    assert (
        recruiter_client.post(f"/notifications/{sneaky.pk}/open/", {"go": "1"})["Location"]
        == "/notifications/"
    )


# ---------------------------------------------------------------------------------------------- settings


def test_admins_choose_what_hiring_managers_see(tenant_a, admin_client_a, recruiter_client):
    page = admin_client_a.get("/settings/", **EN).content.decode()
    assert 'name="shortlists-shortlist_fields" value="emails"' in page
    response = admin_client_a.post(
        "/settings/",
        {
            "name": tenant_a.name,
            "time_zone": "Asia/Shanghai",
            "default_language": "zh-hans",
            "shortlists-shortlist_fields": ["name", "phones"],
        },
    )
    assert response.status_code == 302
    tenant_a.refresh_from_db()
    assert tenant_a.shortlist_fields == ["name", "phones"]
    assert (
        recruiter_client.post(
            "/settings/", {"name": "x", "shortlists-shortlist_fields": ["emails"]}
        ).status_code
        == 403
    )


def test_an_explanation_item_carries_strength_and_mentions_and_renders_them_only_when_named_often():
    from django.template.loader import render_to_string

    from profiles.views import _explained

    item = {
        "requirement_id": 1,
        "tag": {"id": 1, "name_en": "Python"},
        "group": "hard_skill",
        "weight": 5,
        "credit": 0.71,
        "via": "tag",
        "strength": 0.71,
        "mentions": 3,
        "matched_tag": {"id": 1},
        "evidence": "",
    }
    once = {**item, "requirement_id": 2, "tag": {"id": 2, "name_en": "SQL"}, "strength": 0.46, "mentions": 1}
    old_snapshot = {key: value for key, value in item.items() if key not in ("strength", "mentions")}
    (why,) = _explained([{"matched": [item, once, old_snapshot], "parts": {"coverage": 50.0}}])
    assert [(m["strength_percent"], m["mentions"]) for m in why["matched"]] == [
        (71, 3),
        (46, 1),
        (None, None),
    ]
    html = render_to_string("profiles/_explanation.html", {"why": why})
    assert html.count("why__strength") == 1 and "Named 3 times · counts 71%" in html


def test_the_focus_part_says_how_much_of_the_resume_is_about_the_role():
    from django.template.loader import render_to_string
    from django.utils import translation

    from profiles.views import _explained

    explanation = {"matched": [], "parts": {"coverage": 60.0, "focus": -12.0}, "focus": 0.6}
    html = render_to_string("profiles/_explanation.html", {"why": _explained([explanation])[0]})
    assert "Resume about other things (60% about this role)" in html and "-12.0" in html
    with translation.override("zh-hans"):
        html = render_to_string("profiles/_explanation.html", {"why": _explained([explanation])[0]})
    assert "60%" in html and "about this role" not in html
    # A snapshot without the focus (older shortlists) keeps the plain label; a zero part is not shown.
    (why,) = _explained([{"matched": [], "parts": {"coverage": 60.0, "focus": -12.0}}])
    assert why["parts"][1]["label"] == "Resume about other things"
    assert [
        part["key"] for part in _explained([{"parts": {"coverage": 60.0, "focus": 0.0}}])[0]["parts"]
    ] == ["coverage"]


# ------------------------------------------------------------------------------------------ issue 17


def test_role_history_calls_jd_suggested_requirements_suggested_not_edited_by_hand(
    tenant_a, skills, recruiter_client
):
    data = {
        "action": "save",
        "title": "Python developer",
        "jd_text": JD,
        "headcount": 1,
        "req-0-tag": skills["python"].pk,
        "req-0-group": "hard_skill",
        "req-0-weight": "5",
        "req-0-source": "suggested",
        "req-0-evidence": "3+ years of Python",
        "req-1-tag": skills["lead"].pk,
        "req-1-group": "quality",
        "req-1-weight": "4",
    }
    assert recruiter_client.post("/roles/new/", data).status_code == 302
    with tenant_context(tenant_a):
        profile = RoleProfile.objects.get(title="Python developer")
        sources = dict(
            ProfileEdit.objects.filter(profile=profile, field="requirement").values_list(
                "new_value__tag", "source"
            )
        )
    assert sources == {skills["python"].key: "suggestion", skills["lead"].key: "manual"}
    page = recruiter_client.get(f"/roles/{profile.pk}/history/", **EN).content.decode()
    assert "Suggested from the JD" in page and "Edited by hand" in page


def test_see_what_they_see_is_offered_only_to_those_who_can_open_it(
    tenant_a, role, people, recruiter_a, recruiter_client, viewer_client
):
    shortlist = shortlist_for(tenant_a, role, [people["ada"]], recruiter_a)
    url = f"/roles/{role.pk}/shortlists/{shortlist.pk}/"
    assert "See what they see" in recruiter_client.get(url, **EN).content.decode()
    assert recruiter_client.get(f"/review/shortlists/{shortlist.pk}/").status_code == 200
    assert "See what they see" not in viewer_client.get(url, **EN).content.decode()


def test_the_hiring_managers_card_puts_the_roles_requirements_first_with_the_resumes_words(
    tenant_a, role, people, recruiter_a, manager_client
):
    with tenant_context(tenant_a):
        candidate_services.candidate_tag_add(people["ada"], tag=_tag(tenant_a, "Accordion"), source="manual")
    shortlist = shortlist_for(tenant_a, role, [people["ada"]], recruiter_a)
    page = manager_client.get(f"/review/shortlists/{shortlist.pk}/", **EN).content.decode()
    met, others = page.index("review-card__met"), page.index("Other skills on the resume")
    assert met < others and "Ada Lovelace uses Python daily" in page[met:others]
    # A tag the role did not ask for comes after the role's requirements, which are not repeated there.
    assert "Accordion" in page[others:] and "Accordion" not in page[met:others]
    assert ">Python<" not in page[others : page.index("Why this candidate")]
    # The notice says what a hiring manager sees; a new tenant's default includes the resume.
    assert "You see what your organization shares with hiring managers" in page
    assert "resumes and other documents" in page


def test_each_decision_updates_the_hiring_managers_header_out_of_band(
    tenant_a, role, people, recruiter_a, manager_client
):
    shortlist = shortlist_for(tenant_a, role, [people["ada"], people["bo"]], recruiter_a)
    page = manager_client.get(f"/review/shortlists/{shortlist.pk}/", **EN).content.decode()
    assert "2 candidates · 2 to decide" in page
    with tenant_context(tenant_a):
        entry = shortlist.entries.order_by("position").first()
    card = manager_client.post(
        f"/review/shortlists/{shortlist.pk}/entries/{entry.pk}/decide/",
        {"decision": "approved"},
        **HTMX,
        **EN,
    ).content.decode()
    assert 'id="review-summary" hx-swap-oob="true"' in card and "2 candidates · 1 to decide" in card
