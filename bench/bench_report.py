"""Benchmark: the monthly Posyandu report (`Register.monthly_report`) vs reading its rows raw.

The report includes the sasaran and SPM coverage of the register (S-K-D-N, served / sasaran).
The floor runs the report's own reads on a plain sqlcipher3 connection: the month's current,
non-voided visits joined to their residents (payloads JSON-decoded), the register per sex, the
earlier months' referred visits, the register's life-cycle facts and the year's complete
sections; nothing is computed. The two sides are interleaved; medians.
Run: `uv run python bench/bench_report.py DATA_DIR --month 2026-06 [--runs 5]`.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kader_app.core.database import connect_raw
from kader_app.core.register import Register

MONTH_SQL = (
    "SELECT v.id, v.person_id, v.measured_at, v.level, v.payload, p.name, p.sex, p.birth_date,"
    " p.nik, p.dusun, p.rt, p.rw, p.desa FROM visit v JOIN person p ON p.id = v.person_id"
    " WHERE v.is_current = 1 AND v.voided = 0 AND v.measured_at >= ? AND v.measured_at < ?"
    " ORDER BY v.measured_at_utc, v.id"
)
REGISTER_SQL = "SELECT sex, count(*) FROM person WHERE birth_date <= ? GROUP BY sex"
EARLIER_SQL = (
    "SELECT v.person_id, v.measured_at, v.level FROM visit v WHERE v.is_current = 1"
    " AND v.voided = 0 AND v.level = 'refer' AND v.measured_at >= ? AND v.measured_at < ?"
)
RESIDENTS_SQL = (
    "SELECT id, sex, birth_date, pregnancy_start, pregnancy_end, kia_book FROM person"
    " WHERE birth_date <= ?"
)
SCREENINGS_SQL = (
    "SELECT person_id, measured_at, complete_sections FROM visit WHERE measured_at >= ?"
    " AND measured_at < ? AND is_current = 1 AND voided = 0 AND complete_sections != ''"
)


@dataclass
class Figures:
    residents: int = 0
    visits: int = 0
    report: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def _bounds(month: date) -> tuple[str, str, str, date]:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    earlier = date(month.year - (month.month <= 3), (month.month - 4) % 12 + 1, 1)
    last = date.fromordinal(following.toordinal() - 1)
    return month.isoformat(), following.isoformat(), earlier.isoformat(), last


def floor(raw: Any, month: date) -> tuple[float, int]:
    low, high, earlier, last = _bounds(month)
    started = time.perf_counter()
    rows = raw.execute(MONTH_SQL, (low, high)).fetchall()
    decoded = [json.loads(r[4]) for r in rows]
    raw.execute(REGISTER_SQL, (last.isoformat(),)).fetchall()
    raw.execute(EARLIER_SQL, (earlier, low)).fetchall()
    raw.execute(RESIDENTS_SQL, (last.isoformat(),)).fetchall()
    raw.execute(SCREENINGS_SQL, (date(month.year, 1, 1).isoformat(), high)).fetchall()
    return time.perf_counter() - started, len(decoded)


def measure(data_dir: Path, *, month: date, runs: int) -> Figures:
    figures = Figures()
    register = Register.open(data_dir, device_id="bench")
    raw = connect_raw(register.database.path, key=register.database.key)
    try:
        figures.residents = int(raw.execute("SELECT count(*) FROM person").fetchone()[0])
        # A warm-up of each side: the page cache and the first use of every module.
        register.monthly_report(month=month)
        floor(raw, month)
        for run in range(runs + 1):
            order = ("report", "floor") if run % 2 == 0 else ("floor", "report")
            for side in order:
                gc.collect()
                if side == "report":
                    started = time.perf_counter()
                    report = register.monthly_report(month=month)
                    figures.report.append(time.perf_counter() - started)
                    figures.visits = report.visits
                else:
                    seconds, figures.visits = floor(raw, month)
                    figures.floor.append(seconds)
    finally:
        raw.close()
        register.close()
    # The extra round above evens the order out; the first of each is dropped as a warm-up.
    figures.report, figures.floor = figures.report[1:], figures.floor[1:]
    return figures


def report(figures: Figures) -> None:
    med = statistics.median
    print(f"residents:             {figures.residents}; visits in the month {figures.visits}")
    print(f"report (median):       {med(figures.report):.6f} s  runs={_r(figures.report)}")
    print(f"floor (median):        {med(figures.floor):.6f} s  runs={_r(figures.floor)}")
    print(f"ratio report/floor:    {med(figures.report) / med(figures.floor):.2f}")
    print("with sasaran and SPM:  yes (inside Register.monthly_report)")


def _r(values: list[float]) -> list[float]:
    return [round(v, 3) for v in values]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--month", default="2026-06")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    month = date.fromisoformat(args.month + "-01")
    report(measure(args.data_dir, month=month, runs=args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
