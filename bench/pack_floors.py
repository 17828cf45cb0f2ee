"""What a board pack's HTML costs other than our render: the two references bench/board_report.py
prints beside its own times.

- :func:`chromium_floor`: Chromium, already open, printing the pack's own HTML to A4 (the floor);
- :func:`weasyprint_alone`: WeasyPrint given the same HTML with nothing of ours (the engine's own cost).

Both run in a worker process of bench/board_report.py, after Django is set up.
"""

from __future__ import annotations

import io
import time


def _pack_html(pack_id: int) -> str:
    """The pack's own HTML, as its render makes it (the print stylesheet inline)."""
    from django.db import connections
    from django.utils import timezone

    from improvement_board.models import BoardReport
    from improvement_board.reports import services

    connections.close_all()
    pack = BoardReport.objects.select_related("board__council").get(pk=pack_id)
    return services.board_report_html(
        board=pack.board, period=pack.period, generated_at=timezone.now(), version=pack.version, pack=pack
    )


def chromium_floor(pack_id: int, runs: int = 3) -> float:
    """The time Chromium, already open (as a warm worker would hold it), takes to print the pack's
    own HTML to an A4 PDF: the floor to compare WeasyPrint's time with. The best of ``runs``."""
    from playwright.sync_api import sync_playwright

    html = _pack_html(pack_id)
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        times = []
        for n in range(runs + 1):  # the first print warms the browser up and is not counted
            started = time.perf_counter()
            page.set_content(html, wait_until="load")
            page.pdf(format="A4", print_background=True, tagged=True)
            if n:
                times.append(time.perf_counter() - started)
        browser.close()
    return min(times)


def weasyprint_alone(pack_id: int, runs: int = 3) -> dict:
    """The pack's own HTML given to WeasyPrint with nothing of ours: no print stylesheet (WeasyPrint's
    default one only), no running header or footer, no tags, no papers, a font configuration made once.
    What the engine itself needs to lay out and draw this content, in the same warm worker: when it is
    over the target, no change to the stylesheet or to how the pack is rendered can meet it. The best
    of ``runs`` by CPU time."""
    import gc
    import re

    import pypdfium2
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = _pack_html(pack_id)
    html = re.sub(r"<style.*?</style>", "", re.sub(r"<link[^>]*>", "", html), flags=re.S)
    fonts = FontConfiguration()
    HTML(string=html).write_pdf(font_config=fonts)  # warm up, as the pack's own renders are
    best = None
    for _ in range(runs):
        gc.disable()
        cpu = time.process_time()
        pdf = HTML(string=html).write_pdf(font_config=fonts)
        cpu = time.process_time() - cpu
        gc.enable()
        best = cpu if best is None else min(best, cpu)
    return {"cpu": best, "pages": len(pypdfium2.PdfDocument(io.BytesIO(pdf)))}
