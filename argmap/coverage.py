"""How much of its source a map codes: each sentence of the body and the points that quote it.

A coder checks a coding against its document sentence by sentence: every
argumentative sentence should be quoted by some point, and what is left out
(routing, captions, the reporter's asides) should be left out for a reason.
:func:`coverage` splits the body of the source (the lines :attr:`argmap.Source.body`
declares, or the whole file) into sentences with pysbd, places every quote in
the file, and reports which sentences and how many words the quotes cover.

Terms
-----
sentence
    A sentence of the body as pysbd (Sadvilkar and Neumann 2020) finds it,
    paragraph by paragraph (paragraphs are parted by blank lines); a sentence
    ended after a title such as "Amb." runs on (:data:`argmap._source.TITLES`).
quoted
    A sentence is quoted by a point when the point's quote shares at least one
    character with it; a word is covered when a quote shares a character with it.
    Quotes are placed as the loader checks them: whitespace folded, footnote
    markers such as ``(1)`` allowed to be left out.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs

from argmap._source import SourceText, covered, overlap
from argmap._table import TableMixin, format_table
from argmap.model import ArgumentMap

__all__ = ["Coverage", "SentenceCoverage", "coverage"]


@attrs.frozen
class SentenceCoverage:
    """One sentence of the body and the points that quote it.

    Attributes
    ----------
    number : int
        Its place in the body, from 1.
    text : str
        The sentence, whitespace folded.
    first_line, last_line : int
        The lines of the source file it lies on.
    points : tuple of str
        The ids of the points whose quotes share text with it, in file order.

    .. versionadded:: 0.2
    """

    number: int
    text: str
    first_line: int
    last_line: int
    points: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """True when some point quotes the sentence."""
        return bool(self.points)

    def to_record(self) -> dict[str, Any]:
        """Return the sentence as a plain dict (an item of ``sentences`` in ``coverage --json``)."""
        return {"number": self.number, "first_line": self.first_line, "last_line": self.last_line,
                "covered": self.covered, "points": list(self.points), "text": self.text}


@attrs.frozen
class Coverage(TableMixin):
    """The sentences of a map's source and the points that quote them (:func:`coverage`).

    Iterate over it for :class:`SentenceCoverage` records, one per sentence;
    ``str()`` gives the summary and the uncovered sentences.

    Attributes
    ----------
    map_id, source_file : str
    sentences : tuple of SentenceCoverage
    words, covered_words : int
        Words of the body, and those a quote covers.
    without_quote : tuple of str
        Points that quote nothing; they cover no sentence.

    .. versionadded:: 0.2
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("number", "first_line", "last_line", "covered", "points", "text")

    map_id: str
    source_file: str
    sentences: tuple[SentenceCoverage, ...]
    words: int
    covered_words: int
    without_quote: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[SentenceCoverage]:
        return iter(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def uncovered(self) -> tuple[SentenceCoverage, ...]:
        """The sentences no point quotes."""
        return tuple(s for s in self.sentences if not s.covered)

    @property
    def sentence_share(self) -> float:
        """The share of sentences quoted (0 to 1; 0 for an empty body)."""
        return (len(self) - len(self.uncovered)) / len(self) if self.sentences else 0.0

    @property
    def word_share(self) -> float:
        """The share of words covered (0 to 1; 0 for an empty body)."""
        return self.covered_words / self.words if self.words else 0.0

    @property
    def caption(self) -> str:
        """A one-line summary."""
        covered = len(self) - len(self.uncovered)
        return (f"{covered} of {len(self)} sentences ({self.sentence_share:.1%}) and "
                f"{self.covered_words} of {self.words} words ({self.word_share:.1%}) of "
                f"{self.source_file} are quoted in {self.map_id}")

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per sentence, with the keys of :attr:`COLUMNS`."""
        return [s.to_record() for s in self.sentences]

    def to_json(self) -> dict[str, Any]:
        """Return the report as plain data: the shape of ``argmap coverage --json`` (docs/agreement.md)."""
        return {
            "map": self.map_id, "source": self.source_file,
            "sentences": len(self), "covered_sentences": len(self) - len(self.uncovered),
            "sentence_share": round(self.sentence_share, 4),
            "words": self.words, "covered_words": self.covered_words,
            "word_share": round(self.word_share, 4),
            "without_quote": list(self.without_quote),
            "items": self.to_records(),
        }

    def __repr__(self) -> str:
        return (f"<Coverage of {self.map_id}: {len(self) - len(self.uncovered)}/{len(self)} sentences, "
                f"{self.covered_words}/{self.words} words>")

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self, width: int = 100, everything: bool = False) -> str:
        """Return the summary and a table of the uncovered sentences (of all, with *everything*)."""
        out = self.caption
        if everything:
            out += "\n\nEvery sentence, and the points that quote it:"
            number_width = len(str(len(self)))
            line_width = max((len(_lines(s)) for s in self.sentences), default=1)
            for s in self.sentences:
                head = f"{s.number:>{number_width}}  line {_lines(s):<{line_width}}  "
                indent = " " * len(head)
                quoted = "<- " + (", ".join(s.points) if s.points else "(not quoted)")
                out += "\n" + textwrap.fill(s.text, width, initial_indent=head, subsequent_indent=indent)
                out += "\n" + textwrap.fill(quoted, width, initial_indent=indent,
                                            subsequent_indent=indent + "   ", break_on_hyphens=False)
        elif self.uncovered:
            rows = [[_lines(s), s.text] for s in self.uncovered]
            out += "\n\nNot quoted:\n" + format_table(rows, ["LINE", "SENTENCE"], width)
        if self.without_quote:
            out += f"\n\nPoints without a quote: {', '.join(self.without_quote)}"
        return out


def _lines(s: SentenceCoverage) -> str:
    return str(s.first_line) if s.first_line == s.last_line else f"{s.first_line}-{s.last_line}"


def coverage(amap: ArgumentMap) -> Coverage:
    """Return the sentences of *amap*'s source and the points that quote each.

    Parameters
    ----------
    amap : ArgumentMap
        A map loaded from a file whose ``source.file`` names the document's
        text (the loader reads it beside the map).

    Returns
    -------
    Coverage

    Raises
    ------
    SourceError
        If the map names no source file or holds no text of it.

    Examples
    --------
    >>> c = argmap.coverage(argmap.datasets.load("1962-11-28-new-york"))
    >>> len(c), len(c.uncovered)
    (31, 4)
    >>> c.uncovered[0].text, c.uncovered[0].first_line
    ('1180.', 7)

    .. versionadded:: 0.2
    """
    text = SourceText.of(amap)
    spans = text.quote_spans(amap)
    found = text.sentences()
    sentence_starts = [s.start for s in found]
    quoting: list[list[str]] = [[] for _ in found]
    for pid, quote in spans.items():  # sentences are disjoint and in order: look up each quote's
        i = max(0, bisect.bisect_right(sentence_starts, quote[0]) - 1)
        while i < len(found) and found[i].start < quote[1]:
            if overlap((found[i].start, found[i].end), quote):
                quoting[i].append(pid)
            i += 1
    sentences = tuple(
        SentenceCoverage(number, s.text, s.first_line, s.last_line, tuple(pids))
        for number, (s, pids) in enumerate(zip(found, quoting, strict=True), 1))
    words = text.words()
    return Coverage(amap.id, text.name, sentences, len(words), sum(covered(words, spans.values())),
                    tuple(p.id for p in amap.points if p.quote is None))
