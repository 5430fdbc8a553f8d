"""The "Case" panel: a case's exhibits as a tree, their analyses, conclusion, review, report and audit check.

The panel holds no science: it calls :mod:`nps_id.casework` (analysis, combined
conclusion, audit trail) and :func:`nps_id.report.issue_report`; analyses and
reports run in worker tasks (:mod:`nps_id_gui.workers`) with progress and cancel.
Every action is one entry of the case file's hash-chained audit trail.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any, Callable, Sequence

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, pyqtSignal
from PyQt6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter,
                             QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from nps_id_gui.dialogs.case_dialogs import ConcludeDialog, ExhibitDialog, NewCaseDialog, ReviewDialog
from nps_id_gui.dialogs.errors import describe, show_error
from nps_id_gui.workers import Task, own_connection

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

#: Role of a tree item's ``(kind, key)``: ("case", number), ("exhibit", label), ("analysis", id)...
ITEM_ROLE = Qt.ItemDataRole.UserRole

#: The words the case file stores (exhibit states, review decisions, verdicts, techniques: see
#: :mod:`nps_id.report.words`) as the panel shows them; the stored values themselves stay English.
_STATES = {"open": QT_TRANSLATE_NOOP("CasePanel", "open"), "concluded": QT_TRANSLATE_NOOP("CasePanel", "concluded"),
           "reviewed": QT_TRANSLATE_NOOP("CasePanel", "reviewed"),
           "returned": QT_TRANSLATE_NOOP("CasePanel", "returned"),
           "amended": QT_TRANSLATE_NOOP("CasePanel", "amended")}
_DECISIONS = {"approved": QT_TRANSLATE_NOOP("CasePanel", "approved"),
              "returned": QT_TRANSLATE_NOOP("CasePanel", "returned")}
_VERDICTS = {"identified": QT_TRANSLATE_NOOP("CasePanel", "identified"),
             "ambiguous": QT_TRANSLATE_NOOP("CasePanel", "ambiguous"),
             "not_in_library": QT_TRANSLATE_NOOP("CasePanel", "not_in_library")}
_TECHNIQUES = {"MS": QT_TRANSLATE_NOOP("CasePanel", "MS"), "IR": QT_TRANSLATE_NOOP("CasePanel", "IR")}


def _shown(table: dict[str, str], value: Any) -> Any:
    """A stored word in the interface language; anything else as it is."""
    return translate("CasePanel", table[value]) if isinstance(value, str) and value in table else value


class CasePanel(QWidget):
    """Cases of one case file; ``library_location()`` gives the library analyses are searched against."""

    caseChanged = pyqtSignal()
    taskFinished = pyqtSignal(str)  # what finished ("analyses", "report")

    def __init__(self, library_location: Callable[[], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.library_location = library_location
        self.cases = None            # nps_id.casework.CaseFile
        self.number: str | None = None
        self.task: Task | None = None
        self.last_report: Path | None = None
        self._build()
        self._update_buttons()

    # -- construction -----------------------------------------------------------
    def _build(self) -> None:
        self.file_label = QLabel(self.tr("No case file open"))
        self.file_label.setWordWrap(True)
        self.case_combo = QComboBox()
        self.case_combo.setToolTip(self.tr("Cases in this case file"))
        self.case_combo.currentTextChanged.connect(self._combo_changed)
        self.btn_new = QPushButton(self.tr("New case…"))
        self.btn_new.clicked.connect(self.ask_new_case)
        self.btn_open = QPushButton(self.tr("Open case file…"))
        self.btn_open.clicked.connect(self.ask_open_case_file)
        top = QHBoxLayout()
        for w in (self.btn_new, self.btn_open, self.case_combo):
            top.addWidget(w)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Case / exhibit / analysis"), self.tr("State or result")])
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 260)
        self.tree.currentItemChanged.connect(self._show_details)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setSizes([320, 160])

        self.btn_exhibit = QPushButton(self.tr("Add exhibit…"))
        self.btn_exhibit.clicked.connect(self.ask_exhibit)
        self.btn_analysis = QPushButton(self.tr("Add analyses…"))
        self.btn_analysis.setToolTip(self.tr("GC-MS runs, EI or IR spectrum files of the selected exhibit"))
        self.btn_analysis.clicked.connect(self.ask_analysis_files)
        self.btn_run_folder = QPushButton(self.tr("Add .D run…"))
        self.btn_run_folder.setToolTip(self.tr("An Agilent .D run folder of the selected exhibit"))
        self.btn_run_folder.clicked.connect(self.ask_run_folder)
        self.btn_conclude = QPushButton(self.tr("Conclude…"))
        self.btn_conclude.clicked.connect(self.ask_conclude)
        self.btn_review = QPushButton(self.tr("Review…"))
        self.btn_review.clicked.connect(self.ask_review)
        self.btn_report = QPushButton(self.tr("Report (PDF)…"))
        self.btn_report.clicked.connect(self.ask_report)
        self.btn_verify = QPushButton(self.tr("Verify audit trail"))
        self.btn_verify.clicked.connect(self.verify)
        actions = QHBoxLayout()
        for w in (self.btn_exhibit, self.btn_analysis, self.btn_run_folder, self.btn_conclude, self.btn_review,
                  self.btn_report, self.btn_verify):
            actions.addWidget(w)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.btn_cancel = QPushButton(self.tr("Cancel"))
        self.btn_cancel.setVisible(False)
        self.btn_cancel.clicked.connect(self.cancel)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.btn_cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)

    def _update_buttons(self) -> None:
        has_case = self.cases is not None and self.number is not None
        exhibit = self.selected_exhibit() is not None
        busy = self.task is not None
        self.btn_new.setEnabled(not busy)
        self.btn_exhibit.setEnabled(has_case and not busy)
        for b in (self.btn_analysis, self.btn_run_folder, self.btn_conclude, self.btn_review):
            b.setEnabled(has_case and exhibit and not busy)
        self.btn_report.setEnabled(has_case and not busy)
        self.btn_verify.setEnabled(self.cases is not None and not busy)

    def _fail(self, title: str, exc: BaseException) -> None:
        show_error(self, title, describe(exc))
        self.status.setText(describe(exc))

    # -- case file and cases ------------------------------------------------------
    def open_case_file(self, location: Any, create: bool = True) -> bool:
        from nps_id.casework import open_case_file
        from nps_id.errors import NpsIdError

        try:
            cases = open_case_file(location, create=create)
        except NpsIdError as exc:
            self._fail(self.tr("Cannot open the case file"), exc)
            return False
        if self.cases is not None:
            self.cases.close()
        self.cases = cases
        self.file_label.setText(self.tr("Case file: {0}").format(cases.location))
        numbers = cases.cases()
        self.case_combo.blockSignals(True)
        self.case_combo.clear()
        self.case_combo.addItems(numbers)
        self.case_combo.blockSignals(False)
        self.select_case(numbers[-1] if numbers else None)
        return True

    def _ensure_case_file(self) -> bool:
        if self.cases is not None:
            return True
        from nps_id.casework import default_case_location
        return self.open_case_file(default_case_location())

    def new_case(self, number: str, analyst: str, lab: str = "", title: str = "",
                 reviewer: str | None = None) -> bool:
        from nps_id.errors import NpsIdError

        if not self._ensure_case_file():
            return False
        try:
            self.cases.new_case(number, analyst, lab=lab, title=title, reviewer=reviewer)
        except NpsIdError as exc:
            self._fail(self.tr("Cannot open the case"), exc)
            return False
        self.case_combo.blockSignals(True)
        self.case_combo.addItem(number.strip())
        self.case_combo.setCurrentText(number.strip())
        self.case_combo.blockSignals(False)
        self.select_case(number.strip())
        self.status.setText(self.tr("Case {0} opened").format(number))
        return True

    def _combo_changed(self, number: str) -> None:
        if number:
            self.select_case(number)

    def select_case(self, number: str | None) -> None:
        self.number = number
        self.refresh()

    def case(self) -> dict | None:
        if self.cases is None or self.number is None:
            return None
        return self.cases.case(self.number)

    # -- tree -------------------------------------------------------------------------
    def refresh(self, keep: tuple | None = None) -> None:
        """Rebuild the tree from the case file (the file is the truth; the panel keeps no copy)."""
        keep = keep or self._current_key()
        self.tree.clear()
        case = self.case()
        if case is None:
            self._update_buttons()
            return
        root = self._item(None, ("case", case["number"]), self.tr("Case {0}").format(case["number"]),
                          " — ".join(t for t in (case["title"], self.tr("analyst {0}").format(case["analyst"])) if t))
        for e in case["exhibits"]:
            ex = self._item(root, ("exhibit", e["label"]), self.tr("Exhibit {0}").format(e["label"]),
                            " — ".join(t for t in (_shown(_STATES, e["state"]), e["description"], e["weight"]) if t))
            for a in e["analyses"]:
                self._item(ex, ("analysis", a["id"]), a["label"], _analysis_summary(a["record"]))
            for c in e["conclusions"]:
                self._item(ex, ("conclusion", c["id"]),
                           self.tr("Conclusion (amended)") if c["amendment"] else self.tr("Conclusion"),
                           f"{c['analyst_call']} — {c['analyst']}")
            for r in e["reviews"]:
                self._item(ex, ("review", r["id"]), self.tr("Review"),
                           self.tr("{0} by {1}").format(_shown(_DECISIONS, r["decision"]), r["reviewer"]))
        for r in case["reports"]:
            self._item(root, ("report", r["file"]), self.tr("Report"),
                       "{0} ({1})".format(Path(r["file"]).name, r["exhibit"] or self.tr("case")))
        self.tree.expandAll()
        self._select_key(keep or ("case", case["number"]))
        self._update_buttons()
        self.caseChanged.emit()

    def _item(self, parent: QTreeWidgetItem | None, key: tuple, text: str, detail: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, detail])
        item.setData(0, ITEM_ROLE, key)
        item.setToolTip(1, detail)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _current_key(self) -> tuple | None:
        item = self.tree.currentItem()
        return item.data(0, ITEM_ROLE) if item is not None else None

    def _select_key(self, key: tuple) -> None:
        def walk(item: QTreeWidgetItem):
            if item.data(0, ITEM_ROLE) == key:
                return item
            for i in range(item.childCount()):
                found = walk(item.child(i))
                if found is not None:
                    return found
            return None

        for i in range(self.tree.topLevelItemCount()):
            found = walk(self.tree.topLevelItem(i))
            if found is not None:
                self.tree.setCurrentItem(found)
                return

    def select_exhibit(self, label: str) -> None:
        self._select_key(("exhibit", label))

    def selected_exhibit(self) -> str | None:
        item = self.tree.currentItem()
        while item is not None:
            key = item.data(0, ITEM_ROLE)
            if key and key[0] == "exhibit":
                return key[1]
            item = item.parent()
        return None

    def _show_details(self, *_: Any) -> None:
        self._update_buttons()
        key = self._current_key()
        case = self.case()
        if case is None or key is None:
            self.details.clear()
            return
        label = self.selected_exhibit()
        exhibit = next((e for e in case["exhibits"] if e["label"] == label), None)
        parts: list[str] = []
        if key[0] == "case":
            parts += ["<b>{0}</b> {1}".format(self.tr("Case {0}").format(html.escape(case["number"])),
                                              html.escape(case["title"])),
                      self.tr("Lab: {0}; analyst: {1}; reviewer: {2}").format(
                          html.escape(case["lab"] or "-"), html.escape(case["analyst"]),
                          html.escape(case["reviewer"] or "-")),
                      self.tr("Audit trail: {0} entries; head {1}").format(
                          len(case["audit"]), "<tt>{0}…</tt>".format(case["audit_head"][:40]))]
        elif exhibit is not None and key[0] in ("exhibit", "conclusion", "review"):
            from nps_id.casework import combine
            parts.append("<b>{0}</b> ({1}) {2} {3}".format(
                self.tr("Exhibit {0}").format(html.escape(exhibit["label"])), _shown(_STATES, exhibit["state"]),
                html.escape(exhibit["description"]), html.escape(exhibit["weight"])))
            if exhibit["conclusions"]:
                c = exhibit["conclusions"][-1]
                parts.append("<b>{0}</b> ({1}): {2} {3}".format(
                    self.tr("Analyst's conclusion"), html.escape(c["analyst"]), html.escape(c["analyst_call"]),
                    html.escape(c["comment"])))
                parts.append("<b>{0}</b>:".format(self.tr("Software suggestion")) + _bullets(c["suggestion"]))
            elif exhibit["analyses"]:
                parts.append("<b>{0}</b> ({1}):".format(self.tr("Software suggestion"), self.tr("not concluded yet"))
                             + _bullets(combine(exhibit["analyses"])))
        elif exhibit is not None and key[0] == "analysis":
            from nps_id.casework.conclusion import evidence_of
            from nps_id.report.words import where_text
            a = next(a for a in exhibit["analyses"] if a["id"] == key[1])
            record = a["record"]
            parts.append("<b>{0}</b> {1}".format(html.escape(a["label"]), self.tr("added {0} by {1}").format(
                a["added_at"], html.escape(a["added_by"]))))
            for item in record["inputs"]:
                parts.append(f"{html.escape(item['name'])}: SHA-256 <tt>{item['sha256']}</tt>")
            lib = record["library"]
            parts.append(self.tr("Library {0} revision {1}, content SHA-256 {2}; NPS-ID {3}").format(
                html.escape(str(lib.get("name"))), lib.get("revision"),
                "<tt>{0}…</tt>".format(str(lib.get("content_sha256"))[:16]), record["software"].get("nps_id")))
            for line in evidence_of(a):
                parts.append("{0} {1}: {2} — {3} ({4})".format(
                    _shown(_TECHNIQUES, line["technique"]), html.escape(where_text(line["where"])),
                    _shown(_VERDICTS, line["verdict"]), html.escape(str(line["compound"])),
                    self.tr("score {0}").format(line["score"])))
        self.details.setHtml("<br>".join(parts))

    # -- actions --------------------------------------------------------------------------
    def add_exhibit(self, label: str, description: str = "", weight: str = "") -> bool:
        from nps_id.casework.store import current_user_name
        from nps_id.errors import NpsIdError

        try:
            who = (self.case() or {}).get("analyst") or current_user_name()
            self.cases.add_exhibit(self.number, label, who, description, weight)
        except NpsIdError as exc:
            self._fail(self.tr("Cannot add the exhibit"), exc)
            return False
        self.refresh(("exhibit", label.strip()))
        return True

    def add_analyses(self, label: str, paths: Sequence[str | Path], amendment: str = "") -> Task | None:
        """Analyse each file against the library in a worker; store the results when all are done."""
        from nps_id.casework import analyse_file

        location = self.library_location()
        if location is None:
            show_error(self, self.tr("No library"), self.tr("Open a reference library first (Library menu)."))
            return None
        paths = [Path(p) for p in paths]
        number = self.number
        analysing = self.tr("analysing {0}")  # (translated here: the work runs in a worker thread)

        def work(progress, cancel):
            records = []
            with own_connection(location) as library:
                for i, path in enumerate(paths):
                    progress(i, len(paths), analysing.format(path.name))
                    if cancel():
                        return records
                    records.append(analyse_file(path, library))
            return records

        def done(records):
            from nps_id.errors import NpsIdError
            who = (self.case() or {}).get("analyst") or "unknown"
            try:
                for record in records:
                    self.cases.add_analysis(number, label, record, who, amendment=amendment)
            except NpsIdError as exc:
                self._fail(self.tr("Cannot add the analysis"), exc)
            added = (self.tr("{0} analysis added to exhibit {1}") if len(records) == 1
                     else self.tr("{0} analyses added to exhibit {1}"))
            self.status.setText(added.format(len(records), label))
            self.refresh(("exhibit", label))

        return self._start(Task(self.tr("Analysing {0} file(s)").format(len(paths)), work), done, "analyses")

    def conclude(self, label: str, call: str, comment: str = "", analyst: str = "", amendment: str = "") -> bool:
        from nps_id.errors import NpsIdError

        try:
            who = analyst or (self.case() or {}).get("analyst")
            self.cases.conclude(self.number, label, call, comment, who, amendment=amendment)
        except NpsIdError as exc:
            self._fail(self.tr("Cannot conclude"), exc)
            return False
        self.refresh(("exhibit", label))
        return True

    def review(self, label: str, reviewer: str, decision: str = "approved", comment: str = "") -> bool:
        from nps_id.errors import NpsIdError

        try:
            self.cases.review(self.number, label, reviewer, decision, comment)
        except NpsIdError as exc:
            self._fail(self.tr("Cannot record the review"), exc)
            return False
        self.refresh(("exhibit", label))
        return True

    def write_report(self, out: str | Path, exhibit: str | None = None) -> Task | None:
        """Build the PDF in a worker (its own connection to the case file) and record its issue."""
        from nps_id.casework import open_case_file
        from nps_id.report import issue_report

        location, number, out = self.cases.location, self.number, Path(out)
        writing = self.tr("writing the report")  # (translated here: the work runs in a worker thread)

        def work(progress, cancel):
            progress(0, 1, writing)
            with open_case_file(location) as cases:
                return issue_report(cases, number, out, exhibit=exhibit)

        def done(result):
            self.last_report = Path(result[0])
            self.status.setText(self.tr("Report written: {0} (SHA-256 {1}…)").format(result[0], result[1][:16]))
            self.refresh()

        return self._start(Task(self.tr("Writing the report"), work), done, "report")

    def verify(self) -> list[str]:
        problems = self.cases.verify() if self.cases is not None else []
        if problems:
            show_error(self, self.tr("Audit trail NOT intact"), "\n".join(problems))
            self.status.setText(self.tr("Audit trail NOT intact: {0} problem(s)").format(len(problems)))
        else:
            self.status.setText(self.tr("Audit trail intact ({0} entries checked)").format(
                len(self.cases.audit_entries())))
        return problems

    # -- tasks ------------------------------------------------------------------------------
    def _start(self, task: Task, on_done: Callable[[Any], None], what: str) -> Task:
        self.task = task
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.btn_cancel.setVisible(True)
        self._update_buttons()

        def progress(done: int, total: int, message: str) -> None:
            if total:
                self.progress.setRange(0, total)
                self.progress.setValue(done)
            self.status.setText(message)

        def end() -> None:
            self.task = None
            self.progress.setVisible(False)
            self.btn_cancel.setVisible(False)
            self._update_buttons()

        def finished(result: Any) -> None:
            end()
            on_done(result)
            self.taskFinished.emit(what)

        def failed(exc: BaseException, tb: str) -> None:
            end()
            self._fail(task.title, exc)
            self.taskFinished.emit(what)

        def cancelled() -> None:
            end()
            self.status.setText(self.tr("{0}: cancelled").format(task.title))
            self.taskFinished.emit(what)

        task.progress.connect(progress)
        task.finished.connect(finished)
        task.failed.connect(failed)
        task.cancelled.connect(cancelled)
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # -- dialogs (the buttons) ------------------------------------------------------------------
    def ask_new_case(self) -> NewCaseDialog:
        from nps_id.casework.store import current_user_name

        dialog = NewCaseDialog(self, analyst=current_user_name())
        dialog.accepted.connect(lambda: self.new_case(**dialog.values()))
        dialog.open()
        return dialog

    def ask_open_case_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Open or create a case file"), "cases.sqlite",
                                              "{0} (*.sqlite *.db);;{1} (*)".format(self.tr("Case files"),
                                                                                    self.tr("All files")),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.open_case_file(path)

    def ask_exhibit(self) -> ExhibitDialog:
        dialog = ExhibitDialog(self)
        dialog.accepted.connect(lambda: self.add_exhibit(**dialog.values()))
        dialog.open()
        return dialog

    def ask_analysis_files(self) -> None:
        label = self.selected_exhibit()
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Analyses of exhibit {0}").format(label), "",
                                                "{0} (*.msp *.jdx *.dx *.spc *.spa *.csv *.txt *.cdf *.ms *.mzML "
                                                "*.mzXML *.ms1);;{1} (*)".format(self.tr("Spectra and GC-MS runs"),
                                                                                 self.tr("All files")))
        if paths and label:
            self.add_analyses(label, paths)

    def ask_run_folder(self) -> None:
        label = self.selected_exhibit()
        path = QFileDialog.getExistingDirectory(self, self.tr("GC-MS run folder (.D) of exhibit {0}").format(label))
        if path and label:
            self.add_analyses(label, [path])

    def ask_conclude(self) -> ConcludeDialog | None:
        from nps_id.casework import combine
        from nps_id.report.words import statement_lines

        label = self.selected_exhibit()
        case = self.case()
        exhibit = next((e for e in (case or {}).get("exhibits", []) if e["label"] == label), None)
        if exhibit is None:
            return None
        lines = (statement_lines(combine(exhibit["analyses"])) if exhibit["analyses"]
                 else [self.tr("no analyses yet")])
        suggestion = "\n".join(f"• {line}" for line in lines)
        dialog = ConcludeDialog(suggestion, self, analyst=case["analyst"], locked=exhibit["state"] == "reviewed")
        dialog.accepted.connect(lambda: self.conclude(label, **dialog.values()))
        dialog.open()
        return dialog

    def ask_review(self) -> ReviewDialog | None:
        label = self.selected_exhibit()
        case = self.case()
        if label is None or case is None:
            return None
        dialog = ReviewDialog(self, reviewer=case["reviewer"] or "")
        dialog.accepted.connect(lambda: self.review(label, **dialog.values()))
        dialog.open()
        return dialog

    def ask_report(self) -> None:
        exhibit = self.selected_exhibit()
        name = f"{self.number}{'-' + exhibit if exhibit else ''}.pdf".replace("/", "_")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the report"), name, "PDF (*.pdf)")
        if path:
            self.write_report(path, exhibit)


def _bullets(suggestion: dict[str, Any]) -> str:
    """The stored SWGDRUG statement as a list: the stored English lines, rebuilt in another interface language."""
    from nps_id.report.words import statement_lines

    lines = statement_lines(suggestion)
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _analysis_summary(record: dict[str, Any]) -> str:
    from nps_id.casework.conclusion import evidence_of

    lines = evidence_of({"record": record})
    shown = sorted((l for l in lines if l["verdict"] in ("identified", "ambiguous")),
                   key=lambda l: l["verdict"] != "identified")  # identifications first
    named = ["{0} {1}: {2}".format(_shown(_TECHNIQUES, l["technique"]), _shown(_VERDICTS, l["verdict"]), l["compound"])
             for l in shown]
    return "; ".join(named) or translate("CasePanel", "no library compound identified")
