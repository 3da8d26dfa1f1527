"""The product's examples come out of real data (interactions, stage moves and hires made through the real
services): the funnel by tag, the findings (salary_mismatch, source_more), the CLI's JSON and the API."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from analytics import selectors
from analytics.models import Finding, FindingStatus
from analytics.services import aggregates
from analytics.services.diagnoses import findings_refresh
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer

RETAIL_COUNTS = {
    "pooled": 20,
    "contacted": 20,
    "opened": 20,
    "replied": 20,
    "interviewed": 10,
    "hired": 1,
    "probation_passed": 0,
}


def _refresh(tenant):
    aggregates.refresh(tenant.pk)
    with tenant_context(tenant):
        return findings_refresh()


def test_the_funnel_by_tag_shows_the_products_rates(scenario, tenant_a):
    _refresh(tenant_a)
    with tenant_context(tenant_a):
        items = {
            item["segment"]["key"]: item for item in selectors.funnel(selectors.funnel_query({"by": "tag"}))
        }
    retail = items[str(scenario.retail.pk)]
    assert retail["counts"] == RETAIL_COUNTS
    assert retail["rates"]["interview_rate"] == 0.5
    assert retail["rates"]["hire_rate"] == 0.1
    lean = items[str(scenario.lean.pk)]
    assert lean["counts"]["interviewed"] == 10 and lean["counts"]["hired"] == 3
    assert lean["rates"]["hire_rate"] == 0.3


def test_the_findings_name_the_salary_mismatch_and_the_segment_to_source_more(scenario, tenant_a):
    open_findings = _refresh(tenant_a)
    by_segment = {(f.kind, f.segment_key): f for f in open_findings}
    salary = by_segment[("salary_mismatch", str(scenario.retail.pk))]
    assert salary.segment_name == "有零售门店运营经验" or salary.segment_name == "Retail store operations"
    assert "state the salary range in the next emails" in salary.suggestion_en
    assert "薪资" in salary.suggestion_zh
    assert salary.evidence["rates"]["interview_rate"] == 0.5 and salary.evidence["rates"]["hire_rate"] == 0.1
    # The people behind it: the nine interviewed and not hired, with what they expect against what is offered.
    assert sorted(salary.evidence["candidates"]) == sorted(scenario.retail_ids[1:10])
    assert salary.evidence["salary"]["expected_monthly"] == 13500
    assert salary.evidence["salary"]["offered_monthly"] == 9000
    source = by_segment[("source_more", str(scenario.lean.pk))]
    assert source.evidence["rates"]["hire_rate"] == 0.3
    assert source.evidence["sources"] == [
        {"source": "job_fair", "hires": 2},
        {"source": "referral", "hires": 1},
    ]
    assert "job_fair (2)" in source.suggestion_en and "job_fair (2)" in source.suggestion_zh
    # Neither rule fires on the other tag.
    assert ("source_more", str(scenario.retail.pk)) not in by_segment
    assert ("salary_mismatch", str(scenario.lean.pk)) not in by_segment


def test_a_finding_seen_again_is_the_same_finding_and_a_dismissed_one_stays_dismissed(
    scenario, tenant_a, recruiter_a
):
    from analytics.services.diagnoses import finding_dismiss

    first = {f.kind: f.pk for f in _refresh(tenant_a)}
    again = {f.kind: f.pk for f in _refresh(tenant_a)}
    assert first == again
    with tenant_context(tenant_a):
        salary = Finding.objects.get(kind="salary_mismatch")
        assert len(salary.history) == 1  # one entry per week, however often it runs
        finding_dismiss(salary, reason="已在邮件中写明薪资范围", actor=recruiter_a)
    open_kinds = {f.kind for f in _refresh(tenant_a)}
    assert "salary_mismatch" not in open_kinds
    with tenant_context(tenant_a):
        assert Finding.objects.get(kind="salary_mismatch").status == FindingStatus.DISMISSED


def test_findings_never_fire_below_the_minimum_sample(scenario, tenant_a):
    from analytics.services.settings import analytics_settings_update

    with tenant_context(tenant_a):
        analytics_settings_update(min_sample=11)  # 10 interviewed per tag: one short of the sample
    kinds = {f.kind for f in _refresh(tenant_a)}
    assert "salary_mismatch" not in kinds and "source_more" not in kinds


def test_the_cli_prints_the_same_funnel_as_json(scenario, tenant_a):
    call_command("analytics_refresh", "--tenant", tenant_a.slug, stdout=io.StringIO())
    out = io.StringIO()
    call_command("funnel", "--tenant", tenant_a.slug, "--by", "tag", "--json", stdout=out)
    items = {item["segment"]["key"]: item for item in json.loads(out.getvalue())}
    retail = items[str(scenario.retail.pk)]
    assert retail["segment"] == {"kind": "tag", "key": str(scenario.retail.pk), "name": "有零售门店运营经验"}
    assert retail["counts"] == RETAIL_COUNTS
    assert items[str(scenario.lean.pk)]["rates"]["hire_rate"] == 0.3


def test_the_api_gives_the_funnel_the_kpis_and_the_findings(scenario, tenant_a, client, key_a):
    _refresh(tenant_a)
    response = client.get(f"/api/v1/analytics/funnel/?by=tag&tag={scenario.retail.pk}", **bearer(key_a))
    assert response.status_code == 200, response.content
    (retail,) = response.json()
    assert retail["counts"] == RETAIL_COUNTS and retail["rates"]["interview_rate"] == 0.5
    kpis = client.get("/api/v1/analytics/kpis/", **bearer(key_a)).json()
    assert kpis["hires"] == 4 and kpis["hires_from_pool"] == 4 and kpis["value_conversion_rate"] == 1.0
    assert kpis["pool_conversion_rate"] == round(4 / 30, 6)
    assert 0 <= kpis["activity_rate"] <= 1
    findings = client.get("/api/v1/analytics/findings/", **bearer(key_a)).json()
    kinds = {(f["kind"], f["segment"]["key"]) for f in findings}
    assert ("salary_mismatch", str(scenario.retail.pk)) in kinds
    assert ("source_more", str(scenario.lean.pk)) in kinds
    salary = next(f for f in findings if f["kind"] == "salary_mismatch")
    assert set(salary) >= {"kind", "segment", "severity", "evidence", "suggestion"}


@pytest.mark.parametrize(
    "query, field",
    [
        ("by=color", "by"),
        ("from=2026-12-01&to=2026-11-01", "from"),
        ("from=yesterday", "from"),
        ("from=1900-01-01&to=2026-01-01", "from"),
    ],
)
def test_bad_filters_are_400_with_a_message(query, field, tenant_a, client, key_a):
    response = client.get(f"/api/v1/analytics/funnel/?{query}", **bearer(key_a))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_a_segment_naming_another_tenants_tag_is_400(tenant_a, tenant_b, client, key_a):
    from candidates.models import Tag

    with tenant_context(tenant_b):
        theirs = Tag.objects.create(key="skill.beta-only", category="skill", name_en="Beta only")
    response = client.get(f"/api/v1/analytics/funnel/?by=tag&tag={theirs.pk}", **bearer(key_a))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_segment"
    from django.core.management import CommandError

    with pytest.raises(CommandError) as raised:  # the CLI speaks the tenant's language (zh-hans here)
        call_command(
            "funnel",
            "--tenant",
            tenant_a.slug,
            "--by",
            "tag",
            "--segment",
            str(theirs.pk),
            "--json",
            stdout=io.StringIO(),
        )
    assert "未知标签" in str(raised.value) and raised.value.returncode == 2


def test_a_range_beyond_the_data_is_an_empty_funnel_not_an_error(scenario, tenant_a, client, key_a):
    _refresh(tenant_a)
    response = client.get("/api/v1/analytics/funnel/?by=tag&from=2001-01-01&to=2001-12-31", **bearer(key_a))
    assert response.status_code == 200
    assert all(item["counts"]["contacted"] == 0 for item in response.json())
    assert (
        client.get("/api/v1/analytics/funnel/?by=all&from=2001-01-01&to=2001-12-31", **bearer(key_a)).json()[
            0
        ]["counts"]["pooled"]
        == 0
    )
