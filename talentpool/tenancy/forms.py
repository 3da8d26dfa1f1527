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
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiKeyScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ApiKeyScope.READ],
    )


class TenantForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(name, name) for name in sorted(zoneinfo.available_timezones())]
    )
    default_language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)

    class Meta:
        model = Tenant
        fields = ["name", "time_zone", "default_language"]
        labels = {"name": pgettext_lazy("organization", "Name")}
