"""Whole sequences: every run of a folder (or list) analysed in parallel, one summary table, per-run detail.

A laboratory runs a sequence of blanks, calibrants, QC samples and cases.
:func:`analyse_sequence` analyses every run on all cores (one process per
core, the library opened once per process), in acquisition order, and
returns a :class:`SequenceResult`: one summary row per run (run, sample name
from the run's own metadata, components, targets found, verdicts, flags) and
each run's full result.  Blanks are recognised from the sample name (methanol
or solvent blanks, "BLK", "blank") or named by the user; a target found in a
blank, or found in a run right after a run where it was much larger (at most
:data:`CARRY_OVER_FRACTION` of that area), is flagged as carry-over.
"""
from __future__ import annotations

import csv
import json
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from nps_id.errors import InputError, NpsIdError
from nps_id.i18n import _

#: A sample name matching this is a blank.
BLANK_PATTERN = re.compile(r"\b(blank|blk|bk|solvent|meoh|methanol|mb|rb|reagent blank|system blank)\b", re.I)
#: A target found at no more than this fraction of its area in the previous run may be carry-over.
CARRY_OVER_FRACTION = 0.02

Progress = Callable[[int, int, str], None]


def is_blank(sample_name: str, extra_patterns: Sequence[str] = ()) -> bool:
    """True when the sample name says blank (or matches one of the user's patterns, case-insensitive)."""
    if BLANK_PATTERN.search(sample_name or ""):
        return True
    return any(p and re.search(p, sample_name or "", re.I) for p in extra_patterns)


def find_runs(source: str | Path | Sequence[str | Path]) -> list[Path]:
    """The runs of a sequence: a folder (its runs, by name), a list file (one path a line) or paths.

    Sub-folders are not searched except ``.D`` run folders; a list file's
    relative paths are relative to the list.  An empty sequence is an error.
    """
    from nps_id.gcms.readers import is_run

    if isinstance(source, (str, Path)):
        source = Path(source)
        if source.is_dir() and not is_run(source):
            runs = sorted((p for p in source.iterdir() if not p.name.startswith(".") and is_run(p)),
                          key=lambda p: p.name.lower())
            if not runs:
                raise InputError(source, _("the folder holds no GC-MS run"))
            return runs
        if source.is_file() and not is_run(source):
            try:
                lines = source.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(source, _("cannot read the sequence list ({0})").format(exc)) from None
            runs = []
            for number, line in enumerate(lines, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                path = Path(line) if Path(line).is_absolute() else source.parent / line
                if not path.exists():
                    raise InputError(source, _("run {0} does not exist").format(repr(line)), number)
                runs.append(path)
            if not runs:
                raise InputError(source, _("the sequence list names no run"))
            return runs
        if not source.exists():
            raise InputError(source, _("no such run, folder or sequence list"))
        return [source]
    return [Path(p) for p in source]


@dataclass
class SequenceResult:
    """Summary rows (one per run, in sequence order), full per-run results and timing."""

    rows: list[dict[str, Any]]
    details: list[dict[str, Any] | None]
    seconds: float
    workers: int
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"runs": self.rows, "seconds": round(self.seconds, 2), "workers": self.workers,
                "settings": self.settings}

    def write(self, folder: str | Path) -> list[Path]:
        """``summary.csv``, ``summary.json`` and ``runs/<n>_<run>.json`` (the full result of each run)."""
        folder = Path(folder)
        try:
            (folder / "runs").mkdir(parents=True, exist_ok=True)
            written = []
            for n, (row, detail) in enumerate(zip(self.rows, self.details), 1):
                if detail is None:
                    continue
                path = folder / "runs" / f"{n:03d}_{_safe(row['run'])}.json"
                path.write_text(json.dumps(detail, indent=1, default=str), encoding="utf-8")
                row["detail_file"] = str(path.relative_to(folder))
                written.append(path)
            summary = folder / "summary.json"
            summary.write_text(json.dumps(self.to_dict(), indent=1, default=str), encoding="utf-8")
            table = folder / "summary.csv"
            columns = _columns(self.rows)
            with open(table, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, columns, extrasaction="ignore")
                writer.writeheader()
                for row in self.rows:
                    writer.writerow({k: _cell(row.get(k)) for k in columns})
        except OSError as exc:
            raise InputError(folder, _("cannot write the sequence results ({0})").format(exc.strerror or exc)) from None
        return [table, summary] + written


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return round(value, 5)
    return value


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    fixed = ["position", "run", "sample", "date", "blank", "components", "identified", "ambiguous",
             "not_in_library", "identified_compounds", "targets_found", "istd_rt_min"]
    extra = []
    for row in rows:
        for key in row:
            if key.startswith("target:") and key not in extra:
                extra.append(key)
    return fixed + extra + ["flags", "error", "seconds", "detail_file", "path"]


# -- worker side -------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(library: Any, options: dict[str, Any], reopen: bool = False) -> None:
    """Worker state; ``reopen``: a forked worker opens its own connection to the library (an SQLite
    connection must not cross a fork) and reuses the search index the parent loaded (cached by location)."""
    if reopen and isinstance(library, (str, Path)):
        from nps_id.gcms import identify
        identify._cache.pop(str(library), None)
    _WORKER["library"] = library
    _WORKER["options"] = options


def _analyse_one(path: str) -> tuple[dict[str, Any] | None, str, float]:
    """(result dict or None, error message, seconds) of one run, in a worker process."""
    from nps_id.gcms.analysis import analyse_run
    from nps_id.gcms.identify import resolve_library

    start = time.perf_counter()
    options = dict(_WORKER.get("options", {}))
    try:
        library = _WORKER.get("library")
        if options.get("search", True) and library is not None and not hasattr(library, "search"):
            library = resolve_library(library)
        result = analyse_run(path, library=library, **options)
        return result.to_dict(), "", time.perf_counter() - start
    except NpsIdError as exc:
        return None, str(exc), time.perf_counter() - start
    except Exception as exc:  # one bad run must not stop a sequence; it is named in the summary
        return None, f"{path}: {type(exc).__name__}: {exc}", time.perf_counter() - start


def analyse_sequence(runs: Sequence[str | Path], library: Any = None, method: Any = None,
                     ri_calibration: Any = None, top: int = 5, search: bool = True,
                     workers: int | None = None, blanks: Sequence[str] = (),
                     progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
                     start_method: str | None = None, **params: Any) -> SequenceResult:
    """Analyse every run (in parallel) and summarise the sequence.

    Parameters
    ----------
    runs
        Run paths in sequence order (see :func:`find_runs`).
    library
        Library path/URL (each worker process opens it once) or None.
    method
        Method file or :class:`~nps_id.gcms.method.Method` (targets screened in every run).
    ri_calibration
        Ladder table or run path, or :class:`~nps_id.gcms.retention_index.RICalibration`.
    workers
        Processes (default: all cores; 1 analyses in this process).
    blanks
        Regular expressions: sample names (or run names) matching one are blanks,
        in addition to the names that say so.
    progress, cancel
        ``progress(done, total, run_name)`` after each run; ``cancel()`` True stops
        before the next run is started.
    start_method
        "fork" or "spawn" for the worker processes (default: fork from a
        single-threaded program, spawn otherwise; a GUI, whose threads Python
        does not see, asks for spawn).
    **params
        Deconvolution parameters.
    """
    from nps_id.gcms.method import Method, read_method
    from nps_id.gcms.retention_index import RICalibration, load_calibration

    runs = [str(r) for r in runs]
    if not runs:
        raise NpsIdError(_("the sequence holds no run"))
    if method is not None and not isinstance(method, Method):
        method = read_method(method)
    if ri_calibration is not None and not isinstance(ri_calibration, RICalibration):
        ri_calibration = load_calibration(ri_calibration)
    options = {"method": method, "ri_calibration": ri_calibration, "top": top, "search": search, **params}
    workers = max(1, min(workers or os.cpu_count() or 1, len(runs)))
    start = time.perf_counter()
    outcomes: list[tuple[dict[str, Any] | None, str, float] | None] = [None] * len(runs)
    if search and library is not None and not hasattr(library, "search"):
        library_obj = _warm_library(library)
    else:
        library_obj = library
    done = 0
    if workers == 1:
        _init_worker(library_obj, options)
        for i, path in enumerate(runs):
            if cancel is not None and cancel():
                break
            outcomes[i] = _analyse_one(path)
            done += 1
            if progress:
                progress(done, len(runs), Path(path).name)
    else:
        context = multiprocessing.get_context(start_method) if start_method else _context()
        fork = context.get_start_method() == "fork"
        # a spectrum-file search (plain arrays) is shipped whole to forked workers; a library by its location
        shipped = library_obj if fork and not isinstance(library, (str, Path)) else library
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                 initargs=(shipped, options, fork)) as pool:
            futures = {}
            for i, path in enumerate(runs):
                futures[pool.submit(_analyse_one, path)] = i
            for future in as_completed(futures):
                outcomes[futures[future]] = future.result()
                done += 1
                if progress:
                    progress(done, len(runs), Path(runs[futures[future]]).name)
                if cancel is not None and cancel():
                    for f in futures:
                        f.cancel()
                    break
    seconds = time.perf_counter() - start
    rows, details = summarise(runs, outcomes, method, blanks)
    settings = {"top": top, "search": search, "workers": workers, "blank_patterns": list(blanks),
                "method": method.to_dict() if method is not None else None, "deconvolution": params,
                "carry_over_fraction": CARRY_OVER_FRACTION}
    return SequenceResult(rows, details, seconds, workers, settings)


def _warm_library(library: Any) -> Any:
    """Open the library and search one spectrum, so that its index, class model and compiled
    kernels are in memory before the workers fork (each would otherwise load them again)."""
    from nps_id.gcms.analysis import cached_library_identity
    from nps_id.gcms.identify import resolve_library, search_components
    from nps_id.spectrum import Spectrum

    opened = resolve_library(library)
    probe = Spectrum([41.0, 43.0, 57.0, 71.0, 85.0], [60.0, 80.0, 100.0, 40.0, 20.0], "ms", "m/z", "counts",
                     {"name": "warm-up"})
    search_components(opened, [probe], 1)
    if hasattr(opened, "iter_spectra"):
        cached_library_identity(opened)
    return opened


def _context() -> Any:
    """Fork (workers inherit the opened library and compiled kernels) from a single-threaded
    process; spawn otherwise (forking a process with running threads, e.g. the app, is unsafe)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# -- summary -------------------------------------------------------------------------
def summarise(runs: Sequence[str], outcomes: Sequence[tuple[dict[str, Any] | None, str, float] | None],
              method: Any, blanks: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any] | None]]:
    """One summary row per run, with blank, found-in-blank and carry-over flags."""
    rows, details = [], []
    previous: dict[str, float] = {}
    previous_run = ""
    for position, (path, outcome) in enumerate(zip(runs, outcomes), 1):
        name = Path(path).name if Path(path).name.lower() != "data.ms" else Path(path).parent.name
        row: dict[str, Any] = {"position": position, "run": name, "path": str(path), "flags": []}
        if outcome is None:
            row["error"] = _("not analysed (cancelled)")
            rows.append(row)
            details.append(None)
            previous, previous_run = {}, name
            continue
        data, error, seconds = outcome
        row["seconds"] = round(seconds, 2)
        if data is None:
            row["error"] = error
            rows.append(row)
            details.append(None)
            previous, previous_run = {}, name
            continue
        info = data["run"]
        row["sample"] = info.get("sample", "")
        row["date"] = info.get("date", "")
        row["blank"] = is_blank(row["sample"], blanks) or any(re.search(p, name, re.I) for p in blanks if p)
        comps = data["components"]
        row["components"] = len(comps)
        verdicts = [c.get("verdict") for c in comps]
        row["identified"] = verdicts.count("identified")
        row["ambiguous"] = verdicts.count("ambiguous")
        row["not_in_library"] = verdicts.count("not_in_library")
        row["identified_compounds"] = [c["verdict_detail"]["compound"] for c in comps
                                       if c.get("verdict") == "identified"]
        areas: dict[str, float] = {}
        found = []
        for target in data.get("targets", []):
            key = f"target:{target['name']}"
            row[key] = _target_cell(target)
            if target["role"] == "istd":
                row["istd_rt_min"] = target["rt_min"]
                if not target["found"]:
                    row["flags"].append(_("internal standard {0} not found").format(target['name']))
                continue
            if target["found"]:
                found.append(target["name"])
                areas[target["name"]] = float(target["area"])
        if method is None:  # without a method, the identified compounds are what a blank must not hold
            for comp in comps:
                if comp.get("verdict") == "identified":
                    compound = comp["verdict_detail"]["compound"]
                    areas[compound] = max(areas.get(compound, 0.0), float(comp["area"]))
        row["targets_found"] = found
        for compound, area in areas.items():
            before = previous.get(compound)
            carried = before is not None and area <= CARRY_OVER_FRACTION * before
            if row["blank"]:
                row["flags"].append(_("{0} found in blank (carry-over from {1})").format(compound, previous_run)
                                    if before is not None else _("{0} found in blank").format(compound))
            elif carried:
                row["flags"].append(_("{0} at {1:.2g} % of its area in {2}: "
                                      "possible carry-over").format(compound, 100 * area / before, previous_run))
        previous, previous_run = areas, name
        rows.append(row)
        details.append(data)
    return rows, details


def _target_cell(target: dict[str, Any]) -> str:
    if not target["found"]:
        return "not found"
    parts = [target["status"], f"RT {target['rt_min']:.3f}"]
    if target.get("rt_shift_min") is not None:
        parts.append(f"shift {target['rt_shift_min']:+.3f}")
    if target.get("area_ratio_to_istd") is not None and target["role"] != "istd":
        parts.append(f"ratio to IS {target['area_ratio_to_istd']:.4g}")
    return ", ".join(parts)
