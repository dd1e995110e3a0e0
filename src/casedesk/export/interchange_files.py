"""The files of a practice file: a folder beside the JSON (`practice.json` -> `practice.files/`)
holding each stored file once, named by its SHA-256 and nothing else.

Exporting writes the folder whole or not at all: it is filled under a temporary name beside
the target, each file hashed as it is copied, and renamed into place; an earlier folder is
replaced like the JSON file is. Importing checks every file the JSON names (present, a plain
file, the right size, the right SHA-256) before anything is changed. A name from the JSON is
never used as a path: only a digest checked to be 64 hex digits is.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casedesk.domain.errors import EnvironmentFault, InvalidInput, NotFound
from casedesk.export.files import check_target, create_temp_folder, write_bytes_atomically
from casedesk.export.interchange import InvalidDocument, Problem, dump_document
from casedesk.export.interchange_parse import PracticeIn
from casedesk.persistence.blob_store import BlobStore, file_digest

FOLDER_SUFFIX = ".files"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


def files_folder(json_path: Path) -> Path:
    """Where the files of a practice file are: the JSON's name with `.files` for `.json`."""
    if json_path.suffix == FOLDER_SUFFIX:
        raise InvalidInput(f"{json_path.name}: a practice file cannot end in {FOLDER_SUFFIX} "
                           "(its files go in a folder of that name); name it .json",
                           field="file")
    return json_path.with_suffix(FOLDER_SUFFIX)


@dataclass(frozen=True, slots=True)
class FileRef:
    """One stored file a practice file needs, and the first place that names it."""

    sha256: str
    size: int
    path: str  # `cases[0].documents[2].versions[1]` or `letter_templates[0]`
    what: str  # "'Complaint' (case 2026-CV-0001), version 2"


# -- what a document names --------------------------------------------------------------------
def exported_files(document: Mapping[str, Any]) -> dict[str, FileRef]:
    """The files an exported document names (by digest, in the order they appear)."""
    refs: dict[str, FileRef] = {}
    for i, case in enumerate(document.get("cases", [])):
        for j, doc in enumerate(case.get("documents", [])):
            for k, version in enumerate(doc["versions"]):
                refs.setdefault(version["sha256"], FileRef(
                    version["sha256"], version["size"], f"cases[{i}].documents[{j}].versions[{k}]",
                    f"document {doc['title']!r} (case {case['number']}), version "
                    f"{version['number']}"))
    for i, template in enumerate(document.get("letter_templates", [])):
        refs.setdefault(template["sha256"], FileRef(
            template["sha256"], -1, f"letter_templates[{i}]",
            f"letter template {template['name']!r}"))
    return refs


def needed_files(practice: PracticeIn) -> dict[str, FileRef]:
    """The files a checked document names (by digest, in the order they appear)."""
    refs: dict[str, FileRef] = {}
    for case in practice.cases:
        for doc in case.documents:
            for version in doc.versions:
                refs.setdefault(version.sha256, FileRef(
                    version.sha256, version.size, version.path,
                    f"document {doc.title!r} (case {case.number}), version {version.number}"))
    for template in practice.templates:
        refs.setdefault(template.sha256, FileRef(template.sha256, -1, template.path,
                                                 f"letter template {template.name!r}"))
    return refs


# -- importing: check before changing anything ---------------------------------------------
def _file_problem(folder: Path, ref: FileRef) -> str | None:
    path = folder / ref.sha256  # the digest was checked to be 64 hex digits
    shown = f"{folder.name}/{ref.sha256}"
    try:
        info = path.lstat()
    except FileNotFoundError:
        return f"the file {shown} ({ref.what}) is missing"
    if stat.S_ISLNK(info.st_mode):
        return f"{shown} ({ref.what}) is a link, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"{shown} ({ref.what}) is not a file"
    if ref.size >= 0 and info.st_size != ref.size:
        return (f"the file {shown} ({ref.what}) has {info.st_size:,} bytes, but the "
                f"version says {ref.size:,}: it is damaged or not this version's file")
    digest, _size = file_digest(path)
    if digest != ref.sha256:
        return (f"the file {shown} ({ref.what}) is damaged: its contents hash to "
                f"{digest[:12]}…, not to its name")
    return None


def verify_files(practice: PracticeIn, folder: Path | None) -> dict[str, FileRef]:
    """Check every file the document names is in `folder`, whole; InvalidDocument naming
    each missing or damaged one. Returns what was checked (by digest)."""
    refs = needed_files(practice)
    if not refs:
        return refs
    if folder is None or not folder.is_dir():
        where = "no folder was given" if folder is None else (
            f"{folder} is not a folder" if folder.exists() else f"{folder} is missing")
        first = next(iter(refs.values()))
        raise InvalidDocument([Problem(
            f"{first.path}.sha256",
            f"the file's documents need their files folder beside it, and {where} "
            f"({len(refs)} file{'s' if len(refs) != 1 else ''} needed)")])
    problems: list[Problem] = []
    for ref in refs.values():
        reason = _file_problem(folder, ref)
        if reason is not None:
            problems.append(Problem(f"{ref.path}.sha256", reason))
    if problems:
        raise InvalidDocument(problems)
    return refs


# -- exporting -------------------------------------------------------------------------------
def _is_files_folder(folder: Path) -> bool:
    """Whether a folder holds nothing but files named by digests (an earlier export's)."""
    return all(_HEX64.fullmatch(p.name) and p.is_file() and not p.is_symlink()
               for p in folder.iterdir())


def _chunks(handle: Any) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def _copy_verified(store: BlobStore, ref: FileRef, target: Path) -> None:
    """Copy one stored file, hashing it on the way: a damaged store is never exported."""
    hasher = hashlib.sha256()
    try:
        source = store.open(ref.sha256)
    except NotFound:
        raise EnvironmentFault(f"Cannot export: the stored file of {ref.what} is missing "
                               f"({ref.sha256[:12]}…). Run `casedesk check`; nothing was "
                               "written.") from None
    # Owner only, as the practice file (inside a folder that is owner only too).
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o600)
    with source, os.fdopen(fd, "wb") as out:
        for chunk in _chunks(source):
            hasher.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if hasher.hexdigest() != ref.sha256:
        raise EnvironmentFault(f"Cannot export: the stored file of {ref.what} is damaged (its "
                               f"contents no longer match {ref.sha256[:12]}…). Run `casedesk "
                               "check`; nothing was written.")


def _fill_folder(store: BlobStore, refs: Mapping[str, FileRef], parent: Path,
                 name: str) -> Path:
    # Owner only, like the practice file: the documents of every case are in it.
    temp = create_temp_folder(parent, name, private=True)
    try:
        for ref in refs.values():
            _copy_verified(store, ref, temp / ref.sha256)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return temp


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_export(path: Path, document: Mapping[str, Any], store: BlobStore) -> int:
    """Write a practice file and its files folder; returns how many files the folder holds.

    Readers see the old JSON and folder or the new ones: the folder is filled under a
    temporary name and renamed into place, then the JSON is replaced atomically (on failure
    the previous folder is put back). A practice without files leaves no folder (an earlier
    export's is removed, as its JSON is replaced). A folder of that name holding anything but
    an earlier export's files is refused, not replaced.
    """
    folder = files_folder(path)
    parent = check_target(path)  # a folder to write in, and no link or device at `path`
    old_exists = folder.exists() or folder.is_symlink()
    if old_exists and (folder.is_symlink() or not folder.is_dir()
                       or not _is_files_folder(folder)):
        raise EnvironmentFault(f"{folder} is in the way: the files of {path.name} go in a "
                               "folder of that name, and it holds something else. Move it "
                               "away or export under another name; nothing was written.")
    refs = exported_files(document)
    text = dump_document(dict(document)).encode("utf-8")
    new = _fill_folder(store, refs, parent, folder.name) if refs else None
    old = parent / f".{folder.name}.{os.getpid()}.{os.urandom(4).hex()}.old"
    moved_old = placed_new = False
    try:
        if old_exists:
            if new is not None:  # a replaced folder keeps its permissions
                new.chmod(stat.S_IMODE(folder.stat().st_mode))
            os.rename(folder, old)
            moved_old = True
        if new is not None:
            os.rename(new, folder)
            placed_new = True
            _sync_folder(parent)
        write_bytes_atomically(path, text, private=True)
    except BaseException:
        if new is not None and not placed_new:
            shutil.rmtree(new, ignore_errors=True)
        if placed_new:
            shutil.rmtree(folder, ignore_errors=True)
        if moved_old:
            os.rename(old, folder)
        raise
    if moved_old:
        shutil.rmtree(old, ignore_errors=True)
    return len(refs)
