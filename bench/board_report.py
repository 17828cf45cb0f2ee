"""How long one monthly board report takes, and what all boards of 150 councils take.

    .venv/bin/python bench/board_report.py            # a throwaway SQLite database under /tmp
    DATABASE_URL=postgres://... .venv/bin/python bench/board_report.py   # an empty, migratable database

It builds one synthetic plan as large as a real one gets (200 actions, 24 months of monthly
progress updates each, 20 indicators with 24 monthly values, themes, measures, milestones,
recommendations, meetings), then:

1. renders its report for the last month in a fresh process (as a worker would, importing
   WeasyPrint once), and prints the wall time of the whole (selectors, charts, HTML, PDF) and the
   process's peak memory (ru_maxrss); target under 3 s and 300 MB;
2. renders a sample of SAMPLE reports with 2 worker processes and extrapolates to 150 boards:
   150 x (sample wall time / SAMPLE). Every board is given this 200-action plan, so the estimate is
   an upper bound (real plans hold 30-60 actions).
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import zoneinfo
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ACTIONS, MONTHS, INDICATORS = 200, 24, 20
FIRST_MONTH = datetime.date(2011, 3, 1)
SAMPLE, WORKERS, COUNCILS = 6, 2, 150
RATINGS = ["green"] * 12 + ["amber"] * 5 + ["red"] * 3
TARGET_SECONDS, TARGET_MB = 3.0, 300


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-board-report-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()


def build() -> tuple[int, datetime.date]:
    from dateutil.relativedelta import relativedelta
    from django.core.management import call_command
    from django.db import transaction

    from actions.models import (
        Action,
        ImprovementPlan,
        IndicatorValue,
        Milestone,
        PerformanceIndicator,
        ProgressUpdate,
    )
    from improvement_board.models import BoardMember, Decision, ImprovementBoard, Meeting, User
    from inspections import services as inspection_services
    from inspections.models import (
        Council,
        ImprovementNotice,
        Inspection,
        NoticeDate,
        NoticeMeasure,
        NoticeTheme,
        Organisation,
        Recommendation,
    )

    call_command("migrate", verbosity=0)
    tz = zoneinfo.ZoneInfo("Europe/London")
    months = [FIRST_MONTH + relativedelta(months=n) for n in range(MONTHS)]
    with transaction.atomic():
        frameworks = inspection_services.frameworks_sync()
        council = Council.objects.create(name="Bench Borough Council", short_name="Bench", slug="bench",
                                         kind="unitary", ons_code="E06099999", la_number="999")
        org = Organisation.objects.create(name="Bench Borough Council (bench)", council=council)
        officer = User.objects.create(username="bench.officer", role="officer", council=council,
                                      first_name="Bench", last_name="Officer")
        chair = User.objects.create(username="bench.chair", role="chair", first_name="Bench", last_name="Chair")
        inspection = Inspection.objects.create(council=council, framework=frameworks["SLAC"], title="Bench inspection",
                                               published=FIRST_MONTH - datetime.timedelta(days=60))
        notice = ImprovementNotice.objects.create(council=council, inspection=inspection,
                                                  issued=FIRST_MONTH - datetime.timedelta(days=30))
        for n, kind in enumerate(["ministerial_report", "review", "ministerial_report", "review", "final_review"]):
            NoticeDate.objects.create(notice=notice, kind=kind, date=months[-1] + relativedelta(months=3 * n + 1, days=-1))
        measures = []
        for t in range(1, 7):
            theme = NoticeTheme.objects.create(notice=notice, title=f"Theme {t} of the notice", order=t)
            for m in range(1, 5):
                measures.append(NoticeMeasure.objects.create(
                    theme=theme, number=m, text=f"Measure {t}.{m}: " + "improve the quality of practice " * 4))
        recommendations = [
            Recommendation.objects.create(inspection=inspection, number=n, timescale="within_3_months",
                                          text=f"Recommendation {n}: ensure that " + "plans are reviewed " * 6)
            for n in range(1, 41)
        ]
        board = ImprovementBoard.objects.create(council=council, notice=notice, name="Bench Improvement Board",
                                                slug="bench", chair=chair, established=FIRST_MONTH)
        for n in range(12):
            BoardMember.objects.create(board=board, name=f"Member {n}", organisation=org, joined=FIRST_MONTH,
                                       email=f"member{n}@example.org")
        day = FIRST_MONTH
        while day <= months[-1] + relativedelta(months=1, days=-1):
            meeting = Meeting.objects.create(board=board, date=day)
            Decision.objects.bulk_create([Decision(meeting=meeting, number=k, text=f"Decision {k}.") for k in (1, 2, 3)])
            day += datetime.timedelta(weeks=4)
        plan = ImprovementPlan.objects.create(council=council, notice=notice, title="Bench improvement plan",
                                              agreed_on=FIRST_MONTH)
        actions = Action.objects.bulk_create([
            Action(plan=plan, reference=f"{n // 10 + 1}.{n % 10 + 1}", order=n, title=f"Action {n}: " + "deliver " * 8,
                   lead_organisation=org, owner=officer, start_date=FIRST_MONTH,
                   due_date=FIRST_MONTH + relativedelta(months=6 + n % 24, days=-1),
                   status="in_progress", reported_rag=["green", "amber", "red", "green"][n % 4],
                   evidence_of_impact="Evidence of impact recorded.")
            for n in range(ACTIONS)
        ])
        for n, action in enumerate(actions):
            action.measures.add(measures[n % len(measures)])
            action.recommendations.add(recommendations[n % len(recommendations)])
        updates = []
        for n, action in enumerate(actions):
            for k, month in enumerate(months):
                complete = k >= 6 + n % 24
                updates.append(ProgressUpdate(
                    action=action, author=officer, created_at=datetime.datetime.combine(
                        month + datetime.timedelta(days=14), datetime.time(16, 30), tzinfo=tz),
                    narrative=f"Month {k + 1}: " + "progress is being made on the work " * 5,
                    status="complete" if complete else "in_progress",
                    # Open actions: 60% Green, 25% Amber, 15% Red, as a struggling council's plan might be.
                    rag="blue" if complete else RATINGS[(n + k) % len(RATINGS)],
                    remedial_action="" if complete else "Extra capacity agreed.",
                ))
        ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
        for i in range(INDICATORS):
            indicator = PerformanceIndicator.objects.create(
                plan=plan, name=f"Indicator {i + 1}", definition="A percentage, monthly.", unit="percent",
                polarity="higher" if i % 3 else "lower", target=Decimal(70 + i % 20), order=i,
                target_date=months[-1] + relativedelta(months=6),
            )
            indicator.measures.add(measures[i % len(measures)])
            IndicatorValue.objects.bulk_create([
                IndicatorValue(indicator=indicator, month=month, value=Decimal(40 + (i * 3 + k * 2) % 55))
                for k, month in enumerate(months)
            ])
        for n in range(40):
            Milestone.objects.create(plan=plan, title=f"Milestone {n}", due_date=FIRST_MONTH + relativedelta(months=n // 2),
                                     achieved_on=None if n % 3 == 0 else FIRST_MONTH + relativedelta(months=n // 2))
    return board.pk, months[-1]


def render(board_id: int, period: datetime.date) -> dict:
    """Render one report in this process; returns timings and the process's peak memory."""
    from django.db import connections

    from improvement_board.models import ImprovementBoard
    from improvement_board.reports import content as reports
    from improvement_board.reports import services

    connections.close_all()
    board = ImprovementBoard.objects.select_related("council").get(pk=board_id)
    started = time.perf_counter()
    content = reports.report_content(board, period)
    selected = time.perf_counter()
    pdf = services.board_report_pdf(board=board, period=period)
    done = time.perf_counter()
    import io

    from pypdf import PdfReader

    return {
        "wall": done - started, "selectors": selected - started, "actions": len(content.actions),
        "bytes": len(pdf), "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _first_render(args) -> dict:
    """The first report of a fresh worker process, with WeasyPrint's import timed separately."""
    started = time.perf_counter()
    import weasyprint  # noqa: F401

    imported = time.perf_counter() - started
    result = render(*args)
    result["import"] = imported
    return result


def main() -> int:
    setup_django()
    from django.db import connections

    started = time.perf_counter()
    board_id, period = build()
    print(f"built a plan of {ACTIONS} actions x {MONTHS} months of updates, {INDICATORS} indicators "
          f"in {time.perf_counter() - started:.1f} s; report for {period:%B %Y}")
    connections.close_all()
    context = multiprocessing.get_context("fork")

    with context.Pool(1) as pool:
        one = pool.apply(_first_render, ((board_id, period),))
        again = pool.apply(render, (board_id, period))
    ok = again["wall"] < TARGET_SECONDS and again["peak_mb"] < TARGET_MB
    print(f"one report: {one['pages']} pages, {one['bytes'] / 1024:.0f} KB")
    print(f"  first in a fresh worker: {one['wall']:.2f} s (+ {one['import']:.2f} s importing WeasyPrint), "
          f"selectors {one['selectors']:.2f} s")
    print(f"  next in the same worker: {again['wall']:.2f} s wall (selectors {again['selectors']:.2f} s), "
          f"peak memory {again['peak_mb']:.0f} MB  [target < {TARGET_SECONDS:.0f} s, < {TARGET_MB} MB: "
          f"{'met' if ok else 'NOT met'}]")

    with context.Pool(WORKERS) as pool:
        pool.map(_first_render, [(board_id, period)] * WORKERS, chunksize=1)  # warm both workers, as a running worker is
        started = time.perf_counter()
        results = pool.starmap(render, [(board_id, period)] * SAMPLE, chunksize=1)
        sample = time.perf_counter() - started
    estimate = COUNCILS * sample / SAMPLE
    print(f"{SAMPLE} reports on {WORKERS} worker processes: {sample:.1f} s "
          f"({sample / SAMPLE:.2f} s per report of throughput; slowest single {max(r['wall'] for r in results):.2f} s)")
    print(f"all boards of {COUNCILS} councils, each with this {ACTIONS}-action plan, on {WORKERS} workers: "
          f"about {estimate:.0f} s ({estimate / 60:.1f} min), extrapolated as {COUNCILS} x {sample:.1f} s / {SAMPLE}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
