"""Forms of the roles, matching, pipeline and shortlist pages. They validate and clean; the views call the
services to write (the services check the rest: tags of this tenant, weights, hiring managers)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from candidates.forms import CURRENCIES, plain_number
from candidates.models import ActivityTier, EducationLevel, SalaryPeriod
from talentpool.web import id_param

from .models import ApplicationStage, Decision, ProfileStatus, RequirementGroup, RequirementSource
from .services import REJECTION_REASONS, reason_label  # noqa: F401 (reason_label: used by the views)
from .suggest import MAX_JD_CHARS

# The suggester's limit: longer is not a job description (a handbook pasted, a file's binary text).
JD_MAX_CHARS = MAX_JD_CHARS
WEIGHTS = [(n, str(n)) for n in range(1, 6)]
ROW_KEY = re.compile(r"^req-(\d{1,4})-tag$")

# The reasons a hiring manager can tick. The stored value is the English phrase, so the same reason counts
# once in the feedback whatever language each manager uses; it is shown translated.
REASONS = REJECTION_REASONS


# ---------------------------------------------------------------------------------------------- the role


class RoleForm(forms.Form):
    """The role's fields in the editor (new and edit). Requirements are rows of their own (``requirement_rows``)."""

    title = forms.CharField(
        label=_("Role title"),
        max_length=200,
        required=False,
        help_text=_("Left empty, “Suggest” fills it in from the job description."),
    )
    jd_text = forms.CharField(
        label=_("Job description"),
        required=False,
        max_length=JD_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    department = forms.CharField(label=_("Department"), max_length=120, required=False)
    location = forms.CharField(label=_("Location"), max_length=120, required=False)
    headcount = forms.IntegerField(label=_("Headcount"), min_value=1, max_value=10000, initial=1)
    min_years = forms.DecimalField(
        label=_("Minimum years of experience"),
        required=False,
        min_value=0,
        max_value=60,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    education = forms.ChoiceField(
        label=_("Minimum education"),
        required=False,
        choices=[("", _("Any education")), *EducationLevel.choices],
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
        label=_("Months paid a year"), required=False, min_value=1, max_value=24
    )
    hiring_managers = forms.MultipleChoiceField(
        label=_("Hiring managers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They review this role's shortlists."),
    )
    status = forms.ChoiceField(label=pgettext_lazy("role", "Status"), choices=ProfileStatus.choices)

    PROFILE_FIELDS = (
        "title",
        "jd_text",
        "department",
        "location",
        "headcount",
        "min_years",
        "education",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "salary_months",
    )

    def __init__(self, *args, members=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hiring_managers"].choices = [
            (str(m.user_id), f"{m.user} · {m.get_role_display()}") for m in members
        ]
        if not editing:
            del self.fields["status"]
        # A currency set by the API outside the usual list stays selectable.
        currency = self.initial.get("salary_currency") or (
            self.data.get("salary_currency") if self.is_bound else ""
        )
        if currency and currency not in dict(self.fields["salary_currency"].choices):
            self.fields["salary_currency"].choices = [
                *self.fields["salary_currency"].choices,
                (currency, currency),
            ]

    @classmethod
    def initial_for(cls, profile, hiring_manager_ids) -> dict:
        values = {name: plain_number(getattr(profile, name)) for name in cls.PROFILE_FIELDS}
        values["status"] = profile.status
        values["hiring_managers"] = [str(pk) for pk in hiring_manager_ids]
        return values

    def profile_values(self) -> dict:
        """The cleaned fields as keyword arguments of ``profile_create`` / ``profile_update``."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in self.PROFILE_FIELDS}
        for name in (
            "title",
            "jd_text",
            "department",
            "location",
            "education",
            "salary_currency",
            "salary_period",
        ):
            values[name] = (values[name] or "").strip() if name != "jd_text" else (values[name] or "")
        if "status" in self.fields:
            values["status"] = data["status"]
        return values

    def hiring_manager_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data.get("hiring_managers") or []]


def _ids(values) -> list[str]:
    return [value.strip() for value in values if value and value.strip()]


def requirement_rows(data) -> list[dict]:
    """The editor's requirement rows from POST data (``req-<n>-tag``, ``-group``, ``-weight``, ``-must_have``,
    ``-remove``, ``-source``, ``-evidence``; for a group ``-alternative`` (repeated tag ids), ``-drop`` (options
    ticked to leave the group) and ``-min_count``; ``-or_above`` joins the row to the group of the row above), in
    the order they were posted, rows ticked "remove" left out.

    The tags stay as posted (ids): the service refuses an unknown one, or another tenant's, with a clear error.
    """
    getlist = data.getlist if hasattr(data, "getlist") else (lambda key: [data[key]] if key in data else [])
    rows = []
    for key in data:
        match = ROW_KEY.match(key)
        if not match:
            continue
        index = int(match.group(1))
        prefix = f"req-{index}-"
        if data.get(prefix + "remove"):
            continue
        tag = (data.get(key) or "").strip()
        if not tag:
            continue
        group = data.get(prefix + "group") or RequirementGroup.HARD_SKILL
        source = data.get(prefix + "source") or RequirementSource.MANUAL
        try:
            weight = int(data.get(prefix + "weight") or 3)
        except ValueError:
            weight = 0
        dropped = set(_ids(getlist(prefix + "drop")))
        options = [
            value
            for value in dict.fromkeys([tag, *_ids(getlist(prefix + "alternative"))])
            if value not in dropped
        ]
        try:
            min_count = int(data.get(prefix + "min_count") or 1)
        except ValueError:
            min_count = 0  # the service refuses it with its message
        row = {
            "index": index,
            "tag": options[0] if options else tag,
            "alternatives": options[1:],
            "min_count": min_count,
            "group": group if group in RequirementGroup.values else RequirementGroup.HARD_SKILL,
            "weight": weight,
            "must_have": data.get(prefix + "must_have") in ("1", "on", "true"),
            "source": source if source in RequirementSource.values else RequirementSource.MANUAL,
            "evidence_text": (data.get(prefix + "evidence") or "")[:300],
        }
        if not options:  # every option ticked away: the row is empty, and the service says so
            row["empty_group"] = True
        if data.get(prefix + "or_above") and rows and not row.get("empty_group"):
            above = rows[-1]
            above["alternatives"] = [
                value for value in dict.fromkeys([*above["alternatives"], *options]) if value != above["tag"]
            ]
            continue
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------------ matches


class MatchFilterForm(forms.Form):
    """The matches page's filters (GET). ``params()`` is what a saved search stores and ``options_from_params``
    reads back."""

    MODES = [
        ("combined", _("Show them below the others, flagged")),
        ("exclude", _("Leave out candidates who miss a must-have")),
        ("flag", _("Mix them in at half the score, flagged")),
    ]

    tiers = forms.MultipleChoiceField(
        label=_("Activity tier"),
        required=False,
        choices=ActivityTier.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Shenzhen")}),
    )
    min_score = forms.IntegerField(
        label=_("Minimum score"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"placeholder": "0–100", "inputmode": "numeric"}),
    )
    must_have_mode = forms.ChoiceField(
        label=_("Must-haves"), required=False, choices=MODES, widget=forms.RadioSelect
    )
    activity_boost = forms.BooleanField(label=_("Favour active candidates"), required=False)
    exclude_in_pipeline = forms.BooleanField(
        label=_("Leave out candidates already in this role's pipeline"), required=False
    )
    exclude_contacted_days = forms.IntegerField(
        label=_("Leave out candidates contacted within (days)"),
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"placeholder": _("e.g. 30")}),
    )

    def params(self) -> dict:
        """The valid filters as plain JSON values, without the defaults (invalid ones are dropped)."""
        self.is_valid()
        data = self.cleaned_data
        params: dict = {}
        if data.get("tiers"):
            params["tiers"] = list(data["tiers"])
        if (data.get("location") or "").strip():
            params["location"] = data["location"].strip()
        if data.get("min_score"):
            params["min_score"] = data["min_score"]
        if data.get("must_have_mode") in ("exclude", "flag"):  # "combined" is the default: not stored
            params["must_have_mode"] = data["must_have_mode"]
        for name in ("activity_boost", "exclude_in_pipeline"):
            if data.get(name):
                params[name] = True
        if data.get("exclude_contacted_days"):
            params["exclude_contacted_days"] = data["exclude_contacted_days"]
        return params


class SelectionForm(forms.Form):
    """Candidates ticked on the matches page and what to do with them."""

    SHORTLIST, PIPELINE = "shortlist", "pipeline"

    action = forms.ChoiceField(choices=[(SHORTLIST, SHORTLIST), (PIPELINE, PIPELINE)])
    candidate_ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    name = forms.CharField(label=_("Shortlist name"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service refuses candidates that are not in this tenant's pool.
        values = self.data.getlist("candidate_ids") if hasattr(self.data, "getlist") else []
        self.fields["candidate_ids"].choices = [(value, value) for value in values if id_param(value)]

    def clean_candidate_ids(self):
        ids = self.cleaned_data["candidate_ids"]
        if not ids:
            raise forms.ValidationError(_("Tick at least one candidate."))
        return ids


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=200)


# ----------------------------------------------------------------------------------------------- pipeline


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Stage"), choices=ApplicationStage.choices)
    # Set by the confirmation the board asks for a jump into Hired or a move that voids a hire.
    confirm = forms.BooleanField(required=False)


# --------------------------------------------------------------------------------------------- decisions


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(value, label) for value, label in Decision.choices if value != Decision.PENDING]
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"), required=False, choices=list(REASONS.items()), widget=forms.CheckboxSelectMultiple
    )
    other_reason = forms.CharField(label=_("Another reason"), required=False, max_length=80)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def reason_tags(self) -> list[str]:
        reasons = list(self.cleaned_data.get("reasons") or [])
        other = (self.cleaned_data.get("other_reason") or "").strip()
        if other:
            reasons.append(other)
        return reasons


# ------------------------------------------------------------------------------------- tenant settings
# The sections profiles adds to the tenant's settings page (registered in ProfilesConfig.ready).

# What a hiring manager may see of a shortlisted candidate (the values are services.SHORTLIST_FIELDS).
SHORTLIST_FIELD_LABELS = {
    "name": _("Name"),
    "current_title": _("Current title"),
    "current_company": _("Current company"),
    "location": _("Location"),
    "years_experience": _("Years of experience"),
    "highest_education": _("Highest education"),
    "tags": _("Tags"),
    "explanation": _("Why they match (matched and missing requirements, with evidence)"),
    "emails": _("Email addresses"),
    "phones": _("Phone numbers"),
    "salary": _("Expected salary"),
    "documents": _("Resumes and other documents"),
}


class ShortlistFieldsForm(forms.Form):
    """Which candidate fields hiring managers see on their shortlists (Tenant.shortlist_fields)."""

    shortlist_fields = forms.MultipleChoiceField(
        label=_("What hiring managers see on a shortlist"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(name, SHORTLIST_FIELD_LABELS.get(name, name)) for name in _shortlist_fields()],
        help_text=_("Contact details and salary stay with recruiters unless you tick them."),
    )

    def __init__(self, data=None, *, instance, prefix=None):
        super().__init__(data, prefix=prefix, initial={"shortlist_fields": list(instance.shortlist_fields)})
        self.instance = instance

    def save(self):
        self.instance.shortlist_fields = self.cleaned_data["shortlist_fields"]
        self.instance.save(update_fields=["shortlist_fields"])
        return self.instance


def _shortlist_fields():
    from .services import SHORTLIST_FIELDS

    return SHORTLIST_FIELDS


class StageLabelsForm(forms.Form):
    """The tenant's own names for pipeline stages (Tenant.stage_labels). Empty: the product's name, translated."""

    def __init__(self, data=None, *, instance, prefix=None):
        own = instance.stage_labels or {}
        super().__init__(
            data, prefix=prefix, initial={value: own.get(value, "") for value in ApplicationStage.values}
        )
        self.instance = instance
        for value, label in ApplicationStage.choices:
            self.fields[value] = forms.CharField(
                label=label,
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": label}),
            )

    def save(self):
        self.instance.stage_labels = {
            value: text.strip() for value, text in self.cleaned_data.items() if text and text.strip()
        }
        self.instance.save(update_fields=["stage_labels"])
        return self.instance
