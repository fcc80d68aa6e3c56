"""Kit SVGs (logos, templates) parsed once, checked and cleaned before anything draws them.

A kit often comes from someone else, and its SVGs end up inside files other sites host
(`counter.svg`). So nothing active or external may pass: scripts, event attributes,
`@import`, and references to anything but the document itself or an embedded picture are
refused with one line naming the file and the element. What editors add for themselves
(Inkscape's `sodipodi:`/`inkscape:` elements and attributes, Illustrator's and Figma's
metadata, comments) is dropped, so the clean SVG has only SVG, XLink and XML names.
Nesting deeper than MAX_DEPTH is refused before any recursive code sees it.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
KEPT_NAMESPACES = (SVG, XLINK, XML)
MAX_DEPTH = 200
MAX_ELEMENTS = 200_000
ACTIVE = ("script", "foreignObject", "iframe", "object", "embed", "handler", "listener")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_EMBEDDED_PICTURE = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)

ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)


class SvgRefused(ValueError):
    """What is wrong, already naming the element: `<script>: scripts are not allowed`."""


def parse_svg(data: bytes) -> ET.Element:
    """The document's root; SvgRefused for what is not a well-formed SVG."""
    try:
        root = SafeET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise SvgRefused(f"invalid SVG (XML error at line {line}, column {column + 1})") from None
    except Exception as exc:  # defusedxml refuses entities and DTDs
        raise SvgRefused(f"invalid SVG: {type(exc).__name__}: {exc}") from None
    if root.tag != f"{{{SVG}}}svg":
        raise SvgRefused(f"the root element is <{local(root.tag)}>, not an SVG <svg>")
    return root


def clean_tree(root: ET.Element, *, files: bool = False, strip: bool = True) -> ET.Element:
    """Check and clean `root` in place. `files`: relative file references are left for the
    caller to resolve (templates embed pictures next to them); otherwise refused.
    `strip=False` only checks (editor labels stay, for the caller's messages)."""
    count = 0
    stack: list[tuple[ET.Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgRefused(f"more than {MAX_ELEMENTS} elements")
        if depth > MAX_DEPTH:
            raise SvgRefused(f"{describe(element)}: nested more than {MAX_DEPTH} levels deep")
        _check_element(element, files, strip)
        for child in list(element):
            if not isinstance(child.tag, str) or _foreign(child.tag) or local(child.tag) == "metadata":
                if strip:
                    element.remove(child)  # comments, editor data, metadata
                continue
            stack.append((child, depth + 1))
    return root


def clean_svg(data: bytes) -> bytes:
    """The checked, cleaned document as bytes (SvgRefused naming the problem)."""
    return ET.tostring(clean_tree(parse_svg(data)), encoding="utf-8")


def _check_element(element: ET.Element, files: bool, strip: bool) -> None:
    tag = local(element.tag)
    name = describe(element)
    if tag in ACTIVE:
        raise SvgRefused(f"{name}: scripts and embedded documents are not allowed in kit SVGs")
    for attr in list(element.attrib):
        value = element.attrib[attr]
        if attr.startswith("{") and attr[1:].split("}", 1)[0] not in KEPT_NAMESPACES:
            if strip:
                del element.attrib[attr]  # inkscape:label, sodipodi:nodetypes...
            continue
        short = local(attr)
        if short.lower().startswith("on"):
            raise SvgRefused(f'{name}: event attribute "{short}" is not allowed in kit SVGs')
        if short == "href":
            _check_reference(name, value, files)
        elif "url(" in value.lower() or "@import" in value.lower():
            _check_css(name, value)
    if tag == "style":
        _check_css(name, "".join(element.itertext()))


def _check_reference(name: str, href: str, files: bool) -> None:
    href = href.strip()
    if href.startswith("#") or _EMBEDDED_PICTURE.match(href):
        return
    if files and not _SCHEME.match(href) and not href.startswith("//"):
        return
    raise SvgRefused(
        f'{name}: links to "{href[:80]}": nothing is downloaded; a kit SVG may only refer to its own '
        "elements and to pictures in the kit"
    )


def _check_css(name: str, css: str) -> None:
    if "@import" in css.lower():
        raise SvgRefused(f"{name}: @import is not allowed in kit SVGs")
    for target in _URL.findall(css):
        if not target.strip().startswith("#") and not _EMBEDDED_PICTURE.match(target.strip()):
            raise SvgRefused(f"{name}: url({target[:80]}) refers outside the document")


def _foreign(tag: str) -> bool:
    return tag.startswith("{") and tag[1:].split("}", 1)[0] not in KEPT_NAMESPACES


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def describe(element: ET.Element) -> str:
    """How messages name an element: <rect id="slot-unit">."""
    ident = element.get("id")
    label = element.get("{http://www.inkscape.org/namespaces/inkscape}label")
    attrs = f' id="{ident}"' if ident else (f' inkscape:label="{label}"' if label else "")
    return f"<{local(element.tag)}{attrs}>"
