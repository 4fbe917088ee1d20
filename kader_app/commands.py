"""The command-line verbs besides opening the app: backup, transfers, the database key.

Each opens the register the way the app does — with a kader's PIN when the folder has profiles
— and prints in Bahasa Indonesia only paths and counts, never health data or a PIN. Qt-free.
"""

from __future__ import annotations

import getpass
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kader_app.core.database import db_path
from kader_app.core.errors import RegisterError
from kader_app.core.keystore import key_location
from kader_app.core.profiles import (
    ProfileBook,
    ProfileError,
    ProfileLockedError,
    WrongPinError,
    has_profiles,
    profiles_path,
)
from kader_app.core.register import Register

PinReader = Callable[[str], str]


def open_for_command(
    data_dir: Path, *, out: TextIO, profile: str | None = None, read_pin: PinReader | None = None
) -> Register | None:
    """The register of ``data_dir``; asks for a kader's PIN when profiles protect it.

    ``profile`` names the kader (needed when there are several). Returns ``None`` after saying
    why when it cannot be opened.
    """
    if not db_path(data_dir).exists():
        out.write(f"Gagal: tidak ada database di {data_dir}.\n")
        return None
    key: bytes | None = None
    if has_profiles(data_dir):
        book = ProfileBook(data_dir)
        chosen = [p for p in book.profiles() if profile is None or p.name == profile]
        if len(chosen) != 1:
            names = ", ".join(p.name for p in book.profiles())
            out.write(f"Pilih kader dengan --profile NAMA (kader di laptop ini: {names}).\n")
            return None
        reader = read_pin or getpass.getpass
        try:
            key = book.unlock(chosen[0].id, reader(f"PIN {chosen[0].name}: ").strip())
        except WrongPinError as wrong:
            out.write(f"PIN salah. Sisa percobaan sebelum menunggu: {wrong.tries_left}.\n")
            return None
        except ProfileLockedError as locked:
            out.write(f"Terlalu banyak PIN salah. Coba lagi setelah {locked.until:%H:%M}.\n")
            return None
        except ProfileError:
            out.write("PIN harus 6 angka.\n")
            return None
    try:
        return Register.open(data_dir, key=key)
    except RegisterError:
        out.write(
            f"Gagal: database tidak bisa dibuka dengan kunci yang ada ({key_location(data_dir)}).\n"
        )
        return None


def backup_command(*, data_dir: Path, target: Path, out: TextIO, profile: str | None = None) -> int:
    """Copy the database of ``data_dir`` to ``target``; returns the exit code (0 or 1).

    Uses the SQLite online backup API, so it is safe while the app is open; the copy stays
    encrypted with the same key and is written to the audit log like any other export.
    """
    if target.is_dir():
        target = target / "kader-backup.db"
    register = open_for_command(data_dir, out=out, profile=profile)
    if register is None:
        return 1
    try:
        register.backup(target)
    except OSError as exc:
        out.write(f"Gagal menyimpan cadangan ke {target}: {exc.strerror or exc}.\n")
        return 1
    finally:
        register.close()
    out.write(f"Cadangan tersimpan: {target}\n")
    if has_profiles(data_dir):
        # The wrapped keys only: no PIN or key in the clear, so it may travel with the copy.
        profiles = target.with_name(target.name + ".profiles.json")
        shutil.copyfile(profiles_path(data_dir), profiles)
        out.write(
            f"Profil petugas disalin ke {profiles}. Bersama berkas itu, cadangan terbuka dengan "
            "PIN petugas yang sama atau dengan kunci pemulihan.\n"
        )
        return 0
    out.write(
        f"Cadangan ini terenkripsi dengan kunci yang sama ({key_location(data_dir)}).\n"
        "Simpan kunci itu di tempat aman: tanpa kunci, cadangan tidak bisa dibuka.\n"
    )
    return 0


TRANSFER_PROBLEMS = {
    "not_enrolled": "Laptop ini belum terdaftar di Puskesmas.",
    "no_keys": "Server Puskesmas belum mendukung kirim lewat berkas; kirim lewat internet.",
    "not_receipt": "Berkas ini bukan tanda terima dari Puskesmas.",
    "bad_signature": "Tanda terima ini tidak ditandatangani server Puskesmas laptop ini.",
    "other_device": "Tanda terima ini untuk laptop lain.",
    "damaged": "Berkas rusak atau terpotong.",
    "not_transfer": "Berkas ini bukan berkas kiriman kader.",
}


def transfer_out_command(
    *, data_dir: Path, target: Path, out: TextIO, profile: str | None = None
) -> int:
    """Write every unsent entry to ``target`` for the Puskesmas; the outbox is unchanged."""
    from kader_app.transfer import NotReadyError, write_transfer

    register = open_for_command(data_dir, out=out, profile=profile)
    if register is None:
        return 1
    try:
        written = write_transfer(register, target)
    except NotReadyError as problem:
        out.write(TRANSFER_PROBLEMS[problem.code] + "\n")
        return 1
    except OSError as exc:
        out.write(f"Gagal menulis {target}: {exc.strerror or exc}.\n")
        return 1
    finally:
        register.close()
    out.write(
        f"{written.entries} data ditulis ke {target}.\n"
        "Bawa berkas ini ke Puskesmas; data tetap tercatat belum terkirim sampai tanda terima "
        "dibaca (kader-app transfer-in TANDA_TERIMA).\n"
    )
    return 0


def transfer_in_command(
    *, data_dir: Path, receipt: Path, out: TextIO, profile: str | None = None
) -> int:
    """Read the Puskesmas' signed receipt and mark exactly the entries it names as sent."""
    from kader_app.transfer import NotReadyError, TransferError, read_receipt

    register = open_for_command(data_dir, out=out, profile=profile)
    if register is None:
        return 1
    try:
        done = read_receipt(register, receipt)
    except (NotReadyError, TransferError) as problem:
        out.write(TRANSFER_PROBLEMS[problem.code] + "\n")
        return 1
    except OSError as exc:
        out.write(f"Gagal membaca {receipt}: {exc.strerror or exc}.\n")
        return 1
    finally:
        register.close()
    out.write(
        f"Diterima Puskesmas: {done.acknowledged} data. Ditolak: {done.refused}. "
        f"Tidak cocok lagi (sudah diubah atau sudah tercatat): {done.not_matched}.\n"
    )
    return 0


def print_key_command(*, data_dir: Path, out: TextIO, read_secret: PinReader | None = None) -> int:
    """Print the database key of a PIN-protected folder from its recovery key (for IT staff).

    For opening a copy of the database by hand with sqlcipher (docs/recovery.md). The key is
    printed to the terminal only, never written to a file or a log.
    """
    if not has_profiles(data_dir):
        out.write(f"Folder ini belum memakai PIN kader; kuncinya: {key_location(data_dir)}.\n")
        return 1
    reader = read_secret or getpass.getpass
    try:
        key = ProfileBook(data_dir).key_from_recovery(reader("Kunci pemulihan: "))
    except ProfileError:
        out.write("Kunci pemulihan tidak cocok.\n")
        return 1
    out.write(f"{key.hex()}\n")
    return 0
