"""PostgreSQL row-level security: the migration operation every app uses, and the database-role check."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

CURRENT_TENANT_SQL = "NULLIF(current_setting('app.tenant_id', true), '')::bigint"
CURRENT_USER_SQL = "NULLIF(current_setting('app.user_id', true), '')::bigint"
CURRENT_API_KEY_PREFIX_SQL = "NULLIF(current_setting('app.api_key_prefix', true), '')"
CURRENT_INVITATION_TOKEN_SQL = "NULLIF(current_setting('app.invitation_token_hash', true), '')"


class EnableRowLevelSecurity(migrations.operations.base.Operation):
    """Enable and force row-level security on a tenant table, with the tenant-isolation policy.

    ``lookup`` is an optional SQL condition that also lets SELECT see a row before a tenant is chosen
    (a user's own memberships at login, an API key by its prefix). Writes are always limited to the tenant.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, lookup: str | None = None):
        self.model_name = model_name
        self.lookup = lookup

    def state_forwards(self, app_label, state):
        pass

    def _table(self, app_label, state) -> str:
        return state.apps.get_model(app_label, self.model_name)._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = schema_editor.quote_name(self._table(app_label, to_state))
        statements = [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY tenant_isolation ON {table} USING (tenant_id = {CURRENT_TENANT_SQL}) "
            f"WITH CHECK (tenant_id = {CURRENT_TENANT_SQL})",
        ]
        if self.lookup:
            statements.append(f"CREATE POLICY tenant_lookup ON {table} FOR SELECT USING ({self.lookup})")
        for statement in statements:
            schema_editor.execute(statement)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = schema_editor.quote_name(self._table(app_label, from_state))
        schema_editor.execute(f"DROP POLICY IF EXISTS tenant_lookup ON {table}")
        schema_editor.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
        schema_editor.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")

    def describe(self):
        return f"Enable row-level security on {self.model_name}"

    def deconstruct(self):
        kwargs = {"model_name": self.model_name}
        if self.lookup:
            kwargs["lookup"] = self.lookup
        return self.__class__.__name__, [], kwargs


def privileged_role_problem(cursor) -> str | None:
    """Return why the connected role may not run the application, or None when it is fit."""
    cursor.execute("SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
    row = cursor.fetchone()
    if row is None:
        return None
    name, is_superuser, bypasses_rls = row
    if is_superuser:
        return f"the database role {name!r} is a superuser, which ignores row-level security"
    if bypasses_rls:
        return f"the database role {name!r} has BYPASSRLS, which ignores row-level security"
    return None


def refuse_privileged_role(sender, connection, **kwargs) -> None:
    """connection_created handler: the application must never run as a role that bypasses tenant isolation."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        problem = privileged_role_problem(cursor)
    if problem:
        raise ImproperlyConfigured(
            f"Refusing to start: {problem}. Connect with a role that is neither superuser nor BYPASSRLS "
            "(see docs/operations.md, 'Database roles')."
        )
