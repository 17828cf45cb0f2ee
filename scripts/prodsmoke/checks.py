"""What ``make prod-smoke`` checks on the running stack: the smoke test (sign-ins, a progress
update, the beat-made report, /healthz/, request ids), PostgreSQL restarted under the app, and a
backup restored into an empty database."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import time
from pathlib import Path

from .stack import PG_RECOVERY_BOUND, PG_URL_BASE, Browser, Stack, check, psql, step


def smoke(stack: Stack, workdir: Path) -> None:
    officer, anonymous = Browser(), Browser()
    with step("static files served by WhiteNoise"):
        status, _, page = anonymous.request("/account/sign-in/")
        css = re.search(rb'href="(/static/[^"]+\.css)"', page)
        check(css is not None, "no stylesheet link on the sign-in page")
        status, headers, body = anonymous.request(css.group(1).decode())
        check(status == 200 and len(body) > 1000, f"stylesheet answered {status}")
        check("max-age" in headers.get("Cache-Control", ""), f"no long cache on hashed static: {headers}")

    with step("officer signs in and logs progress on an action"):
        officer.sign_in("sutton.officer")
        status, _, plan = officer.request("/actions/")
        check(status == 200, f"plan page answered {status}")
        ids = re.findall(rb'href="/actions/(\d+)/"', plan)
        check(bool(ids), "no action on the officer's plan")
        action = ids[0].decode()
        status, _, form = officer.request(f"/actions/{action}/progress/")
        check(status == 200, f"progress form answered {status}")
        fields = {
            "narrative": "Smoke test: audit of 40 case files completed; findings to the next board.",
            "remedial_action": "Extra auditor from next month.",
        }
        for tag in re.findall(rb"<input[^>]*>", form):  # hidden fields and the radios already chosen
            attrs = dict(re.findall(rb'(\w+)="([^"]*)"', tag))
            kind = attrs.get(b"type", b"")
            if b"name" in attrs and (kind == b"hidden" or (kind == b"radio" and re.search(rb"\schecked", tag))):
                fields.setdefault(attrs[b"name"].decode(), attrs.get(b"value", b"").decode())
        status, headers, body = officer.request(f"/actions/{action}/progress/", fields)
        errors = re.findall(rb'<a href="#[^"]*">([^<]+)</a>', body.split(b"govuk-error-summary", 1)[-1][:3000])
        check(status == 302, f"logging progress answered {status}: {errors or body[:300]!r} (sent {sorted(fields)})")
        status, _, page = officer.request(f"/actions/{action}/")
        check(status == 200 and b"audit of 40 case files" in page, "the update is not on the action's page")

    with step("beat's schedule makes a monthly report through the worker"):
        deadline = time.monotonic() + 150
        report_url = None
        while time.monotonic() < deadline and report_url is None:
            stack.alive()
            status, _, board = officer.request("/boards/sutton/")
            check(status == 200, f"board page answered {status}")
            found = re.search(rb'href="(/boards/sutton/reports/\d+/download/)"', board)
            report_url = found.group(1).decode() if found else None
            if report_url is None:
                time.sleep(2)
        check(
            report_url is not None,
            "no report was made within 150 s:\nbeat:\n"
            + stack.log("beat")[-2000:]
            + "\nworker:\n"
            + stack.log("worker")[-3000:],
        )
        # Nothing else queues the monthly task: the worker received it from beat.
        check(
            "improvement_board.tasks.generate_monthly_reports" in stack.log("worker"),
            "the worker's log does not show the monthly task beat sends",
        )

    with step("the report downloads (as the council's officer)"):
        status, headers, pdf = officer.request(report_url)
        check(status == 200, f"download answered {status}")
        check(pdf.startswith(b"%PDF"), "the download is not a PDF")
        check(len(pdf) > 10_000, f"the PDF is only {len(pdf)} bytes")
        print(f"    {report_url}: {len(pdf)} bytes")

    with step("the request id reaches the worker's log lines"):
        # A request that queues a task: the officer's progress update queues nothing, and "generate
        # now" is the chair's (who may need a second factor), so the request id is sent on the
        # officer's board page and a task is queued with it through the outbox, as the view does.
        request_id = f"smoke-{secrets.token_hex(6)}"
        status, headers, _ = officer.request("/boards/sutton/", headers={"X-Request-ID": request_id})
        check(
            status == 200 and headers.get("X-Request-ID") == request_id, f"response id {headers.get('X-Request-ID')!r}"
        )
        stack.manage(
            "shell",
            "-c",
            (
                "import datetime; from improvement_board.ops import observability; from improvement_board.reports import services; "
                "from improvement_board.models import ImprovementBoard; "
                f"observability.set_request_id({request_id!r}); "
                "services.board_report_request(board=ImprovementBoard.objects.get(slug='sutton'), "
                "period=datetime.date(2012, 10, 1))"
            ),
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not re.search(
            rf'"request_id": "{request_id}"[^\n]*generate_board_report', stack.log("worker")
        ):
            time.sleep(1)
        lines = [
            json.loads(line) for line in stack.log("worker").splitlines() if line.startswith("{") and request_id in line
        ]
        check(bool(lines), "the worker logged nothing with the request id")
        check(
            any(line.get("task_name", "").endswith("generate_board_report") for line in lines),
            f"no generate_board_report log line carries the id: {lines[:3]}",
        )
        web = [line for line in stack.log("gunicorn").splitlines() if request_id in line]
        check(bool(web) and all(line.startswith("{") for line in web), "gunicorn's log lines are not JSON")

    with step("/healthz/: details for staff, only the status for the anonymous"):
        status, _, body = anonymous.request("/healthz/")
        check(status == 200 and json.loads(body) == {"status": "ok"}, f"anonymous /healthz/: {status} {body!r}")
        # Staff see each check (tests/ops test the view with a staff sign-in); here the same checks
        # are run in a process of the stack, so the worker's ping goes through the real Redis.
        out = stack.manage(
            "shell",
            "-c",
            (
                "import json; from improvement_board.ops import health; "
                "print(json.dumps({repr(x.check): str(x.error or 'ok') for x in health.HealthView().run_checks()}))"
            ),
        )
        detail = json.loads(out.strip().splitlines()[-1])
        check(len(detail) >= 5 and all(v == "ok" for v in detail.values()), f"health checks: {detail}")
        print("    " + ", ".join(detail))


def pg_restart(stack: Stack) -> None:
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])[-1]
    browser = Browser()
    browser.sign_in("dfe.observer")
    pages = ["/dashboards/", "/councils/", "/healthz/"]
    for path in pages:  # every gunicorn worker holds a connection (CONN_MAX_AGE) before the restart
        for _ in range(4):
            browser.request(path)
    with step(f"PostgreSQL {version} restarted under the running app: the next requests answer 200"):
        started = time.monotonic()
        result = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        restarted = time.monotonic() - started
        check(result.returncode == 0, f"pg_ctlcluster restart: {result.stderr}")
        for _ in range(60):
            if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0:
                break
            time.sleep(0.5)
        ready = time.monotonic() - started
        # Each of the next requests: 200, and within the bound (none hangs). Several rounds so both
        # gunicorn workers, each with a connection the restart broke, serve some of them.
        slowest, first_ok = 0.0, None
        for round_ in range(6):
            for path in pages:
                t0 = time.monotonic()
                status, _, _ = browser.request(path, timeout=PG_RECOVERY_BOUND)
                took = time.monotonic() - t0
                slowest = max(slowest, took)
                check(status == 200, f"{path} answered {status} after the restart (round {round_})")
                first_ok = first_ok if first_ok is not None else time.monotonic() - started
        check(slowest < PG_RECOVERY_BOUND, f"a request took {slowest:.1f} s")
        print(
            f"    restart took {restarted:.1f} s, accepting connections after {ready:.1f} s; first 200 "
            f"{first_ok:.1f} s after the restart began; slowest of 18 requests {slowest:.2f} s"
        )


def backup_restore(stack: Stack, workdir: Path, db_name: str, restore_db: str, created: list) -> None:
    out = workdir / "backup"
    with step("backup: manage.py backup (pg_dump -Fc, media tar, manifest)"):
        print("    " + stack.manage("backup", "--output", str(out)).strip())
        manifest = json.loads((out / "manifest.json").read_text())
        check(manifest["tables"]["improvement_board_boardreport"]["rows"] >= 1, "no report in the backup")
        check(manifest["media_files"] >= 1, "no media in the backup")
    with step("restore into an empty database and media directory; counts and samples match"):
        psql(f'CREATE DATABASE "{restore_db}"')
        created.append(restore_db)
        env = {
            **stack.env,
            "DATABASE_URL": f"{PG_URL_BASE}/{restore_db}",
            "MEDIA_ROOT": str(workdir / "restored-media"),
        }
        print("    " + stack.manage("restore", "--input", str(out), env=env).strip())
        restored = sorted(
            p.relative_to(workdir / "restored-media") for p in (workdir / "restored-media").rglob("*") if p.is_file()
        )
        check(len(restored) == manifest["media_files"], f"{len(restored)} media files restored")
        for table in ("improvement_board_boardreport", "actions_progressupdate", "improvement_board_user"):
            a = psql(f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM {table} t", db_name)
            b = psql(f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM {table} t", restore_db)
            check(a == b, f"{table} differs after the restore")
