from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self) -> None:
        from talentpool.tenancy.notifications import register_notification_kind
        from talentpool.tenancy.settings_sections import SettingsSection, register_settings_section

        from . import checks  # noqa: F401 - registers the system checks
        from .forms import ShortlistFieldsForm, StageLabelsForm
        from .notifications import KINDS

        for kind, render in KINDS.items():
            register_notification_kind(kind, render)
        register_settings_section(
            SettingsSection(
                key="shortlists",
                title=_("Shortlists for hiring managers"),
                form_class=ShortlistFieldsForm,
                order=10,
                help_text=_(
                    "Hiring managers see only the shortlists of the roles they are on, and of each candidate "
                    "only the fields ticked here. Recruiters and admins always see everything."
                ),
            )
        )
        register_settings_section(
            SettingsSection(
                key="stages",
                title=_("Pipeline stage names"),
                form_class=StageLabelsForm,
                order=20,
                help_text=_(
                    "Call the pipeline's stages what your people call them. The stages themselves stay the "
                    "same, so reports and integrations keep working; leave a name empty for the usual one."
                ),
            )
        )
