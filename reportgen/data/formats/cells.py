"""Cells written for spreadsheets: text that no spreadsheet runs as a formula."""

from __future__ import annotations

import re

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Text starting with ``+`` or ``-`` that is a number or a phone number (``-12.5``, ``+382 …8082``,
#: ``+49 (30) 123-45``): digits and separators only, nothing a formula could call or reference.
_NUMBER_LIKE = re.compile(r"[+-]?[\d\s.,…()/-]*\d[\d\s.,…()/-]*")


def neutralise(text: str) -> str:
    """``text`` prefixed with ``'`` when a spreadsheet would read it as a formula.

    Numbers and phone numbers stay as they are: a leading ``+`` or ``-``
    followed by digits and separators only runs nothing.
    """
    if text.startswith(FORMULA_PREFIXES) and not _NUMBER_LIKE.fullmatch(text):
        return "'" + text
    return text
