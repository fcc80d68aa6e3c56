"""JSON placed inside HTML: nothing in it can end or open markup, and it reads back the same."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from assets_gen.encode import script_json
from assets_gen.render.page import render_index


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_script_json_has_no_markup_and_reads_back(value) -> None:
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_a_unit_named_like_markup_stays_inside_the_config(kit) -> None:
    from assets_gen.brand.units import Unit

    name = "</script><!--<script>"
    html = render_index(kit, [Unit(name=name, short_name="<!--", slug="hostile")], server=False).decode()
    start = html.index('<script type="application/json" id="avatar-config">')
    end = html.index("</script>", start)
    assert "<!--" not in html[start + 10 : end]
    config = json.loads(html[html.index(">", start) + 1 : end])
    assert config["units"][0]["name"] == name
