from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("switch-tenant/", views.switch_tenant, name="switch_tenant"),
    path("profile/", views.profile, name="profile"),
    path("mfa/setup/", views.mfa_setup, name="mfa_setup"),
    path("mfa/qr.svg", views.mfa_qr, name="mfa_qr"),
    path("mfa/recovery-codes/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("mfa/disable/", views.mfa_disable, name="mfa_disable"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
