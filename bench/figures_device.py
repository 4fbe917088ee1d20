"""The laptop's figures for bench/run.py: the push from the real outbox, bytes both ways, the
first sync, and the monthly report. Each benchmark runs as its own process; its printed lines
are read back here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from table import Report, Row, ratio_row

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BYTES_GOAL = 200
FIRST_SYNC_GOAL_S = 3.0
REPORT_GOAL_S = 1.0


def run_bench(script: str, *args: str, timeout: int = 7200) -> tuple[str, str]:
    """(stdout, failure): failure is "" when it ran."""
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    failure = "" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[-300:]}"
    return done.stdout, failure.replace("\n", " ").replace("|", "/")


def number(pattern: str, text: str) -> float | None:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else None


def failed(report: Report, figure: str, goal: str, why: str) -> None:
    report.add(Row(figure, "failed", "-", "-", goal, False, why))


def run_outbox(report: Report, *, residents: int, runs: int, cache: Path, port: int) -> None:
    out, failure = run_bench(
        "bench_outbox_push.py",
        *("--residents", str(residents), "--runs", str(runs), "--cache", str(cache)),
        *("--port-base", str(port), "--train-residents", str(max(20, residents // 12))),
    )
    keys = {
        "real": r"real outbox \(median\):\s+([\d.]+)",
        "memory": r"memory \(median\):\s+([\d.]+)",
        "floor": r"floor \(median\):\s+([\d.]+)",
        "visits": r"outbox items:\s+(\d+) visits",
        "residents": r"visits \+ (\d+) residents",
        "sent": r"sent bytes per visit:\s+([\d.]+)",
        "received": r"answer bytes per visit:\s+([\d.]+)",
    }
    v = {k: number(p, out) for k, p in keys.items()}
    figure = (
        f"7. push {residents} demo residents' outbox (real encrypted outbox) / same from memory"
    )
    if failure or any(x is None for x in v.values()):
        failed(report, figure, "≤ 1.5×", failure or "output not understood")
        return
    real, memory, floor = float(v["real"] or 0), float(v["memory"] or 0), float(v["floor"] or 0)
    visits = int(v["visits"] or 0)
    items = f"{visits} visits + {int(v['residents'] or 0)} residents"
    report.add(
        ratio_row(
            figure=figure,
            ours=real,
            base=memory,
            unit="s",
            goal=1.5,
            note=f"{items}, demo mix of sections, audit links included; "
            f"{visits / real:.0f} visits/s",
        )
    )
    report.add(
        ratio_row(
            figure="7. the same push (real outbox) / raw entry-row floor",
            ours=real,
            base=floor,
            unit="s",
            goal=2,
            note="floor: the memory side's gzip bodies stored as bare entry rows",
        )
    )
    both = float(v["sent"] or 0) + float(v["received"] or 0)
    options = re.findall(r"option: (.+?): ([\d.]+|not measured) B per visit both ways", out)
    best = [(name, float(b)) for name, b in options if b != "not measured"]
    report.add(
        Row(
            figure="7. bytes per visit both ways (real payloads, real outbox)",
            ours=f"{both:.0f} B",
            baseline=f"{v['sent']:.0f} B sent + {v['received']:.0f} B answers",
            ratio="-",
            goal=f"≤ {BYTES_GOAL} B",
            met=both <= BYTES_GOAL,
            note="residents' items counted in; options measured on the same batches: "
            + "; ".join(f"{name} {b}" for name, b in options)
            + (f" (best: {min(best, key=lambda x: x[1])[0]})" if best else ""),
        )
    )


def run_first_sync(report: Report, *, residents: int, runs: int, port: int) -> None:
    out, failure = run_bench(
        "bench_first_sync.py",
        *("--residents", str(residents), "--runs", str(runs), "--port", str(port)),
    )
    real = number(r"first sync \(median\):\s+([\d.]+)", out)
    floor = number(r"pull floor \(median\):\s+([\d.]+)", out)
    stored = number(r"residents stored:\s+(\d+)", out)
    figure = f"8. first sync of {residents} residents into a new laptop / bare pull of the pages"
    if failure or real is None or floor is None:
        failed(report, figure, f"≤ {FIRST_SYNC_GOAL_S:g} s", failure or "output not understood")
        return
    row = ratio_row(figure=figure, ours=real, base=floor, unit="s", goal=1)
    report.add(
        Row(
            figure=row.figure,
            ours=row.ours,
            baseline=row.baseline,
            ratio=row.ratio,
            goal=f"≤ {FIRST_SYNC_GOAL_S:g} s",
            met=real <= FIRST_SYNC_GOAL_S,
            note=f"{stored:.0f} stored in the encrypted register; loopback; the floor stores "
            "nothing",
        )
    )


def run_report(
    report: Report,
    *,
    data_dir: Path,
    label: str,
    month: str,
    runs: int,
    goal_s: float | None = REPORT_GOAL_S,
) -> None:
    out, failure = run_bench(
        "bench_report.py", str(data_dir), "--month", month, "--runs", str(runs)
    )
    ours = number(r"report \(median\):\s+([\d.]+)", out)
    floor = number(r"floor \(median\):\s+([\d.]+)", out)
    visits = number(r"visits in the month (\d+)", out)
    figure = f"9. monthly report {month}, {label} / its reads on raw sqlcipher3"
    if failure or ours is None or floor is None:
        failed(report, figure, f"≤ {REPORT_GOAL_S:g} s", failure or "output not understood")
        return
    row = ratio_row(figure=figure, ours=ours, base=floor, unit="s", goal=1)
    report.add(
        Row(
            row.figure,
            row.ours,
            row.baseline,
            row.ratio,
            goal="-" if goal_s is None else f"≤ {goal_s:g} s with sasaran",
            met=None if goal_s is None else ours <= goal_s,
            note=f"{visits:.0f} visits in the month; the report includes the S-K-D-N and the "
            "SPM coverage (served / sasaran) of the register",
        )
    )


KEY_GOAL_MS = 50.0
SAVE_GOAL_MS = 500.0
OPEN_GOAL_MS = 500.0


def run_gui(report: Report, *, runs: int, keys: int) -> None:
    out, failure = run_bench("bench_gui.py", "--runs", str(runs), "--keys", str(keys))
    keys_ = {
        "adult": r"adult keystroke \(median\):\s+([\d.]+) ms",
        "balita": r"balita keystroke \(median\):\s+([\d.]+) ms",
        "floor": r"floor keystroke \(median\):\s+([\d.]+) ms",
        "count": r"keystrokes per side:\s+(\d+)",
        "save": r"save to history \(median\):\s+([\d.]+) ms",
        "record": r"record alone \(median\):\s+([\d.]+) ms",
        "open": r"open 50 visits \(median\):\s+([\d.]+) ms",
        "history": r"history read \(median\):\s+([\d.]+) ms",
        "cards": r"cards shown:\s+(\d+)",
    }
    v = {k: number(p, out) or 0.0 for k, p in keys_.items()}
    if failure or not all(v.values()):
        failed(report, "12. the window (keystroke, Simpan, history)", "see goals", failure or "?")
        return
    n = f"{v['count']:.0f} keystrokes per side"
    report.add(
        Row(
            "12. keystroke → result, balita form (weight) / adult form (systolic)",
            f"{v['balita']:.3g} ms",
            f"{v['adult']:.3g} ms",
            f"{v['balita'] / v['adult']:.2f}×",
            f"< {KEY_GOAL_MS:g} ms, the adult form's budget",
            v["balita"] < KEY_GOAL_MS,
            f"{n}; each key until the form re-evaluated, showed its answer and painted (the "
            "balita form also redraws the KMS chart)",
        )
    )
    report.add(
        Row(
            "12. keystroke → result, adult form / bare QLineEdit → QLabel",
            f"{v['adult']:.3g} ms",
            f"{v['floor']:.3g} ms",
            f"{v['adult'] / v['floor']:.2f}×",
            f"< {KEY_GOAL_MS:g} ms",
            v["adult"] < KEY_GOAL_MS,
            f"{n}; the balita form against the same floor: {v['balita'] / v['floor']:.2f}×",
        )
    )
    report.add(
        Row(
            "12. Simpan → history card shown / Register.visits.record of a visit",
            f"{v['save']:.3g} ms",
            f"{v['record']:.3g} ms",
            f"{v['save'] / v['record']:.2f}×",
            f"≤ {SAVE_GOAL_MS:g} ms",
            v["save"] <= SAVE_GOAL_MS,
            "adult form, tensi typed; click until the new card is in the painted history",
        )
    )
    report.add(
        Row(
            "12. opening a resident with 50 visits / Register.visits.history of them",
            f"{v['open']:.3g} ms",
            f"{v['history']:.3g} ms",
            f"{v['open'] / v['history']:.2f}×",
            f"≤ {OPEN_GOAL_MS:g} ms",
            v["open"] <= OPEN_GOAL_MS,
            f"{v['cards']:.0f} cards shown and painted; demo visits",
        )
    )
