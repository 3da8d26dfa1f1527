"""Tracking links in messages, and the rules that tell a machine's fetch from a person's.

URL builders (absolute, from ``settings.SITE_URL``; every token is signed by ``engagement.tokens`` and carries
the tenant and the message, so the public views under /e/ enter the tenant straight from it):

- ``open_url(message)``: the 1×1 GIF, ``/e/o/<token>.gif``;
- ``click_url(message, index)``: ``/e/c/<token>``, a redirect to ``message.links[index]`` and nowhere else;
- ``unsubscribe_url(message)``: ``/e/u/<token>``, the RFC 8058 one-click target (GET asks, POST unsubscribes);
- ``unsubscribe_mailto(message)`` / ``reply_address(message)``: ``reply+<reply_token>@<reply domain>``; mail to
  it comes back through the inbound webhook, where the subject "unsubscribe" / "退订" unsubscribes;
- ``instrument_html(message, html)``: links that are in ``message.links`` become click URLs; the pixel is added.

Machine fetches (docs/engagement.md, "Tracking, machine opens and replies"): ``machine_reason`` names the rule
a request breaks, from what the request itself shows (user agent, network, HEAD, how soon after sending). The
burst rule (several links of one message within seconds) needs the message's other clicks and lives in
``engagement.services.tracking``.
"""

from __future__ import annotations

import functools
import html as html_lib
import ipaddress
import re
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from . import tokens

# --- machine fetches ----------------------------------------------------------------------------------------

# A fetch this soon after the message was sent (or delivered) is the receiving side scanning or prefetching it:
# nobody opens a mail and clicks in it within seconds of its arrival often enough to be worth counting.
MACHINE_SECONDS_AFTER_SEND = 10
# Two or more different links of one message fetched within this many seconds: a scanner following every link.
CLICK_BURST_SECONDS = 5

# Substrings of user agents (compared case-insensitively) that name a mail privacy proxy or a security scanner.
MACHINE_USER_AGENTS = (
    ("googleimageproxy", "google_image_proxy"),  # Gmail fetches every image through it, human or not
    ("ggpht.com", "google_image_proxy"),
    ("yahoomailproxy", "yahoo_mail_proxy"),
    ("safelinks", "microsoft_safe_links"),
    ("microsoft office existence discovery", "microsoft_safe_links"),
    ("ms-office; msoffice", "microsoft_safe_links"),
    ("barracuda", "barracuda"),
    ("proofpoint", "proofpoint"),
    ("urldefense", "proofpoint"),
    ("mimecast", "mimecast"),
    ("symantec", "symantec"),
    ("messagelabs", "symantec"),
    ("headlesschrome", "headless_browser"),
    ("phantomjs", "headless_browser"),
    ("python-requests", "script"),
    ("python-urllib", "script"),
    ("curl/", "script"),
    ("wget/", "script"),
    ("go-http-client", "script"),
    ("libwww-perl", "script"),
    ("java/", "script"),
    ("bot/", "crawler"),
    ("crawler", "crawler"),
    ("spider", "crawler"),
)
# Apple Mail Privacy Protection prefetches every image through Apple's relay with this exact user agent and
# nothing after it; a real browser or mail client always says more.
APPLE_PRIVACY_USER_AGENT = "mozilla/5.0"

# Networks whose fetches are machines, as (CIDR, name). Sources, as published by each company; operators add to
# or replace this list with settings.ENGAGEMENT_MACHINE_NETWORKS ([[cidr, name], ...]) when the lists change:
# - Apple: 17.0.0.0/8 is Apple's own allocation (ARIN); Mail Privacy Protection also leaves through the iCloud
#   Private Relay egress ranges, published at https://mask-api.icloud.com/egress-ip-ranges.csv (long and
#   changing: load it into the setting rather than here).
# - Microsoft Exchange Online Protection (Safe Links, Safe Attachments): the "Exchange Online" ranges of
#   Microsoft's "Office 365 URLs and IP address ranges" (endpoint set 10).
# - Mimecast, Proofpoint, Barracuda: the inbound gateway ranges in each vendor's published configuration guide.
MACHINE_NETWORKS = (
    ("17.0.0.0/8", "apple_privacy_relay"),
    ("40.92.0.0/15", "microsoft_eop"),
    ("40.107.0.0/16", "microsoft_eop"),
    ("52.100.0.0/14", "microsoft_eop"),
    ("104.47.0.0/17", "microsoft_eop"),
    ("205.139.110.0/24", "mimecast"),
    ("216.205.24.0/24", "mimecast"),
    ("148.163.128.0/19", "proofpoint"),
    ("67.231.144.0/20", "proofpoint"),
    ("64.235.144.0/20", "barracuda"),
    ("209.222.80.0/21", "barracuda"),
)


def _networks() -> list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str]]:
    configured = getattr(settings, "ENGAGEMENT_MACHINE_NETWORKS", None)
    rows = configured if configured is not None else MACHINE_NETWORKS
    return [(ipaddress.ip_network(cidr, strict=False), name) for cidr, name in rows]


def machine_reason(
    *,
    user_agent: str,
    ip: str,
    method: str = "GET",
    sent_at: datetime | None,
    delivered_at: datetime | None = None,
    now: datetime,
) -> str:
    """The rule this fetch of a tracking URL breaks ("user_agent:<name>", "network:<name>", "head_request",
    "not_sent", "within_seconds_of_sending"), or "" for what looks like a person. Pure: no database."""
    agent = (user_agent or "").strip().lower()
    if not agent:
        return "user_agent:missing"
    if agent == APPLE_PRIVACY_USER_AGENT:
        return "user_agent:apple_mail_privacy"
    for marker, name in MACHINE_USER_AGENTS:
        if marker in agent:
            return f"user_agent:{name}"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        address = None
    if address is not None:
        for network, name in _networks():
            if address.version == network.version and address in network:
                return f"network:{name}"
    if method.upper() == "HEAD":  # link checkers look without loading the page; a person's browser GETs
        return "head_request"
    if sent_at is None:
        return "not_sent"  # nothing was sent yet: a preview or a guessed URL, not the recipient
    reference = max(moment for moment in (sent_at, delivered_at) if moment is not None)
    if now - reference < timedelta(seconds=MACHINE_SECONDS_AFTER_SEND):
        return "within_seconds_of_sending"
    return ""


# --- URLs ---------------------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


_TOKEN_SLOT = "0token0"


@functools.lru_cache(maxsize=8)
def _route(name: str) -> tuple[str, str]:
    """The public route's path around its token, resolved once: an email has a dozen links, a batch hundreds of
    emails, and reverse() cost more than the rest of building them."""
    before, _slot, after = reverse(name, args=[_TOKEN_SLOT]).partition(_TOKEN_SLOT)
    return before, after


def _public_url(name: str, token: str) -> str:
    before, after = _route(name)
    return _absolute(f"{before}{token}{after}")


def open_url(message) -> str:
    return _public_url("engagement_public:open", tokens.make("open", message.tenant_id, message.pk))


def click_url(message, index: int) -> str:
    """The tracked URL of ``message.links[index]``. Raises IndexError for an index the message does not have."""
    if not 0 <= index < len(message.links or []):
        raise IndexError(f"message {message.pk} has no link {index}")
    return _public_url("engagement_public:click", tokens.make("click", message.tenant_id, message.pk, index))


def unsubscribe_url(message) -> str:
    return _public_url(
        "engagement_public:unsubscribe", tokens.make("unsubscribe", message.tenant_id, message.pk)
    )


def reply_domain() -> str:
    """settings.ENGAGEMENT_REPLY_DOMAIN, else SITE_URL's host (an IP address as an address literal)."""
    configured = getattr(settings, "ENGAGEMENT_REPLY_DOMAIN", "")
    if configured:
        return configured
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return f"[{host}]"


def ensure_reply_token(message) -> str:
    """The message's reply token, made and stored now if the message has none yet. Safe to run twice and
    concurrently: the token is written only where none is, and the stored one is returned."""
    if message.reply_token:
        return message.reply_token
    candidate = secrets.token_hex(12)
    if message.pk is None:
        message.reply_token = candidate
        return candidate
    type(message).objects.filter(pk=message.pk, reply_token="").update(reply_token=candidate)
    message.reply_token = (
        type(message).objects.filter(pk=message.pk).values_list("reply_token", flat=True).get()
    )
    return message.reply_token


def reply_address(message) -> str:
    """``reply+<reply_token>@<reply domain>``: replies to it are matched to the message by the token."""
    return f"reply+{ensure_reply_token(message)}@{reply_domain()}"


REPLY_ADDRESS = re.compile(r"reply\+([A-Za-z0-9_-]{6,40})@", re.IGNORECASE)


def reply_token_in(address_text: str) -> str:
    """The reply token in a (list of) recipient address(es), or ""."""
    found = REPLY_ADDRESS.search(address_text or "")
    return found.group(1) if found else ""


def unsubscribe_mailto(message) -> str:
    """The mailto of List-Unsubscribe: the reply address with the subject "unsubscribe"."""
    return f"mailto:{reply_address(message)}?subject=unsubscribe"


# --- HTML ---------------------------------------------------------------------------------------------------

_ANCHOR_HREF = re.compile(
    r"""(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE | re.DOTALL
)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def link_url(link) -> str:
    """A stored link's URL: links are stored as strings (or {"url": …} objects)."""
    if isinstance(link, dict):
        return str(link.get("url") or "")
    return str(link or "")


def instrument_html(message, html: str) -> str:
    """``html`` with each <a href> whose URL is one of ``message.links`` pointing at its click URL, and the open
    pixel added before </body> (or at the end). Other links are left alone. Safe to run twice."""
    index_of: dict[str, int] = {}
    for index, link in enumerate(message.links or []):
        index_of.setdefault(link_url(link), index)

    tracked: dict[int, str] = {}  # a link repeated in the mail (logo, button, footer) is signed once

    def rewrite(match: re.Match) -> str:
        raw = next(group for group in match.groups()[1:] if group is not None)
        index = index_of.get(html_lib.unescape(raw).strip())
        if index is None:
            return match.group(0)
        if index not in tracked:
            tracked[index] = html_lib.escape(click_url(message, index), quote=True)
        return f'{match.group(1)}"{tracked[index]}"'

    result = _ANCHOR_HREF.sub(rewrite, html or "")
    pixel_src = html_lib.escape(open_url(message), quote=True)
    if pixel_src in result:
        return result
    pixel = (
        f'<img src="{pixel_src}" width="1" height="1" alt="" '
        'style="display:block;border:0;width:1px;height:1px;overflow:hidden">'
    )
    ends = list(_BODY_END.finditer(result))
    body_end = ends[-1] if ends else None  # the last </body>: an earlier one may sit in a quoted mail
    if body_end is None:
        return result + pixel
    return result[: body_end.start()] + pixel + result[body_end.start() :]
