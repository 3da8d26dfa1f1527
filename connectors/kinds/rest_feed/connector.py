"""A generic REST profile feed: a base URL, an API key or OAuth2 client credentials, cursor / page / offset
pagination, and a declarative mapping from the feed's fields (dotted paths) to the person's.

Configuration (``POST /api/v1/sources/`` with kind ``rest_feed``)::

    {"base_url": "https://feed.example.com/profiles",
     "auth": {"type": "api_key", "header": "X-Api-Key", "value": "…"},        # or bearer / oauth2 / none
     "pagination": {"type": "cursor", "param": "cursor", "next_field": "next"}, # or page / offset / none
     "items_field": "items",
     "mapping": {"external_id": "id", "full_name": "name", "email": "email", "title": "title", …},
     "search": {"url": "https://feed.example.com/search", "query_param": "q"},   # optional: sourcing
     "rate_limit": 10}                                                           # requests per second

``auth.value`` and ``auth.client_secret`` are credentials: the service stores them encrypted and never shows
them again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.utils.translation import gettext as _

from ...transport import ConnectorError, FetchError, url_check
from ..base import (
    Connector,
    Page,
    Person,
    RecordError,
    SearchQuery,
    dig,
    moment_of,
    month_of,
    text_of,
    texts_of,
)

AUTH_TYPES = ("none", "api_key", "bearer", "oauth2_client_credentials")
PAGINATION_TYPES = ("none", "cursor", "page", "offset")
# Targets of the mapping; a list target takes a path ending in a list ("skills[].name") or a list value.
SCALAR_TARGETS = (
    "external_id",
    "full_name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "location",
    "country",
    "title",
    "company",
    "headline",
    "summary",
    "url",
    "updated_at",
)
LIST_TARGETS = ("emails", "phones", "skills", "languages")
NESTED_TARGETS = {
    "positions": ("company", "title", "start", "end", "is_current", "description"),
    "educations": ("school", "degree", "major", "start", "end"),
}
MAX_PAGE_RECORDS = 5_000


def _check_mapping(mapping) -> dict:
    if not isinstance(mapping, dict) or not isinstance(mapping.get("external_id"), str):
        raise ConnectorError(
            _("The mapping must name the field that holds each profile's id (external_id)."), field="mapping"
        )
    for target, path in mapping.items():
        if target in NESTED_TARGETS:
            if not (
                isinstance(path, dict)
                and isinstance(path.get("path"), str)
                and isinstance(path.get("fields", {}), dict)
            ):
                raise ConnectorError(
                    _('%(target)s needs {"path": …, "fields": {…}}.') % {"target": target}, field="mapping"
                )
            unknown = set(path.get("fields", {})) - set(NESTED_TARGETS[target])
            if unknown:
                raise ConnectorError(
                    _("Unknown fields in %(target)s: %(fields)s.")
                    % {"target": target, "fields": ", ".join(sorted(unknown))},
                    field="mapping",
                )
        elif target in SCALAR_TARGETS or target in LIST_TARGETS:
            if not isinstance(path, str) or not path:
                raise ConnectorError(
                    _("The mapping of %(target)s must be a field path.") % {"target": target}, field="mapping"
                )
        else:
            raise ConnectorError(
                _("Unknown mapping target %(target)s.") % {"target": target}, field="mapping"
            )
    return mapping


class RestFeedConnector(Connector):
    kind = "rest_feed"
    secret_paths = ("auth.value", "auth.client_secret")

    # Subclasses (the LinkedIn- and Maimai-style adapters) fix these; the generic feed reads them from the
    # configuration.
    default_items_field = ""
    default_pagination: dict = {"type": "none"}
    default_mapping: dict = {}
    default_country = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._token: tuple[str, float] | None = None

    # -- configuration ---------------------------------------------------------------------------------------

    @classmethod
    def clean_configuration(cls, configuration: dict) -> dict:
        configuration = dict(configuration or {})
        base_url = configuration.get("base_url")
        if not isinstance(base_url, str) or not base_url.strip():
            raise ConnectorError(_("Enter the feed's address (base_url)."), field="base_url")
        configuration["base_url"] = url_check(base_url.strip())
        auth = configuration.get("auth") or {"type": "none"}
        if not isinstance(auth, dict) or auth.get("type", "none") not in AUTH_TYPES:
            raise ConnectorError(
                _("auth.type must be one of %(types)s.") % {"types": ", ".join(AUTH_TYPES)}, field="auth"
            )
        if auth.get("type") == "api_key" and not (
            isinstance(auth.get("header"), str) and auth["header"].strip()
        ):
            raise ConnectorError(_("An API key needs the header it is sent in (auth.header)."), field="auth")
        if auth.get("type") == "oauth2_client_credentials":
            for key in ("token_url", "client_id"):
                if not isinstance(auth.get(key), str) or not auth[key].strip():
                    raise ConnectorError(
                        _("OAuth2 client credentials need auth.%(key)s.") % {"key": key}, field="auth"
                    )
            url_check(auth["token_url"])
        configuration["auth"] = auth
        pagination = configuration.get("pagination") or dict(cls.default_pagination)
        if not isinstance(pagination, dict) or pagination.get("type", "none") not in PAGINATION_TYPES:
            raise ConnectorError(
                _("pagination.type must be one of %(types)s.") % {"types": ", ".join(PAGINATION_TYPES)},
                field="pagination",
            )
        if pagination.get("type") == "cursor" and not (
            pagination.get("param") and pagination.get("next_field")
        ):
            raise ConnectorError(_("Cursor pagination needs param and next_field."), field="pagination")
        configuration["pagination"] = pagination
        if not isinstance(configuration.get("items_field", cls.default_items_field), str):
            raise ConnectorError(_("items_field must be a field path."), field="items_field")
        if not cls.default_mapping or "mapping" in configuration:
            configuration["mapping"] = _check_mapping(configuration.get("mapping"))
        search = configuration.get("search")
        if search is not None:
            if not isinstance(search, dict) or not isinstance(search.get("url"), str):
                raise ConnectorError(_("search needs the url to search at."), field="search")
            url_check(search["url"])
        try:
            rate = float(configuration.get("rate_limit", 10))
        except (TypeError, ValueError):
            rate = 0
        if not 0.1 <= rate <= 1000:
            raise ConnectorError(
                _("rate_limit is requests per second, from 0.1 to 1000."), field="rate_limit"
            )
        return configuration

    @property
    def can_search(self) -> bool:  # type: ignore[override]
        return bool(self.configuration.get("search"))

    @property
    def mapping(self) -> dict:
        return self.configuration.get("mapping") or self.default_mapping

    @property
    def items_field(self) -> str:
        return self.configuration.get("items_field", self.default_items_field)

    # -- requests ----------------------------------------------------------------------------------------------

    def _headers(self) -> dict:
        auth = self.configuration.get("auth") or {}
        kind = auth.get("type", "none")
        if kind == "api_key":
            return {auth["header"]: self.secrets.get("auth.value", "")}
        if kind == "bearer":
            return {"Authorization": f"Bearer {self.secrets.get('auth.value', '')}"}
        if kind == "oauth2_client_credentials":
            return {"Authorization": f"Bearer {self._access_token()}"}
        return {}

    def _access_token(self) -> str:
        if self._token and self._token[1] > time.monotonic() + 30:
            return self._token[0]
        auth = self.configuration["auth"]
        data = {"grant_type": "client_credentials"}
        if auth.get("scope"):
            data["scope"] = auth["scope"]
        response = self.client.request(
            "POST",
            auth["token_url"],
            data=data,
            auth=(auth["client_id"], self.secrets.get("auth.client_secret", "")),
        )
        try:
            body = response.json()
            token, lifetime = body["access_token"], float(body.get("expires_in", 3600))
        except (ValueError, KeyError, TypeError):
            raise FetchError(_("The token endpoint did not return an access_token.")) from None
        self._token = (token, time.monotonic() + lifetime)
        return token

    def _get(self, url: str, params: dict) -> object:
        return self.client.get_json(url, params=params, headers=self._headers())

    def _records(self, body) -> list:
        items = dig(body, self.items_field) if self.items_field else body
        if isinstance(items, dict) and not self.items_field:
            items = [items]  # one profile as the whole body
        if not isinstance(items, list):
            raise FetchError(
                _("The answer has no list of profiles at %(field)s.")
                % {"field": self.items_field or _("the top level")}
            )
        if len(items) > MAX_PAGE_RECORDS:
            raise FetchError(_("A page holds more than %(count)d profiles.") % {"count": MAX_PAGE_RECORDS})
        return items

    def pages(self, cursor: dict) -> Iterator[Page]:
        return self._pages(self.configuration["base_url"], cursor, {})

    def _pages(self, url: str, cursor: dict, extra: dict) -> Iterator[Page]:
        pagination = self.configuration.get("pagination") or self.default_pagination
        kind = pagination.get("type", "none")
        size_param, size = pagination.get("size_param"), int(pagination.get("size") or 100)
        state = dict(cursor or {})
        while True:
            params = dict(extra)
            if size_param:
                params[size_param] = size
            if kind == "cursor" and state.get("cursor"):
                params[pagination["param"]] = state["cursor"]
            elif kind == "page":
                state.setdefault("page", int(pagination.get("start", 1)))
                params[pagination.get("param", "page")] = state["page"]
            elif kind == "offset":
                state.setdefault("offset", 0)
                params[pagination.get("param", "offset")] = state["offset"]
            body = self._get(url, params)
            records = self._records(body)
            next_state: dict | None = None
            if kind == "cursor":
                token = dig(body, pagination["next_field"])
                if token not in (None, "") and token != state.get("cursor"):
                    next_state = {"cursor": str(token)}
            elif kind == "page":
                more = dig(body, pagination["more_field"]) if pagination.get("more_field") else bool(records)
                if records and more:
                    next_state = {"page": state["page"] + 1}
            elif kind == "offset":
                total = dig(body, pagination["total_field"]) if pagination.get("total_field") else None
                following = state["offset"] + len(records)
                if records and (total is None or following < int(total)):
                    next_state = {"offset": following}
            yield Page(records=records, cursor=dict(state), next_cursor=next_state)
            if next_state is None:
                return
            state = next_state

    # -- records -----------------------------------------------------------------------------------------------

    def record_label(self, record, position: int) -> str:
        value = dig(record, self.mapping.get("external_id", "")) if isinstance(record, dict) else None
        return text_of(value) or str(position)

    def person(self, record) -> Person:
        if not isinstance(record, dict):
            raise RecordError(_("The record is not an object."))
        mapping = self.mapping

        def one(target: str, limit: int = 200) -> str:
            return text_of(dig(record, mapping[target]), limit) if target in mapping else ""

        def many(target: str) -> list[str]:
            return texts_of(dig(record, mapping[target])) if target in mapping else []

        external_id = one("external_id")
        if not external_id:
            raise RecordError(_("The record has no id at %(path)s.") % {"path": mapping.get("external_id")})
        name = one("full_name") or " ".join(p for p in (one("first_name"), one("last_name")) if p)
        positions = self._nested(record, "positions")
        educations = self._nested(record, "educations")
        current = next((p for p in positions if p.get("is_current")), positions[0] if positions else {})
        person = Person(
            external_id=external_id,
            full_name=name,
            emails=[*filter(None, [one("email")]), *many("emails")],
            phones=[*filter(None, [one("phone", 40)]), *many("phones")],
            country=(one("country") or self.default_country).upper()[:2],
            location=one("location", 120),
            title=one("title") or current.get("title", ""),
            company=one("company") or current.get("company", ""),
            headline=one("headline", 500),
            summary=one("summary", 5000),
            url=one("url", 500),
            positions=positions,
            educations=educations,
            skills=many("skills"),
            languages=many("languages"),
            updated_at=moment_of(dig(record, mapping["updated_at"])) if "updated_at" in mapping else None,
        )
        if not (person.full_name or person.emails or person.phones):
            raise RecordError(_("The record has no name, e-mail or phone."))
        return person

    def _nested(self, record: dict, target: str) -> list[dict]:
        spec = self.mapping.get(target)
        if not spec:
            return []
        items = dig(record, spec["path"])
        if items is None:
            return []
        if not isinstance(items, list):
            raise RecordError(_("%(path)s is not a list.") % {"path": spec["path"]})
        fields = spec.get("fields") or {}
        entries = []
        for item in items:
            if not isinstance(item, dict):
                continue
            value = {name: dig(item, path) for name, path in fields.items()}
            if target == "positions":
                entry = {
                    "company": text_of(value.get("company")),
                    "title": text_of(value.get("title")),
                    "start": month_of(value.get("start")),
                    "end": month_of(value.get("end")),
                    "description": text_of(value.get("description"), 5000),
                }
                entry["is_current"] = (
                    bool(value.get("is_current")) if "is_current" in fields else not entry["end"]
                )
            else:
                from candidates.services.json_resume import _level

                degree = text_of(value.get("degree"), 100)
                entry = {
                    "school": text_of(value.get("school")),
                    "degree": degree,
                    "level": _level(degree),
                    "major": text_of(value.get("major")),
                    "start": month_of(value.get("start")),
                    "end": month_of(value.get("end")),
                }
            entries.append(entry)
        return entries

    # -- search ------------------------------------------------------------------------------------------------

    def search(self, query: SearchQuery, *, limit: int) -> Iterator:
        search = self.configuration.get("search")
        if not search:
            return super().search(query, limit=limit)
        extra = {search.get("query_param", "q"): query.text()}
        if query.location and search.get("location_param"):
            extra[search["location_param"]] = query.location
        return self._search_records(search["url"], extra, limit)

    def _search_records(self, url: str, extra: dict, limit: int) -> Iterator:
        seen = 0
        for page in self._pages(url, {}, extra):
            for record in page.records:
                yield record
                seen += 1
                if seen >= limit:
                    return
