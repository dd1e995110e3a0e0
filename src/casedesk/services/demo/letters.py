"""The firm's own letters and notes on a demo case: engagement and closing letters, drafts of
the agreement or estate plan, letters to agencies and insurers, intake notes and e-mails."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from casedesk.services.demo.file_makers import Para
from casedesk.services.demo.papers import Facts, say
from casedesk.services.demo.world import ContactRef


@dataclass(frozen=True, slots=True)
class To:
    """Whom a letter is addressed to."""

    name: str
    organization: str = ""
    address: str = ""
    greeting: str = "Dear Sir or Madam:"


def to_contact(contact: ContactRef) -> To:
    """A contact as a letter addresses them."""
    person = contact.person
    greeting = f"Dear {person.first} {person.last}:" if person else "Dear Sir or Madam:"
    return To(contact.name, contact.organization, contact.address, greeting)


def letterhead(facts: Facts, day: date, to: To, subject: str) -> list[Para]:
    """The firm's letterhead, the date, the inside address, the Re: line, the greeting."""
    firm = facts.firm
    paras: list[Para] = [("center", firm["name"].upper()),
                         ("line", f"{firm['address']} · {firm['phone']} · {firm['email']}"),
                         ("right", say(day)), ("line", to.name)]
    if to.organization:
        paras.append(("line", to.organization))
    for part in to.address.split(", ", 1) if to.address else ():
        paras.append(("line", part))
    paras += [("line", f"Re: {subject}"), ("line", f"Our file: {facts.plan.number}"),
              ("line", to.greeting)]
    return paras


def closing(facts: Facts) -> list[Para]:
    return [("line", "Very truly yours,"), ("sig", facts.lead.name),
            ("line", facts.firm["name"]), ("line", facts.lead.email)]


def engagement_letter(facts: Facts, rng: random.Random, day: date) -> list[Para]:
    """The engagement letter: scope, fees, retainer, responsibilities, signature lines."""
    plan, client = facts.plan, facts.client
    retainer = rng.choice((2_500, 5_000, 7_500, 10_000, 15_000, 25_000))
    paras = letterhead(facts, day, to_contact(client), f"Engagement — {plan.title}")
    paras += [("p", f"Thank you for choosing {facts.firm['name']}. This letter confirms that "
                    f"the firm will represent {client.name} in the following matter: "
                    f"{plan.title}. {plan.description}"),
              ("h2", "Scope of the engagement"),
              ("p", f"Our work covers the {plan.area.lower()} matter described above"
                    + (f", before the {plan.court.name}" if plan.court else "")
                    + ". It does not include appeals or related matters unless we agree in "
                      "writing."),
              ("h2", "Fees and retainer"),
              ("p", f"{facts.lead.name} will be responsible for the matter. We bill by the "
                    "tenth of an hour at the rates in the enclosed schedule, and send a "
                    f"statement each month. We ask for a retainer of ${retainer:,}, held in our "
                    "trust account and applied to the final invoice."),
              ("h2", "Your responsibilities"),
              ("p", "Please give us complete and accurate information, keep us told of any "
                    "change in your contact details, and send the documents we request by the "
                    "dates we give."),
              ("p", "If these terms are acceptable, please sign below and return a copy with "
                    "the retainer."),
              *closing(facts),
              ("h2", "Agreed and accepted"),
              ("sig", "______________________________"), ("line", client.name),
              ("line", "Date: ________________")]
    return paras


def non_engagement_letter(facts: Facts, day: date) -> list[Para]:
    """The letter declining a matter (a conflict of interest)."""
    client = facts.client
    return [*letterhead(facts, day, to_contact(client), "Declining representation"),
            ("p", f"Thank you for contacting {facts.firm['name']} about {facts.plan.title}. "
                  "After reviewing our records we have determined that a conflict of interest "
                  "prevents us from representing you in this matter."),
            ("p", "We have not formed an opinion on the merits. Time limits may apply to your "
                  "claims; please consult another lawyer promptly so that no deadline is "
                  "missed. We are returning the papers you gave us."),
            *closing(facts)]


def closing_letter(facts: Facts, day: date) -> list[Para]:
    """The letter closing the file."""
    client = facts.client
    return [*letterhead(facts, day, to_contact(client),
                        f"Closing your file — {facts.plan.title}"),
            ("p", f"Our work on {facts.plan.title} is complete, and we are closing our file "
                  f"as of {say(day)}. Thank you for the opportunity to represent you."),
            ("p", "We will keep the file for seven years, after which it will be destroyed "
                  "unless you ask for it. Original documents are enclosed."),
            *closing(facts)]


_DEAL_ARTICLES = (
    ("Definitions", "Capitalized terms have the meanings given in this article; the schedules "
                    "form part of this agreement."),
    ("Purchase price and payment", "The price is payable at closing by wire transfer to the "
                                   "account designated in writing, less the deposit."),
    ("Representations and warranties", "Each party represents that it has full power to enter "
                                       "into this agreement and that doing so breaches no "
                                       "other agreement."),
    ("Covenants", "Until closing, each party shall carry on its business in the ordinary "
                  "course and shall promptly deliver any document reasonably requested."),
    ("Conditions to closing", "Each party's obligation to close is subject to the other "
                              "party's representations being true at closing."),
    ("Indemnification", "Each party shall indemnify the other against losses arising from a "
                        "breach of its representations, up to the cap in Schedule C."),
    ("Termination", "This agreement may be terminated by either party on written notice if "
                    "closing has not occurred by the outside date."),
    ("Governing law", "This agreement is governed by the laws of the state in which the firm's "
                      "office is located."))
_WILL_ARTICLES = (
    ("Declarations", "{client} declares this to be the testator's will and revokes all earlier "
                     "wills and codicils."),
    ("Gifts of personal property", "Tangible personal property passes to the testator's "
                                   "spouse, or if none survives, in equal shares to the "
                                   "testator's children."),
    ("Residuary estate", "The residuary estate passes to the trustee of the revocable trust "
                         "signed on the same day as this will."),
    ("Personal representative", "The testator nominates the person named in the schedule as "
                                "personal representative, to serve without bond."),
    ("Guardianship of minor children", "If a guardian is needed, the testator nominates the "
                                       "guardian named in the schedule."),
    ("Administrative provisions", "The personal representative has every power the law "
                                  "allows, without court order."))


def agreement(facts: Facts, rng: random.Random, day: date, title: str,
              version: int) -> list[Para]:
    """A transaction document (an agreement, or a will) in its draft `version`."""
    client, other = facts.client.name, facts.opp
    will = facts.plan.area == "Estate planning"
    described = title if will else title[0].lower() + title[1:]
    paras: list[Para] = [("center", f"DRAFT {version} — {say(day).upper()}"),
                         ("title", title.upper()),
                         ("p", f"This {described} is made as of {say(day)} by {client}"
                               + (f" and {other}." if facts.opponents and not will else "."))]
    articles = _WILL_ARTICLES if will else _DEAL_ARTICLES
    for index, (heading, text) in enumerate(articles[: 4 + version], start=1):
        paras += [("h2", f"Article {index}. {heading}"), ("p", text.format(client=client))]
        if version == 1 and rng.random() < 0.3:
            paras.append(("p", f"[{facts.lead.name.split()[0]}: confirm this with the client "
                               "before the next turn.]"))
    paras += [("sig", "______________________________"), ("line", client)]
    if facts.opponents and not will:
        paras += [("sig", "______________________________"), ("line", other)]
    return paras


def agency_letter(facts: Facts, day: date, to: To, subject: str, body: str) -> list[Para]:
    """A cover letter to an agency or insurer (filing, demand, representation)."""
    return [*letterhead(facts, day, to, subject), ("p", body),
            ("p", f"Please direct all further communication about {facts.client.name} to "
                  "this office."), *closing(facts)]


def intake_notes(facts: Facts, rng: random.Random, conflicts: str) -> str:
    """The intake notes (a text file): who, what, when, the conflict check, next steps."""
    plan = facts.plan
    others = ", ".join(o.name for o in facts.opponents) or "none"
    lines = [f"INTAKE NOTES — {plan.number}", "",
             f"Date: {say(plan.opened_on)}", f"Taken by: {facts.lead.name}",
             f"Client: {', '.join(c.name for c in facts.clients)}",
             f"Phone/e-mail: {facts.client.email or 'not given'}",
             f"Matter: {plan.title}", f"Practice area: {plan.area}",
             f"Adverse parties: {others}",
             f"Opposing counsel: {facts.counsel.name if facts.counsel else 'unknown'}", "",
             "FACTS AS TOLD BY THE CLIENT", plan.description,
             rng.choice(("Client was calm and organized; brought a folder of papers.",
                         "Client was upset; we went through the timeline twice.",
                         "Spoke by phone; client will bring the originals to the meeting.",
                         "Client was referred by a former client.")), "",
             "CONFLICT CHECK", conflicts, "",
             "NEXT STEPS",
             "- Send the engagement letter and fee schedule",
             "- Request the key documents (see the request list)",
             "- Calendar the first deadlines"
             + (f" with the {plan.court.name}" if plan.court else "")]
    return "\n".join(lines)


def request_email(facts: Facts, items: list[str], due: date) -> str:
    """The e-mail asking the client for documents."""
    listed = "\n".join(f"  - {item}" for item in items)
    return (f"Dear {facts.client_first},\n\nTo keep your matter moving, please send us the "
            f"following by {say(due)}:\n\n{listed}\n\nScans or clear phone photos are fine; "
            "you can reply to this e-mail or drop the papers off at our office.\n\n"
            f"Thank you,\n{facts.lead.name}\n{facts.firm['name']}\n{facts.firm['phone']}")


def reply_email(facts: Facts, item: str, quoted: str) -> str:
    """The client's reply sending one of the documents."""
    quote = "\n".join(f"> {line}" if line else ">" for line in quoted.splitlines())
    return (f"Hi {facts.lead.name.split()[0]},\n\nAttached is the {item.lower()}. I am still "
            "pulling the rest together and will send it as soon as I can.\n\n"
            f"{facts.client_first}\n\n{quote}")
