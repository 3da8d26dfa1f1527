from django.urls import path

from . import views

app_name = "tenancy"

urlpatterns = [
    path("", views.tenant_settings, name="settings"),
    path("members/", views.members, name="members"),
    path("members/<int:pk>/role/", views.member_change_role, name="member_change_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("api-keys/", views.api_keys, name="api_keys"),
    path("api-keys/<int:pk>/revoke/", views.api_key_revoke, name="api_key_revoke"),
]

# The member's in-app inbox, mounted at /notifications/ (namespace "notifications") by talentpool/urls.py.
notification_patterns = [
    path("", views.notifications, name="inbox"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("read-all/", views.notifications_read_all, name="read_all"),
]
