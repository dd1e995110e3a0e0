"""Demo documents: each case's file, with real Word, PDF, text and e-mail files behind it.

Every case (up to DOCUMENT_CASES of them, see below) gets intake notes (.txt), an engagement
letter (.docx; its signed copy a scanned .pdf as version 2) and the firm's fee schedule of that
year (one .pdf shared by every case: the store keeps the bytes once); a case before a court gets
its pleadings and briefs (.docx, drafts as earlier versions), the court's orders (.pdf) and a
filing package or two; an office matter gets its agreement or estate plan in two drafts, or its
letters to the insurer or the agency. The client's papers come in answer to document requests
as scanned .pdf exhibits; the e-mails about them are kept as .eml files (see correspondence.py).
Dates follow the case: opened, its court dates and filing deadlines (`CasePlan.milestones`,
recorded by the events generator), closed; nothing is dated after yesterday.

Scale: a document costs a few milliseconds (building its file, writing it, four rows), so a
demo of more than DOCUMENT_CASES cases gives files to DOCUMENT_CASES of them, spread evenly
from the oldest to the newest; the other cases have none (their papers predate the software,
as it were). The default 500-case demo gives every case its documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from casedesk.domain.enums import (
    CaseStatus,
    ContactKind,
    CorrespondenceKind,
    Direction,
    DocumentCategory,
    PartyRole,
)
from casedesk.services.demo import letters
from casedesk.services.demo import paper_texts as pt
from casedesk.services.demo.file_makers import DocxMaker, Line, Para, pdf_bytes, text_bytes
from casedesk.services.demo.files import DemoFiles
from casedesk.services.demo.paper_rows import DocRef, PaperRows, Version
from casedesk.services.demo.papers import MONTHS, Facts, exhibit, say
from casedesk.services.demo.people import Pools
from casedesk.services.demo.world import (
    CasePlan,
    ContactRef,
    DemoWorld,
    StaffPlan,
    weekday_on_or_before,
)

DOCUMENT_CASES = 500  # at most this many cases get documents and correspondence
COURT_KINDS = {"Criminal defense": "criminal", "Family": "family", "Immigration": "immigration",
               "Bankruptcy": "bankruptcy", "Estate planning": "probate"}
RATES = (("Partners", 525, 695), ("Associates", 275, 395), ("Paralegals", 135, 195),
         ("Legal assistants", 80, 100))


def choose_document_cases(world: DemoWorld, _pools: Pools) -> None:
    """Mark the cases that get documents (before the events, which note their milestones).

    Draws no random numbers, so every other generator's output stays the same."""
    if world.files is None:
        return
    count = len(world.cases)
    picks = range(count) if count <= DOCUMENT_CASES else \
        sorted({k * count // DOCUMENT_CASES for k in range(DOCUMENT_CASES)})
    for index in picks:
        world.cases[index].milestones = []


def generate_documents(world: DemoWorld, pools: Pools) -> None:
    """Documents, correspondence, document requests and filings of the chosen cases."""
    if world.files is None:
        return
    from casedesk.services.demo.correspondence import add_case_papers

    papers = CasePapers(world, pools, world.files)
    for plan in world.cases:
        if plan.milestones is not None:
            add_case_papers(papers, plan)
            world.checkpoint()


@dataclass
class Ctx:
    """One case while its papers are written."""

    plan: CasePlan
    facts: Facts
    rng: random.Random
    end: date  # the last day anything happens on the case
    clerk: StaffPlan  # who scans and files what comes in
    docs: dict[str, DocRef] = field(default_factory=dict)


class CasePapers:
    """The files and rows of each case's papers."""

    def __init__(self, world: DemoWorld, pools: Pools, files: DemoFiles) -> None:
        self.world = world
        self.rows = PaperRows(world, files)
        self.docx = DocxMaker()
        self.hospitals = pools.hospitals
        firm = world.firm
        self.firm = {"name": str(firm["name"]), "address": str(firm["address"]),
                     "phone": str(firm["phone"]), "email": str(firm["email"]),
                     "city": world.region.city, "state": world.region.state}
        self.domain = self.firm["email"].rpartition("@")[2]
        self.overdue = 0  # outstanding requests past their due date so far
        self._fee_schedules: dict[int, bytes] = {}

    # -- the case -----------------------------------------------------------------------------
    def context(self, plan: CasePlan) -> Ctx:
        rng = random.Random(f"casedesk-demo:{self.world.seed}:documents:{plan.id}")
        clients = plan.with_role(PartyRole.CLIENT)
        counsel = plan.with_role(PartyRole.OPPOSING_COUNSEL)
        insurer = next((c.name for c in plan.with_role(PartyRole.OTHER)
                        if c.kind is ContactKind.ORGANIZATION), "the carrier")
        kind = COURT_KINDS.get(plan.area, "civil") if plan.court is not None else ""
        facts = Facts(plan=plan, kind=kind, side=_side(plan, clients[0]), client=clients[0],
                      clients=clients, opponents=plan.with_role(PartyRole.OPPOSING_PARTY),
                      counsel=counsel[0] if counsel else None, lead=plan.responsible,
                      paralegal=next((s for s in plan.team if s.role == "paralegal"), None),
                      firm=self.firm, hospital=rng.choice(self.hospitals), insurer=insurer)
        clerk = next((s for s in plan.team if s.role in ("paralegal", "assistant")),
                     plan.responsible)
        return Ctx(plan, facts, rng, plan.last_day(self.world.last_day), clerk)

    def day(self, ctx: Ctx, start: date, low: int, high: int) -> date:
        """A weekday `low`..`high` days after `start`, within the case's life."""
        day = weekday_on_or_before(start + timedelta(days=ctx.rng.randint(low, high)))
        return min(max(day, ctx.plan.opened_on), ctx.end)

    def later(self, ctx: Ctx, start: date, low: int, high: int) -> date | None:
        """Like `day`, or None when even the earliest such day is past the case's end."""
        if start + timedelta(days=low) > ctx.end:
            return None
        return self.day(ctx, start, low, high)

    def moment(self, ctx: Ctx, day: date, after: datetime | None = None) -> datetime:
        """An office moment on `day` (after the case opened, and after `after`)."""
        earliest = max(ctx.plan.opened_at, after or ctx.plan.opened_at)
        return max(self.world.office_time(ctx.rng, day), earliest + timedelta(minutes=10))

    def address(self, who: ContactRef | StaffPlan) -> str:
        """ "Name <e-mail>" as an e-mail header or the correspondence log shows it."""
        email = who.email
        return f"{who.name} <{email}>" if email else who.name

    def message_id(self, ctx: Ctx, domain: str) -> str:
        """A Message-ID short enough never to be folded (mail programs fold at 78)."""
        return f"<{ctx.rng.getrandbits(64):016x}@{domain}>"

    # -- files --------------------------------------------------------------------------------
    def word(self, ctx: Ctx, paras: list[Para], title: str, day: date,
             author: StaffPlan | None = None) -> bytes:
        return self.docx.render(paras, title=title, author=(author or ctx.facts.lead).name,
                                day=day, footer=f"{ctx.plan.number} · {title}",
                                edited_minutes=ctx.rng.randint(5, 400))

    def scan(self, ctx: Ctx, lines: list[Line], title: str, received: date,
             author: str) -> bytes:
        return pdf_bytes(lines, title=title, author=author, day=received, scanned=True,
                         stamp=f"{MONTHS[received.month - 1][:3].upper()} {received.day:02d} "
                               f"{received.year} · {self.firm['name']}",
                         bates=f"{ctx.facts.client.short.split()[-1].upper()[:10]}"
                               f"{ctx.rng.randint(1, 999):03d}")

    def fee_schedule(self, year: int) -> bytes:
        """The firm's rates of a year: one file, shared by every case opened that year."""
        found = self._fee_schedules.get(year)
        if found is None:
            rng = random.Random(f"casedesk-demo:{self.world.seed}:fees:{year}")
            lines: list[Line] = [("center", self.firm["name"].upper()),
                                 ("line", self.firm["address"]), ("gap", ""),
                                 ("title", f"Schedule of hourly rates — {year}"), ("gap", "")]
            for role, low, high in RATES:
                rate = rng.randrange(low, high, 5) + 10 * (year % 7)
                lines.append(("line", f"{role:<40}${rate:>4} per hour"))
            lines += [("gap", ""), ("p", "Time is billed in tenths of an hour. Costs (filing "
                                         "fees, court reporters, copying over 100 pages) are "
                                         "billed at cost. Invoices are due in 30 days.")]
            found = self._fee_schedules[year] = pdf_bytes(
                lines, title=f"Fee schedule {year}", author=self.firm["name"],
                day=date(year, 1, 2))
        return found

    # -- the papers every case has --------------------------------------------------------------
    def intake(self, ctx: Ctx) -> None:
        """The call that brought the matter in, and the intake notes."""
        plan, rows, facts = ctx.plan, self.rows, ctx.facts
        called = plan.opened_at - timedelta(minutes=ctx.rng.randint(20, 200))
        rows.correspondence(ctx.rng, case_id=plan.id, kind=CorrespondenceKind.CALL,
                            direction=Direction.INCOMING, on_date=plan.opened_on, at=called,
                            logged_at=plan.opened_at + timedelta(minutes=5),
                            subject=f"New matter: {plan.title}",
                            from_text=self.address(facts.client), to_text=facts.lead.name,
                            contact_id=facts.client.id, staff_id=facts.lead.id,
                            summary=f"{facts.client.name} called about a {plan.area.lower()} "
                                    f"matter. {plan.description}")
        conflicts = ("Conflict found: an adverse party is a current client of the firm. "
                     "Representation declined." if plan.declined else
                     f"No conflicts found; cleared by {facts.lead.name}.")
        at = plan.opened_at + timedelta(minutes=ctx.rng.randint(35, 90))
        ctx.docs["intake"] = rows.document(
            ctx.rng, case_id=plan.id, title=f"Intake notes — {facts.client.name}",
            category=DocumentCategory.NOTE, author=facts.lead.name, tags=("intake",),
            privileged=True, confidential=True, document_date=plan.opened_on,
            versions=[Version(text_bytes(letters.intake_notes(facts, ctx.rng, conflicts)),
                              "Intake notes.txt", at, facts.lead.id)])

    def declined(self, ctx: Ctx) -> None:
        """The non-engagement letter of a matter declined at intake."""
        plan, facts = ctx.plan, ctx.facts
        day = plan.closed_on or plan.opened_on
        at = self.moment(ctx, day)
        title = "Non-engagement letter"
        doc = self.rows.document(
            ctx.rng, case_id=plan.id, title=title, category=DocumentCategory.CORRESPONDENCE,
            author=facts.lead.name, tags=("non-engagement",), confidential=True,
            document_date=day, sent_on=day, source="template: Non-engagement letter",
            versions=[Version(self.word(ctx, letters.non_engagement_letter(facts, day), title,
                                        day), f"{title}.docx", at, facts.lead.id)])
        self.letter_out(ctx, day, at, "Declining representation", facts.client, [doc])

    def engagement(self, ctx: Ctx) -> None:
        """The consultation, the engagement letter with the fee schedule, the signed copy."""
        plan, facts, rng, rows = ctx.plan, ctx.facts, ctx.rng, self.rows
        met = self.day(ctx, plan.opened_on, 0, 3)
        rows.correspondence(rng, case_id=plan.id, kind=CorrespondenceKind.MEETING,
                            direction=Direction.OUTGOING, on_date=met,
                            at=self.moment(ctx, met), logged_at=self.moment(ctx, met),
                            subject="Initial consultation", from_text=facts.lead.name,
                            to_text=facts.client.name,
                            contact_id=facts.client.id, staff_id=facts.lead.id,
                            summary=f"Met {facts.client_first} in the office; went over the "
                                    "facts, the likely steps and the fee agreement.")
        day = self.day(ctx, plan.opened_on, 0, 2)
        at = self.moment(ctx, day)
        title = "Engagement letter"
        versions = [Version(self.word(ctx, letters.engagement_letter(facts, rng, day), title,
                                      day), f"{title}.docx", at, facts.lead.id)]
        signed = None
        if plan.status is not CaseStatus.INTAKE and rng.random() < 0.4:
            signed = self.later(ctx, day, 3, 14)
        if signed is not None:
            lines: list[Line] = [("center", self.firm["name"].upper()), ("gap", ""),
                                 ("title", "Engagement letter"),
                                 ("p", f"Re: Engagement — {plan.title}. Our file "
                                       f"{plan.number}. Dated {say(day)}."),
                                 ("p", "AGREED AND ACCEPTED. I have read this letter and the "
                                       "enclosed fee schedule and agree to their terms."),
                                 ("sig", f"/s/ {facts.client.name}"),
                                 ("line", f"Date: {say(signed)}")]
            versions.append(Version(self.scan(ctx, lines, f"{title} (signed)", signed,
                                              facts.client.name),
                                    f"{title} (signed).pdf", self.moment(ctx, signed, at),
                                    ctx.clerk.id, "Signed copy returned by the client"))
        letter = rows.document(rng, case_id=plan.id, title=title,
                               category=DocumentCategory.CONTRACT, author=facts.lead.name,
                               tags=("engagement", "fees"), confidential=True,
                               document_date=day, sent_on=day, received_on=signed,
                               source="template: Engagement letter", versions=versions)
        year = day.year
        fees = rows.document(rng, case_id=plan.id, title=f"Fee schedule {year}",
                             category=DocumentCategory.CONTRACT, author=self.firm["name"],
                             tags=("fees",), document_date=date(year, 1, 2), sent_on=day,
                             versions=[Version(self.fee_schedule(year), f"Fee schedule {year}"
                                               ".pdf", at, facts.lead.id)])
        ctx.docs["engagement"] = letter
        self.letter_out(ctx, day, at, "Engagement letter and fee schedule", facts.client,
                        [letter, fees])
        if signed is not None:
            rows.correspondence(rng, case_id=plan.id, kind=CorrespondenceKind.LETTER,
                                direction=Direction.INCOMING, on_date=signed, at=None,
                                logged_at=versions[-1].at, subject="Signed engagement letter",
                                from_text=facts.client.name, to_text=facts.lead.name,
                                contact_id=facts.client.id, staff_id=ctx.clerk.id,
                                summary="The client signed and returned the engagement letter "
                                        "with the retainer.", documents=[letter])

    def closing(self, ctx: Ctx) -> None:
        """The letter closing the file."""
        plan, facts = ctx.plan, ctx.facts
        assert plan.closed_on is not None
        day, title = plan.closed_on, "Closing letter"
        at = self.moment(ctx, day)
        doc = self.rows.document(
            ctx.rng, case_id=plan.id, title=title, category=DocumentCategory.CORRESPONDENCE,
            author=facts.lead.name, tags=("closing",), document_date=day, sent_on=day,
            source="template: Closing letter",
            versions=[Version(self.word(ctx, letters.closing_letter(facts, day), title, day),
                              f"{title}.docx", at, facts.lead.id)])
        self.letter_out(ctx, day, at, "Closing your file", facts.client, [doc])

    def exhibit(self, ctx: Ctx, received: date, at: datetime) -> DocRef | None:
        """The client's papers sent in answer to the first request (a scanned PDF)."""
        found = pt.EXHIBITS.get(with_court(ctx.plan, pt.EXHIBITS))
        if found is None:
            return None
        title, layout = found
        facts = ctx.facts
        data = self.scan(ctx, exhibit(facts, ctx.rng, title, layout, received), title, received,
                         facts.client.name)
        doc = self.rows.document(ctx.rng, case_id=ctx.plan.id, title=title,
                                 category=DocumentCategory.EVIDENCE, author=facts.client.name,
                                 tags=("from client", "scan"), confidential=True,
                                 document_date=received, received_on=received,
                                 versions=[Version(data, f"{title} (scan).pdf", at,
                                                   ctx.clerk.id)])
        ctx.docs["exhibit"] = doc
        return doc

    def letter_out(self, ctx: Ctx, day: date, at: datetime, subject: str, to: ContactRef,
                   docs: list[DocRef]) -> None:
        self.rows.correspondence(ctx.rng, case_id=ctx.plan.id, kind=CorrespondenceKind.LETTER,
                                 direction=Direction.OUTGOING, on_date=day, at=None,
                                 logged_at=at + timedelta(minutes=2), subject=subject,
                                 from_text=ctx.facts.lead.name, to_text=to.name,
                                 contact_id=to.id, staff_id=ctx.facts.lead.id,
                                 summary=f"Sent to {to.name} by mail and e-mail.",
                                 documents=docs)


def with_court(plan: CasePlan, table: dict[str, Any]) -> str:
    """The key of a per-area table: "<area>/court" when the case is before a court and the
    table has one, else the area."""
    key = f"{plan.area}/court"
    return key if plan.court is not None and key in table else plan.area


def _side(plan: CasePlan, client: ContactRef) -> str:
    """The client's side: from the case's deadlines when they tell, else from its title."""
    titles = " ".join(m.title for m in plan.milestones or ())
    if any(t in titles for t in ("Answer due", "Motion to dismiss due", "Reply in support")):
        return "defendant"
    if any(t in titles for t in ("Proof of service", "Opposition to motion to dismiss")):
        return "plaintiff"
    if plan.area == "Criminal defense":
        return "defendant"
    if " v. " not in plan.title:
        return "plaintiff"
    left = plan.title.split(" v. ", 1)[0].removeprefix("EEOC Charge — ")
    name = client.person.last if client.person is not None else client.name
    return "plaintiff" if left.startswith(name) else "defendant"
