"""The app's translations: complete, up to date with the sources, compiled, and no English left on screen in Russian.

(a) every message of ``gui/translations/nps_id_ru.ts`` has a finished translation;
(b) the ``.ts`` holds exactly the messages ``pylupdate6`` finds in the sources now
    (a string added to the code without a translation fails here);
(c) the committed ``.qm`` (``lrelease`` is not in CI) translates every message as the ``.ts`` says;
(d) the main window in Russian, with a real EI spectrum searched against a small
    library built from real records, a real GC-MS run analysed and a real IR
    spectrum, and the main dialogs open: no visible text, tooltip, title, menu
    entry or table header shows English (two Latin words of 3+ letters in a row,
    once data — file, sample and compound names — and an allow-list of proper
    names are taken out).
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")
etree = pytest.importorskip("lxml.etree")

from PyQt6.QtCore import QLocale, QSettings, QTranslator  # noqa: E402
from PyQt6.QtGui import QAction  # noqa: E402
from PyQt6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,  # noqa: E402
                             QListWidget, QTableView, QTabWidget, QTextBrowser, QTreeView, QWidget)

from nps_id_gui import i18n  # noqa: E402

GUI = Path(i18n.__file__).resolve().parent
TS = i18n.TRANSLATIONS / "nps_id_ru.ts"
QM = i18n.TRANSLATIONS / "nps_id_ru.qm"
WAIT_MS = 60000
#: Proper names and fixed technical terms that stay in Latin letters in Russian.
ALLOWED = ("NPS-ID", "SWGDRUG", "NIST MS Search", "NIST", "JCAMP-DX", "ANDI netCDF", "INCB Red List", "Mass Spectral",
           "Agilent", "ChemStation", "Savitzky–Golay", "Kubelka-Munk", "GPL-3.0-or-later", "Stein 1994",
           "Ctrl+Shift", "DB-5MS", "nps-id library keygen", "NPS_ID_ALERT_REGISTER", "MS Search",
           "Open Specy")
ENGLISH = re.compile(r"(?<![\w@./\\-])[A-Za-z]{3,}[ \t]+[A-Za-z]{3,}(?![\w])")


# -- (a) (b) (c): the files ------------------------------------------------------------------
def _messages(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (translation, type) of the current (not vanished/obsolete) messages."""
    out = {}
    for context in etree.parse(str(path)).iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            out[(name, message.findtext("source"))] = ((translation.text or "") if translation is not None else "",
                                                       kind)
    return out


def test_every_message_has_a_finished_translation():
    messages = _messages(TS)
    assert len(messages) > 300, "the .ts lost its messages"
    missing = [f"[{c}] {s!r}" for (c, s), (text, kind) in messages.items() if kind == "unfinished" or not text.strip()]
    assert not missing, "untranslated (python -m nps_id_gui.i18n update ru, then fill/Qt Linguist):\n" + "\n".join(
        missing[:40])


def test_ts_is_up_to_date_with_the_sources(tmp_path):
    tool = shutil.which("pylupdate6")
    if tool is None:
        pytest.skip("pylupdate6 (ships with PyQt6) not on PATH")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([tool, "--no-summary", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    now = set(_messages(fresh))
    committed = set(_messages(TS))
    new = sorted(now - committed)
    gone = sorted(committed - now)
    assert not new, f"{len(new)} strings in the code are not in {TS.name} (run `python -m nps_id_gui.i18n update " \
                    f"ru`, translate, `release`): {new[:20]}"
    assert not gone, f"{len(gone)} messages of {TS.name} are no longer in the code: {gone[:20]}"


def test_qm_translates_as_the_ts(qapp):
    from PyQt6.QtCore import QCoreApplication

    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)  # consulted first; QTranslator.translate itself wants ASCII sources
    try:
        wrong = []
        for (context, source), (text, _) in _messages(TS).items():
            got = QCoreApplication.translate(context, source)
            if got != text:
                wrong.append((context, source, got, text))
    finally:
        qapp.removeTranslator(translator)
    assert not wrong, f"{len(wrong)} messages of the .qm differ from the .ts (run `python -m nps_id_gui.i18n " \
                      f"release`): {wrong[:5]}"


# -- (d): the window in Russian ---------------------------------------------------------------
def _records(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [r.strip() + "\n" for r in text.split("\n\n") if r.strip()]


@pytest.fixture(scope="module")
def russian(qapp):
    """Russian installed for the tests of this module, English again afterwards."""
    before = QLocale()
    assert i18n.install_translators(qapp, "ru") == "ru"
    yield qapp
    i18n.install_translators(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture(scope="module")
def inputs(shared_data: Path, tmp_path_factory) -> dict:
    """A small library of real EI records, a real query of a compound in it, a GC-MS run and an IR spectrum."""
    from nps_id.library.store import open_library

    bench = shared_data / "ms" / "bench"
    run = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223001.D"
    irs = sorted((shared_data / "ir" / "formats" / "jcamp").glob("*.jdx"))
    if not (bench / "library.msp").is_file() or not run.is_dir() or not irs:
        pytest.skip("bench MSP, LRCFS run or IR JCAMP files not found in the shared data")
    folder = tmp_path_factory.mktemp("i18n")
    records = _records(bench / "library.msp")
    names = lambda r: r.splitlines()[0].split(":", 1)[1].strip()  # noqa: E731
    chosen = records[:40] + [r for r in records[40:] if "METHYLPHENOL" in names(r).upper()]
    msp = folder / "tiny.msp"
    msp.write_text("\n".join(chosen), encoding="utf-8")
    location = folder / "tiny.sqlite"
    library = open_library(location, create=True)
    library.import_files([msp])
    library.close()
    truth = {line.split("\t")[0].upper(): line.split("\t")[2].upper()
             for line in (bench / "truth.tsv").read_text().splitlines()[1:]}
    query = next(r for r in _records(bench / "queries.msp") if truth.get(names(r).upper()) == "4-METHYLPHENOL")
    spectrum = folder / "exhibit.msp"
    spectrum.write_text(query, encoding="utf-8")
    return {"library": location, "spectrum": spectrum, "run": run, "ir": irs[0],
            "data": [names(r) for r in chosen] + [names(query)]}


def _plot_texts(widget: QWidget) -> list[str]:
    """Title, axis titles and legend entries of a pyqtgraph PlotWidget."""
    import pyqtgraph as pg

    out = []
    if isinstance(widget, pg.PlotWidget):
        items = [widget.getPlotItem()]
    elif isinstance(widget, pg.GraphicsLayoutWidget):  # stacked plots (the TIC over the XICs)
        items = [i for i in widget.ci.items if isinstance(i, pg.PlotItem) and i.isVisible()]
    else:
        items = []
    for item in items:
        out.append(item.titleLabel.text or "")
        for side in ("left", "bottom"):
            out.append(item.getAxis(side).labelText or "")
        if item.legend is not None:
            out.extend(label.text for _, label in item.legend.items)
    return out


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what ``root`` shows or offers: texts, titles, tooltips, menus, tabs, headers."""
    out: list[tuple[str, str]] = [("title", root.windowTitle())]
    for w in [root] + root.findChildren(QWidget):
        if w is not root and not w.isVisibleTo(root):
            continue
        if isinstance(w, QListWidget) and w is getattr(root, "history", None):
            continue  # the recipe log: operation names and parameters, data of the record
        where = type(w).__name__
        out.append((where + " tooltip", w.toolTip()))
        if isinstance(w, QDockWidget):
            out.append((where, w.windowTitle()))
        if isinstance(w, QLabel):
            out.append((where, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((where, w.title()))
        elif isinstance(w, QLineEdit):
            out.append((where + " placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            out.extend((where, w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                out.append((where, w.tabText(i)))
                out.append((where + " tooltip", w.tabToolTip(i)))
        elif isinstance(w, QTextBrowser):
            out.append((where, w.toPlainText()))
        if isinstance(w, (QTableView, QTreeView)) and w.model() is not None:
            from PyQt6.QtCore import Qt

            model = w.model()
            for col in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(col, Qt.Orientation.Horizontal, role)
                    out.append((where + " header", str(value or "")))
            for row in range(min(model.rowCount(), 3)):
                for col in range(model.columnCount()):
                    tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
                    out.append((where + " cell tooltip", str(tip or "")))
        out.extend((where + " plot", t) for t in _plot_texts(w))
    for action in root.findChildren(QAction):
        out.append(("action", action.text()))
        out.append(("action tooltip", action.toolTip()))
        out.append(("action status tip", action.statusTip()))
    bar = getattr(root, "statusBar", None)
    if callable(bar):
        out.append(("status bar", root.statusBar().currentMessage()))
    return [(where, text) for where, text in out if text]


def english_left(texts: list[tuple[str, str]], data: list[str]) -> list[tuple[str, str]]:
    """The texts that still read as English once markup, data and allowed names are taken out."""
    found = []
    removable = sorted({d for d in data if d} | set(ALLOWED), key=len, reverse=True)
    for where, text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
        for item in removable:
            plain = plain.replace(item, " ")
        hit = ENGLISH.search(plain)
        if hit:
            found.append((where, hit.group(0), text[:160]))
    return found


def _wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.model.busy, timeout=WAIT_MS)


def test_window_and_dialogs_in_russian_show_no_english(qtbot, russian, inputs, tmp_path):
    from nps_id_gui.dialogs import errors
    from nps_id_gui.dialogs.case_dialogs import ConcludeDialog, NewCaseDialog, ExhibitDialog, ReviewDialog
    from nps_id_gui.dialogs.import_dialog import ImportDialog
    from nps_id_gui.dialogs.gcms_settings import GCMSSettingsDialog
    from nps_id_gui.dialogs.report_unknown import ReportUnknownDialog
    from nps_id_gui.main_window import MainWindow

    errors.NON_INTERACTIVE = True
    errors.shown.clear()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    window.model.open_library(str(inputs["library"]))
    _wait_idle(qtbot, window)
    data = list(inputs["data"]) + [str(p) for p in (inputs["library"], inputs["spectrum"], inputs["run"],
                                                     inputs["ir"])]
    problems = []

    # the welcome page, then an EI spectrum searched: banner, hit table, mirror, structure, details
    problems += english_left(visible_texts(window), data)
    (sample,) = window.open_paths([str(inputs["spectrum"])], background=False)
    data += [sample.label, sample.path.name]
    window.search()
    _wait_idle(qtbot, window)
    assert sample.hitlist is not None and sample.hitlist.hits, "the search found nothing"
    assert window.results.verdict_banner.isVisibleTo(window)
    banner = window.results.verdict_banner.text()
    assert any(word in banner for word in ("ИДЕНТИФИЦИРОВАНО", "НЕОДНОЗНАЧНО", "НЕТ В БИБЛИОТЕКЕ")), banner
    problems += english_left(visible_texts(window), data)

    # the dialogs of that result
    for dialog in (ReportUnknownDialog(sample.hitlist, window, settings), ImportDialog(window), NewCaseDialog(window),
                   ExhibitDialog(window), ConcludeDialog("—", window), ReviewDialog(window),
                   GCMSSettingsDialog({}, "", "", window)):
        dialog.show()
        problems += english_left(visible_texts(dialog), data)
        dialog.close()
    window.show_library()
    qtbot.waitUntil(lambda: not window._browser.listing(), timeout=WAIT_MS)
    # the entry shown is a record of the library: its field values (comment, contributor…) are data
    shown = window.model.library.get(window._browser.records.record_id(0))
    problems += english_left(visible_texts(window._browser), data + [str(v) for v in shown.metadata.values()])
    window._browser.close()

    # a real GC-MS run, analysed
    (run,) = window.open_paths([str(inputs["run"])], background=False)
    data += [run.label, run.path.name, str(run.path), str((run.run.metadata or {}).get("sample") or "")]
    window.search()
    _wait_idle(qtbot, window)
    assert run.components, "no component found in the run"
    problems += english_left(visible_texts(window), data)

    # a real IR spectrum, with the processing panel
    irs = window.open_paths([str(inputs["ir"])], background=False)
    assert irs and irs[0].raw.technique == "ir", irs
    window.model.set_current(irs[0])
    data += [s.label for s in irs] + [irs[0].path.name]
    _wait_idle(qtbot, window)
    qtbot.wait(300)
    problems += english_left(visible_texts(window), data)

    # the IR mixture dock, analysed (the tiny library holds no IR spectrum: it says why), the case panel and
    # the sequence panel
    window.analyse_mixture()
    qtbot.waitUntil(lambda: window.mixture_view.task is None, timeout=WAIT_MS)
    assert window.mixture_dock.isVisible() and window.mixture_view.status.text()
    window.show_case_panel()
    window.gcms_tools.sequence_dock.show()
    qtbot.wait(200)
    problems += english_left(visible_texts(window), data)

    assert not errors.shown, errors.shown
    report = "\n".join(f"  {where}: {hit!r} in {text!r}" for where, hit, text in problems)
    assert not problems, f"{len(problems)} English texts in the Russian interface:\n{report}"
