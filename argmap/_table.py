"""Tabular views of query results: records, DataFrames, HTML and plain text."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from argmap.errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    r"""Return *rows* as CSV, one line per row, ending each with ``\n``.

    A field is quoted where it holds a comma, a quote or a line break, as usual;
    a row with a bare carriage return in a field has every field quoted, since
    Python's csv module (before 3.13) leaves such a field bare when rows end
    with ``\n``, and pandas and ``csv.reader`` would then split the row there.

    Examples
    --------
    >>> csv_text([["id", "text"], ["a", "Old Mac\rending"], ["b", "x, y"]])
    'id,text\n"a","Old Mac\rending"\nb,"x, y"\n'
    """
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else plain).writerow(row)
    return out.getvalue()


def cell_text(value: object) -> str:
    """Return a cell as text: sequences of ids joined with spaces, None as empty."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return " ".join(str(v) for v in value)
    return str(value)


class TableMixin:
    """Gives a result that holds rows ``to_records``, ``to_dataframe`` and an HTML repr.

    A subclass provides :meth:`to_records`, returning one dict per row with the
    same keys in the same order.
    """

    def to_records(self) -> list[dict[str, Any]]:  # pragma: no cover - abstract
        """Return one plain dict per row."""
        raise NotImplementedError

    def _columns(self) -> list[str]:
        records = self.to_records()
        return list(records[0]) if records else list(getattr(self, "COLUMNS", ()))

    def to_dataframe(self) -> pd.DataFrame:
        """Return the rows as a :class:`pandas.DataFrame` (needs the ``pandas`` extra).

        Cells that hold several ids hold them as tuples.

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError(
                "to_dataframe() needs pandas: pip install 'argmap[pandas]'"
            ) from None
        return pd.DataFrame.from_records(self.to_records(), columns=self._columns())

    def _repr_html_(self) -> str:
        columns = self._columns()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(
                f"<td>{html.escape(cell_text(row[c]))}</td>" for c in columns
            ) + "</tr>"
            for row in self.to_records()
        )
        caption = html.escape(getattr(self, "caption", "") or "")
        return (
            f"<table class='argmap-table'><caption>{caption}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def format_table(rows: Sequence[Sequence[str]], header: Sequence[str], width: int = 100) -> str:
    """Return rows as an aligned plain-text table; the last column is cut to fit *width*."""
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    lead = sum(w + 2 for w in widths[:-1])
    last = max(20, width - lead)

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) for c, w in zip(cells[:-1], widths[:-1], strict=True)]
        tail = cells[-1] if len(cells[-1]) <= last else cells[-1][: last - 1] + "…"
        return "  ".join([*parts, tail]).rstrip()

    out = [line(header), line(["-" * w for w in widths[:-1]] + ["-" * min(last, 40)])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
