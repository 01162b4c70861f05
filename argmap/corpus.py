"""Many maps at once: the same queries over every file of a corpus, serially or on Dask.

A political scientist's question is often about a corpus ("in which of these
4,000 meetings is the non-invasion issue still open?"). :class:`Corpus` finds the
map files under paths, folders and glob patterns and runs a query over each,
reading one map at a time, so that memory stays flat however many there are. A
file that fails to load never stops the run: it becomes a row with its error.

Where it runs
-------------
``engine="serial"`` (the default) needs nothing more. ``workers=N`` runs the
files on N processes with Dask's local scheduler; ``engine="distributed"`` on a
``distributed.LocalCluster`` of N workers; ``client=`` on an existing
``dask.distributed.Client``, for a real cluster. Dask is the optional extra
``argmap[dask]``.
"""

from __future__ import annotations

import contextlib
import glob
import math
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from argmap.errors import MissingDependencyError
from argmap.model import ArgumentMap

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["SUMMARY_COLUMNS", "UNRESOLVED_COLUMNS", "Corpus", "LoadFailure"]

Engine = Literal["serial", "processes", "distributed"]

#: The columns of :meth:`Corpus.summary` and of ``argmap corpus summary --json``.
SUMMARY_COLUMNS: Final = ("file", "id", "title", "date", "points", "parties", "issues",
                          "open_threads", "pending_proposals", "disputed_issues", "error")
#: The columns of :meth:`Corpus.unresolved`: the file, the fields of ``argmap unresolved --json``, the error.
UNRESOLVED_COLUMNS: Final = ("file", "root", "issue", "status", "points", "last_word", "ends", "error")
_COUNTS: Final = ("points", "parties", "issues", "open_threads", "pending_proposals", "disputed_issues")

#: The extensions a folder is searched for (a ``.txt`` file only when it opens as a Kialo export).
MAP_SUFFIXES: Final = (".yaml", ".yml", ".json", ".aif", ".argdown", ".ad", ".apx", ".i23")
_DASK_EXTRA: Final = "pip install 'argmap[dask]'"


class LoadFailure:
    """A file of the corpus that did not load, in place of its map in :meth:`Corpus.to_bag`.

    Attributes
    ----------
    file : str
    error : str
        What was wrong, as ``file:line:col: message`` where the format has lines.

    .. versionadded:: 0.2
    """

    __slots__ = ("error", "file")

    def __init__(self, file: str, error: str) -> None:
        self.file = file
        self.error = error

    def __repr__(self) -> str:
        return f"<LoadFailure {self.file}: {self.error.splitlines()[0] if self.error else ''}>"


class Corpus:
    """The map files under some paths, and the queries that run over all of them.

    Parameters
    ----------
    paths : path, glob pattern, or a sequence of them
        Files (read whatever their extension), folders (searched recursively for
        the extensions argmap reads, :data:`MAP_SUFFIXES`, and for Kialo exports;
        hidden folders and ``.case.yaml`` files are left out) and glob patterns
        (``"corpus/**/*.json"``).
    format : str, optional
        Read every file as this format (one of :data:`argmap.io.FORMATS`),
        whatever its extension.
    engine : {"serial", "processes", "distributed"}, optional
        Where the queries run; by default ``"serial"``, or ``"processes"`` when
        *workers* is given, or ``"distributed"`` when *client* is.
    workers : int, optional
        How many processes (or LocalCluster workers); by default the machine's cores.
    client : dask.distributed.Client, optional
        Run on this client's cluster.
    partition_size : int, optional
        Files per task; by default enough for about eight tasks per worker,
        between 1 and 500 files.

    Raises
    ------
    MissingDependencyError
        If a Dask engine is asked for and Dask is not installed.

    Examples
    --------
    >>> corpus = argmap.Corpus(argmap.datasets.data_dir())
    >>> len(corpus)
    6
    >>> rows = corpus.summary_records()
    >>> [(r["id"], r["open_threads"]) for r in rows][-1]
    ('1962-11-28-new-york', 10)

    .. versionadded:: 0.2
    """

    def __init__(
        self, paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
        format: str | None = None, engine: Engine | None = None, workers: int | None = None,
        client: Any = None, partition_size: int | None = None,
    ) -> None:
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        self.files: tuple[str, ...] = tuple(_discover(paths))
        self.format = format
        if engine is None:
            engine = "distributed" if client is not None else "processes" if workers else "serial"
        if engine not in ("serial", "processes", "distributed"):
            raise ValueError(f"unknown engine {engine!r}; use serial, processes or distributed")
        if engine != "serial" or client is not None:
            _require_dask(distributed=engine == "distributed")
        self.engine: Engine = engine
        self.workers = workers or os.cpu_count() or 1
        self.client = client
        self.partition_size = partition_size

    def __len__(self) -> int:
        return len(self.files)

    def __repr__(self) -> str:
        return f"<Corpus of {len(self.files)} files, {self.engine}>"

    # --- the queries ------------------------------------------------------------------

    def summary_records(self, progress: bool = False) -> list[dict[str, Any]]:
        """Return one dict per file with the keys of :data:`SUMMARY_COLUMNS`."""
        return self._run(_summary_rows, (), progress)

    def summary(self) -> pd.DataFrame:
        """Return one row per file: its id, title, date, counts, and the error of a file that failed.

        ``open_threads`` and ``pending_proposals`` are those of
        :func:`argmap.query.unresolved`; ``disputed_issues`` counts the issues
        :func:`argmap.query.compare` rates disputed between the map's first two
        parties (0 with fewer). Counts are empty where the file failed.
        """
        frame = _frame(self.summary_records(), SUMMARY_COLUMNS)
        for column in _COUNTS:
            frame[column] = frame[column].astype("Int64")
        return frame

    def unresolved_records(self, progress: bool = False) -> list[dict[str, Any]]:
        """Return one dict per thread or pending proposal, with the keys of :data:`UNRESOLVED_COLUMNS`."""
        return self._run(_unresolved_rows, (), progress)

    def unresolved(self) -> pd.DataFrame:
        """Return one row per open thread or pending proposal of every map (and per failed file)."""
        return _frame(self.unresolved_records(), UNRESOLVED_COLUMNS)

    def compare_records(self, a: str, b: str, progress: bool = False) -> list[dict[str, Any]]:
        """Return one dict per (file, issue) of the maps that have both parties *a* and *b*."""
        return self._run(_compare_rows, (a, b), progress)

    def compare(self, a: str, b: str) -> pd.DataFrame:
        """Return one row per (file, issue) of the maps that have both parties *a* and *b*.

        As :func:`argmap.query.compare`; columns: ``file``, ``issue``, ``title``, ``status``, *a*, *b* (point
        ids), ``constructed`` and ``error``; maps without both parties have no rows.
        """
        return _frame(self.compare_records(a, b), ("file", "issue", "title", "status", a, b,
                                                   "constructed", "error"))

    def map(self, func: Callable[[ArgumentMap], Any]) -> pd.DataFrame:
        """Return ``func(map)`` for every map: one row per file.

        A result that is a mapping gives its keys as columns; anything else is
        the column ``value``. A file that fails to load, or on which *func*
        raises, has its error in ``error``. On a Dask engine *func* travels to
        the workers with cloudpickle.

        Examples
        --------
        >>> corpus = argmap.Corpus(argmap.datasets.data_dir())
        >>> corpus.map(lambda m: len(m.actors))["value"].tolist()
        [4, 3, 7, 5, 3, 8]
        """
        rows = self._run(_map_rows, (func,), False)
        columns: list[str] = ["file"]
        for row in rows:
            columns += [k for k in row if k not in columns and k != "error"]
        return _frame(rows, (*columns, "error"))

    def to_bag(self) -> Any:
        """Return the ``dask.bag`` of the corpus's maps (a :class:`LoadFailure` for a file that failed).

        Raises
        ------
        MissingDependencyError
            If Dask is not installed.
        """
        _require_dask(distributed=False)
        import dask.bag

        return dask.bag.from_sequence(self.files, partition_size=self._partition_size()).map(
            _map_or_failure, self.format)

    # --- running ----------------------------------------------------------------------

    def _partition_size(self) -> int:
        if self.partition_size:
            return self.partition_size
        return max(1, min(500, math.ceil(len(self.files) / (self.workers * 8))))

    def _run(self, rows_of: Callable[..., list[dict[str, Any]]], args: tuple[Any, ...],
             progress: bool) -> list[dict[str, Any]]:
        if self.engine == "serial":
            out: list[dict[str, Any]] = []
            for file in _progress(self.files, progress):
                out.extend(rows_of([file], self.format, *args))
            return out
        import dask.bag

        bag = dask.bag.from_sequence(self.files, partition_size=self._partition_size())
        bag = bag.map_partitions(rows_of, self.format, *args)
        if self.engine == "processes":
            with _dask_progress(progress):
                return list(bag.compute(scheduler="processes", num_workers=self.workers))
        if self.client is not None:
            return list(bag.compute(scheduler=self.client))
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            return list(bag.compute(scheduler=client))


# --- one file at a time (these run on the workers) ------------------------------------------


def _load(file: str, format: str | None) -> ArgumentMap:
    from argmap.errors import FormatWarning
    from argmap.io import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FormatWarning)  # what a reader kept aside stays in the map's meta
        return load(file, format=format)


def _error_text(file: str, exc: BaseException) -> str:
    from argmap.errors import ArgmapError

    if isinstance(exc, ArgmapError):
        text = str(exc)
        return text if text.startswith(file) else f"{file}: {text}"
    if isinstance(exc, OSError):
        return f"{file}: {exc.strerror or exc}"
    return f"{file}: {type(exc).__name__}: {exc}"


def _loaded(files: Iterable[str], format: str | None) -> Iterator[tuple[str, ArgumentMap | None, str]]:
    for file in files:
        try:
            yield file, _load(file, format), ""
        except Exception as exc:
            yield file, None, _error_text(file, exc)


def _summary_rows(files: Sequence[str], format: str | None) -> list[dict[str, Any]]:
    from argmap.query import compare, unresolved

    rows = []
    for file, amap, error in _loaded(files, format):
        row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS)
        row["file"], row["error"] = file, error
        if amap is not None:
            open_threads, pending = unresolved(amap)._counts()  # counted, no record built
            disputed = 0
            if len(amap.parties) >= 2:
                rated = compare(amap, amap.parties[0].id, amap.parties[1].id)
                disputed = sum(1 for r in rated if r.status == "disputed")
            row.update(id=amap.id, title=amap.title, date=amap.date.isoformat() if amap.date else None,
                       points=len(amap.points), parties=len(amap.parties), issues=len(amap.issues),
                       open_threads=open_threads, pending_proposals=pending,
                       disputed_issues=disputed)
        rows.append(row)
    return rows


def _unresolved_rows(files: Sequence[str], format: str | None) -> list[dict[str, Any]]:
    from argmap.query import unresolved

    rows = []
    for file, amap, error in _loaded(files, format):
        if amap is None:
            rows.append({**dict.fromkeys(UNRESOLVED_COLUMNS), "file": file, "error": error})
            continue
        rows.extend({"file": file, **t.to_record(), "error": ""} for t in unresolved(amap))
    return rows


def _compare_rows(files: Sequence[str], format: str | None, a: str, b: str) -> list[dict[str, Any]]:
    from argmap.query import compare

    rows = []
    for file, amap, error in _loaded(files, format):
        if amap is None:
            rows.append({"file": file, "issue": None, "title": None, "status": None, a: None, b: None,
                         "constructed": None, "error": error})
            continue
        if a not in amap._index.parties or b not in amap._index.parties:
            continue
        rows.extend({"file": file, **record, "error": ""} for record in compare(amap, a, b).to_records())
    return rows


def _map_rows(files: Sequence[str], format: str | None,
              func: Callable[[ArgumentMap], Any]) -> list[dict[str, Any]]:
    rows = []
    for file, amap, error in _loaded(files, format):
        row: dict[str, Any] = {"file": file}
        if amap is not None:
            try:
                value = func(amap)
            except Exception as exc:
                error = f"{file}: {type(exc).__name__} in the function: {exc}"
            else:
                row.update(value if isinstance(value, dict) else {"value": value})
        row["error"] = error
        rows.append(row)
    return rows


def _map_or_failure(file: str, format: str | None) -> ArgumentMap | LoadFailure:
    ((_, amap, error),) = _loaded([file], format)
    return amap if amap is not None else LoadFailure(file, error)


# --- finding the files ---------------------------------------------------------------------


def _discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    seen: set[str] = set()
    for path in paths:
        text = os.fspath(path)
        if any(c in text for c in "*?["):
            found: Iterable[str] = (
                f for match in sorted(glob.glob(text, recursive=True)) for f in _under(Path(match)))
        elif Path(text).is_dir():
            found = _under(Path(text))
        else:
            found = [text]  # a file as named; a missing one becomes a row with its error
        for file in found:
            if file not in seen:
                seen.add(file)
                yield file


def _under(path: Path) -> Iterator[str]:
    if not path.is_dir():
        yield str(path)
        return
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if _is_map_file(Path(folder) / name):
                yield os.path.join(folder, name)


def _is_map_file(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(".case.yaml"):
        return False
    if name.endswith(MAP_SUFFIXES):
        return True
    if name.endswith(".txt"):  # a Kialo export, but not the source text of a map
        try:
            with path.open("rb") as handle:
                head = handle.read(256).decode("utf-8-sig", "replace").lstrip()
        except OSError:
            return False
        return head.startswith("Discussion Title:")
    return False


# --- Dask, pandas, progress --------------------------------------------------------------


def _require_dask(distributed: bool) -> None:
    try:
        import dask.bag  # noqa: F401
        if distributed:
            import distributed as _  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            f"running a corpus on workers needs Dask: {_DASK_EXTRA}") from None


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "a corpus's tables are pandas DataFrames: pip install 'argmap[pandas]' (or use "
            "summary_records() and the like for plain dicts)") from None
    return pd.DataFrame.from_records(rows, columns=list(columns))


def _progress(files: Sequence[str], show: bool) -> Iterable[str]:
    if not show:
        return files
    try:
        from tqdm import tqdm
    except ImportError:
        return files
    return tqdm(files, unit="map", file=sys.stderr)  # type: ignore[no-any-return]


def _dask_progress(show: bool) -> Any:
    if not show:
        return contextlib.nullcontext()
    from dask.diagnostics.progress import ProgressBar

    return ProgressBar(out=sys.stderr)
