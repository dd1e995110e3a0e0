"""Writing files whole: readers see the old file or the complete new one, never a part."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from casedesk.domain.errors import EnvironmentFault


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write a file so readers see the old one or the whole new one, never a part.

    Binary mode: text mode on Windows would turn CRLF into CR CR LF. On any error the
    temporary file beside the target is removed and the target is untouched.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise EnvironmentFault(f"Cannot write {path.name}: folder {folder} {what}.")
    if path.is_dir():
        raise EnvironmentFault(f"{path} is a folder; name the file to write.")
    # The temporary file is private (0600), and so stays a new export of practice data; a file
    # being replaced keeps its own permissions.
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else None
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(folder)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename == temp_name:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
