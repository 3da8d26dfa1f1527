"""The tenant's analytics settings (fee per external hire, findings' minimum sample and thresholds)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.errors import ServiceError

from ..models import AnalyticsSettings
from .diagnoses import DEFAULTS


@transaction.atomic
def analytics_settings_update(**changes) -> AnalyticsSettings:
    """Change the settings; raises ServiceError naming the field for an unknown field or a bad value."""
    settings, _created = AnalyticsSettings.objects.select_for_update().get_or_create()
    for field, value in changes.items():
        if field == "fee_per_external_hire":
            try:
                fee = Decimal(str(value))
            except (InvalidOperation, ValueError):
                raise ServiceError(_("The fee is a number."), field=field) from None
            if not fee.is_finite() or fee < 0 or fee >= Decimal("1e10"):
                raise ServiceError(_("The fee is a number from 0 to 9,999,999,999."), field=field)
            settings.fee_per_external_hire = fee.quantize(Decimal("0.01"))
        elif field == "fee_currency":
            if not isinstance(value, str) or len(value.strip()) != 3 or not value.strip().isalpha():
                raise ServiceError(_("The currency is a three-letter code, e.g. CNY."), field=field)
            settings.fee_currency = value.strip().upper()
        elif field == "min_sample":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
                raise ServiceError(_("The minimum sample is a whole number from 1 to 100,000."), field=field)
            settings.min_sample = value
        elif field == "thresholds":
            settings.thresholds = _thresholds(value)
        else:
            raise ServiceError(_("Unknown setting."), field=field)
    settings.updated_at = timezone.now()
    settings.save()
    return settings


def _thresholds(value) -> dict:
    if not isinstance(value, dict):
        raise ServiceError(_("Thresholds are an object."), field="thresholds")
    cleaned: dict = {}
    for rule, inner in value.items():
        default = DEFAULTS.get(rule)
        if default is None:
            raise ServiceError(_("Unknown rule: %(rule)s.") % {"rule": rule}, field=f"thresholds.{rule}")
        if isinstance(default, dict):
            if not isinstance(inner, dict) or any(k not in default for k in inner):
                raise ServiceError(_("Unknown threshold."), field=f"thresholds.{rule}")
            for name, number in inner.items():
                if (
                    isinstance(number, bool)
                    or not isinstance(number, int | float)
                    or not 0 <= number <= 10_000
                ):
                    raise ServiceError(_("A threshold is a number."), field=f"thresholds.{rule}.{name}")
            cleaned[rule] = dict(inner)
        else:
            if isinstance(inner, bool) or not isinstance(inner, int) or not 1 <= inner <= 3660:
                raise ServiceError(_("A whole number of days from 1 to 3,660."), field=f"thresholds.{rule}")
            cleaned[rule] = inner
    return cleaned
