"""IR mixture analysis on real spectra: cut samples made from shared spectra, pure spectra, bad input."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.spectrum import Spectrum

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

COS = "cos_shimadzu_stackIR"
LIBRARY_FILES = [f"{COS}/{name}.csv" for name in (
    "caffeine", "lactose_run1", "dextrose_run1", "aspartame_run1", "benzil_run1", "9_fluorenone",
    "hydroquinone_run11", "benzamide_run1", "resorcinol_run1", "1_3_diphenylacetone_run3", "acetamide_run2",
    "benzaldehyde")]


@pytest.fixture(scope="module")
def library(shared_data, tmp_path_factory):
    from nps_id.library import open_library

    lib = open_library(tmp_path_factory.mktemp("mix") / "lib.sqlite", create=True)
    lib.import_files([shared_data / "ir" / f for f in LIBRARY_FILES])
    yield lib
    lib.close()


def _spectrum(shared_data, name):
    from ir_data import read_shared_spectrum

    return read_shared_spectrum(shared_data / "ir" / COS / f"{name}.csv")


def _mixture(shared_data, names, fractions, seed=0):
    from ir_mixtures import make_mixture

    parts = [(_spectrum(shared_data, n), n) for n in names]
    return make_mixture(parts, fractions, np.random.default_rng(seed), "+".join(names)).spectrum


def test_two_and_three_component_cut_samples_are_unmixed(library, shared_data):
    from nps_id.ir.mixture_analysis import analyse_mixture

    two = analyse_mixture(library, _mixture(shared_data, ["benzil_run1", "caffeine"], [0.6, 0.4]))
    assert [c.name for c in two.components] == ["Benzil", "Caffeine"]
    assert two.components[0].fraction == pytest.approx(0.6, abs=0.1)
    assert two.explained > 0.9
    three = analyse_mixture(library, _mixture(shared_data, ["9_fluorenone", "lactose_run1", "caffeine"],
                                              [0.5, 0.3, 0.2], seed=1))
    assert {c.name for c in three.components} == {"9-Fluorenone", "Lactose", "Caffeine"}
    assert sum(c.fraction for c in three.components) == pytest.approx(1.0)
    d = three.to_dict()
    assert d["components"][0]["library_id"] == three.components[0].library_id
    assert set(d["residual"]) == {"explained", "rms", "noise", "noise_ratio"}


def test_pure_spectrum_and_noise_give_no_phantom(library, shared_data):
    from nps_id.ir.mixture_analysis import analyse_mixture

    pure = analyse_mixture(library, _mixture(shared_data, ["hydroquinone_run11"], [1.0], seed=4))
    assert [c.name for c in pure.components] == ["Hydroquinone"]
    grid = np.arange(800.0, 4000.0, 1.0)
    noise = Spectrum(grid, np.random.default_rng(5).normal(0, 0.01, grid.size), "ir", "1/cm", "absorbance",
                     {"name": "noise"})
    found = analyse_mixture(library, noise)
    assert found.components == [] and "noise" in found.stop_reason  # noise is not "found"


def test_bad_mixture_queries_get_clear_messages(library):
    from nps_id.ir.mixture_analysis import analyse_mixture

    one = Spectrum(np.array([1000.0]), np.array([0.5]), "ir", "1/cm", "absorbance", {"source_file": "one.csv"})
    with pytest.raises(InputError, match="one.csv.*1 usable point"):
        analyse_mixture(library, one)
    grid = np.arange(800.0, 4000.0, 2.0)
    nan = Spectrum(grid, np.full(grid.size, np.nan), "ir", "1/cm", "absorbance", {"source_file": "nan.csv"})
    with pytest.raises(InputError, match="nan.csv.*0 usable point"):
        analyse_mixture(library, nan)
    low = np.arange(650.0, 790.0, 1.0)  # the COS library spectra start at 800 cm-1
    outside = Spectrum(low, np.exp(-((low - 700) / 5) ** 2), "ir", "1/cm", "absorbance", {"source_file": "low.csv"})
    with pytest.raises(InputError, match="low.csv.*no library IR spectrum overlaps"):
        analyse_mixture(library, outside)
    from nps_id.search import search_spectra

    searched = search_spectra(library, [outside], mixture=True)[0]  # in a search: a warning, not a stop
    assert searched.mixture is None and any("no library IR spectrum overlaps" in w for w in searched.warnings)


def test_search_json_carries_the_mixture(library, shared_data, tmp_path, capsys):
    from nps_id.cli import main
    from nps_id.io import write_spectra

    path = tmp_path / "cut.csv"
    write_spectra([_mixture(shared_data, ["resorcinol_run1", "dextrose_run1"], [0.7, 0.3], seed=2)], path)
    assert main(["search", "--library", str(library.location), "--mixture", "--json", "--top", "3", str(path)]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    names = [c["name"] for c in out["query"]["mixture"]["components"]]
    assert names[0] == "Resorcinol" and "Dextrose" in names
    assert any("looks like a mixture of Resorcinol" in w for w in out["warnings"])


def test_broad_band_cut_keeps_its_fraction_with_the_baseline_fitted(library, shared_data):
    """Dextrose's broad O-H band survives: the baseline is fitted with the components, not removed first.

    arPLS on the noisy cut took most of that band out, so dextrose (61 % of the
    absorbance) came out at about half and a second O-H compound filled the gap.
    """
    from nps_id.ir.mixture_analysis import analyse_mixture

    cut = analyse_mixture(library, _mixture(shared_data, ["dextrose_run1", "1_3_diphenylacetone_run3"],
                                            [0.61, 0.39], seed=3))
    assert [c.name for c in cut.components] == ["Dextrose", "1,3-Diphenylacetone"]
    assert cut.components[0].fraction == pytest.approx(0.61, abs=0.05)
    assert cut.parameters["baseline_order"] >= 0
    finite = np.isfinite(cut.residual)
    assert np.allclose(cut.query[finite], (cut.fitted + cut.residual)[finite])  # the shown query is baseline-free
    for name, compound in (("dextrose_run1", "Dextrose"), ("caffeine", "Caffeine"), ("lactose_run1", "Lactose")):
        pure = analyse_mixture(library, _mixture(shared_data, [name], [1.0], seed=7))
        assert [c.name for c in pure.components] == [compound]
