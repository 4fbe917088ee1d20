"""Words of the SRQ-20 section: title, classes, reasons, and the twenty questions by key."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Jiwa (SRQ-20)", "Mental health (SRQ-20)"),
    classes={
        "normal": W("Normal", "Normal"),
        "berpotensi_masalah_jiwa": W(
            "Berpotensi masalah kesehatan jiwa", "Possible mental health problem"
        ),
        "belum_lengkap": W("Belum lengkap", "Incomplete"),
        "not_classified": W(
            "Tidak dinilai (di bawah batas usia)", "Not classified (below the age limit)"
        ),
    },
    reasons={
        "srq20_suicidal_thoughts": W(
            'Nomor {item} dijawab "ya": ada pikiran untuk mengakhiri hidup.',
            'Item {item} answered "yes": thoughts of ending their life.',
        ),
        "srq20_incomplete": W("Belum dijawab: nomor {missing}.", "Unanswered: items {missing}."),
        "srq20_score_high": W(
            'Jawaban "ya": {score} (batas {threshold}).',
            '"Yes" answers: {score} (threshold {threshold}).',
        ),
        "srq20_score_normal": W(
            'Jawaban "ya": {score} (di bawah {threshold}).',
            '"Yes" answers: {score} (below {threshold}).',
        ),
    },
    fields={
        "answers": W("Jawaban", "Answers"),
        "answer": W("Pertanyaan", "Question"),
    },
    items={
        "headaches": W("Apakah Anda sering sakit kepala?", "Do you often have headaches?"),
        "poor_appetite": W("Apakah nafsu makan Anda buruk?", "Is your appetite poor?"),
        "poor_sleep": W("Apakah Anda tidak bisa tidur nyenyak?", "Do you sleep badly?"),
        "easily_frightened": W("Apakah Anda mudah merasa takut?", "Are you easily frightened?"),
        "anxious_tense_worried": W(
            "Apakah Anda merasa cemas, tegang, atau khawatir?",
            "Do you feel nervous, tense or worried?",
        ),
        "hands_shake": W("Apakah tangan Anda gemetar?", "Do your hands shake?"),
        "poor_digestion": W(
            "Apakah pencernaan Anda terganggu atau buruk?", "Is your digestion poor?"
        ),
        "trouble_thinking_clearly": W(
            "Apakah Anda sulit berpikir dengan jernih?", "Do you have trouble thinking clearly?"
        ),
        "unhappy": W("Apakah Anda merasa tidak bahagia?", "Do you feel unhappy?"),
        "cries_more": W(
            "Apakah Anda menangis lebih sering dari biasanya?", "Do you cry more than usual?"
        ),
        "no_enjoyment": W(
            "Apakah Anda sulit menikmati kegiatan sehari-hari?",
            "Do you find it hard to enjoy your daily activities?",
        ),
        "difficulty_deciding": W(
            "Apakah Anda sulit mengambil keputusan?", "Do you find it hard to make decisions?"
        ),
        "daily_work_suffers": W(
            "Apakah pekerjaan sehari-hari Anda terganggu?", "Is your daily work suffering?"
        ),
        "unable_to_play_useful_part": W(
            "Apakah Anda tidak mampu berperan dalam hidup ini?",
            "Are you unable to play a useful part in life?",
        ),
        "lost_interest": W(
            "Apakah Anda kehilangan minat pada berbagai hal?", "Have you lost interest in things?"
        ),
        "feels_worthless": W("Apakah Anda merasa tidak berharga?", "Do you feel worthless?"),
        "suicidal_thoughts": W(
            "Apakah Anda punya pikiran untuk mengakhiri hidup?",
            "Have you had thoughts of ending your life?",
        ),
        "always_tired": W(
            "Apakah Anda merasa lelah sepanjang waktu?", "Do you feel tired all the time?"
        ),
        "stomach_discomfort": W(
            "Apakah ada rasa tidak enak di perut Anda?",
            "Do you have uncomfortable feelings in your stomach?",
        ),
        "easily_tired": W("Apakah Anda mudah lelah?", "Are you easily tired?"),
    },
    next_steps={
        "berpotensi_masalah_jiwa/refer": W(
            "Rujuk ke Puskesmas untuk pemeriksaan kesehatan jiwa.",
            "Refer to the Puskesmas for a mental health assessment.",
        ),
        "berpotensi_masalah_jiwa/urgent": W(
            "Hubungi nakes hari ini; temani warga dan jangan tinggalkan sendirian.",
            "Contact a health worker today; stay with the person and do not leave them alone.",
        ),
    },
    summary=W("skor {score}", "score {score}"),
    index_label=W("nomor {n}", "item {n}"),
    missing_items=W(
        "Belum dijawab: nomor {items} ({count} dari 20)",
        "Unanswered: items {items} ({count} of 20)",
    ),
)
