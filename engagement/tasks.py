"""Celery tasks of engagement: thin, idempotent, ``tenant_id`` first; the work is in engagement.services.
Periodic ones fan out per tenant (the beat schedule is in talentpool/celery.py)."""

from __future__ import annotations

# --- interactions and activity score ---------------------------------------------------------------------

# --- outbox -------------------------------------------------------------------------------------------------

# --- campaigns and sequences --------------------------------------------------------------------------------

# --- operations engine ----------------------------------------------------------------------------------------
