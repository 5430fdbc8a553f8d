"""GC-MS manual work in the app (offscreen, real runs): averaged and background-subtracted spectra searched
with Ctrl+F, add to library, X-only zoom, labels that do not overlap, settings and method, sequences."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings  # noqa: E402

from nps_id_gui.dialogs import errors  # noqa: E402
from nps_id_gui.gcms_tools import add_to_library  # noqa: E402
from nps_id_gui.main_window import MainWindow  # noqa: E402
from nps_id_gui.views.gcms_view import place_labels  # noqa: E402

WAIT_MS = 120000
LRCFS = "LRCFS_benzodiazepines"


@pytest.fixture
def window(qtbot, tmp_path):
    errors.NON_INTERACTIVE = True
    errors.shown.clear()
    win = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    for task in list(win.model.tasks):
        task.cancel()
    qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)


def _library(qtbot, win, shared, tmp_path, records=60):
    text = (shared / "ms" / "bench" / "library.msp").read_text(encoding="utf-8", errors="replace")
    chosen = [r.strip() + "\n" for r in text.split("\n\n") if r.strip()][:records]
    msp = tmp_path / "small.msp"
    msp.write_text("\n".join(chosen), encoding="utf-8")
    with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
        win.model.open_library(str(tmp_path / "lib.sqlite"), create=True)
    win.model.library.import_files([msp])
    win.model._library_count = None


def _analysed(qtbot, win, path):
    (sample,) = win.open_paths([str(path)], background=False)
    assert win.model.analyse_run(sample) is not None
    qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)
    return sample


def test_place_labels_never_overlap():
    boxes = [(10.0, 100.0, 1.0, 5.0), (10.2, 98.0, 1.0, 5.0), (10.4, 99.0, 1.0, 5.0), (20.0, 50.0, 1.0, 5.0)]
    # the second label sits above the first (its lower levels would overlap), the third finds no room
    assert place_labels(boxes, levels=3) == [0, 2, None, 0]
    assert place_labels(boxes, [True, False, True, True], levels=3) == [0, None, 2, 0]


def test_average_background_search_and_add_to_library(qtbot, window, shared_data, tmp_path):
    _library(qtbot, window, shared_data, tmp_path)
    sample = _analysed(qtbot, window, shared_data / "gcms" / LRCFS / "220223018.D")
    view = window.gcms_view
    # zoom acts on the time axis only, labels of the components never overlap
    assert view.plot.getViewBox().state["mouseEnabled"] == [True, False]
    shown = [item for *_, item in view.labels if item.isVisible()]
    assert shown
    rects = [item.sceneBoundingRect() for item in shown]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert "ΔRI" in view.table_model.HEADERS
    # select the etizolam scans and a background range, average them
    view.cursor.setPos(10.262)
    view.range_button.setChecked(True)
    view.range_region.setRegion((10.25, 10.28))
    view.background_button.setChecked(True)
    view.background_region.setRegion((10.5, 10.6))
    view.average_button.click()
    spectrum = sample.scan_spectrum
    assert spectrum is not None and "background subtracted" in spectrum.name
    step = spectrum.recipe[-1]
    assert step.name == "average_scans" and step.params["scans"] >= 6 and step.params["background_scans"] >= 20
    assert spectrum.x[spectrum.y.argmax()] == 342
    assert sample.history[-1]["op"] == "average_scans"
    # Ctrl+F searches the shown spectrum, not the whole run again
    components = sample.run_result
    task = window.search()
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    assert task is not None and sample.run_result is components
    assert sample.hitlist is not None and sample.hitlist.query.recipe[0].name == "average_scans"
    # add it to the library under a name of the chemist's choice
    before = window.model.library.count()
    new_id = add_to_library(window.model, sample, "etizolam (lab reference)")
    assert window.model.library.count() == before + 1
    added = window.model.library.get(new_id)
    assert added.name == "etizolam (lab reference)" and "220223018.D" in added.get("comment")


def test_settings_and_method_reach_the_analysis(qtbot, window, shared_data, tmp_path):
    method = tmp_path / "m.toml"
    method.write_text("[internal_standard]\nname = 'IS 140'\nrt_min = 6.51\nquant_ion = 140\n"
                      "qualifiers = [141, 84]\nqualifier_ratios = [11, 8]\n")
    tools = window.gcms_tools
    tools.apply_settings({"sensitivity": "high", "resolution": "medium", "shape": "medium"}, method=str(method))
    assert window.model.gcms_options["min_model_snr"] == 5.0
    sample = _analysed(qtbot, window, shared_data / "gcms" / LRCFS / "220223001.D")
    result = sample.run_result
    assert result.targets and result.targets[0].status == "found"
    assert result.components[0].spectrum.recipe[-1].params["settings"]["sensitivity"] == "high"
    assert sample.history[-1]["params"]["min_model_snr"] == "5.0"
    # a method with a bad line is refused at once, naming the file and the line
    bad = tmp_path / "bad.toml"
    bad.write_text("[[target]]\nname = 'x'\nrt_min = 'late'\nquant_ion = 57\n")
    tools.apply_settings({"sensitivity": "medium", "resolution": "medium", "shape": "medium"}, method=str(bad))
    assert errors.shown and "bad.toml, line 3" in errors.shown[-1][1]
    assert window.model.gcms_options["min_model_snr"] == 5.0   # the previous settings stay


def test_sequence_of_a_folder(qtbot, window, shared_data, tmp_path):
    _library(qtbot, window, shared_data, tmp_path)   # spawned workers open it themselves
    folder = tmp_path / "seq"
    folder.mkdir()
    for run in ("220223001.D", "220223002.D", "220223003.D"):
        (folder / run).symlink_to(shared_data / "gcms" / LRCFS / run)   # a link, not a copy
    method = tmp_path / "etizolam.csv"
    method.write_text("name,rt_min,rt_window_min,quant_ion,qualifiers\netizolam,10.26,0.15,342,344;313\n")
    window.gcms_tools.apply_settings({"sensitivity": "medium", "resolution": "medium", "shape": "medium"},
                                     method=str(method), blanks="^50ug")   # the user marks a run as blank
    task = window.gcms_tools.open_sequence(str(folder))
    assert task is not None
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    panel = window.gcms_tools.sequence_panel
    assert panel.table_model.rowCount() == 3 and window.gcms_tools.sequence_dock.isVisible()
    rows = panel.table_model.rows
    assert rows[2]["blank"] and rows[2]["flags"] == ["etizolam found in blank (carry-over from 220223002.D)"]
    assert rows[1]["target:etizolam"].startswith("found, RT 10.23")
    assert rows[0]["blank"] and rows[1]["sample"] == "25ug/mL Etizolam" and not any(r.get("error") for r in rows)
    assert rows[1]["components"] >= 2 and rows[1]["identified"] + rows[1]["ambiguous"] + rows[1]["not_in_library"] \
        == rows[1]["components"]   # every component was searched and judged
    window.grab().save("/tmp/nps_gcms_sequence.png")
    with qtbot.waitSignal(window.model.currentChanged, timeout=WAIT_MS):
        panel.openRun.emit(rows[1]["path"])
    assert window.model.current.kind == "run" and window.model.current.run.sample_name == "25ug/mL Etizolam"
