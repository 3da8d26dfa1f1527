"""A task queued before its tenant was deleted is dropped with one warning, not a traceback per redelivery."""

from __future__ import annotations

import logging

from engagement.tasks import outbox_dispatch
from talentpool.tenancy.models import Tenant
from talentpool.tenancy.tasks import count_members
from webhooks.tasks import deliveries_dispatch

from ..factories import make_tenant


def test_tasks_for_a_tenant_that_no_longer_exists_do_nothing_and_say_so(db, caplog):
    gone = make_tenant("Gone 已删除", slug="gone").pk
    Tenant.objects.filter(pk=gone).delete()
    with caplog.at_level(logging.WARNING, logger="talentpool.tenancy.tasks"):
        assert count_members.apply(args=[gone]).get() is None
        assert outbox_dispatch.apply(args=[gone]).get() == {}
        assert deliveries_dispatch.apply(args=[gone]).get() == {}
    assert [record.getMessage() for record in caplog.records] == [
        f"{name}: tenant {gone} no longer exists; the task was dropped"
        for name in ("count_members", "outbox_dispatch", "deliveries_dispatch")
    ]


def test_a_task_for_a_live_tenant_still_runs_in_it(tenant_a, admin_a, recruiter_a):
    assert count_members.apply(args=[tenant_a.pk]).get() == 2
