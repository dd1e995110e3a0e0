"""Spreadsheet (CSV) files as Excel and others write them: encodings, delimiters, headers.

Pure functions, no database: bytes -> a `Sheet` of rows keyed by field, with every problem
named by spreadsheet row (the header is row 1) and column, as the user sees them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True, slots=True)
class Column:
    """A field the importer understands, with the header names it accepts for it."""

    field: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    max_len: int = 20_000


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One problem, by spreadsheet row and column when it has them."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Sheet:
    """The rows of a CSV file: row number -> {field: text}, and the header each field came
    from."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as written
    warnings: list[str] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)

    def problem(self, message: str, row: int | None = None, fld: str | None = None) -> None:
        self.problems.append(SheetProblem(message, row, self.headers.get(fld or "", fld)))


def header_key(text: str) -> str:
    """How a header is compared: "E-mail", "e_mail" and " EMAIL " all become "email"."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


class Undecodable(ValueError):
    """The file's bytes are not text in the encoding they announce."""


def decode(data: bytes, warnings: list[str]) -> str:
    """The file's text: UTF-8 (with or without Excel's BOM), UTF-16 with a BOM, else
    Windows-1252 (with a warning, since that is a guess). `Undecodable` for broken UTF-16."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Undecodable(
                f"the file starts as UTF-16 text but is damaged or cut short ({exc.reason} at "
                f"byte {exc.start}); save it again from the spreadsheet as 'CSV UTF-8'"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append("the file is not UTF-8; it was read as Windows-1252 (Excel's "
                        "'CSV (Comma delimited)'). Check accented letters in the report")
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter and the text without Excel's optional `sep=;` first line."""
    first, _sep, rest = text.partition("\n")
    hint = re.fullmatch(r"sep=(.)\r?", first)
    if hint:
        return hint.group(1), rest
    best, best_count = ",", 0
    for candidate in DELIMITERS:
        cells = next(csv.reader([first.rstrip("\r")], delimiter=candidate), [])
        if len(cells) > best_count:
            best, best_count = candidate, len(cells)
    return best, text


def _map_headers(headers: list[str], columns: tuple[Column, ...], sheet: Sheet) -> dict[int, str]:
    by_key = {header_key(s): c for c in columns for s in (c.field, c.label, *c.synonyms)}
    index_to_field: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        column = by_key.get(key)
        if column is None:
            sheet.warnings.append(f"column {header.strip()!r} is not one casedesk knows; "
                                  "it is ignored")
            continue
        if column.field in sheet.headers:
            sheet.problems.append(SheetProblem(
                f"columns {sheet.headers[column.field]!r} and {header.strip()!r} both give "
                f"the {column.label.lower()}; keep one"))
            continue
        sheet.headers[column.field] = header.strip()
        index_to_field[index] = column.field
    for column in columns:
        if column.required and column.field not in sheet.headers:
            also = ", ".join(repr(s) for s in column.synonyms[1:4])
            sheet.problems.append(SheetProblem(
                f"the required column {column.label!r} is missing (also accepted: {also})"))
    return index_to_field


# Appended to the text to see whether it ends inside a quoted cell: a quote left open swallows
# it into the last cell; otherwise it comes back as a record of its own. (Private-use
# characters, so no real file holds them, and no delimiter or quote.)
_END_MARK = "\ue000casedesk-end-of-file\ue000"


def _records(text: str, delimiter: str, sheet: Sheet, *,
             lines_before: int = 0) -> list[list[str]] | None:
    """The file's records, or None (with the problem noted) when it cannot be read as CSV.

    A quote that opens a cell and never closes makes the rest of the file one cell; the csv
    module accepts that silently, so it is caught here and reported on the row it starts.
    """
    reader = csv.reader(io.StringIO(text + "\r\n" + _END_MARK, newline=""),
                        delimiter=delimiter)
    records: list[list[str]] = []
    start_line = next_start = 1 + lines_before  # the line the last record starts on
    try:
        for record in reader:
            records.append(record)
            start_line, next_start = next_start, reader.line_num + 1 + lines_before
    except csv.Error as exc:
        sheet.problems.append(SheetProblem(f"the file cannot be read as CSV: {exc}",
                                           row=reader.line_num))
        return None
    if records and records[-1] == [_END_MARK]:
        records.pop()
        return records
    # The mark was swallowed: the last record starts with a quote that is never closed.
    row = len(records)
    sheet.problems.append(SheetProblem(
        f"a quote (\") opens a cell on line {start_line} of the file and is never closed, so "
        "everything after it ran into one cell; close the quote or remove it",
        row=None if row == 1 else row))  # in the header: nothing else can be read
    return records[:-1]


def read_sheet(data: bytes, columns: tuple[Column, ...]) -> Sheet:
    """Parse a CSV file against the known columns (see the module docstring)."""
    sheet = Sheet()
    try:
        text = decode(data, sheet.warnings)
    except Undecodable as exc:
        sheet.problems.append(SheetProblem(str(exc)))
        return sheet
    delimiter, rest = _delimiter(text)
    records = _records(rest, delimiter, sheet, lines_before=0 if rest is text else 1)
    if records is None or (not records and sheet.problems):
        return sheet
    if not records or not any(cell.strip() for cell in records[0]):
        sheet.problems.append(SheetProblem("the file is empty: the first row must name the "
                                           "columns"))
        return sheet
    index_to_field = _map_headers(records[0], columns, sheet)
    limits = {c.field: c.max_len for c in columns}
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (Excel often leaves a few at the end)
        extra = [c for c in cells[len(records[0]):] if c.strip()]
        if extra:
            sheet.problem(f"has {len(cells)} cells but the header names {len(records[0])} "
                          "columns", number)
        values: dict[str, str] = {}
        for index, fld in index_to_field.items():
            value = cells[index].strip() if index < len(cells) else ""
            if len(value) > limits[fld]:
                sheet.problem(f"is longer than {limits[fld]} characters", number, fld)
            values[fld] = value
        sheet.rows.append((number, values))
    return sheet
