"""The Puskesmas server's figures for bench/run.py: ingest with real payloads, and the dashboard
on a big database (SQLite filled here and cached; PostgreSQL when given an already filled one).
Each step is `bench/bench_server.py` as its own process; its printed lines are read back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from figures_device import failed, number, run_bench
from table import Report, Row

INGEST_GOAL = 1000
FIRST_LOAD_GOAL_S = 2.0
AFTER_PUSH_GOAL_S = 0.2
REFERRALS_GOAL_S = 0.5
RSS_GOAL_MIB = 300
FILLED_MARKER = "filled"


def sqlite_filled(cache: Path, *, entries: int) -> Path | str:
    """A SQLite server database of ``entries`` entries (filled once through the push writer)."""
    folder = cache / f"server-sqlite-{entries}"
    if (folder / FILLED_MARKER).exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"filling a server database of {entries} entries (once, cached)", flush=True)
    areas = max(1, min(100, entries // 5000))
    _, failure = run_bench(
        "bench_server.py",
        *("fill", "--data-dir", str(folder), "--entries", str(entries), "--areas", str(areas)),
        timeout=6 * 3600,
    )
    if failure:
        return failure
    (folder / FILLED_MARKER).write_text(str(entries), encoding="utf-8")
    return folder


def run_ingest(
    report: Report, *, work: Path, visits: int, runs: int, port: int, url: str | None, label: str
) -> None:
    folder = work / f"ingest-{label}"
    folder.mkdir(parents=True, exist_ok=True)
    args = ["ingest", "--data-dir", str(folder), "--port", str(port)]
    args += ["--visits", str(visits), "--runs", str(runs)]
    args += ["--database-url", url] if url else []
    out, failure = run_bench("bench_server.py", *args)
    seconds = number(r"visits \+ \d+ residents in ([\d.]+) s", out)
    floor = number(r"ingest: floor ([\d.]+) s", out)
    rate = number(r"ingest: (\d+) visits/s", out)
    cpu_rate = number(r"= (\d+) visits per server CPU-second", out)
    rss = number(r"server peak RSS (\d+) MiB", out)
    figure = f"10. ingest {visits} real visits + residents over HTTP ({label}) / entry-row floor"
    if failure or None in (seconds, floor, rate, cpu_rate):
        failed(report, figure, f"≥ {INGEST_GOAL} visits/s", failure or "output not understood")
        return
    assert seconds is not None and floor is not None and rate is not None
    report.add(
        Row(
            figure,
            f"{rate:.0f} visits/s",
            f"{visits / floor:.0f} visits/s",
            f"{floor / seconds:.2f}×",
            f"≥ {INGEST_GOAL} visits/s",
            rate >= INGEST_GOAL,
            f"batches of 500, one client; {cpu_rate:.0f} visits per server CPU-second; "
            f"server peak RSS {rss:.0f} MiB; floor: the same gzip bodies as bare entry rows "
            "(SQLite)",
        )
    )


def run_pages(
    report: Report, *, data_dir: Path, url: str | None, label: str, port: int, month: str
) -> None:
    args = ["pages", "--data-dir", str(data_dir), "--port", str(port), "--month", month]
    args += ["--database-url", url] if url else []
    out, failure = run_bench("bench_server.py", *args)
    v = {
        "first": number(r"overview first load after start ([\d.]+) s", out),
        "again": number(r"; again ([\d.]+) s", out),
        "after": number(r"overview after a push median ([\d.]+) s", out),
        "referrals": number(r"referrals median ([\d.]+) s", out),
        "deep": number(r"page 50 ([\d.]+) s", out),
        "rss": number(r"server peak RSS (\d+) MiB", out),
        "health": number(r"health round trip median ([\d.]+) s", out),
    }
    if failure or any(x is None for x in v.values()):
        failed(report, f"11. dashboard ({label})", "see goals", failure or "not understood")
        return
    health = float(v["health"] or 0)
    base = f"{health * 1e3:.1f} ms"
    for name, value, goal in (
        ("overview first load after a server start", v["first"], FIRST_LOAD_GOAL_S),
        ("overview after a push", v["after"], AFTER_PUSH_GOAL_S),
        ("referrals page", v["referrals"], REFERRALS_GOAL_S),
    ):
        seconds = float(value or 0)
        report.add(
            Row(
                f"11. {name} ({label}) / health round trip",
                f"{seconds:.3g} s",
                base,
                f"{seconds / health:.0f}×",
                f"≤ {goal:g} s",
                seconds <= goal,
                f"month {month}; overview again (cached) {v['again']:.3g} s; referrals page 50 "
                f"{v['deep']:.3g} s"
                if name.startswith("overview first")
                else f"month {month}",
            )
        )
    rss = float(v["rss"] or 0)
    report.add(
        Row(
            f"11. server peak RSS through those pages ({label})",
            f"{rss:.0f} MiB",
            "-",
            "-",
            f"≤ {RSS_GOAL_MIB} MiB",
            rss <= RSS_GOAL_MIB,
            "VmHWM of the server process",
        )
    )
