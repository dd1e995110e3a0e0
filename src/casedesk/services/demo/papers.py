"""Court papers of a demo case: captions, complaints and answers, briefs, orders, exhibits.

Each function returns the paragraphs (Word) or lines (PDF) of one document, written from the
case's own facts (`Facts`): its court, docket number, judge, parties and attorney.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from casedesk.services.demo import paper_texts as pt
from casedesk.services.demo.file_makers import Line, Para
from casedesk.services.demo.world import CasePlan, ContactRef, StaffPlan

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def say(day: date) -> str:
    """ "March 3, 2026" (strftime's %B would follow the machine's locale)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


@dataclass(slots=True)
class Facts:
    """What the papers of one case are written from."""

    plan: CasePlan
    kind: str  # civil, criminal, family, immigration, bankruptcy, probate, or "" (no court)
    side: str  # "plaintiff" or "defendant" (the client's side)
    client: ContactRef
    clients: list[ContactRef]
    opponents: list[ContactRef]
    counsel: ContactRef | None
    lead: StaffPlan
    paralegal: StaffPlan | None
    firm: dict[str, str]
    hospital: str
    insurer: str

    @property
    def client_first(self) -> str:
        return self.client.person.first if self.client.person else self.client.short

    @property
    def opp(self) -> str:
        return self.opponents[0].name if self.opponents else "the other side"

    def pronouns(self) -> tuple[str, str]:
        """(subject, object) pronouns of the client."""
        person = self.client.person
        if person is None:
            return "it", "it"
        return ("she", "her") if person.female else ("he", "him")

    def labels(self) -> tuple[str, str]:
        """How the papers call the client's side and the other side."""
        ours, theirs = {"family": ("Petitioner", "Respondent"),
                        "criminal": ("Defendant", "the State"),
                        "immigration": ("Respondent", "DHS"),
                        "bankruptcy": ("Debtor", "the Trustee"),
                        "probate": ("Petitioner", "the objector")}.get(
            self.kind, ("Plaintiff", "Defendant") if self.side == "plaintiff"
            else ("Defendant", "Plaintiff"))
        return ours, theirs

    def values(self, rng: random.Random, day: date) -> dict[str, str]:
        """The placeholders of paper_texts for this case."""
        subject, obj = self.pronouns()
        ours, theirs = self.labels()
        return {"client": self.client.name, "client_first": self.client_first,
                "client_pronoun": subject, "client_object": obj, "opp": self.opp,
                "counsel": self.counsel.name if self.counsel else "opposing counsel",
                "court": self.plan.court.name if self.plan.court else "",
                "judge": self.plan.judge, "lead": self.lead.name, "firm": self.firm["name"],
                "area": self.plan.area, "claim": self.plan.description, "day": say(day),
                "hospital": self.hospital, "insurer": self.insurer,
                "client_side": ours, "opp_side": theirs, "fact": rng.choice(pt.FACT_PHRASES)}


_DIRECTIONS = {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western",
               "C": "Central", "M": "Middle"}
_STATES = {"Alaska": "Alaska", "Ariz.": "Arizona", "Cal.": "California", "Colo.": "Colorado",
           "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Haw.": "Hawaii",
           "Idaho": "Idaho", "Ill.": "Illinois", "Ind.": "Indiana", "Mass.": "Massachusetts",
           "Mich.": "Michigan", "Minn.": "Minnesota", "Mont.": "Montana", "Nev.": "Nevada",
           "Or.": "Oregon", "Pa.": "Pennsylvania", "Tex.": "Texas", "Utah": "Utah",
           "Va.": "Virginia", "Wash.": "Washington", "N.Y.": "New York", "N.J.": "New Jersey",
           "D.C.": "Columbia"}


def district_name(short: str) -> str:
    """ "S.D. Fla." -> "Southern District of Florida", "D.D.C." -> "District of Columbia"."""
    found = re.fullmatch(r"(?:([NSEWCM])\.)?D\.\s?(.+)", short)
    if found is None or found.group(2) not in _STATES:
        return short
    state = _STATES[found.group(2)]
    if state == "Columbia":
        return "District of Columbia"
    direction = _DIRECTIONS.get(found.group(1) or "", "")
    return f"{direction} District of {state}".strip()


def court_lines(facts: Facts) -> list[str]:
    """The court's name as a caption heads it, in capitals, one or two lines."""
    court = facts.plan.court
    if court is None:
        return []
    name = court.name
    if name.startswith(("U.S. District Court, ", "U.S. Bankruptcy Court, ")):
        kind, district = name.split(", ", 1)
        head = "UNITED STATES DISTRICT COURT" if "District" in kind \
            else "UNITED STATES BANKRUPTCY COURT"
        return [head, f"FOR THE {district_name(district).upper()}"]
    if "Immigration Court" in name:
        return ["UNITED STATES DEPARTMENT OF JUSTICE", "EXECUTIVE OFFICE FOR IMMIGRATION "
                "REVIEW", name.upper()]
    return [name.upper()]


def caption(facts: Facts, title: str) -> list[tuple[str, str]]:
    """Court, parties, case number and judge, then the paper's title (kinds as for both
    Word and PDF: center, line, gap, title)."""
    plan = facts.plan
    out: list[tuple[str, str]] = [("center", line) for line in court_lines(facts)]
    out.append(("gap", ""))
    if " v. " in plan.title and facts.kind != "immigration":
        left, right = plan.title.split(" v. ", 1)
        ours, theirs = facts.labels()
        first, second = (ours, theirs) if facts.side == "plaintiff" else (theirs, ours)
        if facts.kind == "criminal":
            first, second = "Plaintiff", "Defendant"
        out += [("line", f"{left.upper()},"), ("line", f"{first.title()},"), ("line", "v."),
                ("line", f"{right.upper()},"), ("line", f"{second.title()}.")]
    else:
        role = {"immigration": "Respondent", "bankruptcy": "Debtor",
                "probate": "Deceased"}.get(facts.kind, "")
        name = plan.title.removeprefix("Matter of ").removeprefix("In re ")
        name = name.removeprefix("Estate of ")
        lead = {"immigration": "In the Matter of", "probate": "In re the Estate of"}.get(
            facts.kind, "In re")
        out += [("line", f"{lead} {name.upper()},"), ("line", f"{role}." if role else "")]
    number = "File No." if facts.kind == "immigration" else "Case No."
    out += [("line", f"{number} {plan.docket_number}")]
    if plan.judge:
        out.append(("line", f"Assigned to {plan.judge}"))
    out += [("gap", ""), ("title", title.upper())]
    return out


def signature(facts: Facts, day: date) -> list[Para]:
    """The attorney's signature block."""
    firm = facts.firm
    ours, _theirs = facts.labels()
    bar = f", Bar No. {facts.lead.bar_number}" if facts.lead.bar_number else ""
    return [("line", f"Dated: {say(day)}"), ("sig", f"/s/ {facts.lead.name}"),
            ("line", f"{facts.lead.name}{bar}"), ("line", firm["name"]),
            ("line", firm["address"]), ("line", f"{firm['phone']} · {facts.lead.email}"),
            ("line", f"Attorneys for {ours}")]


def complaint_title(facts: Facts) -> str:
    """What the client's first pleading is called in its kind of court."""
    return {"family": "Petition for dissolution of marriage", "probate":
            "Petition for probate of will and appointment of personal representative",
            "bankruptcy": "Voluntary petition for relief"}.get(facts.kind,
                                                              "Complaint for damages")


def complaint(facts: Facts, rng: random.Random, day: date, incident: date) -> list[Para]:
    """The client's complaint (or petition): parties, jurisdiction, facts, claims, relief."""
    values = facts.values(rng, incident)
    area = facts.plan.area
    title = complaint_title(facts)
    paras: list[Para] = [*caption(facts, title), ("h1", "I. Parties")]
    ours, theirs = facts.labels()
    where = f"{facts.firm['city']}, {facts.firm['state']}"
    paras.append(("num", f"{ours} {facts.client.name} "
                         + (f"resides in {where}." if facts.client.person else
                            f"has its principal place of business in {where}.")))
    for opponent in facts.opponents:
        paras.append(("num", f"{theirs} {opponent.name} is named as a party to this action."))
    paras += [("h1", "II. Jurisdiction and venue"),
              ("num", f"This court has jurisdiction over the subject matter and the parties, "
                      f"and venue is proper because the events occurred in "
                      f"{facts.firm['city']}.")]
    paras.append(("h1", "III. Facts"))
    for fact in pt.FACTS.get(area, pt.GENERIC_FACTS):
        paras.append(("num", fact.format_map(values)))
    claims = pt.CLAIMS.get(area)
    if claims and facts.kind == "civil":
        for index, claim in enumerate(rng.sample(claims, min(len(claims), rng.randint(1, 3))),
                                      start=1):
            paras += [("h2", f"Claim {index}: {claim}"),
                      ("p", f"{ours} realleges the paragraphs above. {theirs}'s conduct "
                            f"described above constitutes {claim.lower()}, and {ours} has been "
                            "damaged in an amount to be proven at trial.")]
    paras += [("h1", "Prayer for relief"),
              ("p", f"{ours} asks the court to enter judgment in {ours.lower()}'s favor, award "
                    "damages, costs and reasonable attorney fees as allowed by law, and grant "
                    "such further relief as is just.")]
    return paras + signature(facts, day)


def answer(facts: Facts, rng: random.Random, day: date) -> list[Para]:
    """The client's answer with affirmative defenses."""
    ours, theirs = facts.labels()
    paras: list[Para] = [*caption(facts, "Answer and affirmative defenses"),
                         ("p", f"{ours} {facts.client.name} answers the complaint as follows. "
                               "Any allegation not expressly admitted is denied.")]
    for number in range(1, rng.randint(4, 7)):
        paras.append(("num", rng.choice((
            f"Answering paragraph {number}, {ours} admits only that the parties did business "
            "together and denies the remaining allegations.",
            f"Answering paragraph {number}, {ours} lacks knowledge sufficient to form a belief "
            "and therefore denies it.", f"{ours} denies paragraph {number}."))))
    paras.append(("h1", "Affirmative defenses"))
    for defense in rng.sample(("Failure to state a claim", "Failure to mitigate damages",
                               "Comparative fault", "Statute of limitations", "Waiver and "
                               "estoppel", "Offset"), 3):
        paras.append(("bullet", f"{defense}."))
    paras.append(("p", f"{ours} asks that the complaint be dismissed with prejudice and that "
                       f"{theirs} take nothing."))
    return paras + signature(facts, day)


def brief(facts: Facts, rng: random.Random, day: date, title: str, *, about: date,
          draft: bool = False) -> list[Para]:
    """A motion or brief: introduction, argument under headings, conclusion."""
    values = facts.values(rng, about)
    ours, theirs = facts.labels()
    paras: list[Para] = []
    if draft:
        paras.append(("center", "DRAFT — PRIVILEGED AND CONFIDENTIAL — ATTORNEY WORK PRODUCT"))
    paras += [*caption(facts, title), ("h1", "Introduction"),
              ("p", f"{ours} {facts.client.name} respectfully submits this "
                    f"{title[0].lower() + title[1:]}. {facts.plan.description}")]
    for index, (heading, text) in enumerate(pt.ARGUMENT.get(facts.kind, pt.ARGUMENT["civil"]),
                                            start=1):
        paras += [("h2", f"{index}. {heading.format_map(values)}"),
                  ("p", text.format_map(values))]
    paras += [("h1", "Conclusion"),
              ("p", f"For these reasons, {ours} asks the court to grant the relief requested. "
                    f"{theirs.capitalize()} has been served with a copy of this filing.")]
    return paras + signature(facts, day)


def statement(facts: Facts, rng: random.Random, day: date, title: str) -> list[Para]:
    """A report or statement filed with the court (not argued: a status, a plan, a list)."""
    ours, theirs = facts.labels()
    values = facts.values(rng, day)
    return [*caption(facts, title),
            ("p", f"{ours} {facts.client.name} submits this {title[0].lower() + title[1:]}."),
            ("num", f"Nature of the case. {facts.plan.description}"),
            ("num", f"Status. The parties have exchanged the information required so far; "
                    f"{values['fact']}."),
            ("num", f"Next steps. {ours} will confer with {theirs.lower()} and report any "
                    "change to the court promptly."),
            *signature(facts, day)]


def notice_of_appearance(facts: Facts, day: date) -> list[Para]:
    """Counsel's notice of appearance (criminal and immigration cases)."""
    title = ("Notice of entry of appearance as attorney (Form EOIR-28)"
             if facts.kind == "immigration" else "Notice of appearance")
    ours, _theirs = facts.labels()
    return [*caption(facts, title),
            ("p", f"PLEASE TAKE NOTICE that {facts.lead.name} of {facts.firm['name']} appears "
                  f"as counsel for the {ours.lower()}, {facts.client.name}, and asks that every "
                  "notice and paper in this case be served on counsel at the address below."),
            *signature(facts, day)]


def order(facts: Facts, rng: random.Random, day: date, title: str, heard: str,
          heard_on: date | None) -> list[Line]:
    """A signed court order (PDF lines)."""
    ours, theirs = facts.labels()
    when = f"on {say(heard_on)}" if heard_on else "on the papers"
    counsel = facts.counsel.name if facts.counsel else "the other side"
    lines: list[Line] = [*caption(facts, title),
                         ("p", f"This matter came before the Court {when} on {heard}. "
                               f"{facts.lead.name} appeared for {ours.lower()}; {counsel} "
                               f"appeared for {theirs.lower()}. Having considered the papers "
                               "filed and the arguments made, the Court ORDERS as follows:")]
    follow = day + timedelta(days=rng.randint(21, 75))
    points = [f"The request is GRANTED {rng.choice(('', 'IN PART '))}as stated on the record.",
              f"The parties shall file a joint status report by {say(follow)}.",
              "All other dates in the case schedule remain in effect."]
    if facts.kind == "criminal":
        points[1] = f"The next hearing is set for {say(follow)}; the defendant shall appear."
    for index, point in enumerate(points, start=1):
        lines.append(("p", f"{index}. {point}"))
    lines += [("p", "IT IS SO ORDERED."), ("line", f"Dated: {say(day)}"),
              ("sig", "______________________________"), ("line", facts.plan.judge or "Judge")]
    return lines


def exhibit(facts: Facts, rng: random.Random, title: str, layout: str,
            day: date) -> list[Line]:
    """A paper the client provided (scanned): a statement, a report, a letter (PDF lines)."""
    client, city = facts.client.name, facts.firm["city"]
    lines: list[Line] = [("title", title.upper()), ("gap", "")]
    if layout in ("ledger", "bank", "pay", "medical"):
        head = {"ledger": f"Statement of account — {facts.opp}",
                "bank": f"Account holder: {client}   Account ending {rng.randint(1000, 9999)}",
                "pay": f"Employee: {client}   Employer: {facts.opp}",
                "medical": f"Patient: {client}   Provider: {facts.hospital}"}[layout]
        lines += [("line", head), ("line", f"Period ending {say(day)}"), ("gap", ""),
                  ("line", f"{'Date':<12}{'Description':<44}{'Amount':>12}")]
        balance = 0
        for step in range(rng.randint(8, 16)):
            when = day - timedelta(days=7 * (16 - step) + rng.randint(0, 6))
            amount = rng.randrange(40, 9_000) * (1 if layout != "bank" or step % 3 else -1)
            balance += amount
            what = {"ledger": f"Invoice {rng.randint(10_000, 99_999)}",
                    "bank": rng.choice(("Deposit", "Mortgage payment", "Grocery", "Utilities",
                                        "Transfer to savings", "Pharmacy")),
                    "pay": "Regular pay, gross", "medical": rng.choice((
                        "Emergency department visit", "MRI, lumbar spine", "Physical therapy",
                        "Orthopedic consult", "X-ray, two views"))}[layout]
            lines.append(("line", f"{when.strftime('%m/%d/%Y'):<12}{what:<44}"
                                  f"{amount:>12,.2f}"))
        lines += [("gap", ""), ("line", f"{'Total':<56}{balance:>12,.2f}")]
    elif layout in ("police", "incident"):
        lines += [("line", f"Report no. {rng.randint(10**7, 10**8 - 1)}   {city} Police "
                           "Department"),
                  ("line", f"Date of incident: {say(day - timedelta(days=rng.randint(3, 60)))}"),
                  ("line", f"Involved: {client}; {facts.opp}"), ("gap", ""),
                  ("p", "NARRATIVE: Officers responded to a call and spoke with the parties "
                        "and with two witnesses at the scene. Statements were taken and photos "
                        "were logged as evidence. See the attached supplement for the "
                        "diagram and the witness contact details.")]
    else:
        body = {"agreement": f"This agreement is made between {client} and {facts.opp}. The "
                             "parties agree to the terms set out in the schedules. Signed by "
                             "both parties.",
                "termination": f"Dear {client}: This letter confirms that your employment "
                               f"with {facts.opp} ends effective {say(day)}. Your final pay "
                               "will be issued on the next regular payday.",
                "title": f"Proposed insured: {client}. Schedule B exceptions: easements of "
                         "record; taxes for the current year, a lien not yet due.",
                "assets": f"Assets of {client}: residence, two bank accounts, a retirement "
                          "account, a brokerage account and a vehicle. Values attached.",
                "nta": f"In removal proceedings under section 240 of the Immigration and "
                       f"Nationality Act. Respondent: {client}. You are ordered to appear "
                       f"before an immigration judge of the United States Department of "
                       f"Justice.",
                "specimens": f"Specimens of use submitted by {client}: product labels, "
                             "website screenshots and a catalog page showing the mark.",
                "passport": f"Passport of {client}: biographic page and visas. Form I-94 "
                            "arrival/departure record: admitted "
                            f"{say(day - timedelta(days=rng.randint(400, 3000)))}, class of "
                            "admission as shown, until the date shown."}
        lines.append(("p", body.get(layout, f"Papers provided by {client}.")))
    return lines
