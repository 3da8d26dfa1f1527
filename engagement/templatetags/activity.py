"""Template access to the current tenant's tier thresholds, so no template writes them down (decision 0011)."""

from django import template

from engagement.scoring import current_params

register = template.Library()


@register.simple_tag
def activity_thresholds() -> dict:
    """{"high": …, "mid": …}: the current tenant's tier thresholds (the defaults when no tenant is current)."""
    params = current_params()
    return {"high": params.high, "mid": params.mid}
