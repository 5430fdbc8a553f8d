"""Trusted releases: signed by a curator, imported only when the lab trusts the key; every
record field of spectra_library/SCHEMA.md survives lab -> bundle -> curator -> release -> lab."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nps_id.cli import main
from nps_id.errors import LibraryError
from nps_id.io import read_spectra
from nps_id.library import open_library
from nps_id.library.records import HEADER_FIELDS
from nps_id.library.sharing import accept, contribute, release, submit
from nps_id.library.signing import fingerprint, generate_key
from nps_id.library.trust import read_public_key, trust_key, trusted_keys, untrust_key
from nps_id.spectrum import Spectrum

#: Every field of the record schema, plus the library's other identity fields.
FIELDS = {
    "name": "2-Furanylfentanyl", "synonyms": ["Furanylfentanyl", "Fu-F"],
    "inchikey": "FYIUUQUPOKIKNI-UHFFFAOYSA-N", "smiles": "O=C(c1ccco1)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1",
    "formula": "C24H26N2O2", "mw": 374.0, "compound_class": "fentanyl analogue",
    "contributor": "Lab A (Bundeskriminalamt KT 34)", "instrument": "Agilent 5977B",
    "method": "HP-5MS 30 m, 70 eV, 40-550 u", "date": "2024-03-05", "licence": "CC-BY-4.0",
    "reviewer": "J. Curator", "source_id": "LABA-0042", "cas": "101345-66-8", "retention_index": 2871.0,
    "retention_time": 21.37, "exact_mass": 374.1994, "ir_sampling": "atr",
    "sampling_procedure": "diamond ATR, single bounce", "comment": "seized 2024; powder",
    "lab_note": "Проба 7",
}
assert set(HEADER_FIELDS) <= set(FIELDS)


def _spectra(shared_data: Path) -> list[Spectrum]:
    csv = shared_data / "ir" / "nist_webbook_via_nzhagen_jcamp"
    files = sorted(csv.glob("*.csv")) if csv.is_dir() else []
    if not files:
        pytest.skip(f"no IR spectra in {csv}")
    ir = read_spectra(files[0])[0]
    ms = Spectrum(np.array([42.0, 105.0, 146.0, 187.0, 283.0, 374.0]),
                  np.array([120.0, 310.0, 180.0, 999.0, 260.0, 40.0]), "ms")
    ir_fields = dict(FIELDS, source_id="LABA-IR-0042", instrument="Bruker Alpha II ATR",
                     method="diamond ATR, 4 cm-1, 32 scans")
    return [ms.with_metadata(**FIELDS), ir.with_metadata(**ir_fields)]


@pytest.fixture
def keys(tmp_path):
    lab_key, lab_pub = generate_key(tmp_path / "lab.key")
    curator_key, curator_pub = generate_key(tmp_path / "curator.key")
    return lab_key, lab_pub, curator_key, curator_pub


def _released(tmp_path: Path, spectra, keys, signed: bool = True) -> Path:
    lab_key, _, curator_key, _ = keys
    with open_library(tmp_path / "lab_a.sqlite", create=True) as lab:
        lab.add_spectra(spectra)
        contribute(lab, "Lab A", tmp_path / "bundle.zip", lab_key)
    with open_library(tmp_path / "curated.sqlite", create=True) as curated:
        accept(curated, submit(curated, tmp_path / "bundle.zip"))
        out = tmp_path / ("release" if signed else "unsigned")
        release(curated, "1.0" if signed else "0.9", out, curator_key if signed else None,
                unsigned=not signed)
    return out


def test_every_schema_field_survives_bundle_and_release(shared_data, tmp_path, keys):
    spectra = _spectra(shared_data)
    released = _released(tmp_path, spectra, keys)
    with open_library(tmp_path / "lab_b.sqlite", create=True) as lab_b:
        trust_key(lab_b, read_public_key(keys[3]), "curator")
        report = lab_b.import_files([released])
        assert report.added == 2
        got = {s.technique: s for _, s in lab_b.iter_spectra()}
    for original in spectra:
        copy = got[original.technique]
        for field in FIELDS:
            assert copy.metadata.get(field) == original.metadata[field], (original.technique, field)
        np.testing.assert_allclose(copy.x, original.x, rtol=1e-6)
        np.testing.assert_allclose(copy.y / copy.y.max(), original.y / original.y.max(), atol=1e-5)


def test_release_must_be_signed(shared_data, tmp_path, keys):
    with open_library(tmp_path / "curated.sqlite", create=True) as curated:
        curated.add_spectra(_spectra(shared_data)[:1])
        with pytest.raises(LibraryError, match="must be signed"):
            release(curated, "1.0", tmp_path / "rel")
        assert not (tmp_path / "rel").exists() and curated.info()["releases"] == []
        meta = release(curated, "1.0", tmp_path / "rel", keys[2])
        assert meta["signer"] == fingerprint(keys[3].read_bytes())


def test_unsigned_and_untrusted_releases_are_refused_unless_insecure(shared_data, tmp_path, keys):
    spectra = _spectra(shared_data)
    signed = _released(tmp_path, spectra, keys)
    with open_library(tmp_path / "curated.sqlite") as curated:
        unsigned = tmp_path / "unsigned"
        release(curated, "0.9", unsigned, unsigned=True)
    curator_fp = fingerprint(keys[3].read_bytes())
    with open_library(tmp_path / "lab_b.sqlite", create=True) as lab_b:
        trust_key(lab_b, read_public_key(keys[1]), "lab A, not a curator")
        before = (lab_b.count(), lab_b.revision(), len(lab_b.log()))
        with pytest.raises(LibraryError, match="not signed"):
            lab_b.import_files([unsigned])
        with pytest.raises(LibraryError, match=f"signed by {curator_fp}, a key this library does not trust"):
            lab_b.import_files([signed])
        assert (lab_b.count(), lab_b.revision(), len(lab_b.log())) == before
        report = lab_b.import_files([unsigned], insecure=True)
        assert report.added == 2 and not report.packages[0]["signed"]
        assert sorted(e.path for e in report.entries) == sorted(
            str(p) for p in (unsigned / "records").rglob("*.*"))
        assert "NOT signed (imported with --insecure)" in report.summary()
        log = lab_b.log(limit=1)[0]["details"]["packages"][0]
        assert log["signer"] is None and log["trusted"] is False


def test_trust_commands(shared_data, tmp_path, keys, capsys):
    released = _released(tmp_path, _spectra(shared_data), keys)
    lib = str(tmp_path / "lab_b.sqlite")
    curator_fp = fingerprint(keys[3].read_bytes())
    assert main(["library", "trust", "add", "--library", lib, str(keys[2])]) == 2  # a private key
    assert "give the .pub file" in capsys.readouterr().err
    assert main(["library", "import", "--library", lib, str(released)]) == 2
    assert main(["library", "trust", "add", "--library", lib, "--label", "EU curator", str(keys[3])]) == 0
    assert main(["library", "trust", "list", "--library", lib]) == 0
    assert f"{curator_fp}  EU curator" in capsys.readouterr().out
    assert main(["library", "verify", "--library", lib, str(released)]) == 0
    assert f"signed by {curator_fp} (trusted by this library)" in capsys.readouterr().out
    assert main(["library", "import", "--library", lib, str(released)]) == 0
    assert f"release 1.0, signed by {curator_fp} (EU curator, trusted)" in capsys.readouterr().out
    assert main(["library", "trust", "remove", "--library", lib, "--why", "key rotated",
                 curator_fp.removeprefix("SHA256:")[:12]]) == 0
    with open_library(lib) as library:
        assert trusted_keys(library) == []
        actions = [e["action"] for e in library.log(limit=3)]
        assert actions == ["untrust", "import", "trust"] and library.log(limit=1)[0]["why"] == "key rotated"
        with pytest.raises(LibraryError, match="no trusted key"):
            untrust_key(library, curator_fp)
    assert main(["library", "import", "--library", lib, "--allow-duplicates", str(released)]) == 2


def test_cli_import_refuses_unsigned_and_untrusted_releases(shared_data, tmp_path, keys, capsys):
    """`nps-id library import` end to end: unsigned and untrusted releases refused (exit 2, library
    unchanged), --insecure takes the unsigned one, a trusted one imports."""
    signed = _released(tmp_path, _spectra(shared_data), keys)
    with open_library(tmp_path / "curated.sqlite") as curated:
        release(curated, "0.9", tmp_path / "unsigned", unsigned=True)
    lib = str(tmp_path / "lab_b.sqlite")
    assert main(["library", "trust", "add", "--library", lib, str(keys[1])]) == 0  # lab A's key, not the curator's
    capsys.readouterr()
    assert main(["library", "import", "--library", lib, str(tmp_path / "unsigned")]) == 2
    assert "not signed" in capsys.readouterr().err
    assert main(["library", "import", "--library", lib, str(signed)]) == 2
    assert "does not trust" in capsys.readouterr().err
    with open_library(lib) as library:
        assert library.count() == 0
    assert main(["library", "trust", "add", "--library", lib, str(keys[3])]) == 0
    assert main(["library", "import", "--library", lib, str(signed)]) == 0
    with open_library(lib) as library:
        assert library.count() == 2
    assert main(["library", "import", "--library", str(tmp_path / "lab_c.sqlite"), "--insecure",
                 str(tmp_path / "unsigned")]) == 0
    with open_library(tmp_path / "lab_c.sqlite") as library:
        assert library.count() == 2
