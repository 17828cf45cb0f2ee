"""Load test: the production stack (gunicorn, 2 workers, PostgreSQL, Redis) under 50 simulated users.

    .venv/bin/python bench/load.py                  # 50 users, 2 minutes (plus about 2 minutes of setup and comparisons)
    .venv/bin/python bench/load.py --quick          # 20 seconds, to check it works
    .venv/bin/python bench/load.py --users 50 --duration 120 --spawn-rate 10 --think 1-3 --national-scale

Everything it needs it makes itself and removes afterwards, even on failure or Ctrl-C: a scratch
PostgreSQL database on 127.0.0.1 (``psql -h 127.0.0.1 -U postgres``, trust authentication), an
empty Redis database number on 127.0.0.1:6379, a temporary directory for static files (collected,
served by WhiteNoise), media and logs, and gunicorn with 2 workers bound to 127.0.0.1 only, with
production settings (DEBUG off, a generated SECRET_KEY; plain HTTP on loopback, so no TLS redirect
and no Secure cookies). It loads the demo data and the national data, a synthetic plan for every
council (120 actions x 24 months; about 20 s; ``--no-national-scale`` leaves it out), stores
Sutton's October 2012 board report, and creates one account per simulated user (and API tokens)
through the ORM. It stops by itself: every setup command, gunicorn's start and the load run have
time limits.

The app's rate limits stay on (nothing is switched off): sign-in allows 60 POSTs a minute from one
address (counted per gunicorn worker while no shared cache is configured), the API 6000 requests
an hour per token. All users come from 127.0.0.1, so each signs in once, spread over the first
``users / spawn-rate`` seconds; a 429 counts as an error and its request name says which limit.

The simulated people (locust, FastHttpUser; each signs in once and keeps its session):

- officers (4 in 10) log progress: the plan, one of their actions, the progress form, then a POST
  of a progress update with its CSRF token. Each officer account updates its own actions, so two
  officers never edit the same action (no edit conflicts unless there are more officers than actions);
- observers (3 in 10) open the dashboards overview and a council's dashboard;
- chairs (1 in 10) open the board page and download the report. There is one board chair,
  ``sutton.chair``, who needs a TOTP code after the password: the first simulated chair signs in
  with both (a device made in setup, the code computed from its key) and the others share that
  session, since a TOTP code is accepted once;
- API clients (2 in 10) list councils and Sutton's actions with a token.

Phases, all with the same users and the same server:

1. **The run** (``--duration``): every user waits ``--think`` seconds (random, uniform) between
   steps, as a person reading a page would. Figures: requests per second, p50/p95/p99 and errors,
   overall and per request name. Target: no errors, p95 under 300 ms.
2. **Capacity** (``--compare-duration`` each): the same users and mix with no think time (as fast
   as the server answers), then the same number of users requesting a trivial view as fast as it
   answers: the sign-in page (a Django view through the whole middleware stack, no database query)
   and, for reference, a static file served by WhiteNoise (and ``/healthz/`` when the app has one
   that answers 200). Our pages' throughput is printed as a share of the trivial view's.

The load generator runs on the same machine as the server, so it takes CPU from it; the figures
print the machine's load average and how much of its CPU the server and the load generator used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"  # loopback only, for everything
PSQL = ["psql", "-h", HOST, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q"]
SUTTON = "E09000029"
REPORT_PERIOD = "2012-10"
TARGET_P95_MS = 300
WEIGHTS = {"officer": 4, "observer": 3, "chair": 1, "api": 2}
SETUP_TIMEOUT = 600  # seconds, per setup command


# --------------------------------------------------------------------------------------------
# The orchestrator: setup, gunicorn, the locust child process, cleanup.
# --------------------------------------------------------------------------------------------


class Failed(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_busy_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def process_jiffies(pids: set[int]) -> dict[int, int]:
    """utime + stime of each of these processes and all their descendants (living ones)."""
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(rest[1])
        times[int(entry.name)] = int(rest[11]) + int(rest[12])
    chosen, frontier = set(), {p for p in pids if p in times}
    while frontier:
        chosen |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in chosen}
    return {pid: times[pid] for pid in chosen}


def database_backends(database: str) -> set[int]:
    """The PostgreSQL server processes serving ``database`` now."""
    result = subprocess.run(
        [*PSQL, "-At", "-c", f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return {int(line) for line in result.stdout.split() if line.strip().isdigit()}


class Stack:
    """The scratch database, Redis database, temporary files and gunicorn; ``close`` undoes all."""

    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
        self.database = f"bench_load_{os.getpid()}_{secrets.token_hex(3)}"
        self.database_created = False
        self.redis_db: int | None = None
        self.gunicorn: subprocess.Popen | None = None
        self.port = 0
        self.env = dict(os.environ)

    # -- setup ---------------------------------------------------------------------------
    def run(self, *command: str, timeout: float = SETUP_TIMEOUT, capture: bool = False) -> str:
        started = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=self.env,
            timeout=timeout,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        if result.returncode != 0:
            raise Failed(f"{' '.join(command[:4])} failed ({result.returncode}):\n{result.stdout[-3000:]}")
        if not capture:
            last = result.stdout.strip().splitlines()[-1:] or [""]
            log(
                f"  {' '.join(command[1:4]) if command[0] == PYTHON else command[0]}: "
                f"{time.perf_counter() - started:.1f} s  {last[0][:110]}"
            )
        return result.stdout

    def manage(self, *command: str, timeout: float = SETUP_TIMEOUT) -> str:
        return self.run(PYTHON, "manage.py", *command, timeout=timeout)

    def choose_redis_db(self) -> int:
        import redis

        client = redis.Redis(host=HOST, port=6379, socket_timeout=5)
        client.ping()
        count = int(client.config_get("databases").get("databases", 16))
        empty = [n for n in range(1, count) if redis.Redis(host=HOST, port=6379, db=n, socket_timeout=5).dbsize() == 0]
        if not empty:
            raise Failed("No empty Redis database number on 127.0.0.1:6379.")
        return random.choice(empty)

    def setup(self) -> dict:
        args = self.args
        log(f"setup in {self.tmp}")
        self.redis_db = self.choose_redis_db()
        # PostgreSQL may be restarting (other work on this machine tests that): wait up to 60 s.
        deadline = time.monotonic() + 60
        while True:
            created = subprocess.run(
                [*PSQL, "-c", f'CREATE DATABASE "{self.database}"'], timeout=60, capture_output=True, text=True
            )
            if created.returncode == 0:
                break
            if time.monotonic() > deadline:
                raise Failed(f"Could not create the scratch database: {created.stderr.strip()}")
            time.sleep(3)
        self.database_created = True
        self.env.update(
            {
                "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{self.database}",
                "REDIS_URL": f"redis://{HOST}:6379/{self.redis_db}",
                "DEBUG": "0",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": f"{HOST},localhost",
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_COOKIES": "0",
                "SECURE_HSTS_SECONDS": "0",
                "VAR_DIR": str(self.tmp / "var"),
                "STATIC_ROOT": str(self.tmp / "static"),
                "MEDIA_ROOT": str(self.tmp / "media"),
                "DJANGO_SETTINGS_MODULE": "improvement_board.settings",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.env.pop("SENTRY_DSN", None)
        log(f"  database {self.database}, Redis database {self.redis_db}")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_data", "-v", "0")
        self.manage("import_national_data", "-v", "1")
        national = None
        if args.national_scale:
            started = time.perf_counter()
            self.manage("generate_plans", "--councils", "all", "--actions", "120", "--months", "24")
            national = time.perf_counter() - started
        self.manage("board_report", "--council", SUTTON, "--period", REPORT_PERIOD, "--store")
        script = SETUP_SCRIPT.replace("__PER_ROLE__", str(args.users)).replace("__OUT__", str(self.tmp / "setup.json"))
        self.run(PYTHON, "manage.py", "shell", "-c", script)
        config = json.loads((self.tmp / "setup.json").read_text())
        config["national_seconds"] = national
        log(
            f"  accounts: {len(config['accounts']['officer'])} per role; Sutton plan {len(config['sutton_actions'])} "
            f"actions; {len(config['ons_codes'])} councils; report {config['report_pk']}; "
            f"chair's TOTP device: {'yes' if config['otp'] else 'no (django-otp not installed in the app)'}"
        )
        return config

    def start_gunicorn(self) -> None:
        self.port = free_port()
        logfile = open(self.tmp / "gunicorn.log", "wb")
        self.gunicorn = subprocess.Popen(
            [
                GUNICORN,
                "improvement_board.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{self.port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--error-logfile",
                "-",
                # Server-side time per request (from the worker taking it to the response written,
                # without the wait in the listen queue): which pages cost the time.
                "--access-logfile",
                str(self.tmp / "access.log"),
                "--access-logformat",
                "%(t)s %(m)s %(U)s %(s)s %(D)s",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise Failed(f"gunicorn exited ({self.gunicorn.returncode}):\n{self.gunicorn_log()}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/account/sign-in/", timeout=5) as response:
                    if response.status == 200:
                        log(f"gunicorn (2 workers) answering on http://{HOST}:{self.port}/ (pid {self.gunicorn.pid})")
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise Failed(f"gunicorn did not answer within 60 s:\n{self.gunicorn_log()}")

    def gunicorn_log(self, lines: int = 40) -> str:
        path = self.tmp / "gunicorn.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.port}{path}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, OSError):
            return 0

    # -- cleanup -------------------------------------------------------------------------
    def close(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.terminate()  # the master; it stops its workers
            try:
                self.gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.gunicorn.pid, signal.SIGKILL)  # its own session, started above
                self.gunicorn.wait(timeout=10)
            log("gunicorn stopped")
        if self.database_created:
            result = subprocess.run(
                [*PSQL, "-c", f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'],
                timeout=60,
                capture_output=True,
                text=True,
            )
            log(
                f"scratch database {self.database} "
                f"{'dropped' if result.returncode == 0 else 'NOT dropped: ' + result.stderr.strip()}"
            )
        if self.redis_db is not None:
            try:
                import redis

                redis.Redis(host=HOST, port=6379, db=self.redis_db, socket_timeout=5).flushdb()
                log(f"Redis database {self.redis_db} emptied")
            except Exception as error:  # noqa: BLE001 - cleanup reports and goes on
                log(f"Redis database {self.redis_db} NOT emptied: {error}")
        shutil.rmtree(self.tmp, ignore_errors=True)


SETUP_SCRIPT = textwrap.dedent("""
    import json
    import secrets
    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from improvement_board.api.tokens import api_token_create
    from actions.models import Action
    from improvement_board.models import BoardReport, ImprovementBoard, User
    from inspections.models import Council

    PER_ROLE = __PER_ROLE__
    sutton = Council.objects.get(ons_code="E09000029")
    password = secrets.token_urlsafe(18)
    hashed = make_password(password)  # once: every bench account shares it, so setup stays fast
    accounts = {"officer": [], "observer": [], "api": [], "chair": []}
    for role, prefix, fields in [
        ("officer", "bench.officer", {"role": "officer", "council": sutton}),
        ("observer", "bench.observer", {"role": "observer", "observes_all_councils": True}),
        ("api", "bench.api", {"role": "observer", "observes_all_councils": True}),
    ]:
        for n in range(PER_ROLE):
            user = User.objects.create(username=f"{prefix}{n:03d}", password=hashed, first_name="Bench",
                                       last_name=f"{role.title()} {n}", **fields)
            entry = {"username": user.username}
            if role == "api":
                entry["token"] = api_token_create(user=user, name="Load test", days=7, verified=False)[1]
            accounts[role].append(entry)
    board = ImprovementBoard.objects.get(slug="sutton")
    chair = board.chair
    chair.password = hashed
    chair.save(update_fields=["password"])
    otp = apps.is_installed("django_otp") and apps.is_installed("django_otp.plugins.otp_totp")
    chair_entry = {"username": chair.username}
    if otp:
        from django_otp.plugins.otp_totp.models import TOTPDevice
        # The app asks for a code from the chair's first confirmed device: make one if none.
        device = TOTPDevice.objects.filter(user=chair, confirmed=True).order_by("pk").first()
        device = device or TOTPDevice.objects.create(user=chair, name="bench", confirmed=True)
        chair_entry.update(otp_key=device.key, otp_step=device.step, otp_digits=device.digits)
    accounts["chair"] = [chair_entry]
    plan_actions = list(Action.objects.filter(plan__council=sutton, plan__is_active=True)
                        .order_by("pk").values_list("pk", flat=True))
    report = BoardReport.objects.filter(board=board, status="ready").order_by("-pk").first()
    codes = list(Council.objects.filter(is_current=True).order_by("ons_code").values_list("ons_code", flat=True))
    json.dump({"password": password, "accounts": accounts, "sutton_actions": plan_actions,
               "report_pk": report.pk if report else None, "board_slug": board.slug, "ons_codes": codes,
               "otp": otp}, open("__OUT__", "w"))
""")


def run_load(stack: Stack, config: dict, args) -> dict:
    """Run the locust phases in a child process (gevent patches everything it imports)."""
    spec = {
        "host": f"http://{HOST}:{stack.port}",
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "duration": args.duration,
        "compare_duration": args.compare_duration,
        "think": args.think,
        "config": config,
        "trivial": [],
        "out": str(stack.tmp / "results.json"),
    }
    healthz = stack.status("/healthz/")
    spec["trivial"].append({"name": "sign-in page (GET /account/sign-in/)", "path": "/account/sign-in/"})
    static = "/static/css/app.css"
    if stack.status(static) == 200:
        spec["trivial"].append({"name": f"static file via WhiteNoise ({static})", "path": static})
    if healthz == 200:
        spec["trivial"].append({"name": "/healthz/ (anonymous)", "path": "/healthz/"})
    log(
        f"/healthz/ answers {healthz or 'nothing'} to an anonymous GET"
        f"{'' if healthz == 200 else ': not used as a trivial view'}"
    )
    (stack.tmp / "spec.json").write_text(json.dumps(spec))
    budget = (
        60 + args.users / args.spawn_rate * 2 + args.duration + args.compare_duration * (1 + len(spec["trivial"])) * 1.5
    )
    child = subprocess.Popen(
        [PYTHON, __file__, "--run-locust", str(stack.tmp / "spec.json")],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    ours = {stack.gunicorn.pid, child.pid}
    samples, stop = [], threading.Event()

    def sample() -> None:
        # Every 5 s: load average, the machine's busy CPU and ours (gunicorn and its workers,
        # their PostgreSQL server processes, locust). A process first seen is counted whole.
        previous = (cpu_busy_jiffies(), process_jiffies(ours | database_backends(stack.database)))
        while not stop.wait(5):
            (busy, total), mine = cpu_busy_jiffies(), process_jiffies(ours | database_backends(stack.database))
            (pbusy, ptotal), pmine = previous
            used = sum(t - pmine.get(pid, 0) for pid, t in mine.items())
            phase = (stack.tmp / "phase").read_text() if (stack.tmp / "phase").exists() else ""
            samples.append(
                {
                    "phase": phase,
                    "load1": float(loadavg().split()[0]),
                    "busy": (busy - pbusy) / max(total - ptotal, 1),
                    "ours": used / max(total - ptotal, 1),
                }
            )
            previous = ((busy, total), mine)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        child.wait(timeout=budget)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise Failed(f"the load run did not finish within {budget:.0f} s") from None
    finally:
        stop.set()
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != 0 or not Path(spec["out"]).exists():
        raise Failed(f"the load run failed ({child.returncode}); gunicorn log:\n{stack.gunicorn_log()}")
    results = json.loads(Path(spec["out"]).read_text())
    results["samples"] = samples
    results["server"] = server_times(stack.tmp / "access.log", results["main"]["wall"])
    return results


PAGES = [  # the access log's paths, named as the load generator names them
    ("officer: POST progress", "POST", r"/actions/\d+/progress/"),
    ("officer: progress form", "GET", r"/actions/\d+/progress/"),
    ("officer: action", "GET", r"/actions/\d+/"),
    ("officer: plan", "GET", r"/actions/"),
    ("observer: dashboards overview", "GET", r"/dashboards/"),
    ("observer: council dashboard", "GET", r"/dashboards/[^/]+/"),
    ("chair: download report", "GET", r"/boards/[^/]+/reports/\d+/download/"),
    ("chair: board page", "GET", r"/boards/[^/]+/"),
    ("api: councils", "GET", r"/api/v1/councils/"),
    ("api: Sutton actions", "GET", r"/api/v1/councils/[^/]+/actions/"),
]


def server_times(path: Path, window: list[float]) -> dict:
    """Median and 95th percentile of gunicorn's own time per request name, in ms, within ``window``."""
    import datetime

    times: dict[str, list[float]] = {}
    if not path.exists():
        return {}
    for line in path.read_text(errors="replace").splitlines():
        match = re.match(r"\[([^\]]+)\] (\S+) (\S+) (\d+) (\d+)", line)
        if not match:
            continue
        when = datetime.datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
        if not window[0] - 1 <= when <= window[1] + 1:
            continue
        for name, method, pattern in PAGES:
            if match.group(2) == method and re.fullmatch(pattern, match.group(3)):
                times.setdefault(name, []).append(int(match.group(5)) / 1000)
                break
    result = {}
    for name, values in times.items():
        values.sort()
        result[name] = {
            "p50": values[len(values) // 2],
            "p95": values[min(len(values) - 1, int(len(values) * 0.95))],
            "mean": sum(values) / len(values),
        }
    return result


# --------------------------------------------------------------------------------------------
# The report.
# --------------------------------------------------------------------------------------------


def table(rows: list[dict], seconds: float, server: dict | None = None) -> str:
    """Rows of request statistics; a row's own "seconds" (if any) is its measuring time. With
    ``server``, two more columns: gunicorn's own median and mean time for that request name."""
    head = f"{'request':<38} {'count':>7} {'req/s':>7} {'errors':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7}"
    if server is not None:
        head += f" {'srv p50':>8} {'srv mean':>8}"
    lines = [head, "-" * len(head)]
    for row in rows:
        line = (
            f"{row['name'][:38]:<38} {row['count']:>7} {row['count'] / row.get('seconds', seconds):>7.1f} "
            f"{row['failures']:>7} {row['p50']:>6.0f} {row['p95']:>6.0f} {row['p99']:>6.0f} {row['max']:>7.0f}"
        )
        if server is not None and row["name"] in server:
            line += f" {server[row['name']]['p50']:>8.0f} {server[row['name']]['mean']:>8.0f}"
        lines.append(line)
    return "\n".join(lines)


def load_range(samples: list[dict], phase: str) -> str:
    chosen = [s["load1"] for s in samples if s["phase"] == phase]
    return f"{min(chosen):.2f}-{max(chosen):.2f}" if chosen else "?"


def summarise_cpu(samples: list[dict], phase: str) -> str:
    chosen = [s for s in samples if s["phase"] == phase]
    if not chosen:
        return "no samples"
    busy = sum(s["busy"] for s in chosen) / len(chosen) * 100
    ours = sum(s["ours"] for s in chosen) / len(chosen) * 100
    return (
        f"load average (1 min) {load_range(samples, phase)}; "
        f"CPU busy {busy:.0f}% of {os.cpu_count()} CPUs, of which ours {ours:.0f}% (gunicorn, its PostgreSQL "
        f"connections, locust), "
        f"everything else {max(busy - ours, 0):.0f}%"
    )


def report(results: dict, config: dict, args, command: str, load_before: str) -> bool:
    main = results["main"]
    seconds = main["seconds"]
    total = main["total"]
    print()
    print(
        f"=== The run: {args.users} users ({', '.join(f'{n} {k}' for k, n in results['mix'].items())}), "
        f"think time {args.think} s, {seconds:.0f} s measured, gunicorn 2 workers ==="
    )
    print(
        f"setup: demo data + national data{' + synthetic plans for every council (120 actions x 24 months)' if args.national_scale else ''}"
        + (f" [generate_plans took {config['national_seconds']:.0f} s]" if config.get("national_seconds") else "")
    )
    print(
        f"sign-in (once per user, before measuring): {results['signin']['count']} sign-ins, "
        f"{results['signin']['failures']} errors, p50 {results['signin']['p50']:.0f} ms, "
        f"p95 {results['signin']['p95']:.0f} ms{'; the chair with a TOTP code, one session shared by the simulated chairs' if config['otp'] else ''}"
    )
    print(table(main["rows"] + [dict(total, name="ALL")], seconds, results.get("server", {})))
    print(
        "(times in ms; p50-max as the users saw them, srv = gunicorn's own time for the request, "
        "without the wait for a free worker)"
    )
    if main["errors"]:
        print("errors:")
        for error in main["errors"]:
            print(f"  {error['occurrences']:>5} x {error['method']} {error['name']}: {error['error'][:200]}")
    print(
        f"machine during the run: {summarise_cpu(results['samples'], 'main')}; load average before setup: {load_before}"
    )

    capacity = results["capacity"]
    print()
    print(f"=== Capacity: the same {args.users} users with no think time, {args.compare_duration:.0f} s each ===")
    ours_rps = capacity["mix"]["total"]["count"] / capacity["mix"]["seconds"]
    print(
        table(
            [dict(capacity["mix"]["total"], name="our pages (same mix)")]
            + [dict(t["total"], name=t["name"], seconds=t["seconds"]) for t in capacity["trivial"]],
            capacity["mix"]["seconds"],
        )
    )
    trivial = capacity["trivial"][0]
    trivial_rps = trivial["total"]["count"] / trivial["seconds"]
    share = ours_rps / trivial_rps * 100 if trivial_rps else 0
    print(
        f"our pages: {ours_rps:.1f} req/s, {share:.0f}% of the trivial view ({trivial['name']}: {trivial_rps:.1f} req/s)"
    )
    for other in capacity["trivial"][1:]:
        rps = other["total"]["count"] / other["seconds"]
        print(f"  for reference, {other['name']}: {rps:.1f} req/s (ours are {ours_rps / rps * 100:.0f}% of it)")
    print(f"machine during capacity runs: {summarise_cpu(results['samples'], 'capacity-mix')} (mix)")

    errors = total["failures"] + results["signin"]["failures"]
    met = errors == 0 and total["p95"] < TARGET_P95_MS
    print()
    print(
        f"SUMMARY: {total['count'] / seconds:.1f} req/s over {seconds:.0f} s with {args.users} users "
        f"(think {args.think} s); p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms; "
        f"{errors} errors of {total['count'] + results['signin']['count']} requests; "
        f"target (no errors, p95 < {TARGET_P95_MS} ms) {'MET' if met else 'NOT MET'}; "
        f"capacity {ours_rps:.1f} req/s = {share:.0f}% of the sign-in page's {trivial_rps:.1f} req/s; "
        f"1-min load average {load_range(results['samples'], 'main')} during the run on {os.cpu_count()} CPUs"
    )
    print(f"reproduce: {command}")
    return met


# --------------------------------------------------------------------------------------------
# The locust side (a child process: ``bench/load.py --run-locust spec.json``).
# --------------------------------------------------------------------------------------------


def run_locust(spec_path: str) -> int:
    import gevent
    from locust import FastHttpUser, constant, task  # importing locust monkey-patches with gevent
    from locust.env import Environment
    from locust.log import setup_logging

    setup_logging("WARNING")
    spec = json.loads(Path(spec_path).read_text())
    config = spec["config"]
    phase_file = Path(spec_path).with_name("phase")
    low, high = (float(x) for x in spec["think"].split("-")) if "-" in spec["think"] else (float(spec["think"]),) * 2
    from gevent.lock import RLock

    state = {"think": True, "signed_in": 0, "counters": {}, "chair_lock": RLock(), "chair_cookies": None}
    csrf_re = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    input_re = re.compile(r"<input\b[^>]*>", re.S)
    attr_re = re.compile(r'(\w[\w-]*)(?:="([^"]*)")?')

    def inputs(html: str) -> list[dict]:
        return [{k: v for k, v in attr_re.findall(tag[6:-1])} for tag in input_re.findall(html)]

    def totp(key_hex: str, step: int, digits: int) -> str:
        try:
            from django_otp.oath import totp as otp_totp

            return f"{otp_totp(bytes.fromhex(key_hex), step=step, digits=digits):0{digits}d}"
        except Exception:  # noqa: BLE001 - RFC 6238 by hand if django_otp needs Django set up
            import hashlib
            import hmac
            import struct

            digest = hmac.new(
                bytes.fromhex(key_hex), struct.pack(">Q", int(time.time()) // step), hashlib.sha1
            ).digest()
            offset = digest[-1] & 0xF
            return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits:0{digits}d}"

    class Person(FastHttpUser):
        abstract = True
        host = spec["host"]
        network_timeout = 30.0
        connection_timeout = 10.0
        role = ""

        def wait_time(self):
            return random.uniform(low, high) if state["think"] else 0

        def on_start(self):
            counter = state["counters"].setdefault(self.role, 0)
            state["counters"][self.role] += 1
            self.account = config["accounts"][self.role][counter % len(config["accounts"][self.role])]
            self.index = counter
            if self.role == "chair":
                # One sutton.chair session (password + TOTP code), shared by every simulated chair:
                # a TOTP code is good once, so concurrent sign-ins of one person would be refused.
                with state["chair_lock"]:
                    if state["chair_cookies"] is None:
                        self.sign_in()
                        state["chair_cookies"] = list(self.client.cookiejar)
                    else:
                        for cookie in state["chair_cookies"]:
                            self.client.cookiejar.set_cookie(cookie)
            elif self.role != "api":
                self.sign_in()
            state["signed_in"] += 1

        def get(self, path: str, name: str, check=None, **kwargs):
            with self.client.get(path, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
                if response.status_code != 200:
                    where = response.headers.get("Location", "") if response.headers else ""
                    response.failure(f"HTTP {response.status_code}{' to ' + where if where else ''}")
                    return None
                problem = check(response) if check else None
                if problem:
                    response.failure(problem)
                    return None
                return response

        def sign_in(self):
            page = self.get("/account/sign-in/", "sign-in: GET form")
            if page is None:
                raise gevent.GreenletExit()
            token = csrf_re.search(page.text).group(1)
            with self.client.post(
                "/account/sign-in/",
                name="sign-in: POST",
                allow_redirects=False,
                catch_response=True,
                data={
                    "csrfmiddlewaretoken": token,
                    "username": self.account["username"],
                    "password": config["password"],
                    "next": "",
                },
            ) as response:
                if response.status_code != 302:
                    response.failure(f"HTTP {response.status_code} (not signed in)")
                    return
                location = response.headers.get("Location", "")
            if self.account.get("otp_key") and location.split("?")[0] not in {"", "/"}:
                self.second_factor(location)

        def second_factor(self, location: str):
            """A TOTP step after the password: fill the code field of whatever form the app shows."""
            page = self.get(location, "sign-in: GET code form")
            if page is None:
                return
            data, field = {}, None
            for attrs in inputs(page.text):
                name = attrs.get("name")
                if not name:
                    continue
                if name in {"otp_token", "token", "code", "otp", "otp_code", "totp"}:
                    field = name
                elif attrs.get("type") in {"hidden", None, "text"}:
                    data[name] = attrs.get("value", "")
            if field is None:
                return
            data[field] = totp(self.account["otp_key"], self.account["otp_step"], self.account["otp_digits"])
            action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
            with self.client.post(
                action.group(1) if action else location,
                name="sign-in: POST code",
                allow_redirects=False,
                catch_response=True,
                data=data,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"HTTP {response.status_code} (code refused)")

    class Officer(Person):
        weight = WEIGHTS["officer"]
        role = "officer"

        @task
        def log_progress(self):
            actions = config["sutton_actions"]
            officers = max(1, round(spec["users"] * WEIGHTS["officer"] / sum(WEIGHTS.values())))
            mine = actions[self.index % len(actions) :: officers] or [actions[self.index % len(actions)]]
            pk = random.choice(mine)
            if (
                self.get(
                    "/actions/",
                    "officer: plan",
                    lambda r: None if f"/actions/{pk}/" in r.text else "the plan does not link to the action",
                )
                is None
            ):
                return
            self.wait()
            if self.get(f"/actions/{pk}/", "officer: action") is None:
                return
            self.wait()
            form = self.get(f"/actions/{pk}/progress/", "officer: progress form")
            if form is None:
                return
            data = {
                "csrfmiddlewaretoken": csrf_re.search(form.text).group(1),
                "narrative": f"Bench update {random.randint(1, 10**6)}: case file audit completed; "
                "supervision records checked; practice improving.",
                "remedial_action": "Extra capacity agreed with the service manager.",
                "evidence_of_impact": "Audit results show improvement.",
                "links": "",
            }
            for attrs in inputs(form.text):
                name = attrs.get("name")
                if name == "version":
                    data["version"] = attrs.get("value", "")
                elif name in {"status", "rag"} and "checked" in attrs:
                    data[name] = attrs.get("value", "")
            data.setdefault("status", "in_progress")
            data.setdefault("rag", "green")
            self.wait()
            with self.client.post(
                f"/actions/{pk}/progress/",
                name="officer: POST progress",
                data=data,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    summary = re.findall(r'<li><a href="#[^"]*">([^<]+)</a>', response.text or "")
                    response.failure(
                        f"HTTP {response.status_code} (not saved){': ' + '; '.join(summary) if summary else ''}"
                    )

    class Observer(Person):
        weight = WEIGHTS["observer"]
        role = "observer"

        @task
        def dashboards(self):
            if self.get("/dashboards/", "observer: dashboards overview") is None:
                return
            self.wait()
            code = SUTTON if random.random() < 0.25 else random.choice(config["ons_codes"])
            self.get(f"/dashboards/{code}/", "observer: council dashboard")

    class Chair(Person):
        weight = WEIGHTS["chair"]
        role = "chair"

        @task
        def download(self):
            slug = config["board_slug"]
            if self.get(f"/boards/{slug}/", "chair: board page") is None:
                return
            self.wait()
            self.get(
                f"/boards/{slug}/reports/{config['report_pk']}/download/",
                "chair: download report",
                lambda r: None if r.content[:5] == b"%PDF-" else "not a PDF",
            )

    class ApiClient(Person):
        weight = WEIGHTS["api"]
        role = "api"

        def on_start(self):
            super().on_start()
            self.headers = {"Authorization": f"Token {self.account['token']}", "Accept": "application/json"}

        def json_check(self, response):
            try:
                body = response.json()
            except ValueError:
                return "not JSON"
            return None if isinstance(body, dict) and "results" in body else "no results in the JSON"

        @task
        def read(self):
            if self.get("/api/v1/councils/", "api: councils", self.json_check, headers=self.headers) is None:
                return
            self.wait()
            self.get(
                f"/api/v1/councils/{SUTTON}/actions/", "api: Sutton actions", self.json_check, headers=self.headers
            )

    def snapshot(env, seconds: float) -> dict:
        def row(entry, name=None) -> dict:
            return {
                "name": name or entry.name,
                "count": entry.num_requests,
                "failures": entry.num_failures,
                "p50": entry.get_response_time_percentile(0.5) or 0,
                "p95": entry.get_response_time_percentile(0.95) or 0,
                "p99": entry.get_response_time_percentile(0.99) or 0,
                "max": entry.max_response_time or 0,
            }

        rows = sorted((row(e) for e in env.stats.entries.values() if e.num_requests), key=lambda r: r["name"])
        return {
            "seconds": seconds,
            "rows": rows,
            "total": row(env.stats.total, "ALL"),
            "errors": [
                {"method": e.method, "name": e.name, "error": str(e.error), "occurrences": e.occurrences}
                for e in env.stats.errors.values()
            ],
        }

    def measure(env, seconds: float, phase: str) -> dict:
        phase_file.write_text(phase)
        env.stats.reset_all()
        started, wall = time.monotonic(), time.time()
        gevent.sleep(seconds)
        result = snapshot(env, time.monotonic() - started)
        result["wall"] = [wall, time.time()]
        return result

    def mix_counts(users: int) -> dict:
        total = sum(WEIGHTS.values())
        return {role: round(users * weight / total) for role, weight in WEIGHTS.items()}

    results = {"mix": mix_counts(spec["users"])}
    env = Environment(user_classes=[Officer, Observer, Chair, ApiClient])
    runner = env.create_local_runner()
    phase_file.write_text("spawn")
    print(
        f"[{time.strftime('%H:%M:%S')}] spawning {spec['users']} users at {spec['spawn_rate']}/s, each signing in once",
        flush=True,
    )
    runner.start(spec["users"], spawn_rate=spec["spawn_rate"])
    deadline = time.monotonic() + spec["users"] / spec["spawn_rate"] + 120
    while state["signed_in"] < spec["users"] and time.monotonic() < deadline:
        gevent.sleep(0.5)
    signin = snapshot(env, 0)
    rows = [r for r in signin["rows"] if r["name"].startswith("sign-in")]
    results["signin"] = {
        "count": sum(r["count"] for r in rows if "POST" in r["name"]),
        "failures": sum(r["failures"] for r in rows),
        "p50": max((r["p50"] for r in rows if r["name"] == "sign-in: POST"), default=0),
        "p95": max((r["p95"] for r in rows if r["name"] == "sign-in: POST"), default=0),
        "rows": rows,
        "errors": signin["errors"],
    }
    if signin["errors"]:
        for error in signin["errors"]:
            print(f"  sign-in error: {error['occurrences']} x {error['name']}: {error['error'][:200]}", flush=True)
    print(
        f"[{time.strftime('%H:%M:%S')}] {state['signed_in']} users signed in; measuring {spec['duration']:.0f} s "
        f"with think time {spec['think']} s",
        flush=True,
    )
    results["main"] = measure(env, spec["duration"], "main")
    print(
        f"[{time.strftime('%H:%M:%S')}] capacity: the same users with no think time, {spec['compare_duration']:.0f} s",
        flush=True,
    )
    state["think"] = False
    gevent.sleep(2)  # let the users waiting out a think time get going
    results["capacity"] = {"mix": measure(env, spec["compare_duration"], "capacity-mix"), "trivial": []}
    runner.quit()
    for trivial in spec["trivial"]:
        path = trivial["path"]

        class Trivial(FastHttpUser):
            host = spec["host"]
            wait_time = constant(0)
            network_timeout = 30.0

            @task
            def fetch(self, path=path):
                # ``path`` is bound now: the class is made and run within this iteration.
                with self.client.get(path, name=path, allow_redirects=False, catch_response=True) as response:
                    if response.status_code != 200:
                        response.failure(f"HTTP {response.status_code}")

        print(
            f"[{time.strftime('%H:%M:%S')}] capacity: {spec['users']} users requesting {path}, "
            f"{spec['compare_duration']:.0f} s",
            flush=True,
        )
        env = Environment(user_classes=[Trivial])
        runner = env.create_local_runner()
        runner.start(spec["users"], spawn_rate=spec["users"])
        gevent.sleep(2)
        result = measure(env, spec["compare_duration"], f"capacity-{path}")
        runner.quit()
        result["name"] = trivial["name"]
        results["capacity"]["trivial"].append(result)
    phase_file.write_text("done")
    Path(spec["out"]).write_text(json.dumps(results))
    return 0


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument("--duration", type=float, default=120, help="seconds measured with think time (default 120)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second (default 10)")
    parser.add_argument("--think", default="1-3", help="seconds between a user's steps, MIN-MAX (default 1-3)")
    parser.add_argument(
        "--compare-duration",
        type=float,
        default=20,
        help="seconds for each no-think-time capacity measurement (default 20)",
    )
    parser.add_argument("--quick", action="store_true", help="20 seconds and 10 s capacity runs, to check it works")
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument(
        "--national-scale",
        dest="national_scale",
        action="store_true",
        default=True,
        help="add a synthetic plan (120 actions, 24 months) to every council (default)",
    )
    scale.add_argument(
        "--no-national-scale", dest="national_scale", action="store_false", help="demo and national data only"
    )
    parser.add_argument("--run-locust", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_locust:
        return run_locust(args.run_locust)
    if args.quick:
        args.duration = 20 if args.duration == 120 else args.duration
        args.compare_duration = 10 if args.compare_duration == 20 else args.compare_duration
    if not 1 <= args.users <= 500 or not 1 <= args.duration <= 3600 or args.spawn_rate <= 0:
        parser.error("--users 1-500, --duration 1-3600 s, --spawn-rate above 0")
    command = " ".join([".venv/bin/python", "bench/load.py"] + sys.argv[1:])

    def interrupted(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    load_before = loadavg()
    log(f"load average {load_before} on {os.cpu_count()} CPUs")
    stack = Stack(args)
    try:
        config = stack.setup()
        stack.start_gunicorn()
        results = run_load(stack, config, args)
        problems = [line for line in stack.gunicorn_log(400).splitlines() if "Traceback" in line or "ERROR" in line]
    except Failed as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; cleaning up", file=sys.stderr)
        return 130
    finally:
        stack.close()
    met = report(results, config, args, command, load_before)
    if problems:
        print(f"gunicorn logged {len(problems)} error lines (first: {problems[0][:200]})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
