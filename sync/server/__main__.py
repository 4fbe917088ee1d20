"""`puskesmas-server`: serve the API and dashboard, enrol, revoke, add staff, import transfer files.

Command-line glue only: the database work is in `store`, the API in `app`. Output is for the
Puskesmas admin, in Bahasa Indonesia.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from sqlmodel import Session

from sync.server import staff, store
from sync.server.database import make_engine, migrate, sqlite_url
from sync.server.store.summary_rebuild import rebuild_now
from sync.server.transfer_command import import_transfer_command

APP_NAME = "puskesmas-server"


def database_url(data_dir: str | None) -> str:
    """`DATABASE_URL` when set, else the SQLite file in the data directory."""
    env_url = os.environ.get("DATABASE_URL")
    if env_url:
        return env_url
    folder = Path(data_dir) if data_dir else Path(platformdirs.user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite_url(folder)


def data_folder(data_dir: str | None) -> Path:
    folder = Path(data_dir) if data_dir else Path(platformdirs.user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Server sinkronisasi Puskesmas.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data-dir", default=os.environ.get("PUSKESMAS_SERVER_DATA_DIR"))
    commands = parser.add_subparsers(dest="command")
    code = commands.add_parser("enroll-code", help="buat kode pendaftaran sekali pakai")
    code.add_argument("--posyandu", required=True)
    code.add_argument("--area", default=None, help="desa/wilayah (bawaan: nama Posyandu)")
    code.add_argument("--puskesmas", default="", help="Puskesmas pembina Posyandu ini")
    code.add_argument("--data-dir", dest="sub_data_dir", default=None)
    revoke = commands.add_parser("revoke-device", help="cabut izin sebuah perangkat")
    revoke.add_argument("device_id")
    revoke.add_argument("--data-dir", dest="sub_data_dir", default=None)
    rebuild = commands.add_parser(
        "rebuild-summaries", help="hitung ulang ringkasan dasbor dari semua data tersimpan"
    )
    rebuild.add_argument("--data-dir", dest="sub_data_dir", default=None)
    add_staff = commands.add_parser("add-staff", help="tambah petugas dasbor atau ganti sandinya")
    add_staff.add_argument("--username", required=True)
    add_staff.add_argument(
        "--puskesmas", default=None, help="hanya Puskesmas ini (bawaan: seluruh kabupaten)"
    )
    add_staff.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin"
    )
    add_staff.add_argument("--data-dir", dest="sub_data_dir", default=None)
    transfer = commands.add_parser(
        "import-transfer", help="impor berkas kiriman kader (flashdisk) dan tulis tanda terimanya"
    )
    transfer.add_argument("file", type=Path)
    transfer.add_argument(
        "--receipt", type=Path, default=None, help="tanda terima (bawaan: FILE.tanda-terima)"
    )
    transfer.add_argument("--data-dir", dest="sub_data_dir", default=None)
    return parser


def read_password(*, from_stdin: bool) -> str | None:
    """The new password, from stdin or typed twice at a prompt; None when the two differ."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    second = getpass.getpass("Ulangi kata sandi: ")
    return first if first == second else None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = database_url(getattr(args, "sub_data_dir", None) or args.data_dir)
    if args.command is None:
        return serve(url=url, host=args.host, port=args.port, data_dir=data_folder(args.data_dir))
    password = None
    if args.command == "add-staff":
        password = read_password(from_stdin=args.password_stdin)
        if password is None:
            print("Kata sandi tidak sama. Tidak ada yang diubah.", file=sys.stderr)
            return 1
    engine = make_engine(url)
    migrate(engine)
    now = datetime.now(UTC)
    if args.command == "import-transfer":
        try:
            return import_transfer_command(engine=engine, transfer=args.file, receipt=args.receipt)
        finally:
            engine.dispose()
    if args.command == "rebuild-summaries":
        try:
            unreadable = rebuild_now(engine)
        finally:
            engine.dispose()
        print(f"Ringkasan dasbor dihitung ulang; {unreadable} entri tidak terbaca.")
        return 0
    try:
        with Session(engine) as session:
            if args.command == "add-staff":
                assert password is not None
                try:
                    staff.add_staff(
                        session=session,
                        username=args.username,
                        password=password,
                        now=now,
                        puskesmas=args.puskesmas,
                    )
                except staff.StaffInputError as exc:
                    print(str(exc), file=sys.stderr)
                    return 1
                print(f"Petugas {args.username.strip()} dapat masuk ke dasbor.")
                return 0
            if args.command == "enroll-code":
                try:
                    code = store.create_enroll_code(
                        session=session,
                        posyandu=args.posyandu,
                        area=args.area,
                        puskesmas=args.puskesmas,
                        now=now,
                    )
                except store.AreaTakenError as exc:
                    print(str(exc), file=sys.stderr)
                    return 1
                print(code)
                print(
                    f"Kode sekali pakai untuk Posyandu {args.posyandu}, berlaku 7 hari.",
                    file=sys.stderr,
                )
                return 0
            if store.revoke_device(session=session, device_id=args.device_id, now=now):
                print(f"Perangkat {args.device_id} dicabut.")
                return 0
            print(f"Perangkat {args.device_id} tidak ditemukan.", file=sys.stderr)
            return 1
    finally:
        engine.dispose()


def serve(*, url: str, host: str, port: int, data_dir: Path) -> int:
    import uvicorn

    from sync.server.app import create_app

    app = create_app(database_url=url, data_dir=data_dir)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
