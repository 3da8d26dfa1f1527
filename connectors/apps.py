from django.apps import AppConfig


def _render_source_failed(params: dict) -> tuple[str, str]:
    from django.utils.translation import gettext as _

    return (
        _("The source %(name)s needs attention") % {"name": params["source"]},
        _("Its last sync stopped: %(error)s Fix its settings, then run a sync.") % {"error": params["error"]},
    )


class ConnectorsConfig(AppConfig):
    name = "connectors"
    verbose_name = "Connectors"

    def ready(self):
        from talentpool.tenancy.notifications import register_notification_kind

        register_notification_kind("source_failed", _render_source_failed)
