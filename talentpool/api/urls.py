"""Everything under /api/v1/: each app contributes its own urls."""

from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("", include("talentpool.tenancy.api.urls")),
    path("", include("candidates.api.urls")),
    path("", include("profiles.api.urls")),
    path("", include("engagement.api.urls")),
    path("", include("analytics.api.urls")),
    path("", include("webhooks.api.urls")),
    path("", include("connectors.api.urls")),
    path("", include("privacy.api.urls")),
]
