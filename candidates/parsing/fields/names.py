"""The candidate's name: from a label, or the first short line that looks like a person's name."""

from __future__ import annotations

import re

from ._common import fold, has_cjk, line_around, lines_of, lowered, positions_of
from .experience import _CN_TITLE, _EN_COMPANY_END, _EN_TITLE
from .places import CITIES
from .sections import header_key

# Common single-character surnames, simplified and traditional (about 99% of the population).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邰雍辜羊阿乌母裘亓"
    "修邴赖揭衣訾虎竺幸郦邱洪黃陳趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龐顏聶魯嚴龔錢湯溫喬莊鄺歐藍閻"
    "劉楊張許龍羅賴萬蔣餘鄔賀顧寧紀畢單塗駱饒陽時農繆簡車項連麥婁竇黨宮費衛應臧閔邊師欒榮鞏遲談鄢勞藺樓"
    "滿聞厲區闞權帥蓋練豐晉門雲扈闕烏裘酈"
)
_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "万俟",
    "澹台",
    "公冶",
    "太史",
    "申屠",
    "钟离",
    "闻人",
    "赫连",
    "拓跋",
    "司空",
    "第五",
    "歐陽",
    "司馬",
    "諸葛",
    "東方",
    "長孫",
    "軒轅",
    "獨孤",
    "南宮",
    "鍾離",
    "聞人",
}
# Words that look like names to the rules but are not: headings, fields, common words starting with a surname.
_NOT_NAMES = {
    "简历",
    "个人简历",
    "求职简历",
    "应聘简历",
    "简 历",
    "履历",
    "個人簡歷",
    "姓名",
    "性别",
    "年龄",
    "电话",
    "手机",
    "邮箱",
    "地址",
    "籍贯",
    "民族",
    "男",
    "女",
    "未婚",
    "已婚",
    "党员",
    "团员",
    "本科",
    "硕士",
    "博士",
    "大专",
    "高中",
    "中专",
    "应届",
    "应届生",
    "全职",
    "兼职",
    "实习",
    "面议",
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "重庆",
    "天津",
    "西安",
    "苏州",
    "长沙",
    "郑州",
    "青岛",
    "东莞",
    "宁波",
    "合肥",
    "福州",
    "厦门",
    "昆明",
    "济南",
    "石家庄",
    "沈阳",
    "长春",
    "南昌",
    "南宁",
    "贵阳",
    "太原",
    "兰州",
    "海口",
    "香港",
    "台湾",
    "澳门",
    "中国",
    "汉族",
    "安全",
    "金融",
    "方向",
    "高级",
    "白领",
    "文员",
    "程序员",
    "万元",
    "华为",
    "平安",
    "周末",
    "周一",
    "时间",
    "常用",
    "明天",
    "工作",
    "李白",
    "石油",
    "林业",
    "计算机",
    "马克思",
    "高中生",
    "全栈",
    "管理",
    "项目",
    "项目经理",
}
_NOT_NAME_WORDS = {
    # employers' words ("DHL Supply Chain", "TalentBridge Africa", "Apex Recruitment Partners"); the agencies'
    # own are with the letterhead's below
    "supply",
    "chain",
    "logistics",
    "services",
    "solutions",
    "consulting",
    "recruitment",
    "talent",
    "partners",
    "africa",
    "asia",
    "europe",
    "international",
    "global",
    "systems",
    "technologies",
    "bank",
    "hospital",
    "trust",
    "council",
    "ministry",
    "agency",
    "limited",
    # a job ad's headings and technologies, never a person's name ("Key Responsibilities", "Linux C")
    "responsibilities",
    "qualifications",
    "requirements",
    "description",
    "preferred",
    "key",
    "desk",
    "testing",
    "linux",
    "windows",
    "node",
    "js",
    "resume",
    "résumé",
    "curriculum",
    "vitae",
    "cv",
    "profile",
    "contact",
    "summary",
    "objective",
    "experience",
    "education",
    "skills",
    "personal",
    "information",
    "details",
    "page",
    "of",
    "the",
    "and",
    "for",
    "with",
    "street",
    "road",
    "avenue",
    "city",
    "university",
    "université",
    "università",
    "universidade",
    "universidad",
    "universität",
    "institut",
    "instituto",
    "istituto",
    "école",
    "escola",
    "escuela",
    "lycée",
    "liceo",
    "college",
    "school",
    "institute",
    "company",
    "inc",
    "ltd",
    "llc",
    "group",
    "phone",
    "email",
    "mobile",
    "address",
    "linkedin",
    "github",
    "www",
    "http",
    "https",
    "date",
    "birth",
    "nationality",
    "gender",
    "male",
    "female",
    "married",
    "single",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "full",
    "stack",
    "java",
    "python",
    "software",
    "web",
    "data",
    "senior",
    "junior",
    "professional",
    "technical",
    "work",
    "history",
    "hello",
    "dear",
    "sir",
    "madam",
    "references",
    "available",
    "upon",
    "request",
    "languages",
    "english",
    "chinese",
    "top",
    "about",
    "me",
    "my",
    "name",
    "is",
    "tel",
    "linked",
    "in",
    "telegram",
    "cell",
    "contacts",
    "fax",
    "residence",
    "skype",
    "wechat",
    "aviv",
    "new",
    "york",
    "san",
    "francisco",
    "london",
    # a recruiting agency's letterhead ("Pro IT Resource", "TalentBridge Recruitment") is not a person
    "resource",
    "resources",
    "recruiting",
    "recruiters",
    "staffing",
    "careers",
    "personnel",
    "workforce",
    "hr",
}
_PARTICLES = {
    "van",
    "der",
    "den",
    "de",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "della",
    "von",
    "bin",
    "binti",
    "al",
    "el",
    "y",
    "dos",
    "das",
    "ten",
    "ter",
    "zu",
    "st.",
    "mac",
    "mc",
}

# Matched against the lowercased text (an IGNORECASE alternation is many times slower).
_LABEL = re.compile(
    r"(?:姓\s*名|名\s*字|(?<![a-z])(?:full\s+name|name|candidate(?:\s+name)?))\s*[:：]\s*(.+)"
    r"|first\s+name\(s\)\s*/\s*surname\(s\)\s*[:：\t]\s*(.+)"  # Europass
)
# "Father's Name: …" (a relative's, in an Indian or Bangladeshi resume's details), "Company Name: …": not the
# candidate's
_RELATIVE = re.compile(
    r"(?:father|mother|husband|wife|spouse|guardian|parent|company|employer|organi[sz]ation|school|institution|"
    r"university|college|project|product|bank|account|user|file|course|referee|reference)s?['’]?s?\s*$"
)
_CJK_NAME = re.compile(r"^([\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·]){1,4})$")
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"  # Latin Extended-A mixes cases: the word's shape still decides
_LOWER = "a-zà-öø-ÿ\u0100-\u017f"
_LATIN_WORD = re.compile(
    rf"^(?:[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:[-'’][{_UPPER}]+)*|[A-Z]\.?|"
    rf"(?:O[’']?[A-Z][a-z]+|M[ac]c?[A-Z][a-z]+)(?:-[A-Z][a-z]+)*)$"
)
# "Dr. Nadia Haddad", "Prof. Li Wei": a title before the name is not part of it
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Eng|Engr)\.?\s+(?=[A-Z])")
# A name is a whole line or its first field before a strong separator (not a comma: "Starter Mail, …"
# starts a list of skills).
_FIRST_CHUNK = re.compile(r"\s{2,}|\t|\s*[|｜;；/]\s*|\s+-\s+|\s*·\s*")
_RESUME_SUFFIX = re.compile(
    r"(?:的)?(?:个人简历|求职简历|简历|履历|個人簡歷|簡歷)$|['’]s\s+(?:resume|cv)$|\s+(?:resume|cv)$",
    re.IGNORECASE,
)


def extract_name(text: str, max_lines: int = 12) -> str | None:
    """A labelled name ("姓名：张三", "Name: John Smith") anywhere in the first part of the text, else the
    first of the first ``max_lines`` non-empty lines whose first field is a Chinese name (2–4 characters
    starting with a known surname, or a compound surname + 1–2 characters) or 2–4 capitalised Latin
    words (particles such as "van der", "de la" and hyphens allowed). Never a header, "简历" or "Resume"."""
    folded = fold(text)
    low = lowered(text)
    spans = lines_of(text)
    head_end = spans[min(len(spans), 60) - 1][1]
    done = -1
    for position in positions_of(low[:head_end], _LABEL_KEYS):
        start, end = line_around(low, position)
        if start == done:
            continue
        done = start
        for match in _LABEL.finditer(low, start, end):
            if _RELATIVE.search(low[start : match.start()]):
                continue
            group = 1 if match.group(1) is not None else 2
            name = _name_from(folded[match.start(group) : end])
            if name:
                return _restore(name, text, folded, match.start(group), end)
    filled = [(start, end) for start, end in spans if folded[start:end].strip()]
    for position, (start, end) in enumerate(filled[:max_lines]):
        line = folded[start:end].strip()
        # a long line only when the name is its first field ("Liam Fraser | AZ Driver | Brampton, ON | …")
        too_long = len(line) > 60 and not _FIRST_CHUNK.search(line[:40])
        if too_long or header_key(line, folded=True) or _LABEL.search(low, start, end):
            continue
        name = _name_from(line) or _split_name(folded, filled, position)
        if name:
            return _restore(name, text, folded, start, filled[min(position + 1, len(filled) - 1)][1])
    return _name_after_sidebar(text, folded, filled, max_lines)


def _split_name(folded: str, filled: list[tuple[int, int]], position: int) -> str | None:
    """ "Sofia" / "Esposito": a name set large over two lines at the top of a designed resume."""
    if position > 2 or position + 1 >= len(filled):
        return None
    first = folded[slice(*filled[position])].strip()
    second = folded[slice(*filled[position + 1])].strip()
    if len(first.split()) != 1 or len(second.split()) != 1:
        return None
    return _latin_name(f"{first} {second}")


def _name_after_sidebar(text: str, folded: str, filled: list[tuple[int, int]], max_lines: int) -> str | None:
    """A sidebar read first puts the name below its contacts and skills ("CONTACT" / … / "PRIYA RAMAN" /
    "Growth & Brand Marketing Leader"): further down, before any experience section, a name line is taken
    when the line after it is a headline with a title word and no date."""
    for position in range(max_lines, min(len(filled) - 1, 80)):
        start, end = filled[position]
        line = folded[start:end].strip()
        if len(line) > 60:
            continue
        # the cheap test first: most lines are not followed by a headline
        headline = folded[slice(*filled[position + 1])].strip()
        if len(headline) > 80 or not (_EN_TITLE.search(headline) or _CN_TITLE.search(headline)):
            if header_key(line, folded=True) in ("experience", "references"):
                return None
            continue
        key = header_key(line, folded=True)
        if key in ("experience", "references"):
            return None
        if key or re.search(r"(?:19|20)\d\d", headline):
            continue  # "Beeline Russia" / "October 2008  SQL Developer": a company above its dated role
        name = _name_from(line)
        if name:
            return _restore(name, text, folded, start, end)
    return None


_LABEL_KEYS = ("姓", "名", "name", "candidate")


# Characters that end words but not given names: sentence particles, administrative areas, "-性".
_NOT_NAME_ENDINGS = frozenset("吧啊呀呢吗嘛哦区县市省性")


def entity_name(entities, text: str) -> str | None:
    """The name the entity tagger found, when no line gave one ("张三，男，1985年出生"), if it could be a
    person's name by the line rules (a known surname, or 2–4 capitalised words) and, in Chinese, stands apart
    from the characters around it: the tagger, trained on resume sentences, also marks words of a job ad
    ("沟通能" of "沟通能力", "位描述" of "职位描述", "包括：", "Lam" of "Lambda")."""
    for entity in entities:
        value = entity.text.strip()
        if entity.label != "NAME" or not (_chinese_name(value) or _latin_name(value)):
            continue
        before, after = text[max(0, entity.start - 1) : entity.start], text[entity.end : entity.end + 1]
        if _CJK_NAME.match(value) and (has_cjk(before + after) or after in ("：", ":")):
            continue  # a word of a longer one, or a label ("包括：")
        return value
    return None


# "MARIA LOPEZ, RN", "Jane Doe, MBA, CPA": credentials after the name; "# Ana Souza", "**Ana Souza**": Markdown
_CREDENTIALS = re.compile(r"(?:\s*,\s*[A-Z][A-Za-z.]{1,5}){1,3}\s*$")
_MARKDOWN = re.compile(r"^#{1,6}\s+|^[*_]{1,2}|[*_]{1,2}$")


# "A N D R Z E J   N O W A K": a name set in spaced capitals, its words three spaces apart
_LETTER_SPACED = re.compile(r"^[^\W\d_](?: [^\W\d_])+(?:\s{2,}[^\W\d_](?: [^\W\d_])+)+$")


def _name_from(value: str) -> str | None:
    """The name at the start of a value or line, or None."""
    if _LETTER_SPACED.match(value.strip()):
        value = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", value.strip()))
    value = _HONORIFIC.sub("", _MARKDOWN.sub("", _RESUME_SUFFIX.sub("", value.strip())).strip())
    credentials = _CREDENTIALS.search(value)
    if credentials and all(c.strip(" .").isupper() for c in credentials.group().split(",")[1:]):
        value = value[: credentials.start()]
    first = _FIRST_CHUNK.split(value.strip(), maxsplit=1)[0].strip(" :：")
    if not first or "," in first or "，" in first:
        return None
    if re.search(r"[\u4e00-\u9fff]", first):
        cjk = re.match(r"^[\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·])*", first)
        if cjk and len(first) > len(cjk.group()) and not first[len(cjk.group()) :].strip().isascii():
            return None
        if cjk and cjk.group() != first:
            # "张三 Zhang San": keep the Chinese name; "张三男28岁" is not a name line
            if not re.match(r"^\s+[A-Za-z]", first[len(cjk.group()) :]):
                return None
        return _chinese_name(cjk.group() if cjk else first)
    return _latin_name(first)


def _chinese_name(value: str) -> str | None:
    compact = value.replace(" ", "")
    if not _CJK_NAME.match(value) or compact in _NOT_NAMES or not 2 <= len(compact) <= 4:
        return None
    if _CN_TITLE.search(compact) or re.search(r"[大学院公司简历]$", compact):
        return None
    if compact[-1] in _NOT_NAME_ENDINGS:
        return None  # "来吧", "南山区", "高性能": a particle, a district, a word in -性
    if compact[:2] in _COMPOUND_SURNAMES and len(compact) >= 3:
        return compact
    if compact[0] in _SURNAMES and len(compact) <= 3:
        return compact
    if compact[0] in _SURNAMES and len(compact) == 4 and compact[1] in _SURNAMES:
        return compact  # a double-barrelled 4-character name (张王丽华)
    if "·" in compact and len(compact) >= 3:
        return compact  # a transliterated name (阿依古丽·买买提)
    return None


def _latin_name(value: str) -> str | None:
    words = value.split()
    if not 2 <= len(words) <= 6:
        return None
    core = [w for w in words if w.lower() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or words[0].lower() in _PARTICLES and not words[0][0].isupper():
        return None
    for word in core:
        if not _LATIN_WORD.match(word) or word.lower().strip(".") in _NOT_NAME_WORDS:
            return None
    if _EN_TITLE.search(value) or _EN_COMPANY_END.search(value) or all(len(w.strip(".")) == 1 for w in core):
        return None
    if " ".join(words).lower() in CITIES:
        return None  # "São Paulo", "Kuala Lumpur": a city of a contact line
    return " ".join(words)


def _restore(name: str, text: str, folded: str, start: int, end: int) -> str:
    """The name as written in the original text (full-width letters kept), when it can be found."""
    position = folded.find(name, start, end)
    return text[position : position + len(name)] if position >= 0 else name
