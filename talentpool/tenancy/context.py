"""The current tenant: a contextvar for the ORM, a transaction-local PostgreSQL setting for row-level security.

Application code enters a tenant with ``tenant_context(tenant)``: it opens a transaction (or a savepoint),
sets ``app.tenant_id`` with ``set_config(..., true)`` so the setting dies with the transaction (safe behind
PgBouncer transaction pooling), and sets the contextvar that ``TenantOwned.objects`` reads. On exit both are
restored, so nothing leaks to the next request or task on the same connection or thread.

Queries that run while a tenant is current but outside any transaction (autocommit) get the setting
prepended to their own statement by ``rls_execute_wrapper``, so row-level security always sees the tenant.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction


class NoTenantSelected(RuntimeError):
    """Raised by tenant-scoped managers when no tenant is current."""


@dataclass(frozen=True)
class DatabaseScope:
    """What row-level security sees: the tenant, and the user or API-key prefix used for lookups before it."""

    tenant_id: int | None = None
    user_id: int | None = None
    api_key_prefix: str | None = None
    invitation_token_hash: str | None = None

    def settings(self) -> dict[str, str]:
        return {
            "app.tenant_id": "" if self.tenant_id is None else str(int(self.tenant_id)),
            "app.user_id": "" if self.user_id is None else str(int(self.user_id)),
            "app.api_key_prefix": self.api_key_prefix or "",
            "app.invitation_token_hash": self.invitation_token_hash or "",
        }


_scope: contextvars.ContextVar[DatabaseScope] = contextvars.ContextVar(
    "talentpool_scope",
    default=DatabaseScope(),  # noqa: B039 - frozen, so sharing the default is safe
)


def current_scope() -> DatabaseScope:
    return _scope.get()


def current_tenant_id() -> int | None:
    return _scope.get().tenant_id


def require_tenant_id() -> int:
    tenant_id = _scope.get().tenant_id
    if tenant_id is None:
        raise NoTenantSelected(
            "No tenant is current. Wrap the work in tenant_context(tenant), or use Model.unscoped in operator code."
        )
    return tenant_id


SET_CONFIG_SQL = (
    "SELECT set_config('app.tenant_id', %s, true), set_config('app.user_id', %s, true), "
    "set_config('app.api_key_prefix', %s, true), set_config('app.invitation_token_hash', %s, true)"
)


def _apply(scope: DatabaseScope, using: str = "default") -> None:
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute(SET_CONFIG_SQL, list(scope.settings().values()))


@contextlib.contextmanager
def database_scope(scope: DatabaseScope) -> Iterator[DatabaseScope]:
    """Run the block in one transaction (or savepoint) that row-level security sees as ``scope``."""
    token = _scope.set(scope)
    enclosed = connection.in_atomic_block
    try:
        with transaction.atomic():
            _apply(scope)
            yield scope
            # Leaving normally, inside an enclosing transaction, the setting would outlive this block: put the
            # outer one back. After an error (or set_rollback) the savepoint's rollback undoes set_config.
            if enclosed and not connection.needs_rollback:
                _apply(_scope_before(token))
    finally:
        _scope.reset(token)


def _scope_before(token: contextvars.Token) -> DatabaseScope:
    old = token.old_value
    return DatabaseScope() if old is contextvars.Token.MISSING else old


def tenant_context(tenant, *, user_id: int | None = None) -> contextlib.AbstractContextManager[DatabaseScope]:
    """Enter ``tenant`` (a Tenant or its id) for the block: ORM managers and row-level security both see it."""
    tenant_id = tenant if isinstance(tenant, int) else tenant.pk
    return database_scope(DatabaseScope(tenant_id=tenant_id, user_id=user_id))


@contextlib.contextmanager
def autocommit_scope(tenant) -> Iterator[DatabaseScope]:
    """Make ``tenant`` current for statements that each run as their own transaction (autocommit), without
    opening one: ``rls_execute_wrapper`` puts the scope's set_config in front of every statement. For work that
    must commit statement by statement (the outbox marks each message sent the moment it is). Refuses to run
    inside a transaction, where the statements would not commit one by one."""
    if connection.in_atomic_block:
        raise RuntimeError(
            "autocommit_scope is for work outside a transaction; use tenant_context inside one."
        )
    token = _scope.set(DatabaseScope(tenant_id=tenant if isinstance(tenant, int) else tenant.pk))
    try:
        yield _scope.get()
    finally:
        _scope.reset(token)


def rls_execute_wrapper(execute, sql, params, many, context):
    """Give autocommit statements the current scope: prepend set_config to the statement itself.

    Inside a transaction the scope was set when it was entered; a statement sent in autocommit mode is its own
    transaction, so it needs the setting in the same query string (one simple query = one transaction).
    """
    conn = context["connection"]
    scope = _scope.get()
    if conn.in_atomic_block or scope == DatabaseScope() or many:
        return execute(sql, params, many, context)
    prefix = SET_CONFIG_SQL + "; "
    prefix_params = list(scope.settings().values())
    if params is None:
        # Statements without parameters may contain literal % signs; escape them for the new parameters.
        return execute(prefix + sql.replace("%", "%%"), prefix_params, many, context)
    if isinstance(params, dict):
        # Named parameters cannot be mixed with ours; the statement runs unscoped and row-level security
        # shows it no tenant rows (fails closed). Django's ORM never sends named parameters.
        return execute(sql, params, many, context)
    return execute(prefix + sql, prefix_params + list(params), many, context)
