"""Response headers that harden the product (issue 13): a Content-Security-Policy without 'unsafe-inline' or
'unsafe-eval' on every page, templates that need neither, and gunicorn without its ``Server`` banner."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template.loaders.app_directories import get_app_template_dirs

from talentpool.accounts.models import SsoProtocol, SsoProvider
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD_PAGES = [
    "/",
    "/analytics/",
    "/pool/",
    "/roles/",
    "/settings/",
    "/settings/members/",
    "/accounts/profile/",
    "/accounts/mfa/setup/",
    "/accounts/sso/settings/",
]
PUBLIC_PAGES = ["/accounts/login/", "/accounts/password-reset/", "/accounts/sso/", "/api/docs/"]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, header
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    return policy


# Inline code in a page: a <script> without src (JSON data blocks do not run and are allowed), a <style> block,
# a style="…" attribute, an on…= handler, a javascript: URL.
INLINE = [
    (
        re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
        "inline script",
    ),
    (re.compile(r"<style\b", re.I), "style block"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def inline_code(html: str) -> list[str]:
    return [
        f"{label}: {match.group(0)[:80]}" for pattern, label in INLINE for match in pattern.finditer(html)
    ]


def test_every_dashboard_page_has_a_strict_policy_and_no_inline_code(admin_client_a):
    for path in DASHBOARD_PAGES:
        response = admin_client_a.get(path)
        assert response.status_code == 200, (path, response.status_code)
        policy = assert_strict(response)
        assert policy["form-action"] == ["'self'"] and policy["img-src"] == ["'self'"], (path, policy)
        assert not inline_code(response.content.decode()), (path, inline_code(response.content.decode()))


def test_public_pages_have_the_policy_too(client, db):
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)
        assert not inline_code(response.content.decode()), (path, inline_code(response.content.decode()))


def test_the_api_docs_load_their_script_from_a_url_and_allow_data_images_there_only(client, db):
    page = client.get("/api/docs/")
    assert directives(page["Content-Security-Policy"])["img-src"] == ["'self'", "data:"]
    script = re.search(r'<script src="(/api/docs/\?script=[^"]*)"', page.content.decode()).group(1)
    served = client.get(script.replace("&amp;", "&"))
    assert served.status_code == 200 and "javascript" in served["Content-Type"]
    assert "SwaggerUIBundle" in served.content.decode()


def test_no_template_has_inline_script_style_or_handlers():
    directories = [Path(path) for path in django_settings.TEMPLATES[0]["DIRS"]]
    directories += [Path(path) for path in get_app_template_dirs("templates")]
    offenders = {}
    checked = 0
    for directory in directories:
        if ".venv" in directory.parts or "site-packages" in directory.parts:
            continue  # installed packages' templates (Django admin, allauth) are not our pages
        for path in directory.rglob("*.html"):
            checked += 1
            found = inline_code(path.read_text(encoding="utf-8"))
            if found:
                offenders[str(path.relative_to(ROOT))] = found
    assert checked > 100 and not offenders, offenders


def test_htmx_keeps_its_indicator_styles_eval_and_style_settling_off():
    head = (ROOT / "templates" / "partials" / "head.html").read_text(encoding="utf-8")
    config = re.search(r"name=\"htmx-config\" content='([^']+)'", head).group(1)
    assert '"includeIndicatorStyles": false' in config and '"allowEval": false' in config
    # Settling copies these attributes with setAttribute: a style attribute would be an inline style.
    assert '"attributesToSettle": ["class", "width", "height"]' in config
    css = (ROOT / "static" / "css" / "app.css").read_text(encoding="utf-8")
    assert ".htmx-request .htmx-indicator" in css


def test_a_tenant_login_page_may_post_to_its_identity_provider_only(client, tenant_a):
    provider = SsoProvider(
        slug="csp-oidc",
        name="Acme",
        protocol=SsoProtocol.OIDC,
        issuer_url="https://login.acme.example/realms/acme",
        client_id="c",
        client_secret="s",
    )
    with tenant_context(tenant_a):
        sso.provider_save(tenant_a, provider=provider)
    response = client.get(f"/t/{tenant_a.slug}/login")
    policy = assert_strict(response)
    assert policy["form-action"] == ["'self'", "https://login.acme.example"]
    assert directives(client.get("/accounts/login/")["Content-Security-Policy"])["form-action"] == ["'self'"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def raw_get(port: str | int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.django_db(transaction=True)
def test_gunicorn_sends_no_server_banner():
    """gunicorn started as the image starts it (the repository as working directory, so it reads
    gunicorn.conf.py), on a free port; the raw response has no Server header and does have the CSP."""
    from django.db import connection

    port = free_port()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "GUNICORN_CMD_ARGS": "",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "talentpool.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                raw = raw_get(port, "/accounts/login/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = (
                        process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    )
                    pytest.fail(f"gunicorn did not start: {output[-2000:]}")
                time.sleep(0.3)
        head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        status, *lines = head.split("\r\n")
        names = {line.split(":", 1)[0].strip().lower() for line in lines}
        assert status.startswith("HTTP/1.1 200"), head
        assert "server" not in names, head
        assert "content-security-policy" in names and "date" in names, head
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
