"""The interactive page, in a real headless Chromium driven by Playwright."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from tests.conftest import CHROMIUM
from tests.util import make_map

pytestmark = [pytest.mark.needs_dot, pytest.mark.needs_chromium]

# Chromium's own background traffic would be refused on a closed network; these keep it quiet.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE = '</script><script>window.pwned = 1</script>"><img src=x onerror="window.pwned=2"> &amp; \\N'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Callable[[argmap.ArgumentMap], Path]:
    """Write each map's page once for the module (a page lays out every issue on its own)."""
    folder = tmp_path_factory.mktemp("pages")
    done: dict[str, Path] = {}

    def write(amap: argmap.ArgumentMap) -> Path:
        text = amap.source.text if amap.source is not None else None
        key = hashlib.sha256(f"{amap.dumps('json')}\0{text}".encode()).hexdigest()
        if key not in done:
            done[key] = amap.render(folder / f"{amap.id}-{key[:12]}.html")
        return done[key]

    return write


@pytest.fixture
def page_of(browser: Any, written: Callable[[argmap.ArgumentMap], Path]) -> Iterator[Any]:
    pages = []

    def open_page(amap: argmap.ArgumentMap) -> Any:
        path = written(amap)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("dialog", lambda d: pytest.fail(f"the page opened a dialog: {d.message}"))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def point(page: Any, pid: str) -> Any:
    return page.locator(f'g.point[id="{pid}"]')


def test_clicking_a_point_shows_its_quote_and_source(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    point(page, "mikoyan-lapse-is-retreat").click()
    details = page.locator("#_details")
    assert details.locator("blockquote").inner_text() == (
        "this is direct retreat from statement in President's letter")
    text = details.inner_text()
    assert "Anastas I. Mikoyan" in text
    assert "Soviet Union" in text
    assert "Non-invasion obligation" in text
    assert "Document 220" in text
    assert page.requests == [page.url.split("#")[0]]  # the page itself, nothing else


def test_keyboard_focus_and_enter_show_a_point(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    target = point(page, "stevenson-us-went-further")
    assert target.get_attribute("tabindex") == "0"
    target.focus()
    page.keyboard.press("Enter")
    assert "US has gone further than exchange of correspond-ence" in page.locator(
        "#_details blockquote").inner_text()


def test_filters_hide_the_other_points(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    # an issue chosen: its own diagram, with its points and (muted, dashed) those of other
    # issues they answer or are answered by
    for issue in ("castro-points", "inspection"):
        page.select_option("#_issue-filter", issue)
        on_issue = {p.id for p in nov29.points_on(issue)}
        context = {q for p in nov29.points for _, t in p.relations() for q in (p.id, t)
                   if (p.id in on_issue) != (t in on_issue)} - on_issue
        assert bool(context) is (issue == "castro-points")
        for p in nov29.points:
            assert point(page, p.id).is_visible() is (p.id in on_issue | context), (issue, p.id)
        assert all("muted" in (point(page, pid).get_attribute("class") or "") for pid in context)
    page.select_option("#_party-filter", "us")
    assert point(page, "stevenson-own-means").is_visible()
    assert not point(page, "mikoyan-no-one-sided-inspection").is_visible()
    page.select_option("#_issue-filter", "")
    page.select_option("#_party-filter", "")
    assert all(point(page, p.id).is_visible() for p in nov29.points)
    assert page.requests == [page.url.split("#")[0]]


def test_unresolved_threads_are_listed_and_highlighted(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    items = page.locator("#_threads li")
    assert items.count() == len(nov29.unresolved())
    assert items.first.inner_text().startswith("us-draft-lapse — contested, invasion")
    assert "muted" in (point(page, "ussr-protocol-best").get_attribute("class") or "")
    assert "muted" not in (point(page, "us-draft-lapse").get_attribute("class") or "")


def test_hostile_text_stays_text(page_of: Any) -> None:
    m = make_map([{"id": "c", "kind": "claim", "by": "a", "text": HOSTILE, "quote": HOSTILE}])
    page = page_of(m)
    point(page, "c").click()
    assert page.locator("#_details blockquote").inner_text() == HOSTILE
    assert page.evaluate("window.pwned") is None
    assert page.requests == [page.url.split("#")[0]]


def test_the_page_is_self_contained(nov29: argmap.ArgumentMap) -> None:
    page = nov29.to_html()
    assert "Content-Security-Policy" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    data = json.loads(re.search(r'id="_argmap-data">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert data["points"]["us-draft-lapse"]["issue"] == "Non-invasion obligation"
    hostile = make_map([{"id": "c", "kind": "claim", "by": "a", "text": HOSTILE}]).to_html()
    assert "</script><script>window.pwned" not in hostile


def in_view(locator: Any, container: str) -> bool:
    """True when the element lies inside the visible box of *container*."""
    return bool(locator.evaluate(
        "(el, sel) => { const r = el.getBoundingClientRect(), "
        "c = document.querySelector(sel).getBoundingClientRect(); "
        "return r.height > 0 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1; }", container))


def test_clicking_a_highlight_in_the_source_selects_its_point(
    page_of: Any, nov29: argmap.ArgumentMap,
) -> None:
    page = page_of(nov29)
    target = point(page, "castro-negotiate-guantanamo")
    assert page.evaluate(VIEW, [])["fontPx"] < 11  # the whole diagram, too small to read
    page.locator('#_source mark[data-point="castro-negotiate-guantanamo"]').click()
    assert "selected" in (target.get_attribute("class") or "")
    assert in_view(target, "#_diagram")
    assert page.evaluate(VIEW, ["castro-negotiate-guantanamo"]) == {"fontPx": pytest.approx(14),
                                                                    "outside": []}
    assert "castro-negotiate-guantanamo" in page.locator("#_details").inner_text()
    assert page.locator("#_details blockquote").inner_text() == (
        "argued US need not at once abandon Guantanamo but should enter into negotiations with Cubans "
        "about its disposition")
    assert page.requests == [page.url.split("#")[0]]


def test_clicking_a_point_scrolls_to_its_quote(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    quote = page.locator('#_source mark[data-point="mccloy-inspect-soviet-ports"]')
    assert not in_view(quote, "#_source")
    point(page, "mccloy-inspect-soviet-ports").click()
    assert in_view(quote, "#_source")
    assert quote.get_attribute("class") == "q p0 current"
    assert page.locator("#_source mark.current").count() == 1


def test_the_source_view_marks_what_no_point_quotes(page_of: Any, nov29: argmap.ArgumentMap) -> None:
    page = page_of(nov29)
    source = page.locator("#_source")
    assert source.is_visible()
    uncovered = " ".join(source.locator(".uncovered").all_inner_texts())
    for sentence in argmap.coverage(nov29).uncovered:
        assert sentence.text in uncovered
    assert "Raised several objections to US draft declaration." in uncovered
    assert "Supported multilateral inspection" not in uncovered
    quoted = {i for m in source.locator("mark[data-point]").all()
              for i in (m.get_attribute("data-points") or "").split()}
    assert quoted == {p.id for p in nov29.points}
    # the colour says the party, and so does the key
    assert source.locator('mark[data-point="mikoyan-lapse-is-retreat"]').get_attribute("class") == "q p1"
    assert "Soviet Union" in page.locator(".source-key").inner_text()
    assert "Cuba" not in page.locator(".source-key").inner_text()  # voiced by the Soviet side
    page.uncheck("#_show-source")
    assert not source.is_visible()


def test_a_map_without_source_text_has_no_source_view(page_of: Any) -> None:
    page = page_of(make_map([{"id": "c", "kind": "claim", "by": "a"}]))
    assert page.locator("#_source").count() == 0
    assert page.locator("#_show-source").count() == 0


def test_hostile_source_text_stays_text(page_of: Any, tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(f"Head\n{HOSTILE} and more\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\nid: m\ntitle: t\nsource: {title: s, file: src.txt}\nparties: [{id: a}]\n"
        f"points:\n  - {{id: c, kind: claim, by: a, text: x, quote: {json.dumps(HOSTILE)}}}\n",
        encoding="utf-8")
    page = page_of(argmap.load(tmp_path / "m.yaml"))
    assert page.locator('#_source mark[data-point="c"]').inner_text() == HOSTILE
    assert page.evaluate("window.pwned") is None
    assert page.requests == [page.url.split("#")[0]]


def test_clicking_a_highlight_again_reaches_the_quotes_around_it(
    page_of: Any, nov29: argmap.ArgumentMap,
) -> None:
    page = page_of(nov29)
    # "Complained that [there is no word in declaration about subversive activity against Cuba]":
    # the US draft's silence (constructed) inside Mikoyan's complaint
    inner = page.locator('#_source mark[data-point="us-draft-silent-on-subversion"]')
    inner.click()
    assert "selected" in (point(page, "us-draft-silent-on-subversion").get_attribute("class") or "")
    inner.click()
    assert "selected" in (point(page, "mikoyan-no-word-on-subversion").get_attribute("class") or "")
    inner.click()
    assert "selected" in (point(page, "us-draft-silent-on-subversion").get_attribute("class") or "")
    same = page.locator('#_source mark[data-points="us-meet-again-friday ussr-meet-again-friday"]')
    same.click()
    same.click()
    assert "ussr-meet-again-friday" in page.locator("#_details").inner_text()


# --- zooming, at a laptop's 1366 x 768 ------------------------------------------------------

VIEW = """(ids) => {
  const svg = document.querySelector('#_diagram svg');
  const main = document.getElementById('_diagram').getBoundingClientRect();
  const fontPx = 13 * svg.getScreenCTM().a;  // the body text's 13 units, in screen pixels
  const outside = ids.filter((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.left < main.left - 1 || r.right > main.right + 1 || r.top < main.top - 1
      || r.bottom > main.bottom + 1;
  });
  return {fontPx, outside};
}"""


@pytest.fixture
def laptop(browser: Any, written: Callable[[argmap.ArgumentMap], Path]) -> Iterator[Any]:
    pages = []

    def open_page(amap: argmap.ArgumentMap, fragment: str = "") -> Any:
        path = written(amap)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(path.as_uri() + fragment)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def test_choosing_an_issue_zooms_to_all_its_points_readably(laptop: Any, nov29: argmap.ArgumentMap) -> None:
    page = laptop(nov29)
    whole = page.evaluate(VIEW, [])
    assert whole["fontPx"] < 11  # the whole of telegram 1180 is an overview at this size
    for issue in ("guantanamo", "invasion", "quarantine", "normalization"):
        page.select_option("#_issue-filter", issue)
        seen = page.evaluate(VIEW, [p.id for p in nov29.points_on(issue)])
        assert seen["fontPx"] >= 11, issue
        assert seen["outside"] == [], issue
        assert page.evaluate("location.hash") == f"#issue={issue}"


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_every_issue_of_every_bundled_map_is_readable_when_chosen(laptop: Any, name: str) -> None:
    amap = argmap.datasets.load(name)
    page = laptop(amap)
    for issue in amap.issues:
        page.select_option("#_issue-filter", issue.id)
        seen = page.evaluate(VIEW, [p.id for p in amap.points_on(issue.id)])
        assert seen["fontPx"] >= 11, issue.id
        assert seen["outside"] == [], issue.id  # every point of the issue in view


def test_the_overview_zooms_in_on_a_click_and_the_buttons_and_keys_zoom(
        laptop: Any, nov29: argmap.ArgumentMap) -> None:
    page = laptop(nov29)
    point(page, "us-draft-lapse").click()
    near = page.evaluate(VIEW, ["us-draft-lapse"])
    assert near["fontPx"] >= 13.5
    assert near["outside"] == []
    assert page.evaluate("location.hash") == "#point=us-draft-lapse"
    page.click("#_zoom-out")
    assert page.evaluate(VIEW, [])["fontPx"] == pytest.approx(near["fontPx"] * 0.8, rel=0.01)
    page.focus("#_diagram")
    page.keyboard.press("+")
    assert page.evaluate(VIEW, [])["fontPx"] == pytest.approx(near["fontPx"], rel=0.01)
    page.click("#_zoom-fit")
    assert page.evaluate(VIEW, [])["fontPx"] < 11
    box = page.locator("#_diagram").bounding_box()
    before = page.evaluate(VIEW, [])["fontPx"]
    page.mouse.move(box["x"] + 300, box["y"] + 200)
    page.mouse.wheel(0, -400)
    assert page.evaluate(VIEW, [])["fontPx"] > before * 1.5


def test_the_unresolved_list_follows_the_filters_and_a_thread_zooms_to_its_points(
        laptop: Any, nov29: argmap.ArgumentMap) -> None:
    page = laptop(nov29)
    items = page.locator("#_threads li")
    assert items.count() == len(nov29.unresolved())
    for issue in ("inspection", "guantanamo"):  # guantanamo's diagram holds a castro-points point
        page.select_option("#_issue-filter", issue)
        on_issue = [t.root for t in nov29.unresolved()
                    if any(nov29.issue_of(p) == issue for p in t.points)]
        assert [b.split(" — ")[0] for b in items.all_inner_texts()] == on_issue
        assert on_issue
    page.select_option("#_issue-filter", "")
    items.first.locator("button").click()
    thread = next(iter(nov29.unresolved()))
    seen = page.evaluate(VIEW, list(thread.points))
    assert seen["fontPx"] >= 11  # the thread whole, or from its root if too spread to read whole
    assert thread.root not in seen["outside"]
    assert thread.root in page.locator("#_details").inner_text()


def test_a_link_keeps_the_selection(laptop: Any, nov29: argmap.ArgumentMap) -> None:
    page = laptop(nov29, "#issue=guantanamo&party=ussr&point=castro-negotiate-guantanamo")
    assert page.input_value("#_issue-filter") == "guantanamo"
    assert page.input_value("#_party-filter") == "ussr"
    assert "Guantanamo" in page.locator("#_details").inner_text()
    assert not point(page, "stevenson-us-went-further").is_visible()
    seen = page.evaluate(VIEW, ["castro-negotiate-guantanamo"])
    assert seen["outside"] == []
    assert seen["fontPx"] >= 11


def test_each_issue_is_drawn_for_the_page_and_a_quote_elsewhere_opens_its_issue(
        laptop: Any, nov29: argmap.ArgumentMap) -> None:
    html = nov29.to_html()
    assert re.findall(r'<template data-issue="([^"]+)">', html) == [i.id for i in nov29.issues]
    page = laptop(nov29, "#issue=guantanamo")
    assert not point(page, "stevenson-own-means").count()  # inspection's, not in this diagram
    page.check("#_show-source")
    page.locator('#_source mark[data-point="stevenson-own-means"]').first.click()
    assert page.input_value("#_issue-filter") == "inspection"
    assert "selected" in (point(page, "stevenson-own-means").get_attribute("class") or "")
    assert page.evaluate("location.hash") == "#issue=inspection&point=stevenson-own-means"
    page.select_option("#_issue-filter", "")  # the whole map again, at its whole size
    assert page.evaluate(VIEW, [])["fontPx"] < 11
    assert point(page, "castro-negotiate-guantanamo").is_visible()


@pytest.mark.parametrize("options", [{"party": "cuba"}, {"only_unresolved": True}])
def test_a_filtered_page_draws_the_issues_the_filters_leave(
        nov29: argmap.ArgumentMap, options: dict[str, Any]) -> None:
    page = nov29.to_html(**options)  # issues the filter empties have no diagram of their own
    kept = {pid for t in nov29.unresolved() for pid in t.points}
    drawn = [i.id for i in nov29.issues if any(
        (p.on_behalf_of == "cuba") if "party" in options else (p.id in kept)
        for p in nov29.points_on(i.id))]
    assert re.findall(r'<template data-issue="([^"]+)">', page) == drawn
    assert 0 < len(drawn) < len(nov29.issues)
