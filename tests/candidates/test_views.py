"""The pool's dashboard pages: every page renders in English and Chinese, another tenant's ids are 404,
viewers read but never write, and the writes go through the services with their provenance."""

from __future__ import annotations

import csv
import io

import pytest

from candidates import services, tasks
from candidates.models import (
    Candidate,
    CandidateMerge,
    CandidateTag,
    Document,
    DuplicateFlag,
    ImportJob,
    ImportStatus,
    ProfileChange,
    Tag,
)
from talentpool.tenancy.context import tenant_context

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

IMPORT_CSV = """姓名,手机,邮箱,公司,职位,工作年限,学历,标签
王芳,13500135000,wangfang@example.com,腾讯,产品经理,6,硕士,Python
,,not-an-email,无名公司,职员,,,
孙强,13600136000,sunqiang@example.com,阿里巴巴,Java 工程师,8,本科,
"""


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture
def tags(tenant_a):
    python = services.tag_create(tenant_a, category="skill", name_en="Python", name_zh="Python 编程")
    lean = services.tag_create(
        tenant_a, category="skill", name_en="Lean production", name_zh="精益生产", synonyms=["精益"]
    )
    sql = services.tag_create(tenant_a, category="skill", name_en="SQL", name_zh="结构化查询")
    return python, lean, sql


def add_candidate(tenant, name, *, tags=(), emails=(), phones=(), **fields):
    candidate = services.candidate_create(
        tenant,
        data=services.CandidateInput(
            full_name=name, emails=tuple(emails), phones=tuple(phones), fields=fields
        ),
        source="api",
    )
    with tenant_context(tenant):
        for tag in tags:
            services.candidate_tag_add(candidate, tag=tag, source="manual")
        candidate.refresh_from_db()
    return candidate


@pytest.fixture
def pool(tenant_a, tags):
    python, lean, sql = tags
    return {
        "wang": add_candidate(
            tenant_a,
            "王伟",
            tags=[python, lean],
            emails=["wangwei@example.com"],
            current_title="车间主任",
            current_company="比亚迪",
            location="深圳",
            years_experience=12,
            highest_education="bachelor",
            source="linkedin",
        ),
        "emily": add_candidate(
            tenant_a,
            "Emily Carter",
            tags=[python, sql],
            emails=["emily@example.org"],
            current_title="Product Manager",
            current_company="Shopify",
            location="Toronto",
            years_experience=7,
            highest_education="master",
            source="import",
        ),
        "lina": add_candidate(
            tenant_a,
            "李娜",
            tags=[lean],
            phones=["13912345678"],
            current_title="精益生产经理",
            location="佛山",
            years_experience=3,
            highest_education="associate",
            source="import",
        ),
    }


@pytest.fixture
def other_tenant(tenant_b, admin_b):
    """Tenant B with one of everything, to check that tenant A's pages never reach it."""
    candidate = add_candidate(tenant_b, "贝塔候选人", emails=["beta@example.com"])
    twin = add_candidate(tenant_b, "贝塔候选人", emails=["beta@example.com", "beta2@example.com"])
    services.duplicates_flag_for(tenant_b, candidate_id=twin.pk)
    tag = services.tag_create(tenant_b, category="skill", name_en="Beta skill")
    job = services.import_create(tenant_b, data=IMPORT_CSV.encode(), filename="b.csv")
    with tenant_context(tenant_b):
        flag = DuplicateFlag.objects.get()
    merge = services.candidate_merge(tenant_b, keep=candidate, remove=twin)
    [item] = services.resumes_ingest(tenant_b, uploads=[("b.txt", b"Beta Person\nbeta3@example.com\n", "")])
    return {
        "candidate": candidate,
        "tag": tag,
        "job": job,
        "flag": flag,
        "merge": merge,
        "document": item.document,
    }


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(text)))


def run_on_commit_now(monkeypatch):
    """Run on_commit callbacks at once and Celery tasks in-process, as a worker would after the commit."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *args, **kwargs: func())
    monkeypatch.setattr(
        tasks.run_import, "apply_async", lambda args=None, **kwargs: tasks.run_import.apply(args=args)
    )


# ---------------------------------------------------------------------------------- every page renders


def pages(pool, job, tag) -> list[str]:
    wang = pool["wang"].pk
    return [
        "/pool/",
        f"/pool/?tags_all={tag.pk}&years_min=3&education=bachelor",
        f"/pool/{wang}/",
        f"/pool/{wang}/edit/",
        f"/pool/{wang}/merge/?q=Emily&with={pool['emily'].pk}",
        "/pool/upload/",
        "/pool/imports/",
        f"/pool/imports/{job.pk}/",
        "/pool/duplicates/",
        "/pool/tags/",
        f"/pool/tags/{tag.pk}/",
        "/pool/tags/?sort=used&retired=1",
    ]


@pytest.mark.parametrize(
    "language, words", [(EN, ["Talent pool", "Candidates", "Tags"]), (ZH, ["人才库", "候选人", "标签"])]
)
def test_every_pool_page_renders_for_a_member_in_english_and_chinese(
    admin_client_a, tenant_a, pool, tags, language, words
):
    job = services.import_create(tenant_a, data=IMPORT_CSV.encode(), filename="people.csv")
    for url in pages(pool, job, tags[0]):
        response = admin_client_a.get(url, **language)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert any(word in html for word in words), url
        assert "<script>" not in html and " style=" not in html and " onclick=" not in html, url


def test_chinese_pages_are_translated(admin_client_a, pool):
    html = admin_client_a.get(f"/pool/{pool['wang'].pk}/", **ZH).content.decode()
    for text in ("变更记录", "工作经历", "教育经历", "文档", "联系方式", "合并"):
        assert text in html, text
    html = admin_client_a.get("/pool/", **ZH).content.decode()
    for text in ("更多筛选", "导出所选", "加入营销活动"):
        assert text in html, text


# ------------------------------------------------------------------------------------- tenant isolation


def test_another_tenants_ids_are_not_found(admin_client_a, tenant_a, other_tenant):
    candidate, job, flag = other_tenant["candidate"], other_tenant["job"], other_tenant["flag"]
    tag, merge, document = other_tenant["tag"], other_tenant["merge"], other_tenant["document"]
    for url in (
        f"/pool/{candidate.pk}/",
        f"/pool/{candidate.pk}/edit/",
        f"/pool/{candidate.pk}/changes/",
        f"/pool/{candidate.pk}/merge/",
        f"/pool/imports/{job.pk}/",
        f"/pool/imports/{job.pk}/progress/",
        f"/pool/imports/{job.pk}/rejected.csv",
        f"/pool/imports/{job.pk}/mapping/",
        f"/pool/tags/{tag.pk}/",
    ):
        assert admin_client_a.get(url).status_code == 404, url
    for url, data in (
        (f"/pool/{candidate.pk}/edit/", {"full_name": "x", "status": "active"}),
        (f"/pool/{candidate.pk}/tags/", {"tag": tag.pk}),
        (f"/pool/{candidate.pk}/tags/{tag.pk}/remove/", {}),
        (f"/pool/duplicates/{flag.pk}/dismiss/", {}),
        (f"/pool/merges/{merge.pk}/undo/", {}),
        ("/pool/merges/", {"keep": candidate.pk, "remove": flag.candidate_high_id}),
        (f"/pool/imports/{job.pk}/run/", {}),
        (f"/pool/documents/{document.pk}/reparse/", {}),
        (f"/pool/tags/{tag.pk}/", {"name_en": "x", "category": "skill"}),
        (f"/pool/tags/{tag.pk}/merge/", {"into": tag.pk}),
        (f"/pool/tags/{tag.pk}/retire/", {}),
    ):
        assert admin_client_a.post(url, data).status_code == 404, url
    with tenant_context(other_tenant["candidate"].tenant):
        assert DuplicateFlag.objects.get(pk=flag.pk).status == "merged"
        assert CandidateMerge.objects.get(pk=merge.pk).undone_at is None
        assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.PREVIEWED
        assert not Tag.objects.get(pk=tag.pk).is_retired


def test_bulk_actions_and_filters_ignore_another_tenants_ids(
    admin_client_a, tenant_a, pool, other_tenant, tags
):
    response = admin_client_a.post(
        "/pool/bulk/", {"action": "export", "ids": [other_tenant["candidate"].pk, pool["lina"].pk]}
    )
    names = [row[0] for row in csv_rows(response)[1:]]
    assert names == ["李娜"]
    response = admin_client_a.get(f"/pool/?tags_all={other_tenant['tag'].pk}")
    assert response.status_code == 200 and "Beta skill" not in response.content.decode()
    assert len(response.context["page"].object_list) == 3  # an unknown tag is dropped, not matched


# ------------------------------------------------------------------------------------------------ viewers


def test_viewers_get_403_on_every_write(viewer_client, tenant_a, pool, tags):
    wang, emily = pool["wang"], pool["emily"]
    python = tags[0]
    services.duplicates_flag_for(tenant_a, candidate_id=wang.pk)
    job = services.import_create(tenant_a, data=IMPORT_CSV.encode(), filename="people.csv")
    merge = services.candidate_merge(tenant_a, keep=wang, remove=add_candidate(tenant_a, "王伟 2"))
    [item] = services.resumes_ingest(tenant_a, uploads=[("a.txt", b"A Person\nperson@example.com\n", "")])
    with tenant_context(tenant_a):
        flag = DuplicateFlag.objects.create(candidate_low=wang, candidate_high=emily, reason="email")
    for url, data in (
        (f"/pool/{wang.pk}/edit/", {"full_name": "x", "status": "active"}),
        (f"/pool/{wang.pk}/tags/", {"tag": python.pk}),
        (f"/pool/{wang.pk}/tags/{python.pk}/remove/", {}),
        ("/pool/bulk/", {"action": "add_tag", "ids": [wang.pk], "tag": python.pk}),
        ("/pool/merges/", {"keep": wang.pk, "remove": emily.pk}),
        (f"/pool/merges/{merge.pk}/undo/", {}),
        (f"/pool/duplicates/{flag.pk}/dismiss/", {}),
        (f"/pool/imports/{job.pk}/run/", {}),
        ("/pool/imports/", {}),
        (f"/pool/documents/{item.document.pk}/reparse/", {}),
        ("/pool/tags/new/", {"name_en": "New", "category": "skill"}),
        (f"/pool/tags/{python.pk}/", {"name_en": "Renamed", "category": "skill"}),
        (f"/pool/tags/{python.pk}/merge/", {"into": tags[1].pk}),
        (f"/pool/tags/{python.pk}/retire/", {}),
    ):
        assert viewer_client.post(url, data).status_code == 403, url
    for url in (f"/pool/{wang.pk}/edit/", f"/pool/{wang.pk}/merge/"):
        assert viewer_client.get(url).status_code == 403, url
    with tenant_context(tenant_a):
        assert Candidate.objects.get(pk=wang.pk).full_name == "王伟"
        assert set(Candidate.objects.get(pk=wang.pk).tag_ids) == {python.pk, tags[1].pk}
        assert CandidateMerge.objects.get(pk=merge.pk).undone_at is None
        assert DuplicateFlag.objects.get(pk=flag.pk).status == "open"
        assert not Tag.objects.filter(name_en="New").exists() and not Tag.objects.get(pk=python.pk).is_retired


def test_viewers_see_no_write_buttons(viewer_client, tenant_a, pool, tags):
    wang = pool["wang"]
    with tenant_context(tenant_a):
        DuplicateFlag.objects.create(candidate_low=wang, candidate_high=pool["emily"], reason="email")
    html = viewer_client.get("/pool/").content.decode()
    assert "Export selected" in html and 'value="add_tag"' not in html and "Upload resumes" not in html
    html = viewer_client.get(f"/pool/{wang.pk}/").content.decode()
    assert "JSON Resume" in html and "Python" in html
    for marker in (
        f"/pool/{wang.pk}/edit/",
        f"/pool/{wang.pk}/tags/",
        "/remove/",
        f"/pool/{wang.pk}/merge/",
        "/reparse/",
        'id="candidate-tag-add"',
    ):
        assert marker not in html, marker
    html = viewer_client.get("/pool/duplicates/").content.decode()
    assert "Merge, keep this one" not in html and "Not the same person" not in html and "王伟" in html
    html = viewer_client.get("/pool/tags/").content.decode()
    assert "Create a tag" not in html and "Python" in html
    html = viewer_client.get(f"/pool/tags/{tags[0].pk}/").content.decode()
    assert "Save changes" not in html and "Retire" not in html
    html = viewer_client.get("/pool/upload/").content.decode()
    assert "data-upload" not in html and "recruiter or admin role" in html
    html = viewer_client.get("/pool/imports/").content.decode()
    assert 'type="file"' not in html


# -------------------------------------------------------------------------------------- the candidate page


def test_the_edit_form_logs_manual_changes_and_adds_contacts(recruiter_client, recruiter_a, tenant_a, pool):
    wang = pool["wang"]
    response = recruiter_client.post(
        f"/pool/{wang.pk}/edit/",
        {
            "full_name": "王伟",
            "current_title": "生产总监",
            "current_company": "比亚迪",
            "location": "深圳 坪山",
            "years_experience": "12",
            "highest_education": "master",
            "salary_min": "30000",
            "salary_max": "45000",
            "salary_currency": "CNY",
            "salary_period": "month",
            "salary_months": "14",
            "status": "active",
            "new_emails": "wang.wei@example.cn, WANGWEI@example.com",
            "new_phones": "138 0013 8000",
        },
    )
    assert response.status_code == 302 and response.url == f"/pool/{wang.pk}/"
    with tenant_context(tenant_a):
        wang.refresh_from_db()
        assert (
            wang.current_title == "生产总监"
            and wang.highest_education == "master"
            and wang.salary_months == 14
        )
        assert sorted(wang.emails.values_list("email", flat=True)) == [
            "wang.wei@example.cn",
            "wangwei@example.com",
        ]
        assert list(wang.phones.values_list("phone", flat=True)) == ["+8613800138000"]
        changes = ProfileChange.objects.filter(candidate=wang, source="manual").exclude(field="tags")
        assert {c.field for c in changes} >= {
            "current_title",
            "location",
            "highest_education",
            "salary_min",
            "emails",
            "phones",
        }
        assert {c.actor_id for c in changes} == {recruiter_a.pk}
        assert not changes.filter(field="years_experience").exists()  # unchanged: not logged
    page = recruiter_client.get(f"/pool/{wang.pk}/").content.decode()
    assert "生产总监" in page and "Edited by hand" in page and "30,000–45,000 CNY" in page


def test_the_edit_form_shows_errors_next_to_the_fields(recruiter_client, tenant_a, pool):
    wang = pool["wang"]
    response = recruiter_client.post(
        f"/pool/{wang.pk}/edit/",
        {
            "full_name": " ",
            "years_experience": "300",
            "salary_min": "50000",
            "salary_max": "100",
            "status": "active",
            "new_emails": "not-an-email",
            "new_phones": "12",
        },
        **ZH,
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"full_name", "years_experience", "salary_max", "new_emails", "new_phones"}
    html = response.content.decode()
    assert 'id="id_new_emails_error"' in html and "不是有效的邮箱地址：not-an-email" in html
    with tenant_context(tenant_a):
        assert (
            not ProfileChange.objects.filter(candidate=wang, source="manual").exclude(field="tags").exists()
        )


def test_removing_a_tag_from_the_page_remembers_the_removal(
    recruiter_client, recruiter_a, tenant_a, pool, tags
):
    wang, (python, lean, _sql) = pool["wang"], tags
    page = recruiter_client.get(f"/pool/{wang.pk}/").content.decode()
    assert "parsing a resume again will not add it back" in page
    response = recruiter_client.post(f"/pool/{wang.pk}/tags/{lean.pk}/remove/")
    assert response.status_code == 302
    with tenant_context(tenant_a):
        removed = CandidateTag.objects.get(candidate=wang, tag=lean)
        assert removed.removed_at is not None and removed.removed_by_id == recruiter_a.pk
        wang.refresh_from_db()
        assert wang.tag_ids == [python.pk]
        # Parsing proposes it again: it stays removed.
        assert (
            services.candidate_tag_add(wang, tag=lean, source="extracted", evidence=("精益生产", 0, 4))
            is None
        )
    assert (
        "Lean production"
        not in recruiter_client.get(f"/pool/{wang.pk}/")
        .content.decode()
        .split('id="tags"')[1]
        .split("</section>")[0]
    )


def test_adding_a_tag_from_the_page(recruiter_client, tenant_a, pool, tags):
    lina, sql = pool["lina"], tags[2]
    suggestions = recruiter_client.get(
        f"/pool/tag-picker/?for=candidate&candidate={lina.pk}&tag_q=结构"
    ).content.decode()
    assert f'value="{sql.pk}"' in suggestions and 'form="candidate-tag-add"' in suggestions
    assert recruiter_client.post(f"/pool/{lina.pk}/tags/", {"tag": sql.pk}).status_code == 302
    with tenant_context(tenant_a):
        assert CandidateTag.objects.get(candidate=lina, tag=sql).source == "manual"


def test_tags_show_their_source_and_evidence_from_the_document(admin_client_a, tenant_a, tags):
    text = "李雷\n电话：13912345678\n负责精益生产推进和 Python 数据分析。\n"
    [item] = services.resumes_ingest(
        tenant_a, uploads=[("李雷简历.txt", text.encode(), "text/plain")], parse_now=True
    )
    candidate = item.document.candidate
    html = admin_client_a.get(f"/pool/{candidate.pk}/", **ZH).content.decode()
    assert "从简历中提取" in html or "提取" in html
    assert "<mark>精益生产</mark>" in html and "李雷简历.txt" in html


def test_the_timeline_shows_more_on_request(admin_client_a, tenant_a, pool):
    wang = pool["wang"]
    with tenant_context(tenant_a):
        for number in range(20):
            services.candidate_set_fields(wang, {"location": f"深圳 {number}"}, source="manual")
        total = ProfileChange.objects.filter(candidate=wang).count()
    first = admin_client_a.get(f"/pool/{wang.pk}/").content.decode()
    assert first.count('class="change"') == 15 and f"/pool/{wang.pk}/changes/?page=2" in first
    more = admin_client_a.get(f"/pool/{wang.pk}/changes/?page=2", HTTP_HX_REQUEST="true").content.decode()
    assert more.count('class="change"') == min(15, total - 15)


def test_documents_explain_their_parse_status_and_can_be_parsed_again(
    recruiter_client, tenant_a, pool, monkeypatch
):
    wang = pool["wang"]
    stored = services.resumes_ingest(
        tenant_a,
        uploads=[("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png")],
        parse_now=True,
        candidate=wang,
    )
    document = stored[0].document
    html = recruiter_client.get(f"/pool/{wang.pk}/").content.decode()
    assert "This kind of file cannot be read" in html and f"/api/v1/documents/{document.pk}/download/" in html
    queued = []
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: queued.append(func))
    response = recruiter_client.post(f"/pool/documents/{document.pk}/reparse/")
    assert response.status_code == 302 and response.url == f"/pool/{wang.pk}/" and len(queued) == 1


def test_merged_candidates_say_where_they_went(admin_client_a, tenant_a, pool):
    twin = add_candidate(tenant_a, "Emily C.")
    services.candidate_merge(tenant_a, keep=pool["emily"], remove=twin)
    html = admin_client_a.get(f"/pool/{twin.pk}/").content.decode()
    assert "was merged into another one" in html and f"/pool/{pool['emily'].pk}/" in html
    assert admin_client_a.get(f"/pool/{twin.pk}/edit/").status_code == 302


# ------------------------------------------------------------------------------------------------ the pool


def names(response) -> set[str]:
    return {candidate.full_name for candidate in response.context["page"].object_list}


def test_tag_chips_filter_all_any_and_none(admin_client_a, pool, tags):
    python, lean, sql = tags
    assert names(admin_client_a.get(f"/pool/?tags_all={python.pk}&tags_all={lean.pk}")) == {"王伟"}
    assert names(admin_client_a.get(f"/pool/?tags_any={sql.pk},{lean.pk}")) == {
        "王伟",
        "Emily Carter",
        "李娜",
    }
    assert names(admin_client_a.get(f"/pool/?tags_none={python.pk}")) == {"李娜"}
    response = admin_client_a.get(f"/pool/?tags_all={python.pk}&tags_none={sql.pk}")
    assert names(response) == {"王伟"}
    chips = response.context["chips"]
    assert [(chip["kind"], chip["label"]) for chip in chips] == [("Has", "Python"), ("Without", "SQL")]
    assert chips[0]["url"] == f"/pool/?tags_none={sql.pk}"  # removing a chip keeps the other filters


def test_the_other_filters(admin_client_a, pool):
    assert names(admin_client_a.get("/pool/?years_min=5&years_max=10")) == {"Emily Carter"}
    assert names(admin_client_a.get("/pool/?education=bachelor")) == {"王伟", "Emily Carter"}
    assert names(admin_client_a.get("/pool/?location=深")) == {"王伟"}
    assert names(admin_client_a.get("/pool/?source=import")) == {"Emily Carter", "李娜"}
    assert names(admin_client_a.get("/pool/?q=精益")) == {"李娜"}
    response = admin_client_a.get("/pool/?years_min=9&years_max=2")
    assert response.status_code == 200 and response.context["form"].errors["years_max"]


def test_htmx_gets_the_results_with_the_chips_or_the_whole_panel(admin_client_a, pool, tags):
    python = tags[0]
    results = admin_client_a.get(
        f"/pool/?tags_all={python.pk}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pool-results"
    )
    html = results.content.decode()
    assert "<html" not in html and 'id="pool-chips" hx-swap-oob="true"' in html and "Python" in html
    panel = admin_client_a.get(
        f"/pool/?tags_all={python.pk}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pool-panel"
    )
    assert '<section class="card pool" id="pool-panel"' in panel.content.decode()


def test_the_tag_picker_finds_tags_by_either_name_and_builds_filter_links(admin_client_a, pool, tags):
    python, lean, _sql = tags
    html = admin_client_a.get(
        f"/pool/tag-picker/?for=filter&mode=none&tag_q=精益&tags_all={python.pk}&q=王"
    ).content.decode()
    assert "Lean production" in html and f"tags_none={lean.pk}" in html and f"tags_all={python.pk}" in html
    assert "q=%E7%8E%8B" in html and "tag_q" not in html
    html = admin_client_a.get("/pool/tag-picker/?for=filter&tag_q=lean").content.decode()
    assert "Lean production" in html
    html = admin_client_a.get("/pool/tag-picker/?for=filter&tag_q=nothing-like-this", **ZH).content.decode()
    assert "没有匹配" in html


def test_bulk_export_returns_the_selected_candidates_only(admin_client_a, pool):
    response = admin_client_a.post(
        "/pool/bulk/", {"action": "export", "ids": [pool["wang"].pk, pool["lina"].pk]}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Name", "Emails", "Phones"] and len(rows[0]) == 11
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"王伟", "李娜"}
    assert by_name["王伟"][1] == "wangwei@example.com" and by_name["王伟"][10] == "Python; Lean production"
    assert by_name["李娜"][2] == "+8613912345678"  # a phone number is not escaped as a formula


def test_export_of_the_filtered_pool_and_formula_escaping(admin_client_a, tenant_a, pool, tags):
    add_candidate(tenant_a, '=HYPERLINK("http://evil")', tags=[tags[0]])
    rows = csv_rows(admin_client_a.get(f"/pool/export/?tags_all={tags[0].pk}", **ZH))
    assert rows[0][0] == "姓名"
    assert sorted(row[0] for row in rows[1:]) == sorted(
        ['\'=HYPERLINK("http://evil")', "王伟", "Emily Carter"]
    )


def test_bulk_tag_add_and_remove(recruiter_client, tenant_a, pool, tags):
    sql = tags[2]
    ids = [pool["wang"].pk, pool["lina"].pk]
    response = recruiter_client.post(
        "/pool/bulk/", {"action": "add_tag", "ids": ids, "tag": sql.pk, "next": "/pool/?q=x"}
    )
    assert response.status_code == 302 and response.url == "/pool/?q=x"
    with tenant_context(tenant_a):
        assert set(
            CandidateTag.objects.filter(tag=sql, removed_at__isnull=True).values_list(
                "candidate_id", flat=True
            )
        ) == {*ids, pool["emily"].pk}
        assert CandidateTag.objects.get(candidate=pool["lina"], tag=sql).source == "manual"
    recruiter_client.post("/pool/bulk/", {"action": "remove_tag", "ids": ids, "tag": sql.pk})
    with tenant_context(tenant_a):
        assert set(
            CandidateTag.objects.filter(tag=sql, removed_at__isnull=True).values_list(
                "candidate_id", flat=True
            )
        ) == {pool["emily"].pk}
    response = recruiter_client.post(
        "/pool/bulk/", {"action": "add_tag", "tag": sql.pk, "next": "https://evil.example/"}, follow=True
    )
    assert (
        response.redirect_chain[-1][0] == "/pool/"
        and "Select at least one candidate" in response.content.decode()
    )


def test_the_pool_page_runs_a_bounded_number_of_queries(
    admin_client_a, tenant_a, tags, django_assert_max_num_queries
):
    """About 16 queries are the request's own (session, user, membership, savepoints, row-level security); the
    page adds a handful (tags of the filters, count, rows, their emails, their tags, sources, duplicates),
    however many candidates the page shows."""
    for number in range(30):
        add_candidate(
            tenant_a, f"候选人 {number}", tags=tags[: number % 3 + 1], emails=[f"c{number}@example.com"]
        )
    admin_client_a.get("/pool/")
    with django_assert_max_num_queries(24):
        response = admin_client_a.get(f"/pool/?tags_any={tags[0].pk},{tags[1].pk}&q=候选")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 25
    with django_assert_max_num_queries(20):
        admin_client_a.get("/pool/?page=2", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pool-results")


# ------------------------------------------------------------------------------------- duplicates, merges


def test_merge_and_undo_from_the_duplicates_page(recruiter_client, tenant_a, pool):
    wang = pool["wang"]
    twin = add_candidate(
        tenant_a, "王伟", emails=["wangwei@example.com", "ww@example.net"], current_company="比亚迪"
    )
    services.duplicates_flag_for(tenant_a, candidate_id=twin.pk)
    html = recruiter_client.get("/pool/duplicates/").content.decode()
    assert "Same email" in html and html.count("Merge, keep this one") == 2
    response = recruiter_client.post(
        "/pool/merges/", {"keep": wang.pk, "remove": twin.pk, "next": "/pool/duplicates/"}
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        twin.refresh_from_db()
        assert twin.status == "merged" and twin.merged_into_id == wang.pk
        merge = CandidateMerge.objects.get()
        assert DuplicateFlag.objects.get().status == "merged"
    html = recruiter_client.get("/pool/duplicates/").content.decode()
    assert f"/pool/merges/{merge.pk}/undo/" in html
    recruiter_client.post(f"/pool/merges/{merge.pk}/undo/")
    with tenant_context(tenant_a):
        twin.refresh_from_db()
        assert twin.status == "active" and CandidateMerge.objects.get().undone_at is not None
        assert DuplicateFlag.objects.get().status == "open"
    response = recruiter_client.post(f"/pool/merges/{merge.pk}/undo/", follow=True, **ZH)
    assert "已撤销" in response.content.decode()


def test_not_the_same_person(recruiter_client, tenant_a, pool):
    with tenant_context(tenant_a):
        flag = DuplicateFlag.objects.create(
            candidate_low=pool["wang"], candidate_high=pool["lina"], reason="phone"
        )
    assert recruiter_client.post(f"/pool/duplicates/{flag.pk}/dismiss/").status_code == 302
    with tenant_context(tenant_a):
        assert DuplicateFlag.objects.get(pk=flag.pk).status == "dismissed"


def test_a_merge_blocked_by_a_running_campaign_shows_the_reason(
    recruiter_client, tenant_a, pool, monkeypatch
):
    monkeypatch.setattr("engagement.selectors.candidates_in_running_sequences", lambda ids: set(ids))
    response = recruiter_client.post(
        "/pool/merges/", {"keep": pool["wang"].pk, "remove": pool["lina"].pk}, follow=True, **ZH
    )
    assert "正在进行的营销序列" in response.content.decode()
    response = recruiter_client.post(
        "/pool/merges/", {"keep": pool["wang"].pk, "remove": pool["lina"].pk}, follow=True
    )
    assert "running campaign sequence cannot be merged" in response.content.decode()
    with tenant_context(tenant_a):
        assert not CandidateMerge.objects.exists()


def test_merge_with_from_the_candidate_page(recruiter_client, tenant_a, pool):
    wang, emily = pool["wang"], pool["emily"]
    html = recruiter_client.get(
        f"/pool/{wang.pk}/merge/?q=Emily", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="merge-matches"
    ).content.decode()
    assert "Emily Carter" in html and f"with={emily.pk}" in html
    html = recruiter_client.get(f"/pool/{wang.pk}/merge/?with={emily.pk}").content.decode()
    assert html.count("Merge, keep this one") == 2
    response = recruiter_client.post(
        "/pool/merges/", {"keep": emily.pk, "remove": wang.pk, "next": f"/pool/{wang.pk}/"}
    )
    assert response.url == f"/pool/{emily.pk}/"  # the removed candidate's page would only say "merged"


# ------------------------------------------------------------------------------------------------ imports


def test_the_import_flow_from_upload_to_rejected_rows(recruiter_client, tenant_a, tags, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("名单.csv", IMPORT_CSV.encode("gb18030"), content_type="text/csv")
    response = recruiter_client.post("/pool/imports/", {"file": upload})
    assert response.status_code == 302 and response.url.startswith("/pool/imports/new/")
    mapping_url = response.url

    page = recruiter_client.get(mapping_url)
    assert page.status_code == 200
    columns = {header: field.value() for header, field, _samples in page.context["form"].bound_columns()}
    assert columns["姓名"] == "full_name" and columns["邮箱"] == "email" and columns["标签"] == "tags"
    data = {f"column_{i}": value for i, value in enumerate(columns.values())}

    # Mapping nothing that identifies a person is refused, with the reason.
    response = recruiter_client.post(mapping_url, {**data, "column_0": "", "column_1": "", "column_2": ""})
    assert (
        response.status_code == 400
        and "Map at least one column to Name, Email or Phone" in response.content.decode()
    )

    response = recruiter_client.post(mapping_url, {**data, "mapping_name": "猎头名单"})
    assert response.status_code == 302
    with tenant_context(tenant_a):
        job = ImportJob.objects.get()
    assert response.url == f"/pool/imports/{job.pk}/" and job.status == ImportStatus.PREVIEWED
    assert recruiter_client.get(mapping_url).status_code == 404  # the staged file is gone with the job made

    preview = recruiter_client.get(response.url, **ZH)
    html = preview.content.decode()
    assert preview.context["preview"]["counts"] == {"created": 2, "updated": 0, "duplicate": 0, "rejected": 1}
    assert "试运行" in html and "invalid email" not in html and "无效的邮箱" in html

    run_on_commit_now(monkeypatch)
    response = recruiter_client.post(f"/pool/imports/{job.pk}/run/")
    assert response.status_code == 302
    with tenant_context(tenant_a):
        job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.counts["created"] == 2 and job.counts["rejected"] == 1
    page = recruiter_client.get(f"/pool/imports/{job.pk}/")
    assert f"/pool/imports/{job.pk}/rejected.csv" in page.content.decode() and page.context["percent"] == 100
    progress = recruiter_client.get(
        f"/pool/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in progress  # finished: it stops polling
    rows = csv_rows(recruiter_client.get(f"/pool/imports/{job.pk}/rejected.csv"))
    assert rows[0][-2:] == ["row", "reason"] and rows[1][rows[0].index("邮箱")] == "not-an-email"
    with tenant_context(tenant_a):
        assert set(Candidate.objects.values_list("full_name", flat=True)) == {"王芳", "孙强"}
        assert Candidate.objects.get(full_name="王芳").tag_ids == [tags[0].pk]
    listing = recruiter_client.get("/pool/imports/").content.decode()
    assert "名单.csv" in listing and "2 created" in listing


def test_a_running_import_polls_its_progress(recruiter_client, tenant_a):
    job = services.import_create(tenant_a, data=IMPORT_CSV.encode(), filename="people.csv")
    with tenant_context(tenant_a):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    html = recruiter_client.get(f"/pool/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in html and "0 of 3 rows" in html and "waiting for a worker" in html


def test_running_an_import_twice_queues_it_once(recruiter_client, tenant_a, monkeypatch):
    job = services.import_create(tenant_a, data=IMPORT_CSV.encode(), filename="people.csv")
    queued = []
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: queued.append(func))
    recruiter_client.post(f"/pool/imports/{job.pk}/run/")
    recruiter_client.post(f"/pool/imports/{job.pk}/run/")
    assert len(queued) == 1


def test_a_file_that_is_not_a_table_is_refused_next_to_the_field(recruiter_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = recruiter_client.post(
        "/pool/imports/",
        {"file": SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))},
        **ZH,
    )
    assert response.status_code == 400
    assert "不支持旧版 .xls 文件" in response.content.decode()


def test_a_saved_mapping_is_offered_and_applied(recruiter_client, tenant_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.import_create(
        tenant_a,
        data=b"Full name,Mail\nA,a@example.com\n",
        filename="a.csv",
        mapping={"Full name": "full_name", "Mail": "email"},
        mapping_name="HR export",
    )
    response = recruiter_client.post(
        "/pool/imports/", {"file": SimpleUploadedFile("b.csv", b"Full name,Mail\nB,b@x.com\n")}
    )
    page = recruiter_client.get(response.url)
    assert page.context["chosen"].name == "HR export"
    assert {h: f.value() for h, f, _s in page.context["form"].bound_columns()} == {
        "Full name": "full_name",
        "Mail": "email",
    }


# --------------------------------------------------------------------------------------------------- tags


def test_tags_browse_search_and_count(admin_client_a, pool, tags):
    response = admin_client_a.get("/pool/tags/?q=精益")
    assert [tag.name_en for tag in response.context["page"].object_list] == ["Lean production"]
    assert response.context["page"].object_list[0].candidate_count == 2
    response = admin_client_a.get("/pool/tags/?sort=used")
    assert [tag.candidate_count for tag in response.context["page"].object_list] == [2, 2, 1]
    htmx = admin_client_a.get("/pool/tags/?q=SQL", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tag-results")
    assert 'hx-swap-oob="true"' in htmx.content.decode().split('id="tag-categories"')[1].split(">")[0]


def test_create_edit_merge_and_retire_tags(admin_client_a, tenant_a, pool, tags, monkeypatch):
    python, lean, sql = tags
    response = admin_client_a.post(
        "/pool/tags/new/",
        {
            "name_zh": "六西格玛",
            "name_en": "Six Sigma",
            "category": "skill",
            "synonyms": "6σ\nSix-Sigma, 六西格码",
        },
    )
    with tenant_context(tenant_a):
        tag = Tag.objects.get(name_en="Six Sigma")
    assert response.url == f"/pool/tags/{tag.pk}/" and tag.synonyms == ["6σ", "Six-Sigma", "六西格码"]
    response = admin_client_a.post("/pool/tags/new/", {"name_zh": "", "name_en": "", "category": "skill"})
    assert response.status_code == 400 and response.context["create_form"].errors["name_zh"]
    response = admin_client_a.post("/pool/tags/new/", {"name_en": "Six Sigma", "category": "skill"}, **ZH)
    assert response.status_code == 400 and "该类别下已有同名标签" in response.content.decode()

    queued = []
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: queued.append(func))
    response = admin_client_a.post(
        f"/pool/tags/{sql.pk}/",
        {"name_zh": "SQL 数据库", "name_en": "SQL", "category": "skill", "synonyms": "MySQL"},
        follow=True,
    )
    assert "re-tagged in the background" in response.content.decode() and len(queued) == 1
    with tenant_context(tenant_a):
        sql.refresh_from_db()
        assert sql.name_zh == "SQL 数据库" and sql.synonyms == ["MySQL"]

    response = admin_client_a.post(f"/pool/tags/{python.pk}/merge/", {"into": sql.pk})
    assert response.url == f"/pool/tags/{sql.pk}/"
    with tenant_context(tenant_a):
        python.refresh_from_db()
        assert python.is_retired and python.merged_into_id == sql.pk
        assert set(CandidateTag.objects.filter(tag=sql).values_list("candidate_id", flat=True)) == {
            pool["wang"].pk,
            pool["emily"].pk,
        }
    assert "Merged into" in admin_client_a.get(f"/pool/tags/{python.pk}/").content.decode()

    admin_client_a.post(f"/pool/tags/{lean.pk}/retire/")
    with tenant_context(tenant_a):
        assert Tag.objects.get(pk=lean.pk).is_retired
    assert (
        "Lean production"
        not in admin_client_a.get("/pool/tag-picker/?for=filter&tag_q=lean").content.decode()
    )


# --------------------------------------------------------------------------------------------------- upload


def test_the_upload_page_talks_to_the_documents_api(recruiter_client, tenant_a):
    with tenant_context(tenant_a):
        assert not Document.objects.exists()
    html = recruiter_client.get("/pool/upload/", **ZH).content.decode()
    assert 'data-endpoint="/api/v1/documents/"' in html and 'type="file"' in html and "multiple" in html
    assert "拖放" in html and "data-msg-too-large" in html


def test_the_timeline_shows_times_in_the_tenants_time_zone(admin_client_a, tenant_a, pool):
    from datetime import UTC, datetime

    tenant_a.time_zone = "Asia/Shanghai"
    tenant_a.save(update_fields=["time_zone"])
    with tenant_context(tenant_a):
        ProfileChange.objects.filter(candidate=pool["wang"]).update(
            created_at=datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
        )
    html = admin_client_a.get(f"/pool/{pool['wang'].pk}/").content.decode()
    more = admin_client_a.get(
        f"/pool/{pool['wang'].pk}/changes/?page=1", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "2026-01-01 08:30" in html and "2026-01-01 08:30" in more


# ---------------------------------------------------------------------------- the pool table (issue 17)


def _names(response) -> list[str]:
    import re

    return re.findall(
        r'class="cell-person__name cell-link" href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_pool_sorts_by_its_columns_and_ignores_a_bad_sort(admin_client_a, pool):
    assert _names(admin_client_a.get("/pool/?sort=years", **EN)) == ["李娜", "Emily Carter", "王伟"]
    assert _names(admin_client_a.get("/pool/?sort=-years", **EN)) == ["王伟", "Emily Carter", "李娜"]
    ascending = _names(admin_client_a.get("/pool/?sort=name", **EN))
    assert (
        ascending == sorted(ascending)
        and _names(admin_client_a.get("/pool/?sort=-name", **EN)) == ascending[::-1]
    )
    for bad in ("password", "-", "'; drop table", "name,years", "%00"):
        response = admin_client_a.get("/pool/", {"sort": bad}, **EN)
        assert response.status_code == 200 and len(_names(response)) == 3
    page = admin_client_a.get("/pool/?sort=-score", **EN).content.decode()
    assert 'aria-sort="descending"' in page and "sort=score" in page  # clicking again flips it


def test_years_sort_puts_the_most_experienced_first_and_nulls_last(admin_client_a, tenant_a, pool):
    add_candidate(tenant_a, "No Years")
    assert _names(admin_client_a.get("/pool/?sort=-years", **EN)) == [
        "王伟",
        "Emily Carter",
        "李娜",
        "No Years",
    ]
    assert _names(admin_client_a.get("/pool/?sort=years", **EN)) == [
        "李娜",
        "Emily Carter",
        "王伟",
        "No Years",
    ]


def test_many_pages_have_numbers_and_a_jump_and_a_bad_page_is_the_first_or_last(
    admin_client_a, tenant_a, monkeypatch
):
    from candidates import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    for number in range(12):
        add_candidate(tenant_a, f"Person {number:02d}")
    page = admin_client_a.get("/pool/?sort=name&page=6", **EN).content.decode()
    assert 'aria-current="page">6<' in page and 'class="pagination__jump"' in page
    assert 'name="sort" value="name"' in page  # the jump keeps the sort
    assert "…" in page and ">12<" in page
    for bad in ("abc", "-3", "99999", "1e9"):
        assert admin_client_a.get("/pool/", {"page": bad}, **EN).status_code == 200


def test_source_status_and_consent_read_in_the_readers_language(admin_client_a, tenant_a, pool):
    with tenant_context(tenant_a):
        Candidate.objects.filter(pk=pool["wang"].pk).update(status="hired", consent_status="withdrawn")
    chinese = admin_client_a.get("/pool/?source=import", **ZH).content.decode()
    assert 'cell-source">导入<' in chinese and '<option value="linkedin">领英<' in chinese
    english = admin_client_a.get("/pool/", **EN).content.decode()
    assert "LinkedIn" in english and ">Import<" in english and ">Hired<" in english
    assert "Consent: Withdrawn" in english
    assert 'class="cell-sub cell-email" title="wangwei@example.com"' in english


def test_recently_uploaded_refreshes_itself_after_uploads(admin_client_a, tenant_a):
    page = admin_client_a.get("/pool/upload/", **EN).content.decode()
    assert 'hx-trigger="tp:uploaded from:body' in page
    services.resumes_ingest(
        tenant_a, uploads=[("fresh-resume.txt", b"Fresh Person\nfresh@example.com\n", "")]
    )
    fragment = admin_client_a.get(
        "/pool/upload/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="recent-uploads", **EN
    ).content.decode()
    assert (
        fragment.lstrip().startswith('<section class="card" id="recent-uploads"')
        and "fresh-resume.txt" in fragment
    )
