"""How the pipeline's notifications read: rendered from their params in the reader's language (registered with
the tenancy core in ``ProfilesConfig.ready``), so a Chinese inbox and an English hiring manager each read their own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Decision


def shortlist_sent(params: dict) -> tuple[str, str]:
    return _("Shortlist for %(role)s: %(n)d candidates to review") % {
        "role": params["role"],
        "n": int(params["n"]),
    }, ""


def shortlist_decision(params: dict) -> tuple[str, str]:
    from .services import reason_label

    title = _("%(who)s: %(decision)s — %(candidate)s for %(role)s") % {
        "who": params["who"],
        "decision": Decision(params["decision"]).label,
        "candidate": params["candidate"],
        "role": params["role"],
    }
    reasons = ", ".join(reason_label(reason) for reason in params.get("reasons") or ())
    return title, "; ".join(filter(None, [reasons, params.get("comment") or ""]))


KINDS = {"shortlist_sent": shortlist_sent, "shortlist_decision": shortlist_decision}
