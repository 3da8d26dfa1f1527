from django.urls import path
from rest_framework.routers import SimpleRouter

from . import hris, views

router = SimpleRouter()
router.register("role-profiles", views.RoleProfileViewSet, basename="role-profile")
router.register("saved-searches", views.SavedSearchViewSet, basename="saved-search")
router.register("shortlists", views.ShortlistViewSet, basename="shortlist")
router.register("shortlist-entries", views.ShortlistEntryViewSet, basename="shortlist-entry")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("hires", views.HireViewSet, basename="hire")

urlpatterns = [
    path("hris/candidates/", hris.HrisCandidateView.as_view(), name="hris-candidates"),
    path("hris/candidates/bulk/", hris.HrisCandidateBulkView.as_view(), name="hris-candidates-bulk"),
    path("hris/stage-changes/", hris.HrisStageChangeView.as_view(), name="hris-stage-changes"),
    path("hris/stage-changes/bulk/", hris.HrisStageChangeBulkView.as_view(), name="hris-stage-changes-bulk"),
    path("hris/hires/", hris.HrisHireView.as_view(), name="hris-hires"),
    path("hris/hires/bulk/", hris.HrisHireBulkView.as_view(), name="hris-hires-bulk"),
    *router.urls,
]
