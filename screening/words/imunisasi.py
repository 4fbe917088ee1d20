"""Words of the routine immunisation section: statuses, antigens and each dose."""

from __future__ import annotations

from screening.rules.imunisasi import ANTIGENS, DOSES
from screening.words import SectionWords, W

_DOSE_NAMES = {
    "hb0": ("HB0 (hepatitis B lahir)", "HB0 (hepatitis B birth dose)"),
    "bcg": ("BCG", "BCG"),
    "opv": ("Polio tetes (OPV)", "Oral polio (OPV)"),
    "dpt_hb_hib": ("DPT-HB-Hib", "DPT-HB-Hib"),
    "rv": ("Rotavirus (RV)", "Rotavirus (RV)"),
    "pcv": ("Pneumokokus (PCV)", "Pneumococcal (PCV)"),
    "ipv": ("Polio suntik (IPV)", "Injected polio (IPV)"),
    "mr": ("Campak-rubela (MR)", "Measles-rubella (MR)"),
    "je": ("Japanese encephalitis (JE)", "Japanese encephalitis (JE)"),
}
_ANTIGENS = {code: W(name_id, name_en) for code, (name_id, name_en) in _DOSE_NAMES.items()}


def _dose(code: str) -> W:
    if code in _ANTIGENS:
        return _ANTIGENS[code]
    antigen, number = code.rsplit("_", 1)
    name_id, name_en = _DOSE_NAMES[antigen]
    return W(f"{name_id} dosis {number}", f"{name_en} dose {number}")


WORDS = SectionWords(
    title=W("Imunisasi", "Immunisation"),
    classes={
        "overdue": W("Ada imunisasi terlambat", "Immunisation overdue"),
        "due": W("Ada imunisasi jatuh tempo", "Immunisation due"),
        "not_due": W("Sesuai jadwal", "On schedule"),
        "missed": W("Ada imunisasi terlewat", "Immunisation missed"),
        "complete": W("Lengkap", "Complete"),
    },
    reasons={
        "immunisation_overdue": W("Terlambat: {antigens}.", "Overdue: {antigens}."),
        "immunisation_due": W("Jatuh tempo: {antigens}.", "Due: {antigens}."),
        "immunisation_not_due": W("Belum waktunya: {antigens}.", "Not yet due: {antigens}."),
        "immunisation_missed": W(
            "Terlewat (tidak diberikan lagi): {antigens}.",
            "Missed (no longer given): {antigens}.",
        ),
        "immunisation_complete": W("Sudah lengkap: {antigens}.", "Complete: {antigens}."),
        "immunisation_idl": W(
            "Imunisasi Dasar Lengkap (IDL) tercapai.", "Complete basic immunisation reached."
        ),
    },
    fields={
        "doses": W("Imunisasi yang dicatat", "Doses recorded"),
        "reviewed": W(
            "Sudah dicek di buku KIA: tidak ada imunisasi baru",
            "Checked in the KIA book: no new immunisation",
        ),
        **{code: _dose(code) for code in DOSES},
    },
    items={
        **{code: _ANTIGENS[code] for code in ANTIGENS},
        "date_hint": W(
            "Tanggal diberikan: hh-bb-tttt (tekan H untuk hari ini).",
            "Date given: dd-mm-yyyy (press H for today).",
        ),
    },
    next_steps={
        "overdue": W(
            "Jadwalkan imunisasi yang terlambat dengan bidan segera.",
            "Schedule the overdue immunisation with the midwife soon.",
        ),
        "due": W(
            "Jadwalkan imunisasi yang jatuh tempo dengan bidan.",
            "Schedule the immunisation due with the midwife.",
        ),
        "not_due": W(
            "Ingatkan jadwal imunisasi berikutnya.", "Remind the family of the next immunisation."
        ),
        "missed": W(
            "Catat; tanyakan ke bidan imunisasi berikutnya.",
            "Record it; ask the midwife about the next immunisation.",
        ),
        "complete": W(
            "Imunisasi lengkap; lanjutkan timbang.", "Immunisation complete; keep weighing."
        ),
    },
)
