from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("role-profiles", views.RoleProfileViewSet, basename="role-profile")
router.register("saved-searches", views.SavedSearchViewSet, basename="saved-search")
router.register("shortlists", views.ShortlistViewSet, basename="shortlist")
router.register("shortlist-entries", views.ShortlistEntryViewSet, basename="shortlist-entry")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("hires", views.HireViewSet, basename="hire")

urlpatterns = [
    path("hris/stage-changes/", views.HrisStageChangeView.as_view(), name="hris-stage-changes"),
    path("hris/hires/", views.HrisHireView.as_view(), name="hris-hires"),
    *router.urls,
]
