from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")
    # The application role's privileges on the audit log (talentpool/tenancy/db_roles.py): it may add rows, read
    # them and delete the expired ones (retention), never UPDATE or TRUNCATE; the owner role holds the rest.
    database_privileges = {"privacy_auditentry": ("SELECT", "INSERT", "DELETE")}

    def ready(self) -> None:
        # Logins and failed logins reach the audit log through Django's own auth signals, so the accounts app
        # (and the SSO login, which calls django.contrib.auth.login too) needs no import of privacy.
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import receivers

        user_logged_in.connect(receivers.login_recorded, dispatch_uid="privacy.login_recorded")
        user_login_failed.connect(
            receivers.login_failure_recorded, dispatch_uid="privacy.login_failure_recorded"
        )
        # Members, API keys and tenant settings: tenancy announces, privacy records (tenancy imports no domain app).
        from talentpool.tenancy.signals import audited

        audited.connect(receivers.tenancy_change_recorded, dispatch_uid="privacy.tenancy_change_recorded")
