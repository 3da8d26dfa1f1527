"""An example configuration and record of this kind: the documentation's, the form's placeholder and the
local server's in the tests."""

CONFIGURATION = {
    "base_url": "https://feed.example.com/profiles",
    "auth": {"type": "api_key", "header": "X-Api-Key", "value": "secret-key"},
    "pagination": {"type": "cursor", "param": "cursor", "next_field": "next"},
    "items_field": "items",
    "mapping": {
        "external_id": "id",
        "full_name": "name",
        "email": "contact.email",
        "phone": "contact.phone",
        "country": "country",
        "location": "city",
        "title": "job.title",
        "company": "job.company",
        "headline": "headline",
        "skills": "skills",
        "updated_at": "updated",
        "positions": {
            "path": "history",
            "fields": {"company": "company", "title": "title", "start": "from", "end": "to"},
        },
    },
}

RECORD = {
    "id": "p-1",
    "name": "Lin Wei",
    "contact": {"email": "lin.wei@example.com", "phone": "13800138000"},
    "country": "CN",
    "city": "Shanghai",
    "job": {"title": "Data Engineer", "company": "Acme"},
    "headline": "Builds data platforms with Python and Spark",
    "skills": ["Python", "Spark"],
    "updated": "2026-11-01T08:00:00Z",
    "history": [{"company": "Acme", "title": "Data Engineer", "from": "2022-03", "to": None}],
}
