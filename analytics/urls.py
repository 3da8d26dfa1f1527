from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("", views.home, name="home"),
    path("analytics/", views.analytics_page, name="analytics"),
    path("analytics/findings/<int:pk>/dismiss/", views.finding_dismiss, name="finding_dismiss"),
    path("analytics/findings/<int:pk>/campaign/", views.finding_campaign, name="finding_campaign"),
    path("analytics/reports/", views.report_list, name="reports"),
    path("analytics/reports/build/", views.report_build, name="report_build"),
    path("analytics/reports/<str:week>/", views.report_detail, name="report"),
    path("analytics/reports/<str:week>/print/", views.report_print, name="report_print"),
    path("analytics/reports/<str:week>/report.csv", views.report_csv, name="report_csv"),
]
