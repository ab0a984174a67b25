"""The size of the charts' text, from the metrics of the fonts they are drawn in.

Labels are placed before any browser draws them (:mod:`.placement`,
:mod:`.legend`), so their width comes from the fonts' own advances.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: Folders searched for the fonts the charts are drawn in (Debian's fonts-noto-core).
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))
#: Font files measured, regular and bold; the Arabic font covers what Noto Sans lacks.
FONT_FILES = {False: ("NotoSans-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
              True: ("NotoSans-Bold.ttf", "NotoNaskhArabic-Bold.ttf")}
#: Width of a character no font covers, in ems (generous: such text is rare).
FALLBACK_ADVANCE = 0.62
#: Height of a line of Noto Sans (ascender + descender), in ems.
LINE_HEIGHT = 1.362

@cache
def _metrics(bold: bool) -> tuple[tuple[dict[int, int], float], ...]:
    """``(advance by code point, units per em)`` of each font measured, in fallback order."""
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - fontTools comes with WeasyPrint
        return ()
    fonts = []
    for name in FONT_FILES[bold]:
        path = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
        if path is None:
            continue
        font = TTFont(path, lazy=True)
        advances = font["hmtx"].metrics
        widths = {code: advances[glyph][0] for code, glyph in font.getBestCmap().items()}
        fonts.append((widths, float(font["head"].unitsPerEm)))
    return tuple(fonts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in the charts' font, in pixels (no kerning: a little generous)."""
    fonts = _metrics(bold)
    total = 0.0
    for char in text:
        code = ord(char)
        if code in (0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F):  # invisible direction marks
            continue
        for widths, units in fonts:
            if code in widths:
                total += widths[code] / units
                break
        else:
            total += FALLBACK_ADVANCE
    return total * size * 1.02 + 1.0
