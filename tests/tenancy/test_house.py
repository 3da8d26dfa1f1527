"""The small things of issue 17 that read as carelessness, and the house rules that keep them away: API paths
with or without their slash (never a 500), every OpenAPI operation summarised, the docs page links back,
English times without "a.m..", a title from "Senior Data Engineer. 5+ years…", the core importing no domain
app, role sets defined once, the first run's database check."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import psycopg2
import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from ..conftest import bearer

ROOT = Path(__file__).resolve().parents[2]


def test_api_paths_answer_without_their_trailing_slash(client, key_a, settings):
    settings.DEBUG = True  # where CommonMiddleware's redirect of a POST used to raise (a 500)
    posted = client.post(
        "/api/v1/role-profiles",
        data=json.dumps({"title": "No slash"}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert posted.status_code == 201, posted.content
    assert client.get("/api/v1/role-profiles", **bearer(key_a)).status_code == 200
    unknown = client.post(
        "/api/v1/no-such-thing", data="{}", content_type="application/json", **bearer(key_a)
    )
    assert unknown.status_code == 404  # under DEBUG Django's own page; in production the JSON error shape
    settings.DEBUG = False
    unknown = client.post(
        "/api/v1/no-such-thing", data="{}", content_type="application/json", **bearer(key_a)
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def test_every_openapi_operation_has_a_one_line_summary(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        and "operationId" in operation
        and not (operation.get("summary") or "").strip()
    ]
    assert not missing, missing
    summaries = [
        operation["summary"]
        for item in schema["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert all(len(summary) <= 120 and "\n" not in summary for summary in summaries)
    move = schema["paths"]["/api/v1/applications/bulk-move/"]["post"]
    assert move["summary"] == "Move a selection of a role's applications to one stage"


def test_a_summary_falls_back_to_the_operation_id():
    from talentpool.openapi import summary_for

    assert summary_for({"operationId": "hires_partial_update"}) == "Update hires"
    assert summary_for({"operationId": "x", "description": "Every hire. More words here."}) == "Every hire"


def test_the_api_docs_link_back_to_the_app(client):
    page = client.get("/api/docs/").content.decode()
    assert 'class="docs-back"' in page and 'href="/"' in page and "Back to Talent Pool" in page


def test_english_times_never_end_a_sentence_in_a_m_dot_dot():
    moment = timezone.make_aware(datetime(2026, 12, 7, 5, 0))
    with translation.override("en"):
        text = Template(
            "{% load i18n %}{% blocktrans with when=moment|date:'DATETIME_FORMAT' %}Sent {{ when }}."
            "{% endblocktrans %}"
        ).render(Context({"moment": moment}))
    assert "a.m." not in text and text.endswith("05:00.")


@pytest.mark.parametrize(
    "jd, title",
    [
        ("Senior Data Engineer. 5+ years of Python and SQL.", "Senior Data Engineer"),
        ("高级数据工程师。5年以上 Python 经验。", "高级数据工程师"),
        ("We grow fast. You will build pipelines.", ""),
    ],
)
def test_the_suggester_takes_the_title_from_the_first_sentence_when_it_names_a_role(jd, title):
    from profiles.suggest import suggest_from_jd

    assert suggest_from_jd(jd).title == title


def test_the_suggest_api_gives_the_title_of_a_one_line_jd(client, key_a):
    response = client.post(
        "/api/v1/role-profiles/suggest/",
        data=json.dumps({"text": "Senior Data Engineer. 5+ years of Python and SQL, Spark preferred."}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Senior Data Engineer"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_the_tenancy_core_imports_no_domain_app():
    domain = {
        "candidates",
        "profiles",
        "engagement",
        "analytics",
        "connectors",
        "webhooks",
        "privacy",
        "demo",
    }
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & domain)
        for path in (ROOT / "talentpool" / "tenancy").rglob("*.py")
        if _imports(path) & domain
    }
    assert not offenders, offenders


def test_role_sets_are_defined_once():
    pattern = re.compile(
        r"^(?:ALL_ROLES|ADMINS|EDITORS|POOL_READERS|REVIEWERS)\s*=\s*(?:frozenset|set|\{)", re.M
    )
    mine = [
        "talentpool",
        "profiles",
        "candidates",
        "engagement",
        "analytics",
        "connectors",
        "webhooks",
        "privacy",
    ]
    definitions = [
        f"{path.relative_to(ROOT)}"
        for folder in mine
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text())
    ]
    assert definitions == ["talentpool/tenancy/models.py"]


def test_request_helpers_are_written_once():
    pattern = re.compile(r"^def _(?:actor|tenant)\(request\)", re.M)
    folders = [
        "talentpool/api",
        "profiles/api",
        "candidates/api",
        "engagement/api",
        "analytics/api",
        "connectors/api",
        "webhooks/api",
        "privacy/api",
        "talentpool/accounts/api",
    ]
    copies = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text())
    ]
    assert not copies, copies


def _superuser_dsn() -> str | None:
    try:
        psycopg2.connect(host="127.0.0.1", dbname="postgres", user="postgres", connect_timeout=3).close()
    except psycopg2.Error:
        return None
    return "host=127.0.0.1 dbname=postgres user=postgres"


def test_a_database_another_role_created_stops_the_first_run_with_one_sentence(tmp_path):
    dsn = _superuser_dsn()
    if dsn is None:
        pytest.skip("no local superuser to create a database owned by another role")
    name = f"house_firstrun_{os.getpid()}"
    admin = psycopg2.connect(dsn)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" OWNER postgres')
    try:
        env = {**os.environ, "DATABASE_URL": f"postgres://talentpool@127.0.0.1:5432/{name}"}
        # Only the check runs: `up` would rewrite .local/env, which other runs read.
        code = (
            "import sys; sys.path.insert(0, 'scripts'); import dev_services as d\n"
            "try:\n    d.ensure_schema_rights(sys.argv[1])\nexcept d.SetupError as e:\n    sys.exit(str(e))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, env["DATABASE_URL"]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "GRANT USAGE, CREATE ON SCHEMA public TO" in result.stderr and name in result.stderr
        # When the rights are there, the check passes quietly.
        with (
            psycopg2.connect(dsn.replace("dbname=postgres", f"dbname={name}")) as conn,
            conn.cursor() as cursor,
        ):
            cursor.execute("GRANT USAGE, CREATE ON SCHEMA public TO talentpool")
        again = subprocess.run(
            [sys.executable, "-c", code, env["DATABASE_URL"]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert again.returncode == 0, again.stderr
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_database_from_before_the_owner_role_is_handed_to_it_once(tmp_path):
    """An installation whose application role owns the tables passes them to the owner role, once; until the
    application role has been granted its rights (by migrate, which `up` runs next and this test does not),
    each run says that migrate is still due."""
    dsn = _superuser_dsn()
    if dsn is None:
        pytest.skip("no local superuser to create roles")
    app, name = f"house_app_{os.getpid()}", f"house_handover_{os.getpid()}"
    admin = psycopg2.connect(dsn)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'DROP ROLE IF EXISTS "{app}"')
        cursor.execute(f'DROP ROLE IF EXISTS "{app}_owner"')
        cursor.execute(f'CREATE ROLE "{app}" LOGIN')
        cursor.execute(f'CREATE DATABASE "{name}" OWNER "{app}"')
    old = psycopg2.connect(host="127.0.0.1", dbname=name, user=app)
    with old, old.cursor() as cursor:
        cursor.execute("CREATE TABLE audit_like (id int)")
    old.close()
    code = (
        "import sys; sys.path.insert(0, 'scripts'); import dev_services as d\n"
        "d.ensure_roles(sys.argv[1]); print(d._HANDED_TO_OWNER)"
    )
    env = {**os.environ, "TALENTPOOL_DB_ROLE": app, "TALENTPOOL_DB_NAME": name}
    try:

        def run():
            return subprocess.run(
                [sys.executable, "-c", code, dsn],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )

        runs = [run(), run()]
        assert [done.returncode for done in runs] == [0, 0], runs[0].stderr + runs[1].stderr
        assert [done.stdout.strip() for done in runs] == [f"['{name}']"] * 2
        assert "now belong to" in runs[0].stderr and "now belong to" not in runs[1].stderr
        with (
            psycopg2.connect(dsn.replace("dbname=postgres", f"dbname={name}")) as conn,
            conn.cursor() as cursor,
        ):
            cursor.execute(f'GRANT SELECT ON audit_like TO "{app}"')  # what migrate's grant step does
        conn.close()
        third = run()
        assert third.stdout.strip() == "[]", third.stderr
        with (
            psycopg2.connect(dsn.replace("dbname=postgres", f"dbname={name}")) as conn,
            conn.cursor() as cursor,
        ):
            cursor.execute(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database() UNION ALL "
                "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_like'"
            )
            assert [row[0] for row in cursor.fetchall()] == [f"{app}_owner"] * 2
            cursor.execute(
                "SELECT rolcreatedb FROM pg_roles WHERE rolname = %s UNION ALL "
                "SELECT has_schema_privilege(%s, 'public', 'CREATE')",
                [app, app],
            )
            assert [row[0] for row in cursor.fetchall()] == [False, False]
        conn.close()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'DROP ROLE IF EXISTS "{app}"')
            cursor.execute(f'DROP ROLE IF EXISTS "{app}_owner"')
        admin.close()


@pytest.mark.django_db
def test_every_foreign_key_to_a_candidate_has_an_index_leading_with_it():
    """Deleting a candidate (a merge, an erasure, a tenant) makes PostgreSQL check each table that points at
    it; without an index that starts with the pointing column that check scans the table, once per candidate
    (10 million interactions at 1M candidates). The tenant in front does not help: the check knows no tenant."""
    from django.db import connection

    from candidates.models import Candidate

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.conrelid::regclass::text, a.attname
               FROM pg_constraint c
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
               WHERE c.contype = 'f' AND c.confrelid = %s::regclass
                 AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])""",
            [Candidate._meta.db_table],
        )
        unindexed = cursor.fetchall()
    assert unindexed == []
