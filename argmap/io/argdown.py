"""Argdown, the Markdown-like syntax for argument maps (https://argdown.org): read and write.

argmap reads Argdown with its own parser, written from Argdown's documented syntax
(nothing of Argdown's JavaScript code, MIT, or of the AGPL ``pyargdown`` is used).
Argdown is read line by line: what a line is depends on how it starts and how far it
is indented, and a text runs on over unmarked lines until a blank line, so a small
line scanner says it more plainly than a grammar for a parser generator would.
What it reads, and what each thing becomes:

- the **frontmatter** between ``===`` lines: ``title`` becomes the map's title; the
  whole frontmatter is kept in the map's ``meta.argdown.frontmatter``; an ``argmap:``
  key in it may hold the map's ``id``, ``date``, ``description``, ``source``,
  ``meta``, ``parties``, ``actors`` and ``issues`` as in format 1, and the party
  settings below;
- **comments** (``<!-- -->``, ``/* */``, ``//``) are dropped, as Argdown drops them;
- every **statement** (``[Title]: text``; statements of equal title are one) and every
  **argument** (``<Title>: text``) becomes a point; untitled statements are named
  ``Untitled 1``, ``Untitled 2`` ... in document order, one count for statements and
  arguments, as Argdown names them; a list (``* item``, ``1. item``) is a statement per item;
  a statement or argument used but never given a text or a structure is a point whose text is
  its title, with an :class:`ArgdownWarning`, since Argdown accepts it. A
  point's id is its title when that is an id, else the title made one
  (``Statement 1`` → ``statement-1``); its text is the first text given, with
  Markdown emphasis and links reduced to their words, whitespace folded, ``{...}``
  data taken out and, when the frontmatter sets ``model: removeTagsFromText``, tags
  too. An argument given no description takes its title as its text. Further texts
  of one statement, the text with its Markdown, the tags and the data are kept in
  the point's ``meta.argdown``;
- **relations** under a node: ``+`` and ``<+`` (support), ``-`` and ``<-`` (attack),
  ``_`` and ``<_`` (undercut) go from the child to its parent; ``+>``, ``->`` and
  ``_>`` from the parent to the child; ``><`` (contradiction) both ways. Support
  becomes ``supports``, attack ``attacks``; an **undercut** becomes ``attacks`` on the
  argument whose inference it denies, named in ``meta.argdown.undercuts`` (as an
  AIF undercut is kept in ``meta.aif.undercuts``); a **contradiction** becomes an
  attack each way, named in ``meta.argdown.contradicts`` of the parent; a relation
  line's parent follows Argdown's indentation rules (a deeper line opens a block
  under the element above it, a shallower one closes the blocks deeper than it); in
  ``model: mode: strict`` a support between statements is also named in
  ``meta.argdown.entails`` and an attack in ``meta.argdown.contrary``;
- a **premise-conclusion structure** (``(1) ...``, ``--`` inference ``--`` or ``----``,
  ``(n) conclusion``) after an argument: each premise and intermediate conclusion
  supports the argument and the argument supports its main conclusion; the
  structure, with its inference rules and their data, is kept in the argument's
  ``meta.argdown.pcs`` and written back as a structure; the argument's own relations
  leave from its main conclusion, as in Argdown's model (unless the frontmatter sets
  ``model: transformArgumentRelations: false``);
- **headings** (running on to the next blank line) become issues (``# Budget`` →
  issue ``budget``, titled ``Budget``; headings of equal title are one issue); a
  point's issue is the innermost heading above the place it first appears; the
  heading's level and data are kept in the issue's ``meta.argdown``;
- **parties**: a point's party is, in this order, the value of its data key
  *party_key* (``{party: us}``), the party of a tag in *party_tags* (``#pro`` and
  ``#con`` by default), the party of the argument in whose premise-conclusion
  structure it first appears, or else *default_party* (``author``);
- **kinds** follow from the relations by the rules of :mod:`argmap.io.aif` (an attack
  on an attack is a rebuttal, other attacks objections, support of one's own side a
  reason, the rest claims), unless the data says ``{argmap: {kind: proposal}}``.

The data key ``argmap`` carries what format 1 has and Argdown has not: ``kind``,
``by`` (an actor), ``on_behalf_of``, ``quote``, ``note``, ``agrees`` (point ids),
``restates``, ``answers``, ``revises``, ``condition``, ``constructed``, ``meta`` and,
when folding whitespace would change it, ``text``. :func:`dumps_argdown` writes these,
so that argmap → Argdown → argmap gives the same points, relations, parties and issues
(a point with no issue of its own is written before the first heading).
"""

from __future__ import annotations

import datetime
import json
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import yaml

from argmap._util import did_you_mean, fold_whitespace, thaw
from argmap.errors import FormatError, FormatWarning, Problem, ValidationError
from argmap.io._convert import converter, describe, unstructure
from argmap.io._shared import derive_kinds, slug, unique_id
from argmap.io.yaml_format import _Dumper, _parse_yaml
from argmap.model import ID_PATTERN, Actor, ArgumentMap, Issue, Kind, Party, Point, Source

__all__ = ["DEFAULT_PARTY", "DEFAULT_PARTY_TAGS", "ArgdownWarning", "dumps_argdown", "loads_argdown"]

class ArgdownWarning(FormatWarning):
    """Something in an Argdown document that argmap reads by a guess, as Argdown does.

    .. versionadded:: 0.2
    """


#: The party of points that name none.
DEFAULT_PARTY: Final = "author"
#: The tags read as parties unless told otherwise.
DEFAULT_PARTY_TAGS: Final = ("pro", "con")

_ID: Final = re.compile(ID_PATTERN)
_FENCE: Final = re.compile(r"^===\s*$")
_HEADING: Final = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_RELATION: Final = re.compile(r"^([ \t]*)(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:[ \t]+(.*))?$")
_NUMBERED: Final = re.compile(r"^([ \t]*)\((\d+)\)(?:[ \t]+(.*))?$")
#: A list item, ``* text`` or ``1. text``: Argdown makes each a statement.
_LIST_ITEM: Final = re.compile(r"^([ \t]*)(?:\*|\d+\.)(?=\s)")
_INFERENCE: Final = re.compile(r"^[ \t]*(-{2,})[ \t]*$")
_STATEMENT_DEF: Final = re.compile(r"\[((?:\\.|[^\]\\\n]){1,1000})\]:[ \t]*")
_ARGUMENT_DEF: Final = re.compile(r"<((?:\\.|[^>\\\n]){1,1000})>:[ \t]*")
_STATEMENT_REF: Final = re.compile(r"\[((?:\\.|[^\]\\\n]){1,1000})\](?!\()")
_ARGUMENT_REF: Final = re.compile(r"<((?:\\.|[^>\\\n]){1,1000})>")
_COMMENT: Final = re.compile(
    r"(\\.)|(\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\))|(<!--)|(/\*)|(//[^\n]*)", re.DOTALL)
_BLANK: Final = re.compile(r"[^\n]")
_TAG: Final = re.compile(r"(?<!\S)#(?:\(([^)\n]+)\)|([\w-]+))")
_ESCAPED: Final = re.compile(r"\\(.)", re.DOTALL)
_LINK: Final = re.compile(r"\[([^\]\n]{0,1000})\]\([^)\n]{0,2000}\)")
_EMPHASIS: Final = (
    re.compile(r"\*\*(.{1,1000}?)\*\*", re.DOTALL),
    re.compile(r"(?<![\w\\])__(.{1,1000}?)__(?!\w)", re.DOTALL),
    re.compile(r"\*(?!\s)(.{1,1000}?)(?<!\s)\*", re.DOTALL),
    re.compile(r"(?<![\w\\])_(?!\s)(.{1,1000}?)(?<!\s)_(?!\w)", re.DOTALL),
)
#: Argdown's special characters, written ``.^.`` and the like.
_SPECIAL: Final = {".<->.": "↔", ".->.": "→", ".^.": "∧", ".v.": "∨", ".~.": "¬",
                   ".A.": "∀", ".E.": "∃"}
_PLACEHOLDER: Final = 0xF0000  # private-use code points stand for escaped characters
_PLACEHOLDERS: Final = 0x10FFFD - _PLACEHOLDER
#: An escaped character, or a private-use character that must not be taken for a placeholder.
_HIDDEN: Final = re.compile("\\\\(.)|([\U000F0000-\U0010FFFF])", re.DOTALL)
_SYMBOLS: Final = {
    "+": ("support", False), "<+": ("support", False), "+>": ("support", True),
    "-": ("attack", False), "<-": ("attack", False), "->": ("attack", True),
    "_": ("undercut", False), "<_": ("undercut", False), "_>": ("undercut", True),
    "><": ("contradiction", True),
}
_ARGMAP_KEYS: Final = ("kind", "by", "on_behalf_of", "quote", "note", "agrees", "restates",
                       "answers", "revises", "condition", "constructed", "meta", "text")


# --- the parsed document -----------------------------------------------------------------


@attrs.define
class _Node:
    """A statement's equivalence class or an argument, as the document gives it."""

    type: str  # "statement" or "argument"
    title: str
    line: int
    section: str | None
    texts: list[tuple[str, str, int]] = attrs.Factory(list)  # (plain, markup, line)
    tags: list[str] = attrs.Factory(list)
    data: dict[str, Any] = attrs.Factory(dict)
    pcs: list[dict[str, Any]] | None = None
    pcs_of: str | None = None  # the argument in whose structure it is first defined
    defined: int | None = None  # the order in which nodes are first given a text or a structure
    point_id: str = ""


@attrs.frozen
class _Line:
    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))


def _strip_comments(text: str, file: str) -> tuple[list[_Line], list[Problem]]:
    """Return the lines with comments blanked out; lines that held only comments are dropped.

    One pass from left to right: each comment's end is found once, so that time
    stays linear however many openers the text holds.
    """
    problems: list[Problem] = []
    pieces: list[str] = []
    pos = 0
    while True:
        match = _COMMENT.search(text, pos)
        if match is None:
            pieces.append(text[pos:])
            break
        if match[1] or match[2]:  # an escaped character, or a link: kept as written
            pieces.append(text[pos:match.end()])
            pos = match.end()
            continue
        pieces.append(text[pos:match.start()])
        if match[5]:  # // to the end of the line
            end = match.end()
        else:
            closer = "-->" if match[3] else "*/"
            found = text.find(closer, match.end())
            if found < 0:
                problems.append(Problem(
                    f"the comment opened with {match[0]} is never closed; close it with {closer}",
                    (), file, text.count("\n", 0, match.start()) + 1))
                end = len(text)
            else:
                end = found + len(closer)
        pieces.append(_BLANK.sub(" ", text[match.start():end]))
        pos = end
        if pos >= len(text):
            break
    cleaned = "".join(pieces)
    lines = []
    for number, (before, after) in enumerate(
            zip(text.split("\n"), cleaned.split("\n"), strict=True), start=1):
        if before.strip() and not after.strip():
            continue  # a line of comment only: as if it were not there
        lines.append(_Line(number, after.rstrip("\r")))
    return lines, problems


class _Reader:
    def __init__(self, text: str, file: str, party_tags: Mapping[str, str] | Iterable[str] | None,
                 party_key: str | None, default_party: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.statements: dict[str, _Node] = {}
        self.arguments: dict[str, _Node] = {}
        self.order: list[_Node] = []
        self.relations: list[tuple[_Node, _Node, str]] = []  # from, to, and what it is
        self.sections: dict[str, dict[str, Any]] = {}  # heading -> title, level, data, tags
        self.section_stack: list[tuple[int, str]] = []
        self.untitled = 0  # one count for statements and arguments, as Argdown keeps it
        self.definitions = 0
        self.frontmatter: dict[str, Any] = {}
        self.settings: dict[str, Any] = {}
        self.fence_line: int | None = None
        self.tag_party: dict[str, str] = {}
        self.map_id: str | None = None
        self.remove_tags = False
        self.explicit = {"party_tags": party_tags, "party_key": party_key,
                         "default_party": default_party}
        text = self.read_frontmatter(text)
        self.lines, problems = _strip_comments(text, file)
        self.problems += problems

    def _checked_fields(self, fields: Mapping[str, Any], line: int) -> dict[str, Any]:
        """Return a statement's 'argmap' data, leaving out (and reporting) values of the wrong type."""
        from argmap.io._convert import checked_point_fields

        known = {k: v for k, v in fields.items() if k in _ARGMAP_KEYS}
        kind = known.pop("kind", None) if isinstance(known.get("kind"), str) else None
        checked, problems = checked_point_fields(known, ())
        for problem in problems:
            self.problem(f"'argmap' data, {problem.path[0]}: {problem.message}", line)
        if kind is not None:  # named below, with "did you mean"
            checked["kind"] = kind
        return checked

    def problem(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(message, (), self.file, line))

    # --- lines ---------------------------------------------------------------------

    def read_frontmatter(self, text: str) -> str:
        """Read the frontmatter, if the text opens with one; return the text with it blanked."""
        lines = text.split("\n")
        i = 0
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i == len(lines) or not _FENCE.match(lines[i]):
            return text
        for j in range(i + 1, len(lines)):
            if _FENCE.match(lines[j]):
                # as many empty lines above the body as the fence's line, so YAML's lines are the file's
                self.parse_frontmatter("\n" * (i + 1) + "\n".join(lines[i + 1:j]), i + 1)
                return "\n" * (j + 1) + "\n".join(lines[j + 1:])
        self.problem("the frontmatter opened with === is never closed; end it with a line ===",
                     i + 1)
        return ""

    def parse_frontmatter(self, body: str, fence_line: int) -> None:
        self.fence_line = fence_line
        try:
            data, _, repeated = _parse_yaml(body, self.file)
        except FormatError as exc:
            self.problems += exc.problems
            return
        self.problems += repeated
        if data is None:
            return
        if not isinstance(data, Mapping):
            self.problem(f"the frontmatter must be key: value pairs, not {describe(data)}",
                         fence_line)
            return
        self.frontmatter = {str(k): _plain(v) for k, v in data.items()}
        model = self.frontmatter.get("model")
        self.remove_tags = isinstance(model, Mapping) and model.get("removeTagsFromText") is True
        settings = self.frontmatter.get("argmap") or {}
        if not isinstance(settings, Mapping):
            self.problem(f"'argmap' in the frontmatter must be key: value pairs, not "
                         f"{describe(settings)}", fence_line)
            settings = {}
        self.settings = dict(settings)

    def parse(self) -> None:
        i = 0
        lines = self.lines
        pending_argument: _Node | None = None
        while i < len(lines):
            line = lines[i]
            if line.blank:
                i += 1
                continue
            heading = _HEADING.match(line.text)
            if heading:  # a heading runs on to the next blank line, as Argdown reads it
                j = self.skip_paragraph(i + 1)
                raw = "\n".join([heading[2], *(lines[k].text.strip() for k in range(i + 1, j))])
                self.heading(len(heading[1]), raw, line.number)
                pending_argument = None
                i = j
                continue
            item = _LIST_ITEM.match(line.text)
            if item:  # one statement per item, as Argdown reads a list
                node, i = self.element(i, line.text[item.end():].strip(), line.number)
                i = self.children(i, node, len(item[1]))
                pending_argument = None
                continue
            if _NUMBERED.match(line.text) or _INFERENCE.match(line.text):
                argument = pending_argument or self.node("argument", None, line.number)
                i = self.pcs(i, argument)
                pending_argument = None
                continue
            if _RELATION.match(line.text):
                self.problem(
                    f"a relation ({line.text.strip()[:2].strip()}) needs a statement or argument "
                    "on the line above it, with no blank line between; indent it under one",
                    line.number)
                i = self.skip_paragraph(i + 1)
                continue
            node, i = self.element(i, line.text.strip(), line.number)
            i = self.children(i, node, line.indent)
            pending_argument = node if node is not None and node.type == "argument" else None
        undefined = [f"<{n.title}> (line {n.line})" for n in self.order
                     if n.type == "argument" and not n.texts and n.pcs is None]
        undefined += [f"[{n.title}] (line {n.line})" for n in self.order
                      if n.type == "statement" and not n.texts]
        if undefined:  # Argdown accepts them: so does argmap, with the title for a text
            shown = ", ".join(undefined[:10]) + (f" and {len(undefined) - 10} more"
                                                 if len(undefined) > 10 else "")
            self.warnings.append(
                f"{len(undefined)} used but never given a text or a premise-conclusion structure: "
                f"{shown}; each is a point with its title for a text (meta.argdown.described is "
                "false); define them to give them one")
        self.order.sort(key=lambda node: node.defined if node.defined is not None else -1)

    def next_filled(self, i: int) -> int:
        """Return the index of the first line from *i* on that is not blank."""
        while i < len(self.lines) and self.lines[i].blank:
            i += 1
        return i

    def skip_paragraph(self, i: int) -> int:
        while i < len(self.lines) and not self.lines[i].blank:
            i += 1
        return i

    def ends_text(self, line: _Line) -> bool:
        return bool(line.blank or _HEADING.match(line.text) or _RELATION.match(line.text)
                    or _NUMBERED.match(line.text) or _INFERENCE.match(line.text)
                    or _LIST_ITEM.match(line.text))

    def gather(self, i: int, first: str) -> tuple[str, int]:
        """Return the text that starts with *first* and goes on over unmarked lines, and the next line."""
        parts = [first]
        while i < len(self.lines) and not self.ends_text(self.lines[i]):
            parts.append(self.lines[i].text.strip())
            i += 1
        return "\n".join(parts), i

    def heading(self, level: int, raw: str, line: int) -> None:
        plain, _, tags, data = self.text_parts(raw, line)
        title = plain or f"Section {line}"
        fields = data.pop("argmap", None)
        key = title
        if isinstance(fields, Mapping) and isinstance(fields.get("issue"), str):
            key = "\0" + fields["issue"]  # a heading that names its issue's id
        while self.section_stack and self.section_stack[-1][0] >= level:
            self.section_stack.pop()
        self.section_stack.append((level, key))
        entry = self.sections.setdefault(key, {"level": level, "data": {},
                                               "tags": [], "title": title})
        entry["data"].update(data)
        entry["tags"] += [t for t in tags if t not in entry["tags"]]

    @property
    def section(self) -> str | None:
        return self.section_stack[-1][1] if self.section_stack else None

    # --- nodes ---------------------------------------------------------------------

    def node(self, type_: str, title: str | None, line: int) -> _Node:
        table = self.statements if type_ == "statement" else self.arguments
        if title is None:
            self.untitled += 1
            title = f"Untitled {self.untitled}"
        node = table.get(title)
        if node is None:
            node = table[title] = _Node(type_, title, line, self.section)
            self.order.append(node)
        return node

    def element(self, i: int, content: str, line: int, *,
                in_pcs: bool = False) -> tuple[_Node | None, int]:
        """Read one statement or argument starting with *content* (on *line*); return it and the next line."""
        text, i = self.gather(i + 1, content)
        type_, title, body, is_reference = "statement", None, text, False
        if match := _STATEMENT_DEF.match(text):
            title, body = match[1], text[match.end():]
        elif (match := _ARGUMENT_DEF.match(text)) and not in_pcs:
            type_, title, body = "argument", match[1], text[match.end():]
        elif (match := _STATEMENT_REF.match(text)) and _only_marks(text[match.end():]):
            title, body, is_reference = match[1], text[match.end():], True
        elif (match := _ARGUMENT_REF.match(text)) and _only_marks(text[match.end():]) \
                and not in_pcs:
            type_, title, body, is_reference = "argument", match[1], text[match.end():], True
        if title is not None:
            title = fold_whitespace(_unescape(title))
            if not title:
                self.problem("an empty title [] or <>: write a title between the brackets", line)
                return None, i
        node = self.node(type_, title, line)
        plain, markup, tags, data = self.text_parts(body, line)
        if plain and not is_reference:
            node.texts.append((plain, markup, line))
            self.define(node)
        node.tags += [t for t in tags if t not in node.tags]
        node.data.update(data)
        return node, i

    def define(self, node: _Node) -> None:
        if node.defined is None:
            node.defined = self.definitions
            node.section = self.section
            self.definitions += 1

    def text_parts(self, raw: str, line: int) -> tuple[str, str, list[str], dict[str, Any]]:
        """Return a text's plain words, its markup (data and removed tags taken out), its tags and data."""
        markup, data = self.take_data(raw, line)
        hidden, _ = _hide_escapes(markup)
        tags = [m[1] or m[2] for m in _TAG.finditer(_LINK.sub(r"\1", hidden))]
        if self.remove_tags:
            markup = _TAG.sub("", markup)
        return _plain_of(markup, self.remove_tags), fold_whitespace(markup), tags, data

    def take_data(self, raw: str, line: int) -> tuple[str, dict[str, Any]]:
        data: dict[str, Any] = {}
        out: list[str] = []
        i = 0
        while i < len(raw):
            char = raw[i]
            if char == "\\":
                out.append(raw[i:i + 2])
                i += 2
                continue
            if char != "{":
                out.append(char)
                i += 1
                continue
            end = _closing_brace(raw, i)
            if end < 0:
                self.problem("a { is never closed: close the data with }, or write \\{ for a brace",
                             line)
                out.append(raw[i:])
                break
            block = raw[i:end + 1]
            at = line + raw.count("\n", 0, i)
            try:
                value, _, repeated = _parse_yaml(block, self.file)
            except FormatError:
                value, repeated = None, []
            if not isinstance(value, Mapping) or repeated:
                self.problem(
                    f"cannot read the data {fold_whitespace(block)[:60]}: write key: value pairs "
                    "such as {party: us}, or \\{ for a brace in the text", at)
            else:
                data.update({str(k): _plain(v) for k, v in value.items()})
            i = end + 1
        return "".join(out), data

    def children(self, i: int, root: _Node | None, root_indent: int) -> int:
        """Read the relations indented under *root*; return the next line."""
        # Argdown's indentation: a deeper line opens a block under the element above it; a
        # shallower one closes blocks while it is shallower than the open block's indentation
        levels: list[int] = [root_indent]
        owners: list[_Node | None] = [None]
        last: _Node | None = root
        lines = self.lines
        while i < len(lines):
            line = lines[i]
            if line.blank:
                j = self.next_filled(i)
                if j < len(lines) and lines[j].indent > root_indent and _RELATION.match(lines[j].text):
                    i = j
                    continue
                return i
            match = _RELATION.match(line.text)
            if not match:
                return i
            indent, symbol, content = len(match[1]), match[2], (match[3] or "").strip()
            if indent > levels[-1]:
                levels.append(indent)
                owners.append(last)
            while len(levels) > 1 and indent < levels[-1]:
                levels.pop()
                owners.pop()
            parent = owners[-1]
            if not content:
                self.problem(f"the relation {symbol} names nothing: write a statement [Title] "
                             "or an argument <Title> after it", line.number)
                i += 1
                continue
            child, i = self.element(i, content, line.number)
            if child is not None and parent is not None:
                self.relate(parent, child, symbol, line.number)
            last = child
        return i

    def relate(self, parent: _Node, child: _Node, symbol: str, line: int) -> None:
        kind, outgoing = _SYMBOLS[symbol]
        source, target = (parent, child) if outgoing else (child, parent)
        if kind == "undercut" and target.type != "argument":
            self.problem(
                f"an undercut ({symbol}) denies an argument's inference, but [{target.title}] is a "
                "statement: undercut an argument <Title>, or attack the statement with - or ->", line)
            return
        if kind == "contradiction" and "argument" in (parent.type, child.type):
            self.problem("a contradiction (><) is between statements: use - or -> for arguments",
                         line)
            return
        self.relations.append((source, target, kind))

    def pcs(self, i: int, argument: _Node) -> int:
        """Read a premise-conclusion structure for *argument*; return the next line."""
        lines = self.lines
        items: list[dict[str, Any]] = []
        statements: list[tuple[_Node, int]] = []
        after_inference = False
        last_line = lines[i].number
        while i < len(lines):
            line = lines[i]
            if line.blank:
                j = self.next_filled(i)
                if j < len(lines) and (_NUMBERED.match(lines[j].text)
                                       or _INFERENCE.match(lines[j].text)):
                    i = j
                    continue
                break
            numbered = _NUMBERED.match(line.text)
            dashes = _INFERENCE.match(line.text)
            if numbered:
                content = (numbered[3] or "").strip()
                if not content:
                    self.problem(f"({numbered[2]}) has no statement: write its text after the number",
                                 line.number)
                    i += 1
                    continue
                defined = self.definitions
                node, i = self.element(i, content, line.number, in_pcs=True)
                if node is None:
                    continue
                if node.defined == defined:  # first given a text here
                    node.pcs_of = argument.title
                role = "conclusion" if after_inference else "premise"
                items.append({"role": role, "title": node.title})
                statements.append((node, line.number))
                after_inference = False
                i = self.children(i, node, len(numbered[1]))
                last_line = line.number
            elif dashes:
                rules: list[str] = []
                data: dict[str, Any] = {}
                if len(dashes[1]) == 2:  # -- rules {data} --
                    j = i + 1
                    body: list[str] = []
                    while j < len(lines) and not _INFERENCE.match(lines[j].text):
                        body.append(lines[j].text.strip())
                        j += 1
                    if j == len(lines):
                        self.problem("the inference opened with -- is never closed: end it with a "
                                     "line --, or write ---- for an inference without rules",
                                     line.number)
                    markup, data = self.take_data("\n".join(body), line.number + 1)
                    text = _plain_of(markup, remove_tags=False)
                    rules = [r.strip() for r in text.split(",") if r.strip()]
                    i = j + 1
                else:
                    i += 1
                if not statements:
                    self.problem("an inference needs premises above it: number them (1), (2) ...",
                                 line.number)
                items.append({"inference": {"rules": rules, "data": data}})
                after_inference = True
                last_line = line.number
            else:
                break
        if not statements or "role" not in items[-1] or items[-1]["role"] != "conclusion":
            self.problem(
                f"the premise-conclusion structure of <{argument.title}> has no conclusion: end it "
                "with ---- and a numbered conclusion", last_line)
        elif argument.pcs is not None:
            self.problem(f"<{argument.title}> has a premise-conclusion structure already; give "
                         "this one another argument title", last_line)
        else:
            argument.pcs = items
            self.define(argument)
        return i

    # --- building the map -----------------------------------------------------------

    def setting(self, name: str, default: Any) -> Any:
        value = self.explicit.get(name)
        if value is None:
            value = self.settings.get(name, default)
        return value

    def build(self, map_id: str) -> ArgumentMap | None:
        party_tags = self.setting("party_tags", DEFAULT_PARTY_TAGS)
        if isinstance(party_tags, Mapping):
            tag_party = {str(k): str(v) for k, v in party_tags.items()}
        elif isinstance(party_tags, Iterable) and not isinstance(party_tags, str):
            tag_party = {str(t): slug(str(t)) for t in party_tags}
        else:
            self.problem("party_tags must be a list of tags or a mapping of tag to party",
                         self.fence_line)
            tag_party = {}
        for tag, owner in list(tag_party.items()):
            if not _ID.fullmatch(owner):
                self.problem(f"party_tags: {owner!r} (for #{tag}) is not a party id: use letters, "
                             "digits, '-', '_' and '.'", self.fence_line)
                del tag_party[tag]
        self.tag_party = tag_party
        party_key = str(self.setting("party_key", "party"))
        default_party = str(self.setting("default_party", DEFAULT_PARTY))
        if not _ID.fullmatch(default_party):
            self.problem(f"default_party: {default_party!r} is not a party id: use letters, digits, "
                         "'-', '_' and '.'", self.fence_line)
            default_party = DEFAULT_PARTY

        declared = self.declared()
        if declared is None:
            return None
        parties, actors, issues, header = declared
        actor_party = {a.id: a.party for a in actors}
        issue_by_title = {fold_whitespace(i.label): i.id for i in issues}
        issue_by_title.update({"\0" + i.id: i.id for i in issues})
        issue_ids = {i.id for i in issues}
        new_issues: list[Issue] = []
        for key, entry in self.sections.items():
            if key in issue_by_title:
                continue
            title = entry["title"]
            issue_id = unique_id(key[1:] if key.startswith("\0") else title, issue_ids)
            issue_by_title[key] = issue_id
            meta: dict[str, Any] = {"level": entry["level"]}
            if entry["data"]:
                meta["data"] = entry["data"]
            if entry["tags"]:
                meta["tags"] = entry["tags"]
            new_issues.append(Issue(issue_id, title=title if title != issue_id else None,
                                    meta={"argdown": meta}))

        taken: set[str] = set()
        for node in self.order:
            node.point_id = unique_id(node.title, taken)
        by_title = {(n.type, n.title): n for n in self.order}

        party_of: dict[str, str] = {}
        used_parties: list[str] = []
        extra: dict[str, dict[str, Any]] = {}
        for node in self.order:
            own = dict(node.data)
            fields = own.pop("argmap", None) or {}
            if not isinstance(fields, Mapping):
                self.problem(f"'argmap' data must be key: value pairs, not {describe(fields)}",
                             node.line)
                fields = {}
            unknown = [k for k in fields if k not in _ARGMAP_KEYS]
            if unknown:
                self.problem(f"unknown key {unknown[0]!r} in 'argmap' data; use "
                             f"{', '.join(_ARGMAP_KEYS)}", node.line)
            fields = self._checked_fields(fields, node.line)
            kind = fields.get("kind")
            if kind is not None and kind not in {k.value for k in Kind}:
                self.problem(f"{kind!r} is not a kind{did_you_mean(str(kind), [k.value for k in Kind])}"
                             f"; use one of {', '.join(k.value for k in Kind)}", node.line)
            extra[node.point_id] = dict(fields)
            party = own.get(party_key)
            if party is not None and (not isinstance(party, str) or not _ID.fullmatch(party)):
                self.problem(f"{party_key}: {party!r} is not a party id: use letters, digits, "
                             "'-', '_' and '.'", node.line)
                party = None
            by = fields.get("by")
            if party is None and isinstance(by, str) and by in actor_party:
                party = actor_party[by]
            if party is None:
                tagged = list(dict.fromkeys(tag_party[t] for t in node.tags if t in tag_party))
                if len(tagged) > 1:
                    self.problem(f"[{node.title}] has the tags of two parties "
                                 f"({', '.join(tagged)}); keep one", node.line)
                party = tagged[0] if tagged else None
            if party is None and node.pcs_of is not None:
                party = party_of.get(by_title[("argument", node.pcs_of)].point_id)
            party_of[node.point_id] = party or default_party
            if party_of[node.point_id] not in used_parties:
                used_parties.append(party_of[node.point_id])
        if self.problems:
            return None

        premise_of: dict[str, list[_Node]] = {}
        for argument in self.order:
            titles = [item["title"] for item in argument.pcs or () if "title" in item]
            for title in titles[:-1]:
                premise_of.setdefault(title, []).append(argument)
        relations_of: dict[int, list[tuple[_Node, _Node, str]]] = {}
        for relation in self.interpreted():  # each node's own, and contradictions of it
            relations_of.setdefault(id(relation[0]), []).append(relation)
            if relation[2] == "contradiction":
                relations_of.setdefault(id(relation[1]), []).append(relation)
        points = [
            self.point(node, extra[node.point_id], party_of, issue_by_title, by_title, premise_of,
                       relations_of)
            for node in self.order]
        if self.problems:
            return None
        derive_kinds(points, party_of)
        declared_ids = {p.id for p in parties}
        parties = list(parties) + [Party(p) for p in used_parties
                                   if p not in declared_ids and p not in actor_party]
        map_title = self.frontmatter.get("title")
        frontmatter = {k: v for k, v in self.frontmatter.items() if k != "argmap"}
        meta = dict(header.pop("meta", {}) or {})
        argdown_meta: dict[str, Any] = {}
        if frontmatter:
            argdown_meta["frontmatter"] = frontmatter
        if isinstance(party_tags, Mapping) or tuple(party_tags) != DEFAULT_PARTY_TAGS:
            argdown_meta["party_tags"] = tag_party
        if party_key != "party":
            argdown_meta["party_key"] = party_key
        if default_party != DEFAULT_PARTY:
            argdown_meta["default_party"] = default_party
        if argdown_meta:
            meta["argdown"] = argdown_meta
        try:
            return ArgumentMap(
                self.map_id or map_id,
                str(map_title) if map_title else self.map_id or map_id,
                **header,
                parties=parties, actors=actors, issues=list(issues) + new_issues,
                points=[Point(**p) for p in points],
                meta=meta,
            )
        except ValidationError as exc:
            line_of = {n.point_id: n.line for n in self.order}
            for problem in exc.problems:
                where = None
                if problem.path[:1] == ("points",) and len(problem.path) > 1:
                    pid = points[int(problem.path[1])]["id"]
                    where = line_of.get(pid)
                self.problem(problem.message, where)
            return None
        except (TypeError, ValueError) as exc:
            self.problem(str(exc), self.fence_line)
            return None

    def interpreted(self) -> list[tuple[_Node, _Node, str]]:
        """Return the relations as Argdown's model has them (its ModelPlugin's two transformations).

        A reconstructed argument's outgoing relations leave from its main conclusion
        (``model: transformArgumentRelations``, on by default); in ``model: mode:
        strict``, support between statements is ``entails`` and attack ``contrary``.
        """
        model = self.frontmatter.get("model")
        model = model if isinstance(model, Mapping) else {}
        out: list[tuple[_Node, _Node, str]] = []
        seen: set[tuple[int, int, str]] = set()
        for source, target, kind in self.relations:
            if model.get("transformArgumentRelations", True) is not False and \
                    source.type == "argument" and source.pcs:
                source = self.statements[source.pcs[-1]["title"]]
                if source is target:  # the argument's relation to its own conclusion
                    continue
            if model.get("mode") == "strict" and source.type == target.type == "statement":
                kind = {"support": "entails", "attack": "contrary"}.get(kind, kind)
            key = (id(source), id(target), kind)
            if key not in seen:
                seen.add(key)
                out.append((source, target, kind))
        return out

    def declared(self) -> tuple[list[Party], list[Actor], list[Issue], dict[str, Any]] | None:
        """Return the parties, actors, issues and header fields the frontmatter's ``argmap`` gives."""
        settings = self.settings
        line = self.fence_line
        known = {"id", "date", "description", "source", "meta", "parties", "actors", "issues",
                 "party_tags", "party_key", "default_party"}
        for key in settings:
            if key not in known:
                self.problem(f"unknown key {key!r} under 'argmap' in the frontmatter; use "
                             f"{', '.join(sorted(known))}", line)
        out: dict[str, list[Any]] = {"parties": [], "actors": [], "issues": []}
        for section, cls in (("parties", Party), ("actors", Actor), ("issues", Issue)):
            raw = settings.get(section) or []
            if not isinstance(raw, list):
                self.problem(f"argmap.{section} must be a list, not {describe(raw)}", line)
                continue
            for i, item in enumerate(raw):
                if not isinstance(item, Mapping):
                    self.problem(f"argmap.{section}[{i}] must be key: value pairs", line)
                    continue
                try:
                    out[section].append(converter.structure(item, cls))
                except Exception as exc:  # reported with its place, as every reader does
                    self.problem(f"argmap.{section}[{i}]: {_first_line(exc)}", line)
        header: dict[str, Any] = {}
        for key in ("date", "description", "meta"):
            if settings.get(key) is not None:
                header[key] = settings[key]
        if settings.get("source") is not None:
            try:
                header["source"] = converter.structure(settings["source"], Source)
            except Exception as exc:  # reported with its place
                self.problem(f"argmap.source: {_first_line(exc)}", line)
        if self.problems:
            return None
        if settings.get("id") is not None:
            self.map_id = str(settings["id"])
        return out["parties"], out["actors"], out["issues"], header

    def point(self, node: _Node, fields: dict[str, Any], party_of: Mapping[str, str],
              issue_by_title: Mapping[str, str], by_title: Mapping[tuple[str, str], _Node],
              premise_of: Mapping[str, list[_Node]],
              relations_of: Mapping[int, list[tuple[_Node, _Node, str]]]) -> dict[str, Any]:
        pid = node.point_id
        attacks: list[str] = []
        supports: list[str] = []
        typed: dict[str, list[str]] = {"undercut": [], "contradiction": [], "entails": [],
                                       "contrary": []}
        contradicts = typed["contradiction"]
        for source, target, kind in relations_of.get(id(node), ()):
            if source is node:
                _add(supports if kind in ("support", "entails") else attacks, target.point_id)
                if kind in typed:
                    _add(typed[kind], target.point_id)
            elif target is node and kind == "contradiction":
                _add(attacks, source.point_id)
                _add(contradicts, source.point_id)
        argdown: dict[str, Any] = {"type": node.type} if node.type == "argument" else {}
        if node.title != pid:
            argdown["title"] = node.title
        if node.pcs is not None:
            pcs: list[dict[str, Any]] = []
            for item in node.pcs:
                if "inference" in item:
                    pcs.append(item)
                else:
                    member = by_title[("statement", item["title"])].point_id
                    pcs.append({"role": item["role"], "point": member})
            argdown["pcs"] = pcs
            _add(supports, pcs[-1]["point"])
        if node.type == "statement":
            for argument in premise_of.get(node.title, ()):
                _add(supports, argument.point_id)
        texts = node.texts
        if texts:
            text, markup, _ = texts[0]
            if _unescape(markup) != text:  # Markdown of its own, not mere escapes
                argdown["markup"] = markup
            more = [t for t, _, _ in texts[1:] if t != text]
            if more:
                argdown["texts"] = list(dict.fromkeys(more))
        else:
            text = node.title
            argdown["described"] = False
        tags = [t for t in node.tags if t not in self.tag_party]  # a party's tag is its party
        if tags:
            argdown["tags"] = tags
        data = {k: v for k, v in node.data.items() if k != "argmap"}
        if data:
            argdown["data"] = data
        for kind, key in (("undercut", "undercuts"), ("contradiction", "contradicts"),
                          ("contrary", "contrary"), ("entails", "entails")):
            if typed[kind]:
                argdown[key] = typed[kind]
        meta = dict(fields.get("meta") or {})
        if argdown:
            meta["argdown"] = argdown
        by = fields.get("by") or party_of[pid]
        return {
            "id": pid, "kind": fields.get("kind"), "by": by,
            "issue": issue_by_title.get(node.section) if node.section else None,
            "on_behalf_of": fields.get("on_behalf_of"),
            "attacks": attacks, "supports": supports, "agrees": list(fields.get("agrees") or ()),
            "restates": list(fields.get("restates") or ()),
            "answers": list(fields.get("answers") or ()),
            "revises": list(fields.get("revises") or ()),
            "text": fields.get("text") or text, "quote": fields.get("quote"),
            "condition": fields.get("condition"), "constructed": fields.get("constructed", False),
            "note": fields.get("note"), "meta": meta,
        }


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _plain(value: Any) -> Any:
    """Return YAML data as JSON-like data: dates become ISO text."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _only_marks(rest: str) -> bool:
    """Whether *rest* holds only tags and data (what may follow a bare reference)."""
    rest = re.sub(r"\{[^{}]*\}", "", rest)
    return not _TAG.sub("", rest).strip()


def _closing_brace(text: str, start: int) -> int:
    depth, i, quote = 0, start, ""
    while i < len(text):
        char = text[i]
        if quote:
            if (char == "\\" and quote == '"') or (char == quote == "'" and text[i + 1:i + 2] == "'"):
                i += 1  # an escaped character, or '' in single quotes
            elif char == quote:
                quote = ""
        elif char in "\"'" and text[i - 1] in "{[,: \t\n":
            quote = char
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return i if char == "}" else -1
        i += 1
    return -1


def _hide_escapes(text: str) -> tuple[str, list[str]]:
    """Replace escaped characters, and private-use ones already in the text, by placeholders.

    There is one placeholder per distinct character, so that no pattern sees them.
    """
    escaped: list[str] = []
    index: dict[str, int] = {}

    def hide(match: re.Match[str]) -> str:
        char = match[1] if match[1] is not None else match[2]
        if char not in index:
            if len(index) > _PLACEHOLDERS:
                raise ValueError("more different escaped characters than argmap can keep apart")
            index[char] = len(escaped)
            escaped.append(char)
        return chr(_PLACEHOLDER + index[char])

    return _HIDDEN.sub(hide, text), escaped


def _show_escapes(text: str, escaped: Sequence[str]) -> str:
    if not escaped:
        return text
    return "".join(
        escaped[ord(c) - _PLACEHOLDER] if _PLACEHOLDER <= ord(c) < _PLACEHOLDER + len(escaped)
        else c for c in text)


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def loads_argdown(
    text: str, *, file: str = "<string>", map_id: str | None = None,
    party_tags: Mapping[str, str] | Iterable[str] | None = None,
    party_key: str | None = None, default_party: str | None = None, **_: Any,
) -> ArgumentMap:
    """Return the map an Argdown document describes (the mapping is in the module's docs).

    Parameters
    ----------
    text : str
        The Argdown source.
    file : str
        The name problems are reported against.
    map_id : str, optional
        The map's id when the frontmatter gives none; by default the file's name.
    party_tags : list of str, or mapping of tag to party id, optional
        Tags that name a point's party; ``["pro", "con"]`` by default.
    party_key : str, optional
        The data key that names a point's party; ``party`` by default.
    default_party : str, optional
        The party of points that name none; ``author`` by default. This and the
        two above may also be set under ``argmap:`` in the frontmatter; what is
        given here wins.

    Raises
    ------
    FormatError
        Every problem at once, each with the file and line: a relation with
        nothing above it, an undercut of a statement, unreadable data, an
        unclosed comment.

    Warns
    -----
    ArgdownWarning
        For arguments and statements used but never given a text or a
        premise-conclusion structure, which Argdown accepts: each becomes a
        point with its title for a text.

    Examples
    --------
    >>> m = loads_argdown('''
    ... [Curfew]: A curfew keeps teenagers safe. #pro
    ...   - <Trust>: Curfews teach distrust, not safety. #con
    ...     - <Data>: Towns with curfews report fewer incidents. #pro
    ... ''')
    >>> [(p.id, p.kind.value, p.by) for p in m.points]
    [('Curfew', 'claim', 'pro'), ('Trust', 'objection', 'con'), ('Data', 'rebuttal', 'pro')]
    """
    reader = _Reader(text, file, party_tags, party_key, default_party)
    reader.parse()
    stem = re.sub(r"\.argdown$|\.ad$", "", file.rsplit("/", 1)[-1]) if file != "<string>" else ""
    amap = reader.build(map_id or slug(stem or "argdown")) if not reader.problems else None
    if reader.problems or amap is None:
        raise FormatError(sorted(reader.problems, key=lambda p: p.line or 0))
    for message in reader.warnings:
        warnings.warn(ArgdownWarning(f"{file}: {message}"), stacklevel=2)
    return amap


# --- writing ---------------------------------------------------------------------------------

_NEEDS_ESCAPE: Final = re.compile(r"([\\\[\]<>{}#@*_`]|/(?=[/*])|[.:](?=[^\s.:]{1,20}[.:]))")
#: What Argdown's own lexer takes for syntax in a text where argmap's reader is more lenient:
#: brackets and angle brackets (references, mentions), braces (data), emphasis marks, ``@``,
#: ``//`` and ``/*``, and ``.x.`` or ``:x:`` (Argdown's special characters and emoji shortcodes).
_STRICT: Final = re.compile(r"[\\\[\]<>{}*_@`]|/[/*]|[.:][^\s.:]{1,20}[.:]|===")
#: What Argdown reads in a text as the characters written: mentions, ``@[Title]`` and ``@<Title>``.
_ARGDOWN_SYNTAX: Final = re.compile(r"@\[[^\]\n]{1,1000}\]|@<[^>\n]{1,1000}>")
#: Three or more '=': Argdown's frontmatter fence, wherever it stands.
_RUN_OF_EQUALS: Final = re.compile(r"={3,}")


def _escape(text: str) -> str:
    text = _NEEDS_ESCAPE.sub(r"\\\1", text)
    return _RUN_OF_EQUALS.sub(lambda m: "\\=" * len(m[0]), text)


def _title(text: str) -> str:
    return re.sub(r"([\\\]>])", r"\\\1", text)


def dumps_argdown(amap: ArgumentMap) -> str:
    r"""Return *amap* as Argdown.

    Every point is written once, with its title (its id when it has no Argdown
    title of its own) and text; relations are written under whichever of their
    two points comes later, so nothing is referred to before it is defined;
    issues become headings, parties tags (declared in the frontmatter's
    ``argmap.party_tags``), and what Argdown has no syntax for goes in
    ``{argmap: {...}}`` data. Loading the result gives the same points,
    relations, parties and issues.

    Examples
    --------
    >>> m = loads_argdown("[A]: It rains. #pro\n  - [B]: It does not. #con\n")
    >>> print(dumps_argdown(m).split("===")[-1].strip())
    [A]: It rains. #pro
    <BLANKLINE>
    [B]: It does not. #con
      -> [A]
    """
    return _Writer(amap).write()


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        source_meta = amap.meta.get("argdown") or {}
        self.frontmatter = thaw(source_meta.get("frontmatter") or {})
        model = self.frontmatter.get("model")
        # a map read from Argdown keeps its tags in its texts unless its frontmatter said otherwise
        from_argdown = bool(source_meta) or any(
            "argdown" in p.meta or re.search(rf"(?<!\S)#{re.escape(amap.party_of(p))}\b", p.text)
            for p in amap.points)
        self.remove_tags = (isinstance(model, Mapping) and model.get("removeTagsFromText") is True
                            ) or not from_argdown
        if self.remove_tags:
            self.frontmatter.setdefault("model", {})
            if isinstance(self.frontmatter["model"], dict):
                self.frontmatter["model"]["removeTagsFromText"] = True
        tags = source_meta.get("party_tags")
        self.party_key = source_meta.get("party_key", "party")
        self.default_party = source_meta.get("default_party", DEFAULT_PARTY)
        self.write_tags = tags is not None or not from_argdown
        if tags is None:
            tags = {t: t for t in DEFAULT_PARTY_TAGS}
            if not from_argdown:
                tags = {party.id: party.id for party in amap.parties}
        self.party_tags = dict(tags)
        self.tag_of = {party: tag for tag, party in self.party_tags.items()}
        self.points = amap.points
        rows: list[dict[str, Any]] = [
            {"id": p.id, "kind": None, "attacks": p.attacks, "supports": p.supports,
             "agrees": p.agrees} for p in amap.points]
        derive_kinds(rows, {p.id: amap.party_of(p) for p in amap.points})
        self.derived: dict[str, str] = {r["id"]: r["kind"] for r in rows}

    def _ordered(self) -> list[Point]:
        """Return the points as written: those with no issue first, then each issue's together.

        Each issue is one heading, in the order of the map's issues, so that Argdown
        draws it as one group.
        """
        groups: dict[str | None, list[Point]] = {None: [], **{i.id: [] for i in self.amap.issues}}
        for point in self.amap.points:
            groups.setdefault(point.issue, []).append(point)
        return [point for group in groups.values() for point in group]

    def _argdown(self, point: Point) -> Mapping[str, Any]:
        meta: Mapping[str, Any] = point.meta.get("argdown") or {}
        return meta

    def ref(self, point_id: str) -> str:
        point = self.amap.point(point_id)
        title = _title(self._argdown(point).get("title", point.id))
        return f"<{title}>" if self._argdown(point).get("type") == "argument" else f"[{title}]"

    def pcs_edges(self) -> set[tuple[str, str]]:
        edges = set()
        for point in self.points:
            pcs = self._argdown(point).get("pcs")
            if not pcs:
                continue
            members = [item["point"] for item in pcs if "point" in item]
            for member in members[:-1]:
                edges.add((member, point.id))
            edges.add((point.id, members[-1]))
        return edges

    def write(self) -> str:
        amap = self.amap
        out: list[str] = ["==="]
        front = {k: v for k, v in self.frontmatter.items() if k not in ("title", "argmap")}
        head: dict[str, Any] = {**front}
        if "title" in self.frontmatter or amap.title != amap.id:
            head = {"title": amap.title, **head}
        settings = {k: v for k, v in unstructure(amap).items()
                    if k in ("id", "date", "description", "source", "parties", "actors", "issues")}
        meta = {k: v for k, v in thaw(amap.meta).items() if k != "argdown"}
        if meta:
            settings["meta"] = meta
        if self.write_tags:
            settings["party_tags"] = self.party_tags
        if self.party_key != "party":
            settings["party_key"] = self.party_key
        if self.default_party != DEFAULT_PARTY:
            settings["default_party"] = self.default_party
        head["argmap"] = settings
        front_yaml = yaml.dump(head, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                               default_flow_style=False).rstrip("\n")
        if "===" in front_yaml:  # Argdown ends the frontmatter at the first ===, wherever it is
            front_yaml = _quoted(head).replace("=", "\\u003d")
        out.append(front_yaml)
        out += ["===", ""]
        pcs_edges = self.pcs_edges()
        self.written_contradictions: dict[str, set[str]] = {}
        # each relation under the point it goes from, so that every point keeps the order of its targets
        under: dict[str, list[str]] = {p.id: [] for p in self.points}
        for point in self.points:
            argdown = self._argdown(point)
            contradicts = set(argdown.get("contradicts", ()))
            undercuts = set(argdown.get("undercuts", ()))
            for relation, target in point.relations():
                if relation.value == "agrees" or (point.id, target) in pcs_edges:
                    continue
                if target in contradicts:
                    if point.id not in self.written_contradictions.get(target, ()):
                        under[point.id].append(f"  >< {self.ref(target)}")
                        self.written_contradictions.setdefault(point.id, set()).add(target)
                    continue
                if relation.value == "attacks":
                    target_type = self._argdown(amap.point(target)).get("type")
                    kind = "_" if target in undercuts and target_type == "argument" else "-"
                else:
                    kind = "+"
                under[point.id].append(f"  {kind}> {self.ref(target)}")
        issue = None
        labels = [fold_whitespace(i.label) for i in amap.issues]
        for point in self._ordered():
            if point.issue is not None and point.issue != issue:
                issue = point.issue
                heading = amap.issue(issue)
                level = int((heading.meta.get("argdown") or {}).get("level", 1))
                label = fold_whitespace(heading.label)
                named = "" if labels.count(label) == 1 else " " + _flow({"argmap": {"issue": issue}})
                out += ["#" * max(1, min(level, 6)) + " " + _escape(label) + named, ""]
            definition = self.definition(point)
            out.append(definition[0])
            out += under[point.id]
            out += definition[1:]
            out.append("")
            if self._argdown(point).get("pcs"):  # right after its argument, as Argdown wants
                out += self.structure(point)
                out.append("")
        return "\n".join(out).rstrip("\n") + "\n"

    def probe(self, raw: str) -> tuple[str, list[str], bool]:
        """Return what the reader makes of *raw*: its plain text, its tags, and whether it reads cleanly."""
        reader = _Reader("", "<probe>", None, None, None)
        reader.remove_tags = self.remove_tags
        plain, _, tags, data = reader.text_parts(raw, 1)
        comment = any(m[3] or m[4] or m[5] for m in _COMMENT.finditer(raw))
        return plain, tags, not data and not reader.problems and not comment

    def body(self, text: str, markup: str | None, tags: Sequence[str], party: str,
             *, exact: bool = True) -> tuple[str, list[str]]:
        """Return the Argdown for a text, and the tags it carries itself.

        The markup (or the text) is written as it is when the reader would read
        back the same text, tags other than party tags that the point has, and
        party tags of its own party only; otherwise the text is escaped.
        """
        for raw in (markup, text):
            if raw is None or raw.endswith("\\"):  # a last backslash would escape what follows
                continue
            if raw is text and _STRICT.search(_TAG.sub("", _ARGDOWN_SYNTAX.sub("", raw))):
                continue  # Argdown would read syntax here, or refuse the file: escape it
            plain, found, clean = self.probe(raw)
            others = [t for t in found if t not in self.party_tags]
            if any(self.party_tags[t] != party for t in found if t in self.party_tags):
                continue
            if not exact:
                carried = set(others) <= set(tags)
            elif self.remove_tags:
                carried = list(tags[:len(others)]) == others
            else:
                carried = others == list(tags)
            if clean and plain == text and carried:
                return raw, found
        if not self.remove_tags:  # the text carries its tags: escape around them
            pieces, last, kept = [], 0, []
            for match in _TAG.finditer(text):
                name = match[1] or match[2]
                if name in tags or self.party_tags.get(name) == party:
                    pieces += [_escape(text[last:match.start()]), match[0]]
                    kept.append(name)
                    last = match.end()
            raw = "".join(pieces) + _escape(text[last:])
            plain, found, clean = self.probe(raw)
            if kept and clean and plain == text and found == kept:
                return raw, found
        return _escape(text), []

    def definition(self, point: Point) -> list[str]:
        argdown = self._argdown(point)
        amap = self.amap
        title = _title(argdown.get("title", point.id))
        opening = f"<{title}>" if argdown.get("type") == "argument" else f"[{title}]"
        party = amap.party_of(point)
        tags = list(argdown.get("tags", ()))
        described = argdown.get("described") is not False
        text = fold_whitespace(point.text)
        body, found = self.body(text, argdown.get("markup"), tags, party) if described else ("", [])
        fields: dict[str, Any] = {}
        if text != point.text:
            fields["text"] = point.text
        data = dict(thaw(argdown.get("data") or {}))
        written_tags = [t for t in tags if t not in found] if self.remove_tags else []
        speaker = amap.speaker_of(point)
        more = [self.body(t, None, tags, party, exact=False) for t in argdown.get("texts", ())]
        tagged = any(t in self.party_tags for t in found + [t for _, f in more for t in f])
        if speaker is not None:
            fields["by"] = speaker.id
        elif not tagged and party != self.default_party:
            tag = self.tag_of.get(party)
            if tag is not None and (self.remove_tags or not described):
                written_tags.append(tag)
            else:
                data[self.party_key] = party
        if point.kind.value != self.derived[point.id]:
            fields["kind"] = point.kind.value
        for name in ("on_behalf_of", "quote", "condition", "note"):
            if getattr(point, name) is not None:
                fields[name] = getattr(point, name)
        if point.constructed:
            fields["constructed"] = True
        for name in ("agrees", "restates", "answers", "revises"):
            if getattr(point, name):
                fields[name] = list(getattr(point, name))
        meta = {k: v for k, v in thaw(point.meta).items() if k != "argdown"}
        if meta:
            fields["meta"] = meta
        if fields:
            data["argmap"] = fields
        marks = "".join(f" {_tag(t)}" for t in written_tags)
        if data:
            marks += " " + _flow(data)
        lines = [f"{opening}: {body}{marks}" if described else f"{opening}{marks}"]
        for body_of_more, _ in more:
            lines += ["", f"{opening}: {body_of_more}"]
        return lines

    def structure(self, argument: Point) -> list[str]:
        lines: list[str] = []
        number = 0
        for item in self._argdown(argument)["pcs"]:
            if "inference" in item:
                inference = item["inference"]
                rules = ", ".join(inference.get("rules") or ())
                data = inference.get("data") or {}
                if rules or data:
                    written = f" {_flow(thaw(data))}" if data else ""
                    lines += ["--", f"{_escape(rules)}{written}".strip(), "--"]
                else:
                    lines.append("----")
            else:
                number += 1
                lines.append(f"({number}) {self.ref(item['point'])}")
        return lines


#: What YAML cannot hold unescaped in a quoted string: controls and line breaks JSON leaves alone.
_UNPRINTABLE: Final = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _flow(data: Mapping[str, Any]) -> str:
    """Return *data* as one line of YAML flow style, ``{party: us, argmap: {kind: proposal}}``."""
    text: str = yaml.dump(data, Dumper=_Dumper, default_flow_style=True, allow_unicode=True,
                          width=1_000_000, sort_keys=False).strip()
    if "\n" in text or "//" in text or "/*" in text or "<!--" in text or _braced(data):
        # quoted scalars with escapes keep line breaks on one line, and hide from Argdown
        # what it would take for a comment, or (braces) for the end of the data
        text = _quoted(data)
    return text


def _braced(value: Any) -> bool:
    """Whether a string in *value* holds a brace, which Argdown's data lexer takes for the end."""
    if isinstance(value, Mapping):
        return any(_braced(k) or _braced(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_braced(v) for v in value)
    return isinstance(value, str) and ("{" in value or "}" in value)


def _quoted(value: Any) -> str:
    """Return *value* in YAML flow style with every string double-quoted and escaped."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_quoted(str(k))}: {_quoted(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_quoted(v) for v in value) + "]"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False).replace("/", "\\/").replace("<", "\\u003c")
        text = text.replace("{", "\\u007b").replace("}", "\\u007d")
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    line: str = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, width=1_000_000)
    return line.removesuffix("\n...\n").strip()


def _tag(tag: str) -> str:
    return f"#{tag}" if re.fullmatch(r"[\w-]+", tag) else f"#({tag})"


def _plain_of(markup: str, remove_tags: bool) -> str:
    """Return the words of Argdown *markup*: emphasis, links and escapes undone, whitespace folded."""
    hidden, escaped = _hide_escapes(markup)
    if remove_tags:
        hidden = _TAG.sub("", hidden)
    hidden = _LINK.sub(r"\1", hidden)
    for pattern in _EMPHASIS:
        hidden = pattern.sub(r"\1", hidden)
    for written, char in _SPECIAL.items():
        hidden = hidden.replace(written, char)
    return fold_whitespace(_show_escapes(hidden, escaped))
