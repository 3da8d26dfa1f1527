"""Routes reached without logging in: tracking pixel, click redirects, one-click unsubscribe, inbound mail.
Each carries a signed token or a signature that names the tenant (engagement.tokens)."""

from django.urls import path  # noqa: F401

app_name = "engagement_public"

urlpatterns = []
