"""A demo case's court papers (pleadings, briefs, orders, filing packages, court notices) or,
for a matter outside court, its drafts and letters to the other side, an insurer or an agency.

Court papers follow the case's milestones: the brief filed for its latest met filing deadline
(a draft, then the final version, in a filing package submitted that day and since accepted
or conformed), a draft package for its next deadline, the order after its latest hearing and
the notice of its next court date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from casedesk.domain.enums import (
    CorrespondenceKind,
    Direction,
    DocumentCategory,
    EventKind,
    EventStatus,
    FilingStatus,
    PartyRole,
)
from casedesk.services.demo import letters, papers
from casedesk.services.demo import paper_texts as pt
from casedesk.services.demo.calendar_events import track_of
from casedesk.services.demo.documents import CasePapers, Ctx
from casedesk.services.demo.file_makers import Line, Para, pdf_bytes
from casedesk.services.demo.paper_rows import DocRef, Version
from casedesk.services.demo.papers import say
from casedesk.services.demo.world import Milestone, weekday_on_or_before
from casedesk.services.filings import history_entry

_FILED = re.compile(r"\((?:ECF (\d+)|e-filing envelope (\d+))\)")
_BRIEF_WORDS = ("motion", "opposition", "reply", "brief", "memorandum")
_PAPERS = {"Dispositive motions": "Motion for summary judgment",
           "Pretrial motions": "Motion to suppress evidence",
           "Answer": "Answer and affirmative defenses"}
_COURT_DATES = {EventKind.HEARING.value, EventKind.TRIAL.value, EventKind.CONFERENCE.value}
_ORDERS = {
    "Arraignment": ("Order after arraignment", "the arraignment"),
    "Master calendar hearing": ("Order of the immigration judge", "the master calendar"),
    "Temporary orders hearing": ("Temporary orders", "the motion for temporary orders"),
    "Sentencing hearing": ("Judgment and sentence", "sentencing"),
    "Confirmation hearing": ("Order confirming the chapter 13 plan", "confirmation"),
    "Change of plea hearing": ("Order accepting plea", "the change of plea"),
    "Final hearing (contested)": ("Final decree", "the final hearing"),
    "Individual merits hearing": ("Decision of the immigration judge", "the merits hearing"),
}


def court_papers(desk: CasePapers, ctx: Ctx) -> None:
    """Pleadings, briefs and filings, orders and notices of a case before a court."""
    milestones = sorted(ctx.plan.milestones or (), key=lambda m: m.day)
    opening(desk, ctx, milestones)
    briefs(desk, ctx, milestones)
    orders(desk, ctx, milestones)
    notice(desk, ctx, milestones)


def _word_doc(desk: CasePapers, ctx: Ctx, title: str, paras_by_version: list[tuple[
        list[Para], date, str]], category: DocumentCategory, tags: tuple[str, ...],
        *, privileged: bool = False) -> DocRef:
    """A Word document of the firm in one or more versions (drafts first)."""
    versions: list[Version] = []
    for paras, day, note in paras_by_version:
        after = versions[-1].at if versions else None
        versions.append(Version(desk.word(ctx, paras, title, day), f"{title}.docx",
                                desk.moment(ctx, day, after), ctx.facts.lead.id, note))
    return desk.rows.document(ctx.rng, case_id=ctx.plan.id, title=title, category=category,
                              author=ctx.facts.lead.name, tags=tags, privileged=privileged,
                              confidential=True, document_date=paras_by_version[-1][1],
                              versions=versions)


def opening(desk: CasePapers, ctx: Ctx, milestones: list[Milestone]) -> None:
    """The first pleading: the client's complaint or petition, or the complaint served on
    the client and the answer to it, or counsel's notice of appearance."""
    plan, facts, rng = ctx.plan, ctx.facts, ctx.rng
    if facts.kind in ("criminal", "immigration"):
        day = desk.day(ctx, plan.opened_on, 0, 3)
        paras = papers.notice_of_appearance(facts, day)
        ctx.docs["pleading"] = _word_doc(desk, ctx, "Notice of appearance",
                                         [(paras, day, "")], DocumentCategory.PLEADING,
                                         ("appearance",))
        return
    if facts.kind == "civil" and facts.side == "defendant":
        served = plan.opened_on
        lines: list[Line] = [*papers.caption(facts, "Summons and complaint"),
                             ("p", "TO THE DEFENDANT: A lawsuit has been filed against you. "
                                   "You must serve a written answer within 21 days after "
                                   "service of this summons, or judgment may be entered "
                                   "against you for the relief demanded."),
                             ("p", plan.description)]
        author = facts.counsel.name if facts.counsel else facts.opp
        at = desk.moment(ctx, served)
        desk.rows.document(rng, case_id=plan.id, title="Complaint (as served)",
                           category=DocumentCategory.PLEADING, author=author,
                           tags=("served", "scan"), confidential=True, document_date=served,
                           received_on=served,
                           versions=[Version(desk.scan(ctx, lines, "Complaint", served,
                                                       author), "Complaint (served).pdf",
                                             at, ctx.clerk.id)])
        due = next((m for m in milestones if m.title == "Answer due" and m.day <= ctx.end),
                   None)
        answered = due.day if due else desk.later(ctx, plan.opened_on, 18, 28)
        if answered is not None:
            ctx.docs["pleading"] = _word_doc(
                desk, ctx, "Answer and affirmative defenses",
                [(papers.answer(facts, rng, answered), answered, "")],
                DocumentCategory.PLEADING, ("answer",))
        return
    filed = desk.later(ctx, plan.opened_on, 3, 20)
    if filed is not None:
        incident = plan.opened_on - timedelta(days=rng.randint(20, 400))
        title = papers.complaint_title(facts)
        ctx.docs["pleading"] = _word_doc(
            desk, ctx, title[0].upper() + title[1:],
            [(papers.complaint(facts, rng, filed, incident), filed, "")],
            DocumentCategory.PLEADING, ("complaint",))


def briefs(desk: CasePapers, ctx: Ctx, milestones: list[Milestone]) -> None:
    """The paper filed for the latest met deadline (in a filing package), else a motion; a
    draft package for the next deadline of an open case."""
    plan, facts, rng, today = ctx.plan, ctx.facts, ctx.rng, desk.world.today
    filed = [m for m in milestones if m.kind == EventKind.FILING_DEADLINE.value
             and m.status == EventStatus.DONE.value and m.done == "filed"
             and m.satisfied_by.startswith("Filed") and m.day <= ctx.end]
    age = (ctx.end - plan.opened_on).days
    if filed:
        met = filed[-1]
        title = _paper_title(met)
        drafted = max(plan.opened_on, weekday_on_or_before(met.day - timedelta(
            days=rng.randint(2, 9))))
        pleading = ctx.docs.get("pleading")
        if met.title == "Answer due" and pleading is not None:
            doc = pleading  # the answer is the pleading already written for that day
        else:
            doc = _word_doc(desk, ctx, title, [
                (_paper(desk, ctx, title, drafted, draft=True), drafted, "First draft"),
                (_paper(desk, ctx, title, met.day), met.day, "As filed")],
                _category(title), ("filed",))
        submitted(desk, ctx, met, doc, min(drafted, doc.day))
    elif age > 90:
        title = rng.choice(pt.MOTIONS[facts.kind])
        day = desk.day(ctx, plan.opened_on, 60, age)
        _word_doc(desk, ctx, title, [(_paper(desk, ctx, title, day), day, "")],
                  DocumentCategory.MOTION, ("motion",))
    upcoming = next((m for m in milestones if m.kind == EventKind.FILING_DEADLINE.value
                     and m.status == EventStatus.SCHEDULED.value and m.done == "filed"
                     and m.day >= today - timedelta(days=30)), None)
    if upcoming is not None and plan.is_active:
        title = _paper_title(upcoming)
        day = min(ctx.end, max(plan.opened_on, weekday_on_or_before(
            today - timedelta(days=rng.randint(1, 12)))))
        doc = _word_doc(desk, ctx, f"{title} (draft)",
                        [(_paper(desk, ctx, title, day, draft=True), day, "First draft")],
                        _category(title), ("draft",), privileged=True)
        draft_package(desk, ctx, upcoming, doc, day)


def _paper_title(deadline: Milestone) -> str:
    """What is filed to meet a deadline ("Answer due" -> "Answer")."""
    title = deadline.title.removesuffix(" due")
    return _PAPERS.get(title, title)


def _category(title: str) -> DocumentCategory:
    lowered = title.lower()
    return DocumentCategory.MOTION if any(w in lowered for w in _BRIEF_WORDS) \
        else DocumentCategory.PLEADING


def _paper(desk: CasePapers, ctx: Ctx, title: str, day: date,
           draft: bool = False) -> list[Para]:
    if any(w in title.lower() for w in _BRIEF_WORDS):
        return papers.brief(ctx.facts, ctx.rng, day, title, about=ctx.plan.opened_on,
                            draft=draft)
    paras = papers.statement(ctx.facts, ctx.rng, day, title)
    return [("center", "DRAFT — PRIVILEGED AND CONFIDENTIAL"), *paras] if draft else paras


def submitted(desk: CasePapers, ctx: Ctx, met: Milestone, doc: DocRef, drafted: date) -> None:
    """The filing package that met a deadline: submitted that day, then accepted and (often)
    the conformed copy back."""
    rng, lead, today = ctx.rng, ctx.facts.lead.id, desk.world.today
    found = _FILED.search(met.satisfied_by)
    confirmation = (f"ECF {found.group(1)}" if found and found.group(1) else
                    found.group(2) if found else f"ECAS-{rng.randint(10**6, 10**7 - 1)}")
    items = [(doc, "")]
    exhibit = ctx.docs.get("exhibit")
    if exhibit is not None and exhibit.day <= met.day:
        items.append((exhibit, "Exhibit A"))
    created = desk.moment(ctx, drafted)
    ready = desk.moment(ctx, met.day, created)
    sent = desk.moment(ctx, met.day, ready)
    history = [history_entry(FilingStatus.DRAFT, drafted, created, lead),
               history_entry(FilingStatus.READY, met.day, ready, lead),
               history_entry(FilingStatus.SUBMITTED, met.day, sent, lead,
                             confirmation_number=confirmation,
                             documents=[{"document_id": str(d.id), "version": d.versions,
                                         "sha256": d.sha256} for d, _label in items])]
    dates: dict[str, date | None] = {"submitted": met.day}
    status = FilingStatus.SUBMITTED
    accepted = desk.later(ctx, met.day, 1, 3) if (today - met.day).days > 3 else None
    if accepted is not None:
        status, dates["accepted"] = FilingStatus.ACCEPTED, accepted
        history.append(history_entry(status, accepted, desk.moment(ctx, accepted, sent),
                                     ctx.clerk.id))
        conformed = desk.later(ctx, accepted, 2, 15) if rng.random() < 0.6 else None
        if conformed is not None:
            status, dates["conformed"] = FilingStatus.CONFORMED, conformed
            history.append(history_entry(status, conformed, desk.moment(
                ctx, conformed, datetime.fromisoformat(str(history[-1]["at"]))),
                ctx.clerk.id))
    desk.rows.filing(rng, case_id=ctx.plan.id, title=doc.title, court=_court(ctx),
                     created_at=created, history=history, status=status.value, items=items,
                     deadline_event_id=met.event_id, staff_id=lead, dates=dates,
                     confirmation_number=confirmation)


def draft_package(desk: CasePapers, ctx: Ctx, due: Milestone, doc: DocRef, day: date) -> None:
    """A package being put together for the next deadline (draft, or ready when close)."""
    lead = ctx.facts.lead.id
    created = desk.moment(ctx, day)
    history = [history_entry(FilingStatus.DRAFT, day, created, lead)]
    status = FilingStatus.DRAFT
    if (due.day - desk.world.today).days <= 5 and ctx.rng.random() < 0.5:
        status = FilingStatus.READY
        history.append(history_entry(status, day, desk.moment(ctx, day, created), lead))
    desk.rows.filing(ctx.rng, case_id=ctx.plan.id, title=due.title.removesuffix(" due"),
                     court=_court(ctx), created_at=created, history=history,
                     status=status.value, items=[(doc, "")], deadline_event_id=due.event_id,
                     staff_id=lead, dates={}, notes=f"For the deadline on {say(due.day)}.")


def _court(ctx: Ctx) -> str:
    return ctx.plan.court.name if ctx.plan.court else ""


def orders(desk: CasePapers, ctx: Ctx, milestones: list[Milestone]) -> None:
    """The order after the latest hearing (else a scheduling order), served by the court."""
    plan, facts, rng = ctx.plan, ctx.facts, ctx.rng
    heard = [m for m in milestones if m.kind == EventKind.HEARING.value
             and m.status == EventStatus.DONE.value and m.day <= ctx.end]
    if heard:
        hearing = heard[-1]
        title, about = _ORDERS.get(hearing.title) or (
            (f"Order on {hearing.title.removeprefix('Hearing on ')}",
             hearing.title.removeprefix("Hearing on "))
            if hearing.title.startswith("Hearing on ") else
            (f"Order after the {hearing.title.lower()}", f"the {hearing.title.lower()}"))
        day, heard_on = desk.day(ctx, hearing.day, 0, 7), hearing.day
    elif facts.kind == "civil" and (ctx.end - plan.opened_on).days > 130:
        title, about, heard_on = "Scheduling order", "the parties' joint report", None
        day = desk.day(ctx, plan.opened_on, 100, 130)
    else:
        return
    court = _court(ctx)
    header = (f"Case {plan.docket_number}   Document {rng.randint(12, 90)}   Filed "
              f"{day.strftime('%m/%d/%y')}" if court.startswith("U.S.") else
              "" if "Immigration" in court else f"E-FILED {say(day).upper()} · {court.upper()}")
    data = pdf_bytes(papers.order(facts, rng, day, title, about, heard_on), title=title,
                     author=plan.judge or court, day=day, header=header)
    at = desk.moment(ctx, day)
    doc = desk.rows.document(rng, case_id=plan.id, title=title, category=DocumentCategory.ORDER,
                             author=plan.judge, tags=("order",), document_date=day,
                             received_on=day, source="court: e-service",
                             versions=[Version(data, f"{title}.pdf", at, ctx.clerk.id)])
    judge = next(iter(plan.with_role(PartyRole.JUDGE)), None)
    desk.rows.correspondence(rng, case_id=plan.id, kind=CorrespondenceKind.COURT_NOTICE,
                             direction=Direction.INCOMING, on_date=day, at=at,
                             logged_at=at + timedelta(minutes=6), subject=f"Order entered: "
                             f"{title}", from_text=court, to_text=facts.lead.name,
                             contact_id=judge.id if judge else None, staff_id=ctx.clerk.id,
                             summary=f"The court entered the {title[0].lower() + title[1:]}; "
                                     "new dates are on the calendar.", documents=[doc])


def notice(desk: CasePapers, ctx: Ctx, milestones: list[Milestone]) -> None:
    """The court's notice of the case's next court date."""
    plan, today = ctx.plan, desk.world.today
    coming = next((m for m in milestones if m.kind in _COURT_DATES and m.day >= today
                   and m.status == EventStatus.SCHEDULED.value), None)
    if coming is None or not plan.is_active:
        return
    day = min(ctx.end, max(plan.opened_on, weekday_on_or_before(
        coming.day - timedelta(days=ctx.rng.randint(14, 60)))))
    at = desk.moment(ctx, day)
    desk.rows.correspondence(ctx.rng, case_id=plan.id, kind=CorrespondenceKind.COURT_NOTICE,
                             direction=Direction.INCOMING, on_date=day, at=at,
                             logged_at=at + timedelta(minutes=4),
                             subject=f"Notice: {coming.title} on {say(coming.day)}",
                             from_text=_court(ctx), to_text=ctx.facts.lead.name,
                             staff_id=ctx.clerk.id,
                             summary=f"{coming.title} set for {say(coming.day)}; calendared "
                                     "and the client told.")


# -- matters outside court ------------------------------------------------------------------------
def office_papers(desk: CasePapers, ctx: Ctx) -> None:
    """Drafts of the deal or estate plan, letters to an insurer or agency."""
    plan, facts, rng = ctx.plan, ctx.facts, ctx.rng
    track = track_of(plan)
    if track == "intake":
        track = {"Personal injury": "presuit", "Real estate": "closing",
                 "Estate planning": "estate_plan", "Immigration": "uscis",
                 "Intellectual property": "trademark"}.get(plan.area, "transaction")
    if track in ("transaction", "closing", "estate_plan"):
        title = {"closing": "Purchase and sale agreement",
                 "estate_plan": f"Last will and testament of {facts.client.name}"}.get(
            track, plan.title.rpartition(" — ")[2] or "Agreement")
        first = desk.later(ctx, plan.opened_on, 5, 20)
        if first is None:
            return
        second = desk.later(ctx, first, 7, 25)
        drafts = [(letters.agreement(facts, rng, first, title, 1), first, "First draft")]
        if second is not None:
            drafts.append((letters.agreement(facts, rng, second, title, 2), second,
                           "Revised after the client's comments"))
        doc = _word_doc(desk, ctx, title, drafts, DocumentCategory.CONTRACT, ("draft",),
                        privileged=True)
        to = facts.counsel or facts.client
        day = drafts[-1][1]
        from casedesk.services.demo.correspondence import email

        email(desk, ctx, day=day, sender=facts.lead, to=to, subject=f"Draft: {title}",
              body=f"Please find attached the current draft of the {title.lower()}.\n\n"
                   f"Regards,\n{facts.lead.name}", outgoing=True, attached=[doc],
              summary=f"Sent draft {len(drafts)} of the {title.lower()}.")
        return
    letters_out = {
        "presuit": (facts.insurer, "Letter of representation",
                    f"This firm represents {facts.client.name} for the injuries described as "
                    f"follows: {plan.description} Please preserve all evidence, send us the "
                    "policy declarations, and direct every contact to this office."),
        "eeoc": ("U.S. Equal Employment Opportunity Commission", "Charge of discrimination",
                 f"Enclosed is the charge of discrimination of {facts.client.name} against "
                 f"{facts.opp}. {plan.description}"),
        "uscis": ("U.S. Citizenship and Immigration Services", f"Filing: {plan.title}",
                  f"Enclosed is the filing for {facts.client.name}, with the filing fee and "
                  "the supporting evidence listed in the index."),
        "trademark": ("United States Patent and Trademark Office", "Trademark application",
                      f"Application to register the mark of {facts.client.name}. "
                      f"{plan.description}"),
    }
    name, subject, body = letters_out.get(track, letters_out["uscis"])
    sent = desk.later(ctx, plan.opened_on, 2, 30)
    if sent is None:
        return
    doc = _word_doc(desk, ctx, subject,
                    [(letters.agency_letter(facts, sent, letters.To(name), subject, body), sent,
                      "")], DocumentCategory.CORRESPONDENCE, ("letter",))
    desk.rows.correspondence(rng, case_id=plan.id, kind=CorrespondenceKind.LETTER,
                             direction=Direction.OUTGOING, on_date=sent, at=None,
                             logged_at=desk.moment(ctx, sent), subject=subject,
                             from_text=facts.lead.name, to_text=name, staff_id=facts.lead.id,
                             summary=f"Sent to {name}.", documents=[doc])
