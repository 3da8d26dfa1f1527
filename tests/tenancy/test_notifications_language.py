"""Notifications are stored as a kind and its parameters and read in the reader's language: a Chinese inbox
never shows an English title because the sender wrote in English, an English reader never gets Chinese; the
rejection reasons are translated the same way; the e-mail goes out in the recipient's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from engagement.services.outbox import dispatch_all_tenants
from profiles import services
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification, Role
from talentpool.tenancy.notifications import notify, render

from ..conftest import logged_in_client
from ..factories import make_candidate, make_member


@pytest.fixture
def decided(tenant_a, settings, django_capture_on_commit_callbacks):
    """A Chinese-reading recruiter's shortlist, rejected by an English-reading hiring manager with a default
    reason and a comment; returns (recruiter, manager, shortlist)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recruiter = make_member(
        tenant_a, Role.RECRUITER, email="zh-recruiter@alpha.test", name="王招聘", language="zh-hans"
    )
    manager = make_member(
        tenant_a, Role.HIRING_MANAGER, email="en-manager@alpha.test", name="Maria Manager", language="en"
    )
    candidate = make_candidate(tenant_a, full_name="车间主任候选人")
    with tenant_context(tenant_a):
        role = services.profile_create(title="车间主任", actor=recruiter, hiring_manager_ids=[manager.pk])
        shortlist = services.shortlist_create(profile=role, candidate_ids=[candidate.pk], actor=recruiter)
        with django_capture_on_commit_callbacks(execute=True):
            services.shortlist_send(shortlist, actor=recruiter)
            entry = shortlist.entries.get()
            with translation.override("en"):  # the manager clicks in English
                services.shortlist_decide(
                    entry,
                    decision="on_hold",
                    actor=manager,
                    reason_tags=["not enough experience"],
                    comment="再看看",
                )
    dispatch_all_tenants()
    return recruiter, manager, shortlist


def test_each_reader_reads_the_notification_in_their_own_language(tenant_a, decided):
    recruiter, manager, _shortlist = decided
    inbox = logged_in_client(recruiter).get("/notifications/").content.decode()
    assert "暂缓" in inbox and "经验不足" in inbox and "再看看" in inbox
    assert "On hold" not in inbox and "not enough experience" not in inbox
    manager_inbox = logged_in_client(manager).get("/notifications/").content.decode()
    assert "Shortlist for 车间主任: 1 candidates to review" in manager_inbox
    assert "的短名单" not in manager_inbox

    # The same stored row reads in English for an English reader (the API follows the reader, too).
    with tenant_context(tenant_a):
        stored = Notification.objects.get(user=recruiter, kind="shortlist_decision")
        assert stored.params["decision"] == "on_hold" and stored.params["reasons"] == [
            "not enough experience"
        ]
        with translation.override("en"):
            assert render(stored)[0].startswith("Maria Manager: On hold")
        with translation.override("zh-hans"):
            assert render(stored)[0].startswith("Maria Manager：暂缓")
    api = logged_in_client(recruiter).get("/api/v1/notifications/").json()
    decision = next(row for row in api["results"] if row["kind"] == "shortlist_decision")
    assert "暂缓" in decision["title"] and decision["params"]["role"] == "车间主任"


def test_emails_go_out_in_the_recipients_language(decided):
    recruiter, manager, _shortlist = decided
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "暂缓" in by_recipient[recruiter.email].subject
    assert "经验不足" in by_recipient[recruiter.email].body
    assert by_recipient[manager.email].subject.startswith("Shortlist for 车间主任")


def test_a_kind_without_a_renderer_shows_what_was_stored(tenant_a, recruiter_a):
    with tenant_context(tenant_a):
        notification = notify(recruiter_a, kind="import_done", title="Import finished", body="12 rows")
        with translation.override("zh-hans"):
            assert render(notification) == ("Import finished", "12 rows")
        broken = Notification.objects.create(
            user=recruiter_a, kind="shortlist_sent", params={"role": "x"}, title="stored title"
        )
        assert render(broken) == ("stored title", "")
