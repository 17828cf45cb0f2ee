"""How long setting up a new council takes in a real browser, and how many pages and requests.

    .venv/bin/python bench/council_setup.py           # runs tests/browser/test_council_setup_browser.py

The journey: a service administrator signs in (password and code), chooses the council and
invites its administrator; the administrator accepts, signs in, invites an officer and a chair,
records the notice, sets up the board and creates the plan (each with its check-your-answers
page and one form sent empty first to show its errors); the officer accepts and opens the plan.
Every page is scanned with axe-core on the way, which is counted in the time. Prints the figures
the test measured: seconds from the first page to the officer's plan, main-frame pages, and all
requests (pages, their styles, scripts and images).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/browser/test_council_setup_browser.py",
            "-m",
            "browser",
            "-s",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    found = re.search(r"COUNCIL SET-UP: .*", run.stdout)
    if run.returncode != 0 or not found:
        print(run.stdout[-4000:], run.stderr[-2000:], sep="\n")
        print("The browser journey failed: no figures.")
        return 1
    print(found.group(0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
