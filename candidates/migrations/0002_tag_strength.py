"""Tag strength: how much a resume is about each of its tags (candidates.parsing.tagging.tag_strength).

Existing tags get the strength of one mention in a resume of typical length (a recruiter's own tags: 1), and
each candidate's ``tag_strengths`` is rebuilt beside ``tag_ids``; parsing a document again gives its tags
their measured strength. Row-level security is forced, so the backfill runs tenant by tenant.
"""

import django.contrib.postgres.fields
from django.conf import settings
from django.db import migrations, models

LISTED_STRENGTH = 0.455  # tagging.LISTED_STRENGTH when this was written (a migration keeps its own copy)


def backfill(apps, schema_editor):
    Tenant = apps.get_model("tenancy", "Tenant")
    Candidate = apps.get_model("candidates", "Candidate")
    CandidateTag = apps.get_model("candidates", "CandidateTag")
    candidates, tags = Candidate._meta.db_table, CandidateTag._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for tenant_id in Tenant.objects.values_list("id", flat=True):
            cursor.execute("SELECT set_config('app.tenant_id', %s, true)", [str(tenant_id)])
            cursor.execute(
                f"UPDATE {tags} SET strength = CASE WHEN source = 'manual' THEN 1.0 ELSE %s END",
                [LISTED_STRENGTH],
            )
            cursor.execute(f"""
                UPDATE {candidates} c SET tag_ids = coalesce(t.ids, '{{}}'), tag_strengths = coalesce(t.strengths, '{{}}')
                FROM {candidates} c2 LEFT JOIN LATERAL (
                    SELECT array_agg(ct.tag_id ORDER BY ct.tag_id) AS ids,
                           array_agg(round(ct.strength * 100)::smallint ORDER BY ct.tag_id) AS strengths
                    FROM {tags} ct WHERE ct.candidate_id = c2.id AND ct.removed_at IS NULL
                ) t ON true
                WHERE c2.id = c.id""")
        cursor.execute("SELECT set_config('app.tenant_id', '', true)")


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("tenancy", "0002_notifications_idempotency"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="tag_strengths",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.SmallIntegerField(), blank=True, default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="candidatetag",
            name="mentions",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="candidatetag",
            name="strength",
            field=models.FloatField(default=1.0),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("tag_strengths__len", models.F("tag_ids__len"))),
                name="candidate_tag_strengths_aligned",
            ),
        ),
        migrations.AddConstraint(
            model_name="candidatetag",
            constraint=models.CheckConstraint(
                condition=models.Q(("strength__gt", 0), ("strength__lte", 1)),
                name="candidate_tag_strength_range",
            ),
        ),
    ]
