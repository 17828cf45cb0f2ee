"""Inline SVG under the Content-Security-Policy (no 'unsafe-inline').

pygal's charts carry their own ``<style>`` block and a ``style="opacity: 0"`` attribute. The
block is allowed by this response's nonce (django-csp's ``request.csp_nonce``); an attribute
cannot carry a nonce, so each ``style="prop: value"`` becomes the SVG presentation attribute
``prop="value"``. Use as ``{{ chart_svg|csp_svg:request }}``.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_TAG = re.compile(r"<style\b([^>]*)>")


def _presentation(match: re.Match) -> str:
    parts = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if re.fullmatch(r"[a-z-]+", name) and value:
            parts.append(f' {name}="{escape(value)}"')
    return "".join(parts)


def svg_without_style_attributes(svg: str) -> str:
    return _STYLE_ATTR.sub(_presentation, svg)


@register.filter
def csp_svg(svg: str, request) -> str:
    """The chart's SVG with its ``<style>`` blocks nonced and no ``style=`` attributes."""
    if not svg:
        return ""
    svg = svg_without_style_attributes(str(svg))
    nonce = getattr(request, "csp_nonce", None)
    nonce = str(nonce) if nonce is not None else ""  # evaluating it puts it in the header
    if nonce:
        svg = _STYLE_TAG.sub(lambda m: f'<style nonce="{nonce}"{m.group(1)}>', svg)
    else:
        svg = re.sub(r"<style\b.*?</style>", "", svg, flags=re.S)
    return mark_safe(svg)  # noqa: S308 - our own server-rendered chart
