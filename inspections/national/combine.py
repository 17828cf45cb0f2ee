"""One inspection history from the two Ofsted sheets: pre-ILACS frameworks from the 2023 sheet,
ILACS from the 2025 sheet, with the grades on which they disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .history import InspectionHistory, InspectionRecord, UnmatchedRow

# --- combining the two ----------------------------------------------------------------------


@dataclass(frozen=True)
class GradeConflict:
    ons_code: str
    publication_date: date
    section: str  # or "publication date"
    grade_2023: str  # the value in the 2023 sheet
    grade_2025: str  # the value in the 2025 sheet


@dataclass(frozen=True)
class CombinedHistory:
    inspections: tuple[InspectionRecord, ...]
    unmatched: tuple[UnmatchedRow, ...]
    conflicts: tuple[GradeConflict, ...]  # same ILACS inspection graded differently (2025 wins)


DATE_TOLERANCE_DAYS = 92


def combine_histories(history_2023: InspectionHistory, ilacs_2025: InspectionHistory) -> CombinedHistory:
    """One history: pre-ILACS frameworks from the 2023 sheet, ILACS from the 2025 sheet.

    A 2023 ILACS record is dropped when the 2025 sheet has the same council and publication
    date, or failing that exactly one inspection of the same council and kind published within
    :data:`DATE_TOLERANCE_DAYS` (the date difference is reported in ``conflicts``, as is any grade
    that differs; the 2025 sheet wins); one the 2025 sheet lacks is kept.
    Sorted by council code, then publication date.
    """
    latest = {(i.council.ons_code, i.publication_date): i for i in ilacs_2025.inspections}
    by_council: dict[str | None, list[InspectionRecord]] = {}
    for record in ilacs_2025.inspections:
        by_council.setdefault(record.council.ons_code, []).append(record)
    kept, conflicts = [], []
    for record in history_2023.inspections:
        if record.framework == "ILACS":
            newer = latest.get((record.council.ons_code, record.publication_date))
            if newer is None:
                # The same inspection with a different publication date in the two releases
                # (Nottingham 2022: 5 November in 2023, 5 September in 2025).
                near = [
                    r
                    for r in by_council.get(record.council.ons_code, [])
                    if r.variant == record.variant
                    and record.publication_date
                    and r.publication_date
                    and abs((r.publication_date - record.publication_date).days) <= DATE_TOLERANCE_DAYS
                ]
                if len(near) == 1:
                    newer = near[0]
                    conflicts.append(
                        GradeConflict(
                            record.council.ons_code,
                            newer.publication_date,
                            "publication date",
                            record.publication_date.isoformat(),
                            newer.publication_date.isoformat(),
                        )
                    )
            if newer is not None:
                grades = {j.section: j.grade_as_written for j in newer.judgements}
                for j in record.judgements:
                    if j.section in grades and grades[j.section] != j.grade_as_written:
                        conflicts.append(
                            GradeConflict(
                                record.council.ons_code,
                                newer.publication_date,
                                j.section,
                                j.grade_as_written,
                                grades[j.section],
                            )
                        )
                continue
        kept.append(record)
    kept.extend(ilacs_2025.inspections)
    kept.sort(key=lambda r: (r.council.ons_code or "~", r.publication_date or date.max, r.framework, r.variant))
    return CombinedHistory(tuple(kept), history_2023.unmatched + ilacs_2025.unmatched, tuple(conflicts))
