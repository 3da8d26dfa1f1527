"""Candidates: creation with contacts, provenance, tags that remember removals, taxonomy edits, merges."""

from __future__ import annotations

import pytest

from candidates import services
from candidates.models import (
    Candidate,
    CandidateMerge,
    CandidateStatus,
    CandidateTag,
    DuplicateFlag,
    ProfileChange,
    Tag,
)
from talentpool.tenancy.context import tenant_context


def make(tenant, name="张伟", emails=(), phones=(), **fields):
    return services.candidate_create(
        tenant,
        data=services.CandidateInput(full_name=name, emails=emails, phones=phones, fields=fields),
        source="manual",
    )


def test_a_new_tenant_gets_the_seed_taxonomy(tenant_a):
    services.taxonomy_seed(tenant_a)
    with tenant_context(tenant_a):
        assert Tag.objects.count() >= 3000
        assert Tag.objects.filter(name_zh="精益生产").exists()
    assert services.taxonomy_seed(tenant_a) == 0  # safe to run twice


def test_contacts_are_normalised_and_every_field_is_logged_with_its_source(tenant_a, admin_a):
    candidate = services.candidate_create(
        tenant_a,
        data=services.CandidateInput(
            full_name="  李　娜 ",
            emails=(" LiNa@Example.COM ",),
            phones=("138-0013-8000", "not a phone"),
            fields={"current_title": "产品经理", "years_experience": 5.25},
        ),
        source="manual",
        actor=admin_a,
    )
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
        assert candidate.full_name == "李 娜"
        assert list(candidate.emails.values_list("email", flat=True)) == ["lina@example.com"]
        assert list(candidate.phones.values_list("phone", flat=True)) == ["+8613800138000"]
        assert str(candidate.years_experience) == "5.3"
        changes = {c.field: c for c in ProfileChange.objects.filter(candidate=candidate)}
        assert (
            changes["current_title"].new_value == "产品经理" and changes["current_title"].source == "manual"
        )
        assert changes["current_title"].actor == admin_a


def test_a_candidate_needs_a_name_or_a_contact(tenant_a):
    with pytest.raises(services.CandidateError):
        services.candidate_create(
            tenant_a, data=services.CandidateInput(full_name="  ", emails=("bad",)), source="api"
        )
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == 0


def test_machines_never_overwrite_what_a_person_set(tenant_a):
    candidate = make(tenant_a, current_title="Head of Engineering")
    with tenant_context(tenant_a):
        services.candidate_set_fields(
            candidate, {"current_title": "Engineer", "location": "上海"}, source="parse", respect_people=True
        )
        candidate.refresh_from_db()
        assert candidate.current_title == "Head of Engineering"
        assert candidate.location == "上海"


def test_a_removed_tag_is_never_added_back_by_parsing_but_a_person_can(tenant_a, admin_a):
    services.taxonomy_seed(tenant_a)
    candidate = make(tenant_a)
    with tenant_context(tenant_a):
        tag = Tag.objects.filter(category="skill").first()
        services.candidate_tag_add(candidate, tag=tag, source="extracted", evidence=("Python", 0, 6))
        assert Candidate.objects.get(pk=candidate.pk).tag_ids == [tag.pk]
        services.candidate_tag_remove(candidate, tag=tag, actor=admin_a)
        assert Candidate.objects.get(pk=candidate.pk).tag_ids == []
        assert (
            services.candidate_tag_add(candidate, tag=tag, source="extracted", evidence=("Python", 0, 6))
            is None
        )
        assert Candidate.objects.get(pk=candidate.pk).tag_ids == []
        services.candidate_tag_add(candidate, tag=tag, source="manual", actor=admin_a)
        assert Candidate.objects.get(pk=candidate.pk).tag_ids == [tag.pk]


def test_exact_duplicates_are_found_by_email_phone_and_external_id(tenant_a):
    first = services.candidate_create(
        tenant_a,
        data=services.CandidateInput(
            full_name="王芳",
            emails=("wf@example.com",),
            phones=("+86 139 0000 1111",),
            external_ids=(("hris", "E1"),),
        ),
        source="api",
    )
    with tenant_context(tenant_a):
        assert services.candidate_find_exact(emails=["WF@example.com"]) == first
        assert services.candidate_find_exact(phones=["13900001111"]) == first
        assert services.candidate_find_exact(external_ids=[("HRIS", "E1")]) == first
        assert services.candidate_find_exact(emails=["other@example.com"]) is None


def test_similar_names_at_the_same_company_are_flagged_not_merged(tenant_a):
    first = make(tenant_a, "Zhang Wei", current_company="Huawei")
    second = make(tenant_a, "Zhang  Wei", current_company="Huawei")
    make(tenant_a, "Li Lei", current_company="Huawei")
    assert services.duplicates_flag_for(tenant_a, candidate_id=second.pk) == 1
    assert services.duplicates_flag_for(tenant_a, candidate_id=second.pk) == 0
    with tenant_context(tenant_a):
        flag = DuplicateFlag.objects.get()
        assert {flag.candidate_low_id, flag.candidate_high_id} == {first.pk, second.pk}
        assert flag.reason == "name_company"
        assert Candidate.objects.count() == 3


def test_a_merge_keeps_everything_and_can_be_undone(tenant_a, admin_a):
    services.taxonomy_seed(tenant_a)
    keep = make(tenant_a, "陈静", emails=("cj@example.com",), current_title="架构师")
    remove = make(
        tenant_a,
        "陈静",
        emails=("chenjing@work.cn", "cj@example.com"),
        phones=("13800138000",),
        location="杭州",
    )
    with tenant_context(tenant_a):
        tags = list(Tag.objects.filter(category="skill")[:2])
        services.candidate_tag_add(keep, tag=tags[0], source="manual")
        services.candidate_tag_add(remove, tag=tags[1], source="manual")
    merge = services.candidate_merge(tenant_a, keep=keep, remove=remove, actor=admin_a)
    with tenant_context(tenant_a):
        keep.refresh_from_db()
        remove.refresh_from_db()
        assert sorted(keep.emails.values_list("email", flat=True)) == ["chenjing@work.cn", "cj@example.com"]
        assert list(keep.phones.values_list("phone", flat=True)) == ["+8613800138000"]
        assert keep.location == "杭州" and keep.current_title == "架构师"
        assert sorted(keep.tag_ids) == sorted(t.pk for t in tags)
        assert remove.status == CandidateStatus.MERGED and remove.merged_into_id == keep.pk
        assert services.candidate_find_exact(emails=["chenjing@work.cn"]) == keep
    with pytest.raises(services.CandidateError):
        services.candidate_merge(tenant_a, keep=keep, remove=remove)
    services.candidate_merge_undo(tenant_a, merge=merge, actor=admin_a)
    with tenant_context(tenant_a):
        keep.refresh_from_db()
        remove.refresh_from_db()
        assert list(keep.emails.values_list("email", flat=True)) == ["cj@example.com"]
        assert keep.location == "" and keep.tag_ids == [tags[0].pk]
        assert remove.status == CandidateStatus.ACTIVE and remove.merged_into_id is None
        assert sorted(remove.emails.values_list("email", flat=True)) == ["chenjing@work.cn", "cj@example.com"]
        assert CandidateMerge.objects.get().undone_at is not None
    with pytest.raises(services.CandidateError):
        services.candidate_merge_undo(tenant_a, merge=merge)


def test_merging_is_blocked_while_a_candidate_is_in_a_running_sequence(tenant_a, monkeypatch):
    keep, remove = make(tenant_a, "甲"), make(tenant_a, "乙")
    monkeypatch.setattr("engagement.selectors.candidates_in_running_sequences", lambda ids: {remove.pk})
    with pytest.raises(services.CandidateError, match="campaign"):
        services.candidate_merge(tenant_a, keep=keep, remove=remove)
    with tenant_context(tenant_a):
        assert Candidate.objects.get(pk=remove.pk).status == CandidateStatus.ACTIVE


def test_merging_tags_moves_candidates_and_keeps_the_old_name_as_a_synonym(tenant_a):
    candidate = make(tenant_a)
    source = services.tag_create(tenant_a, category="skill", name_en="Golang", name_zh="Go语言")
    target = services.tag_create(tenant_a, category="skill", name_en="Go programming")
    with tenant_context(tenant_a):
        services.candidate_tag_add(candidate, tag=source, source="manual")
    services.tag_merge(tenant_a, source=source, target=target)
    with tenant_context(tenant_a):
        assert Candidate.objects.get(pk=candidate.pk).tag_ids == [target.pk]
        target.refresh_from_db()
        assert "Golang" in target.synonyms and "Go语言" in target.synonyms
        assert Tag.objects.get(pk=source.pk).is_retired
        assert CandidateTag.objects.filter(tag=source).count() == 0
