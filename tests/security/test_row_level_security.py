"""PostgreSQL enforces tenant isolation even where application code forgets a filter."""

from __future__ import annotations

import psycopg2
import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import ProgrammingError

from candidates.models import Candidate
from talentpool.tenancy.context import (
    DatabaseScope,
    NoTenantSelected,
    _scope,
    current_tenant_id,
    tenant_context,
)
from talentpool.tenancy.models import ApiKey, Membership, TenantOwned
from talentpool.tenancy.rls import privileged_role_problem, refuse_privileged_role

from ..factories import make_api_key, make_candidate


def tenant_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.column_name = 'tenant_id' AND c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
            "ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def test_every_table_with_tenant_id_has_row_level_security_enabled_forced_and_a_policy(db):
    tables = tenant_tables()
    assert {"tenancy_membership", "tenancy_apikey", "accounts_invitation", "candidates_candidate"} <= set(
        tables
    )
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = %s", [table]
            )
            enabled, forced = cursor.fetchone()
            assert enabled, (
                f"{table}: row-level security is not enabled (add EnableRowLevelSecurity to its migration)"
            )
            assert forced, f"{table}: row-level security is not forced"
            cursor.execute(
                "SELECT qual, with_check FROM pg_policies WHERE tablename = %s AND policyname = 'tenant_isolation'",
                [table],
            )
            policy = cursor.fetchone()
            assert policy is not None, f"{table}: no tenant_isolation policy"
            assert "app.tenant_id" in policy[0] and "app.tenant_id" in policy[1]


def test_every_model_with_a_tenant_column_is_tenant_owned():
    for model in apps.get_models():
        if (
            any(field.name == "tenant" for field in model._meta.fields)
            and model._meta.db_table != "tenancy_tenant"
        ):
            assert issubclass(model, TenantOwned), (
                f"{model.__name__} has a tenant but does not inherit TenantOwned"
            )
            assert any(field.column == "tenant_id" for field in model._meta.fields)


def _pins_the_tenant(model, name: str) -> bool:
    """The tenant, or a foreign key to a tenant-owned row: its id belongs to one tenant, so an index led by it
    is as narrow (a candidate's timeline), and it is the one index a deleted candidate's foreign-key check can
    use (that check knows no tenant)."""
    if name == "tenant":
        return True
    field = model._meta.get_field(name.lstrip("-"))
    return bool(field.is_relation and field.related_model and issubclass(field.related_model, TenantOwned))


def test_every_composite_index_and_unique_constraint_of_a_tenant_table_leads_with_tenant():
    for model in apps.get_models():
        if not issubclass(model, TenantOwned):
            continue
        for index in model._meta.indexes:
            if len(index.fields) > 1:
                assert _pins_the_tenant(model, index.fields[0]), (
                    f"{model.__name__}.{index.name} does not lead with tenant"
                )
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if fields:
                assert fields[0] == "tenant", f"{model.__name__}.{constraint.name} does not lead with tenant"


def test_the_application_role_is_neither_superuser_nor_bypassrls(db):
    with connection.cursor() as cursor:
        assert privileged_role_problem(cursor) is None


class _RawConnection:
    """Just enough of a Django connection for the connection_created handler."""

    vendor = "postgresql"

    def __init__(self, raw):
        self.raw = raw

    def cursor(self):
        return self.raw.cursor()


def test_startup_refuses_a_superuser_role():
    # Connect as the machine's superuser only to prove the refusal; the app never runs as it.
    params = {
        "host": connection.settings_dict["HOST"] or None,
        "port": connection.settings_dict["PORT"] or None,
        "user": "postgres",
        "dbname": "postgres",
        "connect_timeout": 3,
    }
    try:
        raw = psycopg2.connect(**params)
    except psycopg2.Error:
        pytest.skip("no superuser connection on this machine to demonstrate the refusal with")
    try:
        with pytest.raises(ImproperlyConfigured, match="superuser"):
            refuse_privileged_role(sender=None, connection=_RawConnection(raw))
    finally:
        raw.close()


@pytest.fixture
def two_pools(tenant_a, tenant_b, admin_a, admin_b):
    a = make_candidate(tenant_a, full_name="甲 Alpha")
    b = make_candidate(tenant_b, full_name="乙 Beta")
    make_api_key(tenant_a)
    make_api_key(tenant_b)
    return a, b


def test_with_no_tenant_set_raw_sql_sees_zero_rows_of_every_tenant_table(two_pools):
    with connection.cursor() as cursor:
        for table in tenant_tables():
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            assert cursor.fetchone()[0] == 0, f"{table} shows rows without a tenant"
        cursor.execute("SELECT count(*) FROM candidates_candidate WHERE tenant_id IS NOT NULL")
        assert cursor.fetchone()[0] == 0


def test_raw_sql_in_a_tenant_sees_only_that_tenants_rows(two_pools, tenant_a):
    a, _b = two_pools
    with tenant_context(tenant_a), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM candidates_candidate")
        assert [row[0] for row in cursor.fetchall()] == [a.pk]
        cursor.execute("SELECT count(*) FROM tenancy_apikey")
        assert cursor.fetchone()[0] == 1


def test_cross_tenant_insert_is_refused_by_the_policy(two_pools, tenant_a, tenant_b):
    # bulk_create skips TenantOwned.save's check, so only PostgreSQL stands in the way.
    with pytest.raises(ProgrammingError, match="row-level security"):
        with tenant_context(tenant_a):
            Candidate.unscoped.bulk_create([Candidate(tenant_id=tenant_b.pk, full_name="planted")])
    with tenant_context(tenant_b):
        assert not Candidate.objects.filter(full_name="planted").exists()


def test_cross_tenant_update_is_refused_and_other_tenants_rows_cannot_be_touched(
    two_pools, tenant_a, tenant_b
):
    a, b = two_pools
    with pytest.raises(ProgrammingError, match="row-level security"):
        with tenant_context(tenant_a), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE candidates_candidate SET tenant_id = %s WHERE id = %s", [tenant_b.pk, a.pk]
            )
    with tenant_context(tenant_a), connection.cursor() as cursor:
        cursor.execute("UPDATE candidates_candidate SET full_name = 'hacked' WHERE id = %s", [b.pk])
        assert cursor.rowcount == 0
        cursor.execute("DELETE FROM candidates_candidate WHERE id = %s", [b.pk])
        assert cursor.rowcount == 0
    with tenant_context(tenant_b):
        assert Candidate.objects.get(pk=b.pk).full_name == "乙 Beta"


def test_orm_cannot_read_change_or_delete_another_tenants_rows(two_pools, tenant_a, tenant_b):
    a, b = two_pools
    with tenant_context(tenant_a):
        assert list(Candidate.objects.values_list("pk", flat=True)) == [a.pk]
        with pytest.raises(Candidate.DoesNotExist):
            Candidate.objects.get(pk=b.pk)
        # Even the unscoped manager is held back by PostgreSQL.
        assert not Candidate.unscoped.filter(pk=b.pk).exists()
        assert Candidate.unscoped.filter(pk=b.pk).update(full_name="hacked") == 0
        b.full_name = "hacked"
        with pytest.raises(PermissionError):
            b.save()
    with tenant_context(tenant_b):
        assert Candidate.objects.get(pk=b.pk).full_name == "乙 Beta"


def test_the_scoped_manager_raises_without_a_tenant(two_pools):
    with pytest.raises(NoTenantSelected):
        list(Candidate.objects.all())
    with pytest.raises(NoTenantSelected):
        Membership.objects.count()


@pytest.mark.django_db(transaction=True)
def test_autocommit_statements_get_the_tenant_in_the_same_statement(tenant_a, tenant_b):
    a = make_candidate(tenant_a, full_name="甲")
    make_candidate(tenant_b, full_name="乙")
    assert not connection.in_atomic_block
    token = _scope.set(DatabaseScope(tenant_id=tenant_a.pk))
    try:
        # No transaction is open: the execute wrapper prepends set_config to each statement itself.
        assert list(Candidate.objects.values_list("pk", flat=True)) == [a.pk]
        assert Candidate.objects.filter(full_name="乙").count() == 0
    finally:
        _scope.reset(token)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM candidates_candidate")
        assert cursor.fetchone()[0] == 0


def test_no_tenant_leaks_after_a_tenant_context_ends(two_pools, tenant_a):
    with tenant_context(tenant_a):
        assert current_tenant_id() == tenant_a.pk
    assert current_tenant_id() is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('app.tenant_id', true), '')")
        assert cursor.fetchone()[0] == ""


def test_nested_tenant_contexts_restore_the_outer_tenant(two_pools, tenant_a, tenant_b):
    a, b = two_pools
    with tenant_context(tenant_a):
        with tenant_context(tenant_b):
            assert list(Candidate.objects.values_list("pk", flat=True)) == [b.pk]
        assert list(Candidate.objects.values_list("pk", flat=True)) == [a.pk]
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM candidates_candidate")
            assert cursor.fetchone()[0] == 1


def test_api_key_lookup_policy_shows_only_the_key_with_the_given_prefix(two_pools, tenant_b):
    from talentpool.tenancy.context import database_scope

    with tenant_context(tenant_b):
        key_b = ApiKey.objects.first()
    with database_scope(DatabaseScope(api_key_prefix=key_b.prefix)):
        assert list(ApiKey.unscoped.values_list("pk", flat=True)) == [key_b.pk]
        # The lookup policy is SELECT-only: the key cannot be changed without its tenant.
        assert ApiKey.unscoped.filter(pk=key_b.pk).update(name="hacked") == 0
