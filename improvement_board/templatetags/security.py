"""Inline SVG under the Content-Security-Policy (no 'unsafe-inline').

The charts come from :mod:`inspections.charts`, which draws with SVG presentation attributes
only: no ``<script>``, no ``<style>`` element, no ``style=`` attribute, so the page's policy needs
no nonce or hash for them. Use as ``{{ chart_svg|csp_svg:request }}``.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def csp_svg(svg: str, request=None) -> str:
    """The server-drawn chart's SVG, marked safe for the template (it is our own markup)."""
    if not svg:
        return ""
    return mark_safe(str(svg))
