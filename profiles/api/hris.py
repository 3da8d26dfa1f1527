"""The HRIS / ERP push API: candidates, stage changes and hires, one at a time or in bulk.

Every endpoint takes an ``Idempotency-Key``: a repeat returns the first response, a repeat that arrives while
the first is still running is 409. The bulk forms take ``{"rows": [...]}`` (up to 10,000) and answer 200 with
one result per row, in order (``created``, ``updated``, ``unchanged`` or ``error`` with the project's error
shape): a bad row is rolled back alone, the others stand. The writes are ``profiles.hris`` services.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates.models import EducationLevel
from talentpool.api.context import request_actor as _actor
from talentpool.api.errors import _flatten
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import EDITORS

from .. import hris
from ..models import ProbationOutcome
from . import serializers as s

# --- bodies ---------------------------------------------------------------------------------------------------


class HrisCandidateSerializer(serializers.Serializer):
    external_id = s.ExternalIdSerializer(help_text="the HRIS's id of the person: the key of the upsert")
    full_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    emails = serializers.ListField(child=serializers.EmailField(), required=False, max_length=20)
    phones = serializers.ListField(child=serializers.CharField(max_length=40), required=False, max_length=20)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200)
    current_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    current_company = serializers.CharField(required=False, allow_blank=True, max_length=200)
    years_experience = serializers.DecimalField(
        required=False, max_digits=4, decimal_places=1, min_value=0, max_value=80
    )
    highest_education = serializers.ChoiceField(required=False, choices=EducationLevel.choices)

    def validate(self, attrs):
        if not (attrs.get("full_name") or attrs.get("emails") or attrs.get("phones")):
            raise serializers.ValidationError(
                {"full_name": [_("A candidate needs a name, an email or a phone.")]}
            )
        return attrs


class HrisHireSerializer(s.HireCreateSerializer):
    probation_outcome = serializers.ChoiceField(
        required=False,
        choices=ProbationOutcome.choices,
        help_text="pending, passed or failed; the application follows",
    )
    probation_decided_on = serializers.DateField(
        required=False, help_text="when probation ended (default today)"
    )

    def validate_probation_decided_on(self, value):
        if value > timezone.localdate() + timedelta(days=1):
            raise serializers.ValidationError(_("The probation outcome cannot be dated in the future."))
        return value


class BulkSerializer(serializers.Serializer):
    rows = serializers.ListField(
        child=serializers.JSONField(),
        min_length=1,
        max_length=hris.MAX_BULK_ROWS,
        help_text=f"up to {hris.MAX_BULK_ROWS:,} rows, each the body of the single form",
    )


class CandidateResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged"])
    changed = serializers.ListField(child=serializers.CharField(), help_text="the fields that changed")


class RowErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class RowResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="the row's position in `rows`, from 0")
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged", "error"])
    id = serializers.IntegerField(required=False, help_text="the candidate, application or hire")
    error = RowErrorSerializer(required=False)


class BulkResultSerializer(serializers.Serializer):
    results = RowResultSerializer(many=True)
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="rows by status")


# --- helpers --------------------------------------------------------------------------------------------------


def _validator(serializer_class):
    def validate(raw) -> tuple[dict | None, dict | None]:
        body = serializer_class(data=raw)
        if body.is_valid():
            return body.validated_data, None
        fields = _flatten(body.errors)
        return None, {"code": "invalid", "message": "Some fields are invalid.", "fields": fields}

    return validate


def _bulk(request, serializer_class, handle, unchanged=None) -> Response:
    body = BulkSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    results, counts = hris.bulk_apply(
        request.data["rows"], handle, validate=_validator(serializer_class), unchanged=unchanged
    )
    rows = []
    for result in results:
        row = {"index": result.index, "status": result.status}
        if result.outcome is not None:
            row["id"] = result.outcome.obj.pk
        if result.error is not None:
            row["error"] = result.error
        rows.append(row)
    return Response({"results": rows, "counts": dict(counts)})


def _candidate_answer(outcome: hris.Outcome) -> dict:
    return {"id": outcome.obj.pk, "status": outcome.status, "changed": outcome.extra.get("changed", [])}


def _stage_answer(outcome: hris.Outcome) -> dict:
    from ..models import Application, StageEvent

    application = Application.objects.select_related("candidate").get(pk=outcome.obj.pk)
    event = outcome.extra.get("event")
    if outcome.status == "created":
        event = StageEvent.objects.filter(application=application).order_by("-id").first()
    return {
        "application": s.ApplicationSerializer(application).data,
        "created": outcome.status == "created",
        "event": s.StageEventSerializer(event).data if event else None,
    }


def _hire_answer(outcome: hris.Outcome) -> dict:
    return {
        "hire": s.HireSerializer(outcome.obj).data,
        "created": outcome.status == "created",
        "status": outcome.status,
    }


# --- views ----------------------------------------------------------------------------------------------------


class HrisCandidateView(APIView):
    """An HRIS creates or updates a candidate by its own id (``external_id``)."""

    write_roles = EDITORS

    @extend_schema(
        summary="Create or update a candidate by the HRIS's id",
        request=HrisCandidateSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={201: CandidateResultSerializer, 200: CandidateResultSerializer},
    )
    @idempotent
    def post(self, request):
        body = HrisCandidateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = _upsert_candidate(request, body.validated_data)
        return Response(
            _candidate_answer(outcome),
            status=status.HTTP_201_CREATED if outcome.status == "created" else status.HTTP_200_OK,
        )


def _upsert_candidate(request, data: dict) -> hris.Outcome:
    external = data["external_id"]
    return hris.candidate_upsert(
        request._request.tenant,
        external_id=(external["system"], external["value"]),
        full_name=data.get("full_name", ""),
        emails=data.get("emails", []),
        phones=data.get("phones", []),
        fields={key: data[key] for key in hris.CANDIDATE_FIELDS if key in data},
    )


class HrisCandidateBulkView(APIView):
    """A nightly export of people: up to 10,000 candidate upserts in one request, one result per row."""

    write_roles = EDITORS

    @extend_schema(
        summary="Create or update up to 10,000 candidates by the HRIS's ids",
        request=BulkSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={200: BulkResultSerializer},
    )
    @idempotent
    def post(self, request):
        return _bulk(request, HrisCandidateSerializer, lambda data: _upsert_candidate(request, data))


class HrisStageChangeView(APIView):
    """An HRIS reports a stage change. The application is found by ``application_external_id``, or by the role
    and the candidate; it is created at the stage when it is not there yet (the application upsert)."""

    write_roles = EDITORS

    @extend_schema(
        summary="Report a stage change (creates the application when missing)",
        request=s.HrisStageChangeSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={200: s.HrisStageChangeResultSerializer, 201: s.HrisStageChangeResultSerializer},
    )
    @idempotent
    def post(self, request):
        body = s.HrisStageChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = hris.stage_change(body.validated_data, actor=_actor(request))
        return Response(
            _stage_answer(outcome),
            status=status.HTTP_201_CREATED if outcome.status == "created" else status.HTTP_200_OK,
        )


def _bulk_lookups(request) -> hris.Lookups:
    """The bulk body's rows looked up once (candidates, applications, hires by external id) for every row."""
    rows = request.data.get("rows") if isinstance(request.data, dict) else None
    return hris.Lookups([row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else [])


class HrisStageChangeBulkView(APIView):
    """Up to 10,000 stage changes in one request, applied in order, one result per row."""

    write_roles = EDITORS

    @extend_schema(
        summary="Report up to 10,000 stage changes",
        request=BulkSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={200: BulkResultSerializer},
    )
    @idempotent
    def post(self, request):
        lookups = _bulk_lookups(request)
        actor = _actor(request)
        return _bulk(
            request,
            s.HrisStageChangeSerializer,
            lambda data: hris.stage_change(data, actor=actor, lookups=lookups),
            unchanged=lambda data: hris.stage_unchanged(data, lookups),
        )


class HrisHireView(APIView):
    """An HRIS reports a hire (from the pool or not), with its probation outcome when known. The same
    ``external_id`` again updates the probation (200, ``created`` false)."""

    write_roles = EDITORS

    @extend_schema(
        summary="Report a hire or its probation outcome",
        request=HrisHireSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={201: s.HireResultSerializer, 200: s.HireResultSerializer},
    )
    @idempotent
    def post(self, request):
        return record_hire(request, via="hris")


def record_hire(request, *, via: str) -> Response:
    body = HrisHireSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    outcome = hris.hire_upsert(body.validated_data, via=via)
    return Response(
        _hire_answer(outcome),
        status=status.HTTP_201_CREATED if outcome.status == "created" else status.HTTP_200_OK,
    )


class HrisHireBulkView(APIView):
    """Up to 10,000 hires (or probation outcomes of known hires) in one request, one result per row."""

    write_roles = EDITORS

    @extend_schema(
        summary="Report up to 10,000 hires or probation outcomes",
        request=BulkSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={200: BulkResultSerializer},
    )
    @idempotent
    def post(self, request):
        lookups = _bulk_lookups(request)
        return _bulk(
            request,
            HrisHireSerializer,
            lambda data: hris.hire_upsert(data, via="hris", lookups=lookups),
            unchanged=lambda data: hris.hire_unchanged(data, lookups),
        )
