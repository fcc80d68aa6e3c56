"""The print set: every PDF read back with pypdf and Poppler, as a print shop would.

One build (two units, every product, CMYK for the A4 posters is a separate small build)
is shared by the tests; Poppler renders only the regions a test looks at.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from assets_gen.batch.kinds.printset import PrintOptions
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.render.print.booklet import page_count
from assets_gen.render.print.common import keep_together, long_date
from assets_gen.render.print.products import MARK_GAP_MM, MM_PER_PT, PRODUCTS

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("gs") is None,
    reason="Poppler and Ghostscript are installed by scripts/install-test-deps.sh",
)

UNITS = "name,short_name,slug\nCông đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam,CĐ TKV,cd-tkv\n"


@pytest.fixture(scope="module")
def built(kit, tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    units = out.parent / "print-units.csv"
    units.write_text(UNITS, encoding="utf-8")
    errors = []
    opts = BuildOptions(
        out=out, only=["print"], units_file=units, jobs=2, index=True, kind_options={"print": PrintOptions()}
    )
    result = run_build(kit, opts, report=errors.append)
    assert result.failed == 0, errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, [a for a in manifest["assets"] if a["kind"] == "print"], units


def _pt(mm: float) -> float:
    return mm / MM_PER_PT


def _box(page, name: str) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in page[name])


def test_every_product_is_made(built):
    _, assets, _ = built
    made = {(a["format"], a["unit"]) for a in assets}
    for product in ("poster-a4", "poster-a3", "rollup", "street-banner"):
        assert (product, None) in made and (product, "cd-tkv") in made
    assert ("backdrop", None) in made
    assert ("booklet", None) in made
    assert ("certificate", "cd-tkv") in made  # only the built unit's authors
    backdrop = next(a for a in assets if a["format"] == "backdrop")
    assert backdrop["path"].endswith("-scale1to10.pdf") and backdrop["scale"] == "1:10"


def test_boxes_are_trim_and_bleed(built):
    out, assets, _ = built
    for asset in assets:
        product = PRODUCTS[asset["format"]]
        reader = PdfReader(out / asset["path"])
        assert len(reader.pages) == asset["pages"]
        for page in reader.pages:
            trim, bleed, media = _box(page, "/TrimBox"), _box(page, "/BleedBox"), _box(page, "/MediaBox")
            w, h = _pt(product.width_mm / product.scale), _pt(product.height_mm / product.scale)
            b = _pt(product.bleed_mm / product.scale)
            assert trim[2] - trim[0] == pytest.approx(w, abs=0.01), asset["path"]
            assert trim[3] - trim[1] == pytest.approx(h, abs=0.01)
            assert bleed[2] - bleed[0] == pytest.approx(w + 2 * b, abs=0.01)
            assert bleed[3] - bleed[1] == pytest.approx(h + 2 * b, abs=0.01)
            assert bleed[0] == pytest.approx(trim[0] - b, abs=0.01)
            assert bleed[1] == pytest.approx(trim[1] - b, abs=0.01)
            # the page is the bleed plus the slug that carries the crop marks
            assert media[0] == 0 and media[1] == 0 and media[2] > bleed[2] and media[3] > bleed[3]
            assert max(media[2], media[3]) <= 14_400


def test_text_is_outlined_never_a_font_or_an_image(built):
    out, assets, _ = built
    for asset in assets:
        pdf = out / asset["path"]
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert len(fonts.strip().splitlines()) == 2, f"{pdf}: {fonts}"  # the header only: no font at all
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
        rows = images.stdout.strip().splitlines()[2:]
        if asset["format"] != "booklet":
            assert rows == [], f"{pdf} has images: {rows}"
        for row in rows:  # the booklet's photos, as JPEG
            assert row.split()[8] == "jpeg", row


def _render(pdf: Path, dpi: float, page: int = 1, crop: tuple[float, float, float, float] | None = None):
    """Poppler's render of a page (or of a region of it, in points from the top left)."""
    command = ["pdftoppm", "-r", f"{dpi:g}", "-f", str(page), "-l", str(page), "-png", "-singlefile"]
    if crop is not None:
        x, y, w, h = (round(v * dpi / 72) for v in crop)
        command += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    done = subprocess.run([*command, str(pdf)], capture_output=True, check=True)
    return Image.open(io.BytesIO(done.stdout)).convert("L")


def test_crop_marks_outside_the_bleed_and_background_fills_it(built):
    out, assets, _ = built
    dpi = 150
    k = dpi / 72
    for asset in assets:
        product = PRODUCTS[asset["format"]]
        pdf = out / asset["path"]
        page = PdfReader(pdf).pages[0]
        bleed, media = _box(page, "/BleedBox"), _box(page, "/MediaBox")
        gap = _pt(MARK_GAP_MM)
        slug = bleed[0]  # the paper beyond the bleed, in points
        reach = slug + 20  # each corner: the slug and 20 pt into the bleed
        top_y = media[3] - bleed[3]  # the bleed's top edge, from the page's top
        for sx, sy in ((0, 0), (1, 0), (0, 1), (1, 1)):
            x0 = 0 if sx == 0 else media[2] - reach
            y0 = 0 if sy == 0 else media[3] - reach
            corner = _render(pdf, dpi, crop=(x0, y0, reach, reach))
            # the bleed's corner inside this render, in pixels
            bx = (slug - x0 if sx == 0 else bleed[2] - x0) * k
            by = (top_y - y0 if sy == 0 else media[3] - bleed[1] - y0) * k
            dx, dy = (1 if sx else -1), (1 if sy else -1)  # outward from the bleed's corner
            # Nothing printed between the bleed and the start of the marks (2 mm of the file).
            band_x = sorted((bx + dx * 2, bx + dx * (gap * k - 2)))
            band_y = sorted((by + dy * 2, by + dy * (gap * k - 2)))
            for band in ((band_x[0], 0, band_x[1], corner.height), (0, band_y[0], corner.width, band_y[1])):
                region = corner.crop(tuple(round(v) for v in band))
                assert region.getextrema()[0] >= 250, f"{pdf}: ink between the bleed and the marks"
            # The marks are there, beyond that band.
            assert corner.getextrema()[0] < 100, f"{pdf}: no crop mark in corner {sx},{sy}"
            # The background reaches the bleed's edge: no white paper just inside it.
            inside = sorted((bx - dx * 6, bx - dx * 2)), sorted((by - dy * 6, by - dy * 2))
            edge = corner.crop(
                tuple(round(v) for v in (inside[0][0], inside[1][0], inside[0][1], inside[1][1]))
            )
            assert edge.getextrema()[1] < 252, f"{pdf}: white paper inside the bleed ({product.name})"


def test_qr_codes_decode_from_a_150_dpi_render(built, kit):
    import zxingcpp

    out, assets, _ = built
    found = 0
    for asset in assets:
        if asset["format"] not in ("poster-a4", "poster-a3", "rollup", "booklet"):
            continue
        pdf = out / asset["path"]
        reader = PdfReader(pdf)
        page_no = len(reader.pages)  # posters: page 1; the booklet's back cover: its last page
        page = reader.pages[page_no - 1]
        media = _box(page, "/MediaBox")
        # A poster's QR is in its lower half: render that part only (a roll-up is 2 m tall).
        crop = (0, media[3] * 0.45, media[2], media[3] * 0.55) if asset["format"] != "booklet" else None
        image = _render(pdf, 150, page_no, crop)
        codes = zxingcpp.read_barcodes(image)
        assert [c.text for c in codes] == [kit.links.portal], pdf
        found += 1
    assert found >= 7


def test_qr_codes_are_large_enough(kit):
    from assets_gen.brand.units import Unit
    from assets_gen.render.print.poster import render_poster

    unit = Unit("Liên đoàn Lao động tỉnh Quảng Ninh", "LĐLĐ Quảng Ninh", "quang-ninh")
    sides = {}
    for name in ("poster-a4", "poster-a3", "rollup"):
        product = PRODUCTS[name]
        (qr,) = render_poster(kit, product, unit).qr_boxes
        sides[name] = qr.w / product.units_per_mm
        assert sides[name] >= product.qr_min_mm >= 25
    assert sides["poster-a4"] < sides["poster-a3"] < sides["rollup"]  # it scales with the product


def _all_pages(kit):
    from assets_gen.brand.authors import Author, read_authors
    from assets_gen.brand.events import event_files, load_event
    from assets_gen.brand.units import Unit
    from assets_gen.render.print import booklet, certificate, poster, wide

    unit = Unit("Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "CĐ TKV", "cd-tkv")
    authors = [a for a in read_authors(kit.data.authors, {"cd-tkv": unit}) if isinstance(a, Author)]
    for name in poster.PORTRAIT:
        yield poster.render_poster(kit, PRODUCTS[name], unit)
        yield poster.render_poster(kit, PRODUCTS[name], None)
    yield wide.render_street_banner(kit, PRODUCTS["street-banner"], unit)
    yield wide.render_backdrop(kit, PRODUCTS["backdrop"], load_event(kit, event_files(kit)[0]))
    for author in authors:
        yield certificate.render_certificate(kit, PRODUCTS["certificate"], author)
    yield from booklet.render_booklet(kit, PRODUCTS["booklet"], authors)


def test_no_text_crosses_the_safe_margin(kit):
    for page in _all_pages(kit):
        safe = page.product.safe
        assert page.texts
        for what, ink in page.texts:
            assert safe.contains(ink), f"{page.product.name}: {what} {ink} outside {safe}"


def test_certificate_leaves_room_to_sign_and_seal(kit):
    from assets_gen.brand.authors import Author
    from assets_gen.render.print.certificate import SIGNATURE_MM, render_certificate

    product = PRODUCTS["certificate"]
    author = Author("Nguyễn Huỳnh Thị Phương Thảo", "x", "Công đoàn Giáo dục Việt Nam", "Chấm bài", "a")
    texts = dict(render_certificate(kit, product, author).texts)
    assert texts["signer"].y - texts["signer title"].bottom >= product.units(SIGNATURE_MM)
    assert texts["author name"].h < product.units(15) * 1.4  # one line at most 15 mm: never broken


def test_certificate_sets_its_place_and_date_in_italics(kit, monkeypatch):
    import dataclasses

    from assets_gen.brand.authors import Author
    from assets_gen.render.print import page
    from assets_gen.render.print.certificate import render_certificate

    fonts: dict[str, object] = {}
    fit_text = page.fit_text

    def spy(text, box, style, what):
        fonts[what] = style.font
        return fit_text(text, box, style, what)

    monkeypatch.setattr(page, "fit_text", spy)
    author = Author("Lê Quang Minh", "x", "Công đoàn Giáo dục Việt Nam", "Chấm bài", "a")
    render_certificate(kit, PRODUCTS["certificate"], author)
    assert kit.fonts.italic is not None and kit.fonts.italic.name == "BeVietnamPro-Italic.ttf"
    assert fonts["date"] == kit.fonts.italic
    assert all(font != kit.fonts.italic for what, font in fonts.items() if what != "date")
    # A kit without an italic sets the date upright, in its body font.
    upright = dataclasses.replace(kit, fonts=dataclasses.replace(kit.fonts, italic=None))
    render_certificate(upright, PRODUCTS["certificate"], author)
    assert fonts["date"] == kit.fonts.body


def test_sizes_are_within_budget(built):
    out, assets, _ = built
    for asset in assets:
        size = (out / asset["path"]).stat().st_size
        if asset["format"] == "poster-a4":
            assert size < 2_000_000
        if asset["format"] == "backdrop":
            assert size < 20_000_000


def test_previews_alt_texts_and_thumbnails(built):
    out, assets, _ = built
    for asset in assets:
        preview = Image.open(out / asset["preview"])
        assert preview.width == 1080
        assert abs(preview.width / preview.height - asset["width"] / asset["height"]) < 0.01
        assert asset["alt"] and "\u00a0" not in asset["alt"]
        assert (out / asset["thumb"]).is_file()  # the contact sheet shows the first page
    sheet = (out / "index.html").read_text(encoding="utf-8")
    assert "campaign/print/booklet.pdf" in sheet


def test_rebuild_is_incremental(built, kit):
    out, assets, units = built
    opts = BuildOptions(
        out=out, only=["print"], units_file=units, jobs=1, index=True, kind_options={"print": PrintOptions()}
    )
    result = run_build(kit, opts)
    assert result.rendered == 0 and result.unchanged == len(assets)


def test_certificates_one_per_good_row_bad_rows_reported(kit, tmp_path):
    authors = tmp_path / "authors.csv"
    authors.write_text(
        "name,unit,title,benefit\n"
        'Lê Thị Hoa,cd-tkv,Máy sàng than cải tiến,"làm lợi 1,2 tỷ đồng"\n'
        ",cd-tkv,Không tên,\n"
        "Vũ Văn Nam,khong-co,Đơn vị sai,\n"
        "Hoàng Minh Đức,cd-tkv,Băng tải tiết kiệm điện,\n",
        encoding="utf-8",
    )
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    errors = []
    options = {"print": PrintOptions(products=("certificate",), authors_file=authors)}
    result = run_build(
        kit,
        BuildOptions(out=tmp_path / "out", only=["print"], units_file=units, jobs=1, kind_options=options),
        report=errors.append,
    )
    lines = [str(e) for e in errors]
    assert result.rendered == 2 and result.failed == 2
    assert lines[0].endswith("authors.csv:3: empty name")
    assert "authors.csv:4: unknown unit" in lines[1]
    made = sorted(p.name for p in (tmp_path / "out/units/cd-tkv/print").glob("*.pdf"))
    assert made == ["certificate-hoang-minh-duc.pdf", "certificate-le-thi-hoa.pdf"]


def test_cmyk_copy_has_cmyk_colours_an_output_intent_and_the_boxes(kit, tmp_path):
    options = {"print": PrintOptions(products=("poster-a4",), cmyk=True)}
    units = tmp_path / "units.csv"
    units.write_text("name,short_name,slug\n", encoding="utf-8")
    result = run_build(
        kit, BuildOptions(out=tmp_path, only=["print"], units_file=units, jobs=1, kind_options=options)
    )
    assert result.failed == 0
    rgb = PdfReader(tmp_path / "campaign/print/poster-a4.pdf")
    cmyk = PdfReader(tmp_path / "campaign/print/poster-a4.cmyk.pdf")
    assert "/OutputIntents" in cmyk.trailer["/Root"]
    for box in ("/TrimBox", "/BleedBox", "/MediaBox"):
        assert _box(cmyk.pages[0], box) == _box(rgb.pages[0], box)
    content = cmyk.pages[0].get_contents().get_data()
    assert b" k\n" in content or b" k " in content
    assert b" rg\n" not in content and b" rg " not in content


def test_missing_ghostscript_is_one_line(monkeypatch):
    from assets_gen.errors import SystemDependencyError
    from assets_gen.render.print import cmyk

    monkeypatch.setattr(cmyk.shutil, "which", lambda name: None)
    with pytest.raises(SystemDependencyError, match="apt-get install ghostscript"):
        cmyk.ghostscript()


def test_low_resolution_photos_are_warned_by_name(kit, tmp_path):
    from click.testing import CliRunner

    from assets_gen.cli import cli

    Image.new("RGB", (120, 120), (90, 120, 160)).save(tmp_path / "small.jpg")
    authors = tmp_path / "authors.csv"
    authors.write_text(
        "name,unit,title,photo\nLê Thị Hoa,Công đoàn Dệt may,Máy dệt,small.jpg\n", encoding="utf-8"
    )
    units = tmp_path / "units.csv"
    units.write_text("name,short_name,slug\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "print",
            "--only",
            "booklet",
            "--authors",
            str(authors),
            "--units",
            str(units),
            "--out",
            str(tmp_path / "out"),
            "-j",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert (
        len(warning) == 1
        and "authors.csv:2" in warning[0]
        and "small.jpg" in warning[0]
        and "dpi" in warning[0]
    )
    assert "1 warning" in result.output.splitlines()[-1]
    assert (tmp_path / "out/campaign/print/booklet.pdf").is_file()


def test_check_names_low_resolution_photos(kit, tmp_path):
    from assets_gen.brand.authors import Author
    from assets_gen.render.print.photos import low_resolution_photos

    Image.new("RGB", (120, 160), (90, 120, 160)).save(tmp_path / "small.jpg")
    Image.new("RGB", (900, 900), (90, 120, 160)).save(tmp_path / "large.jpg")
    authors = [
        Author("Lê Thị Hoa", "x", "X", "Y", "a", photo=tmp_path / "small.jpg", where="authors.csv:2"),
        Author("Vũ Nam", "x", "X", "Y", "b", photo=tmp_path / "large.jpg", where="authors.csv:3"),
        Author("Đỗ An", "x", "X", "Y", "c", where="authors.csv:4"),
    ]
    (warning,) = low_resolution_photos(authors)
    assert warning.where == "authors.csv:2" and "small.jpg" in warning.what and "120 px" in warning.what


def test_unknown_product_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from assets_gen.cli import cli

    result = CliRunner().invoke(cli, ["print", "--only", "poster-a5", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "error: --only: unknown product poster-a5" in result.output


def test_vietnamese_dates():
    assert long_date("Hà Nội", dt.date(2026, 11, 27)) == "Hà Nội, ngày 27 tháng 11 năm 2026"
    assert long_date("Huế", dt.date(2027, 2, 3)) == "Huế, ngày 03 tháng 02 năm 2027"
    assert long_date("Đà Nẵng", dt.date(2027, 5, 9)) == "Đà Nẵng, ngày 09 tháng 5 năm 2027"


def test_names_are_never_broken():
    assert (
        keep_together("Nguyễn  Huỳnh Thị Phương Thảo") == "Nguyễn\u00a0Huỳnh\u00a0Thị\u00a0Phương\u00a0Thảo"
    )


@given(st.integers(min_value=0, max_value=500))
def test_booklet_page_count_is_padded_to_four(authors):
    pages = page_count(authors)
    assert pages % 4 == 0 and authors + 3 <= pages < authors + 7


def test_booklet_pads_with_notes_pages(kit):
    from assets_gen.brand.authors import Author
    from assets_gen.render.print.booklet import render_booklet

    authors = [Author("Lê Thị Hoa", "x", "Công đoàn Dệt may", "Máy dệt cải tiến", "le-thi-hoa")] * 2
    pages = render_booklet(kit, PRODUCTS["booklet"], authors)
    assert len(pages) == 8
    assert [w for w, _ in pages[5].texts][:1] == ["running head"] and (
        "notes" in [w for w, _ in pages[5].texts]
    )


def test_pdf_bytes_are_deterministic(kit):
    from assets_gen.render.print.pdf import render_pdf
    from assets_gen.render.print.poster import render_poster

    page = render_poster(kit, PRODUCTS["poster-a4"], None)
    assert render_pdf([page], "t", "a") == render_pdf([page], "t", "a")


def test_streams_are_compressed(built):
    out, assets, _ = built
    raw = (out / next(a["path"] for a in assets if a["format"] == "poster-a4")).read_bytes()
    assert b"/FlateDecode" in raw


SYLLABLES = [
    "Hà",
    "Nội",
    "Thừa",
    "Thiên",
    "Huế",
    "Bà",
    "Rịa",
    "Vũng",
    "Tàu",
    "Đắk",
    "Nông",
    "Quảng",
    "Ngãi",
    "Công",
    "nghiệp",
    "Khoáng",
    "sản",
    "Dầu",
    "khí",
    "Xây",
    "dựng",
    "Giao",
    "thông",
    "vận",
    "tải",
]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=9))
def test_any_unit_name_stays_inside_the_safe_margin(kit, words):
    from assets_gen.brand.units import Unit
    from assets_gen.render.print.poster import render_poster
    from assets_gen.render.print.wide import render_street_banner

    unit = Unit("Công đoàn " + " ".join(words), "CĐ", "x")
    for page in (
        render_poster(kit, PRODUCTS["poster-a4"], unit),
        render_street_banner(kit, PRODUCTS["street-banner"], unit),
    ):
        for what, ink in page.texts:
            assert page.product.safe.contains(ink), (page.product.name, what)
