"""``LevelBadge``: a coloured label that always carries words, never colour alone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kader_app.ui.labels import level_colours, level_text
from screening.rules.common import Level


class LevelBadge(QLabel):
    """Shows ``text`` (or the level's own words) on the level's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelBadge")
        self.setWordWrap(True)
        self.level: Level | None = None
        self._sheet = ""
        self.clear_level()

    def set_level(self, level: Level | str, text: str | None = None) -> None:
        self.level = Level(level)
        background, foreground = level_colours(self.level)
        self.setText(text if text is not None else level_text(self.level))
        self._style(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 4px;"
            " padding: 2px 8px; font-weight: bold; }"
        )
        self.setAccessibleName(level_text(self.level))

    def set_neutral(self, text: str) -> None:
        self.level = None
        self.setText(text)
        self._style(
            "QLabel { background: #e6e6e6; color: #333333; border-radius: 4px; padding: 2px 8px; }"
        )

    def _style(self, sheet: str) -> None:
        # Restyling is costly and the form re-sets every badge on each keystroke: only on change.
        if sheet != self._sheet:
            self._sheet = sheet
            self.setStyleSheet(sheet)

    def clear_level(self) -> None:
        self.set_neutral(self.tr("Belum diisi"))
