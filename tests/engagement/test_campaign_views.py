"""The campaign pages: the list, the builder and the statistics render for admins, recruiters and viewers in
English and Chinese and are closed to hiring managers; the builder saves a draft and launches through the
campaigns service (a one-off without a send window is due at once); an empty audience cannot launch and says
so next to the audience; the live count and the preview answer htmx; the pool's bulk bar opens the builder
with its selection; another tenant's campaign is a 404."""

from __future__ import annotations

import pytest
from django.utils import timezone

from candidates.models import CandidateEmail, CandidateStatus
from engagement.models import Campaign, CampaignStatus, Enrollment, MessageStatus, OutboundMessage
from engagement.services import campaigns as campaign_services
from talentpool.tenancy.context import tenant_context
from tests.conftest import logged_in_client
from tests.factories import make_candidate

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def _candidate(tenant, name: str, email: str, **fields):
    candidate = make_candidate(tenant, full_name=name, **fields)
    with tenant_context(tenant):
        CandidateEmail.objects.create(candidate=candidate, email=email, is_primary=True)
    return candidate


@pytest.fixture
def people(tenant_a):
    return [
        _candidate(tenant_a, "张伟", "zhang@example.test"),
        _candidate(tenant_a, "Alice Chen", "alice@example.test"),
        _candidate(tenant_a, "王芳", "wang@example.test"),
    ]


def _builder_post(ids, *, action="save", name="精益生产案例分享", **extra) -> dict:
    data = {
        "name": name,
        "audience_source": "selection",
        "candidate_ids": [str(pk) for pk in ids],
        "step-0-channel": "email",
        "step-0-language": "zh-hans",
        "step-0-delay_days": "0",
        "step-0-condition": "always",
        "step-0-template": "",
        "step-0-subject": "{{ candidate.first_name }}，精益生产落地案例",
        "step-0-body": "{{ candidate.first_name }}您好，\n\n分享一篇精益生产落地案例。\n\n{{ recruiter.name }}",
        "action": action,
    }
    data.update(extra)
    return data


def _draft(tenant, ids, name="Draft") -> Campaign:
    with tenant_context(tenant):
        return campaign_services.campaign_create(
            name=name,
            audience={"candidate_ids": list(ids)},
            steps=[
                {
                    "channel": "email",
                    "subject": "Hello {{ candidate.first_name }}",
                    "body": "Hi",
                    "language": "en",
                }
            ],
            use_send_window=False,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["admin_a", "recruiter_a", "viewer_a"])
def test_campaign_pages_render_for_every_pool_reader_in_english_and_chinese(
    request, role_fixture, tenant_a, people
):
    client = logged_in_client(request.getfixturevalue(role_fixture))
    campaign = _draft(tenant_a, [people[0].pk], name="Spring outreach 春季")
    for headers, words in ((EN, ["Campaigns", "Follow up today"]), (ZH, ["活动", "今日跟进"])):
        listing = client.get("/campaigns/", **headers)
        assert listing.status_code == 200
        assert "Spring outreach 春季" in listing.content.decode()
        detail = client.get(f"/campaigns/{campaign.pk}/", **headers)
        assert detail.status_code == 200
        follow_up = client.get("/follow-up/", **headers)
        assert follow_up.status_code == 200
        if headers is EN:
            body = listing.content.decode() + follow_up.content.decode()
            assert all(word in body for word in words)
    builder = client.get("/campaigns/new/")
    assert builder.status_code == (403 if role_fixture == "viewer_a" else 200)


@pytest.mark.django_db
def test_hiring_managers_cannot_open_campaigns_or_follow_ups(manager_a, tenant_a, people):
    client = logged_in_client(manager_a)
    campaign = _draft(tenant_a, [people[0].pk])
    for url in ("/campaigns/", "/campaigns/new/", f"/campaigns/{campaign.pk}/", "/follow-up/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/campaigns/audience-count/", {"audience_source": "tiers"}).status_code == 403
    assert client.post(f"/campaigns/{campaign.pk}/launch/").status_code == 403
    with tenant_context(tenant_a):
        assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT


@pytest.mark.django_db
def test_the_list_shows_an_invitation_to_create_the_first_campaign(recruiter_client):
    page = recruiter_client.get("/campaigns/", **EN).content.decode()
    assert "No campaigns yet" in page
    assert 'href="/campaigns/new/"' in page


@pytest.mark.django_db
def test_the_list_filters_by_status(recruiter_client, tenant_a, people):
    _draft(tenant_a, [people[0].pk], name="Still a draft")
    running = _draft(tenant_a, [people[1].pk], name="Already running")
    with tenant_context(tenant_a):
        campaign_services.campaign_launch(running)
    page = recruiter_client.get("/campaigns/?status=running", **EN).content.decode()
    assert "Already running" in page and "Still a draft" not in page


@pytest.mark.django_db
def test_the_builder_saves_a_draft_through_the_service(recruiter_client, tenant_a, people):
    response = recruiter_client.post("/campaigns/new/", _builder_post([people[0].pk, people[1].pk]))
    assert response.status_code == 302
    with tenant_context(tenant_a):
        campaign = Campaign.objects.get()
        assert campaign.status == CampaignStatus.DRAFT
        assert campaign.audience == {"candidate_ids": [people[0].pk, people[1].pk]}
        step = campaign.steps.get()
        assert step.subject.startswith("{{ candidate.first_name }}")
    assert response["Location"] == f"/campaigns/{campaign.pk}/"


@pytest.mark.django_db
def test_launch_asks_for_confirmation_with_the_count_then_queues_the_messages_at_once(
    recruiter_client, tenant_a, people
):
    ids = [people[0].pk, people[2].pk]
    first = recruiter_client.post("/campaigns/new/", _builder_post(ids, action="launch"), **EN)
    assert first.status_code == 200
    assert "Launch to 2 candidates?" in first.content.decode()
    with tenant_context(tenant_a):
        assert not Campaign.objects.exists()

    done = recruiter_client.post("/campaigns/new/", _builder_post(ids, action="launch", confirm="yes"), **EN)
    assert done.status_code == 302
    with tenant_context(tenant_a):
        campaign = Campaign.objects.get()
        assert campaign.status == CampaignStatus.RUNNING
        assert Enrollment.objects.filter(campaign=campaign).count() == 2
        messages = list(OutboundMessage.objects.filter(campaign=campaign))
        # A one-off without a send window: both first messages are due now.
        assert {message.to_address for message in messages} == {"zhang@example.test", "wang@example.test"}
        assert all(
            message.status == MessageStatus.QUEUED and message.due_at <= timezone.now()
            for message in messages
        )
        assert messages[0].subject.endswith("精益生产落地案例")


@pytest.mark.django_db
def test_an_empty_audience_cannot_launch_and_the_services_message_is_next_to_the_audience(
    recruiter_client, tenant_a, people
):
    with tenant_context(tenant_a):
        for candidate in people:
            candidate.status = CandidateStatus.DO_NOT_CONTACT
            candidate.save(update_fields=["status"])
    response = recruiter_client.post(
        "/campaigns/new/", _builder_post([people[0].pk], action="launch", confirm="yes"), **EN
    )
    page = response.content.decode()
    assert 'id="audience-error"' in page and "The audience is empty" in page
    with tenant_context(tenant_a):
        campaign = Campaign.objects.get()  # kept as a draft to fix; the builder now edits it
        assert campaign.status == CampaignStatus.DRAFT
        assert not OutboundMessage.objects.exists()
    assert f'action="/campaigns/{campaign.pk}/edit/"' in page


@pytest.mark.django_db
def test_an_unknown_placeholder_is_refused_on_its_step(recruiter_client, tenant_a, people):
    data = _builder_post([people[0].pk], **{"step-0-body": "Hi {{ candidate.salary }}"})
    response = recruiter_client.post("/campaigns/new/", data, **EN)
    assert response.status_code == 400
    assert "candidate.salary" in response.content.decode()
    with tenant_context(tenant_a):
        assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_steps_are_added_and_removed_without_saving(recruiter_client, tenant_a, people):
    added = recruiter_client.post("/campaigns/new/", _builder_post([people[0].pk], action="add_step"), **EN)
    page = added.content.decode()
    assert 'name="step-1-channel"' in page and "Step 2" in page
    data = _builder_post(
        [people[0].pk], **{"step-1-channel": "sms", "step-1-body": "second", "step-1-remove": "1"}
    )
    data.pop("action")
    removed = recruiter_client.post("/campaigns/new/", data, **EN).content.decode()
    assert 'name="step-1-channel"' not in removed
    with tenant_context(tenant_a):
        assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_a_draft_is_edited_and_a_launched_campaign_is_not(recruiter_client, tenant_a, people):
    campaign = _draft(tenant_a, [people[0].pk])
    page = recruiter_client.get(f"/campaigns/{campaign.pk}/edit/").content.decode()
    assert 'value="Hello {{ candidate.first_name }}"' in page
    data = _builder_post([people[0].pk, people[1].pk], name="Renamed")
    assert recruiter_client.post(f"/campaigns/{campaign.pk}/edit/", data).status_code == 302
    with tenant_context(tenant_a):
        campaign.refresh_from_db()
        assert campaign.name == "Renamed" and campaign.audience["candidate_ids"] == [
            people[0].pk,
            people[1].pk,
        ]
        campaign_services.campaign_launch(campaign)
    assert recruiter_client.get(f"/campaigns/{campaign.pk}/edit/")["Location"] == f"/campaigns/{campaign.pk}/"


@pytest.mark.django_db
def test_the_live_count_counts_the_audience_picked_now(recruiter_client, tenant_a, people):
    with tenant_context(tenant_a):
        people[1].status = CandidateStatus.HIRED
        people[1].save(update_fields=["status"])
    data = {"audience_source": "selection", "candidate_ids": [str(c.pk) for c in people]}
    response = recruiter_client.post("/campaigns/audience-count/", data, **EN, **HTMX)
    assert response.status_code == 200
    assert 'data-audience-count="2"' in response.content.decode()
    nothing = recruiter_client.post("/campaigns/audience-count/", {"audience_source": "tags"}, **EN, **HTMX)
    assert "Choose the audience" in nothing.content.decode()


@pytest.mark.django_db
def test_the_preview_renders_step_one_for_a_real_candidate_of_the_audience(recruiter_client, people):
    response = recruiter_client.post("/campaigns/preview/", _builder_post([people[1].pk]), **EN, **HTMX)
    page = response.content.decode()
    assert "To Alice Chen" in page
    assert "Alice，精益生产落地案例" in page


@pytest.mark.django_db
def test_pause_and_resume_change_the_state_and_viewers_cannot(recruiter_client, viewer_a, tenant_a, people):
    campaign = _draft(tenant_a, [people[0].pk])
    with tenant_context(tenant_a):
        campaign_services.campaign_launch(campaign)
    assert logged_in_client(viewer_a).post(f"/campaigns/{campaign.pk}/pause/").status_code == 403
    recruiter_client.post(f"/campaigns/{campaign.pk}/pause/")
    with tenant_context(tenant_a):
        assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.PAUSED
    recruiter_client.post(f"/campaigns/{campaign.pk}/resume/")
    with tenant_context(tenant_a):
        assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.RUNNING


@pytest.mark.django_db
def test_the_detail_page_shows_statistics_per_step_with_machine_opens_apart(
    recruiter_client, tenant_a, people
):
    campaign = _draft(tenant_a, [people[0].pk, people[1].pk])
    with tenant_context(tenant_a):
        campaign_services.campaign_launch(campaign)
        now = timezone.now()
        OutboundMessage.objects.filter(campaign=campaign).update(status=MessageStatus.SENT, sent_at=now)
        OutboundMessage.objects.filter(campaign=campaign, candidate=people[0]).update(
            opened_at=now, replied_at=now
        )
        OutboundMessage.objects.filter(campaign=campaign, candidate=people[1]).update(machine_opened_at=now)
    page = recruiter_client.get(f"/campaigns/{campaign.pk}/", **EN).content.decode()
    assert "Opened by a person" in page and "Opened by a machine (not counted as a person)" in page
    assert '<meter class="funnel__bar" min="0" max="2" value="1"' in page
    listing = recruiter_client.get("/campaigns/", **EN).content.decode()
    assert 'data-label="Replies">1<' in listing


@pytest.mark.django_db
def test_the_pool_bulk_bar_opens_the_builder_with_the_selection_as_audience(
    recruiter_client, tenant_a, people
):
    pool = recruiter_client.get("/pool/", **EN).content.decode()
    assert 'formaction="/campaigns/new/"' in pool
    ids = [str(people[0].pk), str(people[2].pk)]
    response = recruiter_client.post("/campaigns/new/", {"from": "pool", "ids": ids, "next": "/pool/"}, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    for pk in ids:
        assert f'<input type="hidden" name="candidate_ids" value="{pk}">' in page
    assert "2 candidates picked in the pool" in page
    with tenant_context(tenant_a):
        assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_viewers_do_not_get_the_add_to_campaign_button(viewer_a, people):
    pool = logged_in_client(viewer_a).get("/pool/", **EN).content.decode()
    assert 'formaction="/campaigns/new/"' not in pool


@pytest.mark.django_db
def test_another_tenants_campaign_is_not_found(tenant_b, admin_b, recruiter_client):
    other = _candidate(tenant_b, "Bob", "bob@beta.test")
    campaign = _draft(tenant_b, [other.pk])
    for url in (f"/campaigns/{campaign.pk}/", f"/campaigns/{campaign.pk}/edit/"):
        assert recruiter_client.get(url).status_code == 404
    assert recruiter_client.post(f"/campaigns/{campaign.pk}/launch/").status_code == 404
    # Candidates of tenant B cannot be smuggled into tenant A's audience either.
    response = recruiter_client.post("/campaigns/new/", _builder_post([other.pk]), **EN)
    assert response.status_code == 400
    with tenant_context(tenant_b):
        assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.DRAFT


@pytest.mark.django_db
def test_a_tag_picked_for_the_audience_comes_back_as_a_chip_and_recounts(recruiter_client, tenant_a, people):
    from candidates import services as candidate_services

    lean = candidate_services.tag_create(
        tenant_a, category="skill", name_en="Lean production", name_zh="精益生产"
    )
    with tenant_context(tenant_a):
        candidate_services.candidate_tag_add(people[0], tag=lean, source="manual")
    chip = recruiter_client.post("/campaigns/audience-tag/", {"tag": str(lean.pk)}, **EN, **HTMX)
    assert chip["HX-Trigger"] == "audience-changed"
    assert f'name="tag_ids" value="{lean.pk}" form="campaign-builder" checked' in chip.content.decode()
    assert recruiter_client.post("/campaigns/audience-tag/", {"tag": "999999"}, **HTMX).status_code == 204
    count = recruiter_client.post(
        "/campaigns/audience-count/", {"audience_source": "tags", "tag_ids": [lean.pk]}, **EN, **HTMX
    )
    assert 'data-audience-count="1"' in count.content.decode()
