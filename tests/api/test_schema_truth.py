"""What the OpenAPI schema promises about every operation (talentpool/openapi.py), checked on the served schema.

tests/api/test_schemathesis.py checks the API keeps to these promises; this module checks the promises are
made: the error responses, the error shape, nullable fields, and the media types of request bodies.
"""

from __future__ import annotations

import pytest

from talentpool.openapi import source_is_nullable

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def error_ref(response) -> str:
    return response["content"]["application/json"]["schema"]["$ref"]


def test_the_schema_served_is_the_one_checked(client):
    served = client.get("/api/schema/?format=json")
    assert served.status_code == 200
    assert served.json()["components"]["schemas"]["Error"]["required"] == ["error"]


def test_the_error_component_is_the_shape_the_api_answers_with(schema):
    error = schema["components"]["schemas"]["Error"]
    inner = error["properties"]["error"]
    assert inner["required"] == ["code", "message", "fields"]
    assert inner["properties"]["fields"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }


def test_every_operation_documents_authentication_permission_and_throttling(schema):
    missing = [
        f"{method.upper()} {path}: {code}"
        for path, method, operation in operations(schema)
        for code in ("401", "403", "429")
        if code not in operation["responses"]
    ]
    assert not missing, missing
    for path, method, operation in operations(schema):
        assert error_ref(operation["responses"]["403"]) == "#/components/schemas/Error", (method, path)


def test_detail_routes_document_404_and_inputs_document_400(schema):
    problems = []
    for path, method, operation in operations(schema):
        codes = operation["responses"]
        if "{" in path and "404" not in codes:
            problems.append(f"{method.upper()} {path}: no 404")
        if "requestBody" in operation and not {"400", "413", "415"} <= set(codes):
            problems.append(f"{method.upper()} {path}: a body without 400/413/415")
        if any(p["in"] == "query" for p in operation.get("parameters", [])) and "400" not in codes:
            problems.append(f"{method.upper()} {path}: query parameters without 400")
    assert not problems, problems


def test_idempotent_writes_document_409_and_422(schema):
    idempotent = [
        (path, method, operation)
        for path, method, operation in operations(schema)
        if any(
            p["in"] == "header" and p["name"] == "Idempotency-Key" for p in operation.get("parameters", [])
        )
    ]
    assert idempotent  # the HRIS pushes, the pipeline moves, …
    for path, method, operation in idempotent:
        assert {"409", "422"} <= set(operation["responses"]), (method, path)
    move = schema["paths"]["/api/v1/applications/{id}/move/"]["post"]["responses"]
    assert "409" in move


def test_no_operation_promises_a_server_error(schema):
    assert not [
        (method, path)
        for path, method, operation in operations(schema)
        if any(code.startswith("5") for code in operation["responses"])
    ]


def test_multipart_is_advertised_only_where_files_are_uploaded(schema):
    multipart = sorted(
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if "multipart/form-data" in operation.get("requestBody", {}).get("content", {})
    )
    assert "POST /api/v1/documents/" in multipart and "POST /api/v1/imports/" in multipart
    assert all(path.startswith(("POST /api/v1/documents/", "POST /api/v1/imports/")) for path in multipart)
    form = [
        (method, path)
        for path, method, operation in operations(schema)
        if "application/x-www-form-urlencoded" in operation.get("requestBody", {}).get("content", {})
    ]
    assert not form
    tenant = schema["paths"]["/api/v1/tenant/"]["patch"]["requestBody"]["content"]
    assert list(tenant) == ["application/json"]


def test_fields_over_nullable_columns_are_nullable(schema):
    change = schema["components"]["schemas"]["ProfileChange"]["properties"]
    assert change["actor"].get("nullable") is True  # a StringRelatedField over a nullable foreign key
    assert not change["field"].get("nullable")


def test_a_plain_array_is_declared_as_one_and_a_page_as_a_page(schema):
    documents = schema["paths"]["/api/v1/candidates/{id}/documents/"]["get"]["responses"]["200"]
    assert documents["content"]["application/json"]["schema"]["type"] == "array"
    changes = schema["paths"]["/api/v1/candidates/{id}/changes/"]["get"]["responses"]["200"]
    assert changes["content"]["application/json"]["schema"]["$ref"].endswith("PaginatedProfileChangeList")


def test_files_are_declared_with_their_media_types(schema):
    download = schema["paths"]["/api/v1/documents/{id}/download/"]["get"]["responses"]["200"]["content"]
    assert list(download) == ["*/*"]
    archive = schema["paths"]["/api/v1/privacy/exports/{id}/"]["get"]["responses"]["200"]["content"]
    assert list(archive) == ["application/zip"]


def test_source_is_nullable_follows_the_model():
    from rest_framework import serializers

    from candidates.models import ProfileChange

    class Probe(serializers.ModelSerializer):
        actor = serializers.StringRelatedField()
        candidate_name = serializers.CharField(source="candidate.full_name")

        class Meta:
            model = ProfileChange
            fields = ["id", "actor", "field", "candidate_name"]

    fields = Probe().fields
    assert source_is_nullable(fields["actor"])
    assert not source_is_nullable(fields["field"])
    assert not source_is_nullable(fields["candidate_name"])


def test_an_upload_answers_a_plain_array_and_is_declared_so(schema):
    created = schema["paths"]["/api/v1/documents/"]["post"]["responses"]["201"]["content"]["application/json"]
    assert created["schema"]["type"] == "array"


def test_a_form_with_more_files_than_django_reads_is_a_400_in_the_error_shape(
    client, tenant_a, key_a, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..conftest import bearer

    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3

    def files(count):
        return [
            SimpleUploadedFile(f"cv{n}.txt", b"Python engineer", content_type="text/plain")
            for n in range(count)
        ]

    response = client.post("/api/v1/documents/", data={"files": files(4)}, **bearer(key_a))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (
        error["code"] == "invalid"
        and "DATA_UPLOAD_MAX_NUMBER_FILES" in error["fields"]["non_field_errors"][0]
    )
    with_limit = client.post("/api/v1/documents/", data={"files": files(3)}, **bearer(key_a))
    assert with_limit.status_code == 201 and len(with_limit.json()) == 3


def test_the_content_tag_filter_refuses_what_is_not_an_id_and_finds_nothing_beyond_int4(
    client, tenant_a, key_a
):
    from ..conftest import bearer

    assert client.get("/api/v1/content/?tag=329678714787", **bearer(key_a)).json()["results"] == []
    for bad in ("²", "abc", "-1", "99999999999999999999"):
        response = client.get(f"/api/v1/content/?tag={bad}", **bearer(key_a))
        assert response.status_code == 400 and "tag" in response.json()["error"]["fields"], bad
