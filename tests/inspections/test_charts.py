"""The one chart module: what a reader of the page or the printed pack would notice."""

from __future__ import annotations

import datetime
import re

from inspections import charts
from inspections.months import add_months

JAN = datetime.date(2026, 1, 1)


def _months(n, start=datetime.date(2025, 11, 1)):
    return [add_months(start, i) for i in range(n)]


def _chart(values, **extra):
    months = _months(len(values))
    return charts.line_chart(
        title="Line chart: visits on time",
        in_words="82% in April 2026, not meeting the target of 90%.",
        series=[charts.Series("Visits on time", list(zip(months, values)))],
        target=charts.Target(90, "Target 90%"),
        fmt=lambda v: f"{v:g}%",
        percent=True,
        **extra,
    )


def _numbers(svg, element, attribute):
    return [float(v) for v in re.findall(rf'<{element}\b[^>]*\b{attribute}="([\d.]+)"', svg)]


def test_the_axis_is_fitted_to_the_data_and_target_not_0_to_100():
    svg = _chart([80, 82, 81, 84, 83, 82])
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', svg)
    assert labels[0] != "0%" and labels[-1] != "100%"
    assert float(labels[0].rstrip("%")) <= 80 and float(labels[-1].rstrip("%")) >= 90


def test_the_target_has_its_own_line_style_and_a_label():
    svg = _chart([80, 82])
    assert 'stroke-dasharray="14 6"' in svg  # the target's long dash, unlike the solid value line
    assert svg.count(">Target 90%</text>") == 2  # at the line's end and in the key


def test_months_are_spaced_by_time_and_carry_their_years():
    months = [datetime.date(2025, 11, 1), datetime.date(2025, 12, 1), datetime.date(2026, 6, 1)]
    svg = charts.line_chart(title="t", in_words="w", series=[charts.Series("v", list(zip(months, [1, 2, 3])))])
    xs = _numbers(svg, "rect", "x")[1:]  # the first rect is the background
    assert (xs[2] - xs[1]) > 5 * (xs[1] - xs[0])  # six months apart is drawn six times as far as one
    assert ">2025</text>" in svg and ">2026</text>" in svg and ">Nov</text>" in svg


def test_a_missing_month_is_a_gap_and_a_lone_value_still_shows():
    svg = _chart([80, 82, None, 84, None, 86])
    assert svg.count("<polyline") == 1  # only the first two values are joined
    assert len(_numbers(svg, "rect", "width")) == 1 + 4 + 1  # background, 4 value markers, the key's marker


def test_the_trajectory_runs_from_baseline_to_target():
    path = charts.trajectory(start=datetime.date(2025, 11, 1), baseline=70, by=datetime.date(2026, 4, 1), target=90)
    svg = _chart([80, 82, 84, 85, 86, 88], trajectory=path)
    assert 'stroke-dasharray="4 4"' in svg and ">Trajectory to target</text>" in svg


def test_text_stays_text_and_nothing_needs_the_csp_relaxed():
    svg = _chart([80, 82])
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg
    assert "<title" in svg and "82% in April 2026, not meeting the target of 90%.</desc>" in svg
    assert 'role="img"' in svg


def test_labels_are_escaped():
    svg = charts.line_chart(title="A <b> & c", in_words="x < y", series=[charts.Series("<v>", [(JAN, 1)])])
    assert "<b>" not in svg and "&lt;v&gt;" in svg and "x &lt; y" in svg


def test_no_values_says_so():
    svg = charts.line_chart(title="t", in_words="w", series=[charts.Series("v", [])])
    assert "No values yet" in svg


def test_ticks_are_round_numbers_covering_the_range():
    assert charts.nice_ticks(80, 90) == [80, 82.5, 85, 87.5, 90]
    assert charts.nice_ticks(0.3, 7.9)[0] == 0 and charts.nice_ticks(0.3, 7.9)[-1] >= 7.9
    assert charts.nice_ticks(95, 99.5, percent=True)[-1] <= 100
