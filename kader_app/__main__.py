"""The ``kader-app`` command line: open the app, check rules, back up, carry entries on a file.

Subcommands import only what they need, so none of them loads Qt.
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
        from kader_app.core.rules.vectors import check_file

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

    return run_app(data_dir=data_dir, demo=args.demo)


if __name__ == "__main__":
    raise SystemExit(main())
