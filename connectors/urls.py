"""The Sources pages (/sources/…)."""

from django.urls import path

from . import views

app_name = "connectors"

urlpatterns = [
    path("", views.source_list, name="sources"),
    path("new/", views.source_create, name="source_create"),
    path("<int:pk>/", views.source_detail, name="source"),
    path("<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("<int:pk>/test/", views.source_test, name="source_test"),
    path("<int:pk>/sync/", views.source_sync, name="source_sync"),
    path("<int:pk>/pause/", views.source_pause, name="source_pause"),
    path("<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("<int:pk>/runs/<int:run_id>/", views.run_detail, name="run"),
    path("<int:pk>/schedules/", views.schedule_create, name="schedule_create"),
    path("<int:pk>/schedules/<int:schedule_id>/delete/", views.schedule_delete, name="schedule_delete"),
    path("<int:pk>/schedules/<int:schedule_id>/run/", views.schedule_run, name="schedule_run"),
]
