"""The document store: file contents kept once, named by their SHA-256, never changed in place.

Layout: `<documents folder>/sha256/ab/cd/abcd…` (the full 64-digit hex digest). A name that
comes from outside (an upload's file name, an archive member, an e-mail attachment) is never
part of a stored path: only the digest casedesk computed is. Files are written to a temporary
file in the same folder, flushed to disk, checked against their digest, then renamed into place,
and made read-only.

Putting bytes that are already kept checks the kept file (its size, then its hash) and, when it
is damaged, replaces it with the good bytes: re-adding the original heals it. A file found intact
is not hashed again for a minute unless its size, modification time or inode changed, so a batch
that puts the same bytes many times hashes the kept file once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casedesk.domain.errors import InvalidInput, NotFound

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX2 = re.compile(r"[0-9a-f]{2}")
_TEMP_PREFIX = ".incoming-"  # a file being written; renamed to its digest when complete
_CHUNK = 1024 * 1024
INTACT_FOR_SECONDS = 60.0  # how long a file found intact is trusted without hashing it again
_MAX_REMEMBERED = 4096


class MissingFile(NotFound):
    """A stored file that is not in this documents folder (wrong shared folder, or lost)."""

    def __init__(self, sha256: str, root: Path) -> None:
        super().__init__("stored file", sha256)
        self.message = (f"The file {sha256[:12]}… is not in the documents folder {root}. "
                        "On a shared server every desk must use the same documents folder "
                        "(CASEDESK_DOCUMENTS_DIR); `casedesk check` lists every missing file.")
        self.args = (self.message,)


@dataclass(frozen=True, slots=True)
class Stored:
    """What putting bytes in the store did.

    `created`: this call wrote a file where there was none, so an operation that fails may
    remove it again. `healed`: the kept file of these bytes was damaged and this call replaced
    it; `created` is then False, because records may already use the file: it must never be
    removed by a failed operation's clean-up.
    """

    sha256: str
    size: int
    created: bool  # False when the same bytes were already kept (intact, or now healed)
    healed: bool = False


def valid_digest(sha256: str) -> str:
    """The digest if it is 64 lowercase hex digits, else InvalidInput (never a path)."""
    if not _HEX64.fullmatch(sha256 or ""):
        raise InvalidInput(f"{sha256!r} is not a SHA-256 digest.", field="sha256")
    return sha256


class BlobStore:
    """Content-addressed files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        # digest -> (size, mtime, inode, when) of a kept file last found intact
        self._intact: dict[str, tuple[int, int, int, float]] = {}

    def path_for(self, sha256: str) -> Path:
        digest = valid_digest(sha256)
        return self.root / "sha256" / digest[:2] / digest[2:4] / digest

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_bytes(self, data: bytes, *, sync: bool = True) -> Stored:
        """Keep bytes (once). `sync=False` skips flushing the file to disk: for bulk writers
        such as the demo, whose files can be made again if a power cut loses them."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        kept = self._kept(target, digest, len(data))
        if kept is True:
            return Stored(digest, len(data), created=False)
        self._write(target, iter((data,)), digest, replace=kept is False, sync=sync)
        return Stored(digest, len(data), created=kept is None, healed=kept is False)

    def put_file(self, source: Path) -> Stored:
        """Copy a file in (read twice: once to hash, once to copy; the copy is re-hashed and
        only renamed into place when it still has that hash)."""
        digest, size = file_digest(source)
        target = self.path_for(digest)
        kept = self._kept(target, digest, size)
        if kept is True:
            return Stored(digest, size, created=False)
        with source.open("rb") as handle:
            if not self._write(target, _chunks(handle), digest, replace=kept is False):
                raise InvalidInput(f"{source.name} changed while it was being copied; "
                                   "nothing was stored. Try again once it is saved.",
                                   field="file")
        return Stored(digest, size, created=kept is None, healed=kept is False)

    def read_bytes(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        if not path.is_file():
            raise MissingFile(sha256, self.root)
        return path.read_bytes()

    def open(self, sha256: str) -> BinaryIO:
        path = self.path_for(sha256)
        if not path.is_file():
            raise MissingFile(sha256, self.root)
        return path.open("rb")

    def verify(self, sha256: str) -> str | None:
        """None when the stored file has exactly these bytes, else what is wrong with it."""
        path = self.path_for(sha256)
        if not path.is_file():
            return "missing"
        digest, _size = file_digest(path)
        return None if digest == sha256 else f"damaged (its contents now hash to {digest[:12]}…)"

    def remove(self, sha256: str) -> None:
        """Delete a stored file nothing refers to any more (callers check that)."""
        self._intact.pop(sha256, None)
        self._discard(self.path_for(sha256))

    def digests(self) -> Iterator[str]:
        """Every digest with a file in the store (for finding files nothing refers to)."""
        base = self.root / "sha256"
        if not base.is_dir():
            return
        for path in base.glob("??/??/*"):
            if self._in_place(path) and path.is_file():
                yield path.name

    def clutter(self) -> Iterator[tuple[Path, bool]]:
        """What lies in the store's folder but is not a stored file, in path order, with True
        for a temporary file of a copy (one running now, or one cut short). A folder that
        does not belong is named once, not everything in it."""
        base = self.root / "sha256"
        if not base.is_dir():
            return
        found: list[tuple[Path, bool]] = []
        for first in _entries(base):
            if not (_HEX2.fullmatch(first.name) and first.is_dir()):
                found.append((first, _unfinished(first)))
                continue
            for second in _entries(first):
                if not (_HEX2.fullmatch(second.name) and second.is_dir()):
                    found.append((second, _unfinished(second)))
                    continue
                found.extend((entry, _unfinished(entry)) for entry in _entries(second)
                             if not (self._in_place(entry) and entry.is_file()))
        yield from sorted(found, key=lambda item: str(item[0]))

    @staticmethod
    def _in_place(path: Path) -> bool:
        """Named by a digest, in the folders that digest's name gives."""
        name = path.name
        return bool(_HEX64.fullmatch(name)) and (path.parent.parent.name, path.parent.name) \
            == (name[:2], name[2:4])

    # -- internals -------------------------------------------------------------------------
    def _kept(self, target: Path, digest: str, size: int) -> bool | None:
        """None when no file is kept for this digest; True when the kept one is intact (these
        very bytes); False when it is damaged (or cannot be read)."""
        try:
            info = target.stat()
        except FileNotFoundError:
            return None
        if info.st_size != size:
            return False
        key = (info.st_size, info.st_mtime_ns, info.st_ino)
        known = self._intact.get(digest)
        if known is not None and known[:3] == key and (
                time.monotonic() - known[3] < INTACT_FOR_SECONDS):
            return True
        try:
            intact = file_digest(target)[0] == digest
        except OSError:  # unreadable: replacing it with readable bytes is the cure
            intact = False
        if intact:
            self._remember(digest, info)
        return intact

    def _remember(self, digest: str, info: os.stat_result) -> None:
        if len(self._intact) >= _MAX_REMEMBERED:
            self._intact.clear()
        self._intact[digest] = (info.st_size, info.st_mtime_ns, info.st_ino, time.monotonic())

    def _write(self, target: Path, chunks: Iterator[bytes], digest: str, *,
               replace: bool = False, sync: bool = True) -> bool:
        """Write atomically, renaming into place only when what was written hashes to
        `digest` (False, and nothing changed, when it does not). `replace`: a damaged file is
        there; it is made writable first (Windows refuses to replace a read-only file)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    hasher.update(chunk)
                    out.write(chunk)
                if sync:
                    out.flush()
                    os.fsync(out.fileno())
            if hasher.hexdigest() != digest:
                tmp.unlink()
                return False
            tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            if replace:
                with contextlib.suppress(OSError):
                    target.chmod(stat.S_IRUSR | stat.S_IWUSR)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        with contextlib.suppress(OSError):
            self._remember(digest, target.stat())
        return True

    @staticmethod
    def _discard(path: Path) -> None:
        if path.exists():
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
            path.unlink()


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:  # vanished meanwhile, or unreadable: nothing to list
        return []


def _unfinished(path: Path) -> bool:
    return path.name.startswith(_TEMP_PREFIX) and path.is_file()


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 hex digest and size of a file, read in chunks."""
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in _chunks(handle):
            hasher.update(chunk)
            size += len(chunk)
    return hasher.hexdigest(), size
