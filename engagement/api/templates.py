"""Message templates and the content library: /api/v1/templates/ and /api/v1/content/.

Thin: fields are typed here, every rule is in ``engagement.services.templates``. Admins, recruiters and viewers
read (and API keys with the read scope); admins and recruiters write (keys with the write scope). A template
with an unknown placeholder or a forbidden construct is 400 with the field (``subject`` or ``body``) and a
message naming it; another tenant's ids are 404 (templates, items) or 400 (a candidate, template or tag named
in a body).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from candidates.models import Candidate
from talentpool.api import bounds
from talentpool.api.context import request_actor as _actor
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS
from talentpool.web import id_param

from ..models import MESSAGE_CHANNELS, Channel, ContentItem, ContentKind, MessagePurpose, MessageTemplate
from ..services import templates as services
from ..services.templates import LANGUAGES

# --- serializers ---------------------------------------------------------------------------------------------


class TemplateSerializer(serializers.ModelSerializer):
    warnings = serializers.SerializerMethodField(help_text="advice that did not stop the save (SMS length)")

    class Meta:
        model = MessageTemplate
        fields = [
            "id",
            "name",
            "channel",
            "language",
            "purpose",
            "subject",
            "body",
            "warnings",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_warnings(self, template) -> list[str]:
        return services.template_warnings(
            channel=template.channel, body=template.body, language=template.language
        )


class TemplateWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    channel = serializers.ChoiceField(choices=MESSAGE_CHANNELS, default=Channel.EMAIL.value)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="zh-hans")
    purpose = serializers.ChoiceField(choices=MessagePurpose.values, default=MessagePurpose.GENERAL.value)
    subject = serializers.CharField(
        max_length=300, allow_blank=True, required=False, default="", trim_whitespace=False
    )
    body = serializers.CharField(trim_whitespace=False, max_length=bounds.MESSAGE_BODY)


class PreviewSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(help_text="the candidate to render for")
    template = serializers.IntegerField(
        required=False, help_text="a saved template; or give subject and body"
    )
    subject = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False, max_length=300
    )
    body = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False, max_length=bounds.MESSAGE_BODY
    )
    channel = serializers.ChoiceField(choices=MESSAGE_CHANNELS, default=Channel.EMAIL.value)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class PreviewResultSerializer(serializers.Serializer):
    subject = serializers.CharField()
    text = serializers.CharField()
    html = serializers.CharField()
    links = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(child=serializers.CharField())


class ContentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContentItem
        fields = ["id", "kind", "title", "summary", "url", "tag_ids", "language", "valid_until", "created_at"]
        read_only_fields = fields


class ContentWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContentKind.values, default=ContentKind.ARTICLE.value)
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(allow_blank=True, required=False, default="", max_length=bounds.NOTE)
    url = serializers.CharField(max_length=1000, help_text="http:// or https:// only")
    tag_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        max_length=bounds.TAGS,
        help_text="ids of the tenant's own tags",
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="zh-hans")
    valid_until = bounds.plausible_date(required=False, allow_null=True, default=None)


def _partial_values(body: serializers.Serializer) -> dict:
    """The fields the client sent (a partial update leaves defaults out)."""
    return {name: value for name, value in body.validated_data.items() if name in body.initial_data}


# --- views -------------------------------------------------------------------------------------------------------


LIST_FILTERS = [
    OpenApiParameter("purpose", str, enum=MessagePurpose.values),
    OpenApiParameter("channel", str, enum=[Channel.EMAIL.value, Channel.SMS.value]),
    OpenApiParameter("language", str, enum=list(LANGUAGES)),
]


class TemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """Email and SMS templates. The tenant's defaults (every purpose, channel and language) appear on first
    use. Filters: ``purpose``, ``channel``, ``language``."""

    model = MessageTemplate
    serializer_class = TemplateSerializer
    read_roles = POOL_READERS
    write_roles = EDITORS
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        templates = MessageTemplate.objects.all()
        if self.action == "list":
            for name in ("purpose", "channel", "language"):
                if self.request.query_params.get(name):
                    templates = templates.filter(**{name: self.request.query_params[name]})
        return templates

    @extend_schema(parameters=LIST_FILTERS)
    def list(self, request, *args, **kwargs):
        services.templates_seed()
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=TemplateWriteSerializer,
        responses={201: TemplateSerializer},
        parameters=IDEMPOTENCY_PARAMETERS,
    )
    @idempotent
    def create(self, request):
        body = TemplateWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        template = services.template_create(actor=_actor(request), **body.validated_data)
        return Response(TemplateSerializer(template).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TemplateWriteSerializer, responses=TemplateSerializer)
    def partial_update(self, request, pk=None):
        template = self.get_object()
        body = TemplateWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        template = services.template_update(template, actor=_actor(request), **_partial_values(body))
        return Response(TemplateSerializer(template).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.template_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=PreviewSerializer, responses=PreviewResultSerializer)
    @action(detail=False, methods=["post"], pagination_class=None)
    def preview(self, request):
        """The message as a candidate of the pool would get it, with the roles that fit them and content chosen
        by their tags. Give ``template`` (an id) or ``subject`` and ``body``. A preview writes nothing; being a
        POST, it takes the write role (or scope): previewing is part of editing."""
        body = PreviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        candidate = Candidate.objects.filter(pk=data["candidate"]).first()
        if candidate is None:
            raise ServiceError(_("Unknown candidate."), field="candidate", code="unknown_candidate")
        if data.get("template") is not None:
            source = MessageTemplate.objects.filter(pk=data["template"]).first()
            if source is None:
                raise ServiceError(_("Unknown template."), field="template", code="unknown_template")
        elif (data.get("body") or "").strip():
            source = {
                "subject": data.get("subject", ""),
                "body": data["body"],
                "channel": data["channel"],
                "language": data.get("language"),
            }
        else:
            raise ServiceError(_("Give a template or a body."), field="body")
        result = services.template_preview(
            source, candidate=candidate, recruiter=_actor(request), language=data.get("language")
        )
        return Response(result)


class ContentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """The content library: articles, industry news, event invitations. Filters: ``kind``, ``language``,
    ``tag`` (an id; items with that tag), ``valid`` (true: not expired today)."""

    model = ContentItem
    serializer_class = ContentSerializer
    read_roles = POOL_READERS
    write_roles = EDITORS
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        items = ContentItem.objects.all()
        if self.action != "list":
            return items
        params = self.request.query_params
        for name in ("kind", "language"):
            if params.get(name):
                items = items.filter(**{name: params[name]})
        if params.get("tag"):
            tag = id_param(params["tag"])
            if tag is None:
                raise serializers.ValidationError({"tag": [_("Unknown tag")]})
            # tag_ids is an integer[]: an id beyond int4 is in no item (and comparing it would be a database error).
            items = items.filter(tag_ids__contains=[tag]) if tag < 2**31 else items.none()
        if params.get("valid") in ("1", "true"):
            from ..selectors.templates import tenant_today

            today = tenant_today(self.request._request.tenant)
            items = items.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return items

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=ContentKind.values),
            OpenApiParameter("language", str, enum=list(LANGUAGES)),
            OpenApiParameter("tag", int),
            OpenApiParameter("valid", bool),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ContentWriteSerializer, responses={201: ContentSerializer}, parameters=IDEMPOTENCY_PARAMETERS
    )
    @idempotent
    def create(self, request):
        body = ContentWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.content_create(actor=_actor(request), **body.validated_data)
        return Response(ContentSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ContentWriteSerializer, responses=ContentSerializer)
    def partial_update(self, request, pk=None):
        item = self.get_object()
        body = ContentWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        item = services.content_update(item, actor=_actor(request), **_partial_values(body))
        return Response(ContentSerializer(item).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        services.content_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


router = SimpleRouter()
router.register("templates", TemplateViewSet, basename="message-template")
router.register("content", ContentViewSet, basename="content-item")

urlpatterns = router.urls
