from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
