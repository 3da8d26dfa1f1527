"""Privacy under /api/v1/: the audit log (read), candidates' requests, consents and a candidate's export.

Thin: fields are typed here, every rule lives in privacy.services. Admins only (and API keys with the matching
scope): these endpoints read and remove personal data and show who touched it.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from candidates.models import Candidate
from talentpool.api import bounds
from talentpool.api.context import request_tenant
from talentpool.api.pagination import CursorPagination
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import ADMINS, EDITORS
from talentpool.web import id_param

from .. import selectors, services
from ..models import (
    AuditEntry,
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
    DataRequest,
    LegalBasis,
    RequestKind,
)


def _audit_actor(request):
    """The person, or the API-key principal (so the audit log names the key)."""
    return request.user


def _candidate(value, field: str = "candidate") -> Candidate:
    candidate_id = id_param(value)
    candidate = Candidate.objects.filter(pk=candidate_id).first() if candidate_id else None
    if candidate is None:
        raise ServiceError("Unknown candidate.", field=field, code="unknown_candidate")
    return candidate


# --- audit -------------------------------------------------------------------------------------------------------


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "action",
            "actor_id",
            "actor_label",
            "target_type",
            "target_id",
            "ip",
            "user_agent",
            "details",
        ]
        read_only_fields = fields


AUDIT_FILTERS = [
    OpenApiParameter(
        "action", str, description="an action (auth.login) or a prefix ending in a dot (candidate.)"
    ),
    OpenApiParameter("actor", int, description="a user id"),
    OpenApiParameter("target_type", str, description="a model label, e.g. candidates.candidate"),
    OpenApiParameter("target_id", str),
    OpenApiParameter("since", str, description="ISO 8601 date-time, inclusive"),
    OpenApiParameter("until", str, description="ISO 8601 date-time, exclusive"),
]


def _when(params, name: str):
    value = params.get(name)
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise ServiceError("Give an ISO 8601 date-time.", field=name)
    return parsed


class NewestFirst(CursorPagination):
    ordering = ("-created_at", "-id")


class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """The tenant's audit log, newest first. Read-only: nothing can change or remove an entry."""

    model = AuditEntry
    serializer_class = AuditEntrySerializer
    read_roles = ADMINS
    write_roles = frozenset()
    api_key_writes = False
    filter_backends: list = []
    pagination_class = NewestFirst

    def scoped_queryset(self):
        params = self.request.query_params
        actor = params.get("actor")
        actor_id = id_param(actor) if actor else None
        if actor and actor_id is None:
            raise ServiceError("Give a user id.", field="actor")
        return selectors.audit_list(
            action=params.get("action", "")[:64],
            actor_id=actor_id,
            target_type=params.get("target_type", "")[:100],
            target_id=params.get("target_id", "")[:64],
            since=_when(params, "since"),
            until=_when(params, "until"),
        )

    @extend_schema(summary="List audit entries", parameters=AUDIT_FILTERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One audit entry")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


# --- requests ------------------------------------------------------------------------------------------------------


class DataRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataRequest
        fields = [
            "id",
            "kind",
            "status",
            "candidate",
            "channel",
            "received_at",
            "due_at",
            "completed_at",
            "created_by",
            "handled_by",
            "note",
            "outcome",
        ]
        read_only_fields = fields


class DataRequestCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    candidate = serializers.IntegerField(min_value=1)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500)


class DataRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Candidates' export and erasure requests with their due dates. Completing an erasure erases the person."""

    model = DataRequest
    serializer_class = DataRequestSerializer
    read_roles = ADMINS
    write_roles = ADMINS
    filter_backends: list = []

    def scoped_queryset(self):
        params = self.request.query_params
        return selectors.request_list(status=params.get("status", "")[:10], kind=params.get("kind", "")[:10])

    @extend_schema(
        summary="List data requests",
        parameters=[OpenApiParameter("status", str), OpenApiParameter("kind", str)],
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One data request")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Receive a request (an erasure stops the candidate's campaigns at once)",
        request=DataRequestCreateSerializer,
        responses={201: DataRequestSerializer},
    )
    def create(self, request):
        payload = DataRequestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        created = services.data_request_create(
            request_tenant(request),
            kind=data["kind"],
            candidate=_candidate(data["candidate"]),
            channel="api",
            actor=_audit_actor(request),
            request=request._request,
            note=data["note"],
        )
        return Response(DataRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Carry out a request (erasure: the person is erased now)",
        request=None,
        responses=DataRequestSerializer,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        done = services.data_request_complete(
            request_tenant(request),
            data_request=self.get_object(),
            actor=_audit_actor(request),
            request=request._request,
        )
        return Response(DataRequestSerializer(done).data)

    @extend_schema(
        summary="Reject a request, saying why", request=RejectSerializer, responses=DataRequestSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data_request = self.get_object()  # another tenant's id is 404 before the body is looked at
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        done = services.data_request_reject(
            request_tenant(request),
            data_request=data_request,
            actor=_audit_actor(request),
            request=request._request,
            note=payload.validated_data["note"],
        )
        return Response(DataRequestSerializer(done).data)

    @extend_schema(
        summary="Download an export request's archive (zip, streamed)",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        data_request = self.get_object()
        if data_request.kind != RequestKind.EXPORT or data_request.candidate_id is None:
            raise ServiceError("Only an export request of a candidate has an archive.", field="kind")
        return export_response(
            request_tenant(request),
            candidate=data_request.candidate,
            actor=_audit_actor(request),
            request=request._request,
            data_request=data_request,
        )


def export_response(tenant, *, candidate, actor, request, data_request=None) -> StreamingHttpResponse:
    """The streamed zip of ``candidate``'s data (the manifest is read now, in the request's tenant)."""
    from candidates.services.export import export_zip_stream

    manifest = services.candidate_export(
        tenant, candidate=candidate, actor=actor, request=request, data_request=data_request
    )
    response = StreamingHttpResponse(export_zip_stream(manifest), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}-export.zip"'
    response["Cache-Control"] = "no-store"
    return response


class CandidateExportViewSet(TenantScopedViewSet):
    """A candidate's own data as a zip (data.json and their original files), streamed."""

    model = Candidate
    read_roles = ADMINS

    @extend_schema(
        summary="Export one candidate's data (zip, streamed)",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    def retrieve(self, request, pk=None):
        candidate = get_object_or_404(Candidate.objects, pk=id_param(pk) or 0)
        return export_response(
            request_tenant(request),
            candidate=candidate,
            actor=_audit_actor(request),
            request=request._request,
        )


# --- consents ------------------------------------------------------------------------------------------------------


class ConsentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsentRecord
        fields = [
            "id",
            "candidate",
            "scope",
            "legal_basis",
            "given",
            "method",
            "evidence",
            "captured_at",
            "captured_by",
            "expires_at",
        ]
        read_only_fields = fields


class ConsentCreateSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(min_value=1)
    scope = serializers.ChoiceField(choices=ConsentScope.choices)
    given = serializers.BooleanField()
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices, default=LegalBasis.CONSENT)
    evidence = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    # Consent captured up to now (a day of clock skew allowed); an expiry within bounds.FUTURE.
    captured_at = bounds.plausible_datetime(
        future=timedelta(days=1), required=False, allow_null=True, default=None
    )
    expires_at = bounds.plausible_datetime(required=False, allow_null=True, default=None)


class ConsentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Consent records (the newest per candidate and scope is the current one). Recruiters record consent."""

    model = ConsentRecord
    serializer_class = ConsentSerializer
    read_roles = EDITORS
    write_roles = EDITORS
    filter_backends: list = []

    def scoped_queryset(self):
        records = ConsentRecord.objects.order_by("-id")
        candidate = self.request.query_params.get("candidate")
        if candidate:
            records = records.filter(candidate_id=id_param(candidate) or 0)
        return records

    @extend_schema(summary="List consent records", parameters=[OpenApiParameter("candidate", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One consent record")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Record a consent or its withdrawal",
        request=ConsentCreateSerializer,
        responses={201: ConsentSerializer},
    )
    def create(self, request):
        payload = ConsentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        record = services.consent_record(
            request_tenant(request),
            candidate=_candidate(data["candidate"]),
            scope=data["scope"],
            given=data["given"],
            method=data["method"],
            legal_basis=data["legal_basis"],
            evidence=data["evidence"],
            captured_at=data["captured_at"],
            expires_at=data["expires_at"],
            actor=_audit_actor(request),
            request=request._request,
        )
        return Response(ConsentSerializer(record).data, status=status.HTTP_201_CREATED)
