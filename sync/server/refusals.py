"""Why the server refused a pushed item: one stable code and one message per item.

Messages are in Bahasa Indonesia for the kader; section names come from `screening.words`
and the sentences around them are the server's own. No message ever quotes a value (it may be
health data). The app shows its own translation of `MESSAGES` by code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from screening.words import section_title
from sync.protocol import (
    REJECT_BAD_PAYLOAD,
    REJECT_HASH_MISMATCH,
    REJECT_INVALID_ITEM,
    REJECT_UNKNOWN_TYPE,
)

TYPE_MISMATCH: Final = "type_mismatch"
WRONG_AREA: Final = "wrong_area"
CONFLICT: Final = "conflict"
TOO_LARGE: Final = "too_large"

MESSAGES: Final = {
    REJECT_UNKNOWN_TYPE: "Jenis data tidak dikenal oleh server Puskesmas.",
    REJECT_INVALID_ITEM: "Data tidak lengkap atau formatnya salah.",
    REJECT_HASH_MISMATCH: "Data berubah atau rusak di perjalanan (kode cek tidak cocok).",
    REJECT_BAD_PAYLOAD: "Isi data tidak bisa dibaca oleh server Puskesmas.",
    TYPE_MISMATCH: "Jenis data tidak cocok dengan data yang sudah ada di server.",
    WRONG_AREA: "Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya.",
    CONFLICT: "Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas.",
    TOO_LARGE: "Data ini terlalu besar untuk diterima server Puskesmas.",
}
"""One message per code: what the kader's app shows (in its own language) for each."""

UPDATE_APP: Final = "Perbarui aplikasi ke versi terbaru, lalu kirim lagi."
SAVE_AGAIN: Final = "Buka pemeriksaan ini di aplikasi, periksa isiannya, lalu simpan koreksinya."
PAYLOAD_UNREADABLE: Final = f"Isi data ini tidak bisa dibaca oleh server Puskesmas. {UPDATE_APP}"
VISIT_DATE_MISMATCH: Final = (
    "Tanggal pemeriksaan tidak sama dengan waktu pemeriksaan yang tercatat. "
    "Buka pemeriksaan ini di aplikasi, periksa tanggalnya, lalu simpan koreksinya."
)
DATE_OUT_OF_RANGE: Final = (
    "Tanggal pada data ini tidak masuk akal. Periksa jam dan tanggal laptop, "
    "buka data ini di aplikasi, lalu simpan lagi."
)
WRONG_AREA_PERSON: Final = (
    "Warga pemeriksaan ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya."
)
NIK_INVALID: Final = (
    "NIK warga ini tidak valid. Buka data warga di aplikasi, perbaiki NIK, lalu simpan lagi."
)
KK_INVALID: Final = (
    "No. KK warga ini tidak valid. Buka data warga di aplikasi, perbaiki No. KK, lalu simpan lagi."
)


def _sections(codes: Sequence[str]) -> str:
    """``Tensi``, ``Tensi dan TBC``, ``IMT, Tensi dan TBC`` (in the order given)."""
    titles = [section_title(code) for code in codes]
    if len(titles) <= 1:
        return "".join(titles)
    return f"{', '.join(titles[:-1])} dan {titles[-1]}"


def visit_mismatch(sections: Sequence[str]) -> str:
    """A stored class that is not what the rules give for the stored inputs."""
    what = f"Hasil {_sections(sections)}" if sections else "Hasil"
    return f"{what} pada pemeriksaan ini tidak sesuai aturan skrining untuk isiannya. {SAVE_AGAIN}"


def visit_unreadable(sections: Sequence[str]) -> str:
    """Inputs (or measured values) the rules of this server cannot read."""
    what = f"Isian {_sections(sections)}" if sections else "Isian"
    return (
        f"{what} pada pemeriksaan ini tidak bisa dibaca oleh aturan skrining server Puskesmas. "
        f"{UPDATE_APP}"
    )


def item_result(
    item_id: str,
    version: int,
    status: str,
    *,
    code: str | None = None,
    message: str | None = None,
    server_version: int | None = None,
) -> dict[str, Any]:
    """One item's answer exactly as `ItemResult.model_dump(mode="json")` gives it, built cheaply."""
    return {
        "id": item_id,
        "version": version,
        "status": status,
        "code": code,
        "message": message,
        "server_version": server_version,
    }


def rejected(item_id: str, version: int, code: str, message: str | None = None) -> dict[str, Any]:
    """A rejection with its code and a message (the code's own one unless a better is given)."""
    return item_result(item_id, version, "rejected", code=code, message=message or MESSAGES[code])


def conflict(item_id: str, version: int, *, server_version: int | None) -> dict[str, Any]:
    return item_result(
        item_id,
        version,
        "conflict",
        code=CONFLICT,
        message=MESSAGES[CONFLICT],
        server_version=server_version,
    )
