"""A Maimai-style network (脉脉): 公司, 职位, 工作经历, 教育经历, 技能标签 and 更新时间, paged by ``page`` /
``page_size`` with the list under ``data.list`` and ``data.has_more``. Built on the REST feed with a fixed
mapping; numbers without a country code are read as Chinese."""

from __future__ import annotations

from ..rest_feed.connector import RestFeedConnector


class MaimaiConnector(RestFeedConnector):
    kind = "maimai"
    candidate_source = "maimai"
    default_items_field = "data.list"
    default_pagination = {
        "type": "page",
        "param": "page",
        "size_param": "page_size",
        "size": 100,
        "start": 1,
        "more_field": "data.has_more",
    }
    default_country = "CN"
    default_mapping = {
        "external_id": "id",
        "full_name": "姓名",
        "company": "公司",
        "title": "职位",
        "email": "邮箱",
        "phone": "手机",
        "location": "城市",
        "headline": "一句话介绍",
        "skills": "技能标签",
        "updated_at": "更新时间",
        "positions": {
            "path": "工作经历",
            "fields": {
                "company": "公司",
                "title": "职位",
                "start": "开始时间",
                "end": "结束时间",
                "description": "描述",
            },
        },
        "educations": {
            "path": "教育经历",
            "fields": {
                "school": "学校",
                "degree": "学历",
                "major": "专业",
                "start": "开始时间",
                "end": "结束时间",
            },
        },
    }

    @property
    def system(self) -> str:
        return "maimai"

    @property
    def can_search(self) -> bool:  # type: ignore[override]
        return True

    def search(self, query, *, limit: int):
        search = self.configuration.get("search") or {}
        url = search.get("url") or self.configuration["base_url"].rstrip("/") + "/search"
        extra = {search.get("query_param", "keyword"): query.text()}
        if query.location:
            extra[search.get("location_param", "city")] = query.location
        return self._search_records(url, extra, limit)
