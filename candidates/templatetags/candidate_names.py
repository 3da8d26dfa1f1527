"""``{{ candidate.full_name|shown_name }}``: a candidate's name as a page shows it.

An anonymised resume's candidate is stored under the placeholder of the tenant's language ("未命名候选人");
a recruiter reading in English sees "Unnamed candidate". Every other name is shown as written. A builtin
(settings.TEMPLATES), so every template that shows a candidate's name can use it without a ``load``."""

from django import template
from django.utils.translation import gettext

from candidates.services.documents import unnamed_candidate_names

register = template.Library()


@register.filter
def shown_name(name: str | None) -> str:
    if name in unnamed_candidate_names():
        return gettext("Unnamed candidate")
    return name or ""
