"""Where the demo's document files go: the practice's document store, or memory (for tests).

The layout is the store's own (`BlobStore.path_for`: named by SHA-256, read-only, written to a
temporary file and renamed into place), but each file is not flushed to disk one by one as
`BlobStore.put_bytes` does: thousands of fsyncs would dominate the demo's run time, and a demo
file lost to a power cut is reported by `casedesk check` and remade by making the demo again.
Files this run created are removed again when the demo fails (`discard`), so a failed demo
leaves the documents folder as it found it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from casedesk.persistence.blob_store import BlobStore, Stored


class DemoFiles:
    """Puts file contents in a store once each and remembers what it created."""

    def __init__(self, store: BlobStore | None = None) -> None:
        self.store = store
        self.memory: dict[str, bytes] = {}  # digest -> bytes, when there is no store
        self.sizes: dict[str, int] = {}  # every digest put so far (this run)
        self.created: list[str] = []  # digests this run wrote to the store
        self._folders: set[Path] = set()  # folders known to exist

    def put(self, data: bytes) -> Stored:
        """Keep these bytes (once); `created` is False when they were already kept."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.sizes:
            return Stored(digest, len(data), created=False)
        self.sizes[digest] = len(data)
        if self.store is None:
            self.memory[digest] = data
            return Stored(digest, len(data), created=True)
        target = self.store.path_for(digest)
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        if target.is_file():
            return Stored(digest, len(data), created=False)
        _write(target, data)
        self.created.append(digest)
        return Stored(digest, len(data), created=True)

    def read(self, digest: str) -> bytes:
        """The bytes of a digest put before (from memory or the store)."""
        if self.store is None:
            return self.memory[digest]
        return self.store.read_bytes(digest)

    def discard(self) -> None:
        """Remove every file this run created (the demo failed; nothing refers to them)."""
        if self.store is not None:
            for digest in reversed(self.created):
                self.store.remove(digest)
        self.created.clear()
        self.memory.clear()
        self.sizes.clear()


def _write(target: Path, data: bytes) -> None:
    """Write atomically (temporary file in the same folder, then rename); read-only."""
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
