"""Engagement's part of /api/v1/: each area's module exports ``urlpatterns``."""

from django.urls import include, path  # noqa: F401

urlpatterns = [
    # path("", include("engagement.api.interactions")),
    # path("", include("engagement.api.campaigns")),
    # path("", include("engagement.api.templates")),
]
