"""CMYK copies for print shops that ask for them, converted by Ghostscript.

The RGB PDF stays the master (cairo draws in RGB); Ghostscript's pdfwrite converts every
colour to DeviceCMYK, then pypdf adds an output intent carrying Ghostscript's default
CMYK profile and puts the print boxes back as they were.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from assets_gen.errors import SystemDependencyError, TemplateError

ICC_FOLDERS = (Path("/usr/share/color/icc/ghostscript"),)


def ghostscript() -> str:
    """The `gs` executable, or a one-line error saying how to install it."""
    found = shutil.which("gs")
    if found is None:
        raise SystemDependencyError(
            "--cmyk", "Ghostscript is not installed: sudo apt-get install ghostscript"
        )
    return found


def _cmyk_profile() -> Path | None:
    for folder in ICC_FOLDERS:
        candidate = folder / "default_cmyk.icc"
        if candidate.is_file():
            return candidate
    found = sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/default_cmyk.icc"))
    return found[0] if found else None


def to_cmyk(pdf: bytes, where: str) -> bytes:
    """The same PDF with every colour in CMYK and an output intent."""
    gs = ghostscript()
    with tempfile.TemporaryDirectory(prefix="assets-gen-cmyk-") as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(pdf)
        command = [
            gs,
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            "-dCompatibilityLevel=1.6",
            "-sColorConversionStrategy=CMYK",
            "-sProcessColorModel=DeviceCMYK",
            "-dAutoRotatePages=/None",
            "-dDownsampleColorImages=false",
            "-dColorImageFilter=/DCTEncode",
            f"-sOutputFile={dst}",
            str(src),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not dst.is_file():
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise TemplateError(
                where, f"Ghostscript could not convert to CMYK: {reason[-1] if reason else 'failed'}"
            )
        return _finish(pdf, dst.read_bytes())


def _finish(rgb: bytes, cmyk: bytes) -> bytes:
    """Boxes from the RGB file, an output intent, fixed metadata: the same bytes each time."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    original = PdfReader(io.BytesIO(rgb))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(cmyk)))
    for page, source in zip(writer.pages, original.pages, strict=True):
        for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox"):
            page[NameObject(box)] = source[box]
    profile = _cmyk_profile()
    if profile is not None:
        stream = StreamObject()
        stream.set_data(profile.read_bytes())
        stream[NameObject("/N")] = NumberObject(4)
        intent = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/OutputIntent"),
                NameObject("/S"): NameObject("/GTS_PDFX"),
                NameObject("/OutputConditionIdentifier"): TextStringObject("Custom"),
                NameObject("/Info"): TextStringObject("Ghostscript default CMYK"),
                NameObject("/DestOutputProfile"): writer._add_object(stream),
            }
        )
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    writer.root_object.pop(NameObject("/Metadata"), None)  # Ghostscript's XMP carries today's date
    writer.metadata = None
    info = original.metadata or {}
    writer.add_metadata({k: v for k, v in info.items() if k in ("/Title", "/Author", "/Creator")})
    digest = hashlib.md5(rgb).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
