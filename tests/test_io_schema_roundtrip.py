"""Every header field of the shared library's record schema (spectra_library/SCHEMA.md) survives a
write and read back through each file writer: MSP (EI records) and JCAMP-DX (IR records, and MS)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from nps_id.io import read_spectra, write_spectra
from nps_id.io.msp import _key_info
from nps_id.spectrum import Spectrum

SCHEMA = Path(__file__).resolve().parents[1] / "spectra_library" / "SCHEMA.md"


def schema_fields() -> list[str]:
    """The MSP field names of the schema's "Header fields" table (first column, in backticks)."""
    text = SCHEMA.read_text(encoding="utf-8")
    table = text.split("## Header fields", 1)[1].split("\n## ", 1)[0]
    fields = []
    for row in table.splitlines():
        if row.startswith("| `"):
            fields += re.findall(r"`([^`]+)`", row.split("|")[1])
    return fields


#: A value for each metadata key: non-ASCII, separators and digits, so that a writer that drops,
#: re-encodes, splits or retypes a field is caught.
VALUES = {
    "name": "Мефедрон (4-MMC); 2'-isomer",
    "synonyms": ["4-methylmethcathinone", "Мефедрон", "4-MMC, HCl"],
    "inchikey": "YELGFTGWJGBAQU-UHFFFAOYSA-N",
    "smiles": "CNC(C)C(=O)c1ccc(C)cc1",
    "formula": "C11H15NO",
    "mw": 177.0,
    "compound_class": "synthetic cathinone",
    "contributor": "Laboratoire Ünïcode, Lyon",
    "instrument": "Agilent 5977B MSD",
    "method": "EI 70 eV; scan 40-550",
    "date": "2026-11-30",
    "licence": "CC-BY-4.0",
    "reviewer": "A. Curator (lab 7)",
    "source_id": "LAB7-000042",
}


def metadata_key(field: str) -> str:
    return _key_info(field)[1]  # how the MSP reader names a field


def test_schema_lists_the_fields_this_test_knows():
    keys = {metadata_key(f) for f in schema_fields()}
    assert keys == set(VALUES), f"schema fields without a test value: {keys - set(VALUES)}"
    assert len(schema_fields()) >= 14


def _record(technique: str) -> Spectrum:
    if technique == "ms":
        return Spectrum(np.array([58.0, 91.0, 119.0]), np.array([999.0, 80.0, 120.0]), "ms", "m/z",
                        "relative abundance", VALUES)
    x = np.linspace(4000.0, 400.0, 50)
    return Spectrum(x, np.sin(x / 300.0) ** 2, "ir", "1/cm", "absorbance", VALUES)


WRITERS = [("msp", "ms"), ("jdx", "ms"), ("jdx", "ir")]


@pytest.mark.parametrize("field", schema_fields())
@pytest.mark.parametrize("extension, technique", WRITERS)
def test_schema_field_round_trips(field, extension, technique, tmp_path):
    key = metadata_key(field)
    out = tmp_path / f"record.{extension}"
    write_spectra([_record(technique)], out)
    back = read_spectra(out)
    assert len(back) == 1
    assert back[0].get(key) == VALUES[key], f"{field} ({key}) lost or changed by the .{extension} writer"


@pytest.mark.parametrize("extension, technique", WRITERS)
def test_peaks_round_trip(extension, technique, tmp_path):
    record = _record(technique)
    out = tmp_path / f"record.{extension}"
    write_spectra([record], out)
    back = read_spectra(out)[0]
    assert back.technique == technique
    np.testing.assert_allclose(back.x, record.x)
    np.testing.assert_allclose(back.y, record.y, rtol=1e-9)
