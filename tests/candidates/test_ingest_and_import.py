"""Resumes in (upload, zip, CLI), parsing applied with provenance, bulk imports that account for every row."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from candidates import services
from candidates.models import (
    Candidate,
    CandidateTag,
    Document,
    ImportJob,
    ImportRow,
    ParseStatus,
    ProfileChange,
    Tag,
)
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer

RESUME_ZH = """张伟
电话：138-0013-8000  邮箱：zhangwei@example.com
期望薪资：25-35K·14薪
工作经历
2018.03-至今  比亚迪股份有限公司  车间主任
负责精益生产推进，六西格玛项目。
2014.07-2018.02  富士康科技集团  生产主管
教育背景
2010.09-2014.06  华中科技大学  机械工程  本科
"""

RESUME_EN = """Emily Carter
emily.carter@example.org | +1 415 555 0100
Experience
Senior Product Manager, Shopify — Mar 2019 – Present
Product Manager, Atlassian — Jun 2015 – Feb 2019
Education
University of Toronto, B.Sc. in Computer Science, 2011 – 2015
Skills: Python, SQL, product management, stakeholder management
"""


@pytest.fixture
def seeded(tenant_a):
    services.taxonomy_seed(tenant_a)
    return tenant_a


def ingest(tenant, name, data: bytes):
    return services.resumes_ingest(tenant, uploads=[(name, data, "")], parse_now=True)


def test_a_chinese_resume_becomes_a_candidate_with_tags_evidence_and_history(seeded):
    [item] = ingest(seeded, "张伟.txt", RESUME_ZH.encode("gb18030"))
    with tenant_context(seeded):
        document = Document.objects.get(pk=item.document.pk)
        assert document.parse_status == ParseStatus.PARSED and document.encoding
        candidate = document.candidate
        assert candidate.full_name == "张伟"
        assert list(candidate.phones.values_list("phone", flat=True)) == ["+8613800138000"]
        assert candidate.current_company == "比亚迪股份有限公司" and candidate.current_title == "车间主任"
        assert candidate.highest_education == "bachelor"
        assert candidate.salary_min == 25000 and candidate.salary_months == 14
        tags = {
            t.tag.name_zh: t for t in CandidateTag.objects.filter(candidate=candidate).select_related("tag")
        }
        lean = tags["精益生产"]
        assert document.text[lean.evidence_start : lean.evidence_end] == lean.evidence_text == "精益生产"
        assert sorted(candidate.tag_ids) == sorted(t.tag_id for t in tags.values())
        assert ProfileChange.objects.filter(
            candidate=candidate, field="current_title", source="parse"
        ).exists()


def test_the_same_file_twice_is_one_document_and_one_candidate(seeded):
    first = ingest(seeded, "a.txt", RESUME_EN.encode())
    second = ingest(seeded, "copy-of-a.txt", RESUME_EN.encode())
    assert first[0].document.pk == second[0].document.pk and second[0].created is False
    with tenant_context(seeded):
        assert Candidate.objects.count() == 1 and Document.objects.count() == 1


def test_a_second_resume_of_the_same_person_joins_their_profile(seeded):
    ingest(seeded, "v1.txt", RESUME_EN.encode())
    ingest(seeded, "v2.txt", (RESUME_EN + "\nCertifications: PMP\n").encode())
    with tenant_context(seeded):
        assert Candidate.objects.count() == 1
        assert Document.objects.filter(candidate__isnull=False).count() == 2


def test_reparsing_never_brings_back_a_tag_a_recruiter_removed(seeded, admin_a):
    [item] = ingest(seeded, "cv.txt", RESUME_ZH.encode())
    with tenant_context(seeded):
        candidate = Document.objects.get(pk=item.document.pk).candidate
        tag = Tag.objects.get(name_zh="六西格玛")
        services.candidate_tag_remove(candidate, tag=tag, actor=admin_a)
    services.document_parse(seeded, document_id=item.document.pk)
    with tenant_context(seeded):
        assert tag.pk not in Candidate.objects.get(pk=candidate.pk).tag_ids
        assert CandidateTag.objects.get(candidate=candidate, tag=tag).removed_at is not None


def test_a_new_synonym_retags_only_the_candidates_whose_documents_contain_it(seeded):
    ingest(seeded, "zh.txt", RESUME_ZH.encode())
    ingest(seeded, "en.txt", RESUME_EN.encode())
    tag = services.tag_create(seeded, category="skill", name_en="Team leadership", name_zh="团队领导")
    with tenant_context(seeded):
        zh = Candidate.objects.get(full_name="张伟")
        en = Candidate.objects.get(full_name="Emily Carter")
    services.tag_update(seeded, tag=tag, synonyms=["六西格玛项目"])
    touched = services.retag_documents_containing(seeded, words=["六西格玛项目"])
    assert touched == 1
    with tenant_context(seeded):
        assert tag.pk in Candidate.objects.get(pk=zh.pk).tag_ids
        assert tag.pk not in Candidate.objects.get(pk=en.pk).tag_ids


@pytest.mark.parametrize(
    "name, data, status",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ParseStatus.UNSUPPORTED),
        ("broken.pdf", b"%PDF-1.4\n garbage that is not a pdf", ParseStatus.FAILED),
        ("notes.txt", "今天天气很好，我们去公园散步吧。".encode(), ParseStatus.FAILED),
    ],
)
def test_files_that_are_not_resumes_are_kept_as_failed_without_an_empty_candidate(seeded, name, data, status):
    [item] = ingest(seeded, name, data)
    with tenant_context(seeded):
        document = Document.objects.get(pk=item.document.pk)
        assert document.parse_status == status and document.parse_error
        assert Candidate.objects.count() == 0


def test_an_empty_file_is_refused_with_a_reason(seeded):
    [item] = ingest(seeded, "empty.txt", b"")
    assert item.document is None and "empty" in item.error


def test_zips_are_expanded_safely(seeded):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/evil.txt", RESUME_EN)
        archive.writestr("dir/zh.txt", RESUME_ZH)
        archive.writestr("__MACOSX/._zh.txt", "junk")
    items = ingest(seeded, "batch.zip", buffer.getvalue())
    assert [item.filename for item in items] == ["evil.txt", "zh.txt"]
    with tenant_context(seeded):
        assert Candidate.objects.count() == 2


def test_a_zip_bomb_is_not_opened(seeded):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"0" * (60 * 1024 * 1024))
    [item] = ingest(seeded, "bomb.zip", buffer.getvalue())
    assert item.document is None and "unreasonable" in item.error


def test_upload_through_the_api_parses_each_file(client, seeded, key_a, eager_celery):
    files = [io.BytesIO(RESUME_ZH.encode()), io.BytesIO(RESUME_EN.encode())]
    files[0].name, files[1].name = "zh.txt", "en.txt"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
        response = client.post("/api/v1/documents/", {"files": files}, **bearer(key_a))
    assert response.status_code == 201, response.content
    assert [item["file"] for item in response.json()] == ["zh.txt", "en.txt"]
    with tenant_context(seeded):
        assert Candidate.objects.count() == 2


def test_an_upload_over_the_limit_is_413_before_the_body_is_read(client, seeded, key_a, settings):
    settings.MAX_REQUEST_BYTES = 1024
    response = client.generic(
        "POST", "/api/v1/documents/", b"x" * 4096, content_type="application/octet-stream", **bearer(key_a)
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_file_over_the_per_file_limit_is_413(client, seeded, key_a, settings):
    settings.MAX_UPLOAD_BYTES = 10 * 1024
    big = io.BytesIO(b"a" * (50 * 1024))
    big.name = "big.txt"
    response = client.post("/api/v1/documents/", {"files": [big]}, **bearer(key_a))
    assert response.status_code == 413
    with tenant_context(seeded):
        assert Document.objects.count() == 0


def test_parse_resume_cli_needs_no_database_and_keeps_ids(monkeypatch, capsys):
    lines = "\n".join(
        json.dumps({"id": i, "text": text}, ensure_ascii=False)
        for i, text in (("zh-1", RESUME_ZH), ("en-1", RESUME_EN))
    )
    monkeypatch.setattr("sys.stdin", StringIO(lines + "\n"))
    call_command("parse_resume", "--jsonl")
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["zh-1", "en-1"]
    assert out[0]["name"] == "张伟" and out[0]["language"] == "zh" and out[1]["language"] == "en"
    assert out[0]["phones"] == ["+8613800138000"]
    for item, text in zip(out, (RESUME_ZH, RESUME_EN), strict=True):
        for entity in item["entities"]:
            assert text[entity["start"] : entity["end"]] == entity["text"]
        for tag in item["tags"]:
            evidence = tag["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_parse_resume_cli_reports_bad_input_lines_and_unreadable_files(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("sys.stdin", StringIO('not json\n{"id": 7, "text": "Jane Doe jane@example.com"}\n'))
    call_command("parse_resume", "--jsonl")
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert "error" in first and second["id"] == 7 and second["emails"] == ["jane@example.com"]
    with pytest.raises(CommandError):
        call_command("parse_resume", str(tmp_path / "missing.pdf"))


def test_import_resumes_cli_prints_one_line_per_file(seeded, tmp_path, capsys):
    good = tmp_path / "张伟.txt"
    good.write_text(RESUME_ZH, encoding="utf-8")
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(CommandError):
        call_command("import_resumes", "--tenant", "alpha", str(good), str(bad))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["status"] for line in lines] == ["parsed", "unsupported"]
    assert lines[0]["candidate_id"] and lines[0]["document_id"] and lines[0]["error"] is None
    assert lines[1]["candidate_id"] is None and lines[1]["error"]


ARTS_RESUME = """Priya Menon
priya.menon@example.com
EXPERIENCE
2015 - 2021  Arts Council, Programme Manager
Strategic oversight of programmes in the performing arts (music, theatre and dance).
"""


def test_taxonomy_update_brings_an_older_tenant_up_to_the_seed_and_tags_its_candidates_again(seeded, capsys):
    new_keys = ["skill.performing-arts", "skill.music", "skill.dance", "skill.theatre"]
    with tenant_context(seeded):  # as if the tenant was created before these were seeded
        Tag.objects.filter(key__in=new_keys).delete()
        Tag.objects.filter(key="skill.python").update(name_en="Python 3 (ours)")
    [item] = ingest(seeded, "arts.txt", ARTS_RESUME.encode())
    ingest(seeded, "en.txt", RESUME_EN.encode())
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        assert not Tag.objects.filter(pk__in=candidate.tag_ids, key__in=new_keys).exists()

    call_command("taxonomy_update", "--tenant", "alpha")
    [line] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert line == {"tenant": "alpha", "added": 4, "retagged": 1}
    with tenant_context(seeded):
        keys = set(
            Tag.objects.filter(pk__in=Candidate.objects.get(pk=candidate.pk).tag_ids).values_list(
                "key", flat=True
            )
        )
        assert set(new_keys) <= keys
        assert Tag.objects.get(key="skill.music").parent.key == "skill.performing-arts"
        assert Tag.objects.get(key="skill.python").name_en == "Python 3 (ours)", "the tenant's edit is kept"

    call_command("taxonomy_update", "--tenant", "alpha")  # nothing left to add
    assert json.loads(capsys.readouterr().out) == {"tenant": "alpha", "added": 0, "retagged": 0}
    with pytest.raises(CommandError, match="No tenant"):
        call_command("taxonomy_update", "--tenant", "no-such-tenant")


IMPORT_CSV = """姓名,手机,邮箱,公司,职位,工作年限,学历,标签,入库时间
王芳,13800138001,wangfang@example.com,华为,产品经理,5年,本科,"Python,精益生产",2023/05/01
  ＬＩＵ　Ｙａｎｇ ,+86 139 0013 9000,LIU@EXAMPLE.COM,Tencent,Engineer,3,硕士,,2023-06-01
王芳,13800138001,,华为,高级产品经理,,,,
,,not-an-email,,,,,,
赵磊,12345,,美团,,abc,,,
"""


def test_a_dry_run_previews_every_row_without_writing(seeded):
    job = services.import_create(seeded, data=IMPORT_CSV.encode("utf-8-sig"), filename="pool.csv")
    preview = services.import_preview(seeded, job=job)
    assert preview["counts"] == {"created": 3, "updated": 1, "duplicate": 0, "rejected": 1}
    assert any("invalid phone" in p for row in preview["rows"] for p in row["problems"])
    with tenant_context(seeded):
        assert Candidate.objects.count() == 0
        assert job.mapping["姓名"] == "full_name" and job.mapping["手机"] == "phone"


def test_an_import_accounts_for_every_row_and_cleans_values(seeded):
    job = services.import_create(
        seeded, data=IMPORT_CSV.encode("gb18030"), filename="pool.csv", mapping_name="hr"
    )
    job = services.import_run(seeded, job_id=job.pk)
    assert job.counts == {"created": 3, "updated": 0, "duplicate": 1, "rejected": 1} or job.counts == {
        "created": 3,
        "updated": 1,
        "duplicate": 0,
        "rejected": 1,
    }
    assert job.total_rows == 5
    with tenant_context(seeded):
        liu = Candidate.objects.get(emails__email="liu@example.com")
        assert liu.full_name == "LIU Yang" and list(liu.phones.values_list("phone", flat=True)) == [
            "+8613900139000"
        ]
        assert liu.highest_education == "master"
        wang = Candidate.objects.get(emails__email="wangfang@example.com")
        assert str(wang.years_experience) == "5.0" and wang.created_at.year == 2023
        assert set(Tag.objects.filter(pk__in=wang.tag_ids).values_list("name_zh", flat=True)) >= {"精益生产"}
        assert ImportRow.objects.filter(job=job).count() == 5
    rejected = list(csv.reader(io.StringIO(services.import_rejected_csv(seeded, job=job).lstrip("\ufeff"))))
    assert rejected[0][-2:] == ["row", "reason"] and len(rejected) == 2
    assert "no name" in rejected[1][-1]


def test_an_import_killed_midway_and_run_again_ends_as_one_clean_run(seeded, monkeypatch):
    from candidates.services import imports

    rows = "\n".join(f"候选人{i},1380000{i:04d},c{i}@example.com" for i in range(25))
    data = ("name,phone,email\n" + rows + "\n").encode()
    monkeypatch.setattr(imports, "BATCH_SIZE", 10)
    job = services.import_create(seeded, data=data, filename="big.csv")
    calls = {"n": 0}
    original = imports._run_batch

    def dies_on_the_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("worker killed")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "_run_batch", dies_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        services.import_run(seeded, job_id=job.pk)
    with tenant_context(seeded):
        assert Candidate.objects.count() == 10 and ImportRow.objects.count() == 10
    monkeypatch.setattr(imports, "_run_batch", original)
    job = services.import_run(seeded, job_id=job.pk)
    assert job.counts["created"] == 25 and job.total_rows == 25
    with tenant_context(seeded):
        assert Candidate.objects.count() == 25 and ImportRow.objects.count() == 25
    assert services.import_run(seeded, job_id=job.pk).counts["created"] == 25  # safe to run twice


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "spreadsheet"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        ("empty.csv", b"", "empty"),
    ],
)
def test_unreadable_import_files_get_a_clear_error(seeded, name, data, message):
    with pytest.raises(services.CandidateError, match=message):
        services.import_create(seeded, data=data, filename=name)


def test_an_xlsx_import_works(seeded):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Email", "Company"])
    sheet.append(["Ana Souza", "ana@example.com", "Nubank"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = services.import_create(seeded, data=buffer.getvalue(), filename="people.xlsx")
    assert services.import_run(seeded, job_id=job.pk).counts["created"] == 1
    with tenant_context(seeded):
        assert ImportJob.objects.get(pk=job.pk).kind == "xlsx"


def test_json_resume_round_trip(seeded):
    document = {
        "basics": {
            "name": "Lukas Schmidt",
            "email": "lukas@example.de",
            "label": "Production Engineer",
            "location": {"city": "Munich"},
        },
        "work": [{"name": "Siemens", "position": "Production Engineer", "startDate": "2018-04-01"}],
        "education": [
            {
                "institution": "TU München",
                "area": "Mechanical Engineering",
                "studyType": "Master",
                "startDate": "2012-10",
                "endDate": "2014-09",
            }
        ],
    }
    candidate, created = services.json_resume_import(seeded, document=document)
    assert created
    again, created_again = services.json_resume_import(seeded, document=document)
    assert again.pk == candidate.pk and not created_again
    with tenant_context(seeded):
        exported = services.json_resume_export(Candidate.objects.get(pk=candidate.pk))
    assert exported["basics"]["email"] == "lukas@example.de"
    assert exported["work"][0]["name"] == "Siemens" and exported["education"][0]["studyType"] == "Master"
    with pytest.raises(services.CandidateError):
        services.json_resume_import(seeded, document={"basics": "nope"})


def test_an_import_flags_people_who_look_like_someone_in_the_pool(seeded):
    from candidates.models import DuplicateFlag

    services.candidate_create(
        seeded,
        data=services.CandidateInput(full_name="Wang Fang", fields={"current_company": "Huawei"}),
        source="manual",
    )
    data = b"name,company,email\nwang  fang,HUAWEI,wf2@example.com\nLi Lei,Huawei,ll@example.com\n"
    job = services.import_create(seeded, data=data, filename="people.csv")
    services.import_run(seeded, job_id=job.pk)
    with tenant_context(seeded):
        flag = DuplicateFlag.objects.get()
        names = set(
            Candidate.objects.filter(pk__in=[flag.candidate_low_id, flag.candidate_high_id]).values_list(
                "full_name", flat=True
            )
        )
        assert names == {"Wang Fang", "wang fang"} and flag.reason == "name_company"
