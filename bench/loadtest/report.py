"""The report of a load run: the figures per request name, the CPU used, and whether the targets
were met."""

from __future__ import annotations

import os

TARGET_P95_MS = 300  # the run's target: no errors and p95 under this


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
