"""Clean imports: only the technique asked for, nothing twice, a per-file report; schema upgrade."""
from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from nps_id.cli import main
from nps_id.errors import InputError
from nps_id.io import read_spectra
from nps_id.library import open_library
from nps_id.library.rows import content_hash
from nps_id.library.schema import SCHEMA_VERSION
from nps_id.spectrum import Spectrum

ETHANOL = "Name: Ethanol\nInChIKey: LFQSCWFLJHTTHZ-UHFFFAOYSA-N\nCAS#: 64-17-5\nDB#: ETH-1\nNum Peaks: 3\n31 999\n45 400\n46 200\n\n"


@pytest.fixture(scope="module")
def spc_folder(shared_data: Path) -> Path:
    """Real Galactic SPC files of every technique (IR, Raman, NIR, UV, GC-MS scans)."""
    folder = shared_data / "ir" / "formats" / "galactic_spc"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    return folder


def test_technique_ir_adds_only_ir_and_lists_the_rest(spc_folder, tmp_path, shared_data):
    msp = shared_data / "ms" / "bench" / "queries.msp"
    # what the readers say each file holds, counted independently of the import
    truth = {str(p): Counter(s.technique for s in read_spectra(p))
             for p in sorted(spc_folder.iterdir()) if p.is_file()}
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        report = library.import_files([spc_folder, msp], technique="ir")
        assert library.count() == library.count("ir") == report.added
        assert report.added == sum(c["ir"] for c in truth.values()) > 0
        assert report.other_technique == sum(n for c in truth.values() for t, n in c.items() if t != "ir")
        assert report.other_technique > 1000  # the GC-MS scans of the SPC demo files among them
        entries = {e.path: e for e in report.entries}
        for path, counts in truth.items():
            entry = entries[path]
            assert entry.added == counts["ir"]
            skipped = {reason.split(" spectr")[0]: int(what.split()[0]) for what, reason in entry.skipped}
            assert skipped == {_label(t): n for t, n in counts.items() if t != "ir"}
        # an MSP file is passed over unread when importing IR, and says why
        assert entries[str(msp)].added == 0 and "EI mass spectra" in entries[str(msp)].skipped[0][1]
        xyxy = entries[str(spc_folder / "rohanisaac_m_xyxy.spc")]
        assert xyxy.reasons == "512 spectra: EI mass spectra, not IR" and xyxy.n_skipped == 512
        assert report.other_technique_files == 1
        assert "not IR" in report.summary()


def _label(technique: str) -> str:
    return {"ms": "EI mass", "raman": "Raman", "nir": "NIR", "uv": "UV-Vis", "nmr": "NMR"}.get(technique, technique)


def test_only_other_techniques_is_an_error_naming_them(spc_folder, tmp_path):
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        with pytest.raises(InputError, match="no IR spectrum to import"):
            library.import_files([spc_folder / "rohanisaac_nir.spc"], technique="ir")
        assert library.count() == 0 and library.revision() == 0


def test_the_same_msp_twice_leaves_the_library_unchanged(shared_data, tmp_path):
    msp = shared_data / "ms" / "bench" / "queries.msp"
    n = len(read_spectra(msp))
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        first = library.import_files([msp])
        assert first.added == n and first.duplicates == 0
        revision = library.revision()
        again = library.import_files([msp])
        assert (again.added, again.duplicates) == (0, n)
        assert (library.count(), library.revision()) == (n, revision)  # nothing searchable changed
        assert again.entries[0].duplicates == n and "already present" in str(again.entries[0])
        assert library.log(limit=1)[0]["details"]["duplicates"] == n
        # the same file twice in one import: the second copy is already present
        both = library.import_files([msp, msp], allow_duplicates=False)
        assert both.added == 0 and both.duplicates == 2 * n
        forced = library.import_files([msp], allow_duplicates=True)
        assert forced.added == n and library.count() == 2 * n and library.revision() == revision + 1


def test_same_peaks_of_another_compound_are_not_duplicates(tmp_path):
    src = tmp_path / "a.msp"
    src.write_text(ETHANOL, encoding="utf-8")
    other_name = ETHANOL.replace("Name: Ethanol", "Name: Not ethanol")
    other_key = ETHANOL.replace("LFQSCWFLJHTTHZ", "AAAAAAAAAAAAAA")
    no_cas_scaled = (ETHANOL.replace("CAS#: 64-17-5\n", "").replace("Name: Ethanol", "Name:  ETHANOL ")
                     .replace("31 999\n45 400\n46 200", "31 99.9\n45 40\n46 20"))
    other_peaks = ETHANOL.replace("46 200", "46 201")
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        library.import_files([src])
        for text, added in ((other_name, 1), (other_key, 1), (no_cas_scaled, 0), (other_peaks, 1)):
            path = tmp_path / f"q{added}{len(text)}.msp"
            path.write_text(text, encoding="utf-8")
            report = library.import_files([path])
            assert (report.added, report.duplicates) == (added, 1 - added), text
        assert library.count() == 4


def test_content_hash_ignores_scale_and_round_trip_noise():
    x = np.array([31.0, 45.0, 46.0])
    s = Spectrum(x, np.array([999.0, 400.0, 200.0]), "ms")
    assert content_hash(s) == content_hash(Spectrum(x + 1e-9, s.y / 9.99, "ms"))
    assert content_hash(s) != content_hash(Spectrum(x, np.array([999.0, 400.0, 201.0]), "ms"))
    assert content_hash(s) != content_hash(Spectrum(x, s.y, "ir", "cm-1", "absorbance"))


def test_cli_prints_the_per_file_summary(spc_folder, tmp_path, capsys):
    lib = str(tmp_path / "lib.sqlite")
    nir = spc_folder / "rohanisaac_nir.spc"
    ir = spc_folder / "rohanisaac_m_ordz.spc"
    assert main(["library", "import", "--library", lib, "--technique", "ir", str(nir), str(ir)]) == 0
    out = capsys.readouterr().out
    assert f"{nir}: 0 added; skipped 20 spectra: NIR spectra, not IR" in out
    assert f"{ir}: 10 added" in out
    assert main(["library", "import", "--library", lib, "--technique", "ir", str(ir)]) == 0
    assert f"{ir}: 0 added; 10 already present" in capsys.readouterr().out
    assert main(["library", "import", "--library", lib, "--allow-duplicates", str(ir)]) == 0
    with open_library(lib) as library:
        assert library.count() == 20


def _downgrade_to_schema_1(path: Path) -> None:
    """Make a library look as NPS-ID with schema 1 left it (no hash column, uuid, trust table)."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX spectra_content_hash")
        conn.execute("ALTER TABLE spectra DROP COLUMN content_hash")
        conn.execute("DROP TABLE trusted_keys")
        conn.execute("DELETE FROM meta WHERE key = 'library_uuid'")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_a_schema_1_library_is_upgraded_on_open(shared_data, tmp_path):
    msp = shared_data / "ms" / "bench" / "queries.msp"
    path = tmp_path / "old.sqlite"
    with open_library(path, create=True) as library:
        library.import_files([msp])
        hashes = library.backend.query("SELECT id, content_hash FROM spectra ORDER BY id")
        counts = (library.count(), library.revision())
    _downgrade_to_schema_1(path)
    with open_library(path) as library:
        info = library.info()
        assert info["schema_version"] == SCHEMA_VERSION == 2
        assert len(info["library_uuid"]) == 36 and (library.count(), library.revision()) == counts
        assert library.backend.query("SELECT id, content_hash FROM spectra ORDER BY id") == hashes
        assert library.log(limit=1)[0]["action"] == "upgrade"
        uuid = library.library_uuid()
        assert library.import_files([msp]).added == 0  # the upgraded hashes find the duplicates
    with open_library(path) as library:  # upgraded once, the uuid stays
        assert library.library_uuid() == uuid and library.log(limit=2)[1]["action"] == "upgrade"


def test_library_modules_import_no_circle():
    """store and sharing both use packages; no module of nps_id.library imports itself back."""
    import ast

    folder = Path(__file__).resolve().parents[1] / "nps_id" / "library"
    graph = {}
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {n.module.rsplit(".", 1)[-1] for n in ast.walk(tree)
                            if isinstance(n, ast.ImportFrom) and n.module
                            and n.module.startswith("nps_id.library.")}
    assert "sharing" not in graph["store"] and "store" in graph["sharing"]

    def reaches(start: str, goal: str, seen: set) -> bool:
        return any(m == goal or (m not in seen and reaches(m, goal, seen | {m}))
                   for m in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m, set())] == []


def test_spectra_written_out_and_read_back_are_already_present(shared_data, tmp_path):
    """The hash survives the MSP and JCAMP-DX writers (a release holds such files)."""
    msp = shared_data / "ms" / "bench" / "queries.msp"
    ir_files = sorted((shared_data / "ir" / "nist_webbook_via_nzhagen_jcamp").glob("*.csv"))[:8]
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        n_ms = library.import_files([msp]).added
        n_ir = library.import_files(ir_files, technique="ir").added
        assert n_ir == len(ir_files) == 8
        library.export(tmp_path / "ms.msp", technique="ms")
        library.export(tmp_path / "ir.jdx", technique="ir")
        again = library.import_files([tmp_path / "ms.msp"] + sorted(tmp_path.glob("ir*.jdx")))
        assert (again.added, again.duplicates) == (0, n_ms + n_ir)
