"""Cells of the CSV files the product hands out, made safe to open in a spreadsheet program."""

from __future__ import annotations

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell that spreadsheet programs never run as a formula (CSV injection): a leading quote disarms it.
    Phone numbers and signed numbers (ASCII digits only) stay as they are."""
    text = "" if value is None else str(value)
    bare = text.lstrip("+-").replace(" ", "")
    if text.startswith(CSV_FORMULA_START) and not (bare.isascii() and bare.isdigit()):
        return "'" + text
    return text
