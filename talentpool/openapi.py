"""The OpenAPI schema: drf-spectacular's ``POSTPROCESSING_HOOKS`` and the project's ``AutoSchema``.

Every operation gets a one-line ``summary``: the first sentence of its description (the view's docstring) when
it has one, else words made from its operation id. Operations that set ``summary`` themselves keep theirs.

``AutoSchema`` (REST_FRAMEWORK's ``DEFAULT_SCHEMA_CLASS``) makes the schema say what the API really answers:
the error responses of every operation, nullable fields, and the media types a body may have.
tests/api/test_schemathesis.py holds the API to it.
"""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as DrfAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.settings import api_settings

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


# --- What every operation can answer besides its success (issue 13: "the schema tells the truth") ---------------

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error shape of the API (talentpool/api/errors.py; docs/api.md, Errors).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable, for programs: `invalid`, `not_found`, …"},
                "message": {"type": "string", "description": "For people; may change."},
                "fields": {
                    "type": "object",
                    "description": "Field name (nested names joined with dots) → its messages; `{}` when the "
                    "error is not about fields.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `fields` names each field with its messages (`invalid`, `parse_error`, a domain code).",
    "401": "No credentials, or an unknown or revoked API key (`not_authenticated`, `invalid_api_key`, "
    "`revoked_api_key`).",
    "403": "The role or the key's scope does not allow it, a key on a people-only endpoint, or a missing CSRF "
    "token (`permission_denied`).",
    "404": "No such row in this tenant, or an invalid `cursor` (`not_found`).",
    "409": "A request with the same `Idempotency-Key` is still running (`idempotency_key_in_progress`).",
    "413": "The request or an uploaded file is larger than allowed (`too_large`).",
    "415": "The body's media type is not one of those listed for the operation (`unsupported_media_type`).",
    "422": "The `Idempotency-Key` was used for another request (`idempotency_key_reused`).",
    "429": "The rate limit is used up; `Retry-After` says when to try again (`throttled`).",
}
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def source_is_nullable(field) -> bool:
    """Whether a serializer field can answer ``null``: its source on the serializer's model, or a relation on
    the way there, is nullable (DRF gives None when a step of a dotted source is None or a reverse one-to-one
    row is missing). Fields declared by hand (``StringRelatedField()`` over a nullable foreign key) otherwise
    come out as non-nullable strings."""
    if isinstance(field, (serializers.ManyRelatedField, serializers.SerializerMethodField)):
        return False
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    attrs = getattr(field, "source_attrs", None) or []
    if model is None or not attrs:
        return False
    for attr in attrs:
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return False
        if getattr(model_field, "null", False) or (model_field.one_to_one and model_field.auto_created):
            return True
        if not model_field.is_relation or model_field.many_to_many or model_field.one_to_many:
            return False
        model = model_field.related_model
    return False


class AutoSchema(DrfAutoSchema):
    """drf-spectacular's AutoSchema, plus what the API really does besides succeeding.

    - Response fields are nullable where their model source is (``source_is_nullable``).
    - Only GET lists are paginated; a write that answers many rows answers a plain array.
    - Request bodies are advertised as JSON. Multipart appears only where a view declares a multipart parser
      (file uploads); the default parsers still read form bodies, but the API promises JSON.
    - Every operation documents the errors it can answer, with the one error shape (component ``Error``):
      400 when it takes input (a body, query parameters, an ``Idempotency-Key``), 401 and 403 when it needs
      credentials, 404 on detail routes and cursor-paginated lists, 409 and 422 where ``Idempotency-Key`` applies,
      413 and 415 with a body, 429 always. Codes an operation declares itself (``@extend_schema``) are kept.
    """

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and not meta.get("nullable") and source_is_nullable(field):
            meta["nullable"] = True
        return meta

    def _get_paginator(self):
        # DRF pages only what a GET lists; a write answering several rows (an upload's results) is a plain array.
        return super()._get_paginator() if self.method == "GET" else None

    def map_parsers(self):
        declared = getattr(type(self.view), "parser_classes", None)
        if declared is not None and list(declared) != list(api_settings.DEFAULT_PARSER_CLASSES):
            media_types = super().map_parsers()
            if any(media_type.startswith("multipart/") for media_type in media_types):
                # a file upload: multipart, or JSON where the view takes it too; a form body cannot carry a file
                return [m for m in media_types if m != "application/x-www-form-urlencoded"]
            return media_types
        return ["application/json"]

    def _handler(self):
        action = getattr(self.view, "action", None)
        return getattr(self.view, action or self.method.lower(), None)

    def _is_idempotent(self, operation: dict) -> bool:
        if getattr(self._handler(), "idempotent", False):
            return True
        return any(
            parameter.get("in") == "header" and parameter.get("name", "").lower() == "idempotency-key"
            for parameter in operation.get("parameters", [])
        )

    def _paginated_list(self) -> bool:
        return self.method == "GET" and self._get_paginator() is not None and self._is_list_view()

    def error_codes(self, operation: dict) -> list[str]:
        has_body = "requestBody" in operation or self.method in _BODY_METHODS
        query = [
            p
            for p in operation.get("parameters", [])
            if p.get("in") in ("query", "header") or (p.get("in") == "path" and p.get("name") != "id")
        ]
        codes = []
        if has_body or query:
            codes.append("400")
        if operation.get("security") and {} not in operation["security"]:
            codes += ["401", "403"]
        if "{" in self.path or self._paginated_list():
            codes.append("404")
        idempotent = self._is_idempotent(operation)
        if idempotent:
            codes.append("409")
        if has_body:
            codes += ["413", "415"]
        if idempotent:
            codes.append("422")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        self.registry.register_on_missing(
            ResolvedComponent(
                name=ERROR_COMPONENT,
                type=ResolvedComponent.SCHEMA,
                object=ERROR_COMPONENT,
                schema=ERROR_SCHEMA,
            )
        )
        reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
        responses = operation.setdefault("responses", {})
        for code in self.error_codes(operation):
            if code not in responses:
                responses[code] = {
                    "content": {"application/json": {"schema": reference}},
                    "description": ERROR_DESCRIPTIONS[code],
                }
        operation["responses"] = dict(sorted(responses.items()))
        return operation
