"""The tenant's engagement settings: one row, created with the defaults on first use."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from talentpool.errors import ServiceError

from ..models import EngagementSettings
from ..scoring import forget_params

# The fields a tenant admin may change, and their bounds.
_BOUNDS = {"half_life_days": (7.0, 3650.0), "high_threshold": (1, 100), "mid_threshold": (1, 100)}


def engagement_settings() -> EngagementSettings:
    """The current tenant's row, created with the product's defaults if it has none. Safe to run twice."""
    row = EngagementSettings.objects.first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return EngagementSettings.objects.create()
    except IntegrityError:  # created meanwhile by another request
        return EngagementSettings.objects.get()


def engagement_settings_update(*, values: dict, actor=None) -> EngagementSettings:
    """Change the current tenant's settings. Raises ServiceError naming the field for a value out of bounds.

    Weights and half-life change what every stored anchor means: the caller re-scores the pool afterwards
    (``engagement.services.interactions.activity_reconcile``)."""
    row = engagement_settings()
    for name, value in values.items():
        if not hasattr(row, name) or name in ("id", "tenant", "tenant_id", "inbound_secret"):
            raise ServiceError(f"Unknown setting: {name}.", field=name)
        if name in _BOUNDS:
            low, high = _BOUNDS[name]
            if value is None or not (low <= value <= high):
                raise ServiceError(f"{name} must be between {low} and {high}.", field=name)
        if name == "weights":
            if not isinstance(value, dict) or not all(
                isinstance(points, int | float) and 0 <= points <= 100 for points in value.values()
            ):
                raise ServiceError("Weights are points from 0 to 100 per interaction kind.", field=name)
        setattr(row, name, value)
    if row.mid_threshold >= row.high_threshold:
        raise ServiceError("The mid threshold must be below the high threshold.", field="mid_threshold")
    row.updated_at = timezone.now()
    row.save()
    forget_params(row.tenant_id)
    return row
