"""The bundled 1962 maps: valid, faithful to their sources, and complete."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import argmap
from argmap._util import fold_whitespace

DATA = Path(argmap.datasets.data_dir())
SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"

# Sentences of the documents that no point quotes, each with the reason. Everything else in
# a document must be quoted by some point of its map.
LEFT_OUT: dict[str, dict[str, str]] = {
    "1962-11-29-new-york": {
        "The Cuban Missile Crisis": "page heading of the transcription",
        "Telegram From the Department of State to the Embassy in the Soviet Union": "heading",
        "Washington, November 30, 1962, 6 p.m.": "dateline",
        "1180.": "telegram number",
        "Eyes only for Ambassador.": "routing",
        "Following is summary of meeting yesterday Stevenson, McCloy and Yost with Mikoyan, "
        "Zorin, Kuznetsov and Mendelevich:": "introduces the summary; the people are the actors",
        "Raised several objections to US draft declaration.":
            "announces the objections that follow, each coded as its own point",
        "Agreed meet again Friday.": "arranges the next meeting; no argument",
        "1 See Document 95.": "editor's footnote",
        "Back": "link text of the transcription",
        "Source: Department of State, Presidential Correspondence: Lot 77 D 163.": "source note",
        "Top Secret.": "source note",
        "The source text is a copy from Moscow and contains no drafting information.": "source note",
        "127 Wall Street, New Haven, CT 06511.": "page footer of the transcription",
    },
    "1962-10-30-moscow": {
        "Logo": "link text of the transcription",
        "The Cuban Missile Crisis": "page heading of the transcription",
        "Telegram From the Embassy in the Soviet Union to the Department of State": "heading",
        "115.": "FRUS document number",
        "Moscow, October 30, 1962, 6 p.m.": "dateline",
        "1139.": "telegram number",
        "Policy.": "caption",
        "Gromyko said he did not want to enter upon substantive discussion this matter now, just "
        "wanted to mention it in passing.": "frames the exchange; no argument",
        "Kohler": "signature",
        "Source: Department of State, Central Files, 611.3722/10-3062.": "source note",
        "Secret; Niact.": "source note",
        "Repeated to USUN.": "source note",
        "Received in the Department of State at 12:15 p.m.": "source note",
        "127 Wall Street, New Haven, CT 06511.": "page footer of the transcription",
    },
    "1962-10-31-new-york": {
        "The Cuban Missile Crisis": "page heading of the transcription",
        "Telegram From the Mission to the United Nations to the Department of State": "heading",
        "New York, October 31, 1962, 10 p.m.": "dateline",
        "1579.": "telegram number",
        "For Secretary from McCloy.": "routing",
        "Department pass White House.": "routing",
        "Immediately after I received from you President's instructions, Akalovsky at my request "
        "informed Kuznetsov along following lines:": "introduces the message; its speakers are the actors",
        "1.": "paragraph number",
        "2.": "paragraph number",
        "Source: Department of State, Central Files, 611.3722/10-3162.": "source note",
        "Confidential; Eyes Only.": "source note",
        "Received in the Department of State at 10:59 p.m.": "source note",
        "127 Wall Street, New Haven, CT 06511.": "page footer of the transcription",
    },
}

# The paragraphs of telegram 1180 that carry the meeting (the four after the routing line).
BODY_1180 = ("Mikoyan said", "Stevenson replied", "McCloy urged", "Meeting concluded")

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"“])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph after '.', '?' or '!' before a capital, digit or quote."""
    return [s for s in _SENTENCE_END.split(fold_whitespace(paragraph)) if s]


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs: in these transcriptions, each non-empty line is one."""
    return [fold_whitespace(line) for line in text.splitlines() if line.strip()]


def quoted_by(amap: argmap.ArgumentMap, sentence: str) -> list[str]:
    return [p.id for p in amap.points if p.quote and fold_whitespace(p.quote) in sentence]


@pytest.fixture(scope="module", params=sorted(LEFT_OUT))
def bundled(request: pytest.FixtureRequest) -> tuple[argmap.ArgumentMap, str]:
    amap = argmap.datasets.load(request.param)
    assert amap.source is not None
    assert amap.source.file is not None
    return amap, (DATA / amap.source.file).read_text(encoding="utf-8")


def test_every_sentence_is_quoted_or_left_out_for_a_stated_reason(
    bundled: tuple[argmap.ArgumentMap, str],
) -> None:
    amap, text = bundled
    left_out = LEFT_OUT[amap.id]
    uncovered = [s for p in paragraphs(text) for s in sentences(p)
                 if s not in left_out and not quoted_by(amap, s)]
    assert uncovered == []
    every = {s for p in paragraphs(text) for s in sentences(p)}
    assert set(left_out) <= every, "a left-out sentence is not in the document"
    assert not [s for s in left_out if quoted_by(amap, s)], "a left-out sentence is quoted"


def test_telegram_1180_body_coverage_is_at_least_90_percent() -> None:
    amap = argmap.datasets.load("1962-11-29-new-york")
    assert amap.source is not None
    assert amap.source.file is not None
    text = (DATA / amap.source.file).read_text(encoding="utf-8")
    body = [s for p in paragraphs(text) if p.startswith(BODY_1180) for s in sentences(p)]
    covered = [s for s in body if quoted_by(amap, s)]
    assert len(body) == 28
    assert len(covered) == 26
    assert len(covered) / len(body) >= 0.9


def test_every_quote_is_in_the_document_body(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    amap, text = bundled
    body = [s for p in paragraphs(text) for s in sentences(p) if s not in LEFT_OUT[amap.id]]
    for point in amap.points:
        assert point.quote is not None, f"{point.id} has no quote"
        assert any(fold_whitespace(point.quote) in s for s in body), point.id


def test_sources_are_kept_byte_for_byte() -> None:
    sums = dict(line.split()[::-1] for line in (DATA / "sources" / "SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        data = (DATA / "sources" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
        if SHARED_SOURCES.is_dir():  # beside a checkout, as in CI: the shared originals
            assert data == (SHARED_SOURCES / name).read_bytes(), name


def test_each_map_cites_its_document(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    amap, _ = bundled
    source = amap.source
    assert source is not None
    assert source.series is not None
    assert re.search(r"Volume XI, .*Document \d+$", source.series)
    assert source.citation
    assert source.citation.startswith("Department of State")
    assert source.classification
    assert source.date is not None


def test_the_maps_share_ids_for_the_same_things() -> None:
    maps = [argmap.datasets.load(n) for n in argmap.datasets.names()]
    for attr, label in (("parties", "name"), ("actors", "name"), ("issues", "title")):
        seen: dict[str, str] = {}
        for m in maps:
            for item in getattr(m, attr):
                value = getattr(item, label)
                assert seen.setdefault(item.id, value) == value, (attr, item.id)
    ids = [set(p.id for p in m.parties) for m in maps]
    assert ids[0] == ids[1] == ids[2] == {"us", "ussr", "cuba"}
    issues = [{i.id for i in m.issues} for m in maps]
    assert {"settlement-form", "invasion", "conclude-quickly"} <= issues[0] & issues[2]
    assert "inspection" in issues[1] & issues[2]


def test_telegram_1180_names_its_people_and_issues() -> None:
    m = argmap.datasets.load("1962-11-29-new-york")
    assert {a.id for a in m.actors} == {"stevenson", "mccloy", "yost", "mikoyan", "zorin",
                                        "kuznetsov", "mendelevich", "castro"}
    assert [i.id for i in m.issues] == [
        "settlement-form", "invasion", "subversion", "inspection", "guantanamo",
        "normalization", "other-republics", "cuba-part", "conclude-quickly"]
    voiced = [p.id for p in m.points if p.on_behalf_of == "cuba"]
    assert voiced == ["castro-stop-subversion", "mikoyan-cuba-right-of-inspection",
                      "castro-negotiate-guantanamo"]
