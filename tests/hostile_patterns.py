"""The inputs found quadratic (the hostile-input review's M3, and since), by the size wanted in characters.

Shared by tests/test_hostile_round2.py, which checks what each is read as, and
benchmarks/hostile.py, which measures how its time grows.
"""

from __future__ import annotations

import json
from collections.abc import Callable


def aif_blank_speaker(size: int) -> str:
    """An AIF locution whose text is *size* spaces (the speaker pattern scanned it per start)."""
    return json.dumps({
        "nodes": [{"nodeID": "1", "type": "I", "text": "a"},
                  {"nodeID": "2", "type": "L", "text": " " * size},
                  {"nodeID": "3", "type": "YA", "text": "Asserting"}],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}]})


def json_unknown_references(size: int) -> str:
    """A format-1 map whose every point attacks a point that is not there, each a different name.

    Each unknown name was compared with every point's id for a "did you mean": 20,000 such
    points took seven minutes.
    """
    return json.dumps({"argmap": 1, "id": "m", "title": "T", "parties": [{"id": "a"}], "points": [
        {"id": f"p{i}", "kind": "objection", "by": "a", "text": "x", "attacks": [f"q{i}"]}
        for i in range(size // 80)]})


#: name: (format, the input of about that many characters)
ONCE_QUADRATIC: dict[str, tuple[str, Callable[[int], str]]] = {
    "aif-speaker": ("aif", aif_blank_speaker),
    "argdown-comments": ("argdown", lambda n: "<!--\n" * (n // 5)),
    "argdown-c-comments": ("argdown", lambda n: "/*\n" * (n // 3)),
    "argdown-emphasis": ("argdown", lambda n: "[A]: " + "*a " * (n // 3)),
    "argdown-underscore": ("argdown", lambda n: "[A]: " + "_a " * (n // 3)),
    "argdown-brackets": ("argdown", lambda n: "[A]: x " + "[a " * (n // 3)),
    "json-unknown-references": ("json", json_unknown_references),
}
