"""The NPS-ID main window: shows the :class:`~nps_id_gui.model.Model` and calls it."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer
from PyQt6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PyQt6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                             QSplitter, QStackedWidget, QStyle, QTreeWidget, QTreeWidgetItem, QWhatsThis)

from nps_id_gui.dialogs.errors import describe, show_error
from nps_id_gui import processing as ir_processing
from nps_id_gui.model import Model, Sample
from nps_id_gui.workers import collect_garbage_on_ui_thread, wait_for_tasks
from nps_id_gui.panels.processing_panel import ProcessingPanel
from nps_id_gui.panels.welcome_panel import WelcomePanel
from nps_id_gui.views.gcms_view import GCMSView
from nps_id_gui.views.mixture_view import MixtureView
from nps_id_gui.views.results_view import ResultsView
from nps_id_gui.views.scrolled import scrolled
from nps_id_gui.views.spectrum_view import SpectrumView

log = logging.getLogger(__name__)

ORGANISATION = "NPS-ID"
APPLICATION = "NPS-ID"
MAX_RECENT = 10
#: Files larger than this are read in a worker thread.
ASYNC_BYTES = 1_000_000
OPEN_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Spectra and GC-MS runs (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA "
               "*.csv *.txt *.tsv *.dpt *.0 *.1 *.2 *.cdf *.CDF *.ms *.MS *.mzML *.mzXML *.ms1);;All files (*)")


class MainWindow(QMainWindow):
    def __init__(self, model: Model | None = None, settings: QSettings | None = None):
        super().__init__()
        collect_garbage_on_ui_thread()
        self.model = model or Model(self)
        self.settings = settings or QSettings(ORGANISATION, APPLICATION)
        self.setWindowTitle(self.tr("NPS-ID — spectrum identification"))
        self.setAcceptDrops(True)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._file_items: dict[str, QTreeWidgetItem] = {}
        self._pending_children: dict[int, tuple] = {}
        self._active_task = None
        self._browser = None
        self._loading_ir = False
        # a sample changed by a finished task is redrawn on the next pass of the event loop, once for
        # all the changes that landed together (an analysis sets the result, the components and the
        # hit lists): one redraw instead of several in a row, and input is handled in between
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self._redraw_current)

        self._build_views()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_statusbar()
        self._connect_model()
        self._restore()
        self.processing_dock.setVisible(False)  # shown when an IR spectrum is selected
        self._update_actions()
        from nps_id_gui.case_actions import install as install_casework
        install_casework(self)  # Case menu and panel, File > sessions (.npsid) and CSV export
        from nps_id_gui.gcms_tools import install as install_gcms_tools
        install_gcms_tools(self)  # GC-MS settings, sequences, averaged spectra, add to library

    # -- construction ---------------------------------------------------------
    def _build_views(self) -> None:
        self.welcome = WelcomePanel()
        self.welcome.importRequested.connect(self.import_into_library)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.openLibraryRequested.connect(self.choose_library)

        self.spectrum_view = SpectrumView()
        self.gcms_view = GCMSView()
        self.gcms_view.componentSelected.connect(self._component_selected)
        self.gcms_view.timeClicked.connect(self._time_clicked)
        self.gcms_view.xicRequested.connect(self._xic_requested)
        self.run_spectrum_view = SpectrumView()
        self.run_page = QSplitter(Qt.Orientation.Vertical)
        self.run_page.addWidget(self.gcms_view)
        self.run_page.addWidget(self.run_spectrum_view)
        self.run_page.setSizes([300, 220])

        self.data_stack = QStackedWidget()
        self.data_stack.addWidget(self.spectrum_view)
        self.data_stack.addWidget(self.run_page)

        self.results = ResultsView()
        self.results.hitSelected.connect(self._hit_selected)
        self.results.importRequested.connect(self.import_into_library)
        self.results.analoguesRequested.connect(self.find_analogues)
        self.results.analogueCancelRequested.connect(self._cancel_analogues)
        self.results.verdict_banner.clusterRequested.connect(self.show_alerts)  # early-warning register
        self.mixture_view = MixtureView()  # IR mixture analysis and spectral subtraction, in its own dock
        self.mixture_view.residualSearchRequested.connect(self._search_residual)
        self.mixture_view.analysed.connect(
            lambda sample: sample is self.model.current and self.results.verdict_banner.set_hitlist(sample.hitlist))
        self.mixture_dock = QDockWidget(self.tr("IR mixture"), self)
        self.mixture_dock.setObjectName("mixture_dock")
        self.mixture_dock.setWidget(self.mixture_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.mixture_dock)
        self.mixture_dock.setVisible(False)
        self._analogue_task = None

        self.workspace = QSplitter(Qt.Orientation.Vertical)
        self.workspace.addWidget(self.data_stack)
        self.workspace.addWidget(self.results)
        self.workspace.setStretchFactor(0, 1)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([400, 420])

        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.workspace)
        self.setCentralWidget(self.central)

    def _build_docks(self) -> None:
        self.sample_tree = QTreeWidget()
        self.sample_tree.setHeaderLabels([self.tr("Sample"), self.tr("Type")])
        header = self.sample_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.sample_tree.setAlternatingRowColors(True)
        self.sample_tree.currentItemChanged.connect(self._tree_current_changed)
        self.sample_dock = QDockWidget(self.tr("Samples"), self)
        self.sample_dock.setObjectName("samples_dock")
        self.sample_dock.setWidget(self.sample_tree)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sample_dock)

        self.processing = ProcessingPanel()
        self.processing.paramsChanged.connect(self._processing_changed)
        self.processing_dock = QDockWidget(self.tr("IR processing"), self)
        self.processing_dock.setObjectName("processing_dock")
        self.processing_dock.setWidget(scrolled(self.processing))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.processing_dock)
        self.history = QListWidget()
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(True)
        self.history.setUniformItemSizes(True)  # two lines each: no relayout of every item per entry
        self._pending_history: list = []
        self.history_dock = QDockWidget(self.tr("History"), self)
        self.history_dock.setObjectName("history_dock")
        self.history_dock.setWidget(self.history)
        self.history_dock.setToolTip(self.tr("Every operation, with its parameters, in the order done"))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.history_dock)
        self.splitDockWidget(self.sample_dock, self.history_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.sample_dock, self.processing_dock], [230, 250], Qt.Orientation.Horizontal)
        self.resizeDocks([self.sample_dock, self.history_dock], [520, 200], Qt.Orientation.Vertical)

    def _action(self, text: str, slot, shortcut: Any = None, tip: str = "", icon: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setStatusTip(tip or text)
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else (tip or text))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        SP = QStyle.StandardPixmap
        self.act_open = self._action(self.tr("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open,
                                     self.tr("Open spectrum files or a GC-MS run"), SP.SP_DialogOpenButton)
        self.act_open.setShortcut(QKeySequence("Ctrl+O"))
        self.act_open_run = self._action(self.tr("Open GC-MS &folder (.D)…"), self.open_run_dialog, "Ctrl+Shift+O",
                                         self.tr("Open an Agilent .D run folder"), SP.SP_DirOpenIcon)
        self.act_export = self._action(self.tr("&Export results…"), self.export_results, "Ctrl+E",
                                       self.tr("Save the hits and the processing history of the sample as JSON"))
        self.act_save_spectrum = self._action(self.tr("&Save spectrum as…"), self.save_spectrum, "Ctrl+S",
                                              self.tr("Save the shown spectrum (MSP, JCAMP-DX, CSV…)"))
        self.act_close = self._action(self.tr("&Close sample"), self.close_sample, "Ctrl+W", self.tr("Remove the selected sample"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.act_search = self._action(self.tr("&Search library"), self.search, "Ctrl+F",
                                       self.tr("Search the selected spectrum (or analyse the GC-MS run)"),
                                       SP.SP_FileDialogContentsView)
        self.act_search_all = self._action(self.tr("Search &all spectra"), self.search_all, "Ctrl+Shift+F",
                                           self.tr("Search every loaded spectrum"))
        self.act_analogues = self._action(self.tr("Find a&nalogues"), self.find_analogues, "Ctrl+Shift+A",
                                          self.tr("Library compounds related to the query by a mass shift (hybrid search)"))
        self.act_analyse = self._action(self.tr("&Analyse GC-MS run"), self.analyse_run, "Ctrl+R",
                                        self.tr("Deconvolute the run and identify its components"), SP.SP_MediaPlay)
        self.act_mixture = self._action(self.tr("IR &mixture analysis"), self.analyse_mixture, "Ctrl+M",
                                        self.tr("Unmix the IR spectrum into library compounds; subtract a hit"))
        self.act_cancel = self._action(self.tr("&Cancel"), self.cancel_task, "Esc", self.tr("Cancel the running task"),
                                       SP.SP_BrowserStop)
        self.act_library = self._action(self.tr("&Library browser…"), self.show_library, "Ctrl+L",
                                        self.tr("Find, view, import and export reference spectra"), SP.SP_DirHomeIcon)
        self.act_import = self._action(self.tr("&Import into library…"), self.import_into_library, "Ctrl+I",
                                       self.tr("Import MSP / JCAMP / ... files or a folder into the library"),
                                       SP.SP_ArrowDown)
        self.act_choose_library = self._action(self.tr("Use another library…"), self.choose_library, None,
                                               self.tr("Open or create a library file"))
        self.act_reset_zoom = self._action(self.tr("&Reset zoom"), self.reset_zoom, "Ctrl+0", self.tr("Show the whole spectrum"))
        self.act_about = self._action(self.tr("&About NPS-ID"), self.about)
        self.act_report_unknown = self._action(
            self.tr("&Report as unidentified…"), self.report_unknown, None,
            self.tr("Send this not-identified spectrum to the shared early-warning register (shows what is sent first)"))
        self.act_alerts = self._action(self.tr("&Emerging substances"), self.show_alerts, None,
                                       self.tr("Clusters of unidentified substances reported by labs (early-warning register)"))
        self.act_manual = self._action(self.tr("&Manual"), self.show_help, QKeySequence.StandardKey.HelpContents,
                                       self.tr("The manual page for the part of the window in focus (F1)"))
        self.act_shortcuts = self._action(self.tr("&Keyboard shortcuts"), lambda: self.show_help("shortcuts.html"))
        self.act_whats_this = self._action(self.tr("&What's This?"), lambda: QWhatsThis.enterWhatsThisMode(),
                                           QKeySequence.StandardKey.WhatsThis,
                                           self.tr("Click a part of the window, e.g. a column header of the hit "
                                                   "table, to see what it means"))
        self.act_quiz = self._action(self.tr("&Quiz (workshop pack)…"), self.open_quiz, None,
                                     self.tr("Answer a trainer's workshop pack: hits stay hidden until you commit an answer"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.addAction(self.act_open)
        m.addAction(self.act_open_run)
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addAction(self.act_save_spectrum)
        m.addAction(self.act_export)
        m.addAction(self.act_close)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(self.tr("&Analysis"))
        for a in (self.act_search, self.act_search_all, self.act_analogues, self.act_analyse, self.act_mixture,
                  self.act_cancel):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_report_unknown)
        m = bar.addMenu(self.tr("&Library"))
        for a in (self.act_library, self.act_import, self.act_choose_library):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_alerts)
        m = bar.addMenu(self.tr("&View"))
        m.addAction(self.act_reset_zoom)
        m.addSeparator()
        m.addAction(self.sample_dock.toggleViewAction())
        m.addAction(self.processing_dock.toggleViewAction())
        m.addAction(self.mixture_dock.toggleViewAction())
        m.addAction(self.history_dock.toggleViewAction())
        m = bar.addMenu(self.tr("&Training"))
        m.addAction(self.act_quiz)
        m = bar.addMenu(self.tr("&Help"))
        m.addAction(self.act_manual)
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_whats_this)
        self.language_menu = m.addMenu(self.tr("&Language"))
        self._fill_languages()
        m.addSeparator()
        m.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for a in (self.act_open, None, self.act_search, self.act_analyse, self.act_cancel, None,
                  self.act_library, self.act_import):
            tb.addSeparator() if a is None else tb.addAction(a)

    def _build_statusbar(self) -> None:
        sb = self.statusBar()
        self.library_label = QLabel()
        self.library_label.setStyleSheet("padding: 0 8px;")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setMaximumHeight(16)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        sb.addPermanentWidget(self.library_label)
        sb.showMessage(self.tr("Ready"))

    def _connect_model(self) -> None:
        m = self.model
        m.sampleAdded.connect(self._sample_added)
        m.sampleRemoved.connect(self._sample_removed)
        m.sampleChanged.connect(self._sample_changed)
        # a search's results are drawn as it ends (one redraw for all the samples it changed)
        m.searchFinished.connect(lambda _samples: self._redraw_pending())
        m.currentChanged.connect(self._current_changed)
        m.libraryChanged.connect(self._library_changed)
        m.taskStarted.connect(self._task_started)
        m.taskEnded.connect(self._task_ended)
        m.error.connect(lambda title, msg, details: show_error(self, title, msg, details))
        m.operationRecorded.connect(self._operation_recorded)
        m.analoguesChanged.connect(self._analogues_changed)

    # -- settings -------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: Any) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for task in list(self.model.tasks):
            task.cancel()
        if self.model.tasks and not wait_for_tasks(10_000):  # a cancelled import rolls back before we go
            log.warning("closing with %d task(s) still running", len(self.model.tasks))
        super().closeEvent(event)

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.settings.setValue("recent_files", files[:MAX_RECENT])
        self.settings.setValue("last_dir", str(path.parent))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            a = self.recent_menu.addAction(self.tr("(no recent files)"))
            a.setEnabled(False)
            return
        for i, f in enumerate(files):
            a = self.recent_menu.addAction(f"&{i + 1}  {f}")
            a.triggered.connect(lambda _=False, f=f: self.open_paths([f], background=True))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr("Clear list"), lambda: self.settings.setValue("recent_files", []))

    # -- opening ---------------------------------------------------------------
    def open_dialog(self) -> None:
        start = str(self.settings.value("last_dir", "") or "")
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Open spectra or GC-MS runs"), start, self.tr(OPEN_FILTER))
        if paths:
            self.open_paths(paths, background=True)

    def open_run_dialog(self) -> None:
        start = str(self.settings.value("last_dir", "") or "")
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a GC-MS run folder (.D)"), start)
        if path:
            self.open_paths([path], background=True)

    def open_paths(self, paths: list, background: bool | None = None) -> list[Sample]:
        """Open each path; a bad file gives a dialog naming it, the others still open.

        ``background=True`` reads every file in a worker: what the menus, the recent-files
        list, drag and drop and the sequence table do, because even a small file costs
        100-200 ms of parsing (a ChemStation run, a JCAMP-DX with ASDF compression) and the
        event loop must not stall.  Their samples appear when read; the return value lists
        only those opened at once.  ``None`` reads files larger than :data:`ASYNC_BYTES` in a
        worker and the others at once (scripts, a session being restored); ``False`` reads all
        at once.
        """
        opened: list[Sample] = []
        for raw in paths:
            path = Path(raw)
            if path.name.lower() == "data.ms" and path.parent.suffix.lower() == ".d":
                path = path.parent
            big = _bytes_in(path) > ASYNC_BYTES
            if background or (background is None and big):
                self.model.open_file_async(path, then=lambda samples, p=path: self._opened(p, samples))
                continue
            self.statusBar().showMessage(self.tr("Opening {0}…").format(path.name))
            try:
                samples = self.model.open_file(path)
            except Exception as exc:
                if not _is_user_error(exc):
                    log.exception("opening %s failed", path)
                show_error(self, self.tr("Cannot open file"), describe(exc, str(path)))
                continue
            opened += samples
            self._opened(path, samples)
        return opened

    def _opened(self, path: Path, samples: list) -> str | None:
        """Note an opened file (recent files, status bar); returns what the status bar says."""
        self._add_recent(path)
        if not samples:
            return None
        what = (self.tr("{0} spectra").format(len(samples)) if len(samples) > 1 else
                (self.tr("GC-MS run") if samples[0].kind == "run" else self.tr("1 spectrum")))
        message = self.tr("Opened {0}: {1}").format(path.name, what)
        self.statusBar().showMessage(message, 8000)
        return message

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths, background=True)

    def close_sample(self) -> None:
        if self.model.current is not None:
            self.model.remove(self.model.current)

    # -- model → view ------------------------------------------------------------
    def _sample_added(self, sample: Sample) -> None:
        kind = self.tr("GC-MS run") if sample.kind == "run" else _technique_label(sample.raw)
        if sample.count_in_file > 1:
            key = str(sample.path)
            parent = self._file_items.get(key)
            if parent is None:
                parent = QTreeWidgetItem([sample.path.name, self.tr("{0} spectra").format(sample.count_in_file)])
                parent.setToolTip(0, str(sample.path))
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.sample_tree.addTopLevelItem(parent)
                parent.setExpanded(sample.count_in_file <= 50)
                self._file_items[key] = parent
            item = QTreeWidgetItem([sample.label, kind])
            # children are added in one call per file (fast for libraries of thousands of spectra)
            self._pending_children.setdefault(id(parent), (parent, []))[1].append(item)
            if sample.index_in_file == sample.count_in_file - 1:
                self._flush_children()
        else:
            item = QTreeWidgetItem([sample.label, kind])
            self.sample_tree.addTopLevelItem(item)
        item.setToolTip(0, f"{sample.label}\n{sample.path}")
        item.setData(0, Qt.ItemDataRole.UserRole, sample.id)
        self._items[sample.id] = item
        if sample.index_in_file == sample.count_in_file - 1:  # once per file, not per spectrum
            self.central.setCurrentWidget(self.workspace)
            self._update_actions()

    def _flush_children(self) -> None:
        pending, self._pending_children = self._pending_children, {}
        for parent, items in pending.values():
            parent.addChildren(items)

    def _sample_removed(self, sample: Sample) -> None:
        item = self._items.pop(sample.id, None)
        if item is not None:
            parent = item.parent()
            if parent is not None:
                parent.removeChild(item)
                if parent.childCount() == 0:
                    self.sample_tree.takeTopLevelItem(self.sample_tree.indexOfTopLevelItem(parent))
                    self._file_items.pop(str(sample.path), None)
            else:
                self.sample_tree.takeTopLevelItem(self.sample_tree.indexOfTopLevelItem(item))
        if not self.model.samples:
            self.central.setCurrentWidget(self.welcome)
        self._update_actions()

    def _tree_current_changed(self, current: QTreeWidgetItem | None, _prev: Any) -> None:
        if current is None:
            return
        sid = current.data(0, Qt.ItemDataRole.UserRole)
        sample = next((s for s in self.model.samples if s.id == sid), None)
        if sample is not None:
            self.model.set_current(sample)

    def _current_changed(self, sample: Sample | None) -> None:
        if sample is None:
            self.spectrum_view.clear(self.tr("No sample"))
            self.results.set_hits(None)
            self._update_actions()
            return
        self.setWindowTitle(f"{sample.label} — NPS-ID")
        item = self._items.get(sample.id)
        if item is not None and self.sample_tree.currentItem() is not item:
            self.sample_tree.setCurrentItem(item)
        is_ir = sample.kind == "spectrum" and sample.raw.technique != "ms"
        if is_ir and not ir_processing.loaded():
            # the panel lists the core's methods: import them in a worker, then come back
            if not self._loading_ir:
                self._loading_ir = True
                self.model.load_ir_code(then=self._ir_code_loaded)
            self.processing_dock.setEnabled(False)
        elif is_ir:
            self.processing_dock.setEnabled(True)
            self.processing.set_params(sample.processing or None)
            self.processing.set_error(sample.processing_error)
            if not sample.processing:
                # what the panel shows is what is applied: absorbance and peaks by default
                self.model.set_processing(sample, self.processing.params())
        # the IR panel only takes room when it applies
        self.processing_dock.setVisible(is_ir)
        self._redraw_timer.stop()  # drawn now
        self._show_sample(sample)
        self._update_actions()

    def _ir_code_loaded(self) -> None:
        self._loading_ir = False
        if self.model.current is not None:
            self._current_changed(self.model.current)

    def _sample_changed(self, sample: Sample) -> None:
        if sample is self.model.current:
            self.processing.set_error(sample.processing_error)
            self._redraw_timer.start()

    def _redraw_pending(self) -> None:
        if self._redraw_timer.isActive():
            self._redraw_timer.stop()
            self._redraw_current()

    def _redraw_current(self) -> None:
        if self.model.current is not None:
            self._show_sample(self.model.current)
            self._update_actions()

    def _show_sample(self, sample: Sample) -> None:
        if sample.kind == "run":
            self.data_stack.setCurrentWidget(self.run_page)
            self.gcms_view.show_sample(sample)
            if sample.query is not None:
                self.run_spectrum_view.show_sample(sample)
            else:
                self.run_spectrum_view.clear(self.tr("Click the TIC or a component to see its spectrum"))
        else:
            self.data_stack.setCurrentWidget(self.spectrum_view)
            self.spectrum_view.show_sample(sample)
        self._show_hits(sample)

    def _query_title(self, sample: Sample) -> str:
        """What the hits are for: a run's selected component (or scan), not the run as a whole."""
        if sample.kind != "run":
            return sample.label
        if sample.scan_spectrum is not None:
            rt = sample.scan_spectrum.get("retention_time")
            return (self.tr("{0}, scan at {1:.3f} min").format(sample.label, float(rt)) if rt is not None
                    else sample.label)
        comp = sample.current_component
        if comp is None:
            return sample.label
        return self.tr("{0}, component {1} at {2:.3f} min").format(sample.label, sample.component + 1,
                                                                   float(comp.rt_min))

    def _show_hits(self, sample: Sample) -> None:
        hint = ""
        offer_import = False
        if sample.hitlist is None:
            can = self.model.can_search()
            empty = self.model.library is not None and self.model.library_count() == 0
            if not can and (empty or sample.kind != "run"):
                hint = can.reason
                offer_import = self.model.library is not None
            elif sample.kind == "run" and sample.run_result is None:
                hint = self.tr("Run not analysed yet — press Search (Ctrl+F) to find and identify its components")
        self.results.set_hits(sample.hitlist, self._query_title(sample), hint, offer_import,
                              analogues_searched=self.model.analogues_searched(sample.hitlist))
        self.mixture_view.set_sample(sample, self.model)

    def _analogues_changed(self, sample: Sample) -> None:
        self._redraw_pending()
        if sample is self.model.current:
            self.results.set_analogues(sample.hitlist, searched=True)
            self.results.tabs.setCurrentWidget(self.results.analogues)

    def _hit_selected(self, hit: Any) -> None:
        sample = self.model.current
        if sample is None or hit is None:
            self.results.show_hit(None, None, None)
            return
        reference = self.model.reference_spectrum(hit)
        self.results.show_hit(hit, sample.query, reference, query_name=sample.label)
        if sample.kind == "spectrum" and getattr(sample.raw, "technique", "") == "ir" and reference is not None:
            self.results.mirror.show_ir(sample.raw, reference, sample.label, hit.name)  # overlay as analysts read IR

    def analyse_mixture(self) -> Any:
        self.mixture_dock.setVisible(True)
        self.mixture_dock.raise_()
        return self.mixture_view.analyse()

    def _search_residual(self, spectrum: Any) -> None:
        self.model.search([self.model.add_spectrum(spectrum, spectrum.name, spectrum.get("source_file") or "")])

    def _library_changed(self) -> None:
        m = self.model
        count = m.library_count()
        location = str(m.library_location or "")
        self.welcome.set_library_state(count, location, m.library_error)
        if m.library is None:
            self.library_label.setText(self.tr("⚠ No library"))
            self.library_label.setToolTip(m.library_error)
        else:
            self.library_label.setText(self.tr("Library: {0} spectra").format(f"{count:,}") if count
                                       else self.tr("Library: empty"))
            self.library_label.setToolTip(location)
            self.settings.setValue("library/location", location)
        if m.current is not None and m.current.hitlist is None:
            self._show_hits(m.current)
        self._update_actions()

    def _update_actions(self) -> None:
        sample = self.model.current
        busy = self.model.busy
        can = self.model.can_search()
        is_run = sample is not None and sample.kind == "run"
        if is_run:
            self.act_search.setEnabled(not busy)
            self.act_search.setToolTip(self.tr("Analyse the run and identify its components (Ctrl+F)"))
        else:
            ok = bool(can) and sample is not None and not busy
            self.act_search.setEnabled(ok)
            self.act_search.setToolTip(self.tr("Search the library (Ctrl+F)") if can else can.reason)
        self.act_search_all.setEnabled(bool(can) and bool(self.model.samples) and not busy)
        if is_run:
            self.act_analyse.setEnabled(not busy)
            self.act_analyse.setToolTip(self.tr("Analyse the run (Ctrl+R)"))
        else:
            self.act_analyse.setEnabled(False)
            self.act_analyse.setToolTip(self.tr("Open a GC-MS run to analyse it"))
        self.act_cancel.setEnabled(busy)
        can_analogues = self.model.can_find_analogues(sample)
        self.act_analogues.setEnabled(bool(can_analogues) and not busy)
        self.act_analogues.setToolTip(can_analogues.reason or self.tr("Find analogues of the query (Ctrl+Shift+A)"))
        self.results.analogues.set_available(bool(can_analogues) and not busy,
                                             can_analogues.reason or (self.tr("Wait for the running task") if busy else ""),
                                             explain=not can_analogues and sample is not None)
        lib_ok = self.model.library is not None
        self.act_import.setEnabled(lib_ok and not busy)
        self.act_import.setToolTip(self.tr("Import into the library (Ctrl+I)") if lib_ok
                                   else (self.model.library_error or self.tr("No library")))
        self.welcome.import_button.setEnabled(lib_ok and not busy)
        self.act_close.setEnabled(sample is not None)
        has_query = sample is not None and sample.query is not None
        self.act_save_spectrum.setEnabled(has_query)
        verdict = getattr(getattr(sample.hitlist, "verdict", None), "verdict", None) if sample is not None else None
        self.act_report_unknown.setEnabled(verdict in ("not_in_library", "ambiguous") and not busy)
        self.act_export.setEnabled(sample is not None and (sample.hitlist is not None or sample.run_result is not None))

    # -- actions -------------------------------------------------------------
    def search(self) -> Any:
        sample = self.model.current
        if sample is None:
            return None
        if sample.kind == "run" and sample.query is None:  # nothing shown yet: analyse the whole run
            return self.analyse_run()
        self.processing.flush()
        return self.model.search([sample])

    def search_all(self) -> Any:
        return self.model.search([s for s in self.model.samples if s.kind == "spectrum"])

    def analyse_run(self) -> Any:
        sample = self.model.current
        if sample is None or sample.kind != "run":
            return None
        return self.model.analyse_run(sample)

    def find_analogues(self) -> Any:
        """Ask the core for analogues of the current query (worker thread, progress and cancel in the tab)."""
        sample = self.model.current
        if sample is None:
            return None
        self.processing.flush()
        task = self.model.find_analogues(sample)
        if task is not None:
            self._analogue_task = task
            self.results.tabs.setCurrentWidget(self.results.analogues)
            self.results.analogues.set_running(task)
        return task

    def _cancel_analogues(self) -> None:
        if self._analogue_task is not None:
            self._analogue_task.cancel()

    def export_results(self) -> None:
        sample = self.model.current
        if sample is None:
            return
        start = str(Path(str(self.settings.value("last_dir", "") or "")) / f"{sample.path.stem}_results.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), start, "JSON (*.json)")
        if path:
            try:
                self.model.export_results(sample, path)
            except Exception as exc:
                show_error(self, self.tr("Export failed"), describe(exc, path))
            else:
                self.statusBar().showMessage(self.tr("Results saved to {0}").format(path), 8000)

    def save_spectrum(self) -> None:
        sample = self.model.current
        if sample is None or sample.query is None:
            return
        ext = "msp" if sample.query.technique == "ms" else "jdx"
        start = str(Path(str(self.settings.value("last_dir", "") or "")) / f"{sample.path.stem}_processed.{ext}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save spectrum"), start,
                                              self.tr("MSP (*.msp);;JCAMP-DX (*.jdx);;CSV (*.csv);;All files (*)"))
        if path:
            try:
                written = self.model.save_spectrum(sample, path)
            except Exception as exc:
                show_error(self, self.tr("Save failed"), describe(exc, path))
            else:
                self.statusBar().showMessage(f"Saved {', '.join(str(p) for p in written)}", 8000)

    def _operation_recorded(self, entry: dict) -> None:
        params = entry.get("params", {})
        brief = ", ".join(f"{k}={_brief(v)}" for k, v in params.items() if v not in (None, "", [], {}))
        who = f" [{entry['sample']}]" if entry.get("sample") else ""
        item = QListWidgetItem(f"{entry['time'][11:]}  {entry['op']}{who}\n   {brief}")
        item.setToolTip(str(params))
        # added in one go after the slot that recorded them (a search of 12,000 spectra records 12,000)
        if not self._pending_history:
            QTimer.singleShot(0, self._flush_history)
        self._pending_history.append(item)

    def _flush_history(self) -> None:
        items, self._pending_history = self._pending_history[:500], self._pending_history[500:]
        for item in items:
            self.history.addItem(item)
        if self._pending_history:  # the rest at the next turn of the event loop
            QTimer.singleShot(0, self._flush_history)
        else:
            self.history.scrollToBottom()

    def cancel_task(self) -> None:
        for task in list(self.model.tasks):
            task.cancel()
        self.statusBar().showMessage(self.tr("Cancelling…"))

    def show_library(self) -> None:
        from nps_id_gui.dialogs.library_browser import LibraryBrowser

        if self._browser is None:
            self._browser = LibraryBrowser(self.model, self)  # lists the library (it follows libraryChanged)
        self._browser.show()
        self._browser.raise_()

    def report_unknown(self) -> Any:
        """The "Report as unidentified…" dialog for the current sample's hit list (nps_id.alerts)."""
        from nps_id_gui.dialogs.report_unknown import ReportUnknownDialog

        sample = self.model.current
        if sample is None or sample.hitlist is None:
            return None
        self.report_dialog = ReportUnknownDialog(sample.hitlist, self, self.settings)
        self.report_dialog.show()
        return self.report_dialog

    def show_alerts(self, cluster_id: int | None = None) -> Any:
        """The "Emerging substances" page (a dock), read from the register in a worker; ``cluster_id``: select it."""
        from nps_id_gui.dialogs.report_unknown import default_register
        from nps_id_gui.panels.alerts_panel import AlertsPanel

        if getattr(self, "alerts_dock", None) is None:
            self.alerts_panel = AlertsPanel(register=default_register(self.settings))
            self.alerts_dock = QDockWidget(self.tr("Emerging substances"), self)
            self.alerts_dock.setObjectName("alerts_dock")
            self.alerts_dock.setWidget(self.alerts_panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.alerts_dock)
        sample = self.model.current
        self.alerts_panel.set_query(sample.query if sample is not None else None)
        self.alerts_dock.show()
        self.alerts_dock.raise_()
        self.alerts_panel.refresh(select=cluster_id if isinstance(cluster_id, int) else None)
        return self.alerts_panel

    def import_into_library(self) -> None:
        """Ask which files and which technique (EI-MS or IR), then import them with the browser open."""
        from nps_id_gui.dialogs.import_dialog import ImportDialog

        if self.model.library is None:
            show_error(self, self.tr("Import into the library"), self.model.library_error or self.tr("No library is open."))
            return
        dialog = ImportDialog(self, start_dir=str(self.settings.value("last_dir", "") or ""))
        if dialog.exec():
            paths, technique, allow_duplicates = dialog.choice()
            self.show_library()
            self._browser.import_paths(paths, technique, allow_duplicates)

    def choose_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Open or create a library"),
                                              str(self.model.library_location or ""),
                                              self.tr("NPS-ID library (*.sqlite *.db);;All files (*)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.model.open_library(path, create=True)

    def reset_zoom(self) -> None:
        for view in (self.spectrum_view, self.run_spectrum_view):
            view.plot.autoRange()
        self.gcms_view.plot.autoRange()

    def about(self) -> None:
        from nps_id import __version__

        QMessageBox.about(self, self.tr("About NPS-ID"),
                          f"<b>NPS-ID {__version__}</b><p>"
                          + self.tr("Identification of new psychoactive substances and precursors from GC-MS (EI) "
                                    "and IR spectra.") + "</p><p>GPL-3.0-or-later</p>")

    def show_help(self, page: str | None = None) -> None:
        from PyQt6.QtWidgets import QApplication

        from nps_id_gui import i18n
        from nps_id_gui.help.window import HelpWindow, page_for_widget

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(i18n.chosen_language(self.settings), self.findChildren(QAction), self)
        self.help_window.show_page(page or page_for_widget(QApplication.focusWidget()))
        self.help_window.show()
        self.help_window.raise_()

    def _fill_languages(self) -> None:
        from PyQt6.QtGui import QActionGroup

        from nps_id_gui import i18n

        group = QActionGroup(self)
        current = i18n.chosen_language(self.settings)
        for code in i18n.available_languages():
            action = QAction(i18n.LANGUAGE_NAMES.get(code, code), self, checkable=True)
            action.setChecked(code == current)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)

    def choose_language(self, code: str) -> None:
        """Keep the choice; the whole interface changes at the next start."""
        from nps_id_gui import i18n

        i18n.save_language(self.settings, code)
        self.statusBar().showMessage(self.tr("The language changes when NPS-ID is started again."), 10000)

    def open_quiz(self) -> None:
        from nps_id_gui.quiz.window import QuizWindow

        self.quiz_window = QuizWindow(self.model.library, self)
        self.quiz_window.show()
        self.quiz_window.open_pack_dialog()

    # -- GC-MS interaction ---------------------------------------------------
    def _component_selected(self, index: int) -> None:
        sample = self.model.current
        if sample is not None and sample.kind == "run" and index != sample.component:
            self.model.select_component(sample, index)

    def _time_clicked(self, rt: float) -> None:
        sample = self.model.current
        if sample is None or sample.kind != "run":
            return
        comps = sample.components
        if comps:
            # a click near a component selects it; elsewhere shows the scan
            times = [float(getattr(c, "rt_min", 1e9)) for c in comps]
            nearest = min(range(len(times)), key=lambda i: abs(times[i] - rt))
            if abs(times[nearest] - rt) < 0.02:
                self.model.select_component(sample, nearest)
                return
        self.model.show_scan(sample, rt)

    def _xic_requested(self, mzs: list) -> None:
        sample = self.model.current
        if sample is None or sample.kind != "run":
            return
        try:
            traces = self.model.xic(sample, mzs)
        except Exception as exc:
            show_error(self, "Extracted-ion chromatogram", describe(exc, str(sample.path)))
            return
        self.gcms_view.clear_xics()
        for i, (mz, times, values) in enumerate(traces):
            self.gcms_view.add_xic(f"{mz:g}", times, values, i)

    # -- processing ----------------------------------------------------------
    def _processing_changed(self, params: dict) -> None:
        sample = self.model.current
        if sample is not None and sample.kind == "spectrum" and sample.raw.technique != "ms":
            self.model.set_processing(sample, params)

    # -- tasks ---------------------------------------------------------------
    def _task_started(self, task: Any) -> None:
        self._active_task = task
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.statusBar().showMessage(f"{task.title}…")
        task.progress.connect(self._task_progress)
        self._update_actions()

    def _task_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        task = self._active_task
        self.statusBar().showMessage(f"{task.title if task else ''}… {message}".strip())

    def _task_ended(self, task: Any) -> None:
        if task is self._analogue_task:
            self._analogue_task = None
            self.results.analogues.set_running(None)
            sample = self.model.current
            if task.cancel_flag.is_set():
                self.results.set_analogues(sample.hitlist if sample else None,
                                           note=self.tr("Analogue search cancelled."))
            elif sample is not None and not self.model.analogues_searched(sample.hitlist):
                self.results.set_analogues(sample.hitlist)
        if not self.model.busy:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self._active_task = None
        cancelled = task.cancel_flag.is_set()
        if cancelled:
            self.statusBar().showMessage(self.tr("{0}: cancelled").format(task.title), 8000)
        else:
            self.statusBar().showMessage(getattr(task, "summary", None) or self.tr("{0}: done").format(task.title), 8000)
        self._update_actions()

    # -- start-up -------------------------------------------------------------
    def start(self, library: Any = None) -> None:
        """Open the library after the window is shown (keeps start-up fast)."""
        location = library or self.settings.value("library/location") or None
        QTimer.singleShot(0, lambda: self.model.open_library(location, create=True))
        QTimer.singleShot(1500, _warm_up)


def warm_up() -> None:
    """Import the heavy science modules, then move every object made so far out of the garbage
    collector's reach (``gc.freeze``): a full collection, triggered by any thread that allocates
    much (listing 100,000 entries), then walks only the objects made since, instead of holding the
    interpreter ~0.1 s per collection while the window waits to paint."""
    import gc
    import importlib

    for name in ("nps_id.search", "nps_id.ir.baselines", "nps_id.ir.peaks", "nps_id.gcms.analysis"):
        try:
            importlib.import_module(name)
        except Exception:  # a broken install shows its error when the part is used
            log.exception("warming up %s failed", name)
    gc.freeze()


def _warm_up() -> None:
    """Run :func:`warm_up` in the background so the first search/processing is quick."""
    import threading

    threading.Thread(target=warm_up, name="nps-id-warm-up", daemon=True).start()


def _bytes_in(path: Path) -> int:
    """Size of a file, or of the files directly in a folder (an Agilent .D run), 0 when unreadable."""
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _brief(value: Any) -> str:
    if isinstance(value, dict):
        inner = {k: v for k, v in value.items() if v not in (None, "", [], {})}
        return "{" + ", ".join(f"{k}={_brief(v)}" for k, v in inner.items()) + "}"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)) and len(value) > 3:
        return f"[{len(value)} items]"
    text = str(value)
    return text if len(text) <= 40 else "…" + text[-39:]


def _technique_label(spectrum: Any) -> str:
    tech = getattr(spectrum, "technique", "")
    return {"ms": "EI-MS", "ir": "IR", "raman": "Raman", "nir": "NIR", "uv": "UV"}.get(tech, tech.upper())


def _is_user_error(exc: BaseException) -> bool:
    from nps_id.errors import NpsIdError

    return isinstance(exc, NpsIdError)
