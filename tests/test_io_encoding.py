"""Text files in UTF-16 and in 8-bit code pages (Windows-1251, KOI8-R, CP866, Windows-1252/1250) read
with their own characters, not as Latin-1 mojibake."""
from __future__ import annotations

import pytest

from nps_id.io import read_spectra
from nps_id.io.encoding import detect_encoding
from nps_id.io.msp import iter_msp_chunks

LIBRARY = ("Name: Мефедрон\nSynon: 4-метилметкатинон\nSynon: 4-MMC\nComment: изъято в 2024 году\nNum Peaks: 3\n"
           "58 999\n119 120\n91 80\n\n"
           "Name: Кокаин гидрохлорид\nNum Peaks: 2\n82 999\n182 300\n\n"
           "Name: Альфа-PVP\nNum Peaks: 1\n126 999\n\n")
NAMES = ["Мефедрон", "Кокаин гидрохлорид", "Альфа-PVP"]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-8", "utf-8-sig"])
def test_cyrillic_msp_names_read_correctly(encoding, tmp_path):
    path = tmp_path / f"library_{encoding}.msp"
    path.write_bytes(LIBRARY.encode(encoding))
    spectra = read_spectra(path)
    assert [s.name for s in spectra] == NAMES
    assert spectra[0].get("synonyms") == ["4-метилметкатинон", "4-MMC"]
    assert spectra[0].get("comment") == "изъято в 2024 году"
    assert spectra[1].x.tolist() == [82.0, 182.0]
    # the chunked reader used by `library import` gives the same
    chunks = list(iter_msp_chunks(path))
    assert [s.name for c in chunks for s in c.spectra] == NAMES


def test_cp1251_msp_among_many_ascii_records(tmp_path):
    """One Cyrillic record after a block of plain ones still decides the code page."""
    plain = "".join(f"Name: compound {i}\nNum Peaks: 1\n{40 + i} 999\n\n" for i in range(3000))
    path = tmp_path / "mixed.msp"
    path.write_bytes((plain + LIBRARY).encode("cp1251"))
    spectra = read_spectra(path)
    assert [s.name for s in spectra[-3:]] == NAMES


@pytest.mark.parametrize("text, encoding", [
    ("Name: Café crème, Ärger\n", "cp1252"),
    ("Name: Benzoylecgonine 50 µg/ml ± 2 °C\n", "cp1252"),
    ("Name: Łódź, żółw\n", "cp1250"),
    ("Name: Героин\nName: Метадон\n", "cp1251"),
    ("Name: Героин\nName: Метадон\n", "koi8_r"),
    ("Name: Героин\nName: Метадон\n", "cp866"),
])
def test_code_page_detected(text, encoding):
    raw = text.encode(encoding)
    assert raw.decode(detect_encoding(raw)) == text


def test_western_latin1_msp_still_reads(tmp_path):
    path = tmp_path / "latin.msp"
    path.write_bytes("Name: Benzoylecgonine méthyl ester\nNum Peaks: 1\n82 999\n\n".encode("latin-1"))
    assert read_spectra(path)[0].name == "Benzoylecgonine méthyl ester"


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_cyrillic_jcamp_and_csv_titles(encoding, tmp_path):
    jdx = tmp_path / "ir.jdx"
    jdx.write_bytes(("##TITLE=Мефедрон\n##JCAMP-DX=4.24\n##DATA TYPE=INFRARED SPECTRUM\n##XUNITS=1/CM\n"
                     "##YUNITS=ABSORBANCE\n##XYPOINTS=(XY..XY)\n4000,0.1\n3000,0.5\n2000,0.2\n##END=\n")
                    .encode(encoding))
    assert read_spectra(jdx)[0].name == "Мефедрон"
    csv = tmp_path / "ir.csv"
    csv.write_bytes("# compound: Мефедрон\n# x_units: cm-1\nx,y\n4000,0.1\n3000,0.5\n2000,0.2\n1000,0.3\n"
                    .encode(encoding))
    assert read_spectra(csv)[0].name == "Мефедрон"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16", "utf-8-sig"])
def test_library_import_stores_cyrillic_names(encoding, tmp_path, capsys):
    """`nps-id library import` of a code-page (or BOM) MSP stores the names as written, also when
    the Cyrillic records come after thousands of plain ASCII ones (the encoding is decided by the file)."""
    from nps_id.cli import main
    from nps_id.library import open_library

    plain = "".join(f"Name: compound {i}\nNum Peaks: 2\n{40 + i % 400} 999\n{41 + i % 400} 10\n\n"
                    for i in range(3000))
    path = tmp_path / f"seized_{encoding}.msp"
    path.write_bytes((plain + LIBRARY).encode(encoding))
    lib = tmp_path / "lab.sqlite"
    assert main(["library", "import", "--library", str(lib), str(path)]) == 0
    capsys.readouterr()
    with open_library(lib) as library:
        assert library.count() == 3000 + len(NAMES)
        stored = {s.name: s for _, s in library.iter_spectra() if not s.name.startswith("compound")}
    assert sorted(stored) == sorted(NAMES)
    assert stored["Мефедрон"].get("synonyms") == ["4-метилметкатинон", "4-MMC"]
