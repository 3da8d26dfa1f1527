from django import forms
from django.utils.translation import gettext_lazy as _

from talentpool.api import bounds
from talentpool.tenancy.models import Role

from ..models import SsoProtocol, SsoProvider, SsoSettings


class SsoDiscoverForm(forms.Form):
    email = forms.EmailField(label=_("Work email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class SsoSettingsForm(forms.ModelForm):
    class Meta:
        model = SsoSettings
        fields = ["sso_required", "default_role"]


class SsoProviderForm(forms.ModelForm):
    issuer_url = forms.URLField(
        label=_("Issuer or discovery URL"), max_length=500, required=False, assume_scheme="https"
    )
    idp_metadata_url = forms.URLField(
        label=_("IdP metadata URL"), max_length=500, required=False, assume_scheme="https"
    )
    saml_email_attribute = forms.CharField(label=_("Email attribute"), required=False, max_length=300)
    saml_name_attribute = forms.CharField(label=_("Name attribute"), required=False, max_length=300)
    saml_groups_attribute = forms.CharField(label=_("Groups attribute"), required=False, max_length=300)
    # The model's TextField, bounded: a metadata document runs to hundreds of KB at most.
    idp_metadata_xml = forms.CharField(
        label=_("IdP metadata XML"),
        required=False,
        max_length=bounds.XML_METADATA,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = SsoProvider
        fields = [
            "name",
            "slug",
            "protocol",
            "is_active",
            "issuer_url",
            "client_id",
            "client_secret",
            "scopes",
            "email_claim",
            "name_claim",
            "groups_claim",
            "idp_metadata_url",
            "idp_metadata_xml",
            "idp_entity_id",
            "sp_entity_id",
            "signed_assertions_required",
            "allow_idp_initiated",
        ]
        widgets = {
            "client_secret": forms.PasswordInput(render_value=False),
            "idp_metadata_xml": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["protocol"].choices = SsoProtocol.choices
        self.fields["slug"].widget.attrs["pattern"] = "[a-z0-9-]+"
        if self.instance.pk:
            self.fields["client_secret"].required = False
            self.fields["client_secret"].help_text = _("Leave empty to keep the current secret.")
        mapping = self.instance.attribute_mapping or {}
        for key in ("email", "name", "groups"):
            self.fields[f"saml_{key}_attribute"].initial = ", ".join(mapping.get(key) or [])

    GROUPS = (
        (_("Provider"), ("name", "slug", "protocol", "is_active")),
        (
            _("OpenID Connect"),
            (
                "issuer_url",
                "client_id",
                "client_secret",
                "scopes",
                "email_claim",
                "name_claim",
                "groups_claim",
            ),
        ),
        (
            _("SAML 2.0"),
            (
                "idp_metadata_url",
                "idp_metadata_xml",
                "idp_entity_id",
                "sp_entity_id",
                "signed_assertions_required",
                "allow_idp_initiated",
                "saml_email_attribute",
                "saml_name_attribute",
                "saml_groups_attribute",
            ),
        ),
    )

    def field_groups(self):
        """(legend, bound fields) per protocol, for the settings page's fieldsets."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean(self):
        data = super().clean()
        protocol = data.get("protocol")
        if protocol == SsoProtocol.OIDC:
            for field in ("issuer_url", "client_id"):
                if not data.get(field):
                    self.add_error(field, _("Required for OpenID Connect."))
            if not data.get("client_secret") and not self.instance.client_secret:
                self.add_error("client_secret", _("Required for OpenID Connect."))
        elif protocol == SsoProtocol.SAML:
            if not data.get("idp_metadata_url") and not data.get("idp_metadata_xml"):
                self.add_error("idp_metadata_url", _("Give the IdP metadata URL or paste its XML."))
            if data.get("idp_metadata_url") and not data.get("idp_entity_id"):
                self.add_error("idp_entity_id", _("Required with a metadata URL."))
            if data.get("idp_metadata_xml"):
                from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

                try:
                    parsed = OneLogin_Saml2_IdPMetadataParser.parse(data["idp_metadata_xml"])
                except Exception:  # the parser raises plain Exception on bad XML
                    parsed = {}
                if not parsed.get("idp", {}).get("singleSignOnService"):
                    self.add_error("idp_metadata_xml", _("This is not IdP metadata with a sign-on service."))
        return data

    def save(self, commit=True):
        provider = super().save(commit=False)
        if not self.cleaned_data.get("client_secret") and self.instance.pk:
            provider.client_secret = SsoProvider.unscoped.get(pk=self.instance.pk).client_secret
        mapping = dict(provider.attribute_mapping or {})
        for key in ("email", "name", "groups"):
            value = self.cleaned_data.get(f"saml_{key}_attribute") or ""
            names = [part.strip() for part in value.split(",") if part.strip()]
            if names:
                mapping[key] = names
        provider.attribute_mapping = mapping
        return provider


class SsoDomainForm(forms.Form):
    domain = forms.CharField(label=_("Email domain"), max_length=253)


class GroupRoleForm(forms.Form):
    group = forms.CharField(label=_("Group"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ScimTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
