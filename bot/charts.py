"""PNG charts for `/stats`: the intent mix and the positive-review rate over time, with Chinese labels.

Chinese needs a CJK font: the first installed one of `CJK_FONTS` is used (the Dockerfile and
CI install WenQuanYi Micro Hei). matplotlib is imported on first use: it costs most of a second.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from bot import texts
from nlp.texts import INTENT_NAMES

if TYPE_CHECKING:
    from matplotlib.font_manager import FontManager

logger = logging.getLogger(__name__)

CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Droid Sans Fallback",
)


def _first_cjk_font(manager: FontManager) -> str | None:
    """The first of CJK_FONTS that a matplotlib font manager knows."""
    installed = {font.name for font in manager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@cache
def cjk_font() -> str | None:
    """The family name of an installed font that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    found = _first_cjk_font(font_manager.fontManager)
    if found is None:
        # matplotlib caches its font list once per user: a font installed since then is not in it.
        for path in font_manager.findSystemFonts():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read
                continue
        found = _first_cjk_font(font_manager.fontManager)
    if found is None:
        logger.warning("no CJK font installed: chart labels will show as boxes (install fonts-wqy-microhei)")
    return found


def stats_chart(intents: Mapping[str, int], review_rates: Sequence[tuple[date, float | None]], floor: float) -> bytes:
    """Two panels: messages per intent (bars) and the daily positive-review rate against the floor (line)."""
    import matplotlib
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure  # a Figure of its own, no pyplot: nothing global between requests

    font = cjk_font()
    style = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "axes.unicode_minus": False}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(8, 7), dpi=100)
        bars, line = figure.subplots(2, 1)
        names = [INTENT_NAMES.get(intent, intent) for intent in intents]
        bars.barh(names[::-1], list(intents.values())[::-1], color="#4c8bf5")
        bars.set_title(texts.CHART_INTENTS)
        bars.set_xlabel(texts.CHART_MESSAGES)
        days = [day for day, rate in review_rates if rate is not None]
        rates = [rate * 100 for _, rate in review_rates if rate is not None]
        line.plot(days, rates, marker="o", color="#2e9e5b", label=texts.CHART_RATE)
        line.axhline(floor * 100, color="#d9534f", linestyle="--", label=texts.CHART_FLOOR.format(floor=f"{floor:.0%}"))
        line.set_title(texts.CHART_REVIEWS)
        line.set_ylabel("%")
        if not days:
            line.text(0.5, 0.5, texts.CHART_NO_REVIEWS, ha="center", va="center", transform=line.transAxes)
        line.legend(loc="lower left")
        line.xaxis.set_major_formatter(DateFormatter("%m-%d"))
        line.tick_params(axis="x", labelrotation=30)
        figure.tight_layout()
        output = io.BytesIO()
        figure.savefig(output, format="png")
    return output.getvalue()
