"""Template tags for signing in: the single sign-on providers to offer."""

from django import template

from ..accounts import sso

register = template.Library()


@register.simple_tag
def sso_providers() -> list:
    return sorted(sso.providers().values(), key=lambda p: p.name)
