"""An example configuration and record of this kind (see rest_feed/sample.py)."""

CONFIGURATION = {"base_url": "https://people.example.com/resumes.json", "items_field": "resumes"}

RECORD = {
    "basics": {
        "name": "Richard Hendriks",
        "label": "Programmer",
        "email": "richard.hendriks@mail.com",
        "phone": "(912) 555-4321",
        "location": {"city": "San Francisco", "countryCode": "US"},
    },
    "work": [
        {
            "name": "Pied Piper",
            "position": "CEO/President",
            "startDate": "2013-12-01",
            "endDate": "2014-12-01",
        }
    ],
    "skills": [{"name": "Compression", "level": "Master", "keywords": ["Mpeg", "MP4"]}],
    "meta": {"id": "richard", "lastModified": "2017-12-24T15:53:00"},
}
