"""CSV for spreadsheets and R: one row per point, relations as space-separated ids (write only).

Columns: ``id, kind, by, party, issue, inherited_issue, on_behalf_of, attacks,
supports, agrees, text, quote, note``. ``issue`` is what the map says,
``inherited_issue`` the issue the queries use (DESIGN §4).

A text that a spreadsheet would take for a formula (it begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a ``'`` before it, as
OWASP advises against CSV injection; a spreadsheet shows the text, not a result.
"""

from __future__ import annotations

from typing import Final

from argmap._table import csv_text
from argmap.model import ArgumentMap

__all__ = ["COLUMNS", "dumps_csv"]

COLUMNS: Final = ("id", "kind", "by", "party", "issue", "inherited_issue", "on_behalf_of",
                  "attacks", "supports", "agrees", "text", "quote", "note")


def dumps_csv(amap: ArgumentMap) -> str:
    """Return the points of *amap* as CSV text.

    Examples
    --------
    >>> amap = argmap.datasets.load("1962-11-28-new-york")
    >>> print(dumps_csv(amap).splitlines()[0])
    id,kind,by,party,issue,inherited_issue,on_behalf_of,attacks,supports,agrees,text,quote,note
    """
    rows = [[safe_cell(cell) for cell in (
        p.id, p.kind.value, p.by, amap.party_of(p), p.issue or "", amap.issue_of(p) or "",
        p.on_behalf_of or "", " ".join(p.attacks), " ".join(p.supports), " ".join(p.agrees),
        p.text, p.quote or "", p.note or "")] for p in amap.points]
    return csv_text([list(COLUMNS), *rows])


def safe_cell(value: str) -> str:
    """Return *value* as a spreadsheet shows it as text: with ``'`` before a formula's first character.

    Examples
    --------
    >>> safe_cell("=SUM(A1:A9)"), safe_cell("plain")
    ("'=SUM(A1:A9)", 'plain')
    """
    return "'" + value if value[:1] in _FORMULA_START else value


_FORMULA_START: Final = frozenset("=+-@\t\r")
