"""Demo correspondence and document requests: what the client is asked for and sends in, the
e-mails about it (some kept as .eml documents), calls and meetings, letters to opposing
counsel; then each case's papers in order (see documents.py and court_files.py).

Requests: a first batch a few days after the engagement (mostly received by now, the first
item as a scanned exhibit linked to its request); on open matters a second batch asked for in
the last weeks, part of it outstanding, some past due relative to the reference date (at
least MIN_OVERDUE in any demo with enough open cases); on closed matters what never came was
withdrawn.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory
from casedesk.services.demo import letters
from casedesk.services.demo import paper_texts as pt
from casedesk.services.demo.court_files import court_papers, office_papers
from casedesk.services.demo.documents import CasePapers, Ctx, with_court
from casedesk.services.demo.file_makers import eml_bytes
from casedesk.services.demo.paper_rows import DocRef, Version
from casedesk.services.demo.papers import say
from casedesk.services.demo.world import (
    CasePlan,
    ContactRef,
    StaffPlan,
    weekday_on_or_after,
    weekday_on_or_before,
)

MIN_OVERDUE = 3
EML_SHARE = 0.5  # e-mails also kept as an .eml document


def add_case_papers(papers: CasePapers, plan: CasePlan) -> None:
    """Everything on one case's file, oldest first."""
    ctx = papers.context(plan)
    papers.intake(ctx)
    if plan.declined:
        papers.declined(ctx)
        return
    papers.engagement(ctx)
    requests(papers, ctx)
    if plan.court is not None:
        court_papers(papers, ctx)
    else:
        office_papers(papers, ctx)
    counsel_contacts(papers, ctx)
    calls(papers, ctx)
    if plan.closed_on is not None:
        papers.closing(ctx)


def email(papers: CasePapers, ctx: Ctx, *, day: date, sender: ContactRef | StaffPlan,
          to: ContactRef | StaffPlan, subject: str, body: str, summary: str,
          outgoing: bool, attached: list[DocRef] | None = None, reply_to: str = "",
          keep_share: float = EML_SHARE) -> str:
    """An e-mail in the log (sent or received on `day`); some kept as an .eml document.

    Returns its Message-ID (for a reply's In-Reply-To)."""
    plan, rng, facts = ctx.plan, ctx.rng, ctx.facts
    at = papers.moment(ctx, day)
    domain = (sender.email or papers.firm["email"]).rpartition("@")[2]
    message_id = papers.message_id(ctx, domain)
    docs = list(attached or ())
    if rng.random() < keep_share:
        data = eml_bytes(sender=papers.address(sender), to=papers.address(to), subject=subject,
                         sent_at=at, message_id=message_id, body=body, in_reply_to=reply_to)
        docs.insert(0, papers.rows.document(
            rng, case_id=plan.id, title=f"E-mail: {subject}",
            category=DocumentCategory.CORRESPONDENCE, author=sender.name, tags=("e-mail",),
            confidential=True, document_date=day, sent_on=day if outgoing else None,
            received_on=None if outgoing else day, source=f"e-mail: {subject}"[:300],
            versions=[Version(data, f"{subject}.eml", at + timedelta(minutes=3),
                              facts.lead.id)]))
    client = to if outgoing else sender
    papers.rows.correspondence(
        rng, case_id=plan.id, kind=CorrespondenceKind.EMAIL,
        direction=Direction.OUTGOING if outgoing else Direction.INCOMING, on_date=day, at=at,
        logged_at=at + timedelta(minutes=4), subject=subject,
        from_text=papers.address(sender), to_text=papers.address(to),
        contact_id=client.id if isinstance(client, ContactRef) else None,
        staff_id=facts.lead.id, summary=summary, message_id=message_id, documents=docs)
    return message_id


def requests(papers: CasePapers, ctx: Ctx) -> None:
    """The documents asked of the client, the e-mails about them, what came in."""
    plan, rng, facts = ctx.plan, ctx.rng, ctx.facts
    pool = pt.REQUEST_ITEMS[with_court(plan, pt.REQUEST_ITEMS)]
    asked = papers.later(ctx, ctx.docs["engagement"].day, 0, 5)
    if asked is None:
        return
    items = [pool[0], *rng.sample(pool[1:], min(len(pool) - 1, rng.randint(1, 3)))]
    due = weekday_on_or_after(asked + timedelta(days=rng.choice((14, 21, 30))))
    subject = "Documents we need from you"
    body = letters.request_email(facts, items, due)
    first_id = email(papers, ctx, day=asked, sender=facts.lead, to=facts.client,
                     subject=subject, body=body, outgoing=True,
                     summary=f"Asked {facts.client_first} for: {'; '.join(items)} "
                             f"(by {say(due)}).")
    asked_at = papers.moment(ctx, asked)
    for index, item in enumerate(items):
        got = weekday_on_or_after(asked + timedelta(days=rng.randint(2, 40)))
        never = rng.random() < 0.15
        received = None if never or got > ctx.end else got
        doc = None
        if received is not None and index == 0:
            at = papers.moment(ctx, received)
            doc = papers.exhibit(ctx, received, at)
            if doc is not None:
                email(papers, ctx, day=received, sender=facts.client, to=facts.lead,
                      subject=f"Re: {subject}", outgoing=False, reply_to=first_id,
                      body=letters.reply_email(facts, item, body), attached=[doc],
                      summary=f"{facts.client_first} sent the {item.lower()}.")
        withdrawn = None
        if received is None and plan.closed_on is not None:
            withdrawn = papers.day(ctx, asked, 10, 60)
        when = received or withdrawn
        notes = rng.choice(pt.RECEIVED_NOTES if received else pt.WITHDRAWN_NOTES if withdrawn
                           else pt.OUTSTANDING_NOTES)
        if received is None and withdrawn is None and due < papers.world.today:
            papers.overdue += 1
        papers.rows.request(rng, case_id=plan.id, item=item, requested_on=asked,
                            requested_at=asked_at, due_on=due, received_on=received,
                            received_at=papers.moment(ctx, when, asked_at) if when else None,
                            withdrawn_on=withdrawn, document=doc,
                            contact_id=facts.client.id, staff_id=ctx.clerk.id, notes=notes)
    if plan.is_active:
        follow_up(papers, ctx, [i for i in pool if i not in items], asked)


def follow_up(papers: CasePapers, ctx: Ctx, pool: list[str], first: date) -> None:
    """On an open matter, a second batch asked for in the last weeks (some now past due)."""
    rng, facts, today = ctx.rng, ctx.facts, papers.world.today
    asked = weekday_on_or_before(today - timedelta(days=rng.randint(5, 40)))
    if not pool or asked <= first + timedelta(days=7) or asked > ctx.end:
        return
    items = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    due = weekday_on_or_after(asked + timedelta(days=rng.choice((7, 10, 14, 21))))
    subject = "Reminder: documents still needed"
    email(papers, ctx, day=asked, sender=facts.lead, to=facts.client, subject=subject,
          body=letters.request_email(facts, items, due), outgoing=True, keep_share=0.25,
          summary=f"Asked {facts.client_first} again for: {'; '.join(items)}.")
    asked_at = papers.moment(ctx, asked)
    for item in items:
        got = weekday_on_or_after(asked + timedelta(days=rng.randint(2, 30)))
        must_wait = due < today and papers.overdue < MIN_OVERDUE
        received = None if must_wait or got > ctx.end or rng.random() < 0.5 else got
        if received is None and due < today:
            papers.overdue += 1
        papers.rows.request(rng, case_id=ctx.plan.id, item=item, requested_on=asked,
                            requested_at=asked_at, due_on=due, received_on=received,
                            received_at=papers.moment(ctx, received, asked_at)
                            if received else None, withdrawn_on=None, document=None,
                            contact_id=facts.client.id, staff_id=ctx.clerk.id,
                            notes=rng.choice(pt.RECEIVED_NOTES if received
                                             else pt.OUTSTANDING_NOTES))


def counsel_contacts(papers: CasePapers, ctx: Ctx) -> None:
    """A call, e-mail or letter with opposing counsel or two."""
    counsel, rng, plan = ctx.facts.counsel, ctx.rng, ctx.plan
    age = (ctx.end - plan.opened_on).days
    if counsel is None or age < 20:
        return
    values = ctx.facts.values(rng, plan.opened_on)
    for kind, direction, subject, summary in rng.sample(pt.COUNSEL_CALLS, rng.randint(1, 2)):
        day = papers.day(ctx, plan.opened_on, 20, age)
        text = summary.format_map(values)
        if kind == "email":
            email(papers, ctx, day=day, sender=ctx.facts.lead, to=counsel, subject=subject,
                  body=f"Counsel,\n\n{text}\n\nRegards,\n{ctx.facts.lead.name}", summary=text,
                  outgoing=True)
            continue
        at = papers.moment(ctx, day)
        outgoing = direction == "out"
        papers.rows.correspondence(
            rng, case_id=plan.id, kind=CorrespondenceKind(kind),
            direction=Direction.OUTGOING if outgoing else Direction.INCOMING, on_date=day,
            at=at if kind == "call" else None, logged_at=at + timedelta(minutes=3),
            subject=subject, from_text=ctx.facts.lead.name if outgoing else counsel.name,
            to_text=counsel.name if outgoing else ctx.facts.lead.name, contact_id=counsel.id,
            staff_id=ctx.facts.lead.id, summary=text)


def calls(papers: CasePapers, ctx: Ctx) -> None:
    """Calls and meetings with the client over the life of the case."""
    rng, plan = ctx.rng, ctx.plan
    age = (ctx.end - plan.opened_on).days
    if age < 7:
        return
    values = ctx.facts.values(rng, plan.opened_on)
    people = [s for s in plan.team if s.role in ("attorney", "paralegal")] or plan.team
    for kind, direction, subject, summary in rng.sample(
            pt.CALLS, min(len(pt.CALLS), rng.randint(0, 1 + age // 180))):
        day = papers.day(ctx, plan.opened_on, 7, age)
        at: datetime = papers.moment(ctx, day)
        staff = rng.choice(people)
        outgoing = direction == "out"
        client = ctx.facts.client
        papers.rows.correspondence(
            rng, case_id=plan.id, kind=CorrespondenceKind(kind),
            direction=Direction.OUTGOING if outgoing else Direction.INCOMING, on_date=day,
            at=at, logged_at=at + timedelta(minutes=rng.randint(5, 40)), subject=subject,
            from_text=staff.name if outgoing else client.name,
            to_text=client.name if outgoing else staff.name, contact_id=client.id,
            staff_id=staff.id, summary=summary.format_map(values))
