"""Report text is untrusted: markup in a report shows as plain text on every page, and no
script in it runs (a real Chromium visits every page of an app built from a hostile report)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest
from conftest import REPORTS, ROOT
from test_browser import READY, _free_port, browser, page  # noqa: F401 - fixtures shared with the main browser test

MARKUP = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    '<b id="hostile">bold</b> **strong** <a href="javascript:window.__pwned=3">link</a>'
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    from massacres.cli import main

    tmp = tmp_path_factory.mktemp("hostile")
    reports = tmp / "reports"
    reports.mkdir()
    text = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
    # Markup inside a place name and a site, where the parser keeps it as written.
    text = text.replace("at Tabiya Shamiya village", f"at a house {MARKUP} in Tabiya Shamiya village", 1)
    (reports / "hostile.txt").write_text(text, encoding="utf-8")
    db = tmp / "massacres.duckdb"
    assert main(["build", "--reports", str(reports), "--db", str(db)]) == 0
    port = _free_port()
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
        env={**os.environ, "MASSACRES_DB": str(db)},
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


@pytest.mark.parametrize("path", ["", "Perpetrators", "Trends", "Victims", "Map", "Incidents", "Data_quality"])
def test_markup_in_a_report_is_inert(hostile_url, page, path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_url}/{path}")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#hostile").count() == 0  # the <b> was never made an element
    assert dialogs == []


def test_the_paragraph_reads_as_plain_text(hostile_url, page):
    page.goto(f"{hostile_url}/Incidents?perp=syrian_regime")
    page.wait_for_selector(READY, timeout=60_000)
    box = page.get_by_test_id("stTextInputField").first
    box.fill("window.__pwned")
    box.press("Enter")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    # The grid holds the markup as characters: the site cell reads "<script>...", it is not a script.
    # The grid fills its cells a moment after the rerun ends: Playwright waits for the cell.
    cell = page.locator('[data-testid^="glide-cell-"]').filter(has_text="<script>window.__pwned = 1</script>").first
    cell.wait_for(state="attached", timeout=30_000)
    assert "<script>window.__pwned = 1</script>" in cell.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#hostile").count() == 0
