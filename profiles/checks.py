"""System checks of the profiles app: the database can rank the pool with its GIN index under row-level security.

Registered in ``ProfilesConfig.ready()`` with the ``database`` tag, so it runs where Django checks the database:
``migrate`` (every release) and ``python manage.py check --database default``.
"""

from __future__ import annotations

from django.core.checks import Tags, Warning, register

# The functions behind `&&` and `@>` on arrays (docs/decisions/0008-ranking-under-rls.md).
LEAKPROOF_FUNCTIONS = ("arraycontains(anyarray,anyarray)", "arrayoverlap(anyarray,anyarray)")
LEAKPROOF_SQL = (
    "SELECT p.oid::regprocedure::text, p.proleakproof FROM pg_proc p WHERE p.oid = ANY(%s::regprocedure[])"
)


def not_leakproof_functions(using: str = "default") -> list[str]:
    """The array functions ranking needs LEAKPROOF that are not, in database ``using`` (pg_proc is per database)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute(LEAKPROOF_SQL, [list(LEAKPROOF_FUNCTIONS)])
        rows = cursor.fetchall()
    return sorted(name for name, leakproof in rows if not leakproof)


@register(Tags.database)
def check_array_operators_leakproof(app_configs=None, databases=None, **kwargs) -> list:
    """profiles.W001: `&&` / `@>` are not LEAKPROOF, so under row-level security ranking reads the whole pool."""
    from django.db import DatabaseError, connections

    warnings = []
    for alias in databases or ():
        if connections[alias].vendor != "postgresql":
            continue
        try:
            missing = not_leakproof_functions(alias)
        except DatabaseError:  # the database is not there yet: other checks and commands say so
            continue
        if missing:
            warnings.append(
                Warning(
                    f"{', '.join(missing)} not LEAKPROOF in database {alias!r}: under row-level security the planner "
                    "cannot use the GIN index on candidates' tag_ids, so ranking (profiles.matching) reads every "
                    "candidate of the tenant: about 10x slower at 1,000,000 candidates (docs/scaling.md, Ranking). "
                    "Results stay correct.",
                    hint="As a superuser, in the app database: ALTER FUNCTION arraycontains(anyarray, anyarray) "
                    "LEAKPROOF; ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF; "
                    "(docs/operations.md, decision 0008). scripts/dev_services.py does it in development.",
                    id="profiles.W001",
                )
            )
    return warnings
