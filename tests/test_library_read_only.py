"""A released library on a read-only share is searched, listed and exported; changes say it is read-only.

Root ignores ``chmod`` (CI runs as root): the read-only opening is tested through
``open_library(..., read_only=True)``, and a folder that root cannot write is made by running the
command line in a subprocess under ``setpriv`` without the DAC-override capabilities (skipped,
saying why, where that is not possible).  Also: ``nps-id gcms --library`` reports the library's
own error (damaged, not SQLite, a spectrum file) instead of "not a spectrum file", and a library
or case file in a folder that cannot be written says so.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nps_id.errors import LibraryError
from nps_id.library import open_library

MSP = """Name: ALPHA-PVP
Formula: C15H21NO
MW: 231
Num Peaks: 5
77 20; 91 15; 105 30; 126 999; 231 5

Name: MEPHEDRONE
Formula: C11H15NO
MW: 177
Num Peaks: 5
58 999; 91 80; 119 150; 145 20; 177 5

Name: 4-ANPP
Formula: C19H24N2
MW: 280
Num Peaks: 5
77 100; 93 120; 146 999; 189 400; 280 50
"""

NO_DAC = ["--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    spectra = tmp_path / "three.msp"
    spectra.write_text(MSP, encoding="utf-8")
    path = tmp_path / "lib" / "lib.sqlite"
    with open_library(path, create=True) as library:
        library.import_files([spectra])
    return path


def test_read_only_open_reads_and_refuses_every_change(library_file: Path, tmp_path: Path):
    before = _digest(library_file)
    with open_library(library_file, read_only=True) as library:
        assert library.read_only
        assert library.count() == 3 and library.info()["spectra"] == 3
        assert {r["name"] for r in library.find(text="PVP")} == {"ALPHA-PVP"}
        assert library.export(tmp_path / "out.msp")
        with pytest.raises(LibraryError, match=r"^the library is read-only: .*lib\.sqlite$"):
            library.import_files([tmp_path / "three.msp"], allow_duplicates=True)
        with pytest.raises(LibraryError, match="the library is read-only"):
            library.delete([1], why="test")
        with pytest.raises(LibraryError, match="the library is read-only"):  # any write of another module
            with library.backend.transaction():
                pass
        assert library.count() == 3
    assert _digest(library_file) == before
    with open_library(library_file) as library:  # a writable library still opens read-write
        assert not library.read_only


def test_read_only_open_never_creates_a_library(tmp_path: Path):
    with pytest.raises(LibraryError, match="no library there"):
        open_library(tmp_path / "none.sqlite", create=True, read_only=True)
    assert not (tmp_path / "none.sqlite").exists()


def test_read_only_search(library_file: Path):
    from nps_id.search import search_spectra
    from nps_id.spectrum import Spectrum

    query = Spectrum([58.0, 91.0, 119.0, 177.0], [999.0, 80.0, 150.0, 5.0], "ms", "m/z", "counts", {"name": "q"})
    with open_library(library_file, read_only=True) as library:
        (hits,) = search_spectra(library, [query], top=1)
        assert hits.hits[0].name == "MEPHEDRONE"


# -- gcms --library: the library's own error --------------------------------------------------
@pytest.fixture
def run(shared_data: Path) -> Path:
    path = shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF"
    if not path.is_file():
        pytest.skip(f"GC-MS run not found: {path}")
    return path


def test_gcms_library_errors_are_the_librarys(tmp_path: Path, run: Path, capsys):
    from nps_id.cli import main
    from nps_id.gcms.identify import resolve_library

    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(LibraryError, match="not an NPS-ID library"):
        resolve_library(corrupt)
    spectra = tmp_path / "three.msp"
    spectra.write_text(MSP, encoding="utf-8")
    with pytest.raises(LibraryError, match=r"a spectrum file, not an NPS-ID library: .*nps-id library import"):
        resolve_library(spectra)
    with pytest.raises(LibraryError, match="no library there"):
        resolve_library(tmp_path / "absent.sqlite")

    assert main(["gcms", "--library", str(corrupt), str(run)]) == 2
    err = capsys.readouterr().err
    assert "not an NPS-ID library (not a SQLite database)" in err and "not a spectrum file" not in err
    assert main(["gcms", "--library", str(spectra), str(run)]) == 2
    assert "nps-id library import --library" in capsys.readouterr().err


def test_search_of_a_spectrum_file_as_library_says_how_to_import(tmp_path: Path):
    spectra = tmp_path / "three.msp"
    spectra.write_text(MSP, encoding="utf-8")
    with pytest.raises(LibraryError, match="spectrum file, not an NPS-ID library"):
        open_library(spectra)


# -- a folder that cannot be written, in a process that root's rights do not override ------------
def _unprivileged() -> list[str]:
    """The prefix that runs a command without the right to ignore file permissions, or skips."""
    if os.name != "posix":
        pytest.skip("file permissions of a read-only share are tested on POSIX only")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is absent: chmod does not stop root")
    return [setpriv, *NO_DAC]


def _run(prefix: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from nps_id.cli import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, NPS_ID_LANG="en")
    return subprocess.run([*prefix, sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def read_only_folder(library_file: Path, tmp_path: Path):
    """The library (and its index folder) copied into a folder nobody may write."""
    prefix = _unprivileged()
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy2(library_file, folder / "lib.sqlite")
    index = Path(str(library_file) + ".nps-index")
    if index.is_dir():
        shutil.copytree(index, folder / "lib.sqlite.nps-index")
    empty = tmp_path / "rodir"
    empty.mkdir()
    for path in (folder, empty):
        path.chmod(0o555)
    probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(empty / 'x')!r}, 'w')"], capture_output=True)
    if probe.returncode == 0:
        for path in (folder, empty):
            path.chmod(0o755)
        pytest.skip("this process may write into a read-only folder (setpriv could not drop the capabilities)")
    yield prefix, folder, empty
    for path in (folder, empty):
        path.chmod(0o755)


def test_library_in_a_read_only_folder_is_searched_and_listed(read_only_folder, tmp_path: Path):
    prefix, folder, _ = read_only_folder
    query = tmp_path / "q.msp"
    query.write_text(MSP.split("\n\n")[1] + "\n", encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    done = _run(prefix, "search", "--library", "ro/lib.sqlite", "--top", "1", str(query), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "MEPHEDRONE" in done.stdout
    done = _run(prefix, "library", "info", "--library", "ro/lib.sqlite", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3" in done.stdout
    done = _run(prefix, "library", "export", "--library", "ro/lib.sqlite", str(tmp_path / "out.msp"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = _run(prefix, "library", "import", "--library", "ro/lib.sqlite", str(query), cwd=tmp_path)
    assert done.returncode == 2
    assert "the library is read-only: ro/lib.sqlite" in done.stderr
    assert "attempt to write" not in done.stderr and "unable to open" not in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == before  # no -wal, no -shm


def test_new_library_or_case_file_in_a_read_only_folder_says_so(read_only_folder, tmp_path: Path):
    prefix, _, empty = read_only_folder
    query = tmp_path / "q.msp"
    query.write_text(MSP, encoding="utf-8")
    done = _run(prefix, "library", "import", "--library", "rodir/lib.sqlite", str(query), cwd=tmp_path)
    assert done.returncode == 2
    assert "rodir/lib.sqlite: the library cannot be created there: the folder rodir is not writable" in done.stderr
    done = _run(prefix, "case", "new", "X", "--analyst", "A", "--case-file", "rodir/c.sqlite", cwd=tmp_path)
    assert done.returncode == 2
    assert "rodir/c.sqlite: the case file cannot be created there: the folder rodir is not writable" in done.stderr
    assert "library" not in done.stderr
    assert not list(empty.iterdir())
