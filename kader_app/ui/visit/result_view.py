"""``ResultView``: one section's live outcome on the form, in words beside its colour.

Shows what the rules answered: nothing yet, incomplete (what is missing), refused (why), or
complete (class, reasons, next step). It never works anything out itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import (
    class_text,
    level_text,
    missing_text,
    next_step_text,
    reason_text,
    refusal_text,
    section_title,
    state_text,
)
from kader_app.ui.level_badge import LevelBadge
from screening.rules.common import RuleInputError
from screening.rules.section import SectionResult


class ResultView(QFrame):
    """The answer for section ``code``: a badge, then the lines that explain it."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("resultView")
        layout = QVBoxLayout(self)
        # No alignment: an aligned layout gives wrapped lines their size hint, not the height
        # their width needs, and a long next step overlapped the line above it.
        heading = QLabel(section_title(code), self)
        heading.setObjectName("resultHeading")
        layout.addWidget(heading)
        self.badge = LevelBadge(self)
        layout.addWidget(self.badge)
        self._lines = QVBoxLayout()
        layout.addLayout(self._lines)
        self.show_not_asked()

    def _set_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        while self._lines.count():
            item = self._lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for text, name in lines:
            label = QLabel(text, self)
            label.setObjectName(name)
            label.setWordWrap(True)
            self._lines.addWidget(label)

    def show_not_asked(self) -> None:
        self.badge.set_neutral(self.tr("Belum diisi"))
        self._set_lines([])

    def show_refused(self, errors: Sequence[RuleInputError]) -> None:
        self.badge.set_neutral(self.tr("Periksa isian"))
        self._set_lines([("✖ " + refusal_text(e), "resultProblem") for e in errors])

    def show_question(self, question: str) -> None:
        self.badge.set_neutral(self.tr("Tanya dulu"))
        self._set_lines([(question, "resultMissing")])

    def show_result(self, result: SectionResult) -> None:
        if not result.is_complete:
            self.badge.set_neutral(state_text(result.state))
            self._set_lines([(missing_text(result.section, result.missing), "resultMissing")])
            return
        assert result.level is not None
        self.badge.set_level(
            result.level,
            f"{class_text(result.section, result.code)} — {level_text(result.level)}",
        )
        lines = [(reason_text(r), "resultReason") for r in result.reasons]
        step = next_step_text(result.section, result.code, result.level)
        if step:
            lines.append((self.tr("Langkah: ") + step, "resultNextStep"))
        self._set_lines(lines)

    def all_text(self) -> str:
        """Everything the kader reads in this view, top to bottom (for checks and readers)."""
        texts = [self.badge.text()]
        for index in range(self._lines.count()):
            item = self._lines.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                texts.append(widget.text())
        return "\n".join(texts)
