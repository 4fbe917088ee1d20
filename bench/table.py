"""The results table's rows, shared by bench/run.py and the modules that add figures to it."""

from __future__ import annotations

from dataclasses import dataclass, field


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
