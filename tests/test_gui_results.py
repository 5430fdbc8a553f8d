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


def _column(model, attr: str) -> int:
    from nps_id_gui.views.results_view import COLUMNS

    return next(c for c, (_, a, _) in enumerate(COLUMNS) if a == attr)


def test_delta_ri_column_from_the_core_ri_term(qtbot):
    """ΔRI of hits re-ranked by the core's RI term: shown signed, red and bold when the RI contradicts."""
    from nps_id.gcms.ri_scoring import apply_ri_term

    hits = [Hit(rank=1, library_id=1, name="far RI", score=900.0, reverse_score=910.0, retention_index=2100.0),
            Hit(rank=2, library_id=2, name="near RI", score=850.0, reverse_score=860.0, retention_index=1995.0),
            Hit(rank=3, library_id=3, name="no RI", score=800.0, reverse_score=800.0)]
    ranked = apply_ri_term(hits, 2010.0)   # the component's RI
    view = ResultsView()
    qtbot.addWidget(view)
    view.set_hits(HitList(spectrum_from_peaks([(107, 999), (108, 800)]), "q", "ms", ranked), "q")
    model = view.table_model
    col = _column(model, "ri_delta")
    assert not view.table.isColumnHidden(col)
    rows = {model.data(model.index(r, 1)): r for r in range(3)}
    shown = {name: model.data(model.index(r, col)) for name, r in rows.items()}
    assert shown == {"near RI": "+15", "no RI": "", "far RI": "-90"}
    far = model.index(rows["far RI"], col)
    near = model.index(rows["near RI"], col)
    assert model.data(far, Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert model.data(far, Qt.ItemDataRole.FontRole).bold()
    assert model.data(near, Qt.ItemDataRole.ForegroundRole) is None
    tip = model.data(far, Qt.ItemDataRole.ToolTipRole)
    assert "RI 2010 vs library 2100" in tip and "contradicts" in tip and "900 − RI penalty 300 = 600" in tip
    # a list without any RI (an EI file, a run without calibration) gives the column no room
    view.set_hits(HitList(spectrum_from_peaks([(107, 999)]), "q", "ms",
                          [Hit(rank=1, library_id=1, name="x", score=900.0, reverse_score=900.0)]), "q")
    assert view.table.isColumnHidden(col)


WHATS_THIS_COLUMNS = ("score", "reverse_score", "probability", "name", "ri_delta")


def test_whats_this_on_the_hit_table_headers(qtbot):
    """Shift+F1 on a header explains match, reverse match, probability vs confidence, verdict and ΔRI."""
    view = ResultsView()
    qtbot.addWidget(view)
    model = view.table_model
    texts = {attr: model.headerData(_column(model, attr), Qt.Orientation.Horizontal, Qt.ItemDataRole.WhatsThisRole)
             for attr in WHATS_THIS_COLUMNS}
    assert all(texts.values()), texts
    assert "Reverse match" in texts["reverse_score"] and "ignored" in texts["reverse_score"]
    assert "Confidence" in texts["probability"] and "100 %" in texts["probability"]
    assert "verdict" in texts["name"] and "not in library" in texts["name"]
    assert "±50" in texts["ri_delta"]
    assert len(set(texts.values())) == len(texts)
    assert "verdict" in view.table.whatsThis() and "ambiguous" in view.verdict_banner.whatsThis()


def test_whats_this_in_russian(qtbot, qapp):
    from PyQt6.QtCore import QLocale

    from nps_id_gui import i18n
    from nps_id_gui.views.gcms_view import ComponentTableModel

    before = QLocale()
    assert i18n.install_translators(qapp, "ru") == "ru"
    try:
        view = ResultsView()
        qtbot.addWidget(view)
        model = view.table_model
        texts = {attr: model.headerData(_column(model, attr), Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.WhatsThisRole) for attr in WHATS_THIS_COLUMNS}
        assert "Обратное совпадение" in texts["reverse_score"]
        assert "Достоверность" in texts["probability"] and "Вероятность" in texts["probability"]
        assert "вердикт" in texts["name"] and "нет в библиотеке" in texts["name"]
        assert "ΔИУ" in texts["ri_delta"] and "индекс удерживания" in texts["ri_delta"]
        assert "вердикт" in view.table.whatsThis().lower() and "неоднозначно" in view.verdict_banner.whatsThis()
        components = ComponentTableModel()
        verdict = components.headerData(ComponentTableModel.VERDICT, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.WhatsThisRole)
        assert "идентифицировано" in verdict and "неоднозначно" in verdict
        assert components.headerData(ComponentTableModel.DELTA_RI, Qt.Orientation.Horizontal,
                                     Qt.ItemDataRole.WhatsThisRole) == texts["ri_delta"]
    finally:
        i18n.install_translators(qapp, "en")
        QLocale.setDefault(before)
