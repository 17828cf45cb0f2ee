"""``{{ value|indicator_value:indicator }}``: an indicator's value as every page writes it
(:func:`inspections.formatting.indicator_value`); the argument is the indicator or its unit."""

from django import template

from inspections.formatting import indicator_value as _indicator_value

register = template.Library()


@register.filter
def indicator_value(value, indicator) -> str:
    return _indicator_value(value, getattr(indicator, "unit", indicator) or "")
