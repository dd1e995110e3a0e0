"""What a write changed, so each pane reloads only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    firm: bool = False
    staff: bool = False
    contacts: bool = False
    cases: bool = False
    parties: bool = False
    notes: bool = False
    tasks: bool = False
    conflicts: bool = False
    events: bool = False
    courts: bool = False  # courts, their holiday lists, and rule sets
    reminders: bool = False
    documents: bool = False  # documents, their versions, templates
    correspondence: bool = False
    document_requests: bool = False
    filings: bool = False
    search: bool = False  # the full-text index
    budgets: bool = False  # budgets, time entries, expenses (and budget settings)

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})
