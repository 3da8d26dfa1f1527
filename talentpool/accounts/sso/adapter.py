"""How allauth meets the tenants: providers come from accounts.SsoProvider (never from allauth's SocialApp table),
every sign-in passes services.check_sign_in and is provisioned just in time, and every failure is audited and
shown on our own page."""

from __future__ import annotations

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthError
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from talentpool.tenancy.middleware import SESSION_TENANT_KEY

from ..models import SsoProtocol, SsoProvider
from . import services
from .services import SsoRejected

logger = logging.getLogger(__name__)

SESSION_SSO_TENANT_KEY = "sso_tenant_id"
PROTOCOLS = {SsoProtocol.OIDC.value, SsoProtocol.SAML.value}


def social_app(row: SsoProvider) -> SocialApp:
    """An unsaved allauth SocialApp for one of our providers (allauth accepts apps that are not in its table)."""
    if row.protocol == SsoProtocol.OIDC:
        app = SocialApp(
            provider=row.protocol,
            provider_id=row.slug,
            name=row.name,
            client_id=row.client_id,
            secret=row.client_secret,
        )
        app.settings = {
            "server_url": row.issuer_url,
            "scope": (row.scopes or "openid").split(),
            "oauth_pkce_enabled": True,
            "fetch_userinfo": True,
        }
    else:
        app = SocialApp(provider=row.protocol, provider_id=row.slug, name=row.name, client_id=row.slug)
        mapping = row.attribute_mapping or {}
        app.settings = {
            "idp": saml_idp_settings(row),
            "sp": {"entity_id": row.sp_entity_id} if row.sp_entity_id else {},
            "attribute_mapping": {key: mapping[key] for key in ("uid", "email") if mapping.get(key)},
            "use_nameid_for_email": True,
            "advanced": {
                "strict": True,
                "want_assertion_signed": row.signed_assertions_required,
                "want_attribute_statement": False,
                "reject_idp_initiated_sso": not row.allow_idp_initiated,
                "allow_single_label_domains": settings.SSO_SAML_ALLOW_SINGLE_LABEL_DOMAINS,
            },
        }
    app.sso_provider = row
    return app


def saml_idp_settings(row: SsoProvider) -> dict:
    if row.idp_metadata_url:
        return {"entity_id": row.idp_entity_id, "metadata_url": row.idp_metadata_url}
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    parsed = OneLogin_Saml2_IdPMetadataParser.parse(
        row.idp_metadata_xml or "<x/>", entity_id=row.idp_entity_id or None
    )
    idp = parsed.get("idp") or {}
    certificate = idp.get("x509cert") or next(iter(idp.get("x509certMulti", {}).get("signing", [])), "")
    return {
        "entity_id": idp.get("entityId", row.idp_entity_id),
        "sso_url": idp.get("singleSignOnService", {}).get("url", ""),
        "x509cert": certificate,
    }


def claims_of(row: SsoProvider, sociallogin) -> tuple[str, str, list[str]]:
    """(email, name, groups) from the ID token and userinfo, or from the SAML attributes, per the provider's
    claim names / attribute mapping."""
    data = sociallogin.account.extra_data or {}
    if row.protocol == SsoProtocol.OIDC:
        claims = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
        email = claims.get(row.email_claim or "email") or ""
        name = claims.get(row.name_claim or "name") or " ".join(
            part for part in (claims.get("given_name"), claims.get("family_name")) if part
        )
        groups = claims.get(row.groups_claim or "groups") or []
    else:
        mapping = row.attribute_mapping or {}

        def values(key: str) -> list:
            for attribute in mapping.get(key) or []:
                if data.get(attribute):
                    return list(data[attribute])
            return []

        email = (values("email") or [user_email(sociallogin.user) or ""])[0]
        name = (values("name") or [""])[0]
        groups = values("groups")
    if isinstance(groups, str):
        groups = [groups]
    return str(email), str(name or ""), [str(group) for group in groups]


def _provider_row(provider) -> SsoProvider | None:
    return getattr(getattr(provider, "app", None), "sso_provider", None)


def _error_page(request, message: str, status: int = 400):
    return render(request, "accounts/sso_error.html", {"message": message}, status=status)


def _audit_failure(request, row: SsoProvider | None, code: str, extra: dict | None = None) -> None:
    from privacy import audit

    details = {"code": code, "provider": row.slug if row else "", **(extra or {})}
    audit.record("sso.failure", tenant=row.tenant_id if row else None, request=request, details=details)


class TenantSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        # allauth asks by provider id (OpenID Connect: our slug) or by ("saml", organisation slug = our slug).
        # Without either it would list every tenant's providers: never.
        slug = (
            client_id if provider == SsoProtocol.SAML else (provider if provider not in PROTOCOLS else None)
        )
        if not slug:
            return []
        row = services.provider_by_slug(slug)
        if row is None or (provider in PROTOCOLS and row.protocol != provider):
            return []
        return [social_app(row)]

    def pre_social_login(self, request, sociallogin):
        row = _provider_row(sociallogin.provider)
        try:
            if row is None:
                raise SsoRejected("provider_inactive")
            if row.protocol == SsoProtocol.OIDC:
                expected = (sociallogin.state or {}).get("nonce")
                received = (sociallogin.account.extra_data.get("id_token") or {}).get("nonce")
                if not expected or expected != received:
                    raise SsoRejected("nonce_mismatch")
            elif not getattr(sociallogin, "saml_fresh", False):
                raise SsoRejected("replayed")
            email, name, groups = claims_of(row, sociallogin)
            services.check_sign_in(row, email)
            existing = sociallogin.user if sociallogin.is_existing else None
            sign_in = services.provision(row, email=email, name=name, groups=groups, user=existing)
        except SsoRejected as rejected:
            _audit_failure(request, row, rejected.code)
            raise ImmediateHttpResponse(_error_page(request, str(rejected.message), status=403)) from None
        if not sociallogin.is_existing:
            sociallogin.user = sign_in.user
            sociallogin.save(request, connect=True)
        request.sso_sign_in = sign_in
        request.audit_login_method = "sso"  # privacy's login receiver writes "sso.login"

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        row = _provider_row(provider)
        extra = {"error": str(error or "")}
        if exception is not None:
            extra["exception"] = f"{type(exception).__name__}: {exception}"[:300]
        saml_errors = (extra_context or {}).get("saml_last_error_reason")
        if saml_errors:
            extra["saml"] = str(saml_errors)[:300]
        logger.warning("SSO failure via %s: %s", row.slug if row else "?", extra)
        _audit_failure(
            request, row, "cancelled" if error == AuthError.CANCELLED else "invalid_response", extra
        )
        message = (
            _("Sign-in was cancelled at the identity provider.")
            if error == AuthError.CANCELLED
            else _(
                "The identity provider's response could not be accepted (expired, tampered with, replayed or "
                "not meant for us). Nobody was signed in."
            )
        )
        raise ImmediateHttpResponse(_error_page(request, message))


class AccountAdapter(DefaultAccountAdapter):
    """allauth's local accounts are not used: sign-up is closed, mails are not sent; after an SSO login the
    session enters the provider's tenant."""

    def is_open_for_signup(self, request):
        return False

    def send_notification_mail(self, *args, **kwargs):
        return None

    def login(self, request, user):
        super().login(request, user)
        sign_in = getattr(request, "sso_sign_in", None)
        if sign_in is not None:
            request.session[SESSION_TENANT_KEY] = sign_in.tenant.pk
            request.session[SESSION_SSO_TENANT_KEY] = sign_in.tenant.pk
            request.session.save()
            services.session_record(sign_in.tenant, user=user, session_key=request.session.session_key)
