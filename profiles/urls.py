"""The roles pages (/roles/…) and the hiring managers' review pages (/review/…), mounted at the site root so
both share the "profiles" namespace."""

from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    # Roles: list, new (paste a JD, suggest, edit, save), the editor's requirement rows.
    path("roles/", views.role_list, name="roles"),
    path("roles/new/", views.role_create, name="role_create"),
    path("roles/requirement-row/", views.requirement_row, name="requirement_row"),
    # Saved searches (smart lists).
    path("roles/searches/", views.saved_searches, name="saved_searches"),
    path("roles/searches/<int:pk>/", views.saved_search_detail, name="saved_search"),
    path("roles/searches/pool/", views.saved_search_create_pool, name="saved_search_create_pool"),
    path("roles/searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    # One role: overview (funnel, feedback), edit, history.
    path("roles/<int:pk>/", views.role_detail, name="role"),
    path("roles/<int:pk>/edit/", views.role_edit, name="role_edit"),
    path("roles/<int:pk>/history/", views.role_history, name="role_history"),
    path("roles/<int:pk>/feedback/add/", views.feedback_add, name="feedback_add"),
    # Its matches, and what to do with a selection of them.
    path("roles/<int:pk>/matches/", views.role_matches, name="matches"),
    path("roles/<int:pk>/matches/act/", views.matches_act, name="matches_act"),
    path("roles/<int:pk>/matches/save/", views.saved_search_create, name="saved_search_create"),
    # Its pipeline.
    path("roles/<int:pk>/pipeline/", views.pipeline, name="pipeline"),
    path(
        "roles/<int:pk>/pipeline/<int:application_id>/move/", views.application_move, name="application_move"
    ),
    path("roles/<int:pk>/pipeline/bulk-move/", views.applications_bulk_move, name="applications_bulk_move"),
    # Its shortlists (the recruiter's side).
    path("roles/<int:pk>/shortlists/", views.shortlists, name="shortlists"),
    path("roles/<int:pk>/shortlists/<int:shortlist_id>/", views.shortlist_detail, name="shortlist"),
    path("roles/<int:pk>/shortlists/<int:shortlist_id>/send/", views.shortlist_send, name="shortlist_send"),
    # The hiring managers' side: phone-first review pages.
    path("review/", views.review, name="review"),
    path("review/shortlists/<int:shortlist_id>/", views.review_shortlist, name="review_shortlist"),
    path(
        "review/shortlists/<int:shortlist_id>/entries/<int:entry_id>/decide/",
        views.review_decide,
        name="review_decide",
    ),
    path(
        "review/shortlists/<int:shortlist_id>/entries/<int:entry_id>/documents/<int:document_id>/",
        views.review_document,
        name="review_document",
    ),
]
