"""Words the GUI shows: the core vocabulary in the app's language, and the GUI's own sentences.

Every word for a screening code (sections, classes, levels, states, reasons, fields, items,
places, sex, months) comes from `screening.words`, in the language chosen in the settings
(set once at start by the composition root, like Qt's translator). What the vocabulary does not
hold — the resident form's NIK messages, sending problems — goes through Qt's translation layer
(context ``labels``). Words only: nothing here decides a class.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication

from screening import words
from screening.rules.common import Level, Reason, RuleInputError
from screening.rules.section import Missing, SectionResult, SectionState
from screening.words import Language

_language: Language = "id"


def set_language(code: str) -> None:
    """Use ``code`` (``"id"`` or ``"en"``) for every vocabulary word from now on."""
    global _language
    _language = "en" if code == "en" else "id"


def language() -> Language:
    return _language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802, ARG001
    """Marks ``text`` for lupdate (it looks for this name) and returns it untranslated."""
    return text


def tr(text: str) -> str:
    """Translate a source string registered with ``QT_TRANSLATE_NOOP("labels", ...)``."""
    return QCoreApplication.translate("labels", text)


def section_title(section: str) -> str:
    return words.section_title(section, language())


def section_short_title(section: str) -> str:
    return words.section_short_title(section, language())


def class_text(section: str, code: str | None) -> str:
    return words.class_text(section, code, language())


def level_text(level: Level | str | None) -> str:
    return words.level_text(level, language())


def state_text(state: SectionState | str) -> str:
    return words.state_text(state, language())


def reason_text(reason: Reason) -> str:
    return words.reason_text(reason, language())


def next_step_text(section: str, code: str | None, level: Level | str | None) -> str:
    return words.next_step_text(section, code, level, language())


def field_text(section: str, field: str, index: int | None = None) -> str:
    return words.field_text(section, field, index, language())


def item_text(section: str, key: str) -> str:
    return words.item_text(section, key, language())


def refusal_text(error: RuleInputError) -> str:
    return words.refusal_text(error, language())


def missing_text(section: str, missing: Iterable[Missing]) -> str:
    return words.missing_text(section, missing, language())


def result_text(result: SectionResult) -> str:
    return words.result_text(result, language())


def sex_text(code: str) -> str:
    return words.sex_text(code, language())


def place_text(code: str) -> str:
    return words.place_text(code, language())


def place_codes() -> tuple[str, ...]:
    """The places a visit can be recorded at, in the order the form offers them."""
    return tuple(words.PLACE)


def month_title(month: date) -> str:
    return words.month_title(month, language())


def number_text(value: object) -> str:
    """A number as the kader writes it (``24,2`` in Indonesian)."""
    return words.number_text(value, language())


def no_result_text() -> str:
    """The words for no section being complete yet ("Belum ada hasil")."""
    return words.NO_RESULT.get(language())


# Background colours of the level badges; the words always travel with the colour.
LEVEL_COLOUR = {
    Level.NONE: ("#1b7f3b", "#ffffff"),
    Level.MONITOR: ("#f2c200", "#1a1a1a"),
    Level.REFER: ("#d9600b", "#ffffff"),
    Level.URGENT: ("#b3001b", "#ffffff"),
}


def level_colours(level: Level | str) -> tuple[str, str]:
    """(background, foreground) of the badge for ``level``."""
    return LEVEL_COLOUR[Level(level)]


# Sending failures, by `sync.client.SyncError.code` (and the engine's LOCAL_FAULT): the sync
# layer's own Indonesian `user_message`, one catalogue entry per sentence so English can follow;
# tests/ui/test_labels.py keeps the two equal.
SYNC_FAILURE_TEXT: dict[str, tuple[str, ...]] = {
    "sync_failed": (
        QT_TRANSLATE_NOOP("labels", "Sinkronisasi gagal."),
        QT_TRANSLATE_NOOP("labels", "Data tetap aman di laptop dan akan dikirim lagi."),
    ),
    "offline": (
        QT_TRANSLATE_NOOP("labels", "Tidak ada koneksi ke Puskesmas."),
        QT_TRANSLATE_NOOP("labels", "Data tersimpan dan akan dikirim otomatis."),
    ),
    "server_busy": (
        QT_TRANSLATE_NOOP("labels", "Server Puskesmas sedang sibuk."),
        QT_TRANSLATE_NOOP("labels", "Data akan dikirim lagi nanti."),
    ),
    "too_large": (
        QT_TRANSLATE_NOOP(
            "labels", "Paket data terlalu besar; dikirim ulang dalam bagian lebih kecil."
        ),
    ),
    "not_enrolled": (
        QT_TRANSLATE_NOOP("labels", "Laptop ini belum terdaftar atau izinnya dicabut."),
        QT_TRANSLATE_NOOP("labels", "Hubungi admin Puskesmas."),
    ),
    "enroll_code": (
        QT_TRANSLATE_NOOP("labels", "Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa."),
        QT_TRANSLATE_NOOP("labels", "Minta kode baru ke admin Puskesmas."),
    ),
    "captive_portal": (
        QT_TRANSLATE_NOOP("labels", "Jaringan meminta login Wi-Fi/voucher."),
        QT_TRANSLATE_NOOP("labels", "Buka browser untuk masuk, lalu tekan Kirim sekarang."),
    ),
    "upgrade_needed": (
        QT_TRANSLATE_NOOP("labels", "Versi aplikasi terlalu lama untuk server Puskesmas."),
        QT_TRANSLATE_NOOP("labels", "Mohon perbarui aplikasi."),
    ),
    "bad_settings": (
        QT_TRANSLATE_NOOP("labels", "Alamat server atau berkas sertifikat tidak bisa dipakai."),
        QT_TRANSLATE_NOOP(
            "labels",
            "Periksa Pengaturan: alamat harus diawali https:// dan berkas sertifikat harus ada.",
        ),
    ),
    "local_fault": (
        QT_TRANSLATE_NOOP(
            "labels", "Sinkronisasi terganggu; data tetap aman dan akan dicoba lagi."
        ),
    ),
}

# Entries the server refused, by its reason code: the server's own Indonesian words
# (`sync.server.store.MESSAGES`; tests/ui/test_labels.py keeps them equal).
SYNC_REFUSAL_TEXT = {
    "unknown_type": QT_TRANSLATE_NOOP("labels", "Jenis data tidak dikenal oleh server Puskesmas."),
    "invalid_item": QT_TRANSLATE_NOOP("labels", "Data tidak lengkap atau formatnya salah."),
    "hash_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Data berubah atau rusak di perjalanan (kode cek tidak cocok)."
    ),
    "bad_payload": QT_TRANSLATE_NOOP("labels", "Isi data tidak bisa dibaca oleh server Puskesmas."),
    "type_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Jenis data tidak cocok dengan data yang sudah ada di server."
    ),
    "wrong_area": QT_TRANSLATE_NOOP(
        "labels", "Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya."
    ),
    "conflict": QT_TRANSLATE_NOOP(
        "labels", "Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas."
    ),
    "too_large": QT_TRANSLATE_NOOP(
        "labels", "Data ini terlalu besar untuk diterima server Puskesmas."
    ),
}

NIK_ERROR_TEXT = {
    "length": QT_TRANSLATE_NOOP("labels", "NIK harus 16 angka"),
    "not_digits": QT_TRANSLATE_NOOP("labels", "NIK hanya boleh berisi angka"),
    "province": QT_TRANSLATE_NOOP("labels", "Kode provinsi pada NIK tidak dikenal"),
    "month": QT_TRANSLATE_NOOP("labels", "Bulan lahir pada NIK tidak valid"),
    "day": QT_TRANSLATE_NOOP("labels", "Tanggal lahir pada NIK tidak valid"),
    "date": QT_TRANSLATE_NOOP("labels", "Tanggal lahir pada NIK tidak ada di kalender"),
    "serial": QT_TRANSLATE_NOOP("labels", "Nomor urut pada NIK tidak boleh 0000"),
}

NIK_WARNING_TEXT = {
    "birth_date_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Tanggal lahir pada NIK berbeda dengan tanggal lahir yang diisi (boleh disimpan)"
    ),
    "sex_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Jenis kelamin pada NIK berbeda dengan yang diisi (boleh disimpan)"
    ),
}

KK_ERROR_TEXT = {
    "not_digits": QT_TRANSLATE_NOOP("labels", "No. KK hanya boleh berisi angka"),
    "length": QT_TRANSLATE_NOOP("labels", "No. KK harus 16 angka"),
    "province": QT_TRANSLATE_NOOP("labels", "Kode provinsi pada No. KK tidak dikenal"),
}

# The resident form's own fields; sex and birth date are the vocabulary's (GENERAL_FIELDS).
PERSON_FIELD_TEXT = {
    "name": QT_TRANSLATE_NOOP("labels", "Nama"),
    "nik": QT_TRANSLATE_NOOP("labels", "NIK"),
    "kk": QT_TRANSLATE_NOOP("labels", "No. KK"),
    "reason": QT_TRANSLATE_NOOP("labels", "Alasan"),
    "visit": QT_TRANSLATE_NOOP("labels", "Pemeriksaan"),
    "place": QT_TRANSLATE_NOOP("labels", "Tempat"),
}

PERSON_ERROR_TEXT = {
    "empty": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
    "required": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
    "invalid": QT_TRANSLATE_NOOP("labels", "{field} tidak valid"),
    "in_future": QT_TRANSLATE_NOOP("labels", "{field} tidak boleh di masa depan"),
    "voided": QT_TRANSLATE_NOOP("labels", "{field} ini sudah dibatalkan"),
    "blank": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
}


# The Register names the measurement time where the vocabulary says the screening date.
_VOCABULARY_FIELD = {"measured_at": "date"}


def person_field_text(field: str) -> str:
    text = PERSON_FIELD_TEXT.get(field)
    if text:
        return tr(text)
    return words.field_text("", _VOCABULARY_FIELD.get(field, field), lang=language())


def nik_error_text(code: str | None) -> str:
    text = NIK_ERROR_TEXT.get(code or "")
    return tr(text) if text else tr(QT_TRANSLATE_NOOP("labels", "NIK tidak valid"))


def nik_warning_text(code: str) -> str:
    text = NIK_WARNING_TEXT.get(code)
    return tr(text) if text else code


def person_error_text(*, field: str, code: str) -> str:
    if field == "nik":
        return nik_error_text(code)
    if field == "kk":
        text = KK_ERROR_TEXT.get(code)
        if text:
            return tr(text)
    template = PERSON_ERROR_TEXT.get(code, PERSON_ERROR_TEXT["invalid"])
    return tr(template).format_map(_Field(field=person_field_text(field)))


class _Field(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def sync_failure_text(code: str, *, fallback: str) -> str:
    """Why sending failed and what to do, in the kader's language (``fallback`` if unknown)."""
    sentences = SYNC_FAILURE_TEXT.get(code)
    return " ".join(tr(s) for s in sentences) if sentences else fallback


def sync_refusal_text(code: str, *, fallback: str) -> str:
    """Why the server refused an entry, in the kader's language (``fallback`` if unknown)."""
    text = SYNC_REFUSAL_TEXT.get(code)
    return tr(text) if text else fallback
