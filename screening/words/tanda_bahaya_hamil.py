"""Words of the pregnancy danger signs section (PPK FKTP, Buku KIA)."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Tanda bahaya kehamilan", "Pregnancy danger signs"),
    short=W("Tanda bahaya", "Danger signs"),
    classes={
        "ada_tanda_bahaya": W("Ada tanda bahaya", "Danger sign present"),
        "tidak_ada": W("Tidak ada tanda bahaya", "No danger sign"),
    },
    reasons={
        "danger_signs_present": W("Tanda bahaya: {signs}.", "Danger signs: {signs}."),
        "danger_signs_none": W("Tidak ada tanda bahaya yang ditemukan.", "No danger sign found."),
    },
    fields={
        "signs": W("Tanda bahaya", "Danger signs"),
        "pregnant": W(
            "Hamil (hanya perempuan usia 10–55 tahun)", "Pregnant (women aged 10–55 only)"
        ),
    },
    items={
        "sakit_kepala_hebat": W("Sakit kepala hebat/tidak biasa", "Severe or unusual headache"),
        "perdarahan": W("Perdarahan dari jalan lahir", "Bleeding from the birth canal"),
        "gangguan_penglihatan": W("Pandangan kabur", "Blurred vision"),
        "bengkak_wajah_tangan": W("Bengkak di wajah/tangan", "Swelling of the face or hands"),
        "muntah_berlebihan": W("Muntah terus-menerus", "Persistent vomiting"),
        "demam": W("Demam tinggi", "High fever"),
        "gerakan_janin_berkurang": W(
            "Gerakan janin berkurang/tidak terasa", "Baby moving less or not at all"
        ),
    },
    next_steps={
        "ada_tanda_bahaya": W(
            "Tanda bahaya kehamilan: segera ke bidan/Puskesmas hari ini.",
            "Pregnancy danger sign: go to the midwife/Puskesmas today.",
        ),
        "tidak_ada": W(
            "Ingatkan tanda bahaya di buku KIA.", "Go through the danger signs in the KIA book."
        ),
    },
)
