"""Words of the iron-folic acid tablets (TTD) section."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Tablet tambah darah (TTD)", "Iron-folic acid tablets"),
    short=W("TTD", "IFA tablets"),
    classes={"tercatat": W("Tercatat", "Recorded")},
    reasons={
        "ttd_recorded": W(
            "Diberikan {given} tablet; jumlah selama kehamilan ini {total} tablet.",
            "{given} tablets given; {total} so far this pregnancy.",
        ),
    },
    fields={
        "given": W("TTD diberikan hari ini (tablet)", "Tablets given today"),
        "entries": W("TTD kunjungan sebelumnya", "Tablets at earlier visits"),
        "pregnant": W(
            "Hamil (hanya perempuan usia 10–55 tahun)", "Pregnant (women aged 10–55 only)"
        ),
    },
    next_steps={
        "tercatat": W(
            "Ingatkan minum 1 tablet (Fe 60 mg + asam folat) tiap hari.",
            "Remind her to take 1 tablet (iron 60 mg + folic acid) every day.",
        ),
    },
    summary=W("{total} tablet", "{total} tablets"),
)
