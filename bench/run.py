"""The one benchmark command: every hot path as a ratio against its floor, into docs/benchmarks.md.

``uv run python bench/run.py [--long]`` (or ``python -m bench.run``). Large databases are made by
``datagen`` (seeded) and cached under ``bench/.data/``. Not part of CI; ``--tiny`` is the smoke run.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
from datagen import generate  # noqa: E402

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
    device_visits=200,
)
TINY = Sizes(
    people=300,
    visits_per_person=2,
    store_people=300,
    runs=1,
    sync_visits=60,
    devices=3,
    device_visits=5,
)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the results table."""

    figure: str
    ours: str
    baseline: str
    ratio: str
    goal: str
    met: bool | None
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    long_lines: list[str] | None = None

    def add(self, row: Row) -> None:
        self.rows.append(row)
        mark = {True: "met", False: "MISSED", None: "-"}[row.met]
        print(f"  {row.figure}: {row.ours} vs {row.baseline} -> {row.ratio} ({mark})", flush=True)


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


def ratio_row(
    *, figure: str, ours: float, base: float, unit: str, goal: float, note: str = ""
) -> Row:
    ratio = ours / base
    return Row(
        figure=figure,
        ours=f"{ours:.3g} {unit}",
        baseline=f"{base:.3g} {unit}",
        ratio=f"{ratio:.2f}×",
        goal=f"≤ {goal:g}×",
        met=ratio <= goal,
        note=note,
    )


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
            note=f"errors {figures.errors} ({kinds}); not acked {figures.not_acked}; "
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


def render(report: Report, *, previous: str, sizes: Sizes, seconds: float) -> str:
    """The whole document: the generated table, the long results, and the kept hand-written part."""
    kept = previous.split(KEPT_MARKER, 1)[1] if KEPT_MARKER in previous else DEFAULT_KEPT
    long_lines = report.long_lines
    if long_lines is None:
        match = re.search(
            re.escape(LONG_BEGIN) + r"\n(.*?)\n" + re.escape(LONG_END), previous, re.S
        )
        long_lines = (
            match.group(1).splitlines() if match else ["Not run yet: `bench/run.py --long`."]
        )
    met = sum(1 for r in report.rows if r.met)
    judged = sum(1 for r in report.rows if r.met is not None)
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
    for r in report.rows:
        mark = {True: "yes", False: "**no**", None: "-"}[r.met]
        out.append(
            f"| {r.figure} | {r.ours} | {r.baseline} | {r.ratio} | {r.goal} | {mark} | {r.note} |"
        )
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--long", action="store_true", help="also run crash/fault tests at 1,000")
    parser.add_argument("--long-count", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--tiny", action="store_true", help="tiny sizes: the smoke test")
    parser.add_argument("--out", type=Path, default=DOC, help="where to write the report")
    parser.add_argument("--data", type=Path, help="cache folder (default bench/.data)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL round")
    parser.add_argument(
        "--only",
        action="append",
        choices=("startup", "store", "sync", "concurrency", "memory"),
        help="run only these figures (repeatable)",
    )
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else FULL
    chosen = set(args.only or ("startup", "store", "sync", "concurrency", "memory"))
    started = time.perf_counter()
    report = Report()

    big = ensure_database(
        cache=args.data or DATA,
        name=f"app-{sizes.label}",
        people=sizes.people,
        visits_every=1,
        visits_per_person=sizes.visits_per_person,
    )
    store_db = ensure_database(
        cache=args.data or DATA,
        name=f"store-{sizes.store_people}p",
        people=sizes.store_people,
        visits_every=3,
        visits_per_person=1,
    )
    # The app opens on the sign-in screen: startup and memory run on a PIN-protected copy.
    signed_dir = tempfile.TemporaryDirectory(prefix="bench-signed-")
    if chosen & {"startup", "memory"}:
        big = bench_startup.signed_copy(big, Path(signed_dir.name) / "data")
    steps: list[tuple[str, Callable[[], None]]] = [
        ("startup", lambda: run_startup(report, big=big, sizes=sizes)),
        ("store", lambda: run_store(report, store_db=store_db, sizes=sizes)),
        ("sync", lambda: run_sync(report, sizes=sizes)),
        ("concurrency", lambda: run_concurrency(report, sizes=sizes, postgres=False)),
        ("memory", lambda: run_memory(report, big=big, sizes=sizes)),
    ]
    if not args.no_postgres:
        steps.insert(
            4,
            ("concurrency", lambda: run_concurrency(report, sizes=sizes, postgres=True)),
        )
    for name, step in steps:
        if name in chosen:
            print(f"{name}…", flush=True)
            step()
    signed_dir.cleanup()
    if args.long:
        print("long: crash test and sync fault campaign…", flush=True)
        run_long(report, count=args.long_count)

    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    text = render(report, previous=previous, sizes=sizes, seconds=time.perf_counter() - started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
