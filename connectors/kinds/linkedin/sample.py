"""An example configuration and record of this kind (see rest_feed/sample.py)."""

CONFIGURATION = {
    "base_url": "https://api.linkedin.example.com/v2/people",
    "auth": {
        "type": "oauth2_client_credentials",
        "token_url": "https://api.linkedin.example.com/oauth/token",
        "client_id": "talentpool",
        "client_secret": "secret",
    },
}

RECORD = {
    "id": "li-1001",
    "firstName": "Grace",
    "lastName": "Chen",
    "headline": "Product lead, AI",
    "summary": "Led an AI product from zero to one.",
    "emailAddress": "grace.chen@example.com",
    "phoneNumbers": [{"number": "+1 415 555 0100", "type": "mobile"}],
    "location": {"name": "San Francisco Bay Area", "countryCode": "us"},
    "publicProfileUrl": "https://www.linkedin.example.com/in/gracechen",
    "positions": [
        {
            "companyName": "Hooli",
            "title": "Product Lead",
            "startDate": {"year": 2021, "month": 4},
            "isCurrent": True,
            "description": "Machine learning products",
        }
    ],
    "educations": [
        {
            "schoolName": "Stanford University",
            "degreeName": "Master",
            "fieldOfStudy": "Computer Science",
            "startDate": {"year": 2014},
            "endDate": {"year": 2016},
        }
    ],
    "skills": [{"name": "Product Management"}, {"name": "Python"}],
    "lastModified": 1793520000000,
}
