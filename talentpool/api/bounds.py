"""Bounds on what a request may carry: text lengths, list sizes, date ranges and JSON sizes (issue 13).

One place for the limits, used by the API's serializers and the dashboard's forms alike, so a 10,000-item list,
a 50 MB note or a hire dated 9999-12-31 is a field-level 400 (or a form error) and never a stored row.
docs/api.md ("Limits on what a request carries") lists them; tests/security/test_bounds.py walks every serializer of the API and every
dashboard form and fails on a text field without ``max_length``, a list without a maximum size, a date without a
plausible range or a JSON field without a size limit, so a new unbounded field cannot slip in.

The validators are Django validators (``django.core.exceptions.ValidationError``): DRF runs them on serializer
fields and reports them under the field, forms show them next to it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# ----------------------------------------------------------------------------------------------- text sizes
NAME = 200  # a person's, a role's, a tag's name; titles, companies, places
SHORT_TEXT = 500  # a reason, a one-line note on a move
EMAIL = 254  # RFC 5321's limit on a path, Django's EmailField default
URL = 2000
NOTE = 10_000  # notes, comments, summaries, descriptions
MESSAGE_BODY = 100_000  # an email template's body
JD = 100_000  # a job description (profiles.suggest.MAX_JD_CHARS: longer is not a JD)
XML_METADATA = 1_000_000  # a SAML IdP's metadata document (federation metadata runs to hundreds of KB)
SECRET = 4096  # passwords, client secrets, tokens typed or pasted

# ------------------------------------------------------------------------------------------------ list sizes
CONTACTS = 20  # emails, phones or external ids of one person
TAGS = 200  # tags on one candidate or in one request
REQUIREMENTS = 100  # requirements of one role
IDS = 1000  # ids in one bulk request (shortlists, audiences, hiring managers …), unless a route says less
EVENTS = 50  # webhook event names of one endpoint
SCOPES = 10  # scopes of one API key
FILES = 500  # files in one upload (settings.DATA_UPLOAD_MAX_NUMBER_FILES)

# ------------------------------------------------------------------------------------------------ JSON sizes
JSON_SMALL = 16 * 1024  # a mapping, a filter set, a configuration, an interaction's metadata, one bulk row
JSON_LARGE = 256 * 1024  # a campaign's steps with their bodies, an audience

# ----------------------------------------------------------------------------------------------- date ranges
EARLIEST = date(1900, 1, 1)
FUTURE = timedelta(days=5 * 366)  # "today + 5 years": schedules, expiries, validity dates


def _day(value) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            try:
                return timezone.localtime(value).date()
            except (OverflowError, ValueError):  # 9999-12-31T23:00-12:00 is past the year 9999 here
                return value.date()
        return value.date()
    return value


@deconstructible
class PlausibleDate:
    """A date (or datetime) between ``earliest`` and today + ``future`` (``future`` may be zero or negative:
    "not after today"). Today is read at each call, so the range moves with the calendar."""

    message = _("Enter a date between %(earliest)s and %(latest)s.")
    code = "date_out_of_range"

    def __init__(self, earliest: date = EARLIEST, future: timedelta = FUTURE):
        self.earliest = earliest
        self.future = future

    def latest(self) -> date:
        return timezone.localdate() + self.future

    def __call__(self, value) -> None:
        if value is None:
            return
        latest = self.latest()
        if not self.earliest <= _day(value) <= latest:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"earliest": self.earliest.isoformat(), "latest": latest.isoformat()},
            )

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, PlausibleDate)
            and self.earliest == other.earliest
            and self.future == other.future
        )


@deconstructible
class MaxJsonSize:
    """A JSON value whose compact UTF-8 encoding is at most ``limit`` bytes."""

    message = _("Too large: at most %(limit)s bytes of JSON.")
    code = "too_large"

    def __init__(self, limit: int = JSON_SMALL):
        self.limit = limit

    def __call__(self, value) -> None:
        if value is None:
            return
        size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode())
        if size > self.limit:
            raise ValidationError(self.message, code=self.code, params={"limit": f"{self.limit:,}"})

    def __eq__(self, other) -> bool:
        return isinstance(other, MaxJsonSize) and self.limit == other.limit


@deconstructible
class MaxItems:
    """At most ``limit`` items (for fields without a ``max_length`` of their own: many-related fields, forms'
    multiple choices, id lists)."""

    message = _("Give at most %(limit)s items.")
    code = "too_many"

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value) -> None:
        if value is not None and len(value) > self.limit:
            raise ValidationError(self.message, code=self.code, params={"limit": self.limit})

    def __eq__(self, other) -> bool:
        return isinstance(other, MaxItems) and self.limit == other.limit


# ---------------------------------------------------------------------------------------- serializer fields


class BoundedCharField(serializers.CharField):
    """A CharField that cannot be declared without ``max_length``."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


class LongTextField(BoundedCharField):
    """A long text (a job description) refused over ``max_length`` with the code ``too_long`` for the whole
    request, as the services refuse it (``ServiceError``, answered 400 with the field named): a program tells a
    text too long from other invalid input by the code alone."""

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and len(data) > self.max_length:
            from talentpool.errors import ServiceError

            raise ServiceError(
                gettext("Too long: %(length)s characters, at most %(limit)s.")
                % {"length": f"{len(data):,}", "limit": f"{self.max_length:,}"},
                field=self.field_name,
                code="too_long",
            )
        return super().run_validation(data)


class BoundedEmailField(serializers.EmailField):
    def __init__(self, *, max_length: int = EMAIL, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


def bounded_list(child, *, max_length: int, **kwargs) -> serializers.ListField:
    """A ListField with a maximum size (DRF answers "Ensure this field has no more than N elements.")."""
    return serializers.ListField(child=child, max_length=max_length, **kwargs)


def json_field(*, limit: int = JSON_SMALL, **kwargs) -> serializers.JSONField:
    return serializers.JSONField(validators=[MaxJsonSize(limit), *kwargs.pop("validators", [])], **kwargs)


def dict_field(*, limit: int = JSON_SMALL, **kwargs) -> serializers.DictField:
    return serializers.DictField(validators=[MaxJsonSize(limit), *kwargs.pop("validators", [])], **kwargs)


def plausible_date(
    *, earliest: date = EARLIEST, future: timedelta = FUTURE, **kwargs
) -> serializers.DateField:
    """A DateField accepting only ``earliest`` … today + ``future``, with the range in the field's message."""
    return serializers.DateField(
        validators=[PlausibleDate(earliest, future), *kwargs.pop("validators", [])], **kwargs
    )


def plausible_datetime(
    *, earliest: date = EARLIEST, future: timedelta = FUTURE, **kwargs
) -> serializers.DateTimeField:
    return serializers.DateTimeField(
        validators=[PlausibleDate(earliest, future), *kwargs.pop("validators", [])], **kwargs
    )
