"""The GUI's model: loaded samples, the library, and every operation done on them.

The model holds no science.  Each operation calls a function of ``nps_id``
and is recorded (name + parameters) in :attr:`Model.operations` and in the
sample's own ``history``, so that what the user did can be reported and
replayed.  Slow operations (search, GC-MS analysis, library import) run in a
:class:`~nps_id_gui.workers.Task` off the UI thread; the window listens to
the model's signals and never calls the core itself.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from PyQt6.QtCore import QObject, QTimer, pyqtSignal

from nps_id_gui.core import Check
from nps_id_gui.workers import Task, own_connection

log = logging.getLogger(__name__)

_ID_LOCK = threading.Lock()
#: Queries per call of the core's search (a file of thousands of queries is searched in chunks).
SEARCH_CHUNK = 32
#: Search results put on their samples per turn of the event loop.
SHOW_CHUNK = 300


@dataclass
class Sample:
    """One loaded thing: a spectrum (maybe one of many of a file) or a GC-MS run."""

    id: int
    name: str
    path: Path
    kind: str                      # "spectrum" or "run"
    raw: Any = None                # Spectrum as read (kind "spectrum")
    processed: Any = None          # Spectrum after the processing recipe, or None
    baseline: Any = None           # fitted baseline (array on processed x) or None
    before_baseline: Any = None    # spectrum the baseline was fitted to
    peaks: Any = None              # peak positions (x values) or None
    processing: dict = field(default_factory=dict)
    processing_error: str = ""
    run: Any = None                # GCMSRun (kind "run")
    run_result: Any = None         # RunResult after analyse_run
    component: int | None = None   # selected component of run_result
    scan_spectrum: Any = None      # spectrum of a clicked TIC point
    hitlist: Any = None            # HitList of the current query
    history: list = field(default_factory=list)
    index_in_file: int = 0
    count_in_file: int = 1

    @property
    def technique(self) -> str:
        spectrum = self.query
        return getattr(spectrum, "technique", "ms") if spectrum is not None else "ms"

    @property
    def query(self) -> Any:
        """The spectrum searched and shown: processed > component/scan > raw."""
        if self.kind == "run":
            if self.scan_spectrum is not None:
                return self.scan_spectrum
            comp = self.current_component
            return getattr(comp, "spectrum", None) if comp is not None else None
        return self.processed if self.processed is not None else self.raw

    @property
    def components(self) -> list:
        if self.run_result is None:
            return []
        return list(getattr(self.run_result, "components", []) or [])

    @property
    def current_component(self) -> Any:
        comps = self.components
        if self.component is None or not (0 <= self.component < len(comps)):
            return None
        return comps[self.component]

    @property
    def label(self) -> str:
        return self.name or self.path.name


class Model(QObject):
    """Everything loaded in a session; the window shows it and calls its methods."""

    sampleAdded = pyqtSignal(object)          # Sample
    sampleRemoved = pyqtSignal(object)        # Sample
    sampleChanged = pyqtSignal(object)        # Sample (processing, hits, component)
    currentChanged = pyqtSignal(object)       # Sample or None
    libraryChanged = pyqtSignal()
    taskStarted = pyqtSignal(object)          # Task
    taskEnded = pyqtSignal(object)            # Task
    searchFinished = pyqtSignal(object)       # list[Sample]
    analoguesChanged = pyqtSignal(object)     # Sample whose hit list got analogues
    operationRecorded = pyqtSignal(dict)
    error = pyqtSignal(str, str, str)         # title, message, details

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.samples: list[Sample] = []
        self.current: Sample | None = None
        self.operations: list[dict] = []
        self.library: Any = None
        self.library_location: Any = None
        self.library_error: str = ""
        self._library_count: int | None = None
        self._next_id = 1
        self.tasks: list[Task] = []
        self._analogues_asked: set[int] = set()  # id() of hit lists whose analogues the user asked for
        self._processing: dict[int, Task] = {}  # sample id -> its newest processing still running
        #: GC-MS analysis options (deconvolution settings, RI calibration, method): nps_id_gui.dialogs.gcms_settings
        self.gcms_options: dict[str, Any] = {}

    # -- bookkeeping ------------------------------------------------------
    def record(self, op: str, sample: Sample | None = None, **params: Any) -> dict:
        entry = {"op": op, "time": time.strftime("%Y-%m-%d %H:%M:%S"), "params": params}
        if sample is not None:
            entry["sample"] = sample.label
            sample.history.append(entry)
        self.operations.append(entry)
        self.operationRecorded.emit(entry)
        return entry

    def _run_task(self, task: Task, on_done: Callable[[Any], None], file: str = "") -> Task:
        def finished(result: Any) -> None:
            try:
                on_done(result)
            except Exception as exc:  # a result we cannot show is still reported
                log.exception("handling the result of %s failed", task.title)
                self.error.emit(task.title, _message(exc, file), "")
            self._end(task)

        def failed(exc: BaseException, tb: str) -> None:
            self.error.emit(self.tr("{0} failed").format(task.title), _message(exc, file), tb)
            self._end(task)

        task.finished.connect(finished)
        task.failed.connect(failed)
        task.cancelled.connect(lambda: self._end(task))
        self.tasks.append(task)
        self.taskStarted.emit(task)
        task.start()
        return task

    def _end(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if getattr(task, "done_in_ui", None) is not None:
            task.done_in_ui()
        self.taskEnded.emit(task)

    @property
    def busy(self) -> bool:
        return bool(self.tasks)

    # -- samples ------------------------------------------------------------
    def open_file(self, path: str | Path) -> list[Sample]:
        """Read a spectrum file or a GC-MS run; raises NpsIdError naming the file."""
        path = Path(path)
        return self._add(path, self._read(path))

    def open_file_async(self, path: str | Path, then: Callable[[list], str | None] | None = None) -> Task:
        """Read a file in a worker; the samples are added on the UI thread when it is done.

        ``then(samples)`` may return what the task's end should say (its ``summary``).
        """
        path = Path(path)

        def work(progress, cancel):
            return self._read(path)

        task = Task(self.tr("Reading {0}").format(path.name), work)

        def done(samples):
            added = self._add(path, samples)
            if then:
                task.summary = then(added) or None

        return self._run_task(task, done, str(path))

    def _read(self, path: Path) -> list[Sample]:
        """The samples of a file, not yet added (safe to call in a worker thread)."""
        if is_run_path(path):
            return [self._open_run(path)]
        from nps_id.io import read_spectra

        spectra = read_spectra(path)
        samples = []
        for i, spectrum in enumerate(spectra):
            name = spectrum.name or (path.name if len(spectra) == 1 else f"{path.name} #{i + 1}")
            samples.append(Sample(self._take_id(), name, path, "spectrum", raw=spectrum,
                                  index_in_file=i, count_in_file=len(spectra)))
        return samples

    def _add(self, path: Path, samples: list[Sample]) -> list[Sample]:
        self.record("open", None, path=str(path), spectra=len(samples))
        for sample in samples:
            self.samples.append(sample)
            self.sampleAdded.emit(sample)
        if samples:
            self.set_current(samples[0])
        return samples

    def add_spectrum(self, spectrum: Any, name: str, path: str | Path = "") -> Sample:
        """Add a spectrum made in the session (e.g. an IR subtraction residual) as a new sample."""
        where = Path(str(path or name))
        sample = Sample(self._take_id(), name, where, "spectrum", raw=spectrum)
        self._add(where, [sample])
        return sample

    def _open_run(self, path: Path) -> Sample:
        from nps_id.gcms import read_run

        run = read_run(path)
        name = path.name if path.name.lower() != "data.ms" else path.parent.name
        return Sample(self._take_id(), name, path, "run", run=run)

    def _take_id(self) -> int:
        with _ID_LOCK:
            self._next_id += 1
            return self._next_id - 1

    def remove(self, sample: Sample) -> None:
        if sample in self.samples:
            self.samples.remove(sample)
            self.sampleRemoved.emit(sample)
            if self.current is sample:
                self.set_current(self.samples[-1] if self.samples else None)

    def set_current(self, sample: Sample | None) -> None:
        if sample is self.current:
            return
        self.current = sample
        self.currentChanged.emit(sample)

    # -- IR processing ------------------------------------------------------
    def set_processing(self, sample: Sample, params: dict) -> Task:
        """Apply a processing recipe (see :mod:`nps_id_gui.processing`) to the raw spectrum, in a worker
        (a baseline of an 18,000-point spectrum takes a second).  The newest recipe wins: one still
        running for the sample is cancelled; a search of the sample waits for it."""
        from nps_id_gui import processing

        sample.processing = dict(params)
        previous = self._processing.get(sample.id)
        if previous is not None:
            previous.cancel()

        def work(progress, cancel):
            try:
                return processing.apply(sample.raw, params), ""
            except Exception as exc:  # shown in the panel; the raw spectrum stays usable
                log.info("processing %s failed: %s", sample.label, exc)
                return None, _message(exc, str(sample.path))

        def done(out):
            result, error = out
            sample.processing_error = error
            if result is not None:
                sample.processed = result.spectrum if result.steps else None
                sample.baseline = result.baseline
                sample.before_baseline = result.before_baseline
                sample.peaks = result.peaks
            self.record("process", sample, **params)
            self.sampleChanged.emit(sample)

        task = Task(self.tr("Processing {0}").format(sample.label), work)
        self._processing[sample.id] = task
        task.done_in_ui = lambda: self._processing.pop(sample.id, None) if self._processing.get(sample.id) is task else None
        return self._run_task(task, done, str(sample.path))

    def load_ir_code(self, then: Callable[[], None]) -> Task:
        """Import the IR processing code in a worker (seconds the first time), then call ``then``."""
        from nps_id_gui import processing

        return self._run_task(Task(self.tr("Loading the IR processing code"), processing.load), lambda _: then())

    def _when_processed(self, samples: Sequence[Sample], then: Callable[[], Any]) -> Task | None:
        """Call ``then`` once no processing of ``samples`` runs; returns a running one, or None (then not called)."""
        ids = {s.id for s in samples}
        pending = [t for sid, t in self._processing.items() if sid in ids]
        if not pending:
            return None

        def check(_task: Any) -> None:
            if not any(sid in ids for sid in self._processing):
                self.taskEnded.disconnect(check)
                then()

        self.taskEnded.connect(check)
        return pending[-1]

    # -- GC-MS --------------------------------------------------------------
    def analyse_run(self, sample: Sample, top: int = 5, then: Callable[[Sample], None] | None = None) -> Task | None:
        from nps_id.gcms.analysis import analyse_run

        location = self.library_location
        library = self.library if (self.library is not None and self.library_count() > 0) else None

        def work(progress, cancel):
            # analyse_run takes no progress/cancel: a cancel drops its result when it returns
            # one row per compound: ten replicates of one compound must not hide the other candidates
            return analyse_run(sample.run, library=library, top=top, search=library is not None,
                               per_compound=True, **self.gcms_options)

        def done(result):
            sample.run_result = result
            comps = sample.components
            sample.scan_spectrum = None
            sample.component = _largest(comps) if comps else None
            sample.hitlist = _component_hits(sample, sample.component)
            self.record("analyse_run", sample, top=top, library=str(location or ""), components=len(comps),
                        **{k: str(v) for k, v in self.gcms_options.items()})
            self.sampleChanged.emit(sample)
            if then:
                then(sample)

        return self._run_task(Task(self.tr("Analysing {0}").format(sample.label), work), done, str(sample.path))

    def select_component(self, sample: Sample, index: int | None) -> None:
        sample.component = index
        sample.scan_spectrum = None
        sample.hitlist = _component_hits(sample, index)
        self.sampleChanged.emit(sample)

    def show_scan(self, sample: Sample, rt_min: float) -> None:
        """Show the background-subtracted spectrum of the scan nearest ``rt_min`` (computed by the core)."""
        try:
            from nps_id.gcms.chromatogram import spectrum_at

            spectrum = spectrum_at(sample.run, rt_min)
        except Exception as exc:
            self.error.emit(self.tr("Spectrum at a retention time"), _message(exc, str(sample.path)), "")
            return
        sample.scan_spectrum = spectrum
        sample.component = None
        sample.hitlist = None
        self.record("spectrum_at", sample, rt_min=round(float(rt_min), 4))
        self.sampleChanged.emit(sample)

    def xic(self, sample: Sample, mzs: Sequence[float]) -> list:
        """One extracted-ion chromatogram per m/z: [(m/z, times, intensities)]."""
        from nps_id.gcms.chromatogram import xic

        out = [(mz, sample.run.times, xic(sample.run, mz)) for mz in mzs]
        self.record("xic", sample, mz=list(mzs))
        return out

    # -- library ------------------------------------------------------------
    def open_library(self, location: Any = None, create: bool = True) -> None:
        """Open (and, the first time, create) the reference library; errors are kept, not raised."""
        self.library = None
        self._library_count = None
        self.library_error = ""
        import nps_id.library as lib_mod

        try:
            self.library = lib_mod.open_library(location, create=create)
        except Exception as exc:
            self.library_error = _message(exc, str(location or self.tr("default library")))
            log.warning("cannot open library %s: %s", location, exc)
        self.library_location = location if location is not None else _library_location(self.library, lib_mod)
        self.record("open_library", None, location=str(self.library_location or ""))
        self.libraryChanged.emit()

    def library_count(self) -> int:
        if self.library is None:
            return 0
        if self._library_count is None:
            try:
                self._library_count = int(self.library.count())
            except Exception as exc:
                log.warning("library.count() failed: %s", exc)
                self._library_count = 0
        return self._library_count

    def import_into_library(self, paths: Sequence[str | Path], then: Callable[[Any], None] | None = None,
                            technique: str | None = None, allow_duplicates: bool = False) -> Task | None:
        """Import ``paths`` as ``technique`` ("ms"/"ir"; other techniques are skipped and listed) in a worker."""
        if self.library is None:
            self.error.emit(self.tr("Import into the library"), self.library_error or self.tr("No library is open."), "")
            return None
        location = self.library_location
        paths = [str(p) for p in paths]

        def work(progress, cancel):
            from nps_id.search.index_cache import update_indexes

            # a connection of its own: the window keeps reading committed rows meanwhile
            with own_connection(location) as lib:
                report = lib.import_files(paths, skip_invalid=True, progress=progress, technique=technique,
                                          allow_duplicates=allow_duplicates)
                # committed: a Cancel can no longer undo the import, so it must not hide it either
                # (a late Cancel used to drop the report while the spectra were in the library)
                cancel.close()
                # here, off the UI thread, not at the first search; spawned processes vectorise IR spectra
                update_indexes(lib, progress=progress, workers=os.cpu_count() or 1)
            return report

        def done(result):
            self._library_count = None
            self.record("import_library", None, paths=paths, technique=technique,
                        allow_duplicates=allow_duplicates, result=_short(result))
            self.libraryChanged.emit()
            if then:
                then(result)

        return self._run_task(Task(self.tr("Importing into the library"), work), done, ", ".join(paths[:3]))

    def export_library(self, path: str | Path, then: Callable[[Any], None] | None = None) -> Task | None:
        """Write the library to ``path`` (format by extension) in a worker."""
        if self.library is None:
            self.error.emit(self.tr("Export the library"), self.library_error or self.tr("No library is open."), "")
            return None
        location = self.library_location

        def work(progress, cancel):
            with own_connection(location) as lib:
                return lib.export(path)

        def done(written):
            self.record("export_library", None, path=str(path))
            if then:
                then(written)

        return self._run_task(Task(self.tr("Exporting the library"), work), done, str(path))

    # -- search ---------------------------------------------------------------
    def can_search(self) -> Check:
        if self.library is None:
            return Check(False, self.library_error or self.tr("No reference library is open."))
        if self.library_count() == 0:
            return Check(False, self.tr("The reference library is empty: import library files first."))
        return Check(True)

    def search(self, samples: Sequence[Sample] | None = None, top: int = 10) -> Task | None:
        """Search the spectra of ``samples`` (default: the current one) in the library, off the UI thread."""
        samples = [s for s in (samples if samples is not None else [self.current]) if s is not None]
        waiting = self._when_processed(samples, lambda: self.search(samples, top))
        if waiting is not None:  # the query is the processed spectrum: search it once processed
            return waiting
        feat = self.can_search()
        if not feat:
            self.error.emit(self.tr("Library search"), feat.reason, "")
            return None
        queries = [(s, s.query) for s in samples if s.query is not None]
        if not queries:
            self.error.emit(self.tr("Library search"), self.tr("Nothing to search: select a spectrum "
                                                               "(or a component of an analysed GC-MS run)."), "")
            return None
        from nps_id.search import search_spectra

        library, location = self.library, self.library_location
        # the IR score chosen in the processing panel (the first sample that chose one)
        similarity = next((s.processing.get("similarity") for s, _ in queries if s.processing.get("similarity")),
                          "pearson")

        def work(progress, cancel):
            spectra = [q for _, q in queries]
            hitlists: list = []
            # in chunks: one core call never holds the interpreter long while the window waits to paint
            for start in range(0, len(spectra), SEARCH_CHUNK):
                hitlists += search_spectra(library, spectra[start:start + SEARCH_CHUNK], top=top, cancel=cancel,
                                           progress=lambda done, total: progress(start + done, len(spectra), ""),
                                           similarity=similarity, per_compound=True)
            return hitlists

        def done(hitlists):
            pairs = list(zip(queries, hitlists))

            def show(start: int) -> None:
                # a few hundred per turn of the event loop: a file of 12,000 queries does not hold the window
                for (sample, _), hitlist in pairs[start:start + SHOW_CHUNK]:
                    sample.hitlist = hitlist
                    self.record("search", sample, top=top, library=str(location or ""),
                                hits=len(getattr(hitlist, "hits", []) or []))
                    self.sampleChanged.emit(sample)
                if start + SHOW_CHUNK < len(pairs):
                    QTimer.singleShot(0, lambda: show(start + SHOW_CHUNK))
                else:
                    self.searchFinished.emit([s for s, _ in queries])

            show(0)

        return self._run_task(Task(self.tr("Searching the library"), work), done)

    # -- analogues -------------------------------------------------------------
    def can_find_analogues(self, sample: Sample | None) -> Check:
        """Can the analogues of ``sample``'s query be searched (and if not, why)?"""
        feat = self.can_search()
        if not feat:
            return feat
        if sample is None or sample.query is None:
            return Check(False, self.tr("Select a spectrum (or a component of an analysed GC-MS run) first."))
        if sample.technique != "ms":
            return Check(False, self.tr("Analogue search relates EI mass spectra by a mass shift; "
                                        "it does not apply to IR spectra."))
        return Check(True)

    def analogues_searched(self, hitlist: Any) -> bool:
        """Did an analogue search run for ``hitlist`` (so an empty list is an answer, not a gap)?"""
        if hitlist is None:
            return False
        if id(hitlist) in self._analogues_asked:
            return True
        verdict = getattr(getattr(hitlist, "verdict", None), "verdict", None)
        # the core searches analogues by itself when the verdict is not "identified"
        return verdict is not None and verdict != "identified"

    def find_analogues(self, sample: Sample | None = None, top: int = 10) -> Task | None:
        """Search the analogues of ``sample``'s query (default: the current one) off the UI thread.

        The core's analogue list is put on the sample's hit list (a search is run first when the
        query has none), then :attr:`analoguesChanged` is emitted.
        """
        sample = sample if sample is not None else self.current
        feat = self.can_find_analogues(sample)
        if not feat:
            self.error.emit(self.tr("Analogue search"), feat.reason, "")
            return None
        query = sample.query
        from nps_id.search import search_spectra
        from nps_id.unknowns.analogues import find_analogues

        hitlist = sample.hitlist
        library, location = self.library, self.library_location

        def work(progress, cancel):
            if hitlist is None:  # no search yet: one search with analogues always on
                searched = search_spectra(library, [query], top=max(top, 10), progress=progress, cancel=cancel,
                                          analogues=True, per_compound=True)[0]
                return searched, list(searched.analogues)
            return hitlist, find_analogues(library, query, molecular_ion=hitlist.molecular_ion, top=top)

        def done(result):
            searched, analogues = result
            target = hitlist if hitlist is not None else searched
            target.analogues = analogues
            if hitlist is None:
                sample.hitlist = target
            self._analogues_asked.add(id(target))
            self.record("find_analogues", sample, top=top, library=str(location or ""), analogues=len(analogues))
            if target is not hitlist:  # a new search: the whole result changed
                self.sampleChanged.emit(sample)
            self.analoguesChanged.emit(sample)

        return self._run_task(Task(self.tr("Finding analogues"), work), done)

    # -- saving ---------------------------------------------------------------
    def results_dict(self, sample: Sample) -> dict:
        """What was found for a sample, with the operations that led to it (JSON-ready)."""
        out: dict[str, Any] = {"sample": sample.label, "file": str(sample.path), "history": sample.history}
        if sample.kind == "run" and sample.run_result is not None and hasattr(sample.run_result, "to_dict"):
            out["run"] = sample.run_result.to_dict()
        if sample.hitlist is not None:
            hl = sample.hitlist
            out["hits"] = hl.to_dict() if hasattr(hl, "to_dict") else [getattr(h, "__dict__", str(h)) for h in hl.hits]
        query = sample.query
        if query is not None:
            out["query_recipe"] = query.recipe_as_dicts()
        out["provenance"] = _provenance(sample, self.library)
        return out

    def export_results(self, sample: Sample, path: str | Path) -> Path:
        import json

        path = Path(path)
        data = self.results_dict(sample)
        path.write_text(json.dumps(data, indent=2, default=_json_default), encoding="utf-8")
        self.record("export_results", sample, path=str(path))
        return path

    def save_spectrum(self, sample: Sample, path: str | Path) -> list:
        """Write the shown spectrum (processed, component or scan) in the format of the extension."""
        if sample.query is None:
            from nps_id.errors import InputError

            raise InputError(path, self.tr("no spectrum to save for this sample"))
        from nps_id.io import write_spectra

        written = write_spectra([sample.query], path)
        self.record("save_spectrum", sample, path=str(path))
        return written

    def reference_spectrum(self, hit: Any) -> Any:
        """The library spectrum of a hit (None when it cannot be had)."""
        if self.library is None or getattr(hit, "library_id", None) is None:
            return None
        try:
            return self.library.get(hit.library_id)
        except Exception as exc:
            log.warning("library.get(%r) failed: %s", getattr(hit, "library_id", None), exc)
            return None


# -- helpers -------------------------------------------------------------------
def _provenance(sample: Sample, library: Any) -> dict:
    """Input SHA-256, library identity, software and time of an export (:mod:`nps_id.casework.provenance`)."""
    from nps_id.casework.provenance import input_record, library_identity, now_utc, software_identity

    out: dict[str, Any] = {"software": software_identity(), "exported_at": now_utc(),
                           "position": sample.index_in_file}
    try:
        out["inputs"] = [input_record(sample.path)]
    except Exception as exc:  # the file was moved since it was opened: say so in the export
        out["inputs_error"] = str(exc)
    if library is not None:
        out["library"] = library_identity(library)
    return out


def is_run_path(path: Path) -> bool:
    """Does ``path`` look like a GC-MS run (Agilent .D folder, netCDF, data.ms...)?"""
    from nps_id.gcms import is_run

    return is_run(path)


def _message(exc: BaseException, file: str = "") -> str:
    """A short message for the user; NpsIdError already names its file."""
    try:
        from nps_id.errors import NpsIdError
    except ImportError:  # pragma: no cover - the core is always there
        NpsIdError = ()  # type: ignore[assignment]
    if isinstance(exc, NpsIdError):
        return str(exc)
    text = str(exc) or exc.__class__.__name__
    prefix = f"{file}: " if file and file not in text else ""
    return f"{prefix}{text} ({exc.__class__.__name__})"


def _library_location(library: Any, lib_mod: Any) -> Any:
    for attr in ("location", "path"):
        value = getattr(library, attr, None)
        if value is not None:
            return value
    fn = getattr(lib_mod, "default_library_location", None)
    return fn() if fn else None


def _largest(components: list) -> int:
    def area(c):
        for attr in ("area", "area_pct", "height"):
            value = getattr(c, attr, None)
            if value is not None:
                return float(value)
        return 0.0

    return max(range(len(components)), key=lambda i: area(components[i]))


def _component_hits(sample: Sample, index: int | None) -> Any:
    """The hit list of component ``index`` (RunResult.hits is parallel to components)."""
    if index is None or sample.run_result is None:
        return None
    hits = list(getattr(sample.run_result, "hits", None) or [])
    if 0 <= index < len(hits) and hits[index] is not None:
        return hits[index]
    comp = sample.components[index] if 0 <= index < len(sample.components) else None
    own = getattr(comp, "hits", None)
    if own is None:
        return None
    return own if hasattr(own, "hits") else _Hits(getattr(comp, "spectrum", None), list(own))


@dataclass
class _Hits:
    query: Any
    hits: list


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    return str(value)


def _short(result: Any) -> Any:
    if isinstance(result, (int, float, str)) or result is None:
        return result
    if isinstance(result, dict):
        return {k: v for k, v in result.items() if isinstance(v, (int, float, str))}
    for attr in ("added", "imported", "count"):
        if hasattr(result, attr):
            return {attr: getattr(result, attr)}
    return str(result)[:200]
