"""Tags that show a RAG rating or a normalised judgement as a GOV.UK tag, always with its word."""

from django import template
from django.utils.html import format_html

from actions import rules
from actions.rules import RAG_MEANING, Rag
from inspections.grading import Level

register = template.Library()

_RAG_CLASS = {Rag.BLUE: "blue", Rag.GREEN: "green", Rag.AMBER: "orange", Rag.RED: "red"}
_LEVEL_CLASS = {
    Level.OUTSTANDING: "blue",
    Level.GOOD: "green",
    Level.REQUIRES_IMPROVEMENT: "orange",
    Level.INADEQUATE: "red",
}


@register.simple_tag
def rag_tag(value):
    if not value:
        return format_html('<strong class="govuk-tag govuk-tag--grey app-rag">Not rated</strong>')
    rag = Rag(value)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} app-rag" title="{}">{}</strong>',
        _RAG_CLASS[rag],
        RAG_MEANING[rag],
        rag.label,
    )


@register.simple_tag
def rag_key():
    """Each rating, its meaning and when it is given: ``{% rag_key as key %}``."""
    return rules.RAG_KEY


@register.simple_tag
def due_soon_days() -> int:
    return rules.DUE_SOON_DAYS


@register.simple_tag
def overdue_rating_reason() -> str:
    return rules.OVERDUE_RATING_REASON


@register.simple_tag
def not_updated_tag(since):
    """The flag on an action not updated since the board last met (``since``; None before it
    has met, when the flag is on actions never updated): :func:`actions.rules.not_updated_since`."""
    words = "Not updated since the last meeting" if since else "Not updated yet"
    return format_html('<strong class="govuk-tag govuk-tag--yellow app-flag">{}</strong>', words)


@register.simple_tag
def level_tag(value):
    if not value:
        return format_html('<strong class="govuk-tag govuk-tag--grey">Not graded</strong>')
    level = Level(value)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', _LEVEL_CLASS[level], level.label)
