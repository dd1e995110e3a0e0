"""Documents leaving the store: opened from a read-only copy in the cache, shown in the file
manager, exported as the exact bytes; the stored files are never touched."""

from __future__ import annotations

import hashlib
import stat
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from casedesk.domain.errors import EnvironmentFault
from casedesk.persistence.blob_store import BlobStore
from casedesk.ui import document_files
from casedesk.ui.dialogs import error_dialog
from tests.ui.document_fixtures import (
    COMPLAINT_V1,
    COMPLAINT_V2,
    MEMO,
    pane_and_ids,
    select,
)
from tests.ui.pane_fixtures import open_practice, settings

# pytest finds these fixtures by name in this module
FIXTURES = (pane_and_ids, open_practice, settings)


@pytest.fixture
def opened(monkeypatch: Any) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_enter_opens_a_read_only_copy_of_the_current_version(
        qtbot: Any, pane_and_ids: Any, opened: list[QUrl], tmp_path: Path) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["complaint"])
    pane.view.setFocus()
    QTest.keyClick(pane.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    path = Path(opened[0].toLocalFile())
    assert path == tmp_path / "cache" / f"{ids['complaint']}-v2" / "Complaint (amended).pdf"
    assert path.read_bytes() == COMPLAINT_V2
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    store = BlobStore(pane._db.location.documents_dir)
    assert store.verify(hashlib.sha256(COMPLAINT_V2).hexdigest()) is None  # store untouched


def test_an_earlier_version_opens_from_the_versions_list(
        qtbot: Any, pane_and_ids: Any, opened: list[QUrl], tmp_path: Path) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["complaint"])
    view = pane.detail.version_view
    view.doubleClicked.emit(pane.detail.version_model.index(1, 1))
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    path = Path(opened[0].toLocalFile())
    assert path.parent.name == f"{ids['complaint']}-v1"
    assert path.name == "Complaint.pdf" and path.read_bytes() == COMPLAINT_V1


def test_opening_again_reuses_the_copy_and_mends_a_changed_one(
        qtbot: Any, pane_and_ids: Any, opened: list[QUrl]) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["memo"])
    pane.open_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    path = Path(opened[0].toLocalFile())
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(b"someone typed over the copy")
    pane.open_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10_000)
    assert Path(opened[1].toLocalFile()) == path
    assert path.read_bytes() == MEMO  # exact bytes again (CR LF kept)


def test_show_in_folder_opens_the_copy_s_folder(qtbot: Any, pane_and_ids: Any,
                                               opened: list[QUrl], tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the file manager is started directly there (explorer /select, open -R)")
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["letter"])
    pane.reveal_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    folder = Path(opened[0].toLocalFile())
    assert folder == tmp_path / "cache" / f"{ids['letter']}-v1"
    assert (folder / "engagement.docx").is_file()


def test_export_writes_the_exact_bytes_where_the_user_says(
        qtbot: Any, pane_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["complaint"])
    target = tmp_path / "out" / "Complaint for the client.pdf"
    target.parent.mkdir()
    offered: list[str] = []

    def save_name(_parent: Any, _title: str, start: str, *a: Any) -> tuple[str, str]:
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    messages: list[str] = []
    pane.status_message.connect(messages.append)
    pane.export_action.trigger()
    qtbot.waitUntil(lambda: target.exists(), timeout=10_000)
    assert target.read_bytes() == COMPLAINT_V2
    assert Path(offered[0]).name == "Complaint (amended).pdf"
    qtbot.waitUntil(lambda: any(m.startswith("Exported a copy to ") for m in messages))
    # The selected version in the detail is what gets exported.
    pane.detail.version_view.selectRow(1)
    pane.export_action.trigger()
    qtbot.waitUntil(lambda: target.read_bytes() == COMPLAINT_V1, timeout=10_000)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left


def test_export_into_a_missing_folder_says_so(qtbot: Any, pane_and_ids: Any, tmp_path: Path,
                                              monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["memo"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "gone" / "memo.txt"), ""))
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error", lambda _p, message, _d="", **k:
                        errors.append(message))
    pane.export_action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "does not exist" in errors[0]
    assert not (tmp_path / "gone").exists()


# -- the helpers themselves ------------------------------------------------------------------
def test_a_damaged_stored_file_is_never_handed_out(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    stored = store.put_bytes(b"original")
    path = store.path_for(stored.sha256)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(b"0riginal")  # bit rot
    with pytest.raises(EnvironmentFault, match="damaged"):
        document_files.cached_copy(store, stored.sha256, document_id=uuid.uuid4(), number=1,
                                   file_name="a.txt", root=tmp_path / "cache")
    with pytest.raises(EnvironmentFault, match="damaged"):
        document_files.export_copy(store, stored.sha256, "a.txt", tmp_path / "a.txt")
    assert not (tmp_path / "a.txt").exists()
    assert not any((tmp_path / "cache").rglob("*.txt"))


def test_the_cached_name_is_never_a_path_from_outside(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    stored = store.put_bytes(b"x")
    doc = uuid.uuid4()
    path = document_files.cached_copy(store, stored.sha256, document_id=doc, number=3,
                                      file_name="../../etc/passwd", root=tmp_path / "cache")
    assert path == tmp_path / "cache" / f"{doc}-v3" / "passwd"


def test_local_files_keeps_files_and_names_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("a")
    (tmp_path / "folder").mkdir()
    paths, refused = document_files.local_files([
        QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(tmp_path / "folder")),
        QUrl("https://example.com/file.pdf")])
    assert paths == [good]
    assert refused == ["folder", "https://example.com/file.pdf"]
