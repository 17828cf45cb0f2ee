"""How an indicator's value is written, everywhere it is shown: plan and published indicators,
pages, charts, the board pack.

One decimal place at most, rounded half up, and none when the value is whole: "86.3%", "17%",
"12 days", "4.5". DfE publishes its indicators to one decimal place, the neighbours' average is
taken to one, and a chair comparing a plan's 86.25 with a published 86.3 should not be shown two
precisions. Percentages carry "%", days " days"; other units (counts, rates, ratios) the number
alone, their unit being named beside them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"
_SUFFIX = {"percent": "%", "days": " days"}


def indicator_number(value, *, missing=MISSING):
    """The number alone, as :func:`indicator_value` writes it (``missing`` when there is none)."""
    if value is None or value == "":
        return missing
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = number.copy_abs()  # never "-0"
    text = f"{number:f}"
    return text[:-2] if text.endswith(".0") else text


def indicator_value(value, unit: str = "", *, missing=MISSING):
    """``value`` (a number, Decimal or float) with its unit's suffix (``unit``: "percent",
    "days", anything else for none); ``missing`` when there is no value."""
    text = indicator_number(value, missing=None)
    if text is None:
        return missing
    return f"{text}{_SUFFIX.get(unit, '')}"
