"""The Map page in a real headless Chromium: the mouse wheel over the map scrolls the page (it does not
zoom), governorate and town names are drawn with no network, and on a phone-sized screen the whole of
Syria is inside the map. Screenshots of the map (desktop, a clicked point, phone) and of the About page go to
test-artifacts/ (the README's are copied from there: map-selected.png is docs/screenshots/map.png)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from test_browser import ARTIFACTS, READY, _open, app_url, browser  # noqa: F401 (fixtures)

CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'
BACKGROUND = (0xF3, 0xF5, 0xF7)  # static/map_style_offline.json
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1"
)
SCROLLED = """() => Math.max(window.scrollY, ...Array.from(document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main')).map(e => e.scrollTop))"""


def _canvas_pixels(page) -> np.ndarray:
    canvas = page.locator(CANVAS).first
    return np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")).astype(int)


@pytest.fixture()
def desktop(browser):  # noqa: F811
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.failed = []
    pg.on("requestfailed", lambda req: pg.failed.append(req.url))
    yield pg
    pg.close()


@pytest.fixture()
def phone(browser):  # noqa: F811
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, user_agent=IPHONE
    )
    pg = ctx.new_page()
    yield pg
    ctx.close()


def test_the_wheel_over_the_map_scrolls_the_page(app_url, desktop):  # noqa: F811
    _open(desktop, f"{app_url}/Map", CANVAS)
    desktop.wait_for_timeout(1500)
    ARTIFACTS.mkdir(exist_ok=True)
    desktop.screenshot(path=str(ARTIFACTS / "map-desktop.png"))
    box = desktop.locator(CANVAS).first.bounding_box()
    before_map = _canvas_pixels(desktop)
    start = desktop.evaluate(SCROLLED)
    desktop.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        desktop.mouse.wheel(0, 300)
        desktop.wait_for_timeout(200)
    desktop.wait_for_timeout(500)
    assert desktop.evaluate(SCROLLED) - start > 200  # the page moved
    # and the map did not zoom: it draws as before (the element's screenshot brings it into view).
    desktop.mouse.move(5, 5)
    desktop.wait_for_timeout(300)
    after_map = _canvas_pixels(desktop)
    assert before_map.shape == after_map.shape
    assert np.mean(np.any(before_map != after_map, axis=2)) < 0.01
    assert not [u for u in desktop.failed if "127.0.0.1" not in u], desktop.failed  # offline: nothing fetched


def test_names_are_drawn_offline(app_url, desktop):  # noqa: F811
    # No incident at all (nobody killed 100,000 in one massacre): what is dark on the map is the names,
    # the town dots and nothing else (the governorates' lines are mid-grey, their fills light).
    _open(desktop, f"{app_url}/Map?min_killed=9999", CANVAS)
    desktop.wait_for_timeout(1500)
    px = _canvas_pixels(desktop)
    dark = int(np.sum(px.max(axis=2) < 90))
    # 19 town dots of 2.5 px radius are about 19 x 20 = 380 dark pixels; 19 names of 12 px type as many
    # again and more (about 1,100 in all measured on 2026-12-02).
    assert dark > 2 * 380, dark
    assert not [u for u in desktop.failed if "127.0.0.1" not in u], desktop.failed


def test_on_a_phone_syria_is_whole_inside_the_map(app_url, phone):  # noqa: F811
    _open(phone, f"{app_url}/Map", CANVAS)
    phone.wait_for_timeout(2000)
    canvas = phone.locator(CANVAS).first
    canvas.scroll_into_view_if_needed()
    phone.wait_for_timeout(500)
    px = _canvas_pixels(phone)
    h, w, _ = px.shape
    assert w <= 2 * 390  # the map fits the phone's width
    land = np.any(np.abs(px - np.array(BACKGROUND)) > 6, axis=2)
    # The governorates are drawn (a good share of the map is land) ...
    assert land.mean() > 0.2
    # ... and touch no edge of the map but the top right, where the zoom buttons sit: nothing is cut off.
    # A band 10-14 px inside the edges: the outermost pixels are the container's rounded corners.
    frame = np.zeros_like(land)
    frame[10:14, 10:-10] = frame[-14:-10, 10:-10] = True
    frame[10:-10, 10:14] = frame[10:-10, -14:-10] = True
    frame[: h // 5, -w // 5 :] = False  # the zoom buttons
    assert not np.any(land & frame), np.argwhere(land & frame)[:5]
    phone.screenshot(path=str(ARTIFACTS / "map-phone.png"), full_page=False)


def test_the_about_page_and_the_cite_box(app_url, desktop):  # noqa: F811
    _open(desktop, f"{app_url}/About", '[data-testid="stMarkdown"]')
    assert desktop.get_by_role("heading", name="The data model").is_visible()
    assert desktop.get_by_text("incident_month", exact=True).count() == 1
    desktop.get_by_text("Cite this view").click()
    code = desktop.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first
    code.wait_for(timeout=10_000)
    text = code.inner_text()
    assert f"{app_url}/About" in text and "the monthly reports of September 2017 and October 2017" in text
    code.scroll_into_view_if_needed()  # the sidebar scrolls; the page stays at its top
    desktop.wait_for_timeout(300)
    desktop.screenshot(path=str(ARTIFACTS / "about.png"), full_page=False)


def test_a_clicked_point_shows_its_incident_beside_the_map(app_url, desktop):  # noqa: F811
    import math

    from massacres.dashboard import mapdeck
    from massacres.places import boundaries

    _open(desktop, f"{app_url}/Map", CANVAS)
    desktop.wait_for_timeout(1500)
    box = desktop.locator(CANVAS).first.bounding_box()
    # Deir ez-Zor's representative point on the first view (all of Syria: the points span most of it),
    # where nine incidents located only to the governorate are drawn, under a smaller one nearby.
    lat, lon = boundaries.load().label_point("deir_ez_zor")
    clat, clon, zoom = mapdeck.fit_view(*mapdeck.syria_bounds(), *mapdeck.DESKTOP_VIEW)
    scale = 512 * 2**zoom / (2 * math.pi)
    y = lambda a: math.log(math.tan(math.pi / 4 + math.radians(a) / 2))  # noqa: E731
    px = box["x"] + box["width"] / 2 + scale * math.radians(lon - clon)
    py = box["y"] + box["height"] / 2 - scale * (y(lat) - y(clat))
    # deck.gl picks only once it has drawn (slow under load): hover until the tooltip shows, then click.
    for _ in range(30):
        desktop.mouse.move(px - 1, py)
        desktop.mouse.move(px, py)
        if desktop.locator(".deck-tooltip").filter(has_text="Killed").count():
            break
        desktop.wait_for_timeout(1000)
    desktop.mouse.click(px, py)
    desktop.wait_for_selector("text=Open this incident's page", timeout=60_000)
    desktop.wait_for_selector(READY, timeout=60_000)
    desktop.wait_for_timeout(1000)
    card = desktop.get_by_text("Open this incident's page").first.bounding_box()
    # Beside the map, in the first screenful: no scrolling to find what was clicked.
    assert card["x"] > box["x"] + box["width"] and card["y"] < 900
    desktop.mouse.move(5, 5)  # the tooltip off the picture
    desktop.wait_for_timeout(300)
    desktop.screenshot(path=str(ARTIFACTS / "map-selected.png"))
