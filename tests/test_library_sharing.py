"""Contribution workflow: lab A bundle -> curator -> release 1.0 -> lab B, and tampering refused."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nps_id.cli import main
from nps_id.errors import LibraryError
from nps_id.library import open_library
from nps_id.library.sharing import accept, contribute, pending, reject, release, submit, verify_package
from nps_id.library.signing import generate_key
from nps_id.library.trust import read_public_key, trust_key


@pytest.fixture
def lab_a(shared_data: Path, tmp_path: Path):
    queries = shared_data / "ms" / "bench" / "queries.msp"
    if not queries.is_file():
        pytest.skip(f"{queries} not found")
    records = queries.read_text(encoding="utf-8").split("\n\n")
    subset = tmp_path / "lab_a_measurements.msp"
    subset.write_text("\n\n".join(records[:20]) + "\n\n", encoding="utf-8")
    library = open_library(tmp_path / "lab_a.sqlite", create=True)
    library.import_files([subset])
    yield library
    library.close()


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def run_flow(lab_a, curated_location: str, tmp_path: Path, as_zip: bool = False):
    key, pub = generate_key(tmp_path / "lab_a.key")
    bundle = tmp_path / ("bundle.zip" if as_zip else "bundle")
    meta = contribute(lab_a, "Lab A", bundle, key)
    assert meta["n_spectra"] == lab_a.count() == 20
    with open_library(curated_location, create=True) as curated:
        sub = submit(curated, bundle, trusted_keys=[pub.read_bytes()])
        assert [p["id"] for p in pending(curated)] == [sub]
        assert curated.count() == 0  # pending spectra are not searchable yet
        assert accept(curated, sub, why="checked against reference standards") == 20
        assert curated.count() == 20 and pending(curated) == []
        out = tmp_path / "release-1.0"
        release(curated, "1.0", out, key)
        actions = [e["action"] for e in curated.log()]
        assert actions[:3] == ["release", "accept", "submit"]
    return out


def test_lab_to_curator_to_lab_b(lab_a, tmp_path):
    released = run_flow(lab_a, str(tmp_path / "curated.sqlite"), tmp_path)
    info = verify_package(released)
    assert info["kind"] == "release" and info["version"] == "1.0" and info["signed"]
    assert (released / "CHANGELOG.md").is_file()
    with open_library(tmp_path / "lab_b.sqlite", create=True) as lab_b:
        trust_key(lab_b, read_public_key(tmp_path / "lab_a.key.pub"), "curator")
        report = lab_b.import_files([released])
        assert lab_b.count() == 20
        assert report.packages[0]["trusted"] and report.packages[0]["signer"] == info["signer"]
        assert info["signer"] in report.summary()
        some = lab_a.records(lab_a.peak_arrays("ms")[0][:3])
        for record in some:
            hits = lab_b.find(text=record["name"])
            assert any(h["source_id"] == record["source_id"] for h in hits), record["name"]


def test_zip_bundle_and_tampering_refused(lab_a, tmp_path):
    released = run_flow(lab_a, str(tmp_path / "curated.sqlite"), tmp_path, as_zip=True)
    lab_b_path = tmp_path / "lab_b.sqlite"
    with open_library(lab_b_path, create=True) as lab_b:
        trust_key(lab_b, read_public_key(tmp_path / "lab_a.key.pub"))
        before = (lab_b.count(), lab_b.revision(), len(lab_b.log()))
        record = sorted((released / "records" / "ms").iterdir())[3]
        _flip_one_byte(record)
        with pytest.raises(LibraryError, match="changed file"):
            lab_b.import_files([released])
        assert (lab_b.count(), lab_b.revision(), len(lab_b.log())) == before
    # A forger who also rewrites the manifest still fails the signature.
    manifest = json.loads((released / "manifest.json").read_text())
    from nps_id.library.signing import sha256_file
    manifest["files"][record.relative_to(released).as_posix()] = sha256_file(record)
    (released / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    assert main(["library", "import", "--library", str(lab_b_path), str(released)]) == 2
    assert main(["library", "import", "--insecure", "--library", str(lab_b_path), str(released)]) == 2
    assert main(["library", "verify", str(released)]) == 2
    with open_library(lab_b_path) as lab_b:
        assert lab_b.count() == 0


def test_tampered_bundle_refused_at_submit(lab_a, tmp_path):
    key, _ = generate_key(tmp_path / "k")
    bundle = tmp_path / "bundle"
    contribute(lab_a, "Lab A", bundle, key)
    _flip_one_byte(sorted((bundle / "records" / "ms").iterdir())[0])
    with open_library(tmp_path / "curated.sqlite", create=True) as curated:
        with pytest.raises(LibraryError, match="refused"):
            submit(curated, bundle)
        assert pending(curated) == [] and curated.count() == 0


def test_untrusted_signer_and_reject(lab_a, tmp_path):
    key, _ = generate_key(tmp_path / "k")
    _, other_pub = generate_key(tmp_path / "other")
    bundle = tmp_path / "bundle"
    contribute(lab_a, "Lab A", bundle, key, source_ids=[lab_a.records([1])[0]["source_id"]])
    with open_library(tmp_path / "curated.sqlite", create=True) as curated:
        with pytest.raises(LibraryError, match="untrusted"):
            submit(curated, bundle, trusted_keys=[other_pub.read_bytes()])
        sub = submit(curated, bundle)
        with pytest.raises(LibraryError):
            reject(curated, sub, reason="")
        assert reject(curated, sub, reason="spectrum saturated") == 1
        assert curated.count() == 0
        entry = curated.log(limit=1)[0]
        assert entry["action"] == "reject" and entry["why"] == "spectrum saturated"
        with pytest.raises(LibraryError, match="already rejected"):
            accept(curated, sub)


def test_cli_flow(lab_a, tmp_path, capsys):
    key = tmp_path / "lab.key"
    assert main(["library", "keygen", "--out", str(key)]) == 0
    bundle = tmp_path / "b.zip"
    assert main(["library", "contribute", "--library", lab_a.location, "--lab", "Lab A",
                 "--out", str(bundle), "--key", str(key)]) == 0
    cur = str(tmp_path / "cur.sqlite")
    assert main(["library", "submit", "--library", cur, str(bundle)]) == 0
    capsys.readouterr()
    assert main(["library", "review", "--library", cur, "--json"]) == 0
    waiting = json.loads(capsys.readouterr().out)
    assert waiting[0]["lab"] == "Lab A" and waiting[0]["spectra"] == 20
    assert main(["library", "review", "--library", cur, "--accept", str(waiting[0]["id"])]) == 0
    out = tmp_path / "rel"
    assert main(["library", "release", "--library", cur, "--version", "1.0", "--out", str(out)]) == 2
    assert not out.exists()  # refused without a key, before writing anything
    assert main(["library", "release", "--library", cur, "--version", "1.0", "--out", str(out),
                 "--key", str(key)]) == 0
    assert main(["library", "release", "--library", cur, "--version", "1.0", "--key", str(key),
                 "--out", str(tmp_path / "again")]) == 2  # a version is released once
    assert main(["library", "verify", str(out)]) == 0
    assert main(["library", "log", "--library", cur]) == 0
    log = capsys.readouterr().out
    assert "release" in log and "accept" in log and "submit" in log
