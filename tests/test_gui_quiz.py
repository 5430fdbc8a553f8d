"""Quiz mode driven like a trainee: hits and names hidden until each answer is committed, then scored."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PyQt6.QtWidgets import QLabel, QMessageBox  # noqa: E402

from nps_id.io import read_spectra  # noqa: E402
from nps_id.library import open_library  # noqa: E402
from nps_id.workshop.pack import make_pack  # noqa: E402
from tests.test_workshop_pack import PASSPHRASE, _exercise_list  # noqa: E402


@pytest.fixture
def quiz(qtbot, shared_data: Path, tmp_path: Path, monkeypatch):
    from nps_id_gui.quiz.window import QuizWindow

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    pack = make_pack(_exercise_list(shared_data, tmp_path), tmp_path / "pack", PASSPHRASE)
    library = open_library(tmp_path / "lib.sqlite", create=True)
    nps = read_spectra(shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")
    library.add_spectra(nps[:40:10] + nps[200:260:10], why="quiz test")  # 10 compounds, one spectrum each
    library.add_spectra(read_spectra(shared_data / "ir" / "nist_webbook_via_stackIR" / "benzocaine.csv"), why="t")
    window = QuizWindow(library)
    qtbot.addWidget(window)
    window.show()
    assert window.start(str(pack), "C. Trainee", PASSPHRASE)
    yield window, warnings
    library.close()


def _visible_text(window) -> str:
    return " ".join(w.text() for w in window.findChildren(QLabel) if w.isVisible())


def test_trainee_answers_five_with_names_hidden_until_committed(quiz, qtbot, tmp_path: Path) -> None:
    window, warnings = quiz
    answers = {1: ("compound", "Etizolam"), 2: ("compound", "Pentylone"),  # 2 wrong on purpose
               3: ("class", "synthetic cathinone"), 4: ("absent", ""),       # 4 wrong on purpose
               5: ("absent", "")}
    for row, number in enumerate(answers):
        window.exercise_list.setCurrentRow(row)
        qtbot.waitUntil(lambda: number in window.model.evidence, timeout=120_000)
        hidden = window.model.evidence[number].hitlist
        # before the answer: no hit in any widget, the reveal box hidden, no hit name on screen
        assert not window.reveal_box.isVisible()
        assert window.results.table_model.rowCount() == 0
        if hidden is not None and hidden.hits:
            assert hidden.hits[0].name not in _visible_text(window)
        kind, value = answers[number]
        if kind == "compound":
            window.form.compound_radio.setChecked(True)
            window.form.compound_box.setEditText(value)
        elif kind == "class":
            window.form.class_radio.setChecked(True)
            window.form.class_box.setCurrentText(value)
        else:
            window.form.absent_radio.setChecked(True)
        window.form.justification.setPlainText("because")
        window.form.commit_button.click()
        assert window.reveal_box.isVisible()
        assert not window.form.commit_button.isEnabled()  # no second answer
        if hidden is not None and hidden.hits:
            assert window.results.table_model.rowCount() > 0
    assert not warnings
    dialog = window.show_score()
    assert [r.right for r in dialog.rows] == [True, False, True, False, True]
    assert "4 of 6 points" in dialog.total_label.text()  # exercise 1 is worth 2
    csv_text = dialog.export_csv(tmp_path / "s.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[-1].endswith(",4,6")
    assert dialog.export_pdf(tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    window.grab().save("/tmp/quiz.png")
