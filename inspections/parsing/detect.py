"""Which framework a document is, from its title block."""

from __future__ import annotations

import re

from .document import Doc

FRAMEWORK_CODES = ("APA", "JAR", "SLAC", "CPI", "TLAC", "SIF", "ILACS", "NOTICE", "YOT")


def detect_framework(doc: Doc) -> str | None:
    head = " ".join(doc.c[:80]).lower().replace("’", "'")
    full = " ".join(doc.c).lower().replace("’", "'")
    if re.search(r"\bimprovement notice\b", head) and re.search(r"\bmeasures?\b", full):
        return "NOTICE"
    if "impact of leaders on social work practice" in full or re.search(
        r"inspection of .{0,80}local authority children's services", head
    ):
        return "ILACS"
    if re.search(r"inspection of services for children in need of help and protection", head):
        return "SIF"
    if re.search(r"inspection of safeguarding and looked after children", head):
        return "SLAC"
    if re.search(r"arrangements for the protection of children", head):
        return "CPI"
    if re.search(r"inspection of (?:local authority )?(?:services for )?looked after children(?: services)?\b", head):
        return "TLAC"
    if re.search(r"annual performance assessment (?:\(apa\) )?(?:of|process|letter)", head):
        return "APA"
    if re.search(r"joint area review", head):
        return "JAR"
    if re.search(r"annual performance assessment", head):
        return "APA"
    if re.search(r"youth offending (?:team|service)s? inspection|inspection of youth offending", head):
        return "YOT"
    return None
