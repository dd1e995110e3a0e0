"""Writing exported files: whole or not at all, only over a regular file, and with the
permissions a normal save gives (the umask applied); the whole practice's export stays private."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.domain.errors import EnvironmentFault
from casedesk.export.files import (
    atomic_file,
    create_temp_folder,
    not_a_file,
    prepare_bytes,
    write_bytes_atomically,
)
from casedesk.export.interchange_files import write_export
from casedesk.persistence.blob_store import BlobStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and file kinds")


@pytest.fixture(params=[0o022, 0o027, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under this umask (and put the old one back)."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- what may be replaced ----------------------------------------------------------------------
def test_a_symbolic_link_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"the real letter")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    with pytest.raises(EnvironmentFault) as caught:
        write_bytes_atomically(link, b"new")
    assert caught.value.message == (f"{link} is a symbolic link, not a regular file; only a "
                                    "file can be replaced. Choose another name; nothing was "
                                    "written.")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"the real letter"
    assert names(tmp_path) == ["link.docx", "real.docx"]


def test_a_named_pipe_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    with pytest.raises(EnvironmentFault, match=r"is a named pipe \(FIFO\), not a regular file"):
        write_bytes_atomically(pipe, b"new")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and names(tmp_path) == ["pipe.docx"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    if len(str(path)) > 100:
        pytest.skip("the path is too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(EnvironmentFault, match="is a socket, not a regular file"):
            write_bytes_atomically(path, b"new")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_what_is_in_the_way_is_named(tmp_path: Path) -> None:
    # Only looked at (never written): a device such as /dev/full must not become a file.
    assert not_a_file(Path("/dev/null")) == "a device"
    assert not_a_file(tmp_path) == "a folder"
    assert not_a_file(tmp_path / "missing") is None
    (tmp_path / "file").write_bytes(b"")
    assert not_a_file(tmp_path / "file") is None
    assert not_a_file(tmp_path / "file" / "below") is None  # the folder check says why
    with pytest.raises(EnvironmentFault, match="is a folder; name the file to write"):
        write_bytes_atomically(tmp_path, b"x")


# -- permissions -------------------------------------------------------------------------------
def test_a_new_file_gets_the_permissions_of_a_normal_save(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "letter.docx"
    write_bytes_atomically(target, b"letter")
    assert mode(target) == 0o666 & ~umask
    with atomic_file(tmp_path / "other.zip") as out:
        out.write(b"zip")
    assert mode(tmp_path / "other.zip") == 0o666 & ~umask


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    for kept in (0o600, 0o640, 0o664):
        target.write_bytes(b"old")
        target.chmod(kept)
        write_bytes_atomically(target, b"new")
        assert target.read_bytes() == b"new" and mode(target) == kept


def test_a_new_folder_gets_the_permissions_of_a_normal_folder(tmp_path: Path,
                                                              umask: int) -> None:
    folder = create_temp_folder(tmp_path, "package")
    assert folder.parent == tmp_path and folder.name.startswith(".package.")
    assert mode(folder) == 0o777 & ~umask


def test_a_practice_export_stays_private_whatever_the_umask(tmp_path: Path,
                                                           umask: int) -> None:
    """The whole practice (every client's records and documents) is owner-only, as before."""
    store = BlobStore(tmp_path / "store")
    stored = store.put_bytes(b"a template")
    document = {"letter_templates": [{"sha256": stored.sha256, "name": "Ours"}]}
    path = tmp_path / "practice.json"
    assert write_export(path, document, store) == 1
    folder = tmp_path / "practice.files"
    assert mode(folder) == 0o700
    assert mode(folder / stored.sha256) == 0o600
    assert mode(path) == 0o600
    link = tmp_path / "link.json"
    link.symlink_to(path)
    with pytest.raises(EnvironmentFault, match="is a symbolic link"):
        write_export(link, document, store)
    assert not (tmp_path / "link.files").exists()


# -- whole or not at all -----------------------------------------------------------------------
def test_a_prepared_file_leaves_the_target_alone_until_committed(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")
    dropped = prepare_bytes(target, b"dropped")
    assert target.read_bytes() == b"old" and len(names(tmp_path)) == 2
    dropped.discard()
    assert names(tmp_path) == ["letter.docx"] and target.read_bytes() == b"old"
    kept = prepare_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    kept.commit()
    assert names(tmp_path) == ["letter.docx"] and target.read_bytes() == b"new"


def test_a_link_put_in_the_way_before_the_commit_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    prepared = prepare_bytes(target, b"new")
    (tmp_path / "elsewhere").write_bytes(b"elsewhere")
    target.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(EnvironmentFault, match="is a symbolic link"):
        prepared.commit()
    assert target.is_symlink() and (tmp_path / "elsewhere").read_bytes() == b"elsewhere"
    assert names(tmp_path) == ["elsewhere", "letter.docx"]


def test_a_failure_while_writing_names_the_target_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"an older export")
    with pytest.raises(OSError) as caught, atomic_file(target) as out:
        out.write(b"part of it")
        raise OSError(28, "No space left on device")
    assert caught.value.filename == str(target)
    assert names(tmp_path) == ["out.zip"] and target.read_bytes() == b"an older export"
