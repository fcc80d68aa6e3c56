"""JSON that is safe inside an HTML `<script>` element.

`</script>` ends the element early and `<!--<script>` makes the HTML parser swallow the
rest of the page (the "script data double escaped" state), so a unit named that way would
break the page for every unit. Escaping `<`, `>` and `&` as JSON `\\u` escapes keeps the
same data for `JSON.parse`; U+2028/U+2029 are escaped for older JavaScript parsers.
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(value: Any) -> str:
    """`value` as compact JSON with nothing in it that HTML could read as markup."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_TABLE)
