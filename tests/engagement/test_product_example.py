"""The product's own example, end to end through real parts: a candidate imported two years ago because no role
fitted gets a "精益生产落地案例" email (a campaign launched through the API, sent by `dispatch_outbox` to an SMTP
server on a loopback port), opens it (the pixel in the mail that arrived), clicks its link and replies (a signed
inbound webhook answering the mail's Message-ID). The candidate becomes high activity, and a real Celery worker
tells the recruiter to follow up first, with the role that fits.
"""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from candidates.models import Tag
from candidates.services import candidate_add_emails, candidate_tag_add
from engagement.models import EngagementSettings, FollowUp, Interaction, OutboundMessage
from engagement.services.tracking import SIGNATURE_HEADER, inbound_signature
from profiles import services as profile_services
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification

from ..conftest import bearer
from ..factories import make_candidate

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.worker
def test_a_candidate_imported_two_years_ago_who_opens_clicks_and_replies_today_is_high_and_the_recruiter_is_told(
    worker, smtp, client, tenant_a, key_a, recruiter_a, monkeypatch
):
    from engagement.tasks import high_tier_entered

    # The high-tier reaction goes through the broker to the test's worker, like any queued task.
    monkeypatch.setattr(
        high_tier_entered, "delay", lambda *args: high_tier_entered.apply_async(args=args, queue=worker)
    )
    with tenant_context(tenant_a):
        lean = Tag.objects.create(
            key="skill.lean-manufacturing", category="skill", name_en="Lean manufacturing", name_zh="精益生产"
        )
        role = profile_services.profile_create(
            title="精益生产经理", requirements=[profile_services.RequirementInput(tag=lean, weight=5)]
        )
    candidate = make_candidate(tenant_a, full_name="王精益", created_at=timezone.now() - timedelta(days=730))
    with tenant_context(tenant_a):
        candidate_add_emails(candidate, ["wang.jingyi@example.test"], source="manual")
        candidate_tag_add(candidate, tag=lean, source="manual")

    # A one-off campaign without a send window, through the API contract: its message is due at once.
    created = client.post(
        "/api/v1/campaigns/",
        json.dumps(
            {
                "name": "精益生产落地案例",
                "use_send_window": False,
                "audience": {"candidate_ids": [candidate.pk]},
                "steps": [
                    {
                        "channel": "email",
                        "language": "zh-hans",
                        "subject": "精益生产落地案例",
                        "body": "{{ candidate.name }}您好：\n\n本周的精益生产落地案例：https://example.test/lean-case",
                    }
                ],
            }
        ),
        content_type="application/json",
        **bearer(key_a),
    )
    assert created.status_code == 201, created.content
    launched = client.post(f"/api/v1/campaigns/{created.json()['id']}/launch/", **bearer(key_a))
    assert launched.status_code == 200, launched.content

    call_command("dispatch_outbox", "--once")
    [mail] = smtp.messages
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<mailto:" in mail["List-Unsubscribe"] and "/e/u/" in mail["List-Unsubscribe"]
    html = mail.get_body(("html",)).get_content()
    assert "王精益您好" in html
    pixel = re.search(r'<img src="([^"]+)"', html).group(1)
    click = next(url for url in re.findall(r'href="([^"]+)"', html) if "/e/c/" in url)

    # A person reads it a while later (a fetch seconds after sending would be a mail proxy's).
    with tenant_context(tenant_a):
        OutboundMessage.objects.update(sent_at=timezone.now() - timedelta(minutes=20))
    assert client.get(_path(unescape(pixel)), HTTP_USER_AGENT=BROWSER).status_code == 200
    followed = client.get(_path(unescape(click)), HTTP_USER_AGENT=BROWSER)
    assert followed.status_code == 302 and followed["Location"] == "https://example.test/lean-case"

    with tenant_context(tenant_a):
        secret = EngagementSettings.objects.get().inbound_secret
    body = json.dumps(
        {
            "from": "王精益 <wang.jingyi@example.test>",
            "to": mail["Reply-To"],
            "subject": "Re: 精益生产落地案例",
            "text": "很感兴趣，方便的话周三电话聊聊。",
            "message_id": "<reply-1@example.test>",
            "in_reply_to": mail["Message-ID"],
        }
    ).encode()
    replied = client.post(
        f"/e/inbound/{tenant_a.slug}/email/",
        body,
        content_type="application/json",
        **{
            f"HTTP_{SIGNATURE_HEADER.upper().replace('-', '_')}": inbound_signature(
                secret, int(time.time()), body
            )
        },
    )
    assert replied.status_code == 200, replied.content

    detail = client.get(f"/api/v1/candidates/{candidate.pk}/", **bearer(key_a)).json()
    assert detail["activity_tier"] == "high"
    with tenant_context(tenant_a):
        kinds = set(Interaction.objects.filter(candidate_id=candidate.pk).values_list("kind", flat=True))
        assert {"sent", "opened", "clicked", "replied"} <= kinds
        reply = Interaction.objects.get(candidate_id=candidate.pk, kind="replied")
        assert (
            reply.metadata["classification"] == "interested" and reply.metadata["matched_by"] == "in_reply_to"
        )

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with tenant_context(tenant_a):
            notice = Notification.objects.filter(user=recruiter_a, kind="high_activity").first()
            follow_up = FollowUp.objects.filter(candidate_id=candidate.pk, done_at__isnull=True).first()
        if notice and follow_up:
            break
        time.sleep(0.1)
    assert notice is not None and follow_up is not None, "the worker did not tell the recruiter"
    assert "王精益" in notice.title + notice.body and "精益生产经理" in notice.body
    assert [entry["id"] for entry in follow_up.roles][:1] == [role.pk]

    # The recruiter's list puts the candidate first, with the role.
    from ..conftest import logged_in_client

    page = logged_in_client(recruiter_a).get("/follow-up/").content.decode()
    assert "王精益" in page and "精益生产经理" in page
