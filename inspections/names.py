"""Council names compared as names: one folding rule for the national releases' readers and the
inspection documents' council lookup.

``fold_name`` reads "&" as "and" and ignores case, Unicode presentation forms and punctuation:
"Telford & Wrekin" and "telford and wrekin", "St. Helens" and "St Helens", "King’s Lynn" and
"King's Lynn" fold alike. Each caller first strips what its own sources add (the releases'
"(Pre LG)" and ", City of"; the documents' "London Borough of" and "Council").
"""

from __future__ import annotations

import re
import unicodedata


def fold_name(name: str | None) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()
