"""A JD in a language we do not read (Arabic, Russian, Japanese …) is refused with a clear 400 / form error, not
turned into an English profile of garbage (issue 13); English and Chinese are detected as before."""

from __future__ import annotations

import json

import pytest

from candidates.parsing.language import detect_language, is_supported
from profiles.models import RoleProfile
from profiles.suggest import JDError, suggest_from_jd
from talentpool.tenancy.context import tenant_context

ARABIC_JD = """مهندس برمجيات أول
المتطلبات:
- خبرة لا تقل عن خمس سنوات في تطوير البرمجيات باستخدام Python و Django
- شهادة بكالوريوس في علوم الحاسوب
- مهارات تواصل ممتازة والعمل ضمن فريق"""

RUSSIAN_JD = """Ведущий разработчик Python
Требования:
- опыт коммерческой разработки от 5 лет (Python, Django, PostgreSQL)
- высшее техническое образование
- умение работать в команде"""

JAPANESE_JD = """バックエンドエンジニア募集
必須条件：
・Pythonを用いたWebアプリケーション開発経験3年以上
・Djangoでの開発経験
・チームでの開発経験があること"""

ENGLISH_JD = """Senior Python Engineer
Requirements:
- 5+ years of experience with Python and Django
- Bachelor's degree in Computer Science"""

CHINESE_JD = """高级Python工程师
任职要求：
1. 本科及以上学历，计算机相关专业；
2. 三年以上Python开发经验，熟悉Django、PostgreSQL；
3. 良好的沟通能力和团队合作精神。"""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ARABIC_JD, "ar"),
        (RUSSIAN_JD, "ru"),
        (JAPANESE_JD, "ja"),
        ("ソフトウェアエンジニア", "ja"),  # kana only
        ("소프트웨어 엔지니어 채용: 파이썬 경력 3년 이상", "ko"),
        (ENGLISH_JD, "en"),
        (CHINESE_JD, "zh"),
        # Chinese with a foreign name written with "・" and a katakana company name stays Chinese.
        ("迈克尔・乔丹，高级后端开发工程师，曾任职于ソニー中国研究院，负责分布式系统的设计与实现。", "zh"),
        # English with an Arabic or Russian name or address stays English.
        ("John Smith, senior engineer at Acme. Ten years of Python. Address: ул. Ленина, Moscow.", "en"),
        ("Ahmed (أحمد) is a backend engineer with Python, Django and PostgreSQL experience.", "en"),
        ("", "en"),
    ],
    ids=lambda value: str(value)[:12],
)
def test_the_language_of_a_text_is_told_by_its_script(text, language):
    assert detect_language(text) == language
    assert is_supported(language) is (language in ("en", "zh", "mixed"))


@pytest.mark.parametrize("text", [ARABIC_JD, RUSSIAN_JD, JAPANESE_JD], ids=["arabic", "russian", "japanese"])
def test_the_suggester_refuses_a_jd_in_an_unsupported_language(text):
    with pytest.raises(JDError) as raised:
        suggest_from_jd(text)
    assert raised.value.code == "unsupported_language" and raised.value.field == "text"
    assert "only English and Chinese" in str(raised.value)


def test_english_and_chinese_jds_are_still_suggested():
    assert suggest_from_jd(ENGLISH_JD).language == "en"
    assert suggest_from_jd(CHINESE_JD).language == "zh"


@pytest.mark.parametrize("text", [ARABIC_JD, RUSSIAN_JD, JAPANESE_JD], ids=["arabic", "russian", "japanese"])
def test_the_api_answers_400_on_the_text_field_and_creates_no_role(tenant_a, recruiter_client, text):
    for url, body in (
        ("/api/v1/role-profiles/suggest/", {"text": text}),
        ("/api/v1/role-profiles/from-jd/", {"text": text, "title": "Engineer"}),
    ):
        response = recruiter_client.post(url, data=json.dumps(body), content_type="application/json")
        assert response.status_code == 400, response.content
        error = response.json()["error"]
        assert error["code"] == "unsupported_language" and "text" in error["fields"]
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.exists()


def test_the_role_editor_shows_a_field_error_in_the_readers_language(tenant_a, recruiter_client):
    response = recruiter_client.post(
        "/roles/new/",
        {"action": "suggest", "jd_text": ARABIC_JD, "headcount": 1},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "not in a supported language" in page and "field--invalid" in page
    response = recruiter_client.post(
        "/roles/new/",
        {"action": "suggest", "jd_text": RUSSIAN_JD, "headcount": 1},
        HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9",
    )
    assert "只支持英文和中文" in response.content.decode()
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.exists()
