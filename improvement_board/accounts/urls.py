"""Signing in (password, then a code for those who need one; or single sign-on) and out,
resetting a forgotten password by email, the account page (two-step verification),
invitations, and the people pages."""

import types

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import auth_forms, people, sso, two_factor

# The admin signs people in through our pages (and so asks staff for their code), and refuses
# an unverified session of anyone who has a device. Set here, before urls.py builds admin.site.urls.
admin.site.login = two_factor.admin_login
admin.site.has_permission = types.MethodType(two_factor.admin_has_permission, admin.site)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password from the emailed link also lifts a lockout (django-axes): the
    person has proved they own the account's email address."""

    def form_valid(self, form):
        from axes.utils import reset

        response = super().form_valid(form)
        reset(username=form.user.get_username())
        return response


urlpatterns = [
    path("sign-in/", two_factor.sign_in, name="login"),
    path("sign-in/code/", two_factor.two_factor, name="two_factor"),
    path("two-factor/qr.svg", two_factor.two_factor_qr, name="two_factor_qr"),
    path("", two_factor.account, name="account"),
    path("two-factor/", two_factor.account_two_factor, name="account_two_factor"),
    path("two-factor/remove/", two_factor.account_two_factor_remove, name="account_two_factor_remove"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        two_factor.password_reset(
            auth_views.PasswordResetView.as_view(
                form_class=auth_forms.ResetForm,
                email_template_name="emails/password_reset.txt",
                subject_template_name="emails/password_reset_subject.txt",
                extra_email_context={"timeout_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
                success_url=reverse_lazy("password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(
            form_class=auth_forms.NewPasswordForm, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Single sign-on with the council's identity provider (OpenID Connect).
    path("sso/callback/", sso.callback, name="sso_callback"),
    path("sso/refused/", sso.refused, name="sso_refused"),
    path("sso/<slug:key>/", sso.start, name="sso_start"),
    # Invitations, and the people pages for service and council administrators.
    path("invitation/<str:token>/", people.invitation_accept, name="invitation_accept"),
    path("invitation/<str:token>/sso/<slug:key>/", people.invitation_sso, name="invitation_sso"),
    path("users/", people.users, name="users"),
    path("users/invite/", people.invite, name="user_invite"),
    path("users/log/", people.audit_log, name="audit_log"),
    path("users/<int:pk>/", people.user_detail, name="user_detail"),
    path("users/<int:pk>/role/", people.user_role, name="user_role"),
    path("users/<int:pk>/deactivate/", people.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", people.user_reactivate, name="user_reactivate"),
    path("users/<int:pk>/invite-again/", people.user_resend, name="user_resend"),
]
