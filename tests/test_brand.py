"""Brand kit loading: every mistake is one line naming the file, the key and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assets_gen.brand import load_kit
from assets_gen.brand.lint import lint_kit
from assets_gen.brand.units import read_units, slugify
from assets_gen.errors import AssetsGenError, BrandError, DataError
from assets_gen.resources import default_brand_dir


@pytest.fixture
def kit_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the default kit at ./brand in a temporary working folder."""
    dest = tmp_path / "brand"
    shutil.copytree(default_brand_dir(), dest)
    monkeypatch.chdir(tmp_path)
    return dest


def _edit(kit_dir: Path, old: str, new: str) -> None:
    toml = kit_dir / "brand.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(kit_dir: Path) -> str:
    with pytest.raises(BrandError) as info:
        load_kit(kit_dir)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_default_kit_loads_with_both_slogans() -> None:
    kit = load_kit()
    assert kit.campaign.name == "1 triệu sáng kiến"
    assert kit.campaign.slogan.replace("\u00a0", " ") == "Tự hào trí tuệ lao động Việt Nam"
    assert kit.campaign.tagline.replace("\u00a0", " ") == "1 triệu sáng kiến - triệu việc tốt"
    assert kit.links.portal.startswith("https://")
    assert len(kit.frames) >= 2
    assert kit.logo.full.suffix == ".svg"


def test_kit_is_frozen_and_documented() -> None:
    import dataclasses

    from assets_gen.brand import model

    kit = load_kit()
    with pytest.raises(dataclasses.FrozenInstanceError):
        kit.campaign.name = "x"  # type: ignore[misc]
    source = Path(model.__file__).read_text(encoding="utf-8")
    for cls in (model.Campaign, model.Palette, model.Fonts, model.Logo, model.Links, model.Data):
        for field in dataclasses.fields(cls):
            # Every field is followed by its docstring in the model.
            assert f"    {field.name}: " in source
            after = source.split(f"    {field.name}: ", 1)[1].split("\n", 2)[1]
            assert after.strip().startswith('"""'), f"{cls.__name__}.{field.name} is undocumented"


def test_default_kit_is_clean() -> None:
    assert lint_kit(load_kit()) == []


def test_bad_colour(kit_copy: Path) -> None:
    _edit(kit_copy, 'primary = "#C8102E"', 'primary = "#12345"')
    assert _error(kit_copy) == 'brand/brand.toml: colors.primary: "#12345" is not a #RRGGBB colour'


def test_unknown_key_suggests_the_right_one(kit_copy: Path) -> None:
    _edit(kit_copy, 'primary = "#C8102E"', 'primry = "#C8102E"')
    assert _error(kit_copy) == 'brand/brand.toml: colors.primry: unknown key (did you mean "primary"?)'


def test_unknown_section(kit_copy: Path) -> None:
    (kit_copy / "brand.toml").write_text(
        (kit_copy / "brand.toml").read_text(encoding="utf-8") + "\n[colour]\nx = 1\n", encoding="utf-8"
    )
    assert _error(kit_copy).startswith("brand/brand.toml: colour: unknown key")


def test_missing_key(kit_copy: Path) -> None:
    _edit(kit_copy, 'hashtag = "#1TrieuSangKien"\n', "")
    assert _error(kit_copy) == "brand/brand.toml: campaign.hashtag: missing key"


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kit").mkdir()
    assert _error(tmp_path / "kit").startswith("kit/brand.toml: file not found")
    assert _error(tmp_path / "nope") == "nope: brand kit folder not found"


def test_missing_logo_file(kit_copy: Path) -> None:
    (kit_copy / "logo-mark.svg").unlink()
    assert _error(kit_copy) == 'brand/brand.toml: logo.mark: file "logo-mark.svg" not found in brand'


def test_invalid_toml(kit_copy: Path) -> None:
    _edit(kit_copy, "[colors]", "[colors")
    assert _error(kit_copy).startswith("brand/brand.toml: invalid TOML: ")


def test_font_lacking_characters_of_the_kit_texts(kit_copy: Path) -> None:
    _edit(kit_copy, 'hashtag = "#1TrieuSangKien"', 'hashtag = "#1TriệuSángKiến 工"')
    message = _error(kit_copy)
    assert message.startswith('brand/brand.toml: campaign.hashtag: "#1TriệuSángKiến 工": font Be Vietnam Pro')
    assert message.endswith("has no glyph for 工")


def test_not_a_font(kit_copy: Path) -> None:
    (kit_copy / "fake.ttf").write_text("not a font", encoding="utf-8")
    _edit(kit_copy, 'body = "BeVietnamPro-Regular.ttf"', 'body = "fake.ttf"')
    assert _error(kit_copy) == 'brand/brand.toml: fonts.body: "fake.ttf" is not a readable font file'


def test_bad_frame_kind(kit_copy: Path) -> None:
    _edit(kit_copy, 'kind = "ring"', 'kind = "square"')
    assert _error(kit_copy) == 'brand/brand.toml: frames[0].kind: "square" is not one of: ring, ribbon'


def test_check_reports_low_contrast(kit_copy: Path) -> None:
    _edit(kit_copy, 'on_accent = "#16213A"', 'on_accent = "#FFFFFF"')
    problems = lint_kit(load_kit(kit_copy))
    assert problems == [
        "brand/brand.toml: colors.on_accent: #FFFFFF on colors.accent #FFC62B has contrast 1.57:1, "
        "below the 4.5:1 that WCAG asks for text"
    ]


def test_check_reports_a_broken_logo(kit_copy: Path) -> None:
    (kit_copy / "logo.svg").write_text("<svg><g>", encoding="utf-8")
    problems = lint_kit(load_kit(kit_copy))
    assert len(problems) == 1
    assert problems[0].startswith("brand/logo.svg: logo.full: invalid SVG (XML error at line 1")


# -- units ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hà Nội", "ha-noi"),
        ("Đắk Lắk", "dak-lak"),
        ("Thành phố Hồ Chí Minh", "thanh-pho-ho-chi-minh"),
        ("Công đoàn Than - Khoáng sản", "cong-doan-than-khoang-san"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def _units(tmp_path: Path, content: bytes) -> list:
    path = tmp_path / "units.csv"
    path.write_bytes(content)
    return list(read_units(path, load_kit()))


def test_units_csv_with_bom_and_crlf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = _units(
        tmp_path,
        "\ufeffname,short_name\r\nHà Nội,\r\nLiên đoàn Lao động tỉnh Nghệ An,LĐLĐ tỉnh Nghệ An\r\n".encode(),
    )
    assert [u.slug for u in rows] == ["ha-noi", "lien-doan-lao-dong-tinh-nghe-an"]
    assert rows[0].short_name == "Hà Nội" and rows[1].short_name == "LĐLĐ tỉnh Nghệ An"


def test_units_csv_decomposed_text_is_normalised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import unicodedata

    monkeypatch.chdir(tmp_path)
    rows = _units(tmp_path, unicodedata.normalize("NFD", "name\nHà Nội\n").encode())
    assert rows[0].name == "Hà Nội" and rows[0].slug == "ha-noi"


def test_bad_unit_rows_are_reported_and_the_rest_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = _units(
        tmp_path,
        "name,slug\nHà Nội,\n,empty\nHuế,ha-noi\nCông đoàn 工会,cd\nBad Slug,Bad Slug\nĐà Nẵng,\n".encode(),
    )
    errors = [str(r) for r in rows if isinstance(r, AssetsGenError)]
    units = [r.slug for r in rows if not isinstance(r, AssetsGenError)]
    assert units == ["ha-noi", "da-nang"]
    assert errors == [
        "units.csv:3: empty name",
        'units.csv:4: duplicate slug "ha-noi" (also at units.csv:2)',
        'units.csv:5: unit name "Công đoàn 工会": font Be Vietnam Pro ExtraBold has no glyph for 工, 会',
        'units.csv:6: slug "Bad Slug" must be lowercase letters, digits and "-"',
    ]


def test_units_csv_in_another_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as info:
        _units(tmp_path, "name\nHà Nội\n".encode("utf-16"))
    assert str(info.value) == 'units.csv:1: not UTF-8 text: save it from Excel or Sheets as "CSV UTF-8"'
    with pytest.raises(DataError) as info:
        _units(tmp_path, "name\nHà Nội\nĐà Nẵng\n".encode("cp1258", errors="replace"))
    assert 'as "CSV UTF-8"' in str(info.value)


def test_units_csv_without_name_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as info:
        _units(tmp_path, b"ten,slug\nHa Noi,ha-noi\n")
    assert str(info.value) == "units.csv:1: missing column name (the header has: ten, slug)"


def test_default_units_are_the_34_provinces_and_sector_unions() -> None:
    kit = load_kit()
    units = list(read_units(kit.data.units, kit))
    assert all(not isinstance(u, AssetsGenError) for u in units)
    provincial = [u for u in units if u.name.startswith("Liên đoàn Lao động")]
    assert len(provincial) == 34
    assert any("Than - Khoáng sản" in u.name for u in units)
