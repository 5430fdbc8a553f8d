"""Every shared GC-MS run file (../shared/data/gcms/runs.tsv) opens in the app with its TIC and components."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings  # noqa: E402

from nps_id_gui.dialogs import errors  # noqa: E402
from nps_id_gui.main_window import MainWindow  # noqa: E402

from conftest import SHARED_DATA  # noqa: E402

WAIT_MS = 60000


def _run_files() -> list[tuple[str, int]]:
    table = SHARED_DATA / "gcms" / "runs.tsv"
    if not table.is_file():
        return []
    with open(table, newline="", encoding="utf-8") as handle:
        return [(row["run_file"], int(row["scans"])) for row in csv.DictReader(handle, delimiter="\t")]


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    errors.NON_INTERACTIVE = True
    settings = QSettings(str(tmp_path_factory.mktemp("gui") / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


@pytest.mark.parametrize("run_file,scans", _run_files(), ids=[r for r, _ in _run_files()])
def test_run_opens_with_tic_and_components(qtbot, window, shared_data, run_file, scans):
    errors.shown.clear()
    path = shared_data / "gcms" / run_file
    (sample,) = window.open_paths([str(path)], background=False)
    assert sample.kind == "run" and sample.run.n_scans == scans
    times, tic = window.gcms_view.items["tic"].getData()
    assert times.size == scans and tic.size == scans
    assert np.isfinite(tic).all() and tic.max() > 0, "empty TIC"
    task = window.model.analyse_run(sample)
    assert task is not None
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    assert not errors.shown, errors.shown
    assert sample.components, "no component found"
    assert window.gcms_view.table.model().rowCount() == len(sample.components)
    marked = window.gcms_view.items["components"].getData()[0]
    assert marked.size == len(sample.components)
    window.model.remove(sample)


def test_analysing_the_shown_run_keeps_its_trace_and_zoom(qtbot, window, shared_data):
    runs = _run_files()
    if len(runs) < 2:
        pytest.skip("needs two runs of ../shared/data/gcms/runs.tsv")
    errors.shown.clear()
    (sample,) = window.open_paths([str(shared_data / "gcms" / runs[0][0])], background=False)
    view = window.gcms_view
    tic_item = view.items["tic"]
    times, _ = tic_item.getData()
    low, high = float(times[len(times) // 4]), float(times[len(times) // 2])
    view.plot.setXRange(low, high, padding=0)
    window.model.analyse_run(sample)
    qtbot.waitUntil(lambda: not window.model.busy and sample.run_result is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "components" in view.items, timeout=WAIT_MS)  # redrawn after the analysis
    # the components are drawn on the same trace, and the analyst's zoom stays
    assert view.items["tic"] is tic_item
    assert view.items["components"].getData()[0].size == len(sample.components)
    x0, x1 = view.plot.getViewBox().viewRange()[0]
    assert x0 == pytest.approx(low, abs=1e-6) and x1 == pytest.approx(high, abs=1e-6)
    # another run is drawn afresh, whole
    (other,) = window.open_paths([str(shared_data / "gcms" / runs[1][0])], background=False)
    assert view.items["tic"] is not tic_item
    other_times, _ = view.items["tic"].getData()
    x0, x1 = view.plot.getViewBox().viewRange()[0]
    assert x0 <= other_times.min() + 1e-6 and x1 >= other_times.max() - 1e-6
    window.model.remove(sample)
    window.model.remove(other)
