"""The quiz's model: the pack, the trainee's run, and each exercise's evidence (hidden hits included).

The rules (reveal only after commit, no second answer, scoring) are the
core's :class:`~nps_id.workshop.quiz.QuizRun`; this model only loads each
exercise's file and searches it in a worker, and keeps the hit list away from
the window until :meth:`QuizModel.commit` has fixed the answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PyQt6.QtCore import QCoreApplication, QObject, pyqtSignal

from nps_id.workshop.exercises import Answer
from nps_id.workshop.pack import open_pack
from nps_id.workshop.quiz import QuizRun, Revelation
from nps_id_gui.workers import Task

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


@dataclass
class Evidence:
    """What a trainee may see of an exercise before answering, and the hits kept back."""

    kind: str                  # "ms", "ir" or "gcms"
    query: Any                 # the spectrum searched (a GC-MS run: its largest component)
    run: Any = None            # GC-MS: the run (TIC) and its components
    components: list | None = None
    hitlist: Any = None        # hidden until the answer is committed
    note: str = ""


def load_evidence(path: Path, index: int, library: Any, progress=None, cancel=None) -> Evidence:
    """Read an exercise file and search it (runs in a worker)."""
    from nps_id.gcms import is_run
    from nps_id.io import read_spectra
    from nps_id.search import search_spectra

    if library is None:
        raise RuntimeError(translate("QuizModel", "no library: open or import a reference library first"))
    if is_run(path):
        from nps_id.gcms.analysis import analyse_run
        result = analyse_run(path, library, top=10)
        if not result.components:
            return Evidence("gcms", None, result.run, [], None, translate("QuizModel", "No component found in this run."))
        largest = max(range(len(result.components)), key=lambda i: result.components[i].area)
        return Evidence("gcms", result.components[largest].spectrum, result.run, result.components,
                        result.hits[largest] if result.hits else None,
                        translate("QuizModel", "Largest component at {0:.2f} min").format(
                            result.components[largest].rt_min))
    spectra = read_spectra(path)
    if index >= len(spectra):
        raise RuntimeError(translate("QuizModel", "{0}: the exercise asks for spectrum {1}, the file holds {2}").format(
            path.name, index, len(spectra)))
    query = spectra[index]
    hitlist = search_spectra(library, [query], top=10, cancel=cancel)[0]
    return Evidence(getattr(query, "technique", "ms"), query, hitlist=hitlist)


class QuizModel(QObject):
    """A trainee's quiz: emits ``evidenceReady(number)``, ``committed(number)``, ``failed(message)``."""

    evidenceReady = pyqtSignal(int)
    committed = pyqtSignal(int)
    failed = pyqtSignal(str)

    def __init__(self, library: Any = None, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.run: QuizRun | None = None
        self.evidence: dict[int, Evidence] = {}
        self._tasks: dict[int, Task] = {}

    def start(self, pack_path: str | Path, trainee: str, passphrase: str | None) -> QuizRun:
        """Open and verify a pack; raises NpsIdError (shown by the window) when it is refused."""
        compound_key = None
        if self.library is not None:
            from nps_id.unknowns.compounds import compound_keys
            compound_key = compound_keys(self.library).key
        self.run = QuizRun(open_pack(pack_path), trainee, passphrase, compound_key)
        self.evidence.clear()
        return self.run

    def compound_names(self) -> list[str]:
        """Library compound names a trainee can choose from (no hint of which is right)."""
        if self.library is None:
            return []
        return sorted({row[0] for row in self.library.identity_rows() if row[0]}, key=str.lower)

    def load(self, number: int) -> Task | None:
        """Read and search exercise ``number`` in a worker (once)."""
        if self.run is None or number in self.evidence or number in self._tasks:
            return None
        exercise = self.run.exercise(number)
        task = Task(f"Exercise {number}", load_evidence, exercise.file, exercise.index, self.library)
        self._tasks[number] = task

        def done(evidence: Evidence) -> None:
            self._tasks.pop(number, None)
            self.evidence[number] = evidence
            self.evidenceReady.emit(number)

        def failed(exc: BaseException, _tb: str) -> None:
            self._tasks.pop(number, None)
            self.failed.emit(f"Exercise {number}: {exc}")

        task.finished.connect(done)
        task.failed.connect(failed)
        task.start()
        return task

    def visible_hits(self, number: int) -> Any:
        """The hit list of an exercise, or None while its answer is not committed."""
        if self.run is None or number not in self.run.committed:
            return None
        evidence = self.evidence.get(number)
        return evidence.hitlist if evidence else None

    def commit(self, number: int, answer: Answer, justification: str) -> Revelation | None:
        assert self.run is not None
        self.run.commit(number, answer, justification)
        self.committed.emit(number)
        return self.run.reveal(number) if self.run.can_reveal else None

    def reference(self, hit: Any) -> Any:
        if self.library is None or getattr(hit, "library_id", None) is None:
            return None
        return self.library.get(hit.library_id)
