from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo tenant `make run` shows (``manage.py seed_demo``). It may import every app: nothing imports it."""

    name = "demo"
    verbose_name = "Demo"
