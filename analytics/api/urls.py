"""``/api/v1/analytics/``: every figure of the Analytics page with the same filters (docs/api.md, "Analytics").

- ``GET funnel/?by=tag&from=YYYY-MM-DD&to=YYYY-MM-DD[&segment=K,K|&tag=ID][&compare=0]``: a list of
  ``{"segment": {"kind", "key", "name"}, "counts", "rates", "jumps", "probation_failed", "previous"}``.
- ``GET kpis/?from&to``: pool size and growth, activity rate and tiers, pool and value conversion rates, time
  to hire, fees avoided, stale share, supply vs demand.
- ``GET findings/[?status=open|dismissed|resolved|all]``, ``GET findings/{id}/``,
  ``POST findings/{id}/dismiss/ {"reason"}``, ``POST findings/{id}/campaign/`` (the draft campaign it suggests).
- ``GET reports/``, ``GET reports/{week}/``, ``POST reports/ {"week": "2026-W49"}`` (builds it, or returns it).
- ``GET settings/``, ``PATCH settings/ {"fee_per_external_hire", "fee_currency", "min_sample", "thresholds"}``.

Readers of the pool read; admins and recruiters dismiss and start campaigns; admins change settings. Bad input
is 400 naming the field; another tenant's tag, role or finding is 400 / 404.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path, re_path
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from talentpool.api import bounds
from talentpool.api.permissions import ADMINS, EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS

from .. import selectors
from ..models import AnalyticsSettings, Finding, FindingStatus, WeeklyReport
from ..services import diagnoses, reports

FILTERS = [
    OpenApiParameter("by", str, enum=list(selectors.BY_KINDS), description="segment kind (default all)"),
    OpenApiParameter("from", str, description="first day, YYYY-MM-DD (default: 90 days before `to`)"),
    OpenApiParameter(
        "to", str, description="last day, YYYY-MM-DD (default: today in the tenant's time zone)"
    ),
    OpenApiParameter("segment", str, description="only these keys of the `by` kind, comma-separated"),
    OpenApiParameter("tag", str, description="tag ids (comma-separated): by=tag, only these tags"),
    OpenApiParameter("compare", str, description="0 leaves out the previous period"),
]
_COUNTS = serializers.DictField(child=serializers.IntegerField())
_RATES = serializers.DictField(child=serializers.FloatField(allow_null=True))
FUNNEL_ITEM = inline_serializer(
    "FunnelSegment",
    {
        "segment": inline_serializer(
            "Segment",
            {
                "kind": serializers.CharField(),
                "key": serializers.CharField(),
                "name": serializers.CharField(),
            },
        ),
        "counts": _COUNTS,
        "rates": _RATES,
        "jumps": _COUNTS,
        "probation_failed": serializers.IntegerField(),
        "previous": serializers.DictField(),
    },
    many=True,
)


class FunnelView(APIView):
    """The pool-to-probation funnel per segment, from the daily aggregates."""

    read_roles = POOL_READERS

    @extend_schema(summary="Funnel per segment", parameters=FILTERS, responses=FUNNEL_ITEM)
    def get(self, request):
        return Response(selectors.funnel(selectors.funnel_query(request.query_params)))


class KpiView(APIView):
    """The pool's KPIs for a period."""

    read_roles = POOL_READERS

    @extend_schema(
        summary="Pool KPIs",
        parameters=FILTERS[1:3],
        responses=inline_serializer(
            "Kpis",
            {
                "pool_size": serializers.IntegerField(),
                "pool_growth": serializers.IntegerField(),
                "activity_rate": serializers.FloatField(),
                "pool_conversion_rate": serializers.FloatField(allow_null=True),
                "value_conversion_rate": serializers.FloatField(allow_null=True),
                "tiers": serializers.DictField(),
                "time_to_hire_days": serializers.DictField(),
                "fees_avoided": serializers.FloatField(),
                "stale_share": serializers.FloatField(allow_null=True),
                "supply_demand": serializers.ListField(),
                "as_of": serializers.DateTimeField(
                    allow_null=True, help_text="when the pool snapshot behind the now-figures was taken"
                ),
            },
        ),
    )
    def get(self, request):
        return Response(selectors.kpis(selectors.funnel_query(request.query_params)))


class FindingSerializer(serializers.ModelSerializer):
    segment = serializers.SerializerMethodField()
    suggestion = serializers.SerializerMethodField()
    suggestions = serializers.SerializerMethodField()
    campaign = serializers.IntegerField(source="campaign_id", read_only=True, allow_null=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "kind",
            "segment",
            "severity",
            "status",
            "evidence",
            "suggestion",
            "suggestions",
            "history",
            "first_seen_at",
            "last_seen_at",
            "dismissed_reason",
            "dismissed_at",
            "campaign",
        ]
        read_only_fields = fields

    def get_segment(self, finding) -> dict:
        return {"kind": finding.segment_kind, "key": finding.segment_key, "name": finding.segment_name}

    def get_suggestion(self, finding) -> str:
        return finding.suggestion(translation.get_language())

    def get_suggestions(self, finding) -> dict:
        return {"en": finding.suggestion_en, "zh-hans": finding.suggestion_zh}


class FindingViewSet(TenantScopedViewSet):
    """Findings: what the numbers probably mean and what to do, per segment."""

    model = Finding
    serializer_class = FindingSerializer
    read_roles = POOL_READERS
    write_roles = EDITORS
    pagination_class = None

    def scoped_queryset(self):
        return Finding.objects.all()

    @extend_schema(
        summary="List findings",
        parameters=[
            OpenApiParameter(
                "status", str, enum=["open", "dismissed", "resolved", "all"], description="default open"
            )
        ],
    )
    def list(self, request):
        wanted = request.query_params.get("status") or FindingStatus.OPEN
        if wanted not in (*FindingStatus.values, "all"):
            raise ServiceError("status must be open, dismissed, resolved or all.", field="status")
        findings = self.get_queryset() if wanted == "all" else self.get_queryset().filter(status=wanted)
        return Response(self.get_serializer(findings[:500], many=True).data)

    @extend_schema(summary="One finding")
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Dismiss a finding",
        request=inline_serializer(
            "FindingDismiss",
            {"reason": serializers.CharField(max_length=500, help_text="kept to its first 500 characters")},
        ),
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        finding = self.get_object()
        reason = request.data.get("reason") if isinstance(request.data, dict) else None
        diagnoses.finding_dismiss(
            finding,
            reason=reason,
            actor=request.user if request.user.is_authenticated and hasattr(request.user, "email") else None,
        )
        return Response(self.get_serializer(finding).data)

    @extend_schema(
        summary="Create the draft campaign a finding suggests",
        request=None,
        responses={
            201: inline_serializer(
                "FindingCampaign",
                {
                    "id": serializers.IntegerField(),
                    "name": serializers.CharField(),
                    "status": serializers.CharField(),
                    "audience": serializers.JSONField(),
                },
            )
        },
    )
    @action(detail=True, methods=["post"])
    def campaign(self, request, pk=None):
        finding = self.get_object()
        actor = request.user if hasattr(request.user, "email") else None
        campaign = diagnoses.finding_campaign_create(finding, actor=actor)
        return Response(
            {
                "id": campaign.pk,
                "name": campaign.name,
                "status": campaign.status,
                "audience": campaign.audience,
            },
            status=status.HTTP_201_CREATED,
        )


REPORT = inline_serializer(
    "WeeklyReport",
    {
        "week": serializers.CharField(),
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "built_at": serializers.DateTimeField(),
        "emailed_at": serializers.DateTimeField(allow_null=True),
        "data": serializers.DictField(
            help_text="the report's figures, findings and narrative (docs/analytics.md)"
        ),
    },
)
SETTINGS = inline_serializer(
    "AnalyticsSettings",
    {
        "fee_per_external_hire": serializers.FloatField(),
        "fee_currency": serializers.CharField(),
        "min_sample": serializers.IntegerField(),
        "thresholds": serializers.DictField(),
    },
)


def _report_body(report: WeeklyReport) -> dict:
    return {
        "week": report.week,
        "from": report.data.get("from"),
        "to": report.data.get("to"),
        "built_at": report.built_at,
        "emailed_at": report.emailed_at,
        "data": report.data,
    }


class ReportListView(APIView):
    """The weekly reports (newest first); POST builds a week's (or returns it)."""

    read_roles = POOL_READERS
    write_roles = EDITORS

    @extend_schema(
        summary="List weekly reports",
        responses=inline_serializer(
            "ReportItem",
            {
                "week": serializers.CharField(),
                "from": serializers.DateField(),
                "built_at": serializers.DateTimeField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        return Response(
            [
                {"week": r.week, "from": r.starts_on, "built_at": r.built_at}
                for r in WeeklyReport.objects.only("week", "starts_on", "built_at")[:200]
            ]
        )

    @extend_schema(
        summary="Build a week's report",
        request=inline_serializer(
            "ReportBuild",
            {"week": serializers.CharField(max_length=8, help_text="an ISO week, e.g. 2026-W49")},
        ),
        responses={200: REPORT, 201: REPORT},
    )
    def post(self, request):
        week = request.data.get("week") if isinstance(request.data, dict) else None
        report, built = reports.weekly_report_build(week)
        return Response(_report_body(report), status=status.HTTP_201_CREATED if built else status.HTTP_200_OK)


class ReportView(APIView):
    """One week's report."""

    read_roles = POOL_READERS

    @extend_schema(summary="One weekly report", responses=REPORT)
    def get(self, request, week: str):
        report = WeeklyReport.objects.filter(week=week).first()
        if report is None:
            raise Http404
        return Response(_report_body(report))


class SettingsView(APIView):
    """The tenant's analytics settings: the fee per external hire, the findings' minimum sample and thresholds."""

    read_roles = POOL_READERS
    write_roles = ADMINS

    def _body(self, settings: AnalyticsSettings) -> dict:
        return {
            "fee_per_external_hire": float(settings.fee_per_external_hire),
            "fee_currency": settings.fee_currency,
            "min_sample": settings.min_sample,
            "thresholds": diagnoses.thresholds(settings),
        }

    @extend_schema(summary="Analytics settings", responses=SETTINGS)
    def get(self, request):
        return Response(self._body(selectors.analytics_settings()))

    @extend_schema(
        summary="Change analytics settings",
        request=inline_serializer(
            "AnalyticsSettingsChange",
            {
                "fee_per_external_hire": serializers.DecimalField(
                    max_digits=12, decimal_places=2, required=False
                ),
                "fee_currency": serializers.CharField(required=False, max_length=3),
                "min_sample": serializers.IntegerField(required=False),
                "thresholds": bounds.dict_field(limit=bounds.JSON_SMALL, required=False),
            },
        ),
        responses=SETTINGS,
    )
    def patch(self, request):
        from ..services.settings import analytics_settings_update

        data = request.data if isinstance(request.data, dict) else {}
        return Response(self._body(analytics_settings_update(**{k: v for k, v in data.items()})))


router = SimpleRouter()
router.register("analytics/findings", FindingViewSet, basename="analytics-finding")

urlpatterns = [
    path("analytics/funnel/", FunnelView.as_view(), name="analytics-funnel"),
    path("analytics/kpis/", KpiView.as_view(), name="analytics-kpis"),
    path("analytics/reports/", ReportListView.as_view(), name="analytics-reports"),
    re_path(r"^analytics/reports/(?P<week>\d{4}-W\d{2})/$", ReportView.as_view(), name="analytics-report"),
    path("analytics/settings/", SettingsView.as_view(), name="analytics-settings"),
    *router.urls,
]
