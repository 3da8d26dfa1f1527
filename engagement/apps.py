from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        from talentpool.tenancy.notifications import register_notification_kind

        from .notifications import KINDS

        for kind, render in KINDS.items():
            register_notification_kind(kind, render)
