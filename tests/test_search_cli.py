"""`nps-id search` as a user runs it: JSON lines, query ids, first start, bad files."""
from __future__ import annotations

import json

import pytest

from nps_id.cli import main
from nps_id.io import write_spectra
from nps_id.io.msp import read_msp


@pytest.fixture(scope="module")
def small_library(shared_data, tmp_path_factory):
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "library.msp")
    folder = tmp_path_factory.mktemp("lib")
    source = folder / "subset.msp"
    write_spectra(spectra[:400], source)
    library = folder / "lib.sqlite"
    assert main(["library", "import", "--library", str(library), str(source)]) == 0
    return library, spectra[:400]


def test_json_line_per_query_with_hit_fields(small_library, tmp_path, capsys):
    library, spectra = small_library
    query = tmp_path / "unknowns.msp"
    write_spectra([spectra[10], spectra[250]], query)
    capsys.readouterr()
    assert main(["search", "--library", str(library), "--json", "--top", "3", str(query)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"]["id"] for line in lines] == [spectra[10].get("source_id"), spectra[250].get("source_id")]
    for line, spectrum in zip(lines, (spectra[10], spectra[250])):
        assert line["query"]["technique"] == "ms" and line["query"]["file"] == str(query)
        top = line["hits"][0]
        for field in ("rank", "name", "score", "reverse_score", "probability", "inchikey", "cas",
                      "formula", "source_id", "isomer_ambiguity"):
            assert field in top
        # the unknown is in the library: it finds itself (or an identical duplicate) at 999
        assert top["score"] == pytest.approx(999, abs=0.5)
        assert top["inchikey"] == spectrum.get("inchikey")
        assert [h["rank"] for h in line["hits"]] == [1, 2, 3]


def test_nameless_queries_are_named_after_the_file(small_library, tmp_path, capsys):
    library, _ = small_library
    query = tmp_path / "scan.txt"
    query.write_text("43 999\n57 640\n71 210\n85 90\n")
    capsys.readouterr()
    assert main(["search", "--library", str(library), "--json", str(query)]) == 0
    assert json.loads(capsys.readouterr().out)["query"]["id"] == "scan.txt"


def test_missing_file_is_named_and_exit_code_is_2(small_library, tmp_path, capsys):
    library, _ = small_library
    assert main(["search", "--library", str(library), str(tmp_path / "nope.msp")]) == 2
    assert "nope.msp: no such file" in capsys.readouterr().err


def test_first_start_without_a_library_explains_the_import(tmp_path, capsys, shared_data):
    code = main(["search", "--library", str(tmp_path / "none.sqlite"),
                 str(shared_data / "ms" / "bench" / "queries.msp")])
    assert code == 2
    err = capsys.readouterr().err
    assert "nps-id library import" in err and "SWGDRUG" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_results_print_slice_by_slice_with_progress_on_a_terminal(small_library, tmp_path, capsys, monkeypatch):
    import io
    import sys

    import nps_id.search
    from nps_id.cli import search as cli_spectra

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    library, spectra = small_library
    query = tmp_path / "many.msp"
    write_spectra(spectra[:7], query)
    printed_per_slice = []
    real_print = cli_spectra.format_hit_table
    monkeypatch.setattr(cli_spectra, "_SEARCH_SLICE", 3)
    monkeypatch.setattr(cli_spectra, "format_hit_table",
                        lambda hit_list: printed_per_slice.append(hit_list.query_id) or real_print(hit_list))
    calls = []
    real_search = nps_id.search.search_spectra
    monkeypatch.setattr(nps_id.search, "search_spectra",
                        lambda library, part, **kw: calls.append(len(part)) or real_search(library, part, **kw))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    capsys.readouterr()
    assert main(["search", "--library", str(library), "--top", "1", str(query)]) == 0
    out = capsys.readouterr().out
    assert calls == [3, 3, 1]
    assert printed_per_slice == [s.get("source_id") for s in spectra[:7]]
    assert out.count("Query ") == 7
    status = terminal.getvalue()
    assert "loading the EI search index" in status and "searching [" in status and "100.0%" in status
