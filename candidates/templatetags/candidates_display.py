"""Stored values of the pool as a page shows them, in the reader's language. Builtins (settings.TEMPLATES),
so every template can use them without a ``load``.

- ``{{ candidate.full_name|shown_name }}``: an anonymised resume's candidate is stored under the placeholder of
  the tenant's language ("未命名候选人"); a recruiter reading in English sees "Unnamed candidate". Every other
  name is shown as written.
- ``{{ document.parse_error|shown_parse_error }}``: why a file failed, stored in English for the API.
"""

import re

from django import template
from django.utils.translation import gettext, gettext_noop

from candidates.services.documents import A_JOB_AD, unnamed_candidate_names

# An earlier wording of NOT_A_RESUME, still stored on files refused before it changed
gettext_noop("No name, email or phone was found: this does not look like a resume.")
_JOB_AD = re.compile(r"^This reads as a job ad \((?P<phrases>.*)\), not a resume\.$")

register = template.Library()


@register.filter
def shown_name(name: str | None) -> str:
    if name in unnamed_candidate_names():
        return gettext("Unnamed candidate")
    return name or ""


@register.filter
def shown_parse_error(error: str | None) -> str:
    if not error:
        return ""
    job_ad = _JOB_AD.match(error)
    if job_ad:
        return gettext(A_JOB_AD) % {"phrases": job_ad["phrases"]}
    return gettext(error)
