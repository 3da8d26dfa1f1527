from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "talentpool.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from talentpool.tenancy.settings_sections import SettingsSection, register_settings_section

        from .forms import TenantMfaForm

        register_settings_section(
            SettingsSection(
                key="mfa",
                title=_("Two-factor authentication"),
                form_class=TenantMfaForm,
                order=30,
                help_text=_(
                    "When admins must use it, an admin without an authenticator app is sent to set one up "
                    "before anything else. Members set it up from their profile page."
                ),
            )
        )
