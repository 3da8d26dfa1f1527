"""Dashboard routes (/privacy/…) and the candidate's public page (/privacy/r/<token>/)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.requests_page, name="requests"),
    path("requests/<int:pk>/complete/", views.request_complete, name="request_complete"),
    path("requests/<int:pk>/reject/", views.request_reject, name="request_reject"),
    path("requests/<int:pk>/download/", views.request_download, name="request_download"),
    path("candidates/<int:pk>/consent/", views.candidate_consent, name="candidate_consent"),
    path("reconsent/", views.reconsent_create, name="reconsent"),
    path("settings/", views.settings_page, name="settings"),
    path("audit/", views.audit_page, name="audit"),
]

public_patterns = [
    path("r/<str:token>/", views.public_request, name="request"),
]
