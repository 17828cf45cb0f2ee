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
import os
import signal
import sys

from loadtest.report import report
from loadtest.run import run_load
from loadtest.stack import Failed, Stack, loadavg, log
from loadtest.users import run_locust


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
