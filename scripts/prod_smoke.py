#!/usr/bin/env python3
"""make prod-smoke: the production stack, for real, on loopback.

Starts gunicorn (2 workers), one Celery worker and exactly one Celery beat with production
settings (DEBUG off, a generated SECRET_KEY, static files collected and served by WhiteNoise)
against a scratch PostgreSQL database it creates (and drops) and a spare Redis database number
(flushed), loads the demo data, and then:

1. smoke: signs in as the officer (CSRF token from the form, a cookie jar), logs progress on an
   action; signs in as the chair; waits for BEAT's schedule (the monthly entry made to fire every
   few seconds by REPORT_SCHEDULE_SECONDS) to have the worker make a monthly report; downloads
   it (%PDF, size); checks /healthz/ (200 for staff with every check ok; 200 with no details for
   the anonymous); checks the request id reached the worker's log lines;
2. PostgreSQL restarted under the running app (pg_ctlcluster restart): the next requests answer
   200 within a time bound and none hangs;
3. backup and restore: `manage.py backup` of the scratch database and media, `manage.py restore`
   into a second, empty scratch database and media directory, which checks every table's count
   and a sample of rows against the manifest.

Everything it started is stopped, and the scratch databases dropped, whatever happens. Prints what
it did and how long each step took; exits non-zero on any failure.

Plain HTTP on loopback, so SECURE_SSL_REDIRECT=0 and SECURE_COOKIES=0 here (production runs
behind TLS with both on). Options: --skip-pg-restart (restarting PostgreSQL interrupts anything
else using it on this machine), --keep (leave the scratch directory for inspection).
Environment: PG_URL_BASE (default postgres://postgres@127.0.0.1:5432), REDIS_BASE (default
redis://127.0.0.1:6379), PROD_SMOKE_REDIS_DB (default 13), PROD_SMOKE_PORT (default: a free port).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
PG_URL_BASE = os.environ.get("PG_URL_BASE", "postgres://postgres@127.0.0.1:5432")
REDIS_BASE = os.environ.get("REDIS_BASE", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("PROD_SMOKE_REDIS_DB", "13"))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = int(os.environ.get("PROD_SMOKE_PORT") or _free_port())
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-2012")
REQUEST_TIMEOUT = 20
PG_RECOVERY_BOUND = 15.0  # seconds for the app to answer 200 again after PostgreSQL restarts

results: list[tuple[str, float, str]] = []


class SmokeFailure(Exception):
    pass


def step(name: str):
    """Decorator-free timing helper: ``with step("x"):``"""

    class _Step:
        def __enter__(self):
            self.started = time.monotonic()
            print(f"--> {name}", flush=True)
            return self

        def __exit__(self, exc_type, exc, tb):
            elapsed = time.monotonic() - self.started
            status = "ok" if exc is None else f"FAILED: {exc}"
            results.append((name, elapsed, status))
            print(f"    {status} ({elapsed:.1f} s)", flush=True)
            return False

    return _Step()


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def psql(sql: str, db: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{PG_URL_BASE}/{db}", "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        raise SmokeFailure(f"psql: {result.stderr.strip()}")
    return result.stdout.strip()


def redis_cli(*args: str) -> str:
    host = urllib.parse.urlparse(REDIS_BASE)
    result = subprocess.run(
        ["redis-cli", "-h", host.hostname or "127.0.0.1", "-p", str(host.port or 6379), "-n", str(REDIS_DB), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.stdout.strip()


class Stack:
    """The processes of the stack, each in its own process group, logs to files."""

    def __init__(self, workdir: Path, env: dict):
        self.workdir = workdir
        self.env = env
        self.procs: dict[str, subprocess.Popen] = {}

    def manage(self, *args: str, env: dict | None = None, timeout: int = 600) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env or self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode:
            raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return result.stdout

    def start(self, name: str, command: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "w")
        self.procs[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise SmokeFailure(f"{name} exited with {proc.returncode}:\n{self.log(name)[-3000:]}")

    def stop(self) -> None:
        for name, proc in reversed(list(self.procs.items())):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        deadline = time.monotonic() + 20
        for name, proc in self.procs.items():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"    {name} did not stop on SIGTERM; killing it", flush=True)
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=10)


class Browser:
    """A cookie jar and CSRF tokens from forms, over urllib; never follows a redirect by itself."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect)

    def request(
        self, path: str, data: dict | None = None, headers: dict | None = None, timeout: float = REQUEST_TIMEOUT
    ):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + "/", **(headers or {})})
        try:
            response = self.opener.open(req, timeout=timeout)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read()

    def csrf(self, page: bytes) -> str:
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        check(match is not None, "no CSRF token in the form")
        return match.group(1).decode()

    def sign_in(self, username: str) -> None:
        status, _, page = self.request("/account/sign-in/")
        check(status == 200, f"sign-in page answered {status}")
        status, headers, body = self.request(
            "/account/sign-in/", {"csrfmiddlewaretoken": self.csrf(page), "username": username, "password": PASSWORD}
        )
        check(status == 302, f"signing in as {username} answered {status}: {body[:300]!r}")


def wait_for_http(stack: Stack, path: str = "/account/sign-in/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stack.alive()
        try:
            with urllib.request.urlopen(BASE + path, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SmokeFailure(f"gunicorn did not answer {path} within {timeout:.0f} s:\n{stack.log('gunicorn')[-3000:]}")


def run(args) -> None:
    tag = secrets.token_hex(4)
    db_name, restore_db = f"ib_smoke_{tag}", f"ib_smoke_restore_{tag}"
    workdir = Path(tempfile.mkdtemp(prefix="prod-smoke-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG_URL_BASE}/{db_name}",
        "REDIS_URL": f"{REDIS_BASE}/{REDIS_DB}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS and cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "VAR_DIR": str(workdir / "var"),
        "REPORT_SCHEDULE_SECONDS": "5",
        "OUTBOX_DRAIN_SECONDS": "5",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "SENTRY_DSN": "",
        "PYTHONUNBUFFERED": "1",
    }
    stack = Stack(workdir, env)
    print(f"prod-smoke: scratch database {db_name}, Redis db {REDIS_DB}, http://127.0.0.1:{PORT}, files in {workdir}")
    created = []
    try:
        with step("create the scratch database, migrate, collect static files, load the demo data"):
            psql(f'CREATE DATABASE "{db_name}"')
            created.append(db_name)
            redis_cli("FLUSHDB")
            stack.manage("migrate", "--noinput")
            stack.manage("collectstatic", "--noinput", "--verbosity", "0")
            stack.manage("load_demo_data")
            deploy = subprocess.run(
                [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            check(deploy.returncode == 0, f"check --deploy: {deploy.stderr[-2000:]}")

        import socket

        with socket.socket() as sock:
            check(sock.connect_ex(("127.0.0.1", PORT)) != 0, f"port {PORT} is already in use")
        with step("start gunicorn (2 workers), one Celery worker, exactly one beat"):
            stack.start(
                "gunicorn",
                [
                    str(BIN / "gunicorn"),
                    "improvement_board.wsgi",
                    "--bind",
                    f"127.0.0.1:{PORT}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "10",
                ],
            )
            stack.start(
                "worker",
                [
                    str(BIN / "celery"),
                    "-A",
                    "improvement_board",
                    "worker",
                    "--pool=solo",
                    "--loglevel=INFO",
                    "--hostname",
                    f"smoke-{tag}@%h",
                    "--without-mingle",
                    "--without-gossip",
                ],
            )
            stack.start(
                "beat",
                [
                    str(BIN / "celery"),
                    "-A",
                    "improvement_board",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(workdir / "celerybeat-schedule"),
                ],
            )
            wait_for_http(stack)

        smoke(stack, workdir)
        if args.skip_pg_restart:
            print("--> PostgreSQL restart: skipped (--skip-pg-restart)")
        else:
            pg_restart(stack)
        stack.alive()
    finally:
        with step("stop the stack"):
            stack.stop()
    try:
        backup_restore(stack, workdir, db_name, restore_db, created)
    finally:
        with step("drop the scratch databases and the Redis db"):
            for name in created:
                psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            redis_cli("FLUSHDB")
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-pg-restart", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    failed = None
    try:
        run(args)
    except Exception as exc:  # noqa: BLE001 - reported below
        failed = exc
    print("\nprod-smoke summary:")
    for name, elapsed, status in results:
        print(f"  {'ok  ' if status == 'ok' else 'FAIL'} {elapsed:6.1f} s  {name}")
    print(f"  total {time.monotonic() - started:.1f} s")
    if failed is not None:
        print(f"\nprod-smoke FAILED: {failed}", file=sys.stderr)
        return 1
    print("prod-smoke passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
