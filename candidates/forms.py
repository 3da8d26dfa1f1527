"""Forms of the pool's dashboard pages. They validate and clean; the views call the services to write."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentpool.api import bounds
from talentpool.web import id_param

from .models import ActivityTier, CandidateStatus, EducationLevel, SalaryPeriod, TagCategory
from .services import normalize_email, normalize_phone

SPLIT = re.compile(r"[\n,;，；、]+")


def split_list(value: str) -> list[str]:
    """The non-empty parts of ``value`` separated by new lines, commas or semicolons (ASCII or Chinese)."""
    return [part.strip() for part in SPLIT.split(value or "") if part.strip()]


class IdListField(forms.Field):
    """A list of positive integer ids from repeated parameters (``?tags_all=1&tags_all=2``) or one
    comma-separated value (``?tags_all=1,2``). Anything that is not an id is ignored."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_items: int = bounds.IDS, **kwargs):
        super().__init__(**kwargs)
        self.max_items = max_items
        self.validators.append(bounds.MaxItems(max_items))

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        ids: dict[int, None] = {}  # ordered, and O(1) to test (a list was quadratic in a long query string)
        for item in values:
            for part in str(item).split(","):
                part = part.strip()
                number = id_param(part, high=2**31 - 1)
                if number:
                    ids[number] = None
                if len(ids) > self.max_items:
                    return list(ids)  # over the bound already: the validator refuses it
        return list(ids)


# ---------------------------------------------------------------------------------------------------- pool


class PoolFilterForm(forms.Form):
    q = forms.CharField(label=_("Search candidates"), required=False, max_length=200)
    tier = forms.ChoiceField(
        label=_("Activity tier"),
        required=False,
        choices=[("", _("All activity tiers")), *ActivityTier.choices],
    )
    tags_all = IdListField(required=False, max_items=bounds.TAGS)
    tags_any = IdListField(required=False, max_items=bounds.TAGS)
    tags_none = IdListField(required=False, max_items=bounds.TAGS)
    years_min = forms.DecimalField(
        label=_("Years from"), required=False, min_value=0, max_value=70, decimal_places=1, max_digits=4
    )
    years_max = forms.DecimalField(
        label=_("Years to"), required=False, min_value=0, max_value=70, decimal_places=1, max_digits=4
    )
    education = forms.ChoiceField(
        label=_("Minimum education"),
        required=False,
        choices=[
            ("", _("Any education")),
            *[(value, label) for value, label in EducationLevel.choices if value != EducationLevel.OTHER],
        ],
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=120)
    source = forms.CharField(label=_("Source"), required=False, max_length=40)

    def clean(self):
        data = super().clean()
        low, high = data.get("years_min"), data.get("years_max")
        if low is not None and high is not None and low > high:
            self.add_error("years_max", _("Must not be below the lower bound."))
        return data

    def params(self) -> dict:
        """The valid, non-empty filters as query parameters (JSON values): what a saved pool search keeps."""
        self.is_valid()
        params = {}
        for name, value in self.cleaned_data.items():
            if name in self.errors or value in (None, "", []):
                continue
            params[name] = value if isinstance(value, list) else str(value).strip()
        return params

    def filters(self) -> dict:
        """The valid filters as keyword arguments of ``selectors.candidate_list`` (invalid ones are dropped)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "tier": data.get("tier") or "",
            "tags_all": data.get("tags_all") or [],
            "tags_any": data.get("tags_any") or [],
            "tags_none": data.get("tags_none") or [],
            "years_min": data.get("years_min"),
            "years_max": data.get("years_max") if "years_max" not in self.errors else None,
            "education": data.get("education") or "",
            "location": (data.get("location") or "").strip(),
            "source": data.get("source") or "",
        }


class BulkActionForm(forms.Form):
    ADD_TAG, REMOVE_TAG, EXPORT = "add_tag", "remove_tag", "export"
    MAX_SELECTED = 1000

    action = forms.ChoiceField(choices=[(ADD_TAG, ADD_TAG), (REMOVE_TAG, REMOVE_TAG), (EXPORT, EXPORT)])
    ids = IdListField(required=False, max_items=MAX_SELECTED)
    tag = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if self.has_error("ids", code=bounds.MaxItems.code):
            raise forms.ValidationError(
                _("Select at most %(count)s candidates at a time.") % {"count": self.MAX_SELECTED}
            )
        if not data.get("ids"):
            raise forms.ValidationError(_("Select at least one candidate first."))
        if len(data["ids"]) > self.MAX_SELECTED:
            raise forms.ValidationError(
                _("Select at most %(count)s candidates at a time.") % {"count": self.MAX_SELECTED}
            )
        if data.get("action") in (self.ADD_TAG, self.REMOVE_TAG) and not data.get("tag"):
            raise forms.ValidationError(_("Choose a tag first."))
        return data


class TagPickForm(forms.Form):
    tag = forms.IntegerField(min_value=1)


# ------------------------------------------------------------------------------------------ the candidate

CURRENCIES = ["CNY", "HKD", "TWD", "USD", "EUR", "GBP", "SGD", "JPY", "AUD", "CAD"]
EDITABLE_STATUSES = [CandidateStatus.ACTIVE, CandidateStatus.HIRED, CandidateStatus.DO_NOT_CONTACT]


def plain_number(value):
    """Decimals as people write them: 25000 rather than 25000.00, 4.5 rather than 4.50."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


class CandidateForm(forms.Form):
    """The profile fields a person may edit, plus new emails and phones to add."""

    full_name = forms.CharField(label=_("Name"), max_length=200)
    current_title = forms.CharField(label=_("Current title"), max_length=200, required=False)
    current_company = forms.CharField(label=_("Current company"), max_length=200, required=False)
    location = forms.CharField(label=_("Location"), max_length=120, required=False)
    years_experience = forms.DecimalField(
        label=_("Years of experience"),
        required=False,
        min_value=0,
        max_value=70,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    highest_education = forms.ChoiceField(
        label=_("Highest education"), required=False, choices=[("", "—"), *EducationLevel.choices]
    )
    salary_min = forms.DecimalField(
        label=pgettext_lazy("salary", "From"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    salary_max = forms.DecimalField(
        label=pgettext_lazy("salary", "To"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    salary_currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *[(code, code) for code in CURRENCIES]]
    )
    salary_period = forms.ChoiceField(
        label=_("Per"), required=False, choices=[("", "—"), *SalaryPeriod.choices]
    )
    salary_months = forms.IntegerField(
        label=_("Months paid a year"),
        required=False,
        min_value=1,
        max_value=24,
        help_text=_("For example 13 or 14 when a year-end bonus is paid as salary."),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("candidate", "Status"), choices=[(s.value, s.label) for s in EDITABLE_STATUSES]
    )
    new_emails = forms.CharField(
        label=_("Add emails"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
        help_text=_("Separate several with commas."),
    )
    new_phones = forms.CharField(
        label=_("Add phones"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        help_text=_("Chinese mobile numbers may be written without +86."),
    )

    PROFILE_FIELDS = (
        "full_name",
        "current_title",
        "current_company",
        "location",
        "years_experience",
        "highest_education",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "salary_months",
        "status",
    )

    def __init__(self, *args, candidate=None, **kwargs):
        if candidate is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: plain_number(getattr(candidate, name)) for name in self.PROFILE_FIELDS}
        super().__init__(*args, **kwargs)
        if candidate is not None:
            # A value outside the usual choices (set by an import or an integration) stays selectable.
            for name in ("salary_currency", "status"):
                value = getattr(candidate, name)
                field = self.fields[name]
                if value and value not in dict(field.choices):
                    label = candidate.get_status_display() if name == "status" else value
                    field.choices = [*field.choices, (value, label)]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("A candidate needs a name."))
        return name

    def clean_new_emails(self):
        emails, invalid = [], []
        for part in split_list(self.cleaned_data["new_emails"]):
            email = normalize_email(part)
            (emails.append(email) if email else invalid.append(part))
        if invalid:
            raise forms.ValidationError(
                _("Not a valid email address: %(values)s") % {"values": ", ".join(invalid)}
            )
        return emails

    def clean_new_phones(self):
        phones, invalid = [], []
        for part in split_list(self.cleaned_data["new_phones"]):
            phone = normalize_phone(part)
            (phones.append(phone) if phone else invalid.append(part))
        if invalid:
            raise forms.ValidationError(
                _("Not a valid phone number: %(values)s") % {"values": ", ".join(invalid)}
            )
        return phones

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("Must not be below the lower bound."))
        return data

    def profile_values(self) -> dict:
        """The profile fields as ``candidate_set_fields`` takes them (blank text stays blank, numbers None)."""
        values = {}
        for name in self.PROFILE_FIELDS:
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                value = value.strip()
            values[name] = value
        return values


# --------------------------------------------------------------------------------------------------- tags


class TagForm(forms.Form):
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=TagCategory.choices)
    synonyms = forms.CharField(
        label=_("Synonyms"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Other ways resumes write it, one per line or separated by commas. New words re-tag the "
            "candidates whose resumes contain them, in the background."
        ),
    )

    def __init__(self, *args, tag=None, **kwargs):
        if tag is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name_zh": tag.name_zh,
                "name_en": tag.name_en,
                "category": tag.category,
                "synonyms": "\n".join(tag.synonyms),
            }
        super().__init__(*args, **kwargs)

    def clean_synonyms(self):
        return list(dict.fromkeys(split_list(self.cleaned_data["synonyms"])))

    def clean(self):
        data = super().clean()
        if not (data.get("name_zh") or "").strip() and not (data.get("name_en") or "").strip():
            self.add_error("name_zh", _("Give the tag a Chinese or an English name."))
        return data


class TagMergeForm(forms.Form):
    into = forms.IntegerField(min_value=1, error_messages={"required": _("Choose the tag to merge into.")})


# ------------------------------------------------------------------------------------------------ imports

IMPORT_TARGETS = [
    ("full_name", _("Name")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("current_title", _("Current title")),
    ("current_company", _("Current company")),
    ("location", _("Location")),
    ("years_experience", _("Years of experience")),
    ("highest_education", _("Highest education")),
    ("tags", _("Tags")),
    ("source", _("Source")),
    ("external_id", _("External id")),
    ("pooled_at", _("Date added to the pool")),
]
REPEATABLE_TARGETS = {"email", "phone", "tags"}  # several columns may feed these


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV or Excel (.xlsx) file whose first row names the columns."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,.xlsm,text/csv,application/vnd."
                "openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ImportMappingForm(forms.Form):
    """One choice per column of the file (a field of the candidate, or not imported), and an optional name
    to save the mapping under."""

    mapping_name = forms.CharField(
        label=_("Save this mapping as"),
        max_length=100,
        required=False,
        help_text=_("Saved mappings are offered for the next file."),
    )

    def __init__(
        self, *args, headers: list[str], samples: dict[str, list[str]], initial_mapping: dict, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header,
                required=False,
                initial=initial_mapping.get(header, ""),
                choices=[("", _("— Do not import —")), *IMPORT_TARGETS],
            )
            self.columns.append((header, name, samples.get(header, [])))

    def bound_columns(self):
        """(header, bound field, sample values) per column, for the mapping table."""
        return [(header, self[name], samples) for header, name, samples in self.columns]

    def clean(self):
        data = super().clean()
        mapping, used = {}, {}
        labels = dict(IMPORT_TARGETS)
        for header, name, _samples in self.columns:
            target = data.get(name) or ""
            if not target:
                continue
            if target in used and target not in REPEATABLE_TARGETS:
                self.add_error(
                    name,
                    _("“%(field)s” is mapped to the column “%(column)s” already.")
                    % {"field": labels[target], "column": used[target]},
                )
                continue
            used.setdefault(target, header)
            mapping[header] = target
        if not {"full_name", "email", "phone"} & set(mapping.values()):
            raise forms.ValidationError(
                _("Map at least one column to Name, Email or Phone: every candidate needs one of them.")
            )
        data["mapping"] = mapping
        return data
