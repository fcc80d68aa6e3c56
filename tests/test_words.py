"""Vietnamese line breaking: never inside a word, a name or a kit phrase, never after a
dash; balanced lines; a broken word only as the last resort, and never silently."""

from __future__ import annotations

import csv
import subprocess
import sys
import tomllib
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from assets_gen.brand import load_kit
from assets_gen.errors import FitError
from assets_gen.layout import drawn, words
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import FEWER_LINES_SIZE, TextStyle, _largest, draw_text, fit_text, set_text
from assets_gen.resources import default_brand_dir, fonts_dir

BOLD = fonts_dir() / "BeVietnamPro-Bold.ttf"
KIT = default_brand_dir()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def real_phrases() -> list[str]:
    """Every multi-word text of the default kit: unit names, slogans, guides, events,
    authors."""
    kit = load_kit()
    found = [t for t in kit.texts().values()]
    with (KIT / "units.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            found += [row["name"], row["short_name"]]
    with (KIT / "authors.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            found += [v for v in row.values() if v]
    for path in [*sorted((KIT / "content").glob("*.toml")), *sorted((KIT / "events").glob("*.toml"))]:
        found += _strings(tomllib.loads(path.read_text(encoding="utf-8")))
    found += ["TS. Lê Quang Minh, Hội đồng xét duyệt sáng kiến kiểm tra kết quả"]
    phrases = {" ".join(t.split()) for t in found if len(t.split()) >= 2 and "://" not in t}
    return sorted(phrases)


PHRASES = real_phrases()


@pytest.fixture(autouse=True)
def kit_phrases():
    """The kit's protected phrases, as `load_kit` sets them for the process."""
    words.use_phrases(load_kit().text.keep_together)


def boundaries_are_free(lines: tuple[str, ...]) -> bool:
    """Every line boundary falls on a gap where Vietnamese may break."""
    gaps = words.gaps(" ".join(lines))
    index = -1
    for line in lines[:-1]:
        index += len(line.split(" "))
        if gaps.cost[index] != words.FREE:
            return False
    return True


# -- where a text may break ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "atoms"),
    [
        ("CÔNG ĐOÀN NGÂN HÀNG VIỆT NAM", ("CÔNG ĐOÀN", "NGÂN HÀNG", "VIỆT NAM")),
        ("Công đoàn Ngân hàng Việt Nam", ("Công đoàn", "Ngân hàng", "Việt Nam")),
        (
            "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
            ("Công đoàn", "Tập đoàn", "Công nghiệp", "Than", "- Khoáng sản", "Việt Nam"),
        ),
        ("TS. Lê Quang Minh, Trưởng ban", ("TS. Lê Quang Minh,", "Trưởng ban")),
        ("PGS.TS. Nguyễn Thị Hồng Vân", ("PGS.TS. Nguyễn Thị Hồng Vân",)),
        ("Bà Nguyễn Thị Hoa phát biểu", ("Bà Nguyễn Thị Hoa", "phát biểu")),
        ("1 triệu sáng kiến – triệu việc tốt", ("1 triệu", "sáng kiến", "– triệu", "việc tốt")),
        (
            "Hội đồng xét duyệt sáng kiến kiểm tra kết quả",
            ("Hội đồng", "xét duyệt", "sáng kiến", "kiểm tra", "kết quả"),
        ),
        ("Tự\u00a0hào", ("Tự hào",)),
        ("Liên đoàn Lao động thành phố Hà Nội", ("Liên đoàn Lao động", "thành phố", "Hà Nội")),
        # "Tổng Liên đoàn" is one word here: the kit phrase "Liên đoàn Lao động" does not apply.
        ("Tổng Liên đoàn Lao động Việt Nam", ("Tổng Liên đoàn", "Lao động", "Việt Nam")),
    ],
)
def test_atoms_keep_words_names_phrases_and_dashes(text: str, atoms: tuple[str, ...]) -> None:
    assert words.atoms(text) == atoms


def test_kit_phrases_are_matched_without_regard_to_case() -> None:
    assert words.atoms("gửi SÁNG KIẾN", ("sáng kiến",)) == ("gửi", "SÁNG KIẾN")
    assert "sáng kiến" in load_kit().text.keep_together


def test_text_in_capitals_keeps_the_words_of_the_text_as_written() -> None:
    for name in ("Liên đoàn Lao động Thành phố Hồ Chí Minh", "Liên đoàn Lao động tỉnh Lâm Đồng"):
        written = words.atoms(name)
        capitals = words.atoms(name.upper())
        assert len(capitals) <= len(written)
        assert all(atom.upper() in capitals or any(atom.upper() in c for c in capitals) for atom in written)


def test_segmentation_is_cached_per_text() -> None:
    words.gaps("Xí nghiệp cảm biến cập nhật")
    before = words._gaps.cache_info().hits
    words.gaps("Xí nghiệp cảm biến cập nhật")
    assert words._gaps.cache_info().hits == before + 1


# -- lines -----------------------------------------------------------------------------


def test_a_unit_name_breaks_between_words() -> None:
    style = TextStyle(BOLD, 60, 20, max_lines=2, upper=True)
    for width in range(300, 900, 20):
        block = set_text("Công đoàn Ngân hàng Việt Nam", style, 44, width)
        if block is not None:
            assert boundaries_are_free(block.lines), block.lines
            assert "NGÂN / HÀNG" not in " / ".join(block.lines)


def test_balanced_lines_do_not_leave_a_word_alone() -> None:
    style = TextStyle(BOLD, 80, 20, max_lines=3, upper=True)
    text = "Tự hào trí tuệ lao động Việt Nam"
    one_line = set_text(text, style, 60, 10_000)
    assert one_line is not None
    block = set_text(text, style, 60, one_line.width * 0.7)
    assert block is not None
    assert block.lines == ("TỰ HÀO TRÍ TUỆ", "LAO ĐỘNG VIỆT NAM")


def test_a_setting_in_fewer_lines_wins_when_nearly_as_large() -> None:
    style = TextStyle(BOLD, 200, 20, max_lines=3, upper=True)
    exercised = 0
    for text in PHRASES[::4]:
        one_line = set_text(text, style, 100, 10_000)
        assert one_line is not None
        for step in (6, 9, 12, 15):
            box = Box(0, 0, one_line.width * step / 20, 2000)
            best = {k: _largest(text, box, replace(style, max_lines=k), "text", True) for k in (1, 2, 3)}
            if not any(best.values()):
                continue
            largest = max(b.size for b in best.values() if b)
            fewest = min(k for k, b in best.items() if b and b.size >= largest * FEWER_LINES_SIZE)
            block = fit_text(text, box, style)
            assert len(block.lines) == fewest, (text, step, block.lines)
            exercised += block.size < largest
    assert exercised  # the rule chose fewer lines at least once


def test_a_dash_never_ends_a_line() -> None:
    style = TextStyle(BOLD, 40, 10, max_lines=3)
    for text in ("1 triệu sáng kiến – triệu việc tốt", "Công đoàn Than - Khoáng sản Việt Nam"):
        for width in range(120, 700, 10):
            block = set_text(text, style, 30, width)
            if block is not None:
                assert not any(line.split()[-1] in words.DASHES for line in block.lines), block.lines


def test_a_titled_name_stays_on_one_line() -> None:
    style = TextStyle(BOLD, 40, 10, max_lines=3)
    for width in range(200, 700, 10):
        block = set_text("Diễn giả TS. Lê Quang Minh", style, 30, width)
        if block is not None:
            assert any("TS. Lê Quang Minh" in line for line in block.lines), block.lines


def test_a_word_is_broken_only_when_nothing_else_fits_and_it_says_so() -> None:
    text = "Ngân hàng Việt Nam"
    style = TextStyle(BOLD, 40, 40, max_lines=3)
    widths = {t: set_text(t, style, 40, 10_000).width for t in ("Ngân hàng", "Ngân", "hàng", "Việt Nam")}
    box = Box(0, 0, max(widths["Ngân"], widths["hàng"], widths["Việt Nam"]) + 4, 400)
    assert widths["Ngân hàng"] > box.w  # "Ngân hàng" cannot stay on one line
    with pytest.raises(FitError, match="without breaking a word"):
        fit_text(text, box, style, "unit name", split_words=False)
    block = fit_text(text, box, style, "unit name")
    assert block.split
    assert block.lines == ("Ngân", "hàng", "Việt Nam")  # "Việt Nam" is still whole
    with drawn.recording() as found:
        draw_text(Image.new("RGBA", (2000, 400)), box, block, (0, 0, 0, 255))
    assert found == [drawn.DrawnText("unit", 40, block.lines, split=True)]


# -- property: over real Vietnamese phrases ---------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.sampled_from(PHRASES),
    width=st.integers(min_value=80, max_value=1400),
    lines=st.integers(min_value=1, max_value=4),
    upper=st.booleans(),
)
def test_no_line_boundary_inside_a_word_when_a_fit_without_it_exists(text, width, lines, upper) -> None:
    style = TextStyle(BOLD, 56, 14, max_lines=lines, upper=upper)
    box = Box(0, 0, width, 1000)
    try:
        block = fit_text(text, box, style)
    except FitError:
        return
    strict = set_text(text, style, style.min_size, width, strict=True)
    if strict is not None and strict.width <= width:
        assert not block.split
    if not block.split:
        gaps = words.gaps(text)  # the text as written: capitals are set from it
        index = -1
        for line in block.lines[:-1]:
            index += len(line.split(" "))
            assert gaps.cost[index] == words.FREE, block.lines
    assert not any(line.split()[-1] in words.DASHES for line in block.lines[:-1]), block.lines


def test_the_property_covers_the_kit_texts() -> None:
    assert len(PHRASES) > 60
    assert "Liên đoàn Lao động Thành phố Hồ Chí Minh" in PHRASES
    assert any(p.startswith("TS. ") for p in PHRASES)


# -- personal names without a title ---------------------------------------------------------


def untitled_names() -> list[str]:
    """Every person's name in the kit's data, without its title (authors, event guests),
    and a few more of the shapes Vietnamese names take."""
    found = ["Lê Quang Minh", "Lò Văn Pó", "Hà Thị Kim Oanh", "Nguyễn Huỳnh Thị Phương Thảo"]
    with (KIT / "authors.csv").open(encoding="utf-8-sig") as handle:
        found += [row["name"] for row in csv.DictReader(handle)]
    for path in sorted((KIT / "events").glob("*.toml")):
        for guest in tomllib.loads(path.read_text(encoding="utf-8")).get("guests", []):
            syllables = guest["name"].split()
            while syllables and (
                words._ABBREVIATED_TITLE.match(syllables[0]) or syllables[0] in ("Ông", "Bà")
            ):
                syllables = syllables[1:]
            found.append(" ".join(syllables))
    return sorted(set(found))


NAMES = untitled_names()
# How names are set: alone (spotlights, certificates, guest columns), before a role, in a
# ranked row, inside a sentence.
CONTEXTS = ("{}", "{}, Trưởng ban tổ chức", "1. {}  +12", "Tác giả {} nhận giấy khen", "Diễn giả: {}")


def test_untitled_names_are_one_atom() -> None:
    assert "Lê Quang Minh" in NAMES and "Trần Văn Dũng" in NAMES
    for name in NAMES:
        assert words.atoms(name) == (name,), name
        assert words.atoms(name.upper()) == (name.upper(),), name
        assert name in words.atoms(f"Tác giả {name} nhận giấy khen"), name
    # A place named after a person stays whole; ordinary words around a name stay free.
    assert words.atoms("Thành phố Hồ Chí Minh") == ("Thành phố", "Hồ Chí Minh")
    assert words.atoms("Công đoàn Ngân hàng Việt Nam") == ("Công đoàn", "Ngân hàng", "Việt Nam")
    # Title Case names of bodies: "Đoàn", "Đồng" start a name only before Văn/Thị.
    assert words.atoms("Công Đoàn Ngân Hàng Việt Nam") == ("Công Đoàn", "Ngân Hàng", "Việt Nam")
    assert words.atoms("Hội Đồng Thẩm Định Sáng Kiến") == ("Hội Đồng", "Thẩm Định", "Sáng Kiến")
    assert words.atoms("Cầu thủ Đoàn Văn Hậu") == ("Cầu thủ", "Đoàn Văn Hậu")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    context=st.sampled_from(CONTEXTS),
    width=st.integers(min_value=80, max_value=1200),
    lines=st.integers(min_value=1, max_value=4),
    upper=st.booleans(),
)
def test_a_name_without_a_title_never_breaks_when_a_fit_without_it_exists(
    name, context, width, lines, upper
) -> None:
    style = TextStyle(BOLD, 56, 14, max_lines=lines, upper=upper)
    try:
        block = fit_text(context.format(name), Box(0, 0, width, 1000), style)
    except FitError:
        return
    whole = name.upper() if upper else name
    strict = set_text(context.format(name), style, style.min_size, width, strict=True)
    if strict is not None and strict.width <= width:  # it fits without breaking a word or a name
        assert any(whole in line for line in block.lines), block.lines


def test_the_segmenter_loads_without_scikit_learn_and_leaves_it_importable():
    """pyvi's tagger needs only pycrfsuite: scikit-learn (nine tenths of its load) is
    hidden while it imports, and importable again afterwards."""
    code = (
        "import sys\n"
        "from assets_gen.layout import words\n"
        "words.load_segmenter()\n"
        "assert 'sklearn' not in sys.modules, 'scikit-learn was imported'\n"
        "assert words.segmenter_bonds(('Ngân', 'hàng', 'thành', 'phố')) == {0, 2}\n"
        "import sklearn.base\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
