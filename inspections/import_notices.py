"""Saving an improvement notice: themes, measures and dates, resting on the inspection it cites."""

from __future__ import annotations

import calendar
import datetime
import re

from . import months
from .import_errors import AlreadyImported, ImportRefused, describe
from .models import (
    Council,
    ImprovementNotice,
    Inspection,
    NoticeDate,
    NoticeMeasure,
    NoticeTheme,
)
from .parsing import ParseResult


def notice_import(result: ParseResult, council: Council, outcome) -> ImprovementNotice:
    dates = result.notice_dates
    issued = result.published or (dates.issued if dates else None)
    if issued is None:
        raise ImportRefused("The improvement notice states no issue date. Give the date it was issued and try again.")
    if ImprovementNotice.objects.filter(council=council, issued=issued).exists():
        raise AlreadyImported(
            f"The improvement notice to {council.short_name} issued {issued:%-d %B %Y} is already in the product. "
            "Nothing was saved."
        )
    rests_on = dates.inspection_report if dates else None
    inspections = Inspection.objects.filter(council=council)
    if rests_on is not None:
        inspection = inspections.filter(published=rests_on).order_by("framework__code").first()
        if inspection is None:
            raise ImportRefused(
                f"The notice follows the inspection report of {rests_on:%-d %B %Y}, which is not in the product "
                f"for {council.short_name}. Import that report first."
            )
    else:
        inspection = inspections.filter(published__lte=issued).order_by("-published").first()
        if inspection is None:
            raise ImportRefused(
                f"The notice names no inspection report and {council.short_name} has no inspection before "
                f"{issued:%-d %B %Y}. Import the report it follows first."
            )
        outcome.messages.append(f"The notice names no inspection report: it is attached to {describe(inspection)}.")
    if ImprovementNotice.objects.filter(inspection=inspection).exists():
        raise AlreadyImported(
            f"An improvement notice following {describe(inspection)} is already in the product. Nothing was saved."
        )
    notice = ImprovementNotice.objects.create(
        council=council,
        inspection=inspection,
        issued=issued,
        title=(result.title or "Improvement Notice")[:300],
        source_name=(result.source or "")[:300],
    )
    themes: dict[str, NoticeTheme] = {}
    counts: dict[str, int] = {}
    for measure in result.measures:
        theme_title = (measure.theme or "Measures with no theme")[:300]
        if theme_title not in themes:
            themes[theme_title] = NoticeTheme.objects.create(notice=notice, title=theme_title, order=len(themes) + 1)
        counts[theme_title] = counts.get(theme_title, 0) + 1
        NoticeMeasure.objects.create(
            theme=themes[theme_title], number=counts[theme_title], text=measure.text, source_line=measure.line or None
        )
    if dates is not None:
        written = dates.as_written or {}
        wanted: list[tuple[str, datetime.date, str]] = []
        if dates.compliance:
            wanted.append((NoticeDate.Kind.COMPLIANCE, dates.compliance, written.get("compliance", "")))
        for d in dates.ministerial_reports:
            wanted.append((NoticeDate.Kind.MINISTERIAL_REPORT, d, written.get("ministerial_reports", "")))
        for d in dates.reviews:
            if d != dates.final_review:
                wanted.append((NoticeDate.Kind.REVIEW, d, written.get("reviews", "")))
        if dates.final_review:
            wanted.append((NoticeDate.Kind.FINAL_REVIEW, dates.final_review, written.get("reviews", "")))
        for kind, d, phrase in wanted:
            stored, precision = _notice_date(d, phrase)
            NoticeDate.objects.get_or_create(notice=notice, kind=kind, date=stored, defaults={"precision": precision})
    return notice


def _notice_date(d: datetime.date, phrase: str) -> tuple[datetime.date, str]:
    """Month-only dates (the parser gives the 1st) become the month's last day, precision month."""
    month = calendar.month_name[d.month]
    if d.day == 1 and not re.search(rf"\b1(?:st)?\s+{month}\b|\b{month}\s+1(?:st)?\b", phrase or "", re.I):
        return months.month_end(d), NoticeDate.Precision.MONTH
    return d, NoticeDate.Precision.DAY
