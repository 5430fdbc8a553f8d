"""Every header field of the shared library's record schema (spectra_library/SCHEMA.md) survives a
write and read back through each file writer: MSP (EI records) and JCAMP-DX (IR records, and MS)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from nps_id.io import read_spectra, write_spectra
from nps_id.io.msp import _key_info
from nps_id.library.records import HEADER_FIELDS
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
    "cas": "1189805-46-6",
    "exact_mass": 177.11503,
    "retention_index": 1523.5,
    "retention_time": 12.34,
    "ir_sampling": "atr",
    "sampling_procedure": "диамант ATR, single bounce",
    "comment": "seized 2024; 'crystals' = 2 g",
}
#: Metadata that is not in the schema: kept too (MSP `key: value`, JCAMP-DX ##$KEY).
EXTRA = {"lab_note": "Проба 7, повтор", "operator_id": "OP-12"}


def metadata_key(field: str) -> str:
    return _key_info(field)[1]  # how the MSP reader names a field


def test_schema_lists_the_fields_this_test_knows():
    keys = {metadata_key(f) for f in schema_fields()}
    assert keys == set(VALUES), f"schema fields without a test value: {keys - set(VALUES)}"
    assert keys == set(HEADER_FIELDS), "SCHEMA.md and nps_id.library.records.HEADER_FIELDS disagree"
    assert len(schema_fields()) >= 21


def schema_jcamp_labels() -> dict[str, str]:
    """{metadata key: JCAMP-DX label} from the schema's table (second column)."""
    text = SCHEMA.read_text(encoding="utf-8")
    table = text.split("## Header fields", 1)[1].split("\n## ", 1)[0]
    labels = {}
    for row in table.splitlines():
        if row.startswith("| `"):
            cells = row.split("|")
            fields = re.findall(r"`([^`]+)`", cells[1])
            jcamp = re.findall(r"`##([^`]+)`", cells[2])
            labels.update({metadata_key(f): j for f, j in zip(fields, jcamp, strict=True)})
    return labels


def _record(technique: str) -> Spectrum:
    if technique == "ms":
        return Spectrum(np.array([58.0, 91.0, 119.0]), np.array([999.0, 80.0, 120.0]), "ms", "m/z",
                        "relative abundance", {**VALUES, **EXTRA})
    x = np.linspace(4000.0, 400.0, 50)
    return Spectrum(x, np.sin(x / 300.0) ** 2, "ir", "1/cm", "absorbance", {**VALUES, **EXTRA})


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


@pytest.mark.parametrize("technique", ["ms", "ir"])
def test_jcamp_writes_the_labels_the_schema_names(technique, tmp_path):
    out = tmp_path / "record.jdx"
    write_spectra([_record(technique)], out)
    text = out.read_text(encoding="utf-8")
    for key, label in schema_jcamp_labels().items():
        value = VALUES[key][0] if isinstance(VALUES[key], list) else VALUES[key]
        assert re.search(rf"^##{re.escape(label)}=.*{re.escape(str(value))}", text, re.M), (key, label)


@pytest.mark.parametrize("extension, technique", WRITERS)
def test_other_metadata_round_trips(extension, technique, tmp_path):
    out = tmp_path / f"record.{extension}"
    write_spectra([_record(technique)], out)
    first = read_spectra(out)[0]
    assert {k: first.get(k) for k in EXTRA} == EXTRA
    write_spectra([first], out)  # a record read back and written again neither loses nor doubles a field
    again = read_spectra(out)[0]
    skip = {"source_file"}
    assert {k: v for k, v in again.metadata.items() if k not in skip} == {
        k: v for k, v in first.metadata.items() if k not in skip}
