"""The Review page in a real headless Chromium: a count corrected on the page changes the
Overview's total, and a reload still shows it (the correction is in the database, not the
session). Its own database and app (the shared one of test_browser.py is not changed).

By hand from data/reports/snhr-2017-09-massacres.txt: incident 1 (line 127) kills "12
civilians"; the two reports' details add up to 680 killed, 664 in the Overview's default range (1
September to 31 October: the two August incidents reported late, 5 and 11 killed, are outside it), so
14 makes 666."""

from __future__ import annotations

import shutil

from conftest import ROOT
from test_browser import ARTIFACTS, READY, _open, app_url, browser, page  # noqa: F401 - fixtures

SCREENSHOTS = ROOT / "docs" / "screenshots"


def documented_killed(page) -> str:
    # The Overview's first row of metrics is the documented one: Massacres, Killed, ...
    return page.locator('[data-testid="stMetric"]').nth(1).locator('[data-testid="stMetricValue"]').inner_text()


def test_correct_a_count_on_the_review_page_and_see_the_overview_change(app_url, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    _open(page, f"{app_url}/", '[data-testid="stMetric"]')
    assert documented_killed(page) == "664"

    _open(page, f"{app_url}/Review?report=2017-09", '[data-testid="stExpander"] [data-testid="stForm"] >> visible=true')
    item = page.locator('[data-testid="stExpander"]').filter(has_text="Incident 1 ·").first
    assert "12 killed" in item.inner_text()
    form = item.locator('[data-testid="stForm"]')
    form.get_by_label("Killed", exact=True).fill("14")
    form.get_by_label("Reviewer").fill("Rana")
    form.get_by_label("Reason for a correction").fill("two more victims named in the report's annex")
    form.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved incident 1 of September 2017").wait_for(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    item = page.locator('[data-testid="stExpander"]').filter(has_text="Incident 1 ·").first
    assert "14 killed" in item.inner_text() and "corrected" in item.inner_text()
    page.get_by_role("heading", name="Review").first.scroll_into_view_if_needed()  # the page's top: title, notice
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)

    _open(page, f"{app_url}/", '[data-testid="stMetric"]')
    assert documented_killed(page) == "666"
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    assert documented_killed(page) == "666"

    # The corrected incident, as the Review page's reviewed list shows it: paragraph and review.
    _open(page, f"{app_url}/Review?report=2017-09&show=reviewed", '[data-testid="stExpander"]')
    item = page.locator('[data-testid="stExpander"]').filter(has_text="Incident 1 ·").first
    item.locator("summary").click()
    page.get_by_text("Killed: parsed 12, corrected to 14: two more victims named").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the expander opens with an animation
    item.screenshot(path=str(ARTIFACTS / "review-corrected-incident.png"))
    for name in ("review.png", "review-corrected-incident.png"):
        shutil.copy(ARTIFACTS / name, SCREENSHOTS / name)
