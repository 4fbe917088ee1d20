"""The ``kader-app`` command line: open the app, check rules, back up, carry entries on a file.

Subcommands import only what they need, so none of them loads Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kader_app.core.register import Register
    from kader_app.ui.main_window import MainWindow

DATA_DIR_HELP = "folder data (bawaan: KADER_APP_DATA_DIR atau folder pengguna)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kader-app", description="Aplikasi pencatatan Posyandu untuk kader (offline)."
    )
    parser.add_argument("--data-dir", help=DATA_DIR_HELP)
    parser.add_argument("--demo", action="store_true", help="buka database contoh yang terpisah")
    # For start-up checks of an installed copy: report once the window shows its data, then quit.
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check-rules", help="uji aturan skrining terhadap berkas kasus JSON")
    check.add_argument("file", type=Path)
    backup = sub.add_parser("backup", help="salin database secara konsisten ke berkas")
    backup.add_argument("path", type=Path)
    out = sub.add_parser(
        "transfer-out", help="tulis data yang belum terkirim ke berkas untuk dibawa ke Puskesmas"
    )
    out.add_argument("path", type=Path)
    back = sub.add_parser("transfer-in", help="baca tanda terima Puskesmas untuk berkas kiriman")
    back.add_argument("path", type=Path)
    keyed = sub.add_parser(
        "print-key", help="tampilkan kunci database dari kunci pemulihan (untuk petugas IT)"
    )
    keyed.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    for command in (backup, out, back):
        # Also after the subcommand (`backup PATH --data-dir DIR`); SUPPRESS keeps a value
        # given before the subcommand when none is given after it.
        command.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
        command.add_argument("--profile", help="nama kader (bila ada beberapa di laptop ini)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-rules":
        from screening.rules.vectors import check_file

        return check_file(args.file, sys.stdout)
    from kader_app.settings import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    if args.command in ("backup", "transfer-out", "transfer-in", "print-key"):
        from kader_app import commands

        if args.command == "print-key":
            return commands.print_key_command(data_dir=data_dir, out=sys.stdout)
        if args.command == "backup":
            return commands.backup_command(
                data_dir=data_dir, target=args.path, out=sys.stdout, profile=args.profile
            )
        if args.command == "transfer-out":
            return commands.transfer_out_command(
                data_dir=data_dir, target=args.path, out=sys.stdout, profile=args.profile
            )
        return commands.transfer_in_command(
            data_dir=data_dir, receipt=args.path, out=sys.stdout, profile=args.profile
        )
    from kader_app.app import run_app

    on_ready = report_ready_and_quit if args.exit_when_ready else None
    return run_app(data_dir=data_dir, demo=args.demo, on_ready=on_ready)


def report_ready_and_quit(window: MainWindow, _register: Register) -> None:
    """Once the people list shows its data: print one line on stdout and quit the app.

    ``ready at_ms=<wall clock, ms since the epoch> rows=<people listed> sections=<rule
    sections> words=<sections with words> panels=<form panels> style=<characters of the
    stylesheet applied> title=<window title, in the chosen language>`` — no health data. An
    empty list is reported after a search of its own has finished, so the line always follows
    a list that is filled.
    """
    import time

    from PySide6.QtWidgets import QApplication

    reported: list[bool] = []

    def report() -> None:
        if reported:
            return
        reported.append(True)
        window.repaint()
        at_ms = int(time.time() * 1000)
        from kader_app.ui.visit.panels import panel_classes
        from screening.rules.registry import sections
        from screening.words import section_words

        specs = sections()
        words = sum(section_words(spec.code) is not None for spec in specs)
        app = QApplication.instance()
        style = len(app.styleSheet()) if isinstance(app, QApplication) else 0
        print(
            f"ready at_ms={at_ms} rows={window.people_model.rowCount()} sections={len(specs)} "
            f"words={words} panels={len(panel_classes())} style={style} "
            f"title={window.windowTitle()}",
            flush=True,
        )
        QApplication.quit()

    if window.people_model.rowCount() > 0:
        report()
        return
    window.search_finished.connect(report)
    window.run_search()


if __name__ == "__main__":
    raise SystemExit(main())
