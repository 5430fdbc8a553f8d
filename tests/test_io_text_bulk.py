"""The plain-block fast path of the CSV/TXT reader gives what the line-by-line parser gives."""
from __future__ import annotations

import numpy as np
import pytest

import nps_id.io.text as text_reader
from nps_id.errors import InputError
from nps_id.io.registry import decode_text

TEXT_SUFFIXES = {".csv", ".txt", ".dpt", ".tsv", ".dat", ".xy", ".prn", ".asc"}


def _parse_both(text, path, monkeypatch):
    results = []
    for bulk in (text_reader._bulk_rows, lambda *args: None):
        monkeypatch.setattr(text_reader, "_bulk_rows", bulk)
        try:
            results.append(text_reader._parse(text, path))
        except InputError as exc:
            results.append(("error", str(exc)))
    return results


def test_bulk_parse_equals_line_by_line_on_every_real_text_file(shared_data, monkeypatch):
    files = sorted(p for p in shared_data.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    assert len(files) > 100
    for path in files:
        fast, careful = _parse_both(decode_text(path.read_bytes()), path, monkeypatch)
        assert fast[0] == careful[0] and fast[1] == careful[1], path
        if fast[0] != "error":
            np.testing.assert_array_equal(fast[2], careful[2], err_msg=str(path))


@pytest.mark.parametrize("bad_line, message", [("1203.5,abc", "not a row of numbers"),
                                               ("1203.5,0.5,7", "3 columns where earlier rows have 2")])
def test_a_bad_row_deep_in_a_block_is_named_by_line(tmp_path, bad_line, message):
    rows = [f"{4000 - i * 1.5:.1f},{0.1 + i * 1e-4:.5f}" for i in range(800)]
    rows[499] = bad_line
    path = tmp_path / "spectrum.csv"
    path.write_text("wavenumber,absorbance\n" + "\n".join(rows) + "\n")
    with pytest.raises(InputError) as caught:
        text_reader._parse(path.read_text(), path)
    assert message in str(caught.value) and caught.value.line == 501
