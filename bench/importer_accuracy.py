"""How well the importer reads real Ofsted reports: score it against a judgements CSV.

    .venv/bin/python bench/importer_accuracy.py FOLDER CSV [--part all|dev|held-out] [--misses]

FOLDER holds the reports (PDF or text); CSV has one row per published judgement:
``file,council,published,framework,area,grade`` (as Ofsted's national datasets record them).
Each report is read as an uploaded file would be (no help from its file name: the file's name is
not used, so the council and the publication date must come from the document)
with a council lookup over every English council (the vendored national release).

Printed: judgements right per framework and per judgement area, every miss, judgements the
report does not make (invented), reports that could not be read (no framework, no council, no
date), the council and date found, and the parse time per report, CPU and wall (text extraction included), with the
slowest reports and the load average (wall time under load is not the parser's).

``--part dev`` / ``--part held-out`` score a fixed split by council (about 60 / 40, from a hash
of the council's name, so every report of a council falls on the same side): develop rules on
``dev`` and check them on ``held-out`` to estimate how they generalise to councils never seen.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspections.grading import normalise  # noqa: E402
from inspections.national import fixture_path  # noqa: E402
from inspections.national.councils import read_councils  # noqa: E402
from inspections.parsing import parse_document  # noqa: E402
from inspections.parsing.councils import lookup_from_names  # noqa: E402

TIME_TARGET = 0.5


def area_key(area: str) -> str:
    """One key per judgement area across the wordings reports and datasets use."""
    a = re.sub(r"[^a-z ]+", " ", (area or "").lower())
    if "overall" in a:
        return "overall"
    if re.search(r"\blscb\b|safeguarding children board", a):
        return "lscb"
    if re.search(r"looked after|in care\b", a):
        return "in care"  # "children in care and care leavers" (ILACS before 2023) is one judgement
    if "care leaver" in a:
        return "care leavers"
    if "adoption" in a:
        return "adoption"
    if re.search(r"\blead(?:ers|ership)\b", a):
        return "leadership"
    if "help and protection" in a:
        return "help and protection"
    return a.strip()


def part_of(council: str) -> str:
    return "dev" if int(hashlib.sha256(council.encode()).hexdigest(), 16) % 10 < 6 else "held-out"


def council_lookup():
    councils = read_councils(fixture_path("ofsted_2025"), fixture_path("referrals"))
    by_code = {c.ons_code: c.name for c in councils}
    return lookup_from_names((c.ons_code, (c.name, c.dfe_name)) for c in councils), by_code


def slug(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", (name or "").lower().replace("&", " and ")).split()
    return "-".join(w for w in words if w not in {"and", "of", "the", "city", "county", "borough", "council"})


def read(path: Path, lookup):
    """The parse result, with the wall time and the CPU time it took (extraction included)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = parse_document(path, council_lookup=lookup, use_file_name=False)
    return result, time.perf_counter() - start, time.process_time() - cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("csv", type=Path)
    ap.add_argument("--part", choices=("all", "dev", "held-out"), default="all")
    ap.add_argument("--misses", action="store_true", help="list every miss (default: the first 40)")
    args = ap.parse_args(argv)

    expected: dict[str, list[dict]] = defaultdict(list)
    with args.csv.open(newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if args.part == "all" or part_of(row["council"]) == args.part:
                expected[row["file"]].append(row)
    lookup, names = council_lookup()

    right = total = 0
    by_fw: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_area: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses, invented, unreadable, times, meta_wrong, cpu_times = [], [], [], [], [], []
    inferred = inferred_exact = 0
    inferred_days: list[int] = []
    for name in sorted(expected):
        rows = expected[name]
        path = args.folder / name
        if not path.exists():
            path = args.folder / "reports" / name
        if not path.exists():
            unreadable.append(f"{name}: file not found")
            continue
        result, seconds, cpu = read(path, lookup)
        times.append((seconds, name))
        cpu_times.append((cpu, name))
        fw = rows[0]["framework"]
        if result.framework is None:
            unreadable.append(f"{name}: no framework ({'; '.join(result.warnings)[:160]})")
        elif result.framework != fw:
            unreadable.append(f"{name}: read as {result.framework}, dataset says {fw}")
        found: dict[str, list] = defaultdict(list)
        for j in result.judgements:
            found[area_key(j.area)].append(j)
        wanted = {area_key(r["area"]) for r in rows}
        for r in rows:
            key = area_key(r["area"])
            level = normalise(r["framework"], r["grade"])
            got = found.get(key, [])
            ok = bool(got) and got[0].level == (level.value if level else None)
            total += 1
            right += ok
            by_fw[r["framework"]][0] += ok
            by_fw[r["framework"]][1] += 1
            by_area[(r["framework"], key)][0] += ok
            by_area[(r["framework"], key)][1] += 1
            if not ok:
                misses.append(
                    f"{name}: {r['area']!r} is {r['grade']!r}; read "
                    f"{', '.join(repr(j.grade) for j in got) or 'nothing'}"
                )
        for key, items in found.items():
            extra = items if key not in wanted else items[1:]
            invented += [f"{name}: {j.section} / {j.area!r} = {j.grade!r} (line {j.line})" for j in extra]
        # council and date from the document alone
        council_ok = result.council is not None and slug(names.get(result.council, "")).startswith(
            slug(rows[0]["council"])[:10]
        )
        published = date.fromisoformat(rows[0]["published"])
        date_ok = result.published == published
        if result.published and any("inferred" in w for w in result.warnings if "publication" in w):
            inferred += 1
            inferred_exact += date_ok
            date_ok = abs((result.published - published).days) <= 7  # inferred, with a warning
            inferred_days.append(abs((result.published - published).days))
        if not council_ok or not date_ok:
            meta_wrong.append(
                f"{name}: council {names.get(result.council, result.council_name)!r}"
                f"{'' if council_ok else ' WRONG'}, published {result.published}{'' if date_ok else ' WRONG'}"
            )

    print(
        f"judgements right: {right}/{total} = {right / max(total, 1):.4f}  (part: {args.part}, {len(expected)} reports)"
    )
    print("\nper framework:")
    for fw, (ok, n) in sorted(by_fw.items()):
        print(f"  {fw:6} {ok:4}/{n:<4} {ok / n:.4f}")
    print("\nper judgement area:")
    for (fw, key), (ok, n) in sorted(by_area.items()):
        print(f"  {fw:6} {key:22} {ok:4}/{n:<4} {ok / n:.4f}")
    print(f"\nmisses ({len(misses)}):")
    for line in misses if args.misses else misses[:40]:
        print("  " + line)
    print(
        f"\njudgements not in the dataset: invented, or a judgement the national data do not record ({len(invented)}):"
    )
    for line in invented[:40]:
        print("  " + line)
    print(f"\nreports not read ({len(unreadable)}):")
    for line in unreadable:
        print("  " + line)
    print(
        f"\ncouncil or publication date wrong or missing without the file name ({len(meta_wrong)}; "
        f"{inferred} dates inferred with a warning, {inferred_exact} of them exact, "
        f"max {max(inferred_days, default=0)} days out; an inferred date within 7 days counts as found):"
    )
    for line in meta_wrong:
        print("  " + line)
    for label, measured in (("CPU", cpu_times), ("wall", times)):
        if not measured:
            continue
        secs = sorted(t for t, _ in measured)
        slowest = sorted(measured, reverse=True)[:3]
        print(
            f"\nparse {label} time per report (extraction included): mean {statistics.mean(secs):.3f} s, "
            f"median {statistics.median(secs):.3f} s, max {slowest[0][0]:.3f} s; "
            f"{sum(t < TIME_TARGET for t in secs)}/{len(secs)} under {TIME_TARGET} s; slowest: "
            + ", ".join(f"{n} {t:.3f} s" for t, n in slowest)
        )
    print(f"load average when done: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
