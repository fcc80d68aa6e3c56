"""The printed products: finished size, bleed, safe margin and the scale of the file.

Sizes are real millimetres. A product is laid out in design units (`units_per_mm` per
real millimetre), chosen so that its long side is a few thousand units: the text engine
fits text in whole units, which is then fine enough at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets_gen.layout.geometry import Box

MM_PER_PT = 25.4 / 72
# Crop marks, in millimetres of the file: they start this far outside the bleed and are
# this long; the slug (paper outside the bleed) holds them with a little room to spare.
MARK_GAP_MM = 2.0
MARK_LENGTH_MM = 5.0
SLUG_MM = MARK_GAP_MM + MARK_LENGTH_MM + 1.0
MARK_WIDTH_PT = 0.25
MAX_PAGE_PT = 14_400  # 200 inches: the largest PDF page without /UserUnit


@dataclass(frozen=True)
class Product:
    name: str
    """File and `format` name: "poster-a4"."""
    label: str
    """What it is, in Vietnamese, for alt texts: "Áp phích A4"."""
    width_mm: float
    """Finished (trim) size, real millimetres."""
    height_mm: float
    bleed_mm: float
    """Background printed past the trim on every side, cut off after printing."""
    safe_mm: tuple[float, float, float, float]
    """Margin inside the trim that no text crosses: top, right, bottom, left."""
    units_per_mm: float
    scale: int = 1
    """The file is drawn at 1:scale (1:10 for a backdrop wider than a PDF page allows)."""
    qr_min_mm: float = 0.0
    """Smallest side of a QR code on it."""

    @property
    def suffix(self) -> str:
        """Added to the file name when the file is not full size."""
        return f"-scale1to{self.scale}" if self.scale != 1 else ""

    def units(self, mm: float) -> float:
        """Real millimetres in design units."""
        return mm * self.units_per_mm

    @property
    def trim(self) -> Box:
        return Box(0, 0, self.units(self.width_mm), self.units(self.height_mm))

    @property
    def bleed(self) -> Box:
        return self.trim.inset(-self.units(self.bleed_mm))

    @property
    def safe(self) -> Box:
        top, right, bottom, left = (self.units(m) for m in self.safe_mm)
        t = self.trim
        return Box(t.x + left, t.y + top, t.w - left - right, t.h - top - bottom)

    @property
    def slug(self) -> float:
        """The paper beyond the bleed that carries the crop marks, in design units."""
        return self.units(SLUG_MM * self.scale)

    @property
    def media(self) -> Box:
        return self.bleed.inset(-self.slug)

    def file_mm(self, units: float) -> float:
        """Design units as millimetres of the file (real size divided by the scale)."""
        return units / self.units_per_mm / self.scale

    def pt(self, units: float) -> float:
        return self.file_mm(units) / MM_PER_PT

    def px_per_unit(self, dpi: float) -> float:
        """Pixels per design unit in a render of the file at `dpi`."""
        return dpi / 25.4 / self.units_per_mm / self.scale

    def printed_dpi(self, pixels: float, units: float) -> float:
        """Resolution of `pixels` spread over `units` of the real, printed product."""
        return pixels / (units / self.units_per_mm / 25.4)


_A_SAFE = 12.0
PRODUCTS: dict[str, Product] = {
    p.name: p
    for p in (
        Product("poster-a4", "Áp phích A4", 210, 297, 3, (_A_SAFE,) * 4, 10, qr_min_mm=25),
        Product("poster-a3", "Áp phích A3", 297, 420, 3, (15,) * 4, 7, qr_min_mm=35),
        # The bottom of a roll-up sits in its cassette and the top in its rail.
        Product("rollup", "Standee cuộn 80 x 200 cm", 800, 2000, 5, (40, 40, 120, 40), 2, qr_min_mm=120),
        # Hems and eyelets take the edges of a băng rôn.
        Product("street-banner", "Băng rôn 500 x 80 cm", 5000, 800, 5, (60,) * 4, 1),
        Product(
            "backdrop", "Phông sân khấu 600 x 300 cm", 6000, 3000, 5, (100,) * 4, 1, scale=10, qr_min_mm=300
        ),
        Product("certificate", "Giấy chứng nhận A4", 297, 210, 3, (_A_SAFE,) * 4, 10),
        # Inner margins are wider: the gutter of a stapled booklet.
        Product("booklet", "Kỷ yếu A5", 148, 210, 3, (12, 12, 12, 12), 14, qr_min_mm=25),
    )
}
