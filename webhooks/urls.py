from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoints, name="endpoints"),
    path("<int:pk>/", views.endpoint, name="endpoint"),
    path("<int:pk>/test/", views.endpoint_test, name="endpoint_test"),
    path("<int:pk>/toggle/", views.endpoint_toggle, name="endpoint_toggle"),
    path("<int:pk>/rotate-secret/", views.endpoint_rotate, name="endpoint_rotate"),
    path("<int:pk>/replay-failed/", views.endpoint_replay_failed, name="endpoint_replay_failed"),
    path("<int:pk>/delete/", views.endpoint_delete, name="endpoint_delete"),
    path("<int:pk>/deliveries/<int:delivery_id>/replay/", views.delivery_replay, name="delivery_replay"),
]
