"""MSP reading/writing on the real benchmark library and on the real-world variants."""
from __future__ import annotations

import numpy as np
import pytest

from nps_id.errors import InputError
from nps_id.io import detect_format, read_spectra, write_spectra
from nps_id.io.msp import read_msp

VARIANTS = (
    "# exported by a lab LIMS\r\n"
    "Name: Mephedrone\r\n"
    "Synon: 4-MMC\r\n"
    "Synonym: 4-methylmethcathinone\r\n"
    "Formula: C11H15NO\r\n"
    "MW: 177\r\n"
    "CAS#: 1189805-46-6;  NIST#: 123456\r\n"
    "DB#: LAB-0001\r\n"
    "Comments: Café sample, \"tabs\" and commas\r\n"
    "Num Peaks: 7\r\n"
    "58 999; 56 120; 119 80\r\n"
    "91\t60\r\n"
    "65,30 77,25\r\n"
    "177 12 \"M+\"\r\n"
    "\r\n"
    "Name: Second record\r\n"
    "NISTNO: 42\r\n"
    "Num Peaks: 2\r\n"
    "44:100 45:20\r\n"
)


def test_reads_the_real_benchmark_library(shared_data):
    spectra, problems = read_msp(shared_data / "ms" / "bench" / "library.msp")
    assert problems == []
    assert len(spectra) == 12425
    first = spectra[0]
    assert first.name == "1-NITROPYRENE"
    assert first.get("inchikey") == "ALRLPDGCPYIVHP-UHFFFAOYSA-N"
    assert first.get("source_id") == "MSBNK-Fac_Eng_Univ_Tokyo-JP000001"
    assert first.get("mw") == 247.0
    assert first.x[0] == 51 and first.y[0] == 27
    assert len(first) == 75
    recetox = [s for s in spectra if str(s.get("source_id")).startswith("RECETOX")]
    assert recetox and all(s.get("retention_index") for s in recetox)


def test_real_world_variants_latin1_crlf_separators(tmp_path):
    path = tmp_path / "lims_export.txt"
    path.write_bytes(VARIANTS.encode("latin-1"))
    assert detect_format(path).name == "msp"
    first, second = read_spectra(path)
    assert first.name == "Mephedrone"
    assert first.get("synonyms") == ["4-MMC", "4-methylmethcathinone"]
    assert first.get("cas") == "1189805-46-6"
    assert first.get("nistno") == "123456"
    assert first.get("source_id") == "LAB-0001"
    assert "Café" in first.get("comment")
    assert list(first.x) == [56, 58, 65, 77, 91, 119, 177]
    assert list(first.y) == [120, 999, 30, 25, 60, 80, 12]
    assert second.get("source_id") == "42"  # NISTNO stands in for a missing DB#
    assert list(zip(second.x, second.y)) == [(44, 100), (45, 20)]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Name: A\nNum Peaks: 3\n41 10\n43 20\n", "declares 3 peaks but has 2"),
        ("Name: A\nNum Peaks: 2\n41 10\n43 abc\n", "non-numeric peak value 'abc'"),
        ("Name: A\nNum Peaks: 2\n41 10\n43 -5\n", "negative intensity"),
        ("Name: A\nNum Peaks: many\n41 10\n", "'Num Peaks' is not a count"),
        ("Name: A\nNum Peaks: 1\n0 10\n", "m/z <= 0"),
    ],
)
def test_invalid_records_name_file_line_and_reason(tmp_path, text, reason):
    path = tmp_path / "bad.msp"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        read_spectra(path)
    message = str(info.value)
    assert str(path) in message and reason in message and "line" in message


def test_skip_invalid_keeps_the_good_records(tmp_path):
    path = tmp_path / "mixed.msp"
    path.write_text("Name: A\nNum Peaks: 2\n43 abc\n55 3\n\nName: B\nNum Peaks: 1\n43 10\n\n"
                    "Name: C\nNum Peaks: 3\n41 1\n42 2\nName: D\nNum Peaks: 1\n50 5\n")
    spectra, problems = read_msp(path, skip_invalid=True)
    assert [s.name for s in spectra] == ["B", "D"]
    assert [p.line for p in problems] == [3, 11]


def test_binary_junk_and_huge_lines_are_refused(tmp_path):
    junk = tmp_path / "junk.msp"
    junk.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(InputError, match="junk.msp"):
        read_spectra(junk)
    huge = tmp_path / "huge.msp"
    huge.write_text("Name: A\nNum Peaks: 1\n" + "4" * 5_000_000 + "\n")
    with pytest.raises(InputError, match="huge.msp"):
        read_spectra(huge)


def test_write_and_read_back(tmp_path, shared_data):
    spectra, _ = read_msp(shared_data / "ms" / "bench" / "queries.msp")
    out = tmp_path / "out.msp"
    write_spectra(spectra[:50], out)
    back = read_spectra(out)
    assert len(back) == 50
    for a, b in zip(spectra[:50], back):
        assert a.name == b.name and a.get("source_id") == b.get("source_id")
        np.testing.assert_array_equal(a.x, b.x)
        np.testing.assert_array_equal(a.y, b.y)


def _damaged_copy(source, tmp_path, record: int, how: str):
    """The benchmark library with one record's first peak line damaged; returns (path, that line)."""
    records = source.read_text(encoding="utf-8").split("\n\n")
    lines = records[record].split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Num Peaks")) + 1
    lines[at] = {"annotation": lines[at] + ' "M+"', "junk": "abc def"}[how]
    records[record] = "\n".join(lines)
    line_number = sum(r.count("\n") + 2 for r in records[:record]) + at + 1
    path = tmp_path / f"{how}.msp"
    path.write_text("\n\n".join(records), encoding="utf-8")
    return path, line_number


def test_chunked_reading_gives_the_records_of_one_pass(shared_data, tmp_path):
    from nps_id.io.msp import iter_msp_chunks
    source = shared_data / "ms" / "bench" / "library.msp"
    whole, _ = read_msp(source)
    # small blocks, and a record late in the file the fast path cannot take (the
    # careful parser reads from that block on)
    annotated, _ = _damaged_copy(source, tmp_path, 9000, "annotation")
    for path in (source, annotated):
        chunks = list(iter_msp_chunks(path, chunk_bytes=300_000))
        assert len(chunks) > 10
        spectra = [s for c in chunks for s in c.spectra]
        assert chunks[-1].bytes_read == path.stat().st_size
        assert len(spectra) == len(whole)
        for mine, reference in zip(spectra[::97], whole[::97]):
            assert mine.name == reference.name
            assert mine.get("record_index") == reference.get("record_index")
            np.testing.assert_array_equal(mine.x, reference.x)
            np.testing.assert_array_equal(mine.y, reference.y)
        lines = source.read_text(encoding="utf-8").split("\n")
        last = spectra[-1]
        assert lines[last.get("source_line") - 1] == f"Name: {last.name}"


def test_error_late_in_a_big_file_names_its_exact_line(shared_data, tmp_path):
    from nps_id.io.msp import iter_msp_chunks
    path, line_number = _damaged_copy(shared_data / "ms" / "bench" / "library.msp", tmp_path, 11000, "junk")
    with pytest.raises(InputError) as info:
        for _ in iter_msp_chunks(path, chunk_bytes=300_000):
            pass
    assert info.value.line == line_number
    assert "non-numeric" in info.value.reason
    spectra, problems = read_msp(path, skip_invalid=True)
    assert len(spectra) == 12424 and [p.line for p in problems] == [line_number]
