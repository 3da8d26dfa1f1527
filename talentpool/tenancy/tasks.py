"""Celery plumbing for tenant work: ``tenant_task`` runs a task inside its tenant; the heartbeat proves beat."""

from __future__ import annotations

import functools
import logging

from celery import shared_task
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone

from .context import tenant_context

HEARTBEAT_CACHE_KEY = "celery:beat:last_heartbeat"
logger = logging.getLogger(__name__)


def drop_stale_connection() -> None:
    """What every task does first: drop a database connection the server may have closed since the last task.
    Not inside an atomic block: an eager task run inside a request (or a test) keeps the caller's connection,
    which close_old_connections would otherwise close because its autocommit is off."""
    if not connection.in_atomic_block:
        close_old_connections()


def tenant_gone(tenant_id, task_name: str) -> bool:
    """True (and one warning in the log) when the task's tenant no longer exists: a task queued before its
    tenant was deleted has nothing to do, and must not fail with a traceback on every retry or redelivery."""
    from .models import Tenant

    if Tenant.objects.filter(pk=int(tenant_id)).exists():
        return False
    logger.warning("%s: tenant %s no longer exists; the task was dropped", task_name, tenant_id)
    return True


def tenant_task(*task_args, **task_options):
    """Declare a Celery task whose first argument is ``tenant_id``; the body runs inside that tenant.

    The scope is entered per call and left afterwards, so two tasks on one worker never share a tenant.
    """

    def decorator(func):
        @functools.wraps(func)
        def run(tenant_id: int, *args, **kwargs):
            drop_stale_connection()
            if tenant_gone(tenant_id, func.__name__):
                return None
            with tenant_context(int(tenant_id)):
                return func(tenant_id, *args, **kwargs)

        return shared_task(*task_args, **task_options)(run)

    if len(task_args) == 1 and callable(task_args[0]) and not task_options:
        func, task_args = task_args[0], ()
        return decorator(func)
    return decorator


@shared_task(name="talentpool.tenancy.tasks.heartbeat", ignore_result=True)
def heartbeat() -> str:
    """Beat runs this every minute; /healthz?deep=1 reads when it last ran."""
    stamp = timezone.now().isoformat()
    cache.set(HEARTBEAT_CACHE_KEY, stamp, timeout=3600)
    return stamp


@shared_task(name="talentpool.tenancy.tasks.ping")
def ping(token: str) -> str:
    """The deep health check's round trip through a worker."""
    return f"pong:{token}"


@tenant_task(name="talentpool.tenancy.tasks.count_members")
def count_members(tenant_id: int) -> int:
    """How many members the tenant has, as a worker sees it (proves tenant scoping inside workers)."""
    from .models import Membership

    return Membership.objects.count()
