"""Engagement's part of /api/v1/: each area's module exports ``urlpatterns``."""

from django.urls import include, path

urlpatterns = [
    path("", include("engagement.api.interactions")),
    path("", include("engagement.api.activity")),
    path("", include("engagement.api.campaigns")),
    path("", include("engagement.api.engine")),
    path("", include("engagement.api.templates")),
]
