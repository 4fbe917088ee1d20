"""``VisitSummary``: the top of the screening form — the visit's banner and one badge per section.

Shows the rules' answer: the banner holds the highest level of the complete sections ("Belum
ada hasil" before one is complete); each badge says its section's state in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import (
    class_text,
    level_text,
    no_result_text,
    section_short_title,
    section_title,
    state_text,
)
from kader_app.ui.level_badge import LevelBadge
from screening.rules.common import Level, RuleInputError
from screening.rules.section import SectionResult, SectionState, visit_level


class VisitSummary(QWidget):
    """``banner``, ``banner_reasons`` (the flagged sections) and ``badges`` by section code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = LevelBadge(self)
        self.banner.setObjectName("visitBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        self.banner_reasons = QLabel(self)
        self.banner_reasons.setObjectName("bannerReasons")
        self.banner_reasons.setWordWrap(True)
        layout.addWidget(self.banner_reasons)
        self._badges = QHBoxLayout()
        layout.addLayout(self._badges)
        self.badges: dict[str, LevelBadge] = {}

    def add_badge(self, code: str, *, at: int) -> None:
        badge = LevelBadge(self)
        badge.setObjectName("summaryBadge")
        self._badges.insertWidget(at, badge, 1)
        self.badges[code] = badge

    def show_section(
        self, code: str, result: SectionResult | None, errors: Sequence[RuleInputError]
    ) -> None:
        badge, title = self.badges[code], section_short_title(code)
        if errors:
            badge.set_neutral(f"{title}: " + self.tr("periksa isian"))
        elif result is None:
            badge.set_neutral(f"{title}: " + self.tr("belum diisi"))
        elif result.is_complete and result.level is not None:
            badge.set_level(result.level, f"{title}: {class_text(code, result.code)}")
        else:
            badge.set_neutral(f"{title}: {state_text(SectionState.INCOMPLETE).lower()}")

    def show_question(self, code: str) -> None:
        self.badges[code].set_neutral(f"{section_short_title(code)}: " + self.tr("tanya dulu"))

    def show_visit(self, complete: Sequence[SectionResult]) -> None:
        """The banner for the sections that are ``complete`` (and nothing refused)."""
        level = visit_level(tuple(complete))
        if level is None:
            self.banner.set_neutral(no_result_text())
            self.banner_reasons.setText("")
            return
        self.banner.set_level(
            level, self.tr("Hasil skrining: {level}").format(level=level_text(level))
        )
        flagged = [
            f"{section_title(r.section)}: {class_text(r.section, r.code)}"
            for r in complete
            if r.level is not Level.NONE
        ]
        self.banner_reasons.setText(
            "; ".join(flagged) if flagged else self.tr("Semua hasil dalam batas normal.")
        )
