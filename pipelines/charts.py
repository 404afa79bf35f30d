"""The run report's charts as inline SVG: bars (side by side per category, optionally with a
line on a second axis) and histograms with marked values. Labels stay text, so the page is
searchable and sharp at any zoom, and no plotting library is imported to write it."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 700, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 64, 24, 64  # margins around the plot area, in px
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
FONT = "font-family='sans-serif' font-size='10'"


@dataclass(frozen=True)
class Series:
    """Values to draw, one per category (bars, line) or one per document (histogram)."""

    name: str
    values: Sequence[float]
    color: str


def bar_chart(
    categories: Sequence[str], bars: Sequence[Series], y_label: str, line: Series | None = None
) -> str:
    """Bars of each series side by side per category, their values written above them, and
    `line` (if any) through the categories on its own axis at the right."""
    top = _ticks(max((v for s in bars for v in s.values), default=0))
    slot = PLOT_W / max(len(categories), 1)
    width = slot * 0.8 / max(len(bars), 1)
    parts = _y_axis(top, y_label, LEFT, "#333", "end")
    for k, series in enumerate(bars):
        for i, value in enumerate(series.values):
            x = LEFT + i * slot + slot * 0.1 + k * width
            y, h = _y(value, top[-1]), PLOT_H * value / top[-1]
            parts.append(
                f"<rect x='{x:.1f}' y='{y:.1f}' width='{width:.1f}' height='{h:.1f}' "
                f"fill='{series.color}'><title>{_text(series.name)}: {_number(value)}</title>"
                f"</rect><text x='{x + width / 2:.1f}' y='{y - 3:.1f}' text-anchor='middle' "
                f"{FONT}>{_number(value)}</text>"
            )
    if line is not None:
        right = _ticks(max(line.values, default=0))
        parts += _y_axis(right, line.name, WIDTH - RIGHT, line.color, "start")
        points = [(LEFT + (i + 0.5) * slot, _y(v, right[-1])) for i, v in enumerate(line.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f"<polyline points='{path}' fill='none' stroke='{line.color}'/>")
        parts += [f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='{line.color}'/>"
                  for x, y in points]  # fmt: skip
    for i, name in enumerate(categories):
        x = LEFT + (i + 0.5) * slot
        parts.append(
            f"<text transform='translate({x:.1f},{TOP + PLOT_H + 12}) rotate(-20)' "
            f"text-anchor='end' {FONT}>{_text(name)}</text>"
        )
    legend = list(bars) + ([line] if line else [])
    if len(legend) > 1:
        parts += _legend(legend)
    return _svg(parts, y_label)


def histogram(
    values: Sequence[float],
    bins: int,
    color: str,
    x_label: str,
    marks: Sequence[tuple[float, str]] = (),
    value_range: tuple[float, float] | None = None,
) -> str:
    """Counts of `values` in `bins` equal bins over `value_range` (by default from the least to
    the greatest of the values and the marks), each mark a dashed line with its label."""
    drawn = [*values, *(value for value, _ in marks)]
    low, high = value_range or (min(drawn), max(drawn))
    high = high if high > low else low + 1
    step = (high - low) / bins
    counts = [0] * bins
    for value in values:
        if low <= value <= high:
            counts[min(int((value - low) / step), bins - 1)] += 1
    top = _ticks(max(counts, default=0))
    parts = _y_axis(top, "documents", LEFT, "#333", "end")
    for i, count in enumerate(counts):
        x, y = _x(low + i * step, low, high), _y(count, top[-1])
        parts.append(
            f"<rect x='{x:.1f}' y='{y:.1f}' width='{PLOT_W / bins:.1f}' "
            f"height='{PLOT_H * count / top[-1]:.1f}' fill='{color}' stroke='white'>"
            f"<title>{_number(low + i * step)} to {_number(low + (i + 1) * step)}: {count}"
            "</title></rect>"
        )
    for tick in _ticks(high, low):
        if low <= tick <= high:
            parts.append(
                f"<text x='{_x(tick, low, high):.1f}' y='{TOP + PLOT_H + 14}' "
                f"text-anchor='middle' {FONT}>{_number(tick)}</text>"
            )
    for value, label in marks:
        x = _x(value, low, high)
        parts.append(
            f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{TOP}' y2='{TOP + PLOT_H}' stroke='grey' "
            f"stroke-dasharray='4 3'/><text transform='translate({x - 3:.1f},{TOP + 4}) "
            f"rotate(-90)' text-anchor='end' {FONT}>{_text(label)}</text>"
        )
    parts.append(
        f"<text x='{LEFT + PLOT_W / 2}' y='{HEIGHT - 16}' text-anchor='middle' {FONT}>"
        f"{_text(x_label)}</text>"
    )
    return _svg(parts, x_label)


def _ticks(top: float, bottom: float = 0.0) -> list[float]:
    """About five round values from `bottom` reaching at least `top` (1, 2 or 5 times a power
    of ten apart)."""
    span = max(top - bottom, 1e-9)
    power = 10 ** math.floor(math.log10(span / 5))
    step = next(m * power for m in (1, 2, 5, 10) if span / (m * power) <= 5)
    start = math.floor(bottom / step) * step
    count = max(1, math.ceil((top - start) / step))
    return [start + i * step for i in range(count + 1)]


def _y(value: float, top: float) -> float:
    return TOP + PLOT_H * (1 - value / top)


def _x(value: float, low: float, high: float) -> float:
    return LEFT + PLOT_W * (value - low) / (high - low)


def _y_axis(ticks: list[float], label: str, x: float, color: str, anchor: str) -> list[str]:
    """Tick labels of a vertical axis at `x` (the left one with grid lines), and its label."""
    side = -6 if anchor == "end" else 6
    parts = [
        f"<text x='{x + side}' y='{_y(t, ticks[-1]) + 3:.1f}' text-anchor='{anchor}' "
        f"fill='{color}' {FONT}>{_number(t)}</text>"
        for t in ticks
    ]
    if anchor == "end":
        parts += [
            f"<line x1='{LEFT}' x2='{LEFT + PLOT_W}' y1='{_y(t, ticks[-1]):.1f}' "
            f"y2='{_y(t, ticks[-1]):.1f}' stroke='#e5e5e5'/>"
            for t in ticks[1:]
        ]
    offset = x - 48 if anchor == "end" else x + 48
    parts.append(
        f"<text transform='translate({offset},{TOP + PLOT_H / 2}) rotate(-90)' "
        f"text-anchor='middle' fill='{color}' {FONT}>{_text(label)}</text>"
    )
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts = []
    for i, item in enumerate(series):
        y = TOP + 4 + 14 * i
        parts.append(
            f"<rect x='{WIDTH - RIGHT - 130}' y='{y}' width='10' height='10' "
            f"fill='{item.color}'/><text x='{WIDTH - RIGHT - 115}' y='{y + 9}' {FONT}>"
            f"{_text(item.name)}</text>"
        )
    return parts


def _svg(parts: list[str], title: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}' role='img'><title>{_text(title)}</title>"
        f"<line x1='{LEFT}' x2='{LEFT}' y1='{TOP}' y2='{TOP + PLOT_H}' stroke='#333'/>"
        f"<line x1='{LEFT}' x2='{LEFT + PLOT_W}' y1='{TOP + PLOT_H}' y2='{TOP + PLOT_H}' "
        f"stroke='#333'/>{''.join(parts)}</svg>"
    )


def _number(value: float) -> str:
    """A value as a person reads it on a chart: integers with thousands separators, others to
    three significant figures."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}"


def _text(label: str) -> str:
    return html.escape(str(label), quote=True)
