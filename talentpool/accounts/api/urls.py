"""/api/v1/sso/… (mounted by talentpool/urls.py before the rest of /api/v1/)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("providers", views.SsoProviderViewSet, basename="sso-provider")
router.register("domains", views.SsoDomainViewSet, basename="sso-domain")
router.register("group-roles", views.GroupRoleMappingViewSet, basename="sso-group-role")

urlpatterns = [path("settings/", views.SsoSettingsView.as_view(), name="sso-settings"), *router.urls]
