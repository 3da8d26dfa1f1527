from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("members", views.MembershipViewSet, basename="member")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register("api-keys", views.ApiKeyViewSet, basename="api-key")
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [path("tenant/", views.CurrentTenantView.as_view(), name="current-tenant"), *router.urls]
