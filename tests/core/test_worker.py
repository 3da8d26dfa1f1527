"""Celery through a real worker process: tasks run inside their tenant and never inherit another's."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from talentpool.celery import app as celery_app
from talentpool.tenancy.models import Role
from talentpool.tenancy.tasks import count_members, ping

from ..factories import make_member

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(transactional_db, settings):
    """Start `celery worker` on a queue of its own, against the test database; stop it afterwards."""
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
        [sys.executable, "-m", "celery", "-A", "talentpool", "worker", "-Q", queue, "--concurrency", "1",
         "--pool", "solo", "-l", "warning", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert ping.apply_async(args=["ready"], queue=queue).get(timeout=5) == "pong:ready"
                break
            except Exception:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    pytest.fail(f"the Celery worker did not start: {output[-2000:]}")
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_tasks_run_in_their_own_tenant_on_one_worker_without_leaking(worker, tenant_a, tenant_b):
    for _ in range(3):
        make_member(tenant_a, Role.RECRUITER)
    make_member(tenant_b, Role.RECRUITER)
    # Alternate tenants on the same single-process worker: each task sees exactly its own tenant's rows.
    results = [
        count_members.apply_async(args=[tenant.pk], queue=worker).get(timeout=30)
        for tenant in (tenant_a, tenant_b, tenant_a, tenant_b)
    ]
    assert results == [3, 1, 3, 1]


@pytest.mark.worker
def test_the_deep_health_check_makes_a_round_trip_through_a_worker(worker, client, settings):
    settings.HEALTHZ_WORKER_QUEUE = worker
    response = client.get("/healthz?deep=1")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["worker"]["ok"] is True
