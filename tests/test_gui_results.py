"""The hit table shows what the core computed (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PyQt6.QtCore import Qt  # noqa: E402

from nps_id.search.hits import Hit, HitList, assign_probabilities  # noqa: E402
from nps_id.spectrum import spectrum_from_peaks  # noqa: E402
from nps_id_gui.views.results_view import ResultsView  # noqa: E402


def test_probability_column_shows_the_core_percent(qtbot):
    hits = [Hit(rank=i + 1, library_id=i + 1, name=name, score=score, reverse_score=score, formula="C7H8O")
            for i, (name, score) in enumerate([("p-cresol", 956.0), ("m-cresol", 900.0), ("phenol", 700.0)])]
    assign_probabilities(hits)
    view = ResultsView()
    qtbot.addWidget(view)
    view.set_hits(HitList(spectrum_from_peaks([(107, 999), (108, 800)]), "q", "ms", hits), "q")
    model = view.table_model
    column = next(c for c in range(model.columnCount()) if
                  model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Prob. %")
    shown = [float(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)) for row in range(3)]
    assert shown == [pytest.approx(h.probability, abs=0.05) for h in hits]
    assert shown[2] < 1.0  # a far-behind hit is not shown as 100 %
