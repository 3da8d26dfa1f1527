"""Connector sync speed: 100,000 external profiles from a local REST feed (cursor pages of 1,000), of which 5%
changed since the last sync, applied on one worker; then the same feed again, unchanged.

Setup puts the pool in the state a previous sync left (candidates, their e-mails and external ids, and the
applied profiles' hashes) in its own tenant ``bench_connectors`` with bulk inserts: the bench measures the
sync, not the first import. Rows written are read from PostgreSQL's own counters (``pg_stat_user_tables``,
inserts + updates + deletes) on the pool's tables (candidates_*, engagement_interaction,
connectors_externalprofile), so nothing our code says about itself is trusted.

Baselines from the same run: the seconds to fetch and read every page of the same feed without applying
anything (what any sync must spend), and for rows written, the changed profiles (5%) and, for the unchanged
run, the rows a sync that rewrote every profile would write (one per profile).
"""

from __future__ import annotations

import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .common import Figure, env_int, figure, progress, setup_django

SLUG = "bench_connectors"
PAGE_SIZE = 1_000
TENANT_TABLES = (  # children first: Django's cascades are not in the database
    "engagement_interaction",
    "candidates_profilechange",
    "candidates_candidatetag",
    "candidates_experience",
    "candidates_education",
    "candidates_candidateemail",
    "candidates_candidatephone",
    "candidates_externalid",
    "candidates_duplicateflag",
    "candidates_document",
    "connectors_externalprofile",
    "connectors_syncrun",
    "connectors_sourcingschedule",
    "connectors_source",
    "candidates_candidate",
)
MAPPING = {
    "external_id": "id",
    "full_name": "name",
    "email": "email",
    "country": "country",
    "location": "city",
    "title": "title",
    "company": "company",
    "headline": "headline",
    "skills": "skills",
    "updated_at": "updated",
    "positions": {
        "path": "history",
        "fields": {"company": "company", "title": "title", "start": "from", "end": "to"},
    },
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
TITLES = ("数据工程师", "后端工程师", "产品经理", "算法工程师", "Data Engineer", "Product Manager", "HRBP")
COMPANIES = ("字节跳动", "阿里巴巴", "腾讯", "美团", "Acme", "Hooli", "华为", "小米")
SKILLS = ("Python", "Java", "Go", "Spark", "SQL", "机器学习", "Kubernetes", "产品设计")
CITIES = ("上海", "北京", "深圳", "杭州", "Shanghai", "Beijing")


def _record(number: int, rng: random.Random, *, version: int = 0) -> dict:
    title, company = rng.choice(TITLES), rng.choice(COMPANIES)
    if version:
        title, company = f"{title} (new {version})", f"{company} Labs"
    return {
        "id": f"ext-{number}",
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        "email": f"bench.person{number}@example.test",
        "country": "CN",
        "city": rng.choice(CITIES),
        "title": title,
        "company": company,
        "headline": f"{title} · {company}",
        "skills": rng.sample(SKILLS, 2) + (["Kubernetes"] if version else []),
        "updated": f"2026-{10 + version:02d}-01T08:00:00Z",
        "history": [
            {"company": company, "title": title, "from": "2022-03", "to": None},
            {"company": "Earlier Co", "title": "Engineer", "from": "2018-07", "to": "2022-02"},
        ],
    }


class FeedServer:
    """The feed on 127.0.0.1 in a thread: pages of PAGE_SIZE by a numeric cursor."""

    def __init__(self, records: list[dict]):
        self.records = records
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                query = parse_qs(urlsplit(self.path).query)
                page = int(query.get("cursor", ["0"])[0])
                rows = feed.records[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
                more = (page + 1) * PAGE_SIZE < len(feed.records)
                body = json.dumps(
                    {"items": rows, "next": str(page + 1) if more else None}, ensure_ascii=False
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/profiles"

    def stop(self) -> None:
        self.server.shutdown()


def _tenant(count: int):
    """The bench's tenant for this many profiles (kept between runs: deleting 100,000 candidates would check
    every foreign key of the shared database's largest tables)."""
    from talentpool.tenancy.models import Tenant

    tenant, _ = Tenant.objects.get_or_create(
        slug=f"{SLUG}_{count}", defaults={"name": f"Bench connectors {count}"}
    )
    return tenant


def _restore(tenant, source, connector, records: list[dict], numbers: list[int]) -> None:
    """Put the profiles ``numbers`` back as a previous sync left them (their candidates and applied hashes)."""
    from django.db import connection
    from psycopg2.extras import Json, execute_values

    from talentpool.tenancy.context import tenant_context

    people = [connector.person(records[number]) for number in numbers]
    with tenant_context(tenant), connection.cursor() as cursor:
        execute_values(
            cursor.cursor,
            (
                "UPDATE connectors_externalprofile AS e SET content_hash = v.hash, data = v.data::jsonb, job_changed_at = NULL "
                "FROM (VALUES %s) AS v (external_id, hash, data) WHERE e.source_id = "
                + str(int(source.pk))
                + " AND e.external_id = v.external_id"
            ),
            [(p.external_id, p.content_hash(), Json(p.data())) for p in people],
            page_size=5_000,
        )
        execute_values(
            cursor.cursor,
            (
                "UPDATE candidates_candidate AS c SET current_title = v.title, current_company = v.company, "
                "location = v.location FROM (VALUES %s) AS v (external_id, title, company, location), "
                f"candidates_externalid AS x WHERE x.candidate_id = c.id AND x.system = 'source:{int(source.pk)}' "
                "AND x.value = v.external_id"
            ),
            [(p.external_id, p.title, p.company, p.location) for p in people],
            page_size=5_000,
        )


def _seed_previous_sync(tenant, source, connector, records: list[dict]) -> None:
    """The pool as a previous sync of ``records`` left it, in bulk."""
    from django.db import connection
    from django.utils import timezone
    from psycopg2.extras import Json, execute_values

    from talentpool.tenancy.context import tenant_context

    now = timezone.now()
    with tenant_context(tenant), connection.cursor() as cursor:
        for start in range(0, len(records), 10_000):
            people = [connector.person(record) for record in records[start : start + 10_000]]
            ids = execute_values(
                cursor.cursor,
                (
                    "INSERT INTO candidates_candidate (tenant_id, full_name, location, current_title, current_company, "
                    "highest_education, source, status, tag_ids, tag_strengths, created_at, updated_at) VALUES %s "
                    "RETURNING id"
                ),
                [
                    (
                        tenant.pk,
                        p.full_name,
                        p.location,
                        p.title,
                        p.company,
                        "",
                        "import",
                        "active",
                        [],
                        [],
                        now,
                        now,
                    )
                    for p in people
                ],
                page_size=10_000,
                fetch=True,
            )
            ids = [row[0] for row in ids]
            execute_values(
                cursor.cursor,
                "INSERT INTO candidates_candidateemail (tenant_id, candidate_id, email, "
                "is_primary, created_at) VALUES %s",
                [(tenant.pk, pk, p.emails[0], True, now) for pk, p in zip(ids, people, strict=True)],
                page_size=10_000,
            )
            execute_values(
                cursor.cursor,
                "INSERT INTO candidates_externalid (tenant_id, candidate_id, system, value, "
                "created_at) VALUES %s",
                [
                    (tenant.pk, pk, connector.system, p.external_id, now)
                    for pk, p in zip(ids, people, strict=True)
                ],
                page_size=10_000,
            )
            execute_values(
                cursor.cursor,
                (
                    "INSERT INTO connectors_externalprofile (tenant_id, source_id, external_id, candidate_id, "
                    "content_hash, data, external_updated_at, first_seen_at, applied_at) VALUES %s"
                ),
                [
                    (
                        tenant.pk,
                        source.pk,
                        p.external_id,
                        pk,
                        p.content_hash(),
                        Json(p.data()),
                        p.updated_at,
                        now,
                        now,
                    )
                    for pk, p in zip(ids, people, strict=True)
                ],
                page_size=10_000,
            )
        cursor.execute(
            "ANALYZE candidates_candidate; ANALYZE candidates_externalid; "
            "ANALYZE candidates_candidateemail; ANALYZE connectors_externalprofile"
        )


def _rows_written() -> int:
    """Inserts + updates + deletes PostgreSQL counted on the pool's tables so far."""
    from django.db import connection

    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT pg_stat_force_next_flush()")
        except Exception:  # before PostgreSQL 15 the collector flushes within half a second
            time.sleep(1)
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
            "WHERE relname LIKE 'candidates\\_%%' OR relname IN ('engagement_interaction', "
            "'connectors_externalprofile')"
        )
        return int(cursor.fetchone()[0])


def _read_only_pass(connector) -> float:
    """Seconds to fetch and read every page without applying anything."""
    started = time.perf_counter()
    for page in connector.pages({}):
        for record in page.records:
            connector.person(record).content_hash()
    return time.perf_counter() - started


def bench_connector_sync(_settings) -> list[Figure]:
    setup_django()
    from django.conf import settings

    from connectors.services import source_create, source_sync
    from connectors.services.sources import connector_for

    count = env_int("BENCH_CONNECTOR_PROFILES", 100_000)
    changed_share = 0.05
    settings.CONNECTOR_ALLOWED_NETWORKS = ["127.0.0.0/8"]  # the feed is local: allowed explicitly
    rng = random.Random(14)
    records = [_record(n, rng) for n in range(count)]
    step = round(1 / changed_share)
    changed_numbers = list(range(0, count, step))
    server = FeedServer(records)
    try:
        from connectors.models import ExternalProfile, Source
        from talentpool.tenancy.context import tenant_context

        tenant = _tenant(count)
        configuration = {
            "base_url": server.url,
            "pagination": {"type": "cursor", "param": "cursor", "next_field": "next"},
            "items_field": "items",
            "mapping": MAPPING,
            "rate_limit": 1000,
        }
        with tenant_context(tenant):
            source = Source.objects.filter(name="Bench feed").first()
            if source is None:
                source = source_create(
                    tenant,
                    kind="rest_feed",
                    name="Bench feed",
                    schedule="manual",
                    configuration=configuration,
                )
            else:
                from connectors.services import source_update

                source = source_update(source, configuration=configuration)
            applied = ExternalProfile.objects.filter(source=source).count()
        connector = connector_for(source)
        if applied == 0:
            progress(f"connectors: seeding the state of a previous sync of {count:,} profiles")
            _seed_previous_sync(tenant, source, connector, records)
        elif applied == count:
            progress(f"connectors: restoring {len(changed_numbers):,} profiles to their previous state")
            _restore(tenant, source, connector, records, changed_numbers)
        else:
            raise RuntimeError(f"tenant {tenant.slug} holds {applied} applied profiles, not {count}")
        changed = 0
        for number in changed_numbers:
            server.records[number] = _record(number, random.Random(number), version=1)
            changed += 1
        floor = _read_only_pass(connector)
        progress(
            f"connectors: reading {count:,} profiles without applying: {floor:.1f} s; syncing {changed:,} changed"
        )
        before = _rows_written()
        started = time.perf_counter()
        run = source_sync(tenant, source_id=source.pk)
        changed_seconds = time.perf_counter() - started
        changed_rows = _rows_written() - before
        if run.status != "succeeded" or run.updated != changed or run.unchanged != count - changed:
            raise RuntimeError(f"the changed sync went wrong: {run.status} {run.counts()} {run.error}")
        progress(
            f"connectors: changed sync {changed_seconds:.1f} s, {changed_rows:,} rows written, {run.counts()}"
        )
        before = _rows_written()
        started = time.perf_counter()
        again = source_sync(tenant, source_id=source.pk)
        unchanged_seconds = time.perf_counter() - started
        unchanged_rows = _rows_written() - before
        if again.status != "succeeded" or again.unchanged != count:
            raise RuntimeError(
                f"the unchanged sync went wrong: {again.status} {again.counts()} {again.error}"
            )
        progress(f"connectors: unchanged sync {unchanged_seconds:.1f} s, {unchanged_rows:,} rows written")
    finally:
        server.stop()
    size = f"{count // 1000}k" if count % 1000 == 0 else str(count)
    return [
        figure(
            f"connector_sync_{size}_5pct_changed_seconds",
            changed_seconds,
            "s",
            floor,
            "fetching and reading the same pages without applying anything",
        ),
        figure(
            f"connector_sync_{size}_5pct_changed_rows_written",
            changed_rows,
            "rows",
            changed,
            "profiles that changed",
        ),
        figure(
            f"connector_sync_{size}_unchanged_seconds",
            unchanged_seconds,
            "s",
            floor,
            "fetching and reading the same pages without applying anything",
        ),
        figure(
            f"connector_sync_{size}_unchanged_rows_written",
            unchanged_rows,
            "rows",
            count,
            "one row per profile (a sync without the hash check)",
        ),
    ]


BENCHMARKS = (bench_connector_sync,)
