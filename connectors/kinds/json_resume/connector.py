"""A JSON Resume feed: an address that returns JSON Resume documents (one, a list, or a list under
``items_field``, optionally paged like the REST feed). Each document is applied like any profile and also kept
verbatim with the candidate, so export gives it back whole (candidates.services.json_resume)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from candidates.services.json_resume import json_resume_check, json_resume_fields
from candidates.services.profile import CandidateError

from ..base import Person, RecordError, dig, moment_of, text_of
from ..rest_feed.connector import RestFeedConnector

DEFAULT_ID_FIELDS = ("meta.id", "basics.email", "basics.url")


class JsonResumeConnector(RestFeedConnector):
    kind = "json_resume"
    default_mapping = {"external_id": "meta.id"}  # not used for reading: documents have their own shape

    @classmethod
    def clean_configuration(cls, configuration: dict) -> dict:
        configuration = super().clean_configuration(configuration)
        configuration.pop("mapping", None)
        return configuration

    def _external_id(self, record) -> str:
        paths = [self.configuration["id_field"]] if self.configuration.get("id_field") else DEFAULT_ID_FIELDS
        return next((text_of(dig(record, path)) for path in paths if text_of(dig(record, path))), "")

    def record_label(self, record, position: int) -> str:
        return (self._external_id(record) if isinstance(record, dict) else "") or str(position)

    def person(self, record) -> Person:
        try:
            document = json_resume_check(record)
        except CandidateError as exc:
            raise RecordError(str(exc)) from None
        external_id = self._external_id(document)
        if not external_id:
            raise RecordError(_("The resume has no id (meta.id, basics.email or basics.url)."))
        known = json_resume_fields(document)
        location = (document.get("basics") or {}).get("location") or {}
        work = [w for w in document.get("work") or [] if isinstance(w, dict)]
        return Person(
            external_id=external_id,
            full_name=known["full_name"],
            emails=known["emails"],
            phones=[*known["phones"], *known["phones_kept"]],
            country=text_of(location.get("countryCode") if isinstance(location, dict) else "")[:2].upper(),
            location=known["fields"]["location"],
            title=known["fields"]["current_title"],
            company=known["fields"]["current_company"],
            headline=text_of((document.get("basics") or {}).get("label"), 500),
            summary=text_of((document.get("basics") or {}).get("summary"), 5000),
            positions=[
                {**e, "description": text_of(w.get("summary"), 5000)}
                for e, w in zip(known["experiences"], work, strict=True)
            ],
            educations=known["educations"],
            skills=known["skill_words"],
            languages=known["language_words"],
            updated_at=moment_of(dig(document, "meta.lastModified")),
            document=document,
        )
