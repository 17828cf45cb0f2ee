"""How well the importer reads recommendations and ILACS "what needs to improve" items: recall,
precision and F1 per report and overall, against the hand-checked lists kept with the tests
(``tests/inspections/parsing/recommendations/``).

    .venv/bin/python bench/importer_recommendations.py [FOLDER] [--misses]

With FOLDER (the folder of the reports as PDFs, e.g. the development set's ``reports``), each
report is read from its PDF as an upload would be; without it, from the text layer stored with
its expected list. An item is right when its section, timescale and text as written match, in
order (see ``inspections.parsing.accuracy``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspections.parsing import parse_document, parse_text  # noqa: E402
from inspections.parsing.accuracy import Score, item_key, misses, score  # noqa: E402

EXPECTED = ROOT / "tests" / "inspections" / "parsing" / "recommendations"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, nargs="?", help="the reports as PDFs (default: the stored text layers)")
    ap.add_argument("--misses", action="store_true", help="print every item missed or not expected")
    args = ap.parse_args(argv)

    total = Score(0, 0, 0)
    print(
        f"{'report':42} {'framework':9} {'expected':>8} {'found':>6} {'recall':>7} {'precision':>9} {'F1':>6} {'CPU s':>6}"
    )
    for path in sorted(EXPECTED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = path.name[: -len(".json")]
        start = time.process_time()
        if args.folder:
            result = parse_document(args.folder / data["document"], use_file_name=False)
        else:
            result = parse_text(gzip.decompress((EXPECTED / f"{name}.txt.gz").read_bytes()).decode("utf-8"))
        cpu = time.process_time() - start
        expected = [item_key(r["section"], r["timescale"], r["text"]) for r in data["recommendations"]]
        found = [item_key(r.section, r.timescale, r.text) for r in result.recommendations]
        s = score(expected, found)
        total += s
        print(
            f"{name:42} {data['framework']:9} {s.expected:8} {s.found:6} {s.recall:7.3f} {s.precision:9.3f} "
            f"{s.f1:6.3f} {cpu:6.3f}"
        )
        if args.misses:
            missed, extra = misses(expected, found)
            for item in missed:
                print(f"    missed: {item}")
            for item in extra:
                print(f"    not expected: {item}")
    print(
        f"{'overall':42} {'':9} {total.expected:8} {total.found:6} {total.recall:7.3f} {total.precision:9.3f} "
        f"{total.f1:6.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
