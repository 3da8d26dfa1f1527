"""Small formatters for the analytics pages: a rate as a percentage, a change as a signed number."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

register = template.Library()

# Said on the role page (profiles/templates/profiles/role_detail.html) about the funnel this module gives it;
# kept here so the analytics catalogue translates it.
ROLE_FUNNEL_SUBTITLE = gettext_noop(
    "Candidates of this role who reached each step, from the Analytics counters (refreshed every 15 minutes)."
)


@register.filter
def percent(value) -> str:
    """0.1234 → "12.3%"; None → "—"."""
    if value is None or value == "":
        return "—"
    return f"{round(100 * float(value), 1):g}%"


@register.filter
def points(value) -> str:
    """A change of a rate in percentage points: 0.287 → "+28.7 pts" ("+28.7 个百分点")."""
    if value is None:
        return "—"
    number = round(100 * float(value), 1)
    sign = "+" if number > 0 else ("−" if number < 0 else "")
    return _("%(sign)s%(points)s points") % {"sign": sign, "points": f"{abs(number):g}"}


@register.filter
def change(value) -> str:
    """A signed difference: +3, −2, 0."""
    if value is None:
        return "—"
    number = round(float(value), 4)
    if number > 0:
        return f"+{number:g}"
    if number < 0:
        return f"−{abs(number):g}"
    return "0"


@register.filter
def minus(value, other):
    try:
        return value - other
    except TypeError:
        return None


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def sort_url(params: dict, sort: str, current: str, direction: str, search: str = "") -> str:
    """The query string that sorts the segment table by ``sort`` (the same column again flips the order)."""
    from urllib.parse import urlencode

    flipped = "asc" if current == sort and direction == "desc" else "desc"
    query = {**params, "sort": sort, "dir": flipped}
    if search:
        query["q"] = search
    return "?" + urlencode(query) + "#segments"


@register.simple_tag
def role_funnel(profile) -> dict:
    """The role page's funnel, from the same counters as the Analytics page: ``{"rows", "top"}``."""
    from analytics.selectors import role_funnel as steps_of

    rows = steps_of(profile)
    for row in rows:
        # How many reached this step without the one before it (e.g. hired with no recorded interview).
        row["jumps_text"] = (
            (
                ngettext(
                    "%(count)d without the step before", "%(count)d without the step before", row["jumps"]
                )
                % {"count": row["jumps"]}
            )
            if row["jumps"]
            else ""
        )
    return {"rows": rows, "top": max([row["reached"] for row in rows], default=0) or 1}
