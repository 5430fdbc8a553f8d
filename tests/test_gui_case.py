"""The Case panel driven through its widgets (pytest-qt, offscreen): create a case, add the etizolam card run
and an IR spectrum, conclude, review, report; sessions (.npsid) and CSV export from the app."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings, Qt  # noqa: E402
from PyQt6.QtWidgets import QDialogButtonBox  # noqa: E402

from nps_id_gui.dialogs import errors  # noqa: E402
from nps_id_gui.main_window import MainWindow  # noqa: E402
from test_casework_core import build_case_library  # noqa: E402

WAIT_MS = 60000


@pytest.fixture(scope="module")
def case_library(shared_data, tmp_path_factory) -> Path:
    return build_case_library(shared_data, tmp_path_factory.mktemp("guicaselib") / "lib.sqlite")


@pytest.fixture
def window(qtbot, tmp_path, case_library):
    errors.NON_INTERACTIVE = True
    errors.shown.clear()
    win = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    win.model.open_library(str(case_library), create=False)
    yield win
    for task in list(win.model.tasks):
        task.cancel()
    if win.case_panel is not None and win.case_panel.task is not None:
        win.case_panel.task.cancel()


def _fill_and_ok(qtbot, dialog, fields: dict) -> None:
    for name, text in fields.items():
        widget = getattr(dialog, name)
        widget.clear()
        qtbot.keyClicks(widget, text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _tree_texts(panel) -> list[tuple[str, str]]:
    out = []

    def walk(item):
        out.append((item.text(0), item.text(1)))
        for i in range(item.childCount()):
            walk(item.child(i))
    for i in range(panel.tree.topLevelItemCount()):
        walk(panel.tree.topLevelItem(i))
    return out


def test_case_flow_in_the_app(qtbot, window, shared_data, tmp_path):
    pymupdf = pytest.importorskip("pymupdf")
    window.menuBar()  # the Case menu opens the panel
    case_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Case")
    case_menu.actions()[0].trigger()
    panel = window.case_panel
    assert panel is not None and window.case_dock.isVisible()
    assert panel.open_case_file(tmp_path / "cases.sqlite")

    qtbot.mouseClick(panel.btn_new, Qt.MouseButton.LeftButton)
    from nps_id_gui.dialogs.case_dialogs import ConcludeDialog, ExhibitDialog, NewCaseDialog, ReviewDialog
    dialog = panel.findChildren(NewCaseDialog)[-1]
    _fill_and_ok(qtbot, dialog, {"number": "2026-0042", "lab": "Test lab", "title": "seized cards",
                                 "analyst": "A. Analyst", "reviewer": "R. Reviewer"})
    assert panel.number == "2026-0042"

    qtbot.mouseClick(panel.btn_exhibit, Qt.MouseButton.LeftButton)
    _fill_and_ok(qtbot, panel.findChildren(ExhibitDialog)[-1],
                 {"label": "1", "description": "paper card", "weight": "0.41 g"})
    assert panel.selected_exhibit() == "1" and panel.btn_analysis.isEnabled()

    run = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D"
    ir = shared_data / "ir" / "nrcan_plotftir_atr" / "paper.csv"
    with qtbot.waitSignal(panel.taskFinished, timeout=WAIT_MS):
        task = panel.add_analyses("1", [run, ir])
        assert task is not None and not panel.btn_conclude.isEnabled()  # busy: no second action meanwhile
    assert not errors.shown, errors.shown
    texts = _tree_texts(panel)
    assert any(t == "GC-MS 220223018.D" and "identified: Etizolam" in d for t, d in texts), texts
    assert any(t == "IR paper.csv" for t, _ in texts)

    panel.select_exhibit("1")
    qtbot.mouseClick(panel.btn_conclude, Qt.MouseButton.LeftButton)
    conclude = panel.findChildren(ConcludeDialog)[-1]
    assert "identification of Etizolam supported" in conclude.findChildren(type(panel.status))[0].text()
    _fill_and_ok(qtbot, conclude, {"call": "Etizolam identified"})
    panel.select_exhibit("1")
    qtbot.mouseClick(panel.btn_review, Qt.MouseButton.LeftButton)
    _fill_and_ok(qtbot, panel.findChildren(ReviewDialog)[-1], {"reviewer": "A. Analyst"})
    assert errors.shown and "someone other than the analyst" in errors.shown[-1][1]
    panel.select_exhibit("1")
    qtbot.mouseClick(panel.btn_review, Qt.MouseButton.LeftButton)
    _fill_and_ok(qtbot, panel.findChildren(ReviewDialog)[-1], {"reviewer": "R. Reviewer"})
    assert ("Exhibit 1", "reviewed — paper card — 0.41 g") in _tree_texts(panel)

    pdf = tmp_path / "report.pdf"
    with qtbot.waitSignal(panel.taskFinished, timeout=WAIT_MS):
        panel.write_report(pdf, "1")
    assert panel.last_report == pdf and pdf.is_file()
    text = " ".join(" ".join(p.get_text() for p in pymupdf.open(pdf)).split())
    assert "Etizolam identified" in text and "R. Reviewer" in text
    assert panel.verify() == []
    panel.select_exhibit("1")
    window.grab().save(str(tmp_path / "case_panel.png"))
    window.grab().save("/tmp/nps_case_panel.png")  # looked at by the developer; the test asserts the tree
    assert any(t == "Report" for t, _ in _tree_texts(panel))


def test_session_round_trip_and_csv_export(qtbot, window, shared_data, tmp_path):
    from nps_id_gui.session import export_csv, read_session, restore_session, save_session

    run = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D"
    spectrum = shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv"
    samples = window.open_paths([run, spectrum], background=False)
    run_sample = next(s for s in samples if s.kind == "run")
    ir_sample = next(s for s in samples if s.kind == "spectrum")
    window.model.analyse_run(run_sample)
    # (opening the IR spectrum loads the IR code and processes it in workers too)
    qtbot.waitUntil(lambda: run_sample.run_result is not None and not window.model.busy, timeout=WAIT_MS)
    etizolam = next(i for i, c in enumerate(run_sample.components) if abs(c.rt_min - 10.26) < 0.05)
    window.model.select_component(run_sample, etizolam)
    processing = {"absorbance": True, "range": None, "smoothing": {"method": "none"},
                  "baseline": {"method": "arpls"}, "normalise": "max", "peaks": False}
    task = window.model.set_processing(ir_sample, processing)  # in a worker
    qtbot.waitUntil(lambda: task not in window.model.tasks, timeout=WAIT_MS)
    assert ir_sample.processed is not None and not ir_sample.processing_error
    window.model.search([ir_sample])
    qtbot.waitUntil(lambda: ir_sample.hitlist is not None and not window.model.busy, timeout=WAIT_MS)
    window.model.set_current(run_sample)

    exported = window.model.results_dict(run_sample)["provenance"]  # the app's JSON export carries provenance
    from nps_id.casework.provenance import sha256_file
    assert exported["inputs"][0]["sha256"] == sha256_file(run) and exported["library"]["content_sha256"]

    out = export_csv(window, tmp_path / "components.csv")
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert any(r["name"] == "Etizolam" and r["verdict"] == "identified" and r["control_status"] for r in rows)
    assert {"compound_class", "isomers", "isomer_ambiguity", "control_source"} <= set(rows[0])

    path = save_session(window, tmp_path / "work")
    assert path.suffix == ".npsid"
    data = read_session(path)
    assert [s["analysed"] for s in data["samples"] if s["kind"] == "run"] == [True]
    assert [s["component"] for s in data["samples"] if s["kind"] == "run"] == [etizolam]

    fresh = MainWindow(settings=QSettings(str(tmp_path / "s2.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(fresh)
    problems = restore_session(fresh, path)
    qtbot.waitUntil(lambda: any(s.run_result is not None for s in fresh.model.samples)
                    and any(s.hitlist is not None for s in fresh.model.samples if s.kind == "spectrum")
                    and not fresh.model.busy, timeout=WAIT_MS)
    assert problems == []
    restored_run = next(s for s in fresh.model.samples if s.kind == "run")
    assert restored_run.component == etizolam
    assert fresh.model.current is restored_run
    restored_ir = next(s for s in fresh.model.samples if s.kind == "spectrum")
    assert restored_ir.processing == processing and restored_ir.processed is not None
    assert restored_ir.hitlist is not None and restored_ir.hitlist.hits[0].name == ir_sample.hitlist.hits[0].name

    data["samples"][0]["path"] = str(tmp_path / "gone.D")
    data["version"] = 1
    broken = tmp_path / "broken.npsid"
    broken.write_text(json.dumps(data))
    errors.shown.clear()
    third = MainWindow(settings=QSettings(str(tmp_path / "s3.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(third)
    problems = restore_session(third, broken)
    qtbot.waitUntil(lambda: not third.model.tasks, timeout=WAIT_MS)
    assert problems and "gone.D" in problems[0] and "not found" in problems[0]
    assert errors.shown and "gone.D" in errors.shown[-1][1]
    newer = tmp_path / "newer.npsid"
    newer.write_text(json.dumps({**data, "version": 99}))
    with pytest.raises(Exception, match="newer NPS-ID"):
        read_session(newer)
