"""How fast is a framed avatar, against the fastest resize there is?

Frames a 4000x3000 JPEG with an EXIF rotation into a 1080x1080 JPEG (decode, rotate,
crop, resize, composite the frame, encode) and, in the same run, times:
- pyvips `thumbnail` of the same file to 1080x1080 (resize alone, nothing composited);
- naive Pillow: open + exif_transpose + ImageOps.fit (no frame, no encode).

Prints ms per photo (median of several runs) and, last, `ratio avatar/pyvips = R`
(target: at most 1.2).
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from assets_gen.brand import load_kit  # noqa: E402
from assets_gen.encode import encode_jpeg  # noqa: E402
from assets_gen.render.avatar import render_avatar  # noqa: E402

RUNS = 15


def make_photo(path: Path) -> None:
    """A phone-like 4000x3000 JPEG stored sideways with EXIF orientation 6."""
    rng = np.random.default_rng(7)
    with Image.open(ROOT / "tests/data/astronaut.png") as im:
        base = im.convert("RGB").resize((3000, 4000), Image.Resampling.BICUBIC)
    noise = rng.normal(0, 6, (4000, 3000, 3))
    arr = np.clip(np.asarray(base, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    stored = Image.fromarray(arr).transpose(Image.Transpose.ROTATE_90)  # 4000x3000 landscape
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, "JPEG", quality=92, exif=exif.tobytes())


def timed(fn, runs: int = RUNS) -> float:
    fn()  # warm-up: caches, first-call costs
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    import pyvips

    kit = load_kit()
    style = kit.frames[0]
    with tempfile.TemporaryDirectory() as tmp:
        photo = Path(tmp) / "phone.jpg"
        make_photo(photo)

        def ours() -> bytes:
            return encode_jpeg(render_avatar(kit, photo, photo.name, style))

        def vips() -> None:
            pyvips.Image.thumbnail(str(photo), 1080, height=1080, crop="centre").write_to_memory()

        def naive() -> None:
            with Image.open(photo) as im:
                ImageOps.fit(ImageOps.exif_transpose(im), (1080, 1080))

        out = ours()
        with Image.open(io.BytesIO(out)) as check:
            assert check.size == (1080, 1080) and not check.getexif()
        t_ours, t_vips, t_naive = timed(ours), timed(vips), timed(naive)
    print("photo: 4000x3000 JPEG with EXIF orientation 6, framed to 1080x1080 JPEG q90")
    print(f"assets-gen avatar (decode, rotate, crop, frame, JPEG encode): {t_ours:7.1f} ms")
    print(f"pyvips thumbnail to 1080x1080 (resize only):                  {t_vips:7.1f} ms")
    print(f"naive Pillow open + exif_transpose + ImageOps.fit:            {t_naive:7.1f} ms")
    print(f"ratio naive/pyvips = {t_naive / t_vips:.2f}")
    print(f"ratio avatar/pyvips = {t_ours / t_vips:.2f}")


if __name__ == "__main__":
    main()
