"""Factories for tests. Tenant rows are created inside their tenant, as application code does."""

from __future__ import annotations

import itertools

from talentpool.accounts.models import User
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership, Role, Tenant
from talentpool.tenancy.services import api_key_create

PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def make_tenant(name: str | None = None, **fields) -> Tenant:
    number = next(_sequence)
    return Tenant.objects.create(
        name=name or f"Tenant {number}", slug=fields.pop("slug", f"tenant-{number}"), **fields
    )


def make_user(email: str | None = None, password: str = PASSWORD, **fields) -> User:
    return User.objects.create_user(email or f"user{next(_sequence)}@example.test", password, **fields)


def make_member(tenant: Tenant, role: str = Role.RECRUITER, user: User | None = None, **user_fields) -> User:
    user = user or make_user(**user_fields)
    with tenant_context(tenant):
        Membership.objects.create(user=user, role=role)
    return user


def make_api_key(tenant: Tenant, scopes=("read", "write"), name: str = "integration") -> str:
    return api_key_create(tenant, name=name, scopes=scopes).key


def make_candidate(tenant: Tenant, **fields):
    from candidates.models import Candidate

    fields.setdefault("full_name", f"候选人 {next(_sequence)}")
    with tenant_context(tenant):
        return Candidate.objects.create(**fields)
