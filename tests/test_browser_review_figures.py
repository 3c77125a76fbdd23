"""A report's own stated figure corrected on the Review page in a real headless Chromium: the Overview's
and the Perpetrators page's stated figures change, say what was corrected, and a reload still shows
it (the correction is in the database, not the session). Its own database and app, with the reports
kept beside the database as `make run` keeps them, so the Review page shows the report's lines.

By hand from data/reports/: the September 2017 report states "430 individuals were killed in those
massacres, including 139 children and 85 women" (line 107), October's "435 individuals" (line 144):
865 stated killed over the Overview's default range (both months whole); 431 for September makes 866.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import REPORTS, ROOT
from test_browser import ARTIFACTS, READY, _open, browser, page, serve  # noqa: F401 - fixtures

SCREENSHOTS = ROOT / "docs" / "screenshots"
METRIC = '[data-testid="stMetric"]'


@pytest.fixture(scope="module")
def figures_app(tmp_path_factory):
    from massacres.cli import main

    folder = tmp_path_factory.mktemp("figures")
    shutil.copytree(REPORTS, folder / "reports")
    db = folder / "massacres.duckdb"
    assert main(["build", "--reports", str(folder / "reports"), "--db", str(db)]) == 0
    yield from serve(db)


def metric(page, label: str, nth: int = 0) -> str:
    """The value of the nth metric with this label (the Overview's first Killed is the documented one)."""
    box = page.locator(METRIC).filter(has=page.get_by_text(label, exact=True)).nth(nth)
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_correct_a_stated_total_on_the_review_page_and_see_the_stated_figures_change(figures_app, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    _open(page, f"{figures_app}/", METRIC)
    assert (metric(page, "Killed", 0), metric(page, "Killed", 1)) == ("664", "865")  # documented, stated
    _open(page, f"{figures_app}/Perpetrators?basis=stated", METRIC)
    assert metric(page, "Killed, all parties") == "865"

    _open(page, f"{figures_app}/Review?report=2017-09", '[data-testid="stExpander"]')
    item = page.locator('[data-testid="stExpander"]').filter(has_text="The month's total ·").first
    assert "430 killed" in item.locator("summary").inner_text()
    item.locator("summary").click()
    item.get_by_text("Line 107 of the report (the figure read here):", exact=False).wait_for(timeout=30_000)
    form = item.locator('[data-testid="stForm"]')
    form.get_by_label("Killed", exact=True).fill("431")
    form.get_by_label("Reviewer").fill("Rana")
    form.get_by_label("Reason for a correction").fill("the party lines add up to 431")
    form.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved the month's total of the September 2017 report").wait_for(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    item = page.locator('[data-testid="stExpander"]').filter(has_text="The month's total ·").first
    assert "431 killed" in item.locator("summary").inner_text() and "corrected" in item.inner_text()

    # The corrected figure as the Review page shows it: the report's lines beside the form, and the review.
    if not item.get_by_text("Killed: parsed 430, corrected to 431").first.is_visible():
        item.locator("summary").click()
    item.get_by_text("Killed: parsed 430, corrected to 431: the party lines add up to 431 (Rana)").wait_for(
        timeout=30_000
    )
    page.wait_for_timeout(1000)  # the expander opens with an animation
    item.screenshot(path=str(ARTIFACTS / "review-corrected-figure.png"))

    for reload in (False, True):
        _open(page, f"{figures_app}/", METRIC)
        if reload:
            page.reload()
            page.wait_for_selector(READY, timeout=60_000)
            page.wait_for_selector(METRIC, timeout=60_000)
        assert (metric(page, "Killed", 0), metric(page, "Killed", 1)) == ("664", "866")
        told = page.get_by_text("parsed 430, corrected to 431: the party lines add up to 431 (Rana)", exact=False)
        assert told.first.is_visible()
        _open(page, f"{figures_app}/Perpetrators?basis=stated", METRIC)
        if reload:
            page.reload()
            page.wait_for_selector(READY, timeout=60_000)
            page.wait_for_selector(METRIC, timeout=60_000)
        assert metric(page, "Killed, all parties") == "866"
        assert page.get_by_text("corrected to 431", exact=False).first.is_visible()

    _open(page, f"{figures_app}/", METRIC)
    stated = page.get_by_role("heading", name="Stated by the reports")
    stated.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "overview-corrected-figure.png"), full_page=True)
    for name in ("review-corrected-figure.png", "overview-corrected-figure.png"):
        shutil.copy(ARTIFACTS / name, SCREENSHOTS / name)
