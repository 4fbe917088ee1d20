"""Words of sasaran and SPM coverage: the life-cycle groups, the indicators, S-K-D-N."""

from __future__ import annotations

from screening.words import Language, W

GROUPS = {
    "bayi": W("Bayi (0–11 bulan)", "Infants (0–11 months)"),
    "balita": W("Balita (0–59 bulan)", "Under-fives (0–59 months)"),
    "anak_usia_sekolah": W("Anak usia sekolah (7–15 tahun)", "School-age children (7–15 years)"),
    "remaja": W("Remaja (10–18 tahun)", "Adolescents (10–18 years)"),
    "usia_produktif": W("Usia produktif (15–59 tahun)", "Working age (15–59 years)"),
    "lansia": W("Lansia (60 tahun ke atas)", "Older people (60 years and over)"),
    "ibu_hamil": W("Ibu hamil", "Pregnant women"),
    "hipertensi": W("Penderita hipertensi (hasil skrining)", "People with hypertension (screened)"),
    "dm": W("Curiga diabetes (hasil skrining)", "Suspected diabetes (screened)"),
    "terduga_tbc": W("Terduga TBC tahun ini", "Presumptive TB this year"),
}
INDICATORS = {
    "usia_produktif_skrining": W(
        "Usia produktif mendapat skrining kesehatan (tahun ini)",
        "Working-age people screened (this year)",
    ),
    "lansia_skrining": W(
        "Lansia mendapat skrining kesehatan (tahun ini)", "Older people screened (this year)"
    ),
    "ibu_hamil_dilayani": W(
        "Ibu hamil dilayani di Posyandu (bulan ini)", "Pregnant women served (this month)"
    ),
    "balita_ditimbang": W(
        "Balita ditimbang (D/S, bulan ini)", "Under-fives weighed (D/S, this month)"
    ),
    "hipertensi_dipantau": W(
        "Penderita hipertensi dipantau tensinya (bulan ini)",
        "People with hypertension followed up (this month)",
    ),
    "dm_dipantau": W(
        "Curiga diabetes dipantau gula darahnya (bulan ini)",
        "Suspected diabetes followed up (this month)",
    ),
    "terduga_tbc_diperiksa": W(
        "Terduga TBC sudah diperiksa di Puskesmas", "Presumptive TB examined at the Puskesmas"
    ),
}
SOURCES = {
    "register": W("dari register", "from the register"),
    "estimate": W("perkiraan Puskesmas", "Puskesmas estimate"),
}
SKDN = {
    "s": W("S: semua balita", "S: all under-fives"),
    "k": W("K: punya Buku KIA", "K: with a KIA book"),
    "d": W("D: ditimbang bulan ini", "D: weighed this month"),
    "n": W("N: berat badan naik", "N: gained weight"),
    "t": W("T: tidak naik (termasuk 2T)", "T: did not gain (2T included)"),
    "two_t": W("2T: tidak naik dua kali", "2T: did not gain twice"),
    "bgm": W("BGM: di bawah garis merah", "BGM: below the red line"),
    "o": W("O: bulan lalu tidak ditimbang", "O: not weighed last month"),
    "b": W("B: baru pertama ditimbang", "B: weighed for the first time"),
}


def group_text(code: str, lang: Language = "id") -> str:
    words = GROUPS.get(code)
    return words.get(lang) if words else code


def indicator_text(code: str, lang: Language = "id") -> str:
    words = INDICATORS.get(code)
    return words.get(lang) if words else code
