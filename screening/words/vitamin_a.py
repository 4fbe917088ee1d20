"""Words of the vitamin A section: the February and August rounds."""

from __future__ import annotations

from screening.words import SectionWords, W

_ROUND = {
    "february": W("putaran Februari (Februari–Juli)", "February round (February–July)"),
    "august": W("putaran Agustus (Agustus–Januari)", "August round (August–January)"),
}
_STATUS = {
    "given": W(
        "Kapsul vitamin A sudah diberikan pada {round}.", "Vitamin A capsule given in the {round}."
    ),
    "due": W("Bulan pemberian vitamin A: {round}.", "Vitamin A month: {round}."),
    "missed": W(
        "Belum mendapat vitamin A pada {round}: perlu sweeping.",
        "No vitamin A in the {round} yet: include in the sweeping.",
    ),
}

WORDS = SectionWords(
    title=W("Vitamin A", "Vitamin A"),
    classes={
        "given": W("Sudah diberikan", "Given"),
        "due": W("Waktunya diberikan", "Due"),
        "missed": W("Terlewat (sweeping)", "Missed (sweeping)"),
    },
    reasons={
        f"vitamin_a_{status}_{name}": W(
            text.id.replace("{round}", round_words.id), text.en.replace("{round}", round_words.en)
        )
        for status, text in _STATUS.items()
        for name, round_words in _ROUND.items()
    },
    fields={
        "given": W("Tanggal kapsul vitamin A", "Vitamin A capsule dates"),
        "today": W("Vitamin A hari ini", "Vitamin A today"),
    },
    next_steps={
        "given": W("Catat di buku KIA.", "Record it in the KIA book."),
        "due": W("Berikan kapsul vitamin A hari ini.", "Give the vitamin A capsule today."),
        "missed": W(
            "Masukkan ke daftar sweeping vitamin A.", "Add to the vitamin A sweeping list."
        ),
    },
)
