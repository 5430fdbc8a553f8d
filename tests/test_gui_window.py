"""The GUI driven through its real widgets (offscreen Qt, pytest-qt), on real files of ../shared/data."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings  # noqa: E402

from nps_id_gui.dialogs import errors  # noqa: E402
from nps_id_gui.main_window import MainWindow  # noqa: E402

WAIT_MS = 20000


def _records(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [r.strip() + "\n" for r in text.split("\n\n") if r.strip()]


@pytest.fixture
def bench(shared_data: Path) -> Path:
    folder = shared_data / "ms" / "bench"
    if not (folder / "library.msp").is_file():
        pytest.skip(f"EI benchmark MSP files not found in {folder}")
    return folder


@pytest.fixture
def small_msp(bench: Path, tmp_path: Path) -> Path:
    """A few library records: the first 20 plus every dimethylphenol (isomers of the query below)."""
    records = _records(bench / "library.msp")
    chosen = records[:20] + [r for r in records if "DIMETHYLPHENOL" in r.splitlines()[0].upper()]
    out = tmp_path / "small_library.msp"
    out.write_text("\n".join(chosen), encoding="utf-8")
    return out


@pytest.fixture
def query_msp(bench: Path, tmp_path: Path) -> Path:
    out = tmp_path / "query.msp"
    out.write_text(_records(bench / "queries.msp")[0], encoding="utf-8")  # 2,6-dimethylphenol
    return out


@pytest.fixture
def window(qtbot, tmp_path: Path):
    errors.NON_INTERACTIVE = True
    errors.shown.clear()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    for task in list(win.model.tasks):
        task.cancel()
    qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)


def _open_library(qtbot, win: MainWindow, location: Path) -> None:
    with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
        win.model.open_library(str(location), create=True)


def test_empty_library_shows_the_import_panel(qtbot, window, tmp_path):
    _open_library(qtbot, window, tmp_path / "empty.sqlite")
    assert window.central.currentWidget() is window.welcome
    assert window.welcome.import_button.isVisible() and window.welcome.import_button.isEnabled()
    assert "Import library files" in window.welcome.import_button.text()
    assert "MSP" in window.welcome.body.text()
    # no dead end: searching is disabled and says why
    assert not window.act_search.isEnabled()


def test_open_ir_jcamp_and_change_baseline(qtbot, window, shared_data):
    path = shared_data / "ir" / "formats" / "jcamp" / "lancashire_sqzdupd1.jdx"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    samples = window.open_paths([str(path)])
    assert len(samples) == 1 and samples[0].raw.technique == "ir"
    sample = samples[0]
    assert window.processing_dock.isVisible()
    # the IR code is loaded and the default processing applied in workers
    qtbot.waitUntil(lambda: not window.model.busy and sample.processed is not None, timeout=WAIT_MS)
    assert window.processing_dock.isEnabled()
    # IR plots run from high to low wavenumber
    assert window.spectrum_view.plot.getViewBox().xInverted()
    panel = window.processing
    panel.method.setCurrentIndex(panel.method.findData("asls"))
    with qtbot.waitSignal(window.model.sampleChanged, timeout=WAIT_MS):
        panel.flush()
    steps = [step.name for step in sample.processed.recipe]
    assert "baseline" in steps and "to_absorbance" in steps
    baseline_step = next(s for s in sample.processed.recipe if s.name == "baseline")
    assert baseline_step.params["method"] == "asls"
    last = window.model.operations[-1]
    assert last["op"] == "process" and last["params"]["baseline"]["method"] == "asls"
    # the view redraws on the next pass of the event loop, once for all the changes that landed together
    qtbot.waitUntil(lambda: {"before", "baseline", "spectrum"} <= set(window.spectrum_view.curves), timeout=WAIT_MS)
    # with the IR processing and case docks open, the window still fits a 1280 x 800 laptop screen
    window.show_case_panel()
    needed = window.minimumSizeHint()
    assert needed.width() <= 1280 and needed.height() <= 800, needed


def test_search_and_mirror_plot(qtbot, window, tmp_path, small_msp, query_msp):
    _open_library(qtbot, window, tmp_path / "lib.sqlite")
    with qtbot.waitSignal(window.model.taskEnded, timeout=WAIT_MS):
        window.model.import_into_library([str(small_msp)])
    assert window.model.library_count() > 20
    assert (tmp_path / "lib.sqlite.nps-index" / "ms.npz").is_file()  # the import built the search index
    samples = window.open_paths([str(query_msp)])
    assert samples and window.central.currentWidget() is window.workspace
    assert window.act_search.isEnabled()
    with qtbot.waitSignal(window.model.searchFinished, timeout=WAIT_MS):
        window.act_search.trigger()
        # the search runs in a worker thread: the window is still free while it runs
        assert window.model.busy and window.act_cancel.isEnabled()
    table = window.results.table
    assert table.model().rowCount() > 0
    top = window.results.selected_hit()
    assert "DIMETHYLPHENOL" in top.name.upper()
    assert window.model.operations[-1]["op"] == "search"
    items = window.results.mirror.items
    assert "query" in items and "reference" in items and "difference" in items
    # select another hit: the mirror follows it
    table.selectRow(1)
    assert window.results.selected_hit() is window.results.table_model.hits[1]
    assert "reference" in window.results.mirror.items


def test_cancelled_search_leaves_no_hits(qtbot, window, tmp_path, small_msp, query_msp):
    _open_library(qtbot, window, tmp_path / "lib.sqlite")
    with qtbot.waitSignal(window.model.taskEnded, timeout=WAIT_MS):
        window.model.import_into_library([str(small_msp)])
    (sample,) = window.open_paths([str(query_msp)])
    with qtbot.waitSignal(window.model.taskEnded, timeout=WAIT_MS):
        window.search()
        window.act_cancel.trigger()
    assert sample.hitlist is None
    assert not window.model.busy and window.act_search.isEnabled()


def test_import_through_the_library_browser(qtbot, window, tmp_path, small_msp):
    from nps_id_gui.dialogs.library_browser import LibraryBrowser

    _open_library(qtbot, window, tmp_path / "browse.sqlite")
    browser = LibraryBrowser(window.model, window)
    qtbot.addWidget(browser)
    task = browser.import_paths([str(small_msp)], technique="ms")
    assert task is not None
    qtbot.waitUntil(lambda: browser.task is None and not browser.listing(), timeout=WAIT_MS)
    assert browser.last_report is not None and browser.last_report.added > 20
    table = browser.table.model()
    total = table.rowCount()
    assert total == browser.last_report.added
    browser.field.setCurrentIndex(browser.field.findData("name"))
    browser.query.setText("dimethylphenol")
    browser.find()
    qtbot.waitUntil(lambda: not browser.listing(), timeout=WAIT_MS)
    assert 0 < table.rowCount() < total
    names = [table.index(r, 1).data().upper() for r in range(table.rowCount())]
    assert all("DIMETHYLPHENOL" in n for n in names)
    browser.show_entry(0)
    assert "sticks" in browser.spectrum_view.curves
    assert browser.export_button.isEnabled()
    out = Path(window.model.library_location).with_name("export.msp")
    browser.export(out)
    qtbot.waitUntil(lambda: browser.task is None, timeout=WAIT_MS)
    assert out.read_text().count("Num Peaks") == browser.last_report.added
    assert window.model.operations[-1]["op"] == "export_library"


def test_bad_file_shows_a_message_naming_it(qtbot, window, tmp_path):
    bad = tmp_path / "broken.jdx"
    bad.write_bytes(b"\x00\x17PK not a spectrum \xff\xfe" * 40)
    empty = tmp_path / "empty.msp"
    empty.write_bytes(b"")
    assert window.open_paths([str(bad), str(empty)]) == []
    assert len(errors.shown) == 2
    assert "broken.jdx" in errors.shown[0][1] and "empty.msp" in errors.shown[1][1]
    assert window.central.currentWidget() is window.welcome
    # read in a worker, as from the menus or a drop: the same message, once the worker is done
    errors.shown.clear()
    assert window.open_paths([str(bad)], background=True) == []
    qtbot.waitUntil(lambda: len(errors.shown) == 1 and not window.model.busy, timeout=WAIT_MS)
    assert "broken.jdx" in errors.shown[0][1] and not window.model.samples


def test_a_file_read_in_a_worker_says_what_was_opened(qtbot, window, tmp_path):
    path = tmp_path / "two.msp"
    path.write_text("Name: A\nNum Peaks: 2\n58 999\n91 120\n\nName: B\nNum Peaks: 2\n44 999\n105 300\n\n")
    assert window.open_paths([str(path)], background=True) == []
    qtbot.waitUntil(lambda: len(window.model.samples) == 2 and not window.model.busy, timeout=WAIT_MS)
    # the task's end does not overwrite what was opened with "Reading …: done"
    assert window.statusBar().currentMessage() == "Opened two.msp: 2 spectra"


def test_a_jcamp_gcms_run_opens_as_a_run_not_a_spectrum(window, shared_data):
    path = shared_data / "gcms" / "PyMassSpec" / "ELEY_1_SUBTRACT.JDX"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    (sample,) = window.open_paths([str(path)], background=False)  # large files open in a worker otherwise
    assert sample.kind == "run" and sample.run.n_scans == 2103 and "tic" in window.gcms_view.items


def test_gcms_run_components_and_xic(qtbot, window, shared_data):
    path = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D"
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    (sample,) = window.open_paths([str(path)])
    assert sample.kind == "run" and "tic" in window.gcms_view.items
    task = window.model.analyse_run(sample)
    if task is None:
        pytest.skip("GC-MS analysis not available in the core yet")
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    assert sample.components, "the run has at least the etizolam and internal-standard peaks"
    largest = max(sample.components, key=lambda c: c.area)
    assert sample.current_component is largest
    assert window.gcms_view.table.model().rowCount() == len(sample.components)
    # clicking the TIC away from components shows that scan's spectrum
    window._time_clicked(12.0)
    assert sample.scan_spectrum is not None and abs(sample.scan_spectrum.get("retention_time") - 12.0) < 0.02
    window._xic_requested([342.0, 344.0])
    assert "xic 342" in window.gcms_view.items and "xic 344" in window.gcms_view.items


def test_no_display_gives_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "nps_id_gui.app"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert "no display" in proc.stderr and "Traceback" not in proc.stderr


def test_results_export_and_history(qtbot, window, tmp_path, small_msp, query_msp):
    import json

    _open_library(qtbot, window, tmp_path / "lib.sqlite")
    with qtbot.waitSignal(window.model.taskEnded, timeout=WAIT_MS):
        window.model.import_into_library([str(small_msp)])
    (sample,) = window.open_paths([str(query_msp)])
    with qtbot.waitSignal(window.model.searchFinished, timeout=WAIT_MS):
        window.search()
    assert window.act_export.isEnabled()
    out = window.model.export_results(sample, tmp_path / "results.json")
    data = json.loads(out.read_text())
    assert data["hits"] and [op["op"] for op in data["history"]] == ["search"]
    written = window.model.save_spectrum(sample, tmp_path / "query_out.msp")
    assert written and Path(written[0]).read_text().count("Num Peaks") == 1
    qtbot.waitUntil(lambda: not window._pending_history, timeout=WAIT_MS)  # the list is filled in one go
    ops = [window.history.item(i).text() for i in range(window.history.count())]
    assert any(" search " in o for o in ops) and any("save_spectrum" in o for o in ops)


def test_drop_recent_files_and_restored_layout(qtbot, window, tmp_path, query_msp):
    from PyQt6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PyQt6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(query_msp))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert len(window.model.samples) == 0   # read in a worker: the drop returns at once
    qtbot.waitUntil(lambda: len(window.model.samples) == 1, timeout=30_000)
    assert window.recent_files()[0] == str(query_msp)
    window.resize(760, 560)
    size = window.size()  # as far as the minimum size and the offscreen screen allow
    window.close()
    again = MainWindow(settings=window.settings)
    qtbot.addWidget(again)
    assert again.recent_files()[0] == str(query_msp)
    # (the width is bounded below by the widgets' minimum, which depends on what is loaded)
    assert again.height() == size.height() == 560 and abs(again.width() - size.width()) < 40


def test_unexpected_exception_is_shown_not_fatal(qtbot, window):
    errors.install_excepthook()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    assert errors.shown and errors.shown[-1][0] == "Unexpected error"
    assert "boom in a slot" in errors.shown[-1][1]


def test_large_file_is_read_off_the_ui_thread(qtbot, window, bench, monkeypatch):
    import nps_id_gui.main_window as mw

    monkeypatch.setattr(mw, "ASYNC_BYTES", 1000)  # queries.msp (~0.3 MB) counts as large here
    assert window.open_paths([str(bench / "queries.msp")]) == []
    assert window.model.busy  # reading in a worker, the window keeps running
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    samples = window.model.samples
    assert len(samples) > 100 and all(s.path.name == "queries.msp" for s in samples)
    parent = window.sample_tree.topLevelItem(0)
    assert parent.childCount() == len(samples)
    assert window.model.current is samples[0]


def test_failed_processing_step_is_reported_in_the_panel(qtbot, window, shared_data):
    path = shared_data / "ir" / "formats" / "jcamp" / "lancashire_sqzdupd1.jdx"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    (sample,) = window.open_paths([str(path)])
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)
    panel = window.processing
    panel.absorbance.setChecked(False)  # a baseline on transmittance is refused by the core
    panel.method.setCurrentIndex(panel.method.findData("arpls"))
    with qtbot.waitSignal(window.model.sampleChanged, timeout=WAIT_MS):
        panel.flush()
    assert "lancashire_sqzdupd1.jdx" in panel.status.text() and "absorbance" in panel.status.text()
    assert window.spectrum_view.spectrum is not None  # the spectrum is still shown
    panel.absorbance.setChecked(True)
    with qtbot.waitSignal(window.model.sampleChanged, timeout=WAIT_MS):
        panel.flush()
    assert panel.status.text() == "" and sample.processed is not None


def test_unusable_library_is_explained_not_fatal(qtbot, window, tmp_path):
    bad = tmp_path / "not_a_library.sqlite"
    bad.write_text("this is a text file, not a library\n")
    _open_library(qtbot, window, bad)
    assert window.model.library is None
    assert "not_a_library.sqlite" in window.model.library_error
    assert "cannot be used" in window.welcome.library_state.text()
    assert not window.act_import.isEnabled() and not window.act_search.isEnabled()
    assert window.welcome.open_lib_button.isEnabled()  # a way out: choose another library


def test_menu_shortcuts(window):
    shortcuts = {a.shortcut().toString(): a.text().replace("&", "") for a in window.findChildren(type(window.act_open))
                 if not a.shortcut().isEmpty()}
    for key, text in (("Ctrl+O", "Open…"), ("Ctrl+F", "Search library"), ("Ctrl+L", "Library browser…"),
                      ("Ctrl+I", "Import into library…"), ("Ctrl+R", "Analyse GC-MS run"), ("Esc", "Cancel")):
        assert shortcuts.get(key) == text


def test_import_asks_the_technique_and_reports_every_file(qtbot, window, tmp_path, shared_data):
    from nps_id_gui.dialogs.import_dialog import ImportDialog

    folder = shared_data / "ir" / "formats"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    # the dialog asks: an MSP is preselected as EI-MS, a folder waits for the user's answer
    dialog = ImportDialog(window, paths=[str(tmp_path / "lib.msp")])
    qtbot.addWidget(dialog)
    assert dialog.technique() == "ms" and dialog.import_button.isEnabled()
    dialog = ImportDialog(window, paths=[str(folder)])
    qtbot.addWidget(dialog)
    assert dialog.technique() is None and not dialog.import_button.isEnabled()
    dialog.set_technique("ir")
    assert dialog.import_button.isEnabled() and dialog.choice() == ([str(folder)], "ir", False)

    _open_library(qtbot, window, tmp_path / "ir.sqlite")
    window.show_library()
    browser = window._browser
    browser.import_paths([str(folder)], "ir")
    qtbot.waitUntil(lambda: browser.task is None and not browser.listing(), timeout=WAIT_MS)
    report = browser.last_report
    shown = browser.report_dialog
    assert shown is not None and shown.isVisible()
    rows = shown.rows
    # every file is listed, the ones passed over and those of other techniques with their reason
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(rows) == len(files) == shown.table.model().rowCount()
    assert sum(r.added for r in rows) == report.added == window.model.library_count() > 0
    assert any("EI mass spectra, not IR" in r.reasons for r in rows if r.added == 0)
    assert any("Raman" in r.reasons for r in rows) and any("not a spectrum file" in r.reasons for r in rows)
    assert "not IR" in shown.summary.text()
    shown.grab().save("/tmp/nps_import_report.png")
    browser.grab().save("/tmp/nps_library_browser.png")

    # the same folder again: nothing added twice, every spectrum reported as already present
    before = window.model.library_count()
    browser.import_paths([str(folder)], "ir")
    qtbot.waitUntil(lambda: browser.task is None and not browser.listing(), timeout=WAIT_MS)
    again = browser.last_report
    assert again.added == 0 and again.duplicates == report.added and window.model.library_count() == before
    assert "already present" in browser.report_dialog.summary.text()
    assert window.model.operations[-1]["params"]["technique"] == "ir"


def test_a_cancel_after_the_point_of_no_return_does_not_hide_the_result(qtbot):
    # a library import past its commit cannot be undone: a Cancel then must not drop its report
    import threading

    from nps_id_gui.workers import Task

    committed, go_on = threading.Event(), threading.Event()

    def work(progress, cancel):
        cancel.close()
        committed.set()
        go_on.wait(30)
        progress(1, 1, "building the search indexes")  # would raise Cancelled before close()
        return "report"

    task = Task("import", work)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS) as blocker:
        task.start()
        assert committed.wait(30)
        task.cancel()
        go_on.set()
    assert blocker.args == ["report"] and not task.cancel_flag.is_set()


def test_cancelled_import_leaves_the_library_unchanged(qtbot, window, tmp_path, bench):
    _open_library(qtbot, window, tmp_path / "cancel.sqlite")
    window.show_library()
    browser = window._browser
    task = browser.import_paths([str(bench / "library.msp")], "ms")
    assert task is not None and browser.cancel_button.isVisible()
    # at once, while the 12,000 spectra are being read (waiting for a progress signal first let a
    # loaded machine's worker reach the commit, after which a Cancel no longer undoes the import)
    browser.cancel_button.click()
    qtbot.waitUntil(lambda: browser.task is None and not browser.listing(), timeout=WAIT_MS)
    assert task.cancel_flag.is_set() and browser.last_report is None
    assert window.model.library_count() == 0 and browser.records.rowCount() == 0
    assert not errors.shown  # a cancel is not an error
