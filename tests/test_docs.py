"""The documentation: the site builds with warnings as errors, and the schema matches the loader."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import argmap
from argmap.cli import main
from argmap.io import schema_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once with warnings as errors."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    return out


@pytest.mark.needs_dot
def test_the_site_builds_strictly_with_its_gallery(site: Path) -> None:
    gallery = sorted((site / "gallery").glob("*.svg"))
    assert len(gallery) == 6
    for svg in gallery:
        ET.parse(svg)
    api = (site / "api" / "index.html").read_text()
    assert "Return the open threads and the pending proposals" in api


def test_the_command_line_reference_covers_every_command() -> None:
    page = (ROOT / "docs" / "cli.md").read_text()
    for name in main.commands:
        assert f"## `argmap {name}" in page, name


def as_json_data(path: Path) -> Any:
    """Read YAML as an editor's YAML language server would: dates as text."""
    def plain(value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    return plain(yaml.safe_load(path.read_text()))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text())
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.mark.parametrize("name", argmap.datasets.names())
def test_the_schema_accepts_the_bundled_maps(schema: dict[str, Any], name: str) -> None:
    jsonschema.validate(as_json_data(argmap.datasets.path(name)), schema)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["points"][0].update(atacks=["x"]), "Additional properties are not allowed"),
        (lambda d: d["points"][0].update(kind="clam"), "is not one of"),
        (lambda d: d["points"][0].pop("text"), "'text' is a required property"),
        (lambda d: d["points"][1].update(attacks="us-draft-lapse"), "is not of type 'array'"),
        (lambda d: d.update(argmap=2), "1 was expected"),
        (lambda d: d["parties"][0].update(id="United States"), "does not match"),
    ],
    ids=["unknown-key", "bad-kind", "no-text", "string-not-list", "version", "bad-id"],
)
def test_the_schema_rejects_broken_maps(schema: dict[str, Any], change: Any, message: str) -> None:
    data = as_json_data(ROOT / "tests" / "data" / "design-example.yaml")
    jsonschema.validate(data, schema)
    change(data)
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.validate(data, schema)


def test_the_schema_is_in_step_with_the_model(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    for name, cls in (("party", argmap.Party), ("actor", argmap.Actor), ("issue", argmap.Issue),
                      ("point", argmap.Point), ("source", argmap.Source)):
        in_files = [a.name for a in attrs.fields(cls) if a.metadata.get("in_files", True)]
        assert list(defs[name]["properties"]) == in_files, name  # not Source.text, never in files
        required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
        assert sorted(defs[name]["required"]) == sorted(required), name
    top = [a.name for a in attrs.fields(argmap.ArgumentMap)]
    assert list(schema["properties"]) == ["argmap", *top]
    assert defs["point"]["properties"]["kind"]["enum"] == [k.value for k in argmap.Kind]


def test_the_home_page_starts_each_kind_of_user() -> None:
    page = (ROOT / "docs" / "index.md").read_text()
    for target in ("tutorial.md", "gallery.md", "api.md", "agreement.md", "diagrams.md", "queries.md",
                   "images/1962-11-28-invasion.png"):
        assert f"({target})" in page, target
    assert "make demo" in page


@pytest.mark.needs_dot
def test_the_api_reference_links_its_cross_references(site: Path) -> None:
    api = (site / "api" / "index.html").read_text()
    assert ":func:" not in api
    assert ":class:" not in api
    assert '<a href="#argmap.loads"><code>loads</code></a>' in api


def test_make_demo_installs_only_what_the_demo_needs(tmp_path: Path) -> None:
    def planned(target: str) -> str:
        done = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}", f"OUT={tmp_path}"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout

    demo, test = planned("demo"), planned("test")
    assert "pip install --quiet -e .\n" in demo
    assert "[test]" not in demo
    assert "pip install --quiet -e '.[test]'" in test
