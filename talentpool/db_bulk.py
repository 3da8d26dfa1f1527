"""Many rows in one INSERT without building model instances, for set-based services (bulk HRIS pushes).

Django's ``bulk_create`` builds a model instance per row and prepares every value through its field, which costs
more than the statement itself on batches of thousands; this writes plain values with psycopg2's
``execute_values``. It runs in the caller's transaction on the app's connection, so row-level security checks
every row as it does for the ORM.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import JSONField
from django.utils import timezone


def insert_many(model, rows: list[dict], *, returning: str | None = "id") -> list:
    """INSERT ``rows`` (dicts of column attnames, e.g. ``candidate_id``, to values) into ``model``'s table in one
    statement and return the ``returning`` column's values in row order ([] when ``returning`` is None).

    Every row must name the same columns. A column the rows leave out gets its field's default, evaluated once
    for the call (``timezone.now`` is the same moment for the whole batch); a field with only a database default
    is left to the database. JSON fields are encoded with their encoder. Raises IntegrityError like the ORM when
    a constraint refuses a row (nothing of the statement is written)."""
    if not rows:
        return []
    from psycopg2.extras import execute_values

    given = list(rows[0])
    fields, columns, defaults, json_columns = [], [], {}, []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.attname not in given:
            continue
        if field.attname not in given:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults[field.attname] = timezone.now()
            elif field.has_default() or not field.has_db_default():
                defaults[field.attname] = field.get_default()
            else:
                continue
        fields.append(field)
        columns.append(field.attname)
        if isinstance(field, JSONField):
            json_columns.append(field)
    adapters = {field.attname: field for field in json_columns}
    # The connection itself, looked up once: the ``connection`` proxy resolves it through a context-local on
    # every attribute access, which costs more than the JSON encoding on thousands of values.
    database = connections[DEFAULT_DB_ALIAS]
    values = []
    for row in rows:
        line = []
        for column in columns:
            value = row[column] if column in row else defaults[column]
            if column in adapters:
                value = adapters[column].get_db_prep_save(value, database)
            line.append(value)
        values.append(line)
    names = ", ".join(f'"{field.column}"' for field in fields)
    sql = f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES %s'
    if returning:
        sql += f' RETURNING "{returning}"'
    # The raw cursor skips Django's error translation: wrap_database_errors makes a refused row Django's
    # IntegrityError (or DataError), as the docstring says and the callers catch.
    with database.cursor() as cursor, database.wrap_database_errors:
        result = execute_values(cursor.cursor, sql, values, page_size=len(values), fetch=bool(returning))
    return [value for (value,) in result] if returning else []
