"""CSV files a spreadsheet opens safely: UTF-8 with a byte-order mark (so Excel shows Chinese), and every text cell
that a spreadsheet would run as a formula neutralised with a leading apostrophe (OWASP "CSV injection").

Qt-free, so the table export and the audit-log viewer share it. The file is written to a temporary name and
renamed into place, so a failed export never leaves half a file under the chosen name.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from desktop import paths

#: A text cell starting with one of these is taken as a formula (or hides one) by spreadsheet programs; the
#: full-width forms too, which some spreadsheets (and input methods for Chinese) turn into the ASCII ones.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: What a spreadsheet skips before it looks for a formula sign: spaces (plain, no-break, full-width) and line
#: breaks. A cell starting with these and then a formula sign is escaped as well.
LEADING_BLANKS = " \t\r\n\u00a0\u3000\v\f"
ENCODING = "utf-8-sig"
#: Shown before a CSV export: the database is encrypted, the CSV file is not.
PLAIN_TEXT_WARNING = (
    "The CSV file is plain text, not encrypted: anyone who gets a copy can read what it holds. Keep it on this "
    "computer, and delete it when you no longer need it."
)


def escape_cell(value: object) -> str:
    """The text to write for one cell: ``None`` → empty; numbers as they are; text that a spreadsheet would
    evaluate — a formula sign (ASCII or full-width ``＝＋－＠``), also after leading spaces, tabs or line breaks —
    gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip(LEADING_BLANKS).startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_rows(out, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` and ``rows`` (escaped) to an open text file; returns the number of data rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
        count += 1
    return count


def write_csv(
    path: Path | str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> int:
    """Write a CSV file at ``path`` (owner-only, replaced atomically); returns the number of data rows.
    ``progress(rows_written)`` is called every ``every`` rows."""
    with paths.replacing(path, "w", encoding=ENCODING, newline="") as out:
        return write_rows(out, header, _counted(rows, progress, every))


def _counted(rows: Iterable[Sequence[object]], progress, every: int):
    n = 0
    for row in rows:
        yield row
        n += 1
        if progress is not None and n % every == 0:
            progress(n)
