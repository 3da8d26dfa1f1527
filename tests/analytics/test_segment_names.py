"""Segments are named for readers: sources by the pool's one vocabulary, in the reader's language."""

from django.utils import translation

from analytics.selectors import segment_names


def test_source_segments_read_as_the_vocabulary_in_the_readers_language(tenant_a):
    keys = ["linkedin", "sourcing:maimai", "legacy_value"]
    with translation.override("en"):
        names = segment_names("source", keys)
    assert names["linkedin"] == "LinkedIn" and names["sourcing:maimai"].startswith("Sourcing")
    assert names["legacy_value"] == "legacy_value"  # a value outside the vocabulary is shown as stored
    with translation.override("zh-hans"):
        chinese = segment_names("source", keys)
    assert chinese["sourcing:maimai"] != names["sourcing:maimai"]


def test_a_unicode_digit_key_names_nothing_and_raises_nothing(tenant_a):
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant_a):
        assert segment_names("role", ["²"]) == {}
