"""CSV for spreadsheets and R: one row per point, relations as space-separated ids (write only).

Columns: ``id, kind, by, party, issue, inherited_issue, on_behalf_of, attacks,
supports, agrees, text, quote, note``. ``issue`` is what the map says,
``inherited_issue`` the issue the queries use (DESIGN §4).
"""

from __future__ import annotations

import csv
import io
from typing import Final

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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in amap.points:
        writer.writerow([
            p.id, p.kind.value, p.by, amap.party_of(p), p.issue or "", amap.issue_of(p) or "",
            p.on_behalf_of or "", " ".join(p.attacks), " ".join(p.supports), " ".join(p.agrees),
            p.text, p.quote or "", p.note or "",
        ])
    return out.getvalue()
