"""The template sandbox: only allow-listed placeholders, filters and blocks; hostile candidate data is text,
escaped in HTML and never evaluated; any input either renders or is refused with a TemplateError; the seeded
defaults validate and render for a Chinese and an English candidate."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import services as candidate_services
from candidates.services import CandidateInput
from engagement import rendering
from engagement.models import ContentItem
from engagement.rendering import TemplateError, candidate_context, render, render_message, validate
from engagement.services import templates as template_services
from talentpool.tenancy.context import tenant_context


def person(name="张伟", title="生产经理", company="华东制造", city="上海"):
    return SimpleNamespace(
        full_name=name, current_title=title, current_company=company, location=city, tenant_id=None
    )


def context_for(candidate=None, **kwargs):
    kwargs.setdefault("tenant", SimpleNamespace(name="阿尔法"))
    return candidate_context(candidate or person(), **kwargs)


# --- refusals name what is refused -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("您好 {{ candidate.salary }}", "candidate.salary"),
        ("{{ request }}", "request"),
        ("{{ settings.SECRET_KEY }}", "settings.SECRET_KEY"),
        ("{{ recruiter.password }}", "recruiter.password"),
        ("{% for role in roles %}{{ role.salary }}{% endfor %}", "role.salary"),
        ("{% if candidate.phone %}x{% endif %}", "candidate.phone"),
    ],
)
def test_an_unknown_placeholder_is_refused_by_its_name(text, named):
    with pytest.raises(TemplateError) as refused:
        validate(text)
    assert named in str(refused.value)
    assert refused.value.name == named


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("{% load static %}", "{% load %}"),
        ("{% include 'base.html' %}", "{% include %}"),
        ("{% extends 'base.html' %}", "{% extends %}"),
        ("{% url 'admin:index' %}", "{% url %}"),
        ("{% csrf_token %}", "{% csrf_token %}"),
        ("{% ssi '/etc/passwd' %}", "{% ssi %}"),
        ("{% debug %}", "{% debug %}"),
        ("{{ candidate.__class__ }}", "candidate.__class__"),
        ("{{ candidate.name.__class__.__mro__ }}", "candidate.name.__class__.__mro__"),
        ("{{ candidate.name|safe }}", "|safe"),
        ("{{ candidate.name|escape }}", "|escape"),
        ("{{ candidate.name|add:'1' }}", "|add"),
        ("{{ roles }}", "roles"),
        ("{% for x in candidate %}{% endfor %}", "{% for … in candidate %}"),
        ("{% for candidate in roles %}{% endfor %}", "{% for candidate in … %}"),
    ],
)
def test_a_forbidden_construct_is_refused_by_its_name(text, named):
    with pytest.raises(TemplateError) as refused:
        validate(text)
    assert named in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "{{ candidate.name",
        "{% if roles %}open",
        "{% endif %}",
        "{% for role in roles %}{% endif %}",
        "{% if roles == 1 %}{% endif %}",
        "{{ candidate.name|truncate }}",
        "{{ candidate.name|default }}",
        "{{ forloop.counter }}",
        "{% for role in roles %}{{ forloop.first }}{% endfor %}",
        "{{ 'text' }}",
        "{{ candidate.name.0 }}",
        "{% empty %}",
        "{% else %}",
    ],
)
def test_malformed_templates_are_refused_not_rendered(text):
    with pytest.raises(TemplateError):
        render(text, context_for())


# --- what renders --------------------------------------------------------------------------------------------


def test_placeholders_filters_loops_and_conditions_render_in_chinese_and_english():
    context = context_for(
        roles=[
            {"id": 3, "title": "精益生产经理", "score": 86.4},
            {"title": "QA Lead", "location": "Suzhou", "match": 70},
        ]
    )
    text = (
        "{{ candidate.name }}，您好。{% for role in roles %}{{ forloop.counter }}.{{ role.title|upper }}"
        "{% if role.location %}@{{ role.location }}{% endif %}({{ role.match }}%) {% endfor %}"
        '{% if not content %}无内容{% endif %}|{{ recruiter.name|default:"招聘团队" }}|'
        "{{ candidate.company|truncate:3 }}"
    )
    assert render(text, context) == (
        "张伟，您好。1.精益生产经理(86%) 2.QA LEAD@Suzhou(70%) 无内容|招聘团队|华东…"
    )
    english = candidate_context(person("Alice Chen"), tenant=SimpleNamespace(name="Acme"))
    assert (
        render("Hi {{ candidate.first_name }} from {{ tenant.name|lower }}", english) == "Hi Alice from acme"
    )


def test_a_chinese_name_is_greeted_whole_and_a_latin_one_by_its_first_word():
    assert rendering.first_name("张伟") == "张伟"
    assert rendering.first_name("欧阳 娜娜") == "欧阳 娜娜"
    assert rendering.first_name("  Alice   Chen ") == "Alice"


def test_an_empty_list_renders_the_empty_branch():
    assert (
        render("{% for item in content %}{{ item.title }}{% empty %}none{% endfor %}", context_for())
        == "none"
    )


# --- hostile data --------------------------------------------------------------------------------------------

HOSTILE_NAME = '<script>alert(1)</script>{{ candidate.__class__ }}{% load x %}" onmouseover="x'


def test_hostile_candidate_data_is_escaped_in_html_and_never_evaluated():
    context = context_for(
        person(HOSTILE_NAME, company="<img src=x onerror=alert(1)>", city="http://evil.test/x")
    )
    text = "Hi {{ candidate.name }} at {{ candidate.company }} in {{ candidate.city }}"
    plain = render(text, context)
    assert HOSTILE_NAME in plain  # the text part shows it as it is: not interpreted
    html = render(text, context, html=True)
    assert "<script>" not in html and "<img" not in html
    assert (
        "&lt;script&gt;" in html
        and "{{ candidate.__class__ }}" in html
        and "&quot; onmouseover=&quot;x" in html
    )
    assert "<a " not in html  # a URL in a candidate's field stays text


def test_hostile_content_urls_become_links_only_when_they_are_http():
    context = context_for(
        content=[
            {"title": "<b>x</b>", "summary": "", "url": "javascript:alert(1)"},
            {"title": "ok", "summary": "", "url": "https://example.com/a?b=1&c=2"},
            {"title": "odd", "summary": "", "url": "https://example.com/<x>"},
        ]
    )
    html = render(
        "{% for item in content %}{{ item.title }} {{ item.url }}\n{% endfor %}", context, html=True
    )
    assert 'href="javascript' not in html
    assert '<a href="https://example.com/a?b=1&amp;c=2">' in html
    assert "https://example.com/&lt;x&gt;" in html and 'href="https://example.com/&lt;' not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_model_instances_in_a_context_render_as_nothing_instead_of_a_repr():
    context = {
        "candidate": {"name": object(), "title": ["a", "b"], "company": {"x": 1}, "city": 3.7},
        "roles": [object(), {"title": SimpleNamespace(x=1), "match": True}],
    }
    text = (
        "{{ candidate.name }}|{{ candidate.title }}|{{ candidate.company }}|{{ candidate.city }}|"
        "{% for role in roles %}[{{ role.title }}{{ role.match }}]{% endfor %}"
    )
    assert render(text, context) == "|||4|[]"


def test_a_message_has_a_one_line_subject_and_lists_the_links_of_its_html_part():
    context = context_for(person("张\r\n伟 Bcc: x@evil.test"), links={"unsubscribe": "https://u.test/u"})
    message = render_message(
        "{{ candidate.name }}，您好", "见 https://a.test/x。退订 {{ links.unsubscribe }}", context
    )
    assert "\n" not in message["subject"] and "\r" not in message["subject"]
    assert message["links"] == ["https://a.test/x", "https://u.test/u"]
    assert message["text"] == "见 https://a.test/x。退订 https://u.test/u"
    assert message["html"].startswith("<p>") and '<a href="https://a.test/x">' in message["html"]


def test_html_part_lays_out_paragraphs_and_line_breaks():
    assert render("a\nb\n\nc", {}, html=True) == "<p>a<br>\nb</p>\n<p>c</p>"


# --- fuzz ------------------------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        " ",
        "\n",
        "|",
        ":",
        ".",
        '"',
        "'",
        "<",
        ">",
        "&",
        "candidate",
        "name",
        "roles",
        "role",
        "content",
        "item",
        "for",
        "in",
        "endfor",
        "if",
        "elif",
        "else",
        "endif",
        "empty",
        "not",
        "and",
        "or",
        "load",
        "forloop",
        "counter",
        "__class__",
        "default",
        "upper",
        "truncate",
        "10",
        "-1",
        "title",
        "url",
        "links",
        "unsubscribe",
        "张伟",
        "https://x.test/a",
        "safe",
        "request",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=120))
def test_any_text_either_renders_or_is_refused_with_a_template_error_and_never_leaks_a_repr(text):
    context = context_for(
        person(HOSTILE_NAME),
        roles=[{"title": "<r>", "url": "https://r.test", "match": 1}],
        content=[{"title": "c", "summary": "s", "url": "https://c.test"}],
    )
    context["candidate"]["extra"] = object()  # never reachable: not on the allow-list
    try:
        validate(text)
    except TemplateError:
        with pytest.raises(TemplateError):
            render(text, context)
        return
    for html in (False, True):
        output = render(text, context, html=html)
        assert isinstance(output, str)
        for leak in ("object at 0x", "<bound method", "dict_items", "SimpleNamespace", "{'", "['"):
            assert leak not in output or leak in text


# --- the seeded defaults -------------------------------------------------------------------------------------


@pytest.fixture
def candidates(tenant_a):
    zh = candidate_services.candidate_create(
        tenant_a,
        data=CandidateInput(full_name="张伟", fields={"current_title": "生产经理", "location": "苏州"}),
        source="manual",
    )
    en = candidate_services.candidate_create(
        tenant_a,
        data=CandidateInput(full_name="Alice Chen", fields={"current_company": "Acme"}),
        source="manual",
    )
    return zh, en


def test_every_seeded_default_validates_and_renders_for_a_chinese_and_an_english_candidate(
    tenant_a, candidates, recruiter_a
):
    with tenant_context(tenant_a):
        ContentItem.objects.create(
            title="精益生产落地案例",
            summary="某汽车零部件厂如何在半年内把交付周期缩短三成。",
            url="https://example.com/lean",
            tag_ids=[],
        )
        for (purpose, channel, language), _spec in template_services.DEFAULT_TEMPLATES.items():
            template = template_services.default_template(purpose, channel, language)
            assert (template.purpose, template.channel, template.language) == (purpose, channel, language)
            validate(template.subject)
            validate(template.body)
            for candidate in candidates:
                preview = template_services.template_preview(
                    template, candidate=candidate, recruiter=recruiter_a
                )
                assert (
                    candidate.full_name in preview["text"]
                    or candidate.full_name.split()[0] in preview["text"]
                )
                assert "Alpha 阿尔法" in preview["text"]
                assert "{{" not in preview["text"] and "{%" not in preview["text"]
                if channel == "email":
                    assert preview["subject"] and preview["html"].startswith("<p>")
                    assert "https://example.com/unsubscribe" in preview["links"] or purpose == "reconsent"
        assert template_services.templates_seed() == 0  # idempotent: all there


def test_default_template_seeds_once_and_reseeds_a_deleted_default(tenant_a):
    with tenant_context(tenant_a):
        first = template_services.default_template("content", "email", "zh-Hans")
        assert template_services.default_template("content", "email", "zh-hans").pk == first.pk
        assert "content" in first.body
        template_services.template_delete(first)
        again = template_services.default_template("content", "email", "zh-hans")
        assert again.pk != first.pk and again.name == first.name
