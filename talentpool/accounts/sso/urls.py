"""Mounted at /accounts/ without a namespace: allauth reverses these names (openid_connect_callback, saml_acs,
account_login, …) as they are."""

from allauth.socialaccount.providers.saml import urls as saml_urls
from django.urls import include, path
from django.views.generic import RedirectView

from . import providers, views

urlpatterns = [
    path("sso/", views.discover, name="sso_discover"),
    path("sso/error/", views.sso_error, name="sso_error"),
    path("sso/settings/", views.sso_settings, name="sso_settings"),
    path("oidc/<str:provider_id>/login/", providers.oidc_login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", providers.oidc_callback, name="openid_connect_callback"),
    path("", include(saml_urls)),
    # Names allauth redirects to in flows we do not use; each lands on one of our pages.
    path("sso/login/", RedirectView.as_view(pattern_name="accounts:login"), name="account_login"),
    path("sso/signup/", RedirectView.as_view(pattern_name="accounts:login"), name="account_signup"),
    path(
        "sso/social-signup/", RedirectView.as_view(pattern_name="accounts:login"), name="socialaccount_signup"
    ),
    path("sso/inactive/", views.sso_error, name="account_inactive"),
    path("sso/cancelled/", views.sso_error, name="socialaccount_login_cancelled"),
    path("sso/error/login/", views.sso_error, name="socialaccount_login_error"),
    path(
        "sso/connections/",
        RedirectView.as_view(pattern_name="accounts:profile"),
        name="socialaccount_connections",
    ),
]
