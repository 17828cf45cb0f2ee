"""The stack under test and the means to talk to it: settings from the environment, timed steps
and checks, psql and redis-cli, the processes (``Stack``), a cookie-keeping HTTP client
(``Browser``)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
