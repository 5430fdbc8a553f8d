"""``nps-id ir-peaks`` on a real polystyrene film (registered here through add_commands)."""
from __future__ import annotations

import argparse
import csv

import pytest

from nps_id.errors import InputError
from nps_id.cli import ir_peaks as cli


def _run(argv):
    parser = argparse.ArgumentParser()
    cli.add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_ir_peaks_prints_and_writes_polystyrene_bands(shared_data, tmp_path, capsys):
    path = shared_data / "ir" / "jcamp_testfiles_named" / "polystyrene_two_films_lancashire_jtpolys.csv"
    out = tmp_path / "peaks.csv"
    assert _run(["ir-peaks", str(path), "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "bands" in text and "cm-1" in text
    assert any(line.split()[0] in ("1600.9", "1601.0", "1601.9") for line in text.splitlines()[2:])
    with open(out, newline="") as handle:
        positions = [float(row["position_cm-1"]) for row in csv.DictReader(handle)]
    assert any(abs(p - 1601) <= 4 for p in positions) and any(abs(p - 698) <= 4 for p in positions)


def test_ir_peaks_refuses_a_mass_spectrum_file(shared_data, tmp_path):
    msp = tmp_path / "one.msp"
    msp.write_text("Name: test\nNum Peaks: 2\n41 100\n43 50\n\n")
    with pytest.raises(InputError, match="one.msp"):
        _run(["ir-peaks", str(msp)])
