"""``SectionPage``: one tab of the screening form, holding the panels of one registry group.

The panels' inputs scroll on the left; each section's result stays in view on the right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kader_app.ui.labels import section_title
from kader_app.ui.visit.result_view import ResultView
from kader_app.ui.visit.section_panel import SectionPanel


class SectionPage(QWidget):
    """The sections of group ``group``, kept in the order given by ``position``."""

    def __init__(self, group: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.panels: list[SectionPanel] = []
        self._positions: list[int] = []
        outer = QHBoxLayout(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a tab stop of its own: the keyboard goes from field to field.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inputs = QWidget(self.scroll_area)
        self._inputs = QVBoxLayout(inputs)
        self._inputs.addStretch(1)
        self.scroll_area.setWidget(inputs)
        outer.addWidget(self.scroll_area, 3)
        # A balita's five sections stack more results than a 768-pixel screen holds: they scroll.
        self.results_area = QScrollArea(self)
        self.results_area.setWidgetResizable(True)
        self.results_area.setFrameShape(QFrame.Shape.NoFrame)
        self.results_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_area.setMinimumWidth(320)
        self.results_area.setMaximumWidth(400)
        results = QWidget(self.results_area)
        self._results = QVBoxLayout(results)
        self._results.setContentsMargins(0, 0, 0, 0)
        self._results.addStretch(1)
        self.results_area.setWidget(results)
        outer.addWidget(self.results_area, 1)

    def add(self, panel: SectionPanel, view: ResultView, *, position: int) -> None:
        at = sum(1 for p in self._positions if p < position)
        self._positions.insert(at, position)
        self.panels.insert(at, panel)
        panel.setParent(self.scroll_area.widget())
        self._inputs.insertWidget(at, panel)
        view.setParent(self.results_area.widget())
        self._results.insertWidget(at, view)

    def show_widget(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` (one of this page's fields) is in view."""
        self.scroll_area.ensureWidgetVisible(widget, 20, 20)

    def title(self) -> str:
        return " · ".join(section_title(panel.code) for panel in self.panels)
