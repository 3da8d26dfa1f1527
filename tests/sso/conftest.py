from __future__ import annotations

import pytest

from talentpool.accounts.models import SsoDomain, SsoProtocol, SsoProvider
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context
from tests.e2e.conftest import allow_orm_beside_playwright, browser  # noqa: F401  (the browser tests' fixtures)

from .idp import start_oidc_provider


@pytest.fixture(scope="session")
def oidc_idp():
    provider = start_oidc_provider()
    yield provider
    provider.server.shutdown()


@pytest.fixture(autouse=True)
def _good_tokens(request):
    yield
    if "oidc_idp" in request.fixturenames:
        request.getfixturevalue("oidc_idp").bad_token(None)


def verify_domain(tenant, domain: str) -> SsoDomain:
    row = sso.domain_add(tenant, domain=domain)
    return sso.domain_verify(tenant, domain=row, txt_records=[row.txt_record])  # the operator saw the record


def oidc_provider(tenant, idp, *, slug: str, domains=(), name: str = "Acme SSO") -> SsoProvider:
    for domain in domains:
        verify_domain(tenant, domain)
    row = SsoProvider(
        slug=slug,
        name=name,
        protocol=SsoProtocol.OIDC,
        issuer_url=idp.url,
        client_id=f"client-{slug}",
        client_secret="s3cret",
        scopes="openid profile email",
    )
    with tenant_context(tenant):
        return sso.provider_save(tenant, provider=row)
