"""Quote cards: the kit's quotes, sizes chosen by length, alt texts, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.kinds.quote import QuoteOptions
from assets_gen.brand.quotes import Quote, load_quotes
from assets_gen.errors import DataError
from assets_gen.render.quote import QUOTE_MIN, quote_alt, quote_sizes, render_quote

LONG = (
    "Sáng kiến là khi gặp khó khăn ta tìm ra cách giải quyết, là làm việc hôm nay tốt hơn hôm qua, "
    "là biết tiết kiệm từng giờ công, từng đồng vốn, từng cân vật liệu, để cho việc sản xuất "
    "được nhiều hơn, nhanh hơn, tốt hơn, rẻ hơn"
)


def plan(kit, **options) -> list:
    return list(KINDS["quote"].plan(PlanContext(kit=kit, units=[]), QuoteOptions(**options)))


def test_the_kit_quotes_president_ho_chi_minh_in_three_sizes(kit):
    quotes = load_quotes(kit, kit.data.quotes)
    assert [q.author for q in quotes] == ["Chủ tịch Hồ Chí Minh"] * 2
    assert quotes[0].text.startswith("Bất\u00a0kỳ việc to việc\u00a0nhỏ, hễ thêm điều\u00a0lợi")
    jobs = plan(kit)
    assert sorted(j.path for j in jobs) == sorted(
        f"campaign/quotes/{q.slug}-{size}.png" for q in quotes for size in ("fb-post", "fb-portrait", "story")
    )
    alt = quote_alt(kit, quotes[1])
    assert alt.startswith("Trích dẫn lời Chủ tịch Hồ Chí Minh: “Sáng kiến không phải cái gì kỳ lạ")


def test_a_long_quote_takes_the_taller_sizes_never_smaller_type(kit):
    long = Quote("dai", LONG, "Tác giả")
    assert quote_sizes(kit, long) == ["fb-portrait", "story"]
    card = render_quote(kit, long, "story")
    quote_inks = [box for what, box in card.placed if what == "quote"]
    assert len(quote_inks) == 1 and card.size.safe.contains(quote_inks[0])
    assert quote_sizes(kit, Quote("qua-dai", " ".join([LONG] * 4), "Tác giả")) == []


def test_a_quote_too_long_for_any_size_is_a_located_error(kit, tmp_path: Path):
    path = tmp_path / "quotes.toml"
    path.write_text(
        f'[[quotes]]\ntext = "{" ".join([LONG] * 4)}"\nauthor = "A"\n\n[[quotes]]\ntext = "Ngắn thôi"\nauthor = "B"\n',
        encoding="utf-8",
    )
    items = plan(kit, quotes_file=path)
    [error] = [i for i in items if isinstance(i, DataError)]
    assert error.where.endswith("quotes.toml: quotes quote-1")
    assert f"too long for a story at {QUOTE_MIN} px" in error.what
    assert sum(isinstance(i, Job) for i in items) == 3


def test_unknown_keys_are_named(kit, tmp_path: Path):
    path = tmp_path / "quotes.toml"
    path.write_text('[[quotes]]\ntext = "A"\nauthr = "B"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"quotes\[0\]\.authr: unknown key"):
        load_quotes(kit, path)
