"""Exporting a filing package as a folder or a zip of numbered files, all or nothing.

Each document's current version is copied from the document store by its SHA-256 as
"01 - <label or title>.<ext>", and the copy is hashed as it is written: a stored file that is
missing or no longer matches its hash stops the export. Names are built from the label or
title with `documents.safe_file_name` (never from a stored path), so hostile titles ("../x",
"CON", 500 characters) give plain names; a zip holds only such names, with no folders.
"00 - Index.txt" lists number, title, file, size and SHA-256 of each; the cover letter, when
there is one, is "00 - Cover letter.<ext>".

A folder is built in a hidden temporary sibling and renamed into place (an existing target is
refused); a zip is written to a temporary file beside the target and moved over it with
`os.replace` (only a regular file is replaced: a link, device or pipe in the way is refused).
A failure or a cancel removes the temporary, so nothing is left behind. Both get the
permissions of a normal save (0o777 or 0o666 less the umask; a replaced zip keeps its own).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from sqlmodel import Session

from casedesk.domain.errors import (
    Cancelled,
    EnvironmentFault,
    InvalidInput,
    NotFound,
    RuleViolation,
)
from casedesk.domain.models import Document
from casedesk.export.files import atomic_file, create_temp_folder, not_a_file
from casedesk.persistence.blob_store import BlobStore
from casedesk.services.documents import safe_file_name
from casedesk.services.filings import get_filing, status_label

INDEX_NAME = "00 - Index.txt"
COVER_STEM = "00 - Cover letter"
MAX_TITLE_IN_NAME = 120  # room for the folder's own path on Windows (260 characters in all)
_CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]  # (files done, files in all)
FileSource = tuple[str, int, Callable[[IO[bytes]], None]]  # name, size, writes the bytes


@dataclass(frozen=True, slots=True)
class PackageEntry:
    """One file of the package: where its bytes are and what it is called."""

    number: int  # 0 for the cover letter
    name: str
    title: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class PackagePlan:
    """Everything an export writes, read from the database beforehand (no session needed)."""

    title: str
    case_number: str
    court: str
    status: str
    confirmation_number: str
    entries: tuple[PackageEntry, ...]
    cover: PackageEntry | None  # the stored cover letter, if the filing has one


@dataclass(frozen=True, slots=True)
class ExportResult:
    target: Path
    files: int  # numbered documents (not the index or the cover letter)
    names: tuple[str, ...]  # every file written, in order


def package_name(number: int, title: str, file_name: str, *, width: int = 2) -> str:
    """ "01 - Motion to dismiss.pdf": the number, the label or title, the stored extension."""
    flat = " ".join(title.replace("/", "_").replace("\\", "_").split())
    flat = flat[:MAX_TITLE_IN_NAME].rstrip(" .")
    ext = safe_file_name(file_name).rpartition(".")
    suffix = f".{ext[2]}" if ext[1] and ext[0] else ""
    prefix = f"{number:0{max(width, 2)}d}"
    name = safe_file_name(f"{prefix} - {flat}{suffix}", fallback=prefix)
    if not name.startswith(f"{prefix} - "):  # the title was nothing but unsafe characters
        name = f"{prefix} - document{suffix}"
    return name


def package_plan(session: Session, filing_id: uuid.UUID) -> PackagePlan:
    """What exporting this filing will write; refuses a filing with a deleted document."""
    row = get_filing(session, filing_id)
    if not row.items:
        raise RuleViolation(f"The filing “{row.title}” has no documents to export.")
    width = len(str(len(row.items)))
    entries: list[PackageEntry] = []
    for item in row.items:
        if item.document_deleted:
            raise RuleViolation(f"Number {item.position} of the filing ({item.title}) was "
                                "deleted; remove it from the filing before exporting.")
        entries.append(PackageEntry(
            number=item.position, title=item.shown_title, sha256=item.sha256, size=item.size,
            name=package_name(item.position, item.shown_title, item.file_name, width=width)))
    cover: PackageEntry | None = None
    doc = session.get(Document, row.cover_document_id) if row.cover_document_id else None
    if doc is not None and doc.deleted_at is None:
        ext = safe_file_name(doc.file_name).rpartition(".")
        cover = PackageEntry(number=0, title="Cover letter", sha256=doc.sha256, size=doc.size,
                             name=COVER_STEM + (f".{ext[2]}" if ext[1] and ext[0] else ""))
    return PackagePlan(title=row.title, case_number=row.case_number, court=row.court,
                       status=status_label(row.status),
                       confirmation_number=row.confirmation_number,
                       entries=tuple(entries), cover=cover)


def index_text(plan: PackagePlan, cover: PackageEntry | None) -> str:
    """The plain-text index: one block per file, with its size and SHA-256."""
    lines = [f"Filing: {plan.title}", f"Case: {plan.case_number}"]
    if plan.court:
        lines.append(f"Court: {plan.court}")
    lines.append(f"Status: {plan.status}")
    if plan.confirmation_number:
        lines.append(f"Confirmation number: {plan.confirmation_number}")
    noun = "document" if len(plan.entries) == 1 else "documents"
    lines += [f"{len(plan.entries)} {noun}", ""]
    for entry in (*((cover,) if cover else ()), *plan.entries):
        number = entry.name.partition(" - ")[0]
        lines += [f"{number}  {entry.title}", f"    File: {entry.name}",
                  f"    Size: {entry.size:,} bytes", f"    SHA-256: {entry.sha256}", ""]
    return "\n".join(lines)


# -- writing -------------------------------------------------------------------------------------
def export_filing(session: Session, store: BlobStore, filing_id: uuid.UUID, target: Path, *,
                  as_zip: bool, cover: bytes | None = None,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Export a filing package to a new folder, or to a zip file (replaced if it exists)."""
    return write_package(store, package_plan(session, filing_id), target, as_zip=as_zip,
                         cover=cover, progress=progress, cancelled=cancelled)


def write_package(store: BlobStore, plan: PackagePlan, target: Path, *, as_zip: bool,
                  cover: bytes | None = None, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write a planned package (no database needed: a GUI runs this off its DB worker).

    `cover` (the bytes of a .docx just generated) replaces the filing's stored cover letter.
    """
    target = Path(target)
    _check_target(target, as_zip=as_zip)
    cover_entry = plan.cover
    if cover is not None:
        cover_entry = PackageEntry(number=0, title="Cover letter", name=f"{COVER_STEM}.docx",
                                   sha256=hashlib.sha256(cover).hexdigest(), size=len(cover))
    sources: list[tuple[PackageEntry | None, str, bytes | None]] = []  # (stored?, name, bytes)
    if cover_entry is not None:
        sources.append((None if cover is not None else cover_entry, cover_entry.name, cover))
    sources.append((None, INDEX_NAME, index_text(plan, cover_entry).encode("utf-8")))
    sources += [(entry, entry.name, None) for entry in plan.entries]
    total = len(sources)

    def files() -> Iterator[FileSource]:
        for done, (entry, name, data) in enumerate(sources):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if entry is not None:
                yield name, entry.size, _copier(store, entry, plan.title)
            else:
                assert data is not None
                yield name, len(data), _writer(data)
            if progress is not None:
                progress(done + 1, total)

    names = tuple(name for _entry, name, _data in sources)
    with _environment(target):
        if as_zip:
            _write_zip(target, files())
        else:
            _write_folder(target, files())
    return ExportResult(target=target, files=len(plan.entries), names=names)


def _check_target(target: Path, *, as_zip: bool) -> None:
    folder = target.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise InvalidInput(f"Cannot write {target.name}: folder {folder} {what}.",
                           field="target")
    if as_zip:
        if target.is_dir():
            raise InvalidInput(f"{target} is a folder; name the .zip file to write.",
                               field="target")
        if (kind := not_a_file(target)) is not None:
            raise InvalidInput(f"{target} is {kind}, not a regular file; only a file can be "
                               "replaced. Choose another name.", field="target")
    elif target.exists() or target.is_symlink():
        raise InvalidInput(f"{target} already exists; choose a new folder name.",
                           field="target")


@contextmanager
def _environment(target: Path) -> Iterator[None]:
    """Turn a disk or permission failure into an EnvironmentFault naming the target."""
    try:
        yield
    except OSError as exc:
        raise EnvironmentFault(f"Cannot write {target}: {exc.strerror or exc}; nothing was "
                               "written.") from exc


def _writer(data: bytes) -> Callable[[IO[bytes]], None]:
    def write(out: IO[bytes]) -> None:
        out.write(data)
    return write


def _copier(store: BlobStore, entry: PackageEntry, filing: str) -> Callable[[IO[bytes]], None]:
    """Copy a stored file, hashing as it goes; a missing or damaged file stops the export."""
    def copy(out: IO[bytes]) -> None:
        try:
            source: BinaryIO = store.open(entry.sha256)
        except NotFound:
            raise EnvironmentFault(_damaged(entry, filing, "is missing")) from None
        hasher = hashlib.sha256()
        with source:
            while chunk := source.read(_CHUNK):
                hasher.update(chunk)
                out.write(chunk)
        if hasher.hexdigest() != entry.sha256:
            raise EnvironmentFault(_damaged(entry, filing, "is damaged (its contents no longer "
                                            "match its SHA-256)"))
    return copy


def _damaged(entry: PackageEntry, filing: str, what: str) -> str:
    return (f"The stored file of “{entry.title}” (number {entry.number} of {filing}) {what}; "
            "nothing was exported. Run `casedesk check` to list damaged files.")


def _write_folder(target: Path, files: Iterator[FileSource]) -> None:
    temp = create_temp_folder(target.parent, target.name)  # a normal new folder's mode
    try:
        for name, _size, write in files:
            with (temp / name).open("xb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
        if target.exists() or target.is_symlink():
            raise InvalidInput(f"{target} was created meanwhile; nothing was written.",
                               field="target")
        os.rename(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _write_zip(target: Path, files: Iterator[FileSource]) -> None:
    stamp = time.localtime()[:6]
    with atomic_file(target) as handle, \
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, size, write in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size = size  # so a file past 2 GiB gets its ZIP64 header
            with archive.open(info, "w") as out:
                write(out)
