"""Menu entries of casework in the main window: the Case panel, sessions (.npsid) and CSV export.

:func:`install` is the one call the main window makes; everything else lives here
(the window stays a shell, as :mod:`nps_id_gui.main_window` asks).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QDockWidget, QFileDialog

from nps_id_gui.dialogs.errors import describe, show_error

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


def _is_menu(action: QAction, source: str) -> bool:
    """Is ``action`` the main window's menu titled ``source`` (English) in the interface language?"""
    return action.text() in (source, QCoreApplication.translate("MainWindow", source))


def install(window: Any) -> None:
    """Add the Case menu, File > Save/Open session and File > Export table as CSV to ``window``."""
    window.case_panel = None
    window.case_dock = None
    window.show_case_panel = lambda: show_case_panel(window)

    def action(text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
        act = QAction(text, window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setStatusTip(tip or text)
        act.triggered.connect(slot)
        return act

    window.act_case_panel = action(translate("CaseActions", "&Case panel"), window.show_case_panel, "Ctrl+Shift+K",
                                   translate("CaseActions", "Cases, exhibits, their analyses, conclusion, review and report"))
    window.act_save_session = action(translate("CaseActions", "Save sessio&n…"), lambda: _ask_save_session(window), None,
                                     translate("CaseActions", "Save the opened files, processing and selections as a "
                                                              ".npsid file"))
    window.act_open_session = action(translate("CaseActions", "Open session…"), lambda: _ask_open_session(window), None,
                                     translate("CaseActions", "Re-open a saved .npsid session"))
    window.act_export_csv = action(translate("CaseActions", "Export table as CS&V…"), lambda: _ask_export_csv(window),
                                   None, translate("CaseActions", "Save the hit table or the GC-MS component table "
                                                                  "(class, control status, verdict, isomers) as CSV"))
    bar = window.menuBar()
    file_menu = next((a.menu() for a in bar.actions() if a.menu() is not None
                      and _is_menu(a, "&File")), None)
    if file_menu is not None:
        first = file_menu.actions()[-1] if file_menu.actions() else None
        for act in (window.act_export_csv, window.act_save_session, window.act_open_session):
            file_menu.insertAction(first, act)
        file_menu.insertSeparator(first)
    case_menu = bar.addMenu(translate("CaseActions", "&Case"))
    case_menu.addAction(window.act_case_panel)
    # keep Help last
    help_action = next((a for a in bar.actions() if _is_menu(a, "&Help")), None)
    if help_action is not None:
        bar.removeAction(help_action)
        bar.addAction(help_action)


def show_case_panel(window: Any):
    """The Case panel in a dock (made on first use)."""
    from nps_id_gui.panels.case_panel import CasePanel
    from nps_id_gui.views.scrolled import scrolled

    if window.case_panel is None:
        window.case_panel = CasePanel(lambda: window.model.library_location)
        window.case_dock = QDockWidget(translate("CaseActions", "Case"), window)
        window.case_dock.setObjectName("case_dock")
        window.case_dock.setWidget(scrolled(window.case_panel, keep_width=False))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.case_dock)
    window.case_dock.show()
    window.case_dock.raise_()
    return window.case_panel


def _last_dir(window: Any) -> str:
    return str(window.settings.value("last_dir", "") or "")


def _ask_save_session(window: Any) -> None:
    from nps_id_gui.session import save_session

    path, _ = QFileDialog.getSaveFileName(window, translate("CaseActions", "Save session"),
                                          str(Path(_last_dir(window)) / "session.npsid"),
                                          translate("CaseActions", "NPS-ID sessions (*.npsid)"))
    if path:
        try:
            written = save_session(window, path)
        except Exception as exc:
            show_error(window, translate("CaseActions", "Cannot save the session"), describe(exc, path))
            return
        window.statusBar().showMessage(translate("CaseActions", "Session saved: {0}").format(written), 5000)


def _ask_open_session(window: Any) -> None:
    from nps_id_gui.session import restore_session

    path, _ = QFileDialog.getOpenFileName(window, translate("CaseActions", "Open session"), _last_dir(window),
                                          translate("CaseActions", "NPS-ID sessions (*.npsid)"))
    if path:
        try:
            restore_session(window, path)
        except Exception as exc:
            show_error(window, translate("CaseActions", "Cannot open the session"), describe(exc, path))


def _ask_export_csv(window: Any) -> None:
    from nps_id_gui.session import export_csv

    sample = window.model.current
    name = f"{Path(sample.label).stem if sample is not None else 'results'}.csv"
    path, _ = QFileDialog.getSaveFileName(window, translate("CaseActions", "Export table as CSV"),
                                          str(Path(_last_dir(window)) / name),
                                          "CSV (*.csv)")
    if path:
        try:
            written = export_csv(window, path)
        except Exception as exc:
            show_error(window, translate("CaseActions", "Cannot export"), describe(exc, path))
            return
        window.statusBar().showMessage(translate("CaseActions", "Table written: {0}").format(written), 5000)
