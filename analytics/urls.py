from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("", views.home, name="home"),
    path("analytics/", views.section, {"name": "analytics"}, name="analytics"),
    path("sources/", views.section, {"name": "sources"}, name="sources"),
]
