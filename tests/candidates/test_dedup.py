"""Fuzzy duplicates that mean it: two independent signals, name frequency, contacts that disagree, other scripts."""

from __future__ import annotations

import random

from candidates import services
from candidates.models import Candidate, CandidateEmail, CandidatePhone, DuplicateFlag
from candidates.services.dedup import (
    GIVEN_SHARE,
    SURNAME_SHARE,
    Person,
    PoolStats,
    duplicates_flag_among,
    name_key,
    name_prior,
    pair_evidence,
)
from talentpool.tenancy.context import tenant_context


def make(tenant, name, emails=(), phones=(), **fields):
    return services.candidate_create(
        tenant,
        data=services.CandidateInput(full_name=name, emails=emails, phones=phones, fields=fields),
        source="manual",
    )


def pool(size=5000, name=1, company=50, school=20, title=400):
    return PoolStats(
        size, lambda _: name, lambda _: company, lambda _: school, lambda _: title, lambda _: 800
    )


def test_names_match_across_order_case_and_script_and_common_names_are_more_likely():
    assert name_key("张伟") == name_key("Zhang Wei") == name_key("WEI zhang") == name_key("张 伟")
    assert name_key("欧阳娜娜") == name_key("Nana Ouyang")
    assert name_prior("张伟") > 100 * name_prior("欧阳娜娜")
    assert name_prior("John Smith") > 100 * name_prior("Xavier Quisenberry")


def test_a_common_name_at_the_same_company_with_other_contacts_is_not_a_duplicate():
    a = Person(
        1, "张伟", frozenset({"huawei"}), emails=frozenset({"a@x.cn"}), phones=frozenset({"+8613900000001"})
    )
    b = Person(
        2, "张伟", frozenset({"huawei"}), emails=frozenset({"b@x.cn"}), phones=frozenset({"+8613900000002"})
    )
    evidence = pair_evidence(a, b, pool(name=12))
    assert not evidence.is_duplicate
    assert evidence.signals == ("company",), "name + company is one signal for a common name"


def test_a_rare_name_at_the_same_company_is_a_duplicate_and_says_why():
    a = Person(1, "欧阳娜娜", frozenset({"tencent"}), emails=frozenset({"a@x.cn"}))
    b = Person(2, "Nana Ouyang", frozenset({"tencent"}))
    evidence = pair_evidence(a, b, pool())
    assert evidence.is_duplicate and evidence.reason == "name_company" and evidence.probability > 0.5


def test_a_common_name_needs_a_second_signal_such_as_the_school():
    a = Person(1, "Li Na", frozenset({"byd"}), frozenset({"zhejiangdaxue"}))
    b = Person(2, "李娜", frozenset({"byd"}), frozenset({"zhejiangdaxue"}))
    assert pair_evidence(a, b, pool(name=8)).is_duplicate
    assert not pair_evidence(a, Person(3, "李娜", frozenset({"byd"})), pool(name=8)).is_duplicate


def test_different_emails_and_phones_count_against_and_a_typo_still_counts():
    a = Person(1, "Jonathan Quisenberry", frozenset({"stripe"}), frozenset({"mit"}))
    typo = Person(2, "Jonathon Quisenberry", frozenset({"stripe"}), frozenset({"mit"}))
    assert pair_evidence(a, typo, pool()).is_duplicate
    strangers = pair_evidence(
        Person(1, "Mark Allen", frozenset({"google"}), emails=frozenset({"m1@x"}), phones=frozenset({"+1"})),
        Person(2, "Mark Allen", frozenset({"google"}), emails=frozenset({"m2@x"}), phones=frozenset({"+2"})),
        pool(name=3, company=400),
    )
    assert not strangers.is_duplicate


def test_similar_chinese_names_that_only_share_pinyin_letters_are_not_the_same_name():
    a = Person(1, "王明", frozenset({"huawei"}), frozenset({"qinghua"}))
    b = Person(2, "唐铭", frozenset({"huawei"}), frozenset({"qinghua"}))
    assert pair_evidence(a, b, pool()).odds == 0


def test_five_thousand_common_chinese_names_with_their_own_contacts_give_no_flags(tenant_a):
    rng = random.Random(5)
    names = [s + g for s in list(SURNAME_SHARE)[:10] for g in list(GIVEN_SHARE)[:10]]
    companies = ["华为", "腾讯", "阿里巴巴", "字节跳动", "百度", "京东", "美团", "小米", "比亚迪", "网易"]
    with tenant_context(tenant_a):
        rows = Candidate.objects.bulk_create(
            [
                Candidate(tenant=tenant_a, full_name=rng.choice(names), current_company=rng.choice(companies))
                for _ in range(5000)
            ]
        )
        CandidateEmail.objects.bulk_create(
            [
                CandidateEmail(tenant=tenant_a, candidate=c, email=f"u{i}@example.cn")
                for i, c in enumerate(rows)
            ]
        )
        CandidatePhone.objects.bulk_create(
            [CandidatePhone(tenant=tenant_a, candidate=c, phone=f"+86139{i:08d}") for i, c in enumerate(rows)]
        )
    assert duplicates_flag_among(tenant_a, candidate_ids=[c.pk for c in rows]) == 0
    one = rows[0]
    assert services.duplicates_flag_for(tenant_a, candidate_id=one.pk) == 0
    with tenant_context(tenant_a):
        assert DuplicateFlag.objects.count() == 0


def test_a_transliterated_rare_name_at_the_same_company_and_school_is_flagged_once(tenant_a):
    first = make(tenant_a, "欧阳娜娜", emails=("nana@example.cn",), current_company="腾讯")
    with tenant_context(tenant_a):
        first.educations.create(school="浙江大学")
    second = make(tenant_a, "Nana Ouyang", current_company="腾讯")
    make(tenant_a, "李雷", current_company="腾讯")
    assert services.duplicates_flag_for(tenant_a, candidate_id=second.pk) == 1
    assert services.duplicates_flag_for(tenant_a, candidate_id=second.pk) == 0
    with tenant_context(tenant_a):
        flag = DuplicateFlag.objects.get()
        assert {flag.candidate_low_id, flag.candidate_high_id} == {first.pk, second.pk}
        assert flag.reason == "name_company" and 0.5 < flag.score <= 1
