"""``/api/v1/campaigns/``: campaigns and their sequences.

Every member who reads the pool (admins, recruiters, viewers) reads campaigns, their statistics and audience
counts (GET); admins and recruiters (or a key with the write scope) create, change and delete drafts, launch,
pause, resume and finish. Another tenant's campaign id is 404; bad input is 400 naming the field
(``audience``, ``steps[0].body``, …); launching an empty audience is 400 on ``audience``.

    POST /api/v1/campaigns/ {"name", "audience": {"candidate_ids": [...]}, "steps": [{"channel": "email",
         "subject", "body", "language"}]}
    POST /api/v1/campaigns/{id}/launch/     → the first step's messages are in the outbox, due at once
    GET  /api/v1/campaigns/audience-count/?tag_ids=1&tag_ids=2&tiers=high   or POST {"audience": {...}}
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from talentpool.api import bounds
from talentpool.api.context import request_actor as _actor
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS

from ..models import MESSAGE_CHANNELS, Campaign, CampaignStep, StepCondition
from ..selectors.campaigns import campaign_detail_queryset, campaign_list
from ..services import campaigns as services


class CampaignStepSerializer(serializers.ModelSerializer):
    template = serializers.IntegerField(source="template_id", allow_null=True, read_only=True)

    class Meta:
        model = CampaignStep
        fields = ["position", "channel", "template", "subject", "body", "language", "delay_days", "condition"]
        read_only_fields = fields


class CampaignSerializer(serializers.ModelSerializer):
    sender = serializers.IntegerField(source="sender_id", allow_null=True, read_only=True)
    steps = CampaignStepSerializer(many=True, read_only=True)
    enrolled = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "kind",
            "status",
            "audience",
            "use_send_window",
            "sender",
            "scheduled_at",
            "launched_at",
            "finished_at",
            "created_at",
            "updated_at",
            "steps",
            "enrolled",
            "active",
        ]
        read_only_fields = fields

    def get_enrolled(self, campaign) -> int | None:
        return getattr(campaign, "enrolled", None)

    def get_active(self, campaign) -> int | None:
        return getattr(campaign, "active", None)


class StepInputSerializer(serializers.Serializer):
    """Documents a step; the service checks it (so its errors name ``steps[i].<field>``)."""

    channel = serializers.ChoiceField(choices=MESSAGE_CHANNELS, required=False)
    template = serializers.IntegerField(required=False, allow_null=True)
    subject = serializers.CharField(required=False, allow_blank=True, max_length=300)
    body = serializers.CharField(required=False, allow_blank=True, max_length=bounds.MESSAGE_BODY)
    language = serializers.CharField(required=False, max_length=10)
    delay_days = serializers.IntegerField(required=False)
    condition = serializers.ChoiceField(choices=StepCondition.choices, required=False)


class CampaignInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    audience = bounds.json_field(limit=bounds.JSON_LARGE, required=False, default=dict)
    steps = bounds.json_field(
        limit=bounds.JSON_LARGE,
        required=False,
        default=list,
        help_text="a list of steps: {channel, template | subject + body + language, delay_days, condition}",
    )
    use_send_window = serializers.BooleanField(required=False, default=True)
    scheduled_at = bounds.plausible_datetime(required=False, allow_null=True, default=None)


class CampaignUpdateSerializer(CampaignInputSerializer):
    name = serializers.CharField(max_length=200, required=False)
    audience = bounds.json_field(limit=bounds.JSON_LARGE, required=False)
    steps = bounds.json_field(limit=bounds.JSON_LARGE, required=False)
    use_send_window = serializers.BooleanField(required=False)
    scheduled_at = bounds.plausible_datetime(required=False, allow_null=True)


class AudienceSerializer(serializers.Serializer):
    audience = bounds.json_field(limit=bounds.JSON_LARGE)


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


class StepStatsSerializer(serializers.Serializer):
    step_id = serializers.IntegerField()
    position = serializers.IntegerField()
    channel = serializers.CharField()
    subject = serializers.CharField()
    audience = serializers.IntegerField()
    messages = serializers.IntegerField()
    queued = serializers.IntegerField()
    sent = serializers.IntegerField()
    delivered = serializers.IntegerField()
    opened = serializers.IntegerField(help_text="human opens")
    machine_opened = serializers.IntegerField()
    clicked = serializers.IntegerField()
    replied = serializers.IntegerField()
    unsubscribed = serializers.IntegerField()
    bounced = serializers.IntegerField()
    failed = serializers.IntegerField()
    skipped = serializers.IntegerField()
    skip_reasons = serializers.DictField(child=serializers.IntegerField())


# Query parameters of GET audience-count: lists may repeat or be comma-separated.
_LIST_PARAMETERS = ("candidate_ids", "tag_ids", "tiers", "sources")
_ID_PARAMETERS = ("saved_search", "profile", "shortlist")


def audience_from_query(query_params) -> dict:
    """The audience described by a query string (GET audience-count)."""
    audience: dict = {}
    for name in _LIST_PARAMETERS:
        values = [
            part.strip() for value in query_params.getlist(name) for part in value.split(",") if part.strip()
        ]
        if values:
            audience[name] = values
    for name in _ID_PARAMETERS:
        if query_params.get(name):
            audience[name] = query_params[name]
    if query_params.get("min_score"):
        try:
            audience["min_score"] = float(query_params["min_score"])
        except ValueError:
            raise ServiceError("min_score must be a number from 0 to 100.", field="audience") from None
    return audience


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Campaigns, newest first. Filters: ``status``, ``kind``."""

    model = Campaign
    serializer_class = CampaignSerializer
    read_roles = POOL_READERS
    write_roles = EDITORS
    ordering = "-id"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        if self.action == "list":
            params = self.request.query_params
            return campaign_list(
                status=params.get("status", ""), kind=params.get("kind", "")
            ).prefetch_related("steps")
        return campaign_detail_queryset()

    def _detail(self, campaign: Campaign, *, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = campaign_list().prefetch_related("steps").get(pk=campaign.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    @extend_schema(
        request=CampaignInputSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={201: CampaignSerializer},
    )
    @idempotent
    def create(self, request):
        body = CampaignInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        actor = _actor(request)
        campaign = services.campaign_create(
            name=data["name"],
            audience=data.get("audience") or {},
            steps=data.get("steps") or [],
            use_send_window=data.get("use_send_window", True),
            sender=actor,
            actor=actor,
            scheduled_at=data.get("scheduled_at"),
        )
        return self._detail(campaign, status_code=status.HTTP_201_CREATED)

    @extend_schema(request=CampaignUpdateSerializer, responses=CampaignSerializer)
    def partial_update(self, request, pk=None):
        campaign = self.get_object()
        body = CampaignUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.campaign_update(campaign, actor=_actor(request), **body.validated_data)
        return self._detail(campaign)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.campaign_delete(self.get_object(), actor=_actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, parameters=IDEMPOTENCY_PARAMETERS, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def launch(self, request, pk=None):
        """Launch a draft (or start a scheduled campaign now); 400 on ``audience`` when it is empty."""
        campaign = services.campaign_launch(self.get_object(), actor=_actor(request))
        return self._detail(campaign)

    @extend_schema(request=None, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        return self._detail(services.campaign_pause(self.get_object(), actor=_actor(request)))

    @extend_schema(request=None, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._detail(services.campaign_resume(self.get_object(), actor=_actor(request)))

    @extend_schema(request=None, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        return self._detail(services.campaign_finish(self.get_object(), actor=_actor(request)))

    @extend_schema(responses=StepStatsSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def stats(self, request, pk=None):
        return Response(services.campaign_stats(self.get_object()))

    @extend_schema(
        methods=["GET"],
        responses=CountSerializer,
        parameters=[
            OpenApiParameter(name, OpenApiTypes.STR, many=name in _LIST_PARAMETERS)
            for name in (*_LIST_PARAMETERS, *_ID_PARAMETERS, "min_score")
        ],
    )
    @extend_schema(methods=["POST"], request=AudienceSerializer, responses=CountSerializer)
    @action(
        detail=False,
        methods=["get", "post"],
        url_path="audience-count",
        pagination_class=None,
        filter_backends=[],
    )
    def audience_count(self, request):
        """How many reachable candidates an audience holds now (the builder's live count)."""
        if request.method == "POST":
            body = AudienceSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            audience = body.validated_data["audience"]
        else:
            audience = audience_from_query(request.query_params)
        return Response({"count": services.audience_count(audience)})


router = SimpleRouter()
router.register("campaigns", CampaignViewSet, basename="campaign")

urlpatterns = router.urls
