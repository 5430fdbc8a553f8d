"""The verdict banner, the analogue tab and the GC-MS verdict column show what the core decided (pytest-qt, offscreen).

A tiny library is imported from real records of ../shared/data/ms/bench/library.msp;
real query spectra of a compound in it and of compounds not in it are searched
with the real search, and the widgets are checked against the core's result.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings, Qt  # noqa: E402

from nps_id_gui.views.verdict_banner import STYLES, VerdictBanner, describe, percent  # noqa: E402

WAIT_MS = 60000
#: Library: the first 40 bench records plus every record of these compounds.
IN_LIBRARY = ("DIMETHYLPHENOL", "4-METHYLPHENOL", "P-CRESOL")
WORDS = {"identified": "IDENTIFIED", "ambiguous": "AMBIGUOUS", "not_in_library": "NOT IN LIBRARY"}


def _records(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [r.strip() + "\n" for r in text.split("\n\n") if r.strip()]


def _name(record: str) -> str:
    return record.splitlines()[0].split(":", 1)[1].strip().upper()


@pytest.fixture(scope="module")
def bench(shared_data: Path) -> Path:
    folder = shared_data / "ms" / "bench"
    if not (folder / "library.msp").is_file():
        pytest.skip(f"EI benchmark MSP files not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def tiny(bench: Path, tmp_path_factory) -> dict:
    """A tiny real library, and real queries: one of a compound in it, two of compounds not in it."""
    from nps_id.library.store import open_library

    folder = tmp_path_factory.mktemp("verdict")
    records = _records(bench / "library.msp")
    chosen = records[:40] + [r for r in records[40:] if any(w in _name(r) for w in IN_LIBRARY)]
    msp = folder / "tiny.msp"
    msp.write_text("\n".join(chosen), encoding="utf-8")
    location = folder / "tiny.sqlite"
    library = open_library(location, create=True)
    library.import_files([msp])
    names = {_name(r) for r in chosen}
    truth = {line.split("\t")[0].upper(): line.split("\t")[2].upper()
             for line in (bench / "truth.tsv").read_text().splitlines()[1:]}
    queries = {_name(r): r for r in _records(bench / "queries.msp")}
    inside = next(q for q, r in queries.items() if truth.get(q) == "4-METHYLPHENOL")
    outside = [q for q in queries if truth.get(q) and truth[q] not in names
               and not any(w in truth[q] for w in IN_LIBRARY)][:2]
    files = {}
    for key, query in [("in", inside)] + [(f"out{i}", q) for i, q in enumerate(outside)]:
        files[key] = folder / f"{key}.msp"
        files[key].write_text(queries[query], encoding="utf-8")
    return {"library": library, "location": location, "files": files, "names": names,
            "truth": {k: truth[_name(queries[q])] for k, q in [("in", inside)] +
                      [(f"out{i}", q) for i, q in enumerate(outside)]}}


@pytest.fixture(scope="module")
def searched(tiny: dict) -> dict:
    """The real hit lists of the tiny library's queries."""
    from nps_id.io import read_spectra
    from nps_id.search import search_spectra

    out = {}
    for key, path in tiny["files"].items():
        out[key] = search_spectra(tiny["library"], read_spectra(path), top=10)[0]
    return out


def _check_banner(banner: VerdictBanner, hitlist) -> None:
    verdict = hitlist.verdict
    assert verdict is not None, "the core gives every EI search a verdict"
    assert not banner.isHidden()
    text = banner.text()
    assert banner.verdict == verdict.verdict
    assert WORDS[verdict.verdict] in text  # words as well as colour (colour-blind safe)
    assert banner.colours() == STYLES[verdict.verdict][2:]
    assert STYLES[verdict.verdict][2] in banner.styleSheet()
    assert percent(verdict.confidence) in text
    if verdict.reason:
        assert verdict.reason in text
    if verdict.verdict == "ambiguous":
        for name in verdict.candidates[:6]:
            assert name in text
        for decider in verdict.deciders[:6]:
            assert decider in text
    ion = hitlist.molecular_ion
    if ion is not None:
        expected = "no molecular ion seen" if ion.nominal_mass is None else f"M+• {ion.nominal_mass} (confidence"
        assert expected in text
    pred = hitlist.class_prediction
    if pred is not None:
        assert ("Class: " + (str(pred.label).replace("_", " ") if pred.label else str(pred.message))) in text
    for alert in hitlist.alerts:
        assert alert.controlled_compound in banner.alerts.text()
        assert banner.alerts.font().bold()


def test_banner_shows_the_verdict_of_real_searches(qtbot, tiny, searched):
    for key, hitlist in searched.items():
        banner = VerdictBanner()
        qtbot.addWidget(banner)
        banner.set_hitlist(hitlist)
        _check_banner(banner, hitlist)
        assert not banner.isHidden()
    # a compound absent from the library is never shown as identified
    for key, hitlist in searched.items():
        if key.startswith("out"):
            assert hitlist.verdict.verdict != "identified", (tiny["truth"][key], hitlist.verdict)


def test_each_verdict_has_its_own_words_and_colour(qtbot, searched):
    """Every verdict the core can reach, on a real hit list: its words, colour, and what applies."""
    from nps_id.unknowns.results import Alert, ClassPrediction, MolecularIon, Verdict

    hitlist = searched["in"]
    top = hitlist.hits[0].name
    cases = {
        "identified": Verdict("identified", 0.93, "one compound fits", compound=top),
        "ambiguous": Verdict("ambiguous", 0.41, "isomers score alike", compound=top,
                             candidates=[top, "3-METHYLPHENOL"], deciders=["retention index", "IR"]),
        "not_in_library": Verdict("not_in_library", 0.02, "no library compound fits", compound=top),
    }
    seen = set()
    for word, verdict in cases.items():
        hitlist.verdict = verdict
        hitlist.molecular_ion = MolecularIon(108, 0.85, "isotope pattern fits")
        hitlist.class_prediction = ClassPrediction(None, 0.0, {}, "no classes in this library")
        hitlist.alerts = [Alert("BMK", "Table I (1988 Convention)", "+14 (CH2) from BMK")] if word != "identified" else []
        banner = VerdictBanner()
        qtbot.addWidget(banner)
        banner.set_hitlist(hitlist)
        _check_banner(banner, hitlist)
        assert f"M+• 108 (confidence {percent(0.85)})" in banner.text()
        assert "Class: no classes in this library" in banner.text()
        seen.add(banner.colours())
        if word == "ambiguous":
            assert "Candidates: " in banner.text() and "To decide: retention index, IR" in banner.text()
        if word == "identified":
            assert f"IDENTIFIED: {top}" in banner.text()
            assert "Candidates" not in banner.text()
    assert len(seen) == 3
    # ambiguous with one candidate: the top one fits best but not conclusively (no rival named)
    hitlist.verdict = Verdict("ambiguous", 0.52, "fits best but not conclusively", compound=top, candidates=[top])
    title = describe(hitlist).title
    assert "best fit not conclusive" in title and "candidates" not in title
    hitlist.molecular_ion = MolecularIon(None, 0.7, "no isotope cluster at the high-mass end")
    assert describe(hitlist).molecular_ion == "no molecular ion seen"
    # "other" from a library that cannot teach the drug classes says which ones it cannot predict
    hitlist.class_prediction = ClassPrediction("other", 0.97, {"other": 0.97, "fentanyl analogue": 0.03},
                                               unlearned=["synthetic cathinone", "synthetic cannabinoid"])
    content = describe(hitlist)
    assert content.class_text.startswith("Class: other (97")
    assert "cannot be predicted from this library: synthetic cathinone, synthetic cannabinoid" in content.class_text
    hitlist.class_prediction = ClassPrediction("fentanyl analogue", 0.9, {"fentanyl analogue": 0.9},
                                               unlearned=["nitazene"])
    content = describe(hitlist)
    assert "cannot be predicted" not in content.class_text and "nitazene" in content.class_tip


def test_ir_query_shows_no_molecular_ion(qtbot):
    from nps_id.search.hits import HitList
    from nps_id.spectrum import Spectrum
    from nps_id.unknowns.results import MolecularIon, Verdict
    import numpy as np

    x = np.linspace(600, 4000, 500)
    query = Spectrum(x=x, y=np.exp(-((x - 1700) / 30) ** 2), x_unit="1/cm", y_unit="absorbance", technique="ir")
    hitlist = HitList(query, "ir", "ir", [], verdict=Verdict("not_in_library", 0.05, "no IR reference fits"),
                      molecular_ion=MolecularIon(300, 0.9, "n/a"))
    content = describe(hitlist)
    assert content.molecular_ion == ""  # an IR spectrum has no molecular ion
    assert "NOT IN LIBRARY" in content.title


def _window(qtbot, tmp_path):
    from nps_id_gui.dialogs import errors
    from nps_id_gui.main_window import MainWindow

    errors.NON_INTERACTIVE = True
    errors.shown.clear()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    return win


def test_window_shows_verdict_and_finds_analogues(qtbot, tiny, tmp_path):
    from nps_id_gui.views.analogue_view import COLUMNS

    win = _window(qtbot, tmp_path)
    try:
        with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
            win.model.open_library(str(tiny["location"]), create=False)
        win.open_paths([str(tiny["files"]["out0"])])
        with qtbot.waitSignal(win.model.searchFinished, timeout=WAIT_MS):
            win.search()
        sample = win.model.current
        verdict = sample.hitlist.verdict
        banner = win.results.verdict_banner
        assert banner.isVisible() and banner.verdict == verdict.verdict
        assert WORDS[verdict.verdict] in banner.text()
        table = win.results.table_model
        if verdict.verdict != "identified":
            # the nearest hit does not read like the answer
            assert "not an identification" in win.results.header.text()
            tip = table.data(table.index(0, 1), Qt.ItemDataRole.ToolTipRole)
            assert tip.startswith("Not an identification")
            assert table.data(table.index(0, 2), Qt.ItemDataRole.FontRole) is None  # score not bold
            assert "selection-background-color" in win.results.table.styleSheet()

        # analogues on request, in a worker, into the tab's table model
        assert win.act_analogues.isEnabled(), win.act_analogues.toolTip()
        with qtbot.waitSignal(win.model.analoguesChanged, timeout=WAIT_MS):
            task = win.find_analogues()
            assert task is not None
            assert win.results.analogues.cancel_button.isVisible()
        qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)
        analogues = sample.hitlist.analogues
        model = win.results.analogues.table_model
        assert win.results.tabs.currentWidget() is win.results.analogues
        assert model.rowCount() == len(analogues)
        assert not win.results.analogues.cancel_button.isVisible()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers == [c[0] for c in COLUMNS]
        for row, analogue in enumerate(analogues):
            shown = [model.data(model.index(row, c)) for c in range(model.columnCount())]
            assert shown[1] == analogue.name
            assert shown[2] == f"{analogue.score:.0f}" and shown[3] == f"{analogue.direct_score:.0f}"
            assert shown[4] == ("?" if analogue.mass_shift is None else
                                (f"{analogue.mass_shift:+d}" if analogue.mass_shift else "0"))
            assert (analogue.shift_explanation or "").endswith(shown[5])
        if analogues:
            assert win.results.tabs.tabText(1) == f"Analogues ({len(analogues)})"
            assert any(o["op"] == "find_analogues" for o in win.model.operations)
    finally:
        for task in list(win.model.tasks):
            task.cancel()
        qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)


def test_analogue_search_cancelled(qtbot, tiny, tmp_path):
    win = _window(qtbot, tmp_path)
    with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
        win.model.open_library(str(tiny["location"]), create=False)
    win.open_paths([str(tiny["files"]["in"])])
    task = win.find_analogues()  # no search yet: the model searches first, then finds analogues
    assert task is not None
    task.cancel()
    qtbot.waitUntil(lambda: not win.model.busy, timeout=WAIT_MS)
    assert not win.results.analogues.progress.isVisible()
    assert win.results.analogues.find_button.isVisible()
    assert "cancelled" in win.results.analogues.status.text()


def test_gcms_components_show_their_verdicts(qtbot, tiny, shared_data, tmp_path):
    """A real run: every component's verdict in its row; a name reads as the answer only when identified."""
    from nps_id_gui.views.gcms_view import ComponentTableModel

    run = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223008.D"
    if not run.is_dir():
        pytest.skip(f"GC-MS run not found: {run}")
    win = _window(qtbot, tmp_path)
    with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
        win.model.open_library(str(tiny["location"]), create=False)
    win.open_paths([str(run)])
    qtbot.waitUntil(lambda: win.model.current is not None and not win.model.busy, timeout=WAIT_MS)
    win.search()  # analyses the run and searches each component
    qtbot.waitUntil(lambda: win.model.current.run_result is not None and not win.model.busy, timeout=120000)
    sample = win.model.current
    model = win.gcms_view.table_model
    assert model.rowCount() == len(sample.components) > 0
    assert model.headerData(ComponentTableModel.VERDICT, Qt.Orientation.Horizontal) == "Verdict"
    for row in range(model.rowCount()):
        hitlist = model.hitlist(row)
        verdict = hitlist.verdict
        assert verdict is not None
        shown = model.data(model.index(row, ComponentTableModel.VERDICT))
        assert shown.startswith({"identified": "✔ identified", "ambiguous": "⚠ ambiguous",
                                 "not_in_library": "✖ not in library"}[verdict.verdict])
        assert percent(verdict.confidence) in shown
        top = model.data(model.index(row, ComponentTableModel.TOP))
        if verdict.verdict == "not_in_library" and hitlist.hits:
            assert top == f"nearest: {hitlist.hits[0].name}"
        if verdict.verdict == "identified":
            assert top == hitlist.hits[0].name
    # etizolam (the run's main compound, not in the library) is not shown as identified
    main = max(range(len(sample.components)), key=lambda i: sample.components[i].area_pct or 0)
    assert model.hitlist(main).verdict.verdict != "identified"
    # the selected component's verdict is in the banner above its hits, which name the component
    assert win.results.verdict_banner.verdict == sample.hitlist.verdict.verdict
    comp = sample.current_component
    assert f"220223008.D, component {sample.component + 1} at {comp.rt_min:.3f} min" in win.results.header.text()


def test_replicates_of_one_compound_leave_room_for_the_other_candidates(qtbot, shared_data, tmp_path):
    from nps_id.io import read_spectra, write_spectra
    from nps_id.library.store import open_library

    nps = shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"
    if not nps.is_file():
        pytest.skip(f"{nps} not found")
    spectra = read_spectra(nps)
    # ten replicates of each cathinone: a per-spectrum list would be ten rows of the query's compound
    cathinones = [s for s in spectra if s.get("compound_class") == "cathinone"]
    query = cathinones[0]
    library_path = tmp_path / "replicates.sqlite"
    library = open_library(library_path, create=True)
    library.add_spectra(cathinones[1:])
    library.close()
    write_spectra([query], tmp_path / "query.msp")
    win = _window(qtbot, tmp_path)
    try:
        with qtbot.waitSignal(win.model.libraryChanged, timeout=WAIT_MS):
            win.model.open_library(str(library_path), create=False)
        win.open_paths([str(tmp_path / "query.msp")])
        with qtbot.waitSignal(win.model.searchFinished, timeout=WAIT_MS):
            win.search()
        hits = win.model.current.hitlist.hits
        keys = [h.compound_key() for h in hits]
        assert len(keys) == len(set(keys)) == 10  # one row per compound, ten compounds
        assert hits[0].name == query.get("name")
        assert win.results.table_model.rowCount() == len(hits)
        # the analogue tab with nothing selected asks for a selection; it does not say the entry lacks a SMILES
        win.results.tabs.setCurrentWidget(win.results.analogues)
        assert win.model.current.hitlist.verdict.verdict == "identified"  # so no analogue search ran
        assert not win.results.analogues.table_model.analogues
        assert win.results.structure.text().startswith("Select a hit") and not win.results.structure.has_structure
    finally:
        win.close()
