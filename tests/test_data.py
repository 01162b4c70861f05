"""The bundled 1962 maps: valid, faithful to their sources, and complete."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import argmap
from argmap._util import body_lines, fold_whitespace, without_footnote_markers

DATA = Path(argmap.datasets.data_dir())
SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"

# Sentences of each document's body (the source's `body` lines, split by argmap.coverage) that no
# point quotes, each with the reason. Every other sentence of a body must be quoted by some point
# of its map. What lies outside the body (the transcription's headings, FRUS editorial notes, page
# footer) is not the document and is checked separately below. A paragraph's number or letter
# ("1.", "A.") is part of its first sentence.
LEFT_OUT: dict[str, dict[str, str]] = {
    "1962-11-28-new-york": {
        "1180.": "telegram number",
        "Eyes only for Ambassador.": "routing",
        "Following is summary of meeting yesterday Stevenson, McCloy and Yost with Mikoyan, "
        "Zorin, Kuznetsov and Mendelevich:": "introduces the summary; the people are the actors, "
        "the date is in the map's header",
        "Raised several objections to US draft declaration.":
            "announces the objections that follow, each coded as its own point",
    },
    "1962-10-30-moscow": {
        "1139.": "telegram number",
        "Policy.": "caption",
        "Gromyko said he did not want to enter upon substantive discussion this matter now, just "
        "wanted to mention it in passing.": "frames the demarche; in the map's description and a note",
        "Kohler": "signature",
    },
    "1962-10-31-new-york": {
        "1579.": "telegram number",
        "For Secretary from McCloy.": "routing",
        "Department pass White House.": "routing",
        "Immediately after I received from you President's instructions, Akalovsky at my request "
        "informed Kuznetsov along following lines:": "introduces the message; makes McCloy its speaker",
    },
    "1962-11-01-new-york": {
        "1604.": "telegram number",
        "Eyes only for the Secretary.": "routing",
        "McCloy, Stevenson and Akalovsky met with Mikoyan, Kuznetsov, Zorin, Dobrynin, Menshikov "
        "and Zhukov from 7 to 11 pm Thursday(1) night.": "introduces the meeting; the date is in the header",
        "This seemed to bother Mikoyan considerably, but after some further discussion he dropped "
        "the matter.": "the reporter's observation; dropping a demand for the evening is no concession",
    },
    "1962-11-05-new-york": {
        "1642.": "telegram number",
        "Dept pass White House.": "routing",
        "Eyes only for Secretary.": "routing",
        "Cuba.": "caption",
        "Stevenson and McCloy had a three-and-a-half hour meeting with Kuznetsov, Zorin, and "
        "Mendelevich today.": "introduces the meeting",
        "Following summary based on uncleared memcon.": "the chain of reporting, in source.relays",
        "Kuznetsov, frequently drawing upon prepared text, stated following:":
            "introduces the statements that follow",
    },
    "1962-11-24-new-york": {
        "1941.": "telegram number",
        "Dept pass White House.": "routing",
        "Eyes only for the Secretary.": "routing",
        "Cuba--Meeting McCloy/Kuznetsov, Sat 24 Nov 62.": "caption",
        "Long session with Kuznetsov and Mendelevich this evening.": "introduces the meeting",
        "No one else present.": "introduces the meeting",
        "Dinner at McCloy's New York apartment.": "introduces the meeting",
        "First read and then delivered him our draft.": "an action; the draft is coded as McCloy's proposal",
        "Believe may hear again on this after Mikoyan arrives but believe it only matter of record.":
            "the reporter's assessment for Washington, not said in the meeting",
    },
}

# Text that is in the transcriptions but not in the documents: it must lie outside every body.
NOT_THE_DOCUMENT = ("Logo", "The Cuban Missile Crisis", "Back", "127 Wall Street", "Source:",
                    "See Document", "Telegram From the")

# The paragraphs of telegram 1180 that carry the meeting (the four after the routing line).
BODY_1180 = ("Mikoyan said", "Stevenson replied", "McCloy urged", "Meeting concluded")

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"“])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph after '.', '?' or '!' before a capital, digit or quote."""
    return [s for s in _SENTENCE_END.split(fold_whitespace(paragraph)) if s]


def body_paragraphs(amap: argmap.ArgumentMap, text: str) -> list[str]:
    """Return the paragraphs of the document's body: in these transcriptions, each non-empty line."""
    assert amap.source is not None
    return [fold_whitespace(line) for _, line in body_lines(text, amap.source.body) if line.strip()]


def quoted_by(amap: argmap.ArgumentMap, sentence: str) -> list[str]:
    bare = without_footnote_markers(sentence)
    return [p.id for p in amap.points
            if p.quote and (fold_whitespace(p.quote) in sentence or fold_whitespace(p.quote) in bare)]


@pytest.fixture(scope="module", params=sorted(LEFT_OUT))
def bundled(request: pytest.FixtureRequest) -> tuple[argmap.ArgumentMap, str]:
    amap = argmap.datasets.load(request.param)
    assert amap.source is not None
    assert amap.source.file is not None
    return amap, (DATA / amap.source.file).read_text(encoding="utf-8")


def test_every_map_is_checked_here() -> None:
    assert sorted(LEFT_OUT) == argmap.datasets.names()


def test_every_sentence_of_the_body_is_quoted_or_left_out_for_a_stated_reason(
    bundled: tuple[argmap.ArgumentMap, str],
) -> None:
    amap, _ = bundled
    report = argmap.coverage(amap)
    assert [s.text for s in report.uncovered] == list(LEFT_OUT[amap.id])
    assert report.without_quote == ()


def test_coverage_agrees_with_a_plain_sentence_split(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    """An independent check of argmap.coverage: split at '. ' before a capital, look each quote up."""
    amap, text = bundled
    plain = [s for p in body_paragraphs(amap, text) for s in sentences(p)]
    report = argmap.coverage(amap)
    found = {without_footnote_markers(s.text): s.covered for s in report}
    assert " ".join(found) == without_footnote_markers(" ".join(plain)), "both split the same text"
    for sentence in map(without_footnote_markers, plain):
        # where the splits differ, pysbd parts more finely ("etc.(1) Nothing") or keeps a
        # paragraph's number with its sentence ("1. In absence")
        holders = [t for t in found if sentence in t or t in sentence]
        assert holders, sentence
        if quoted_by(amap, sentence):
            assert any(found[t] for t in holders), sentence


def test_the_body_holds_the_document_only(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    amap, text = bundled
    assert amap.source is not None
    assert amap.source.body, "each bundled source declares its body lines"
    body = " ".join(body_paragraphs(amap, text))
    assert [chrome for chrome in NOT_THE_DOCUMENT if chrome in body] == []
    outside = [line for n, line in enumerate(text.splitlines(), 1)
               if line.strip() and not amap.source.in_body(n)]
    assert outside, "the transcription's headings lie outside the body"


def test_excerpts_say_so() -> None:
    excerpts = {n for n in argmap.datasets.names()
                if (s := argmap.datasets.load(n).source) is not None and s.excerpt}
    assert excerpts == {"1962-11-01-new-york", "1962-11-05-new-york", "1962-11-24-new-york"}


def test_telegram_1180_body_coverage_is_at_least_90_percent() -> None:
    amap = argmap.datasets.load("1962-11-28-new-york")
    assert amap.source is not None
    assert amap.source.file is not None
    text = (DATA / amap.source.file).read_text(encoding="utf-8")
    body = [s for p in body_paragraphs(amap, text) if p.startswith(BODY_1180) for s in sentences(p)]
    covered = [s for s in body if quoted_by(amap, s)]
    assert len(body) == 28
    assert len(covered) == 27
    assert len(covered) / len(body) >= 0.9
    # argmap coverage reports the same: the four paragraphs are lines 9-15 of the source
    report = argmap.coverage(amap)
    meeting = [s for s in report if s.first_line >= 9]
    assert (len(meeting), sum(s.covered for s in meeting)) == (28, 27)
    assert (len(report), len(report) - len(report.uncovered)) == (31, 27)


def test_every_quote_is_in_one_sentence_of_the_body(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    amap, text = bundled
    body = [s for p in body_paragraphs(amap, text) for s in sentences(p) if s not in LEFT_OUT[amap.id]]
    for point in amap.points:
        assert point.quote is not None, f"{point.id} has no quote"
        assert [s for s in body if point.id in quoted_by(amap, s)], point.id


def test_sources_are_kept_byte_for_byte() -> None:
    sums = dict(line.split()[::-1] for line in (DATA / "sources" / "SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        data = (DATA / "sources" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
        if (SHARED_SOURCES / name).is_file():  # beside a checkout, as in CI: the shared originals
            assert data == (SHARED_SOURCES / name).read_bytes(), name


def test_each_map_cites_its_document(bundled: tuple[argmap.ArgumentMap, str]) -> None:
    amap, _ = bundled
    source = amap.source
    assert source is not None
    assert source.series is not None
    assert re.search(r"Volume XI, .*Keefer.*1996\), Document \d+$", fold_whitespace(source.series))
    assert source.url is not None
    assert source.url.startswith("http://avalon.law.yale.edu/20th_century/msc_cuba")
    assert source.date is not None
    assert source.meta["sent"]
    if source.excerpt is None:  # the whole document: its archival citation and classification
        assert source.citation
        assert source.citation.startswith("Department of State")
        assert source.classification in ("Top Secret", "Secret", "Confidential")
    else:  # the source note was not retrieved: nothing is claimed that was not seen
        assert source.citation is None
        assert source.classification is None


def test_the_maps_share_ids_for_the_same_things() -> None:
    maps = [argmap.datasets.load(n) for n in argmap.datasets.names()]
    for attr, label in (("parties", "name"), ("actors", "name"), ("issues", "title")):
        seen: dict[str, str] = {}
        for m in maps:
            for item in getattr(m, attr):
                value = getattr(item, label)
                assert seen.setdefault(item.id, value) == value, (attr, item.id)
    assert all({p.id for p in m.parties} == {"us", "ussr", "cuba"} for m in maps)
    issues = {m.id: {i.id for i in m.issues} for m in maps}
    assert {"settlement-form", "invasion", "conclude-quickly"} <= (
        issues["1962-10-30-moscow"] & issues["1962-11-28-new-york"])
    assert "castro-points" in issues["1962-11-01-new-york"] & issues["1962-11-28-new-york"]
    assert "cuba-part" not in set().union(*issues.values()), "one id for three things (review §4)"


def test_telegram_1180_names_its_people_and_issues() -> None:
    m = argmap.datasets.load("1962-11-28-new-york")
    assert {a.id for a in m.actors} == {"stevenson", "mccloy", "yost", "mikoyan", "zorin",
                                        "kuznetsov", "mendelevich", "castro"}
    assert [i.id for i in m.issues] == [
        "settlement-form", "invasion", "subversion", "inspection", "guantanamo",
        "normalization", "other-republics", "castro-points", "quarantine", "next-meeting",
        "conclude-quickly"]
    # the rule of docs/coding.md: a point voices Cuba when it matches one of Castro's five points
    # or is said for Cuba (review N4, N8)
    voiced = [p.id for p in m.points if p.on_behalf_of == "cuba"]
    assert voiced == ["castro-stop-subversion", "mikoyan-cuba-right-of-inspection",
                      "ussr-supports-castro-proposals", "castro-negotiate-guantanamo",
                      "mikoyan-normalize-later"]
    assert [p.id for p in m.points if p.constructed] == [
        "us-draft-lapse", "us-draft-silent-on-subversion", "us-draft-omits-assurances"]


def test_the_revised_1180_map_answers_the_historians_review() -> None:
    m = argmap.datasets.load("1962-11-28-new-york")
    u = m.unresolved()
    assert u.caption == "10 open threads and 2 pending proposals in 1962-11-28-new-york"
    assert all(t.last_word == ("us",) for t in u if t.status != "pending")  # N2
    assert "mikoyan-multilateral-inspection" not in [t.root for t in u if t.status == "pending"]  # N3
    c = m.compare("us", "ussr")
    assert c["castro-points"].status == "disputed"  # N5, N6
    assert c["invasion"].a_constructed == ("us-draft-lapse",)  # N10
    assert m.issue_of("mccloy-us-went-beyond-letters") == "quarantine"  # N11


def test_the_case_shows_november_and_no_agreement_on_an_acknowledgement() -> None:
    case = argmap.datasets.load_case("1962-cuba")
    statuses = {(r.issue, r.map_id): r.status for r in case.timeline()}
    assert statuses["il-28", "1962-11-05-new-york"] == "disputed"
    assert statuses["quarantine", "1962-10-31-new-york"] != "agreed"  # W1
    assert statuses["quarantine", "1962-11-01-new-york"] == "disputed"
    assert statuses["quarantine", "1962-11-28-new-york"] == "one-sided"
    for m in case.maps:  # an agreed issue rests on a concession, never on a claim
        for c in argmap.query.concessions(m):
            assert m.point(c.point).kind is argmap.Kind.CONCESSION, c.point
