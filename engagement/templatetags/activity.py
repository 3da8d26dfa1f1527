"""Template helpers of engagement: the tenant's tier thresholds (no template writes them down, decision 0011) and
pipeline stage names on the timeline."""

from django import template

from engagement.scoring import current_params

register = template.Library()


@register.simple_tag
def activity_thresholds() -> dict:
    """{"high": …, "mid": …}: the current tenant's tier thresholds (the defaults when no tenant is current)."""
    params = current_params()
    return {"high": params.high, "mid": params.mid}


@register.filter
def stage_label(value) -> str:
    """A pipeline stage's name in the reader's language ("sourced" → 已寻访); anything else as it is."""
    from profiles.models import ApplicationStage

    try:
        return str(ApplicationStage(value).label)
    except ValueError:
        return value or ""
