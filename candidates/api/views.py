"""The pool's API: candidates, tags, documents and uploads, duplicates and merges, imports, JSON Resume."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from talentpool.api.context import request_actor as _actor
from talentpool.api.context import request_tenant as _tenant
from talentpool.api.permissions import EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.tenancy.models import POOL_READERS
from talentpool.uploads import refuse_oversized_upload
from talentpool.web import id_param

from .. import selectors, services
from ..models import (
    Candidate,
    CandidateMerge,
    CandidateStatus,
    CandidateTag,
    ColumnMapping,
    Document,
    DuplicateFlag,
    ImportJob,
    Tag,
)
from . import serializers as s
from .filters import CandidateFilter, DocumentFilter


def _tag_by_ref(ref) -> Tag:
    tag = (
        Tag.objects.filter(pk=id_param(ref)).first() if id_param(ref) else Tag.objects.filter(key=ref).first()
    )
    if tag is None:
        raise services.CandidateError("Unknown tag.", field="tag")
    return tag


class CandidateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantScopedViewSet,
):
    """The pool. Filters: tags_all / tags_any / tags_none (ids or keys), tier, score_min / score_max,
    years_min / years_max, education (this level or higher), location, source, status, updated_since, q."""

    model = Candidate
    read_roles = POOL_READERS
    filterset_class = CandidateFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]  # delete: only tags/{ref}/

    def scoped_queryset(self):
        candidates = Candidate.objects.exclude(status=CandidateStatus.MERGED).prefetch_related(
            "emails", "phones", "external_ids"
        )
        if self.action == "retrieve":
            candidates = candidates.prefetch_related(
                Prefetch("candidate_tags", queryset=CandidateTag.objects.select_related("tag")),
                "experiences",
                "educations",
            )
        return candidates

    def get_serializer_class(self):
        return s.CandidateDetailSerializer if self.action == "retrieve" else s.CandidateSerializer

    def retrieve(self, request, *args, **kwargs):
        from privacy.audit import record

        candidate = self.get_object()
        record("candidate.viewed", actor=_actor(request), target=candidate, request=request._request)
        return Response(self.get_serializer(candidate).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        tags = [_tag_by_ref(ref).key for ref in data.pop("tags", [])]
        candidate_input = services.CandidateInput(
            full_name=data.pop("full_name", ""),
            emails=tuple(data.pop("emails", [])),
            phones=tuple(data.pop("phones", [])),
            external_ids=tuple(
                (x.get("system", ""), x.get("value", "")) for x in data.pop("external_ids", [])
            ),
            fields=data,
            tag_keys=tuple(tags),
        )
        source = "api" if getattr(self.request.user, "pk", None) is None else "manual"
        existing = services.candidate_find_exact(
            emails=candidate_input.emails,
            phones=candidate_input.phones,
            external_ids=candidate_input.external_ids,
        )
        if existing is not None:
            raise services.CandidateError(
                f"This person is in the pool already (candidate {existing.pk}).",
                field="emails",
                code="duplicate",
            )
        serializer.instance = services.candidate_create(
            _tenant(self.request), data=candidate_input, source=source, actor=_actor(self.request)
        )
        services.duplicates_flag_for(_tenant(self.request), candidate_id=serializer.instance.pk)

    def perform_update(self, serializer):
        candidate = serializer.instance
        data = dict(serializer.validated_data)
        data.pop("tags", None)
        source = "api" if getattr(self.request.user, "pk", None) is None else "manual"
        services.candidate_set_fields(
            candidate,
            {k: v for k, v in data.items() if k in services.profile.PROFILE_FIELDS},
            source=source,
            actor=_actor(self.request),
        )
        services.candidate_add_emails(
            candidate, data.get("emails", []), source=source, actor=_actor(self.request)
        )
        services.candidate_add_phones(
            candidate, data.get("phones", []), source=source, actor=_actor(self.request)
        )
        for external in data.get("external_ids", []):
            services.candidate_add_external_id(
                candidate,
                system=external.get("system", ""),
                value=external.get("value", ""),
                source=source,
                actor=_actor(self.request),
            )
        from privacy.audit import record

        record(
            "candidate.changed",
            actor=_actor(self.request),
            target=candidate,
            request=self.request._request,
            details={"fields": sorted(data)},
        )

    @extend_schema(request=s.TagRefSerializer, responses=s.CandidateDetailSerializer)
    @action(detail=True, methods=["post"], url_path="tags")
    def add_tag(self, request, pk=None):
        candidate = self.get_object()
        ref = s.TagRefSerializer(data=request.data)
        ref.is_valid(raise_exception=True)
        services.candidate_tag_add(
            candidate, tag=_tag_by_ref(ref.validated_data["tag"]), source="manual", actor=_actor(request)
        )
        return self.retrieve(request, pk=pk)

    @extend_schema(request=None, responses=s.CandidateDetailSerializer)
    @action(detail=True, methods=["delete"], url_path=r"tags/(?P<tag_ref>[^/]+)")
    def remove_tag(self, request, pk=None, tag_ref=None):
        candidate = self.get_object()
        services.candidate_tag_remove(candidate, tag=_tag_by_ref(tag_ref), actor=_actor(request))
        return self.retrieve(request, pk=pk)

    @extend_schema(responses=s.ProfileChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        candidate = self.get_object()
        changes = selectors.candidate_changes(candidate)  # the same query as the candidate page's history
        page = self.paginate_queryset(changes)
        return self.get_paginated_response(s.ProfileChangeSerializer(page, many=True).data)

    @extend_schema(responses=s.DocumentSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain array: a person has a few files
    def documents(self, request, pk=None):
        candidate = self.get_object()
        return Response(s.DocumentSerializer(Document.objects.filter(candidate=candidate), many=True).data)

    @extend_schema(responses=dict)
    @action(detail=True, methods=["get"], url_path="json-resume")
    def json_resume(self, request, pk=None):
        return Response(services.json_resume_export(self.get_object()))

    @extend_schema(request=dict, responses=s.CandidateSerializer)
    @action(detail=False, methods=["post"], url_path="json-resume")
    def json_resume_import(self, request):
        candidate, created = services.json_resume_import(
            _tenant(request), document=request.data, actor=_actor(request)
        )
        return Response(s.CandidateSerializer(candidate).data, status=201 if created else 200)


class TagViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """The tenant's taxonomy. Delete retires a tag (candidates keep their history); merge folds one into another."""

    model = Tag
    serializer_class = s.TagSerializer
    filterset_fields = ["category", "is_retired"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    write_roles = EDITORS

    def scoped_queryset(self):
        tags = Tag.objects.all()
        query = self.request.query_params.get("q", "").strip()
        if query:
            from django.db.models import Q

            tags = tags.filter(
                Q(name_en__icontains=query)
                | Q(name_zh__icontains=query)
                | Q(key__icontains=query)
                | Q(synonyms__icontains=query)
            )
        return tags

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.tag_create(
            _tenant(self.request),
            category=data["category"],
            name_en=data.get("name_en", ""),
            name_zh=data.get("name_zh", ""),
            synonyms=data.get("synonyms", []),
            parent=data.get("parent"),
            actor=_actor(self.request),
        )

    def perform_update(self, serializer):
        serializer.instance = services.tag_update(
            _tenant(self.request),
            tag=serializer.instance,
            actor=_actor(self.request),
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        services.tag_retire(_tenant(self.request), tag=instance, actor=_actor(self.request))

    @extend_schema(request=s.TagMergeSerializer, responses=s.TagSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        source = self.get_object()
        body = s.TagMergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = Tag.objects.filter(pk=body.validated_data["into"]).first()
        if target is None:
            raise services.CandidateError("Unknown tag.", field="into")
        merged = services.tag_merge(_tenant(request), source=source, target=target, actor=_actor(request))
        return Response(s.TagSerializer(merged).data)


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Resumes and other files. POST (multipart ``files``, many files or zips) stores and parses them; a file
    that was not read as a resume can be parsed again (``reparse``), kept as the attachment of a candidate
    created by hand (``attach``) or deleted (DELETE, only files that belong to no candidate)."""

    model = Document
    read_roles = POOL_READERS
    serializer_class = s.DocumentSerializer
    filterset_class = DocumentFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def scoped_queryset(self):
        return Document.objects.all()

    def get_serializer_class(self):
        return s.DocumentTextSerializer if self.action == "retrieve" else s.DocumentSerializer

    @extend_schema(
        request={"multipart/form-data": s.UploadSerializer},
        responses={201: s.UploadResultSerializer(many=True)},
    )
    def create(self, request):
        refuse_oversized_upload(request)
        body = s.UploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        candidate = None
        if body.validated_data.get("candidate"):
            candidate = Candidate.objects.filter(pk=body.validated_data["candidate"]).first()
            if candidate is None:
                raise services.CandidateError("Unknown candidate.", field="candidate")
        uploads = [(f.name, f.read(), f.content_type or "") for f in body.validated_data["files"]]
        items = services.resumes_ingest(
            _tenant(request), uploads=uploads, actor=_actor(request), candidate=candidate
        )
        results = [
            {
                "file": item.filename,
                "document_id": item.document.pk if item.document else None,
                "candidate_id": item.document.candidate_id if item.document else None,
                "status": item.document.parse_status if item.document else "rejected",
                "error": item.error,
                "created": item.created,
            }
            for item in items
        ]
        return Response(results, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.DocumentSerializer)
    @action(detail=True, methods=["post"])
    def reparse(self, request, pk=None):
        document = self.get_object()
        services.document_parse_later(_tenant(request), document_id=document.pk, actor=_actor(request))
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=s.DocumentAttachSerializer, responses={201: s.CandidateSerializer})
    @action(detail=True, methods=["post"])
    def attach(self, request, pk=None):
        from ..services.documents import document_attach_to_new_candidate

        document = self.get_object()
        body = s.DocumentAttachSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        candidate = document_attach_to_new_candidate(
            _tenant(request), document_id=document.pk, actor=_actor(request), **body.validated_data
        )
        return Response(s.CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        from ..services.documents import document_delete

        document_delete(_tenant(request), document_id=self.get_object().pk, actor=_actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    # The file as it was uploaded, with its own media type (PDF, Word, images…).
    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        from talentpool.files import serve_file

        document = self.get_object()
        # Found in this tenant's scope (404 otherwise); nginx sends it when FILES_ACCEL_REDIRECT_PREFIX is set.
        return serve_file(request._request, document.file.name, document.original_name or document.sha256)


class DuplicateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Pairs that may be one person. Merge them with POST /merges/, or dismiss."""

    model = DuplicateFlag
    read_roles = POOL_READERS
    serializer_class = s.DuplicateFlagSerializer
    filterset_fields = ["status", "reason"]

    def scoped_queryset(self):
        return DuplicateFlag.objects.all()

    @extend_schema(request=None, responses=s.DuplicateFlagSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        flag = services.duplicate_dismiss(_tenant(request), flag=self.get_object(), actor=_actor(request))
        return Response(s.DuplicateFlagSerializer(flag).data)


class MergeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, TenantScopedViewSet
):
    """Merges of two candidates into one; each can be undone."""

    model = CandidateMerge
    read_roles = POOL_READERS
    serializer_class = s.MergeSerializer

    def scoped_queryset(self):
        return CandidateMerge.objects.all()

    def perform_create(self, serializer):
        keep = Candidate.objects.filter(pk=serializer.validated_data["keep"]).first()
        remove = Candidate.objects.filter(pk=serializer.validated_data["remove"]).first()
        if keep is None or remove is None:
            raise services.CandidateError("Unknown candidate.", field="keep" if keep is None else "remove")
        serializer.instance = services.candidate_merge(
            _tenant(self.request), keep=keep, remove=remove, actor=_actor(self.request)
        )

    @extend_schema(request=None, responses=s.MergeSerializer)
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        merge = services.candidate_merge_undo(
            _tenant(request), merge=self.get_object(), actor=_actor(request)
        )
        return Response(s.MergeSerializer(merge).data)


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Bulk imports from CSV / XLSX. POST with ``dry_run`` true previews; POST …/run/ imports."""

    model = ImportJob
    read_roles = POOL_READERS
    serializer_class = s.ImportJobSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def scoped_queryset(self):
        return ImportJob.objects.all()

    @extend_schema(request={"multipart/form-data": s.ImportCreateSerializer}, responses={201: dict})
    def create(self, request):
        refuse_oversized_upload(request)
        body = s.ImportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        mapping = body.validated_data.get("mapping")
        if mapping is not None and not isinstance(mapping, dict):
            raise services.CandidateError("The mapping must be an object of column → field.", field="mapping")
        job = services.import_create(
            _tenant(request),
            data=upload.read(),
            filename=upload.name,
            mapping=mapping,
            mapping_name=body.validated_data.get("mapping_name"),
            actor=_actor(request),
        )
        payload = {"job": s.ImportJobSerializer(job).data}
        if body.validated_data["dry_run"]:
            payload["preview"] = services.import_preview(_tenant(request), job=job)
        else:
            self._start(request, job)
            job.refresh_from_db()
            payload["job"] = s.ImportJobSerializer(job).data
        return Response(payload, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ImportJobSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        job = self.get_object()
        self._start(request, job)
        job.refresh_from_db()
        return Response(s.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    def _start(self, request, job: ImportJob) -> None:
        services.import_start(_tenant(request), job=job, actor=_actor(request), resume=True)

    @extend_schema(responses={(200, "text/csv"): str})
    @action(detail=True, methods=["get"], url_path="rejected")
    def rejected_csv(self, request, pk=None):
        job = self.get_object()
        response = HttpResponse(
            services.import_rejected_csv(_tenant(request), job=job), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejected.csv"'
        return response


class ColumnMappingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, TenantScopedViewSet
):
    model = ColumnMapping
    read_roles = POOL_READERS
    serializer_class = s.ColumnMappingSerializer

    def scoped_queryset(self):
        return ColumnMapping.objects.all()
