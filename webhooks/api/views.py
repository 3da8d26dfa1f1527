"""Webhook endpoints and their delivery log. Admins (signed in) and API keys (read / write scopes) only: an
endpoint receives the tenant's events, so choosing where they go is an admin's act."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentpool.api.permissions import ADMINS
from talentpool.api.viewsets import TenantScopedViewSet

from .. import services
from ..models import Delivery, DeliveryStatus, Endpoint
from . import serializers as s


class EndpointViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """Where the tenant's events go. Each endpoint has its own secret (``whsec_…``) and chosen events."""

    model = Endpoint
    serializer_class = s.EndpointSerializer
    read_roles = ADMINS
    write_roles = ADMINS
    filter_backends = []

    @extend_schema(summary="Add a webhook endpoint")
    def create(self, request, *args, **kwargs):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        endpoint = services.endpoint_create(
            url=body.validated_data["url"],
            events=body.validated_data["events"],
            description=body.validated_data.get("description", ""),
            actor=request.user,
        )
        return Response(self.get_serializer(endpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a webhook endpoint's URL, events or description")
    def update(self, request, *args, **kwargs):
        endpoint = self.get_object()
        body = self.get_serializer(endpoint, data=request.data, partial=kwargs.get("partial", False))
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.endpoint_update(
            endpoint, url=data.get("url"), events=data.get("events"), description=data.get("description")
        )
        return Response(self.get_serializer(endpoint).data)

    def perform_destroy(self, instance):
        services.endpoint_delete(instance)

    @extend_schema(summary="Give the endpoint a new secret", request=None, responses=s.EndpointSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        return Response(self.get_serializer(services.endpoint_rotate_secret(self.get_object())).data)

    @extend_schema(summary="Enable a disabled endpoint", request=None, responses=s.EndpointSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request, pk=None):
        return Response(self.get_serializer(services.endpoint_enable(self.get_object())).data)

    @extend_schema(
        summary="Disable an endpoint (its pending deliveries fail, replayable)",
        request=None,
        responses=s.EndpointSerializer,
    )
    @action(detail=True, methods=["post"])
    def disable(self, request, pk=None):
        endpoint = services.endpoint_disable(self.get_object(), reason="disabled by hand")
        return Response(self.get_serializer(endpoint).data)

    @extend_schema(
        summary="Send a webhook.test event to this endpoint",
        request=None,
        responses={202: s.DeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        delivery = services.endpoint_send_test(self.get_object())
        return Response(s.DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Replay the endpoint's failed deliveries",
        request=s.ReplayFailedSerializer,
        responses=s.ReplayCountSerializer,
    )
    @action(detail=True, methods=["post"], url_path="replay-failed")
    def replay_failed(self, request, pk=None):
        endpoint = self.get_object()
        body = s.ReplayFailedSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        count = services.endpoint_replay_failed(endpoint, since=body.validated_data.get("since"))
        return Response({"replayed": count})


class DeliveryFilter(django_filters.FilterSet):
    endpoint = django_filters.NumberFilter(field_name="endpoint_id", min_value=1, max_value=2**63 - 1)
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    event_type = django_filters.CharFilter(max_length=40)

    class Meta:
        model = Delivery
        fields = ["endpoint", "status", "event_type"]


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """The delivery log: every event sent to every endpoint, with each attempt's response code. Filters:
    ``endpoint``, ``status``, ``event_type``."""

    model = Delivery
    serializer_class = s.DeliverySerializer
    filterset_class = DeliveryFilter
    read_roles = ADMINS
    write_roles = ADMINS

    def scoped_queryset(self):
        return Delivery.objects.all()

    def get_serializer_class(self):
        return s.DeliveryDetailSerializer if self.action in ("retrieve", "replay") else s.DeliverySerializer

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(
        summary="Send a finished delivery again (same webhook-id and body)",
        request=None,
        responses={202: s.DeliveryDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def replay(self, request, pk=None):
        delivery = services.delivery_replay(self.get_object())
        return Response(s.DeliveryDetailSerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
