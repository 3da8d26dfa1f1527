"""Tracking through the running app: the open pixel and click redirects with real signed tokens on real outbound
messages, machine opens and scanner clicks recorded as machine_opened without moving the score, forged /
expired / other-tenant / wrong-purpose tokens answered 404 with nothing recorded, no open redirect, the RFC 8058
unsubscribe (GET asks and changes nothing; POST without cookies or CSRF unsubscribes, once), the suppression
helpers and the HTML instrumentation."""

from __future__ import annotations

import itertools
import math
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from candidates.models import Candidate, CandidateEmail
from engagement import tokens, tracking
from engagement.models import (
    Campaign,
    CampaignStatus,
    Enrollment,
    EnrollmentStatus,
    Interaction,
    MessageStatus,
    OutboundMessage,
    Suppression,
)
from engagement.services.tracking import is_suppressed, suppression_add
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from tests.factories import make_candidate

PERSON = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"
HOME_IP = "203.0.113.7"
_numbers = itertools.count(1)


def _candidate(tenant, email: str = "li.na@example.test") -> Candidate:
    candidate = make_candidate(tenant, full_name="李娜")
    with tenant_context(tenant):
        CandidateEmail.objects.create(candidate=candidate, email=email, is_primary=True)
    return candidate


def _message(
    tenant, candidate, *, links=(), sent_ago=timedelta(hours=2), language="zh-hans", campaign=None
) -> OutboundMessage:
    number = next(_numbers)
    with tenant_context(tenant):
        return OutboundMessage.objects.create(
            idempotency_key=f"test-{number}",
            candidate=candidate,
            campaign=campaign,
            to_address=candidate.emails.first().email if candidate else "member@example.test",
            subject="精益生产落地案例",
            body_text="…",
            links=list(links),
            language=language,
            message_id=f"<m{number}@talentpool.test>",
            reply_token=f"tok{number:09d}",
            status=MessageStatus.SENT,
            sent_at=timezone.now() - sent_ago,
        )


def _fresh(tenant, message) -> OutboundMessage:
    with tenant_context(tenant):
        return OutboundMessage.objects.get(pk=message.pk)


def _interactions(tenant, **filters) -> list[Interaction]:
    with tenant_context(tenant):
        return list(Interaction.objects.filter(**filters).order_by("id"))


def _anchor(tenant, candidate) -> float:
    with tenant_context(tenant):
        return Candidate.objects.get(pk=candidate.pk).activity_anchor


def _path(url: str) -> str:
    return urlsplit(url).path


def _fetch(client: Client, url: str, *, agent: str = PERSON, ip: str = HOME_IP, method: str = "get"):
    return getattr(client, method)(_path(url), HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)


@pytest.fixture
def candidate(tenant_a):
    return _candidate(tenant_a)


# --- the open pixel -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_person_opening_the_mail_gets_the_gif_and_is_recorded_once_a_day_as_a_human_open(
    tenant_a, candidate
):
    message = _message(tenant_a, candidate)
    url = tracking.open_url(message)
    assert url.startswith("http") and "/e/o/" in url and url.endswith(".gif")

    first = _fetch(Client(), url)
    again = _fetch(Client(), url)

    assert first.status_code == 200 and again.status_code == 200
    assert first["Content-Type"] == "image/gif" and first.content.startswith(b"GIF89a")
    assert "no-store" in first["Cache-Control"]
    opens = _interactions(tenant_a, message=message)
    assert [row.kind for row in opens] == ["opened"]
    assert _fresh(tenant_a, message).opened_at is not None
    assert _fresh(tenant_a, message).machine_opened_at is None
    assert _anchor(tenant_a, candidate) > -math.inf


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("agent", "ip", "sent_ago", "reason"),
    [
        (
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            HOME_IP,
            timedelta(hours=2),
            "user_agent:google_image_proxy",
        ),
        (
            "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
            HOME_IP,
            timedelta(hours=2),
            "user_agent:yahoo_mail_proxy",
        ),
        ("Mozilla/5.0", HOME_IP, timedelta(hours=2), "user_agent:apple_mail_privacy"),
        (PERSON, "17.58.101.4", timedelta(hours=2), "network:apple_privacy_relay"),
        (PERSON, "40.107.22.91", timedelta(hours=2), "network:microsoft_eop"),
        ("Mozilla/5.0 (compatible; Barracuda Sentinel)", HOME_IP, timedelta(hours=2), "user_agent:barracuda"),
        (PERSON, HOME_IP, timedelta(seconds=3), "within_seconds_of_sending"),
    ],
)
def test_privacy_proxies_scanners_and_fetches_right_after_sending_are_machine_opens_that_do_not_move_the_score(
    tenant_a, candidate, agent, ip, sent_ago, reason
):
    message = _message(tenant_a, candidate, sent_ago=sent_ago)

    response = _fetch(Client(), tracking.open_url(message), agent=agent, ip=ip)

    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    rows = _interactions(tenant_a, message=message)
    assert [(row.kind, row.metadata["reason"], row.metadata["automated"]) for row in rows] == [
        ("machine_opened", reason, True)
    ]
    fresh = _fresh(tenant_a, message)
    assert fresh.machine_opened_at is not None and fresh.opened_at is None
    assert _anchor(tenant_a, candidate) == -math.inf


def _expired_token(purpose, tenant_id, message_id, monkeypatch, extra=None) -> str:
    # django.core.signing stamps tokens with time.time(): sign as if 400 days ago (open and click live 366).
    real = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: real - 400 * 86400)
    token = tokens.make(purpose, tenant_id, message_id, extra)
    monkeypatch.setattr(signing.time, "time", lambda: real)
    return token


@pytest.mark.django_db
def test_forged_expired_other_tenant_and_wrong_purpose_open_tokens_are_404_and_record_nothing(
    tenant_a, tenant_b, candidate, monkeypatch
):
    message = _message(tenant_a, candidate)
    good = tokens.make("open", tenant_a.pk, message.pk)
    bad_tokens = {
        "forged": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "expired": _expired_token("open", tenant_a.pk, message.pk, monkeypatch),
        "other tenant": tokens.make("open", tenant_b.pk, message.pk),
        "wrong purpose": tokens.make("click", tenant_a.pk, message.pk, 0),
        "made up": "hello",
    }
    for name, token in bad_tokens.items():
        response = Client().get(f"/e/o/{token}.gif", HTTP_USER_AGENT=PERSON)
        assert response.status_code == 404, name

    assert _interactions(tenant_a) == [] and _interactions(tenant_b) == []
    fresh = _fresh(tenant_a, message)
    assert fresh.opened_at is None and fresh.machine_opened_at is None


# --- clicks -------------------------------------------------------------------------------------------------

LINKS = [
    "https://jobs.example.test/roles/42?utm_source=mail",
    "https://blog.example.test/lean-production",
    "https://events.example.test/meetup",
]


@pytest.mark.django_db
def test_a_click_redirects_to_the_link_stored_on_the_message_and_records_a_human_click(tenant_a, candidate):
    message = _message(tenant_a, candidate, links=LINKS)

    response = _fetch(Client(), tracking.click_url(message, 1))

    assert response.status_code == 302
    assert response["Location"] == LINKS[1]
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    rows = _interactions(tenant_a, message=message)
    assert [(row.kind, row.metadata["link"]) for row in rows] == [("clicked", 1)]
    fresh = _fresh(tenant_a, message)
    assert fresh.clicked_at is not None and fresh.opened_at is not None
    assert _anchor(tenant_a, candidate) > -math.inf


@pytest.mark.django_db
def test_every_human_click_is_an_interaction_but_clicked_at_keeps_the_first(tenant_a, candidate):
    message = _message(tenant_a, candidate, links=LINKS[:1])
    _fetch(Client(), tracking.click_url(message, 0))
    first_clicked_at = _fresh(tenant_a, message).clicked_at

    _fetch(Client(), tracking.click_url(message, 0))

    assert [row.kind for row in _interactions(tenant_a, message=message)] == ["clicked", "clicked"]
    assert _fresh(tenant_a, message).clicked_at == first_clicked_at


@pytest.mark.django_db
def test_a_click_cannot_be_sent_anywhere_but_an_http_link_of_the_message(
    tenant_a, tenant_b, candidate, monkeypatch
):
    message = _message(tenant_a, candidate, links=[LINKS[0], "javascript:alert(document.cookie)"])
    attempts = {
        "index past the end": tokens.make("click", tenant_a.pk, message.pk, 7),
        "negative index": tokens.make("click", tenant_a.pk, message.pk, -1),
        "stored link that is not http": tokens.make("click", tenant_a.pk, message.pk, 1),
        "no index": tokens.make("click", tenant_a.pk, message.pk),
        "other tenant": tokens.make("click", tenant_b.pk, message.pk, 0),
        "expired": _expired_token("click", tenant_a.pk, message.pk, monkeypatch, extra=0),
        "open token": tokens.make("open", tenant_a.pk, message.pk),
    }
    for name, token in attempts.items():
        response = Client().get(f"/e/c/{token}", HTTP_USER_AGENT=PERSON, REMOTE_ADDR=HOME_IP)
        assert response.status_code == 404, name
    # A URL in the query string is ignored: the token's index decides.
    response = Client().get(
        _path(tracking.click_url(message, 0)) + "?url=https://evil.example.test/",
        HTTP_USER_AGENT=PERSON,
        REMOTE_ADDR=HOME_IP,
    )
    assert response["Location"] == LINKS[0]

    assert [row.metadata["link"] for row in _interactions(tenant_a)] == [0]
    assert _interactions(tenant_b) == []


@pytest.mark.django_db
def test_a_scanner_following_every_link_within_seconds_is_recorded_as_machine_and_adds_nothing_to_the_score(
    tenant_a, candidate
):
    message = _message(tenant_a, candidate, links=LINKS)
    client = Client()
    _fetch(client, tracking.click_url(message, 0))
    anchor_after_first = _anchor(tenant_a, candidate)

    for index in (1, 2):
        response = _fetch(client, tracking.click_url(message, index))
        assert response.status_code == 302 and response["Location"] == LINKS[index]

    rows = _interactions(tenant_a, message=message)
    assert [row.kind for row in rows] == ["clicked", "machine_opened", "machine_opened"]
    assert {row.metadata["reason"] for row in rows[1:]} == {"several_links_within_seconds"}
    assert all(row.metadata["automated"] and row.metadata["event"] == "click" for row in rows[1:])
    assert _anchor(tenant_a, candidate) == anchor_after_first


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("agent", "method", "sent_ago"),
    [
        ("Mozilla/5.0 (compatible; Mimecast URL Protect)", "get", timedelta(hours=2)),
        ("Proofpoint URL Defense", "get", timedelta(hours=2)),
        (PERSON, "head", timedelta(hours=2)),
        (PERSON, "get", timedelta(seconds=2)),
    ],
)
def test_clicks_by_link_scanners_or_at_delivery_are_machine_and_set_no_click_time(
    tenant_a, candidate, agent, method, sent_ago
):
    message = _message(tenant_a, candidate, links=LINKS, sent_ago=sent_ago)

    response = _fetch(Client(), tracking.click_url(message, 2), agent=agent, method=method)

    assert response.status_code == 302
    assert [row.kind for row in _interactions(tenant_a, message=message)] == ["machine_opened"]
    fresh = _fresh(tenant_a, message)
    assert fresh.clicked_at is None and fresh.opened_at is None
    assert _anchor(tenant_a, candidate) == -math.inf


# --- unsubscribe --------------------------------------------------------------------------------------------


@pytest.fixture
def sequence(tenant_a, candidate):
    with tenant_context(tenant_a):
        campaign = Campaign.objects.create(name="精益生产", status=CampaignStatus.RUNNING)
        enrollment = Enrollment.objects.create(
            campaign=campaign, candidate=candidate, next_step_at=timezone.now() + timedelta(days=3)
        )
    return campaign, enrollment


@pytest.mark.django_db
def test_opening_the_unsubscribe_link_shows_a_confirmation_in_the_messages_language_and_changes_nothing(
    tenant_a, candidate
):
    message = _message(tenant_a, candidate, language="zh-hans")

    response = _fetch(Client(), tracking.unsubscribe_url(message))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html and 'method="post"' in html
    assert 'name="List-Unsubscribe" value="One-Click"' in html and "li.na@example.test" in html
    assert _fresh(tenant_a, message).unsubscribed_at is None
    with tenant_context(tenant_a):
        assert not Suppression.objects.exists()
    assert _interactions(tenant_a) == []

    english = _fetch(Client(), tracking.unsubscribe_url(_message(tenant_a, candidate, language="en")))
    assert '<html lang="en">' in english.content.decode()


@pytest.mark.django_db
def test_one_click_post_without_cookies_or_csrf_token_unsubscribes_once_and_stops_the_sequence(
    tenant_a, candidate, sequence
):
    campaign, enrollment = sequence
    message = _message(tenant_a, candidate, campaign=campaign)
    client = Client(enforce_csrf_checks=True)  # as a mailbox provider: no cookies, no CSRF token
    path = _path(tracking.unsubscribe_url(message))

    first = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    again = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert first.status_code == 200 and again.status_code == 200
    assert "li.na@example.test" in first.content.decode()
    with tenant_context(tenant_a):
        assert list(Suppression.objects.values_list("address", "reason")) == [
            ("li.na@example.test", "unsubscribed")
        ]
        assert is_suppressed("email", "Li.Na@Example.test")
        assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.STOPPED
    assert [row.kind for row in _interactions(tenant_a)] == ["unsubscribed"]
    assert _fresh(tenant_a, message).unsubscribed_at is not None
    # The page says so when the link is opened afterwards.
    assert 'method="post"' not in client.get(path).content.decode()


@pytest.mark.django_db
def test_unsubscribe_with_a_forged_or_other_tenant_token_is_404_and_suppresses_nothing(
    tenant_a, tenant_b, candidate
):
    message = _message(tenant_a, candidate)
    client = Client(enforce_csrf_checks=True)
    for token in (
        tokens.make("unsubscribe", tenant_b.pk, message.pk),
        tokens.make("open", tenant_a.pk, message.pk),
        tokens.make("unsubscribe", tenant_a.pk, message.pk) + "x",
    ):
        assert (
            client.post(
                f"/e/u/{token}",
                "List-Unsubscribe=One-Click",
                content_type="application/x-www-form-urlencoded",
            ).status_code
            == 404
        )
        assert client.get(f"/e/u/{token}").status_code == 404
    for tenant in (tenant_a, tenant_b):
        with tenant_context(tenant):
            assert not Suppression.objects.exists()
    assert _fresh(tenant_a, message).unsubscribed_at is None


# --- suppression helpers ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_suppression_add_normalises_keeps_the_first_reason_and_stays_in_its_tenant(tenant_a, tenant_b):
    with tenant_context(tenant_a):
        first = suppression_add(
            channel="email",
            address=" Wang Fang <Wang.Fang@Example.TEST> ",
            reason="hard_bounce",
            detail="5.1.1",
        )
        again = suppression_add(channel="email", address="wang.fang@example.test", reason="unsubscribed")
        assert first.pk == again.pk and again.reason == "hard_bounce"
        suppression_add(channel="sms", address="+86 138-0013-8000", reason="unsubscribed")
        assert is_suppressed("sms", "+8613800138000")
        assert is_suppressed("email", "WANG.FANG@example.test")
        for bad in (
            {"channel": "fax", "address": "x", "reason": "manual"},
            {"channel": "email", "address": "  ", "reason": "manual"},
            {"channel": "email", "address": "a@b.test", "reason": "bored"},
        ):
            with pytest.raises(ServiceError):
                suppression_add(**bad)
    with tenant_context(tenant_b):
        assert not is_suppressed("email", "wang.fang@example.test")


# --- URLs and HTML ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_instrumented_html_sends_only_the_messages_links_through_click_urls_and_adds_the_pixel_once(
    tenant_a, candidate, settings
):
    settings.SITE_URL = "https://pool.example.test"
    settings.ENGAGEMENT_REPLY_DOMAIN = "pool.example.test"
    message = _message(tenant_a, candidate, links=LINKS[:2])
    html = (
        f'<html><body><p><a href="{LINKS[0].replace("&", "&amp;")}">职位</a> '
        f"<a class='x' href='{LINKS[1]}'>文章</a> <a href=\"https://other.example.test/\">other</a></p>"
        "</body></html>"
    )

    once = tracking.instrument_html(message, html)
    twice = tracking.instrument_html(message, once)

    assert once == twice
    assert tracking.click_url(message, 0) in once and tracking.click_url(message, 1) in once
    assert LINKS[1] not in once and 'href="https://other.example.test/"' in once
    assert once.count(tracking.open_url(message)) == 1
    assert once.index(tracking.open_url(message)) < once.index("</body>")
    assert tracking.open_url(message).startswith("https://pool.example.test/e/o/")
    assert tracking.unsubscribe_url(message).startswith("https://pool.example.test/e/u/")
    assert tracking.reply_address(message) == f"reply+{message.reply_token}@pool.example.test"
    assert tracking.unsubscribe_mailto(message) == (
        f"mailto:reply+{message.reply_token}@pool.example.test?subject=unsubscribe"
    )
    with pytest.raises(IndexError):
        tracking.click_url(message, 2)


@pytest.mark.django_db
def test_a_message_without_a_reply_token_gets_one_stored_once(tenant_a, candidate, settings):
    settings.ENGAGEMENT_REPLY_DOMAIN = "reply.example.test"
    message = _message(tenant_a, candidate)
    with tenant_context(tenant_a):
        OutboundMessage.objects.filter(pk=message.pk).update(reply_token="")
        message.refresh_from_db()
        address = tracking.reply_address(message)
        assert address == tracking.reply_address(OutboundMessage.objects.get(pk=message.pk))
    assert address.endswith("@reply.example.test") and tracking.reply_token_in(address) == message.reply_token


def test_machine_rules_read_the_user_agent_the_network_the_method_and_the_time_since_sending():
    now = timezone.now()
    long_ago = now - timedelta(days=1)
    rule = tracking.machine_reason
    assert rule(user_agent=PERSON, ip=HOME_IP, sent_at=long_ago, now=now) == ""
    assert rule(user_agent="", ip=HOME_IP, sent_at=long_ago, now=now) == "user_agent:missing"
    assert (
        rule(user_agent="python-requests/2.32", ip=HOME_IP, sent_at=long_ago, now=now) == "user_agent:script"
    )
    assert rule(user_agent=PERSON, ip="2001:db8::1", sent_at=long_ago, now=now) == ""
    assert rule(user_agent=PERSON, ip="unknown", sent_at=long_ago, now=now) == ""
    assert rule(user_agent=PERSON, ip=HOME_IP, sent_at=None, now=now) == "not_sent"
    assert (
        rule(
            user_agent=PERSON, ip=HOME_IP, sent_at=long_ago, delivered_at=now - timedelta(seconds=4), now=now
        )
        == "within_seconds_of_sending"
    )
    assert rule(user_agent=PERSON, ip=HOME_IP, sent_at=now - timedelta(seconds=11), now=now) == ""
