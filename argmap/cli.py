"""The ``argmap`` command: thin wrappers over the library (DESIGN §7).

Exit codes: 0 success, 1 invalid input (every problem on stderr), 2 usage error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

import argmap
from argmap.errors import ArgmapError, ValidationError
from argmap.model import ArgumentMap

F = TypeVar("F", bound=Callable[..., Any])

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _reports_errors(func: F) -> F:
    """Turn argmap's errors into a message on stderr and exit status 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


def _load(path: Path) -> ArgumentMap:
    return argmap.load(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap", prog_name="argmap")
def main() -> None:
    """Map arguments in negotiations and debates: who claimed, objected, rebutted, conceded."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=_FILE)
def validate(files: tuple[Path, ...]) -> None:
    """Check map files; print every problem as file:line:col and exit 1 if any."""
    failed = False
    for path in files:
        try:
            amap = argmap.load(path)
        except ValidationError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        except ArgmapError as exc:
            failed = True
            click.echo(f"{path}: {exc}", err=True)
        else:
            click.echo(
                f"{path}: valid ({len(amap.points)} points, {len(amap.issues)} issues, "
                f"{len(amap.parties)} parties)"
            )
    if failed:
        sys.exit(1)
