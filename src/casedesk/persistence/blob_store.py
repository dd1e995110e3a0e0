"""The document store: file contents kept once, named by their SHA-256, never changed in place.

Layout: `<documents folder>/sha256/ab/cd/abcd…` (the full 64-digit hex digest). A name that
comes from outside (an upload's file name, an archive member, an e-mail attachment) is never
part of a stored path: only the digest casedesk computed is. Files are written to a temporary
file in the same folder, flushed to disk, then renamed into place, and made read-only.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casedesk.domain.errors import InvalidInput, NotFound

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


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
    """What putting bytes in the store did."""

    sha256: str
    size: int
    created: bool  # False when the same bytes were already kept


def valid_digest(sha256: str) -> str:
    """The digest if it is 64 lowercase hex digits, else InvalidInput (never a path)."""
    if not _HEX64.fullmatch(sha256 or ""):
        raise InvalidInput(f"{sha256!r} is not a SHA-256 digest.", field="sha256")
    return sha256


class BlobStore:
    """Content-addressed files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        digest = valid_digest(sha256)
        return self.root / "sha256" / digest[:2] / digest[2:4] / digest

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_bytes(self, data: bytes) -> Stored:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.is_file():
            return Stored(digest, len(data), created=False)
        self._write(target, iter((data,)))
        return Stored(digest, len(data), created=True)

    def put_file(self, source: Path) -> Stored:
        """Copy a file in (read twice: once to hash, once to copy; the copy is re-hashed)."""
        digest, size = file_digest(source)
        target = self.path_for(digest)
        if target.is_file():
            return Stored(digest, size, created=False)
        with source.open("rb") as handle:
            written = self._write(target, _chunks(handle))
        if written != digest:
            self._discard(target)
            raise InvalidInput(f"{source.name} changed while it was being copied; "
                               "nothing was stored. Try again once it is saved.", field="file")
        return Stored(digest, size, created=True)

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
        self._discard(self.path_for(sha256))

    def digests(self) -> Iterator[str]:
        """Every digest with a file in the store (for finding files nothing refers to)."""
        base = self.root / "sha256"
        if not base.is_dir():
            return
        for path in base.glob("??/??/*"):
            if _HEX64.fullmatch(path.name) and path.is_file():
                yield path.name

    # -- internals -------------------------------------------------------------------------
    def _write(self, target: Path, chunks: Iterator[bytes]) -> str:
        """Write atomically; returns the SHA-256 of what was written."""
        target.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    hasher.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return hasher.hexdigest()

    @staticmethod
    def _discard(path: Path) -> None:
        if path.exists():
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
            path.unlink()


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
