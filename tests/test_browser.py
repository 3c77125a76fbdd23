"""The app in a real headless Chromium (Debian's package, driven by Playwright)."""
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
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync", "--disable-quic"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from massacres.cli import main

    db = tmp_path_factory.mktemp("db") / "massacres.duckdb"
    assert main(["build", "--reports", str(ROOT / "data" / "reports"), "--db", str(db)]) == 0
    port = _free_port()
    env = {**os.environ, "MASSACRES_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
def page():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1400})
        yield pg
        browser.close()


def test_app_renders_reports_and_searches(app_url, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    assert page.get_by_text("62 incidents, 680 killed").is_visible()
    page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)
    box = page.get_by_label("Search place, site, perpetrator, governorate or text")
    box.fill("Bokamal")
    box.press("Enter")
    page.get_by_text("8 incidents, 88 killed").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "app-search.png"), full_page=True)


def test_warnings_page_direct_visit(app_url, page):
    page.goto(f"{app_url}/Warnings")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    assert page.get_by_role("heading", name="Parser warnings").is_visible()
    page.screenshot(path=str(ARTIFACTS / "warnings.png"), full_page=True)
