"""Run a slow core call off the UI thread, with progress and cancel.

A :class:`Task` wraps a function; ``start()`` runs it in Qt's global thread
pool.  The function gets two keyword arguments: ``progress(done, total,
message)`` and ``cancel`` (a :class:`CancelFlag`, both a ``threading.Event`` and
a callable returning True once cancelled, so it fits either convention of the
core).  Results and errors come back as signals, delivered on the UI thread.

A worker never shares the window's database connection:
:func:`own_connection` opens the library again for the worker's thread (a
write transaction or a long read there then never holds up the window's own
short reads, and the window never sees an import's uncommitted rows).
"""
from __future__ import annotations

import logging
import threading
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from PyQt6.QtCore import QObject, QRunnable, QThreadPool, pyqtSignal

log = logging.getLogger(__name__)


class CancelFlag(threading.Event):
    """Set by the user's Cancel; ``flag()`` and ``flag.is_set()`` both say whether.

    :meth:`close` marks the point of no return (a library import committed): a Cancel
    before it is forgotten and one after it ignored, so the result is reported, not lost.
    """

    def __init__(self) -> None:
        super().__init__()
        self._closed = False
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        return self.is_set()

    def set(self) -> None:
        with self._lock:
            if not self._closed:
                super().set()

    def close(self) -> None:
        """The work can no longer be undone: from now on it runs to its end and is reported."""
        with self._lock:
            self._closed = True
            super().clear()


class Cancelled(Exception):
    """Raised by progress callbacks when the user cancelled."""


class Task(QObject):
    """A background job: emits ``progress``, then ``finished(result)`` or ``failed(exc, tb)``."""

    progress = pyqtSignal(int, int, str)
    finished = pyqtSignal(object)
    failed = pyqtSignal(object, str)
    cancelled = pyqtSignal()

    def __init__(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.title = title
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self.cancel_flag = CancelFlag()
        #: What the status bar says when the task has ended (None: "<title>: done"); set by
        #: whoever handles the result, e.g. "Opened X: GC-MS run".
        self.summary: str | None = None
        self.running = False
        self.done = threading.Event()

    def cancel(self) -> None:
        self.cancel_flag.set()

    def _progress(self, *args: Any, **kwargs: Any) -> None:
        """Accepts ``(done, total, message)`` and ``(stage, done, total)`` alike."""
        numbers = [a for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
        texts = [str(a) for a in args if isinstance(a, str)]
        done = int(kwargs.get("done", numbers[0] if numbers else 0) or 0)
        total = int(kwargs.get("total", numbers[1] if len(numbers) > 1 else 0) or 0)
        message = str(kwargs.get("message", " ".join(texts)))
        self.progress.emit(done, total, message)
        if self.cancel_flag.is_set():
            raise Cancelled()

    def run(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._progress, cancel=self.cancel_flag, **self._kwargs)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # report every failure to the UI, never kill the thread silently
            tb = traceback.format_exc()
            log.error("task %r failed:\n%s", self.title, tb)
            if self.cancel_flag.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(exc, tb)
        else:
            if self.cancel_flag.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
        finally:
            self.running = False
            self.done.set()

    def start(self) -> None:
        self.running = True
        _pool().start(_Runner(self))


#: Tasks running at once; more than the cores, as most wait on the disk or the database
#: (a listing of the library must not queue behind an import and a search).
MAX_TASKS = 8
_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(MAX_TASKS)
    return _POOL


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.run()


_COLLECTOR: Any = None


def collect_garbage_on_ui_thread() -> None:
    """Let Python's cyclic garbage collector run only on the UI thread, on a timer.

    An automatic collection runs in whichever thread happens to allocate; in a worker it would
    delete the Qt objects of closed windows and plots (cycles through pyqtgraph items) from
    that thread while the UI thread paints, a crash that shows at random.  pyqtgraph's
    ``GarbageCollector`` turns automatic collection off and collects from a 1 s UI timer
    with the interpreter's own thresholds.  Idempotent; every window calls it.
    """
    global _COLLECTOR
    import gc

    if _COLLECTOR is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _COLLECTOR = GarbageCollector(interval=1.0)
    gc.disable()


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """Wait until every task has left the pool (after cancelling them); True when all did."""
    return _pool().waitForDone(timeout_ms)


@contextmanager
def own_connection(location: Any) -> Iterator[Any]:
    """The library at ``location`` opened for the calling (worker) thread, closed afterwards."""
    from nps_id.library import open_library

    library = open_library(location)
    try:
        yield library
    finally:
        library.close()
