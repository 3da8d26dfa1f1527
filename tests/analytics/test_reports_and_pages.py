"""The weekly report (built once per week, mailed through the outbox in each person's language, CSV and print),
the Analytics page in both languages, the findings' actions, and bad input on every door."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from analytics import selectors
from analytics.models import Finding, WeeklyReport
from analytics.services import aggregates
from analytics.services.diagnoses import findings_refresh, iso_week
from analytics.services.reports import reports_due
from engagement.models import Campaign, OutboundMessage
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _last_week(tenant) -> str:
    with tenant_context(tenant):
        today = selectors.today()
    return iso_week(today - timedelta(days=7))


@pytest.fixture
def refreshed(scenario, tenant_a):
    aggregates.refresh(tenant_a.pk)
    with tenant_context(tenant_a):
        findings_refresh()
    return scenario


def test_the_weekly_report_is_built_once_and_mailed_to_each_admin_and_recruiter_in_their_language(
    refreshed, tenant_a, admin_a, recruiter_a, viewer_a
):
    admin_a.language = "en"
    admin_a.save(update_fields=["language"])
    week = _last_week(tenant_a)
    out = io.StringIO()
    call_command("weekly_report", "--tenant", tenant_a.slug, "--week", week, "--json", stdout=out)
    first = json.loads(out.getvalue())
    assert first["built"] is True and first["week"] == week
    assert set(first) >= {
        "activity_rate",
        "pool_conversion_rate",
        "value_conversion_rate",
        "tags",
        "funnel",
        "findings",
        "changes",
        "narrative",
    }
    assert first["narrative"]["zh-hans"] and first["narrative"]["en"]
    assert {f["kind"] for f in first["findings"]} >= {"salary_mismatch", "source_more"}
    again = io.StringIO()
    call_command("weekly_report", "--tenant", tenant_a.slug, "--week", week, "--json", stdout=again)
    assert json.loads(again.getvalue())["built"] is False
    with tenant_context(tenant_a):
        assert WeeklyReport.objects.filter(week=week).count() == 1
        mails = {
            m.to_address: m
            for m in OutboundMessage.objects.filter(idempotency_key__startswith="system:weekly-report:")
        }
        # The funnel of the report is the funnel of that week.
        monday = datetime.strptime(week + "-1", "%G-W%V-%u").date()
        whole = selectors.funnel(
            selectors.FunnelQuery(by="all", date_from=monday, date_to=monday + timedelta(days=6))
        )
        assert first["funnel"]["counts"] == whole[0]["counts"]
    assert set(mails) == {admin_a.email, recruiter_a.email}  # viewers are not mailed
    assert mails[admin_a.email].subject.startswith("Talent pool operations report")
    assert mails[recruiter_a.email].subject.startswith("人才库运营报告")


def test_a_report_for_a_week_that_has_not_ended_is_refused(tenant_a, client, key_a):
    with tenant_context(tenant_a):
        today = selectors.today()
    for week in (iso_week(today), iso_week(today + timedelta(days=14))):
        with pytest.raises(CommandError) as raised:
            call_command("weekly_report", "--tenant", tenant_a.slug, "--week", week, stdout=io.StringIO())
        assert raised.value.returncode == 2
        response = client.post(
            "/api/v1/analytics/reports/",
            json.dumps({"week": week}),
            content_type="application/json",
            **bearer(key_a),
        )
        assert response.status_code == 400 and "week" in response.json()["error"]["fields"]
    response = client.post(
        "/api/v1/analytics/reports/",
        json.dumps({"week": "2026-53"}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 400


def test_reports_are_due_at_each_tenants_own_monday_eight_oclock(tenant_a):
    # Asia/Shanghai is UTC+8: Monday 08:00 there is Monday 00:00 UTC.
    monday = datetime(2026, 11, 30, tzinfo=UTC)
    assert tenant_a.pk not in reports_due(monday - timedelta(hours=1))  # Monday 07:00 in Shanghai
    assert tenant_a.pk in reports_due(monday + timedelta(minutes=5))


def test_the_report_pages_csv_and_print(refreshed, tenant_a, recruiter_client):
    week = _last_week(tenant_a)
    response = recruiter_client.post("/analytics/reports/build/", {"week": week})
    assert response.status_code == 302
    page = recruiter_client.get(f"/analytics/reports/{week}/", **ZH)
    assert page.status_code == 200 and "人才库运营报告" in page.content.decode()
    english = recruiter_client.get(f"/analytics/reports/{week}/", **EN).content.decode()
    assert "Talent pool operations report" in english
    csv_text = recruiter_client.get(f"/analytics/reports/{week}/report.csv", **EN).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "section,segment,figure,value" and "salary_mismatch" in csv_text
    assert recruiter_client.get(f"/analytics/reports/{week}/print/").status_code == 200
    assert recruiter_client.get("/analytics/reports/").status_code == 200
    assert recruiter_client.get("/analytics/reports/2026-W99/").status_code == 404


def test_the_analytics_page_in_both_languages(refreshed, tenant_a, recruiter_client):
    zh = recruiter_client.get("/analytics/?by=tag", **ZH)
    assert zh.status_code == 200
    text = zh.content.decode()
    assert "有零售门店运营经验" in text and "面试率" in text and "问题分析" in text
    assert 'id="funnel-data"' in text and 'id="trend-data"' in text
    en = recruiter_client.get("/analytics/?by=tag&sort=hire_rate&dir=desc", **EN).content.decode()
    assert "Interview rate" in en and "Retail store operations" in en
    # The lean tag (hire rate 30 %) sorts above the retail tag (10 %).
    assert en.index("Lean production rollout") < en.index("Retail store operations")
    searched = recruiter_client.get("/analytics/?by=tag&q=零售", **ZH).content.decode()
    assert (
        "有零售门店运营经验" in searched
        and "精益生产落地经验" not in searched.split('id="segments"')[1].split("</table>")[0]
    )


def test_bad_filters_on_the_page_say_so_with_a_400(tenant_a, recruiter_client):
    response = recruiter_client.get("/analytics/?from=2026-12-01&to=2026-01-01", **EN)
    assert response.status_code == 400
    assert "The start of the range is after its end." in response.content.decode()


def test_hiring_managers_do_not_see_analytics(tenant_a, manager_client):
    assert manager_client.get("/analytics/").status_code == 403


def test_a_finding_is_dismissed_with_a_reason(refreshed, tenant_a, recruiter_client):
    with tenant_context(tenant_a):
        finding = Finding.objects.get(kind="salary_mismatch")
    assert (
        recruiter_client.post(f"/analytics/findings/{finding.pk}/dismiss/", {"reason": ""}).status_code == 302
    )
    with tenant_context(tenant_a):
        assert Finding.objects.get(pk=finding.pk).status == "open"  # no reason, no dismissal
    recruiter_client.post(f"/analytics/findings/{finding.pk}/dismiss/", {"reason": "薪资已调整"})
    with tenant_context(tenant_a):
        assert Finding.objects.get(pk=finding.pk).dismissed_reason == "薪资已调整"


def test_one_click_makes_the_sourcing_campaign_a_finding_suggests_as_a_draft(
    refreshed, tenant_a, recruiter_client, client, key_a
):
    # Three of the ten lean-production people were hired: seven active ones are fewer than the ten wanted.
    with tenant_context(tenant_a):
        finding = Finding.objects.get(kind="role_supply_low", segment_key=str(refreshed.lean_role.pk))
    response = recruiter_client.post(f"/analytics/findings/{finding.pk}/campaign/")
    assert response.status_code == 302
    with tenant_context(tenant_a):
        campaign = Campaign.objects.get(pk=Finding.objects.get(pk=finding.pk).campaign_id)
        assert campaign.status == "draft" and campaign.audience["profile"] == refreshed.lean_role.pk
    assert response["Location"].endswith(f"/campaigns/{campaign.pk}/")
    again = client.post(f"/api/v1/analytics/findings/{finding.pk}/campaign/", **bearer(key_a))
    assert again.status_code == 201 and again.json()["id"] == campaign.pk  # twice is one draft
    with tenant_context(tenant_a):
        salary = Finding.objects.get(kind="salary_mismatch")
    refused = client.post(f"/api/v1/analytics/findings/{salary.pk}/campaign/", **bearer(key_a))
    assert refused.status_code == 400


def test_the_role_page_shows_the_funnel_from_the_analytics_counters(refreshed, tenant_a, recruiter_client):
    page = recruiter_client.get(f"/roles/{refreshed.retail_role.pk}/", **EN).content.decode()
    assert 'class="funnel__bar"' in page
    with tenant_context(tenant_a):
        steps = {row["step"]: row["reached"] for row in selectors.role_funnel(refreshed.retail_role)}
    assert steps["interviewed"] == 10 and steps["hired"] == 1 and steps["pooled"] == 10


def test_the_settings_take_the_fee_and_refuse_bad_values(tenant_a, admin_client_a, recruiter_client):
    url = "/api/v1/analytics/settings/"
    ok = admin_client_a.patch(
        url, json.dumps({"fee_per_external_hire": "20000", "min_sample": 5}), content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["fee_per_external_hire"] == 20000.0
    bad = admin_client_a.patch(
        url, json.dumps({"fee_per_external_hire": "lots"}), content_type="application/json"
    )
    assert bad.status_code == 400 and "fee_per_external_hire" in bad.json()["error"]["fields"]
    bad = admin_client_a.patch(url, json.dumps({"thresholds": {"nope": {}}}), content_type="application/json")
    assert bad.status_code == 400
    assert (
        recruiter_client.patch(
            url, json.dumps({"min_sample": 3}), content_type="application/json"
        ).status_code
        == 403
    )


def test_kpis_count_fees_avoided_and_value_conversion(refreshed, tenant_a, admin_client_a):
    from profiles import services as profile_services

    admin_client_a.patch(
        "/api/v1/analytics/settings/",
        json.dumps({"fee_per_external_hire": "20000"}),
        content_type="application/json",
    )
    with tenant_context(tenant_a):
        profile_services.hire_record(
            full_name="外部候选人", hired_at=timezone.localdate() - timedelta(days=3)
        )
    kpis = admin_client_a.get("/api/v1/analytics/kpis/").json()
    assert kpis["hires"] == 5 and kpis["hires_from_pool"] == 4
    assert kpis["value_conversion_rate"] == 0.8 and kpis["fees_avoided"] == 80000.0
    assert kpis["time_to_hire_days"]["pool"] is not None
