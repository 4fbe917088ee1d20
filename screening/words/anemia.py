"""Words of the anaemia (haemoglobin) section."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Anemia (Hb)", "Anaemia (Hb)"),
    classes={
        "normal": W("Tidak anemia", "No anaemia"),
        "anemia_ringan": W("Anemia ringan", "Mild anaemia"),
        "anemia_sedang": W("Anemia sedang", "Moderate anaemia"),
        "anemia_berat": W("Anemia berat", "Severe anaemia"),
    },
    reasons={
        "anemia_hb": W(
            "Hb {hb_g_dl} g/dL; normal untuk {group} mulai {normal_from} g/dL.",
            "Hb {hb_g_dl} g/dL; normal for {group} from {normal_from} g/dL.",
        ),
    },
    fields={
        "hb_g_dl": W("Hemoglobin (Hb)", "Haemoglobin (Hb)"),
        "pregnant": W(
            "Hamil (hanya perempuan usia 10–55 tahun)", "Pregnant (women aged 10–55 only)"
        ),
    },
    items={
        "pregnant": W("ibu hamil", "pregnant women"),
        "age_5_11": W("anak 5–11 tahun", "children aged 5–11"),
        "age_12_14_or_women": W(
            "anak 12–14 tahun dan perempuan 15 tahun ke atas",
            "children aged 12–14 and women from 15",
        ),
        "men": W("laki-laki 15 tahun ke atas", "men from 15"),
    },
    next_steps={
        "normal": W("Lanjutkan minum TTD sesuai anjuran.", "Continue iron tablets as advised."),
        "anemia_ringan": W(
            "Rujuk ke Pustu/Puskesmas untuk tatalaksana anemia; lanjutkan TTD.",
            "Refer to the Pustu/Puskesmas for anaemia care; continue iron tablets.",
        ),
        "anemia_sedang": W(
            "Rujuk ke Pustu/Puskesmas untuk tatalaksana anemia; lanjutkan TTD.",
            "Refer to the Pustu/Puskesmas for anaemia care; continue iron tablets.",
        ),
        "anemia_berat": W("Hubungi nakes hari ini.", "Contact a health worker today."),
    },
    summary=W("Hb {hb_g_dl} g/dL", "Hb {hb_g_dl} g/dL"),
)
