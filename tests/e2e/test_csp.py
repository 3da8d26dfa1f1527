"""The Content-Security-Policy in a real browser (issue 13): Chromium loads the dashboard, the analytics page with
its Chart.js charts, the pool's htmx live search, the MFA setup's QR code and the API docs, and not one
``securitypolicyviolation`` event or CSP console message appears. Skipped only when /usr/bin/chromium is missing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from engagement.scoring import anchor_for_score, default_params
from talentpool.tenancy.models import Role
from tests.e2e.conftest import BROWSER_MARKS, log_in, open_page
from tests.factories import make_candidate, make_member, make_tenant

pytestmark = BROWSER_MARKS

# Runs before any page script: every violation the browser reports is kept on the window.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' +
    (event.sourceFile || '') + ':' + (event.lineNumber || 0));
});
"""


@pytest.fixture
def csp_tenant(allow_orm_beside_playwright, transactional_db):
    tenant = make_tenant("CSP 测试", slug="csp-e2e")
    admin = make_member(tenant, Role.ADMIN, email="admin@csp-e2e.test", name="Cora Admin")
    for full_name, title, score in [("王伟", "车间主任", 92), ("Emily Carter", "Product Manager", 64)]:
        make_candidate(
            tenant,
            full_name=full_name,
            current_title=title,
            current_company="Acme",
            location="深圳",
            years_experience=6,
            activity_anchor=anchor_for_score(score, default_params()),
        )
    return tenant, admin


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_the_dashboard_runs_under_the_policy_without_a_violation(browser, live_server, csp_tenant):
    _tenant, admin = csp_tenant
    page, errors = open_page(browser, "en-US")
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    seen: dict[str, list[str]] = {}
    try:
        log_in(page, live_server.url, admin.email, lands_on="/")
        policy = page.evaluate("fetch('/').then(r => r.headers.get('content-security-policy'))")
        assert (
            "unsafe-inline" not in policy and "unsafe-eval" not in policy and "default-src 'self'" in policy
        )
        # The overview: Chart.js draws the tier doughnut (it styles the canvas through the CSSOM).
        page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('tier-chart'))")
        seen["/"] = violations(page)

        page.goto(f"{live_server.url}/analytics/")
        page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('funnel-chart'))")
        seen["/analytics/"] = violations(page)

        # htmx swaps the pool's rows as you type (its indicator styles come from app.css, not injected).
        page.goto(f"{live_server.url}/pool/")
        rows = page.locator("#pool-results tbody tr")
        expect(rows).to_have_count(2)
        page.get_by_role("searchbox", name="Search candidates").press_sequentially("Emily", delay=40)
        expect(rows).to_have_count(1)
        seen["/pool/"] = violations(page)

        # The MFA setup: the QR code is an SVG image from our own origin.
        page.goto(f"{live_server.url}/accounts/mfa/setup/")
        page.wait_for_function("document.querySelector('img.mfa-qr').complete")
        assert page.evaluate("document.querySelector('img.mfa-qr').naturalWidth") > 0
        seen["/accounts/mfa/setup/"] = violations(page)

        page.goto(f"{live_server.url}/api/docs/")
        expect(page.locator(".swagger-ui .info")).to_be_visible()
        seen["/api/docs/"] = violations(page)

        assert {path: found for path, found in seen.items() if found} == {}
        assert [text for text in console if "Content Security Policy" in text] == []
        assert errors == []

        # The listener does hear violations: an injected inline script is blocked and reported.
        page.evaluate(
            "(() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
            " document.head.appendChild(s); })()"
        )
        page.wait_for_function("window.__cspViolations.length > 0")
        assert page.evaluate("window.__ran") is None
        assert violations(page)[0].startswith("script-src")
    finally:
        page.context.close()
