"""``Candidate.ranking_changed_at``: when what ranking reads of a row last changed, kept by the database.

New rows get ``DEFAULT now()`` (existing rows: the migration's time, a stored default, no rewrite); a trigger sets
it to ``now()`` (the writing transaction's start) when an UPDATE changes the tags, their strengths, the years,
the education or the status. Every writer keeps it: the ORM, bulk updates, COPY. ``profiles.ranking_index``
re-reads the rows changed since its snapshot through the index on (tenant, ranking_changed_at). The activity
anchor and ``updated_at`` are left out on purpose: the index never orders by them (SQL does), and anchor
updates stay HOT. The column is analyzed at once, so that "changed since" uses its index from the start.
"""

import django.db.models.functions.datetime
from django.db import migrations, models

TRIGGER = """
CREATE OR REPLACE FUNCTION candidates_ranking_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.ranking_changed_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER candidate_ranking_changed BEFORE UPDATE ON candidates_candidate FOR EACH ROW
WHEN (OLD.tag_ids IS DISTINCT FROM NEW.tag_ids OR OLD.tag_strengths IS DISTINCT FROM NEW.tag_strengths
      OR OLD.years_experience IS DISTINCT FROM NEW.years_experience
      OR OLD.highest_education IS DISTINCT FROM NEW.highest_education OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
EXECUTE FUNCTION candidates_ranking_changed();
ANALYZE candidates_candidate (tenant_id, ranking_changed_at);
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS candidate_ranking_changed ON candidates_candidate;
DROP FUNCTION IF EXISTS candidates_ranking_changed();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0005_document_parse_attempts"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="ranking_changed_at",
            field=models.DateTimeField(db_default=django.db.models.functions.datetime.Now(), editable=False),
        ),
        migrations.AddIndex(
            model_name="candidate",
            index=models.Index(fields=["tenant", "ranking_changed_at"], name="candidate_ranking_changed"),
        ),
        migrations.RunSQL(TRIGGER, DROP_TRIGGER),
    ]
