"""How long does a print-ready PDF take, against the same design as a 1080 px PNG?

In one run, for the A4 poster (campaign-wide) and a certificate:
- lay the page out (text fitted and outlined, QR code, logos) and write the PDF with its
  print boxes (`render_pdf`);
- the same laid-out design drawn to a 1080 px wide PNG (`render_preview`, encoded):
  what a screen asset of that design costs.
Both include the layout. Prints ms per file (median of several runs, wall and CPU) and
`ratio pdf/png = R` for each, then the whole print set of the default kit (every unit)
built from scratch with --jobs 2: seconds, files and seconds per file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets_gen.batch.kinds.printset import PREVIEW_WIDTH, PrintOptions  # noqa: E402
from assets_gen.batch.runner import BuildOptions, run_build  # noqa: E402
from assets_gen.brand import load_kit  # noqa: E402
from assets_gen.brand.authors import Author, read_authors  # noqa: E402
from assets_gen.encode import encode_png  # noqa: E402
from assets_gen.render.print.certificate import render_certificate  # noqa: E402
from assets_gen.render.print.pdf import render_pdf, render_preview  # noqa: E402
from assets_gen.render.print.poster import render_poster  # noqa: E402
from assets_gen.render.print.products import PRODUCTS  # noqa: E402

RUNS = 9


def timed(fn, runs: int = RUNS) -> tuple[float, float]:
    """Median wall and CPU milliseconds (CPU time is what other load on the machine does
    not inflate)."""
    fn()  # warm-up: fonts, caches
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def compare(name: str, layout) -> None:
    pdf, pdf_cpu = timed(lambda: render_pdf([layout()], name, "bench"))
    png, png_cpu = timed(lambda: encode_png(render_preview(layout(), PREVIEW_WIDTH)))
    print(
        f"{name}: pdf {pdf:.0f} ms ({pdf_cpu:.0f} ms CPU), 1080 px png {png:.0f} ms ({png_cpu:.0f} ms CPU), "
        f"ratio pdf/png = {pdf / png:.2f} (CPU {pdf_cpu / png_cpu:.2f})"
    )


def main() -> None:
    import os

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    kit = load_kit()
    from assets_gen.batch.kinds.base import PlanContext

    authors = [
        a for a in read_authors(kit.data.authors, PlanContext(kit, []).directory()) if isinstance(a, Author)
    ]
    compare("poster-a4", lambda: render_poster(kit, PRODUCTS["poster-a4"], None))
    compare("certificate", lambda: render_certificate(kit, PRODUCTS["certificate"], authors[0]))

    import resource

    def cpu_seconds() -> float:  # this process and its finished worker processes
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        start, start_cpu = time.perf_counter(), cpu_seconds()
        result = run_build(
            kit, BuildOptions(out=Path(tmp), only=["print"], jobs=2, kind_options={"print": PrintOptions()})
        )
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - start_cpu
        pdfs = sorted(Path(tmp).rglob("*.pdf"))
        megabytes = sum(p.stat().st_size for p in pdfs) / 1e6
    print(
        f"print set, default kit, --jobs 2: {result.rendered} PDFs ({megabytes:.1f} MB) in {seconds:.1f} s, "
        f"{seconds / max(1, result.rendered):.2f} s per PDF, {cpu:.0f} s CPU "
        f"({cpu / max(1, result.rendered):.2f} s per PDF; {cpu / 2:.0f} s on two free cores) "
        f"({result.failed} failed)"
    )


if __name__ == "__main__":
    main()
