from rest_framework.routers import SimpleRouter

from . import exports, views

router = SimpleRouter()
router.register("candidates", views.CandidateViewSet, basename="candidate")
router.register("tags", views.TagViewSet, basename="tag")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("duplicates", views.DuplicateViewSet, basename="duplicate")
router.register("merges", views.MergeViewSet, basename="merge")
router.register("imports", views.ImportViewSet, basename="import")
router.register("column-mappings", views.ColumnMappingViewSet, basename="column-mapping")
router.register("exports", exports.ExportViewSet, basename="export")

urlpatterns = router.urls
