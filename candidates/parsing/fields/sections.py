"""Resume sections: which lines are headers, and the spans of text under each."""

from __future__ import annotations

import re
from functools import lru_cache

from ._common import fold, lines_of

# Section key → header texts (compared after lowercasing and dropping decoration and spaces).
SECTION_HEADERS: dict[str, tuple[str, ...]] = {
    "basic_info": (
        "基本信息",
        "个人信息",
        "个人资料",
        "基本资料",
        "联系方式",
        "联系信息",
        "個人資料",
        "基本資料",
        "個人信息",
        "personal information",
        "personal info",
        "personal details",
        "personal data",
        "personal particulars",
        "contact",
        "contacts",
        "contact information",
        "contact info",
        "contact details",
        "basic information",
        "basic info",
    ),
    "objective": (
        "求职意向",
        "求职目标",
        "职业目标",
        "应聘职位",
        "应聘岗位",
        "期望工作",
        "求職意向",
        "objective",
        "career objective",
        "job objective",
        "career goal",
        "career goals",
        "desired position",
    ),
    "summary": (
        "个人简介",
        "个人概述",
        "个人总结",
        "职业概述",
        "个人优势",
        "简介",
        "概述",
        "个人概况",
        "職業概述",
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "personal profile",
        "about me",
        "about",
        "overview",
        "introduction",
        "highlights",
        "summary of qualifications",
    ),
    "skills": (
        "专业技能",
        "技能",
        "技能特长",
        "个人技能",
        "技术能力",
        "技能专长",
        "掌握技能",
        "it技能",
        "职业技能",
        "技术技能",
        "专业能力",
        "技能清单",
        "技术栈",
        "專業技能",
        "技能專長",
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "top skills",
        "skills & abilities",
        "skills and abilities",
        "core competencies",
        "competencies",
        "technologies",
        "tech stack",
        "technical expertise",
        "areas of expertise",
        "expertise",
        "skill set",
        "skillset",
        "skills summary",
        "it skills",
        "computer skills",
        "hard skills",
        "soft skills",
        "skill details",
        "tools",
        "tools & technologies",
    ),
    "experience": (
        "工作经历",
        "工作经验",
        "职业经历",
        "工作履历",
        "实习经历",
        "实习经验",
        "任职经历",
        "从业经历",
        "工作背景",
        "社会实践",
        "实践经历",
        "工作經歷",
        "工作經驗",
        "實習經歷",
        "work experience",
        "experience",
        "employment history",
        "professional experience",
        "work history",
        "professional history",
        "career history",
        "employment",
        "employment experience",
        "internship",
        "internships",
        "internship experience",
        "relevant experience",
        "working experience",
        "career",
        "company details",
        "professional background",
        "experience summary",
    ),
    "projects": (
        "项目经历",
        "项目经验",
        "项目",
        "主要项目",
        "项目背景",
        "项目介绍",
        "參與項目",
        "項目經驗",
        "項目經歷",
        "projects",
        "project",
        "project experience",
        "key projects",
        "selected projects",
        "personal projects",
        "project details",
        "project history",
        "academic projects",
    ),
    "education": (
        "教育背景",
        "教育经历",
        "学历",
        "学历背景",
        "教育",
        "教育情况",
        "学习经历",
        "教育經歷",
        "教育背景及培训",
        "education",
        "academic background",
        "educational background",
        "education background",
        "education & training",
        "education and training",
        "education & courses",
        "education and courses",
        "academic qualifications",
        "academic qualification",
        "qualifications",
        "educational qualifications",
        "academic history",
        "education details",
        "academics",
    ),
    "certificates": (
        "证书",
        "资格证书",
        "职业证书",
        "证书资质",
        "获得证书",
        "所获证书",
        "技能证书",
        "资质证书",
        "證書",
        "certificates",
        "certifications",
        "certification",
        "licenses & certifications",
        "licenses and certifications",
        "licenses",
        "licences",
        "licences & certifications",
        "licences and certifications",
        "certificates & awards",
        "professional qualifications",
        "professional certifications",
        "professional memberships",
        "memberships",
        "affiliations",
        "accreditations",
        "registrations",
        "professional registration",
        "tickets & licences",
    ),
    "languages": (
        "语言能力",
        "语言",
        "外语能力",
        "外语水平",
        "语言技能",
        "語言能力",
        "languages",
        "language skills",
        "language",
        "spoken languages",
        "language proficiency",
    ),
    "self_evaluation": (
        "自我评价",
        "自我评估",
        "个人评价",
        "自我描述",
        "自我介绍",
        "自我評價",
        "自我介紹",
        "self-evaluation",
        "self evaluation",
        "self assessment",
        "self-assessment",
        "personal statement",
    ),
    "awards": (
        "获奖情况",
        "荣誉奖项",
        "获奖经历",
        "所获荣誉",
        "奖励",
        "荣誉",
        "获奖",
        "奖项",
        "荣誉证书",
        "獲獎經歷",
        "awards",
        "honors",
        "honours",
        "honors & awards",
        "honors and awards",
        "awards & honors",
        "achievements",
        "accomplishments",
    ),
    "training": (
        "培训经历",
        "培训经验",
        "培训",
        "進修經歷",
        "training",
        "trainings",
        "courses",
        "coursework",
        "professional development",
        "continuing professional development",
        "cpd",
    ),
    "interests": ("兴趣爱好", "爱好", "兴趣", "興趣愛好", "interests", "hobbies", "hobbies & interests"),
    "other": (
        "其他",
        "其他信息",
        "附加信息",
        "补充信息",
        "additional information",
        "references",
        "publications",
        "activities",
        "extracurricular activities",
    ),
    # Roles held beside the jobs: never read for jobs, even after an experience section (a two-column layout's
    # side sections are, see fields/experience.py)
    "volunteering": (
        "志愿者经历",
        "志愿服务",
        "volunteer",
        "volunteer experience",
        "volunteering",
        "volunteer work",
        "voluntary work",
        "community involvement",
        "community service",
    ),
    "board": (
        "board positions",
        "board memberships",
        "board roles",
        "board appointments",
        "non-executive roles",
        "non-executive directorships",
        "directorships",
        "positions of responsibility",
    ),
}


def _normalise(header: str) -> str:
    return "".join(header.lower().split())


_HEADER_KEYS = {_normalise(h): key for key, headers in SECTION_HEADERS.items() for h in headers}
# Numbering and decoration around a header: "一、", "1.", "■", "【工作经历】", "== Education ==", "工作经历：".
_LEADING = re.compile(
    r"[\s#*·•●■◆◇▪□○◎►▶>\-=_~|【\[(<《]*(?:[一二三四五六七八九十]{1,2}[、.]|\d{1,2}[、.)]|[IVX]{1,4}\.)?\s*"
)
_TRAILING = " \t:：*·•●■◆◇▪□○◎◄◀<-=_~|】])>》"
_BILINGUAL = re.compile(r"^(.*?[\u4e00-\u9fff])\s*[/|·\-]?\s*([A-Za-z][A-Za-z &/\-]*)$")


def header_key(line: str, folded: bool = False) -> str | None:
    """The section key when the line is a section header, else None."""
    line = line.strip()
    if not line or len(line) > 60:
        return None
    line = line if folded else fold(line)
    key = _HEADER_KEYS.get(_normalise(line))
    if key:  # the common case, without decoration
        return key
    stripped = line[_LEADING.match(line).end() :].rstrip(_TRAILING)
    if not stripped or len(stripped) > 40:
        return None
    key = _HEADER_KEYS.get(_normalise(stripped))
    if key:
        return key
    bilingual = _BILINGUAL.match(stripped)  # "工作经历 Work Experience", "教育背景 | EDUCATION"
    if bilingual:
        return _HEADER_KEYS.get(_normalise(bilingual.group(1))) or _HEADER_KEYS.get(
            _normalise(bilingual.group(2))
        )
    return None


@lru_cache(maxsize=16)
def _segments(text: str) -> tuple[tuple[str, int, int], ...]:
    headers = []  # (key, header line start, content start)
    folded = fold(text)
    for start, end in lines_of(text):
        key = header_key(folded[start:end], folded=True) if end - start <= 60 else None
        if key:
            headers.append((key, start, min(end + 1, len(text))))
    segments = []
    if headers and headers[0][1] > 0 and text[: headers[0][1]].strip():
        segments.append(("top", 0, headers[0][1]))
    for i, (key, _line_start, content_start) in enumerate(headers):
        content_end = headers[i + 1][1] if i + 1 < len(headers) else len(text)
        segments.append((key, content_start, content_end))
    return tuple(segments)


def segment_sections(text: str) -> dict[str, list[tuple[int, int]]]:
    """Section key → list of (start, end) character spans of the text under each header of that kind.

    A header is a short line that, stripped of numbering and decoration ("一、", "■", "【】", a trailing
    colon), is one of :data:`SECTION_HEADERS` in Chinese or English (or both: "工作经历 Work Experience").
    A section runs to the next header. Text before the first header is under the key ``top``; a text
    without any header gives ``{}``. A line like "学历：本科" is a field, not a header.
    """
    sections: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in _segments(text):
        sections.setdefault(key, []).append((start, end))
    return sections


def section_text(text: str, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the given section kinds, in document order."""
    return sorted((start, end) for key, start, end in _segments(text) if key in keys)


def has_sections(text: str) -> bool:
    return any(key != "top" for key, _, _ in _segments(text))
