"""The benchmark command runs end to end on tiny sizes, so bench/ cannot rot.

No timing is judged here: speed is what bench/run.py reports, not what a test asserts.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ENV = "PUSKESMAS_TEST_POSTGRES_URL"


def load_run_module() -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the module body runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def table_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and re.match(r"\d+\. ", cells[0]):
            rows[cells[0]] = cells
    return rows


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_every_benchmark_runs_on_tiny_sizes_and_fills_the_table(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    out.write_text(
        "old\n<!-- Everything below this line is written by hand; bench/run.py keeps it. -->"
        "\n\n## Profiles and fixes\n\nKept paragraph.\n",
        encoding="utf-8",
    )
    command = [sys.executable, "bench/run.py", "--tiny", "--long", "--long-count", "3"]
    command += ["--data", str(tmp_path / "data"), "--out", str(out)]
    if not os.environ.get(POSTGRES_ENV):
        command.append("--no-postgres")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KADER_APP_KEYRING": "off"}
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]

    text = out.read_text(encoding="utf-8")
    rows = table_rows(text)
    figures = " ".join(rows)
    for expected in (
        "1. cold start",
        "2. save one visit",
        "3. search common name part",
        "3. search NIK prefix",
        "4. push 60 visits",
        "4. bytes per visit",
        "5. 3 devices × 5 visits at once (SQLite)",
        "6. app RSS",
        "6. app USS",
        "6. app anonymous memory",
        "7. push 8 demo residents' outbox (real encrypted outbox) / same from memory",
        "7. the same push (real outbox) / raw entry-row floor",
        "7. bytes per visit both ways",
        "8. first sync of 150 residents",
        "9. monthly report 2026-10, 8 demo residents",
        "9. monthly report 2024-06, 300 generated residents",
        "10. ingest 120 real visits + residents over HTTP (SQLite)",
        "11. overview first load after a server start (SQLite, 2,000 entries)",
        "11. overview after a push",
        "11. referrals page",
        "11. server peak RSS",
        "12. keystroke → result, balita form",
        "12. Simpan → history card shown",
        "12. opening a resident with 50 visits",
    ):
        assert expected in figures, f"no row for {expected!r} in:\n{text}"
    for figure, cells in rows.items():
        assert cells[1] not in ("", "failed"), f"{figure}: no measurement"
        if cells[3] != "-":
            assert float(cells[3].rstrip("×")) > 0, figure
    sqlite_round = next(cells for f, cells in rows.items() if "(SQLite)" in f)
    assert "errors 0" in sqlite_round[6] and "missing on server 0" in sqlite_round[6]
    # The app's list really filled before the start-up clock stopped.
    startup = next(cells for f, cells in rows.items() if f.startswith("1."))
    assert "200 rows shown" in startup[6]
    # The push came from the real outbox: every visit and resident of the demo village.
    outbox = next(cells for f, cells in rows.items() if f.startswith("7. push"))
    assert re.search(r"\d+ visits \+ 8 residents", outbox[6]), outbox
    first_sync = next(cells for f, cells in rows.items() if f.startswith("8."))
    assert "150 stored in the encrypted register" in first_sync[6]
    history = next(cells for f, cells in rows.items() if "50 visits" in f)
    assert "50 cards shown" in history[6]

    long_part = text.split("<!-- long:begin -->", 1)[1].split("<!-- long:end -->", 1)[0]
    assert long_part.count("| passed |") == 2, long_part
    assert text.rstrip().endswith("Kept paragraph.")
    assert "old" not in text.split("\n", 1)[0]


def test_a_run_without_long_keeps_the_last_long_results_and_the_hand_written_part() -> None:
    run = load_run_module()
    previous = run.render(
        run.Report(long_lines=["| crash test | 1000 kills | passed | 1 s | 1 passed |"]),
        previous="",
        sizes=run.TINY,
        seconds=1.0,
    )
    previous += "\n## Profiles and fixes\n\nStart-up: lazy imports.\n"
    report = run.Report()
    report.add(run.Row("2. save", "1 ms", "1 ms", "1.00×", "≤ 2×", True))
    text = run.render(report, previous=previous, sizes=run.TINY, seconds=1.0)
    assert "| crash test | 1000 kills | passed | 1 s | 1 passed |" in text
    assert text.rstrip().endswith("Start-up: lazy imports.")
    assert "| 2. save | 1 ms | 1 ms | 1.00× | ≤ 2× | yes |" in text
