"""Running the load: the locust child process (``bench/load.py --run-locust spec.json``) with the
machine's CPU sampled every 5 s, and gunicorn's own time per request from its access log."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from pathlib import Path

from .stack import HOST, PYTHON, ROOT, Failed, Stack, cpu_busy_jiffies, database_backends, loadavg, log, process_jiffies


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
        [PYTHON, str(ROOT / "bench" / "load.py"), "--run-locust", str(stack.tmp / "spec.json")],
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
