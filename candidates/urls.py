from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    # The pool: list, filters, bulk actions, export, and the tag picker's suggestions.
    path("", views.pool, name="pool"),
    path("export/", views.pool_export, name="pool_export"),
    path("bulk/", views.pool_bulk, name="pool_bulk"),
    # Exports prepared by a worker (large pools): start, list, progress, download.
    path("exports/", views.exports, name="exports"),
    path("exports/new/", views.export_create, name="export_create"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/progress/", views.export_progress, name="export_progress"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("tag-picker/", views.tag_picker, name="tag_picker"),
    # One candidate.
    path("<int:pk>/", views.candidate_detail, name="candidate"),
    path("<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path("<int:pk>/changes/", views.candidate_changes, name="candidate_changes"),
    path("<int:pk>/tags/", views.candidate_tag_add, name="candidate_tag_add"),
    path("<int:pk>/tags/<int:tag_id>/remove/", views.candidate_tag_remove, name="candidate_tag_remove"),
    path("<int:pk>/merge/", views.candidate_merge, name="candidate_merge"),
    path("<int:pk>/contact/", views.candidate_contact, name="candidate_contact"),
    path("documents/<int:pk>/reparse/", views.document_reparse, name="document_reparse"),
    path("documents/<int:pk>/attach/", views.document_attach, name="document_attach"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    # Resume upload (the page; files go to the API with progress).
    path("upload/", views.upload, name="upload"),
    # Spreadsheet imports: upload → mapping → dry run → run → progress.
    path("imports/", views.imports, name="imports"),
    path("imports/new/<str:token>/", views.import_new, name="import_new"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("imports/<int:pk>/mapping/", views.import_remap, name="import_remap"),
    path("imports/<int:pk>/run/", views.import_start, name="import_start"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/rejected.csv", views.import_rejected, name="import_rejected"),
    # Duplicates and merges.
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:pk>/dismiss/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("merges/", views.merge_create, name="merge_create"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
    # The tag taxonomy.
    path("tags/", views.tags, name="tags"),
    path("tags/new/", views.tag_create, name="tag_create"),
    path("tags/<int:pk>/", views.tag_detail, name="tag"),
    path("tags/<int:pk>/merge/", views.tag_merge, name="tag_merge"),
    path("tags/<int:pk>/retire/", views.tag_retire, name="tag_retire"),
]
