"""Current tenant, members, invitations and API keys. Thin: validation here, writes in services."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from talentpool.accounts import services as account_services
from talentpool.accounts.models import Invitation
from talentpool.api.permissions import ADMINS, ALL_ROLES
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.tenancy import selectors, services
from talentpool.tenancy.models import ApiKey, Membership, Notification, Role

from .serializers import (
    ApiKeySerializer,
    CreatedApiKeySerializer,
    InvitationSerializer,
    MembershipSerializer,
    NotificationSerializer,
    ReadAllResultSerializer,
    TenantSerializer,
)


class CurrentTenantView(APIView):
    """The tenant this request acts in (the API key's, or the session's choice)."""

    read_roles = ALL_ROLES
    write_roles = ADMINS
    api_key_writes = False  # tenant settings change by people, not integrations

    @extend_schema(responses=TenantSerializer)
    def get(self, request):
        return Response(TenantSerializer(request._request.tenant).data)

    @extend_schema(request=TenantSerializer, responses=TenantSerializer)
    def patch(self, request):
        serializer = TenantSerializer(request._request.tenant, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class MembershipFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)
    email = django_filters.CharFilter(field_name="user__email", lookup_expr="icontains")

    class Meta:
        model = Membership
        fields = ["role", "email"]


class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """Members of the tenant. Everyone reads; admins change roles and remove members."""

    model = Membership
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    write_roles = ADMINS
    api_key_writes = False  # roles are granted by people: a write key must not promote anyone
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        return selectors.members()

    def perform_update(self, serializer):
        serializer.instance = services.membership_change_role(
            self.request._request.tenant,
            membership=serializer.instance,
            role=serializer.validated_data["role"],
            actor=self.request.user,
        )

    def perform_destroy(self, instance):
        services.membership_remove(self.request._request.tenant, membership=instance, actor=self.request.user)


class InvitationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """Invitations of people by email. Admins only, signed in to the dashboard."""

    model = Invitation
    serializer_class = InvitationSerializer
    read_roles = ADMINS
    write_roles = ADMINS
    api_key_allowed = False

    def scoped_queryset(self):
        return Invitation.objects.order_by("-created_at", "-id")

    def perform_create(self, serializer):
        invitation, _token = account_services.invitation_create(
            self.request._request.tenant,
            email=serializer.validated_data["email"],
            role=serializer.validated_data["role"],
            actor=self.request.user,
            language=serializer.validated_data.get("language"),
        )
        serializer.instance = invitation

    def perform_destroy(self, instance):
        account_services.invitation_revoke(
            self.request._request.tenant, invitation=instance, actor=self.request.user
        )


class ApiKeyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """API keys. Admins only, signed in to the dashboard. The full key appears once, in the create response."""

    model = ApiKey
    serializer_class = ApiKeySerializer
    read_roles = ADMINS
    write_roles = ADMINS
    api_key_allowed = False

    def scoped_queryset(self):
        return selectors.api_keys()

    @extend_schema(request=ApiKeySerializer, responses={201: CreatedApiKeySerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.api_key_create(
            request._request.tenant,
            name=serializer.validated_data["name"],
            scopes=serializer.validated_data["scopes"],
            actor=request.user,
        )
        data = CreatedApiKeySerializer(created.api_key).data | {"key": created.key}
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ApiKeySerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        api_key = services.api_key_revoke(
            request._request.tenant, api_key=self.get_object(), actor=request.user
        )
        return Response(ApiKeySerializer(api_key).data)

    def perform_destroy(self, instance: ApiKey):
        # Deleting a key revokes it: the row stays so its use remains auditable.
        services.api_key_revoke(self.request._request.tenant, api_key=instance, actor=self.request.user)


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="true: unread only"
    )
    kind = django_filters.CharFilter(field_name="kind")


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """The signed-in member's own in-app notifications (shortlists to review, decisions made). People only."""

    model = Notification
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    read_roles = ALL_ROLES
    write_roles = ALL_ROLES  # marking one's own notifications read
    api_key_allowed = False

    def scoped_queryset(self):
        return Notification.objects.filter(user_id=self.request.user.pk)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=ReadAllResultSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        updated = Notification.objects.filter(user_id=request.user.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return Response({"updated": updated})
