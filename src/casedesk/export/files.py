"""Writing files whole: readers see the old file or the complete new one, never a part.

A file is written to a temporary file beside its target, flushed to disk, and moved over the
target with `os.replace`. What can be replaced is only a regular file: a device (`/dev/full`),
a named pipe, a socket, a folder or a symbolic link in the way is refused with a message saying
what it is (`os.replace` would swap the link or the device node for a file, not write through
it).

Permissions are those of a normal save (letters, filing packages, calendars): a new file gets
0o666 and a new folder 0o777, less the
umask. Rather than reading the umask (`os.umask` can only be read by setting it, a race with any
other thread creating files), the temporary file and folder are created with those modes and
the system applies the umask, as it does for any save. A replaced file keeps its own mode.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casedesk.domain.errors import EnvironmentFault

_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0))
_ATTEMPTS = 100


def not_a_file(path: Path) -> str | None:
    """What is at `path` when it is something other than a regular file ("a symbolic link",
    "a device"...); None when nothing is there or a regular file is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # a parent is a file: the folder check says so
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path) -> Path:
    """The folder a file `path` can be written in, or EnvironmentFault saying why not: the
    folder is missing, or something other than a regular file is at `path`."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        missing = "is a file, not a folder" if folder.exists() else "does not exist"
        raise EnvironmentFault(f"Cannot write {path.name}: folder {folder} {missing}.")
    what = not_a_file(path)
    if what == "a folder":
        raise EnvironmentFault(f"{path} is a folder; name the file to write.")
    if what is not None:
        raise EnvironmentFault(f"{path} is {what}, not a regular file; only a file can be "
                               "replaced. Choose another name; nothing was written.")
    return folder


def _temp_name(folder: Path, name: str) -> Path:
    return folder / f".{name}.{os.urandom(6).hex()}.partial"


def create_temp_file(folder: Path, name: str, *, private: bool = False) -> tuple[int, Path]:
    """A new hidden file in `folder` named after `name`, opened for reading and writing, with
    the permissions of a normal save (0o666 less the umask), or the owner's only (`private`)."""
    for _attempt in range(_ATTEMPTS):
        temp = _temp_name(folder, name)
        try:
            return os.open(temp, _FLAGS, 0o600 if private else 0o666), temp
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(folder)) from exc
    raise FileExistsError(f"No temporary name was free in {folder}.")


def create_temp_folder(parent: Path, name: str, *, private: bool = False) -> Path:
    """A new hidden folder in `parent` named after `name`, with the permissions of a normal
    new folder (0o777 less the umask), or the owner's only (`private`)."""
    for _attempt in range(_ATTEMPTS):
        temp = _temp_name(parent, name)
        try:
            os.mkdir(temp, 0o700 if private else 0o777)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(parent)) from exc
        return temp
    raise FileExistsError(f"No temporary name was free in {parent}.")


@dataclass
class PreparedFile:
    """A file written beside its target and not yet moved over it: `commit` moves it into
    place, `discard` removes it (the target is untouched until `commit`)."""

    target: Path
    temp: Path
    mode: int | None  # the replaced file's permissions, kept

    def commit(self) -> None:
        try:
            check_target(self.target)  # something may have been put there meanwhile
            if self.mode is not None:
                os.chmod(self.temp, self.mode)
            os.replace(self.temp, self.target)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError) and _names(exc, self.temp):
                raise OSError(exc.errno, exc.strerror, str(self.target)) from exc
            raise

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A handle to write a file's new contents; on leaving, the file is replaced whole (and
    on an error the target is untouched and the temporary file removed)."""
    with prepared_file(path) as (handle, prepared):
        yield handle
    prepared.commit()


@contextmanager
def prepared_file(path: Path, *, private: bool = False) -> Iterator[tuple[BinaryIO, PreparedFile]]:
    """A handle to write a file's new contents, flushed to disk on leaving; the returned
    PreparedFile then replaces the target (`commit`) or is dropped (`discard`)."""
    folder = check_target(path)
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else None
    fd, temp = create_temp_file(folder, path.name, private=private)
    prepared = PreparedFile(path, temp, mode)
    try:
        # Binary mode: text mode on Windows would turn CRLF into CR CR LF.
        with os.fdopen(fd, "w+b") as handle:
            yield handle, prepared
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        prepared.discard()
        if isinstance(exc, OSError) and (exc.filename is None or _names(exc, temp)):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _names(exc: OSError, temp: Path) -> bool:
    """Whether an error names the temporary file (the user only knows the target)."""
    return exc.filename is not None and str(exc.filename) == str(temp)


def prepare_bytes(path: Path, data: bytes, *, private: bool = False) -> PreparedFile:
    """`data` written beside `path`, to be moved over it by `commit` (see PreparedFile)."""
    with prepared_file(path, private=private) as (handle, prepared):
        handle.write(data)
    return prepared


def write_bytes_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a file so readers see the old one or the whole new one, never a part.

    Refuses (EnvironmentFault) a missing folder and anything but a regular file at `path`. On
    any error the temporary file beside the target is removed and the target is untouched.
    `private`: a new file is readable by its owner only (the whole practice's export).
    """
    prepare_bytes(path, data, private=private).commit()
