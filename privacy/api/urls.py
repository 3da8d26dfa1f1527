"""Privacy's part of /api/v1/."""

from rest_framework.routers import SimpleRouter

from .views import AuditViewSet, CandidateExportViewSet, ConsentViewSet, DataRequestViewSet

router = SimpleRouter()
router.register("audit", AuditViewSet, basename="audit")
router.register("privacy/requests", DataRequestViewSet, basename="privacy-request")
router.register("privacy/consents", ConsentViewSet, basename="privacy-consent")
router.register("privacy/exports", CandidateExportViewSet, basename="privacy-export")

urlpatterns = router.urls
