"""Your account → API tokens: make a named token with an expiry (shown once, on the page that
makes it), see your tokens, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from . import tokens
from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What will use it, for example 'Monthly figures'.",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    days = forms.TypedChoiceField(
        label="How long it works",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the token will work"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [(d, f"{d} days") for d in tokens.lifetimes()]


@sensitive_variables("secret")
@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = created = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = tokens.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                verified=request.user.is_verified(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(None if field == "__all__" else field, errors)
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "created": created,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens")
