"""The locust side of ``bench/load.py`` (a child process: ``bench/load.py --run-locust spec.json``):
the simulated officers, observers, chairs and API clients, and the phases they run."""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

from .stack import SUTTON, WEIGHTS


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
