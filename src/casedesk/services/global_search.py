"""What the toolbar's search box (Ctrl+K) offers: cases and contacts by name or number as typed
(LIKE, so "2026-CV-00" and "Smi" already find them), then full-text hits in documents, notes,
correspondence, cases and contacts with snippets, best first, each thing once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from casedesk.persistence.reader import Reader
from casedesk.services.quick_search import quick_search
from casedesk.services.search_results import search


@dataclass(frozen=True, slots=True)
class GlobalHit:
    kind: str  # "case", "contact", "document", "note", "correspondence"
    id: uuid.UUID  # of the thing itself
    case_id: uuid.UUID | None
    title: str
    detail: str  # case number and title, or a contact's organization
    snippet: str  # with search_query.HL_START/HL_END markers; "" for name matches


def search_everything(reader: Reader, text: str, *, limit: int = 20) -> list[GlobalHit]:
    """Up to `limit` hits: name/number matches first (at most 6), then full-text ones."""
    hits: list[GlobalHit] = []
    seen: set[tuple[str, uuid.UUID]] = set()
    for quick in quick_search(reader, text, limit=3):
        hits.append(GlobalHit(quick.kind, quick.id, quick.id if quick.kind == "case" else None,
                              quick.title, quick.detail, ""))
        seen.add((quick.kind, quick.id))
    for hit in search(reader, text, limit=limit):
        if len(hits) >= limit:
            break
        if (hit.kind, hit.ref_id) in seen:
            continue
        seen.add((hit.kind, hit.ref_id))
        if hit.kind == "case":
            title, detail = f"{hit.case_number} · {hit.title}", ""
        else:
            title, detail = hit.title, hit.case_number
        hits.append(GlobalHit(hit.kind, hit.ref_id, hit.case_id, title, detail, hit.snippet))
    return hits
