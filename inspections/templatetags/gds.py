"""Template tags for the GOV.UK parts every page shares: the error summary's links."""

from django import template

from inspections import forms_gds

register = template.Library()
register.simple_tag(forms_gds.error_links, name="error_links")
