"""The governorate x month grid's cell rule (massacres/dashboard/heatmap.py): a count only where the
month's report details every massacre; a gap where no report (or only a summary) covers it; a zero of a
month detailed only in part is not a known zero."""

from __future__ import annotations

from massacres.dashboard import heatmap


def test_a_month_detailed_in_full_counts_from_zero():
    assert heatmap.cell(0, True, False, True) == heatmap.Cell("count", 0, "0", "0 massacres")
    assert heatmap.cell(1, True, False, True).hover == "1 massacre"
    assert heatmap.cell(24, True, False, True).text == "24"


def test_a_month_detailed_only_in_part_marks_its_zeros_and_counts():
    zero = heatmap.cell(0, True, False, False)
    assert (zero.kind, zero.value, zero.text) == ("incomplete", 0, "0*")
    assert "report details only the most notable massacres" in zero.hover and "not a known zero" in zero.hover
    some = heatmap.cell(4, True, False, False)
    assert (some.kind, some.value, some.text) == ("count", 4, "4*")
    assert some.hover.startswith("4 massacres detailed, at least")


def test_gaps_say_why():
    assert heatmap.cell(None, False, False, None) == heatmap.Cell("gap", None, "–", "no report covers the month")
    summary = heatmap.cell(None, True, True, False)
    assert summary.kind == "gap" and "summary only" in summary.hover


def test_a_late_incident_in_a_month_without_a_report_counts_and_says_so():
    late = heatmap.cell(2, False, False, None)
    assert (late.kind, late.text) == ("count", "2") and "recorded late" in late.hover


def test_grid_runs_the_months_along_each_row():
    cells = heatmap.grid([[None, 3, 0], [1, 0, 2]], [False, True, True], [False, False, False], [None, True, False])
    assert [[c.text for c in row] for row in cells] == [["–", "3", "0*"], ["1", "0", "2*"]]
