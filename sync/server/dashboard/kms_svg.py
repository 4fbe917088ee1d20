"""The KMS growth chart as inline SVG: the same picture the laptop paints, from the same numbers.

`screening.rules.kms_curves` gives the WHO z-lines of the child's sex, the child's points
and each weighing's N/T mark, and the colours; this only lays them out (bands between the
lines, grid, axes, z names, points joined, marks on a pale ground). Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from screening.rules.kms_curves import (
    BAND_COLOUR,
    LINE_COLOUR,
    MARK_COLOUR,
    OTHER_MARK_COLOUR,
    POINT_COLOUR,
    Z_TEXT,
    KmsCurves,
)
from screening.words import item_text, number_text, sex_text

WIDTH, HEIGHT = 800, 480
LEFT, TOP, RIGHT, BOTTOM = 58.0, 40.0, 30.0, 46.0
POINT_RADIUS = 4.5


@dataclass(frozen=True, slots=True)
class _Frame:
    months: int
    low: float
    high: float

    def x(self, month: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * month / self.months

    def y(self, value: float) -> float:
        span = HEIGHT - TOP - BOTTOM
        return HEIGHT - BOTTOM - span * (value - self.low) / (self.high - self.low)


def _pts(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _step(pixels_per_unit: float, unit: float, minimum: float) -> float:
    for factor in (1, 2, 3, 5, 6, 10, 12, 20):
        if pixels_per_unit * unit * factor >= minimum:
            return unit * factor
    return unit * 20


def _bands(lines: dict[int, list[tuple[float, float]]]) -> list[str]:
    top = [(x, TOP) for x, _ in lines[3]]
    bottom = [(x, HEIGHT - BOTTOM) for x, _ in lines[-3]]
    pairs: Sequence[tuple[Sequence[tuple[float, float]], Sequence[tuple[float, float]], str]] = (
        (top, lines[3], "outside"),
        (lines[3], lines[2], "near"),
        (lines[2], lines[-2], "middle"),
        (lines[-2], lines[-3], "near"),
        (lines[-3], bottom, "outside"),
    )
    return [
        f'<polygon points="{_pts([*upper, *reversed(lower)])}" fill="{BAND_COLOUR[kind]}"/>'
        for upper, lower, kind in pairs
    ]


def _grid(frame: _Frame, tick: float) -> list[str]:
    out = []
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    month_step = _step(plot_w / frame.months, 1, 26)
    month = 0.0
    while month <= frame.months + 1e-9:
        x = frame.x(month)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}"/>')
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" class="axis">'
            f"{number_text(int(month))}</text>"
        )
        month += month_step
    value_step = _step(plot_h / (frame.high - frame.low), tick, 18)
    value = frame.low
    while value <= frame.high + 1e-9:
        y = frame.y(value)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
            f"{number_text(round(value, 1))}</text>"
        )
        value += value_step
    return out


def kms_title(curves: KmsCurves) -> str:
    """``Berat badan menurut umur (BB/U) · Perempuan``, as the laptop titles it."""
    return f"{item_text('antropometri_balita', f'kms_{curves.index}')} · {sex_text(curves.sex)}"


def kms_svg(curves: KmsCurves) -> str:
    """The chart as one ``<svg>`` element (empty text for curves without lines)."""
    if not curves.drawable:
        return ""
    frame = _Frame(curves.months, curves.low, curves.high)
    lines = {c.z: [(frame.x(m), frame.y(v)) for m, v in c.points] for c in curves.curves}
    title = escape(kms_title(curves))
    unit = "kg" if curves.index == "wfa" else "cm"
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    plot = f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}"/>'
    parts = [
        f'<svg class="kms" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{title}" data-index="{curves.index}">',
        f"<title>{title}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<clipPath id="kms-plot-{curves.index}">{plot}</clipPath>',
        f'<g clip-path="url(#kms-plot-{curves.index})">',
        *_bands(lines),
        "</g>",
        '<g stroke="#b9b9b9" stroke-width="0.6" font-size="12" fill="#333333">',
        *_grid(frame, curves.tick),
        "</g>",
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{HEIGHT - TOP - BOTTOM}" fill="none" stroke="#444444" stroke-width="1.2"/>',
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - BOTTOM + 34}" text-anchor="middle" '
        f'font-size="12" fill="#333333">{escape(item_text("antropometri_balita", "age_months"))}'
        "</text>",
        f'<text x="{LEFT - 6}" y="{TOP - 8}" text-anchor="end" font-size="12" fill="#333333">'
        f"{unit}</text>",
        f'<text x="{LEFT}" y="{TOP - 12}" font-size="14" font-weight="bold" fill="#1a1a1a">'
        f"{title}</text>",
        f'<g clip-path="url(#kms-plot-{curves.index})" fill="none">',
    ]
    for curve in curves.curves:
        width = 2.4 if curve.z == 0 else 1.8
        parts.append(
            f'<polyline class="z-line" data-z="{curve.z}" points="{_pts(lines[curve.z])}" '
            f'stroke="{LINE_COLOUR[curve.z]}" stroke-width="{width}"/>'
        )
    parts.append("</g>")
    for curve in curves.curves:
        x, y = lines[curve.z][-1]
        if TOP <= y <= HEIGHT - BOTTOM:
            parts.append(
                f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="bold" '
                f'fill="{LINE_COLOUR[curve.z]}">{Z_TEXT[curve.z]}</text>'
            )
    parts.extend(_points(frame, curves))
    parts.append("</svg>")
    return "".join(parts)


def _points(frame: _Frame, curves: KmsCurves) -> list[str]:
    if not curves.points:
        return []
    centres = [(frame.x(p.month), frame.y(p.value)) for p in curves.points]
    out = [
        f'<polyline class="child" points="{_pts(centres)}" fill="none" '
        f'stroke="{POINT_COLOUR}" stroke-width="1.6"/>'
    ]
    for point, (x, y) in zip(curves.points, centres, strict=True):
        out.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="{POINT_RADIUS}" '
            f'fill="{POINT_COLOUR}" data-on="{point.on.isoformat()}" '
            f'data-value="{point.value}"/>'
        )
        if point.mark is not None:
            colour = MARK_COLOUR.get(point.mark, OTHER_MARK_COLOUR)
            width = 9 * len(point.mark) + 6
            out.append(
                f'<rect x="{x - width / 2:.1f}" y="{y - 26:.1f}" width="{width}" height="16" '
                'rx="3" fill="#ffffff" fill-opacity="0.85"/>'
                f'<text class="mark" x="{x:.1f}" y="{y - 14:.1f}" text-anchor="middle" '
                f'font-size="13" font-weight="bold" fill="{colour}">{escape(point.mark)}</text>'
            )
    return out
