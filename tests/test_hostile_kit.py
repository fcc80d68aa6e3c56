"""Kits received from someone else: every file they refer to stays inside the kit, their
SVGs carry nothing active or external, and their geometry cannot blow up a renderer.

Each hostile kit gets exactly one located error from `check` (and from the command that
would use the file), and an audit hook on `open` proves nothing outside the kit, the
bundled fonts, Python and the system's libraries is ever opened.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from assets_gen.brand.loader import display_path
from assets_gen.layout import words
from tests.kits import copy_kit

ROOT = Path(__file__).resolve().parent.parent
_OPENED: list[str] = []
_RECORDING = [False]


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _audit(event: str, args: tuple) -> None:
    """Records files opened for reading (what a build writes goes to outputs and temp files)."""
    if _RECORDING[0] and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITE_FLAGS)
        if not writing:
            _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # (permanent, and idle unless a test here is recording)

# The Vietnamese word segmenter (pyvi) unpacks its model to a temporary file and reads it
# once per process: load it before any recording, so the audit sees only what a build
# reads because of the kit.
words.load_segmenter()

SYSTEM = tuple(
    str(Path(p).resolve())
    for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, "/usr", "/etc", "/proc", "/sys", "/dev", "/lib"}
)
SECRET_PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def run_cli(*args: str) -> tuple[int, list[str]]:
    """The CLI in this process, recording every file it opens; (exit code, error lines)."""
    from click.testing import CliRunner

    from assets_gen.cli import cli

    _OPENED.clear()
    _RECORDING[0] = True
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        _RECORDING[0] = False
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in result.stderr
    return result.exit_code, errors


def assert_stayed_inside(kit: Path, *secrets: Path, out: Path | None = None) -> None:
    allowed = (str(kit.resolve()), str(ROOT / "fonts"), str(ROOT / "assets_gen"), *SYSTEM)
    allowed += (str(out.resolve()),) if out else ()
    for name in _OPENED:
        path = str(Path(name).resolve()) if name else name
        if os.path.isdir(path):
            continue  # a folder opened to list or sync it: no file's content
        for secret in secrets:
            assert path != str(secret.resolve()), f"{secret} was opened"
        assert path.startswith(allowed), f"opened outside the kit: {path}"


@pytest.fixture
def secrets(tmp_path: Path) -> dict[str, Path]:
    """Files next to the kit, never to be read: a picture, an SVG, a text file."""
    outside = tmp_path / "private"
    outside.mkdir()
    png = outside / "private.png"
    png.write_bytes((ROOT / "tests" / "data" / "rocket.jpg").read_bytes())  # any picture
    svg = outside / "private.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    )
    txt = outside / "passwords.txt"
    txt.write_text("root:hunter2\n")
    return {"png": png, "svg": svg, "txt": txt}


TEMPLATE_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="1080" height="1080" viewBox="0 0 1080 1080">'
    '<rect width="1080" height="1080" fill="#c8102e"/>'
)


def template(body: str) -> str:
    return TEMPLATE_HEAD + body + "</svg>"


def one_error(kit: Path, *command: str) -> str:
    code, errors = run_cli(*command, "--brand", str(kit))
    assert code == 1
    assert len(errors) == 1, errors
    return errors[0]


# -- references out of the kit -------------------------------------------------------


@pytest.mark.parametrize("how", ["absolute", "relative", "symlinked picture", "non-image"])
def test_template_picture_outside_the_kit_is_refused(tmp_path: Path, secrets, how: str) -> None:
    kit = tmp_path / "kit"
    if how == "absolute":
        href = str(secrets["png"])
    elif how == "relative":
        href = "../../private/private.png"
    elif how == "non-image":
        href = "notes.txt"
    else:
        href = "pic.png"
    copy_kit(kit, {"banner-fb-post.svg": template(f'<image id="pic" href="{href}" width="99" height="99"/>')})
    if how == "symlinked picture":
        (kit / "templates" / "pic.png").symlink_to(secrets["png"])
    if how == "non-image":  # inside the kit, but not a picture: never read
        (kit / "templates" / "notes.txt").write_text("not a picture\n")
    error = one_error(kit, "check")
    assert re.match(r"error: \S*banner-fb-post\.svg: <image id=\"pic\">: ", error), error
    if how == "non-image":
        assert '"notes.txt" is not a PNG, JPEG, GIF or WebP picture' in error
    else:
        assert f'image "{href}" is outside the kit folder' in error
    assert_stayed_inside(kit, *secrets.values())
    out = tmp_path / "out"
    code, errors = run_cli("banner", "--brand", str(kit), "--sizes", "fb-post", "--out", str(out))
    assert code == 1 and errors and all('<image id="pic">' in e for e in errors), errors
    assert_stayed_inside(kit, *secrets.values(), out=out)


def test_template_that_is_a_link_out_of_the_kit_is_refused(tmp_path: Path, secrets) -> None:
    kit = copy_kit(tmp_path / "kit", {})
    evil = secrets["svg"].parent / "banner-fb-post.svg"
    evil.write_text(template(""))
    (kit / "templates" / "banner-fb-post.svg").symlink_to(evil)
    error = one_error(kit, "check")
    assert "banner-fb-post.svg: is a link to a file outside the kit folder" in error, error
    assert_stayed_inside(kit, *secrets.values(), evil)


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_logo_outside_the_kit_is_refused_by_every_command(tmp_path: Path, secrets, how: str) -> None:
    kit = copy_kit(tmp_path / "kit")
    toml = kit / "brand.toml"
    if how == "symlink":
        (kit / "logo-mark.svg").unlink()
        (kit / "logo-mark.svg").symlink_to(secrets["svg"])
        ref = "logo-mark.svg"
    else:
        ref = "../private/private.svg" if how == "relative" else str(secrets["svg"])
        toml.write_text(toml.read_text(encoding="utf-8").replace('mark = "logo-mark.svg"', f'mark = "{ref}"'))
    for command in (("check",), ("frame", "--out", str(tmp_path / "out"))):
        error = one_error(kit, *command)
        where = display_path(toml.resolve())
        assert error == f'error: {where}: logo.mark: "{ref}" is outside the kit folder {display_path(kit)}', (
            error
        )
    assert_stayed_inside(kit, *secrets.values())


# -- what a logo may contain ---------------------------------------------------------

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{}<circle cx="50" cy="50" r="40" fill="#c8102e"/></svg>'


@pytest.mark.parametrize(
    ("inside", "problem"),
    [
        ("<script>alert(1)</script>", "<script>: scripts and embedded documents are not allowed"),
        ('<rect id="r" width="1" height="1" onload="alert(1)"/>', '<rect id="r">: event attribute "onload"'),
        ("<style>@import url(http://evil.example/x.css);</style>", "<style>: @import is not allowed"),
        (
            '<image id="i" href="http://evil.example/x.png"/>',
            '<image id="i">: links to "http://evil.example/x.png"',
        ),
        ('<rect id="f" fill="url(https://evil.example/#g)" width="1" height="1"/>', '<rect id="f">: url('),
    ],
)
def test_active_or_external_logo_is_refused(tmp_path: Path, inside: str, problem: str) -> None:
    kit = copy_kit(tmp_path / "kit")
    (kit / "logo-mark.svg").write_text(LOGO.format(inside), encoding="utf-8")
    error = one_error(kit, "check")
    assert error.startswith(f"error: {display_path(kit / 'logo-mark.svg')}: logo.mark: "), error
    assert problem in error
    code, errors = run_cli("stats", "--brand", str(kit), "--out", str(tmp_path / "out"))
    assert code == 1 and errors and all(problem in e and "logo-mark.svg" in e for e in errors), errors
    assert not list((tmp_path / "out").rglob("counter.svg"))


def test_malformed_logo_is_one_located_error(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path / "kit")
    (kit / "logo-mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g>', encoding="utf-8")
    error = one_error(kit, "check")
    assert "logo-mark.svg: logo.mark: invalid SVG (XML error at line 1" in error


INKSCAPE_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   width="100" height="100" viewBox="0 0 100 100" sodipodi:docname="logo-mark.svg" inkscape:version="1.3">
  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="2"/>
  <metadata><rdf:RDF><dc:title>Mark</dc:title></rdf:RDF></metadata>
  <defs><circle id="dot" r="40"/></defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <use xlink:href="#dot" x="50" y="50" fill="#c8102e" sodipodi:nodetypes="cc"/>
  </g>
</svg>
"""


def test_inkscape_logo_works_everywhere_and_leaves_no_editor_data(tmp_path: Path) -> None:
    kit = copy_kit(tmp_path / "kit")
    (kit / "logo-mark.svg").write_text(INKSCAPE_LOGO, encoding="utf-8")
    code, errors = run_cli("check", "--brand", str(kit))
    assert (code, errors) == (0, [])
    out = tmp_path / "out"
    code, errors = run_cli("stats", "--brand", str(kit), "--out", str(out))
    assert (code, errors) == (0, [])
    counter = next(out.rglob("counter.svg")).read_text(encoding="utf-8")
    for editor in ("sodipodi", "inkscape", "rdf:", "metadata"):
        assert editor not in counter
    assert 'xlink:href="#dot"' in counter
    assert_stayed_inside(kit, out=out)


# -- geometry that would blow up a renderer ------------------------------------------


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            '<g id="huge" transform="scale(1e400)"><rect id="slot-headline" width="10" height="10"/></g>',
            '<g id="huge">: "1e400" is not a usable number',
        ),
        ('<rect id="slot-headline" x="10" y="10" width="1e9" height="100"/>', '<rect id="slot-headline">: '),
        ('<rect id="slot-headline" x="nan" y="10" width="10" height="100"/>', '<rect id="slot-headline">: '),
    ],
)
def test_non_finite_or_huge_template_geometry_is_refused(tmp_path: Path, body: str, problem: str) -> None:
    kit = copy_kit(tmp_path / "kit", {"banner-fb-post.svg": template(body)})
    error = one_error(kit, "check")
    assert "banner-fb-post.svg: " in error and problem in error, error


def test_deeply_nested_template_is_refused(tmp_path: Path) -> None:
    depth = 50_000
    body = '<g id="deep">' * depth + "</g>" * depth
    kit = copy_kit(tmp_path / "kit", {"banner-fb-post.svg": template(body)})
    error = one_error(kit, "check")
    assert re.search(r"banner-fb-post\.svg: <g id=\"deep\">: nested more than \d+ levels deep", error), error


@pytest.mark.parametrize("what", ["guide", "event", "icon"])
def test_kit_folder_entries_linked_out_of_the_kit_are_refused(tmp_path: Path, secrets, what: str) -> None:
    kit = copy_kit(tmp_path / "kit")
    if what == "icon":
        target = secrets["svg"]
        (kit / "icons" / "globe.svg").unlink()
        (kit / "icons" / "globe.svg").symlink_to(target)
        expected = 'icon "globe" is a link to a file outside the kit folder'
    else:
        folder = kit / ("content" if what == "guide" else "events")
        original = sorted(folder.glob("*.toml"))[0]
        target = secrets["txt"].parent / original.name
        target.write_bytes(original.read_bytes())
        original.unlink()
        original.symlink_to(target)
        expected = f"{original.name}: is a link to a file outside the kit folder"
    error = one_error(kit, "check")
    assert expected in error, error
    assert_stayed_inside(kit, *secrets.values(), target)
