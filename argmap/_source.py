"""A map's source text: its body folded as the quote checker folds it, and where each quote lies.

The loader checks every quote against the body lines of the source with
whitespace folded and editors' footnote markers allowed to be left out
(docs/format.md). This module does the same folding but remembers, for every
character of the folded text, its offset in the file, so that a quote, a
sentence or a word can be given as a span of the file itself: what the
coverage report, the agreement between two codings and the page's source view
share.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from argmap._util import FOOTNOTE_MARKER, fold_whitespace, in_line_ranges, without_footnote_markers
from argmap.errors import SourceError
from argmap.model import ArgumentMap

#: Titles that end in a full stop but never end a sentence in diplomatic reporting; the
#: sentence segmenter is told to run on past them ("Amb. Dobrynin", "Pres. Kennedy").
TITLES: Final = frozenset({"amb.", "ambs.", "pres.", "secy.", "sec.", "adm.", "govt.", "dept."})

#: A word: a run of characters that are not space (the unit of coverage and unitizing agreement).
WORD: Final = re.compile(r"\S+")


@attrs.frozen
class Folded:
    """Text with whitespace runs made one space, and the file offset of each of its characters.

    Attributes
    ----------
    text : str
    origin : tuple of int
        ``origin[i]`` is the offset in the file of ``text[i]``; a space that
        stands for a run of whitespace has the offset of the run's first character.
    paragraphs : tuple of int
        Where each paragraph starts in *text*: paragraphs are parted by blank
        lines and by lines outside the body.
    """

    text: str
    origin: tuple[int, ...]
    paragraphs: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the file offsets of ``text[start:end]`` (end exclusive)."""
        return self.origin[start], self.origin[end - 1] + 1

    def index_of(self, offset: int) -> int:
        """Return the index in *text* of the first character at or after file *offset*."""
        return bisect.bisect_left(self.origin, offset)

    def paragraph_spans(self) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each paragraph in *text*."""
        ends = [*self.paragraphs[1:], len(self.text) + 1]
        for start, end in zip(self.paragraphs, ends, strict=True):
            yield start, end - 1 if end <= len(self.text) else len(self.text)


#: What ends a line, as :meth:`str.splitlines` counts lines.
_LINE_ENDS: Final = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def line_spans(raw: str) -> Iterator[tuple[int, int, int]]:
    r"""Yield ``(number, start, end)`` of each line of *raw*: from 1, file offsets, end before the line break.

    Examples
    --------
    >>> list(line_spans("ab\r\nc"))
    [(1, 0, 2), (2, 4, 5)]
    """
    offset = 0
    for number, line in enumerate(raw.splitlines(keepends=True), 1):
        yield number, offset, offset + len(line.rstrip(_LINE_ENDS))
        offset += len(line)


def fold(raw: str, body: Sequence[tuple[int, int]] = (), *, markers: bool = False) -> Folded:
    r"""Return the body lines of *raw* folded, footnote markers removed unless *markers*.

    Examples
    --------
    >>> f = fold("Head\n\nOne  two October 27(1)\nthree.\n", body=[(3, 4)])
    >>> f.text
    'One two October 27 three.'
    >>> f.raw_span(0, 3), f.paragraphs
    ((6, 9), (0,))
    """
    chars: list[str] = []
    origin: list[int] = []
    paragraphs: list[int] = []
    space_at: int | None = None  # file offset of pending whitespace
    new_paragraph = True
    for number, start, end in line_spans(raw):
        content = raw[start:end]
        if not in_line_ranges(number, body) or not content.strip():
            new_paragraph = True
            space_at = None
            continue
        skip: set[int] = set()
        if not markers:
            for m in FOOTNOTE_MARKER.finditer(content):
                skip.update(range(m.start(), m.end()))
        for j, char in enumerate(content):
            if j in skip:
                continue
            if char.isspace():
                if space_at is None:
                    space_at = start + j
                continue
            if new_paragraph:
                if chars:  # paragraphs are parted by one space, as whitespace folds
                    chars.append(" ")
                    origin.append(start + j - 1)
                paragraphs.append(len(chars))
                new_paragraph = False
            elif space_at is not None and chars:
                chars.append(" ")
                origin.append(space_at)
            space_at = None
            chars.append(char)
            origin.append(start + j)
        space_at = start + len(content)  # the line's end is whitespace
    return Folded("".join(chars), tuple(origin), tuple(paragraphs))


def normal_quote(quote: str) -> str:
    """Return *quote* as it is looked for in the folded body."""
    return without_footnote_markers(fold_whitespace(quote))


@attrs.frozen
class Sentence:
    """One sentence of a source's body.

    Attributes
    ----------
    text : str
        The sentence as the file has it, whitespace folded (footnote markers kept).
    start, end : int
        Its span in the source file (offsets, end exclusive).
    first_line, last_line : int
        The lines it lies on, counted from 1.
    """

    text: str
    start: int
    end: int
    first_line: int
    last_line: int


class SourceText:
    """The text a map quotes, with its body, sentences and quote spans.

    Parameters
    ----------
    raw : str
        The text of the source file.
    body : sequence of (int, int)
        The body lines (:attr:`argmap.Source.body`); every line without.
    name : str
        How messages name the file.
    """

    def __init__(self, raw: str, body: Sequence[tuple[int, int]] = (), name: str = "the source") -> None:
        self.raw = raw
        self.body = tuple(body)
        self.name = name
        self.folded = fold(raw, self.body)
        self._line_starts = [start for _, start, _ in line_spans(raw)] or [0]

    @classmethod
    def of(cls, amap: ArgumentMap) -> SourceText:
        """Return the source text of *amap*.

        Raises
        ------
        SourceError
            If the map has no source file, or was not loaded from a file that
            names one (the text is read by the loader).
        """
        source = amap.source
        if source is None or source.file is None:
            raise SourceError(
                f"map {amap.id!r} names no source file: give 'source: {{title: ..., file: ...}}' "
                "with the document's text beside the map, so that its quotes can be placed")
        if source.text is None:
            raise SourceError(
                f"map {amap.id!r} holds no text of {source.file!r}: load the map from its file "
                "(argmap.load) so that the loader reads the source beside it")
        return cls(source.text, source.body, source.file)

    def line_of(self, offset: int) -> int:
        """Return the line (from 1) of file *offset*."""
        return bisect.bisect_right(self._line_starts, offset)

    @functools.cached_property
    def marked(self) -> Folded:
        """The body folded with footnote markers kept (for quotes that include one)."""
        return fold(self.raw, self.body, markers=True)

    def find(self, quote: str, after: int = 0) -> tuple[int, int] | None:
        """Return the file span of *quote* in the body, or None when it is not there.

        A quote found more than once is placed at its first occurrence that
        starts at or after file offset *after*, else at its first occurrence.
        """
        for folded, text in ((self.folded, normal_quote(quote)), (self.marked, fold_whitespace(quote))):
            if not text:
                continue
            first = folded.text.find(text)
            if first < 0:
                continue
            at = folded.text.find(text, folded.index_of(after)) if after else first
            at = first if at < 0 else at
            return folded.raw_span(at, at + len(text))
        return None

    def quote_spans(self, amap: ArgumentMap) -> dict[str, tuple[int, int]]:
        """Return the file span of each point's quote, by point id; points without one are left out.

        Points are taken in file order, and a repeated quote goes to its first
        occurrence after the previous point's quote (coders code in reading order).
        """
        spans: dict[str, tuple[int, int]] = {}
        after = 0
        for point in amap.points:
            if point.quote is None:
                continue
            span = self.find(point.quote, after)
            if span is not None:
                spans[point.id] = span
                after = span[0]
        return spans

    def sentences(self) -> list[Sentence]:
        """Return the sentences of the body, in order, found by pysbd paragraph by paragraph.

        pysbd (Sadvilkar and Neumann 2020) is a rule-based segmenter; a sentence
        it ends after one of :data:`TITLES` is joined to the next. Every
        character of the body lies in one sentence. A paragraph longer than
        :data:`CHUNK` characters is given to pysbd a window at a time, so that
        time stays linear in the length of the source.
        """
        import pysbd  # imported here: only coverage and agreement need it

        segmenter = pysbd.Segmenter(language="en", clean=False)
        text = self.folded.text
        out: list[tuple[int, int]] = []
        for paragraph_start, paragraph_end in self.folded.paragraph_spans():
            merged: list[tuple[int, int]] = []  # a title never joins the next paragraph
            for piece_start, piece_end in _segments(segmenter, text, paragraph_start, paragraph_end):
                if merged and _ends_with_title(text[merged[-1][0]:merged[-1][1]]):
                    merged[-1] = (merged[-1][0], piece_end)
                else:
                    merged.append((piece_start, piece_end))
            out += merged
        sentences = []
        for start, end in out:
            raw_start, raw_end = self.folded.raw_span(start, end)
            sentences.append(Sentence(fold_whitespace(self.raw[raw_start:raw_end]), raw_start, raw_end,
                                      self.line_of(raw_start), self.line_of(raw_end - 1)))
        return sentences

    def words(self) -> list[tuple[int, int]]:
        """Return the file span of each word of the body (runs of non-space characters)."""
        return [self.folded.raw_span(m.start(), m.end()) for m in WORD.finditer(self.folded.text)]

    def same_text(self, other: SourceText) -> int | None:
        """Return None if both files hold the same text with whitespace folded, else where they part.

        The position is the offset in this file of the first character that differs.
        """
        mine, theirs = self.whole.text, other.whole.text
        if mine == theirs:
            return None
        common = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                      min(len(mine), len(theirs)))
        return self.whole.origin[common] if common < len(mine) else len(self.raw)

    @functools.cached_property
    def whole(self) -> Folded:
        """The whole file folded (every line, footnote markers removed): common ground for two maps."""
        return fold(self.raw)


#: pysbd's time grows with the square of the text it is given; a paragraph longer than this is
#: given to it a window at a time.
CHUNK: Final = 3000


def _segments(
    segmenter: Any, text: str, start: int, end: int, limit: int = CHUNK,
) -> Iterator[tuple[int, int]]:
    """Yield the spans of the sentences pysbd finds in ``text[start:end]``, stripped of spaces.

    Every non-space character lies in one span: what the segmenter leaves out
    becomes a sentence of its own. A longer text is read a window of *limit*
    characters at a time; the last sentence of a window, which the window may
    cut, is read again at the start of the next.
    """
    while start < end:
        stop = min(end, start + limit)
        pieces = _located(segmenter.segment(text[start:stop]), text, start, stop)
        if stop < end and len(pieces) > 1:
            pieces, start = pieces[:-1], pieces[-1][0]
        else:
            start = stop
        yield from pieces


def _located(found: Iterable[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return where each of the segmenter's sentences lies in ``text[start:end]``, filling gaps."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for piece in found:
        piece = piece.strip()
        at = text.find(piece, cursor, end) if piece else -1
        if at < 0:
            continue
        if text[cursor:at].strip():  # what the segmenter left out is a sentence too
            pieces.append(_stripped(text, cursor, at))
        pieces.append((at, at + len(piece)))
        cursor = at + len(piece)
    if text[cursor:end].strip():
        pieces.append(_stripped(text, cursor, end))
    return pieces


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _ends_with_title(sentence: str) -> bool:
    words = sentence.split()
    return bool(words) and words[-1].lower() in TITLES


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return how many characters the spans *a* and *b* share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covered(units: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """Return, for each span of *units*, whether any of *spans* shares a character with it.

    Examples
    --------
    >>> covered([(0, 3), (4, 8), (9, 12)], [(5, 6)])
    [False, True, False]
    """
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach, furthest = [], 0
    for _, end in ordered:  # the furthest end of each span and those that start before it
        furthest = max(furthest, end)
        reach.append(furthest)
    out = []
    for start, end in units:
        i = bisect.bisect_left(starts, end) - 1  # the last span that starts before the unit ends
        out.append(i >= 0 and reach[i] > start)
    return out
