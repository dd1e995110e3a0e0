"""Where the demo's document files go: the practice's document store, or memory (for tests).

Files go through `BlobStore.put_bytes(..., sync=False)`: named by SHA-256, read-only, written to
a temporary file and renamed into place, a damaged copy replaced; but not flushed to disk one
by one (thousands of fsyncs would dominate the demo's run time; a demo file lost to a power cut
is reported by `casedesk check` and remade by making the demo again).
Files this run created are removed again when the demo fails (`discard`), so a failed demo
leaves the documents folder as it found it.
"""

from __future__ import annotations

import hashlib

from casedesk.persistence.blob_store import BlobStore, Stored


class DemoFiles:
    """Puts file contents in a store once each and remembers what it created."""

    def __init__(self, store: BlobStore | None = None) -> None:
        self.store = store
        self.memory: dict[str, bytes] = {}  # digest -> bytes, when there is no store
        self.sizes: dict[str, int] = {}  # every digest put so far (this run)
        self.created: list[str] = []  # digests this run wrote to the store

    def put(self, data: bytes) -> Stored:
        """Keep these bytes (once); `created` is False when they were already kept."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.sizes:
            return Stored(digest, len(data), created=False)
        self.sizes[digest] = len(data)
        if self.store is None:
            self.memory[digest] = data
            return Stored(digest, len(data), created=True)
        # The store's own write: atomic, read-only, and a damaged copy already there (a shared
        # documents folder) is replaced with these bytes rather than trusted.
        stored = self.store.put_bytes(data, sync=False)
        if stored.created:
            self.created.append(digest)
        return stored

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
