"""``KmsChart``: the KMS growth chart drawn with QPainter, on screen or into an image (PNG).

Draws a `KmsCurves` as the Buku KIA does: coloured bands between the WHO z-lines (−3, −2, 0,
+2, +3) for the child's sex, each measurement joined to the next, and each weighing's N/T mark
as the trend rule gave it. The same painting serves the widget, ``render_kms`` and PNG files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageWriter,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from kader_app.ui.labels import number_text, sex_text
from kader_app.ui.lifecycle_words import word
from screening.rules.kms_curves import (
    BAND_COLOUR,
    LINE_COLOUR,
    MARK_COLOUR,
    OTHER_MARK_COLOUR,
    POINT_COLOUR,
    Z_TEXT,
    KmsCurve,
    KmsCurves,
)

__all__ = [
    "BAND_COLOUR",
    "LINE_COLOUR",
    "MARK_COLOUR",
    "POINT_COLOUR",
    "KmsChart",
    "KmsFrame",
    "KmsTexts",
    "kms_frame",
    "kms_texts",
    "paint_kms",
    "render_kms",
    "save_kms_png",
]

POINT_RADIUS = 4.5
_MARGINS = (58.0, 40.0, 30.0, 46.0)  # left, top, right, bottom
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class KmsTexts:
    """The chart's words: its title, the age axis and the value's unit."""

    title: str
    age_axis: str
    unit: str


def kms_texts(curves: KmsCurves) -> KmsTexts:
    title = word("antropometri_balita", "items", f"kms_{curves.index}")
    return KmsTexts(
        title=f"{title} · {sex_text(curves.sex)}",
        age_axis=word("antropometri_balita", "items", "age_months"),
        unit="kg" if curves.index == "wfa" else "cm",
    )


@dataclass(frozen=True, slots=True)
class KmsFrame:
    """Where ages and values fall in a picture of the chart (for painting and for checks)."""

    plot: QRectF
    months: int
    low: float
    high: float

    def x(self, month: float) -> float:
        return self.plot.left() + self.plot.width() * month / self.months

    def y(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * (value - self.low) / (self.high - self.low)

    def at(self, month: float, value: float) -> QPointF:
        return QPointF(self.x(month), self.y(value))


def kms_frame(curves: KmsCurves, rect: QRectF) -> KmsFrame:
    left, top, right, bottom = _MARGINS
    plot = rect.adjusted(left, top, -right, -bottom)
    return KmsFrame(plot, curves.months, curves.low, curves.high)


def _font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(9, round(pixels)))
    font.setBold(bold)
    return font


# The z-lines as painted: the same lines in the same frame on every keystroke of a weighing.
_LINES: dict[tuple[object, ...], list[QPointF]] = {}
_LINES_KEPT = 64


def _line(frame: KmsFrame, curve: KmsCurve) -> list[QPointF]:
    plot = frame.plot
    key: tuple[object, ...] = (curve.points, plot.left(), plot.top(), plot.width())
    key += (plot.height(), frame.months, frame.low, frame.high)
    found = _LINES.get(key)
    if found is None:
        left, width, bottom, height = plot.left(), plot.width(), plot.bottom(), plot.height()
        per_month, low, per_value = (
            width / frame.months,
            frame.low,
            height / (frame.high - frame.low),
        )
        found = [
            QPointF(left + per_month * month, bottom - per_value * (value - low))
            for month, value in curve.points
        ]
        if len(_LINES) >= _LINES_KEPT:
            _LINES.clear()
        _LINES[key] = found
    return found


def _band(
    painter: QPainter, upper: Sequence[QPointF], lower: Sequence[QPointF], colour: str
) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawPolygon(QPolygonF([*upper, *reversed(lower)]))


def _bands(painter: QPainter, frame: KmsFrame, curves: KmsCurves) -> None:
    lines = {c.z: _line(frame, c) for c in curves.curves}
    plot = frame.plot
    top = [QPointF(p.x(), plot.top()) for p in lines[3]]
    bottom = [QPointF(p.x(), plot.bottom()) for p in lines[-3]]
    _band(painter, top, lines[3], BAND_COLOUR["outside"])
    _band(painter, lines[3], lines[2], BAND_COLOUR["near"])
    _band(painter, lines[2], lines[-2], BAND_COLOUR["middle"])
    _band(painter, lines[-2], lines[-3], BAND_COLOUR["near"])
    _band(painter, lines[-3], bottom, BAND_COLOUR["outside"])


def _label_step(pixels_per_unit: float, unit: float, minimum: float) -> float:
    for factor in (1, 2, 3, 5, 6, 10, 12, 20):
        if pixels_per_unit * unit * factor >= minimum:
            return unit * factor
    return unit * 20


def _grid_and_axes(painter: QPainter, frame: KmsFrame, curves: KmsCurves, texts: KmsTexts) -> None:
    plot = frame.plot
    painter.setFont(_font(12))
    grid = QPen(QColor("#b9b9b9"), 0.6)
    axis_text = QColor("#333333")
    month_step = _label_step(plot.width() / frame.months, 1, 26)
    month = 0.0
    while month <= frame.months + 1e-9:
        x = frame.x(month)
        painter.setPen(grid)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(axis_text)
        box = QRectF(x - 20, plot.bottom() + 3, 40, 16)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, number_text(int(month)))
        month += month_step
    span = frame.high - frame.low
    value_step = _label_step(plot.height() / span, curves.tick, 18)
    value = frame.low
    while value <= frame.high + 1e-9:
        y = frame.y(value)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(axis_text)
        box = QRectF(plot.left() - 46, y - 8, 40, 16)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(box, align, number_text(round(value, 1)))
        value += value_step
    painter.setPen(QPen(QColor("#444444"), 1.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(plot)
    painter.setPen(axis_text)
    below = QRectF(plot.left(), plot.bottom() + 20, plot.width(), 20)
    painter.drawText(below, Qt.AlignmentFlag.AlignCenter, texts.age_axis)
    unit_box = QRectF(plot.left() - 52, plot.top() - 22, 48, 18)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(unit_box, right, texts.unit)
    painter.setFont(_font(14, bold=True))
    title_box = QRectF(plot.left(), plot.top() - 28, plot.width(), 22)
    painter.drawText(title_box, _LEFT, texts.title)


def _z_lines(painter: QPainter, frame: KmsFrame, curves: KmsCurves) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for curve in curves.curves:
        colour = QColor(LINE_COLOUR[curve.z])
        painter.setPen(QPen(colour, 2.4 if curve.z == 0 else 1.8))
        painter.drawPolyline(QPolygonF(_line(frame, curve)))


def _points(painter: QPainter, frame: KmsFrame, curves: KmsCurves) -> None:
    if not curves.points:
        return
    centres = [frame.at(p.month, p.value) for p in curves.points]
    painter.setPen(QPen(QColor(POINT_COLOUR), 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(QPolygonF(centres))
    painter.setBrush(QColor(POINT_COLOUR))
    painter.setPen(Qt.PenStyle.NoPen)
    for centre in centres:
        painter.drawEllipse(centre, POINT_RADIUS, POINT_RADIUS)
    painter.setFont(_font(13, bold=True))
    metrics = painter.fontMetrics()
    for point, centre in zip(curves.points, centres, strict=True):
        if point.mark is None:
            continue
        # On a pale ground, so a mark stays readable where it crosses a z-line.
        width = metrics.horizontalAdvance(point.mark) + 4
        box = QRectF(centre.x() - width / 2, centre.y() - 26, width, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(MARK_COLOUR.get(point.mark, OTHER_MARK_COLOUR)))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, point.mark)


def paint_kms(
    painter: QPainter, rect: QRectF, curves: KmsCurves, texts: KmsTexts | None = None
) -> KmsFrame:
    """Paint the whole chart into ``rect``; returns where ages and values fell.

    Raises:
        ValueError: ``curves`` has no lines to draw (a sex the WHO tables do not know).
    """
    if not curves.drawable:
        raise ValueError("no WHO lines for this chart")
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("#ffffff"))
    frame = kms_frame(curves, rect)
    painter.save()
    painter.setClipRect(frame.plot)
    _bands(painter, frame, curves)
    painter.restore()
    _grid_and_axes(painter, frame, curves, texts or kms_texts(curves))
    painter.save()
    painter.setClipRect(frame.plot.adjusted(-2, -2, 2, 2))
    _z_lines(painter, frame, curves)
    painter.restore()
    painter.setFont(_font(12, bold=True))
    for curve in curves.curves:  # the z names sit beside the plot, outside its clip
        end = frame.at(*curve.points[-1])
        if frame.plot.top() <= end.y() <= frame.plot.bottom():
            painter.setPen(QColor(LINE_COLOUR[curve.z]))
            painter.drawText(QPointF(frame.plot.right() + 4, end.y() + 4), Z_TEXT[curve.z])
    _points(painter, frame, curves)
    painter.restore()
    return frame


def render_kms(
    curves: KmsCurves, *, width: int = 800, height: int = 480, texts: KmsTexts | None = None
) -> QImage:
    """The chart as an image of ``width`` × ``height`` pixels (needs a Qt GUI application)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        paint_kms(painter, QRectF(0, 0, width, height), curves, texts)
    finally:
        painter.end()
    return image


def save_kms_png(curves: KmsCurves, path: Path, *, width: int = 800, height: int = 480) -> None:
    """Write the chart to ``path`` as a PNG.

    Raises:
        OSError: the file could not be written.
    """
    writer = QImageWriter(str(path), b"png")
    if not writer.write(render_kms(curves, width=width, height=height)):
        raise OSError("the chart image could not be written")


class KmsChart(QWidget):
    """The chart on screen; shows nothing until ``set_curves`` gives it a child's curves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curves: KmsCurves | None = None
        self.setMinimumSize(460, 280)

    def set_curves(self, curves: KmsCurves | None) -> None:
        """Show ``curves`` (nothing for ``None`` or curves without lines)."""
        self._curves = curves if curves is not None and curves.drawable else None
        if self._curves is not None:
            self.setAccessibleName(kms_texts(self._curves).title)
        self.setVisible(self._curves is not None)
        self.update()

    def curves(self) -> KmsCurves | None:
        return self._curves

    def frame(self) -> KmsFrame | None:
        """Where ages and values fall on the widget as it is now."""
        if self._curves is None:
            return None
        return kms_frame(self._curves, QRectF(self.rect()))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 340)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002
        if self._curves is None:
            return
        painter = QPainter(self)
        try:
            paint_kms(painter, QRectF(self.rect()), self._curves)
        finally:
            painter.end()
