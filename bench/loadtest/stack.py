"""The orchestrator's side of ``bench/load.py``: the scratch database, Redis database, temporary
files and gunicorn (``Stack``; ``close`` undoes all), the accounts made for the simulated users,
and the machine's CPU counters."""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"  # loopback only, for everything
PSQL = ["psql", "-h", HOST, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-X", "-q"]
SUTTON = "E09000029"
REPORT_PERIOD = "2012-10"
WEIGHTS = {"officer": 4, "observer": 3, "chair": 1, "api": 2}
SETUP_TIMEOUT = 600  # seconds, per setup command


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
