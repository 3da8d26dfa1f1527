"""Pool exports: small ones at once, large ones as a job on a worker (progress, a download for its creator and
admins only, expiry), the API's POST / GET / download, escaped cells and filters that never widen."""

from __future__ import annotations

import csv
import io
import math
import tracemalloc
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates import services, tasks
from candidates.models import Candidate, CandidateEmail, ExportJob, ExportOrigin, ExportStatus
from candidates.services import exports
from privacy.models import AuditEntry
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer, logged_in_client
from ..factories import make_api_key, make_member

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EVIL = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILES_ACCEL_REDIRECT_PREFIX = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def python_tag(tenant_a):
    return services.tag_create(tenant_a, category="skill", name_en="Python", name_zh="Python 编程")


def bulk_candidates(tenant, count: int, *, tag=None, every: int = 2, start: int = 0) -> None:
    """``count`` candidates with an email each; every ``every``-th one has ``tag``; the first one's company is a
    formula. Written in bulk, as the benchmark's generator does."""
    now = timezone.now()
    with tenant_context(tenant):
        rows = []
        for number in range(start, start + count):
            tagged = tag is not None and number % every == 0
            rows.append(
                Candidate(
                    tenant_id=tenant.pk,
                    full_name=f"候选人 {number:06d}",
                    current_company=EVIL if number == 0 else f"公司 {number % 97}",
                    current_title="工程师",
                    tag_ids=[tag.pk] if tagged else [],
                    tag_strengths=[100] if tagged else [],
                    created_at=now - timedelta(seconds=number),
                    updated_at=now,
                )
            )
        Candidate.objects.bulk_create(rows, batch_size=2000)
        CandidateEmail.objects.bulk_create(
            [
                CandidateEmail(tenant_id=tenant.pk, candidate=row, email=f"c{start + i}@example.com")
                for i, row in enumerate(rows)
            ],
            batch_size=2000,
        )


def csv_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def stored_rows(job: ExportJob) -> list[list[str]]:
    with default_storage.open(job.file.name, "rb") as handle:
        return rows_of(handle.read().decode("utf-8-sig"))


def new_job(tenant, *, created_by=None, api_key=None, origin=ExportOrigin.POOL, filters=None, **fields):
    """A queued job, as export_create writes it, without queueing it."""
    with tenant_context(tenant):
        return ExportJob.objects.create(
            origin=origin,
            filters=filters or {},
            language="en",
            token=fields.pop("token", None)
            or f"t{ExportJob.objects.count()}{timezone.now().timestamp():.0f}",
            filename="talent-pool-test.csv",
            created_by=created_by,
            created_by_key=api_key,
            expires_at=fields.pop("expires_at", timezone.now() + timedelta(days=7)),
            **fields,
        )


def api_key_row(tenant, key: str):
    from talentpool.tenancy.models import ApiKey

    with tenant_context(tenant):
        return ApiKey.objects.get(prefix=key.split("_")[1])


# ------------------------------------------------------------------------------------ the dashboard's job


def test_a_large_pool_export_is_prepared_by_a_worker_with_its_filters_and_escaped_cells(
    recruiter_client,
    tenant_a,
    recruiter_a,
    python_tag,
    settings,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    settings.EXPORT_SYNC_MAX_ROWS = 100
    bulk_candidates(tenant_a, 3000, tag=python_tag, every=2)
    query = f"tags_all={python_tag.pk}"
    # The pool page's link opens a page (no download attribute), and a GET starts nothing.
    pool = recruiter_client.get(f"/pool/?{query}").content.decode()
    assert f'href="/pool/export/?{query}"' in pool and f'href="/pool/export/?{query}" download' not in pool
    page = recruiter_client.get(f"/pool/export/?{query}")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert "1500" in html and f'action="/pool/exports/new/?{query}"' in html and 'method="post"' in html
    with tenant_context(tenant_a):
        assert not ExportJob.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(f"/pool/exports/new/?{query}", **ZH)
    assert response.status_code == 302
    with tenant_context(tenant_a):
        job = ExportJob.objects.get()
    assert response.url == f"/pool/exports/{job.pk}/"
    assert job.status == ExportStatus.DONE and job.total_rows == job.rows_done == 1500
    assert job.created_by_id == recruiter_a.pk and job.filters == {"tags_all": [python_tag.pk]}
    assert job.file.name.startswith(f"exports/{tenant_a.pk}/") and job.size > 0
    assert job.expires_at - job.created_at == timedelta(days=7)

    download = recruiter_client.get(f"/pool/exports/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert download["Content-Disposition"].startswith('attachment; filename="talent-pool-')
    rows = rows_of(csv_text(download))
    assert rows[0][:3] == ["姓名", "邮箱", "电话"] and len(rows) == 1501
    names = {row[0] for row in rows[1:]}
    assert len(names) == 1500 and all(int(name.split()[1]) % 2 == 0 for name in names)
    first = next(row for row in rows[1:] if row[0] == "候选人 000000")
    assert first[4] == "'" + EVIL and first[1] == "c0@example.com" and first[10] == "Python 编程"
    # The audit entry the synchronous export writes, now for the job.
    with tenant_context(tenant_a):
        entry = AuditEntry.objects.get(action="pool.exported")
    assert entry.actor_id == recruiter_a.pk and entry.details["export"] == job.pk


def test_the_progress_card_polls_while_the_job_runs_and_offers_the_download_when_done(
    recruiter_client, tenant_a, recruiter_a
):
    job = new_job(tenant_a, created_by=recruiter_a)
    html = recruiter_client.get(f"/pool/exports/{job.pk}/").content.decode()
    assert f'hx-get="/pool/exports/{job.pk}/progress/"' in html and 'hx-trigger="every 2s"' in html
    assert "Queued" in html and "/download/" not in html
    with tenant_context(tenant_a):
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.RUNNING, total_rows=200, started_at=timezone.now()
        )
    cache.set(exports._progress_key(job.pk), 50)  # what the worker reports after each chunk
    card = recruiter_client.get(f"/pool/exports/{job.pk}/progress/").content.decode()
    assert 'value="25"' in card and "50 of 200 rows" in card and "hx-get" in card
    assert "<script" not in card and "style=" not in card
    with tenant_context(tenant_a):
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.DONE, rows_done=200)
    card = recruiter_client.get(f"/pool/exports/{job.pk}/progress/").content.decode()
    assert "hx-get" not in card and f'href="/pool/exports/{job.pk}/download/"' in card
    listing = recruiter_client.get("/pool/exports/").content.decode()
    assert f'href="/pool/exports/{job.pk}/"' in listing


def test_the_worker_reports_progress_after_each_chunk_from_a_server_side_cursor(tenant_a, monkeypatch):
    bulk_candidates(tenant_a, 1200)
    job = new_job(tenant_a)
    reports, cursors = [], []
    real_set = cache.set

    def watching_set(key, value, *args, **kwargs):
        if key == exports._progress_key(job.pk):
            reports.append(value)
            with connection.cursor() as cursor:  # the export's read is open on this connection right now
                cursor.execute("SELECT count(*) FROM pg_cursors WHERE NOT is_holdable")
                cursors.append(cursor.fetchone()[0])
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(exports.cache, "set", watching_set)
    done = exports.export_run(tenant_a, job_id=job.pk, chunk_size=500)
    assert done.status == ExportStatus.DONE and done.rows_done == 1200
    assert reports == [0, 500, 1000]
    assert cursors[1] >= 1 and cursors[2] >= 1  # the rows stream from a cursor held by PostgreSQL
    assert cache.get(exports._progress_key(job.pk)) is None


def test_the_export_reads_a_bounded_number_of_queries_per_chunk(tenant_a, python_tag):
    bulk_candidates(tenant_a, 3000, tag=python_tag, every=3)
    counts = {}
    for chunk_size in (500, 1500):
        job = new_job(tenant_a)
        with CaptureQueriesContext(connection) as queries:
            exports.export_run(tenant_a, job_id=job.pk, chunk_size=chunk_size)
        counts[chunk_size] = len(queries)
    # Per chunk: the cursor's fetch, emails, phones, tags; the rest (claim, count, finish) is fixed.
    fixed = counts[1500] - 4 * math.ceil(3000 / 1500)
    assert counts[500] - fixed <= 4 * math.ceil(3000 / 500) + 1, counts
    assert fixed <= 20, counts


def test_the_export_holds_one_chunk_in_memory_not_the_pool(tenant_a, python_tag):
    """The peak memory of an export does not grow with the number of rows (it would double here if the pool
    were read at once)."""
    bulk_candidates(tenant_a, 2000, tag=python_tag)
    peaks = []
    for extra in (0, 4000):
        if extra:
            bulk_candidates(tenant_a, extra, tag=python_tag, start=2000)
        job = new_job(tenant_a)
        exports.export_run(tenant_a, job_id=job.pk, chunk_size=500)  # warm (imports, caches)
        job = new_job(tenant_a)
        tracemalloc.start()
        try:
            done = exports.export_run(tenant_a, job_id=job.pk, chunk_size=500)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert done.rows_done == 2000 + extra
    assert peaks[1] < peaks[0] * 1.5, peaks


def test_an_unknown_tag_filter_never_widens_an_export(
    recruiter_client, tenant_a, tenant_b, settings, python_tag, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 5
    bulk_candidates(tenant_a, 20, tag=python_tag)
    other = services.tag_create(tenant_b, category="skill", name_en="Go")
    # At once: nothing but the header.
    for query in (f"tags_all={other.pk}", "tags_any=999999", f"tags_all={python_tag.pk},{other.pk}"):
        rows = rows_of(csv_text(recruiter_client.get(f"/pool/export/?{query}")))
        assert len(rows) == 1, query
    # As a job: refused with a message, nothing queued.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = recruiter_client.post(f"/pool/exports/new/?tags_all={other.pk}", follow=True)
    assert "does not exist" in response.content.decode() and not callbacks
    with tenant_context(tenant_a):
        assert not ExportJob.objects.exists()


def test_only_the_creator_and_admins_see_or_download_an_export(
    tenant_a,
    tenant_b,
    recruiter_a,
    recruiter_client,
    viewer_client,
    admin_client_a,
    admin_client_b,
    manager_client,
    client,
):
    bulk_candidates(tenant_a, 10)
    job = new_job(tenant_a, created_by=recruiter_a)
    exports.export_run(tenant_a, job_id=job.pk)
    for path in (
        f"/pool/exports/{job.pk}/",
        f"/pool/exports/{job.pk}/progress/",
        f"/pool/exports/{job.pk}/download/",
    ):
        assert recruiter_client.get(path).status_code == 200, path
        assert admin_client_a.get(path).status_code == 200, path
        assert viewer_client.get(path).status_code == 404, path  # a colleague's: as if it did not exist
        assert admin_client_b.get(path).status_code == 404, path  # another tenant's
        assert manager_client.get(path).status_code == 403, path  # hiring managers do not read the pool
        assert client.get(path).status_code == 302, path  # to the login
    assert f"/pool/exports/{job.pk}/" not in viewer_client.get("/pool/exports/").content.decode()
    assert f"/pool/exports/{job.pk}/" in admin_client_a.get("/pool/exports/").content.decode()


def test_beat_deletes_expired_files_and_fails_exports_whose_worker_died(
    tenant_a, recruiter_a, recruiter_client
):
    bulk_candidates(tenant_a, 5)
    old = new_job(tenant_a, created_by=recruiter_a)
    exports.export_run(tenant_a, job_id=old.pk)
    fresh = new_job(tenant_a, created_by=recruiter_a)
    exports.export_run(tenant_a, job_id=fresh.pk)
    stuck = new_job(tenant_a, created_by=recruiter_a)
    with tenant_context(tenant_a):
        old.refresh_from_db()
        fresh.refresh_from_db()
        ExportJob.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        ExportJob.objects.filter(pk=stuck.pk).update(
            status=ExportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2)
        )
    assert default_storage.exists(old.file.name)
    assert tasks.purge_expired_exports() == 1
    assert tasks.purge_expired_exports() == 0  # safe to run twice
    assert not default_storage.exists(old.file.name) and default_storage.exists(fresh.file.name)
    with tenant_context(tenant_a):
        old.refresh_from_db()
        stuck.refresh_from_db()
    assert old.status == ExportStatus.EXPIRED and not old.file.name
    assert stuck.status == ExportStatus.FAILED and "interrupted" in stuck.error
    assert recruiter_client.get(f"/pool/exports/{old.pk}/download/").status_code == 404
    assert "expired" in recruiter_client.get(f"/pool/exports/{old.pk}/").content.decode().lower()


def test_a_job_runs_once_however_often_it_is_delivered(tenant_a):
    bulk_candidates(tenant_a, 5)
    job = new_job(tenant_a)
    assert exports.export_run(tenant_a, job_id=job.pk).status == ExportStatus.DONE
    assert exports.export_run(tenant_a, job_id=job.pk) is None  # done: a second delivery is skipped
    running = new_job(tenant_a)
    with tenant_context(tenant_a):
        ExportJob.objects.filter(pk=running.pk).update(status=ExportStatus.RUNNING, started_at=timezone.now())
    assert exports.export_run(tenant_a, job_id=running.pk) is None  # another worker has it right now
    with tenant_context(tenant_a):
        ExportJob.objects.filter(pk=running.pk).update(started_at=timezone.now() - timedelta(hours=2))
    # Its worker died long ago (a SIGKILL; the broker hands the message out again): this delivery takes it over.
    assert exports.export_run(tenant_a, job_id=running.pk).status == ExportStatus.DONE
    with tenant_context(tenant_a):
        assert len(list(default_storage.listdir(f"exports/{tenant_a.pk}")[1])) == 2


# ------------------------------------------------------------------------------------------------ the API


def test_the_api_starts_an_export_with_202_shows_its_progress_and_streams_the_file(
    client, tenant_a, key_a, python_tag, eager_celery, django_capture_on_commit_callbacks
):
    bulk_candidates(tenant_a, 2500, tag=python_tag, every=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/exports/",
            {"filters": {"tags_any": str(python_tag.pk), "q": "候选人"}},
            content_type="application/json",
            **bearer(key_a),
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"] and body["url"].endswith(f"/api/v1/exports/{body['id']}/")
    status = client.get(f"/api/v1/exports/{body['id']}/", **bearer(key_a)).json()
    assert status["status"] == "done" and status["rows_done"] == status["total_rows"] == 500
    assert status["percent"] == 100 and status["download_url"].endswith(
        f"/api/v1/exports/{body['id']}/download/"
    )
    download = client.get(f"/api/v1/exports/{body['id']}/download/", **bearer(key_a))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    rows = rows_of(csv_text(download))
    assert rows[0][0] == "Name" and len(rows) == 501
    assert {row[0] for row in rows[1:]} == {f"候选人 {n:06d}" for n in range(0, 2500, 5)}
    assert ("'" + EVIL) in {row[4] for row in rows[1:]}
    listing = client.get("/api/v1/exports/", **bearer(key_a)).json()
    assert [item["id"] for item in listing["results"]] == [body["id"]]


def test_api_export_filters_are_checked_with_field_messages_and_unknown_tags_export_nobody(
    client, tenant_a, tenant_b, key_a, python_tag, eager_celery, django_capture_on_commit_callbacks
):
    bulk_candidates(tenant_a, 30, tag=python_tag)
    for filters, field in (
        ({"colour": "blue"}, "filters"),
        ({"tier": "sparkling"}, "filters.tier"),
        ({"years_min": "many"}, "filters.years_min"),
        ({"q": {"nested": 1}}, "filters.q"),
        ("tags_all=1", "filters"),
    ):
        response = client.post(
            "/api/v1/exports/", {"filters": filters}, content_type="application/json", **bearer(key_a)
        )
        assert response.status_code == 400, (filters, response.content)
        assert field in response.json()["error"]["fields"], (filters, response.json())
    other = services.tag_create(tenant_b, category="skill", name_en="Go")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/exports/",
            {"filters": {"tags_all": str(other.pk)}},
            content_type="application/json",
            **bearer(key_a),
        )
    assert response.status_code == 202
    job = client.get(response["Location"], **bearer(key_a)).json()
    assert job["status"] == "done" and job["total_rows"] == 0


def test_an_api_export_is_the_starting_keys_and_admins_alone(
    client, tenant_a, key_a, key_b, admin_client_a, viewer_client
):
    bulk_candidates(tenant_a, 3)
    job = new_job(tenant_a, api_key=api_key_row(tenant_a, key_a), origin=ExportOrigin.API)
    other_key = make_api_key(tenant_a, name="another integration")
    read_only = make_api_key(tenant_a, scopes=("read",), name="reader")
    detail, download = f"/api/v1/exports/{job.pk}/", f"/api/v1/exports/{job.pk}/download/"
    not_ready = client.get(download, **bearer(key_a))
    assert not_ready.status_code == 409 and not_ready.json()["error"]["code"] == "not_ready"
    exports.export_run(tenant_a, job_id=job.pk)
    assert client.get(download, **bearer(key_a)).status_code == 200
    assert admin_client_a.get(download).status_code == 200
    for key in (other_key, key_b, read_only):
        assert client.get(detail, **bearer(key)).status_code == 404
        assert client.get(download, **bearer(key)).status_code == 404
    assert viewer_client.get(download).status_code == 404
    assert client.get(download).status_code in (401, 403)
    # Starting one is a write: a read-only key may not.
    refused = client.post("/api/v1/exports/", {}, content_type="application/json", **bearer(read_only))
    assert refused.status_code == 403
    with tenant_context(tenant_a):
        assert ExportJob.objects.count() == 1


def test_a_viewer_may_start_an_export_through_the_api_and_is_its_only_non_admin_reader(
    tenant_a, viewer_a, django_capture_on_commit_callbacks, eager_celery
):
    bulk_candidates(tenant_a, 4)
    viewer = logged_in_client(viewer_a)
    colleague = logged_in_client(make_member(tenant_a, "recruiter", email="colleague@alpha.test"))
    with django_capture_on_commit_callbacks(execute=True):
        response = viewer.post("/api/v1/exports/", {}, content_type="application/json")
    assert response.status_code == 202, response.content
    download = response.json()["url"] + "download/"
    assert viewer.get(download).status_code == 200
    assert colleague.get(download).status_code == 404


# ---------------------------------------------------------------------------------------- a real worker


@pytest.fixture
def shared_media(tmp_path, monkeypatch, settings):
    """One MEDIA_ROOT for this process and the worker it starts (the worker reads the environment)."""
    root = tmp_path / "shared-media"
    monkeypatch.setenv("MEDIA_ROOT", str(root))
    settings.MEDIA_ROOT = root
    return root


@pytest.mark.worker
def test_a_real_worker_writes_the_export_and_the_api_serves_it(shared_media, worker, client, tenant_a, key_a):
    bulk_candidates(tenant_a, 2500)
    job = new_job(tenant_a, api_key=api_key_row(tenant_a, key_a), origin=ExportOrigin.API, token="w" * 32)
    result = tasks.run_export.apply_async(args=[tenant_a.pk, job.pk], queue=worker)
    assert result.get(timeout=120) == ExportStatus.DONE
    status = client.get(f"/api/v1/exports/{job.pk}/", **bearer(key_a)).json()
    assert status["status"] == "done" and status["rows_done"] == status["total_rows"] == 2500
    assert (shared_media / "exports" / str(tenant_a.pk) / f"{'w' * 32}.csv").exists()
    rows = rows_of(csv_text(client.get(status["download_url"], **bearer(key_a))))
    assert len(rows) == 2501 and rows[1][0] == "候选人 000000" and rows[1][4] == "'" + EVIL
    # A second delivery of the same message (acks_late) leaves the finished job alone.
    assert tasks.run_export.apply_async(args=[tenant_a.pk, job.pk], queue=worker).get(timeout=60) == "skipped"


def test_the_export_pages_speak_chinese(recruiter_client, tenant_a, recruiter_a, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    bulk_candidates(tenant_a, 3)
    html = recruiter_client.get("/pool/export/", **ZH).content.decode()
    assert "导出 3 位候选人" in html and "开始准备导出" in html and "保留 7 天" in html
    assert "还没有导出" in recruiter_client.get("/pool/exports/", **ZH).content.decode()
    done = new_job(tenant_a, created_by=recruiter_a)
    exports.export_run(tenant_a, job_id=done.pk)
    html = recruiter_client.get(f"/pool/exports/{done.pk}/", **ZH).content.decode()
    assert "导出文件已就绪" in html and "保留至" in html and "3 位候选人，CSV 格式。" in html
    listing = recruiter_client.get("/pool/exports/", **ZH).content.decode()
    assert "您发起的导出。" in listing and "已就绪" in listing
    failed = new_job(
        tenant_a, created_by=recruiter_a, status=ExportStatus.FAILED, error=exports.FAILED_MESSAGE
    )
    html = recruiter_client.get(f"/pool/exports/{failed.pk}/", **ZH).content.decode()
    assert "导出失败" in html and "导出因错误而中止。请重新开始" in html


def test_an_export_that_breaks_ends_failed_with_a_reason_and_leaves_no_file(
    tenant_a, recruiter_a, monkeypatch
):
    bulk_candidates(tenant_a, 10)
    job = new_job(tenant_a, created_by=recruiter_a)

    def broken_rows(*args, **kwargs):
        yield ["first row"]
        raise RuntimeError("the database went away")

    monkeypatch.setattr(exports, "export_rows", broken_rows)
    failed = exports.export_run(tenant_a, job_id=job.pk)
    assert failed.status == ExportStatus.FAILED and "Start it again" in failed.error
    assert not failed.file.name and failed.finished_at is not None
    assert (
        not default_storage.exists(f"exports/{tenant_a.pk}")
        or not default_storage.listdir(f"exports/{tenant_a.pk}")[1]
    )
    assert cache.get(exports._progress_key(job.pk)) is None
    assert exports.export_run(tenant_a, job_id=job.pk) is None  # failed is final: start a new one
