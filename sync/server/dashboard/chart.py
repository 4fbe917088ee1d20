"""Inline SVG line chart of the PWS rates over the last months, rendered on the server (no JS).

Builds markup from numbers and fixed labels only; every text is escaped. Each indicator brings
its own colour and marker shape. No data access here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from screening.words import month_name
from sync.server.aggregates.indicators import INDICATORS, AreaMonth, Marker

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 32, 16, 40


def _nice_ceiling(value: float) -> int:
    for step in (10, 20, 25, 50, 100):
        if value <= step:
            return step
    return 100


def _marker(shape: Marker, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "ring":
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#ffffff" stroke="{colour}" '
            'stroke-width="2.5"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def rate_chart(months: Sequence[AreaMonth], *, title: str) -> str:
    """SVG of each indicator's rate (%) per month; months with nobody screened leave a gap."""
    if not months:
        return ""
    rates = [m.indicator(i.key).rate for m in months for i in INDICATORS]
    top = _nice_ceiling(max([r for r in rates if r is not None] or [0.0]))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months) - 1)

    def x_at(index: int) -> float:
        return LEFT + index * step if len(months) > 1 else LEFT + plot_w / 2

    def y_at(rate: float) -> float:
        return TOP + plot_h * (1 - rate / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart" aria-labelledby="chart-title"><title id="chart-title">{escape(title)}'
        "</title>"
    ]
    for tick in range(0, top + 1, top // 5):
        y = y_at(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d7de" '
            'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{tick}%</text>'
        )
    for index, month in enumerate(months):
        label = f"{month_name(month.month.month)[:3]} {month.month.year % 100:02d}"
        parts.append(
            f'<text x="{x_at(index):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12" fill="#333">{escape(label)}</text>'
        )
    for indicator in INDICATORS:
        colour = indicator.colour
        segment: list[str] = []
        segments: list[list[str]] = [segment]
        markers = []
        for index, month in enumerate(months):
            rate = month.indicator(indicator.key).rate
            if rate is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{x_at(index):.1f},{y_at(rate):.1f}")
            markers.append(_marker(indicator.marker, x_at(index), y_at(rate), colour))
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    'stroke-width="2.5"/>'
                )
        parts.extend(markers)
    parts.append("</svg>")
    return "".join(parts)


def legend() -> list[tuple[str, str]]:
    """(small SVG of the line and marker, label) per indicator, for the legend under the chart."""
    out = []
    for indicator in INDICATORS:
        colour = indicator.colour
        swatch = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 14" width="28" height="14" '
            f'aria-hidden="true"><line x1="0" y1="7" x2="28" y2="7" stroke="{colour}" '
            f'stroke-width="2.5"/>{_marker(indicator.marker, 14, 7, colour)}</svg>'
        )
        out.append((swatch, indicator.label))
    return out
