"""Whole sequences: runs of a folder or list, in parallel, summary with blanks and carry-over; bad runs named."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nps_id.errors import InputError
from nps_id.gcms.analysis import analyse_run
from nps_id.gcms.retention_index import load_calibration
from nps_id.gcms.sequence import analyse_sequence, find_runs, is_blank

LRCFS = "LRCFS_benzodiazepines"
METHOD = """
[internal_standard]
name = "IS 140"
rt_min = 6.51
quant_ion = 140
qualifiers = [141, 84]
qualifier_ratios = [11, 8]

[[target]]
name = "etizolam"
rt_min = 10.26
rt_window_min = 0.15
quant_ion = 342
qualifiers = [344, 313, 266]
"""


@pytest.fixture
def method(tmp_path):
    path = tmp_path / "method.toml"
    path.write_text(METHOD)
    return path


def test_find_runs_in_folder_and_list(shared_data, tmp_path):
    runs = find_runs(shared_data / "gcms" / LRCFS)
    assert len(runs) == 46 and runs[0].name == "220223001.D" and runs == sorted(runs)
    listing = tmp_path / "sequence.txt"
    listing.write_text(f"# today\n{runs[1]}\n{runs[0]}\n")
    assert find_runs(listing) == [runs[1], runs[0]]
    listing.write_text(f"{runs[0]}\nmissing.D\n")
    with pytest.raises(InputError, match=r"sequence\.txt, line 2: run 'missing.D' does not exist"):
        find_runs(listing)
    with pytest.raises(InputError, match="holds no GC-MS run"):
        find_runs(tmp_path)


def test_blank_names():
    assert is_blank("MEOH BLK") and is_blank("Solvent blank 2") and is_blank("blk")
    assert not is_blank("FL22/0049") and not is_blank("25ug/mL Etizolam")
    assert is_blank("QC low", ["^QC"])


def test_sequence_parallel_equals_serial_and_flags(shared_data, method):
    folder = shared_data / "gcms" / LRCFS
    runs = [folder / f"22022300{i}.D" for i in (8, 9)] + [folder / "220223002.D"]
    parallel = analyse_sequence(runs, method=method, search=False, workers=2, blanks=["25ug"])
    serial = analyse_sequence(runs, method=method, search=False, workers=1, blanks=["25ug"])
    strip = lambda rows: [{k: v for k, v in r.items() if k != "seconds"} for r in rows]  # noqa: E731
    assert strip(parallel.rows) == strip(serial.rows) and parallel.workers == 2
    high, blank, marked = parallel.rows
    assert high["sample"] == "250ug/mL Etizolam" and not high["blank"] and high["targets_found"] == ["etizolam"]
    assert blank["blank"] and blank["target:etizolam"] == "not found" and not blank["flags"]
    # a run the user marks as blank that holds the target (the run before it had none: no carry-over named)
    assert marked["blank"] and marked["flags"] == ["etizolam found in blank"]
    assert "found, RT 10.23" in marked["target:etizolam"]


def test_carry_over_after_a_high_standard(shared_data, method):
    folder = shared_data / "gcms" / LRCFS
    result = analyse_sequence([folder / "220223008.D", folder / "220223002.D"], method=method, search=False,
                              workers=1, blanks=["25ug"])
    assert result.rows[1]["flags"] == ["etizolam found in blank (carry-over from 220223008.D)"]


def test_sequence_written_and_cli(shared_data, method, tmp_path):
    folder = shared_data / "gcms" / LRCFS
    listing = tmp_path / "seq.txt"
    listing.write_text("\n".join(str(folder / f"22022300{i}.D") for i in (1, 2)) + "\n" + str(tmp_path / "bad.D") + "\n")
    (tmp_path / "bad.D").mkdir()
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "nps_id.cli", "gcms", "--no-search", "--method", str(method),
                           "--sequence", str(listing), "--out", str(out), "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr   # one run failed, named in the summary
    assert "[3/3]" in proc.stderr and "3 runs in" in proc.stdout and "BLANK" in proc.stdout
    with open(out / "summary.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["run"] for r in rows] == ["220223001.D", "220223002.D", "bad.D"]
    assert rows[0]["blank"] == "True" and rows[1]["targets_found"] == "etizolam"
    assert "bad.D" in rows[2]["error"] and not rows[2]["components"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["workers"] == 2 and summary["settings"]["method"]["targets"][0]["name"] == "IS 140"
    detail = json.loads((out / rows[1]["detail_file"]).read_text())
    assert detail["run"]["sample"] == "25ug/mL Etizolam" and detail["components"]


# -- bad input ---------------------------------------------------------------------------
def _ms1_scans(shared: Path) -> tuple[str, list[str]]:
    text = (shared / "gcms" / LRCFS / "ms1_proteowizard" / "220223001.ms1").read_text()
    head, _, rest = text.partition("\nS\t")
    return head + "\n", ["S\t" + s for s in rest.split("\nS\t")]


def test_run_with_one_scan_or_no_signal_is_refused_by_name(shared_data, tmp_path):
    head, scans = _ms1_scans(shared_data)
    one = tmp_path / "one.ms1"
    one.write_text(head + scans[0] + "\n")
    with pytest.raises(InputError, match=r"one\.ms1: the run has 1 scan\(s\)"):
        analyse_run(one, search=False)
    zero = tmp_path / "zero.ms1"
    zeroed = ["\n".join(ln.split(" ")[0] + " 0" if ln[:1].isdigit() else ln for ln in s.splitlines())
              for s in scans[:30]]
    zero.write_text(head + "\n".join(zeroed) + "\n")
    with pytest.raises(InputError, match=r"zero\.ms1: all 30 scans are empty or zero"):
        analyse_run(zero, search=False)
    empty = tmp_path / "none.ms1"
    empty.write_text(head)
    with pytest.raises(InputError, match=r"none\.ms1"):
        analyse_run(empty, search=False)


def test_calibration_run_without_alkanes_is_named(shared_data):
    blank = shared_data / "gcms" / LRCFS / "220223001.D"
    with pytest.raises(InputError, match=r"220223001\.D: fewer than two alkane/FAME ladder peaks"):
        load_calibration(blank)
