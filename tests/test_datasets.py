from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parents[1]


def test_names_and_load() -> None:
    assert argmap.datasets.names() == [
        "1962-10-30-moscow", "1962-10-31-new-york", "1962-11-01-new-york", "1962-11-05-new-york",
        "1962-11-24-new-york", "1962-11-28-new-york"]
    m = argmap.datasets.load("1962-10-30-moscow")
    assert m.party("ussr").name == "Soviet Union"
    with pytest.raises(argmap.UnknownReferenceError,
                       match=r"no bundled map '1962-11-28' \(did you mean '1962-11-28-new-york'\?\)"):
        argmap.datasets.load("1962-11-28")


def test_the_old_name_of_the_1180_map_loads_with_a_deprecation_warning() -> None:
    renamed = "'1962-11-29-new-york' is now '1962-11-28-new-york'"
    with pytest.warns(DeprecationWarning, match=renamed) as caught:
        m = argmap.datasets.load("1962-11-29-new-york")
    assert m.id == "1962-11-28-new-york"
    assert [w.filename for w in caught] == [__file__]  # the warning names the user's line
    with pytest.warns(DeprecationWarning, match=renamed) as caught:
        assert argmap.datasets.path("1962-11-29-new-york").name == "1962-11-28-new-york.yaml"
    assert [w.filename for w in caught] == [__file__]


def test_bundled_maps_load_from_an_installed_wheel(tmp_path: Path) -> None:
    """Build a wheel, install it in a new virtual environment, load every map from there."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp_path / "dist"), str(ROOT)], check=True, env=env, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("argmap-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   env=env, cwd=tmp_path)
    script = (
        "import argmap, json; "
        "print(json.dumps({'where': str(argmap.datasets.data_dir()), 'maps': "
        "{n: len(argmap.datasets.load(n).points) for n in argmap.datasets.names()}}))"
    )
    done = subprocess.run([str(python), "-c", script], check=True, capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    found = json.loads(done.stdout)
    assert found["maps"] == {"1962-10-30-moscow": 13, "1962-10-31-new-york": 11,
                             "1962-11-01-new-york": 16, "1962-11-05-new-york": 13,
                             "1962-11-24-new-york": 14, "1962-11-28-new-york": 46}
    assert "site-packages" in found["where"]
    assert not found["where"].startswith(str(ROOT))
