"""The dashboard in a real browser: Debian's Chromium driven by Playwright against pytest-django's live server.

Covers logging in through the form, the shell (navigation, organization, user), English and Chinese
(Accept-Language and the language switcher), the overview chart, and the pool's htmx live search and tier
filter. Skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from engagement.scoring import anchor_for_score, default_params
from talentpool.tenancy.models import Role
from tests.e2e.conftest import BROWSER_MARKS, log_in, open_page
from tests.factories import make_candidate, make_member, make_tenant

pytestmark = BROWSER_MARKS


@pytest.fixture
def pool_tenant(allow_orm_beside_playwright, transactional_db):
    """An organization with an admin and three candidates, one per activity tier."""
    tenant = make_tenant("Acme 人才 Demo", slug="acme-e2e")
    admin = make_member(tenant, Role.ADMIN, email="admin@acme-e2e.test", name="Ada Admin")
    # The tier follows from the score (the stored anchor that has it now): 92 high, 64 mid, 21 low.
    for full_name, title, company, score in [
        ("王伟", "车间主任", "比亚迪", 92),
        ("Emily Carter", "Product Manager", "Shopify", 64),
        ("李娜", "精益生产经理", "美的集团", 21),
    ]:
        make_candidate(
            tenant,
            full_name=full_name,
            current_title=title,
            current_company=company,
            location="深圳",
            years_experience=6,
            activity_anchor=anchor_for_score(score, default_params()),
        )
    return tenant, admin


def test_dashboard_in_english(browser, live_server, pool_tenant):
    tenant, admin = pool_tenant
    page, errors = open_page(browser, "en-US")
    try:
        log_in(page, live_server.url, admin.email, lands_on="/")

        expect(page.locator("html")).to_have_attribute("lang", "en")
        navigation = page.get_by_role("navigation", name="Main navigation")
        expect(navigation.get_by_role("link", name="Pool")).to_be_visible()
        expect(navigation.get_by_role("link", name="Overview")).to_have_attribute("aria-current", "page")
        expect(page.locator(".topbar")).to_contain_text(tenant.name)
        expect(page.locator(".topbar")).to_contain_text("Ada Admin")
        expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
        # Pool size card and the doughnut drawn by Chart.js from the json_script data.
        expect(page.locator(".kpi--primary .kpi__value")).to_have_text("3")
        expect(page.locator("#tier-chart")).to_be_visible()
        page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('tier-chart'))")
        expect(page.locator("table").first).to_contain_text("Emily Carter")
        assert errors == []
    finally:
        page.context.close()


def test_dashboard_in_chinese_from_accept_language(browser, live_server, pool_tenant):
    tenant, admin = pool_tenant
    page, errors = open_page(browser, "zh-CN")
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        expect(page.get_by_role("button", name="登录", exact=True)).to_be_visible()

        log_in(page, live_server.url, admin.email, lands_on="/")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        navigation = page.get_by_role("navigation", name="主导航")
        expect(navigation.get_by_role("link", name="人才库")).to_be_visible()
        expect(navigation.get_by_role("link", name="概览")).to_have_attribute("aria-current", "page")
        expect(page.get_by_role("heading", level=1)).to_have_text("概览")
        expect(page.locator(".topbar")).to_contain_text(tenant.name)

        navigation.get_by_role("link", name="人才库").click()
        page.wait_for_url(f"{live_server.url}/pool/")
        expect(page.get_by_role("heading", level=1)).to_have_text("人才库")
        expect(page.locator("#pool-results thead")).to_contain_text("活跃度")
        assert errors == []
    finally:
        page.context.close()


def test_language_switcher_changes_the_language(browser, live_server, pool_tenant):
    _, admin = pool_tenant
    page, errors = open_page(browser, "en-US")
    try:
        log_in(page, live_server.url, admin.email, lands_on="/")
        page.goto(f"{live_server.url}/pool/")
        expect(page.locator("html")).to_have_attribute("lang", "en")

        with page.expect_navigation():
            page.locator("#language-switcher").select_option("zh-hans")
        # set_language sends the user back to the page they were on, now in Chinese.
        expect(page).to_have_url(re.compile(r"/pool/$"))
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        expect(page.get_by_role("heading", level=1)).to_have_text("人才库")

        # The choice sticks (cookie) on the next page, and switching back works too.
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("概览")
        with page.expect_navigation():
            page.locator("#language-switcher").select_option("en")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
        assert errors == []
    finally:
        page.context.close()


def test_pool_live_search_and_tier_filter(browser, live_server, pool_tenant):
    _, admin = pool_tenant
    page, errors = open_page(browser, "en-US")
    try:
        log_in(page, live_server.url, admin.email, lands_on="/")
        page.goto(f"{live_server.url}/pool/")
        rows = page.locator("#pool-results tbody tr")
        expect(rows).to_have_count(3)

        # Typing searches as you type (htmx, debounced), replaces only the rows and updates the address.
        search = page.get_by_role("searchbox", name="Search candidates")
        search.press_sequentially("Emily", delay=40)
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Emily Carter")
        expect(page).to_have_url(re.compile(r"[?&]q=Emily"))
        expect(search).to_be_focused()

        # Chinese text works the same way.
        search.fill("")
        search.press_sequentially("经理", delay=40)
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("李娜")

        # No match: an empty state instead of an empty table.
        search.fill("")
        search.press_sequentially("nobody-like-this", delay=20)
        expect(rows).to_have_count(0)
        expect(page.locator("#pool-results")).to_contain_text("No candidates match")

        # Clearing the search and filtering by tier.
        search.fill("")
        expect(rows).to_have_count(3)
        page.get_by_label("Activity tier").select_option("high")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("王伟")
        expect(page).to_have_url(re.compile(r"[?&]tier=high"))
        assert errors == []
    finally:
        page.context.close()


RESUME_ZH = """张伟
电话：138-0013-8000  邮箱：zhangwei@example.com
期望薪资：25-35K·14薪
工作经历
2018.03-至今  比亚迪股份有限公司  车间主任
负责精益生产推进，六西格玛项目。
2014.07-2018.02  富士康科技集团  生产主管
教育背景
2010.09-2014.06  华中科技大学  机械工程  本科
"""

RESUME_EN = """Emily Carter
emily.carter@example.org | +1 415 555 0100
Experience
Senior Product Manager, Shopify — Mar 2019 – Present
Product Manager, Atlassian — Jun 2015 – Feb 2019
Education
University of Toronto, B.Sc. in Computer Science, 2011 – 2015
Skills: Python, SQL, product management, stakeholder management
"""


# eager_celery: the shared fixture in tests/conftest.py.


@pytest.fixture
def upload_tenant(allow_orm_beside_playwright, transactional_db):
    """An organization with the seed taxonomy (so parsing finds tags) and an admin."""
    from candidates.services import taxonomy_seed

    tenant = make_tenant("上传测试 Upload", slug="upload-e2e")
    taxonomy_seed(tenant)
    admin = make_member(tenant, Role.ADMIN, email="admin@upload-e2e.test", name="Uma Upload")
    return tenant, admin


def test_uploading_resumes_shows_progress_then_tags_with_evidence(
    browser, live_server, upload_tenant, eager_celery
):
    _tenant, admin = upload_tenant
    page, errors = open_page(browser, "zh-CN")
    try:
        log_in(page, live_server.url, admin.email, lands_on="/")
        page.goto(f"{live_server.url}/pool/upload/")
        expect(
            page.get_by_role("navigation", name="人才库栏目").get_by_role("link", name="上传")
        ).to_have_attribute("aria-current", "page")
        # The drop zone's file input, as the file picker (or a drop) fills it: one request per file.
        page.locator("#upload-files").set_input_files(
            files=[
                {"name": "张伟-简历.txt", "mimeType": "text/plain", "buffer": RESUME_ZH.encode()},
                {"name": "emily-carter.txt", "mimeType": "text/plain", "buffer": RESUME_EN.encode()},
            ]
        )
        items = page.locator("[data-upload-list] > .uploads__item")
        expect(items).to_have_count(2)
        for index in range(2):
            expect(items.nth(index)).to_have_attribute("data-state", "done", timeout=30_000)
            expect(items.nth(index).locator("[data-status]")).to_contain_text("已解析")
        chinese = items.filter(has_text="张伟-简历.txt")
        expect(chinese.locator("[data-progress]")).to_have_js_property("value", 100)

        # The candidate made from the Chinese resume: tags by category, each with where it was found.
        chinese.get_by_role("link", name="打开候选人").click()
        page.wait_for_url(re.compile(r"/pool/\d+/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("张伟")
        expect(page.locator(".profile__role")).to_contain_text("比亚迪股份有限公司")
        # (has_text would also match chips whose evidence quotes 精益生产: pick the chip by its name.)
        chip = page.locator(".tag-chip").filter(
            has=page.locator(".tag-chip__name", has_text=re.compile("^精益生产$"))
        )
        expect(chip).to_contain_text("提取")
        popover = chip.locator(".popover")
        expect(popover).to_be_hidden()
        chip.locator(".tag-chip__body").hover()
        expect(popover).to_be_visible()
        expect(popover).to_contain_text("出自 张伟-简历.txt")
        expect(popover.locator("mark")).to_have_text("精益生产")
        expect(popover).to_contain_text("负责精益生产推进")
        expect(page.locator("#changes-title")).to_have_text("变更记录")
        assert errors == []
    finally:
        page.context.close()
