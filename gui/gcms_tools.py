"""GC-MS work in the app beyond one click: settings, method, sequences, averaged and background-subtracted
spectra, adding a spectrum to the library.  Installed on the main window by :func:`install`; the science is
in :mod:`nps_id.gcms` (this module only calls it and records each operation on the model)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtWidgets import QDockWidget, QFileDialog, QInputDialog

from nps_id_gui.dialogs.errors import describe, show_error
from nps_id_gui.workers import Task

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


def average_range(model: Any, sample: Any, start: float, end: float,
                  background: tuple[float, float] | None = None) -> Any:
    """Show the mean spectrum of a scan range (minus a background range) as the sample's spectrum."""
    from nps_id.gcms.chromatogram import average_spectrum

    spectrum = average_spectrum(sample.run, start, end, background)
    sample.scan_spectrum = spectrum
    sample.component = None
    sample.hitlist = None
    model.record("average_scans", sample, **spectrum.recipe[-1].params)
    model.sampleChanged.emit(sample)
    return spectrum


def add_to_library(model: Any, sample: Any, name: str) -> int:
    """Add the spectrum shown for ``sample`` (component or averaged scans) to the open library as ``name``."""
    from nps_id.errors import NpsIdError

    spectrum = sample.query
    if spectrum is None:
        raise NpsIdError(translate("GCMSTools", "no spectrum shown: select a component or average a scan range "
                                                "first"))
    if model.library is None:
        raise NpsIdError(translate("GCMSTools", "no library is open"))
    entry = spectrum.with_metadata(name=name, comment=f"added from {sample.path} at "
                                   f"{float(spectrum.get('retention_time') or 0):.3f} min")
    report = model.library.add_spectra([entry], why=f"GC-MS spectrum from {Path(str(sample.path)).name}")
    model.record("add_to_library", sample, name=name, library=str(model.library_location or ""),
                 ids=list(report.ids))
    model._library_count = None
    model.libraryChanged.emit()
    return int(report.ids[0]) if report.ids else -1


def analyse_sequence_task(model: Any, folder: str, then: Any) -> Task:
    """Analyse every run of ``folder`` in a worker (processes on all cores), with progress and cancel."""
    from nps_id.gcms.sequence import analyse_sequence, find_runs

    runs = find_runs(folder)
    library = model.library_location if model.library is not None and model.library_count() > 0 else None
    options = dict(model.gcms_options)
    blanks = list(getattr(model, "gcms_blank_patterns", []))

    def work(progress, cancel):
        # spawned workers: forking a process that runs Qt threads is unsafe
        return analyse_sequence(runs, library=library, search=library is not None, progress=progress,
                                cancel=cancel, start_method="spawn", blanks=blanks, **options)

    def done(result):
        model.record("analyse_sequence", None, folder=str(folder), runs=len(runs),
                     seconds=round(result.seconds, 1), **{k: str(v) for k, v in options.items()})
        then(result)

    return model._run_task(Task(translate("GCMSTools", "Analysing {0} runs").format(len(runs)), work), done,
                           str(folder))


class GCMSTools:
    """The window's GC-MS actions (menu entries and the view's manual buttons)."""

    def __init__(self, window: Any):
        from nps_id_gui.panels.sequence_panel import SequencePanel

        self.window = window
        self.model = window.model
        self.levels = {"sensitivity": "medium", "resolution": "medium", "shape": "medium"}
        self.ri_calibration = ""
        self.method = ""
        self.blanks = ""
        view = window.gcms_view
        view.averageRequested.connect(self.average)
        view.addToLibraryRequested.connect(self.add_spectrum)
        self.sequence_panel = SequencePanel()
        self.sequence_panel.openRun.connect(lambda path: window.open_paths([path], background=True))
        self.sequence_panel.save_button.clicked.connect(self.save_sequence)
        self.sequence_dock = QDockWidget(translate("GCMSTools", "Sequence"), window)
        self.sequence_dock.setObjectName("sequence_dock")
        self.sequence_dock.setWidget(self.sequence_panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.sequence_dock)
        self.sequence_dock.hide()
        self.act_settings = window._action(translate("GCMSTools", "GC-MS &settings…"), self.edit_settings, None,
                                           translate("GCMSTools", "Deconvolution sensitivity/resolution/shape, "
                                                                  "RI calibration, method"))
        self.act_sequence = window._action(translate("GCMSTools", "Analyse a &folder of runs (sequence)…"),
                                           self.open_sequence, "Ctrl+Shift+R",
                                           translate("GCMSTools", "Every run of a folder, in parallel, one summary "
                                                                  "table"))
        menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu() is not None}
        # the main window's menu titles, as it translated them
        file_menu = menus.get(translate("MainWindow", "&File").replace("&", ""))
        if file_menu is not None:
            actions = file_menu.actions()
            after = actions.index(window.act_open_run) + 1 if window.act_open_run in actions else len(actions)
            file_menu.insertAction(actions[after] if after < len(actions) else None, self.act_sequence)
        analysis = menus.get(translate("MainWindow", "&Analysis").replace("&", ""))
        if analysis is not None:
            analysis.addSeparator()
            analysis.addAction(self.act_settings)
        else:
            window.menuBar().addAction(self.act_settings)

    # -- settings ------------------------------------------------------------
    def edit_settings(self) -> None:
        from nps_id_gui.dialogs.gcms_settings import GCMSSettingsDialog

        dialog = GCMSSettingsDialog(self.levels, self.ri_calibration, self.method, self.window, self.blanks)
        if dialog.exec():
            self.apply_settings(dialog.levels(), dialog.ri_edit.text().strip(), dialog.method_edit.text().strip(),
                                dialog.blank_edit.text().strip())

    def apply_settings(self, levels: dict[str, str], ri_calibration: str = "", method: str = "",
                       blanks: str = "") -> None:
        from nps_id_gui.dialogs.gcms_settings import options_from

        try:
            options = options_from(levels, ri_calibration, method)
            if method:  # a bad method line is reported now, not at the next analysis
                from nps_id.gcms.method import read_method
                options["method"] = read_method(method)
            if blanks:
                import re
                re.compile(blanks)
        except Exception as exc:
            show_error(self.window, translate("GCMSTools", "GC-MS settings"), describe(exc, method or ri_calibration))
            return
        self.levels, self.ri_calibration, self.method, self.blanks = dict(levels), ri_calibration, method, blanks
        self.model.gcms_options = options
        self.model.gcms_blank_patterns = [blanks] if blanks else []
        self.model.record("gcms_settings", None, **levels, ri_calibration=ri_calibration, method=method,
                          blank_names=blanks)

    # -- manual spectra --------------------------------------------------------
    def average(self, start: float, end: float, background: Any) -> None:
        sample = self.model.current
        if sample is None or sample.kind != "run":
            return
        try:
            average_range(self.model, sample, start, end, background)
        except Exception as exc:
            show_error(self.window, translate("GCMSTools", "Average scans"), describe(exc, str(sample.path)))

    def add_spectrum(self) -> None:
        sample = self.model.current
        if sample is None or sample.query is None:
            show_error(self.window, translate("GCMSTools", "Add to library"),
                       translate("GCMSTools", "Select a component or average a scan range first."))
            return
        suggested = str(sample.query.name or "")
        name, ok = QInputDialog.getText(self.window, translate("GCMSTools", "Add to library"),
                                        translate("GCMSTools", "Name of the compound:"), text=suggested)
        if not ok or not name.strip():
            return
        try:
            add_to_library(self.model, sample, name.strip())
        except Exception as exc:
            show_error(self.window, translate("GCMSTools", "Add to library"),
                       describe(exc, str(self.model.library_location or "")))

    # -- sequences ---------------------------------------------------------------
    def open_sequence(self, folder: str | None = None) -> Task | None:
        if not folder:
            folder = QFileDialog.getExistingDirectory(self.window, translate("GCMSTools", "Folder of GC-MS runs"))
            if not folder:
                return None
        try:
            return analyse_sequence_task(self.model, folder, lambda result: self._show_sequence(result, folder))
        except Exception as exc:
            show_error(self.window, translate("GCMSTools", "Sequence"), describe(exc, folder))
            return None

    def _show_sequence(self, result: Any, folder: str) -> None:
        self.sequence_panel.show_result(result, Path(folder))
        self.sequence_dock.show()
        self.sequence_dock.raise_()

    def save_sequence(self) -> None:
        result = self.sequence_panel.result
        if result is None:
            return
        folder = QFileDialog.getExistingDirectory(self.window, translate("GCMSTools", "Save the sequence summary into"))
        if folder:
            try:
                result.write(folder)
            except Exception as exc:
                show_error(self.window, translate("GCMSTools", "Save sequence"), describe(exc, folder))


def install(window: Any) -> GCMSTools:
    """Add the GC-MS tools to ``window`` (one call from the main window)."""
    window.gcms_tools = GCMSTools(window)
    return window.gcms_tools
