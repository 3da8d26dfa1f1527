"""OpenAPI schema hooks (drf-spectacular ``POSTPROCESSING_HOOKS``).

Every operation gets a one-line ``summary``: the first sentence of its description (the view's docstring) when
it has one, else words made from its operation id. Operations that set ``summary`` themselves keep theirs.
"""

from __future__ import annotations

import re

_FIRST_SENTENCE = re.compile(r"^(.+?[.。])(?:\s|$)", re.DOTALL)
_VERBS = {
    "list": "List",
    "retrieve": "Get",
    "create": "Create",
    "update": "Replace",
    "partial_update": "Update",
    "destroy": "Delete",
}


def summary_for(operation: dict) -> str:
    """A one-line summary (at most 120 characters) for an OpenAPI operation without one."""
    description = " ".join((operation.get("description") or "").split())
    if description:
        match = _FIRST_SENTENCE.match(description)
        sentence = (match.group(1) if match else description).rstrip(".。")
        if len(sentence) <= 120:
            return sentence
        return sentence[:117].rstrip() + "…"
    words = (operation.get("operationId") or "").split("_")
    for size in (2, 1):  # the action is the last word or two ("partial_update")
        tail = "_".join(words[-size:])
        if tail in _VERBS:
            subject = " ".join(words[:-size]).replace("-", " ")
            return f"{_VERBS[tail]} {subject}".strip()
    return " ".join(words).replace("-", " ").capitalize()


def add_summaries(result: dict, generator, request, public) -> dict:
    for path_item in (result.get("paths") or {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "operationId" in operation and not operation.get("summary"):
                operation["summary"] = summary_for(operation)
    return result
