"""Words of the blood pressure in pregnancy section."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Tensi ibu hamil", "Blood pressure in pregnancy"),
    short=W("Tensi", "Blood pressure"),
    classes={
        "normal": W("Normal", "Normal"),
        "hipertensi_kehamilan": W("Hipertensi dalam kehamilan", "Hypertension in pregnancy"),
        "hipertensi_berat": W(
            "Hipertensi berat dalam kehamilan", "Severe hypertension in pregnancy"
        ),
    },
    reasons={
        "pregnancy_bp_single": W(
            "Tensi {systolic}/{diastolic} mmHg.", "Blood pressure {systolic}/{diastolic} mmHg."
        ),
        "pregnancy_bp_mean_of_two": W(
            "Rata-rata dua pengukuran: {systolic}/{diastolic} mmHg.",
            "Mean of two readings: {systolic}/{diastolic} mmHg.",
        ),
        "pregnancy_bp_row": W(
            "Sistolik {systolic_from} ke atas atau diastolik {diastolic_from} ke atas.",
            "Systolic {systolic_from} or more, or diastolic {diastolic_from} or more.",
        ),
        "pregnancy_bp_below": W(
            "Di bawah {systolic_from}/{diastolic_from} mmHg.",
            "Below {systolic_from}/{diastolic_from} mmHg.",
        ),
    },
    fields={
        "systolic": W("Sistolik (atas)", "Systolic (upper)"),
        "diastolic": W("Diastolik (bawah)", "Diastolic (lower)"),
        "readings": W("Pengukuran tensi", "Blood pressure readings"),
        "pregnant": W(
            "Hamil (hanya perempuan usia 10–55 tahun)", "Pregnant (women aged 10–55 only)"
        ),
    },
    next_steps={
        "hipertensi_berat": W("Hubungi bidan/nakes hari ini.", "Contact the midwife today."),
        "hipertensi_kehamilan": W("Rujuk ke bidan/Puskesmas.", "Refer to the midwife/Puskesmas."),
        "normal": W("Ukur lagi pada kunjungan berikutnya.", "Measure again at the next visit."),
    },
    summary=W("{systolic}/{diastolic} mmHg", "{systolic}/{diastolic} mmHg"),
    index_label=W("pengukuran {n}", "reading {n}"),
)
