"""Full-page screenshots of the dashboard, in English and Chinese, desktop and phone width.

Run by hand against a dev server that is already running (this script starts nothing); pytest does not
collect it. Example::

    .venv/bin/python manage.py runserver 127.0.0.1:8123 &
    .venv/bin/python manage.py create_tenant --name "演示公司" --slug demo-ui --admin-email ui@demo.test
    # add candidates in `manage.py shell` (Candidate.objects.create(...) inside tenant_context(tenant)), then:
    .venv/bin/python tests/e2e/screenshots.py --base-url http://127.0.0.1:8123 \\
        --email ui@demo.test --password '<printed password>' --out .local/screenshots

Or use ``manage.py seed_demo`` (it prints the demo users' passwords) with
``--email admin@demo.talentpool.local --tenant "演示科技 Demo Tech"``. For the pool's pages (candidate, upload,
imports, duplicates, tags) use ``tests/e2e/pool_demo.py``, which prints its users' passwords, with
``--email pool-admin@demo.test --tenant "人才池演示 Pool UI"`` (add ``--viewer-email pool-viewer@demo.test
--viewer-password …`` for the read-only views, and ``--only pool`` to take only the pool's pictures). Add ``--invitation-token TOKEN`` (from
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
    ("pool-filters-open", "/pool/?years_min=3&education=bachelor&location=深"),
    ("pool-upload", "/pool/upload/"),
    ("pool-imports", "/pool/imports/"),
    ("pool-duplicates", "/pool/duplicates/"),
    ("pool-tags", "/pool/tags/"),
    ("pool-tags-skill-search", "/pool/tags/?category=skill&q=精益"),
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


def first_href(page: Page, selector: str) -> str | None:
    link = page.locator(selector).first
    return link.get_attribute("href") if link.count() else None


def pool_pages(page: Page, base: str, out: Path, prefix: str, errors: list[str]) -> None:
    """The pool's pages that need ids or clicks: filters with tag chips, bulk actions, a candidate (tags with
    evidence), editing, merging, an upload in progress, an import's mapping, dry run and result, a tag."""
    # Tag filter: type in the picker, pick a suggestion (a chip appears), then tick rows for the bulk bar.
    page.goto(base + "/pool/")
    page.fill("#tag-filter-search", "精益")
    page.wait_for_selector("#tag-filter-suggestions .chip")
    shoot(page, out, f"{prefix}-pool-tag-suggestions")
    page.click("#tag-filter-suggestions .chip >> nth=0")
    page.wait_for_selector("#pool-chips .chip")
    page.select_option("#tag-filter-mode", "none")
    page.fill("#tag-filter-search", "Python")
    page.wait_for_selector("#tag-filter-suggestions .chip")
    page.click("#tag-filter-suggestions .chip >> nth=0")
    page.wait_for_function("document.querySelectorAll('#pool-chips .chip').length >= 2")
    shoot(page, out, f"{prefix}-pool-tag-chips")
    page.goto(base + "/pool/")
    page.locator("[data-select-row]").nth(0).check()
    page.locator("[data-select-row]").nth(2).check()
    if page.locator(".bulk__menu > summary").count():
        page.click(".bulk__menu > summary")
        page.fill("#bulk-tag-search", "leader")
        page.wait_for_selector("#bulk-tag-suggestions .chip", timeout=10_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(out / f"{prefix}-pool-bulk.png"), full_page=True)
    print(out / f"{prefix}-pool-bulk.png")

    # A candidate with tags from a resume: the page, and the evidence popover on a tag.
    page.goto(base + "/pool/?q=张伟")
    href = first_href(page, "#pool-results .cell-link")
    if href:
        page.goto(base + href)
        shoot(page, out, f"{prefix}-candidate")
        chip = page.locator(".tag-chip--extracted .tag-chip__body").first
        if chip.count():
            chip.hover()
            page.wait_for_timeout(250)
            page.screenshot(path=str(out / f"{prefix}-candidate-evidence.png"))
            print(out / f"{prefix}-candidate-evidence.png")
        page.fill("#candidate-tag-search", "六西格玛")
        page.wait_for_timeout(900)
        page.locator("#tags").screenshot(path=str(out / f"{prefix}-candidate-add-tag.png"))
        print(out / f"{prefix}-candidate-add-tag.png")
        page.goto(base + href + "edit/")
        shoot(page, out, f"{prefix}-candidate-edit")
        page.fill("input[name=years_experience]", "300")
        page.fill("input[name=new_emails]", "not-an-email")
        page.click("form.form-card button[type=submit]")
        shoot(page, out, f"{prefix}-candidate-edit-errors")
        page.goto(base + href + "merge/?q=张")
        other = first_href(page, "#merge-matches a.btn")
        if other:
            page.goto(base + other)
        shoot(page, out, f"{prefix}-candidate-merge")

    # Upload: three files, one too large for the server's limit is refused by the browser first.
    page.goto(base + "/pool/upload/")
    if page.locator("#upload-files").count():
        page.set_input_files(
            "#upload-files",
            files=[
                {
                    "name": "王小明-简历.txt",
                    "mimeType": "text/plain",
                    "buffer": "王小明\n电话：13912345678 邮箱：wxm@example.com\n技能：精益生产、六西格玛\n".encode(),
                },
                {"name": "notes.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(32)},
                {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            ],
        )
        page.wait_for_timeout(2500)
        shoot(page, out, f"{prefix}-upload-progress")

    # Imports: the mapping step (from a dry run), the dry run, a finished import.
    page.goto(base + "/pool/imports/")
    for name, selector in (
        ("import-dry-run", "a[href*='/pool/imports/']:has-text('campus')"),
        ("import-done", "a[href*='/pool/imports/']:has-text('猎头')"),
    ):
        href = first_href(page, selector)
        if href:
            page.goto(base + href)
            shoot(page, out, f"{prefix}-{name}")
            if name == "import-dry-run" and page.locator("a[href$='/mapping/']").count():
                page.click("a[href$='/mapping/']")
                shoot(page, out, f"{prefix}-import-mapping")
                page.locator(".table--mapping select").first.select_option("")
                page.locator(".table--mapping select").nth(1).select_option("")
                page.locator(".table--mapping select").nth(2).select_option("")
                page.click("form.card button[type=submit]")
                shoot(page, out, f"{prefix}-import-mapping-error")
            page.goto(base + "/pool/imports/")

    # A tag: edit, merge, retire.
    page.goto(base + "/pool/tags/?q=精益转型")
    href = first_href(page, "#tag-results a.cell-person__name")
    if href:
        page.goto(base + href)
        shoot(page, out, f"{prefix}-tag-detail")


def viewer_pages(browser, base: str, out: Path, language: str, viewport: str, args) -> None:
    """What a viewer sees: the same pages without write actions."""
    context = browser.new_context(locale=LANGUAGES[language], viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=email]", args.viewer_email)
    page.fill("input[name=password]", args.viewer_password)
    page.click("form.form button[type=submit]")
    page.wait_for_url(base + "/")
    if args.tenant and page.locator("#tenant-switcher").count():
        with page.expect_navigation():
            page.select_option("#tenant-switcher", label=args.tenant)
    prefix = f"{language}-{viewport}-viewer"
    for name, path in (("pool", "/pool/"), ("upload", "/pool/upload/"), ("duplicates", "/pool/duplicates/")):
        page.goto(base + path)
        shoot(page, out, f"{prefix}-{name}")
    page.goto(base + "/pool/?q=张伟")
    href = first_href(page, "#pool-results .cell-link")
    if href:
        page.goto(base + href)
        shoot(page, out, f"{prefix}-candidate")
    context.close()


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

                for name, path in LOGGED_OUT_PAGES if not args.only else []:
                    page.goto(base + path)
                    shoot(page, out, f"{prefix}-{name}")
                if args.invitation_token and not args.only:
                    page.goto(f"{base}/accounts/invitations/{args.invitation_token}/")
                    shoot(page, out, f"{prefix}-invitation")

                # A failed login shows the form's error (a made-up address, so no real account gets locked).
                if not args.only:
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
                if not args.only:
                    shoot(page, out, f"{prefix}-overview-first-tenant")
                if args.tenant and page.locator("#tenant-switcher").count():
                    with page.expect_navigation():
                        page.select_option("#tenant-switcher", label=args.tenant)
                for name, path in LOGGED_IN_PAGES:
                    if args.only and not name.startswith(args.only):
                        continue
                    page.goto(base + path)
                    shoot(page, out, f"{prefix}-{name}")
                try:
                    pool_pages(page, base, out, prefix, errors)
                except PlaywrightTimeoutError as exc:
                    errors.append(f"pool pages: {exc}")
                if args.only:
                    if errors:
                        print(f"{prefix}: browser errors:", *errors, sep="\n  ", file=sys.stderr)
                    context.close()
                    if args.viewer_email:
                        viewer_pages(browser, base, out, language, viewport, args)
                    continue

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
                if args.viewer_email:
                    viewer_pages(browser, base, out, language, viewport, args)
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
    parser.add_argument(
        "--only", default="", help="take only the pages whose name starts with this (e.g. pool)"
    )
    parser.add_argument("--viewer-email", default=os.environ.get("TP_VIEWER_EMAIL"))
    parser.add_argument("--viewer-password", default=os.environ.get("TP_VIEWER_PASSWORD"))
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
