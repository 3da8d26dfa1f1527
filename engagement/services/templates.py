"""Message templates and the content library: writes, the seeded defaults, previews against a real candidate.

Every function works in the current tenant (``tenant_context``). Templates are validated by the sandbox
(``engagement.rendering``) when saved, so a template in the table always renders; a refusal is a ServiceError
whose ``field`` is ``subject`` or ``body`` and whose message names the placeholder or construct.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id

from .. import rendering
from ..models import Channel, ContentItem, ContentKind, MessagePurpose, MessageTemplate

LANGUAGES = tuple(code for code, _label in settings.LANGUAGES)
TEMPLATE_CHANNELS = (Channel.EMAIL, Channel.SMS)
TEMPLATE_FIELDS = ("name", "channel", "language", "purpose", "subject", "body")
CONTENT_FIELDS = ("kind", "title", "summary", "url", "tag_ids", "language", "valid_until")

# One SMS segment: 160 characters of the GSM 7-bit alphabet, or 70 when any other character (Chinese) is in it.
SMS_SEGMENT_GSM = 160
SMS_SEGMENT_UCS2 = 70
_GSM_CHARACTERS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)

# Previews show links that lead nowhere real: the true ones are made per message when it is sent.
PREVIEW_LINKS = {
    "unsubscribe": "https://example.com/unsubscribe",
    "preferences": "https://example.com/preferences",
}


# --- the seeded defaults ---------------------------------------------------------------------------------------
# (purpose, channel, language) → (name, subject, body). Short, warm texts a recruiter would send as they are;
# every SMS carries the sender's name and how to opt out, as Chinese carriers and GSM practice expect.

_SIGN_ZH = '\n\n祝好！\n{{ recruiter.name|default:"招聘团队" }}\n{{ tenant.name }}'
_SIGN_EN = '\n\nBest regards,\n{{ recruiter.name|default:"The recruiting team" }}\n{{ tenant.name }}'
_FOOT_ZH = "\n\n——\n不想再收到此类邮件？点此退订：{{ links.unsubscribe }}"
_FOOT_EN = "\n\n--\nNot interested in these emails? Unsubscribe: {{ links.unsubscribe }}"

DEFAULT_TEMPLATES: dict[tuple[str, str, str], tuple[str, str, str]] = {
    # ---- Chinese, email
    ("general", "email", "zh-hans"): (
        "默认 · 通用",
        "{{ tenant.name }}招聘团队：{{ candidate.name }}，您好",
        "{{ candidate.name }}，您好：\n\n"
        "我是{{ tenant.name }}的招聘顾问{{ recruiter.name }}。"
        "{% if candidate.title %}了解到您在{{ candidate.title }}方面的经验，{% endif %}"
        "想和您简单交流一下近期的机会。\n\n"
        "如果您方便，直接回复这封邮件即可，我们约一个您合适的时间。" + _SIGN_ZH + _FOOT_ZH,
    ),
    ("job_recommendation", "email", "zh-hans"): (
        "默认 · 职位推荐",
        "{{ candidate.name }}，这几个职位可能适合您",
        "{{ candidate.name }}，您好：\n\n"
        "根据您{% if candidate.title %}作为{{ candidate.title }}的{% endif %}经历，"
        "我们挑选了几个正在招聘、与您背景相符的职位：\n\n"
        "{% for role in roles %}{{ forloop.counter }}. {{ role.title }}"
        "{% if role.location %}（{{ role.location }}）{% endif %}"
        "{% if role.match %} · 匹配度 {{ role.match }}%{% endif %}"
        "{% if role.url %}\n   {{ role.url }}{% endif %}\n"
        "{% empty %}我们有几个与您背景相关的职位正在招聘。\n{% endfor %}\n"
        "如果有您感兴趣的，直接回复这封邮件，我会尽快与您联系，详细介绍职位情况。" + _SIGN_ZH + _FOOT_ZH,
    ),
    ("content", "email", "zh-hans"): (
        "默认 · 行业内容",
        "为您精选：{% for item in content %}{% if forloop.first %}{{ item.title }}"
        "{% endif %}{% empty %}行业案例与洞察{% endfor %}",
        "{{ candidate.name }}，您好：\n\n"
        "我们整理了几篇您可能感兴趣的内容，供您参考：\n\n"
        "{% for item in content %}《{{ item.title }}》\n"
        "{% if item.summary %}{{ item.summary|truncate:120 }}\n{% endif %}"
        "{{ item.url }}\n\n{% endfor %}"
        "如果您想聊聊相关的机会，欢迎直接回复。" + _SIGN_ZH + _FOOT_ZH,
    ),
    ("greeting", "email", "zh-hans"): (
        "默认 · 问候",
        "{{ candidate.name }}，好久不见",
        "{{ candidate.name }}，您好：\n\n"
        "好久没有联系了，想问候一下您的近况。{% if candidate.company %}在{{ candidate.company }}一切都顺利吗？"
        "{% endif %}\n\n"
        "如果您在考虑新的发展方向，或者只是想聊聊行业的变化，随时回复这封邮件，我很乐意交流。"
        + _SIGN_ZH
        + _FOOT_ZH,
    ),
    ("reconsent", "email", "zh-hans"): (
        "默认 · 确认接收意愿",
        "是否继续接收{{ tenant.name }}的职位信息？",
        "{{ candidate.name }}，您好：\n\n"
        "您的简历保存在{{ tenant.name }}的人才库中。为尊重您的意愿，想和您确认："
        "您是否仍希望收到与您相关的职位和行业信息？\n\n"
        "继续接收：直接回复“是”即可。\n"
        "不再接收：点击 {{ links.unsubscribe }} ，我们将不再联系您。"
        "{% if links.preferences %}\n调整接收偏好：{{ links.preferences }}{% endif %}" + _SIGN_ZH,
    ),
    # ---- Chinese, SMS
    ("general", "sms", "zh-hans"): (
        "默认 · 通用",
        "",
        "【{{ tenant.name }}】{{ candidate.name }}您好，我是招聘顾问{{ recruiter.name }}，"
        "有机会想与您交流，方便时请回复。回T退订",
    ),
    ("job_recommendation", "sms", "zh-hans"): (
        "默认 · 职位推荐",
        "",
        "【{{ tenant.name }}】{{ candidate.name }}您好，"
        "{% for role in roles %}{% if forloop.first %}“{{ role.title|truncate:16 }}”等{% endif %}{% endfor %}"
        "职位与您的背景相符，感兴趣请回复1。回T退订",
    ),
    ("content", "sms", "zh-hans"): (
        "默认 · 行业内容",
        "",
        "【{{ tenant.name }}】{{ candidate.name }}您好，为您精选"
        "{% for item in content %}{% if forloop.first %}《{{ item.title|truncate:16 }}》{{ item.url }} {% endif %}"
        "{% empty %}行业内容，欢迎回复交流。{% endfor %}回T退订",
    ),
    ("greeting", "sms", "zh-hans"): (
        "默认 · 问候",
        "",
        "【{{ tenant.name }}】{{ candidate.name }}您好，好久不见，近来可好？如有新的职业打算，欢迎随时回复交流。回T退订",
    ),
    ("reconsent", "sms", "zh-hans"): (
        "默认 · 确认接收意愿",
        "",
        "【{{ tenant.name }}】{{ candidate.name }}您好，您是否仍希望收到我们的职位信息？回复1继续接收，回T退订。",
    ),
    # ---- English, email
    ("general", "email", "en"): (
        "Default · General",
        "{{ candidate.first_name }}, a quick hello from {{ tenant.name }}",
        "Hi {{ candidate.first_name }},\n\n"
        'I\'m {{ recruiter.name|default:"a recruiter" }} at {{ tenant.name }}. '
        "{% if candidate.title %}Your experience as {{ candidate.title }} caught my eye, and {% endif %}"
        "I'd like to share a few opportunities with you.\n\n"
        "If you're open to a short chat, just reply to this email and we'll find a time that suits you."
        + _SIGN_EN
        + _FOOT_EN,
    ),
    ("job_recommendation", "email", "en"): (
        "Default · Job recommendation",
        "{{ candidate.first_name }}, roles that may suit you",
        "Hi {{ candidate.first_name }},\n\n"
        "Based on your background{% if candidate.title %} as {{ candidate.title }}{% endif %}, "
        "these open roles look like a good fit:\n\n"
        "{% for role in roles %}{{ forloop.counter }}. {{ role.title }}"
        "{% if role.location %} ({{ role.location }}){% endif %}"
        "{% if role.match %} · {{ role.match }}% match{% endif %}"
        "{% if role.url %}\n   {{ role.url }}{% endif %}\n"
        "{% empty %}We have several open roles related to your background.\n{% endfor %}\n"
        "If one of them interests you, reply to this email and I'll get back to you with the details."
        + _SIGN_EN
        + _FOOT_EN,
    ),
    ("content", "email", "en"): (
        "Default · Industry content",
        "Picked for you: {% for item in content %}{% if forloop.first %}"
        "{{ item.title }}{% endif %}{% empty %}cases and insights from your field{% endfor %}",
        "Hi {{ candidate.first_name }},\n\n"
        "We put together a few pieces you may find useful:\n\n"
        "{% for item in content %}{{ item.title }}\n"
        "{% if item.summary %}{{ item.summary|truncate:160 }}\n{% endif %}"
        "{{ item.url }}\n\n{% endfor %}"
        "If you'd like to talk about related opportunities, just reply." + _SIGN_EN + _FOOT_EN,
    ),
    ("greeting", "email", "en"): (
        "Default · Greeting",
        "{{ candidate.first_name }}, it's been a while",
        "Hi {{ candidate.first_name }},\n\n"
        "It's been a while, so I wanted to check in."
        "{% if candidate.company %} I hope things are going well at {{ candidate.company }}.{% endif %}\n\n"
        "If you're thinking about your next step, or would simply like to talk about what's changing in your "
        "field, reply any time. I'm happy to help." + _SIGN_EN + _FOOT_EN,
    ),
    ("reconsent", "email", "en"): (
        "Default · Consent check",
        "Would you like to keep hearing from {{ tenant.name }}?",
        "Hi {{ candidate.first_name }},\n\n"
        "Your profile is in {{ tenant.name }}'s talent pool. We'd like to make sure you still want to hear "
        "about roles and news that match your background.\n\n"
        'To keep hearing from us, simply reply "yes".\n'
        "To stop, use this link and we won't contact you again: {{ links.unsubscribe }}"
        "{% if links.preferences %}\nTo change what you receive: {{ links.preferences }}{% endif %}"
        + _SIGN_EN,
    ),
    # ---- English, SMS
    ("general", "sms", "en"): (
        "Default · General",
        "",
        '{{ tenant.name }}: Hi {{ candidate.first_name }}, {{ recruiter.name|default:"a recruiter" }} here. '
        "I have a few opportunities to share, reply if you'd like to talk. Reply STOP to opt out.",
    ),
    ("job_recommendation", "sms", "en"): (
        "Default · Job recommendation",
        "",
        "{{ tenant.name }}: Hi {{ candidate.first_name }}, "
        "{% for role in roles %}{% if forloop.first %}{{ role.title|truncate:30 }} and other {% endif %}{% endfor %}"
        "open roles fit your background. Reply 1 if interested. Reply STOP to opt out.",
    ),
    ("content", "sms", "en"): (
        "Default · Industry content",
        "",
        "{{ tenant.name }}: Hi {{ candidate.first_name }}, picked for you: "
        "{% for item in content %}{% if forloop.first %}{{ item.title|truncate:40 }} {{ item.url }} {% endif %}"
        "{% empty %}news from your field, reply to hear more. {% endfor %}Reply STOP to opt out.",
    ),
    ("greeting", "sms", "en"): (
        "Default · Greeting",
        "",
        "{{ tenant.name }}: Hi {{ candidate.first_name }}, it's been a while! If you're thinking about a next step, "
        "reply any time. Reply STOP to opt out.",
    ),
    ("reconsent", "sms", "en"): (
        "Default · Consent check",
        "",
        "{{ tenant.name }}: Hi {{ candidate.first_name }}, would you like to keep receiving job news from us? "
        "Reply 1 to stay, STOP to opt out.",
    ),
}


def templates_seed() -> int:
    """Create the current tenant's default templates that are missing (matched by name, channel and language);
    returns how many were created. Safe to run twice, and concurrently (the unique constraint decides)."""
    tenant_id = require_tenant_id()
    existing = set(MessageTemplate.objects.values_list("name", "channel", "language"))
    now = timezone.now()
    missing = [
        MessageTemplate(
            tenant_id=tenant_id,
            name=name,
            channel=channel,
            language=language,
            purpose=purpose,
            subject=subject,
            body=body,
            created_at=now,
            updated_at=now,
        )
        for (purpose, channel, language), (name, subject, body) in DEFAULT_TEMPLATES.items()
        if (name, channel, language) not in existing
    ]
    if not missing:
        return 0
    created = MessageTemplate.objects.bulk_create(missing, ignore_conflicts=True)
    return len(created)


def default_template(purpose: str, channel: str, language: str) -> MessageTemplate:
    """The current tenant's default template for this purpose, channel and language, seeding the defaults on
    first use. A tenant may edit a default (it keeps its name); one deleted or renamed is seeded again.
    Raises ServiceError for a purpose, channel or language that has no default. Safe to run twice."""
    key = (str(purpose), str(channel), _language(language))
    if key not in DEFAULT_TEMPLATES:
        raise ServiceError(
            _("There is no default template for %(key)s.") % {"key": " / ".join(key)}, field="purpose"
        )
    name = DEFAULT_TEMPLATES[key][0]
    found = MessageTemplate.objects.filter(name=name, channel=key[1], language=key[2]).first()
    if found is None:
        templates_seed()
        found = MessageTemplate.objects.get(name=name, channel=key[1], language=key[2])
    return found


def _language(language: str) -> str:
    """Accept zh, zh-Hans, zh-CN, en-US …; the product's languages are zh-hans and en."""
    code = (language or "").lower()
    if code in LANGUAGES:
        return code
    if code.startswith("zh"):
        return "zh-hans"
    if code.startswith("en"):
        return "en"
    return code


# --- templates ---------------------------------------------------------------------------------------------------


def _check_template(values: dict) -> None:
    if not (values.get("name") or "").strip():
        raise ServiceError(_("Give the template a name."), field="name")
    if len(values["name"]) > 200:
        raise ServiceError(_("A name can be at most 200 characters long."), field="name")
    if values.get("channel") not in TEMPLATE_CHANNELS:
        raise ServiceError(_("A template is for email or SMS."), field="channel")
    if values.get("language") not in LANGUAGES:
        raise ServiceError(_("Choose Chinese or English."), field="language")
    if values.get("purpose") not in MessagePurpose.values:
        raise ServiceError(_("Unknown purpose."), field="purpose")
    subject, body = values.get("subject") or "", values.get("body") or ""
    if values["channel"] == Channel.EMAIL and not subject.strip():
        raise ServiceError(_("An email needs a subject."), field="subject")
    if len(subject) > 300:
        raise ServiceError(_("A subject can be at most 300 characters long."), field="subject")
    if not body.strip():
        raise ServiceError(_("Write the message."), field="body")
    for name, text in (("subject", subject), ("body", body)):
        try:
            rendering.validate(text)
        except rendering.TemplateError as exc:
            raise ServiceError(str(exc), field=name) from exc


def _save_template(template: MessageTemplate, values: dict) -> MessageTemplate:
    if values["channel"] == Channel.SMS:
        values["subject"] = ""  # an SMS has no subject: nothing to keep in step
    for name in TEMPLATE_FIELDS:
        setattr(template, name, values[name])
    template.updated_at = timezone.now()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ServiceError(
            _("A template with this name, channel and language exists already."),
            field="name",
            code="duplicate",
        ) from None
    return template


def template_create(
    *,
    name: str,
    body: str,
    channel: str = Channel.EMAIL,
    language: str = "zh-hans",
    purpose: str = MessagePurpose.GENERAL,
    subject: str = "",
    actor=None,
) -> MessageTemplate:
    """A new template in the current tenant. Raises ServiceError naming the field: an unknown placeholder or a
    forbidden construct in ``subject`` or ``body`` (the message names it), a name
    already used for this channel and language (``duplicate``). Not idempotent: a second call is a duplicate."""
    values = {
        "name": (name or "").strip(),
        "channel": channel,
        "language": _language(language),
        "purpose": purpose,
        "subject": subject or "",
        "body": body or "",
    }
    _check_template(values)
    return _save_template(MessageTemplate(created_by=actor), values)


def template_update(template: MessageTemplate, *, actor=None, **changes) -> MessageTemplate:
    """Change some of name, channel, language, purpose, subject, body; validated as a whole like a new one.
    Raises ServiceError naming the field. Safe to run twice."""
    unknown = set(changes) - set(TEMPLATE_FIELDS)
    if unknown:
        raise ServiceError(
            _("Unknown field: %(name)s") % {"name": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    values = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    values.update({name: value if value is not None else "" for name, value in changes.items()})
    values["name"] = (values["name"] or "").strip()
    values["language"] = _language(values["language"])
    _check_template(values)
    return _save_template(template, values)


def template_delete(template: MessageTemplate) -> None:
    """Delete a template. Raises ServiceError (``in_use``) while a campaign step uses it; engine rules that
    used it fall back to the default. Deleting a default seeds it again on its next use."""
    try:
        with transaction.atomic():
            template.delete()
    except ProtectedError:
        raise ServiceError(
            _("A campaign uses this template: change that campaign's steps first."),
            field="template",
            code="in_use",
        ) from None


def sms_length(text: str) -> tuple[int, int]:
    """(characters, segment size): 160 for the GSM alphabet, 70 once any other character (Chinese) is in it."""
    size = SMS_SEGMENT_GSM if all(char in _GSM_CHARACTERS for char in text) else SMS_SEGMENT_UCS2
    return len(text), size


def _sample_context(language: str) -> dict:
    """A typical candidate for estimating lengths when no real one is at hand."""
    from types import SimpleNamespace

    chinese = language.startswith("zh")
    person = SimpleNamespace(
        full_name="张伟" if chinese else "Alex Chen",
        current_title="生产经理" if chinese else "Production Manager",
        current_company="华东制造" if chinese else "Acme Manufacturing",
        location="上海" if chinese else "Shanghai",
        tenant_id=None,
    )
    return rendering.candidate_context(
        person,
        recruiter={"name": "李招聘" if chinese else "Lee", "email": "recruiter@example.com"},
        tenant=SimpleNamespace(name="人才库" if chinese else "Talent Pool"),
        roles=[
            {
                "title": "精益生产经理" if chinese else "Lean Manufacturing Manager",
                "location": "苏州" if chinese else "Suzhou",
                "match": 86,
                "url": "",
            }
        ],
        content=[
            {
                "title": "精益生产落地案例" if chinese else "Lean production in practice",
                "summary": "",
                "url": "https://example.com/a",
            }
        ],
        links=PREVIEW_LINKS,
    )


def template_warnings(
    *, channel: str, body: str, language: str = "zh-hans", context: dict | None = None
) -> list[str]:
    """Advice that does not stop a save: an SMS longer than one segment (70 characters with Chinese, 160 in the
    GSM alphabet) is sent, and charged, as several. Measured on the text rendered for ``context`` or, without
    one, for a typical candidate. Returns [] for a template the sandbox refuses (its error says more)."""
    if channel != Channel.SMS:
        return []
    try:
        text = rendering.render(body, context or _sample_context(_language(language)))
    except rendering.TemplateError:
        return []
    length, size = sms_length(text)
    if length <= size:
        return []
    parts = -(-length // (size - (3 if size == SMS_SEGMENT_UCS2 else 7)))  # concatenated parts carry a header
    return [
        _(
            "This SMS is about %(length)s characters: over %(size)s it is sent, and charged, as %(parts)s "
            "messages."
        )
        % {"length": length, "size": size, "parts": parts}
    ]


def _preview_roles(candidate) -> list[dict]:
    """The open roles that fit this candidate, if the roles selector is installed; their locations added."""
    try:
        from engagement.selectors.roles import roles_for_candidate
    except ImportError:  # the interactions area ships it; until then a preview lists no roles
        return []
    from profiles.models import RoleProfile

    fits = roles_for_candidate(candidate, limit=3)
    places = dict(
        RoleProfile.objects.filter(pk__in=[fit["id"] for fit in fits]).values_list("id", "location")
    )
    return [
        {"title": fit["title"], "location": places.get(fit["id"], ""), "match": fit.get("score"), "url": ""}
        for fit in fits
    ]


def template_preview(template_or_text, *, candidate, recruiter=None, language: str | None = None) -> dict:
    """The message as ``candidate`` would get it: ``{"subject", "text", "html", "links", "warnings"}``.

    ``template_or_text`` is a MessageTemplate, a mapping with ``subject`` and ``body`` (and optionally
    ``channel``, ``language``), or a body as text. The candidate's fitting open roles and the content chosen
    for their tags fill ``roles`` and ``content``; links are examples. Raises ServiceError naming ``subject``
    or ``body`` for a template the sandbox refuses. Reads only."""
    from ..selectors.templates import content_for_candidate

    if isinstance(template_or_text, MessageTemplate):
        subject, body = template_or_text.subject, template_or_text.body
        channel, template_language = template_or_text.channel, template_or_text.language
    elif isinstance(template_or_text, Mapping):
        subject, body = template_or_text.get("subject") or "", template_or_text.get("body") or ""
        channel = template_or_text.get("channel") or Channel.EMAIL
        template_language = template_or_text.get("language") or language or "zh-hans"
    else:
        subject, body, channel, template_language = "", str(template_or_text or ""), Channel.EMAIL, language
    template_language = _language(language or template_language or "zh-hans")
    for name, text in (("subject", subject), ("body", body)):
        try:
            rendering.validate(text)
        except rendering.TemplateError as exc:
            raise ServiceError(str(exc), field=name) from exc
    context = rendering.candidate_context(
        candidate,
        recruiter=recruiter,
        roles=_preview_roles(candidate),
        content=content_for_candidate(candidate, language=template_language),
        links=PREVIEW_LINKS,
    )
    message = rendering.render_message(subject if channel == Channel.EMAIL else "", body, context)
    message["warnings"] = template_warnings(
        channel=channel, body=body, language=template_language, context=context
    )
    return message


# --- the content library -------------------------------------------------------------------------------------

_URLS = URLValidator(schemes=["http", "https"])


def _check_content(values: dict) -> None:
    from candidates.models import Tag

    title = (values.get("title") or "").strip()
    if not title:
        raise ServiceError(_("Give the item a title."), field="title")
    if len(title) > 300:
        raise ServiceError(_("A title can be at most 300 characters long."), field="title")
    values["title"] = title
    url = (values.get("url") or "").strip()
    try:
        if len(url) > 1000:
            raise ValidationError("too long")
        _URLS(url)
    except ValidationError:
        raise ServiceError(_("Give a link that starts with http:// or https://."), field="url") from None
    values["url"] = url
    if values.get("kind") not in ContentKind.values:
        raise ServiceError(_("Unknown kind."), field="kind")
    if values.get("language") not in LANGUAGES:
        raise ServiceError(_("Choose Chinese or English."), field="language")
    valid_until = values.get("valid_until")
    if valid_until is not None and not isinstance(valid_until, date):
        raise ServiceError(_("Give a date."), field="valid_until")
    try:
        ids = sorted({int(value) for value in values.get("tag_ids") or ()})
    except (TypeError, ValueError):
        raise ServiceError(_("Tags are tag ids."), field="tag_ids") from None
    # The tenant's manager sees only its own tags: another tenant's id is as unknown as one that never existed.
    known = set(Tag.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [value for value in ids if value not in known]
    if missing:
        raise ServiceError(_("Unknown tag: %(id)s") % {"id": missing[0]}, field="tag_ids", code="unknown_tag")
    values["tag_ids"] = ids
    values["summary"] = values.get("summary") or ""


def content_create(
    *,
    title: str,
    url: str,
    summary: str = "",
    kind: str = ContentKind.ARTICLE,
    language: str = "zh-hans",
    tag_ids: Iterable[int] = (),
    valid_until: date | None = None,
    actor=None,
) -> ContentItem:
    """A new item of the current tenant's content library. Raises ServiceError naming the field: a link that is
    not http(s), a tag id that is not the tenant's (``unknown_tag``), a missing title. Not idempotent."""
    values = {
        "title": title,
        "url": url,
        "summary": summary,
        "kind": kind,
        "language": _language(language),
        "tag_ids": list(tag_ids or ()),
        "valid_until": valid_until,
    }
    _check_content(values)
    return ContentItem.objects.create(created_by=actor, **values)


def content_update(item: ContentItem, *, actor=None, **changes) -> ContentItem:
    """Change some of kind, title, summary, url, tag_ids, language, valid_until; checked like a new item.
    Raises ServiceError naming the field. Safe to run twice."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ServiceError(
            _("Unknown field: %(name)s") % {"name": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    values = {name: getattr(item, name) for name in CONTENT_FIELDS}
    values.update(changes)
    values["language"] = _language(values["language"])
    _check_content(values)
    for name in CONTENT_FIELDS:
        setattr(item, name, values[name])
    item.save(update_fields=list(CONTENT_FIELDS))
    return item


def content_delete(item: ContentItem) -> None:
    """Delete an item of the library; messages already sent keep their copy of it. Safe to run twice."""
    ContentItem.objects.filter(pk=item.pk).delete()
