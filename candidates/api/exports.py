"""Pool exports under /api/v1/exports/: POST starts one on a worker (202 and the job's URL), GET shows its
progress, GET …/download/ gives the CSV. A job is seen only by the key or member that started it and by the
tenant's admins; anyone else gets 404, as for another tenant's id."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from talentpool.api import bounds
from talentpool.api.context import request_actor as _actor
from talentpool.api.context import request_tenant as _tenant
from talentpool.api.errors import api_error_response
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.files import serve_file
from talentpool.tenancy.models import POOL_READERS

from ..models import ExportJob, ExportOrigin, ExportStatus
from ..services import exports as pool_exports


def _viewer(request) -> dict:
    """Who asks, as ``export_visible_to`` takes it: the member's role and user, or the API key."""
    api_key = getattr(request._request, "api_key", None)
    membership = getattr(request._request, "membership", None)
    return {
        "role": None if api_key is not None or membership is None else membership.role,
        "user": _actor(request),
        "api_key": api_key,
    }


class ExportJobSerializer(serializers.ModelSerializer):
    rows_done = serializers.SerializerMethodField(help_text="rows written so far (live while it runs)")
    percent = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField(help_text="set once the file is ready")

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "status",
            "origin",
            "filters",
            "total_rows",
            "rows_done",
            "percent",
            "filename",
            "size",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "url",
            "download_url",
        ]
        read_only_fields = fields

    def get_rows_done(self, job) -> int:
        return pool_exports.export_progress(job)

    def get_percent(self, job) -> int:
        return pool_exports.export_percent(job)

    def get_url(self, job) -> str:
        return reverse("api:export-detail", args=[job.pk], request=self.context.get("request"))

    def get_download_url(self, job) -> str | None:
        if job.status != ExportStatus.DONE:
            return None
        return reverse("api:export-download", args=[job.pk], request=self.context.get("request"))


class ExportCreateSerializer(serializers.Serializer):
    filters = serializers.DictField(
        required=False,
        default=dict,
        validators=[bounds.MaxJsonSize(bounds.JSON_SMALL)],
        help_text="the query parameters of GET /api/v1/candidates/ (tags_all, tier, q, …): a value or a list",
    )


@extend_schema_view(
    list=extend_schema(summary="List the exports this key or member started (admins: all)"),
    retrieve=extend_schema(summary="An export's state and progress"),
)
class ExportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """CSV exports of the pool, prepared by a worker. Members who read the pool may start one; API keys need
    the write scope to start one (a POST), the read scope to follow and download it."""

    model = ExportJob
    read_roles = POOL_READERS
    write_roles = POOL_READERS
    serializer_class = ExportJobSerializer

    def scoped_queryset(self):
        return pool_exports.exports_visible(**_viewer(self.request))

    @extend_schema(
        summary="Start an export of the pool (CSV, prepared by a worker)",
        request=ExportCreateSerializer,
        responses={202: ExportJobSerializer},
    )
    def create(self, request):
        body = ExportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filters = pool_exports.api_filters_clean(body.validated_data.get("filters") or {})
        viewer = _viewer(request)
        job = pool_exports.export_create(
            _tenant(request),
            origin=ExportOrigin.API,
            filters=filters,
            actor=viewer["user"],
            api_key=viewer["api_key"],
            request=request._request,
        )
        data = ExportJobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    @extend_schema(
        summary="Download an export's CSV",
        responses={
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="the CSV file (UTF-8)"),
            (409, "application/json"): OpenApiResponse(
                response={"$ref": "#/components/schemas/Error"},  # talentpool.openapi's error shape
                description="Not ready: queued, running, failed or expired (`not_ready`).",
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if job.status != ExportStatus.DONE or not job.file.name:
            messages = {
                ExportStatus.FAILED: job.error or "The export failed.",
                ExportStatus.EXPIRED: "The export expired and its file was deleted. Start a new one.",
            }
            return api_error_response(
                "not_ready",
                messages.get(job.status, "The export is not ready yet."),
                status.HTTP_409_CONFLICT,
            )
        return serve_file(request._request, job.file.name, job.filename, "text/csv; charset=utf-8")
