"""Tag strength: how much a resume is about each tag, from its mentions and the resume's length, kept beside
``Candidate.tag_ids`` for ranking (profiles.matching weighs a met requirement by it)."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import IntegrityError, transaction

from candidates import services
from candidates.models import Candidate, CandidateTag, Tag
from candidates.parsing.tagging import (
    LISTED_STRENGTH,
    REFERENCE_WORDS,
    TaxonomyMatcher,
    tag_strength,
    text_words,
)
from candidates.services.profile import strength_percent
from talentpool.tenancy.context import tenant_context

TERMS = [
    {"key": "skill.kubernetes", "category": "skill", "name_en": "Kubernetes", "synonyms": ["k8s"]},
    {"key": "skill.python", "category": "skill", "name_en": "Python", "name_zh": "Python编程"},
]


def test_strength_rises_with_mentions_falls_with_length_and_stays_below_one():
    assert tag_strength(1) == LISTED_STRENGTH == pytest.approx(1 / (1 + 1.2), abs=1e-3)
    by_mentions = [tag_strength(n) for n in (1, 2, 3, 10, 1000)]
    assert by_mentions == sorted(by_mentions) and len(set(by_mentions)) == 5 and by_mentions[-1] < 1.0
    by_length = [tag_strength(2, words) for words in (50, REFERENCE_WORDS, 2000)]
    assert by_length == sorted(by_length, reverse=True)
    assert tag_strength(0) == tag_strength(1)  # a tag found has at least one mention


def test_text_length_counts_english_words_and_chinese_characters():
    assert text_words("") == 0
    assert text_words("Led a team of 12 engineers") == 6
    # Nine Chinese characters are about six words; Latin words and numbers inside Chinese text are words.
    assert text_words("熟悉分布式系统设计") == pytest.approx(9 / 1.6)
    assert text_words("精通Python与Go，5年经验") == pytest.approx(3 + 6 / 1.6)


def test_the_tagger_counts_every_form_of_a_tag_as_its_mentions():
    matcher = TaxonomyMatcher.from_terms(TERMS)
    text = "Kubernetes admin. Ran k8s clusters; K8S upgrades; wrote Python once."
    hits = {hit.tag_key: hit for hit in matcher.find(text)}
    words = text_words(text)
    assert hits["skill.kubernetes"].mentions == 3 and hits["skill.python"].mentions == 1
    assert hits["skill.kubernetes"].strength == tag_strength(3, words)
    assert hits["skill.python"].strength == tag_strength(1, words) < hits["skill.kubernetes"].strength
    # The same skill named once in a much longer resume is weaker.
    long_text = text + " filler" * 2000
    (python_hit,) = [hit for hit in matcher.find(long_text) if hit.tag_key == "skill.python"]
    assert python_hit.strength < hits["skill.python"].strength


@pytest.fixture
def seeded(tenant_a):
    services.taxonomy_seed(tenant_a)
    return tenant_a


def test_parsing_stores_mentions_and_strength_and_ranking_arrays_stay_aligned(seeded):
    resume = (
        b"Wang Lei\nwang.lei@example.com\nSkills: Python, SQL\n"
        b"Built Python services; Python packaging; taught Python to the team.\n"
    )
    [item] = services.resumes_ingest(seeded, uploads=[("wang.txt", resume, "text/plain")], parse_now=True)
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        rows = {
            row.tag.key: row for row in CandidateTag.objects.filter(candidate=candidate).select_related("tag")
        }
        python, sql = rows["skill.python"], rows["skill.sql"]
        assert python.mentions == 4 and sql.mentions == 1 and python.strength > sql.strength
        ordered = sorted(rows.values(), key=lambda row: row.tag_id)
        assert candidate.tag_ids == [row.tag_id for row in ordered]
        assert candidate.tag_strengths == [strength_percent(row.strength) for row in ordered]

        # A recruiter's own tag is full strength; removing a tag takes its strength out in step.
        lean = Tag.objects.get(key="skill.lean-production")
        services.candidate_tag_add(candidate, tag=lean, source="manual")
        assert CandidateTag.objects.get(candidate=candidate, tag=lean).strength == 1.0
        services.candidate_tag_remove(candidate, tag=python.tag)
        candidate.refresh_from_db()
        live = sorted(
            CandidateTag.objects.filter(candidate=candidate, removed_at__isnull=True).values_list(
                "tag_id", "strength"
            )
        )
        assert candidate.tag_ids == [tag_id for tag_id, _ in live]
        assert candidate.tag_strengths == [strength_percent(strength) for _, strength in live]
        assert 100 in candidate.tag_strengths


def test_the_database_refuses_strengths_out_of_step_or_out_of_range(seeded):
    with tenant_context(seeded):
        tag = Tag.objects.get(key="skill.python")
        with pytest.raises(IntegrityError), transaction.atomic():
            Candidate.objects.create(full_name="Out of step", tag_ids=[tag.pk], tag_strengths=[])
        candidate = Candidate.objects.create(full_name="In step", tag_ids=[tag.pk], tag_strengths=[50])
        with pytest.raises(IntegrityError), transaction.atomic():
            CandidateTag.objects.create(candidate=candidate, tag=tag, source="manual", strength=0.0)


def test_a_bulk_import_gives_listed_tags_one_mention_of_strength(seeded):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "tags"])
    writer.writerow(["Li Na", "li.na@example.com", "Python; SQL"])
    job = services.import_create(seeded, filename="pool.csv", data=out.getvalue().encode())
    services.import_run(seeded, job_id=job.pk)
    with tenant_context(seeded):
        candidate = Candidate.objects.get(full_name="Li Na")
        strengths = set(CandidateTag.objects.filter(candidate=candidate).values_list("strength", flat=True))
        assert strengths == {LISTED_STRENGTH}
        assert (
            candidate.tag_strengths == [strength_percent(LISTED_STRENGTH)] * 2 and len(candidate.tag_ids) == 2
        )


def test_merging_tags_adds_up_their_mentions(seeded):
    with tenant_context(seeded):
        target = services.tag_create(seeded, category="skill", name_en="Kubernetes orchestration")
        source = services.tag_create(seeded, category="skill", name_en="K8s orchestration")
        candidate = Candidate.objects.create(full_name="Both")
        services.candidate_tag_add(candidate, tag=target, source="extracted", mentions=2, strength=0.6)
        services.candidate_tag_add(candidate, tag=source, source="extracted", mentions=3, strength=0.7)
    services.tag_merge(seeded, source=source, target=target)
    with tenant_context(seeded):
        merged = CandidateTag.objects.get(candidate=candidate, tag=target)
        assert merged.mentions == 5 and merged.strength == 0.7
        candidate.refresh_from_db()
        assert candidate.tag_ids == [target.pk] and candidate.tag_strengths == [70]
