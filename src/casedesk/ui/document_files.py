"""Documents leaving the store: open with the system's application, show in the file manager,
export a copy.

Files in the store are named by their hash and are never opened or changed in place. To open
one, its bytes are checked against the hash and copied to a per-user cache folder
(`<cache>/open/<document id>-v<n>/<safe file name>`, read-only, so an editor offers "Save as"
instead of changing casedesk's copy); that copy is what the system application opens and what
"Show in folder" shows. An export is written whole (temporary file + rename) after the same
check. The copying functions run on the DB worker (`Database.call`), never the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import uuid
from pathlib import Path

from PySide6.QtCore import QProcess, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

from casedesk.domain.errors import EnvironmentFault
from casedesk.export.files import write_bytes_atomically
from casedesk.persistence.blob_store import BlobStore, file_digest
from casedesk.services.documents import safe_file_name

READ_ONLY = stat.S_IRUSR  # the cached copy: readable by its owner only (privileged papers)


def default_cache_root() -> Path:
    """Where opened copies go: the per-user cache folder of casedesk, `open/` inside it."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location) / "open"


def checked_bytes(store: BlobStore, sha256: str, file_name: str) -> bytes:
    """The stored bytes, after checking they still hash to `sha256` (else a clear error)."""
    try:
        data = store.read_bytes(sha256)
    except OSError as exc:
        raise EnvironmentFault(f"The stored file for “{file_name}” could not be read: "
                               f"{exc.strerror or exc}.", details=repr(exc)) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EnvironmentFault(
            f"The stored file for “{file_name}” no longer matches what was added: it is "
            "damaged. Restore the documents folder from a backup (run “casedesk check” to "
            "find every damaged file).", details=str(store.path_for(sha256)))
    return data


def cached_copy(store: BlobStore, sha256: str, *, document_id: uuid.UUID, number: int,
                file_name: str, root: Path) -> Path:
    """A read-only copy of one version in the cache, made (or re-made) only when needed."""
    name = safe_file_name(file_name)
    folder = root / f"{document_id}-v{number}"
    target = folder / name
    if target.is_file():
        try:
            if file_digest(target)[0] == sha256:
                return target  # already there, unchanged (it may be open right now)
        except OSError:
            pass
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)  # Windows cannot replace a read-only file
    data = checked_bytes(store, sha256, name)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise EnvironmentFault(f"The folder for opened documents could not be made: "
                               f"{exc.strerror or exc}.", details=str(folder)) from exc
    write_bytes_atomically(target, data)
    target.chmod(READ_ONLY)
    return target


def export_copy(store: BlobStore, sha256: str, file_name: str, target: Path) -> Path:
    """Write one version's exact bytes to `target`, whole or not at all."""
    write_bytes_atomically(target, checked_bytes(store, sha256, file_name))
    return target


def open_with_system(path: Path) -> bool:
    """Open a file with the application the system uses for its type."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def reveal_in_folder(path: Path) -> bool:
    """Show the file in the system's file manager (selected where the platform allows)."""
    if sys.platform == "win32":
        return bool(QProcess.startDetached("explorer.exe", ["/select,", os.path.normpath(path)]))
    if sys.platform == "darwin":
        return bool(QProcess.startDetached("open", ["-R", str(path)]))
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))


def local_files(urls: list[QUrl]) -> tuple[list[Path], list[str]]:
    """(files to add, names of what cannot be added) among dropped URLs."""
    files: list[Path] = []
    refused: list[str] = []
    for url in urls:
        if not url.isLocalFile():
            refused.append(url.toDisplayString())
            continue
        path = Path(url.toLocalFile())
        if path.is_file():
            files.append(path)
        else:
            refused.append(path.name or str(path))  # a folder, or gone since the drag began
    return files, refused
