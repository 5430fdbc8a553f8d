"""`nps-id gcms` end to end, and identification of gcmstools components by library search."""
from __future__ import annotations

import json

import pytest

from nps_id.cli import main
from nps_id.gcms.analysis import analyse_run


@pytest.fixture(scope="module")
def library(shared_data):
    """The plain cosine search of the bench MSP (a script's choice: ``--library`` takes only libraries)."""
    from nps_id.gcms.identify import PlainCosineSearch
    path = shared_data / "ms" / "bench" / "library.msp"
    if not path.exists():
        pytest.skip("bench library absent")
    return PlainCosineSearch.from_file(path)


@pytest.fixture(scope="module")
def small_library(shared_data, tmp_path_factory):
    """The first 400 records of the bench MSP imported into a library."""
    from nps_id.library import open_library
    path = shared_data / "ms" / "bench" / "library.msp"
    if not path.exists():
        pytest.skip("bench library absent")
    folder = tmp_path_factory.mktemp("gcms-lib")
    records = path.read_text(encoding="utf-8", errors="replace").strip().split("\n\n")[:400]
    (folder / "small.msp").write_text("\n\n".join(records) + "\n", encoding="utf-8")
    with open_library(folder / "small.sqlite", create=True) as opened:
        opened.import_files([folder / "small.msp"])
    return folder / "small.sqlite"


def test_gcmstools_identified_by_library(shared_data, library):
    result = analyse_run(shared_data / "gcms" / "gcmstools" / "datasample1.CDF", library=library, top=5)
    expected = {"HEXANE": 2.343, "CYCLOHEXENE": 3.368, "CYCLOHEXANOL": 10.750, "CYCLOHEXANONE": 11.057,
                "PHENOL": 14.796, "OCTANE": 7.172, "DECANE": 15.336}
    for name, rt in expected.items():
        idx = [i for i, c in enumerate(result.components) if abs(c.rt_min - rt) <= 0.03]
        assert idx, name
        names = [[h.name.upper() for h in result.hits[i].hits] for i in idx]
        if name in ("OCTANE", "DECANE", "HEXANE"):   # n-alkane spectra differ little: top 5
            assert any(name in n for n in names), name
        else:
            assert any(n and n[0] == name for n in names), (name, names)


def test_cli_json(shared_data, capsys, small_library):
    code = main(["gcms", "--json", "--top", "2", "--library", str(small_library),
                 str(shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF")])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["run"]["scans"] == 621
    comp = min(data["components"], key=lambda c: abs(c["rt_min"] - 5.278))
    assert abs(comp["rt_min"] - 5.278) < 0.03
    assert set(comp) >= {"rt_min", "ri", "area", "area_pct", "spectrum", "hits"}
    assert len(comp["hits"]) == 2 and {"name", "score", "rank"} <= set(comp["hits"][0])


def test_cli_bad_file(tmp_path, capsys):
    bad = tmp_path / "x.cdf"
    bad.write_bytes(b"not a run")
    assert main(["gcms", "--no-search", str(bad)]) == 2
    assert "x.cdf" in capsys.readouterr().err


def test_text_table_says_why_a_higher_score_is_ranked_lower(shared_data, capsys, small_library):
    run = str(shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF")
    assert main(["gcms", "--json", "--top", "5", "--library", str(small_library), run]) == 0
    data = json.loads(capsys.readouterr().out)
    demoted = [h["name"] for c in data["components"] for h in c["hits"] if h.get("mass_conflict")]
    assert demoted  # candidates whose nominal mass contradicts a clear molecular ion
    assert main(["gcms", "--top", "5", "--library", str(small_library), run]) == 0
    text = capsys.readouterr().out
    assert text.count("mass contradicts the molecular ion") == len(demoted)
