"""The ``kader-app`` command line: open the app, check rules against a file, or back up.

Subcommands import only what they need, so ``check-rules`` and ``backup`` never load Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DATA_DIR_HELP = "folder data (bawaan: KADER_APP_DATA_DIR atau folder pengguna)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kader-app", description="Aplikasi pencatatan Posyandu untuk kader (offline)."
    )
    parser.add_argument("--data-dir", help=DATA_DIR_HELP)
    parser.add_argument("--demo", action="store_true", help="buka database contoh yang terpisah")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check-rules", help="uji aturan skrining terhadap berkas kasus JSON")
    check.add_argument("file", type=Path)
    backup = sub.add_parser("backup", help="salin database secara konsisten ke berkas")
    backup.add_argument("path", type=Path)
    # Also after the subcommand (`backup PATH --data-dir DIR`); SUPPRESS keeps a value given
    # before the subcommand when none is given after it.
    backup.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-rules":
        from kader_app.core.rules.vectors import check_file

        return check_file(args.file, sys.stdout)
    from kader_app.settings import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    if args.command == "backup":
        from kader_app.core.backup import backup_command

        return backup_command(data_dir=data_dir, target=args.path, out=sys.stdout)
    from kader_app.app import run_app

    return run_app(data_dir=data_dir, demo=args.demo)


if __name__ == "__main__":
    raise SystemExit(main())
