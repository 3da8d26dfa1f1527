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
from talentpool.api import bounds
from talentpool.api.context import request_actor as _actor
from talentpool.api.errors import _flatten
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import EDITORS

from .. import hris
from ..models import ApplicationStage, ProbationOutcome
from . import serializers as s

# --- bodies ---------------------------------------------------------------------------------------------------


class HrisCandidateSerializer(serializers.Serializer):
    external_id = s.ExternalIdSerializer(help_text="the HRIS's id of the person: the key of the upsert")
    full_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    emails = serializers.ListField(
        child=serializers.EmailField(max_length=bounds.EMAIL), required=False, max_length=bounds.CONTACTS
    )
    phones = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=bounds.CONTACTS
    )
    location = serializers.CharField(required=False, allow_blank=True, max_length=120)  # the column's length
    current_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    current_company = serializers.CharField(required=False, allow_blank=True, max_length=200)
    years_experience = serializers.DecimalField(
        required=False, max_digits=4, decimal_places=1, min_value=0, max_value=80
    )
    highest_education = serializers.ChoiceField(required=False, choices=EducationLevel.choices)

    def validate_external_id(self, value):
        # A candidate's external id system is stored in 40 characters (a role's and an application's take 60).
        if len(value["system"]) > 40:
            message = serializers.CharField.default_error_messages["max_length"]  # DRF's, translated
            raise serializers.ValidationError({"system": [str(message).format(max_length=40)]})
        return value

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
        required=False,
        validators=[bounds.PlausibleDate(earliest=s.HIRED_EARLIEST)],
        help_text="when probation ended (default today)",
    )

    def validate_probation_decided_on(self, value):
        if value > timezone.localdate() + timedelta(days=1):
            raise serializers.ValidationError(_("The probation outcome cannot be dated in the future."))
        return value


class BulkSerializer(serializers.Serializer):
    rows = serializers.ListField(
        child=serializers.JSONField(validators=[bounds.MaxJsonSize(bounds.JSON_SMALL)]),
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
    # One serializer validates every row: what ``is_valid()`` does (``run_validation``, the errors its exception
    # carries) without building the fields again per row, a fifth of the cost on 10,000 rows.
    serializer = serializer_class()

    def validate(raw) -> tuple[dict | None, dict | None]:
        try:
            return serializer.run_validation(raw), None
        except serializers.ValidationError as exc:
            fields = _flatten(exc.detail)
        return None, {"code": "invalid", "message": "Some fields are invalid.", "fields": fields}

    return validate


_PLAIN_STAGE_KEYS = frozenset(
    {"application_external_id", "profile_external_id", "candidate_external_id", "stage"}
)
_PLAIN_EXTERNAL_KEYS = frozenset({"system", "value"})
_STAGES = frozenset(ApplicationStage.values)


def _plain_text(value, max_length: int) -> bool:
    # What a CharField returns unchanged: printable ASCII (no NUL, no surrogates) without surrounding spaces.
    return (
        type(value) is str
        and len(value) <= max_length
        and value.isascii()
        and value.isprintable()
        and value == value.strip()
    )


def plain_stage_row(raw) -> dict | None:
    """A push's usual row — ``stage`` with ``application_external_id``, and for a new application
    ``profile_external_id`` and ``candidate_external_id`` ``{"system", "value"}`` — whose plain values
    ``HrisStageChangeSerializer`` returns as they are (printable ASCII without surrounding spaces within the
    fields' lengths, a known stage), validated without the serializer; None for any other row, which the
    serializer validates (tests/hris/test_hris_bulk_sets.py holds the two to the same answers)."""
    if type(raw) is not dict or "stage" not in raw or not raw.keys() <= _PLAIN_STAGE_KEYS:
        return None
    stage = raw["stage"]
    if type(stage) is not str or stage not in _STAGES:
        return None
    for key, max_length in (("application_external_id", 120), ("profile_external_id", 120)):
        if key in raw and not _plain_text(raw[key], max_length):
            return None
    external = raw.get("candidate_external_id")
    if external is not None or "candidate_external_id" in raw:
        if (
            type(external) is not dict
            or external.keys() != _PLAIN_EXTERNAL_KEYS
            or not _plain_text(external["system"], 60)
            or not _plain_text(external["value"], 200)
            or not external["system"]
            or not external["value"]
        ):
            return None
    return dict(raw)


def _stage_validator():
    validate = _validator(s.HrisStageChangeSerializer)

    def validate_stage_row(raw) -> tuple[dict | None, dict | None]:
        plain = plain_stage_row(raw)
        return (plain, None) if plain is not None else validate(raw)

    return validate_stage_row


def _bulk(request, serializer_class, handle, unchanged=None, *, apply=None) -> Response:
    """Validate the bulk body, run its rows (``hris.bulk_apply`` with ``handle``, or ``apply(rows, validate)``,
    a set-based form with the same results) and answer one result per row."""
    body = BulkSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    if apply is not None:
        validate = _stage_validator() if serializer_class is s.HrisStageChangeSerializer else None
        results, counts = apply(request.data["rows"], validate or _validator(serializer_class))
    else:
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
        tenant = request._request.tenant
        return _bulk(
            request,
            HrisCandidateSerializer,
            None,
            apply=lambda rows, validate: hris.candidates_bulk(rows, validate=validate, tenant=tenant),
        )


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
        actor = _actor(request)
        return _bulk(
            request,
            s.HrisStageChangeSerializer,
            None,
            apply=lambda rows, validate: hris.stage_changes_bulk(rows, validate=validate, actor=actor),
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
