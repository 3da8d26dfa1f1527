"""Routes reached without logging in: tracking pixel, click redirects, one-click unsubscribe, inbound mail.
Each carries a signed token or a signature that names the tenant (engagement.tokens)."""

from django.urls import path

from .views import public

app_name = "engagement_public"

urlpatterns = [
    path("o/<str:token>.gif", public.open_pixel, name="open"),
    path("c/<str:token>", public.click, name="click"),
    path("u/<str:token>", public.unsubscribe, name="unsubscribe"),
    path("inbound/<str:tenant_ref>/email/", public.inbound_email, name="inbound_email"),
]
