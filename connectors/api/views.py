"""Sources, their runs and sourcing schedules: /api/v1/sources/, /api/v1/sync-runs/, /api/v1/sourcing-schedules/.

Thin: every rule is in ``connectors.services``. Admins, recruiters and viewers read (API keys with the read
scope); admins write (keys with the write scope) — a source holds credentials. Credentials are write-only:
responses show ``********`` in their place. A configuration that does not fit its kind, or an address that
resolves to a private network, is 400 naming the field; another tenant's ids are 404.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from profiles.models import RoleProfile
from talentpool.api import bounds
from talentpool.api.context import request_actor as _actor
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import ADMINS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS

from .. import services
from ..models import Schedule, Source, SourceKind, SourcingSchedule, SyncRun, Weekday
from ..selectors import sources as sources_with_last_run

# --- serializers ---------------------------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    configuration = serializers.SerializerMethodField(help_text="credentials shown as ********")
    can_search = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "name",
            "configuration",
            "schedule",
            "status",
            "last_error",
            "cursor",
            "next_run_at",
            "last_run_at",
            "last_success_at",
            "can_search",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_configuration(self, source) -> dict:
        return services.public_configuration(source)

    def get_can_search(self, source) -> bool:
        from ..registry import connector_class

        return bool(connector_class(source.kind)(source, secrets={}).can_search)


class SourceWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    name = serializers.CharField(max_length=120)
    configuration = bounds.dict_field(
        limit=bounds.JSON_SMALL, help_text="see docs/connectors.md for each kind"
    )
    schedule = serializers.ChoiceField(choices=Schedule.choices, default=Schedule.DAILY)


class SourceUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    configuration = bounds.dict_field(
        limit=bounds.JSON_SMALL, required=False, help_text="credentials left out or ******** stay"
    )
    schedule = serializers.ChoiceField(choices=Schedule.choices, required=False)
    paused = serializers.BooleanField(required=False)


class SyncRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SyncRun
        fields = [
            "id",
            "source",
            "kind",
            "schedule",
            "status",
            "started_at",
            "finished_at",
            "fetched",
            "matched",
            "created",
            "updated",
            "unchanged",
            "failed",
            "job_changes",
            "flagged",
            "pages",
            "resumed_from",
            "error",
            "record_errors",
            "details",
        ]
        read_only_fields = fields


class ScheduleSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourcingSchedule
        fields = [
            "id",
            "profile",
            "source",
            "weekday",
            "hour",
            "cap",
            "is_active",
            "next_run_at",
            "last_run_at",
            "created_at",
        ]
        read_only_fields = fields


class ScheduleWriteSerializer(serializers.Serializer):
    profile = serializers.IntegerField(help_text="the role profile's id")
    source = serializers.IntegerField(help_text="a source that can search")
    weekday = serializers.ChoiceField(choices=Weekday.choices, default=Weekday.MONDAY)
    hour = serializers.IntegerField(min_value=0, max_value=23, default=9)
    cap = serializers.IntegerField(min_value=1, max_value=1000, default=50)


class ScheduleUpdateSerializer(serializers.Serializer):
    weekday = serializers.ChoiceField(choices=Weekday.choices, required=False)
    hour = serializers.IntegerField(min_value=0, max_value=23, required=False)
    cap = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    is_active = serializers.BooleanField(required=False)


class QueuedSerializer(serializers.Serializer):
    queued = serializers.BooleanField()


class TestResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    message = serializers.CharField()


# --- views ---------------------------------------------------------------------------------------------------


def _queue(task, *args) -> None:
    transaction.on_commit(lambda: task.apply_async(args=list(args)))


@extend_schema_view(
    list=extend_schema(summary="List the tenant's sources with their health"),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Where profiles come from: REST feeds, LinkedIn- and Maimai-style networks, JSON Resume feeds, watched
    folders."""

    model = Source
    serializer_class = SourceSerializer
    read_roles = POOL_READERS
    write_roles = ADMINS
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        return sources_with_last_run()

    @extend_schema(
        summary="Connect a source",
        request=SourceWriteSerializer,
        responses={201: SourceSerializer},
        parameters=IDEMPOTENCY_PARAMETERS,
    )
    @idempotent
    def create(self, request):
        body = SourceWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        source = services.source_create(request._request.tenant, actor=_actor(request), **body.validated_data)
        return Response(SourceSerializer(source).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a source's name, configuration, schedule, or pause it",
        request=SourceUpdateSerializer,
        responses=SourceSerializer,
    )
    def partial_update(self, request, pk=None):
        source = self.get_object()
        body = SourceUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        paused = data.pop("paused", None)
        services.source_update(source, actor=_actor(request), **data)
        if paused is not None:
            services.source_set_paused(source, paused=paused, actor=_actor(request))
        return Response(SourceSerializer(Source.objects.get(pk=source.pk)).data)

    @extend_schema(summary="Remove a source (the candidates it brought stay)", responses={204: None})
    def destroy(self, request, pk=None):
        services.source_delete(self.get_object(), actor=_actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Test the connection (fetches the first page, writes nothing)",
        request=None,
        responses=TestResultSerializer,
    )
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        source = self.get_object()
        try:
            message = services.source_test(source)
        except ServiceError as exc:
            return Response({"ok": False, "message": str(exc)})
        return Response({"ok": True, "message": message})

    @extend_schema(summary="Sync now (queued on a worker)", request=None, responses={202: QueuedSerializer})
    @action(detail=True, methods=["post"])
    def sync(self, request, pk=None):
        from ..tasks import sync_source

        source = self.get_object()
        _queue(sync_source, request._request.tenant.pk, source.pk)
        return Response({"queued": True}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary="The source's runs, newest first", responses=SyncRunSerializer(many=True))
    @action(detail=True, methods=["get"])
    def runs(self, request, pk=None):
        source = self.get_object()
        page = self.paginate_queryset(SyncRun.objects.filter(source=source))
        return self.get_paginated_response(SyncRunSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Runs of every source, newest first"),
    retrieve=extend_schema(summary="One run with its counts and per-record errors"),
)
class SyncRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    model = SyncRun
    serializer_class = SyncRunSerializer
    read_roles = POOL_READERS
    filter_backends: list = []
    http_method_names = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="Sourcing schedules of the tenant's roles"),
    retrieve=extend_schema(summary="One sourcing schedule"),
)
class SourcingScheduleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """ "Every Monday, up to 50 new people for this role": a role profile searched on a source that can search."""

    model = SourcingSchedule
    serializer_class = ScheduleSerializer
    read_roles = POOL_READERS
    write_roles = ADMINS
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        return SourcingSchedule.objects.select_related("source", "profile")

    @extend_schema(
        summary="Schedule sourcing for a role",
        request=ScheduleWriteSerializer,
        responses={201: ScheduleSerializer},
        parameters=IDEMPOTENCY_PARAMETERS,
    )
    @idempotent
    def create(self, request):
        body = ScheduleWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        profile = RoleProfile.objects.filter(pk=data.pop("profile")).first()
        if profile is None:
            raise ServiceError(_("Unknown role."), field="profile", code="unknown_profile")
        source = Source.objects.filter(pk=data.pop("source")).first()
        if source is None:
            raise ServiceError(_("Unknown source."), field="source", code="unknown_source")
        schedule = services.schedule_create(
            request._request.tenant, profile=profile, source=source, actor=_actor(request), **data
        )
        return Response(ScheduleSerializer(schedule).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a sourcing schedule", request=ScheduleUpdateSerializer, responses=ScheduleSerializer
    )
    def partial_update(self, request, pk=None):
        schedule = self.get_object()
        body = ScheduleUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.schedule_update(
            request._request.tenant, schedule, actor=_actor(request), **body.validated_data
        )
        return Response(ScheduleSerializer(schedule).data)

    @extend_schema(summary="Remove a sourcing schedule", responses={204: None})
    def destroy(self, request, pk=None):
        services.schedule_delete(self.get_object(), actor=_actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Run this sourcing now (queued on a worker)",
        request=None,
        responses={202: OpenApiResponse(QueuedSerializer)},
    )
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        from ..tasks import run_sourcing

        schedule = self.get_object()
        _queue(run_sourcing, request._request.tenant.pk, schedule.pk)
        return Response({"queued": True}, status=status.HTTP_202_ACCEPTED)
