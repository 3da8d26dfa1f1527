"""Celery through a real worker process: tasks run inside their tenant and never inherit another's."""

from __future__ import annotations

import pytest

from talentpool.tenancy.models import Role
from talentpool.tenancy.tasks import count_members

from ..factories import make_member

# The ``worker`` fixture (a real `celery worker` on a queue of its own) is in tests/conftest.py.


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
