"""Word lists the synthetic data is drawn from: names, places, jobs, employers, sources.

Each list is a tuple of ``(value, weight)`` pairs or a plain tuple of values; weights are relative, not
percentages. Values never contain a tab, newline or backslash, because rows are sent to PostgreSQL in COPY
text format without escaping (``check_copy_safe`` guards that at import time).

Emails use the reserved ``.example`` top-level domain (RFC 2606) so no generated address can ever be
delivered. Chinese mobile numbers have no reserved fictional range, so they are valid-looking numbers; a bench
tenant must never be given an SMS connector (docs/scaling.md says so too).
"""

from __future__ import annotations

# The tables below are data, laid out to be read as tables; the formatter would put one value per line.
# fmt: off
# Common single-character surnames with their pinyin, weighted roughly by frequency in mainland China.
SURNAMES = (
    ("王", "wang", 72), ("李", "li", 71), ("张", "zhang", 68), ("刘", "liu", 54), ("陈", "chen", 45),
    ("杨", "yang", 32), ("黄", "huang", 24), ("赵", "zhao", 21), ("吴", "wu", 20), ("周", "zhou", 19),
    ("徐", "xu", 15), ("孙", "sun", 14), ("马", "ma", 13), ("朱", "zhu", 13), ("胡", "hu", 12),
    ("郭", "guo", 11), ("何", "he", 10), ("高", "gao", 10), ("林", "lin", 10), ("罗", "luo", 9),
    ("郑", "zheng", 9), ("梁", "liang", 8), ("谢", "xie", 7), ("宋", "song", 7), ("唐", "tang", 7),
    ("许", "xu", 6), ("韩", "han", 6), ("冯", "feng", 6), ("邓", "deng", 6), ("曹", "cao", 6),
    ("彭", "peng", 5), ("曾", "zeng", 5), ("肖", "xiao", 5), ("田", "tian", 5), ("董", "dong", 5),
    ("袁", "yuan", 5), ("潘", "pan", 4), ("于", "yu", 4), ("蒋", "jiang", 4), ("蔡", "cai", 4),
    ("余", "yu", 4), ("杜", "du", 4), ("叶", "ye", 4), ("程", "cheng", 4), ("苏", "su", 4),
    ("魏", "wei", 4), ("吕", "lv", 4), ("丁", "ding", 4), ("任", "ren", 3), ("沈", "shen", 3),
    ("姚", "yao", 3), ("卢", "lu", 3), ("姜", "jiang", 3), ("崔", "cui", 3), ("钟", "zhong", 3),
    ("谭", "tan", 3), ("陆", "lu", 3), ("汪", "wang", 3), ("范", "fan", 3), ("金", "jin", 3),
    ("石", "shi", 3), ("廖", "liao", 3), ("贾", "jia", 3), ("夏", "xia", 3), ("韦", "wei", 2),
    ("付", "fu", 2), ("方", "fang", 2), ("白", "bai", 2), ("邹", "zou", 2), ("孟", "meng", 2),
    ("熊", "xiong", 2), ("秦", "qin", 2), ("邱", "qiu", 2), ("江", "jiang", 2), ("尹", "yin", 2),
    ("薛", "xue", 2), ("闫", "yan", 2), ("段", "duan", 2), ("雷", "lei", 2), ("侯", "hou", 2),
    ("龙", "long", 2), ("史", "shi", 2), ("陶", "tao", 2), ("黎", "li", 2), ("贺", "he", 2),
    ("顾", "gu", 2), ("毛", "mao", 2), ("郝", "hao", 2), ("龚", "gong", 2), ("邵", "shao", 2),
    ("万", "wan", 2), ("钱", "qian", 2), ("严", "yan", 2), ("武", "wu", 2), ("戴", "dai", 2),
    ("莫", "mo", 1), ("孔", "kong", 1), ("向", "xiang", 1), ("汤", "tang", 1), ("常", "chang", 1),
)

# Two-character surnames: they make the three- and four-character names.
COMPOUND_SURNAMES = (
    ("欧阳", "ouyang", 5), ("司马", "sima", 2), ("上官", "shangguan", 2), ("诸葛", "zhuge", 1),
    ("东方", "dongfang", 1), ("皇甫", "huangfu", 1), ("令狐", "linghu", 1), ("慕容", "murong", 1),
)

# Characters common in given names, with pinyin (tone marks dropped, as in email addresses).
GIVEN_NAME_CHARACTERS = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("玉", "yu"),
    ("文", "wen"), ("辉", "hui"), ("建", "jian"), ("国", "guo"), ("鹏", "peng"), ("飞", "fei"),
    ("宇", "yu"), ("浩", "hao"), ("然", "ran"), ("子", "zi"), ("涵", "han"), ("梓", "zi"),
    ("轩", "xuan"), ("欣", "xin"), ("怡", "yi"), ("晨", "chen"), ("雨", "yu"), ("思", "si"),
    ("佳", "jia"), ("琪", "qi"), ("嘉", "jia"), ("俊", "jun"), ("博", "bo"), ("瑞", "rui"),
    ("凯", "kai"), ("昊", "hao"), ("天", "tian"), ("翔", "xiang"), ("鑫", "xin"), ("婷", "ting"),
    ("雪", "xue"), ("慧", "hui"), ("颖", "ying"), ("倩", "qian"), ("璐", "lu"), ("晶", "jing"),
    ("晓", "xiao"), ("燕", "yan"), ("红", "hong"), ("波", "bo"), ("斌", "bin"), ("宁", "ning"),
    ("海", "hai"), ("峰", "feng"), ("亮", "liang"), ("志", "zhi"), ("成", "cheng"), ("东", "dong"),
    ("林", "lin"), ("源", "yuan"), ("一", "yi"), ("诗", "shi"), ("泽", "ze"), ("铭", "ming"),
    ("航", "hang"), ("哲", "zhe"), ("彤", "tong"), ("瑶", "yao"), ("萱", "xuan"), ("雅", "ya"),
    ("淑", "shu"), ("兰", "lan"), ("春", "chun"), ("云", "yun"), ("丹", "dan"), ("洁", "jie"),
    ("楠", "nan"), ("阳", "yang"), ("帆", "fan"), ("健", "jian"), ("新", "xin"), ("永", "yong"),
    ("德", "de"), ("立", "li"), ("家", "jia"), ("毅", "yi"), ("萌", "meng"), ("蕾", "lei"),
    ("薇", "wei"), ("悦", "yue"), ("星", "xing"), ("晗", "han"), ("可", "ke"), ("乐", "le"),
    ("安", "an"), ("若", "ruo"), ("清", "qing"), ("振", "zhen"), ("学", "xue"), ("梦", "meng"),
)

ENGLISH_FIRST_NAMES = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
    "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Betty", "Steven", "Sandra", "Paul", "Ashley",
    "Andrew", "Emily", "Joshua", "Michelle", "Kevin", "Amanda", "Brian", "Melissa", "George", "Rebecca",
    "Edward", "Laura", "Jason", "Amy", "Eric", "Angela", "Peter", "Helen", "Frank", "Grace",
    "Oliver", "Sophia", "Lucas", "Chloe", "Ethan", "Olivia", "Henry", "Emma", "Leo", "Hannah",
    "Jack", "Lily", "Ryan", "Zoe", "Alex", "Ivy", "Tony", "Cindy", "Vincent", "Irene",
)

ENGLISH_LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
    "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
    "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy",
    "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Kelly", "Howard", "Ward",
    "Müller", "Schmidt", "Dubois", "Rossi", "Tanaka", "Suzuki", "Kim", "Park", "Singh", "Nguyen",
)

# Personal mailbox providers, on the reserved .example TLD so nothing generated is ever deliverable.
EMAIL_DOMAINS = (
    ("qq.example", 30), ("163.example", 22), ("126.example", 8), ("gmail.example", 14),
    ("outlook.example", 8), ("foxmail.example", 5), ("sina.example", 3), ("hotmail.example", 4),
    ("yahoo.example", 2), ("icloud.example", 4),
)

# Mainland mobile prefixes (first three digits of the 11-digit number).
CN_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
)

CN_CITIES = (
    ("北京", "Beijing", 15), ("上海", "Shanghai", 15), ("深圳", "Shenzhen", 12), ("杭州", "Hangzhou", 8),
    ("广州", "Guangzhou", 8), ("成都", "Chengdu", 6), ("南京", "Nanjing", 5), ("武汉", "Wuhan", 5),
    ("西安", "Xi'an", 4), ("苏州", "Suzhou", 4), ("重庆", "Chongqing", 3), ("天津", "Tianjin", 3),
    ("长沙", "Changsha", 3), ("厦门", "Xiamen", 2), ("合肥", "Hefei", 2), ("郑州", "Zhengzhou", 2),
    ("青岛", "Qingdao", 2), ("大连", "Dalian", 1), ("济南", "Jinan", 1), ("珠海", "Zhuhai", 1),
    ("东莞", "Dongguan", 1), ("宁波", "Ningbo", 1), ("无锡", "Wuxi", 1), ("福州", "Fuzhou", 1),
    ("沈阳", "Shenyang", 1), ("昆明", "Kunming", 1),
)

INTERNATIONAL_CITIES = (
    ("Hong Kong", 8), ("Singapore", 8), ("London", 4), ("San Francisco", 3), ("New York", 3),
    ("Seattle", 2), ("Tokyo", 3), ("Sydney", 2), ("Toronto", 2), ("Berlin", 1), ("Munich", 1),
    ("Dubai", 1), ("Kuala Lumpur", 2), ("Taipei", 2), ("Seoul", 1),
)

CN_TITLES = (
    "Java开发工程师", "高级Java开发工程师", "前端开发工程师", "后端开发工程师", "Python开发工程师",
    "算法工程师", "数据分析师", "数据工程师", "测试工程师", "运维工程师", "产品经理", "高级产品经理",
    "UI设计师", "交互设计师", "技术经理", "架构师", "项目经理", "销售经理", "大客户经理", "市场专员",
    "运营专员", "新媒体运营", "财务经理", "会计", "人力资源专员", "HRBP", "招聘经理", "法务专员",
    "供应链经理", "采购专员", "机械工程师", "电气工程师", "嵌入式工程师", "硬件工程师", "质量工程师",
    "客服主管", "行政专员", "研发总监", "首席技术官", "iOS开发工程师", "Android开发工程师", "Go开发工程师",
)

EN_TITLES = (
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Frontend Engineer",
    "Backend Engineer", "Data Scientist", "Data Engineer", "Machine Learning Engineer", "QA Engineer",
    "DevOps Engineer", "Site Reliability Engineer", "Product Manager", "Senior Product Manager",
    "UX Designer", "Engineering Manager", "Solutions Architect", "Project Manager", "Account Executive",
    "Sales Manager", "Marketing Manager", "Financial Analyst", "HR Business Partner", "Recruiter",
    "Operations Manager", "Supply Chain Analyst", "Mechanical Engineer", "Embedded Engineer", "CTO",
)

CN_COMPANIES = (
    "阿里巴巴", "腾讯", "字节跳动", "美团", "京东", "百度", "华为", "小米", "网易", "拼多多", "滴滴出行",
    "快手", "蚂蚁集团", "携程", "招商银行", "平安科技", "中兴通讯", "联想", "比亚迪", "宁德时代",
    "海尔", "格力电器", "顺丰科技", "贝壳找房", "哔哩哔哩", "米哈游", "大疆创新", "商汤科技", "科大讯飞",
    "用友网络", "金蝶软件", "中国移动", "中国银行", "工商银行", "上海汽车", "蔚来汽车", "理想汽车",
    "小红书", "得物", "知乎", "某初创公司",
)

EN_COMPANIES = (
    "Microsoft", "Google", "Amazon", "Apple", "Meta", "IBM", "Oracle", "SAP", "Siemens", "Bosch",
    "HSBC", "Standard Chartered", "Morgan Stanley", "Goldman Sachs", "Accenture", "Deloitte", "PwC",
    "McKinsey", "Intel", "NVIDIA", "AMD", "Cisco", "Salesforce", "Shopee", "Grab", "Sea Group",
    "Airbnb", "Uber", "Stripe", "Unilever", "Procter & Gamble", "L'Oréal", "Tesla", "Bytedance",
    "Alibaba Cloud", "Tencent Cloud", "Huawei Technologies", "Lenovo", "a stealth startup",
)

# Values of candidates.models.CandidateSource (the app's one source vocabulary), with their weights.
SOURCES = (
    ("upload", 30), ("import", 20), ("linkedin", 12), ("maimai", 10), ("referral", 8),
    ("job_board", 8), ("hris", 5), ("api", 4), ("manual", 3),
)

STATUSES = (("active", 900), ("hired", 60), ("do_not_contact", 30), ("anonymised", 10))

EDUCATION_LEVELS = (
    ("bachelor", 54), ("master", 22), ("associate", 15), ("secondary", 3), ("doctor", 3), ("other", 1), ("", 2),
)

# Tier of the activity score first, then a score inside the tier's band: keeps the tier shares stable.
ACTIVITY_TIER_SHARES = (("high", 10), ("mid", 25), ("low", 65))

ANONYMISED_NAME = "[anonymised]"

# fmt: on


def _all_strings():
    yield from (surname for surname, _pinyin, _weight in SURNAMES)
    yield from (pinyin for _surname, pinyin, _weight in SURNAMES)
    yield from (surname for surname, _pinyin, _weight in COMPOUND_SURNAMES)
    yield from (char for char, _pinyin in GIVEN_NAME_CHARACTERS)
    yield from (pinyin for _char, pinyin in GIVEN_NAME_CHARACTERS)
    yield from ENGLISH_FIRST_NAMES
    yield from ENGLISH_LAST_NAMES
    yield from (domain for domain, _weight in EMAIL_DOMAINS)
    yield from (name for city in CN_CITIES for name in city[:2])
    yield from (city for city, _weight in INTERNATIONAL_CITIES)
    yield from CN_TITLES + EN_TITLES + CN_COMPANIES + EN_COMPANIES
    yield from (source for source, _weight in SOURCES)


def check_copy_safe() -> None:
    """Raise ValueError if a word would need escaping in COPY text format. Safe to run any number of times."""
    for word in _all_strings():
        if any(char in word for char in "\t\n\r\\"):
            raise ValueError(f"vocabulary entry {word!r} needs COPY escaping")


check_copy_safe()
