"""The link every outreach email carries so the candidate can ask for their data or its erasure.

``/privacy/r/<token>/``: the token is signed (salt ``privacy.request``) and names the tenant and the candidate;
possession of the email is the proof of identity, as it is for an unsubscribe. It works for two years.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

SALT = "privacy.request"
MAX_AGE_SECONDS = 2 * 366 * 86400


@dataclass(frozen=True)
class RequestToken:
    tenant_id: int
    candidate_id: int


def make_token(tenant_id: int, candidate_id: int) -> str:
    return signing.dumps([int(tenant_id), int(candidate_id)], salt=SALT, compress=False)


def read_token(token: str) -> RequestToken | None:
    """The token's tenant and candidate, or None when it is forged, expired or malformed."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, list) or len(payload) != 2 or not all(isinstance(v, int) for v in payload):
        return None
    return RequestToken(*payload)


def request_url(tenant_id: int, candidate_id: int) -> str:
    return settings.SITE_URL + reverse("privacy_public:request", args=[make_token(tenant_id, candidate_id)])


def email_footer(row) -> tuple[str, str]:
    """The footer of an outreach email (text, HTML) in the message's language: the link to ask for one's data.
    Empty for a message with no candidate."""
    if not row.candidate_id:
        return "", ""
    url = request_url(row.tenant_id, row.candidate_id)
    with translation.override(row.language or None):
        words = _("To see, download or erase the data we hold about you, visit")
    return (
        f"\n\n--\n{words}: {url}\n",
        f'<hr><p style="font-size:12px;color:#666">{escape(words)}: <a href="{escape(url)}">{escape(url)}</a></p>',
    )
