"""Text written into a CSV or XLSX cell, made safe from formula injection: the one place every
export asks (the plan's CSV and XLSX, the observers' overview CSV, the plan import template).

Spreadsheet programs run a cell as a formula when its text begins with ``=``, ``+``, ``-`` or
``@`` (``=HYPERLINK(...)`` can send data away; ``=cmd|...`` runs programs in old Excel). They
also skip what comes first: spaces, tabs, line breaks, non-breaking and other Unicode spaces,
zero-width characters; and some read the full-width and small forms (``＝`` ``＋`` ``－``
``＠``, ``﹦`` ``﹢`` ``﹣`` ``﹫``) as the ASCII ones. Such text gets a leading apostrophe,
which spreadsheets take as "this is text" (OWASP's advice); anything else is left alone.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@＝＋－＠﹦﹢﹣﹫")
# Skipped before the first character a spreadsheet reads: every Unicode space and line break
# (str.isspace), and characters that take no room.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
QUOTE = "'"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula. A tab or carriage return first
    counts on its own, as OWASP advises."""
    if text[:1] in ("\t", "\r"):
        return True
    for char in text:
        if char.isspace() or char in _INVISIBLE or not char.isprintable():
            continue
        return char in FORMULA_STARTS
    return False


def cell_safe(value):
    """``value`` as it may go into a CSV or XLSX cell: text that could be read as a formula
    gets a leading apostrophe; numbers, dates and other text are unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return QUOTE + value
    return value


def cell_unquote(value):
    """The inverse, for reading back a file we wrote: the apostrophe :func:`cell_safe` added."""
    if isinstance(value, str) and value.startswith(QUOTE) and looks_like_formula(value[1:]):
        return value[1:]
    return value
