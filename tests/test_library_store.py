"""The library store on the real benchmark library (../shared/data/ms/bench)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError, LibraryError
from nps_id.io import read_spectra
from nps_id.library import open_library

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench(shared_data: Path) -> Path:
    folder = shared_data / "ms" / "bench"
    if not (folder / "library.msp").is_file():
        pytest.skip(f"benchmark library not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def big_library(bench: Path, tmp_path_factory):
    """library.msp (12,425 spectra) imported once for the read-only tests."""
    path = tmp_path_factory.mktemp("lib") / "big.sqlite"
    with open_library(path, create=True) as library:
        start = time.perf_counter()
        report = library.import_files([bench / "library.msp"])
        seconds = time.perf_counter() - start
    library = open_library(path)
    yield library, report, seconds
    library.close()


def _count_records(path: Path) -> int:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return sum(1 for line in handle if line.lower().startswith("name:"))


def test_import_counts_and_speed(big_library, bench):
    library, report, seconds = big_library
    expected = _count_records(bench / "library.msp")
    assert report.added == expected == library.count() == library.count("ms")
    assert library.count("ir") == 0
    assert report.ids == list(range(report.ids[0], report.ids[0] + expected))
    assert seconds < 60, f"import took {seconds:.1f} s"
    info = library.info()
    assert info["spectra"] == expected and info["by_technique"] == {"ms": expected}
    assert 0 < info["compounds"] < expected
    assert info["revision"] == 1 and library.max_id() == report.ids[-1]


def test_get_returns_the_spectrum_as_read(big_library, bench):
    library, report, _ = big_library
    originals = read_spectra(bench / "queries.msp")  # independent of the library content
    assert originals
    first_read = read_spectra(bench / "library.msp")
    for k in (0, 1234, len(first_read) - 1):
        stored = library.get(report.ids[k])
        assert stored.metadata["library_id"] == report.ids[k]
        assert stored.name == first_read[k].name
        assert stored.get("inchikey") == first_read[k].get("inchikey")
        np.testing.assert_array_equal(stored.x, first_read[k].x)
        np.testing.assert_array_equal(stored.y, first_read[k].y)
    with pytest.raises(LibraryError):
        library.get(10**9)


def test_peak_arrays_match_stored_spectra(big_library):
    library, report, _ = big_library
    ids, offsets, x, y = library.peak_arrays("ms")
    assert ids.dtype == np.int64 and offsets.dtype == np.int64
    assert len(ids) == library.count("ms") and offsets[-1] == len(x) == len(y)
    for k in (0, 777, len(ids) - 1):
        spectrum = library.get(int(ids[k]))
        np.testing.assert_array_equal(x[offsets[k]:offsets[k + 1]], spectrum.x)
        np.testing.assert_array_equal(y[offsets[k]:offsets[k + 1]], spectrum.y)
    tail_ids, tail_offsets, _, _ = library.peak_arrays("ms", min_id=int(ids[-10]))
    assert list(tail_ids) == list(ids[-10:]) and len(tail_offsets) == 11
    assert len(library.peak_arrays("ir")[0]) == 0


def test_records_and_find(big_library):
    library, report, _ = big_library
    picked = [report.ids[5], 10**9, report.ids[0]]
    records = library.records(picked)
    assert records[1] is None
    assert records[0]["id"] == picked[0] and records[2]["id"] == picked[2]
    assert records[0]["name"] == library.get(picked[0]).name
    hits = library.find(name="fentanyl", limit=5000)
    assert hits and all("fentanyl" in h["name"].lower() for h in hits)
    key = records[0]["inchikey"]
    assert any(h["id"] == picked[0] for h in library.find(inchikey=key[:14]))
    assert any(h["id"] == picked[0] for h in library.find(text=key))


def test_export_round_trip(big_library, tmp_path):
    library, report, _ = big_library
    picked = report.ids[::7]  # a spread-out seventh keeps the test quick
    out = tmp_path / "export.msp"
    library.export(out, ids=picked)
    assert len(read_spectra(out)) == len(picked)
    copy = open_library(tmp_path / "copy.sqlite", create=True)
    copy.import_files([out])
    ids, offsets, x, y = copy.peak_arrays("ms")
    for k in range(0, len(ids), 97):
        original = library.get(picked[k])
        np.testing.assert_array_equal(x[offsets[k]:offsets[k + 1]], original.x)
        np.testing.assert_array_equal(y[offsets[k]:offsets[k + 1]], original.y)
    keys = ("name", "inchikey", "formula", "smiles", "source_id", "licence", "contributor")
    def fields(record):  # the MSP reader collapses runs of blanks in names
        return {k: " ".join(record[k].split()) if isinstance(record[k], str) else record[k]
                for k in keys}

    for mine, theirs in zip(library.records(picked), copy.records(ids)):
        assert fields(mine) == fields(theirs)
    copy.close()


GOOD = "Name: Good one\nFormula: C2H6O\nNum Peaks: 3\n31 999\n45 400\n46 200\n\n"
BAD = "Name: Broken\nNum Peaks: 2\n41 999\n43 abc\n\n"


def test_invalid_file_leaves_library_unchanged(tmp_path):
    good, bad = tmp_path / "good.msp", tmp_path / "bad.msp"
    good.write_text(GOOD)
    bad.write_text(GOOD + BAD + GOOD)
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        library.import_files([good])
        count, revision, log = library.count(), library.revision(), len(library.log())
        with pytest.raises(InputError) as err:
            library.import_files([good, bad])  # the good file of the same call is not kept
        assert err.value.path == str(bad) and err.value.line is not None
        assert "abc" in str(err.value)
        assert (library.count(), library.revision(), len(library.log())) == (count, revision, log)


NEGATIVE = "Name: Negative\nNum Peaks: 2\n41 999\n43 -5\n\n"


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(tmp_path):
    bad = tmp_path / "bad.msp"
    bad.write_text(GOOD + NEGATIVE + GOOD)
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        report = library.import_files([bad], skip_invalid=True)
        assert report.added == 2 == library.count()
        assert len(report.skipped) == 1
        assert report.skipped[0].file == str(bad) and report.skipped[0].line is not None
        assert "skipped 1" in library.log()[0]["what"]


def test_delete_is_logged_and_bumps_revision(tmp_path):
    good = tmp_path / "good.msp"
    good.write_text(GOOD * 3)
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        ids = library.import_files([good]).ids
        revision = library.revision()
        with pytest.raises(LibraryError):
            library.delete(ids[:1], why="")
        assert library.delete(ids[:2], why="duplicate records", who="tester") == 2
        assert library.count() == 1 and library.revision() == revision + 1
        entry = library.log(limit=1)[0]
        assert (entry["action"], entry["who"], entry["why"]) == ("delete", "tester", "duplicate records")


def test_open_errors(tmp_path):
    with pytest.raises(LibraryError, match="no library"):
        open_library(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(LibraryError, match="not an NPS-ID library"):
        open_library(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(LibraryError, match="not an NPS-ID library"):
        open_library(other, create=True)


def test_default_location_from_environment(tmp_path, monkeypatch):
    from nps_id.library import default_library_location
    monkeypatch.setenv("NPS_ID_LIBRARY", str(tmp_path / "env.sqlite"))
    assert default_library_location() == str(tmp_path / "env.sqlite")
    monkeypatch.delenv("NPS_ID_LIBRARY")
    assert default_library_location().endswith("library.sqlite")


def test_kill_during_import_keeps_library_intact(bench, tmp_path):
    """SIGKILL while the big import is writing: the library stays as before."""
    path = tmp_path / "lib.sqlite"
    with open_library(path, create=True) as library:
        library.import_files([bench / "queries.msp"])
        before = (library.count(), library.revision())
    wal = Path(str(path) + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "nps_id.cli", "library", "import", "--library", str(path),
         str(bench / "library.msp")],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Rows spill into the WAL only while the transaction is writing.
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > wal_size + 2_000_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    with open_library(path) as library:
        assert (library.count(), library.revision()) == before
        library.import_files([bench / "queries.msp"], allow_duplicates=True)  # still writable
        assert library.count() == 2 * before[0]


def _index_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spectra'")}


def test_big_import_rebuilds_the_indexes_it_defers(tmp_path, monkeypatch):
    """A big import into a small library builds the secondary indexes after the rows;
    they are there afterwards, and a failed import leaves them as they were."""
    from nps_id.library import store
    monkeypatch.setattr(store, "DEFER_INDEXES_MIN", 1)
    monkeypatch.setattr(store, "BYTES_PER_SPECTRUM_ESTIMATE", 1)
    good, bad = tmp_path / "good.msp", tmp_path / "bad.msp"
    good.write_text(GOOD)
    bad.write_text(GOOD + BAD)
    path = tmp_path / "lib.sqlite"
    with open_library(path, create=True) as library:
        expected = _index_names(path)
        assert len(expected) >= 9
        report = library.import_files([good])
        assert _index_names(path) == expected
        assert report.ids == [r["id"] for r in library.records(report.ids)]
        with pytest.raises(InputError):
            library.import_files([bad])
        assert _index_names(path) == expected
        assert library.count() == report.added
        assert library.find(name=library.records(report.ids[:1])[0]["name"])


def test_skip_invalid_drops_a_file_that_fails_after_some_chunks(tmp_path, monkeypatch):
    """Rows of a file's earlier chunks are rolled back when the file then fails as a whole."""
    import nps_id.io.msp as msp
    good, broken = tmp_path / "good.msp", tmp_path / "broken.msp"
    good.write_text(GOOD)
    broken.write_text(GOOD)
    real = msp.iter_msp_chunks

    def failing_later(path, skip_invalid=False, **kw):
        yield from real(path, skip_invalid, **kw)
        if Path(path) == broken:
            raise InputError(path, "binary data (NUL byte) in a text library", 99)

    monkeypatch.setattr(msp, "iter_msp_chunks", failing_later)
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        report = library.import_files([good, broken], skip_invalid=True)
        assert report.added == library.count() == len(read_spectra(good))
        assert [(s.file, s.line) for s in report.skipped] == [(str(broken), 99)]


def test_read_ahead_passes_on_errors_and_stops_with_its_caller():
    from nps_id.library.reading import read_ahead

    def numbers(fail_at):
        for k in range(10):
            if k == fail_at:
                raise InputError("f.msp", "damaged", k)
            yield k

    assert list(read_ahead(numbers(None))) == list(range(10))
    with pytest.raises(InputError, match="damaged"):
        list(read_ahead(numbers(5)))
    for k in read_ahead(numbers(None)):
        if k == 2:
            break
