import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ApiKeyScope, Role, Tenant


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.RECRUITER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("API key", "Name"), max_length=100)
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=ApiKeyScope.choices,
                                       widget=forms.CheckboxSelectMultiple, initial=[ApiKeyScope.READ])


# What a hiring manager may see of a shortlisted candidate (the values are profiles.services.SHORTLIST_FIELDS).
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


def _shortlist_field_choices():
    from profiles.services import SHORTLIST_FIELDS

    return [(name, SHORTLIST_FIELD_LABELS.get(name, name)) for name in SHORTLIST_FIELDS]


class TenantForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(name, name) for name in sorted(zoneinfo.available_timezones())])
    default_language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)
    shortlist_fields = forms.MultipleChoiceField(
        label=_("What hiring managers see on a shortlist"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=_shortlist_field_choices,
        help_text=_("Contact details, salary and documents stay with recruiters unless you tick them."))

    class Meta:
        model = Tenant
        fields = ["name", "time_zone", "default_language", "shortlist_fields"]
        labels = {"name": pgettext_lazy("organization", "Name")}
