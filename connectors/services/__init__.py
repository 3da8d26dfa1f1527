"""Writes of the connectors app: sources, syncs and sourcing. Views, the API, tasks and commands call these."""

from .sources import (
    public_configuration,
    source_create,
    source_delete,
    source_set_paused,
    source_test,
    source_update,
)
from .sourcing import schedule_create, schedule_delete, schedule_update, sourcing_run
from .sync import SourceBusy, source_sync

__all__ = [
    "SourceBusy",
    "public_configuration",
    "schedule_create",
    "schedule_delete",
    "schedule_update",
    "source_create",
    "source_delete",
    "source_set_paused",
    "source_sync",
    "source_test",
    "source_update",
    "sourcing_run",
]
