"""Per-tenant SSO configuration over the API: people signed in as admins only (API keys cannot change who may
sign in). Writes go through talentpool.accounts.sso.services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from talentpool.api.permissions import ADMINS
from talentpool.api.viewsets import TenantScopedViewSet

from ..models import GroupRoleMapping, SsoDomain, SsoProvider
from ..sso import services
from .serializers import (
    GroupRoleMappingSerializer,
    SsoDomainSerializer,
    SsoProviderSerializer,
    SsoSettingsSerializer,
)


class AdminsOnly:
    read_roles = ADMINS
    write_roles = ADMINS
    api_key_allowed = False


class SsoSettingsView(AdminsOnly, APIView):
    @extend_schema(summary="The tenant's sign-in policy", responses=SsoSettingsSerializer)
    def get(self, request):
        return Response(SsoSettingsSerializer(services.settings_of(request._request.tenant)).data)

    @extend_schema(
        summary="Change the sign-in policy (SSO required, default role)",
        request=SsoSettingsSerializer,
        responses=SsoSettingsSerializer,
    )
    def patch(self, request):
        tenant = request._request.tenant
        current = services.settings_of(tenant)
        serializer = SsoSettingsSerializer(current, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {
            "sso_required": current.sso_required,
            "default_role": current.default_role,
            **serializer.validated_data,
        }
        return Response(
            SsoSettingsSerializer(services.settings_save(tenant, actor=request.user, **data)).data
        )


@extend_schema_view(
    list=extend_schema(summary="Identity providers of the tenant"),
    retrieve=extend_schema(summary="One identity provider"),
    create=extend_schema(summary="Add an OpenID Connect or SAML 2.0 provider"),
    partial_update=extend_schema(summary="Change an identity provider"),
    update=extend_schema(summary="Replace an identity provider"),
    destroy=extend_schema(summary="Remove an identity provider"),
)
class SsoProviderViewSet(
    AdminsOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    model = SsoProvider
    serializer_class = SsoProviderSerializer

    def perform_create(self, serializer):
        serializer.instance = services.provider_save(
            self.request._request.tenant,
            provider=SsoProvider(**serializer.validated_data),
            actor=self.request.user,
        )

    def perform_update(self, serializer):
        provider = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(provider, field, value)
        serializer.instance = services.provider_save(
            self.request._request.tenant, provider=provider, actor=self.request.user
        )

    def perform_destroy(self, instance):
        services.provider_delete(self.request._request.tenant, provider=instance, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Email domains of the tenant"),
    retrieve=extend_schema(summary="One email domain"),
    create=extend_schema(summary="Claim an email domain (verify it with its TXT record)"),
    destroy=extend_schema(summary="Remove an email domain"),
)
class SsoDomainViewSet(
    AdminsOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    model = SsoDomain
    serializer_class = SsoDomainSerializer

    def perform_create(self, serializer):
        serializer.instance = services.domain_add(
            self.request._request.tenant, domain=serializer.validated_data["domain"], actor=self.request.user
        )

    def perform_destroy(self, instance):
        services.domain_delete(self.request._request.tenant, domain=instance, actor=self.request.user)

    @extend_schema(
        summary="Verify the domain by its DNS TXT record", request=None, responses=SsoDomainSerializer
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        domain = services.domain_verify(request._request.tenant, domain=self.get_object(), actor=request.user)
        return Response(SsoDomainSerializer(domain).data)


@extend_schema_view(
    list=extend_schema(summary="Group → role mappings"),
    retrieve=extend_schema(summary="One group → role mapping"),
    create=extend_schema(summary="Map a group to a role"),
    destroy=extend_schema(summary="Remove a group → role mapping"),
)
class GroupRoleMappingViewSet(
    AdminsOnly,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    model = GroupRoleMapping
    serializer_class = GroupRoleMappingSerializer

    def perform_create(self, serializer):
        serializer.instance = services.mapping_save(
            self.request._request.tenant, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.mapping_delete(self.request._request.tenant, mapping=instance, actor=self.request.user)
