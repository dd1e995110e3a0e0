"""What the demo's budgets, time entries and expenses are made of: each practice area's phases,
what a phase costs, the work staff record in it, and the vendors the firm pays.

Placeholders in the descriptions: {client}, {opp}, {counsel}, {judge}, {witness}, {expert},
{court}, {city}. Vendors are fictional; amounts are in cents.
"""

from __future__ import annotations

from dataclasses import dataclass

# The demo practice's own phase list (Settings > Budgets), litigation first.
DEMO_PHASES: tuple[str, ...] = (
    "Investigation", "Pleadings", "Discovery", "Motions", "Negotiation and settlement",
    "Trial preparation", "Trial", "Appeal", "Planning and drafting", "Hearings",
    "Signing and closing", "General",
)

# Each area's phases in the order the work happens, with their share of the fees budget.
# "<area>/court" replaces the plain entry for a case before a court.
PHASES: dict[str, tuple[tuple[str, int], ...]] = {
    "Civil litigation": (("Investigation", 8), ("Pleadings", 10), ("Discovery", 34),
                         ("Motions", 14), ("Negotiation and settlement", 8),
                         ("Trial preparation", 14), ("Trial", 12)),
    "Commercial/court": (("Investigation", 8), ("Pleadings", 10), ("Discovery", 32),
                         ("Motions", 16), ("Negotiation and settlement", 10),
                         ("Trial preparation", 12), ("Trial", 12)),
    "Commercial": (("Investigation", 15), ("Planning and drafting", 55),
                   ("Negotiation and settlement", 25), ("Signing and closing", 5)),
    "Employment/court": (("Investigation", 12), ("Pleadings", 10), ("Discovery", 30),
                         ("Motions", 14), ("Negotiation and settlement", 12),
                         ("Trial preparation", 12), ("Trial", 10)),
    "Employment": (("Investigation", 30), ("Planning and drafting", 30),
                   ("Negotiation and settlement", 40)),
    "Family": (("Investigation", 10), ("Pleadings", 14), ("Discovery", 20),
               ("Negotiation and settlement", 28), ("Hearings", 14), ("Trial", 14)),
    "Personal injury": (("Investigation", 16), ("Pleadings", 8), ("Discovery", 28),
                        ("Negotiation and settlement", 20), ("Trial preparation", 16),
                        ("Trial", 12)),
    "Real estate": (("Investigation", 30), ("Planning and drafting", 45),
                    ("Signing and closing", 25)),
    "Estate planning": (("Investigation", 15), ("Planning and drafting", 60),
                        ("Signing and closing", 25)),
    "Estate planning/court": (("Investigation", 20), ("Pleadings", 20),
                              ("Planning and drafting", 35), ("Hearings", 15),
                              ("Signing and closing", 10)),
    "Criminal defense": (("Investigation", 22), ("Discovery", 20), ("Motions", 20),
                         ("Negotiation and settlement", 14), ("Hearings", 12),
                         ("Trial", 12)),
    "Immigration": (("Investigation", 30), ("Planning and drafting", 70)),
    "Immigration/court": (("Investigation", 25), ("Planning and drafting", 35),
                          ("Hearings", 40)),
    "Intellectual property": (("Investigation", 25), ("Planning and drafting", 55),
                              ("Negotiation and settlement", 20)),
    "Intellectual property/court": (("Investigation", 10), ("Pleadings", 8), ("Discovery", 36),
                                    ("Motions", 16), ("Trial preparation", 16), ("Trial", 14)),
    "Bankruptcy": (("Investigation", 25), ("Planning and drafting", 45), ("Hearings", 30)),
    "Insurance defense": (("Investigation", 10), ("Pleadings", 8), ("Discovery", 36),
                          ("Motions", 14), ("Negotiation and settlement", 12),
                          ("Trial preparation", 12), ("Trial", 8)),
}

# A typical fees budget of a matter of the area (dollars; hourly work at the firm's rates),
# and its expenses as a share of the fees. "/court" again for cases before a court.
FEES: dict[str, int] = {
    "Civil litigation": 48_000, "Commercial/court": 65_000, "Commercial": 14_000,
    "Employment/court": 42_000, "Employment": 9_000, "Family": 19_000,
    "Personal injury": 36_000, "Real estate": 6_500, "Estate planning": 4_500,
    "Estate planning/court": 9_000, "Criminal defense": 16_000, "Immigration": 6_000,
    "Immigration/court": 11_000, "Intellectual property": 16_000,
    "Intellectual property/court": 95_000, "Bankruptcy": 5_500, "Insurance defense": 40_000,
}
EXPENSE_SHARE: dict[str, float] = {
    "Civil litigation": 0.16, "Commercial": 0.05, "Employment": 0.12, "Family": 0.08,
    "Personal injury": 0.28, "Real estate": 0.06, "Estate planning": 0.04,
    "Criminal defense": 0.12, "Immigration": 0.18, "Intellectual property": 0.14,
    "Bankruptcy": 0.10, "Insurance defense": 0.14,
}
# Fixed fees the firm quotes (dollars, low and high), and how often a matter is on one.
FIXED_FEES: dict[str, tuple[int, int, float]] = {
    "Estate planning": (1_800, 7_500, 0.85), "Immigration": (2_500, 9_500, 0.85),
    "Bankruptcy": (1_500, 3_500, 0.6), "Criminal defense": (3_500, 25_000, 0.4),
    "Real estate": (950, 2_500, 0.4),
}


@dataclass(frozen=True, slots=True)
class Cost:
    """A kind of expense: its category, vendors, amount range (cents) and descriptions.
    `receipt` names words of a document title that would be its receipt."""

    category: str
    vendors: tuple[str, ...]
    low: int
    high: int
    descriptions: tuple[str, ...]
    round_to: int = 1  # cents: fixed fees come in whole dollars
    receipt: tuple[str, ...] = ()


COSTS: dict[str, Cost] = {
    "filing": Cost("Court fees", ("Clerk of the {court}",), 20_000, 45_000, (
        "Filing fee", "Filing fee (e-filed)", "Motion filing fee"), 100,
        ("Complaint", "Petition", "petition")),
    "service": Cost("Service of process", (
        "{city} Process Servers", "Capitol Legal Services", "Pronto Process Service",
        "Harbor Legal Support"), 6_500, 18_500, (
        "Service of summons and complaint on {opp}", "Personal service on {opp}",
        "Service of subpoena on {witness}", "Rush service (two attempts)"),
        receipt=("Proof of service",)),
    "records": Cost("Medical records", (
        "HealthPort Records", "Medical Record Copy Services", "{city} Imaging Center",
        "Riverside Medical Group"), 2_500, 38_000, (
        "Medical records and billing from treating providers", "Certified medical records",
        "Radiology films on disc", "Billing ledger, certified"),
        receipt=("Medical billing summary",)),
    "investigator": Cost("Investigators", (
        "Keystone Investigations", "Blackwell Investigative Group",
        "{city} Background Services"), 45_000, 320_000, (
        "Scene investigation and photographs", "Witness locate and interview of {witness}",
        "Background and asset search on {opp}", "Surveillance (two days)")),
    "research": Cost("Research databases", (
        "Westgate Legal Research", "CaseFinder Online", "PACER Service Center"), 1_000,
        42_000, ("Online legal research charges", "PACER docket and document charges",
                 "Public records search")),
    "reporter": Cost("Court reporters and transcripts", (
        "{city} Court Reporters", "Precision Deposition Services", "Summit Reporting Group",
        "Lakeshore Court Reporting"), 45_000, 285_000, (
        "Deposition of {opp}: appearance and transcript",
        "Deposition of {witness}: transcript and exhibits",
        "Videographer, deposition of {witness}", "Hearing transcript, expedited",
        "Rough draft and certified transcript, deposition of {client}")),
    "copies": Cost("Copying and printing", (
        "{city} Legal Copy", "FastDoc Imaging", "Copy Center (in-house)"), 2_500, 65_000, (
        "Document production, Bates-stamped copies", "Trial binders and exhibit copies",
        "Scanning and OCR of client documents", "Color copies of photographs")),
    "courier": Cost("Postage and courier", (
        "FirstRun Couriers", "Metro Legal Couriers", "United States Postal Service",
        "{city} Messenger Service"), 1_200, 9_500, (
        "Courier to the courthouse (chambers copies)", "Certified mail, return receipt",
        "Overnight delivery to {counsel}", "Same-day delivery of original documents")),
    "expert": Cost("Expert witnesses", (
        "Forensic Engineering Associates", "Hartwell Economic Consulting",
        "Brightline Medical Review", "Meridian Accident Reconstruction",
        "Clearwater Vocational Experts"), 250_000, 1_500_000, (
        "Expert retainer: {expert}", "Expert review of records and report",
        "Expert deposition preparation time", "Supplemental expert report"), 100),
    "mediation": Cost("Mediation and arbitration", (
        "Resolute Mediation Services", "Lakeside ADR Group", "Common Ground Mediation"),
        90_000, 450_000, ("Mediator's fee (our share)", "Mediation session, full day",
                          "Settlement conference fee"), 100),
    "travel": Cost("Travel", ("Mileage reimbursement", "{city} Parking Authority",
                              "Airline travel", "Courthouse Garage"), 1_500, 48_000, (
        "Mileage to the courthouse and back", "Parking, {court}",
        "Travel for deposition of {witness}", "Hotel, two nights for trial")),
    "agency": Cost("Court fees", ("U.S. Citizenship and Immigration Services",), 52_000,
                   144_000, ("USCIS filing fee", "Biometrics and filing fee",
                             "Application filing fee"), 500, ("Application", "Petition")),
    "translation": Cost("Other", ("Lingua Certified Translations", "Global Translation Bureau"),
                        4_500, 38_000, ("Certified translation of birth certificate",
                                        "Certified translation of supporting documents")),
    "recording": Cost("Court fees", ("{city} County Recorder",), 2_800, 14_500, (
        "Recording fee, deed", "Recording fee, memorandum of lease", "Certified copies"),
        100),
    "title": Cost("Other", ("Landmark Title Company", "First Choice Title & Escrow"), 15_000,
                  65_000, ("Title search and commitment", "Survey review fee")),
    "counseling": Cost("Other", ("Debtor Education Services", "Clear Path Credit Counseling"),
                       1_500, 5_000, ("Credit counseling certificate",
                                      "Debtor education course")),
}

# The kinds of expense each phase brings, most likely first.
PHASE_COSTS: dict[str, tuple[str, ...]] = {
    "Investigation": ("records", "research", "investigator", "copies"),
    "Pleadings": ("filing", "service", "courier"),
    "Discovery": ("reporter", "copies", "service", "courier", "records"),
    "Motions": ("filing", "research", "courier"),
    "Negotiation and settlement": ("mediation", "copies"),
    "Trial preparation": ("expert", "copies", "service"),
    "Trial": ("travel", "reporter", "copies", "expert"),
    "Appeal": ("filing", "reporter", "copies"),
    "Planning and drafting": ("research", "copies", "courier"),
    "Hearings": ("travel", "reporter", "filing"),
    "Signing and closing": ("recording", "courier", "copies"),
    "General": ("copies", "courier"),
}
# What an area adds or puts first in a phase.
AREA_COSTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Immigration", "Planning and drafting"): ("agency", "translation", "courier"),
    ("Immigration", "Investigation"): ("translation", "copies"),
    ("Real estate", "Investigation"): ("title", "research"),
    ("Bankruptcy", "Investigation"): ("counseling", "research"),
    ("Bankruptcy", "Planning and drafting"): ("filing", "copies"),
    ("Personal injury", "Investigation"): ("records", "investigator", "records"),
    ("Criminal defense", "Investigation"): ("investigator", "copies"),
}

# Work recorded in each phase: (activity, who does it, description).
# Who: "a" attorneys, "p" paralegals, "s" assistants (any: "ap").
WORK: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Investigation": (
        ("Communicate with client", "a", "Initial conference with {client} re: facts and "
                                         "documents"),
        ("Review and analyze", "a", "Review documents provided by {client}"),
        ("Research", "a", "Research statute of limitations and elements of claims"),
        ("Research", "a", "Research applicable law and recent decisions"),
        ("Plan and prepare", "a", "Outline case strategy and early assessment"),
        ("Communicate (other)", "a", "Interview {witness}"),
        ("Draft or revise", "p", "Prepare chronology of events from client documents"),
        ("Manage files", "p", "Request records and organize the file"),
        ("Communicate (other)", "p", "Follow up on outstanding records requests"),
        ("Communicate with client", "p", "Call with {client} re: missing documents"),
    ),
    "Pleadings": (
        ("Draft or revise", "a", "Draft complaint"),
        ("Draft or revise", "a", "Revise complaint per client comments"),
        ("Review and analyze", "a", "Review answer and affirmative defenses of {opp}"),
        ("Research", "a", "Research jurisdiction and venue"),
        ("Communicate with client", "a", "Review draft pleading with {client}"),
        ("Communicate with opposing counsel", "a", "Call with {counsel} re: acceptance of "
                                                   "service"),
        ("Draft or revise", "p", "Prepare summons, civil cover sheet and exhibits"),
        ("Manage files", "p", "E-file pleading and calendar response deadline"),
        ("Communicate (other)", "p", "Arrange service of process on {opp}"),
    ),
    "Discovery": (
        ("Draft or revise", "a", "Draft first set of interrogatories to {opp}"),
        ("Draft or revise", "a", "Draft requests for production of documents"),
        ("Review and analyze", "a", "Review {opp}'s responses to written discovery"),
        ("Draft or revise", "a", "Draft deficiency letter to {counsel}"),
        ("Communicate with opposing counsel", "a", "Meet and confer with {counsel} re: "
                                                   "discovery responses"),
        ("Plan and prepare", "a", "Prepare for deposition of {opp}"),
        ("Appear or attend", "a", "Take deposition of {witness}"),
        ("Appear or attend", "a", "Defend deposition of {client}"),
        ("Communicate with client", "a", "Prepare {client} for deposition"),
        ("Review and analyze", "a", "Review deposition transcript of {witness}"),
        ("Travel", "a", "Travel to and from deposition"),
        ("Review and analyze", "p", "Review and index document production"),
        ("Draft or revise", "p", "Prepare privilege log"),
        ("Manage files", "p", "Bates-stamp and serve document production"),
        ("Draft or revise", "p", "Summarize deposition transcript of {witness}"),
        ("Communicate (other)", "p", "Schedule depositions with court reporter"),
    ),
    "Motions": (
        ("Research", "a", "Research standard for summary judgment"),
        ("Draft or revise", "a", "Draft motion to compel"),
        ("Draft or revise", "a", "Draft opposition to {opp}'s motion to dismiss"),
        ("Draft or revise", "a", "Draft reply brief"),
        ("Plan and prepare", "a", "Prepare for hearing before {judge}"),
        ("Appear or attend", "a", "Attend hearing on motion before {judge}"),
        ("Travel", "a", "Travel to and from the {court}"),
        ("Draft or revise", "p", "Prepare exhibits and proposed order"),
        ("Manage files", "p", "File motion papers and deliver chambers copies"),
    ),
    "Negotiation and settlement": (
        ("Plan and prepare", "a", "Prepare settlement evaluation for {client}"),
        ("Draft or revise", "a", "Draft demand letter to {counsel}"),
        ("Communicate with opposing counsel", "a", "Settlement discussion with {counsel}"),
        ("Communicate with client", "a", "Call with {client} re: settlement authority"),
        ("Draft or revise", "a", "Draft mediation statement"),
        ("Appear or attend", "a", "Attend mediation"),
        ("Draft or revise", "a", "Revise settlement agreement and release"),
        ("Draft or revise", "p", "Assemble mediation binder"),
        ("Communicate (other)", "p", "Coordinate mediation date with the mediator's office"),
    ),
    "Trial preparation": (
        ("Plan and prepare", "a", "Prepare witness examination outlines"),
        ("Communicate (other)", "a", "Conference with {expert} re: opinions and report"),
        ("Draft or revise", "a", "Draft motions in limine"),
        ("Draft or revise", "a", "Draft pretrial statement and exhibit list"),
        ("Communicate with client", "a", "Prepare {client} for trial testimony"),
        ("Review and analyze", "a", "Review {opp}'s exhibit list and objections"),
        ("Draft or revise", "p", "Prepare trial exhibits and binders"),
        ("Communicate (other)", "p", "Serve trial subpoenas on witnesses"),
        ("Manage files", "p", "Organize trial materials and witness files"),
    ),
    "Trial": (
        ("Appear or attend", "a", "Attend trial, day {day_number}"),
        ("Plan and prepare", "a", "Prepare for next trial day"),
        ("Appear or attend", "a", "Attend pretrial conference before {judge}"),
        ("Travel", "a", "Travel to and from the {court}"),
        ("Draft or revise", "a", "Draft proposed findings and jury instructions"),
        ("Appear or attend", "p", "Assist at trial (exhibits and witnesses)"),
    ),
    "Appeal": (
        ("Review and analyze", "a", "Review trial record for appealable issues"),
        ("Research", "a", "Research standard of review"),
        ("Draft or revise", "a", "Draft opening brief"),
        ("Appear or attend", "a", "Oral argument"),
        ("Draft or revise", "p", "Prepare appendix and record excerpts"),
    ),
    "Planning and drafting": (
        ("Communicate with client", "a", "Conference with {client} re: goals and options"),
        ("Draft or revise", "a", "Draft agreement"),
        ("Draft or revise", "a", "Revise draft per comments from {client}"),
        ("Review and analyze", "a", "Review documents and prior agreements"),
        ("Research", "a", "Research requirements and filing options"),
        ("Communicate with opposing counsel", "a", "Call with {counsel} re: open points"),
        ("Draft or revise", "p", "Prepare forms and supporting schedules"),
        ("Manage files", "p", "Collect signatures and supporting documents"),
        ("Communicate with client", "p", "Call with {client} re: information still needed"),
    ),
    "Hearings": (
        ("Plan and prepare", "a", "Prepare for hearing before {judge}"),
        ("Appear or attend", "a", "Attend hearing before {judge}"),
        ("Communicate with client", "a", "Prepare {client} for hearing"),
        ("Travel", "a", "Travel to and from the {court}"),
        ("Draft or revise", "p", "Prepare hearing exhibits and witness list"),
    ),
    "Signing and closing": (
        ("Appear or attend", "a", "Signing meeting with {client}"),
        ("Review and analyze", "a", "Final review of closing documents"),
        ("Communicate with client", "a", "Explain final documents and next steps to {client}"),
        ("Manage files", "p", "Record documents and send conformed copies"),
        ("Draft or revise", "p", "Prepare closing binder"),
    ),
    "General": (
        ("Communicate with client", "a", "Status call with {client}"),
        ("Review and analyze", "a", "Review file and plan next steps"),
        ("Manage files", "p", "Update file and calendar"),
        ("Communicate (other)", "s", "Scan and file incoming correspondence"),
    ),
}

# Why a budget was revised, by the phase that grew.
REVISION_REASONS: dict[str, tuple[str, ...]] = {
    "Discovery": ("Discovery expanded after second amended complaint",
                  "Additional depositions after initial disclosures",
                  "Opposing party's document production far larger than expected"),
    "Motions": ("Motion to dismiss and summary judgment briefing added",
                "Motion practice over discovery disputes"),
    "Trial preparation": ("Case set for trial; expert work added",
                          "Second expert retained on damages"),
    "Trial": ("Trial estimate increased from three to five days",),
    "Negotiation and settlement": ("Mediation added at the court's direction",),
    "Investigation": ("New claims identified after reviewing client records",),
    "Planning and drafting": ("Client asked for additional documents",
                              "Scope expanded to include a second property"),
    "Hearings": ("Additional hearing set by the court",),
}
