"""The roles pages in a real browser (Debian's Chromium, Playwright, pytest-django's live server).

A hiring manager decides on a phone-sized screen (375 px): the shortlist fits the width, the big buttons work
through htmx and the recruiter's side sees the decision. A recruiter pastes a JD, lets it suggest the
requirements (htmx), adds a tag with the tag picker, removes one, and saves. Skipped only when
/usr/bin/chromium is missing.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from candidates import services as candidate_services
from profiles import services
from profiles.models import Application, ApplicationStage, Decision, RoleProfile, ShortlistEntry
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification, Role
from tests.e2e.conftest import BROWSER_MARKS, log_in, open_page
from tests.factories import make_member, make_tenant

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1440, "height": 900}

pytestmark = BROWSER_MARKS


@pytest.fixture
def hiring(allow_orm_beside_playwright, transactional_db):
    """An organization with a role, its hiring manager, and a sent shortlist of two candidates."""
    tenant = make_tenant("招聘演示 Hiring", slug="hiring-e2e")
    recruiter = make_member(tenant, Role.RECRUITER, email="recruiter@hiring-e2e.test", name="李招聘")
    manager = make_member(tenant, Role.HIRING_MANAGER, email="hm@hiring-e2e.test", name="Hannah Manager")
    python = candidate_services.tag_create(tenant, category="skill", name_en="Python", name_zh="Python 编程")
    django_tag = candidate_services.tag_create(tenant, category="skill", name_en="Django")
    people = []
    for name, title in (("王伟", "后端工程师"), ("Emily Carter", "Senior Python Engineer")):
        candidate = candidate_services.candidate_create(
            tenant,
            data=candidate_services.CandidateInput(
                full_name=name,
                emails=(f"{len(people)}@hiring-e2e.test",),
                fields={"current_title": title, "location": "深圳", "years_experience": 6},
            ),
            source="api",
        )
        with tenant_context(tenant):
            candidate_services.candidate_tag_add(
                candidate, tag=python, source="manual", evidence=(f"{name}: 五年 Python 开发经验", None, None)
            )
        people.append(candidate)
    with tenant_context(tenant):
        profile = services.profile_create(
            title="Python 后端工程师",
            actor=recruiter,
            hiring_manager_ids=[manager.pk],
            requirements=[
                {"tag": python.pk, "weight": 5, "must_have": True},
                {"tag": django_tag.pk, "weight": 3},
            ],
        )
        shortlist = services.shortlist_create(
            profile=profile, candidate_ids=[p.pk for p in people], actor=recruiter, name="第一批"
        )
        services.shortlist_send(shortlist, actor=recruiter)
    return {
        "tenant": tenant,
        "recruiter": recruiter,
        "manager": manager,
        "profile": profile,
        "shortlist": shortlist,
        "people": people,
    }


def test_hiring_manager_approves_a_candidate_on_a_phone(browser, live_server, hiring):
    page, errors = open_page(browser, "en-US", PHONE)
    try:
        log_in(page, live_server.url, hiring["manager"].email)
        # Their navigation is the reviews; the bell says a shortlist is waiting.
        navigation = page.get_by_role("navigation", name="Main navigation")
        expect(navigation.get_by_role("link", name="Shortlists to review")).to_be_visible()
        expect(navigation.get_by_role("link", name="Pool")).to_have_count(0)
        expect(page.locator(".bell__count")).to_have_text("1")

        page.goto(f"{live_server.url}/review/")
        page.get_by_role("link", name=re.compile("Python 后端工程师")).click()
        page.wait_for_url(re.compile(r"/review/shortlists/\d+/$"))
        cards = page.locator(".review-card")
        expect(cards).to_have_count(2)
        # Nothing is wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        card = cards.filter(has_text="Emily Carter")
        expect(card).to_contain_text("Senior Python Engineer")
        expect(card).not_to_contain_text("@hiring-e2e.test")  # contact details stay with the recruiters
        card.locator(".match__why > summary").click()
        # The role's requirements come first on the card, each with the resume's own words.
        expect(card.locator(".review-card__met .why__evidence")).to_contain_text("五年 Python 开发经验")

        approve = card.get_by_role("button", name="Approve")
        box = approve.bounding_box()
        assert box and box["height"] >= 44  # a thumb-sized button
        approve.click()
        card = page.locator(".review-card").filter(has_text="Emily Carter")  # htmx swapped the card
        expect(card.locator(".review-card__decided")).to_contain_text("Approved")
        expect(card).to_contain_text("Saved. The recruiter was notified.")

        # Rejecting needs a reason: the card says so, then takes the reason chip.
        other = page.locator(".review-card").filter(has_text="王伟")
        other.get_by_role("button", name="Reject").click()
        other = page.locator(".review-card").filter(has_text="王伟")
        expect(other.get_by_role("alert")).to_contain_text("Give a reason for the rejection.")
        other.locator("label.chip").filter(has_text="no team-lead experience").click()
        other.get_by_role("button", name="Reject").click()
        expect(
            page.locator(".review-card").filter(has_text="王伟").locator(".review-card__decided")
        ).to_contain_text("Rejected")
        assert errors == []
    finally:
        page.context.close()

    tenant, people = hiring["tenant"], hiring["people"]
    with tenant_context(tenant):
        emily = ShortlistEntry.objects.get(shortlist=hiring["shortlist"], candidate=people[1])
        assert emily.decision == Decision.APPROVED and emily.decided_by_id == hiring["manager"].pk
        assert Application.objects.get(pk=emily.application_id).stage == ApplicationStage.INTERVIEWING
        wang = ShortlistEntry.objects.get(shortlist=hiring["shortlist"], candidate=people[0])
        assert (wang.decision, wang.reason_tags) == (Decision.REJECTED, ["no team-lead experience"])
        assert Notification.objects.filter(user=hiring["recruiter"], kind="shortlist_decision").count() == 2


def test_recruiter_suggests_a_role_from_a_jd_edits_it_and_saves(browser, live_server, hiring):
    page, errors = open_page(browser, "zh-CN", DESKTOP)
    try:
        log_in(page, live_server.url, hiring["recruiter"].email)
        page.goto(f"{live_server.url}/roles/new/")
        page.locator("#id_jd_text").fill(
            "高级 Python 工程师\n任职要求：\n1. 三年以上 Python 开发经验\n2. 熟悉 Django\n"
        )
        page.get_by_role("button", name="推荐要求").click()
        rows = page.locator("#requirement-rows .req-row")
        expect(rows).to_have_count(2)
        expect(page.locator("#id_title")).to_have_value("高级 Python 工程师")
        expect(rows.first).to_contain_text("Python 编程")

        # Django is not wanted after all; Python becomes a must-have at weight 4.
        rows.filter(has_text="Django").locator(".req-row__remove").click()
        python_row = rows.filter(has_text="Python 编程")
        python_row.locator(".weight__option", has_text="4").click()
        python_row.locator(".toggle input").check()
        page.get_by_role("checkbox", name=re.compile("Hannah Manager")).check()
        page.get_by_role("button", name="保存职位").click()
        page.wait_for_url(re.compile(r"/roles/\d+/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("高级 Python 工程师")
        assert errors == []
    finally:
        page.context.close()
    with tenant_context(hiring["tenant"]):
        profile = RoleProfile.objects.get(title="高级 Python 工程师")
        assert list(profile.requirements.values_list("tag__name_en", "weight", "must_have")) == [
            ("Python", 4, True)
        ]
        assert list(profile.hiring_manager_links.values_list("user_id", flat=True)) == [hiring["manager"].pk]


def test_recruiter_filters_matches_and_moves_a_card_on_the_board(browser, live_server, hiring):
    page, errors = open_page(browser, "en-US", DESKTOP)
    profile = hiring["profile"]
    try:
        log_in(page, live_server.url, hiring["recruiter"].email)
        page.goto(f"{live_server.url}/roles/{profile.pk}/matches/")
        results = page.locator("#match-results .match")
        expect(results).to_have_count(2)
        # A filter change reloads only the results (htmx) and keeps the address shareable.
        page.locator("#id_location").fill("nowhere")
        page.locator("#id_location").press("Enter")
        expect(results).to_have_count(0)
        expect(page).to_have_url(re.compile(r"location=nowhere"))

        page.goto(f"{live_server.url}/roles/{profile.pk}/pipeline/")
        card = page.locator(".board-card").filter(has_text="Emily Carter")
        sourced = page.locator(".board__column").filter(has=page.locator("h2", has_text="Sourced"))
        expect(sourced.locator(".board-card")).to_have_count(2)
        card.locator("select").select_option("contacted")
        contacted = page.locator(".board__column").filter(has=page.locator("h2", has_text="Contacted"))
        expect(contacted.locator(".board-card")).to_contain_text("Emily Carter")
        expect(sourced.locator(".board-card")).to_have_count(1)
        expect(page).to_have_url(re.compile(r"/pipeline/$"))  # no page load: htmx swapped the board
        assert errors == []
    finally:
        page.context.close()
    with tenant_context(hiring["tenant"]):
        application = Application.objects.get(profile=profile, candidate=hiring["people"][1])
        assert application.stage == ApplicationStage.CONTACTED
        assert application.events.filter(to_stage="contacted", actor=hiring["recruiter"]).exists()
