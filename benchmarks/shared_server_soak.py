"""A shared PostgreSQL library under load: searches, imports, contributions, a kill -9, a restart.

The check of issue 16 ("the checker's own shared-server run"), as a script (it takes a minute or two):

* 3 searching processes (reader login), each holding its library open for the whole run, search
  spectra that must be found: the base library, and every file an importer has finished;
* 2 importing processes (curator login) import MSP files, spread over the run: each its own files and
  the other's (found "already present": the duplicate check under concurrency); a file that fails is
  imported again (the duplicate check makes that safe);
* 1 contributing process (contributor login) submits small bundles as pending submissions;
* at ``--kill-at`` seconds one importer is killed with SIGKILL (and started again, as an operator
  would); at ``--restart-at`` the server is restarted (``pg_ctl restart -m fast``);
* after ``--seconds`` (and once the importers are done) the library is checked: every spectrum of
  every import file present exactly once, nothing half-imported, every acknowledged submission there,
  roles enforced by the database, no wrong search, every searcher right after the restart (they were
  opened before it);
* then the database is dropped and created again under the same URL with other spectra: a client
  opened before the drop and a new one must both find the new spectra at their first search.

    eval "$(bash .ci/start_postgres.sh)"     # NPS_ID_TEST_POSTGRES_URL/_DIR/_BIN
    nice -n 10 python benchmarks/shared_server_soak.py

Needs a superuser URL in NPS_ID_TEST_POSTGRES_URL and, for the restart, the cluster folder and
binaries (NPS_ID_TEST_POSTGRES_DIR, NPS_ID_TEST_POSTGRES_BIN as printed by .ci/start_postgres.sh).
Exit code 0 when every check passes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NPS_ID_SHARED_DATA", ROOT.parent / "shared" / "data"))
LIBRARY_MSP = SHARED / "ms" / "bench" / "library.msp"


# -- helpers -------------------------------------------------------------------------------
def with_login(url: str, user: str | None = None, password: str | None = None, db: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        host = netloc.rsplit("@", 1)[-1]
        netloc = f"{user}:{password}@{host}" if password else f"{user}@{host}"
    return urlunsplit((parts.scheme, netloc, f"/{db}" if db else parts.path, parts.query, ""))


def log_line(path: Path, **item) -> None:
    item.setdefault("t", time.time())
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(item) + "\n")


def read_log(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def spectrum_pool(count: int, seed: int) -> list:
    """``count`` EI spectra of the shared library with distinct peak lists, renamed uniquely
    (``SOAK nnnnn ...``) so that every search has one right answer."""
    from nps_id.io.msp import iter_msp_chunks

    seen, pool = set(), []
    for chunk in iter_msp_chunks(LIBRARY_MSP):
        for s in chunk.spectra:
            peaks = (tuple(s.x.round(1)), tuple((1000 * s.y / s.y.max()).round(0)))
            if len(s) < 5 or peaks in seen:
                continue
            seen.add(peaks)
            pool.append(s)
    random.Random(seed).shuffle(pool)
    if len(pool) < count:
        raise SystemExit(f"{LIBRARY_MSP}: only {len(pool)} distinct spectra, {count} needed")
    return [s.with_metadata(name=f"SOAK {i:05d} {s.name}"[:200], source_id=f"SOAK-{i:05d}", synonyms=None,
                            inchikey=None, cas=None)
            for i, s in enumerate(pool[:count])]


def write_msp(spectra, path: Path) -> Path:
    from nps_id.io import write_spectra

    write_spectra(spectra, path)
    return path


def make_bundle(spectra, folder: Path, name: str) -> Path:
    from nps_id.library import open_library
    from nps_id.library.sharing import contribute

    with open_library(folder / f"{name}.sqlite", create=True) as lab:
        lab.add_spectra(spectra)
        contribute(lab, "Lab C", folder / name)
    return folder / name


# -- workers (run as separate processes) -------------------------------------------------------
def worker_searcher(url: str, work: Path, index: int) -> None:
    from nps_id.errors import NpsIdError
    from nps_id.io import read_spectra
    from nps_id.library import open_library
    from nps_id.search import search_spectrum

    out = work / f"searcher{index}.jsonl"
    rng = random.Random(index)
    base = read_spectra(work / "base.msp")
    files: dict[str, list] = {}
    with open_library(url) as library:
        log_line(out, event="opened")
        while not (work / "stop").exists():
            done = sorted(p.name for p in (work / "done").iterdir())
            name = rng.choice(done) if done and rng.random() < 0.5 else None
            if name is not None and name not in files:
                files[name] = read_spectra(work / "imports" / name)
            query = rng.choice(files[name] if name else base)
            started = time.time()
            try:
                hits = search_spectrum(library, query, top=5).hits
            except NpsIdError as exc:
                log_line(out, event="search", ok=None, error=str(exc)[:300], started=started)
                time.sleep(0.2)
                continue
            best = hits[0].score if hits else None
            ok = any(h.name == query.name and h.score >= best - 1e-9 for h in hits)
            log_line(out, event="search", ok=ok, expected=query.name, got=hits[0].name if hits else None,
                     started=started)
            time.sleep(0.05)


def worker_importer(url: str, work: Path, index: int) -> None:
    from nps_id.errors import NpsIdError
    from nps_id.library import open_library

    out = work / f"importer{index}.jsonl"
    plan = json.loads((work / f"importer{index}.json").read_text())
    with open_library(url) as library:
        log_line(out, event="opened", pid=os.getpid())
        for number, name in enumerate(plan["files"]):
            if number:
                time.sleep(plan["pause"])
            path = work / "imports" / name
            for attempt in range(20):
                log_line(out, event="start", file=name, attempt=attempt)
                try:
                    report = library.import_files([path])
                except NpsIdError as exc:
                    log_line(out, event="error", file=name, error=str(exc)[:300])
                    time.sleep(1.0)
                    continue
                log_line(out, event="done", file=name, added=report.added, duplicates=report.duplicates)
                (work / "done" / name).touch()
                break
    log_line(out, event="finished")


def worker_contributor(url: str, work: Path, index: int) -> None:
    from nps_id.errors import NpsIdError
    from nps_id.library import open_library
    from nps_id.library.sharing import submit

    out = work / f"contributor{index}.jsonl"
    bundles = sorted(p for p in (work / "bundles").iterdir() if p.is_dir())
    with open_library(url) as library:
        log_line(out, event="opened")
        for bundle in bundles:
            if (work / "stop").exists():
                break
            for attempt in range(20):
                try:
                    sub = submit(library, bundle)
                except NpsIdError as exc:
                    text = str(exc)
                    # "nothing of it was saved": safe to send again; "check ... whether it was saved": unknown
                    unsure = "whether it was saved" in text
                    log_line(out, event="error", bundle=bundle.name, error=text[:300], unsure=unsure)
                    if unsure:
                        break
                    time.sleep(1.0)
                    continue
                log_line(out, event="submitted", bundle=bundle.name, submission=sub)
                break
            time.sleep(0.3)
    log_line(out, event="finished")


def worker_holder(url: str, work: Path, index: int) -> None:
    """Opened before the database is dropped: searches the old library, waits, searches the new one."""
    from nps_id.errors import NpsIdError
    from nps_id.io import read_spectra
    from nps_id.library import open_library
    from nps_id.search import search_spectrum

    out = work / f"holder{index}.jsonl"
    with open_library(url) as library:
        old = read_spectra(work / "base.msp")[:3]
        log_line(out, event="old", ok=[search_spectrum(library, q, top=5).hits[0].name == q.name for q in old])
        (work / "holder_ready").touch()
        while not (work / "recreated").exists():
            time.sleep(0.1)
        search_queries(library, read_spectra(work / "recreated.msp"), out, NpsIdError, search_spectrum)


def worker_fresh(url: str, work: Path, index: int) -> None:
    """Opened after the database was created again under the same URL."""
    from nps_id.errors import NpsIdError
    from nps_id.io import read_spectra
    from nps_id.library import open_library
    from nps_id.search import search_spectrum

    with open_library(url) as library:
        search_queries(library, read_spectra(work / "recreated.msp"), work / f"fresh{index}.jsonl",
                       NpsIdError, search_spectrum)


def search_queries(library, queries, out: Path, error_type, search) -> None:
    for number, query in enumerate(queries[:20]):
        try:
            hits = search(library, query, top=5).hits
        except error_type as exc:
            log_line(out, event="search", number=number, ok=None, error=str(exc)[:300])
            continue
        best = hits[0].score if hits else None
        ok = any(h.name == query.name and h.score >= best - 1e-9 for h in hits)
        log_line(out, event="search", number=number, ok=ok, expected=query.name,
                 got=hits[0].name if hits else None)


WORKERS = {"searcher": worker_searcher, "importer": worker_importer, "contributor": worker_contributor,
           "holder": worker_holder, "fresh": worker_fresh}


# -- the run -------------------------------------------------------------------------------
class Server:
    """The throw-away cluster started by .ci/start_postgres.sh (restart through pg_ctl)."""

    def __init__(self) -> None:
        self.folder = os.environ.get("NPS_ID_TEST_POSTGRES_DIR")
        self.bin = os.environ.get("NPS_ID_TEST_POSTGRES_BIN")

    def restart(self) -> float:
        if not (self.folder and self.bin):
            raise SystemExit("set NPS_ID_TEST_POSTGRES_DIR and NPS_ID_TEST_POSTGRES_BIN (.ci/start_postgres.sh)")
        command = [f"{self.bin}/pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/server.log",
                   "-m", "fast", "-w", "-t", "60", "restart"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        started = time.monotonic()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.monotonic() - started


def spawn(role: str, url: str, work: Path, index: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    err = open(work / f"{role}{index}.err", "ab")
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", role, url, str(work),
                             str(index)], env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=str(work))


def login(admin, group: str, tag: str) -> tuple[str, str]:
    role = f"soak_{group.split('_')[1]}_{tag}"
    admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
    admin.execute(f"GRANT {group} TO {role}")
    return role, "pw"


def prepare(work: Path, args) -> dict:
    """The spectra: base library, import files, contribution bundles, the recreated library."""
    n_imports = 2 * args.files_per_importer * args.file_spectra
    n_bundles = args.bundles
    pool = spectrum_pool(args.base + n_imports + 5 * n_bundles + args.recreated, args.seed)
    base, rest = pool[:args.base], pool[args.base:]
    (work / "imports").mkdir()
    (work / "done").mkdir()
    (work / "bundles").mkdir()
    write_msp(base, work / "base.msp")
    files: dict[int, list[str]] = {0: [], 1: []}
    for number in range(2 * args.files_per_importer):
        chunk, rest = rest[:args.file_spectra], rest[args.file_spectra:]
        name = f"import_{number:02d}.msp"
        write_msp(chunk, work / "imports" / name)
        files[number % 2].append(name)
    imports = 2 * args.files_per_importer
    pause = max(0.0, args.seconds / imports - 0.5)
    for i in (0, 1):
        # own files first, then the other's: the second import of a file finds every spectrum present
        (work / f"importer{i}.json").write_text(json.dumps({"files": files[i] + files[1 - i], "pause": pause}))
    labs = work / "labs"
    labs.mkdir()
    for number in range(n_bundles):
        chunk, rest = rest[:5], rest[5:]
        make_bundle(chunk, labs, f"bundle_{number:03d}")
        shutil.move(str(labs / f"bundle_{number:03d}"), work / "bundles" / f"bundle_{number:03d}")
    write_msp(rest[:args.recreated], work / "recreated.msp")
    return {"base": len(base), "files": files, "import_spectra": n_imports}


def run(args) -> int:
    import psycopg

    from nps_id.errors import LibraryError
    from nps_id.io import read_spectra
    from nps_id.library import open_library
    from nps_id.library.server import init_server
    from nps_id.library.sharing import accept, submit

    admin_url = os.environ.get("NPS_ID_TEST_POSTGRES_URL")
    if not admin_url:
        print("set NPS_ID_TEST_POSTGRES_URL (eval \"$(bash .ci/start_postgres.sh)\")", file=sys.stderr)
        return 1
    server = Server()
    work = Path(tempfile.mkdtemp(prefix="nps_soak_"))
    tag = uuid.uuid4().hex[:6]
    db = f"nps_soak_{tag}"
    admin = psycopg.connect(admin_url, autocommit=True)
    admin.execute(f"CREATE DATABASE {db}")
    owner_url = with_login(admin_url, db=db)
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
        if not ok:
            failures.append(what)

    try:
        t0 = time.monotonic()
        plan = prepare(work, args)
        print(f"prepared in {time.monotonic() - t0:.0f} s: base {plan['base']} spectra, "
              f"{2 * args.files_per_importer} import files of {args.file_spectra}, {args.bundles} bundles of 5; "
              f"work folder {work}", flush=True)
        init_server(owner_url)
        urls = {group: with_login(admin_url, *login(admin, group, tag), db=db)
                for group in ("nps_reader", "nps_contributor", "nps_curator")}
        with open_library(urls["nps_curator"]) as library:
            library.import_files([work / "base.msp"])

        # -- the load ------------------------------------------------------------------------
        procs = {f"searcher{i}": spawn("searcher", urls["nps_reader"], work, i) for i in range(3)}
        time.sleep(3.0)  # the searchers open their library (and build the index) before the rest starts
        procs.update({f"importer{i}": spawn("importer", urls["nps_curator"], work, i) for i in range(2)})
        procs["contributor0"] = spawn("contributor", urls["nps_contributor"], work, 0)
        start = time.monotonic()
        killed_during = None
        restart_window = None
        while time.monotonic() - start < args.seconds:
            elapsed = time.monotonic() - start
            if killed_during is None and elapsed >= args.kill_at:
                # kill importer 0 inside an import (wait for one to start, up to 20 s)
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    events = read_log(work / "importer0.jsonl")
                    if events and events[-1]["event"] == "start":
                        break
                    time.sleep(0.01)
                time.sleep(0.1)  # an import of a file takes a few tenths of a second
                events = read_log(work / "importer0.jsonl")
                killed_during = events[-1].get("file") if events and events[-1]["event"] == "start" else None
                procs["importer0"].send_signal(signal.SIGKILL)
                procs["importer0"].wait()
                print(f"t={elapsed:.0f} s: importer 0 killed with SIGKILL "
                      f"({'during the import of ' + killed_during if killed_during else 'between imports'})",
                      flush=True)
                if killed_during:
                    names = [s.name for s in read_spectra(work / "imports" / killed_during)]
                    present = admin_conn_rows(with_login(admin_url, db=db),
                                              "SELECT count(*) FROM spectra WHERE name = ANY(%s)", (names,))[0][0]
                    check(present in (0, len(names)), f"the killed import left all or nothing of its file "
                                                      f"({present} of {len(names)} spectra of {killed_during})")
                killed_during = killed_during or ""
                procs["importer0"] = spawn("importer", urls["nps_curator"], work, 0)
            if restart_window is None and elapsed >= args.restart_at:
                # restart while importer 1 is inside an import (wait for one to start, up to 20 s)
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    events = read_log(work / "importer1.jsonl")
                    if events and events[-1]["event"] == "start":
                        break
                    time.sleep(0.01)
                time.sleep(0.1)
                began = time.time()
                took = server.restart()
                restart_window = (began, time.time())
                admin.close()  # the restart ended every connection, this one too
                admin = psycopg.connect(admin_url, autocommit=True)
                events = read_log(work / "importer1.jsonl")
                during = events[-1].get("file") if events and events[-1]["event"] == "start" else None
                print(f"t={elapsed:.0f} s: server restarted ({took:.1f} s; "
                      f"{'during the import of ' + during if during else 'between imports'})", flush=True)
            time.sleep(0.2)
        for name in ("importer0", "importer1"):
            try:
                procs[name].wait(timeout=args.seconds * 4)
            except subprocess.TimeoutExpired:
                check(False, f"{name} finished its files")
        time.sleep(2.0)  # a last round of searches over every imported file
        (work / "stop").touch()
        for name, proc in procs.items():
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
            if proc.returncode not in (0, -signal.SIGKILL):
                check(False, f"{name} exited with {proc.returncode}: "
                             f"{(work / (name + '.err')).read_text(errors='replace')[-600:]}")
        elapsed = time.monotonic() - start
        print(f"load ran {elapsed:.0f} s", flush=True)

        # -- checks ----------------------------------------------------------------------------
        print("checks:")
        expected_names = {s.name for s in read_spectra(work / "base.msp")}
        for name in sorted(p.name for p in (work / "imports").iterdir()):
            expected_names |= {s.name for s in read_spectra(work / "imports" / name)}
        rows = admin_conn_rows(with_login(admin_url, db=db),
                               "SELECT name, count(*) FROM spectra WHERE status = 'accepted' GROUP BY name")
        got = dict(rows)
        missing = expected_names - set(got)
        doubled = {n: c for n, c in got.items() if c > 1}
        extra = set(got) - expected_names
        check(not missing, f"every imported spectrum present ({len(expected_names) - len(missing)} of "
                           f"{len(expected_names)}; missing {sorted(missing)[:3]})")
        check(not doubled, f"no duplicates ({len(doubled)} names stored more than once)")
        check(not extra, f"nothing accepted that was not imported ({len(extra)})")
        imports = [e for e in read_log(work / "importer0.jsonl") + read_log(work / "importer1.jsonl")]
        retried = sum(1 for e in imports if e["event"] == "error")
        print(f"  imports: {sum(1 for e in imports if e['event'] == 'done')} done, {retried} failed and were "
              f"run again; the killed import ({killed_during or 'none'}) left "
              f"{'nothing half-imported' if not missing and not doubled else 'damage'}")

        submitted = [e for e in read_log(work / "contributor0.jsonl") if e["event"] == "submitted"]
        unsure = [e for e in read_log(work / "contributor0.jsonl") if e["event"] == "error" and e.get("unsure")]
        subs = dict(admin_conn_rows(with_login(admin_url, db=db),
                                    "SELECT s.id, count(p.id) FROM submissions s LEFT JOIN spectra p "
                                    "ON p.submission_id = s.id AND p.status = 'pending' GROUP BY s.id"))
        lost = [e["submission"] for e in submitted if subs.get(e["submission"]) != 5]
        check(len(submitted) >= 5 and not lost,
              f"every acknowledged submission stored whole ({len(submitted)} acknowledged, "
              f"{len(subs)} in the database, {len(unsure)} unsure after a lost commit, lost {lost})")
        check(len(subs) <= len(submitted) + len(unsure), "no submission stored twice")

        check_roles(urls, work, check, LibraryError, open_library, accept, submit)

        searches = []
        for i in range(3):
            searches += [dict(e, searcher=i) for e in read_log(work / f"searcher{i}.jsonl") if e["event"] == "search"]
        wrong = [e for e in searches if e["ok"] is False]
        errors = [e for e in searches if e["ok"] is None]
        after = restart_window[1] if restart_window else 0.0
        right_after = {i: sum(1 for e in searches if e["searcher"] == i and e["ok"] and e["started"] > after)
                       for i in range(3)}
        late_errors = [e for e in errors if e["started"] > after + 1.0]
        print(f"  searches: {len(searches)} ({sum(1 for e in searches if e['ok'])} right, {len(wrong)} wrong, "
              f"{len(errors)} errors, {len(late_errors)} of them after the restart)")
        for e in errors[:3]:
            print(f"    error: {e['error']}")
        check(not wrong, f"no wrong search ({len(wrong)}; e.g. {wrong[:1]})")
        check(all(n > 0 for n in right_after.values()),
              f"every searcher (opened before the restart) right after it: {right_after}")
        check(not late_errors, f"no search error after the restart ({late_errors[:1]})")

        # -- the database dropped and created again under the same URL ---------------------------
        holder = spawn("holder", urls["nps_reader"], work, 0)
        deadline = time.monotonic() + 120
        while not (work / "holder_ready").exists() and time.monotonic() < deadline and holder.poll() is None:
            time.sleep(0.1)
        admin.execute(f"DROP DATABASE {db} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {db}")
        init_server(owner_url)
        with open_library(urls["nps_curator"]) as library:
            library.import_files([work / "recreated.msp"])
        (work / "recreated").touch()
        fresh = spawn("fresh", urls["nps_reader"], work, 0)
        for proc in (holder, fresh):
            try:
                proc.wait(timeout=300)
            except subprocess.TimeoutExpired:
                proc.kill()
        old = [e for e in read_log(work / "holder0.jsonl") if e["event"] == "old"]
        check(bool(old) and all(old[0]["ok"]), "client opened before the drop searched the old library right")
        for who in ("holder0", "fresh0"):
            results = [e for e in read_log(work / f"{who}.jsonl") if e["event"] == "search"]
            first = results[0] if results else {}
            right = sum(1 for e in results if e["ok"])
            label = "client opened before the drop" if who == "holder0" else "client opened after"
            check(len(results) == 20 and first.get("ok") is True and right == 20,
                  f"recreated database, {label}: first search right ({first.get('got')!r}), "
                  f"{right} of {len(results)} right" + (f"; {first.get('error')}" if first.get("error") else ""))
    finally:
        try:
            admin.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
            for group in ("reader", "contributor", "curator"):
                admin.execute(f"DROP ROLE IF EXISTS soak_{group}_{tag}")
        except Exception as exc:  # noqa: BLE001 - cleaning up; report and go on
            print(f"clean-up: {exc}", file=sys.stderr)
        admin.close()
        if args.keep:
            print(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'all checks passed' if not failures else str(len(failures)) + ' check(s) FAILED'}")
    return 1 if failures else 0


def admin_conn_rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def check_roles(urls: dict, work: Path, check, error_type, open_library, accept, submit) -> None:
    """The database, not the client, refuses what a role may not do."""
    def refused(url: str, action) -> bool:
        with open_library(url) as library:
            try:
                action(library)
            except error_type as exc:
                return "permission denied" in str(exc) or "row-level security" in str(exc)
        return False

    base = work / "base.msp"
    first_bundle = sorted((work / "bundles").iterdir())[0]
    check(refused(urls["nps_reader"], lambda lib: lib.import_files([base], allow_duplicates=True)),
          "a reader cannot import")
    check(refused(urls["nps_reader"], lambda lib: submit(lib, first_bundle)), "a reader cannot submit")
    check(refused(urls["nps_contributor"], lambda lib: lib.import_files([base], allow_duplicates=True)),
          "a contributor cannot import into the accepted library")
    check(refused(urls["nps_contributor"], lambda lib: accept(lib, 1)), "a contributor cannot accept")
    check(refused(urls["nps_contributor"], lambda lib: lib.delete([1], why="soak")), "a contributor cannot delete")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load")
    parser.add_argument("--kill-at", type=float, default=15.0, help="kill -9 an importer at this second")
    parser.add_argument("--restart-at", type=float, default=30.0, help="restart the server at this second")
    parser.add_argument("--base", type=int, default=500, help="spectra in the library at the start")
    parser.add_argument("--files-per-importer", type=int, default=8)
    parser.add_argument("--file-spectra", type=int, default=600, help="spectra per import file")
    parser.add_argument("--bundles", type=int, default=60, help="bundles of 5 spectra for the contributor")
    parser.add_argument("--recreated", type=int, default=300, help="spectra of the recreated database")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    parser.add_argument("--worker", nargs=4, metavar=("ROLE", "URL", "WORK", "INDEX"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        role, url, work, index = args.worker
        WORKERS[role](url, Path(work), int(index))
        return 0
    if not LIBRARY_MSP.is_file():
        print(f"{LIBRARY_MSP} not found", file=sys.stderr)
        return 1
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
