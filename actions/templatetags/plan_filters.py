"""``{{ field|select_options }}``: a select field's options, the chosen one selected, written in
Python (a template loop over a plan's hundred-odd owners, measures and recommendations took
longer than the rest of the filters together)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
SELECTED = mark_safe(" selected")


@register.filter
def select_options(field) -> str:
    value = field.value()
    chosen = "" if value is None else str(value)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(v), SELECTED if str(v) == chosen else "", label) for v, label in field.field.choices),
    )
