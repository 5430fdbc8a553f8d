"""The app's Control column tells controlled, not controlled and not in catalogue apart (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PyQt6.QtCore import Qt  # noqa: E402

from nps_id.controls import apply_controls  # noqa: E402
from nps_id.search.hits import Hit, HitList  # noqa: E402
from nps_id.spectrum import spectrum_from_peaks  # noqa: E402
from nps_id_gui.views.results_view import ResultsView  # noqa: E402


def test_control_column_shows_the_kind_of_status(qtbot, monkeypatch):
    monkeypatch.delenv("NPS_ID_JURISDICTION", raising=False)
    names = ["2-Furanyl fentanyl", "Ketamine", "Benzyl Fentanyl", "2,3-Dimethylmethcathinone"]
    hits = [Hit(rank=i + 1, library_id=i + 1, name=n, score=900.0 - 50 * i, reverse_score=900.0)
            for i, n in enumerate(names)]
    apply_controls(hits)
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(1400, 500)
    view.set_hits(HitList(spectrum_from_peaks([(188, 999), (374, 50)]), "q", "ms", hits), "q")
    model = view.table_model
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Control")
    assert not view.table.isColumnHidden(column)
    shown = [model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) for r in range(4)]
    assert shown[0].startswith("controlled substance — UN 1961 Convention Schedule I (CND 2018)")
    assert shown[1].startswith("not under international control") and shown[3] == "not in catalogue"
    colours = [model.data(model.index(r, column), Qt.ItemDataRole.ForegroundRole) for r in range(4)]
    assert colours[0].color().name() == "#b00020"  # controlled: red
    assert colours[1] is None  # known, not controlled: plain text
    assert colours[2].color().name() == "#a15c00"  # not confirmed: amber
    assert colours[3].color().name() == "#6b6b6b"  # not in catalogue: grey, never read as "not controlled"
    view.grab().save("/tmp/nps_controls_results.png")
