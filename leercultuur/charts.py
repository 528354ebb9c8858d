"""Inline SVG charts, for web pages and PDFs alike.

No JavaScript and no ``style`` attributes or elements: the Content-Security-Policy forbids
inline styles, so everything is drawn with SVG presentation attributes. Each chart is an
image to assistive technology (``role="img"``) labelled by its ``<title>`` and described by
a ``<desc>`` that states every value in words, so the drawn text need not be read out.
"""

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

type Number = Decimal | float | int

WIDTH = 640
FONT_FAMILY = "'Source Sans 3', Arial, sans-serif"
FONT_SIZE = 13
SMALL_FONT_SIZE = 11
CHAR_WIDTH = 7  # a generous average width of one character at FONT_SIZE
LABEL_MAX_CHARS = 40
VALUE_WIDTH = 72  # room right of the longest bar for its value
PADDING = 8
AXIS_HEIGHT = 22
LEGEND_HEIGHT = 26

TEXT_COLOUR = "#1c2630"
MUTED_COLOUR = "#4d5b69"
GRID_COLOUR = "#d5dbe0"
BAR_COLOUR = "#1b5e7b"  # the site's primary colour, 7:1 on white
BASELINE_COLOUR = "#7d8b99"  # 3.5:1 on white: graphics need 3:1
NO_VALUE = "–"

# Characters XML 1.0 does not allow at all; a label carrying one would break the page.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ids = itertools.count(1)


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Number | None]],
    *,
    maximum: Number,
    unit: str = "",
    decimals: int | None = None,
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` row, scaled from 0 to ``maximum``.

    A value of None is shown as ``NO_VALUE`` (a dash) without a bar; values outside
    0..maximum are drawn clipped but labelled with their real value. ``decimals`` fixes the
    digits after the decimal separator (default: Decimals and ints as they are, floats
    with two).
    """
    scale = _Scale(maximum, labels=[label for label, _ in rows])
    row_height = 28
    bar_height = 18
    top = PADDING
    height = top + len(rows) * row_height + AXIS_HEIGHT
    chart_id = _chart_id(title)
    parts = [*scale.grid(top, top + len(rows) * row_height)]
    descriptions = []
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height + (row_height - bar_height) / 2
        shown = _format(value, unit, decimals)
        descriptions.append(f"{_clean(label)}: {_spoken(shown)}")
        parts.append(scale.label(label, y + bar_height / 2))
        parts.extend(scale.bar(value, y, bar_height, BAR_COLOUR, shown))
    return _svg(chart_id, title, "; ".join(descriptions), height, parts)


def paired_bar_chart(
    title: str,
    rows: Sequence[tuple[str, Number | None, Number | None]],
    *,
    maximum: Number,
    legend: tuple[str, str],
    unit: str = "",
    decimals: int | None = None,
) -> SafeString:
    """Two bars per row, such as the baseline and final score of each dimension.

    ``legend`` names the first and second value (e.g. ("Nulmeting", "Eindmeting")). None
    values are shown as ``NO_VALUE`` without a bar.
    """
    scale = _Scale(maximum, labels=[row[0] for row in rows])
    row_height = 44
    bar_height = 15
    gap = 3
    top = PADDING + LEGEND_HEIGHT
    height = top + len(rows) * row_height + AXIS_HEIGHT
    chart_id = _chart_id(title)
    parts = [*_legend(legend, scale.bar_x), *scale.grid(top, top + len(rows) * row_height)]
    descriptions = []
    for index, (label, first, second) in enumerate(rows):
        y = top + index * row_height + (row_height - 2 * bar_height - gap) / 2
        first_shown = _format(first, unit, decimals)
        second_shown = _format(second, unit, decimals)
        descriptions.append(
            f"{_clean(label)}: {_clean(legend[0])} {_spoken(first_shown)}, "
            f"{_clean(legend[1])} {_spoken(second_shown)}"
        )
        parts.append(scale.label(label, y + bar_height + gap / 2))
        parts.extend(scale.bar(first, y, bar_height, BASELINE_COLOUR, first_shown))
        parts.extend(scale.bar(second, y + bar_height + gap, bar_height, BAR_COLOUR, second_shown))
    return _svg(chart_id, title, "; ".join(descriptions), height, parts)


class _Scale:
    """The horizontal geometry shared by both charts: label column, bar area, axis."""

    def __init__(self, maximum: Number, *, labels: Iterable[str]) -> None:
        top = _finite(maximum)
        if top is None or top <= 0:
            raise ValueError(f"A chart's maximum must be a positive number, not {maximum!r}.")
        self.maximum = top
        longest = max((len(_shorten(label)) for label in labels), default=0)
        self.bar_x = PADDING + max(longest, 8) * CHAR_WIDTH + PADDING
        self.bar_width = WIDTH - self.bar_x - VALUE_WIDTH

    def x(self, value: float) -> float:
        return self.bar_x + self.bar_width * min(max(value / self.maximum, 0.0), 1.0)

    def grid(self, top: float, bottom: float) -> Iterable[str]:
        for tick in _ticks(self.maximum):
            x = _coordinate(self.x(tick))
            yield (
                f'<line x1="{x}" y1="{_coordinate(top)}" x2="{x}" y2="{_coordinate(bottom)}" '
                f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            )
            yield (
                f'<text x="{x}" y="{_coordinate(bottom + AXIS_HEIGHT - 6)}" '
                f'text-anchor="middle" font-size="{SMALL_FONT_SIZE}" fill="{MUTED_COLOUR}">'
                f"{escape(number_format(tick, decimal_pos=_tick_decimals(self.maximum)))}</text>"
            )

    def label(self, label: str, middle: float) -> str:
        return (
            f'<text x="{_coordinate(self.bar_x - PADDING)}" y="{_baseline(middle)}" '
            f'text-anchor="end" fill="{TEXT_COLOUR}">{escape(_shorten(label))}</text>'
        )

    def bar(
        self, value: Number | None, y: float, height: float, colour: str, shown: str
    ) -> list[str]:
        number = _finite(value)
        end = self.bar_x if number is None else self.x(number)
        parts = []
        if end > self.bar_x:
            parts.append(
                f'<rect x="{_coordinate(self.bar_x)}" y="{_coordinate(y)}" '
                f'width="{_coordinate(end - self.bar_x)}" height="{_coordinate(height)}" '
                f'fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{_coordinate(end + 6)}" y="{_baseline(y + height / 2)}" '
            f'fill="{TEXT_COLOUR}">{escape(shown)}</text>'
        )
        return parts


def _legend(names: tuple[str, str], x: float) -> list[str]:
    parts = []
    y = PADDING
    for name, colour in zip(names, (BASELINE_COLOUR, BAR_COLOUR), strict=True):
        parts.append(
            f'<rect x="{_coordinate(x)}" y="{_coordinate(y + 2)}" width="12" height="12" '
            f'fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{_coordinate(x + 18)}" y="{_baseline(y + 8)}" fill="{TEXT_COLOUR}">'
            f"{escape(_shorten(name))}</text>"
        )
        x += 18 + len(_shorten(name)) * CHAR_WIDTH + 24
    return parts


def _svg(
    chart_id: str, title: str, description: str, height: float, parts: list[str]
) -> SafeString:
    height_text = _coordinate(height)
    return mark_safe(  # noqa: S308 - every piece of text in it went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height_text}" width="{WIDTH}" height="{height_text}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{escape(_clean(title))}</title>'
        f'<desc id="{chart_id}-desc">{escape(description or gettext("No data."))}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _chart_id(title: str) -> str:
    """Unique per process, so that two charts on one page never share an id."""
    slug = slugify(_clean(title))[:40].strip("-") or "chart"
    return f"chart-{slug}-{next(_ids)}"


def _finite(value: Number | None) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _format(value: Number | None, unit: str, decimals: int | None) -> str:
    """The value as the reader expects it: "3,25" in Dutch, "3.25" in English."""
    if value is None or _finite(value) is None:
        return NO_VALUE
    if decimals is None and isinstance(value, float):
        decimals = 2
    text = number_format(_rounded(value, decimals), decimal_pos=decimals)
    if not unit:
        return text
    # Dutch and English both write 75%, but 12 uur / 12 hours with a (non-breaking) space.
    return f"{text}{_clean(unit)}" if unit == "%" else f"{text}\u00a0{_clean(unit)}"


def _rounded(value: Number, decimals: int | None) -> Number:
    """Rounded half up: number_format on its own would cut 1.666 to 1.66."""
    if decimals is None:
        return value
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    # Enough precision for any magnitude, so quantize never overflows the context.
    context = Context(prec=max(28, number.adjusted() + decimals + 2))
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=context)


def _spoken(shown: str) -> str:
    """A screen reader would read the dash as "en dash"."""
    return gettext("no value") if shown == NO_VALUE else shown


def _ticks(maximum: float) -> list[float]:
    if maximum.is_integer() and maximum <= 10:
        return [float(tick) for tick in range(int(maximum) + 1)]
    return [maximum * step / 4 for step in range(5)]


def _tick_decimals(maximum: float) -> int:
    return 0 if maximum.is_integer() and (maximum <= 10 or maximum % 4 == 0) else 1


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _shorten(label: str) -> str:
    label = _clean(label)
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def _coordinate(number: float) -> str:
    """SVG coordinates always use a decimal point, whatever the language."""
    return f"{number:.1f}".removesuffix(".0")


def _baseline(middle: float) -> str:
    """Where text sits so that it is centred on ``middle`` (no dominant-baseline in PDFs)."""
    return _coordinate(middle + FONT_SIZE * 0.35)
