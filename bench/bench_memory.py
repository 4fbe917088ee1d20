"""Resident memory of the real app on a large database, after two searches, vs a bare QMainWindow.

RSS and USS (private pages) come from each child's /proc/self/smaps_rollup at the moment it is
ready; the app child is the one ``bench_startup`` spawns, with searches typed into it.
Run alone: ``uv run python bench/bench_memory.py --data-dir DIR [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import MEMORY_SEARCHES, ChildResult, spawn  # noqa: E402


@dataclass(frozen=True, slots=True)
class MemoryFigures:
    """Median KiB of the app after its searches and of the bare window."""

    app_rss_kib: float
    app_uss_kib: float
    bare_rss_kib: float
    bare_uss_kib: float
    app_anon_kib: float
    bare_anon_kib: float
    # The bare window after importing the store libraries the design fixes: a reference.
    libs_rss_kib: float
    libs_uss_kib: float
    libs_anon_kib: float
    runs: int

    @property
    def rss_ratio(self) -> float:
        return self.app_rss_kib / self.bare_rss_kib

    @property
    def uss_ratio(self) -> float:
        return self.app_uss_kib / self.bare_uss_kib

    @property
    def anon_ratio(self) -> float:
        return self.app_anon_kib / self.bare_anon_kib


def measure(*, data_dir: Path, runs: int = 5) -> MemoryFigures:
    """Alternate bare and app children; each app child runs MEMORY_SEARCHES before reporting."""
    app_rss: list[int] = []
    app_uss: list[int] = []
    bare_rss: list[int] = []
    bare_uss: list[int] = []
    app_anon: list[int] = []
    bare_anon: list[int] = []
    libs: list[ChildResult] = []
    for _ in range(runs):
        bare = spawn(kind="bare", data_dir=None)
        bare_rss.append(bare.rss_kib)
        bare_uss.append(bare.uss_kib)
        bare_anon.append(bare.anon_kib)
        libs.append(spawn(kind="libs", data_dir=None))
        app = spawn(kind="app", data_dir=data_dir, searches=MEMORY_SEARCHES)
        app_rss.append(app.rss_kib)
        app_uss.append(app.uss_kib)
        app_anon.append(app.anon_kib)
    return MemoryFigures(
        app_rss_kib=statistics.median(app_rss),
        app_uss_kib=statistics.median(app_uss),
        bare_rss_kib=statistics.median(bare_rss),
        bare_uss_kib=statistics.median(bare_uss),
        app_anon_kib=statistics.median(app_anon),
        bare_anon_kib=statistics.median(bare_anon),
        libs_rss_kib=statistics.median(r.rss_kib for r in libs),
        libs_uss_kib=statistics.median(r.uss_kib for r in libs),
        libs_anon_kib=statistics.median(r.anon_kib for r in libs),
        runs=runs,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures = measure(data_dir=args.data_dir, runs=args.runs)
    sys.stdout.write(
        f"memory: app RSS {figures.app_rss_kib / 1024:.1f} MiB / USS "
        f"{figures.app_uss_kib / 1024:.1f} MiB; bare RSS {figures.bare_rss_kib / 1024:.1f} MiB / "
        f"USS {figures.bare_uss_kib / 1024:.1f} MiB -> ratios {figures.rss_ratio:.2f} / "
        f"{figures.uss_ratio:.2f}; anonymous {figures.app_anon_kib / 1024:.1f} / "
        f"{figures.bare_anon_kib / 1024:.1f} MiB -> {figures.anon_ratio:.2f}; bare window after "
        f"importing the store libraries: RSS {figures.libs_rss_kib / 1024:.1f} MiB, anonymous "
        f"{figures.libs_anon_kib / 1024:.1f} MiB\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
