"""Shared fixtures: the real data in ../shared/data is read in place, never copied."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NPS_ID_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The command line follows the system locale; tests that expect English words must not turn Russian on a
# Russian machine (the language tests set their own environment).
os.environ.setdefault("NPS_ID_LANG", "en")


@pytest.fixture(autouse=True)
def _gui_garbage_on_ui_thread(request):
    """The app collects garbage only on its UI thread (nps_id_gui.workers); keep that in GUI tests.

    After a GUI test its tasks are waited for and its windows' cycles collected here, on the main
    thread, before the next test; tests without a window get automatic collection back.
    """
    import gc

    uses_qt = "qtbot" in request.fixturenames
    if not uses_qt and not gc.isenabled():
        gc.enable()
    yield
    workers = sys.modules.get("nps_id_gui.workers")
    if uses_qt and workers is not None:
        workers.wait_for_tasks(60_000)
        gc.collect()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data; skips the test with a clear reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (../shared/data beside the project)")
    return SHARED_DATA


@pytest.fixture
def tmp_library(tmp_path: Path) -> Path:
    """Path of a fresh (not yet created) SQLite library file."""
    return tmp_path / "library.sqlite"
