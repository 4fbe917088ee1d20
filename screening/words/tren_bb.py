"""Words of the weight-trend section: N, T, 2T, O, B as the KMS and Buku KIA say them."""

from __future__ import annotations

from collections.abc import Mapping

from screening.words import Language, SectionWords, W, number_text


def _summary(values: Mapping[str, object], lang: Language) -> str:
    weight = values.get("weight_kg")
    gain = values.get("gain_g")
    text = f"{number_text(weight, lang)} kg" if weight is not None else ""
    if isinstance(gain, int):
        text += f" ({'+' if gain >= 0 else ''}{gain} g)"
    return text


WORDS = SectionWords(
    title=W("Tren berat badan (N/T)", "Weight trend (N/T)"),
    short=W("Tren BB", "Weight trend"),
    classes={
        "N": W("N (Naik)", "N (gained)"),
        "T": W("T (Tidak naik)", "T (did not gain)"),
        "2T": W("2T (dua kali tidak naik)", "2T (twice not gained)"),
        "O": W("O (bulan lalu tidak ditimbang)", "O (not weighed last month)"),
        "B": W("B (baru pertama ditimbang)", "B (first weighing)"),
    },
    reasons={
        "weight_gained": W(
            "Naik {gain_g} g sejak bulan lalu (kenaikan minimal {kbm_g} g).",
            "Gained {gain_g} g since last month (minimum gain {kbm_g} g).",
        ),
        "weight_not_gained": W(
            "Berubah {gain_g} g sejak bulan lalu, kurang dari kenaikan minimal {kbm_g} g.",
            "Changed {gain_g} g since last month, below the minimum gain of {kbm_g} g.",
        ),
        "weight_two_t": W(
            "Bulan lalu juga tidak naik (2T).", "Did not gain last month either (2T)."
        ),
        "weight_first_weighing": W(
            "Penimbangan pertama: belum ada pembanding.", "First weighing: nothing to compare."
        ),
        "weight_month_missed": W(
            "Bulan lalu tidak ditimbang: tidak dapat dinilai naik atau tidak.",
            "Not weighed last month: gain cannot be judged.",
        ),
    },
    fields={
        "weighings": W("Penimbangan sebelumnya", "Earlier weighings"),
        "kbm_table": W("Tabel kenaikan berat minimal (KBM)", "Minimum weight gain table"),
    },
    next_steps={
        "N": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
        "B": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
        "O": W("Ingatkan datang tiap bulan.", "Remind the family to come every month."),
        "T": W("BB tidak naik: rujuk ke nakes.", "Weight not gained: refer to a health worker."),
        "2T": W("2T: rujuk ke Puskesmas.", "2T: refer to the Puskesmas."),
    },
    summary=_summary,
)
