"""The quiz window: exercises on the left; the evidence, the answer form and (after commit) the hits on the right."""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import (QButtonGroup, QComboBox, QCompleter, QFileDialog, QGroupBox, QHBoxLayout,
                             QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                             QPlainTextEdit, QPushButton, QRadioButton, QSplitter, QVBoxLayout, QWidget)

from nps_id.errors import NpsIdError
from nps_id.unknowns.class_rules import CLASSES
from nps_id_gui.views.core_text import class_name
from nps_id.workshop.exercises import Answer
from nps_id_gui.quiz.model import QuizModel
from nps_id_gui.quiz.score_dialog import ScoreDialog
from nps_id_gui.quiz.start_dialog import StartQuizDialog
from nps_id_gui.quiz.trainer_dialog import TrainerDialog
from nps_id_gui.views import plotting as P
from nps_id_gui.views.results_view import ResultsView
from nps_id_gui.views.spectrum_view import SpectrumView


class AnswerForm(QGroupBox):
    """Compound / class / not in library, and a justification."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Your answer"), parent)
        self.compound_radio = QRadioButton(self.tr("Compound:"))
        self.class_radio = QRadioButton(self.tr("Class:"))
        self.absent_radio = QRadioButton(self.tr("Not in the library"))
        self.kinds = QButtonGroup(self)
        for button in (self.compound_radio, self.class_radio, self.absent_radio):
            self.kinds.addButton(button)
        self.compound_box = QComboBox()
        self.compound_box.setEditable(True)
        self.compound_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.compound_box.lineEdit().setPlaceholderText(self.tr("type a compound name from the library"))
        self.class_box = QComboBox()
        for label in CLASSES:  # shown in the interface language, answered as the core names the class
            self.class_box.addItem(class_name(label), label)
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(self.tr("Why? (base peak, molecular ion, bands, retention…)"))
        self.justification.setMaximumHeight(70)
        self.commit_button = QPushButton(self.tr("Commit answer"))
        self.commit_button.setToolTip(self.tr("Fix your answer; the hits and the expected answer are shown then"))
        grid = QVBoxLayout(self)
        for radio, box in ((self.compound_radio, self.compound_box), (self.class_radio, self.class_box)):
            row = QHBoxLayout()
            row.addWidget(radio)
            row.addWidget(box, 1)
            grid.addLayout(row)
            radio.toggled.connect(box.setEnabled)
            box.setEnabled(False)
        grid.addWidget(self.absent_radio)
        grid.addWidget(self.justification)
        grid.addWidget(self.commit_button, 0, Qt.AlignmentFlag.AlignRight)

    def set_compounds(self, names: list[str]) -> None:
        self.compound_box.clear()
        self.compound_box.addItems(names)
        self.compound_box.setCurrentIndex(-1)
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.compound_box.setCompleter(completer)

    def reset(self, answer: Answer | None, justification: str = "") -> None:
        """Empty for a new exercise, or showing (read-only) a committed answer."""
        self.kinds.setExclusive(False)
        for button in self.kinds.buttons():
            button.setChecked(False)
        self.kinds.setExclusive(True)
        self.compound_box.setCurrentIndex(-1)
        self.compound_box.setEditText("")
        self.justification.setPlainText(justification)
        if answer is not None:
            {"compound": self.compound_radio, "class": self.class_radio,
             "not_in_library": self.absent_radio}[answer.kind].setChecked(True)
            self.compound_box.setEditText(answer.compound)
            self.class_box.setCurrentIndex(max(0, self.class_box.findData(answer.compound_class)))
        for widget in (*self.kinds.buttons(), self.justification, self.commit_button):
            widget.setEnabled(answer is None)
        if answer is not None:
            self.compound_box.setEnabled(False)
            self.class_box.setEnabled(False)

    def answer(self) -> Answer | None:
        if self.compound_radio.isChecked():
            return Answer("compound", compound=self.compound_box.currentText().strip())
        if self.class_radio.isChecked():
            return Answer("class", compound_class=str(self.class_box.currentData()))
        if self.absent_radio.isChecked():
            return Answer("not_in_library")
        return None


class QuizWindow(QMainWindow):
    """A trainee's quiz over one workshop pack."""

    def __init__(self, library: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("NPS-ID — Quiz"))
        self.model = QuizModel(library, self)
        self.model.evidenceReady.connect(self._evidence_ready)
        self.model.failed.connect(self._show_error)
        self.current: int | None = None

        self.exercise_list = QListWidget()
        self.exercise_list.currentRowChanged.connect(self._row_changed)
        self.question = QLabel(self.tr("Open a workshop pack (File ▸ Open pack…)"))
        self.question.setWordWrap(True)
        self.question.setStyleSheet("QLabel { font-size: 15px; font-weight: 600; padding: 4px; }")
        self.status = QLabel()
        self.tic = pg.PlotWidget()
        P.style_plot(self.tic.getPlotItem(), self.tr("Retention time (min)"), self.tr("TIC"))
        self.tic.setVisible(False)
        self.spectrum = SpectrumView()
        self.form = AnswerForm()
        self.form.commit_button.clicked.connect(self._commit)
        self.reveal_label = QLabel()
        self.reveal_label.setWordWrap(True)
        self.reveal_label.setTextFormat(Qt.TextFormat.RichText)
        self.results = ResultsView()
        self.results.hitSelected.connect(self._hit_selected)
        self.reveal_box = QGroupBox(self.tr("Answer and library hits"))
        reveal_layout = QVBoxLayout(self.reveal_box)
        reveal_layout.addWidget(self.reveal_label)
        reveal_layout.addWidget(self.results, 1)
        self.reveal_box.setVisible(False)

        evidence = QSplitter(Qt.Orientation.Vertical)
        evidence.addWidget(self.tic)
        evidence.addWidget(self.spectrum)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.question)
        rv.addWidget(self.status)
        rv.addWidget(evidence, 2)
        rv.addWidget(self.form)
        rv.addWidget(self.reveal_box, 3)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.exercise_list)
        split.addWidget(right)
        split.setSizes([260, 1100])
        self.setCentralWidget(split)
        self._menus()
        self.resize(1360, 900)

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        for text, slot, key in ((self.tr("&Open pack…"), self.open_pack_dialog, QKeySequence.StandardKey.Open),
                                (self.tr("&Save answer sheet…"), self._save_sheet, QKeySequence.StandardKey.Save),
                                (self.tr("Score &sheet…"), self.show_score, None),
                                (self.tr("&Trainer view…"), self._trainer_view, None),
                                (self.tr("&Close"), self.close, QKeySequence.StandardKey.Close)):
            action = QAction(text, self)
            if key is not None:
                action.setShortcut(key)
            action.triggered.connect(slot)
            menu.addAction(action)

    # -- opening -----------------------------------------------------------------------------
    def open_pack_dialog(self) -> None:
        dialog = StartQuizDialog(self)
        if dialog.exec():
            self.start(*dialog.values())

    def start(self, pack: str, trainee: str, passphrase: str | None) -> bool:
        try:
            run = self.model.start(pack, trainee, passphrase)
        except NpsIdError as exc:
            self._show_error(str(exc))
            return False
        self.setWindowTitle(self.tr("NPS-ID — Quiz: {0} ({1})").format(run.pack.title, run.trainee))
        self.form.set_compounds(self.model.compound_names())
        self.exercise_list.clear()
        for exercise in run.exercises:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, exercise.number)
            self.exercise_list.addItem(item)
        self._refresh_list()
        self.exercise_list.setCurrentRow(0)
        return True

    def _refresh_list(self) -> None:
        run = self.model.run
        for row in range(self.exercise_list.count()):
            item = self.exercise_list.item(row)
            exercise = run.exercise(item.data(Qt.ItemDataRole.UserRole))
            mark = "•"
            if exercise.number in run.committed:
                mark = ("✓" if run.reveal(exercise.number).right else "✗") if run.can_reveal else "■"
            item.setText(f"{mark} {exercise.number}. {exercise.question}")

    # -- one exercise ------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if self.model.run is None or row < 0:
            return
        number = self.exercise_list.item(row).data(Qt.ItemDataRole.UserRole)
        self.current = number
        exercise = self.model.run.exercise(number)
        hints = "".join(f"<br><i>{self.tr('Hint')}: {h}</i>" for h in exercise.hints)
        self.question.setText(f"{number}. {exercise.question} ({exercise.points:g} "
                              f"{self.tr('points') if exercise.points != 1 else self.tr('point')}){hints}")
        committed = self.model.run.committed.get(number)
        self.form.reset(committed.answer if committed else None, committed.justification if committed else "")
        self._show_evidence(number)
        self._show_reveal(number)
        if number not in self.model.evidence:
            self.status.setText(self.tr("Reading and searching the file…"))
            self.model.load(number)

    def _evidence_ready(self, number: int) -> None:
        if number == self.current:
            self._show_evidence(number)
            self._show_reveal(number)

    def _show_evidence(self, number: int) -> None:
        evidence = self.model.evidence.get(number)
        self.tic.clear()
        self.tic.setVisible(bool(evidence and evidence.kind == "gcms"))
        if evidence is None:
            self.spectrum.clear()
            return
        self.status.setText(evidence.note)
        if evidence.kind == "gcms" and evidence.run is not None:
            from nps_id.gcms.chromatogram import tic
            self.tic.plot(evidence.run.times, tic(evidence.run), pen=pg.mkPen(P.QUERY, width=1.2))
            for component in evidence.components or []:
                line = pg.InfiniteLine(component.rt_min, angle=90, pen=pg.mkPen(P.COMPONENT, width=0.8))
                self.tic.addItem(line)
        if evidence.query is None:
            self.spectrum.clear()
        elif evidence.kind in ("ms", "gcms"):
            self.spectrum.show_ms(evidence.query, self.tr("Unknown"))
        else:
            self.spectrum.show_optical(evidence.query, title=self.tr("Unknown"))

    def _show_reveal(self, number: int) -> None:
        run = self.model.run
        committed = run.committed.get(number)
        self.reveal_box.setVisible(committed is not None)
        if committed is None:
            self.results.set_hits(None)  # nothing of the hits is kept in a widget before the answer
            return
        if run.can_reveal:
            shown = run.reveal(number)
            verdict = (f"<span style='color:#1a7f37'>✓ {self.tr('Right')}</span>" if shown.right
                       else f"<span style='color:#b3261e'>✗ {self.tr('Not right')}</span>")
            text = (f"<b>{verdict}</b> — {self.tr('your answer')}: {committed.answer.describe()}; "
                    f"{self.tr('expected')}: <b>{shown.expected.describe()}</b>")
            if shown.explanation:
                text += f"<br>{shown.explanation}"
        else:
            text = self.tr("Answer committed. The expected answer is sealed: the trainer scores the saved sheet.")
        self.reveal_label.setText(text)
        hits = self.model.visible_hits(number)
        self.results.set_hits(hits, title=self.tr("exercise {0}").format(number),
                              hint=self.tr("Searching…") if number not in self.model.evidence else "")

    def _hit_selected(self, hit: Any) -> None:
        evidence = self.model.evidence.get(self.current) if self.current is not None else None
        if hit is None or evidence is None:
            return
        self.results.show_hit(hit, evidence.query, self.model.reference(hit), self.tr("Unknown"))

    def _commit(self) -> None:
        if self.current is None:
            return
        answer = self.form.answer()
        if answer is None:
            self._show_error(self.tr("Choose a compound, a class, or 'not in the library' first."))
            return
        try:
            self.model.commit(self.current, answer, self.form.justification.toPlainText())
        except NpsIdError as exc:
            self._show_error(str(exc))
            return
        self.form.reset(answer, self.form.justification.toPlainText())
        self._refresh_list()
        self._show_reveal(self.current)
        if self.model.run.finished and self.model.run.can_reveal:
            self.show_score()

    # -- end ---------------------------------------------------------------------------------
    def show_score(self) -> ScoreDialog | None:
        run = self.model.run
        if run is None:
            return None
        try:
            rows = run.score()
        except NpsIdError as exc:
            self._show_error(str(exc))
            return None
        dialog = ScoreDialog(run.pack.title, run.trainee, rows, self)
        dialog.show()
        return dialog

    def _save_sheet(self) -> None:
        if self.model.run is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save answer sheet"),
                                              f"{self.model.run.trainee}.json", "JSON (*.json)")
        if path:
            self.model.run.save(path)

    def _trainer_view(self) -> None:
        if self.model.run is None:
            return
        passphrase, ok = QInputDialog.getText(self, self.tr("Trainer view"), self.tr("Trainer's passphrase:"),
                                              QLineEdit.EchoMode.Password)
        if ok:
            try:
                TrainerDialog(self.model.run.pack, passphrase, self).show()
            except NpsIdError as exc:
                self._show_error(str(exc))

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, self.tr("Quiz"), message)
