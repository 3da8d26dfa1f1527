"""How engagement's notifications read: rendered from their params in the reader's language (registered with the
tenancy core in ``EngagementConfig.ready``), so a reply or a high-activity alert never reads in the sender's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from .models import InteractionKind


def reply(params: dict) -> tuple[str, str]:
    from .services.tracking import LABEL_NAMES, replies

    label = str(LABEL_NAMES.get(params["label"], LABEL_NAMES[replies.OTHER]))
    title = _("%(name)s replied: %(label)s") % {"name": params["name"], "label": label}
    body = params.get("snippet") or _("(no text)")
    if params.get("subject"):
        body = _("Re: %(subject)s") % {"subject": params["subject"]} + "\n\n" + body
    return title, body


def high_activity(params: dict) -> tuple[str, str]:
    name, zone = params["name"], ZoneInfo(params.get("zone") or "UTC")
    title = _("High activity: %(name)s — follow up first") % {"name": name}
    lines = [_("%(name)s's activity score is %(score)s.") % {"name": name, "score": f"{params['score']:g}"}]
    if params.get("reasons"):
        lines.append(_("Why:"))
        for reason in params["reasons"]:
            when = datetime.fromisoformat(reason["occurred_at"]).astimezone(zone)
            lines.append(
                _("- %(kind)s on %(when)s: %(points)s points now")
                % {
                    "kind": InteractionKind(reason["kind"]).label,
                    "when": f"{when:%Y-%m-%d %H:%M}",
                    "points": f"{reason['points']:g}",
                }
            )
    if params.get("roles"):
        lines.append(_("Open roles that fit:"))
        lines += [
            _("- %(title)s (fit %(score)s)") % {"title": role["title"], "score": f"{role['score']:g}"}
            for role in params["roles"]
        ]
    else:
        lines.append(_("No open role fits yet."))
    return title, "\n".join(str(line) for line in lines)


KINDS = {"reply": reply, "high_activity": high_activity}
