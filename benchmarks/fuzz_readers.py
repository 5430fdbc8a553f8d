"""Fuzz every reader with mutated copies of the real files in ../shared/data.

Each mutant (bit flips, truncation, inserted, duplicated and deleted chunks,
extreme header numbers such as counts/offsets set to 2**31-1 or -1, numbers
run together with a stray character at a cut line end) is read in a forked
child process with a wall-clock limit and an address-space limit; the child
reports how the read ended.  A mutant must either read or raise
:class:`~nps_id.errors.NpsIdError`; anything else is counted:

* ``crash``     – another exception (a traceback for the user), or the child died (signal);
* ``hang``      – the read took longer than ``--timeout`` seconds (the child is killed);
* ``memory``    – a MemoryError anywhere in the exception chain (also when a
  reader turned it into an InputError: the address-space limit was hit), or a
  peak resident size above the limit.

``--cli-every N`` also runs ``nps-id info`` on every N-th mutant (exit code 0
or 2 and no "Traceback" on stderr, under the same limits).

    python benchmarks/fuzz_readers.py --mutants 10000 --workers 2

The same machinery (seeds, mutations, the forked runner) is used by
``tests/test_fuzz_readers.py`` with a few hundred mutants per format.
"""
from __future__ import annotations

import argparse
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NPS_ID_SHARED_DATA", ROOT.parent / "shared" / "data"))

GIB = 1 << 30


# -- seeds: small real files per format -------------------------------------------------------
@dataclass(frozen=True)
class Seed:
    """A real file to mutate: ``kind`` "spectra" (nps_id.io.read_spectra), "run" (read_run of the
    file) or "run_dir" (read_run of an Agilent ``.D`` folder holding the mutant as ``data.ms``).
    ``siblings`` (name, bytes) are written unchanged beside the mutant (a file set such as an
    Agilent FPA image); ``open_name`` is then the file of the set that is read."""

    fmt: str
    name: str
    data: bytes
    suffix: str
    kind: str = "spectra"
    siblings: tuple = ()
    open_name: str = ""


def _massbank_records(msp: Path, count: int) -> bytes:
    """The first real MassBank EI spectra of the converted MSP, written back as MassBank records."""
    from nps_id.io.msp import iter_msp_chunks

    spectra = next(iter(iter_msp_chunks(msp, chunk_bytes=1 << 16))).spectra[:count]
    out = []
    for s in spectra:
        lines = [f"ACCESSION: {s.get('source_id', 'MSBNK-0')}", f"RECORD_TITLE: {s.name}; EI-B; MS",
                 f"CH$NAME: {s.name}", f"CH$FORMULA: {s.get('formula', 'N/A')}",
                 f"CH$EXACT_MASS: {s.get('exact_mass', 0)}", f"CH$SMILES: {s.get('smiles', 'N/A')}",
                 f"CH$LINK: INCHIKEY {s.get('inchikey', '')}", f"AC$INSTRUMENT: {s.get('instrument', '')}",
                 "AC$INSTRUMENT_TYPE: EI-B", f"LICENSE: {s.get('licence', '')}",
                 f"PK$NUM_PEAK: {len(s)}", "PK$PEAK: m/z int. rel.int."]
        lines += [f"  {m:g} {i:g} {round(999 * i / s.y.max())}" for m, i in zip(s.x, s.y)]
        out.append("\n".join(lines) + "\n//\n")
    return "".join(out).encode("utf-8")


def _prefix_at(data: bytes, limit: int, boundary: bytes, tail: bytes = b"") -> bytes:
    """The start of a large real file, cut at the last ``boundary`` before ``limit`` bytes."""
    cut = data.rfind(boundary, 0, limit)
    return (data[:cut] if cut > 0 else data[:limit]) + tail


def _run_to_mzml(cdf: Path, scans: int, out: Path) -> bytes:
    from dataclasses import replace

    from nps_id.gcms.mzml import write_mzml
    from nps_id.gcms.readers import read_run

    run = read_run(cdf)
    end = int(run.offsets[scans])
    part = replace(run, times=run.times[:scans], offsets=run.offsets[:scans + 1], mz=run.mz[:end],
                   intensity=run.intensity[:end], _cache={})
    write_mzml(part, out)
    return out.read_bytes()


def load_seeds(shared: Path = SHARED, work: Path | None = None) -> list[Seed]:
    """A handful of real files per format (large ones as a prefix cut at a record boundary)."""
    ir = shared / "ir" / "formats"
    seeds: list[Seed] = []

    def add(fmt: str, path: Path, kind: str = "spectra") -> None:
        if path.is_file():
            seeds.append(Seed(fmt, path.name, path.read_bytes(), path.suffix, kind))

    for name in ("bench/library.msp", "nps_classes/nist_mds2-2418_cm2_cm3_half.msp",
                 "sources/recetox_gc_ei_hr_20201028.msp"):
        path = shared / "ms" / name
        if path.is_file():
            with open(path, "rb") as handle:
                head = handle.read(12000)
            seeds.append(Seed("msp", path.name, _prefix_at(head, 12000, b"\n\n", b"\n\n"), ".msp"))
    for name in ("nzhagen_test_difdup_example.jdx", "lancashire_dupdec2.jdx", "shimadzu_IRAffinity_lactose_run1.dx",
                 "lancashire_pacdec1.jdx", "nist_isopropanol_ASDF.jdx", "lancashire_compound.jdx",
                 "jcampdxorg_SPECFILE.DX", "lancashire_fixinc2.jdx"):
        add("jcamp", ir / "jcamp" / name)
    for name in ("openspecy_raman_atacamit.spc", "spectrochempy_TOLUENE.SPC", "rohanisaac_DOERNER.spc",
                 "rohanisaac_m_evenz.spc", "rohanisaac_m_xyxy.spc"):
        add("spc", ir / "galactic_spc" / name)
    for name in ("orange_sample1.spa", "spectrochempy_spectre.SPA", "spectrochempy_interfero.SPA"):
        add("omnic", ir / "omnic_spa" / name)
    for name in ("spectrochempy_background.0", "spectrochempy_test.0000", "openspecy_ftir_ps.2"):
        add("opus", ir / "opus" / name)
    add("perkinelmer", ir / "perkinelmer" / "orange_single_PE_spectrum.sp")
    add("agilent_asp", ir / "agilent" / "openspecy_ftir_ldpe_soil.asp")
    for name in ("openspecy_ftir_pva_without_header.csv", "orange_peach_juice.dpt"):
        add("text", ir / "csv_text" / name)
    add("text", shared / "ir" / "nrcan_plotftir_atr" / "toluene.csv")

    massbank = shared / "ms" / "sources" / "massbank_ei.msp"
    if massbank.is_file():
        seeds.append(Seed("massbank", "massbank_records.txt", _massbank_records(massbank, 4), ".txt"))
    fpa = ir / "agilent" / "orange_agilent_sets"
    if (fpa / "4_noimage_agg256.seq").is_file():
        members = {n: (fpa / n).read_bytes() for n in ("4_noimage_agg256.seq", "4_noimage_agg256.bsp",
                                                      "4_noimage_agg256.dat")}
        for name, data in members.items():
            others = tuple((n, d) for n, d in members.items() if n != name)
            seeds.append(Seed("agilent_fpa", name, data, Path(name).suffix, "spectra", others,
                              "4_noimage_agg256.seq"))

    gcms = shared / "gcms"
    add("amdis_msl", gcms / "CoreMS" / "FAMES_REF.MSL")
    add("amdis_msl", gcms / "gcmstools" / "ref_specs2.MSL")
    pnnl = gcms / "CoreMS" / "PNNLMetV20191015.MSL"
    if pnnl.is_file():
        with open(pnnl, "rb") as handle:
            head = handle.read(12000)
        seeds.append(Seed("amdis_msl", pnnl.name, _prefix_at(head, 12000, b"\r\n\r\n" if b"\r\n" in head else b"\n\n"),
                          ".MSL"))
    add("andi", gcms / "chromConverterExtraTests" / "HP_MS.CDF", "run")
    add("andi", gcms / "netcdf-gcms" / "agilent-gcms.cdf", "run")
    add("chemstation", gcms / "rainbow" / "caye_nmr_test_mix.D" / "dataSim.ms", "run")
    add("chemstation", gcms / "LRCFS_benzodiazepines" / "220223013.D" / "data.ms", "run_dir")
    ms1 = gcms / "LRCFS_benzodiazepines" / "ms1_proteowizard" / "220223001.ms1"
    if ms1.is_file():
        seeds.append(Seed("ms1", ms1.name, _prefix_at(ms1.read_bytes(), 30000, b"\nS\t", b"\n"), ".ms1", "run"))
    jdx_run = gcms / "PyMassSpec" / "ELEY_1_SUBTRACT.JDX"
    if jdx_run.is_file():
        with open(jdx_run, "rb") as handle:
            head = handle.read(60000)
        seeds.append(Seed("jcamp_run", jdx_run.name, _prefix_at(head, 60000, b"##PAGE=", b"##END=\n"),
                          ".jdx", "run"))
    cdf = gcms / "chromConverterExtraTests" / "HP_MS.CDF"
    if cdf.is_file() and work is not None:
        seeds.append(Seed("mzml", "HP_MS_40_scans.mzML", _run_to_mzml(cdf, 40, work / "seed.mzML"), ".mzML", "run"))
    return seeds


# -- mutations -------------------------------------------------------------------------------
_EXTREME_INTS = (2**31 - 1, -1, -(2**31), 2**32 - 1, 2**16 - 1, 0, 2**30)
_EXTREME_TEXT = (b"2147483647", b"-1", b"-2147483648", b"99999999999999999999", b"0", b"1e308", b"nan",
                 b"4294967295", b"1" * 40)
_DIGITS = re.compile(rb"\d+")


def _is_text(data: bytes) -> bool:
    return b"\x00" not in data[:4096]


def _bit_flips(data: bytearray, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(data))
        data[pos] ^= 1 << rng.randrange(8)
    return "bit flips"


def _truncate(data: bytearray, rng: random.Random) -> str:
    del data[rng.randrange(1, len(data)):]
    return "truncated"


def _insert_chunk(data: bytearray, rng: random.Random) -> str:
    size = rng.choice((1, 4, 16, 256, 4096))
    chunk = bytes(rng.randrange(256) for _ in range(size)) if rng.random() < 0.5 else (
        data[(s := rng.randrange(len(data))):s + size])
    pos = rng.randrange(len(data) + 1)
    data[pos:pos] = chunk
    return "inserted chunk"


def _duplicate_chunk(data: bytearray, rng: random.Random) -> str:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.choice((2, 8, 64, 1024, 16384))]
    for _ in range(rng.choice((1, 1, 2, 50))):
        data[start:start] = chunk
    return "duplicated chunk"


def _delete_chunk(data: bytearray, rng: random.Random) -> str:
    start = rng.randrange(len(data))
    del data[start:start + rng.choice((1, 4, 64, 1024))]
    return "deleted chunk"


def _extreme_number(data: bytearray, rng: random.Random) -> str:
    if _is_text(data):
        numbers = [m.span() for m in _DIGITS.finditer(data[:200000])]
        if numbers:
            start, end = rng.choice(numbers[:50] if rng.random() < 0.5 else numbers)
            data[start:end] = rng.choice(_EXTREME_TEXT)
            return "extreme number (text)"
        return _bit_flips(data, rng)
    value = rng.choice(_EXTREME_INTS)
    width, signed = rng.choice(((4, True), (4, False), (2, False), (8, True)))
    value = value % (1 << (8 * width)) if not signed else max(-(1 << (8 * width - 1)),
                                                               min(value, (1 << (8 * width - 1)) - 1))
    order = rng.choice(("little", "big"))
    raw = value.to_bytes(width, order, signed=signed and value < 0)
    limit = min(len(data), 1024) if rng.random() < 0.7 else len(data)
    pos = rng.randrange(max(1, limit - width + 1))
    pos -= pos % 2 if rng.random() < 0.8 else 0
    data[pos:pos + width] = raw
    return "extreme number (binary header)"


def _numbers_run_together(data: bytearray, rng: random.Random) -> str:
    """A data line with its separators removed, cut mid-line with a stray character (a cut download)."""
    if not _is_text(data):
        return _extreme_number(data, rng)
    lines = data.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if sum(c in b"0123456789" for c in line) > 8]
    if not candidates:
        return _truncate(data, rng)
    i = rng.choice(candidates)
    joined = bytes(c for c in lines[i] if c not in b" \t,;")
    keep = rng.randint(len(joined) // 2, len(joined))
    lines[i] = joined[:keep] + rng.choice((b"!", b"x", b"#", b"\xff", b"?", b"."))
    if rng.random() < 0.5:
        lines = lines[:i + 1]
    data[:] = b"\n".join(lines)
    return "numbers run together, cut line"


MUTATIONS = (_bit_flips, _truncate, _insert_chunk, _duplicate_chunk, _delete_chunk, _extreme_number,
             _extreme_number, _numbers_run_together)


def mutate(seed: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutant of ``seed`` (one to three mutations) and what was done."""
    data = bytearray(seed)
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if not data:
            break
        done.append(rng.choice(MUTATIONS)(data, rng))
    if not data:
        data = bytearray(seed[:1])
    return bytes(data), ", ".join(done)


def write_mutant(data: bytes, seed: Seed, folder: Path, index: int) -> Path:
    """The mutant on disk, named like its seed (readers also look at extensions)."""
    stem = f"m{index:06d}_{Path(seed.name).stem}"
    if seed.siblings:
        set_dir = folder / stem
        set_dir.mkdir()
        for name, data_ in seed.siblings:
            (set_dir / name).write_bytes(data_)
        (set_dir / seed.name).write_bytes(data)
        return set_dir / seed.open_name
    if seed.kind == "run_dir":
        run_dir = folder / f"{stem}.D"
        run_dir.mkdir()
        (run_dir / "data.ms").write_bytes(data)
        return run_dir
    path = folder / f"{stem}{seed.suffix}"
    path.write_bytes(data)
    return path


# -- running one mutant in a forked child ----------------------------------------------------
def _vm_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _has_memory_error(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _child(conn, kind: str, path: str, memory_bytes: int) -> None:
    """Read one mutant; send (outcome, detail, peak RSS growth in bytes)."""
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    limit = _vm_bytes() + memory_bytes  # the address space already mapped (libraries) plus the budget
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    warnings.simplefilter("ignore")  # numpy's "invalid value" warnings on damaged numbers are not failures
    from nps_id.errors import NpsIdError
    from nps_id.gcms.readers import is_run, read_run
    from nps_id.io import read_spectra

    try:
        is_run(path)  # dispatch by content must never raise
        result = read_run(path) if kind in ("run", "run_dir") else read_spectra(path)
        if path.endswith(".msp"):  # `library import` reads MSP through the chunked reader
            from nps_id.io.msp import iter_msp_chunks
            for _ in iter_msp_chunks(path, skip_invalid=True):
                pass
        outcome, detail = "ok", type(result).__name__
    except NpsIdError as exc:
        outcome, detail = ("memory" if _has_memory_error(exc) else "error"), str(exc)[:400]
    except BaseException as exc:  # noqa: BLE001 - that is what we count
        outcome = "memory" if _has_memory_error(exc) else "crash"
        detail = "".join(traceback.format_exception(exc))[-2000:]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base_rss
    if outcome in ("ok", "error") and peak > memory_bytes:
        outcome, detail = "memory", f"peak resident size grew by {peak / GIB:.2f} GiB"
    try:
        conn.send((outcome, detail, peak))
    finally:
        conn.close()


@dataclass
class Outcome:
    fmt: str
    seed: str
    mutation: str
    path: str
    outcome: str      # ok, error, crash, hang, memory
    detail: str
    seconds: float
    peak_bytes: int = 0


def run_mutants(jobs: list[tuple[Seed, str, Path]], workers: int = 1, timeout: float = 10.0,
                memory_bytes: int = 3 * GIB) -> list[Outcome]:
    """Read every (seed, mutation, path) job in a forked child, ``workers`` at a time.

    Forking from a parent that has already imported nps_id, numpy and scipy
    costs milliseconds, gives each read its own limits and a clean kill on a hang.
    """
    import nps_id.gcms.readers  # noqa: F401 - imported once here, shared by every fork
    import nps_id.io  # noqa: F401
    from nps_id.io.registry import formats
    formats()

    ctx = multiprocessing.get_context("fork")
    results: list[Outcome] = []
    pending = list(reversed(jobs))
    running: dict = {}
    while pending or running:
        while pending and len(running) < workers:
            seed, mutation, path = pending.pop()
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(send, seed.kind, str(path), memory_bytes), daemon=True)
            proc.start()
            send.close()
            running[receive] = (proc, seed, mutation, path, time.monotonic())
        ready = multiprocessing.connection.wait(list(running), timeout=0.05)
        now = time.monotonic()
        for conn in list(running):
            proc, seed, mutation, path, started = running[conn]
            if conn in ready:
                try:
                    outcome, detail, peak = conn.recv()
                except (EOFError, OSError):
                    proc.join(1)
                    outcome, detail, peak = "crash", f"child died (exit code {proc.exitcode})", 0
            elif now - started > timeout:
                proc.kill()
                outcome, detail, peak = "hang", f"no answer within {timeout:g} s", 0
            else:
                continue
            proc.join(5)
            conn.close()
            del running[conn]
            results.append(Outcome(seed.fmt, seed.name, mutation, str(path), outcome, detail,
                                   now - started, peak))
    return results


def make_jobs(seeds: list[Seed], per_format: int, folder: Path, seed: int = 20261201
              ) -> list[tuple[Seed, str, Path]]:
    """``per_format`` mutants of each format, spread over its seeds; deterministic for ``seed``."""
    rng = random.Random(seed)
    by_format: dict[str, list[Seed]] = defaultdict(list)
    for s in seeds:
        by_format[s.fmt].append(s)
    jobs = []
    index = 0
    for fmt in sorted(by_format):
        for i in range(per_format):
            s = by_format[fmt][i % len(by_format[fmt])]
            data, mutation = mutate(s.data, rng)
            jobs.append((s, mutation, write_mutant(data, s, folder, index)))
            index += 1
    return jobs


def run_cli(paths: list[Path], timeout: float, memory_bytes: int) -> Counter:
    """``nps-id info`` on each path: exit 0 or 2, no traceback, within the limits."""
    counts: Counter = Counter()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    for path in paths:
        try:
            done = subprocess.run([sys.executable, "-m", "nps_id.cli", "info", str(path)], capture_output=True,
                                  text=True, timeout=timeout, preexec_fn=limit, cwd=str(ROOT))
        except subprocess.TimeoutExpired:
            counts["hang"] += 1
            continue
        if "Traceback" in done.stderr or done.returncode not in (0, 2):
            kind = "memory" if "MemoryError" in done.stderr else "crash"
            counts[kind] += 1
            print(f"  nps-id info {path}: exit {done.returncode}\n{done.stderr[-800:]}", file=sys.stderr)
        else:
            counts["ok" if done.returncode == 0 else "error"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutants", type=int, default=10000, help="mutants in total (spread over the formats)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per read")
    parser.add_argument("--memory-gb", type=float, default=3.0, help="address space per read, on top of the libraries")
    parser.add_argument("--cli-every", type=int, default=25, help="run `nps-id info` on every N-th mutant (0: never)")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--keep", action="store_true", help="keep the mutant folder (printed)")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 1
    memory = int(args.memory_gb * GIB)
    folder = Path(tempfile.mkdtemp(prefix="nps_fuzz_"))
    try:
        seeds = load_seeds(SHARED, folder)
        fmts = sorted({s.fmt for s in seeds})
        per_format = max(1, args.mutants // len(fmts))
        started = time.monotonic()
        jobs = make_jobs(seeds, per_format, folder, args.seed)
        print(f"{len(jobs)} mutants of {len(seeds)} real files in {len(fmts)} formats "
              f"({per_format} per format), {args.workers} workers, {args.timeout:g} s and "
              f"{args.memory_gb:g} GB per read", flush=True)
        results = run_mutants(jobs, args.workers, args.timeout, memory)
        elapsed = time.monotonic() - started
        table: dict[str, Counter] = defaultdict(Counter)
        for r in results:
            table[r.fmt][r.outcome] += 1
        columns = ("ok", "error", "crash", "hang", "memory")
        print(f"\n{'format':<12}" + "".join(f"{c:>8}" for c in columns) + f"{'max s':>8}")
        for fmt in fmts:
            slowest = max((r.seconds for r in results if r.fmt == fmt), default=0.0)
            print(f"{fmt:<12}" + "".join(f"{table[fmt][c]:>8}" for c in columns) + f"{slowest:>8.2f}")
        total = Counter(r.outcome for r in results)
        print(f"{'total':<12}" + "".join(f"{total[c]:>8}" for c in columns))
        peak = max((r.peak_bytes for r in results), default=0)
        print(f"\nreaders: {len(results)} mutants in {elapsed:.0f} s; crashes (tracebacks) {total['crash']}, "
              f"hangs (> {args.timeout:g} s) {total['hang']}, memory failures {total['memory']}; "
              f"largest growth of resident memory in one read {peak / 2**20:.0f} MiB")
        for r in results:
            if r.outcome in ("crash", "hang", "memory"):
                print(f"\n[{r.outcome}] {r.fmt} {r.seed} ({r.mutation}) {r.path}\n{r.detail}")
        if args.cli_every:
            sample = [Path(p) for _, _, p in jobs[::args.cli_every]]
            cli = run_cli(sample, args.timeout, memory)  # the whole process within the limit, libraries included
            print(f"\nnps-id info on {len(sample)} mutants: " + ", ".join(
                f"{k} {cli[k]}" for k in ("ok", "error", "crash", "hang", "memory")))
        bad = total["crash"] + total["hang"] + total["memory"]
        return 1 if bad else 0
    finally:
        if args.keep:
            print(f"mutants kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
