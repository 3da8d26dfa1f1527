"""Dashboard forms of the privacy pages. Rules live in privacy.services; these only type the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from talentpool.api import bounds

from .audit import ACTIONS
from .models import ConsentMethod, ConsentScope, LegalBasis, RequestKind, RequestStatus


class PrivacySettingsForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Keep candidates for (days after their last interaction)"),
        min_value=1,
        max_value=36500,
        required=False,
        help_text=_("Empty turns retention off. 730 days is 24 months."),
    )
    confirm_short_retention = forms.BooleanField(
        label=_("I confirm a retention shorter than 30 days"),
        required=False,
        help_text=_(
            "Candidates are anonymised soon after their last interaction: only an admin may confirm this."
        ),
    )
    audit_retention_days = forms.IntegerField(
        label=_("Keep audit entries for (days)"), min_value=365, max_value=36500
    )
    request_due_days = forms.IntegerField(
        label=_("Answer candidates' requests within (days)"), min_value=1, max_value=90
    )
    legitimate_interest_allowed = forms.BooleanField(
        label=_("Legitimate interest may justify outreach without consent"),
        required=False,
        help_text=_("GDPR allows it; PIPL does not. Leave it off for candidates in China."),
    )


def _action_choices():
    return [("", _("All actions"))] + [(key, label) for key, label in ACTIONS.items()]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=_action_choices)
    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    target_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("Start date"),
        required=False,
        validators=[bounds.PlausibleDate()],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("End date"),
        required=False,
        validators=[bounds.PlausibleDate()],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("Everyone"))] + [(user.pk, user.email) for user in members]


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=RequestKind.choices)
    candidate = forms.IntegerField(label=_("Candidate id"), min_value=1, max_value=2**63 - 1)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + list(RequestStatus.choices)
    )
    kind = forms.ChoiceField(
        label=_("Request"), required=False, choices=[("", _("All kinds"))] + list(RequestKind.choices)
    )


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=500)


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("Scope"), choices=ConsentScope.choices)
    given = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda value: value == "1",
        choices=[("1", _("Given")), ("0", _("Withdrawn"))],
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    method = forms.ChoiceField(label=_("How it was captured"), choices=ConsentMethod.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=300,
        help_text=_("Where the proof is: a form's reference, an email's date."),
    )
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        required=False,
        validators=[bounds.PlausibleDate()],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class PublicRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like?"),
        widget=forms.RadioSelect,
        choices=[
            (RequestKind.EXPORT, _("Send me a copy of my data")),
            (RequestKind.ERASURE, _("Erase my data")),
        ],
    )
