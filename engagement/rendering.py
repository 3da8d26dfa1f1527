"""The sandbox that renders email and SMS templates: a small template language of our own.

Why not Django's template engine, locked down? Its variable lookup tries dictionary keys, then attributes,
then list indexes, and calls whatever callable it finds (``{{ candidate.items }}`` on a dict calls
``dict.items``); its built-in tags and filters (``load``, ``include``, ``ssi``, ``url``, ``safe``) are
registered by every ``Engine``, and an allow-list would have to be enforced around it. A parser of our own
that understands only the allowed constructs has nothing to lock down: what it does not know it refuses.

The language (a subset of Django's syntax, so recruiters who know one know the other):

- ``{{ candidate.name }}`` — a placeholder from the fixed allow-list below, optionally with filters:
  ``{{ candidate.company|default:"贵公司" }}``, ``|upper``, ``|lower``, ``|truncate:40`` (characters, adds "…").
- ``{% for role in roles %}…{% empty %}…{% endfor %}`` over ``roles`` or ``content``; inside, the loop variable
  has that list's fields (``role.title``) and ``forloop.counter`` (1, 2, …), ``forloop.first``/``last`` (in
  conditions only).
- ``{% if roles %}…{% elif candidate.company %}…{% else %}…{% endif %}``: conditions are placeholders combined
  with ``not``, ``and``, ``or``; no comparisons.
- ``{# a comment #}``.

The allow-list (``PLACEHOLDERS``): candidate.name / first_name / title / company / city; recruiter.name / email;
tenant.name; links.unsubscribe / preferences; roles (title, url, location, match); content (title, summary, url).

Safety properties, each tested in tests/engagement/test_rendering.py:

- Values come from a context of plain dicts, lists, strings and numbers (``candidate_context`` builds it from
  the models); lookups are ``dict.get`` only, so nothing is ever called and no attribute is ever read. A value
  of any other type renders as nothing, so no Python repr can leak.
- Rendered values are never parsed again: ``{{ }}`` in a candidate's name stays text.
- A template body is plain text, never HTML. ``render(..., html=True)`` gives the email's HTML part: every
  character is escaped (the template's text and the values), blank lines become paragraphs, line breaks
  ``<br>``, and http(s) URLs written in the template or held by a URL field (``role.url``, ``content.url``,
  ``links.*``) become links, the ones the tracking rewrites. URLs inside candidate fields stay text.
- Loops are over lists in the context, at most ``MAX_LOOP_ITEMS`` items each; nesting is limited; templates
  are limited in length. Rendering time is linear in the output.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

__all__ = [
    "PLACEHOLDERS",
    "TemplateError",
    "candidate_context",
    "first_name",
    "render",
    "render_message",
    "validate",
]

# The objects a template can name and their fields.
OBJECTS: dict[str, frozenset[str]] = {
    "candidate": frozenset({"name", "first_name", "title", "company", "city"}),
    "recruiter": frozenset({"name", "email"}),
    "tenant": frozenset({"name"}),
    "links": frozenset({"unsubscribe", "preferences"}),
}
# The lists a template can loop over and the fields of their items.
LISTS: dict[str, frozenset[str]] = {
    "roles": frozenset({"title", "url", "location", "match"}),
    "content": frozenset({"title", "summary", "url"}),
}
LOOP_FIELDS_OUTPUT = frozenset({"counter"})
LOOP_FIELDS_CONDITION = frozenset({"counter", "first", "last"})
URL_FIELDS = frozenset({"url", "unsubscribe", "preferences"})
FILTERS = frozenset({"default", "upper", "lower", "truncate"})

PLACEHOLDERS: tuple[str, ...] = (
    *(f"{name}.{item}" for name, items in OBJECTS.items() for item in sorted(items)),
    *(f"{name}[].{item}" for name, items in LISTS.items() for item in sorted(items)),
)

MAX_TEMPLATE_LENGTH = 20_000
MAX_NESTING = 6
MAX_LOOP_ITEMS = 50
MAX_TRUNCATE = 1000

_TAG = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.S)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PATH = re.compile(rf"{_NAME}(?:\.{_NAME})*\Z")
_EXPRESSION = re.compile(
    rf"\s*(?P<path>{_NAME}(?:\.{_NAME})*)\s*"
    r"(?P<filters>(?:\|\s*[A-Za-z_]+(?:\s*:\s*(?:\"[^\"]*\"|'[^']*'|-?\d+))?\s*)*)\Z",
    re.S,
)
_FILTER = re.compile(r"\|\s*(?P<name>[A-Za-z_]+)(?:\s*:\s*(?P<arg>\"[^\"]*\"|'[^']*'|-?\d+))?")
_FOR = re.compile(rf"for\s+(?P<var>{_NAME})\s+in\s+(?P<list>{_NAME})\Z")
# A URL ends before whitespace, quotes, angle brackets and CJK punctuation; trailing sentence punctuation is
# not part of it.
_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+", re.I)
_URL_TRAILING = ".,;:!?)]}"
_WHOLE_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.I)


class TemplateError(ValueError):
    """A template that cannot be accepted: the message names the placeholder or construct at fault.

    ``name`` is that placeholder or construct alone (``candidate.salary``, ``{% load %}``, ``|safe``)."""

    def __init__(self, message: str, *, name: str = ""):
        super().__init__(message)
        self.name = name


def _unknown(name: str) -> TemplateError:
    return TemplateError(_("Unknown placeholder: %(name)s") % {"name": name}, name=name)


def _not_allowed(name: str) -> TemplateError:
    return TemplateError(_("Not allowed: %(name)s") % {"name": name}, name=name)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the parsed form ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    name: str
    arg: str | int | None = None


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Var:
    path: tuple[str, ...]
    filters: tuple[Filter, ...] = ()


@dataclass(frozen=True)
class Condition:
    """``op`` is "path", "not", "and" or "or"."""

    op: str
    path: tuple[str, ...] = ()
    operands: tuple[Condition, ...] = ()


@dataclass
class For:
    var: str
    list_name: str
    body: list = field(default_factory=list)
    empty: list = field(default_factory=list)


@dataclass
class If:
    branches: list[tuple[Condition, list]] = field(default_factory=list)
    otherwise: list = field(default_factory=list)


# --- parsing and validation ------------------------------------------------------------------------------------


def _check_path(path: tuple[str, ...], scope: dict[str, str], *, in_condition: bool) -> None:
    """Refuse a path outside the allow-list. ``scope`` maps loop variables to the list they walk."""
    dotted = ".".join(path)
    if any(part.startswith("_") for part in path):
        raise _not_allowed(dotted)
    head = path[0]
    if head in scope:
        if len(path) == 2 and path[1] in LISTS[scope[head]]:
            return
        raise _unknown(dotted)
    if head == "forloop" and scope:
        allowed = LOOP_FIELDS_CONDITION if in_condition else LOOP_FIELDS_OUTPUT
        if len(path) == 2 and path[1] in allowed:
            return
        if len(path) == 2 and path[1] in LOOP_FIELDS_CONDITION:
            raise _not_allowed(dotted)
        raise _unknown(dotted)
    if head in OBJECTS:
        if len(path) == 2 and path[1] in OBJECTS[head]:
            return
        raise _unknown(dotted)
    if head in LISTS:
        if len(path) == 1 and in_condition:
            return
        if len(path) == 1:
            # A list is shown through a loop; printing it whole would print a Python list.
            raise TemplateError(
                _("Not allowed: {{ %(name)s }} — a list: use {%% for … in %(name)s %%}") % {"name": head},
                name=head,
            )
        raise _unknown(dotted)
    raise _unknown(dotted)


def _parse_var(inner: str, scope: dict[str, str]) -> Var:
    match = _EXPRESSION.match(inner)
    if match is None:
        # Name the first word when it is a plain name (an unknown placeholder with odd syntax after it).
        raise _not_allowed("{{ " + _short(inner.strip()) + " }}")
    path = tuple(match["path"].split("."))
    _check_path(path, scope, in_condition=False)
    filters = []
    for found in _FILTER.finditer(match["filters"]):
        name, raw = found["name"], found["arg"]
        if name not in FILTERS:
            raise _not_allowed(f"|{name}")
        if name == "default":
            if raw is None or raw[0] not in "\"'":
                raise TemplateError(
                    _('The filter |default needs a text in quotes: |default:"…"'), name="|default"
                )
            filters.append(Filter(name, raw[1:-1]))
        elif name == "truncate":
            if raw is None or raw[0] in "\"'" or not (1 <= int(raw) <= MAX_TRUNCATE):
                raise TemplateError(
                    _("The filter |truncate needs a length from 1 to %(max)s: |truncate:40")
                    % {"max": MAX_TRUNCATE},
                    name="|truncate",
                )
            filters.append(Filter(name, int(raw)))
        else:
            if raw is not None:
                raise TemplateError(
                    _("The filter |%(name)s takes no argument.") % {"name": name}, name=f"|{name}"
                )
            filters.append(Filter(name))
    return Var(path, tuple(filters))


def _parse_condition(words: list[str], scope: dict[str, str], tag: str) -> Condition:
    """``or`` binds loosest, then ``and``, then ``not``; operands are placeholders."""
    if not words:
        raise TemplateError(_("{%% %(tag)s %%} needs a condition.") % {"tag": tag}, name=f"{{% {tag} %}}")
    position = 0

    def operand() -> Condition:
        nonlocal position
        if position >= len(words):
            raise TemplateError(_("{%% %(tag)s %%} ends too early.") % {"tag": tag}, name=f"{{% {tag} %}}")
        word = words[position]
        position += 1
        if word == "not":
            return Condition("not", operands=(operand(),))
        if word in ("and", "or") or not _PATH.match(word):
            raise TemplateError(
                _("Not allowed in {%% %(tag)s %%}: %(word)s") % {"tag": tag, "word": _short(word)}, name=word
            )
        path = tuple(word.split("."))
        _check_path(path, scope, in_condition=True)
        return Condition("path", path=path)

    def conjunction() -> Condition:
        nonlocal position
        parts = [operand()]
        while position < len(words) and words[position] == "and":
            position += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else Condition("and", operands=tuple(parts))

    parts = [conjunction()]
    while position < len(words) and words[position] == "or":
        position += 1
        parts.append(conjunction())
    if position < len(words):
        word = words[position]
        raise TemplateError(
            _("Not allowed in {%% %(tag)s %%}: %(word)s") % {"tag": tag, "word": _short(word)}, name=word
        )
    return parts[0] if len(parts) == 1 else Condition("or", operands=tuple(parts))


def parse(text: str) -> list:
    """The template as a tree of Text, Var, For and If nodes. Raises TemplateError naming what is refused."""
    if not isinstance(text, str):
        raise TemplateError(_("A template is text."), name="")
    if len(text) > MAX_TEMPLATE_LENGTH:
        raise TemplateError(
            _("A template can be at most %(max)s characters long.") % {"max": MAX_TEMPLATE_LENGTH}, name=""
        )
    root: list = []
    # Each open block: (node, the list being filled, the tag that closes it, the scope inside it).
    stack: list[tuple[object, list, str, dict[str, str]]] = []
    current, scope = root, {}
    for piece in _TAG.split(text):
        if not piece:
            continue
        if piece.startswith("{#") and piece.endswith("#}"):
            continue
        if piece.startswith("{{") and piece.endswith("}}"):
            current.append(_parse_var(piece[2:-2], scope))
            continue
        if piece.startswith("{%") and piece.endswith("%}"):
            inner = piece[2:-2].strip()
            words = inner.split()
            tag = words[0] if words else ""
            if tag == "for":
                found = _FOR.match(" ".join(words))
                if found is None:
                    raise TemplateError(_("Write loops as {% for role in roles %}."), name="{% for %}")
                var, list_name = found["var"], found["list"]
                if list_name not in LISTS:
                    if list_name in OBJECTS or list_name.startswith("_"):
                        raise _not_allowed("{% for … in " + list_name + " %}")
                    raise _unknown(list_name)
                if var.startswith("_") or var in OBJECTS or var in LISTS or var == "forloop" or var in scope:
                    raise _not_allowed("{% for " + var + " in … %}")
                if len(stack) >= MAX_NESTING:
                    raise TemplateError(_("Blocks are nested too deeply."), name="{% for %}")
                node = For(var, list_name)
                current.append(node)
                stack.append((node, current, "endfor", scope))
                scope = {**scope, var: list_name}
                current = node.body
            elif tag == "empty":
                node = stack[-1][0] if stack else None
                if not isinstance(node, For) or current is not node.body or len(words) > 1:
                    raise TemplateError(_("{% empty %} belongs inside a {% for %}."), name="{% empty %}")
                current = node.empty
            elif tag == "if":
                if len(stack) >= MAX_NESTING:
                    raise TemplateError(_("Blocks are nested too deeply."), name="{% if %}")
                node = If()
                node.branches.append((_parse_condition(words[1:], scope, "if"), []))
                current.append(node)
                stack.append((node, current, "endif", scope))
                current = node.branches[-1][1]
            elif tag in ("elif", "else"):
                node = stack[-1][0] if stack else None
                if not isinstance(node, If) or current is node.otherwise:
                    raise TemplateError(
                        _("{%% %(tag)s %%} belongs inside an {%% if %%}.") % {"tag": tag},
                        name=f"{{% {tag} %}}",
                    )
                if tag == "elif":
                    node.branches.append((_parse_condition(words[1:], stack[-1][3], "elif"), []))
                    current = node.branches[-1][1]
                else:
                    if len(words) > 1:
                        raise _not_allowed("{% else " + _short(" ".join(words[1:])) + " %}")
                    current = node.otherwise
            elif tag in ("endfor", "endif"):
                if not stack or stack[-1][2] != tag or len(words) > 1:
                    raise TemplateError(
                        _("Unexpected {%% %(tag)s %%}.") % {"tag": tag}, name=f"{{% {tag} %}}"
                    )
                _node, current, _closing, scope = stack.pop()
            else:
                raise _not_allowed("{% " + _short(tag or inner) + " %}")
            continue
        # Plain text: an opening delimiter left in it is a placeholder or tag that was never closed.
        for opening, closing in (("{{", "}}"), ("{%", "%}")):
            if opening in piece:
                start = piece.index(opening)
                raise TemplateError(
                    _("Not closed with %(closing)s: %(text)s")
                    % {"closing": closing, "text": _short(piece[start : start + 40])},
                    name=_short(piece[start : start + 40]),
                )
        current.append(Text(piece))
    if stack:
        closing = stack[-1][2]
        raise TemplateError(_("Missing {%% %(tag)s %%}.") % {"tag": closing}, name=f"{{% {closing} %}}")
    return root


def validate(text: str) -> None:
    """Raise TemplateError naming the first unknown placeholder or forbidden construct; return None if fine."""
    parse(text)


# --- rendering --------------------------------------------------------------------------------------------------


def _lookup(path: tuple[str, ...], context: Mapping, loops: dict[str, dict]):
    """The value at ``path``: dictionary keys only, never attributes, never calls."""
    head, rest = path[0], path[1:]
    if head in loops:
        value = loops[head]
    else:
        value = context.get(head) if isinstance(context, Mapping) else None
    for part in rest:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _as_text(value) -> str:
    """Strings as they are, numbers in plain digits, anything else as nothing (never a repr)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(round(value))) if value == value and abs(value) < 1e15 else ""
    return ""


def _truthy(value) -> bool:
    if isinstance(value, str | list | tuple):
        return bool(value)
    if isinstance(value, bool | int | float):
        return bool(value)
    return False


def _holds(condition: Condition, context: Mapping, loops: dict) -> bool:
    if condition.op == "path":
        return _truthy(_lookup(condition.path, context, loops))
    if condition.op == "not":
        return not _holds(condition.operands[0], context, loops)
    if condition.op == "and":
        return all(_holds(part, context, loops) for part in condition.operands)
    return any(_holds(part, context, loops) for part in condition.operands)


def _apply(value: str, filters: tuple[Filter, ...]) -> str:
    for item in filters:
        if item.name == "default":
            value = value if value.strip() else str(item.arg)
        elif item.name == "upper":
            value = value.upper()
        elif item.name == "lower":
            value = value.lower()
        elif item.name == "truncate":
            limit = int(item.arg)
            value = value if len(value) <= limit else value[: max(limit - 1, 0)].rstrip() + "…"
    return value


def _link(url: str, links: list[str]) -> str:
    if url not in links:
        links.append(url)
    escaped = html_lib.escape(url, quote=True)
    return f'<a href="{escaped}">{escaped}</a>'


def _linkify_text(text: str, links: list[str]) -> str:
    """Literal template text for HTML: escaped, with its http(s) URLs as links."""
    out, position = [], 0
    for found in _URL.finditer(text):
        url = found.group(0).rstrip(_URL_TRAILING)
        out.append(html_lib.escape(text[position : found.start()], quote=True))
        out.append(_link(url, links))
        position = found.start() + len(url)
    out.append(html_lib.escape(text[position:], quote=True))
    return "".join(out)


class _Loop(dict):
    """``forloop``: a plain dict, so lookups stay dictionary lookups."""


def _render_nodes(
    nodes: list, context: Mapping, loops: dict, out: list[str], *, html: bool, links: list[str]
):
    for node in nodes:
        if isinstance(node, Text):
            out.append(_linkify_text(node.text, links) if html else node.text)
        elif isinstance(node, Var):
            value = _apply(_as_text(_lookup(node.path, context, loops)), node.filters)
            if not html:
                out.append(value)
            elif node.path[-1] in URL_FIELDS and _WHOLE_URL.match(value):
                out.append(_link(value, links))
            else:
                out.append(html_lib.escape(value, quote=True))
        elif isinstance(node, For):
            items = context.get(node.list_name) if isinstance(context, Mapping) else None
            items = (
                [item for item in items if isinstance(item, Mapping)][:MAX_LOOP_ITEMS]
                if isinstance(items, list | tuple)
                else []
            )
            if not items:
                _render_nodes(node.empty, context, loops, out, html=html, links=links)
            for index, item in enumerate(items):
                inner = {
                    **loops,
                    node.var: item,
                    "forloop": _Loop(counter=index + 1, first=index == 0, last=index == len(items) - 1),
                }
                _render_nodes(node.body, context, inner, out, html=html, links=links)
        elif isinstance(node, If):
            for condition, body in node.branches:
                if _holds(condition, context, loops):
                    _render_nodes(body, context, loops, out, html=html, links=links)
                    break
            else:
                _render_nodes(node.otherwise, context, loops, out, html=html, links=links)


def _paragraphs(markup: str) -> str:
    """Blank lines → paragraphs, line breaks → <br>: the plain-text body laid out as HTML."""
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n+", markup.replace("\r\n", "\n"))]
    return "\n".join(
        f"<p>{block.replace(chr(10), '<br>' + chr(10))}</p>" for block in blocks if block.strip()
    )


def _render(text: str, context: Mapping, *, html: bool) -> tuple[str, list[str]]:
    out: list[str] = []
    links: list[str] = []
    _render_nodes(
        parse(text), context if isinstance(context, Mapping) else {}, {}, out, html=html, links=links
    )
    rendered = "".join(out)
    return (_paragraphs(rendered) if html else rendered), links


def render(text: str, context: Mapping, *, html: bool = False) -> str:
    """The template filled from ``context`` (as built by ``candidate_context``).

    ``html=False``: the text part (and subjects, SMS), values as they are. ``html=True``: the email's HTML part,
    everything escaped, paragraphs and links laid out (module docstring). Raises TemplateError for a template
    ``validate`` refuses; never anything else for any context."""
    return _render(text, context, html=html)[0]


def render_message(subject: str, body: str, context: Mapping) -> dict:
    """A whole email (or SMS, with an empty subject): ``{"subject", "text", "html", "links"}``.

    The subject is one line (whitespace, line breaks included, collapsed: a header cannot be split by a value);
    ``links`` are the http(s) URLs the HTML part links to, in order, for the outbox's ``links``. Raises
    TemplateError for a refused subject or body (validate each on its own first to tell which field)."""
    subject_text = " ".join(render(subject, context).split()) if subject else ""
    html, links = _render(body, context, html=True)
    return {"subject": subject_text, "text": render(body, context), "html": html, "links": links}


# --- the context ---------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def first_name(full_name: str) -> str:
    """How to greet someone by a short name. A Chinese name stays whole (张伟: greeting "张伟，您好" is polite;
    the given name alone, 伟, is intimate and the surname alone needs a title we cannot guess). A Latin name
    gives its first word (Alice Chen → Alice)."""
    name = " ".join((full_name or "").split())
    if not name or _CJK.search(name):
        return name
    return name.split(" ")[0]


def _text(value) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _pick(item, names: Iterable[str]) -> dict:
    """Named fields of a mapping or of a model instance (explicit names only), as text."""
    if isinstance(item, Mapping):
        return {name: _text(item.get(name)) for name in names}
    return {name: _text(getattr(item, name, "")) for name in names}


def _role(item) -> dict:
    role = _pick(item, ("title", "url", "location"))
    score = (
        item.get("match", item.get("score")) if isinstance(item, Mapping) else getattr(item, "match", None)
    )
    try:
        role["match"] = int(round(float(score))) if score is not None else ""
    except (TypeError, ValueError):
        role["match"] = ""
    return role


def candidate_context(candidate, *, recruiter=None, tenant=None, roles=(), content=(), links=None) -> dict:
    """The context a template sees, as plain dicts of strings (and a role's ``match``, 0–100).

    ``candidate`` is a Candidate; ``recruiter`` a User or a mapping with name/email; ``tenant`` defaults to
    the candidate's; ``roles`` are mappings (``roles_for_candidate``'s id/title/score, or title/url/location/
    match) or RoleProfiles; ``content`` ContentItems or mappings; ``links`` a mapping with unsubscribe and
    preferences URLs. Reads the tenant row when ``tenant`` is not given; nothing else."""
    full_name = _text(getattr(candidate, "full_name", "")).strip()
    if tenant is None and getattr(candidate, "tenant_id", None) is not None:
        tenant = candidate.tenant
    if recruiter is None:
        recruiter_values = {"name": "", "email": ""}
    else:
        recruiter_values = _pick(recruiter, ("name", "email"))
    return {
        "candidate": {
            "name": full_name,
            "first_name": first_name(full_name),
            "title": _text(getattr(candidate, "current_title", "")),
            "company": _text(getattr(candidate, "current_company", "")),
            "city": _text(getattr(candidate, "location", "")),
        },
        "recruiter": recruiter_values,
        "tenant": {"name": _text(getattr(tenant, "name", "")) if tenant is not None else ""},
        "roles": [_role(item) for item in roles],
        "content": [_pick(item, ("title", "summary", "url")) for item in content],
        "links": _pick(links or {}, ("unsubscribe", "preferences")),
    }
