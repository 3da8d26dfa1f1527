"""Full-page screenshots of the dashboard, in English and Chinese, desktop and phone width.

Run by hand against a dev server that is already running (this script starts nothing); pytest does not
collect it. Example::

    .venv/bin/python manage.py runserver 127.0.0.1:8123 &
    .venv/bin/python manage.py create_tenant --name "演示公司" --slug demo-ui --admin-email ui@demo.test
    # add candidates in `manage.py shell` (Candidate.objects.create(...) inside tenant_context(tenant)), then:
    .venv/bin/python tests/e2e/screenshots.py --base-url http://127.0.0.1:8123 \\
        --email ui@demo.test --password '<printed password>' --out .local/screenshots

Or use ``manage.py seed_demo`` (it prints the demo users' passwords) with
``--email admin@demo.talentpool.local --tenant "演示科技 Demo Tech"``. Add ``--invitation-token TOKEN`` (from
the invitation email on the dev server's console) to capture the invitation page too. The PNGs are named ``<language>-<viewport>-<page>.png``. The script creates one API key
per run to show the "shown once" box and revokes it straight away.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LANGUAGES = {"en": "en-US", "zh": "zh-CN"}
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 375, "height": 812}}

LOGGED_OUT_PAGES = [
    ("login", "/accounts/login/"),
    ("password-reset", "/accounts/password-reset/"),
    ("password-reset-sent", "/accounts/password-reset/sent/"),
    ("password-reset-bad-link", "/accounts/reset/MQ/bad-token/"),
    ("invitation-invalid", "/accounts/invitations/not-a-real-token/"),
    ("404-logged-out", "/no-such-page/"),
]
LOGGED_IN_PAGES = [
    ("overview", "/"),
    ("pool", "/pool/"),
    ("pool-page-2", "/pool/?page=2"),
    ("pool-filtered-high", "/pool/?tier=high"),
    ("pool-no-match", "/pool/?q=zzzz-nobody"),
    ("roles", "/roles/"),
    ("campaigns", "/campaigns/"),
    ("analytics", "/analytics/"),
    ("sources", "/sources/"),
    ("settings-general", "/settings/"),
    ("settings-members", "/settings/members/"),
    ("settings-api-keys", "/settings/api-keys/"),
    ("profile", "/accounts/profile/"),
    ("404", "/no-such-page/"),
]


def shoot(page: Page, out: Path, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(700)  # let the chart finish its animation
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(out / f"{name}.png")


def run(args) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = args.base_url.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for language in args.languages:
            for viewport in args.viewports:
                prefix = f"{language}-{viewport}"
                context = browser.new_context(locale=LANGUAGES[language], viewport=VIEWPORTS[viewport])
                page = context.new_page()
                page.on("dialog", lambda dialog: dialog.accept())
                errors: list[str] = []
                page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                page.on("console", lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text))

                for name, path in LOGGED_OUT_PAGES:
                    page.goto(base + path)
                    shoot(page, out, f"{prefix}-{name}")
                if args.invitation_token:
                    page.goto(f"{base}/accounts/invitations/{args.invitation_token}/")
                    shoot(page, out, f"{prefix}-invitation")

                # A failed login shows the form's error (a made-up address, so no real account gets locked).
                page.goto(base + "/accounts/login/")
                page.fill("input[name=email]", "nobody@example.test")
                page.fill("input[name=password]", "wrong password")
                page.click("form.form button[type=submit]")
                shoot(page, out, f"{prefix}-login-error")

                page.goto(base + "/accounts/login/")
                page.fill("input[name=email]", args.email)
                page.fill("input[name=password]", args.password)
                page.click("form.form button[type=submit]")
                page.wait_for_url(base + "/")
                shoot(page, out, f"{prefix}-overview-first-tenant")
                if args.tenant and page.locator("#tenant-switcher").count():
                    with page.expect_navigation():
                        page.select_option("#tenant-switcher", label=args.tenant)
                for name, path in LOGGED_IN_PAGES:
                    page.goto(base + path)
                    shoot(page, out, f"{prefix}-{name}")

                # Live search: type, wait for htmx to swap the rows.
                page.goto(base + "/pool/")
                page.fill("#pool-search", args.search)
                try:
                    page.wait_for_url(lambda url: "q=" in url, timeout=10_000)
                except PlaywrightTimeoutError:
                    errors.append("live search: the address never got ?q= (did the search request fail?)")
                shoot(page, out, f"{prefix}-pool-live-search")

                # The user menu, open.
                page.goto(base + "/")
                page.click(".user-menu > summary")
                page.screenshot(path=str(out / f"{prefix}-user-menu.png"))

                # A new API key is shown once; revoke it again so runs do not pile keys up.
                page.goto(base + "/settings/api-keys/")
                page.fill("input[name=name]", "Screenshot key")
                page.click("form.form button[type=submit]")
                page.wait_for_selector("#new-key")
                shoot(page, out, f"{prefix}-api-key-created")
                page.click(
                    "form[action$='/revoke/']:has(button:has-text('Screenshot key')) button", timeout=5000
                )
                page.wait_for_load_state("networkidle")

                # A form with field errors.
                page.goto(base + "/settings/members/")
                page.fill("input[name=email]", "not-an-email")
                page.click("form[action$='/settings/members/'] button[type=submit]")
                shoot(page, out, f"{prefix}-invite-error")

                if errors:
                    print(f"{prefix}: browser errors:", *errors, sep="\n  ", file=sys.stderr)
                context.close()
        browser.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("TP_BASE_URL", "http://127.0.0.1:8123"))
    parser.add_argument("--email", default=os.environ.get("TP_EMAIL", "ui@demo.test"))
    parser.add_argument(
        "--password", default=os.environ.get("TP_PASSWORD"), required="TP_PASSWORD" not in os.environ
    )
    parser.add_argument("--out", default=".local/screenshots")
    parser.add_argument("--tenant", default="演示公司", help="organization to switch to after logging in")
    parser.add_argument("--search", default="工程师", help="text typed into the pool's live search")
    parser.add_argument("--invitation-token", default=os.environ.get("TP_INVITATION_TOKEN"))
    parser.add_argument("--languages", nargs="+", choices=sorted(LANGUAGES), default=["en", "zh"])
    parser.add_argument("--viewports", nargs="+", choices=sorted(VIEWPORTS), default=["desktop", "phone"])
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
