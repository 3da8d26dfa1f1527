"""Campaigns in a real browser (Debian's Chromium, Playwright, pytest-django's live server).

A recruiter ticks two candidates in the pool, presses "Add to campaign" in the bulk bar, sees the builder with
the selection as its audience and the live count (htmx), writes a one-off without a send window, previews it
for one of them, launches after the confirmation, and lands on the campaign's page with both messages queued.
The builder and the campaign page fit a 375 px phone. Skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from candidates import services as candidate_services
from engagement.models import Campaign, CampaignStatus, MessageStatus, OutboundMessage
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Role
from tests.e2e.conftest import BROWSER_MARKS, log_in, open_page
from tests.factories import make_member, make_tenant

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1440, "height": 900}

pytestmark = BROWSER_MARKS


@pytest.fixture
def pool(allow_orm_beside_playwright, transactional_db):
    """An organization with a recruiter and three reachable candidates."""
    tenant = make_tenant("活动演示 Campaigns", slug="campaigns-e2e")
    recruiter = make_member(tenant, Role.RECRUITER, email="recruiter@campaigns-e2e.test", name="李招聘")
    people = []
    for number, name in enumerate(("王伟", "Emily Carter", "赵敏")):
        people.append(
            candidate_services.candidate_create(
                tenant,
                data=candidate_services.CandidateInput(
                    full_name=name,
                    emails=(f"c{number}@campaigns-e2e.test",),
                    fields={"current_title": "精益生产经理", "location": "深圳"},
                ),
                source="api",
            )
        )
    return {"tenant": tenant, "recruiter": recruiter, "people": people}


def test_a_recruiter_builds_and_launches_a_one_off_from_a_pool_selection(browser, live_server, pool):
    page, errors = open_page(browser, "en-US", DESKTOP)
    try:
        log_in(page, live_server.url, pool["recruiter"].email)
        page.goto(f"{live_server.url}/pool/")
        rows = page.locator("[data-select-row]")
        expect(rows).to_have_count(3)
        rows.nth(0).check()
        rows.nth(1).check()
        picked = {int(rows.nth(n).get_attribute("value")) for n in (0, 1)}
        page.get_by_role("button", name="Add to campaign").click()
        page.wait_for_url(f"{live_server.url}/campaigns/new/")

        # The selection is the audience, counted live.
        expect(page.get_by_text("2 candidates picked in the pool")).to_be_visible()
        expect(page.locator("#audience-count")).to_have_text("2 candidates")

        page.get_by_label("Name").fill("精益生产案例 one-off")
        page.locator("#step-0-subject").fill("{{ candidate.first_name }}，精益生产落地案例")
        page.locator("#step-0-body").fill("{{ candidate.first_name }}您好，分享一篇精益生产落地案例。")
        page.get_by_label("Send only inside the send window").uncheck()
        page.get_by_role("button", name="Preview step 1").click()
        expect(page.locator("#campaign-preview .preview__subject")).to_contain_text("精益生产落地案例")

        page.get_by_role("button", name="Launch…").click()
        expect(page.get_by_text("Launch to 2 candidates?")).to_be_visible()
        page.get_by_role("button", name="Yes, launch").click()
        page.wait_for_url(re.compile(r"/campaigns/\d+/$"))
        expect(page.locator(".page-title")).to_contain_text("Running")
        expect(page.get_by_text("2 candidates enrolled")).to_be_visible()
        assert not errors, errors
    finally:
        page.context.close()

    with tenant_context(pool["tenant"]):
        campaign = Campaign.objects.get()
        assert campaign.status == CampaignStatus.RUNNING and not campaign.use_send_window
        messages = OutboundMessage.objects.filter(campaign=campaign)
        assert set(messages.values_list("candidate_id", flat=True)) == picked
        assert set(messages.values_list("status", flat=True)) == {MessageStatus.QUEUED}


def test_the_builder_and_the_campaign_page_fit_a_phone_in_chinese(browser, live_server, pool):
    page, errors = open_page(browser, "zh-CN", PHONE)
    try:
        log_in(page, live_server.url, pool["recruiter"].email)
        page.goto(f"{live_server.url}/campaigns/new/")
        expect(page.locator("h1")).to_have_text("新建活动")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.goto(f"{live_server.url}/campaigns/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert not errors, errors
    finally:
        page.context.close()
