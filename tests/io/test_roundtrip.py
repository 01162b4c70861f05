from __future__ import annotations

from hypothesis import given, settings

import argmap
from tests.strategies import maps


@settings(max_examples=150, deadline=None)
@given(maps())
def test_yaml_round_trip_gives_an_equal_map(amap: argmap.ArgumentMap) -> None:
    text = argmap.dumps(amap, "yaml")
    again = argmap.loads(text, "yaml")
    assert again == amap
    assert argmap.dumps(again, "yaml") == text


@settings(max_examples=150, deadline=None)
@given(maps())
def test_json_round_trip_gives_an_equal_map(amap: argmap.ArgumentMap) -> None:
    text = argmap.dumps(amap, "json")
    assert argmap.loads(text, "json") == amap


@settings(max_examples=50, deadline=None)
@given(maps())
def test_yaml_and_json_agree(amap: argmap.ArgumentMap) -> None:
    from_json = argmap.loads(argmap.dumps(amap, "json"), "json")
    assert argmap.loads(argmap.dumps(from_json, "yaml"), "yaml") == amap
