"""Party columns in the map's order: a layout by dot, mirrored where dot reversed them.

dot orders clusters to cross as few edges as it can, and no constraint it takes
(flat edges between anchors, ``ordering``, the order of declaration) holds its party
columns in place once they are clusters: of the bundled maps' diagrams, a third had the
Soviet column left of the American one. Every one of those had the columns exactly
reversed. So argmap lays the diagram out with dot, reads where the columns went, and
where their order is the reverse of the map's, mirrors the drawing left to right (the
issue headings stay at the left) and hands the laid-out diagram to ``neato -n2``,
which draws it as placed.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

__all__ = ["columns_in_order", "party_columns"]

#: A party column's cluster in argmap's DOT; the issue headings are ``cluster_issues``.
_CLUSTER: Final = re.compile(r'^\s*subgraph\s+"?cluster_([^"\s{]+)"?\s*\{', re.M)
#: The attributes that hold positions in laid-out DOT.
_POSITIONS: Final = ("pos", "bb", "lp")
#: An attribute given a value without quotes, such as ``width=4.0833``.
_ASSIGNED: Final = re.compile(r"(\w+)\s*=\s*([^\s,\]\"<]+)")
#: Points between a node's peripheries: dot reports a node's size with all of them, while
#: neato -n2 takes the size as the innermost's and adds the others again.
_PERIPHERY_GAP: Final = 4.0


def party_columns(source: str) -> list[str]:
    """Return the ids of the party columns of argmap's DOT *source*, in declaration order."""
    return [name for name in _CLUSTER.findall(source) if name != "issues"]


def _scan(laid: str) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str, str]]]:
    """Return where laid-out DOT holds positions, and where it holds unquoted values.

    Each is a list of (start, end, attribute, context): *start* and *end* span the value
    (between its quotes, for a position); *context* is what it belongs to: ``"graph
    NAME"`` for a subgraph's own attributes (``"graph "`` for the graph's), else the
    statement's head, a node's name or an edge. Quoted strings and HTML-like labels are
    skipped whole, so that text in a label is never read as a position or a size.
    """
    found: list[tuple[int, int, str, str]] = []
    plain: list[tuple[int, int, str, str]] = []  # unquoted values: width=4.08, peripheries=2
    in_block = False
    stack = [""]  # the names of the subgraphs around the current place
    boundary = 0  # where the current statement starts
    context = ""
    i, n = 0, len(laid)
    while i < n:
        c = laid[i]
        if c == '"':
            j = i + 1
            while j < n and laid[j] != '"':
                j += 2 if laid[j] == "\\" else 1
            name = re.search(r"(\w+)\s*=\s*$", laid[max(0, i - 12):i])
            if name and name.group(1) in _POSITIONS:
                found.append((i + 1, j, name.group(1), context))
            i = j + 1
            continue
        if c == "<":  # an HTML-like label: to its matching '>'
            depth, j = 0, i
            while j < n:
                depth += {"<": 1, ">": -1}.get(laid[j], 0)
                j += 1
                if depth == 0:
                    break
            i = j
            continue
        if in_block and (c.isalpha() or c == "_"):
            assigned = _ASSIGNED.match(laid, i)
            if assigned:
                plain.append((assigned.start(2), assigned.end(2), assigned.group(1), context))
                i = assigned.end(2)
                continue
            while i < n and (laid[i].isalnum() or laid[i] == "_"):
                i += 1
            continue
        if c == "{":
            opened = re.search(r'subgraph\s+("?)([^"\s{]+)\1\s*$', laid[boundary:i])
            stack.append(opened.group(2) if opened else stack[-1])
        elif c == "}":
            stack.pop()
        elif c == "[":
            head = laid[boundary:i].strip()
            context = f"graph {stack[-1]}" if head == "graph" else head
            in_block = True
        elif c == "]":
            in_block = False
        if c in "{};]":
            boundary = i + 1
        i += 1
    return found, plain


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _mirrored(value: str, low: float, high: float) -> str:
    """Return a position value (a point, a box or a spline) mirrored between *low* and *high*."""
    parts = []
    for token in value.replace("\\\n", "").split():  # Graphviz breaks long strings with a backslash
        prefix = ""
        if token[:2] in ("e,", "s,"):
            prefix, token = token[:2], token[2:]
        numbers = token.rstrip("!").split(",")
        if len(numbers) == 4:  # a box: llx, lly, urx, ury
            x0, x1 = float(numbers[0]), float(numbers[2])
            numbers = [_number(low + high - x1), numbers[1], _number(low + high - x0), numbers[3]]
        else:
            numbers[0] = _number(low + high - float(numbers[0]))
        parts.append(prefix + ",".join(numbers) + ("!" if token.endswith("!") else ""))
    return " ".join(parts)


def columns_in_order(laid: str, parties: list[str]) -> str | None:
    """Return laid-out DOT with the party columns in *parties*' order, or None if they are.

    *laid* is the output of ``dot -Tdot``. When each column is centred left of the one
    before it in *parties*, beside it (their heights overlap), the drawing is mirrored
    between the outer edges of the columns: everything but the graph's box and title and
    what lies beside the columns (the issue headings, and the key when it hangs under
    them). Columns in order, stacked one above another (as in a left-to-right layout), or
    shuffled in some other way (three parties or more) are left as dot drew them.
    """
    spots, plain = _scan(laid)
    boxes: dict[str, tuple[float, ...]] = {}
    for start, end, attribute, context in spots:
        if attribute == "bb" and context.startswith("graph cluster_"):
            box = laid[start:end].replace("\\\n", "")
            boxes[context[len("graph cluster_"):]] = tuple(map(float, box.split(",")))
    shown = [p for p in parties if p in boxes]
    if len(shown) < 2:
        return None

    def reversed_beside(a: str, b: str) -> bool:
        """*b* centred left of *a*, the two side by side (their heights overlap)."""
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
        return (bx0 + bx1) / 2 < (ax0 + ax1) / 2 - 1 and by0 < ay1 and ay0 < by1

    if not all(reversed_beside(a, b) for a, b in itertools.pairwise(shown)):
        return None  # in order, stacked one above another, or shuffled: left as drawn
    low = min(boxes[p][0] for p in shown)
    high = max(boxes[p][2] for p in shown)
    # the width and height of a node with several peripheries, as neato -n2 takes them
    peripheries = {context: int(laid[start:end]) for start, end, name, context in plain
                   if name == "peripheries" and laid[start:end].isdigit()}
    edits = [(start, end, _number(float(laid[start:end])
                                  - 2 * (peripheries[context] - 1) * _PERIPHERY_GAP / 72))
             for start, end, name, context in plain
             if name in ("width", "height") and peripheries.get(context, 1) > 1]
    for start, end, attribute, context in spots:
        if context in ("graph ", "graph cluster_issues"):
            continue  # the graph's box and title, and the issue headings' column, stay
        value = laid[start:end]
        if attribute == "pos" and "," in value and " " not in value.strip():
            x = float(value.replace("\\\n", "").split(",")[0])
            if not low <= x <= high:
                continue  # a node beside the columns (an issue heading, the key under them)
        edits.append((start, end, _mirrored(value, low, high)))
    pieces = []
    at = 0
    for start, end, value in sorted(edits):
        pieces += [laid[at:start], value]
        at = end
    pieces.append(laid[at:])
    return "".join(pieces)
