"""Engagement's dashboard pages (namespace "engagement"), mounted at the site root."""

from django.urls import path  # noqa: F401

app_name = "engagement"

urlpatterns = []
