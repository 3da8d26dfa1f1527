"""Consent records decide outreach (one check, at send time); every outreach email carries the link where the
candidate asks for their data; requests through the link, the API and the dashboard, each audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from candidates.models import CandidateStatus, ConsentStatus
from candidates.services.profile import candidate_add_emails
from engagement.models import MessageStatus
from engagement.services import outbox
from engagement.services.settings import engagement_settings_update
from privacy import selectors, services
from privacy.models import AuditEntry, DataRequest, RequestChannel, RequestStatus
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer, logged_in_client
from ..factories import make_candidate


def _reachable(tenant, admin, name="林青 Lin Qing", email="lin.qing@example.test"):
    candidate = make_candidate(tenant, full_name=name)
    with tenant_context(tenant):
        candidate_add_emails(candidate, [email], source="manual", actor=admin)
    return candidate


def _send(tenant, candidate, key: str):
    with tenant_context(tenant):
        message = outbox.outbox_enqueue(
            idempotency_key=key,
            channel="email",
            to_address=candidate.emails.get().email,
            candidate=candidate,
            subject="A role",
            body_text="Hello",
            body_html="<p>Hello</p>",
            language="zh-hans",
            due_at=_morning(),
        )
    outbox.dispatch_due(tenant=tenant, now=_morning())
    with tenant_context(tenant):
        message.refresh_from_db()
    return message


def _morning():
    return datetime(2025, 3, 3, 3, 0, tzinfo=UTC)  # Monday 11:00 in Shanghai: inside the send window


@pytest.fixture
def consent_required(tenant_a, admin_a):
    with tenant_context(tenant_a):
        engagement_settings_update(values={"require_consent": True}, actor=admin_a)


def test_outreach_follows_the_consent_records_given_lapsed_and_withdrawn(tenant_a, admin_a, consent_required):
    candidate = _reachable(tenant_a, admin_a)
    assert _send(tenant_a, candidate, "none").skip_reason == "no_consent"
    record = services.consent_record(
        tenant_a,
        candidate=candidate,
        scope="outreach",
        given=True,
        method="form",
        actor=admin_a,
        captured_at=_morning() - timedelta(days=10),
        expires_at=_morning() + timedelta(days=1),
    )
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
    # The summary on the candidate follows the record.
    assert (candidate.consent_status, candidate.consent_source) == (ConsentStatus.GIVEN, "form")
    assert _send(tenant_a, candidate, "given").status == MessageStatus.SENT
    assert "/privacy/r/" in mail.outbox[-1].body  # the link to ask for one's data
    with tenant_context(tenant_a):
        type(record).objects.filter(pk=record.pk).update(expires_at=_morning() - timedelta(hours=1))
    assert _send(tenant_a, candidate, "lapsed").skip_reason == "no_consent"
    services.consent_record(
        tenant_a, candidate=candidate, scope="outreach", given=False, method="email", actor=admin_a
    )
    assert _send(tenant_a, candidate, "withdrawn").skip_reason == "consent_withdrawn"
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
        assert candidate.consent_status == ConsentStatus.WITHDRAWN
        actions = list(
            AuditEntry.objects.filter(target_id=str(candidate.pk)).values_list("action", flat=True)
        )
    assert "candidate.consent_recorded" in actions and "candidate.consent_withdrawn" in actions


def test_pipl_separate_consents_cannot_rest_on_another_basis(tenant_a, admin_a):
    candidate = _reachable(tenant_a, admin_a)
    for scope in ("cross_border", "sensitive"):
        with pytest.raises(services.PrivacyError) as refused:
            services.consent_record(
                tenant_a,
                candidate=candidate,
                scope=scope,
                given=True,
                method="contract",
                legal_basis="contract",
            )
        assert refused.value.field == "legal_basis"
    services.consent_record(tenant_a, candidate=candidate, scope="cross_border", given=True, method="form")
    with tenant_context(tenant_a):
        states = selectors.consent_states([candidate.pk], "cross_border")
        assert states == {candidate.pk: "given"}
        assert selectors.consent_states([candidate.pk], "sensitive") == {}  # never implied by another scope


def test_legitimate_interest_counts_only_where_the_tenant_allows_it(tenant_a, admin_a):
    candidate = _reachable(tenant_a, admin_a)
    services.consent_record(
        tenant_a,
        candidate=candidate,
        scope="outreach",
        given=True,
        method="form",
        legal_basis="legitimate_interest",
    )
    with tenant_context(tenant_a):
        assert selectors.consent_states([candidate.pk], "outreach") == {candidate.pk: "missing"}
    services.privacy_settings_update(
        tenant_a,
        actor=admin_a,
        retention_days=730,
        audit_retention_days=730,
        request_due_days=30,
        legitimate_interest_allowed=True,
    )
    with tenant_context(tenant_a):
        assert selectors.consent_states([candidate.pk], "outreach") == {candidate.pk: "given"}


def test_sourced_candidates_not_told_within_30_days_are_flagged(tenant_a, admin_a):
    old = make_candidate(tenant_a, full_name="Sourced Old", source="sourcing:linkedin")
    make_candidate(tenant_a, full_name="Sourced New", source="sourcing:linkedin")
    applied = make_candidate(tenant_a, full_name="Applied Old", source="upload")
    with tenant_context(tenant_a):
        type(old).objects.filter(pk__in=[old.pk, applied.pk]).update(
            created_at=timezone.now() - timedelta(days=40)
        )
        assert [candidate.pk for candidate in selectors.sourced_not_told()] == [old.pk]
    services.consent_record(tenant_a, candidate=old, scope="storage", given=True, method="email")
    with tenant_context(tenant_a):
        assert list(selectors.sourced_not_told()) == []


def test_the_link_in_an_email_lets_the_candidate_ask_for_erasure(tenant_a, admin_a, client):
    candidate = _reachable(tenant_a, admin_a)
    _send(tenant_a, candidate, "with-link")
    url = re.search(r"https?://\S+/privacy/r/\S+/", mail.outbox[-1].body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert (
        page.status_code == 200 and "林青" not in page.content.decode()
    )  # the page shows nothing about them
    assert client.post(f"/{path}", {"kind": "erasure"}).status_code == 200
    with tenant_context(tenant_a):
        data_request = DataRequest.objects.get()
        assert (data_request.kind, data_request.channel, data_request.candidate_id) == (
            "erasure",
            RequestChannel.LINK,
            candidate.pk,
        )
        assert data_request.due_at - data_request.received_at == timedelta(days=30)
    assert client.get(f"/{path[:-6]}xxxxx/").status_code == 404  # a forged token


def test_requests_through_the_api_with_errors_as_fields(tenant_a, admin_a, key_a, client):
    candidate = _reachable(tenant_a, admin_a)
    bad = client.post(
        "/api/v1/privacy/requests/",
        {"kind": "delete", "candidate": candidate.pk},
        content_type="application/json",
        **bearer(key_a),
    )
    assert bad.status_code == 400 and "kind" in str(bad.json())
    unknown = client.post(
        "/api/v1/privacy/requests/",
        {"kind": "erasure", "candidate": 10**12},
        content_type="application/json",
        **bearer(key_a),
    )
    assert unknown.status_code == 400
    created = client.post(
        "/api/v1/privacy/requests/",
        {"kind": "erasure", "candidate": candidate.pk},
        content_type="application/json",
        **bearer(key_a),
    )
    assert created.status_code == 201 and created.json()["status"] == RequestStatus.RECEIVED
    done = client.post(f"/api/v1/privacy/requests/{created.json()['id']}/complete/", **bearer(key_a))
    assert done.status_code == 200 and done.json()["status"] == RequestStatus.COMPLETED
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
        assert candidate.status == CandidateStatus.ANONYMISED
        erased = AuditEntry.objects.get(action="candidate.erased")
    assert erased.actor_label.startswith("API key ")
    again = client.post(f"/api/v1/privacy/requests/{created.json()['id']}/complete/", **bearer(key_a))
    assert again.status_code == 400


def test_the_audit_api_filters_and_is_for_admins(tenant_a, admin_a, recruiter_a, client):
    candidate = _reachable(tenant_a, admin_a)
    admin = logged_in_client(admin_a)
    admin.get(f"/pool/{candidate.pk}/")
    listed = admin.get("/api/v1/audit/", {"action": "candidate.viewed"})
    assert listed.status_code == 200
    [entry] = listed.json()["results"]
    assert (entry["actor_id"], entry["target_id"]) == (admin_a.pk, str(candidate.pk))
    assert admin.get("/api/v1/audit/", {"action": "candidate."}).json()["results"]
    assert admin.get("/api/v1/audit/", {"since": "yesterday"}).status_code == 400
    assert logged_in_client(recruiter_a).get("/api/v1/audit/").status_code == 403
    assert admin.delete(f"/api/v1/audit/{entry['id']}/").status_code in (403, 405)


@pytest.mark.parametrize(
    "path",
    [
        "/privacy/",
        "/privacy/audit/",
        "/privacy/settings/",
        "/privacy/audit/?action=auth.login&since=2020-01-01&until=2030-01-01",
    ],
)
def test_the_privacy_pages_are_for_admins(tenant_a, admin_a, recruiter_a, path):
    assert logged_in_client(admin_a).get(path).status_code == 200
    assert logged_in_client(recruiter_a).get(path).status_code == 403


def test_a_recruiter_records_consent_on_the_candidates_consent_page(tenant_a, admin_a, recruiter_a):
    candidate = _reachable(tenant_a, admin_a)
    client = logged_in_client(recruiter_a)
    response = client.post(
        f"/privacy/candidates/{candidate.pk}/consent/",
        {"scope": "outreach", "given": "1", "legal_basis": "consent", "method": "verbal", "evidence": "call"},
    )
    assert response.status_code == 302
    assert client.get(f"/privacy/candidates/{candidate.pk}/consent/").status_code == 200
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
    assert candidate.consent_status == ConsentStatus.GIVEN


def test_a_shortlist_is_not_shared_with_hiring_managers_without_the_candidates_consent(
    tenant_a, admin_a, manager_a, consent_required
):
    from profiles import services as profile_services
    from profiles.models import RoleHiringManager, Shortlist, ShortlistEntry, ShortlistStatus

    consenting, silent = (
        _reachable(tenant_a, admin_a),
        _reachable(tenant_a, admin_a, "Quiet 安静", "quiet@example.test"),
    )
    services.consent_record(tenant_a, candidate=consenting, scope="sharing", given=True, method="form")
    with tenant_context(tenant_a):
        profile = profile_services.profile_create(title="Product lead", external_id="R-1")
        RoleHiringManager.objects.create(profile=profile, user=manager_a)
        shortlist = Shortlist.objects.create(profile=profile, name="First")
        for candidate in (consenting, silent):
            application = profile_services.application_create(
                profile=profile, candidate=candidate, external_id=f"A-{candidate.pk}"
            )[0]
            ShortlistEntry.objects.create(
                shortlist=shortlist, candidate=candidate, application=application, score=0.5
            )
        with pytest.raises(profile_services.ProfileError) as refused:
            profile_services.shortlist_send(shortlist, actor=admin_a)
        assert refused.value.code == "no_consent" and f"#{silent.pk}" in str(refused.value)
        assert selectors.sharing_blocked_ids([consenting.pk, silent.pk]) == [silent.pk]
        services.consent_record(tenant_a, candidate=silent, scope="sharing", given=True, method="email")
        assert profile_services.shortlist_send(shortlist, actor=admin_a).status == ShortlistStatus.SENT


def test_a_re_consent_campaign_is_drafted_for_the_people_who_must_be_asked(tenant_a, admin_a):
    from engagement.models import Campaign, CampaignKind

    sourced = make_candidate(tenant_a, full_name="Sourced Old", source="sourcing:linkedin")
    lapsed = _reachable(tenant_a, admin_a)
    with tenant_context(tenant_a):
        type(sourced).objects.filter(pk=sourced.pk).update(created_at=timezone.now() - timedelta(days=40))
    services.consent_record(
        tenant_a,
        candidate=lapsed,
        scope="outreach",
        given=True,
        method="form",
        captured_at=timezone.now() - timedelta(days=400),
        expires_at=timezone.now() - timedelta(days=35),
    )
    response = logged_in_client(admin_a).post("/privacy/reconsent/")
    assert response.status_code == 302
    with tenant_context(tenant_a):
        campaign = Campaign.objects.get()
        assert campaign.kind == CampaignKind.RECONSENT
        assert sorted(campaign.audience["candidate_ids"]) == sorted([sourced.pk, lapsed.pk])


def test_the_candidate_page_links_editors_to_consent_by_scope(tenant_a, recruiter_client, viewer_client):
    from django.urls import reverse

    candidate = make_candidate(tenant_a, full_name="李")
    page = reverse("candidates:candidate", args=[candidate.pk])
    consent = reverse("privacy:candidate_consent", args=[candidate.pk])
    assert consent in recruiter_client.get(page).content.decode()
    assert recruiter_client.get(consent).status_code == 200
    assert consent not in viewer_client.get(page).content.decode()  # viewers read; they do not record consent
