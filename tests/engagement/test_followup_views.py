"""Follow up today: the product's example (a two-year-old candidate opens and replies today) appears first on
the list and on the overview with why and the roles that fit; "Done" and "Dismiss" close the task; viewers read
without acting; hiring managers and other tenants get nothing; the overview counts tiers from the anchors and
shows the activity rate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import FollowUp
from engagement.services.interactions import follow_up_for_high_tier, interaction_record
from talentpool.tenancy.context import tenant_context
from tests.conftest import logged_in_client
from tests.factories import make_candidate

EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}


def _highly_active(tenant, name: str, *, extra_kinds=()) -> FollowUp:
    """A candidate imported two years ago who opened, clicked and replied today: high tier (the score is above
    80, so the milliseconds between recording and reading cannot decay it below), with an open follow-up."""
    candidate = make_candidate(
        tenant, full_name=name, current_title="精益生产经理", created_at=timezone.now() - timedelta(days=730)
    )
    with tenant_context(tenant):
        for kind in ("opened", "clicked", "replied", *extra_kinds):
            interaction_record(candidate=candidate, kind=kind, channel="email")
        follow_up = follow_up_for_high_tier(candidate_id=candidate.pk)
    assert follow_up is not None
    return follow_up


@pytest.mark.django_db
def test_a_candidate_who_opens_and_replies_today_is_first_on_the_follow_up_list_with_why(
    recruiter_client, tenant_a
):
    _highly_active(tenant_a, "李娜")
    first = _highly_active(tenant_a, "张伟", extra_kinds=("resume_updated",))
    page = recruiter_client.get("/follow-up/", **EN).content.decode()
    assert page.index("张伟") < page.index("李娜")  # the higher score first
    assert "Replied" in page and "Opened" in page
    assert f"/pool/{first.candidate_id}/#interactions" in page  # "Log a call": the candidate page's form
    assert f"/follow-up/{first.pk}/close/" in page
    chinese = recruiter_client.get("/follow-up/", **ZH).content.decode()
    assert "今日跟进" in chinese


@pytest.mark.django_db
def test_done_closes_the_follow_up_as_contacted_and_dismiss_as_dismissed(recruiter_client, tenant_a):
    done = _highly_active(tenant_a, "张伟")
    dismissed = _highly_active(tenant_a, "王芳")
    response = recruiter_client.post(f"/follow-up/{done.pk}/close/", {"action": "done"})
    assert response.status_code == 302 and response["Location"] == "/follow-up/"
    recruiter_client.post(f"/follow-up/{dismissed.pk}/close/", {"action": "dismiss"})
    with tenant_context(tenant_a):
        done.refresh_from_db()
        dismissed.refresh_from_db()
    assert done.done_at is not None and done.done_reason == "contacted"
    assert dismissed.done_at is not None and dismissed.done_reason == "dismissed"
    page = recruiter_client.get("/follow-up/", **EN).content.decode()
    assert "张伟" not in page and "Nobody to follow up today" in page


@pytest.mark.django_db
def test_viewers_see_the_list_but_cannot_close_a_follow_up(viewer_a, tenant_a):
    follow_up = _highly_active(tenant_a, "张伟")
    client = logged_in_client(viewer_a)
    page = client.get("/follow-up/", **EN).content.decode()
    assert "张伟" in page and f"/follow-up/{follow_up.pk}/close/" not in page
    assert client.post(f"/follow-up/{follow_up.pk}/close/", {"action": "done"}).status_code == 403
    with tenant_context(tenant_a):
        assert FollowUp.objects.get(pk=follow_up.pk).done_at is None


@pytest.mark.django_db
def test_hiring_managers_and_other_tenants_cannot_close_a_follow_up(manager_a, admin_b, tenant_a):
    follow_up = _highly_active(tenant_a, "张伟")
    assert logged_in_client(manager_a).post(f"/follow-up/{follow_up.pk}/close/").status_code == 403
    assert logged_in_client(admin_b).post(f"/follow-up/{follow_up.pk}/close/").status_code == 404
    with tenant_context(tenant_a):
        assert FollowUp.objects.get(pk=follow_up.pk).done_at is None


@pytest.mark.django_db
def test_the_overview_shows_tiers_from_the_anchors_the_activity_rate_and_the_follow_up_card(
    admin_client_a, tenant_a
):
    _highly_active(tenant_a, "张伟")
    make_candidate(tenant_a, full_name="Quiet One")
    page = admin_client_a.get("/", **EN).content.decode()
    assert "Activity rate" in page
    assert "50%" in page and "1 of 2 engaged in 6 months" in page
    assert "Follow up today" in page and "张伟" in page
    # One high, one low: the tier cards come from the anchors, not a stored tier column.
    assert '<span class="kpi__value">1</span>' in page
    assert "High: score 80 and above" in page
