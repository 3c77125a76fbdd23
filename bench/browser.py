"""Browser benchmark: every page's time as a user feels it, in headless Chromium, against
Streamlit's own floor measured in the same run.

    .venv/bin/python bench/browser.py                              # bundled data, 100k and 1M
    .venv/bin/python bench/browser.py --sizes 0 --rounds 3 --concurrent 5
    .venv/bin/python bench/browser.py --compare /tmp/old-checkout  # and the code before a change, same rounds

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
  - nav: from the page before it in the list (drawn, and the tab idle), click its link in the
    sidebar, until the same, timed by the page's own clock from the click's arrival;
  - bytes: what the server sent over the websocket during the load;
  - busy: the seconds the browser tab's main thread spent running tasks (Chromium's TaskDuration)
    plus the server process's CPU seconds (/proc, no other visitor meanwhile): where the time of
    a load or a nav goes, the tab's side or the server's.
Each page's elements are counted from a run in Streamlit's AppTest, and the floor's page written
from those counts. An untimed pass first loads every page once (the server imports, caches its
queries and figures: the timed rounds are what a second visitor to the same view gets). The dashboard and the floor alternate round by round, so load
from other work on the machine falls on both; each figure is the median of --rounds.
--concurrent N: N browser contexts open the same page at once; the slowest of the N, median over
--concurrent-rounds, per page (dashboard and floor).
--compare DIR: a second checkout of the dashboard (the code before a change) runs beside the first
and is timed in the same rounds, so a before/after comparison shares the machine's load.

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
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
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
PAGE_FILES = {
    "": "app.py",
    "Perpetrators": "pages/1_Perpetrators.py",
    "Trends": "pages/2_Trends.py",
    "Victims": "pages/3_Victims.py",
    "Map": "pages/4_Map.py",
    "Incidents": "pages/5_Incidents.py",
    "Data_quality": "pages/6_Data_quality.py",
    "Add_report": "pages/7_Add_report.py",
}
TIMEOUT_MS = 120_000
TARGET_BUNDLED, TARGET_1M, TARGET_NAV_S, TARGET_CONCURRENT_S = 1.5, 2.0, 0.8, 3.0

# Resolves once the tab has an idle moment (at most 10 s).
IDLE_JS = "() => new Promise(r => requestIdleCallback(() => r(true), {timeout: 10000}))"

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


def element_counts(root: Path, db: Path) -> dict[str, dict]:
    """What each page draws in its main area, from a run in Streamlit's AppTest: the page's own
    record of its elements (in the browser, a chart's element appears only once its lazily loaded
    plotly or deck.gl code has arrived, which can take seconds on a busy machine)."""
    from streamlit.testing.v1 import AppTest

    os.environ["MASSACRES_DB"] = str(db)
    counts = {}
    for path, file in PAGE_FILES.items():
        at = AppTest.from_file(str(root / file), default_timeout=120).run()
        if at.exception:
            sys.exit(f"{file} raised: {at.exception[0].message}")
        m = at.main
        in_expanders = sum(len(e.dataframe) for e in m.expander)
        counts[path] = {
            "plotly": len(m.get("plotly_chart")),
            "dataframe": len(m.dataframe) - in_expanders,
            "dataframe_in_expander": in_expanders,
            "expander": len(m.expander),
            "deck": len(m.get("deck_gl_json_chart")),
            "metric": len(m.metric),
            "download": len(m.get("download_button")),
            "image": sum(len(i.proto.imgs) for i in m.get("imgs")),
            "radio": len(m.radio),
            "selectbox": len(m.selectbox),
            "text_input": len(m.text_input),
            "toggle": len(m.toggle) + len(m.checkbox),
            "file_uploader": len(m.get("file_uploader")),
            "text": len(m.text) + len(m.markdown) + len(m.caption),
        }
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Streamlit server on a free port, stopped by its own process id."""

    def __init__(self, root: Path, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "wb")  # noqa: SIM115  (the server's log, open for its whole life; closed in stop())
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=root,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit(f"the server in {root} did not start:\n{Path(self.log.name).read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def write_floor(folder: Path, root: Path) -> None:
    (folder / "pages").mkdir(parents=True)
    shutil.copytree(root / ".streamlit", folder / ".streamlit")
    shutil.copytree(root / "static", folder / "static")
    links = [(PAGE_FILES[p], label) for p, label, _ in PAGES]
    (folder / "floor_common.py").write_text(FLOOR_COMMON.format(links=repr(links)))
    for path, file in PAGE_FILES.items():
        (folder / file).write_text(
            f"import sys\nsys.path.insert(0, {str(folder)!r})\nimport floor_common\nfloor_common.render({path!r})\n"
        )
    (folder / "spec.json").write_text("{}")


def expected(path: str, title: str, counts: dict) -> dict:
    return {"path": "/" + path if path else "", "title": title, **counts}


async def wait_done(page, exp: dict) -> None:
    await page.wait_for_function(DONE_JS, arg=exp, polling=30, timeout=TIMEOUT_MS)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def task_seconds(cdp) -> float:
    """CPU time the page's renderer main thread has spent on tasks (Chromium's TaskDuration)."""
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


async def timed_load(browser, server: Server, path: str, exp: dict) -> dict:
    """Open the URL until the page is drawn: the seconds, the websocket bytes received, and the
    CPU seconds spent by the browser tab's main thread and by the server (which has no other
    visitor meanwhile). On a busy machine the wall time grows with the load; the CPU hardly."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Performance.enable")
    received = [0]

    def on_ws(ws):
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_ws)
    try:
        server_cpu, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
        await page.goto(f"{server.url}/{path}")
        await wait_done(page, exp)
        secs, server_cpu = time.perf_counter() - t0, cpu_seconds(server.proc.pid) - server_cpu
        browser_cpu = await task_seconds(cdp)
        await page.wait_for_timeout(100)  # frames in flight
        return {"secs": secs, "bytes": received[0], "browser_cpu": browser_cpu, "server_cpu": server_cpu}
    finally:
        await ctx.close()


async def timed_nav(browser, server: Server, source: tuple, target: tuple, exp_source: dict, exp_target: dict) -> dict:
    """From the source page, drawn and idle, a click on the target's sidebar link until the target
    is drawn: the seconds, and the CPU seconds of the tab's main thread and the server."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Performance.enable")
    try:
        await page.goto(f"{server.url}/{source[0]}")
        await wait_done(page, exp_source)
        # The source page settled (a map can keep the tab busy drawing for a while), then the time
        # runs from the click's arrival in the page, as the page's own clock has it: not from when
        # Playwright, waiting for the link to be clickable, sends it.
        await page.evaluate(IDLE_JS)
        await page.evaluate(
            "() => document.addEventListener('click', () => { window.__clicked = performance.now(); },"
            " {capture: true, once: true})"
        )
        link = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a').filter(has_text=target[1]).first
        browser_cpu = await task_seconds(cdp)
        server_cpu = cpu_seconds(server.proc.pid)
        await link.click()
        await wait_done(page, exp_target)
        secs = await page.evaluate("() => (performance.now() - window.__clicked) / 1000")
        server_cpu = cpu_seconds(server.proc.pid) - server_cpu
        return {"secs": secs, "browser_cpu": await task_seconds(cdp) - browser_cpu, "server_cpu": server_cpu}
    finally:
        await ctx.close()


async def untimed(browser, base: str, path: str, exp: dict) -> None:
    """Open a page until it is drawn, untimed; stop if it shows an error."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await ctx.new_page()
    try:
        await page.goto(f"{base}/{path}")
        await wait_done(page, exp)
        if await page.locator('[data-testid="stException"]').count():
            sys.exit(f"{base}/{path} shows an exception")
    finally:
        await ctx.close()


async def concurrent(browser, server: Server, path: str, exp: dict, n: int) -> float:
    loads = await asyncio.gather(*(timed_load(browser, server, path, exp) for _ in range(n)))
    return max(load["secs"] for load in loads)


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


async def bench_size(
    size: int, db: Path, roots: dict[str, Path], rounds: int, n_concurrent: int, concurrent_rounds: int, only: list[str]
) -> dict:
    """Every page of every app in `roots` (the first is the one measured; another, such as the
    code before a change, is timed in the same rounds) and of the floor."""
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    main_root = next(iter(roots.values()))
    write_floor(tmp / "floor", main_root)
    first = element_counts(main_root, db)
    (tmp / "floor" / "spec.json").write_text(json.dumps({p: {"title": t, **first[p]} for p, _, t in PAGES}))
    servers: dict[str, Server] = {}
    results: dict = {"size": size, "apps": [*roots, "floor"], "pages": {}, "load_before": loadavg()}
    chosen = [p for p in PAGES if not only or p[1] in only or p[0] in only]
    try:
        for name, root in roots.items():
            servers[name] = Server(root, {"MASSACRES_DB": str(db)}, tmp / f"{name}.log")
        servers["floor"] = Server(tmp / "floor", {}, tmp / "floor.log")
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            # Every page of every app once, untimed (imports, caches), then awaited with the counts
            # the page draws: the compared app draws the same (the page tests hold its figures).
            for server in servers.values():
                for path, _, title in PAGES:
                    await untimed(browser, server.url, path, expected(path, title, first[path]))
            counts = {name: first for name in servers}
            exp = {name: {p: expected(p, t, counts[name][p]) for p, _, t in PAGES} for name in counts}
            for path, label, _title in chosen:
                i = [p[0] for p in PAGES].index(path)
                source = PAGES[i - 1]  # Overview's nav comes from the last page
                r = {
                    name: {
                        k: []
                        for k in (
                            "load",
                            "nav",
                            "bytes",
                            "concurrent",
                            "load_browser_cpu",
                            "load_server_cpu",
                            "nav_browser_cpu",
                            "nav_server_cpu",
                        )
                    }
                    for name in counts
                }
                r["counts"] = first[path]
                for _ in range(rounds):
                    for name, server in servers.items():
                        load = await timed_load(browser, server, path, exp[name][path])
                        nav = await timed_nav(browser, server, source, PAGES[i], exp[name][source[0]], exp[name][path])
                        for key, value in (
                            ("load", load["secs"]),
                            ("bytes", load["bytes"]),
                            ("load_browser_cpu", load["browser_cpu"]),
                            ("load_server_cpu", load["server_cpu"]),
                            ("nav", nav["secs"]),
                            ("nav_browser_cpu", nav["browser_cpu"]),
                            ("nav_server_cpu", nav["server_cpu"]),
                        ):
                            r[name][key].append(value)
                if n_concurrent:
                    for _ in range(concurrent_rounds):
                        for name, server in servers.items():
                            r[name]["concurrent"].append(
                                await concurrent(browser, server, path, exp[name][path], n_concurrent)
                            )
                results["pages"][label] = r
                print(
                    f"  {label}: "
                    + "; ".join(
                        f"{name} load {median(r[name]['load']):.2f} s (busy {cpu(r[name], 'load'):.2f}), "
                        f"nav {median(r[name]['nav']):.2f} s (busy {cpu(r[name], 'nav'):.2f})"
                        + (f", {n_concurrent} at once {median(r[name]['concurrent']):.2f} s" if n_concurrent else "")
                        + f", {median(r[name]['bytes']) / 1e3:.0f} kB"
                        for name in counts
                    )
                    + f"; load average {loadavg()}",
                    flush=True,
                )
            await browser.close()
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    results["load_after"] = loadavg()
    return results


def cpu(r: dict, kind: str) -> float:
    """Median busy seconds (the browser tab's main thread and the server's CPU) of a load or a nav."""
    return median([b + s for b, s in zip(r[f"{kind}_browser_cpu"], r[f"{kind}_server_cpu"])])


def report(res: dict, n_concurrent: int) -> str:
    """One table per app: each page's medians and their ratio to the floor's."""
    size = res["size"]
    target = TARGET_BUNDLED if size == 0 else TARGET_1M if size >= 1_000_000 else None
    out = []
    for name in res["apps"][:-1]:
        lines = [
            f"{name}:",
            "",
            "| page | load s | floor | ratio | load busy s | floor | ratio | nav s | floor | ratio | nav busy s "
            f"| floor | ratio | {n_concurrent} at once, slowest s | floor | sent kB | charts / tables "
            "(+ in expanders) / maps |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        misses = []
        for label, r in res["pages"].items():
            a, f = r[name], r["floor"]
            load, fl, nav, fn = median(a["load"]), median(f["load"]), median(a["nav"]), median(f["nav"])
            lc, flc, nc, fnc = cpu(a, "load"), cpu(f, "load"), cpu(a, "nav"), cpu(f, "nav")
            conc, fconc = median(a["concurrent"]), median(f["concurrent"])
            c = r["counts"]
            lines.append(
                f"| {label} | {load:.2f} | {fl:.2f} | {load / fl:.2f}x | {lc:.2f} | {flc:.2f} | "
                f"{lc / flc:.2f}x | {nav:.2f} | {fn:.2f} | {nav / fn:.2f}x | {nc:.2f} | {fnc:.2f} | "
                f"{nc / fnc:.2f}x | "
                + (f"{conc:.2f} | {fconc:.2f}" if n_concurrent else "– | –")
                + f" | {median(a['bytes']) / 1e3:.0f} | {c['plotly']} / {c['dataframe']} "
                f"(+{c['dataframe_in_expander']}) / {c['deck']} |"
            )
            if target and (load / fl > target or nav / fn > target):
                misses.append(f"{label} ({load / fl:.2f}x load, {nav / fn:.2f}x nav; target {target}x)")
            if size == 0 and nav > TARGET_NAV_S:
                misses.append(f"{label} nav {nav:.2f} s (target {TARGET_NAV_S} s)")
            if n_concurrent and conc > TARGET_CONCURRENT_S:
                misses.append(f"{label} {n_concurrent} at once {conc:.2f} s (target {TARGET_CONCURRENT_S} s)")
        lines.append("")
        lines.append(
            f"{name}, pages at {size or 'bundled'} incidents: "
            + ("every target met" if not misses else "missed: " + "; ".join(misses))
        )
        out.append("\n".join(lines))
    out.append(f"load average before / after: {res['load_before']} / {res['load_after']}")
    return "\n\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,100000,1000000", help="corpus sizes; 0 is the bundled reports")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--concurrent", type=int, default=5, help="users at once (0: skip)")
    ap.add_argument("--concurrent-rounds", type=int, default=1)
    ap.add_argument("--root", type=Path, default=ROOT, help="the app to measure (a checkout of this repository)")
    ap.add_argument(
        "--compare",
        type=Path,
        default=None,
        help="another checkout (the code before a change), timed in the same rounds as 'before'",
    )
    ap.add_argument("--only", default="", help="pages to time, by label (comma-separated)")
    ap.add_argument("--json", type=Path, default=None, help="write every timing here too")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit("Debian's chromium is not installed (apt-get install chromium)")
    roots = {"app": args.root.resolve()} | ({"before": args.compare.resolve()} if args.compare else {})
    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {page_bench.machine()}; "
        + ", ".join(f"{k} {v}" for k, v in roots.items()),
        flush=True,
    )
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            db = page_bench.corpus(size, Path(tmp))
            print(
                f"size {size or 'bundled'} ({page_bench.incident_count(db):,} incidents), load average {loadavg()}",
                flush=True,
            )
            res = asyncio.run(
                bench_size(
                    size,
                    db,
                    roots,
                    args.rounds,
                    args.concurrent,
                    args.concurrent_rounds,
                    [s for s in args.only.split(",") if s],
                )
            )
            out.append(res)
            print(report(res, args.concurrent), flush=True)
            if args.json:
                args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
