"""Shared fixtures: two tenants with members of every role, and clients logged in or holding API keys."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.test import Client

from talentpool.tenancy.models import Role

from .factories import PASSWORD, make_api_key, make_member, make_tenant

_APP_CREDENTIALS: dict = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The owner role creates, migrates and at the end drops the test database, as it owns the real one
    (talentpool/tenancy/db_roles.py); django_db_setup below hands the connection to the application role."""
    from django.conf import settings
    from django.db import connections

    if settings.DATABASE_OWNER:
        settings_dict = connections["default"].settings_dict
        _APP_CREDENTIALS.update({key: settings_dict[key] for key in ("USER", "PASSWORD")})
        settings_dict.update(settings.DATABASE_OWNER)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests run as the application role, like the product; the owner drops the database afterwards."""
    from django.db import connections

    connection = connections["default"]

    def connect_as(credentials: dict) -> None:
        with django_db_blocker.unblock():
            connection.close()
        connection.settings_dict.update(credentials)

    if not _APP_CREDENTIALS:
        yield
        return
    owner = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connect_as(_APP_CREDENTIALS)
    yield
    connect_as(owner)


@pytest.fixture(autouse=True)
def _isolated_cache(settings, request):
    """Each test gets its own Redis key prefix, so lockout counters and throttles never leak between tests."""
    from django.core.cache import cache

    prefix = f"test:{request.node.nodeid}"
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
    yield
    # Only this test's keys: clear() would FLUSHDB, wiping the broker's queues and other test runs' counters.
    try:
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=re.sub(r"([*?\[\]\\])", r"\\\1", prefix) + ":*", count=1000):
            client.delete(key)
    except Exception:  # Redis down shows up in the tests that need it
        pass


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate the user's language in the thread and nothing turns it off again; start each test in the
    default language so a Chinese request in one test cannot translate the next test's messages."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def tenant_a(db):
    return make_tenant("Alpha 阿尔法", slug="alpha")


@pytest.fixture
def tenant_b(db):
    return make_tenant("Beta 贝塔", slug="beta")


@pytest.fixture
def admin_a(tenant_a):
    return make_member(tenant_a, Role.ADMIN, email="admin@alpha.test", name="Alice Admin")


@pytest.fixture
def recruiter_a(tenant_a):
    return make_member(tenant_a, Role.RECRUITER, email="recruiter@alpha.test", name="李招聘")


@pytest.fixture
def viewer_a(tenant_a):
    return make_member(tenant_a, Role.VIEWER, email="viewer@alpha.test")


@pytest.fixture
def manager_a(tenant_a):
    return make_member(tenant_a, Role.HIRING_MANAGER, email="manager@alpha.test", name="Hannah Manager")


@pytest.fixture
def other_manager_a(tenant_a):
    return make_member(tenant_a, Role.HIRING_MANAGER, email="other-manager@alpha.test", name="Otto Other")


@pytest.fixture
def admin_b(tenant_b):
    return make_member(tenant_b, Role.ADMIN, email="admin@beta.test")


def logged_in_client(user) -> Client:
    client = Client(enforce_csrf_checks=False)
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def admin_client_a(admin_a):
    return logged_in_client(admin_a)


@pytest.fixture
def recruiter_client(recruiter_a):
    return logged_in_client(recruiter_a)


@pytest.fixture
def viewer_client(viewer_a):
    return logged_in_client(viewer_a)


@pytest.fixture
def manager_client(manager_a):
    return logged_in_client(manager_a)


@pytest.fixture
def admin_client_b(admin_b):
    return logged_in_client(admin_b)


@pytest.fixture
def key_a(tenant_a):
    return make_api_key(tenant_a)


@pytest.fixture
def key_b(tenant_b):
    return make_api_key(tenant_b)


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def eager_celery(settings):
    """Tasks run at once in this process (``.delay``/``apply_async`` included), as a worker would run them.

    The one way for tests (issue 17). The app reads Django settings with the CELERY namespace, so the flag is
    ``CELERY_TASK_ALWAYS_EAGER`` on the app's conf: setting ``task_always_eager`` alone would change nothing.
    Tasks queued with ``transaction.on_commit`` still wait for the commit (use django_capture_on_commit_callbacks).
    """
    from celery._state import _set_task_join_will_block

    from talentpool.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.CELERY_TASK_ALWAYS_EAGER
    app.conf.CELERY_TASK_ALWAYS_EAGER = True
    assert app.conf.task_always_eager
    yield app
    app.conf.CELERY_TASK_ALWAYS_EAGER = previous
    # Celery marks "inside a task" in one process-wide flag around each eager task and restores it afterwards;
    # eager tasks in a live server's threads can restore each other's value and leave it set, which would make
    # every later result.get() in this process refuse to wait.
    _set_task_join_will_block(False)


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def worker(transactional_db, settings):
    """Start `celery worker` on a queue of its own, against the test database; stop it afterwards."""
    from django.db import connection

    from talentpool.celery import app as celery_app
    from talentpool.tenancy.tasks import ping

    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": celery_app.conf.broker_url,
        "CELERY_RESULT_BACKEND": str(celery_app.conf.result_backend),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "talentpool",
            "worker",
            "-Q",
            queue,
            "--concurrency",
            "1",
            "--pool",
            "solo",
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert ping.apply_async(args=["ready"], queue=queue).get(timeout=5) == "pong:ready"
                break
            except Exception:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = (
                        process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    )
                    pytest.fail(f"the Celery worker did not start: {output[-2000:]}")
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
