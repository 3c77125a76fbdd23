"""The dashboard in a real headless Chromium (Debian's package, driven by Playwright):
every page by direct visit, a filter change that changes a chart, the map canvas drawn.
Screenshots go to test-artifacts/ (README screenshots are copied from there)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGES = [
    ("", "overview", '[data-testid="stMetric"]'),
    ("Perpetrators", "perpetrators", '[data-testid="stPlotlyChart"]'),
    ("Trends", "trends", '[data-testid="stPlotlyChart"]'),
    ("Victims", "victims", '[data-testid="stPlotlyChart"]'),
    ("Map", "map", '[data-testid="stDeckGlJsonChart"] canvas'),
    ("Incidents", "incidents", '[data-testid="stDataFrame"]'),
    ("Data_quality", "data-quality", '[data-testid="stDataFrame"]'),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from massacres.cli import main

    db = tmp_path_factory.mktemp("db") / "massacres.duckdb"
    assert main(["build", "--reports", str(ROOT / "data" / "reports"), "--db", str(db)]) == 0
    yield from serve(db)


def serve(db: Path):
    """The app on a free port reading `db`: yields its URL, stops it afterwards (for a fixture)."""
    port = _free_port()
    env = {**os.environ, "MASSACRES_DB": str(db)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    pg = browser.new_page(viewport={"width": 1400, "height": 1100})
    pg.failed = []
    pg.on("requestfailed", lambda req: pg.failed.append(req.url))
    yield pg
    pg.close()


def _open(page, url: str, wait_for: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector(wait_for, timeout=60_000)


@pytest.mark.parametrize("path, name, wait_for", PAGES, ids=[p[1] for p in PAGES])
def test_every_page_renders_on_a_direct_visit(app_url, page, path, name, wait_for):
    ARTIFACTS.mkdir(exist_ok=True)
    _open(page, f"{app_url}/{path}", wait_for)
    page.wait_for_timeout(1500 if name == "map" else 500)  # deck.gl draws just after the rerun
    assert page.locator('[data-testid="stException"]').count() == 0
    # The shared filters are on every page, even on a first visit straight to it.
    assert page.get_by_text("Include uncertain attributions").is_visible()
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if name == "map":
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        box = canvas.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 300
        assert not [u for u in page.failed if "127.0.0.1" not in u], page.failed  # offline: no failing request


def test_perpetrator_filter_changes_a_chart_and_the_url(app_url, page):
    _open(page, f"{app_url}/Trends", '[data-testid="stPlotlyChart"]')
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    before = chart.inner_html()
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Russia", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('perp=russia')", timeout=30_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(800)
    assert chart.inner_html() != before
    page.screenshot(path=str(ARTIFACTS / "trends-russia.png"), full_page=True)
    # The URL reopens the same view in a new session.
    url = page.url
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    # The filter's own chip (the sidebar's Cite-this-view box also names the party, inside a closed expander).
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').get_by_text("Russia")
    assert chips.first.is_visible()


def test_the_page_list_names_the_overview_and_keeps_the_filters_across_pages(app_url, page):
    _open(page, f"{app_url}/?perp=russia", '[data-testid="stMetric"]')
    sidebar = page.locator('[data-testid="stSidebar"]')
    links = sidebar.locator('[data-testid="stPageLink"]')
    # Each link's text is its icon's ligature name, then its label.
    assert [t.split("\n")[-1] for t in links.all_inner_texts()] == [
        "Overview",
        "Perpetrators",
        "Trends",
        "Victims",
        "Map",
        "Incidents",
        "Data quality",
        "Add a report",
        "Review",
        "Incident",
        "About the data",
    ]
    assert sidebar.locator('[data-testid="stSidebarNav"]').count() == 0  # Streamlit's own list ("app")
    sidebar.get_by_role("link", name="Trends").click()
    page.wait_for_function("() => location.pathname.endsWith('/Trends')", timeout=30_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
    assert page.get_by_role("heading", name="Trends").first.is_visible()
    assert sidebar.get_by_text("Russia").first.is_visible()  # the filter came along
    page.wait_for_function("() => location.search.includes('perp=russia')", timeout=30_000)  # and the URL
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "trends-after-page-link.png"))


def test_invalid_url_values_show_a_notice(app_url, page):
    _open(page, f"{app_url}/?perp=martians&min_killed=lots", '[data-testid="stMetric"]')
    # At the top of the page, in view without scrolling (issue 14 point 13), not at the sidebar's foot.
    notice = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(has_text="martians").first
    assert notice.is_visible()
    box = notice.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]
    assert page.locator('[data-testid="stException"]').count() == 0


def test_incidents_download_is_made_on_a_click(app_url, page):
    """The CSV is made when its button is clicked (Streamlit's deferred download), in the browser."""
    import pandas as pd

    _open(page, f"{app_url}/Incidents?perp=russia", '[data-testid="stDataFrame"]')
    with page.expect_download(timeout=60_000) as download:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    # The default range: the reports' months, 1 September to 31 October 2017.
    assert download.value.suggested_filename == "massacres-incidents_2017-09-01_2017-10-31.csv"
    csv = pd.read_csv(download.value.path())
    assert len(csv) == 20 and set(csv["perpetrator"]) == {"russia"}
    assert page.locator('[data-testid="stException"]').count() == 0


def test_data_quality_report_selector_keeps_the_url(app_url, page):
    from playwright.sync_api import expect

    _open(page, f"{app_url}/Data_quality", '[data-testid="stDataFrame"]')
    assert page.get_by_role("heading", name="September 2017 report").is_visible()
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Report")
    expect(box.locator("input")).to_have_value("September 2017 · 2 of 19 figures differ")
    box.click()
    page.get_by_role("option", name="October 2017 · 7 of 12 figures differ").click()
    page.wait_for_function("() => location.search.includes('report=2017-10')", timeout=30_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_role("heading", name="October 2017 report").wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="September 2017 report").count() == 0
    # A copied URL reopens October.
    page.goto(page.url)
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_role("heading", name="October 2017 report").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_upload_a_report_previews_then_replaces_on_confirmation(app_url, page):
    """The Add-a-report page in the browser: a real file input, the preview, the replacement
    confirmation (October is already in the app's temporary database), then the write."""
    ARTIFACTS.mkdir(exist_ok=True)
    _open(page, f"{app_url}/Add_report", '[data-testid="stFileUploader"]')
    assert page.get_by_text("Size limit: 10 MB per file").is_visible()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(ROOT / "data" / "reports" / "snhr-2017-10-massacres.txt")
    )
    page.get_by_text("What the file holds: the October 2017 report").wait_for(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    assert page.get_by_text("October 2017 is already in the database").is_visible()
    replace = page.get_by_role("button", name="Replace October 2017")
    assert replace.is_disabled()  # not before the replacement is acknowledged
    page.get_by_text("Replace the stored October 2017 report").click()
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Replace October 2017') && !b.disabled)",
        timeout=30_000,
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1400, "height": 3300})  # the app scrolls inside: show it all at once
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "add-report.png"))
    page.set_viewport_size({"width": 1400, "height": 1100})
    replace.click()
    page.get_by_text("Wrote the October 2017 report from").wait_for(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("What the file holds").count() == 0  # the uploader starts empty again
    page.get_by_text("Recent writes to the database").click()  # the ingest log: the upload is its last row
    page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]').wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "add-report-written.png"), full_page=True)
