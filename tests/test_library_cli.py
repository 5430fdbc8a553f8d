"""`nps-id library ...` on good and bad input: exit codes and messages, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nps_id.cli import main
from nps_id.library import open_library

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GOOD = "Name: Ethanol\nFormula: C2H6O\nNum Peaks: 3\n31 999\n45 400\n46 200\n\n"


@pytest.fixture
def lib_with_one(tmp_path: Path) -> Path:
    good = tmp_path / "good.msp"
    good.write_text(GOOD)
    path = tmp_path / "lib.sqlite"
    assert main(["library", "import", "--library", str(path), str(good)]) == 0
    return path


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": ("empty.msp", b""),
        "binary junk": ("junk.msp", bytes(range(256)) * 40),
        "truncated record": ("trunc.msp", b"Name: A\nNum Peaks: 5\n41 999\n43 100\n"),
        "negative peak": ("neg.msp", b"Name: A\nNum Peaks: 2\n41 999\n43 -100\n"),
        "non-numeric peak": ("nonnum.msp", b"Name: A\nNum Peaks: 2\n41 999\n43 abc\n"),
        "5 MB line": ("long.msp", b"Name: A\nNum Peaks: 1\n" + b"41 999 " * 750_000 + b"\n"),
    }
    out = {}
    for label, (name, data) in files.items():
        (tmp / name).write_bytes(data)
        out[label] = tmp / name
    nothing = tmp / "nothing_readable"
    nothing.mkdir()
    (nothing / "notes.txt").write_text("no spectra here\n")
    (nothing / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out["folder with nothing readable"] = nothing
    out["missing path"] = tmp / "does_not_exist.msp"
    return out


def test_bad_inputs_exit_2_naming_the_file(tmp_path, lib_with_one, capsys):
    capsys.readouterr()
    for label, path in _bad_inputs(tmp_path).items():
        code = main(["library", "import", "--library", str(lib_with_one), str(path)])
        err = capsys.readouterr().err
        assert code == 2, label
        assert str(path) in err, (label, err)
        assert "Traceback" not in err
        with open_library(lib_with_one) as library:
            assert library.count() == 1 and library.revision() == 1, label


def test_failed_first_import_leaves_no_library_file(tmp_path, capsys):
    bad = tmp_path / "bad.msp"
    bad.write_bytes(b"Name: A\nNum Peaks: 2\n41 999\n43 abc\n")
    new = tmp_path / "new.sqlite"
    assert main(["library", "import", "--library", str(new), str(bad)]) == 2
    assert not new.exists()


def test_skip_invalid_lists_skipped_records(tmp_path, capsys):
    mixed = tmp_path / "mixed.msp"
    mixed.write_text(GOOD + "Name: Neg\nNum Peaks: 2\n41 999\n43 -5\n\n" + GOOD)
    path = tmp_path / "lib.sqlite"
    assert main(["library", "import", "--library", str(path), str(mixed)]) == 2
    assert main(["library", "import", "--library", str(path), "--skip-invalid", str(mixed)]) == 0
    out = capsys.readouterr().out
    assert "imported 2 spectra" in out and "skipped 1" in out and str(mixed) in out


def test_info_export_log(tmp_path, lib_with_one, capsys):
    capsys.readouterr()
    assert main(["library", "info", "--library", str(lib_with_one), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["spectra"] == 1 and info["by_technique"] == {"ms": 1}
    out = tmp_path / "out.msp"
    assert main(["library", "export", "--library", str(lib_with_one), str(out)]) == 0
    assert "Ethanol" in out.read_text()
    assert main(["library", "log", "--library", str(lib_with_one)]) == 0
    assert "imported 1 spectra" in capsys.readouterr().out
    assert main(["library", "info", "--library", str(tmp_path / "none.sqlite")]) == 2
    assert "no library" in capsys.readouterr().err


def test_library_from_environment_variable(tmp_path):
    good = tmp_path / "good.msp"
    good.write_text(GOOD)
    env = dict(os.environ, NPS_ID_LIBRARY=str(tmp_path / "env.sqlite"))
    run = subprocess.run([sys.executable, "-m", "nps_id.cli", "library", "import", str(good)],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "env.sqlite").exists()
