"""The member page in a real headless Chromium (Debian's, driven by Playwright), on a
360x740 phone screen with touch: served by `assets-gen serve`, and exported by `build`
and opened from disk. The downloaded avatar must match the CLI's rendering of the same
placement (the unit's name drawn by the page, on the base frame, with the kit's font),
and the photo must never leave the browser."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image, JpegImagePlugin
from playwright.sync_api import Page, sync_playwright

from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand.units import Unit
from assets_gen.layout.color import Color, contrast_ratio
from assets_gen.photo import Placement
from assets_gen.render.avatar import render_avatar
from assets_gen.render.frame import render_frame
from assets_gen.render.page import theme_css
from tests.imaging import mean_difference, save_failure
from tests.webtools import DATA, PHONE, ROOT, Server, launch_chromium, phone_photo

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# Chromium resamples the full photo with its own filter while the CLI decodes JPEGs at a
# reduced DCT scale, and both sides are JPEGs: at full size the sensor noise of a phone
# photo differs (mean ~2.4 of 255). Scaled down to 270 px, where only the placement
# shows, they agree within ~1; a placement off by 0.5 % of the overflow gives ~6 there.
TOLERANCE_FULL = 4.0
TOLERANCE_SMALL = 2.0
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def server():
    srv = Server("--workers", "1")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def photo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("photos") / "dien-thoai.jpg"
    path.write_bytes(phone_photo())
    return path


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, kit) -> Path:
    """`build --only page` with three units, into a temporary folder."""
    root = tmp_path_factory.mktemp("export")
    units = root / "units.csv"
    units.write_text(
        "name,short_name,slug\n"
        "Liên đoàn Lao động thành phố Hà Nội,LĐLĐ TP. Hà Nội,ha-noi\n"
        "Liên đoàn Lao động thành phố Đà Nẵng,LĐLĐ TP. Đà Nẵng,da-nang\n"
        "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam,Công đoàn TKV,cd-tkv\n"
        "</script><!--<script>,<!--,hostile\n",  # must not break the page's JSON config
        encoding="utf-8",
    )
    out = root / "out"
    result = run_build(kit, BuildOptions(out=out, only=["page"], units_file=units, jobs=1))
    assert result.failed == 0, result.errors
    return out / "avatar-page"


class Watched:
    """A phone-sized page that records every request it makes."""

    def __init__(self, browser, url: str, viewport: dict = PHONE, **options) -> None:
        self.context = browser.new_context(
            viewport=viewport,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            accept_downloads=True,
            **options,
        )
        self.page: Page = self.context.new_page()
        self.requests: list[tuple[str, str, bytes | None]] = []
        self.errors: list[str] = []
        self.finished: list[tuple[str, str, bytes | None]] = []
        self.context.on("request", lambda r: self.requests.append((r.method, r.url, r.post_data_buffer)))
        self.context.on(
            "requestfinished", lambda r: self.finished.append((r.method, r.url, r.post_data_buffer))
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "console",
            lambda m: (
                m.type == "error"
                and "net::ERR_INTERNET_DISCONNECTED" not in m.text
                and self.errors.append(m.text)
            ),
        )
        self.page.goto(url)
        self.page.wait_for_selector("body[data-frame=shown]")

    def choose(self, photo: Path) -> None:
        self.page.get_by_label("Chọn ảnh hoặc chụp ảnh").set_input_files(photo)
        self.page.wait_for_selector("body[data-photo=ready]")

    def placement(self) -> dict:
        return self.page.evaluate("() => avatarPlacement()")

    def download(self, tmp: Path) -> tuple[Image.Image, str]:
        with self.page.expect_download() as info:
            self.page.get_by_role("button", name="Tải ảnh về").click()
        path = tmp / info.value.suggested_filename
        info.value.save_as(path)
        with Image.open(path) as im:
            assert (im.format, im.size) == ("JPEG", (1080, 1080))
            assert not im.getexif()
            # Colour at full resolution, as the CLI writes it (4:2:0 fringes white on red).
            assert JpegImagePlugin.get_sampling(im) == 0, "the download is 4:4:4"
            return im.convert("RGB"), info.value.suggested_filename

    def posts(self) -> list[tuple[str, bytes | None]]:
        """Requests that answered, other than GET (offline attempts never reach a server)."""
        return [(url, body) for method, url, body in self.finished if method != "GET"]

    def close(self) -> None:
        self.context.close()


def assert_fits_phone(page: Page) -> None:
    """Nothing sticks out of a 360 px screen (nothing to scroll sideways)."""
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('body *')].filter(e => e.getClientRects().length)"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= PHONE["width"], f"content reaches {right} px"


def assert_in_view(page: Page, *selectors: str) -> None:
    """Each element wholly inside the viewport, as the page is scrolled now."""
    height = page.viewport_size["height"]
    width = page.viewport_size["width"]
    for selector in selectors:
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["y"] >= -1 and box["y"] + box["height"] <= height + 1, (selector, box)
        assert box["x"] >= -1 and box["x"] + box["width"] <= width + 1, (selector, box)


def drag(page: Page, dx: float, dy: float) -> None:
    box = page.locator("#canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=6)
    page.mouse.up()


def cli_rendering(kit, photo: bytes, p: dict, label: str | None) -> Image.Image:
    placement = Placement(x=p["x"], y=p["y"], zoom=p["zoom"], rotate=p["rotate"])
    return render_avatar(kit, photo, "photo", kit.frame_style(p["style"]), label, placement)


def unit_band(kit, style: str, label: str) -> tuple[int, int, int, int]:
    """The rows the unit's name changes on the CLI's frame (where the page must draw it)."""
    with_unit = np.asarray(render_frame(kit, kit.frame_style(style), label))
    without = np.asarray(render_frame(kit, kit.frame_style(style)))
    rows = np.nonzero((with_unit != without).any(axis=(1, 2)))[0]
    return (0, int(rows.min()), 1080, int(rows.max()) + 1)


def small(image: Image.Image) -> Image.Image:
    return image.resize((270, 270), Image.Resampling.BOX)


def assert_matches_cli(kit, got: Image.Image, photo: bytes, p: dict, label: str | None, name: str) -> None:
    expected = cli_rendering(kit, photo, p, label)
    full, reduced = mean_difference(got, expected), mean_difference(small(got), small(expected))
    if full > TOLERANCE_FULL or reduced > TOLERANCE_SMALL:
        save_failure(got, expected, name)
    assert full <= TOLERANCE_FULL, f"{name}: browser and CLI differ by {full:.2f}"
    assert reduced <= TOLERANCE_SMALL, f"{name}: browser and CLI placements differ by {reduced:.2f}"
    # The comparison is sensitive: the same photo moved by 2 % of its overflow is far off.
    moved = cli_rendering(kit, photo, {**p, "x": p["x"] - 0.02 if p["x"] > 0.5 else p["x"] + 0.02}, label)
    assert mean_difference(small(got), small(moved)) > 3 * reduced
    # The unit's name, drawn by the page, is the CLI's: the band it lies on matches closely,
    # and its white letters are there (as many white pixels as the CLI's, give or take).
    band = unit_band(kit, p["style"], label) if label else (0, 945, 1080, 1080)
    assert mean_difference(got.crop(band), expected.crop(band)) <= TOLERANCE_FULL
    white = [int((np.asarray(im.crop(band)).min(axis=2) > 225).sum()) for im in (got, expected)]
    assert white[1] > 500 and 0.8 < white[0] / white[1] < 1.25, white


def test_member_frames_a_phone_photo(browser, server: Server, photo_file: Path, kit, tmp_path: Path) -> None:
    """One thumb: preview and download in view while choosing; "hcm" finds Hồ Chí Minh;
    the download is the CLI's avatar; only the count leaves the page."""
    w = Watched(browser, server.url + "/")
    page = w.page
    assert page.locator("#share").is_hidden(), "headless Chromium cannot share files"
    w.choose(photo_file)
    assert_in_view(page, "#canvas", "#download")
    page.get_by_role("slider", name="Phóng to").fill("2.2")
    drag(page, -30, 25)
    page.get_by_role("button", name="Xoay phải").click()
    page.get_by_role("button", name="Xoay phải").click()
    page.get_by_role("button", name="Xoay trái").click()
    page.get_by_role("radio", name="Dải băng", exact=True).check()
    assert_in_view(page, "#canvas", "#download")
    page.get_by_label("Tìm đơn vị").fill("hcm")
    first = page.locator("#units .unit-choice:visible").first
    assert first.inner_text() == "Liên đoàn Lao động Thành phố Hồ Chí Minh"
    for query in ("tp hcm", "sai gon", "HCM"):
        page.get_by_label("Tìm đơn vị").fill(query)
        assert page.locator("#units .unit-choice:visible").first.inner_text().endswith("Hồ Chí Minh")
    page.get_by_label("Tìm đơn vị").fill("cd y te")
    assert page.locator("#units .unit-choice:visible").first.inner_text() == "Công đoàn Y tế Việt Nam"
    page.get_by_label("Tìm đơn vị").fill("ldld da nang")
    page.get_by_role("radio", name="Liên đoàn Lao động thành phố Đà Nẵng").check()
    page.wait_for_selector("body[data-frame-key='dai-bang/da-nang']")
    assert not page.get_by_role("radio", name="Liên đoàn Lao động thành phố Hà Nội").is_visible()
    assert_in_view(page, "#canvas", "#download")
    assert_fits_phone(page)
    # Rows a thumb can hit.
    heights = page.eval_on_selector_all(
        ".unit-choice", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert min(h for h in heights if h) >= 48
    p = w.placement()
    assert (p["zoom"], p["rotate"], p["style"], p["unit"]) == (2.2, 90, "dai-bang", "da-nang")
    assert p["x"] != 0.5 and p["y"] != 0.3, "dragging moved the photo"
    caption = page.get_by_label("Lời giới thiệu khi đăng ảnh").input_value()
    assert "Liên đoàn Lao động thành phố Đà Nẵng" in caption and kit.campaign.hashtag in caption
    assert "?unit=da-nang" in caption
    got, name = w.download(tmp_path)
    assert name == "anh-dai-dien-1-trieu-sang-kien.jpg"
    assert_matches_cli(kit, got, photo_file.read_bytes(), p, "LĐLĐ TP. Đà Nẵng", "page-vs-cli")
    assert page.locator("#done").inner_text().startswith("Đã lưu ảnh")
    # The finished avatar is also shown, for browsers that block downloads.
    assert page.get_by_role("img", name="Ảnh đại diện đã lồng khung của bạn").is_visible()
    assert "Nhấn giữ ảnh để lưu" in page.locator("#result").inner_text()
    # The count arrives and shows; nothing else left the page, and no photo anywhere.
    page.wait_for_selector("#counter:not([hidden])")
    assert page.locator("#count-total").inner_text() == "1"
    assert "Đà Nẵng" in page.locator("#top-units").inner_text()
    elsewhere = [url for _, url, _ in w.requests if not url.startswith((server.url + "/", "blob:", "data:"))]
    assert w.requests and not elsewhere, elsewhere
    posts = [(url, body) for method, url, body in w.requests if method != "GET"]
    assert posts == [(server.url + "/api/downloads", b'{"unit":"da-nang","style":"dai-bang"}')], posts
    assert w.errors == []
    w.close()


def test_exported_page_works_from_disk(browser, export: Path, kit, tmp_path: Path) -> None:
    w = Watched(browser, (export / "index.html").as_uri())
    page = w.page
    photo = DATA / "rocket.jpg"
    w.choose(photo)
    page.get_by_role("slider", name="Phóng to").fill("1.5")
    drag(page, 40, -20)
    page.get_by_role("radio", name="Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam").check()
    got, _ = w.download(tmp_path)
    p = w.placement()
    assert p["unit"] == "cd-tkv"
    assert_matches_cli(kit, got, photo.read_bytes(), p, "Công đoàn TKV", "export-vs-cli")
    # A unit named like markup: the page still loaded its script and lists that unit.
    assert page.get_by_role("radio", name="</script><!--<script>").count() == 1
    config = page.evaluate("JSON.parse(document.getElementById('avatar-config').textContent)")
    assert [u["slug"] for u in config["units"]][-1] == "hostile"
    elsewhere = [url for _, url, _ in w.requests if not url.startswith(("file://", "blob:", "data:"))]
    assert not elsewhere, elsewhere
    assert page.locator("#counter").is_hidden(), "an export without --counter-url counts nothing"
    assert w.errors == []
    w.close()


def test_unit_link_remembered_and_offline(browser, server: Server, tmp_path: Path) -> None:
    """?unit= opens with that unit; the last choice is remembered; after one visit the
    page reloads and frames a photo offline (service worker)."""
    w = Watched(browser, server.url + "/?unit=ho-chi-minh&style=dai-bang")
    page = w.page
    assert page.get_by_role("radio", name="Liên đoàn Lao động Thành phố Hồ Chí Minh").is_checked()
    assert page.get_by_role("radio", name="Dải băng", exact=True).is_checked()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    cached = "caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys()))))"
    for _ in range(100):  # the service worker has cached every file of the page
        names = page.evaluate(f"() => {cached}.then(all => all.flat().map(r => r.url))")
        if any(n.endswith(".unit.webp") for n in names):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the service worker cached nothing")
    page.get_by_role("radio", name="Công đoàn Y tế Việt Nam").check()
    w.context.set_offline(True)
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-frame=shown]")
    assert page.get_by_role("radio", name="Công đoàn Y tế Việt Nam").is_checked(), "last choice remembered"
    assert page.get_by_role("radio", name="Dải băng", exact=True).is_checked()
    w.choose(DATA / "coffee.png")
    got, _ = w.download(tmp_path)
    assert got.size == (1080, 1080)
    assert page.locator("#save-error").is_hidden()
    # The count could not be sent: it waits on the phone, once however often the member
    # saves the same avatar, and is sent once when the network returns.
    queue = "() => JSON.parse(localStorage.getItem('avatar-page-counts') || '[]')"
    page.wait_for_function(f"() => ({queue})().length === 1")
    w.download(tmp_path)
    page.wait_for_timeout(300)
    assert page.evaluate(queue) == [{"unit": "cd-y-te", "style": "dai-bang"}]
    before = httpx.get(server.url + "/api/downloads").json()["units"].get("cd-y-te", 0)
    sent = len(w.posts())
    w.context.set_offline(False)
    page.wait_for_function(f"() => ({queue})().length === 0")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # a second 'online': nothing more
    page.wait_for_timeout(300)
    assert httpx.get(server.url + "/api/downloads").json()["units"].get("cd-y-te", 0) == before + 1
    assert w.posts()[sent:] == [(server.url + "/api/downloads", b'{"unit":"cd-y-te","style":"dai-bang"}')]
    w.close()


def test_network_error_shows_where_it_failed_and_clears(browser, server: Server) -> None:
    w = Watched(browser, server.url + "/", service_workers="block")
    page = w.page
    page.route("**/frames/*.unit.webp", lambda route: route.abort("internetdisconnected"))
    before = page.evaluate("() => avatarPlacement().unit")
    page.get_by_role("radio", name="Liên đoàn Lao động tỉnh Lào Cai").check()
    error = page.locator("#frame-error")
    error.wait_for()
    assert "mạng" in error.inner_text()
    # Next to the unit picker it concerns, and in view; the last good frame stays.
    assert page.locator(".frames #frame-error").count() == 1
    assert_in_view(page, "#frame-error")
    assert page.locator("#message").is_hidden()
    assert before == ""
    page.unroute("**/frames/*.unit.webp")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    error.wait_for(state="hidden")
    w.close()


def test_layouts_landscape_and_desktop(browser, server: Server, photo_file: Path) -> None:
    w = Watched(browser, server.url + "/", viewport={"width": 740, "height": 360})
    w.choose(photo_file)
    assert_in_view(w.page, "#canvas", "#download")
    w.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desk.new_page()
    page.goto(server.url + "/")
    stage = page.locator("#canvas").bounding_box()
    side = page.locator("section.frames").bounding_box()
    assert stage["x"] + stage["width"] <= side["x"], "two columns on a desktop"
    desk.close()


def test_big_photos_and_heic(browser, server: Server, kit, tmp_path: Path) -> None:
    """Over 50 MP a JPEG is decoded at a reduced scale by the page's own WebAssembly
    libjpeg-turbo in a worker (upright, never at full size), not refused, and the download
    is still the CLI's avatar; a HEIC the browser cannot open gets plain advice, not iPhone
    settings on other phones."""
    big = tmp_path / "108mp.jpg"
    image = Image.open(DATA / "astronaut.png").convert("RGB").resize((9000, 6000), Image.Resampling.NEAREST)
    exif = Image.Exif()
    exif[0x0112] = 6  # shown portrait
    image.save(big, "JPEG", quality=70, exif=exif)
    w = Watched(browser, server.url + "/")
    page = w.page
    page.get_by_label("Chọn ảnh hoặc chụp ảnh").set_input_files(big)
    page.wait_for_selector("#busy:text('Đang mở ảnh…')")
    page.wait_for_selector("body[data-photo=ready]", timeout=60_000)
    # 3/8 of 9000x6000, the smallest scale keeping the short side over 2160 px, turned.
    assert page.evaluate("() => avatarPhotoSize()") == [2250, 3375]
    # by the page's own decoder (the service worker may fetch the file again for the worker)
    assert {url for _, url, _ in w.requests if url.endswith(".wasm")} == {server.url + "/assets/jpeg-turbo.wasm"}
    assert page.locator("#busy").inner_text() == ""
    page.get_by_role("slider", name="Phóng to").fill("1.6")
    got, _ = w.download(tmp_path)
    # The CLI refuses over 50 MP: it frames the same picture at half the size.
    half = io.BytesIO()
    image.resize((4500, 3000), Image.Resampling.BOX).save(half, "JPEG", quality=95, exif=exif)
    assert_matches_cli(kit, got, half.getvalue(), w.placement(), None, "huge-vs-cli")
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64))
    page.get_by_label("Chọn ảnh khác").set_input_files(heic)
    alert = page.locator("#message")
    alert.wait_for()
    text = alert.inner_text()
    assert "HEIC" in text and "JPEG" in text and "Cài đặt" not in text and "iPhone" not in text
    w.close()


def test_keyboard_pinch_and_reset(browser, server: Server) -> None:
    w = Watched(browser, server.url + "/")
    page = w.page
    w.choose(DATA / "coffee.png")
    canvas = page.locator("#canvas")
    canvas.focus()
    start = w.placement()
    for key in ("ArrowRight", "ArrowRight", "+", "+", "r"):
        page.keyboard.press(key)
    p = w.placement()
    assert p["x"] > start["x"] and p["zoom"] == pytest.approx(1.2) and p["rotate"] == 90
    page.keyboard.press("Shift+ArrowUp")
    assert w.placement()["y"] < p["y"]
    # Two fingers moving apart zoom in (pointer events as a touch screen sends them).
    page.evaluate(
        """() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        const ev = (type, id, x) => c.dispatchEvent(new PointerEvent(type, {pointerId: id,
            pointerType: 'touch', clientX: x, clientY: cy, bubbles: true, isPrimary: id === 1}));
        ev('pointerdown', 1, cx - 40); ev('pointerdown', 2, cx + 40);
        ev('pointermove', 1, cx - 80); ev('pointermove', 2, cx + 80);
        ev('pointerup', 1, cx - 80); ev('pointerup', 2, cx + 80);
    }"""
    )
    assert w.placement()["zoom"] > 1.5
    page.get_by_role("button", name="Đặt lại").click()
    p = w.placement()
    assert (p["x"], p["y"], p["zoom"], p["rotate"]) == (0.5, 0.3, 1, 0)
    assert page.get_by_role("slider", name="Phóng to").input_value() == "1"
    assert w.errors == []
    w.close()


def test_accessible_with_the_csp_in_force(browser, server: Server) -> None:
    """Labels, tab order, focus ring, plain names; axe-core finds nothing. axe is evaluated
    through the DevTools protocol, so the page's own CSP stays in force."""
    w = Watched(browser, server.url + "/")
    page = w.page
    for control in (
        page.get_by_label("Chọn ảnh hoặc chụp ảnh"),
        page.get_by_role("slider", name="Phóng to"),
        page.get_by_label("Tìm đơn vị"),
        page.get_by_role("radio", name="Vòng tròn", exact=True),  # no "✓" in the name
        page.get_by_role("button", name="Xoay trái"),
        page.get_by_role("button", name="Xoay phải"),
        page.get_by_role("button", name="Đặt lại"),
        page.get_by_role("button", name="Tải ảnh về"),
        page.get_by_role("button", name="Sao chép"),
    ):
        assert control.count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "photo"
    assert page.get_by_role("button", name="Tải ảnh về").is_disabled()
    html = page.content()
    assert "Ảnh của bạn không rời khỏi điện thoại" in html
    assert "Trên Facebook" in html and "Trên Zalo" in html
    assert page.evaluate("() => document.documentElement.lang") == "vi"
    assert_fits_phone(page)
    w.choose(DATA / "coffee.png")
    # The zoom readout is not a live region: the slider's value text says it once.
    assert page.locator("#zoom-value").get_attribute("aria-hidden") == "true"
    assert page.locator("output, [aria-live]").count() == 0 or all(
        el != "zoom-value" for el in page.eval_on_selector_all("[aria-live]", "els => els.map(e => e.id)")
    )
    # The preview's focus ring is drawn in full around it (nothing clips it).
    page.locator("#canvas").focus()
    page.keyboard.press("ArrowLeft")
    ring = page.evaluate("() => getComputedStyle(document.querySelector('.stage')).outlineStyle")
    assert ring == "solid"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.stage')).overflow") == "visible"
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)[:3000]
    csp = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = 1';"
        " document.head.appendChild(s); return window.inlineRan ? 'inline script ran' : 'blocked'; }"
    )
    assert csp == "blocked", "the page's CSP is in force during the check"
    w.close()


def run_axe(page: Page) -> list[dict]:
    assert AXE.is_file(), f"{AXE} missing: run scripts/install-test-deps.sh"
    # Runtime.evaluate runs as DevTools does, outside the page's script-src.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Runtime.evaluate", {"expression": AXE.read_text(encoding="utf-8")})
    result = cdp.send(
        "Runtime.evaluate",
        {
            "expression": "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)})))",
            "awaitPromise": True,
            "returnByValue": True,
        },
    )
    cdp.detach()
    return result["result"]["value"]


def test_unreadable_file_gives_a_vietnamese_message(browser, server: Server, tmp_path: Path) -> None:
    w = Watched(browser, server.url + "/")
    bad = tmp_path / "ghi-chu.jpg"
    bad.write_bytes(b"not a photo at all")
    w.page.get_by_label("Chọn ảnh hoặc chụp ảnh").set_input_files(bad)
    alert = w.page.locator("#message")
    alert.wait_for()
    assert alert.inner_text().startswith("Không đọc được ảnh này")
    assert "iPhone" not in alert.inner_text()
    assert w.page.get_by_role("button", name="Tải ảnh về").is_disabled()
    w.close()


def test_page_colours_have_contrast(kit) -> None:
    """Every text colour the page uses reaches WCAG AA (4.5:1) on its background, and
    control borders 3:1."""
    css = theme_css(kit).decode()
    props = dict(
        (line.split(":")[0].strip(" -"), line.split(":")[1].strip(" ;"))
        for line in css.splitlines()
        if line.strip().startswith("--")
    )
    c = {k: Color.parse(v) for k, v in props.items()}
    white = Color.parse("#FFFFFF")
    pairs = [
        ("on-light", "light"),
        ("muted", "light"),
        ("on-primary", "primary"),
        ("on-primary", "primary-dark"),
        ("on-accent", "accent"),
        ("on-dark", "dark"),
    ]
    for fg, bg in pairs:
        assert contrast_ratio(c[fg], c[bg]) >= 4.5, (fg, bg)
    for fg in ("muted", "secondary", "primary", "on-light", "primary-dark"):
        assert contrast_ratio(c[fg], white) >= 4.5, fg
    for bg in (white, c["light"]):
        assert contrast_ratio(c["border"], bg) >= 3.0


def test_units_reach_the_page_config(kit) -> None:
    from assets_gen.render.page import page_config

    unit = Unit("Liên đoàn Lao động tỉnh Lào Cai", "LĐLĐ Lào Cai", "lao-cai", aliases=("lc",), group="Tỉnh")
    config = page_config(kit, [unit])
    (got,) = config["units"]
    assert {k: got[k] for k in ("slug", "name", "label", "aliases", "group")} == {
        "slug": "lao-cai",
        "name": "Liên đoàn Lao động tỉnh Lào Cai",
        "label": "LĐLĐ Lào Cai",
        "aliases": ["lc"],
        "group": "Tỉnh",
    }
    # The name as the CLI places it, for each style: the page draws exactly this.
    ring, ribbon = (got["text"][s.name] for s in kit.frames)
    assert ring[0]["text"] == "LĐLĐ LÀO CAI" and ring[0]["arc"][3] == "bottom" and len(ring[0]["box"]) == 4
    assert ribbon[0]["text"] == "LĐLĐ LÀO CAI" and len(ribbon[0]["at"]) == 2
    assert config["placement"] == {"x": 0.5, "y": 0.3, "zoom": 1.0, "rotate": 0}
    assert config["jpegQuality"] == 0.9
    assert config["counter"] is None


def test_without_javascript_the_form_says_it_uploads(browser, server: Server, tmp_path: Path) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + "/")
    assert "gửi ảnh của bạn lên máy chủ" in page.locator("#ns-title + p").inner_text().lower()
    page.get_by_label("Ảnh", exact=True).set_input_files(DATA / "coffee.png")
    page.get_by_label("Kiểu khung", exact=True).select_option("dai-bang")
    with page.expect_download() as info:
        page.get_by_role("button", name="Gửi ảnh lên, ghép khung và tải về").click()
    path = tmp_path / "avatar.jpg"
    info.value.save_as(path)
    with Image.open(path) as im:
        assert (im.format, im.size) == ("JPEG", (1080, 1080))
    context.close()


def test_share_shows_where_files_can_be_shared(browser, server: Server, photo_file: Path) -> None:
    """Where navigator.canShare({files}) says yes, "Chia sẻ" shares the JPEG."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(
        "navigator.canShare = () => true;"
        "navigator.share = (data) => { window.shared = data.files.map(f => [f.name, f.type, f.size]);"
        " return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(server.url + "/")
    page.get_by_label("Chọn ảnh hoặc chụp ảnh").set_input_files(photo_file)
    page.wait_for_selector("body[data-photo=ready]")
    share = page.get_by_role("button", name="Chia sẻ")
    assert share.is_visible()
    assert_in_view(page, "#share", "#download")
    share.click()
    page.wait_for_function("() => window.shared !== undefined")
    ((name, kind, size),) = page.evaluate("() => window.shared")
    assert (name, kind) == ("anh-dai-dien-1-trieu-sang-kien.jpg", "image/jpeg") and size > 50_000
    context.close()
