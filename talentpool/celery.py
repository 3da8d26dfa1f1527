"""The Celery app: Redis broker, one queue per kind of work, the beat schedule in one place."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")

app = Celery("talentpool")
app.config_from_object("django.conf:settings", namespace="CELERY")

QUEUES = ("default", "parse", "outreach", "sync", "analytics")

app.conf.update(
    task_queues=[Queue(name) for name in QUEUES],
    task_default_queue="default",
    # A task is acknowledged only after it finished, and given back if its worker dies: tasks are idempotent.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_time_limit=15 * 60,
    task_soft_time_limit=14 * 60,
    task_serializer="json",
    accept_content=["json"],
    result_expires=24 * 3600,
    broker_connection_retry_on_startup=True,
    broker_transport_options={"visibility_timeout": 3600},
    timezone="UTC",
    enable_utc=True,
    worker_hijack_root_logger=False,
)

# Every periodic job of the product, in one place. Tasks that work per tenant fan out themselves.
app.conf.beat_schedule = {
    "tenancy-heartbeat": {
        "task": "talentpool.tenancy.tasks.heartbeat",
        "schedule": 60.0,
        "options": {"queue": "default", "expires": 50},
    },
}

app.autodiscover_tasks()
