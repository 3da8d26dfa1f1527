"""Connectors' part of /api/v1/."""

from rest_framework.routers import SimpleRouter

from .views import SourceViewSet, SourcingScheduleViewSet, SyncRunViewSet

router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("sync-runs", SyncRunViewSet, basename="sync-run")
router.register("sourcing-schedules", SourcingScheduleViewSet, basename="sourcing-schedule")

urlpatterns = router.urls
