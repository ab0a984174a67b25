"""Cells written for spreadsheets: text that no spreadsheet runs as a formula."""

from __future__ import annotations

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` prefixed with ``'`` when a spreadsheet would read it as a formula (numbers stay numbers)."""
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    """Whether ``text`` reads as a number (a negative number is not a formula)."""
    try:
        float(text)
    except ValueError:
        return False
    return True
