"""Bounds everywhere (issue 13, item 4): every text a request may carry has a maximum length, every list a maximum
size, every date a plausible range and every JSON value a size limit; over a bound is a field-level 400 (or a
form error) and nothing is stored.

The walks below find the fields themselves — every request body of the API (from drf-spectacular's generator,
the same one that writes /api/schema/) and every dashboard form class — so a new unbounded field fails here.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from django import forms
from django.urls import get_resolver
from rest_framework import fields as drf_fields
from rest_framework import relations
from rest_framework import serializers as drf

from talentpool.api import bounds
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer
from ..factories import make_candidate

PROJECT = ("candidates", "profiles", "engagement", "analytics", "connectors", "webhooks", "privacy", "demo")
PROJECT_MODULES = (*PROJECT, "talentpool")

# ------------------------------------------------------------------------------------------ the serializer walk


def _has_validator(field, kind) -> bool:
    return any(isinstance(v, kind) for v in getattr(field, "validators", []) or [])


def field_problems(field, path: str) -> list[str]:
    """What is unbounded in a writable serializer field (walking lists, dicts and nested serializers)."""
    if field.read_only:
        return []
    problems = []
    if isinstance(field, drf.ListSerializer):
        if field.max_length is None:
            problems.append(f"{path}: a list of objects without max_length")
        return problems + field_problems(field.child, f"{path}[]")
    if isinstance(field, drf.BaseSerializer):
        for name, inner in field.fields.items():
            problems += field_problems(inner, f"{path}.{name}")
        return problems
    if isinstance(field, relations.ManyRelatedField):
        if getattr(field, "max_length", None) is None and not _has_validator(field, bounds.MaxItems):
            problems.append(f"{path}: a many-related field without a maximum size")
        return problems
    if isinstance(field, drf.ChoiceField) and not isinstance(field, drf.MultipleChoiceField):
        return problems  # one of a fixed set
    if isinstance(field, drf.MultipleChoiceField):
        return problems  # a subset of a fixed set: as many items as there are choices
    if isinstance(field, drf.ListField):
        if field.max_length is None:
            problems.append(f"{path}: a list without max_length")
        return problems + field_problems(field.child, f"{path}[]")
    if isinstance(field, (drf.DictField, drf.JSONField, drf_fields.HStoreField)):
        if not _has_validator(field, bounds.MaxJsonSize):
            problems.append(f"{path}: JSON without a size limit (bounds.MaxJsonSize)")
        return problems
    if isinstance(field, drf.CharField):  # EmailField, URLField, SlugField, RegexField … included
        if field.max_length is None:
            problems.append(f"{path}: text without max_length")
        return problems
    if isinstance(field, (drf.DateField, drf.DateTimeField)):
        if not _has_validator(field, bounds.PlausibleDate):
            problems.append(f"{path}: a date without a plausible range (bounds.PlausibleDate)")
        return problems
    if isinstance(field, FIXED_SIZE):
        return problems
    if getattr(field, "max_length", None) is None:
        problems.append(f"{path}: {type(field).__name__} of unknown size (give it a max_length)")
    return problems


# Fields whose value has a size of its own: numbers, booleans, choices, ids, uploads (bounded by the upload
# limits in settings), times. Anything else (a custom field) must say its max_length.
FIXED_SIZE = (
    drf.IntegerField,
    drf.FloatField,
    drf.DecimalField,
    drf.BooleanField,
    drf.UUIDField,
    drf.DurationField,
    drf.TimeField,
    drf.FileField,
    drf.HiddenField,
    drf.ReadOnlyField,
    drf.SerializerMethodField,
    relations.RelatedField,
)


def request_serializers() -> dict[str, drf.BaseSerializer]:
    """Every serializer the API reads a request body with: the request components of the OpenAPI schema
    (``COMPONENT_SPLIT_REQUEST`` names them "…Request"; nested ones included), as the generator finds them
    through each view's ``@extend_schema(request=…)`` or its ``serializer_class``."""
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator()
    generator.get_schema(request=None, public=True)
    found: dict[str, drf.BaseSerializer] = {}
    for (name, _kind), component in generator.registry._components.items():
        serializer = component.object
        if isinstance(serializer, type) and issubclass(serializer, drf.BaseSerializer):
            serializer = serializer()
        if name.endswith("Request") and isinstance(serializer, drf.BaseSerializer):
            found[name] = serializer
    return found


def test_the_walk_sees_the_api_request_bodies():
    names = request_serializers()
    # The bodies that carried the attack run's findings, and a fair number of the rest.
    for name in ("CandidateRequest", "HireCreateRequest", "HrisHireRequest", "ProfileFromJdRequest"):
        assert name in names
    assert len(names) >= 40


def test_every_api_request_field_is_bounded():
    problems = []
    for name, serializer in sorted(request_serializers().items()):
        if isinstance(serializer, drf.ListSerializer):
            serializer = serializer.child
        for field_name, field in serializer.fields.items():
            problems += field_problems(field, f"{name}.{field_name}")
    assert not problems, "unbounded request fields (see talentpool/api/bounds.py):\n" + "\n".join(
        sorted(set(problems))
    )


def test_the_walk_catches_an_unbounded_field():
    """The check itself can fail: each kind of unbounded field is reported, each bounded one passes."""

    class Loose(drf.Serializer):
        note = drf.CharField()
        email = drf.EmailField()
        ids = drf.ListField(child=drf.IntegerField())
        names = drf.ListField(child=drf.CharField(), max_length=3)
        day = drf.DateField()
        meta = drf.JSONField()
        shown = drf.CharField(read_only=True)

    class Tight(drf.Serializer):
        note = bounds.BoundedCharField(max_length=10)
        email = bounds.BoundedEmailField()
        ids = bounds.bounded_list(drf.IntegerField(), max_length=3)
        names = bounds.bounded_list(drf.CharField(max_length=5), max_length=3)
        day = bounds.plausible_date()
        meta = bounds.json_field()

    loose = [p for name, f in Loose().fields.items() for p in field_problems(f, name)]
    assert sorted(p.split(":")[0] for p in loose) == ["day", "email", "ids", "meta", "names[]", "note"]
    assert [p for name, f in Tight().fields.items() for p in field_problems(f, name)] == []


# ---------------------------------------------------------------------------------------------- the form walk


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def dashboard_forms() -> list[type[forms.BaseForm]]:
    assert get_resolver().url_patterns  # imports every view module, and with them the forms they use
    return sorted(
        {
            cls
            for cls in _subclasses(forms.BaseForm)
            if cls.__module__.startswith(PROJECT_MODULES) and not cls.__module__.startswith("tests")
        },
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def form_field_problems(field, path: str) -> list[str]:
    if field.disabled:
        return []
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField)):
        return []
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        ok = any(isinstance(v, bounds.PlausibleDate) for v in field.validators)
        return [] if ok else [f"{path}: a date without a plausible range (bounds.PlausibleDate)"]
    if isinstance(field, forms.JSONField):
        ok = any(isinstance(v, bounds.MaxJsonSize) for v in field.validators)
        return [] if ok else [f"{path}: JSON without a size limit"]
    if isinstance(field, forms.CharField):
        return [] if field.max_length is not None else [f"{path}: text without max_length"]
    if isinstance(field, (forms.BooleanField, forms.IntegerField, forms.FloatField, forms.DecimalField)):
        return []
    if isinstance(field, (forms.FileField, forms.DurationField, forms.TimeField)):
        return []
    # Anything else (an id list, a custom field) needs a size limit of its own.
    ok = any(isinstance(v, bounds.MaxItems) for v in field.validators) or getattr(field, "max_length", None)
    return [] if ok else [f"{path}: {type(field).__name__} without a size limit (bounds.MaxItems)"]


def test_every_dashboard_form_field_is_bounded():
    classes = dashboard_forms()
    assert len(classes) >= 15, [cls.__name__ for cls in classes]
    problems = []
    for cls in classes:
        for name, field in cls.base_fields.items():
            problems += form_field_problems(field, f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert not problems, "unbounded form fields (see talentpool/api/bounds.py):\n" + "\n".join(problems)


# ------------------------------------------------------------------------------------ the validators themselves


def test_plausible_date_moves_with_today_and_says_the_range():
    from django.core.exceptions import ValidationError

    check = bounds.PlausibleDate(date(2000, 1, 1), timedelta(days=10))
    check(date(2000, 1, 1))
    check(date.today() + timedelta(days=9))
    for bad in (date(1999, 12, 31), date(9999, 12, 31), date.today() + timedelta(days=12)):
        with pytest.raises(ValidationError) as raised:
            check(bad)
        assert raised.value.params["earliest"] == "2000-01-01"


def test_max_json_size_counts_utf8_bytes():
    from django.core.exceptions import ValidationError

    check = bounds.MaxJsonSize(20)
    check({"a": "b" * 10})
    with pytest.raises(ValidationError):
        check({"a": "汉" * 10})  # 30 bytes of UTF-8


# ------------------------------------------------------------------------------------------ through the API


def send(client, method: str, url: str, body, *, key: str | None = None):
    extra = bearer(key) if key else {}
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def error_fields(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content[:500])
    body = response.json()
    assert body["error"]["message"]
    return body["error"]["fields"]


FAR_FUTURE = "9999-12-31"
OVER_A_BOUND = [
    ("name", "/api/v1/candidates/", {"full_name": "x" * 201}, "full_name"),
    ("email", "/api/v1/candidates/", {"full_name": "Ann", "emails": ["a" * 250 + "@x.test"]}, "emails"),
    (
        "emails",
        "/api/v1/candidates/",
        {"full_name": "Ann", "emails": [f"{i}@x.test" for i in range(21)]},
        "emails",
    ),
    ("tags", "/api/v1/candidates/", {"full_name": "Ann", "tags": ["x"] * 201}, "tags"),
    (
        "consent",
        "/api/v1/candidates/",
        {"full_name": "Ann", "consent_given_at": FAR_FUTURE + "T00:00:00Z"},
        "consent_given_at",
    ),
    ("hired_at", "/api/v1/hris/hires/", {"full_name": "Rita", "hired_at": FAR_FUTURE}, "hired_at"),
    (
        "probation",
        "/api/v1/hris/hires/",
        {
            "full_name": "Rita",
            "hired_at": "2024-01-02",
            "probation_outcome": "passed",
            "probation_decided_on": FAR_FUTURE,
        },
        "probation_decided_on",
    ),
    ("jd_text", "/api/v1/role-profiles/", {"title": "x", "jd_text": "x" * (bounds.JD + 1)}, "jd_text"),
    ("empty_jd", "/api/v1/role-profiles/from-jd/", {"text": "   ", "title": "Engineer"}, "text"),
    (
        "managers",
        "/api/v1/role-profiles/from-jd/",
        {"text": "Python", "hiring_managers": list(range(1, 1002))},
        "hiring_managers",
    ),
    (
        "requirements",
        "/api/v1/role-profiles/",
        {"title": "x", "requirements": [{"tag": "skill.python"}] * 101},
        "requirements",
    ),
    (
        "shortlist_ids",
        "/api/v1/shortlists/",
        {"profile": 1, "candidate_ids": list(range(1, 1002))},
        "candidate_ids",
    ),
    (
        "saved_search",
        "/api/v1/saved-searches/",
        {"name": "big", "params": {"q": "x" * (bounds.JSON_SMALL + 1)}},
        "params",
    ),
    (
        "interaction",
        "/api/v1/interactions/",
        {"candidate": 1, "kind": "note", "occurred_at": "1800-01-01T00:00:00Z"},
        "occurred_at",
    ),
    (
        "end_of_time",
        "/api/v1/interactions/",
        {"candidate": 1, "kind": "note", "occurred_at": "9999-12-31T23:59:59-12:00"},
        "occurred_at",
    ),
    (
        "metadata",
        "/api/v1/interactions/",
        {"candidate": 1, "kind": "note", "metadata": {"x": "y" * (bounds.JSON_SMALL + 1)}},
        "metadata",
    ),
    (
        "campaign",
        "/api/v1/campaigns/",
        {"name": "c", "scheduled_at": FAR_FUTURE + "T00:00:00Z"},
        "scheduled_at",
    ),
    ("template", "/api/v1/templates/", {"name": "t", "body": "x" * (bounds.MESSAGE_BODY + 1)}, "body"),
    (
        "consent_record",
        "/api/v1/privacy/consents/",
        {
            "candidate": 1,
            "scope": "outreach",
            "given": True,
            "method": "form",
            "captured_at": FAR_FUTURE + "T00:00:00Z",
        },
        "captured_at",
    ),
]


@pytest.mark.parametrize(
    ("url", "body", "field"), [pytest.param(*case[1:], id=case[0]) for case in OVER_A_BOUND]
)
def test_over_a_bound_is_a_field_error_and_nothing_is_stored(admin_client_a, tenant_a, url, body, field):
    from candidates.models import Candidate
    from engagement.models import Campaign, Interaction, MessageTemplate
    from privacy.models import ConsentRecord
    from profiles.models import Hire, RoleProfile, SavedSearch, Shortlist

    models = (
        Candidate,
        Hire,
        RoleProfile,
        SavedSearch,
        Shortlist,
        Interaction,
        Campaign,
        MessageTemplate,
        ConsentRecord,
    )

    def counts():
        with tenant_context(tenant_a):
            return [model.objects.count() for model in models]

    before = counts()
    fields = error_fields(send(admin_client_a, "post", url, body))
    assert any(name == field or name.startswith(f"{field}.") for name in fields), fields
    assert counts() == before


def test_the_same_request_within_its_bounds_is_accepted(client, key_a, tenant_a):
    """The bounds refuse the outliers only: the largest allowed values are stored."""
    body = {
        "full_name": "x" * 200,
        "emails": [f"p{i}@example.com" for i in range(bounds.CONTACTS)],
        "consent_given_at": "2024-05-01T08:00:00Z",
    }
    response = send(client, "post", "/api/v1/candidates/", body, key=key_a)
    assert response.status_code == 201, response.content
    hire = {"full_name": "Rita", "hired_at": (date.today() - timedelta(days=3)).isoformat()}
    assert send(client, "post", "/api/v1/hris/hires/", hire, key=key_a).status_code == 201


def test_a_role_from_a_jd_that_is_whitespace_is_refused_in_the_dashboard_too(recruiter_client, tenant_a):
    from profiles.models import RoleProfile

    response = recruiter_client.post(
        "/roles/new/", {"action": "save", "title": "Blank", "jd_text": " \n\t ", "headcount": 1}
    )
    assert response.status_code == 400
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.filter(title="Blank").exists()


# ---------------------------------------------------------------------------------------------- the dashboard


def test_a_pool_selection_over_the_limit_is_refused_with_its_message(recruiter_client, tenant_a):
    from django.contrib.messages import get_messages

    from candidates.forms import BulkActionForm

    ids = ",".join(str(n) for n in range(1, BulkActionForm.MAX_SELECTED + 2))
    response = recruiter_client.post("/pool/bulk/", {"action": "export", "ids": ids})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Select at most {BulkActionForm.MAX_SELECTED} candidates at a time."
    ]


def test_a_huge_id_list_in_a_query_is_read_up_to_its_bound_only(admin_client_a, tenant_a):
    """Two hundred thousand ids in one comma-separated filter: the field stops reading past its bound (it used to
    compare each id with every earlier one), the filter is refused and the export holds nobody."""
    from candidates.forms import IdListField

    make_candidate(tenant_a, full_name="Ada Pool")
    huge = ",".join(str(n) for n in range(1, 200_001))
    started = time.monotonic()
    field = IdListField(max_items=bounds.TAGS)
    assert len(field.to_python(huge)) == bounds.TAGS + 1
    assert time.monotonic() - started < 1
    response = admin_client_a.get("/pool/export/", {"tags_all": huge})
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    assert "Ada Pool" not in text


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        (
            "/templates/new/",
            {
                "name": "t",
                "channel": "email",
                "language": "en",
                "subject": "s",
                "body": "x" * (bounds.MESSAGE_BODY + 1),
            },
            "body",
        ),
        (
            "/content/new/",
            {"title": "t", "url": "https://example.com/", "summary": "x" * (bounds.NOTE + 1)},
            "summary",
        ),
        (
            "/content/new/",
            {"title": "t", "url": "https://example.com/", "valid_until": "9999-12-31"},
            "valid_until",
        ),
    ],
    ids=["template-body", "content-summary", "content-date"],
)
def test_dashboard_forms_refuse_what_is_over_a_bound(recruiter_client, tenant_a, url, data, field):
    from engagement.models import ContentItem, MessageTemplate

    with tenant_context(tenant_a):
        before = (MessageTemplate.objects.count(), ContentItem.objects.count())
    response = recruiter_client.post(url, data)
    assert response.status_code in (200, 400), response.status_code
    form = response.context["form"]
    assert field in form.errors, form.errors
    with tenant_context(tenant_a):
        assert (MessageTemplate.objects.count(), ContentItem.objects.count()) == before
