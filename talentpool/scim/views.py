"""SCIM 2.0 endpoints (RFC 7643/7644) for one tenant, chosen by its bearer token."""

from __future__ import annotations

import functools
import json
import re

from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from scim2_models import Context, Group, ResourceType, User

from talentpool.accounts.models import ScimGroup, ScimUser
from talentpool.tenancy.context import tenant_context

from . import services
from .services import ScimError
from .tokens import scim_token_by_full, scim_token_touch

CONTENT_TYPE = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
MAX_RESULTS = 200
# The attributes this service keeps; Schemas publishes only these, so a client knows what comes back.
USER_ATTRIBUTES = {"userName", "name", "displayName", "emails", "active", "groups"}
GROUP_ATTRIBUTES = {"displayName", "members"}
# A person here is an email address (SSO matches on it), so a User needs one.
REQUIRED_ATTRIBUTES = {"emails"}
KEPT_SUB_ATTRIBUTES = {"name": {"givenName", "familyName"}, "members": {"value", "$ref", "type"}}
READ_ONLY_SUB_ATTRIBUTES: set[tuple[str, str]] = set()


def scim_response(payload, status: int = 200, headers: dict | None = None) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def scim_error(status: int, detail: str, scim_type: str | None = None) -> HttpResponse:
    body = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    response = scim_response(body, status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="scim"'
    return response


def scim_view(*methods: str):
    """Authenticate the SCIM token (an API key is refused), enter its tenant, answer errors RFC 7644's way."""
    return functools.partial(_scim_view, methods=set(methods))


def _scim_view(view, methods: set[str]):
    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        authorization = request.headers.get("Authorization", "")
        token = authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""
        row = scim_token_by_full(token) if token else None
        if row is None:
            return scim_error(401, "A valid SCIM token is required (API keys do not work here).")
        if request.method not in methods:
            return scim_error(405, f"{request.method} is not supported here.")
        request.scim_token = row
        request.tenant = row.tenant
        request.scim_params = request.GET
        body = None
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                body = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                return scim_error(400, "The body is not JSON.", "invalidSyntax")
            if not isinstance(body, dict):
                return scim_error(400, "The body must be a JSON object.", "invalidSyntax")
        with tenant_context(row.tenant):
            scim_token_touch(row)
            try:
                with transaction.atomic():
                    return view(request, body, *args, **kwargs)
            except ScimError as error:
                return scim_error(error.status, error.detail, error.scim_type)

    return wrapped


def _location(request, kind: str, pk) -> str:
    return request.build_absolute_uri(f"/scim/v2/{kind}/{pk}")


def _meta(request, kind: str, row) -> dict:
    return {
        "resourceType": kind[:-1],
        "created": row.created_at.isoformat(),
        "lastModified": row.updated_at.isoformat(),
        "location": _location(request, kind, row.pk),
        "version": f'W/"{row.version}"',
    }


def user_resource(request, row: ScimUser) -> dict:
    groups = ScimGroup.objects.filter(memberships__scim_user=row)
    resource = {
        "schemas": [USER_SCHEMA],
        "id": str(row.pk),
        "userName": row.user_name,
        "name": {
            key: value
            for key, value in (("givenName", row.given_name), ("familyName", row.family_name))
            if value
        },
        "emails": row.emails,
        "active": row.active,
        "groups": [
            {
                "value": str(group.pk),
                "display": group.display_name,
                "$ref": _location(request, "Groups", group.pk),
            }
            for group in groups
        ],
        "meta": _meta(request, "Users", row),
    }
    if row.external_id:
        resource["externalId"] = row.external_id
    if row.display_name:
        resource["displayName"] = row.display_name
    return {key: value for key, value in resource.items() if value not in ({}, [], None) or key == "active"}


def group_resource(request, row: ScimGroup) -> dict:
    members = ScimUser.objects.filter(group_memberships__group=row, deleted_at__isnull=True)
    resource = {
        "schemas": [GROUP_SCHEMA],
        "id": str(row.pk),
        "displayName": row.display_name,
        "members": [
            {"value": str(user.pk), "type": "User", "$ref": _location(request, "Users", user.pk)}
            for user in members
        ],
        "meta": _meta(request, "Groups", row),
    }
    if row.external_id:
        resource["externalId"] = row.external_id
    if not resource["members"]:
        del resource["members"]
    return resource


# --- filtering and pagination --------------------------------------------------------------------------------

FILTER_TERM = re.compile(
    r'^\s*([A-Za-z][\w.$:-]*)\s+(eq|ne|co|sw|ew)\s+("(?:[^"\\]|\\.)*"|true|false|null)\s*$', re.I
)
USER_FILTERS = {
    "username": "user_name",
    "externalid": "external_id",
    "id": "pk",
    "emails.value": "emails",
    "emails": "emails",
    "displayname": "display_name",
    "active": "active",
    "name.givenname": "given_name",
    "name.familyname": "family_name",
}
GROUP_FILTERS = {"displayname": "display_name", "externalid": "external_id", "id": "pk"}
LOOKUPS = {"eq": "iexact", "co": "icontains", "sw": "istartswith", "ew": "iendswith"}


def apply_filter(queryset, text: str, fields: dict):
    """``attr op "value"`` terms joined by ``and`` (RFC 7644 3.4.2.2's subset clients send); else invalidFilter."""
    for term in re.split(r"\s+and\s+", text.strip(), flags=re.I):
        match = FILTER_TERM.match(term)
        if not match:
            raise ScimError(400, f"Unsupported or malformed filter: {text!r}.", "invalidFilter")
        attribute, operator, raw = match.group(1).lower(), match.group(2).lower(), match.group(3)
        field = fields.get(attribute.split(":")[-1] if attribute.startswith("urn:") else attribute)
        if field is None:
            raise ScimError(400, f"Filtering on {match.group(1)!r} is not supported.", "invalidFilter")
        value = json.loads(raw)
        if field == "active":
            if not isinstance(value, bool) or operator not in ("eq", "ne"):
                raise ScimError(400, "active compares with true or false.", "invalidFilter")
            queryset = queryset.filter(active=value) if operator == "eq" else queryset.exclude(active=value)
            continue
        if not isinstance(value, str):
            raise ScimError(400, f"{match.group(1)} compares with a string.", "invalidFilter")
        if field == "pk":
            queryset = queryset.filter(pk=int(value)) if value.isdigit() else queryset.none()
            continue
        if field == "emails":
            queryset = (
                queryset.filter(user__email__iexact=value)
                if operator == "eq"
                else queryset.filter(**{f"user__email__{LOOKUPS.get(operator, 'iexact')}": value})
            )
            continue
        if operator == "ne":
            queryset = queryset.exclude(**{f"{field}__iexact": value})
        else:
            queryset = queryset.filter(**{f"{field}__{LOOKUPS[operator]}": value})
    return queryset


def _positive(value, default: int, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ScimError(400, f"{name} must be an integer.", "invalidValue") from None
    return number


def list_response(request, queryset, render, fields) -> HttpResponse:
    params = request.scim_params
    text = params.get("filter")
    if text:
        queryset = apply_filter(queryset, text, fields)
    start = max(1, _positive(params.get("startIndex"), 1, "startIndex"))
    count = min(MAX_RESULTS, max(0, _positive(params.get("count"), MAX_RESULTS, "count")))
    total = queryset.count()
    page = list(queryset.order_by("pk")[start - 1 : start - 1 + count]) if count else []
    resources = [_select_attributes(request, render(request, row)) for row in page]
    return scim_response(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


def _select_attributes(request, resource: dict) -> dict:
    wanted = [a.strip() for a in request.scim_params.get("attributes", "").split(",") if a.strip()]
    excluded = {
        a.strip().split(".")[0].split(":")[-1]
        for a in request.scim_params.get("excludedAttributes", "").split(",")
        if a.strip()
    }
    always = {"schemas", "id", "meta"}
    if wanted:
        keep = {a.split(".")[0].split(":")[-1] for a in wanted} | always
        return {key: value for key, value in resource.items() if key in keep}
    return {key: value for key, value in resource.items() if key not in excluded or key in always}


def _check_schema(body: dict, schema: str) -> None:
    if schema not in (body.get("schemas") or []):
        raise ScimError(400, f"The schemas attribute must contain {schema}.", "invalidSyntax")


# --- Users ---------------------------------------------------------------------------------------------------


def _user_or_404(pk: str) -> ScimUser:
    row = (
        ScimUser.objects.select_related("user").filter(pk=int(pk), deleted_at__isnull=True).first()
        if pk.isdigit() and len(pk) < 19
        else None
    )
    if row is None:
        raise ScimError(404, f"User {pk} not found.")
    return row


@scim_view("GET", "POST")
def users(request, body):
    if request.method == "GET":
        queryset = ScimUser.objects.select_related("user").filter(deleted_at__isnull=True)
        return list_response(request, queryset, user_resource, USER_FILTERS)
    if request.method == "POST":
        _check_schema(body, USER_SCHEMA)
        row = services.user_create(request.tenant, body, request)
        return scim_response(
            user_resource(request, row), 201, {"Location": _location(request, "Users", row.pk)}
        )
    return scim_error(405, "Method not allowed.")


@scim_view("GET", "PUT", "PATCH", "DELETE")
def user_detail(request, body, pk: str):
    row = _user_or_404(pk)
    if request.method == "GET":
        return scim_response(_select_attributes(request, user_resource(request, row)))
    if request.method == "PUT":
        _check_schema(body, USER_SCHEMA)
        row = services.user_replace(request.tenant, row, body, request)
        return scim_response(user_resource(request, row))
    if request.method == "PATCH":
        row = patch_user(request, row, body)
        return scim_response(user_resource(request, row))
    if request.method == "DELETE":
        services.user_delete(request.tenant, row, request)
        return HttpResponse(status=204)
    return scim_error(405, "Method not allowed.")


def _operations(body: dict) -> list[dict]:
    if PATCH_SCHEMA not in (body.get("schemas") or []):
        raise ScimError(400, f"The schemas attribute must contain {PATCH_SCHEMA}.", "invalidSyntax")
    operations = body.get("Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "Operations must be a non-empty list.", "invalidSyntax")
    for operation in operations:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() not in (
            "add",
            "replace",
            "remove",
        ):
            raise ScimError(400, "Each operation needs op add, replace or remove.", "invalidSyntax")
    return operations


def _set_path(document: dict, path: str, value, op: str) -> None:
    path = path.split(":")[-1] if path.startswith("urn:") else path
    if "[" in path:
        raise ScimError(400, f"The path {path!r} is not supported.", "invalidPath")
    parts = path.split(".")
    target = document
    for part in parts[:-1]:
        target = target.setdefault(part, {})
        if not isinstance(target, dict):
            raise ScimError(400, f"The path {path!r} is not supported.", "invalidPath")
    key = parts[-1]
    if op == "remove":
        target.pop(key, None)
    elif op == "add" and isinstance(target.get(key), list) and isinstance(value, list):
        target[key] = target[key] + value
    else:
        target[key] = value


def patch_user(request, row: ScimUser, body: dict) -> ScimUser:
    document = user_resource(request, row)
    document.pop("groups", None)
    for operation in _operations(body):
        op, path, value = str(operation["op"]).lower(), operation.get("path"), operation.get("value")
        if path:
            if path.split(".")[0] not in USER_ATTRIBUTES | {"externalId"}:
                raise ScimError(400, f"The path {path!r} is not supported.", "invalidPath")
            _set_path(document, path, value, op)
        elif isinstance(value, dict) and op != "remove":
            for key, item in value.items():
                _set_path(document, key, item, op)
        else:
            raise ScimError(400, "An operation without path needs an object value.", "invalidValue")
    if isinstance(document.get("active"), str):
        document["active"] = document["active"].lower() == "true"
    return services.user_replace(request.tenant, row, document, request)


# --- Groups --------------------------------------------------------------------------------------------------


def _group_or_404(pk: str) -> ScimGroup:
    row = ScimGroup.objects.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 19 else None
    if row is None:
        raise ScimError(404, f"Group {pk} not found.")
    return row


@scim_view("GET", "POST")
def groups(request, body):
    if request.method == "GET":
        return list_response(request, ScimGroup.objects.all(), group_resource, GROUP_FILTERS)
    if request.method == "POST":
        _check_schema(body, GROUP_SCHEMA)
        row = services.group_save(request.tenant, None, body, request)
        return scim_response(
            group_resource(request, row), 201, {"Location": _location(request, "Groups", row.pk)}
        )
    return scim_error(405, "Method not allowed.")


MEMBER_PATH = re.compile(r'^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$', re.I)


@scim_view("GET", "PUT", "PATCH", "DELETE")
def group_detail(request, body, pk: str):
    row = _group_or_404(pk)
    if request.method == "GET":
        return scim_response(_select_attributes(request, group_resource(request, row)))
    if request.method == "PUT":
        _check_schema(body, GROUP_SCHEMA)
        row = services.group_save(request.tenant, row, body, request)
        return scim_response(group_resource(request, row))
    if request.method == "PATCH":
        members = {user.pk: user for user in ScimUser.objects.filter(group_memberships__group=row)}
        data = {"displayName": row.display_name, "externalId": row.external_id}
        for operation in _operations(body):
            op, path, value = (
                str(operation["op"]).lower(),
                operation.get("path") or "",
                operation.get("value"),
            )
            member_match = MEMBER_PATH.match(path)
            if member_match and op == "remove":
                members.pop(int(member_match.group(1)) if member_match.group(1).isdigit() else None, None)
            elif path.lower() == "members":
                listed = {
                    user.pk: user for user in services._member_rows(value if isinstance(value, list) else [])
                }
                if op == "remove":
                    members = {} if not listed else {k: v for k, v in members.items() if k not in listed}
                elif op == "add":
                    members.update(listed)
                else:
                    members = listed
            elif path in ("displayName", "externalId"):
                data[path] = "" if op == "remove" else value
            elif not path and isinstance(value, dict):
                for key, item in value.items():
                    if key == "members":
                        listed = {u.pk: u for u in services._member_rows(item)}
                        members = {**members, **listed} if op == "add" else listed
                    elif key in ("displayName", "externalId"):
                        data[key] = item
            else:
                raise ScimError(400, f"The path {path!r} is not supported.", "invalidPath")
        row = services.group_save(request.tenant, row, data, request, members=list(members.values()))
        return scim_response(group_resource(request, row))
    if request.method == "DELETE":
        services.group_delete(request.tenant, row, request)
        return HttpResponse(status=204)
    return scim_error(405, "Method not allowed.")


# --- discovery -----------------------------------------------------------------------------------------------


def _schema(model, kept: set[str]) -> dict:
    schema = model.to_schema().model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    schema["attributes"] = [attribute for attribute in schema["attributes"] if attribute["name"] in kept]
    for attribute in schema["attributes"]:
        if attribute["name"] in KEPT_SUB_ATTRIBUTES:
            attribute["subAttributes"] = [
                sub
                for sub in attribute.get("subAttributes") or []
                if sub["name"] in KEPT_SUB_ATTRIBUTES[attribute["name"]]
            ]
            for sub in attribute["subAttributes"]:
                if (attribute["name"], sub["name"]) in READ_ONLY_SUB_ATTRIBUTES:
                    sub["mutability"] = "readOnly"
        if attribute["name"] in REQUIRED_ATTRIBUTES:
            attribute["required"] = True
            for sub_attribute in attribute.get("subAttributes") or []:
                if sub_attribute["name"] == "value":
                    sub_attribute["required"] = True
    schema["meta"] = {"resourceType": "Schema", "location": f"/scim/v2/Schemas/{schema['id']}"}
    return schema


def schemas_payload() -> list[dict]:
    return [_schema(User, USER_ATTRIBUTES), _schema(Group, GROUP_ATTRIBUTES)]


def resource_types_payload() -> list[dict]:
    result = []
    for model in (User, Group):
        resource_type = ResourceType.from_resource(model).model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
        resource_type["meta"] = {
            "resourceType": "ResourceType",
            "location": f"/scim/v2/ResourceTypes/{resource_type['id']}",
        }
        result.append(resource_type)
    return result


@scim_view("GET")
def service_provider_config(request, body):
    return scim_response(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": request.build_absolute_uri("/api/docs/"),
            "patch": {"supported": True},
            "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": True, "maxResults": MAX_RESULTS},
            "changePassword": {"supported": False},
            "sort": {"supported": False},
            "etag": {"supported": False},
            "authenticationSchemes": [
                {
                    "type": "oauthbearertoken",
                    "name": "SCIM token",
                    "primary": True,
                    "description": "Authorization: Bearer tpscim_<prefix>_<secret>, one per tenant (create_scim_token).",
                }
            ],
            "meta": {"resourceType": "ServiceProviderConfig", "location": "/scim/v2/ServiceProviderConfig"},
        }
    )


def _listed(items: list[dict]) -> dict:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": len(items),
        "startIndex": 1,
        "itemsPerPage": len(items),
        "Resources": items,
    }


@scim_view("GET")
def schemas(request, body, schema_id: str | None = None):
    items = schemas_payload()
    if schema_id is None:
        return scim_response(_listed(items))
    found = next((item for item in items if item["id"] == schema_id), None)
    return scim_response(found) if found else scim_error(404, f"Schema {schema_id} not found.")


@scim_view("GET")
def resource_types(request, body, type_id: str | None = None):
    items = resource_types_payload()
    if type_id is None:
        return scim_response(_listed(items))
    found = next((item for item in items if item["id"] == type_id), None)
    return scim_response(found) if found else scim_error(404, f"Resource type {type_id} not found.")


SEARCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"


@scim_view("POST")
def search(request, body, kind: str = ""):
    """POST …/.search (RFC 7644 3.4.3): the query's parameters in the body."""
    if SEARCH_SCHEMA not in (body.get("schemas") or []):
        raise ScimError(400, f"The schemas attribute must contain {SEARCH_SCHEMA}.", "invalidSyntax")
    params = {}
    for key in ("filter", "startIndex", "count"):
        if body.get(key) is not None:
            params[key] = str(body[key])
    for key in ("attributes", "excludedAttributes"):
        if body.get(key):
            value = body[key]
            params[key] = ",".join(value) if isinstance(value, list) else str(value)
    request.scim_params = params
    users_queryset = ScimUser.objects.select_related("user").filter(deleted_at__isnull=True)
    if kind == "Groups":
        return list_response(request, ScimGroup.objects.all(), group_resource, GROUP_FILTERS)
    if kind == "Users":
        return list_response(request, users_queryset, user_resource, USER_FILTERS)
    return root_search(request, users_queryset)


def root_search(request, users_queryset) -> HttpResponse:
    """A search at the root spans Users, then Groups; a filter applies to the types that have its attributes."""
    params = request.scim_params
    rows = []
    errors = []
    for queryset, render, fields in (
        (users_queryset, user_resource, USER_FILTERS),
        (ScimGroup.objects.all(), group_resource, GROUP_FILTERS),
    ):
        try:
            matched = apply_filter(queryset, params["filter"], fields) if params.get("filter") else queryset
        except ScimError as error:
            errors.append(error)
            continue
        rows.extend((render, row) for row in matched.order_by("pk"))
    if len(errors) == 2:
        raise errors[0]
    start = max(1, _positive(params.get("startIndex"), 1, "startIndex"))
    count = min(MAX_RESULTS, max(0, _positive(params.get("count"), MAX_RESULTS, "count")))
    page = rows[start - 1 : start - 1 + count]
    resources = [_select_attributes(request, render(request, row)) for render, row in page]
    return scim_response(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": len(rows),
            "startIndex": start,
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


@csrf_exempt
def not_found(request, *args, **kwargs):
    return scim_error(404, "Not found.")
