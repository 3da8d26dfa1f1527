"""What every browser test shares: Debian's Chromium, its flags, one browser per module, a page, logging in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Each browser module marks itself with this: e2e, and skipped only when Chromium is missing.
BROWSER_MARKS = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed"
    ),
]


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    """Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse the ORM calls
    the fixtures make here as "async unsafe". Allow them while the module runs, and only then: the variable
    must not leak into other tests (``check --deploy`` rejects it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright) -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, locale: str, viewport: dict | None = None) -> tuple[Page, list[str]]:
    """A fresh browser context (own cookies) whose Accept-Language follows ``locale``; collects JS errors."""
    context = browser.new_context(locale=locale, viewport=viewport or {"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))
    return page, errors


def log_in(page: Page, base_url: str, email: str, *, lands_on: str | None = None) -> None:
    """Log in through the form; wait for ``lands_on`` (a path), or else until the page is past the login."""
    page.goto(f"{base_url}/accounts/login/")
    form = page.locator("form:has(input[name=password])")  # the password form (the page also offers SSO)
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    if lands_on is not None:
        page.wait_for_url(f"{base_url}{lands_on}")
    else:
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
