"""The toolbar's search-everything box: cases and contacts matching every typed word."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from casedesk.persistence.reader import Reader, as_uuid, like_terms


@dataclass(frozen=True, slots=True)
class QuickHit:
    kind: str  # "case" or "contact"
    id: uuid.UUID
    title: str
    detail: str


def quick_search(reader: Reader, text: str, *, limit: int = 8) -> list[QuickHit]:
    """Up to `limit` cases and `limit` contacts for the words in `text`."""
    terms = like_terms(text)
    if not terms:
        return []
    params: dict[str, Any] = {"limit": limit}
    case_where = []
    contact_where = []
    for i, term in enumerate(terms):
        params[f"q{i}"] = term
        case_where.append(f"search_text LIKE :q{i} ESCAPE '\\'")
        contact_where.append(f"(lower(name) LIKE :q{i} ESCAPE '\\' "
                             f"OR lower(email) LIKE :q{i} ESCAPE '\\' "
                             f"OR lower(organization) LIKE :q{i} ESCAPE '\\')")
    cases = reader.rows(
        "SELECT id, number, title, client_names, status FROM cases WHERE deleted_at IS NULL AND "
        + " AND ".join(case_where) + " ORDER BY status = 'closed', number DESC LIMIT :limit",
        params)
    contacts = reader.rows(
        "SELECT id, name, organization, email FROM contacts WHERE deleted_at IS NULL AND "
        + " AND ".join(contact_where) + " ORDER BY name LIMIT :limit", params)
    hits = [QuickHit("case", as_uuid(r[0]), f"{r[1]} · {r[2]}",
                     ", ".join(p for p in (r[3], str(r[4]).capitalize()) if p)) for r in cases]
    hits += [QuickHit("contact", as_uuid(r[0]), r[1], r[2] or r[3] or "") for r in contacts]
    return hits
