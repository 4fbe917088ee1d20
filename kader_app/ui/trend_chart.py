"""``TrendChartPanel``: one resident's tensi, gula darah, berat badan or kolesterol over time.

The class bands of the rules are shaded behind the line, in the level's colour, with their
words in the legend. This module loads QtCharts (pyside6-addons); it is imported only when a
chart is first shown, so the app starts without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kader_app.core.models import VisitRecord
from kader_app.ui.labels import class_text, field_text, level_colours, section_title
from kader_app.ui.trend_data import Band, Trend, trends
from screening.rules.section import RuleSettings

LINE_COLOURS = ("#1d3f8a", "#6b2c91")


def trend_title(trend: Trend) -> str:
    if trend.key == "weight":
        return field_text("bmi", "weight_kg")
    if trend.key.startswith("blood_pressure_"):
        name = field_text("blood_pressure", trend.key.removeprefix("blood_pressure_"))
        return f"{section_title(trend.section)}: {name}"
    return section_title(trend.section)


def line_title(trend: Trend, _name: str) -> str:
    return f"{trend_title(trend)} ({trend.unit})"


def band_colours(bands: Sequence[Band]) -> list[str]:
    """Each band's shade: its level's colour on white, alternately lighter and darker.

    Neighbours that share a level (Optimal and Normal) so stay apart.
    """
    shades: list[tuple[str, float]] = []
    for index, band in enumerate(bands):
        same = index > 0 and bands[index - 1].level is band.level
        strength = 0.22 if not same or shades[-1][1] > 0.3 else 0.4
        shades.append((_on_white(level_colours(band.level)[0], strength), strength))
    return [colour for colour, _ in shades]


def _on_white(colour: str, strength: float) -> str:
    base = QColor(colour)
    mixed = [round(255 - (255 - c) * strength) for c in (base.red(), base.green(), base.blue())]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def legend_html(trend: Trend, shaded: Sequence[Band], colours: Sequence[str]) -> str:
    """The bands' colours and words, one coloured square each, then the line."""
    parts = [
        f'<span style="color:{colour}">■</span>&nbsp;' + escape(class_text(band.section, band.code))
        for band, colour in zip(shaded, colours, strict=True)
    ]
    line = escape(line_title(trend, ""))
    parts.append(f'<span style="color:{LINE_COLOURS[0]}">●</span>&nbsp;{line}')
    return " &nbsp; ".join(parts)


def _msecs(when: datetime) -> float:
    return when.timestamp() * 1000


def _qdatetime(when: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_msecs(when)))


class TrendChartPanel(QWidget):
    """A measure chooser and its chart; ``show_history`` gives it a resident's visits."""

    def __init__(self, *, settings: RuleSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.trends: list[Trend] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Grafik:"), self))
        self.measure_combo = QComboBox(self)
        top.addWidget(self.measure_combo, 1)
        layout.addLayout(top)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(260)
        layout.addWidget(self.view, 1)
        # Qt's own legend cuts long class names short; this one wraps and shows them whole.
        self.chart.legend().hide()
        self.legend = QLabel(self)
        self.legend.setObjectName("chartLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self.empty = QLabel(self.tr("Belum ada hasil ukur untuk digambar."), self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.measure_combo.currentIndexChanged.connect(self._draw)

    def show_history(self, history: Sequence[VisitRecord]) -> None:
        self.trends = trends(history, self._settings)
        chosen = self.measure_combo.currentData()
        self.measure_combo.blockSignals(True)
        self.measure_combo.clear()
        for trend in self.trends:
            self.measure_combo.addItem(trend_title(trend), trend.key)
        at = self.measure_combo.findData(chosen)
        self.measure_combo.setCurrentIndex(max(0, at))
        self.measure_combo.blockSignals(False)
        self.empty.setVisible(not self.trends)
        self.view.setVisible(bool(self.trends))
        self.measure_combo.setEnabled(bool(self.trends))
        self._draw()

    def current(self) -> Trend | None:
        key = self.measure_combo.currentData()
        return next((t for t in self.trends if t.key == key), None)

    def _draw(self) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        trend = self.current()
        if trend is None:
            self.legend.setText("")
            return
        chart.setTitle(f"{trend_title(trend)} ({trend.unit})")
        when = [w for _, points in trend.lines for w, _ in points]
        values = [v for _, points in trend.lines for _, v in points]
        start, end = min(when) - timedelta(days=15), max(when) + timedelta(days=15)
        low = min(values) * 0.85
        high = max(values) * 1.15
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM yy")
        x_axis.setRange(_qdatetime(start), _qdatetime(end))
        y_axis = QValueAxis()
        y_axis.setRange(low, high)
        y_axis.setLabelFormat("%d")
        y_axis.applyNiceNumbers()
        low, high = y_axis.min(), y_axis.max()
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        shaded = [band for band in trend.bands if band.high > low and band.low < high]
        colours = band_colours(shaded)
        for band, colour in zip(shaded, colours, strict=True):
            self._shade(
                band, colour=colour, start=start, end=end, low=low, high=high, axes=(x_axis, y_axis)
            )
        self.legend.setText(legend_html(trend, shaded, colours))
        for index, (name, points) in enumerate(trend.lines):
            series = QLineSeries()
            series.setName(line_title(trend, name))
            series.setPointsVisible(True)
            series.setPen(QPen(QColor(LINE_COLOURS[index % len(LINE_COLOURS)]), 2.5))
            for when_at, value in points:
                series.append(_msecs(when_at), value)
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _shade(
        self,
        band: Band,
        *,
        colour: str,
        start: datetime,
        end: datetime,
        low: float,
        high: float,
        axes: tuple[QDateTimeAxis, QValueAxis],
    ) -> None:
        bottom, top = QLineSeries(), QLineSeries()
        for x in (_msecs(start), _msecs(end)):
            bottom.append(x, max(band.low, low))
            top.append(x, min(band.high, high))
        area = QAreaSeries(top, bottom)
        area.setName(class_text(band.section, band.code))
        area.setColor(QColor(colour))
        area.setBorderColor(QColor(colour))
        self.chart.addSeries(area)
        for axis in axes:
            area.attachAxis(axis)
        # The series own their boundary lines from here on.
        bottom.setParent(area)
        top.setParent(area)
