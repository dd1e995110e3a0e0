"""What happens on the demo's calendars: each kind of matter's court dates and deadlines.

A track is a script of steps in days after the case opened (stretched by a per-case pace);
the generator (calendar_events.py) keeps the steps that fall before the case closed, or before
a horizon a few months past the reference date for open cases. Optional steps come in groups
(a motion to dismiss and its briefing and hearing happen together or not at all); `outcomes`
are groups of which a case has at most one (a plea or a trial).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casedesk.domain.enums import EventKind

HEARING, TRIAL, CONFERENCE = EventKind.HEARING, EventKind.TRIAL, EventKind.CONFERENCE
DEPOSITION, MEETING = EventKind.DEPOSITION, EventKind.MEETING
FILING, SOL = EventKind.FILING_DEADLINE, EventKind.STATUTE_OF_LIMITATIONS
INTERNAL = EventKind.INTERNAL_DEADLINE


@dataclass(frozen=True, slots=True)
class Step:
    """One event a matter of a kind usually has.

    `title` is a str.format template over the case's values (client, opp, counsel, witness,
    expert, insurer, lead, trial); a step whose placeholder the case cannot fill is skipped.
    `place`: "court" (the judge's courtroom), "office" (our conference rooms), "away" (ours or
    opposing counsel's offices), "remote" (by phone or video; no room), or "" for deadlines.
    `done` says how a deadline was met: "filed", "served", "internal", "passed" or "sol".
    """

    kind: EventKind
    title: str
    first: int
    last: int
    share: float = 1.0
    minutes: int = 60
    group: str = ""
    side: str = ""  # "plaintiff" / "defendant": only when the client is on that side
    forum: str = ""  # "federal" / "state": only before that kind of court
    every: int = 0  # repeats about this often from `first` until the case ends (cap: REPEATS)
    place: str = ""
    done: str = ""


@dataclass(frozen=True, slots=True)
class Track:
    """The steps of one kind of matter, its optional groups and its exclusive outcomes."""

    steps: tuple[Step, ...]
    groups: dict[str, float] = field(default_factory=dict)
    outcomes: tuple[tuple[str, float], ...] = ()


REPEATS = 4  # at most this many of a repeating step (the latest ones) on one case

_CIVIL = Track((
    Step(MEETING, "Strategy meeting with {client}", 2, 12, 0.6, place="office"),
    Step(FILING, "Proof of service of summons and complaint due", 60, 90, 0.8,
         side="plaintiff", done="filed"),
    Step(FILING, "Answer due", 21, 30, 0.7, side="defendant", done="filed"),
    Step(FILING, "Motion to dismiss due", 21, 30, group="mtd", side="defendant", done="filed"),
    Step(FILING, "Opposition to motion to dismiss due", 45, 60, group="mtd", side="plaintiff",
         done="filed"),
    Step(FILING, "Reply in support of motion to dismiss due", 66, 80, group="mtd",
         side="defendant", done="filed"),
    Step(HEARING, "Hearing on motion to dismiss", 95, 130, group="mtd"),
    Step(CONFERENCE, "Rule 26(f) conference with {counsel}", 40, 70, 0.8, 30, forum="federal",
         place="remote"),
    Step(FILING, "Rule 26(f) joint report due", 75, 90, 0.8, forum="federal", done="filed"),
    Step(CONFERENCE, "Rule 16 scheduling conference", 90, 120, 0.9, 30, forum="federal"),
    Step(FILING, "Initial disclosures due", 95, 125, 0.85, forum="federal", done="served"),
    Step(FILING, "Case management statement due", 85, 135, 0.7, forum="state", done="filed"),
    Step(CONFERENCE, "Initial case management conference", 100, 150, 0.9, 30, forum="state"),
    Step(INTERNAL, "Draft discovery responses to {lead}", 150, 175, 0.6, done="internal"),
    Step(FILING, "Responses to first interrogatories and document requests due", 180, 200,
         0.75, done="served"),
    Step(DEPOSITION, "{opp_deposition}", 220, 380, 0.7, 300, place="away"),
    Step(DEPOSITION, "Defend {client_deposition}", 220, 380, 0.6, 240, place="away"),
    Step(DEPOSITION, "Deposition of {witness}", 240, 400, 0.6, 180, place="away"),
    Step(HEARING, "Hearing on motion to compel", 260, 330, 0.12, 30),
    Step(CONFERENCE, "Status conference", 200, 0, minutes=30, every=150),
    Step(MEETING, "Case review with {client}", 60, 0, 0.7, every=120, place="remote"),
    Step(INTERNAL, "Status report and budget to {insurer}", 45, 0, 0.8, every=90,
         done="internal"),
    Step(FILING, "Third-party subpoena responses due", 200, 260, 0.3, done="served"),
    Step(INTERNAL, "Discovery status report to {client}", 250, 300, 0.5, done="internal"),
    Step(HEARING, "Hearing on motion for protective order", 280, 340, 0.08, 30),
    Step(CONFERENCE, "Mediation session", 300, 450, 0.3, 240, place="office"),
    Step(FILING, "Close of fact discovery", 380, 430, 0.7, done="passed"),
    Step(FILING, "Expert disclosures due", 420, 460, group="experts", done="served"),
    Step(FILING, "Rebuttal expert disclosures due", 465, 495, group="experts", done="served"),
    Step(DEPOSITION, "Deposition of {expert}", 500, 540, group="experts", minutes=240,
         place="away"),
    Step(CONFERENCE, "Settlement conference", 400, 520, 0.35, 120),
    Step(FILING, "Dispositive motions due", 520, 550, group="msj", done="filed"),
    Step(FILING, "Opposition to motion for summary judgment due", 560, 580, group="msj",
         done="filed"),
    Step(HEARING, "Hearing on motion for summary judgment", 600, 650, group="msj"),
    Step(FILING, "Pretrial order and motions in limine due", 640, 660, group="trial",
         done="filed"),
    Step(CONFERENCE, "Final pretrial conference", 670, 690, group="trial"),
    Step(INTERNAL, "Trial binders and exhibit list to {lead}", 680, 690, group="trial",
         done="internal"),
    Step(TRIAL, "{trial}", 700, 760, group="trial"),
), groups={"mtd": 0.3, "experts": 0.5, "msj": 0.4}, outcomes=(("trial", 0.25),))

_CRIMINAL = Track((
    Step(HEARING, "Arraignment", 3, 20, minutes=30),
    Step(MEETING, "Client meeting with {client}", 2, 10, 0.6, place="office"),
    Step(MEETING, "Defense strategy meeting with {client}", 60, 90, 0.6, place="office"),
    Step(FILING, "Discovery requests to the prosecution due", 14, 30, 0.6, done="served"),
    Step(FILING, "Pretrial motions due", 30, 60, 0.7, done="filed"),
    Step(HEARING, "Hearing on motion to suppress", 70, 110, 0.25, 90),
    Step(INTERNAL, "Review the prosecution's discovery production", 25, 45, 0.8,
         done="internal"),
    Step(CONFERENCE, "Pretrial conference", 45, 0, minutes=30, every=60),
    Step(MEETING, "Plea offer review with {client}", 100, 115, group="plea", place="office"),
    Step(HEARING, "Change of plea hearing", 120, 220, group="plea", minutes=30),
    Step(HEARING, "Sentencing hearing", 230, 320, group="plea"),
    Step(FILING, "Sentencing memorandum due", 215, 225, group="plea", done="filed"),
    Step(FILING, "Proposed jury instructions due", 170, 190, group="trial", done="filed"),
    Step(CONFERENCE, "Final pretrial conference", 195, 205, group="trial"),
    Step(TRIAL, "Jury trial", 210, 240, group="trial"),
), outcomes=(("plea", 0.55), ("trial", 0.12)))

_REMOVAL = Track((
    Step(MEETING, "Intake interview with {client}", 2, 10, 0.7, 90, place="office"),
    Step(HEARING, "Master calendar hearing", 30, 0, minutes=30, every=150),
    Step(FILING, "Application for relief (Form I-589) and evidence due", 60, 120, 0.6,
         done="filed"),
    Step(MEETING, "Declaration drafting session with {client}", 90, 150, 0.7, 120,
         place="office"),
    Step(INTERNAL, "Country conditions evidence assembled", 200, 280, 0.6, done="internal"),
    Step(FILING, "Pre-hearing brief and witness list due", 330, 360, group="merits",
         done="filed"),
    Step(MEETING, "Merits hearing preparation with {client}", 360, 375, group="merits",
         minutes=120, place="office"),
    Step(HEARING, "Individual merits hearing", 380, 420, group="merits", minutes=240),
), groups={"merits": 0.5})

_BANKRUPTCY = Track((
    Step(INTERNAL, "Collect pay stubs and tax returns from {client}", 1, 5, 0.8,
         done="internal"),
    Step(MEETING, "Petition signing with {client}", 1, 7, place="office"),
    Step(FILING, "Reaffirmation agreement due", 40, 60, 0.3, done="filed"),
    Step(FILING, "Schedules and statement of financial affairs due", 14, 16, 0.9,
         done="filed"),
    Step(CONFERENCE, "Meeting of creditors (341)", 25, 45, minutes=30, place="remote"),
    Step(HEARING, "Confirmation hearing", 45, 80, 0.5),
    Step(FILING, "Proof of claim bar date", 70, 90, 0.7, done="passed"),
    Step(FILING, "Deadline to object to discharge", 85, 95, 0.8, done="passed"),
    Step(HEARING, "Hearing on motion for relief from stay", 60, 150, 0.3, 30),
    Step(FILING, "Financial management course certificate due", 60, 75, 0.6, done="filed"),
))

_FAMILY = Track((
    Step(MEETING, "Strategy meeting with {client}", 2, 14, 0.7, place="office"),
    Step(HEARING, "Temporary orders hearing", 25, 60, 0.6),
    Step(FILING, "Financial affidavit due", 30, 45, 0.8, done="filed"),
    Step(CONFERENCE, "Mediation session", 60, 150, 0.6, 180, place="remote"),
    Step(FILING, "Proposed parenting plan due", 80, 120, 0.5, done="filed"),
    Step(CONFERENCE, "Status conference", 90, 0, minutes=30, every=150),
    Step(FILING, "Discovery responses due", 120, 160, 0.5, done="served"),
    Step(MEETING, "Settlement proposal review with {client}", 160, 220, 0.5, place="office"),
    Step(MEETING, "Case review with {client}", 45, 0, 0.6, every=120, place="remote"),
    Step(DEPOSITION, "{opp_deposition}", 150, 250, 0.2, 180, place="away"),
    Step(CONFERENCE, "Pretrial conference", 250, 290, group="final", minutes=30),
    Step(HEARING, "Final hearing (contested)", 300, 360, group="final", minutes=240),
), groups={"final": 0.5})

_PROBATE = Track((
    Step(MEETING, "Meeting with {client} on the estate", 2, 14, place="office"),
    Step(HEARING, "Hearing on petition for probate", 30, 60, 0.8, 30),
    Step(INTERNAL, "Open the estate bank account", 10, 30, 0.7, done="internal"),
    Step(INTERNAL, "Publish the notice to creditors", 20, 40, 0.8, done="internal"),
    Step(FILING, "Inventory and appraisal due", 90, 120, 0.8, done="filed"),
    Step(FILING, "Creditor claims deadline", 120, 180, 0.6, done="passed"),
    Step(FILING, "Final account and petition for distribution due", 270, 330, 0.6,
         done="filed"),
    Step(HEARING, "Hearing on final account", 330, 400, 0.5, 30),
))

_CLOSING = Track((
    Step(MEETING, "Contract review with {client}", 1, 7, place="office"),
    Step(INTERNAL, "Order the title search and survey", 3, 10, 0.8, done="internal"),
    Step(INTERNAL, "Attorney review period ends", 5, 10, 0.8, done="internal"),
    Step(INTERNAL, "Title commitment objections due", 15, 30, 0.7, done="internal"),
    Step(INTERNAL, "Mortgage commitment deadline", 30, 45, 0.6, done="internal"),
    Step(MEETING, "Closing", 45, 75, 0.85, 90, place="office"),
    Step(INTERNAL, "Record the deed and send the closing binder", 60, 90, 0.6,
         done="internal"),
))

_ESTATE_PLAN = Track((
    Step(INTERNAL, "Engagement letter and questionnaire to {client}", 1, 4, 0.8,
         done="internal"),
    Step(MEETING, "Design meeting with {client}", 3, 14, place="office"),
    Step(INTERNAL, "Draft will and trust to {lead}", 14, 28, done="internal"),
    Step(INTERNAL, "Drafts to the client for review", 21, 40, 0.8, done="internal"),
    Step(MEETING, "Signing ceremony with {client}", 35, 70, 0.85, place="office"),
    Step(INTERNAL, "Fund the trust: retitle the accounts", 60, 100, 0.5, done="internal"),
))

_USCIS = Track((
    Step(MEETING, "Document review with {client}", 3, 20, place="office"),
    Step(INTERNAL, "Assemble the petition package", 20, 40, done="internal"),
    Step(FILING, "Response to request for evidence due", 90, 180, 0.5, done="filed"),
    Step(MEETING, "Interview preparation with {client}", 200, 260, 0.5, place="office"),
    Step(INTERNAL, "Status inquiry to USCIS", 150, 0, 0.6, every=120, done="internal"),
))

_PRESUIT = Track((
    Step(MEETING, "Intake meeting with {client}", 1, 7, place="office"),
    Step(INTERNAL, "Medical records requests out", 7, 21, done="internal"),
    Step(INTERNAL, "Update the damages summary", 60, 100, 0.7, done="internal"),
    Step(INTERNAL, "Demand package to {insurer}", 120, 200, 0.8, done="internal"),
    Step(MEETING, "Settlement review with {client}", 200, 280, 0.6, place="office"),
    Step(INTERNAL, "Follow up on {insurer}'s offer", 180, 260, 0.6, done="internal"),
    Step(SOL, "Statute of limitations (personal injury, 2 years)", 450, 700, done="sol"),
))

_EEOC = Track((
    Step(MEETING, "Intake meeting with {client}", 1, 7, place="office"),
    Step(SOL, "EEOC charge filing deadline (300 days)", 40, 200, done="sol"),
    Step(FILING, "Rebuttal to {opp}'s position statement due", 150, 220, 0.6, done="filed"),
    Step(CONFERENCE, "EEOC mediation", 120, 240, 0.4, 180, place="remote"),
))

_TRANSACTION = Track((
    Step(MEETING, "Kick-off meeting with {client}", 2, 10, place="office"),
    Step(INTERNAL, "Due diligence checklist to {lead}", 5, 20, 0.6, done="internal"),
    Step(INTERNAL, "Comments on the draft to {lead}", 10, 30, done="internal"),
    Step(INTERNAL, "Revised draft to {counsel}", 25, 50, 0.6, done="internal"),
    Step(MEETING, "Negotiation call with {counsel}", 35, 70, 0.5, place="remote"),
    Step(MEETING, "Signing with {client}", 60, 120, 0.6, place="office"),
    Step(MEETING, "Check-in with {client}", 90, 0, 0.5, every=150, place="remote"),
))

_TRADEMARK = Track((
    Step(MEETING, "Clearance search review with {client}", 3, 14, place="remote"),
    Step(INTERNAL, "File the trademark application", 14, 30, done="internal"),
    Step(FILING, "Response to USPTO office action due", 200, 280, 0.5, done="filed"),
    Step(FILING, "Statement of use due", 360, 420, 0.4, done="filed"),
))

_INTAKE = Track((
    Step(MEETING, "Initial consultation with {client}", 1, 6, place="office"),
    Step(INTERNAL, "Engagement letter and conflict sign-off", 5, 15, done="internal"),
    Step(INTERNAL, "Collect documents from {client}", 10, 30, 0.6, done="internal"),
))

TRACKS: dict[str, Track] = {
    "civil": _CIVIL, "criminal": _CRIMINAL, "removal": _REMOVAL, "bankruptcy": _BANKRUPTCY,
    "family": _FAMILY, "probate": _PROBATE, "closing": _CLOSING, "estate_plan": _ESTATE_PLAN,
    "uscis": _USCIS, "presuit": _PRESUIT, "eeoc": _EEOC, "transaction": _TRANSACTION,
    "trademark": _TRADEMARK, "intake": _INTAKE,
}

# What an intake matter is calendared against, by practice area: (kind, title, first, last).
INTAKE_LIMITS: dict[str, tuple[EventKind, str, int, int]] = {
    "Personal injury": (SOL, "Statute of limitations (personal injury, 2 years)", 120, 700),
    "Civil litigation": (SOL, "Statute of limitations (breach of contract)", 200, 1200),
    "Commercial": (SOL, "Statute of limitations (breach of contract)", 200, 900),
    "Employment": (SOL, "EEOC charge filing deadline (300 days)", 40, 280),
    "Real estate": (SOL, "Statute of limitations (construction defect)", 200, 900),
    "Insurance defense": (FILING, "Answer due", 14, 30),
    "Intellectual property": (FILING, "Deadline to oppose the trademark application", 20, 40),
}
# Trials are put on the calendar before everything else, for the cases that drew the "trial"
# group (case_events.py); a trial step outside that group would never be booked.
assert all(step.group == "trial" for track in TRACKS.values() for step in track.steps
           if step.kind is TRIAL)
