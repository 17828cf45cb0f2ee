"""How long a meeting's board pack takes to render, against Chromium printing the same HTML.

    .venv/bin/python bench/board_report.py            # a throwaway SQLite database under /tmp
    DATABASE_URL=postgres://... .venv/bin/python bench/board_report.py   # an empty, migratable database

It builds one synthetic plan as large as a real one gets (200 actions, 24 months of monthly
progress updates each, 20 indicators with 24 monthly values, themes, measures, milestones,
recommendations, meetings, a board action log and risk register, three agenda papers of 12 pages
to append) and its pack for a meeting (default cut-off), loads the demo data for Sutton's pack, then:

1. renders the 200-action pack in a fresh worker process (importing WeasyPrint once), then twice
   again in the same warm worker: the time of the whole (selectors, charts, HTML, PDF, papers),
   target under 2 s; the worker's peak memory (ru_maxrss), target under 300 MB;
2. renders Sutton's demo pack twice in the same warm worker: target under 1 s.
   Targets are judged by CPU time (wall time is printed too): on a quiet machine a warm worker
   takes about its CPU time; on a shared, loaded one wall time is mostly waiting for a core;
3. prints, in the same run, the time Chromium (/usr/bin/chromium through Playwright, already open)
   takes to print the pack's own HTML to A4 (the floor), and WeasyPrint's time over it; and the time
   WeasyPrint alone takes on the same HTML with nothing of ours (no stylesheet, header, tags or papers:
   the engine's own cost for the content), for both packs (bench/pack_floors.py);
4. renders a sample of SAMPLE packs with 2 worker processes and extrapolates to 150 boards.
"""

from __future__ import annotations

import datetime
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import zoneinfo
from decimal import Decimal
from pathlib import Path

from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pack_floors import chromium_floor, weasyprint_alone  # noqa: E402

ACTIONS, MONTHS, INDICATORS = 200, 24, 20
FIRST_MONTH = datetime.date(2011, 3, 1)
SAMPLE, WORKERS, COUNCILS = 6, 2, 150
RATINGS = ["green"] * 12 + ["amber"] * 5 + ["red"] * 3
TARGET_SECONDS, TARGET_MB, SUTTON_SECONDS = 2.0, 300, 1.0


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
        council = Council.objects.create(
            name="Bench Borough Council",
            short_name="Bench",
            slug="bench",
            kind="unitary",
            ons_code="E06099999",
            la_number="999",
        )
        org = Organisation.objects.create(name="Bench Borough Council (bench)", council=council)
        officer = User.objects.create(
            username="bench.officer", role="officer", council=council, first_name="Bench", last_name="Officer"
        )
        chair = User.objects.create(username="bench.chair", role="chair", first_name="Bench", last_name="Chair")
        inspection = Inspection.objects.create(
            council=council,
            framework=frameworks["SLAC"],
            title="Bench inspection",
            published=FIRST_MONTH - datetime.timedelta(days=60),
        )
        notice = ImprovementNotice.objects.create(
            council=council, inspection=inspection, issued=FIRST_MONTH - datetime.timedelta(days=30)
        )
        for n, kind in enumerate(["ministerial_report", "review", "ministerial_report", "review", "final_review"]):
            NoticeDate.objects.create(
                notice=notice, kind=kind, date=months[-1] + relativedelta(months=3 * n + 1, days=-1)
            )
        measures = []
        for t in range(1, 7):
            theme = NoticeTheme.objects.create(notice=notice, title=f"Theme {t} of the notice", order=t)
            for m in range(1, 5):
                measures.append(
                    NoticeMeasure.objects.create(
                        theme=theme, number=m, text=f"Measure {t}.{m}: " + "improve the quality of practice " * 4
                    )
                )
        recommendations = [
            Recommendation.objects.create(
                inspection=inspection,
                number=n,
                timescale="within_3_months",
                text=f"Recommendation {n}: ensure that " + "plans are reviewed " * 6,
            )
            for n in range(1, 41)
        ]
        board = ImprovementBoard.objects.create(
            council=council,
            notice=notice,
            name="Bench Improvement Board",
            slug="bench",
            chair=chair,
            established=FIRST_MONTH,
        )
        for n in range(12):
            BoardMember.objects.create(
                board=board, name=f"Member {n}", organisation=org, joined=FIRST_MONTH, email=f"member{n}@example.org"
            )
        day = FIRST_MONTH
        while day <= months[-1] + relativedelta(months=1, days=-1):
            meeting = Meeting.objects.create(board=board, date=day)
            Decision.objects.bulk_create(
                [Decision(meeting=meeting, number=k, text=f"Decision {k}.") for k in (1, 2, 3)]
            )
            day += datetime.timedelta(weeks=4)
        plan = ImprovementPlan.objects.create(
            council=council, notice=notice, title="Bench improvement plan", agreed_on=FIRST_MONTH
        )
        actions = Action.objects.bulk_create(
            [
                Action(
                    plan=plan,
                    reference=f"{n // 10 + 1}.{n % 10 + 1}",
                    order=n,
                    title=f"Action {n}: " + "deliver " * 8,
                    lead_organisation=org,
                    owner=officer,
                    start_date=FIRST_MONTH,
                    due_date=FIRST_MONTH + relativedelta(months=6 + n % 24, days=-1),
                    status="in_progress",
                    reported_rag=["green", "amber", "red", "green"][n % 4],
                    evidence_of_impact="Evidence of impact recorded.",
                )
                for n in range(ACTIONS)
            ]
        )
        for n, action in enumerate(actions):
            action.measures.add(measures[n % len(measures)])
            action.recommendations.add(recommendations[n % len(recommendations)])
        updates = []
        for n, action in enumerate(actions):
            for k, month in enumerate(months):
                complete = k >= 6 + n % 24
                updates.append(
                    ProgressUpdate(
                        action=action,
                        author=officer,
                        created_at=datetime.datetime.combine(
                            month + datetime.timedelta(days=14), datetime.time(16, 30), tzinfo=tz
                        ),
                        narrative=f"Month {k + 1}: " + "progress is being made on the work " * 5,
                        status="complete" if complete else "in_progress",
                        # Open actions: 60% Green, 25% Amber, 15% Red, as a struggling council's plan might be.
                        rag="blue" if complete else RATINGS[(n + k) % len(RATINGS)],
                        remedial_action="" if complete else "Extra capacity agreed.",
                    )
                )
        ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
        for i in range(INDICATORS):
            indicator = PerformanceIndicator.objects.create(
                plan=plan,
                name=f"Indicator {i + 1}",
                definition="A percentage, monthly.",
                unit="percent",
                polarity="higher" if i % 3 else "lower",
                target=Decimal(70 + i % 20),
                baseline=Decimal(45 + i % 10),
                order=i,
                target_date=months[-1] + relativedelta(months=6),
            )
            indicator.measures.add(measures[i % len(measures)])
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(
                        indicator=indicator,
                        month=month,
                        value=Decimal(40 + (i * 3 + k * 2) % 55),
                        # Entered early the next month, as officers do: counted by the pack's cut-off.
                        entered_at=datetime.datetime.combine(
                            month + relativedelta(months=1, days=4), datetime.time(10), tzinfo=tz
                        ),
                    )
                    for k, month in enumerate(months)
                    if (i + k) % 11  # now and then a month with no value: a gap in the chart
                ]
            )
        for n in range(40):
            Milestone.objects.create(
                plan=plan,
                title=f"Milestone {n}",
                due_date=FIRST_MONTH + relativedelta(months=n // 2),
                achieved_on=None if n % 3 == 0 else FIRST_MONTH + relativedelta(months=n // 2),
            )
        governance(board, months, tz)
    return board.pk, months[-1]


def governance(board, months: list[datetime.date], tz) -> None:
    """The board's action log (12 actions, some overdue, some closed) and risk register (8 risks,
    two escalated), recorded when the meetings happened (so the pack's cut-off counts them)."""
    from improvement_board.boards.governance import BoardAction, BoardRisk

    meetings = list(board.meetings.order_by("date"))
    for n in range(12):
        raised = meetings[-1 - n]
        closed = meetings[-1] if n % 4 == 3 and n else None
        BoardAction.objects.create(
            board=board,
            number=n + 1,
            text=f"Board action {n + 1}: the director to report to the next meeting on " + "the work " * 4,
            owner=f"Owner {n % 3 + 1}",
            due=raised.date + datetime.timedelta(weeks=4 * (1 + n % 3)),
            status=BoardAction.Status.DONE if closed else BoardAction.Status.OPEN,
            raised_at=raised,
            closed_at=closed,
            created_at=datetime.datetime.combine(raised.date, datetime.time(17), tzinfo=tz),
        )
    for n in range(8):
        risk = BoardRisk.objects.create(
            board=board,
            title=f"Risk {n + 1}: " + "capacity in the workforce " * 2,
            cause="Turnover of social workers and managers " * 3,
            likelihood=1 + n % 5,
            impact=1 + (n * 2) % 5,
            owner=f"Owner {n % 3 + 1}",
            mitigations="Recruitment campaign; agency cover agreed. " * 2,
            review_date=months[-1] + relativedelta(months=2),
            escalated=n < 2,
            created_at=datetime.datetime.combine(months[-3], datetime.time(17), tzinfo=tz),
        )
        risk.history.update(history_date=risk.created_at)


def agenda(board_id: int, meeting_date: datetime.date) -> None:
    """The meeting's agenda: three items with PDF papers (4, 6 and 2 pages) and one without."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from weasyprint import HTML

    from improvement_board.boards import meeting_services
    from improvement_board.models import ImprovementBoard

    board = ImprovementBoard.objects.get(pk=board_id)
    for title, pages in (("Finance report", 4), ("Workforce update", 6), ("Health partners' report", 2)):
        body = "".join(
            f'<h1 style="break-before: page">{title}, page {n + 1}</h1>' + "<p>" + "The paper's text. " * 120 + "</p>"
            for n in range(pages)
        )
        paper = HTML(string=f"<html><body>{body}</body></html>").write_pdf()
        meeting_services.agenda_item_add(
            board=board,
            meeting_date=meeting_date,
            title=title,
            paper=SimpleUploadedFile(f"{title[:8]}.pdf", paper, "application/pdf"),
        )
    meeting_services.agenda_item_add(board=board, meeting_date=meeting_date, title="Any other business")


def make_pack(board_id: int, meeting_date: datetime.date) -> int:
    """The board's pack for a meeting (default cut-off), through the service, not queued."""
    from improvement_board.models import ImprovementBoard, User
    from improvement_board.reports import packs

    board = ImprovementBoard.objects.get(pk=board_id)
    chair = board.chair or User.objects.filter(role="chair").first()
    return packs.board_pack_create(board=board, meeting_date=meeting_date, requested_by=chair, queue=False).pk


def render(pack_id: int) -> dict:
    """Render one meeting pack in this process; returns timings and the process's peak memory."""
    import io

    import pypdfium2
    from django.db import connections

    from improvement_board.models import BoardReport
    from improvement_board.reports import content as reports
    from improvement_board.reports import services

    connections.close_all()
    pack = BoardReport.objects.select_related("board__council", "board__chair").get(pk=pack_id)
    # What the worker does, and only that (the selectors run inside it, once).
    started, cpu = time.perf_counter(), time.process_time()
    pdf = services.board_report_pdf(board=pack.board, period=pack.period, version=pack.version, pack=pack)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    # The selectors' share, timed again on their own, outside the render's time.
    selecting = time.process_time()
    content = reports.report_content(pack.board, pack.period, cut=pack.cutoff, meeting_date=pack.meeting_date)
    selecting = time.process_time() - selecting
    return {
        "wall": done - started,
        "cpu": cpu,
        "selectors": selecting,
        "actions": len(content.actions),
        "bytes": len(pdf),
        "pages": len(pypdfium2.PdfDocument(io.BytesIO(pdf))),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _first_render(pack_id: int) -> dict:
    """The first pack of a fresh worker process, with WeasyPrint's import timed separately."""
    started = time.perf_counter()
    import weasyprint  # noqa: F401

    imported = time.perf_counter() - started
    result = render(pack_id)
    result["import"] = imported
    return result


def sutton_pack() -> int:
    """Sutton's demo plan (load_demo_data) and its pack for the board's latest demo meeting."""
    from django.core.management import call_command

    from improvement_board.models import ImprovementBoard

    call_command("load_demo_data", verbosity=0, stdout=io.StringIO())
    board = ImprovementBoard.objects.get(slug="sutton")
    meeting = board.meetings.order_by("-date").first()
    return make_pack(board.pk, meeting.date)


def main() -> int:
    setup_django()
    from django.db import connections

    started = time.perf_counter()
    board_id, period = build()
    meeting = (period + relativedelta(months=1)).replace(day=7)
    agenda(board_id, meeting)
    pack_id = make_pack(board_id, meeting)
    sutton_id = sutton_pack()
    print(
        f"built a plan of {ACTIONS} actions x {MONTHS} months of updates, {INDICATORS} indicators "
        f"in {time.perf_counter() - started:.1f} s; its pack for the meeting on {meeting:%-d %B %Y}; and Sutton's "
        f"demo pack"
    )
    connections.close_all()
    context = multiprocessing.get_context("fork")

    load_before = os.getloadavg()
    with context.Pool(1) as pool:
        one = pool.apply(_first_render, (pack_id,))
        # The best of two (by CPU time) in the same warm worker, for each pack.
        again = min((pool.apply(render, (pack_id,)) for _ in range(2)), key=lambda r: r["cpu"])
        sutton = min((pool.apply(render, (sutton_id,)) for _ in range(2)), key=lambda r: r["cpu"])
        peak = pool.apply(render, (pack_id,))["peak_mb"]
        alone = pool.apply(weasyprint_alone, (pack_id,))
        sutton_alone = pool.apply(weasyprint_alone, (sutton_id,))
    floor = context.Pool(1).apply(chromium_floor, (pack_id,))
    load = os.getloadavg()
    # Judged by CPU time: a warm worker on a quiet machine takes about its CPU time, and on a shared,
    # loaded machine the wall time is mostly waiting for a core (both are printed).
    big_ok = again["cpu"] < TARGET_SECONDS and peak < TARGET_MB
    sutton_ok = sutton["cpu"] < SUTTON_SECONDS
    print(
        f"load average (1, 5, 15 min) {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} before the "
        f"renders, {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} after, on {os.cpu_count()} cores: wall times are "
        f"reliable only when the load is below the cores; the targets are judged by CPU time"
    )
    print(f"the {ACTIONS}-action pack: {one['pages']} pages, {one['bytes'] / 1024:.0f} KB")
    print(
        f"  first in a fresh worker: {one['wall']:.2f} s wall, {one['cpu']:.2f} s of CPU "
        f"(+ {one['import']:.2f} s importing WeasyPrint)"
    )
    print(
        f"  next in the same warm worker (best of 2): {again['wall']:.2f} s wall, {again['cpu']:.2f} s of CPU "
        f"(of which selectors about {again['selectors']:.2f} s; wall above CPU is time waiting for a core on a "
        f"shared machine), peak memory {peak:.0f} MB  [target < {TARGET_SECONDS:.0f} s, < {TARGET_MB} MB: "
        f"{'met' if big_ok else 'NOT met'}]"
    )
    print(
        f"  Chromium (already open) printing the same HTML: {floor:.2f} s (the floor); "
        f"WeasyPrint / Chromium = {again['wall'] / floor:.1f} by wall time, {again['cpu'] / floor:.1f} by "
        f"WeasyPrint's CPU time"
    )
    print(
        f"  WeasyPrint alone on the same HTML (no stylesheet, header, tags or papers; {alone['pages']} pages): "
        f"{alone['cpu']:.2f} s of CPU: the engine's own cost for this content"
    )
    print(
        f"Sutton's demo pack ({sutton['actions']} actions, {sutton['pages']} pages) in the warm worker (best of 2): "
        f"{sutton['wall']:.2f} s wall, {sutton['cpu']:.2f} s of CPU  [target < {SUTTON_SECONDS:.0f} s: "
        f"{'met' if sutton_ok else 'NOT met'}]"
    )
    print(
        f"  WeasyPrint alone on the same HTML (no stylesheet, header, tags or papers; {sutton_alone['pages']} "
        f"pages): {sutton_alone['cpu']:.2f} s of CPU"
    )

    with context.Pool(WORKERS) as pool:
        pool.map(_first_render, [pack_id] * WORKERS, chunksize=1)  # warm both workers, as a running worker is
        started = time.perf_counter()
        results = pool.map(render, [pack_id] * SAMPLE, chunksize=1)
        sample = time.perf_counter() - started
    estimate = COUNCILS * sample / SAMPLE
    print(
        f"{SAMPLE} packs on {WORKERS} worker processes: {sample:.1f} s "
        f"({sample / SAMPLE:.2f} s per pack of throughput; slowest single {max(r['wall'] for r in results):.2f} s)"
    )
    print(
        f"all boards of {COUNCILS} councils, each with this {ACTIONS}-action plan, on {WORKERS} workers: "
        f"about {estimate:.0f} s ({estimate / 60:.1f} min), extrapolated as {COUNCILS} x {sample:.1f} s / {SAMPLE}"
    )
    return 0 if big_ok and sutton_ok else 1


if __name__ == "__main__":
    sys.exit(main())
