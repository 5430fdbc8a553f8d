"""Findings of a user trial of the command line, each as the user met it.

(1) an output that cannot be written (missing folder, a file where a folder should be, a full disk) ends in
    "nps-id: error: PATH: cannot write (REASON)", exit code 2, no traceback and no half-written file, for
    `convert`, `library export`, `case report` and, through the top-level handler, every other writer;
(2) `search --json` prints valid UTF-8 JSON when a file name is not UTF-8, and errors show such names readably;
(3) the first-start hint of `search --library X` tells to import with that `--library X`;
(4) `library import` prints the time of the whole import, search index and class model included;
(5) `gcms --top 0` (and `case add --top 0`) is an argparse error with exit code 2, like `search --top 0`;
(6) `info` / `search` of an Agilent .D folder say it is a GC-MS run to open with `nps-id gcms`.
"""
from __future__ import annotations

import errno
import json
import os
import re
import time
from pathlib import Path

import pytest

from nps_id.cli import main, os_error_message
from nps_id.io import write_spectra
from nps_id.io.msp import read_msp

RUN_D = Path("gcms") / "LRCFS_benzodiazepines" / "220223018.D"


@pytest.fixture(scope="module")
def bench(shared_data):
    spectra, _problems = read_msp(shared_data / "ms" / "bench" / "library.msp")
    return spectra[:60]


@pytest.fixture(scope="module")
def small_library(bench, tmp_path_factory):
    folder = tmp_path_factory.mktemp("trial_lib")
    source = folder / "subset.msp"
    write_spectra(bench, source)
    library = folder / "lib.sqlite"
    assert main(["library", "import", "--library", str(library), str(source)]) == 0
    return library


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _no_leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith(".part")]


# -- (1) outputs that cannot be written ---------------------------------------------------------
@pytest.mark.parametrize("name", ["x.msp", "x.jdx", "x.csv"])
def test_convert_into_a_missing_folder_names_the_file(bench, tmp_path, capsys, name):
    source = tmp_path / "in.msp"
    write_spectra(bench[:3], source)
    out = tmp_path / "nodir" / name
    code, _, err = _run(capsys, "convert", source, out)
    assert code == 2
    assert re.fullmatch(r"nps-id: error: .*nodir/x(-1)?\.\w+: cannot write \(No such file or directory\)\n", err), err
    assert "Traceback" not in err and not (tmp_path / "nodir").exists()


def test_convert_where_a_folder_is_a_file(bench, tmp_path, capsys):
    source = tmp_path / "in.msp"
    write_spectra(bench[:3], source)
    (tmp_path / "afile").write_text("")
    code, _, err = _run(capsys, "convert", source, tmp_path / "afile" / "x.msp")
    assert code == 2 and err.endswith("afile/x.msp: cannot write (Not a directory)\n"), err


def test_library_export_into_a_missing_folder(small_library, tmp_path, capsys):
    code, _, err = _run(capsys, "library", "export", "--library", small_library, tmp_path / "nodir" / "x.msp")
    assert code == 2, err
    assert err == f"nps-id: error: {tmp_path / 'nodir' / 'x.msp'}: cannot write (No such file or directory)\n"


def test_a_write_failing_midway_leaves_the_old_file_whole(bench, tmp_path, capsys, monkeypatch):
    """A full disk after the first record: the old output stays as it was, no partial file is left."""
    import nps_id.io.msp as msp

    source = tmp_path / "in.msp"
    write_spectra(bench[:3], source)
    out = tmp_path / "out.msp"
    out.write_text("old content\n")
    real, calls = msp.format_msp_record, []

    def failing(spectrum):
        calls.append(spectrum)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(spectrum)

    monkeypatch.setattr(msp, "format_msp_record", failing)
    code, _, err = _run(capsys, "convert", source, out)
    assert code == 2 and err == f"nps-id: error: {out}: cannot write (No space left on device)\n"
    assert out.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.msp", "out.msp"]


def test_case_report_that_cannot_be_written_names_the_report(small_library, bench, tmp_path, capsys):
    cases = tmp_path / "cases.sqlite"
    query = tmp_path / "q.msp"
    write_spectra([bench[5]], query)
    assert _run(capsys, "case", "new", "C-1", "--case-file", cases, "--analyst", "A")[0] == 0
    code, _, err = _run(capsys, "case", "add", "C-1", "1", query, "--case-file", cases, "--library", small_library)
    assert code == 0, err
    (tmp_path / "rodir").write_text("")  # a file where the report's folder should be
    for out, extra in ((tmp_path / "rodir" / "r.pdf", []), (tmp_path / "rodir" / "r.html", ["--html"])):
        code, _, err = _run(capsys, "case", "report", "C-1", "1", "--case-file", cases, "--out", out, *extra)
        assert code == 2
        assert err == f"nps-id: error: {out}: cannot write (Not a directory)\n", err
    assert not _no_leftovers(tmp_path)
    code, out, _ = _run(capsys, "case", "show", "C-1", "--case-file", cases, "--json")
    assert code == 0 and json.loads(out)["reports"] == []  # no report recorded for one not written


def test_other_writers_are_caught_by_the_top_level_handler(shared_data, tmp_path, capsys):
    """ir-peaks writes its CSV itself (nps_id.ir): the CLI's handler still gives the one-line error."""
    spectrum = shared_data / "ir" / "cos_shimadzu_stackIR" / "caffeine.csv"
    out = tmp_path / "nodir" / "peaks.csv"
    code, _, err = _run(capsys, "ir-peaks", spectrum, "--csv", out)
    assert code == 2 and err == f"nps-id: error: {out}: cannot write (No such file or directory)\n", err
    code, _, err = _run(capsys, "ir-peaks", spectrum, "--csv", tmp_path)
    assert code == 2 and err == f"nps-id: error: {tmp_path}: cannot write (Is a directory)\n", err


def test_os_error_message_of_a_missing_input_and_of_a_rename(tmp_path):
    missing = tmp_path / "gone.json"
    assert os_error_message(FileNotFoundError(errno.ENOENT, "No such file or directory", str(missing))) == \
        f"{missing}: cannot be read (No such file or directory)"
    rename = PermissionError(errno.EACCES, "Permission denied", "a.part", None, "/ro/report.pdf")
    assert os_error_message(rename) == "/ro/report.pdf: cannot write (Permission denied)"
    assert os_error_message(OSError(errno.EIO, "Input/output error")) == "Input/output error"


# -- (2) file names that are not UTF-8 -----------------------------------------------------------
def test_search_json_is_valid_utf8_for_a_name_that_is_not(small_library, bench, tmp_path, capsysbinary):
    query = tmp_path / os.fsdecode(b"good_\xff\xfe.msp")
    write_spectra([bench[7]], query)
    main(["search", "--library", str(small_library), "--json", "--top", "2", str(query)])
    raw = capsysbinary.readouterr().out
    line = json.loads(raw.decode("utf-8"))  # strict: raw 0xff bytes would fail here
    shown = str(tmp_path / "good_\\xff\\xfe.msp")
    assert line["query"]["file"] == shown
    assert line["provenance"]["inputs"][0]["file"] == shown
    assert line["hits"][0]["score"] == pytest.approx(999, abs=0.5)


def test_info_json_and_errors_show_such_names_readably(bench, tmp_path, capsys):
    good = tmp_path / os.fsdecode(b"good_\xff\xfe.msp")
    write_spectra([bench[7]], good)
    code, out, _ = _run(capsys, "info", "--json", good)
    assert code == 0 and json.loads(out.encode("utf-8"))["file"] == str(tmp_path / "good_\\xff\\xfe.msp")
    bad = tmp_path / os.fsdecode(b"bad_\xff\xfe.msp")
    bad.write_bytes(b"\x00\x01garbage")
    code, _, err = _run(capsys, "info", bad)
    assert code == 2 and "bad_\\xff\\xfe.msp: " in err and "\\udcff" not in err
    err.encode("utf-8")


# -- (3) the first-start hint ----------------------------------------------------------------------
def test_first_start_hint_keeps_the_library_given(bench, tmp_path, capsys):
    query = tmp_path / "q.msp"
    write_spectra([bench[0]], query)
    where = tmp_path / "my libs" / "none.sqlite"
    code, _, err = _run(capsys, "search", "--library", where, query)
    assert code == 2
    assert f"nps-id library import --library '{where}' PATH_TO.msp_OR_FOLDER" in err, err
    empty = tmp_path / "empty.sqlite"
    from nps_id.library import open_library
    open_library(empty, create=True).close()
    code, _, err = _run(capsys, "search", "--library", empty, query)
    assert code == 2 and f"nps-id library import --library {empty} PATH_TO.msp_OR_FOLDER" in err, err


def test_a_library_without_spectra_of_the_query_technique_names_itself_in_the_hint(shared_data, bench, tmp_path,
                                                                                   capsys):
    query = tmp_path / "q.msp"
    write_spectra([bench[0]], query)
    where = tmp_path / "ir only.sqlite"
    ir = shared_data / "ir" / "formats" / "jcamp" / "lancashire_sqzdupd1.jdx"
    assert _run(capsys, "library", "import", "--library", where, "--technique", "ir", ir)[0] == 0
    code, out, _ = _run(capsys, "search", "--library", where, query)
    assert code == 0
    assert f"the library holds no MS spectra: import a reference library (nps-id library import --library " \
           f"'{where}' FILE_OR_FOLDER)" in out, out


def test_first_start_hint_without_library_option(bench, tmp_path, capsys, monkeypatch):
    query = tmp_path / "q.msp"
    write_spectra([bench[0]], query)
    monkeypatch.setenv("NPS_ID_LIBRARY", str(tmp_path / "default.sqlite"))
    code, _, err = _run(capsys, "search", query)
    assert code == 2 and "    nps-id library import PATH_TO.msp_OR_FOLDER\n" in err, err


# -- (4) import time ------------------------------------------------------------------------------
def test_import_time_covers_the_search_index_and_class_model(bench, tmp_path, capsys, monkeypatch):
    import nps_id.search.index_cache as index_cache

    real = index_cache.update_indexes

    def slow(*args, **kwargs):
        time.sleep(1.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(index_cache, "update_indexes", slow)
    source = tmp_path / "in.msp"
    write_spectra(bench[:20], source)
    code, out, err = _run(capsys, "library", "import", "--library", tmp_path / "lib.sqlite", source)
    assert code == 0, err
    found = re.search(r"imported 20 spectra .* in ([\d.]+) s \(of which search index and class model: ([\d.]+) s\)",
                      out)
    assert found, out
    total, indexing = float(found.group(1)), float(found.group(2))
    assert indexing >= 1.5 and total >= indexing


# -- (5) --top 0 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["gcms", "--top", "0", "RUN.D"], ["search", "--top", "0", "q.msp"],
                                  ["case", "add", "C", "1", "--top", "0"]])
def test_top_zero_is_an_argparse_error_with_exit_code_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "error: argument --top: must be at least 1" in capsys.readouterr().err


# -- (6) a .D folder given as a spectrum ------------------------------------------------------------
@pytest.mark.parametrize("command", ["info", "search"])
def test_a_d_folder_is_called_a_gcms_run(shared_data, small_library, tmp_path, capsys, command):
    run = shared_data / RUN_D
    extra = ["--library", small_library] if command == "search" else []
    code, _, err = _run(capsys, command, *extra, run)
    assert code == 2
    assert err == f"nps-id: error: {run}: is a whole GC-MS run; open it with `nps-id gcms`\n", err
    code, _, err = _run(capsys, command, *extra, tmp_path)  # a folder that is no run
    assert code == 2 and err.endswith(": is a folder, not a spectrum file\n"), err


def test_the_query_header_counts_the_peaks_searched_and_says_which(small_library, shared_data, tmp_path, capsys):
    from nps_id.ms.filters import prepare_ei_spectrum

    spectrum = read_msp(shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")[0][0]
    query = tmp_path / "q.msp"
    write_spectra([spectrum], query)
    searched = prepare_ei_spectrum(spectrum)
    assert searched.x.size < spectrum.x.size  # a NIST replicate holds many peaks under 1 % of the base peak
    code, out, _ = _run(capsys, "search", "--library", small_library, "--top", "1", query)
    assert code == 0
    assert f"MS, {searched.x.size} peaks searched: those of at least 1 % of the base peak)" in out, out
