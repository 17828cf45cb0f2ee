"""Property tests: the parser never raises, whatever text it is given."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections.parsing import parse_text

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) if p.name != "README.md"]
SEED_LINES = [line for text in SEED_TEXTS for line in text.splitlines()]

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
fragments = st.sampled_from(
    [
        "Grade 4 (Inadequate)",
        "Grade 3 (",
        "**",
        "Requires",
        "improvement",
        "Overall effectiveness",
        "\t",
        "Immediately:",
        "Within three months:",
        "- ",
        "• ",
        "\uf0b7",
        "\u25fc ",
        "1. ",
        "Recommendations",
        "Record of main findings:",
        "Judgement Grade",
        "What needs to improve?",
        "Improvement Notice",
        "The Council must take action to:",
        "by the following:",
        "Children’s services in Sutton are good",
        "Inspection of safeguarding and looked after children services",
        "Published: 31 February 2012",
        "Inspection dates: 40 to 2 Smarch 2012",
        "Lead inspector:",
        "12",
        "",
        "\n",
        "3 – Good",
    ]
)


@FAST
@given(
    st.sampled_from(range(len(SEED_TEXTS))),
    st.lists(st.tuples(st.integers(0, 10**6), noise), max_size=8),
    st.lists(st.integers(0, 10**6), max_size=30),
)
def test_mutated_seed_text_never_raises(which, inserts, deletions):
    lines = SEED_TEXTS[which].splitlines()
    for pos in deletions:
        if lines:
            del lines[pos % len(lines)]
    for pos, text in inserts:
        lines.insert(pos % (len(lines) + 1), text)
    result = parse_text("\n".join(lines))
    assert not any(w.startswith("parser error") for w in result.warnings), result.warnings
    result.to_json_dict(include_parts=True)


@FAST
@given(st.lists(st.one_of(fragments, noise, st.sampled_from(SEED_LINES)), max_size=60))
def test_random_line_soup_never_raises(parts):
    result = parse_text("\n".join(parts))
    assert not any(w.startswith("parser error") for w in result.warnings), result.warnings
    for j in result.judgements:
        assert 1 <= j.line <= len(result.lines)
    for r in result.recommendations:
        assert 1 <= r.line <= len(result.lines)
        assert r.timescale in {"immediately", "within_3_months", "within_6_months", "other"}


@FAST
@given(noise)
def test_random_text_never_raises(text):
    """Never raises, and not because an exception was caught and turned into a warning: the
    parser reports a caught exception as a "parser error" warning, and there is none."""
    result = parse_text(text)
    assert not any(w.startswith("parser error") for w in result.warnings), result.warnings
    json.dumps(result.to_json_dict())


def test_an_exception_inside_the_parser_shows_as_a_parser_error(monkeypatch):
    """What the property tests look for: a rule that raises is caught and named in a warning."""
    from inspections.parsing import parser

    def broken(*args, **kwargs):
        raise RuntimeError("a rule broke")

    monkeypatch.setattr(parser, "read_metadata", broken)
    result = parse_text(SEED_TEXTS[0])
    assert "parser error: RuntimeError: a rule broke" in result.warnings
