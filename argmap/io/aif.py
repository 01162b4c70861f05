"""AIF, the Argument Interchange Format: AIFdb JSON and the OVA3 / xAIF wrapping.

Reading (``loads_aif``):

- every I-node becomes a point, with the node's id (made a valid id if it is
  not one) and its text;
- ``I → CA → I`` becomes ``attacks``; ``I → RA → I`` becomes ``supports`` (the
  premises of one RA node each support its conclusion, and remember the RA);
- an **undercut**, ``I → CA → RA``, becomes an ``attacks`` edge to the RA's
  conclusion, the point whose support it attacks, with
  ``meta.aif.undercuts`` naming the RA node; writing AIF puts the CA back on the RA;
- ``MA`` (rephrase) and ``PA`` (preference) nodes have no argmap relation: they are
  kept in the source point's ``meta.aif.rephrases`` and ``meta.aif.prefers``;
- a speaker comes from the locution (``L → YA → I``): its person in
  ``locutions`` and ``participants``, or else the ``Speaker : text`` or
  ``Speaker says '...'`` of the L-node. Each speaker becomes an actor of a
  party of their own, unless *parties* maps speakers to parties; a point with no
  speaker is said by the party ``unattributed``;
- ``L → YA(Agreeing or Conceding) → I`` becomes ``agrees`` from the points that
  locution asserts;
- kinds are derived: a point that attacks only attacking points (not itself) is a
  rebuttal, one that attacks anything else an objection, one that agrees with another party's
  points a concession, one that supports its own party's points a reason, the rest
  claims;
- L, YA and TA nodes, and the S-nodes' schemes, are kept in the map's
  ``meta.aif`` and written back as they were.

Writing (``dumps_aif``) gives every point an I-node, an L-node and an Asserting
YA-node for its speaker, a CA node per attack, an RA node per supported point
(shared by the premises that came from one RA), and an Agreeing YA-node per
agreement; parties, issues and the fields AIF has no place for go in a side block
under the top-level key ``argmap``, which AIF tools ignore. argmap → AIF → argmap
gives back an equal map.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from argmap._util import thaw
from argmap.errors import FormatError, FormatWarning, Problem, ValidationError
from argmap.io._convert import describe
from argmap.io._shared import _ID, derive_kinds, slug, unique_id
from argmap.io.yaml_format import _located, _parse_json
from argmap.model import Actor, ArgumentMap, Issue, Party, Point, Source

__all__ = ["AIFWarning", "dumps_aif", "iter_aif", "loads_aif"]

NODE_TYPES: Final = ("I", "L", "RA", "CA", "MA", "PA", "YA", "TA")
_DIALOGUE: Final = ("L", "YA", "TA")
_AGREEING: Final = ("agreeing", "conceding", "agree", "concede", "accepting", "accept")
_SPEAKER_COLON: Final = re.compile(r"^\s*([^:]{1,80}?)\s*:\s")
_SPEAKER_SAYS: Final = re.compile(r"^\s*(\S.{0,80}?)\s+says\s+['\"‘“]")
UNATTRIBUTED: Final = "unattributed"


class AIFWarning(FormatWarning):
    """Something in an AIF file that argmap keeps only in ``meta``, or reads by a guess.

    .. versionadded:: 0.1
    """


class _Aside:
    """What a file holds that the map cannot: kept in ``meta.aif.kept`` and written back unchanged."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.edges: list[Any] = []
        self.ids: set[str] = set()
        self.reasons: dict[str, list[str]] = defaultdict(list)

    def node(self, node: Mapping[str, Any], reason: str, nid: str) -> None:
        self.nodes.append({k: v for k, v in node.items() if k != "_index"})
        self.ids.add(nid)
        self.reasons[reason].append(nid)

    def edge(self, edge: Mapping[str, Any], reason: str | None = None, name: str = "") -> None:
        self.edges.append(dict(edge))
        if reason is not None:
            self.reasons[reason].append(name)

    def keep(self, amap: ArgumentMap, nodes: Mapping[str, Mapping[str, Any]],
             edges: list[tuple[str, str, Mapping[str, Any]]]) -> ArgumentMap:
        """Return *amap* with what writing it back would not give kept aside, and warn once per kind."""
        document = _document(amap)
        written_nodes = {str(n["nodeID"]) for n in document["nodes"]}
        for nid, node in nodes.items():
            if nid not in written_nodes and nid not in self.ids:
                self.node(node, f"{node['type']}-node argmap cannot relate to its points", nid)
        written = Counter((str(e["fromID"]), str(e["toID"])) for e in document["edges"])
        for a, b, edge in edges:
            if written[a, b] > 0:
                written[a, b] -= 1
            elif a in self.ids or b in self.ids:
                self.edge(edge)
            else:
                self.edge(edge, "edge argmap cannot represent", f"{a}->{b}")
        for reason, names in self.reasons.items():
            shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            warnings.warn(AIFWarning(
                f"{reason} ({len(names)}: {shown}) kept aside in meta.aif.kept and written back "
                "unchanged"), stacklevel=5)
        if not self.nodes and not self.edges:
            return amap
        aif = dict(amap.meta.get("aif") or {})
        snodes = {k: v for k, v in (aif.get("snodes") or {}).items() if k not in self.ids}
        aif = {k: v for k, v in aif.items() if k != "snodes"} | ({"snodes": snodes} if snodes else {})
        aif["kept"] = {"nodes": self.nodes, "edges": self.edges}
        return attrs.evolve(amap, meta={**amap.meta, "aif": aif})


def _speaker_of_text(text: str) -> str | None:
    head = text.lstrip()[:200]  # a speaker's name opens the text: never scan further
    for pattern in (_SPEAKER_COLON, _SPEAKER_SAYS):
        match = pattern.match(head)
        if match:
            return match[1].strip()
    return None


class _Reader:
    def __init__(self, data: Any, parties: Mapping[str, str] | None) -> None:
        self.problems: list[Problem] = []
        self.party_map = dict(parties or {})
        self.root: tuple[str | int, ...] = ()
        if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
            self.root = ("AIF",)
            self.aif: Mapping[str, Any] = data["AIF"]
            self.outer: Mapping[str, Any] = data
        elif isinstance(data, Mapping):
            self.aif = self.outer = data
        else:
            self.aif = self.outer = {}
            self.problems.append(Problem(f"an AIF file is a JSON object with 'nodes' and 'edges', "
                                         f"not {describe(data)}"))
        self.aside = _Aside()
        self.side: Mapping[str, Any] = self._checked_side()
        if parties is not None:
            bad = [p for p in self.party_map.values() if not _ID.fullmatch(str(p))]
            if bad:
                raise ValidationError([Problem(
                    f"parties= maps speakers to party ids; {bad[0]!r} is not an id (letters, digits, "
                    "- _ .)")])

    def _checked_side(self) -> Mapping[str, Any]:
        """Return argmap's side block, its parts checked for the types argmap wrote there.

        Each part that is not what argmap writes is a problem with its path, so
        that the file's line and column can be given.
        """
        side = self._object(self.outer, "argmap", ())
        checked: dict[str, Any] = dict(side)
        if "map" in side:
            checked["map"] = self._checked_map(self._object(side, "map", ("argmap",)))
        for pid, saved in self._object(side, "points", ("argmap",)).items():
            self._check_side_point(str(pid), saved)
        return checked

    def _object(self, parent: Mapping[str, Any], key: str, at: tuple[str, ...]) -> Mapping[str, Any]:
        """Return ``parent[key]`` when it is an object; else report it (if given) and return ``{}``."""
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            name = ".".join((*at, key)) if at else f"the {key!r} block"
            self.problems.append(Problem(
                f"{name} must be an object{'' if at else ', as argmap writes it'}, not {describe(value)}",
                (*at, key)))
            return {}
        return value

    def _checked_map(self, side_map: Mapping[str, Any]) -> dict[str, Any]:
        from argmap.io._convert import structure_item
        from argmap.io.yaml_format import _header, _sections

        at = ("argmap", "map")
        checked: dict[str, Any] = dict(side_map)
        header, problems = _header(side_map)
        items, item_problems, _ = _sections(side_map)
        self.problems += [Problem(p.message, (*at, *p.path)) for p in [*problems, *item_problems]]
        checked.update(header)
        checked.update({key: [item for _, item in items[key]] for key in ("parties", "actors", "issues")})
        if side_map.get("source") is not None:
            source, source_problems = structure_item(side_map["source"], Source, (*at, "source"))
            self.problems += source_problems
            checked["source"] = source
        return checked

    def _check_side_point(self, pid: str, saved: Any) -> None:
        from argmap.io._convert import checked_point_fields

        at = ("argmap", "points", pid)
        if not isinstance(saved, Mapping):
            self.problems.append(Problem(f"each point's entry must be an object, not {describe(saved)}", at))
            return
        fields = {k: v for k, v in saved.items() if k not in ("id", "text")}
        self.problems += checked_point_fields(fields, at)[1]

    def at(self, *parts: str | int) -> tuple[str | int, ...]:
        return (*self.root, *parts)

    def list_of(self, key: str) -> list[Any]:
        value = self.aif.get(key, self.outer.get(key, []))
        if value is None:
            return []
        if not isinstance(value, list):
            problem = Problem(f"{key} must be a list, not {describe(value)}", self.at(key))
            if problem not in self.problems:  # asked for more than once, said once
                self.problems.append(problem)
            return []
        return value

    def read(self) -> ArgumentMap | None:
        nodes: dict[str, dict[str, Any]] = {}
        seen: set[str] = set()
        for i, node in enumerate(self.list_of("nodes")):
            if not isinstance(node, Mapping) or "nodeID" not in node:
                self.problems.append(Problem("each node needs a nodeID", self.at("nodes", i)))
                continue
            nid = str(node["nodeID"])
            if nid in seen:
                self.problems.append(Problem(f"duplicate nodeID {nid}", self.at("nodes", i, "nodeID")))
                continue
            seen.add(nid)
            kind = node.get("type")
            if kind not in NODE_TYPES:
                self.aside.node(node, f"node of a type AIF does not define ({kind!r})", nid)
            elif kind == "I" and not str(node.get("text") or "").strip():
                self.aside.node(node, "I-node without text", nid)
            else:
                nodes[nid] = {**node, "nodeID": nid, "_index": i}
        edges: list[tuple[str, str, Mapping[str, Any]]] = []
        for i, edge in enumerate(self.list_of("edges")):
            if not isinstance(edge, Mapping):
                self.problems.append(Problem("each edge must be an object", self.at("edges", i)))
                continue
            ends = (str(edge.get("fromID")), str(edge.get("toID")))
            if ends[0] in self.aside.ids or ends[1] in self.aside.ids:
                self.aside.edge(edge)
            elif ends[0] not in nodes or ends[1] not in nodes:
                missing = next(e for e in ends if e not in nodes)
                self.aside.edge(edge, "edge to a node the file does not hold", f"{missing}")
            else:
                edges.append((*ends, edge))
        if self.problems:
            return None
        return self.build(nodes, edges)

    def build(self, nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str, Mapping[str, Any]]]
              ) -> ArgumentMap | None:
        out: dict[str, list[str]] = defaultdict(list)
        into: dict[str, list[str]] = defaultdict(list)
        for a, b, _ in edges:
            out[a].append(b)
            into[b].append(a)
        side_points: Mapping[str, Any] = self.side.get("points") or {}
        taken: set[str] = set()
        point_id = {nid: unique_id(nid, taken) for nid, n in nodes.items() if n["type"] == "I"}
        order = sorted(point_id, key=lambda nid: nodes[nid]["_index"])
        is_i = point_id.__contains__

        # speakers: L -> YA -> I asserts; L -> YA(agreeing) -> I agrees
        persons = {str(p.get("participantID")): p for p in self.list_of("participants")
                   if isinstance(p, Mapping)}
        person_of = {str(loc.get("nodeID")): str(loc.get("personID")) for loc in
                     self.list_of("locutions") if isinstance(loc, Mapping)}
        speaker_of_l: dict[str, str] = {}
        for nid, n in nodes.items():
            if n["type"] != "L":
                continue
            person = persons.get(person_of.get(nid, ""))
            if person is not None:
                name = " ".join(str(person.get(k) or "") for k in ("firstname", "surname")).strip()
                speaker_of_l[nid] = name or str(person.get("participantID"))
            else:
                guessed = _speaker_of_text(str(n.get("text") or ""))
                if guessed:
                    speaker_of_l[nid] = guessed
        asserted_by: dict[str, str] = {}
        agreements: list[tuple[str, str]] = []  # (L node, agreed I node)
        for nid, n in nodes.items():
            if n["type"] != "YA":
                continue
            illocution = str(n.get("scheme") or n.get("text") or "").strip().lower()
            sources = [s for s in into[nid] if nodes[s]["type"] == "L"]
            for target in out[nid]:
                if not is_i(target):
                    continue
                for source in sources:
                    if illocution in _AGREEING:
                        agreements.append((source, target))
                    elif source in speaker_of_l and target not in asserted_by:
                        asserted_by[target] = speaker_of_l[source]
                    elif source in speaker_of_l and asserted_by[target] != speaker_of_l[source]:
                        warnings.warn(AIFWarning(
                            f"I-node {target} is asserted by {asserted_by[target]!r} and by "
                            f"{speaker_of_l[source]!r}; argmap keeps the first"), stacklevel=4)
        asserts_of_l: dict[str, list[str]] = defaultdict(list)
        for nid, n in nodes.items():
            if n["type"] == "YA":
                illocution = str(n.get("scheme") or n.get("text") or "").strip().lower()
                if illocution in _AGREEING:
                    continue
                for source in into[nid]:
                    asserts_of_l[source].extend(t for t in out[nid] if is_i(t))

        relations: dict[str, dict[str, list[str]]] = {
            nid: {"attacks": [], "supports": [], "agrees": []} for nid in point_id}
        extra: dict[str, dict[str, Any]] = defaultdict(dict)
        snodes: dict[str, dict[str, Any]] = {}
        for nid, n in nodes.items():
            kind = n["type"]
            if kind not in ("CA", "RA", "MA", "PA"):
                continue
            if ":" not in nid:  # argmap's own S-nodes are made again when written
                snodes[nid] = {k: v for k, v in n.items() if k not in ("nodeID", "_index")}
            premises = [p for p in into[nid] if is_i(p)]
            conclusions = out[nid]
            if not premises or not conclusions:
                snodes.pop(nid, None)
                self.aside.node(n, f"{kind}-node without a premise or a conclusion", nid)
                continue
            for target in conclusions:
                for premise in premises:
                    if kind in ("CA", "RA") and is_i(target):
                        rel = "attacks" if kind == "CA" else "supports"
                        if target not in relations[premise][rel]:
                            relations[premise][rel].append(target)
                        if nid != _sid(kind, point_id[premise], point_id[target]):
                            extra[premise].setdefault(f"{rel}_via", {})[point_id[target]] = nid
                    elif kind == "CA" and nodes[target]["type"] == "RA":
                        for conclusion in (c for c in out[target] if is_i(c)):
                            if conclusion not in relations[premise]["attacks"]:
                                relations[premise]["attacks"].append(conclusion)
                            extra[premise].setdefault("undercuts", {})[point_id[conclusion]] = {
                                "ca": nid, "ra": target}
                    elif kind in ("MA", "PA") and is_i(target):
                        key = "rephrases" if kind == "MA" else "prefers"
                        extra[premise].setdefault(key, {})[point_id[target]] = nid
                    # anything else (an S-node aimed at an L-node, say) is not written back by
                    # the writer, so the comparison after building keeps it aside
        for l_node, target in agreements:
            for source in asserts_of_l.get(l_node, []):
                if target not in relations[source]["agrees"]:  # itself too, as the model allows
                    relations[source]["agrees"].append(target)

        # parties and actors
        side_map: Mapping[str, Any] = self.side.get("map") or {}
        parties: list[Party] = list(side_map.get("parties", []))
        actors: list[Actor] = list(side_map.get("actors", []))
        issues: list[Issue] = list(side_map.get("issues", []))
        speakers = {p.id for p in parties} | {a.id for a in actors}
        by_name = {a.label: a.id for a in actors} | {p.label: p.id for p in parties}
        speaker_id: dict[str, str] = {}

        def speaker(name: str | None) -> str:
            if name is None:
                if UNATTRIBUTED not in speakers:
                    parties.append(Party(UNATTRIBUTED, name="Unattributed"))
                    speakers.add(UNATTRIBUTED)
                return UNATTRIBUTED
            if name in by_name:
                return by_name[name]
            if name not in speaker_id:
                actor = unique_id(slug(name), speakers)
                party = self.party_map.get(actor) or self.party_map.get(name)
                if party is None:
                    party = unique_id(f"{actor}-side", speakers)
                    parties.append(Party(party, name=name))
                elif party not in {p.id for p in parties}:
                    parties.append(Party(party))
                    speakers.add(party)
                actors.append(Actor(actor, name=name, party=party))
                speaker_id[name] = actor
            return speaker_id[name]

        points: list[dict[str, Any]] = []
        party_of_speaker: dict[str, str] = {a.id: a.party for a in actors}
        for nid in order:
            pid = point_id[nid]
            node = nodes[nid]
            saved = side_points.get(pid) or {}
            by = str(saved.get("by") or speaker(asserted_by.get(nid)))
            linked = {k: [point_id[t] for t in v] for k, v in relations[nid].items()}
            meta = dict(saved.get("meta") or {})
            aif_meta: dict[str, Any] = {"nodeID": nid} if nid != pid else {}
            aif_meta.update(extra.get(nid, {}))
            kept = {k: v for k, v in node.items() if k not in ("nodeID", "text", "type", "_index")}
            if kept:  # timestamps and the like, written back on the I-node
                aif_meta["node"] = kept
            if aif_meta:
                meta["aif"] = {**(meta.get("aif") or {}), **aif_meta}
            points.append({
                "id": pid, "by": by, "text": str(node["text"]), "kind": saved.get("kind"),
                "issue": saved.get("issue"), "quote": saved.get("quote"), "note": saved.get("note"),
                "on_behalf_of": saved.get("on_behalf_of"), "meta": meta, **linked,
                **{k: saved[k] for k in _SIDE_POINT_KEYS if k in saved},
            })
            party_of_speaker.setdefault(by, by)
        party_of = {p["id"]: party_of_speaker.get(p["by"], p["by"]) for p in points}
        derive_kinds(points, party_of)

        # the dialogue (L, YA, TA nodes) is kept as it was, but for argmap's own, made again
        dialogue_nodes = [{k: v for k, v in n.items() if k != "_index"} for n in nodes.values()
                          if n["type"] in _DIALOGUE and ":" not in n["nodeID"]]
        dialogue_ids = {n["nodeID"] for n in dialogue_nodes}
        dialogue = {
            "nodes": dialogue_nodes,
            "edges": [dict(e) for a, b, e in edges if a in dialogue_ids or b in dialogue_ids],
            "locutions": [x for x in self.list_of("locutions")
                          if isinstance(x, Mapping) and str(x.get("nodeID")) in dialogue_ids],
            "participants": self.list_of("participants") if dialogue_ids else [],
        }
        map_meta = dict(side_map.get("meta") or {})
        aif_block = {k: v for k, v in
                     (("snodes", snodes), *((k, v) for k, v in dialogue.items())) if v}
        if point_id and not any(n["type"] in _DIALOGUE for n in nodes.values()):
            aif_block["dialogue"] = False  # written back without locutions, as it came
        if aif_block:
            map_meta["aif"] = aif_block
        outer_title = self.outer.get("title")
        if not isinstance(outer_title, str) or not outer_title.strip():
            outer_title = None
        outer_id = self.outer.get("id")
        try:
            amap = ArgumentMap(
                str(side_map.get("id") or (slug(str(outer_id)) if outer_id else "aif")),
                str(side_map.get("title") or outer_title or "An AIF argument map"),
                date=side_map.get("date"), description=side_map.get("description"),
                source=side_map.get("source"),
                parties=parties or [Party(UNATTRIBUTED, name="Unattributed")],
                actors=actors, issues=issues,
                points=[Point(**{k: v for k, v in p.items() if v is not None}) for p in points],
                meta=map_meta,
            )
        except (TypeError, ValueError) as exc:
            if not isinstance(exc, ValidationError):
                self.problems.append(Problem(f"cannot build the map: {exc}"))
                return None
            index = {p["id"]: i for i, p in enumerate(points)}
            for problem in exc.problems:
                path = problem.path
                where = ""
                if len(path) > 1 and path[0] == "points" and isinstance(path[1], int):
                    bad = str(points[path[1]]["id"])
                    where = f"I-node {order[index[bad]]}: "
                self.problems.append(Problem(where + problem.message))
            return None
        return self.aside.keep(amap, nodes, edges)


def loads_aif(
    text: str, *, file: str = "<string>", parties: Mapping[str, str] | None = None,
) -> ArgumentMap:
    """Return the map in AIF JSON *text* (AIFdb, or OVA3 / xAIF with an ``AIF`` key).

    Parameters
    ----------
    text : str
    file : str
        The name problems are reported against.
    parties : mapping of str to str, optional
        Speaker (actor id or name) to party id; by default each speaker is a party.

    Raises
    ------
    FormatError
        For what AIF does not allow: dangling edges, duplicate node ids, unknown
        node types, I-nodes without text; each problem names the node or edge.

    Warns
    -----
    AIFWarning
        For what argmap keeps only in ``meta`` (an S-node without premise or
        conclusion, one aimed at a node argmap cannot relate), or reads by a guess.
    """
    data, locator, repeated = _parse_json(text, file)
    reader = _Reader(data, parties)
    amap = reader.read()
    if repeated or reader.problems or amap is None:
        raise FormatError(_located(reader.problems, file, locator) + repeated)
    return amap


# --- writing ---------------------------------------------------------------------------------


def _sid(kind: str, *parts: str) -> str:
    # ':' never occurs in argmap ids, so these cannot clash with a point's I-node
    return ":".join((kind, *parts))


def dumps_aif(amap: ArgumentMap) -> str:
    """Return *amap* as AIFdb JSON with participants, locutions and a side block.

    What the map kept aside when read from AIF (``meta.aif.kept``) is written back as it was.
    """
    return "".join(iter_aif(amap))


def iter_aif(amap: ArgumentMap) -> Iterator[str]:
    """Yield the text of :func:`dumps_aif` piece by piece: a node, an edge or a point at a time.

    Nothing of the document is held whole, so memory stays small however large
    the map (``argmap.save`` and ``argmap convert`` write AIF this way). Each node,
    edge, locution and point is one line.
    """
    def listed(items: Iterable[Any]) -> Iterator[str]:
        first = True
        for item in items:
            yield ("\n " if first else ",\n ") + json.dumps(item, ensure_ascii=False, default=str)
            first = False
        yield "]" if first else "\n]"

    def numbered(edges: Iterator[Any]) -> Iterator[Any]:
        for number, item in enumerate(edges, start=1):
            yield ({"edgeID": str(number), "fromID": item[0], "toID": item[1], "formEdgeID": None}
                   if isinstance(item, tuple) else item)

    yield '{"nodes": ['
    yield from listed(item for kind, item in _elements(amap) if kind == "node")
    yield ',\n"edges": ['
    yield from listed(numbered(item for kind, item in _elements(amap) if kind == "edge"))
    locutions, participants = _dialogue(amap)
    yield ',\n"locutions": ['
    yield from listed(locutions)
    yield ',\n"participants": ['
    yield from listed(participants)
    header, points = _side_block(amap)
    yield ',\n"argmap": ' + json.dumps(header, ensure_ascii=False, default=str)[:-1] + ', "points": {'
    first = True
    for pid, fields in points:
        yield ("\n " if first else ",\n ") + json.dumps(pid, ensure_ascii=False) + ": " \
            + json.dumps(fields, ensure_ascii=False, default=str)
        first = False
    yield "}}}\n"


def _document(amap: ArgumentMap) -> dict[str, list[Any]]:
    """Return the nodes and edges :func:`iter_aif` writes (an edge argmap makes as its two ends)."""
    nodes: list[Any] = []
    edges: list[Any] = []
    for kind, item in _elements(amap):
        if kind == "node":
            nodes.append(item)
        else:
            edges.append({"fromID": item[0], "toID": item[1]} if isinstance(item, tuple) else item)
    return {"nodes": nodes, "edges": edges}


def _elements(amap: ArgumentMap) -> Iterator[tuple[str, Any]]:
    """Yield ("node", node) and ("edge", (from, to) or a kept edge) in the order they are written.

    Only S-nodes argmap did not name itself (kept from a file read as AIF) can
    recur, so only they and their edges are remembered; the rest is yielded as it
    comes.
    """
    aif_meta = amap.meta.get("aif") or {}
    snodes: Mapping[str, Any] = aif_meta.get("snodes") or {}
    kept_dialogue = bool(aif_meta.get("nodes"))
    # a file that came without locutions goes back without them, unless a point agrees (an
    # agreement is a locution in AIF)
    no_dialogue = aif_meta.get("dialogue") is False
    names = {a.id: a.label for a in amap.actors} | {p.id: p.label for p in amap.parties}
    seen_edges: set[tuple[str, str]] = set()  # edges of named S-nodes, which may recur
    made: set[str] = set()  # named S-nodes already written

    def snode(sid: str, kind: str, named: bool) -> Iterator[tuple[str, Any]]:
        if named:
            if sid in made:
                return
            made.add(sid)
        yield "node", {"nodeID": sid, "type": kind, **_snode(snodes, sid, kind)}

    def edge(a: str, b: str, named: bool = False) -> Iterator[tuple[str, Any]]:
        if named:  # a named S-node with two conclusions is reached twice
            if (a, b) in seen_edges:
                return
            seen_edges.add((a, b))
        yield "edge", (a, b)

    node_of = {p.id: str((p.meta.get("aif") or {}).get("nodeID") or p.id) for p in amap.points}
    for point in amap.points:
        yield "node", {"nodeID": node_of[point.id], "text": point.text, "type": "I",
                       **thaw((point.meta.get("aif") or {}).get("node") or {})}
        if not kept_dialogue and (not no_dialogue or point.agrees):
            loc, ya = _sid("L", point.id), _sid("YA", point.id)
            yield "node", {"nodeID": loc, "text": f"{names[point.by]} : {point.text}", "type": "L"}
            yield "node", {"nodeID": ya, "text": "Asserting", "type": "YA", "scheme": "Asserting"}
            yield from edge(loc, ya)
            yield from edge(ya, node_of[point.id])
    for point in amap.points:
        meta = point.meta.get("aif") or {}
        undercuts = meta.get("undercuts") or {}
        for rel, kind in (("attacks", "CA"), ("supports", "RA")):
            via = meta.get(f"{rel}_via") or {}
            for target in point.targets(rel):
                if rel == "attacks" and target in undercuts:
                    ca, ra = str(undercuts[target]["ca"]), str(undercuts[target]["ra"])
                    yield from snode(ra, "RA", True)
                    yield from edge(ra, node_of[target], True)
                    yield from snode(ca, "CA", True)
                    yield from edge(ca, ra, True)
                    yield from edge(node_of[point.id], ca, True)
                    continue
                named = target in via
                sid = str(via[target]) if named else _sid(kind, point.id, target)
                yield from snode(sid, kind, named)
                yield from edge(sid, node_of[target], named)
                yield from edge(node_of[point.id], sid, named)
        for key, kind in (("rephrases", "MA"), ("prefers", "PA")):
            for target, sid in (meta.get(key) or {}).items():
                if target in node_of:
                    yield from snode(sid, kind, True)
                    yield from edge(sid, node_of[target], True)
                    yield from edge(node_of[point.id], sid, True)
        if not kept_dialogue:
            for target in point.agrees:
                ya = _sid("YA", "agrees", point.id, target)
                yield "node", {"nodeID": ya, "text": "Agreeing", "type": "YA", "scheme": "Agreeing"}
                yield from edge(_sid("L", point.id), ya)
                yield from edge(ya, node_of[target])
    if kept_dialogue:
        for item in thaw(aif_meta["nodes"]):
            yield "node", item
        for item in thaw(aif_meta.get("edges") or []):
            yield "edge", item
    kept = aif_meta.get("kept") or {}
    for item in thaw(kept.get("nodes") or []):
        yield "node", item
    for item in thaw(kept.get("edges") or []):
        yield "edge", item


def _dialogue(amap: ArgumentMap) -> tuple[Iterator[dict[str, Any]], list[dict[str, Any]]]:
    """Return the locutions (lazily) and the participants the document lists."""
    aif_meta = amap.meta.get("aif") or {}
    if aif_meta.get("nodes"):  # the dialogue kept from the file read
        participants = {str(p.get("participantID")): p
                        for p in thaw(aif_meta.get("participants") or [])}
        return iter(thaw(aif_meta.get("locutions") or [])), list(participants.values())
    no_dialogue = aif_meta.get("dialogue") is False
    names = {a.id: a.label for a in amap.actors} | {p.id: p.label for p in amap.parties}
    speakers = {p.by: {"participantID": p.by, "firstname": "", "surname": names[p.by]}
                for p in amap.points if not no_dialogue or p.agrees}
    return ({"nodeID": _sid("L", p.id), "personID": p.by}
            for p in amap.points if not no_dialogue or p.agrees), list(speakers.values())


def _snode(snodes: Mapping[str, Any], sid: str, kind: str) -> dict[str, Any]:
    kept = dict(thaw(snodes.get(sid) or {}))
    kept.pop("type", None)
    text = kept.pop("text", "Default Conflict" if kind == "CA" else "Default Inference"
                    if kind == "RA" else kind)
    return {"text": text, **kept}


#: Point fields AIF has no place for, read back from argmap's side block as they were written.
_SIDE_POINT_KEYS: Final = ("restates", "answers", "revises", "condition", "constructed")


def _side_block(amap: ArgumentMap) -> tuple[dict[str, Any], Iterator[tuple[str, dict[str, Any]]]]:
    """Return the side block's header and, lazily, each point's fields AIF has no place for."""
    from argmap.io._convert import SECTIONS, TOP_KEYS, converter

    data: dict[str, Any] = {}
    for key in TOP_KEYS[1:]:
        value = getattr(amap, key)
        if key == "points" or value is None or (not value and key != "parties"):
            continue
        data[key] = ([converter.unstructure(item) for item in value] if key in SECTIONS
                     else converter.unstructure(value))
    meta = dict(data.pop("meta", {}) or {})
    meta.pop("aif", None)
    if meta:
        data["meta"] = meta

    def points() -> Iterator[tuple[str, dict[str, Any]]]:
        for point in amap.points:
            fields = converter.unstructure(point)
            pid = fields.pop("id")
            for key in ("text", "attacks", "supports", "agrees"):
                fields.pop(key, None)
            pmeta = dict(fields.get("meta") or {})
            pmeta.pop("aif", None)
            if pmeta:
                fields["meta"] = pmeta
            else:
                fields.pop("meta", None)
            yield pid, fields

    return {"format": 1, "map": data}, points()
