"""Tags for the board report and the chair's pages: a RAG rating always with its word."""

from django import template
from django.utils.html import format_html

from actions.rules import RAG_MEANING, Rag

register = template.Library()


@register.simple_tag
def rag(value):
    """A RAG rating for print: the word in a bordered box, coloured only as a help."""
    if not value:
        return format_html('<span class="rag rag-none">Not rated</span>')
    rating = Rag(value)
    return format_html('<span class="rag rag-{}" title="{}">{}</span>', rating.value, RAG_MEANING[rating], rating.label)


@register.filter
def rag_label(value) -> str:
    return Rag(value).label if value else "Not rated"


@register.filter
def signed(value) -> str:
    """+2, −1, 0: a change with its sign (a real minus sign)."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@register.filter
def indicator_value(value, indicator) -> str:
    return indicator.format(value)


@register.filter
def filesize_kb(value) -> str:
    if value is None:
        return "–"
    return f"{value / 1024:,.0f} KB" if value >= 1024 else f"{value} bytes"
