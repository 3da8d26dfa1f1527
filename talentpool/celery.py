"""The Celery app: Redis broker, one queue per kind of work, the beat schedule in one place."""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")

app = Celery("talentpool")
app.config_from_object("django.conf:settings", namespace="CELERY")

QUEUES = ("default", "parse", "outreach", "sync", "analytics", "webhooks")

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
    # Pool exports: files past their expiry deleted, exports whose worker died failed; hourly at :23.
    "candidates-purge-expired-exports": {
        "task": "candidates.purge_expired_exports",
        "schedule": crontab(minute=23),
        "options": {"queue": "default", "expires": 3000},
    },
    # Documents left "pending"/"parsing" over 15 minutes (a killed worker) go back to the parse queue.
    "candidates-requeue-stale-documents": {
        "task": "candidates.requeue_stale_documents",
        "schedule": 10 * 60.0,
        "options": {"queue": "default", "expires": 9 * 60},
    },
    # Keeps every stored activity anchor and last_* true to the interactions (decision 0011); 03:00 UTC.
    "engagement-activity-reconcile": {
        "task": "engagement.tasks.activity_reconcile_all",
        "schedule": crontab(hour=3, minute=0),
        "options": {"queue": "analytics", "expires": 3600},
    },
    # Sequences: writes each due campaign step to the outbox (engagement.services.campaigns.sequences_advance).
    "engagement-campaigns-advance": {
        "task": "engagement.tasks.campaigns_advance_all",
        "schedule": 60.0,
        "options": {"queue": "outreach", "expires": 50},
    },
    # The outbox: sends what is due, tenant by tenant (engagement.services.outbox.dispatch_due).
    "engagement-outbox-dispatch": {
        "task": "engagement.tasks.outbox_dispatch_all",
        "schedule": 60.0,
        "options": {"queue": "default", "expires": 50},
    },
    # The operations engine's weekly run (engagement.services.engine), Monday 09:00 UTC; idempotent per week.
    "engagement-engine-weekly": {
        "task": "engagement.tasks.engine_run_all",
        "schedule": crontab(hour=9, minute=0, day_of_week=1),
        "options": {"queue": "outreach", "expires": 6 * 3600},
    },
    # Privacy (docs/privacy.md): anonymise candidates past the tenant's retention, 02:30 UTC; then purge audit
    # entries past the audit retention (the database lets only rows over a year old go), 02:50 UTC.
    "privacy-retention": {
        "task": "privacy.tasks.retention_all",
        "schedule": crontab(hour=2, minute=30),
        "options": {"queue": "default", "expires": 3600},
    },
    "privacy-audit-purge": {
        "task": "privacy.tasks.audit_purge_all",
        "schedule": crontab(hour=2, minute=50),
        "options": {"queue": "default", "expires": 3600},
    },
    # Outbound webhooks whose retry is due (new events are queued the moment they commit).
    "webhooks-dispatch": {
        "task": "webhooks.tasks.deliveries_dispatch_all",
        "schedule": 60.0,
        "options": {"queue": "default", "expires": 50},
    },
    # Connectors: due source syncs and sourcing runs of every tenant, each queued as its own task.
    "connectors-due": {
        "task": "connectors.tasks.connectors_due_all",
        "schedule": 5 * 60.0,
        "options": {"queue": "default", "expires": 4 * 60},
    },
    # Finished webhook deliveries older than WEBHOOKS_KEEP_DAYS (webhooks.services.deliveries_purge), 04:10 UTC.
    "webhooks-purge": {
        "task": "webhooks.tasks.deliveries_purge_all",
        "schedule": crontab(hour=4, minute=10),
        "options": {"queue": "default", "expires": 3600},
    },
    # Idempotency-Key records older than their 24 hours (talentpool.api.idempotency), hourly.
    "api-idempotency-purge": {
        "task": "talentpool.api.tasks.idempotency_purge",
        "schedule": crontab(minute=17),
        "options": {"queue": "default", "expires": 3000},
    },
    # Analytics: milestones, daily counters and findings of every tenant, every 15 minutes (analytics.services).
    "analytics-refresh": {
        "task": "analytics.tasks.refresh_all",
        "schedule": 15 * 60.0,
        "options": {"queue": "analytics", "expires": 14 * 60},
    },
    # Nightly full rebuild: segments follow the candidates' tags and sources as they are now; 02:30 UTC.
    "analytics-rebuild": {
        "task": "analytics.tasks.refresh_all",
        "schedule": crontab(hour=2, minute=30),
        "kwargs": {"rebuild": True},
        "options": {"queue": "analytics", "expires": 3600},
    },
    # The weekly report at each tenant's own Monday 08:00: an hourly check of whose report is due.
    "analytics-weekly-reports": {
        "task": "analytics.tasks.weekly_reports_due",
        "schedule": crontab(minute=5),
        "options": {"queue": "analytics", "expires": 50 * 60},
    },
}

app.autodiscover_tasks()
app.autodiscover_tasks(["talentpool.api"])  # not an app: its tasks module is named here
