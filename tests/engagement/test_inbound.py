"""The inbound-mail webhook through the running app: signed calls are accepted, a bad, missing or old
signature is 401 with nothing recorded; replies are matched by In-Reply-To, References or the reply token,
classified (Chinese and English, quoted text stripped, auto-replies), recorded on the candidate and shown to the
recruiter; unsubscribe replies, bounces and complaints suppress the address; an unknown sender is ignored."""

from __future__ import annotations

import itertools
import json
import math
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import Candidate, CandidateEmail
from engagement import replies, tracking
from engagement.models import (
    Campaign,
    CampaignStatus,
    EngagementSettings,
    Enrollment,
    EnrollmentStatus,
    Interaction,
    MessageStatus,
    OutboundMessage,
    Suppression,
)
from engagement.services.settings import engagement_settings
from engagement.services.tracking import inbound_signature
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification
from tests.factories import make_candidate

_numbers = itertools.count(1)


def _candidate(tenant, email: str) -> Candidate:
    candidate = make_candidate(tenant, full_name="王芳")
    with tenant_context(tenant):
        CandidateEmail.objects.create(candidate=candidate, email=email, is_primary=True)
    return candidate


def _secret(tenant) -> str:
    with tenant_context(tenant):
        return engagement_settings().inbound_secret


def _post(
    tenant, payload: dict, *, secret: str | None = None, at: float | None = None, header: str | None = None
):
    body = json.dumps(payload, ensure_ascii=False).encode()
    signed_at = int(at if at is not None else time.time())
    signature = (
        header if header is not None else inbound_signature(secret or _secret(tenant), signed_at, body)
    )
    extra = {"HTTP_X_TALENTPOOL_SIGNATURE": signature} if signature else {}
    return Client(enforce_csrf_checks=True).post(
        f"/e/inbound/{tenant.slug}/email/", body, content_type="application/json", **extra
    )


def _reply(
    message=None, *, sender="wang.fang@example.test", text="I'm interested, let's talk.", **fields
) -> dict:
    number = next(_numbers)
    payload = {
        "from": f"Wang Fang <{sender}>",
        "to": "hr@alpha.test",
        "subject": "Re: 精益生产落地案例",
        "text": text,
        "message_id": f"<reply{number}@mail.example.test>",
        "in_reply_to": "",
        "references": "",
        "timestamp": int(time.time()),
    }
    if message is not None:
        payload["in_reply_to"] = message.message_id
    payload.update(fields)
    return payload


@pytest.fixture
def candidate(tenant_a):
    return _candidate(tenant_a, "wang.fang@example.test")


@pytest.fixture
def campaign(tenant_a, recruiter_a):
    with tenant_context(tenant_a):
        return Campaign.objects.create(name="精益生产", status=CampaignStatus.RUNNING, sender=recruiter_a)


@pytest.fixture
def message(tenant_a, candidate, campaign):
    number = next(_numbers)
    with tenant_context(tenant_a):
        Enrollment.objects.create(
            campaign=campaign, candidate=candidate, next_step_at=timezone.now() + timedelta(days=3)
        )
        return OutboundMessage.objects.create(
            idempotency_key=f"inbound-{number}",
            candidate=candidate,
            campaign=campaign,
            to_address="wang.fang@example.test",
            subject="精益生产落地案例",
            language="zh-hans",
            message_id=f"<out{number}@talentpool.test>",
            reply_token=f"rt{number:010d}",
            status=MessageStatus.SENT,
            sent_at=timezone.now() - timedelta(days=1),
        )


def _rows(tenant, **filters) -> list[Interaction]:
    with tenant_context(tenant):
        return list(Interaction.objects.filter(**filters).order_by("id"))


def _fresh(tenant, message) -> OutboundMessage:
    with tenant_context(tenant):
        return OutboundMessage.objects.get(pk=message.pk)


def _notifications(tenant) -> list[Notification]:
    with tenant_context(tenant):
        return list(Notification.objects.filter(kind="reply").order_by("id"))


def _enrollment_status(tenant, candidate) -> str:
    with tenant_context(tenant):
        return Enrollment.objects.get(candidate=candidate).status


# --- signature ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reply_matched_by_in_reply_to_is_recorded_classified_scored_and_shown_to_the_campaigns_sender(
    tenant_a, candidate, message, recruiter_a
):
    quoted = (
        "好的，我对这个职位很感兴趣，方便电话沟通。\n\n发自我的iPhone\n\n"
        "-----原始邮件-----\n发件人: 李招聘\n我们不感兴趣的话请退订"
    )
    response = _post(tenant_a, _reply(message, text=quoted))

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "recorded" and response.json()["reason"] == "in_reply_to"
    [row] = _rows(tenant_a)
    assert (row.kind, row.message_id, row.campaign_id) == ("replied", message.pk, message.campaign_id)
    assert row.metadata["classification"] == "interested"
    assert row.body == "好的，我对这个职位很感兴趣，方便电话沟通。"
    assert _fresh(tenant_a, message).replied_at is not None
    with tenant_context(tenant_a):
        assert Candidate.objects.get(pk=candidate.pk).activity_anchor > -math.inf
        assert not Suppression.objects.exists()
    assert _enrollment_status(tenant_a, candidate) == EnrollmentStatus.STOPPED
    [notice] = _notifications(tenant_a)
    assert notice.user_id == recruiter_a.pk and "王芳" in notice.title
    # Stored in the recipient's language (the tenant's default: they chose none); read in any reader's.
    assert "感兴趣" in notice.body and "感兴趣" in notice.title
    with translation.override("en"):
        assert "Interested" in notice.rendered_title and notice.params["label"] == "interested"
    assert notice.url == reverse("candidates:candidate", args=[candidate.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    [
        "bad signature",
        "other tenant's secret",
        "missing",
        "six minutes old",
        "from the future",
        "garbage header",
    ],
)
def test_an_unsigned_badly_signed_or_stale_webhook_call_is_401_and_records_nothing(
    tenant_a, tenant_b, candidate, message, case
):
    payload = _reply(message)
    arguments = {
        "bad signature": {"secret": "not-the-secret"},
        "other tenant's secret": {"secret": _secret(tenant_b)},
        "missing": {"header": ""},
        "six minutes old": {"at": time.time() - 360},
        "from the future": {"at": time.time() + 360},
        "garbage header": {"header": "v1=deadbeef"},
    }[case]

    response = _post(tenant_a, payload, **arguments)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "bad_signature"
    assert _rows(tenant_a) == [] and _notifications(tenant_a) == []
    assert _fresh(tenant_a, message).replied_at is None


@pytest.mark.django_db
def test_the_webhook_of_an_unknown_tenant_is_404(tenant_a):
    response = Client().post("/e/inbound/no-such-tenant/email/", b"{}", content_type="application/json")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_rotated_secret_no_longer_verifies(tenant_a, candidate, message):
    old = _secret(tenant_a)
    with tenant_context(tenant_a):
        EngagementSettings.objects.update(inbound_secret="a-new-secret-of-the-admins-choice")
    assert _post(tenant_a, _reply(message), secret=old).status_code == 401
    assert _post(tenant_a, _reply(message), secret="a-new-secret-of-the-admins-choice").status_code == 200


# --- matching -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reply_to_the_reply_address_is_matched_by_its_token(tenant_a, candidate, message):
    payload = _reply(
        None,
        sender="wang.fang.private@example.test",
        text="Tell me more please",
        to=f"Talent Team <{tracking.reply_address(message)}>",
    )

    response = _post(tenant_a, payload)

    assert response.status_code == 200 and response.json()["reason"] == "reply_token"
    [row] = _rows(tenant_a)
    assert (row.kind, row.message_id, row.candidate_id) == ("replied", message.pk, candidate.pk)


@pytest.mark.django_db
def test_a_reply_found_through_references_when_in_reply_to_names_another_mail(tenant_a, candidate, message):
    payload = _reply(
        None,
        text="Sounds good",
        in_reply_to="<something-else@mail.example.test>",
        references=f"<first@mail.example.test> {message.message_id} <x@mail.example.test>",
    )
    assert _post(tenant_a, payload).json()["reason"] == "references"
    assert [row.message_id for row in _rows(tenant_a)] == [message.pk]


@pytest.mark.django_db
def test_a_mail_from_a_known_candidate_without_a_matching_message_is_still_a_reply(tenant_a, candidate):
    response = _post(tenant_a, _reply(None, text="想了解一下贵公司的职位"))

    assert response.status_code == 200 and response.json()["reason"] == "sender"
    [row] = _rows(tenant_a)
    assert (row.kind, row.message_id, row.candidate_id) == ("replied", None, candidate.pk)
    assert row.metadata["classification"] == "interested"


@pytest.mark.django_db
def test_a_mail_from_an_unknown_sender_is_ignored_with_a_reason(tenant_a, tenant_b, candidate):
    other = _candidate(tenant_b, "stranger@example.test")  # a candidate of another tenant is a stranger here
    response = _post(tenant_a, _reply(None, sender="stranger@example.test"))

    assert response.status_code == 202
    assert response.json() == {**response.json(), "status": "ignored", "reason": "unknown_sender"}
    assert _rows(tenant_a) == [] and _rows(tenant_b, candidate=other) == []


@pytest.mark.django_db
def test_the_same_mail_delivered_twice_is_recorded_and_notified_once(tenant_a, candidate, message):
    payload = _reply(message)
    assert _post(tenant_a, payload).status_code == 200
    again = _post(tenant_a, payload)
    assert again.status_code == 200 and again.json()["reason"] == "already_recorded"
    assert len(_rows(tenant_a)) == 1 and len(_notifications(tenant_a)) == 1


# --- what the reply says ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["退订", "Please unsubscribe me.\n\nOn Mon, 3 Mar 2025, HR <hr@alpha.test> wrote:\n> hi"]
)
def test_an_unsubscribe_reply_suppresses_the_address_and_stops_the_sequence(
    tenant_a, candidate, message, text
):
    response = _post(tenant_a, _reply(message, text=text))

    assert response.status_code == 200 and response.json()["kind"] == "unsubscribed"
    with tenant_context(tenant_a):
        assert list(Suppression.objects.values_list("address", "reason")) == [
            ("wang.fang@example.test", "unsubscribed")
        ]
    assert [row.kind for row in _rows(tenant_a)] == ["unsubscribed"]
    assert _fresh(tenant_a, message).unsubscribed_at is not None
    assert _enrollment_status(tenant_a, candidate) == EnrollmentStatus.STOPPED


@pytest.mark.django_db
def test_the_list_unsubscribe_mailto_unsubscribes_through_the_webhook(tenant_a, candidate, message):
    mailto = tracking.unsubscribe_mailto(message)
    address, subject = mailto.removeprefix("mailto:").split("?subject=")
    response = _post(tenant_a, _reply(None, to=address, subject=subject, text=""))

    assert response.status_code == 200 and response.json()["kind"] == "unsubscribed"
    with tenant_context(tenant_a):
        assert Suppression.objects.filter(address="wang.fang@example.test", reason="unsubscribed").exists()


@pytest.mark.django_db
def test_an_out_of_office_auto_reply_proves_delivery_but_scores_nothing_stops_nothing_and_notifies_nobody(
    tenant_a, candidate, message
):
    payload = _reply(
        message,
        subject="自动回复: 精益生产落地案例",
        text="我正在休假，1月10日返回。",
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    )

    response = _post(tenant_a, payload)

    assert response.status_code == 200 and response.json()["classification"] == "out_of_office"
    [row] = _rows(tenant_a)
    assert row.kind == "delivered" and row.metadata["auto_reply"] is True
    with tenant_context(tenant_a):
        assert Candidate.objects.get(pk=candidate.pk).activity_anchor == -math.inf
    assert _enrollment_status(tenant_a, candidate) == EnrollmentStatus.ACTIVE
    assert _notifications(tenant_a) == []
    fresh = _fresh(tenant_a, message)
    assert fresh.delivered_at is not None and fresh.replied_at is None


@pytest.mark.django_db
def test_a_hard_bounce_report_marks_the_message_bounced_and_suppresses_the_address(
    tenant_a, candidate, message
):
    report = (
        "This is the mail system at host mx.example.test.\n\nI'm sorry to have to inform you that your "
        "message could not be delivered.\n\nReporting-MTA: dns; mx.example.test\n"
        "Final-Recipient: rfc822; wang.fang@example.test\nAction: failed\nStatus: 5.1.1\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\nMessage-ID: {message.message_id}\n"
    )
    payload = _reply(
        None,
        sender="MAILER-DAEMON@mx.example.test",
        subject="Undelivered Mail Returned to Sender",
        text=report,
        to="bounces@talentpool.test",
        headers={"Content-Type": "multipart/report; report-type=delivery-status; boundary=x"},
    )

    response = _post(tenant_a, payload)

    assert response.status_code == 200 and response.json()["kind"] == "bounced"
    with tenant_context(tenant_a):
        assert list(Suppression.objects.values_list("address", "reason", "detail")) == [
            ("wang.fang@example.test", "hard_bounce", "status 5.1.1")
        ]
    fresh = _fresh(tenant_a, message)
    assert fresh.status == MessageStatus.BOUNCED and fresh.bounced_at is not None
    assert [row.kind for row in _rows(tenant_a)] == ["bounced"]
    assert _notifications(tenant_a) == []


@pytest.mark.django_db
def test_a_temporary_delivery_failure_suppresses_nothing(tenant_a, candidate, message):
    payload = _reply(
        message,
        sender="MAILER-DAEMON@mx.example.test",
        text="Status: 4.2.2\nMailbox full",
        headers={"Content-Type": "multipart/report; report-type=delivery-status"},
    )
    response = _post(tenant_a, payload)
    assert response.status_code == 202 and response.json()["reason"] == "temporary_failure"
    with tenant_context(tenant_a):
        assert not Suppression.objects.exists()
    assert _rows(tenant_a) == []


@pytest.mark.django_db
def test_a_complaint_feedback_report_suppresses_the_address_as_a_complaint(tenant_a, candidate, message):
    payload = _reply(
        message,
        sender="fbl@mail.example.test",
        subject="Abuse report",
        text="Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n",
        headers={"Content-Type": "multipart/report; report-type=feedback-report"},
    )

    response = _post(tenant_a, payload)

    assert response.status_code == 200
    with tenant_context(tenant_a):
        assert list(Suppression.objects.values_list("address", "reason")) == [
            ("wang.fang@example.test", "complaint")
        ]
    assert [row.kind for row in _rows(tenant_a)] == ["unsubscribed"]
    assert _enrollment_status(tenant_a, candidate) == EnrollmentStatus.STOPPED


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I'm interested — let's talk this week.", "interested"),
        ("Sounds great, please send me more details.", "interested"),
        ("对这个机会很感兴趣，可以聊聊。", "interested"),
        ("方便电话沟通吗？", "interested"),
        ("Not right now, maybe later this year.", "not_now"),
        ("暂时不考虑机会，明年再联系我。", "not_now"),
        ("目前不看新机会，过段时间再说", "not_now"),
        ("No thanks, I'm not interested.", "not_interested"),
        ("不感兴趣，谢谢。", "not_interested"),
        ("已经找到工作了，不需要了", "not_interested"),
        ("unsubscribe", "unsubscribe"),
        ("请退订，不要再发了", "unsubscribe"),
        ("TD", "unsubscribe"),
        ("I am out of the office until Monday with limited access to email.", "out_of_office"),
        ("您好，我正在休假中，将于下周一返回。", "out_of_office"),
        ("Which city is the role in?", "other"),
        # Quoted text is not the candidate's: only the words above it count.
        (
            "Yes, interested!\n\nOn Tue, 4 Mar 2025 at 09:00, HR Team <hr@alpha.test>\nwrote:\n> Not interested? Unsubscribe.",
            "interested",
        ),
        ("> 如不感兴趣请回复退订\n可以聊聊", "interested"),
        ("有兴趣\n\n在 2025年3月4日 09:00，李招聘 <hr@alpha.test> 写道：\n退订请回复TD", "interested"),
        (
            "Call me tomorrow\n\nSent from my iPhone\n\n-----Original Message-----\nFrom: HR\nunsubscribe",
            "interested",
        ),
        ("好的\n发自我的iPhone\n-----原始邮件-----\n不感兴趣请退订", "other"),
    ],
)
def test_replies_are_classified_by_what_the_candidate_wrote_in_chinese_or_english(text, label):
    assert replies.classify(text).label == label


def test_auto_reply_headers_and_subjects_mean_out_of_office_whatever_the_text_says():
    assert (
        replies.classify("I'm interested", headers={"Auto-Submitted": "auto-replied"}).label
        == "out_of_office"
    )
    assert replies.classify("interested", headers={"X-Autoreply": "yes"}).label == "out_of_office"
    assert replies.classify("interested", headers={"Auto-Submitted": "no"}).label == "interested"
    assert replies.classify("", subject="Automatic reply: Lean production").label == "out_of_office"
    assert replies.classify("", subject="自动回复：精益生产落地案例").label == "out_of_office"
    # Our own subject quoted back ("Re: …") is not the candidate's words; a bare "unsubscribe" subject is.
    assert replies.classify("", subject="Re: unsubscribe from our list?").label == "other"
    assert replies.classify("", subject="unsubscribe").label == "unsubscribe"


def test_reply_text_reads_html_when_there_is_no_text_part_and_bounds_its_size():
    text = replies.reply_text(
        "",
        "<html><head><style>p{}</style></head><body><p>可以聊聊</p><script>x()</script>"
        "<div>&lt;b&gt; ok</div></body></html>",
    )
    assert "可以聊聊" in text and "<b> ok" in text and "x()" not in text and "p{}" not in text
    long = replies.classify("interested " * 5000)
    assert len(long.text) <= replies.MAX_BODY_CHARS and len(long.snippet) <= replies.SNIPPET_CHARS
