"""Fuzz test: mutated copies of real files of every format read or fail cleanly, in bounded time and memory.

Seeded mutants (bit flips, truncation, inserted, duplicated and deleted
chunks, extreme header numbers, numbers run together at a cut line) of a
handful of real files per format from ../shared/data are read in forked child
processes (benchmarks/fuzz_readers.py holds the machinery), each with a
wall-clock limit and an address-space limit.  Each must read or raise
NpsIdError.  The long run (thousands of mutants) is `python benchmarks/fuzz_readers.py`.
Plus the three inputs that hung or blew up before, as plain regression tests.
"""
from __future__ import annotations

import importlib.util
import struct
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from nps_id.errors import InputError, NpsIdError

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "benchmarks" / "fuzz_readers.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("fuzz_readers", fuzz)  # dataclasses look their module up
_spec.loader.exec_module(fuzz)

#: Mutants per format (16 formats, 1,920 in all): about 30-45 s of CPU on one core.
MUTANTS_PER_FORMAT = 120
#: Per read: real reads of these small seeds take well under a second.
TIMEOUT_S = 10.0
MEMORY_BYTES = 1 << 30
FORMATS = ("amdis_msl", "agilent_asp", "agilent_fpa", "andi", "chemstation", "jcamp", "jcamp_run", "massbank", "ms1", "msp",
           "mzml", "omnic", "opus", "perkinelmer", "spc", "text")


@pytest.fixture(scope="module")
def seeds(shared_data, tmp_path_factory):
    work = tmp_path_factory.mktemp("fuzz_seeds")
    return fuzz.load_seeds(shared_data, work)


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutants_read_or_fail_cleanly(fmt, seeds, tmp_path):
    mine = [s for s in seeds if s.fmt == fmt]
    if not mine:
        pytest.skip(f"no real {fmt} file in the shared data")
    jobs = fuzz.make_jobs(mine, MUTANTS_PER_FORMAT, tmp_path, seed=hash(fmt) % 1000 + 20261201)
    results = fuzz.run_mutants(jobs, workers=1, timeout=TIMEOUT_S, memory_bytes=MEMORY_BYTES)
    assert len(results) == MUTANTS_PER_FORMAT
    bad = [r for r in results if r.outcome not in ("ok", "error")]
    report = "\n\n".join(f"[{r.outcome}] {r.seed} ({r.mutation}): {r.detail}" for r in bad[:5])
    assert not bad, f"{len(bad)} of {len(results)} {fmt} mutants failed:\n{report}"
    # the unmutated seeds read: the mutants exercise the readers beyond their first check
    assert any(r.outcome == "ok" for r in results)
    # an error names the file it is about (for a file set, the member at fault: in the mutant's folder)
    errors = [r for r in results if r.outcome == "error"]
    unnamed = [r.detail for r in errors if Path(r.path).name not in r.detail
               and not (mine[0].siblings and Path(r.path).parent.name in r.detail)]
    assert not unnamed, unnamed[:3]


def _jcamp_text(data_line: str) -> str:
    return ("##TITLE=cut download\n##JCAMP-DX=4.24\n##DATA TYPE=INFRARED SPECTRUM\n##XUNITS=1/CM\n"
            f"##YUNITS=ABSORBANCE\n##XYDATA=(X++(Y..Y))\n{data_line}\n##END=\n")


def test_jcamp_numbers_run_together_with_stray_character_fail_fast(tmp_path):
    """22 digits then a stray character took 119 s (exponential backtracking); 100,000 must be instant."""
    from nps_id.io import read_spectra
    for digits in (22, 100_000):
        path = tmp_path / f"run_together_{digits}.jdx"
        path.write_text(_jcamp_text("1" * digits + "!"))
        started = time.monotonic()
        with pytest.raises(InputError, match="unexpected character '!'") as err:
            read_spectra(path)
        assert time.monotonic() - started < 2.0
        assert err.value.path == str(path)


def test_jcamp_dup_count_cannot_expand_without_bound(tmp_path):
    from nps_id.io import read_spectra
    path = tmp_path / "dup.jdx"
    path.write_text(_jcamp_text("4000 5Z99999999999"))
    with pytest.raises(InputError, match="DUP count"):
        read_spectra(path)


def test_msp_long_lines_are_linear(tmp_path):
    """A field line of blanks and an unclosed annotation were quadratic in the line length."""
    from nps_id.io import read_spectra
    path = tmp_path / "long_lines.msp"
    path.write_text("Name: x\nComment" + " " * 300_000 + "x\nNum Peaks: 1\n41 (" + "(" * 300_000 + " 100\n\n")
    started = time.monotonic()
    with pytest.raises(InputError):
        read_spectra(path)
    assert time.monotonic() - started < 3.0


def _andi_with(path: Path, source: Path, variable: str, value: int) -> Path:
    """A copy of a real ANDI file with every value of ``variable`` (int32) set to ``value``."""
    from scipy.io import netcdf_file
    with netcdf_file(str(source), "r", mmap=False) as nc:
        var = nc.variables[variable]
        count = int(np.prod(var.shape))
    data = bytearray(source.read_bytes())
    begin = _begin_of(bytes(data), variable.encode())
    data[begin:begin + 4 * count] = struct.pack(">i", value) * count
    path.write_bytes(bytes(data))
    return path


def _begin_of(data: bytes, name: bytes) -> int:
    """The data offset of a non-record variable in a netCDF-3 classic header."""
    at = data.index(struct.pack(">i", len(name)) + name)
    pos = at + 4 + len(name) + (-len(name) % 4)
    ndims = struct.unpack_from(">i", data, pos)[0]
    pos += 4 + 4 * ndims
    _tag, natts = struct.unpack_from(">ii", data, pos)
    pos += 8
    for _ in range(natts):
        nlen = struct.unpack_from(">i", data, pos)[0]
        pos += 4 + nlen + (-nlen % 4)
        atype, nvals = struct.unpack_from(">ii", data, pos)
        size = {1: 1, 2: 1, 3: 2, 4: 4, 5: 4, 6: 8}[atype] * nvals
        pos += 8 + size + (-size % 4)
    return struct.unpack_from(">i", data, pos + 8)[0]


@pytest.mark.parametrize("variable, value", [("point_count", 2**31 - 1), ("scan_index", 2**31 - 1),
                                             ("point_count", -1), ("scan_index", -5)])
def test_andi_scan_index_and_point_count_bounded_by_the_arrays(variable, value, shared_data, tmp_path):
    """A damaged ANDI index allocated 1.3-3.6 GiB and the MemoryError escaped read_run."""
    from nps_id.gcms.readers import read_run
    source = shared_data / "gcms" / "chromConverterExtraTests" / "HP_MS.CDF"
    path = _andi_with(tmp_path / "damaged.cdf", source, variable, value)
    with pytest.raises(NpsIdError, match="ANDI-MS") as err:
        read_run(path)
    assert err.value.path == str(path)
