"""An example configuration and record of this kind (see rest_feed/sample.py)."""

CONFIGURATION = {
    "base_url": "https://open.maimai.example.cn/api/profiles",
    "auth": {"type": "bearer", "value": "secret-token"},
}

RECORD = {
    "id": "mm-2001",
    "姓名": "王芳",
    "公司": "字节跳动",
    "职位": "高级算法工程师",
    "手机": "13912345678",
    "邮箱": "wangfang@example.cn",
    "城市": "北京",
    "一句话介绍": "推荐系统与大模型应用",
    "工作经历": [
        {
            "公司": "字节跳动",
            "职位": "高级算法工程师",
            "开始时间": "2021-07",
            "结束时间": "",
            "描述": "负责推荐算法，从零到一搭建大模型应用",
        }
    ],
    "教育经历": [
        {
            "学校": "清华大学",
            "学历": "硕士",
            "专业": "计算机科学",
            "开始时间": "2016-09",
            "结束时间": "2019-06",
        }
    ],
    "技能标签": ["Python", "机器学习", "推荐系统"],
    "更新时间": "2026-11-20 10:30:00",
}
