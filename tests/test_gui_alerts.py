"""The app's early-warning parts (pytest-qt, offscreen): "Report as unidentified…", the banner's
"seen by" line and the "Emerging substances" page, on real NIST replicates of 5-Chloro-AKB48
(absent from the library) and a SQLite register.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings  # noqa: E402

WAIT_MS = 60000
UNKNOWN = "5-Chloro-AKB48"
OTHER = "MPHP"


@pytest.fixture(scope="module")
def world(shared_data, tmp_path_factory):
    from nps_id.alerts.register import open_register
    from nps_id.alerts.report import report_unknown
    from nps_id.io import read_spectra, write_spectra
    from nps_id.library import open_library
    from nps_id.library.signing import generate_key
    from nps_id.search import search_spectra

    tmp = tmp_path_factory.mktemp("gui_alerts")
    nps = read_spectra(shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")
    unknown = [s for s in nps if s.name == UNKNOWN]
    other = [s for s in nps if s.name == OTHER]
    base = tmp / "base.msp"
    write_spectra([s for s in nps if s.name not in (UNKNOWN, OTHER)], base)
    library = tmp / "lab.sqlite"
    keys = {lab: generate_key(tmp / f"{lab}.key") for lab in ("A", "B", "C")}
    register = tmp / "register.sqlite"
    with open_library(library, create=True) as lib, open_register(register, create=True) as reg:
        lib.import_files([base])
        for lab in ("A", "B", "C"):
            reg.register_lab(f"Lab {lab}", keys[lab][1].read_bytes())
        hits = search_spectra(lib, [unknown[0], unknown[1], other[0]], register=False)
        report_unknown(reg, hits[0], keys["A"][0], "Lab A", "AT", "Central Europe")
        report_unknown(reg, hits[1], keys["B"][0], "Lab B", "HU", "Central Europe")
        report_unknown(reg, hits[2], keys["A"][0], "Lab A", "AT", "Central Europe")
    query = tmp / "CASE-4711_exhibit7.msp"
    write_spectra([unknown[2].with_metadata(name="CASE-4711 exhibit 7", source_id="EXH-7")], query)
    return {"tmp": tmp, "library": library, "register": register, "keys": keys, "query": query}


@pytest.fixture
def window(qtbot, tmp_path, world, monkeypatch):
    from nps_id_gui.dialogs import errors
    from nps_id_gui.main_window import MainWindow

    monkeypatch.setenv("NPS_ID_ALERT_REGISTER", str(world["register"]))
    errors.NON_INTERACTIVE = True
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
        win.model.open_library(str(world["library"]))
    yield win
    for task in list(win.model.tasks):
        task.cancel()
    qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)


def test_search_says_seen_and_the_report_dialog_sends_exactly_what_it_shows(qtbot, window, world):
    from nps_id.alerts.register import open_register

    (sample,) = window.open_paths([str(world["query"])])
    assert not window.act_report_unknown.isEnabled()  # nothing searched yet
    with qtbot.waitSignal(window.model.searchFinished, timeout=WAIT_MS):
        window.act_search.trigger()
    assert sample.hitlist.verdict.verdict == "not_in_library"
    # the window redraws on the next pass of the event loop
    qtbot.waitUntil(lambda: "Early warning" in window.results.verdict_banner.text(), timeout=WAIT_MS)
    text = window.results.verdict_banner.text()
    assert "Early warning: seen by 2 labs (Central Europe) since" in text
    assert window.act_report_unknown.isEnabled()
    window.grab().save(str(Path("/tmp") / "nps_alerts_window.png"))

    dialog = window.report_unknown()
    qtbot.addWidget(dialog)
    assert not dialog.send_button.isEnabled()  # no lab, key or register given yet
    assert "lab's name" in dialog.problem.text()
    dialog.lab.setText("Lab C")
    dialog.country.setText("SK")
    dialog.region.setText("Central Europe")
    dialog.key.setText(str(world["keys"]["C"][0]))
    assert dialog.register.text() == str(world["register"])
    assert dialog.send_button.isEnabled()
    shown = dialog.preview.toPlainText()
    sent = dialog.sent_text()
    assert '"lab": "Lab C"' in shown and "Not sent" in shown
    for private in ("CASE-4711", "exhibit", "EXH-7"):
        assert private not in sent and private not in shown.split("Not sent")[0]
    dialog.resize(760, 640)
    dialog.grab().save(str(Path("/tmp") / "nps_alerts_report_dialog.png"))
    uid = dialog.payload["uid"]
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=WAIT_MS)
    assert dialog.status.text().startswith("✔ Accepted by the register: entry 4 in cluster #1")
    with open_register(world["register"]) as register:
        [entry] = register.backend.query("SELECT lab, payload FROM alert_entries WHERE uid = ?", (uid,))
        assert entry[0] == "Lab C" and entry[1] == sent  # the register holds exactly what was shown
        assert register.cluster(1)["n_labs"] == 3


def test_emerging_substances_page_filters_by_class_and_exports_csv(qtbot, window, world, tmp_path):
    panel = window.show_alerts()
    qtbot.waitUntil(lambda: panel.task is None and bool(panel.model.all_rows), timeout=WAIT_MS)
    clusters = panel.model.all_rows
    assert len(clusters) == 2 and panel.model.rowCount() == 2
    assert {c["predicted_class"] for c in clusters} == set(panel.model.classes())
    cannabinoid = next(c for c in clusters if c["predicted_class"] == "synthetic cannabinoid")
    assert cannabinoid["n_labs"] >= 2
    panel.class_box.setCurrentText("synthetic cannabinoid")
    assert panel.model.rowCount() == 1 and panel.model.rows[0]["id"] == cannabinoid["id"]
    assert panel.select_cluster(cannabinoid["id"])
    assert {"query", "reference"} <= set(panel.mirror.items)  # the cluster's spectrum, head to tail
    out = panel.export_csv(str(tmp_path / "focal_point.csv"))
    rows = list(csv.DictReader(out.open()))
    assert [r["cluster"] for r in rows] == [str(cannabinoid["id"])]
    window.alerts_dock.resize(1200, 420)
    window.grab().save(str(Path("/tmp") / "nps_alerts_page.png"))
    panel.class_box.setCurrentText("All classes")
    assert panel.model.rowCount() == 2


def test_emerging_substances_page_says_when_the_register_is_down(qtbot, window):
    panel = window.show_alerts()
    qtbot.waitUntil(lambda: panel.task is None, timeout=WAIT_MS)
    panel.location.setText("postgresql://nobody:pw@127.0.0.1:9/none")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.task is None, timeout=WAIT_MS)
    assert "could not be read" in panel.message.text() and "cannot connect" in panel.message.text()


def test_show_cluster_link_opens_the_page_on_that_cluster(qtbot, window, world):
    (sample,) = window.open_paths([str(world["query"])])
    with qtbot.waitSignal(window.model.searchFinished, timeout=WAIT_MS):
        window.act_search.trigger()
    seen = sample.hitlist.seen_elsewhere
    assert seen is not None
    banner = window.results.verdict_banner
    # the window redraws on the next pass of the event loop
    qtbot.waitUntil(lambda: f'href="cluster:{seen.cluster_id}"' in banner.seen.text(), timeout=WAIT_MS)
    banner.seen.linkActivated.emit(f"cluster:{seen.cluster_id}")  # what a click on "show cluster" sends
    panel = window.alerts_panel
    qtbot.waitUntil(lambda: panel.task is None and panel.selected() is not None, timeout=WAIT_MS)
    assert panel.selected()["id"] == seen.cluster_id
    assert panel.query is sample.query and "query" in panel.mirror.items  # the query against the cluster
