"""A LinkedIn-style professional network: headline, positions, educations, skills and the last update time,
in the shape LinkedIn's member APIs return (``elements``, ``start``/``count`` paging, dates as
``{"year", "month"}``, times in epoch milliseconds). Built on the REST feed with a fixed mapping; the real
service is one configuration away (its base URL and OAuth2 client credentials)."""

from __future__ import annotations

from ..rest_feed.connector import RestFeedConnector


class LinkedInConnector(RestFeedConnector):
    kind = "linkedin"
    candidate_source = "linkedin"
    default_items_field = "elements"
    default_pagination = {
        "type": "offset",
        "param": "start",
        "size_param": "count",
        "size": 100,
        "total_field": "paging.total",
    }
    default_mapping = {
        "external_id": "id",
        "first_name": "firstName",
        "last_name": "lastName",
        "headline": "headline",
        "summary": "summary",
        "email": "emailAddress",
        "phones": "phoneNumbers[].number",
        "location": "location.name",
        "country": "location.countryCode",
        "url": "publicProfileUrl",
        "skills": "skills[].name",
        "languages": "languages[].name",
        "updated_at": "lastModified",
        "positions": {
            "path": "positions",
            "fields": {
                "company": "companyName",
                "title": "title",
                "start": "startDate",
                "end": "endDate",
                "is_current": "isCurrent",
                "description": "description",
            },
        },
        "educations": {
            "path": "educations",
            "fields": {
                "school": "schoolName",
                "degree": "degreeName",
                "major": "fieldOfStudy",
                "start": "startDate",
                "end": "endDate",
            },
        },
    }

    @property
    def system(self) -> str:
        return "linkedin"  # a member id names one person whichever of the tenant's sources gave it

    @property
    def can_search(self) -> bool:  # type: ignore[override]
        return True

    def search(self, query, *, limit: int):
        search = self.configuration.get("search") or {}
        url = search.get("url") or self.configuration["base_url"].rstrip("/") + "/search"
        extra = {search.get("query_param", "keywords"): query.text()}
        if query.location:
            extra[search.get("location_param", "location")] = query.location
        return self._search_records(url, extra, limit)
