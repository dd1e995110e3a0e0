"""A small practice with documents (built through the services), the Documents pane over it,
and helpers the document UI tests share."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from casedesk.persistence.practice import Practice
from casedesk.services import cases, documents, staff
from casedesk.services.documents import DocumentMeta, NewFile
from casedesk.ui.panes.documents_pane import DocumentsPane
from casedesk.ui.settings import Settings
from tests.ui.pane_fixtures import show_in_host

Ids = dict[str, uuid.UUID]
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
COMPLAINT_V1 = b"%PDF-1.4 complaint, first draft\n" * 40
COMPLAINT_V2 = b"%PDF-1.4 complaint, as amended\n" * 50
LETTER = b"PK\x03\x04 engagement letter bytes"
MEMO = b"Research memo: personal jurisdiction.\r\nNo CR/LF changes please.\n"


def _add(practice: Practice, case_id: uuid.UUID, file_name: str, data: bytes, at: datetime,
         actor: uuid.UUID | None = None, **meta: Any) -> uuid.UUID:
    stored = practice.blobs.put_bytes(data)
    _c, ids = practice.write(documents.add_documents, case_id=case_id, added_at=at,
                             actor_staff_id=actor,
                             files=[NewFile(stored=stored, file_name=file_name,
                                            meta=DocumentMeta(**meta))])
    return uuid.UUID(str(ids[0]))


def build(practice: Practice) -> Ids:
    """Two cases; four documents (the complaint has two versions, one is privileged and
    confidential, one privileged only)."""
    ids: Ids = {"alice": uuid.uuid4()}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    _c, ids["c1"] = w(cases.create_case, number="2026-CV-0142", title="Smith v. Acme")
    _c, ids["c2"] = w(cases.create_case, number="2026-CV-0107", title="Estate of Brown")
    ids["complaint"] = _add(practice, ids["c1"], "Complaint.pdf", COMPLAINT_V1, T0,
                            ids["alice"], title="Complaint", category="pleading",
                            document_date=date(2026, 3, 1), tags=["filed"])
    stored = practice.blobs.put_bytes(COMPLAINT_V2)
    w(documents.add_version, document_id=ids["complaint"], stored=stored,
      file_name="Complaint (amended).pdf", note="Amended after meet and confer",
      actor_staff_id=ids["alice"])
    ids["letter"] = _add(practice, ids["c1"], "engagement.docx", LETTER, T0 + timedelta(1),
                         title="Engagement letter", category="contract", privileged=True,
                         confidential=True, author="Alice Attorney")
    ids["memo"] = _add(practice, ids["c2"], "memo.txt", MEMO, T0 + timedelta(2),
                       title="Research memo", category="note", privileged=True)
    ids["order"] = _add(practice, ids["c2"], "order.pdf", b"order", T0 + timedelta(3),
                        title="Scheduling order", category="order",
                        document_date=date(2026, 5, 1))
    return ids


def make_pane(qtbot: Any, db: Any, settings: Settings, cache: Path) -> tuple[DocumentsPane,
                                                                               Any]:
    pane = DocumentsPane(db, settings, cache_root=lambda: cache)
    host = show_in_host(qtbot, pane, 1280, 760)
    return pane, host


@pytest.fixture
def pane_and_ids(qtbot: Any, open_practice: Any, settings: Settings, tmp_path: Path,
                 qtmodeltester: Any) -> Iterator[tuple[DocumentsPane, Ids]]:
    db, ids = open_practice(build)
    pane, host = make_pane(qtbot, db, settings, tmp_path / "cache")
    qtbot.waitUntil(lambda: pane.model.loaded and pane.model.rowCount() == 4
                    and pane.detail.document is not None)
    qtmodeltester.check(pane.model)
    yield pane, ids
    host.close()


def read(pane: Any, fn: Callable[..., Any], *args: Any) -> Any:
    """Read with a Practice of its own (what the pane wrote is committed by then)."""
    with Practice(pane._db.location) as practice:
        return practice.read(fn, *args)


def titles(pane: Any) -> list[str]:
    return [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]


def select(qtbot: Any, pane: Any, document_id: uuid.UUID) -> None:
    pane.select_document(document_id)
    qtbot.waitUntil(lambda: pane.detail.document is not None
                    and pane.detail.document.id == document_id)


def stored_files(pane: Any) -> set[str]:
    """The digests the document store holds."""
    from casedesk.persistence.blob_store import BlobStore

    return set(BlobStore(pane._db.location.documents_dir).digests())


def drop_files(widget: Any, paths: list[Path], at: QPoint) -> QDropEvent:
    """Send `widget` a drop of these files at `at` (in its coordinates), as a drag from the
    desktop ends: the drag enters it first, then the files are dropped."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event


def row_point(pane: Any, row: int) -> QPoint:
    """The middle of a list row, in the pane's coordinates."""
    rect = pane.view.visualRect(pane.model.index(row, 0))
    point: QPoint = pane.view.viewport().mapTo(pane, rect.center())
    return point
