"""Browser benchmark: every page's time as a user feels it, in headless Chromium, against
Streamlit's own floor measured in the same run.

    .venv/bin/python bench/browser.py                              # bundled data, 100k and 1M
    .venv/bin/python bench/browser.py --sizes 0 --rounds 3 --concurrent 5
    .venv/bin/python bench/browser.py --root /tmp/old-checkout     # the same bench on another version

Size 0 is the bundled reports (data/reports/) built into a temporary file; size N is
bench/out/corpus-N.duckdb from bench/generate.py (made when missing, reused when current).

For each size two Streamlit servers run side by side on this machine: the dashboard (MASSACRES_DB
pointing at the corpus) and the *floor*: bare Streamlit pages at the same URLs, with the same
sidebar (page links and filter widgets) and, per page, the same number and kind of elements as the
dashboard's page drew (plotly charts, dataframes in and out of expanders, a deck.gl map, metrics,
download buttons, images, radios, selectboxes, text inputs, toggles), each holding a token of data
(a three-bar chart, a 62-row table, 62 map points). The floor is what Streamlit itself costs for
that page's layout; the dashboard's time over it is what the page's own work and data cost.

Per page, with one headless Chromium (Debian's /usr/bin/chromium) and a fresh browser context:
  - load: open the page's URL, until the script is idle (stApp's data-test-script-state is
    notRunning), the page's heading is there, no element is stale, every plotly chart has drawn
    its SVG, every dataframe outside an expander and every deck.gl map its canvas, and the counts
    of each kind are those the page draws;
  - nav: from the page before it in the list (loaded and idle), click its link in the sidebar,
    until the same;
  - bytes: what the server sent over the websocket during the load.
An untimed pass first loads every page once (the server imports, caches its queries and figures:
the timed rounds are what a second visitor to the same view gets) and counts its elements, from
which the floor's page is written. The dashboard and the floor alternate round by round, so load
from other work on the machine falls on both; each figure is the median of --rounds.
--concurrent N: N browser contexts open the same page at once; the slowest of the N, median over
--rounds, per page (dashboard and floor).

Targets (issue 16): every page within 1.5x of its floor at the bundled data and 2x at 1M; in-app
navigation under 0.8 s at the bundled data; with 5 concurrent users no page over 3 s.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages as page_bench  # noqa: E402  bench/pages.py: machine(), corpus()

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync", "--disable-quic"]
# (URL path, sidebar link label, heading): the order of the sidebar, so "nav" comes from the page above.
PAGES = [
    ("", "Overview", "Massacres in Syria"),
    ("Perpetrators", "Perpetrators", "Perpetrators"),
    ("Trends", "Trends", "Trends"),
    ("Victims", "Victims", "Victims"),
    ("Map", "Map", "Map"),
    ("Incidents", "Incidents", "Incidents"),
    ("Data_quality", "Data quality", "Data quality"),
    ("Add_report", "Add a report", "Add a report"),
]
PAGE_FILES = {"": "app.py", "Perpetrators": "pages/1_Perpetrators.py", "Trends": "pages/2_Trends.py",
              "Victims": "pages/3_Victims.py", "Map": "pages/4_Map.py", "Incidents": "pages/5_Incidents.py",
              "Data_quality": "pages/6_Data_quality.py", "Add_report": "pages/7_Add_report.py"}
TIMEOUT_MS = 120_000
TARGET_BUNDLED, TARGET_1M, TARGET_NAV_S, TARGET_CONCURRENT_S = 1.5, 2.0, 0.8, 3.0

# What a page draws, counted in its main area. Dataframes inside an expander are counted apart:
# a collapsed expander's table is not drawn until it is opened.
COUNT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const n = s => main.querySelectorAll(s).length;
  const inExp = s => main.querySelectorAll('[data-testid="stExpander"] ' + s).length;
  return {
    plotly: n('[data-testid="stPlotlyChart"]'),
    dataframe: n('[data-testid="stDataFrame"]') - inExp('[data-testid="stDataFrame"]'),
    dataframe_in_expander: inExp('[data-testid="stDataFrame"]'),
    expander: n('[data-testid="stExpander"]'),
    deck: n('[data-testid="stDeckGlJsonChart"]'),
    metric: n('[data-testid="stMetric"]'),
    download: n('[data-testid="stDownloadButton"]'),
    image: n('[data-testid="stImage"]'),
    radio: n('[data-testid="stRadio"]'),
    selectbox: n('[data-testid="stSelectbox"]'),
    text_input: n('[data-testid="stTextInput"]'),
    toggle: n('[data-testid="stCheckbox"]'),
    file_uploader: n('[data-testid="stFileUploader"]'),
    text: n('[data-testid="stText"]') + n('[data-testid="stMarkdown"]') + n('[data-testid="stCaptionContainer"]'),
  };
}"""

# Done: the page of `exp.path` is idle and fully drawn (see the module's docstring).
DONE_JS = """(exp) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (location.pathname.replace(/\\/+$/, '') !== exp.path) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  const h1 = main.querySelector('h1');
  if (!h1 || h1.innerText.trim() !== exp.title) return false;
  if (main.querySelector('[data-stale="true"]')) return false;
  const plots = main.querySelectorAll('[data-testid="stPlotlyChart"]');
  if (plots.length < exp.plotly) return false;
  for (const p of plots) if (!p.querySelector('.main-svg')) return false;
  const frames = [...main.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(d => !d.closest('[data-testid="stExpander"]'));
  if (frames.length < exp.dataframe) return false;
  for (const d of frames) if (!d.querySelector('canvas')) return false;
  const decks = main.querySelectorAll('[data-testid="stDeckGlJsonChart"]');
  if (decks.length < exp.deck) return false;
  for (const d of decks) if (!d.querySelector('canvas')) return false;
  return main.querySelectorAll('[data-testid="stMetric"]').length >= exp.metric;
}"""

FLOOR_COMMON = '''"""The floor: bare Streamlit pages with the element counts of spec.json (bench/browser.py)."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

HERE = Path(__file__).resolve().parent
LINKS = {links}
FRAME = pd.DataFrame({{"date": pd.date_range("2017-08-01", periods=62).date, "place": [f"place {{i}}" for i in range(62)],
                       "governorate": "aleppo", "perpetrator": "russia", "killed": range(5, 67),
                       "children": range(62), "women": range(62), "report": "2017-09"}})

SWATCH = np.full((16, 16, 3), 128, dtype=np.uint8)


def render(path):
    spec = json.loads((HERE / "spec.json").read_text()).get(path, {{}})
    st.set_page_config(page_title="floor", layout="wide")
    for file, label in LINKS:
        st.sidebar.page_link(file, label=label, icon=":material/dashboard:")
    sb = st.sidebar
    sb.date_input("Date range", value=(pd.Timestamp("2017-08-01").date(), pd.Timestamp("2017-10-31").date()))
    for name in ("Perpetrator", "Governorate", "Area of control", "Weapon"):
        sb.multiselect(name, ["a", "b", "c"])
    sb.number_input("Minimum killed", min_value=0, step=1)
    sb.checkbox("Include uncertain attributions", value=True)
    st.title(spec.get("title", "floor"))
    for i in range(spec.get("radio", 0)):
        st.radio(f"radio {{i}}", ["one", "two"], horizontal=True)
    for i in range(spec.get("selectbox", 0)):
        st.selectbox(f"select {{i}}", ["one", "two"])
    for i in range(spec.get("text_input", 0)):
        st.text_input(f"text {{i}}")
    for i in range(spec.get("toggle", 0)):
        st.toggle(f"toggle {{i}}")
    for i in range(spec.get("file_uploader", 0)):
        st.file_uploader(f"upload {{i}}")
    m = spec.get("metric", 0)
    for start in range(0, m, 5):
        for j, col in enumerate(st.columns(5)[: min(5, m - start)]):
            col.metric(f"metric {{start + j}}", f"{{start + j}}")
    for i in range(spec.get("text", 0)):
        st.caption(f"Caption {{i}}: a line of text.")
    for i in range(spec.get("plotly", 0)):
        st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), key=f"chart_{{i}}")
    d = spec.get("download", 0)
    for start in range(0, d, 4):
        for j, col in enumerate(st.columns(4)[: min(4, d - start)]):
            col.download_button("CSV", data=lambda: b"a,b\\n1,2\\n", file_name="x.csv", key=f"dl_{{start + j}}",
                                on_click="ignore")
    e, de = spec.get("expander", 0), spec.get("dataframe_in_expander", 0)
    for i in range(e):
        with st.expander(f"Expander {{i}}"):
            st.text("text")
            for _ in range(de // e + (1 if i < de % e else 0)):
                st.dataframe(FRAME, hide_index=True)
    for i in range(spec.get("dataframe", 0)):
        st.dataframe(FRAME, hide_index=True)
    for i in range(spec.get("deck", 0)):
        layer = pdk.Layer("ScatterplotLayer", data=pd.DataFrame({{"lon": [36 + i / 62 for i in range(62)],
                                                                 "lat": [35 + i / 62 for i in range(62)]}}),
                          get_position=["lon", "lat"], get_radius=3000, get_fill_color=[0, 114, 178])
        st.pydeck_chart(pdk.Deck(layers=[layer], map_style="/app/static/map_style_offline.json",
                                 initial_view_state=pdk.ViewState(latitude=35, longitude=38, zoom=5.5)), height=600)
    for i in range(spec.get("image", 0)):
        st.image(SWATCH, width=16)
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Streamlit server on a free port, stopped by its own process id."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="bench-browser-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=root, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit(f"the server in {root} did not start; see {self.log.name}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def write_floor(folder: Path, root: Path) -> None:
    (folder / "pages").mkdir(parents=True)
    shutil.copytree(root / ".streamlit", folder / ".streamlit")
    shutil.copytree(root / "static", folder / "static")
    links = [(PAGE_FILES[p], label) for p, label, _ in PAGES]
    (folder / "floor_common.py").write_text(FLOOR_COMMON.format(links=repr(links)))
    for path, file in PAGE_FILES.items():
        (folder / file).write_text(f"import sys\nsys.path.insert(0, {str(folder)!r})\nimport floor_common\n"
                                   f"floor_common.render({path!r})\n")
    (folder / "spec.json").write_text("{}")


def expected(path: str, title: str, counts: dict) -> dict:
    return {"path": "/" + path if path else "", "title": title, **counts}


async def wait_done(page, exp: dict) -> None:
    await page.wait_for_function(DONE_JS, arg=exp, polling=30, timeout=TIMEOUT_MS)


async def timed_load(browser, url: str, exp: dict) -> tuple[float, int]:
    """Seconds from opening the URL until the page is drawn, and the websocket bytes received."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    received = [0]

    def on_ws(ws):
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_ws)
    try:
        t0 = time.perf_counter()
        await page.goto(url)
        await wait_done(page, exp)
        secs = time.perf_counter() - t0
        await page.wait_for_timeout(100)  # frames in flight
        return secs, received[0]
    finally:
        await ctx.close()


async def timed_nav(browser, base: str, source: tuple, target: tuple, exp_source: dict, exp_target: dict) -> float:
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    try:
        await page.goto(f"{base}/{source[0]}")
        await wait_done(page, exp_source)
        await page.wait_for_timeout(300)
        link = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a').filter(
            has_text=target[1]).first
        t0 = time.perf_counter()
        await link.click()
        await wait_done(page, exp_target)
        return time.perf_counter() - t0
    finally:
        await ctx.close()


async def counted(browser, base: str, path: str, title: str) -> dict:
    """Load a page (untimed), let it settle, and count what it draws."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    try:
        await page.goto(f"{base}/{path}")
        await wait_done(page, expected(path, title, {"plotly": 0, "dataframe": 0, "deck": 0, "metric": 0}))
        await page.wait_for_timeout(1500)
        await wait_done(page, expected(path, title, {"plotly": 0, "dataframe": 0, "deck": 0, "metric": 0}))
        if await page.locator('[data-testid="stException"]').count():
            sys.exit(f"{base}/{path} shows an exception")
        return await page.evaluate(COUNT_JS)
    finally:
        await ctx.close()


async def concurrent(browser, url: str, exp: dict, n: int) -> float:
    times = await asyncio.gather(*(timed_load(browser, url, exp) for _ in range(n)))
    return max(t for t, _ in times)


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


async def bench_size(size: int, db: Path, root: Path, rounds: int, n_concurrent: int, only: list[str]) -> dict:
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    write_floor(tmp / "floor", root)
    app = Server(root, {"MASSACRES_DB": str(db)})
    floor = Server(tmp / "floor", {})
    results: dict = {"size": size, "pages": {}, "load_before": loadavg()}
    chosen = [p for p in PAGES if not only or p[1] in only or p[0] in only]
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            counts, spec = {}, {}
            for path, label, title in PAGES:
                counts[path] = await counted(browser, app.url, path, title)
                spec[path] = {"title": title, **counts[path]}
            (tmp / "floor" / "spec.json").write_text(json.dumps(spec))
            for path, label, title in PAGES:  # the floor's pages drawn once, as the app's were
                floor_counts = await counted(browser, floor.url, path, title)
                diff = {k: (counts[path][k], v) for k, v in floor_counts.items()
                        if v != counts[path][k] and k != "text"}
                if diff:
                    print(f"  warning: floor {label or 'Overview'} differs from the page: {diff}", flush=True)
            exp = {p: expected(p, t, counts[p]) for p, _, t in PAGES}
            for path, label, title in chosen:
                i = [p[0] for p in PAGES].index(path)
                source = PAGES[i - 1]  # Overview's nav comes from the last page
                r = {"load": [], "nav": [], "bytes": [], "floor_load": [], "floor_nav": [], "floor_bytes": [],
                     "concurrent": [], "floor_concurrent": [], "counts": counts[path]}
                for _ in range(rounds):
                    for base, prefix in ((app.url, ""), (floor.url, "floor_")):
                        secs, nbytes = await timed_load(browser, f"{base}/{path}", exp[path])
                        r[prefix + "load"].append(secs)
                        r[prefix + "bytes"].append(nbytes)
                        r[prefix + "nav"].append(await timed_nav(browser, base, PAGES[i - 1], PAGES[i],
                                                                 exp[source[0]], exp[path]))
                if n_concurrent:
                    for _ in range(rounds):
                        for base, prefix in ((app.url, ""), (floor.url, "floor_")):
                            r[prefix + "concurrent"].append(
                                await concurrent(browser, f"{base}/{path}", exp[path], n_concurrent))
                results["pages"][label] = r
                print(f"  {label}: load {median(r['load']):.2f} s (floor {median(r['floor_load']):.2f}), "
                      f"nav {median(r['nav']):.2f} s (floor {median(r['floor_nav']):.2f})"
                      + (f", {n_concurrent} at once {median(r['concurrent']):.2f} s "
                         f"(floor {median(r['floor_concurrent']):.2f})" if n_concurrent else "")
                      + f", sent {median(r['bytes']) / 1e3:.0f} kB; load average {loadavg()}", flush=True)
            await browser.close()
    finally:
        app.stop()
        floor.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    results["load_after"] = loadavg()
    return results


def report(res: dict, n_concurrent: int) -> str:
    size = res["size"]
    target = TARGET_BUNDLED if size == 0 else TARGET_1M if size >= 1_000_000 else None
    lines = [f"| page | load s | floor | ratio | nav s | floor | ratio | {n_concurrent} at once, slowest s | floor "
             "| sent kB | charts / tables / maps |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    misses = []
    for label, r in res["pages"].items():
        load, fl, nav, fn = (median(r[k]) for k in ("load", "floor_load", "nav", "floor_nav"))
        conc, fconc = median(r["concurrent"]), median(r["floor_concurrent"])
        c = r["counts"]
        lines.append(f"| {label} | {load:.2f} | {fl:.2f} | {load / fl:.2f}x | {nav:.2f} | {fn:.2f} | {nav / fn:.2f}x | "
                     + (f"{conc:.2f} | {fconc:.2f}" if n_concurrent else "– | –")
                     + f" | {median(r['bytes']) / 1e3:.0f} | {c['plotly']} / {c['dataframe']}+{c['dataframe_in_expander']}"
                       f" / {c['deck']} |")
        if target and (load / fl > target or nav / fn > target):
            misses.append(f"{label} ({load / fl:.2f}x load, {nav / fn:.2f}x nav; target {target}x)")
        if size == 0 and nav > TARGET_NAV_S:
            misses.append(f"{label} nav {nav:.2f} s (target {TARGET_NAV_S} s)")
        if n_concurrent and conc > TARGET_CONCURRENT_S:
            misses.append(f"{label} {n_concurrent} at once {conc:.2f} s (target {TARGET_CONCURRENT_S} s)")
    lines.append("")
    lines.append(f"load average before / after: {res['load_before']} / {res['load_after']}")
    lines.append(f"pages at {size or 'bundled'} incidents: "
                 + ("every target met" if not misses else "missed: " + "; ".join(misses)))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,100000,1000000", help="corpus sizes; 0 is the bundled reports")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--concurrent", type=int, default=5, help="users at once (0: skip)")
    ap.add_argument("--root", type=Path, default=ROOT, help="the app to measure (a checkout of this repository)")
    ap.add_argument("--only", default="", help="pages to time, by label (comma-separated)")
    ap.add_argument("--json", type=Path, default=None, help="write every timing here too")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit("Debian's chromium is not installed (apt-get install chromium)")
    print(f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; {page_bench.machine()}; app {args.root}",
          flush=True)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            db = page_bench.corpus(size, Path(tmp))
            print(f"size {size or 'bundled'} ({page_bench.incident_count(db):,} incidents), load average {loadavg()}",
                  flush=True)
            res = asyncio.run(bench_size(size, db, args.root.resolve(), args.rounds, args.concurrent,
                                         [s for s in args.only.split(",") if s]))
            out.append(res)
            print(report(res, args.concurrent), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
