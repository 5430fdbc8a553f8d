"""App, IR: overlay in absorbance with the difference, the Mixture view on a real cut sample, processing options."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from nps_id.io import read_spectra  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

FILES = ["cos_shimadzu_stackIR/caffeine.csv", "cos_shimadzu_stackIR/lactose_run1.csv",
         "cos_shimadzu_stackIR/benzil_run1.csv", "cos_shimadzu_stackIR/9_fluorenone.csv",
         "cos_shimadzu_stackIR/dextrose_run1.csv", "cos_shimadzu_stackIR/benzamide_run1.csv"]


@pytest.fixture(scope="module")
def library(shared_data, tmp_path_factory):
    from nps_id.library import open_library

    lib = open_library(tmp_path_factory.mktemp("guimix") / "lib.sqlite", create=True)
    lib.import_files([shared_data / "ir" / f for f in FILES])
    yield lib
    lib.close()


@pytest.fixture
def cut_sample(shared_data, library):
    """Benzil cut with caffeine (60/40), searched, as the app holds it."""
    from ir_data import read_shared_spectrum
    from ir_mixtures import make_mixture
    from nps_id.search import search_spectra
    from nps_id_gui.model import Model, Sample

    parts = [(read_shared_spectrum(shared_data / "ir" / f), f) for f in (FILES[2], FILES[0])]
    spectrum = make_mixture(parts, [0.6, 0.4], np.random.default_rng(3), "benzil+caffeine").spectrum
    model = Model()
    model.library = library
    sample = Sample(1, "benzil+caffeine", Path("cut.csv"), "spectrum", raw=spectrum)
    sample.hitlist = search_spectra(library, [spectrum], top=5)[0]
    return model, sample


def test_overlay_is_in_absorbance_with_the_difference(qtbot, cut_sample, library):
    from nps_id_gui.views.mirror_view import MirrorView

    _, sample = cut_sample
    view = MirrorView()
    qtbot.addWidget(view)
    caffeine = next(h for h in sample.hitlist.hits if h.name == "Caffeine")
    view.show_ir(sample.raw, library.get(caffeine.library_id), "cut", "Caffeine")
    assert view.ir_display.currentData() == "absorbance"
    assert view.mirror.getAxis("left").labelText == "Absorbance"
    q, r, d = (view.items[k].getData()[1] for k in ("query", "reference", "difference"))
    np.testing.assert_allclose(d, q - r, equal_nan=True)
    assert np.nanmax(q) > 0.5  # bands up, the unknown's own absorbance scale
    assert "least squares" in view.ir_note.text()
    view.ir_display.setCurrentIndex(view.ir_display.findData("transmittance"))
    t = view.items["query"].getData()[1]
    assert np.nanmedian(t) > 90 and np.nanmin(t) < 50  # baseline near 100 %, bands down in %T
    from nps_id.spectrum import Spectrum

    ei = Spectrum(np.array([41.0, 43.0, 58.0]), np.array([10.0, 100.0, 50.0]), "ms", "m/z", "relative abundance")
    view.show_pair(ei, ei)  # an EI comparison afterwards: sticks again, no IR controls
    assert view.ir_bar.isHidden() and view.diff.getAxis("bottom").labelText == "m/z"


def test_mixture_view_shows_both_components_with_fractions(qtbot, cut_sample):
    from nps_id_gui.views.mixture_view import MixtureView

    model, sample = cut_sample
    view = MixtureView()
    qtbot.addWidget(view)
    view.set_sample(sample, model)
    assert "Not analysed" in view.status.text()
    with qtbot.waitSignal(view.taskStarted, timeout=1000):
        view.analyse()
    qtbot.waitUntil(lambda: view.result is not None, timeout=60000)
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert names == ["Benzil", "Caffeine"]
    fractions = [float(view.table.item(r, 1).text().rstrip(" %")) for r in range(2)]
    assert fractions[0] == pytest.approx(60, abs=10) and sum(fractions) == pytest.approx(100, abs=0.2)
    assert sample.hitlist.mixture is view.result
    assert any(op["op"] == "analyse_mixture" for op in sample.history)
    # the plot: unknown, fitted sum and one trace per component
    assert len(view.plot.listDataItems()) == 2 + 2
    # the verdict banner says the unknown is explained as a mixture, beside its single-compound verdict
    from nps_id_gui.views.verdict_banner import describe
    line = [a for a in describe(sample.hitlist).alerts if "Mixture:" in a]
    assert line and "Benzil" in line[0] and "Caffeine" in line[0] and line[0].index("Benzil") < line[0].index("Caffeine")


def test_manual_subtraction_and_residual_search_request(qtbot, cut_sample):
    from nps_id_gui.views.mixture_view import MixtureView

    model, sample = cut_sample
    view = MixtureView()
    qtbot.addWidget(view)
    view.set_sample(sample, model)
    view.hit_choice.setCurrentIndex([h.name for h in sample.hitlist.hits].index("Benzil"))
    view._subtract_changed()
    assert view.search_residual_button.isEnabled()
    view.factor.setValue(100)  # half of the least-squares factor
    residual = view.residual_spectrum()
    step = residual.recipe[-1]
    assert step.name == "spectral_subtraction" and step.params["factor"] == pytest.approx(view.current_factor())
    with qtbot.waitSignal(view.residualSearchRequested) as blocker:
        view.search_residual_button.click()
    assert blocker.args[0].technique == "ir"
    assert any(op["op"] == "spectral_subtraction" for op in sample.history)


def test_processing_defaults_suppress_co2_and_pick_real_bands(shared_data):
    from nps_id_gui import processing

    caffeine = read_spectra(shared_data / "ir" / "cos_shimadzu_stackIR/caffeine.csv")[0]
    params = {"absorbance": True, "atmosphere": "lines", "baseline": {"method": "arpls"}, "peaks": True,
              "peak_k": 5.0, "peak_min_fwhm": 4.0}
    result = processing.apply(caffeine, params)
    assert "atmospheric_suppression" in [s.name for s in result.spectrum.recipe]
    assert not np.any((result.peaks >= 2280) & (result.peaks <= 2400))
    assert 25 <= result.peaks.size <= 45
    with_atr = processing.apply(caffeine, {**params, "atr": {"crystal": "ge", "angle_deg": 45.0}})
    step = next(s for s in with_atr.spectrum.recipe if s.name == "atr_correction")
    assert step.params["n_crystal"] == pytest.approx(4.0)


def test_panel_offers_the_ir_options(qtbot):
    from nps_id_gui.panels.processing_panel import ProcessingPanel

    panel = ProcessingPanel()
    qtbot.addWidget(panel)
    panel.set_params(None)
    params = panel.params()
    assert params["atmosphere"] == "lines" and params["atr"] is None and params["peak_k"] == 5.0
    panel.atr.setChecked(True)
    assert panel.params()["atr"] == {"crystal": "diamond", "angle_deg": 45.0}
    assert params["similarity"] == "pearson"
    panel.similarity.setCurrentIndex(panel.similarity.findData("hqi"))
    assert panel.params()["similarity"] == "hqi"


def test_search_score_chosen_in_the_panel_reaches_the_search(qtbot, cut_sample):
    model, sample = cut_sample
    sample.processing = {"similarity": "hqi"}
    sample.hitlist = None
    model.search([sample])
    qtbot.waitUntil(lambda: sample.hitlist is not None and not model.busy, timeout=60000)
    step = next(s for s in sample.hitlist.query.recipe if s.name == "ir_search")
    assert step.params["similarity"] == "hqi"


def test_new_user_cut_sample_in_the_window(qtbot, tmp_path, shared_data, library):
    """Open a caffeine + benzil cut sample, search, read the overlay, analyse the mixture (screenshots in /tmp)."""
    from PyQt6.QtCore import QSettings
    from ir_data import read_shared_spectrum
    from ir_mixtures import make_mixture
    from nps_id.io import write_spectra
    from nps_id_gui.dialogs import errors
    from nps_id_gui.main_window import MainWindow

    parts = [(read_shared_spectrum(shared_data / "ir" / f), f) for f in (FILES[2], FILES[0])]
    path = tmp_path / "exhibit_cut.csv"
    write_spectra([make_mixture(parts, [0.55, 0.45], np.random.default_rng(7), "exhibit 3").spectrum], path)
    errors.NON_INTERACTIVE = True
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.model.libraryChanged, timeout=20000):
        win.model.open_library(str(library.location))
    win.open_paths([path], background=False)
    qtbot.waitUntil(lambda: not win.model.busy, timeout=60000)
    sample = win.model.current
    assert sample.peaks is not None and not np.any((sample.peaks >= 2280) & (sample.peaks <= 2400))
    win.model.search([sample])
    qtbot.waitUntil(lambda: sample.hitlist is not None and not win.model.busy, timeout=60000)
    caffeine = next(h for h in sample.hitlist.hits if h.name == "Caffeine")
    win._hit_selected(caffeine)
    assert win.results.mirror.ir_display.currentData() == "absorbance"
    assert win.results.mirror.mirror.getAxis("left").labelText == "Absorbance"
    win.grab().save("/tmp/nps_ir_overlay_window.png")
    win.analyse_mixture()  # Analysis > IR mixture analysis (Ctrl+M)
    assert win.mixture_dock.isVisible()
    qtbot.waitUntil(lambda: win.mixture_view.result is not None, timeout=60000)
    names = [win.mixture_view.table.item(r, 0).text() for r in range(win.mixture_view.table.rowCount())]
    assert sorted(names) == ["Benzil", "Caffeine"]
    win.grab().save("/tmp/nps_ir_mixture_window.png")
    # manual subtraction of benzil, then "Search residual": a new sample, searched; caffeine is left
    view = win.mixture_view
    view.hit_choice.setCurrentIndex([h.name for h in sample.hitlist.hits].index("Benzil"))
    view._subtract_changed()
    view.search_residual_button.click()
    qtbot.waitUntil(lambda: len(win.model.samples) == 2 and win.model.samples[1].hitlist is not None
                    and not win.model.busy, timeout=60000)
    residual = win.model.samples[1]
    assert residual.raw.recipe[-1].name == "spectral_subtraction"
    assert residual.hitlist.hits[0].name == "Caffeine"
    for task in list(win.model.tasks):
        task.cancel()
    qtbot.waitUntil(lambda: not win.model.busy, timeout=20000)
