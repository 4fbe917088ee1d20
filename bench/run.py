"""The one benchmark command: every hot path as a ratio against its floor, into docs/benchmarks.md.

``uv run python bench/run.py [--long]`` (or ``python -m bench.run``). Large databases are made by
``datagen`` (seeded) and cached under ``bench/.data/``. Not part of CI; ``--tiny`` is the smoke run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("KADER_APP_KEYRING", "off")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import bench_concurrency  # noqa: E402
import bench_memory  # noqa: E402
import bench_startup  # noqa: E402
import bench_store  # noqa: E402
import figures_device  # noqa: E402
import figures_server  # noqa: E402
from datagen import generate  # noqa: E402
from table import Report, Row, ratio_row  # noqa: E402

from kader_app.core.database import BACKUP_DIRNAME  # noqa: E402
from kader_app.core.keystore import key_file_path  # noqa: E402
from kader_app.core.register import Register  # noqa: E402

DATA = HERE / ".data"
DOC = REPO / "docs" / "benchmarks.md"
KEPT_MARKER = "<!-- Everything below this line is written by hand; bench/run.py keeps it. -->"
LONG_BEGIN = "<!-- long:begin -->"
LONG_END = "<!-- long:end -->"
SEARCH_BUDGET_S = 0.016


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big each benchmark runs: the real sizes, or tiny ones for the smoke test."""

    people: int
    visits_per_person: int
    store_people: int
    runs: int
    sync_visits: int
    devices: int
    device_visits: int
    outbox_residents: int
    first_sync_residents: int
    server_entries: int
    ingest_visits: int

    @property
    def label(self) -> str:
        return f"{self.people}p-{self.people * self.visits_per_person}v"


FULL = Sizes(
    people=100_000,
    visits_per_person=5,
    store_people=100_000,
    runs=5,
    sync_visits=10_000,
    devices=50,
    device_visits=1000,
    outbox_residents=2000,
    first_sync_residents=20_000,
    server_entries=500_000,
    ingest_visits=10_000,
)
TINY = Sizes(
    people=300,
    visits_per_person=2,
    store_people=300,
    runs=1,
    sync_visits=60,
    devices=3,
    device_visits=5,
    outbox_residents=8,
    first_sync_residents=150,
    server_entries=2_000,
    ingest_visits=120,
)


def ensure_database(
    *, cache: Path, name: str, people: int, visits_every: int, visits_per_person: int
) -> Path:
    """A cached seeded database in ``cache`` (made once; a half-made one is never used)."""
    cache.mkdir(parents=True, exist_ok=True)
    (cache / ".gitignore").write_text("*\n", encoding="utf-8")
    final = cache / name
    if final.exists() and key_file_path(final).exists():
        return migrated(final)
    building = cache / f"{name}.building"
    shutil.rmtree(building, ignore_errors=True)
    key_file_path(building).unlink(missing_ok=True)
    print(f"datagen: {name} (once, cached in {cache})", flush=True)
    seconds = generate(
        data_dir=building,
        people=people,
        seed=1,
        visits_every=visits_every,
        visits_per_person=visits_per_person,
    )
    print(f"datagen: {name} in {seconds:.0f} s", flush=True)
    shutil.rmtree(final, ignore_errors=True)
    key_file_path(building).replace(key_file_path(final))
    building.replace(final)
    return migrated(final)


def migrated(data_dir: Path) -> Path:
    """Bring a cached database to the current schema, so no measured start pays a migration.

    The migration's safety copy is dropped: this is generated data, and a copy of the large
    database is as large again.
    """
    Register.open(data_dir, device_id="bench").close()
    shutil.rmtree(data_dir / BACKUP_DIRNAME, ignore_errors=True)
    return data_dir


def copy_database(source: Path, target: Path) -> Path:
    """A private copy (database + key) that a benchmark may write into."""
    shutil.copytree(source, target)
    shutil.copy2(key_file_path(source), key_file_path(target))
    return target


# The reference row: what the design's fixed store libraries cost before any app code runs.
LIBS_NOTE = "bare window after importing SQLModel, SQLAlchemy and sqlcipher3 (fixed by the design):"


def run_startup(report: Report, *, big: Path, sizes: Sizes) -> None:
    figures = bench_startup.measure(data_dir=big, runs=sizes.runs)
    report.add(
        ratio_row(
            figure=f"1. cold start to a filled main window ({sizes.label}) / bare QMainWindow",
            ours=figures.app_s,
            base=figures.bare_s,
            unit="s",
            goal=3,
            note=f"{figures.rows_shown} rows shown; app runs "
            f"{_seconds(figures.app_runs)}, bare runs {_seconds(figures.bare_runs)}; "
            f"{LIBS_NOTE} {figures.libs_s:.3g} s "
            f"({figures.libs_s / figures.bare_s:.1f}× bare; the app is "
            f"{figures.app_s / figures.libs_s:.1f}× that)",
        )
    )


def run_store(report: Report, *, store_db: Path, sizes: Sizes) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        data_dir = copy_database(store_db, Path(tmp) / "data")
        register = Register.open(data_dir, device_id="bench")
        try:
            with register.database.engine.connect() as conn:
                person_id = conn.exec_driver_sql("SELECT id FROM person LIMIT 1").scalar_one()
            searches = bench_store.bench_search(register, key=register.database.key)
            save_ours, save_base = bench_store.bench_save(register, str(person_id))
        finally:
            register.close()
    report.add(
        ratio_row(
            figure="2. save one visit durably (Register.visits.record) / bare Core insert",
            ours=save_ours * 1e3,
            base=save_base * 1e3,
            unit="ms",
            goal=2,
            note=f"median of {bench_store.RUNS} runs × {bench_store.SAVES_PER_RUN} saves",
        )
    )
    for label, shown, ours, base in searches:
        row = ratio_row(
            figure=f"3. search {label} over {sizes.store_people} / raw sqlite3",
            ours=ours * 1e3,
            base=base * 1e3,
            unit="ms",
            goal=2,
            note=f"{shown} shown",
        )
        under_budget = ours < SEARCH_BUDGET_S
        report.add(
            Row(
                figure=row.figure,
                ours=row.ours,
                baseline=row.baseline,
                ratio=row.ratio,
                goal="≤ 2× and < 16 ms",
                met=bool(row.met) and under_budget,
                note=row.note,
            )
        )


SYNC_PATTERNS = {
    "e2e": r"end to end \(median\):\s+([\d.]+) s",
    "raw": r"raw floor \(median\):\s+([\d.]+) s",
    "bare": r"no-index floor \(median\):\s+([\d.]+) s",
    "bytes": r"gzip bytes per visit:\s+([\d.]+)",
    "batches": r"in (\d+) batches",
}


def run_sync(report: Report, *, sizes: Sizes) -> None:
    """bench_sync as its own process (its server and floor are processes of their own)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_sync.py"), "--visits", str(sizes.sync_visits)]
        + ["--runs", str(max(sizes.runs, 1))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    found = {k: re.search(p, done.stdout) for k, p in SYNC_PATTERNS.items()}
    if done.returncode != 0 or not all(found.values()):
        report.add(
            Row(
                figure=f"4. push {sizes.sync_visits} visits end to end / raw floor",
                ours="failed",
                baseline="-",
                ratio="-",
                goal="≤ 2×",
                met=False,
                note=f"bench_sync exit {done.returncode}: {done.stderr.strip()[-300:]}",
            )
        )
        return
    values = {k: float(m.group(1)) for k, m in found.items() if m is not None}
    report.add(
        ratio_row(
            figure=f"4. push {sizes.sync_visits} visits end to end on loopback / raw floor",
            ours=values["e2e"],
            base=values["raw"],
            unit="s",
            goal=2,
            note=f"{int(values['batches'])} batches; "
            f"{sizes.sync_visits / values['e2e']:.0f} visits/s; floor = the server's own entry "
            f"rows and indexes; against the older no-index floor ({values['bare']:.3g} s): "
            f"{values['e2e'] / values['bare']:.2f}×",
        )
    )
    report.add(
        Row(
            figure="4. bytes per visit on the wire (gzip)",
            ours=f"{values['bytes']:.0f} B",
            baseline="-",
            ratio="-",
            goal="≤ 200 B",
            met=values["bytes"] <= 200,
        )
    )


def run_concurrency(report: Report, *, sizes: Sizes, postgres: bool) -> None:
    url = bench_concurrency.postgres_url() if postgres else None
    try:
        figures = bench_concurrency.measure(
            devices=sizes.devices,
            visits=sizes.device_visits,
            runs=sizes.runs,
            database_url=url,
        )
    finally:
        if url:
            bench_concurrency.drop_postgres(url)
    ratio = figures.ratio
    clean = not (figures.errors or figures.not_acked or figures.duplicates or figures.missing)
    kinds = ", ".join(f"{k} ×{n}" for k, n in sorted(figures.error_kinds.items())) or "none"
    report.add(
        Row(
            figure=f"5. {figures.devices} devices × {figures.visits_per_device} visits at once "
            f"({figures.backend}) / one device alone",
            ours=f"{figures.together_per_s:.0f} visits/s",
            baseline=f"{figures.single_per_s:.0f} visits/s",
            ratio=f"{ratio:.2f}×",
            goal="≥ 0.5×, 0 errors, 0 duplicates",
            met=ratio >= 0.5 and clean,
            note=f"errors {figures.errors} ({kinds}); busy answers waited out "
            f"{figures.busy_answers}; not acked {figures.not_acked}; "
            f"duplicates {figures.duplicates}; missing on server {figures.missing}; "
            f"rounds/s {_rates(figures.together_runs)} vs {_rates(figures.single_runs)}",
        )
    )


def run_memory(report: Report, *, big: Path, sizes: Sizes) -> None:
    figures = bench_memory.measure(data_dir=big, runs=sizes.runs)
    searches = " and ".join(f"'{q}'" for q in bench_startup.MEMORY_SEARCHES)
    for name, ours, base, ratio, libs in (
        ("RSS", figures.app_rss_kib, figures.bare_rss_kib, figures.rss_ratio, figures.libs_rss_kib),
        ("USS", figures.app_uss_kib, figures.bare_uss_kib, figures.uss_ratio, figures.libs_uss_kib),
        (
            "anonymous memory",
            figures.app_anon_kib,
            figures.bare_anon_kib,
            figures.anon_ratio,
            figures.libs_anon_kib,
        ),
    ):
        report.add(
            Row(
                figure=f"6. app {name} ({sizes.label}, searched {searches}) / bare QMainWindow",
                ours=f"{ours / 1024:.0f} MiB",
                baseline=f"{base / 1024:.0f} MiB",
                ratio=f"{ratio:.2f}×",
                goal="≤ 2×",
                met=ratio <= 2,
                note=f"{LIBS_NOTE} {libs / 1024:.0f} MiB ({libs / base:.1f}× bare)",
            )
        )


LONG_TESTS = (
    ("crash test", "tests/core/test_crash_safety.py", "KADER_CRASH_KILLS", "kills"),
    (
        "sync fault campaign",
        "tests/sync/app/test_fault_campaign_app.py",
        "KADER_SYNC_FAULTS",
        "faults",
    ),
)


def run_long(report: Report, *, count: int) -> None:
    """The crash test and the sync fault campaign at ``count`` each, through pytest."""
    lines = [
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `--long` "
        f"({platform.node() or 'this machine'}):",
        "",
        "| test | size | result | duration | pytest summary |",
        "|---|---|---|---|---|",
    ]
    for name, path, env_name, unit in LONG_TESTS:
        env = {**os.environ, env_name: str(count)}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", path, "-q", "-p", "no:cacheprovider"]
            + ["--timeout=0", "-m", "slow"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        summary = _pytest_summary(done.stdout)
        result = "passed" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
        lines.append(
            f"| {name} (`{env_name}={count}`) | {count} {unit} | {result} | {seconds:.0f} s "
            f"| {summary} |"
        )
        print(f"  {name}: {result} in {seconds:.0f} s ({summary})", flush=True)
    lines += [
        "",
        "Commands: `KADER_CRASH_KILLS=1000 uv run pytest tests/core/test_crash_safety.py "
        "--timeout=0` and `KADER_SYNC_FAULTS=1000 uv run pytest "
        "tests/sync/app/test_fault_campaign_app.py --timeout=0`.",
    ]
    report.long_lines = lines


def _pytest_summary(stdout: str) -> str:
    tail = [line.strip("= ") for line in stdout.strip().splitlines() if line.strip()]
    return tail[-1].replace("|", "/") if tail else "no output"


def _seconds(values: Sequence[float]) -> str:
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"


def _rates(values: Sequence[float]) -> str:
    return "[" + ", ".join(f"{v:.0f}" for v in values) + "]"


def kept_rows(previous: str, prefixes: Sequence[str]) -> list[tuple[int, str, bool | None]]:
    """Rows of the previous table for figures not run now, each marked with the run it is from."""
    table = previous.split(LONG_BEGIN, 1)[0]
    when = re.search(r"Last run: ([\d-]+ [\d:]+ UTC)", table)
    stamp = f"(from the run of {when.group(1)})" if when else "(from an earlier run)"
    out: list[tuple[int, str, bool | None]] = []
    for line in table.splitlines():
        cells = line.strip().strip("|").split("|")
        figure = cells[0].strip()
        number = re.match(r"(\d+)\. ", figure)
        if not line.startswith("| ") or number is None or len(cells) < 7:
            continue
        if not any(figure.startswith(p + " ") for p in prefixes):
            continue
        met = {"yes": True, "**no**": False}.get(cells[5].strip())
        if "from the run of" not in cells[6] and "from an earlier run" not in cells[6]:
            cells[6] = f" {cells[6].strip()} {stamp} ".replace("  ", " ")
        out.append((int(number.group(1)), "|" + "|".join(cells) + "|", met))
    return out


def render(
    report: Report,
    *,
    previous: str,
    sizes: Sizes,
    seconds: float,
    keep: Sequence[str] = (),
) -> str:
    """The whole document: the generated table, the long results, and the kept hand-written part.

    Rows of figures in ``keep`` (figure-number prefixes such as "1.") that this run did not
    measure are carried over from ``previous``, marked with the run they come from.
    """
    kept = previous.split(KEPT_MARKER, 1)[1] if KEPT_MARKER in previous else DEFAULT_KEPT
    long_lines = report.long_lines
    if long_lines is None:
        match = re.search(
            re.escape(LONG_BEGIN) + r"\n(.*?)\n" + re.escape(LONG_END), previous, re.S
        )
        long_lines = (
            match.group(1).splitlines() if match else ["Not run yet: `bench/run.py --long`."]
        )
    lines: list[tuple[int, str, bool | None]] = kept_rows(previous, keep)
    for r in report.rows:
        mark = {True: "yes", False: "**no**", None: "-"}[r.met]
        number = re.match(r"(\d+)\.", r.figure)
        lines.append(
            (
                int(number.group(1)) if number else 99,
                f"| {r.figure} | {r.ours} | {r.baseline} | {r.ratio} | {r.goal} | {mark} "
                f"| {r.note} |",
                r.met,
            )
        )
    lines.sort(key=lambda line: line[0])
    met = sum(1 for _, _, m in lines if m)
    judged = sum(1 for _, _, m in lines if m is not None)
    out = [
        "# Benchmarks",
        "",
        "Generated by `uv run python bench/run.py` (add `--long` for the crash and fault "
        "campaigns). Every figure is a ratio against a floor measured in the same run, the two "
        f"sides interleaved; each is the median of at least {sizes.runs} runs. Machine: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; other work was running on it, which is why "
        "the ratios count, not the absolute times.",
        "",
        f"Last run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min; "
        f"{met} of {judged} goals met.",
        "",
        "| figure | ours | baseline | ratio | goal | met? | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    out += [line for _, line, _ in lines]
    out += ["", *report.notes] if report.notes else []
    out += [
        "",
        "## Crash test and sync fault campaign at 1,000",
        "",
        LONG_BEGIN,
        *long_lines,
        LONG_END,
        "",
        KEPT_MARKER,
    ]
    return "\n".join(out) + kept


DEFAULT_KEPT = "\n\n## Profiles and fixes\n\nNone recorded yet.\n"


# Each step and the figure numbers its rows carry: a run of some steps keeps the other rows.
STEPS = {
    "startup": ("1.",),
    "store": ("2.", "3."),
    "sync": ("4.",),
    "concurrency": ("5.",),
    "memory": ("6.",),
    "outbox": ("7.",),
    "first_sync": ("8.",),
    "report": ("9.",),
    "ingest": ("10.",),
    "pages": ("11.",),
    "gui": ("12.",),
}
REPORT_MONTH_DEMO = "2026-10"
REPORT_MONTH_STORE = "2024-06"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--long", action="store_true", help="also run crash/fault tests at 1,000")
    parser.add_argument("--long-count", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--tiny", action="store_true", help="tiny sizes: the smoke test")
    parser.add_argument("--out", type=Path, default=DOC, help="where to write the report")
    parser.add_argument("--data", type=Path, help="cache folder (default bench/.data)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL rounds")
    parser.add_argument(
        "--only", action="append", choices=tuple(STEPS), help="run only these figures (repeatable)"
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=18700,
        help="servers bind ports from here up (each figure uses a few)",
    )
    parser.add_argument(
        "--pg-filled-url",
        default=None,
        help="dashboard pages on this already filled PostgreSQL database (bench_server.py fill)",
    )
    parser.add_argument("--pg-filled-entries", type=int, default=0, help="how many it holds")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5)")
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else FULL
    if args.runs:
        sizes = dataclasses.replace(sizes, runs=args.runs)
    chosen = set(args.only or STEPS)
    started = time.perf_counter()
    report = Report()
    cache = args.data or DATA
    ports = iter(range(args.port_base, args.port_base + 100, 4))

    def big() -> Path:
        return ensure_database(
            cache=cache,
            name=f"app-{sizes.label}",
            people=sizes.people,
            visits_every=1,
            visits_per_person=sizes.visits_per_person,
        )

    def store_db() -> Path:
        return ensure_database(
            cache=cache,
            name=f"store-{sizes.store_people}p",
            people=sizes.store_people,
            visits_every=3,
            visits_per_person=1,
        )

    work = Path(tempfile.mkdtemp(prefix="bench-run-"))
    signed: list[Path] = []

    def signed_big() -> Path:
        # The app opens on the sign-in screen: startup and memory run on a PIN-protected copy.
        if not signed:
            signed.append(bench_startup.signed_copy(big(), work / "signed" / "data"))
        return signed[0]

    steps: list[tuple[str, Callable[[], None]]] = [
        ("startup", lambda: run_startup(report, big=signed_big(), sizes=sizes)),
        ("store", lambda: run_store(report, store_db=store_db(), sizes=sizes)),
        ("sync", lambda: run_sync(report, sizes=sizes)),
        ("concurrency", lambda: run_concurrency(report, sizes=sizes, postgres=False)),
        ("memory", lambda: run_memory(report, big=signed_big(), sizes=sizes)),
        ("outbox", lambda: run_outbox_step(report, sizes=sizes, cache=cache, port=next(ports))),
        (
            "first_sync",
            lambda: figures_device.run_first_sync(
                report, residents=sizes.first_sync_residents, runs=sizes.runs, port=next(ports)
            ),
        ),
        ("report", lambda: run_report_step(report, sizes=sizes, cache=cache, store=store_db)),
        ("ingest", lambda: run_ingest_step(report, sizes=sizes, work=work, ports=ports, args=args)),
        ("pages", lambda: run_pages_step(report, sizes=sizes, cache=cache, ports=ports, args=args)),
        (
            "gui",
            lambda: figures_device.run_gui(
                report, runs=max(sizes.runs, 1), keys=10 if sizes.runs > 1 else 2
            ),
        ),
    ]
    if not args.no_postgres:
        steps.insert(
            4,
            ("concurrency", lambda: run_concurrency(report, sizes=sizes, postgres=True)),
        )
    try:
        for name, step in steps:
            if name in chosen:
                print(f"{name}…", flush=True)
                step()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.long:
        print("long: crash test and sync fault campaign…", flush=True)
        run_long(report, count=args.long_count)

    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    skipped = tuple(p for name, prefixes in STEPS.items() if name not in chosen for p in prefixes)
    text = render(
        report,
        previous=previous,
        sizes=sizes,
        seconds=time.perf_counter() - started,
        keep=skipped,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def run_outbox_step(report: Report, *, sizes: Sizes, cache: Path, port: int) -> None:
    figures_device.run_outbox(
        report, residents=sizes.outbox_residents, runs=sizes.runs, cache=cache, port=port
    )


def run_report_step(
    report: Report, *, sizes: Sizes, cache: Path, store: Callable[[], Path]
) -> None:
    from bench_outbox_push import seeded_register

    demo = seeded_register(cache, residents=sizes.outbox_residents)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        # A copy: opening the register would change the cached one (the push figure's source).
        copy = copy_database(demo, Path(tmp) / "demo")
        figures_device.run_report(
            report,
            data_dir=copy,
            label=f"{sizes.outbox_residents} demo residents",
            month=REPORT_MONTH_DEMO,
            runs=sizes.runs,
        )
    figures_device.run_report(
        report,
        data_dir=store(),
        label=f"{sizes.store_people} generated residents",
        month=REPORT_MONTH_STORE,
        runs=sizes.runs,
        # A figure to watch: the ≤ 1 s goal is the 2,000-resident Posyandu's.
        goal_s=None,
    )


def run_ingest_step(
    report: Report, *, sizes: Sizes, work: Path, ports: Iterator[int], args: argparse.Namespace
) -> None:
    figures_server.run_ingest(
        report,
        work=work,
        visits=sizes.ingest_visits,
        runs=max(sizes.runs, 1),
        port=next(ports),
        url=None,
        label="SQLite",
    )
    if args.no_postgres:
        return
    url = bench_concurrency.postgres_url()
    try:
        figures_server.run_ingest(
            report,
            work=work,
            visits=sizes.ingest_visits,
            runs=max(sizes.runs, 1),
            port=next(ports),
            url=url,
            label="PostgreSQL",
        )
    finally:
        bench_concurrency.drop_postgres(url)


def run_pages_step(
    report: Report, *, sizes: Sizes, cache: Path, ports: Iterator[int], args: argparse.Namespace
) -> None:
    filled = figures_server.sqlite_filled(cache, entries=sizes.server_entries)
    if isinstance(filled, str):
        figures_device.failed(report, "11. dashboard (SQLite)", "see goals", filled)
    else:
        figures_server.run_pages(
            report,
            data_dir=filled,
            url=None,
            label=f"SQLite, {sizes.server_entries:,} entries",
            port=next(ports),
            month="2025-06",
        )
    if args.pg_filled_url and not args.no_postgres:
        folder = cache / "server-pg-pages"
        folder.mkdir(parents=True, exist_ok=True)
        figures_server.run_pages(
            report,
            data_dir=folder,
            url=args.pg_filled_url,
            label=f"PostgreSQL, {args.pg_filled_entries:,} entries",
            port=next(ports),
            month="2025-06",
        )


if __name__ == "__main__":
    raise SystemExit(main())
