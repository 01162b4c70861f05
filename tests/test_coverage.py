"""argmap.coverage: sentences of the source and the points that quote them."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import argmap
from argmap._source import SourceText, covered, fold
from tests.util import dedent

MAP = dedent("""
    argmap: 1
    id: m
    title: A meeting
    source:
      title: A telegram
      file: telegram.txt
      body: [[3, 6]]
    parties: [{id: us}, {id: ussr}]
    points:
      - {id: p1, kind: claim, by: ussr, text: Protocol., quote: Sov draft protocol best form}
      - id: p2
        kind: objection
        by: us
        attacks: [p1]
        text: No.
        quote: "Amb. Stevenson replied US prefers declarations. He said it"
      - {id: p3, kind: claim, by: us, text: Unquoted.}
""")

TELEGRAM = dedent("""
    TELEGRAM 99. Routing heading that is not the document
    ----
    Mikoyan said Sov draft protocol best form. Oct. 27 letter
    is clear.(1)

    Amb. Stevenson replied US prefers declarations. He said it twice. Meeting ended.
    Footer line outside the body.
""")


def write(tmp_path: Path, text: str = TELEGRAM, amap: str = MAP) -> argmap.ArgumentMap:
    (tmp_path / "telegram.txt").write_text(text, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(amap, encoding="utf-8")
    return argmap.load(tmp_path / "m.yaml")


def test_sentences_lines_and_the_points_quoting_them(tmp_path: Path) -> None:
    report = argmap.coverage(write(tmp_path))
    assert [(s.text, s.first_line, s.last_line, s.points) for s in report] == [
        ("Mikoyan said Sov draft protocol best form.", 3, 3, ("p1",)),
        ("Oct. 27 letter is clear.", 3, 4, ()),  # "Oct." does not end it; the marker is not text
        ("Amb. Stevenson replied US prefers declarations.", 6, 6, ("p2",)),  # nor does "Amb."
        ("He said it twice.", 6, 6, ("p2",)),
        ("Meeting ended.", 6, 6, ()),
    ]
    assert [s.number for s in report.uncovered] == [2, 5]
    assert report.without_quote == ("p3",)
    # words: 7 + 5 + 6 + 4 + 2 = 24; quoted: "Sov draft protocol best form." (5) and 6 + 3
    assert (report.words, report.covered_words) == (24, 14)
    assert report.sentence_share == pytest.approx(3 / 5)


def test_the_text_report_names_lines_and_what_is_not_quoted(tmp_path: Path) -> None:
    text = str(argmap.coverage(write(tmp_path)))
    assert text.splitlines()[0] == (
        "3 of 5 sentences (60.0%) and 14 of 24 words (58.3%) of telegram.txt are quoted in m")
    assert "3-4   Oct. 27 letter is clear." in text
    assert "6     Meeting ended." in text
    assert "Points without a quote: p3" in text
    assert "Routing" not in text
    assert "Footer" not in text


def test_json_shape(tmp_path: Path) -> None:
    data = argmap.coverage(write(tmp_path)).to_json()
    assert list(data) == ["map", "source", "sentences", "covered_sentences", "sentence_share", "words",
                          "covered_words", "word_share", "without_quote", "items"]
    assert data["items"][0] == {"number": 1, "first_line": 3, "last_line": 3, "covered": True,
                                "points": ["p1"], "text": "Mikoyan said Sov draft protocol best form."}
    assert data["sentence_share"] == 0.6


def test_without_a_body_every_line_is_the_document(tmp_path: Path) -> None:
    report = argmap.coverage(write(tmp_path, amap=MAP.replace("  body: [[3, 6]]\n", "")))
    assert report.sentences[0].text.startswith("TELEGRAM 99.")
    assert report.sentences[-1].text == "Footer line outside the body."


def test_a_map_without_source_text_is_a_clear_error(tmp_path: Path) -> None:
    built = argmap.ArgumentMap("x", "X", parties=[argmap.Party("a")])
    with pytest.raises(argmap.SourceError, match="names no source file"):
        argmap.coverage(built)
    amap = write(tmp_path)
    assert amap.source is not None
    in_code = argmap.ArgumentMap("y", "Y", parties=[argmap.Party("a")],
                                 source=argmap.Source("T", file="telegram.txt"))
    with pytest.raises(argmap.SourceError, match=r"holds no text of 'telegram.txt': load the map"):
        argmap.coverage(in_code)


def test_the_source_text_is_kept_but_never_written_or_compared(tmp_path: Path) -> None:
    amap = write(tmp_path)
    assert amap.source is not None
    assert amap.source.text == TELEGRAM
    assert "TELEGRAM 99" not in amap.dumps()
    again = argmap.loads(amap.dumps(), base_dir=tmp_path)
    assert again == amap
    assert again.source is not None
    assert again.source.text == TELEGRAM
    without = attrs.evolve(amap, source=attrs.evolve(again.source, text=None))
    assert without == amap
    assert hash(without.source) == hash(amap.source)
    assert "TELEGRAM" not in repr(amap.source)


def test_a_repeated_quote_goes_to_its_next_occurrence(tmp_path: Path) -> None:
    text = "Head\n\nNo. Yes. No.\n"
    amap = dedent("""
        argmap: 1
        id: m
        title: t
        source: {title: s, file: telegram.txt, body: [[3, 3]]}
        parties: [{id: a}, {id: b}]
        points:
          - {id: first, kind: claim, by: a, text: x, quote: "No."}
          - {id: middle, kind: claim, by: b, text: x, quote: "Yes."}
          - {id: last, kind: claim, by: a, text: x, quote: "No."}
    """)
    report = argmap.coverage(write(tmp_path, text, amap))
    assert [s.points for s in report] == [("first",), ("middle",), ("last",)]


def test_fold_keeps_every_offset(tmp_path: Path) -> None:
    raw = "a  b\r\n\r\nc\td(2) e\n"
    f = fold(raw)
    assert f.text == "a b c d e"
    assert [raw[o] for o in f.origin] == ["a", " ", "b", "\n", "c", "\t", "d", " ", "e"]
    assert f.paragraphs == (0, 4)
    assert fold(raw, markers=True).text == "a b c d(2) e"
    text = SourceText(raw)
    assert text.line_of(raw.index("c")) == 3
    assert text.find("b c") == (3, 9)
    assert text.find("d(2) e") == (10, 16)  # a quote that keeps the marker is found too
    assert text.find("nowhere") is None


def test_covered_units() -> None:
    assert covered([(0, 2), (3, 5), (6, 9), (10, 12)], [(1, 4), (7, 8)]) == [True, True, True, False]
    assert covered([(0, 2)], []) == [False]
    assert covered([(5, 6)], [(0, 10), (2, 3)]) == [True]  # a long span reaching past a short one


def test_bundled_telegram_1180(tmp_path: Path) -> None:
    report = argmap.coverage(argmap.datasets.load("1962-11-28-new-york"))
    assert (len(report), len(report.uncovered)) == (31, 4)
    assert (report.words, report.covered_words) == (700, 657)


def test_a_long_paragraph_is_split_in_pieces_with_every_sentence_kept(tmp_path: Path) -> None:
    sentence = "Mr. Zorin said the Sov draft is best. "
    text = "Head\n\n" + sentence * 5000 + "\n"  # 190,000 characters on one line
    amap = dedent("""
        argmap: 1
        id: m
        title: t
        source: {title: s, file: telegram.txt}
        parties: [{id: a}]
        points:
          - {id: p1, kind: claim, by: a, text: x, quote: Sov draft is best}
    """)
    report = argmap.coverage(write(tmp_path, text, amap))
    assert len(report) == 5001
    assert {s.text for s in report.sentences[1:]} == {sentence.strip()}
    assert report.sentences[1].points == ("p1",)


def test_the_function_is_not_hidden_by_its_module() -> None:
    import argmap.agreement
    import argmap.coverage  # importing the submodules must not replace the functions

    assert callable(argmap.coverage)
    assert callable(argmap.agreement)
    assert argmap.render.to_graphviz  # a submodule loaded on first use
