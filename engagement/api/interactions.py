"""``/api/v1/interactions/``: record a touch from an integration (an HRIS, a call system) and read them back.

Writes need the write scope (or an admin or recruiter); every member who reads the pool reads interactions.
``external_id`` makes a replay idempotent: the first row comes back with 200 instead of 201. A candidate id
that is not the tenant's is 400 on ``candidate`` (the same answer as an id that does not exist).
"""

from __future__ import annotations

from datetime import timedelta

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from candidates.models import Candidate
from talentpool.api import bounds
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS

from ..models import Channel, Interaction, InteractionKind
from ..services.interactions import interaction_record_with_created


class InteractionSerializer(serializers.ModelSerializer):
    candidate = serializers.IntegerField(source="candidate_id")
    kind = serializers.ChoiceField(choices=InteractionKind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, allow_blank=True, default="")
    occurred_at = bounds.plausible_datetime(future=timedelta(days=1), required=False)
    external_id = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=20_000)
    metadata = bounds.json_field(limit=bounds.JSON_SMALL, required=False, default=dict)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)
    campaign = serializers.IntegerField(source="campaign_id", read_only=True, allow_null=True)

    class Meta:
        model = Interaction
        fields = [
            "id",
            "candidate",
            "kind",
            "channel",
            "occurred_at",
            "recorded_at",
            "external_id",
            "body",
            "metadata",
            "actor",
            "campaign",
        ]
        read_only_fields = ["id", "recorded_at", "actor", "campaign"]


class InteractionFilter(django_filters.FilterSet):
    candidate = django_filters.NumberFilter(field_name="candidate_id")
    kind = django_filters.MultipleChoiceFilter(field_name="kind", choices=InteractionKind.choices)
    since = django_filters.IsoDateTimeFilter(
        field_name="occurred_at", lookup_expr="gte", help_text="occurred at or after this time"
    )


class InteractionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Interactions, newest recorded first. Filters: ``candidate``, ``kind`` (repeatable), ``since``."""

    model = Interaction
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    read_roles = POOL_READERS
    write_roles = EDITORS

    def scoped_queryset(self):
        return Interaction.objects.all()

    @extend_schema(
        parameters=IDEMPOTENCY_PARAMETERS, responses={201: InteractionSerializer, 200: InteractionSerializer}
    )
    @idempotent
    def create(self, request):
        """Record an interaction; 200 with the first row when ``external_id`` was recorded before."""
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        candidate = Candidate.objects.filter(pk=data["candidate_id"]).first()
        if candidate is None:
            raise ServiceError("Unknown candidate.", field="candidate", code="unknown_candidate")
        actor = request.user if getattr(request.user, "pk", None) else None
        interaction, created = interaction_record_with_created(
            candidate=candidate,
            kind=data["kind"],
            channel=data.get("channel", ""),
            occurred_at=data.get("occurred_at"),
            actor=actor,
            external_id=data.get("external_id", ""),
            body=data.get("body", ""),
            metadata=data.get("metadata") or {},
        )
        return Response(
            self.get_serializer(interaction).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


router = SimpleRouter()
router.register("interactions", InteractionViewSet, basename="interaction")

urlpatterns = [*router.urls]
