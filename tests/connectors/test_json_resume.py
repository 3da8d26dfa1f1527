"""JSON Resume both ways without loss, checked against the official schema (@jsonresume/schema 1.3.1, vendored
in tests/fixtures/jsonresume) with the jsonschema package, not with our own code."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from candidates import services
from candidates.models import Candidate, CandidatePhone, CandidateTag, Document, Experience
from candidates.services.json_resume import json_resume_export, json_resume_import
from talentpool.tenancy.context import tenant_context

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jsonresume"
SCHEMA = json.loads((FIXTURES / "schema.json").read_text())
VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
SAMPLES = [
    "sample.resume.json",
    "career-changer.resume.json",
    "new-grad.resume.json",
    "senior-engineer.resume.json",
]


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def schema_errors(document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def without_own_meta(document: dict) -> dict:
    document = copy.deepcopy(document)
    document["meta"].pop("talentpool")
    if not document["meta"]:
        document.pop("meta")
    return document


@pytest.fixture
def seeded(tenant_a):
    services.taxonomy_seed(tenant_a)
    for name in ("Javascript", "HTML", "English"):
        with tenant_context(tenant_a):
            from candidates.models import Tag

            if not Tag.objects.filter(name_en__iexact=name).exists():
                services.tag_create(
                    tenant_a, category="language" if name == "English" else "skill", name_en=name
                )
    return tenant_a


def round_trip(tenant, document: dict) -> tuple[Candidate, dict]:
    candidate, _created = json_resume_import(tenant, document=document)
    with tenant_context(tenant):
        return candidate, json_resume_export(Candidate.objects.get(pk=candidate.pk))


@pytest.mark.parametrize("name", SAMPLES)
def test_an_imported_resume_exports_again_unchanged_and_valid(seeded, name):
    original = load(name)
    _candidate, exported = round_trip(seeded, copy.deepcopy(original))
    assert schema_errors(exported) == []
    assert without_own_meta(exported) == original
    for section in original:
        assert len(json.dumps(exported[section])) >= len(json.dumps(original[section])), section


def test_the_official_sample_keeps_every_section_and_its_us_phone(seeded):
    original = load("sample.resume.json")
    candidate, exported = round_trip(seeded, copy.deepcopy(original))
    for section in (
        "skills",
        "languages",
        "projects",
        "awards",
        "publications",
        "volunteer",
        "interests",
        "references",
    ):
        assert exported[section] == original[section]
    assert exported["basics"]["summary"] == original["basics"]["summary"]
    assert exported["basics"]["profiles"] == original["basics"]["profiles"]
    assert exported["work"][0]["highlights"] == original["work"][0]["highlights"]
    assert exported["basics"]["phone"] == "(912) 555-4321"
    with tenant_context(seeded):
        # San Francisco, countryCode US: a US number, never +86 912 555 4321.
        assert list(CandidatePhone.objects.filter(candidate=candidate).values_list("phone", flat=True)) == [
            "+19125554321"
        ]
        names = {
            n.lower()
            for n in CandidateTag.objects.filter(candidate=candidate).values_list("tag__name_en", flat=True)
        }
        assert {"javascript", "html", "english"} <= names  # skills with their keywords, languages: tags
        kept = Document.objects.get(candidate=candidate, kind="json")
        assert json.loads(kept.text)["references"] == original["references"]


def test_a_phone_of_a_person_whose_country_is_unknown_stays_as_written(seeded):
    document = {"basics": {"name": "Pat Doe", "email": "pat@example.com", "phone": "(912) 555-4321"}}
    candidate, exported = round_trip(seeded, document)
    with tenant_context(seeded):
        assert not CandidatePhone.objects.filter(candidate=candidate).exists()
    assert exported["basics"]["phone"] == "(912) 555-4321"
    assert schema_errors(exported) == []


def test_a_chinese_mobile_without_country_is_read_as_chinese(seeded):
    document = {"basics": {"name": "张伟", "phone": "138 0013 8000", "location": {"city": "上海"}}}
    candidate, exported = round_trip(seeded, document)
    with tenant_context(seeded):
        assert list(CandidatePhone.objects.filter(candidate=candidate).values_list("phone", flat=True)) == [
            "+8613800138000"
        ]
    assert exported["basics"]["phone"] == "138 0013 8000"


def test_empty_dates_in_the_input_never_reach_an_export(seeded):
    document = {
        "basics": {"name": "Ana Lee", "email": "ana@example.com"},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "endDate": ""}],
        "education": [{"institution": "MIT", "startDate": "", "endDate": ""}],
    }
    _candidate, exported = round_trip(seeded, document)
    assert schema_errors(exported) == []
    assert "endDate" not in exported["work"][0]
    assert exported["work"][0]["startDate"] == "2020-01"


def test_a_recruiters_edit_shows_in_the_export_and_the_rest_stays(seeded, recruiter_a):
    original = load("sample.resume.json")
    candidate, _exported = round_trip(seeded, copy.deepcopy(original))
    with tenant_context(seeded):
        fresh = Candidate.objects.get(pk=candidate.pk)
        services.candidate_set_fields(
            fresh, {"current_title": "CTO", "location": "Oakland"}, source="manual", actor=recruiter_a
        )
        Experience.objects.filter(candidate=fresh).update(title="Chief Executive")
        exported = json_resume_export(Candidate.objects.get(pk=candidate.pk))
    assert schema_errors(exported) == []
    assert exported["basics"]["label"] == "CTO"
    assert exported["basics"]["location"]["city"] == "Oakland"
    assert exported["basics"]["location"]["countryCode"] == "US"
    assert exported["work"][0]["position"] == "Chief Executive"
    assert exported["work"][0]["highlights"] == original["work"][0]["highlights"]


def test_a_candidate_made_without_json_resume_exports_valid(seeded):
    candidate = services.candidate_create(
        seeded,
        data=services.CandidateInput(full_name="李雷", emails=("lilei@example.cn",), phones=("13912345678",)),
        source="manual",
    )
    with tenant_context(seeded):
        Experience.objects.create(candidate=candidate, company="腾讯", title="后端工程师")
        exported = json_resume_export(Candidate.objects.get(pk=candidate.pk))
    assert schema_errors(exported) == []
    assert exported["basics"]["phone"] == "+8613912345678"
    assert exported["work"] == [{"name": "腾讯", "position": "后端工程师"}]


def test_importing_twice_keeps_one_candidate_and_one_copy(seeded):
    original = load("senior-engineer.resume.json")
    first, created = json_resume_import(seeded, document=copy.deepcopy(original))
    again, created_again = json_resume_import(seeded, document=copy.deepcopy(original))
    assert created and not created_again and first.pk == again.pk
    with tenant_context(seeded):
        assert Document.objects.filter(candidate=first, kind="json").count() == 1
        exported = json_resume_export(Candidate.objects.get(pk=first.pk))
    assert without_own_meta(exported) == original
    # An export imported again (our meta included) gives the same export.
    _again, second = round_trip(seeded, copy.deepcopy(exported))
    assert without_own_meta(second) == original


def test_a_section_of_the_wrong_shape_is_refused_naming_it(seeded):
    with pytest.raises(services.CandidateError) as refused:
        json_resume_import(seeded, document={"basics": {"name": "X"}, "skills": "Python"})
    assert refused.value.field == "skills"
