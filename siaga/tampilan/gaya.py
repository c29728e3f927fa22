"""Generic display-table helpers shared by the pages (level colouring)."""

from __future__ import annotations

import pandas as pd

from siaga.model import level

# Text colour that stays readable on each level's background.
_TEKS_DI_ATAS = {"siap": "#ffffff", "perlu_perhatian": "#1a1a1a", "rawan": "#ffffff"}


def warnai_level(df: pd.DataFrame, kolom: str = "Level"):
    """A Styler colouring the level column with the level colours (text stays the level's name)."""
    by_label = {level.label(lv): (level.warna(lv), _TEKS_DI_ATAS[lv]) for lv in level.LEVEL}

    def css(value: str) -> str:
        bg, fg = by_label.get(value, (level.NO_DATA[1], "#1a1a1a"))
        return f"background-color: {bg}; color: {fg}"

    return df.style.map(css, subset=[kolom])
