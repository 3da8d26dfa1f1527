"""``/api/v1/engine/``: the operations engine's rules and its dry run.

- ``GET /engine/rules/`` (and ``/engine/rules/{id}/``): the tenant's three rules, seeded switched off on first
  read. Every member who reads the pool may read them.
- ``PATCH /engine/rules/{id}/`` with any of ``action``, ``template`` (id or null), ``cadence_days``,
  ``enabled``: admins and recruiters (or a key with the write scope).
- ``POST /engine/dry-run/``: the report of ``engine_run(dry_run=True)`` — what every rule would send this week,
  switched on or not. Nothing is written. Admins and recruiters.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from talentpool.api.permissions import EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.tenancy.models import POOL_READERS

from ..models import EngineAction, EngineRule
from ..services.engine import engine_rule_update, engine_rules, engine_run


class EngineRuleSerializer(serializers.ModelSerializer):
    action = serializers.ChoiceField(choices=EngineAction.choices, required=False)
    template = serializers.IntegerField(source="template_id", required=False, allow_null=True)
    cadence_days = serializers.IntegerField(required=False)
    enabled = serializers.BooleanField(required=False)

    class Meta:
        model = EngineRule
        fields = ["id", "tier", "action", "template", "cadence_days", "enabled", "last_run_at", "updated_at"]
        read_only_fields = ["id", "tier", "last_run_at", "updated_at"]


class EngineRuleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """The engine's rules, high, mid, low. PATCH changes one (no create or delete: one rule per tier)."""

    model = EngineRule
    serializer_class = EngineRuleSerializer
    pagination_class = None  # always three
    read_roles = POOL_READERS
    write_roles = EDITORS
    http_method_names = ["get", "patch", "head", "options"]

    def scoped_queryset(self):
        engine_rules()  # seeded on first use, so the list is never empty
        return EngineRule.objects.order_by("id")

    @extend_schema(request=EngineRuleSerializer, responses=EngineRuleSerializer)
    def partial_update(self, request, pk=None):
        rule = self.get_object()
        body = self.get_serializer(rule, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        values = {}
        for name in ("action", "cadence_days", "enabled"):
            if name in request.data:
                values[name] = body.validated_data[name]
        if "template" in request.data:
            values["template"] = body.validated_data.get("template_id")
        actor = request.user if getattr(request.user, "pk", None) else None
        rule = engine_rule_update(rule, values=values, actor=actor)
        return Response(self.get_serializer(rule).data)


class EngineDryRunView(APIView):
    """What the engine would send this week, for every rule (switched on or not). Writes nothing."""

    read_roles = POOL_READERS
    write_roles = EDITORS

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "EngineReport",
            {
                "dry_run": serializers.BooleanField(),
                "generated_at": serializers.DateTimeField(),
                "week": serializers.CharField(),
                "total": serializers.IntegerField(),
                "enabled_total": serializers.IntegerField(),
                "segments": serializers.ListField(child=serializers.DictField()),
                "skipped": serializers.DictField(),
                "roles_ranked": serializers.IntegerField(),
                "seconds": serializers.FloatField(),
            },
        ),
    )
    def post(self, request):
        return Response(engine_run(dry_run=True).as_json())


router = SimpleRouter()
router.register("engine/rules", EngineRuleViewSet, basename="engine-rule")

urlpatterns = [
    path("engine/dry-run/", EngineDryRunView.as_view(), name="engine-dry-run"),
    *router.urls,
]
