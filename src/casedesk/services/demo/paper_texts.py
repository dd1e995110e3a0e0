"""What the demo's documents and correspondence say, per practice area.

Placeholders (str.format): {client} (full name), {client_first}, {opp}, {counsel}, {court},
{judge}, {lead} (the responsible attorney), {firm}, {area}, {claim} (the case description),
{day} (a date in words), {items} (a list of requested documents), {insurer}, {hospital}.
"""

from __future__ import annotations

# What the client is asked to provide (document requests), per area; the first one is what
# the client most often sends first (it becomes the scanned exhibit).
REQUEST_ITEMS: dict[str, tuple[str, ...]] = {
    "Civil litigation": ("Invoices and statements exchanged with the other side",
                         "The signed contract and every amendment",
                         "E-mails and letters with the other side", "Photos of the property",
                         "Names and contact details of witnesses"),
    "Commercial": ("Invoices and statements of account", "The signed agreement and schedules",
                   "Board minutes approving the transaction", "Certificate of good standing",
                   "Insurance certificates"),
    "Employment": ("Last three pay stubs", "The termination letter",
                   "Performance reviews for the last three years", "The employee handbook",
                   "Notes or e-mails about the complaints made"),
    "Family": ("Bank statements for the last twelve months", "Last three years' tax returns",
               "Recent pay stubs", "Retirement account statements",
               "Mortgage statement and the deed", "Children's school and medical expenses"),
    "Personal injury": ("Medical bills and records since the accident",
                        "Police report or incident number", "Photos of the scene and injuries",
                        "Health insurance card (both sides)", "Proof of lost wages",
                        "Pharmacy receipts"),
    "Real estate": ("Title commitment", "Lender's loan estimate", "Homeowner's insurance binder",
                    "HOA documents and resale certificate", "Survey of the property"),
    "Estate planning": ("List of assets and account statements", "Existing will or trust",
                        "Deeds to real property", "Beneficiary designation forms",
                        "Names and addresses of the beneficiaries"),
    "Criminal defense": ("Police report and charging documents",
                         "Names of character references", "Proof of employment",
                         "Treatment or counseling records", "Bail paperwork"),
    "Immigration": ("Passport and I-94 record", "Birth certificate with certified translation",
                    "Marriage certificate", "Tax transcripts for the last three years",
                    "Proof of address for the last five years", "Two passport-style photos"),
    "Immigration/court": ("Notice to Appear and any other papers from DHS",
                          "Passport and I-94 record",
                          "Birth certificate with certified translation",
                          "Declarations from family members", "Proof of continuous residence",
                          "Police clearance letters"),
    "Intellectual property": ("Specimens showing the mark in use", "Date of first use anywhere",
                              "List of goods and services", "Prior registrations or licenses",
                              "Examples of the accused products"),
    "Bankruptcy": ("Six months of pay stubs", "Last two years' tax returns",
                   "Bank statements for the last six months", "Credit counseling certificate",
                   "List of creditors with balances", "Vehicle titles and loan statements"),
    "Insurance defense": ("Incident report", "The policy and declarations page",
                          "The claim file from the carrier", "Photos and video of the scene",
                          "Maintenance and inspection records"),
}

# Why a request was withdrawn, and notes on requests.
WITHDRAWN_NOTES = ("No longer needed: the other side produced it.",
                   "Not needed after the settlement.", "Client does not have it; subpoena sent.")
RECEIVED_NOTES = ("Original returned to the client.", "Received by e-mail.",
                  "Dropped off at the front desk.", "Uploaded through the client portal.", "")
OUTSTANDING_NOTES = ("Reminder sent.", "Client says it is on the way.",
                     "Asked again by phone.", "", "")

# The complaint's claims for relief, by area (a civil complaint names one to three).
CLAIMS: dict[str, tuple[str, ...]] = {
    "Civil litigation": ("Breach of contract", "Breach of the implied covenant of good faith",
                         "Unjust enrichment", "Negligent misrepresentation"),
    "Commercial": ("Breach of contract", "Account stated", "Unjust enrichment",
                   "Breach of warranty"),
    "Employment": ("Wrongful termination in violation of public policy", "Retaliation",
                   "Discrimination", "Failure to pay wages due"),
    "Personal injury": ("Negligence", "Negligence per se", "Premises liability"),
    "Insurance defense": ("Negligence", "Premises liability"),
    "Intellectual property": ("Infringement", "Unfair competition",
                              "False designation of origin"),
    "Real estate": ("Quiet title", "Trespass", "Breach of contract", "Declaratory judgment"),
}

# Facts a complaint pleads, per area ({client}, {opp}, {claim}, {day}, {hospital}).
FACTS: dict[str, tuple[str, ...]] = {
    "Personal injury": (
        "On {day}, {client} was lawfully where {client_pronoun} had every right to be when "
        "{opp} failed to use reasonable care.",
        "As a direct result, {client} suffered injuries requiring treatment at {hospital} and "
        "continuing physical therapy.",
        "{client} has incurred medical expenses and lost wages, and will incur more.",
    ),
    "Employment": (
        "{client} worked for {opp} and consistently met or exceeded expectations.",
        "After {client} raised concerns with management, {opp} began to treat "
        "{client_object} differently.",
        "On {day}, {opp} terminated {client}'s employment, giving reasons that were a pretext.",
    ),
    "Family": (
        "The parties were married and have lived separate and apart since {day}.",
        "The marriage is irretrievably broken.",
        "The parties have community and separate property and debts to be divided by the "
        "court.",
    ),
}
GENERIC_FACTS = (
    "The parties entered into a written agreement, and {client_side} performed every "
    "obligation under it.",
    "Beginning on or about {day}, {opp_side} failed to perform as the agreement required.",
    "Written demand was made and refused. {claim}",
)

# Argument headings and paragraphs of a brief or motion, per kind of court.
ARGUMENT: dict[str, tuple[tuple[str, str], ...]] = {
    "civil": (
        ("The governing standard",
         "The moving party bears the burden of showing that the relief sought is warranted "
         "under the applicable rules, and the court views the record in the light most "
         "favorable to the non-moving party."),
        ("The record supports the relief requested",
         "The declarations and exhibits filed with this brief show that {fact}. Nothing in "
         "the record creates a genuine dispute on that point."),
        ("The equities favor {client_side}",
         "{client_side} acted promptly and in good faith throughout. Granting the relief "
         "causes no unfair prejudice to {opp_side}, who has known of these issues since "
         "{day}."),
    ),
    "criminal": (
        ("Statement of facts",
         "{client} was arrested on {day}. The police report and the body-camera footage "
         "produced in discovery show that {fact}."),
        ("The Constitution requires the relief requested",
         "The Fourth and Fourteenth Amendments protect against unreasonable searches and "
         "seizures; evidence obtained in violation of them must be suppressed."),
        ("The prosecution cannot meet its burden",
         "The State bears the burden of proving that an exception to the warrant "
         "requirement applies. On this record it cannot."),
    ),
    "family": (
        ("Background",
         "The parties separated on {day}. Since then {client_first} has been the primary "
         "caregiver and has met every obligation under the temporary arrangements."),
        ("The proposed orders serve the children's best interests",
         "Stability, continuity of schooling and each parent's demonstrated involvement all "
         "favor the schedule proposed here."),
        ("Support should be set on actual income",
         "The financial affidavits show that {fact}; support should be calculated on the "
         "income actually earned, not on the figures in the other party's draft."),
    ),
    "immigration": (
        ("Statement of the case",
         "The respondent, {client}, entered the United States and has lived here since "
         "{day}. The Department of Homeland Security issued a Notice to Appear."),
        ("The respondent is eligible for the relief sought",
         "The evidence submitted with this filing, including declarations and country "
         "conditions reports, shows that {fact}."),
        ("Discretion should be exercised favorably",
         "The respondent has strong family ties, a steady work history and no criminal "
         "record."),
    ),
    "bankruptcy": (
        ("Background",
         "The debtor filed a voluntary petition on {day}. The schedules disclose all assets "
         "and liabilities."),
        ("The relief is consistent with the Code",
         "The debtor has complied with every duty under 11 U.S.C. § 521, and the record "
         "shows that {fact}."),
        ("No creditor is prejudiced",
         "Creditors received notice and an opportunity to be heard; no objection raises a "
         "ground on which the relief should be denied."),
    ),
    "probate": (
        ("Background",
         "The decedent died on {day}. The petitioner was nominated as personal "
         "representative."),
        ("The estate has been administered properly",
         "Notice to creditors was published, the inventory was filed, and the accounts show "
         "that {fact}."),
        ("The proposed distribution follows the will",
         "The distribution proposed here follows the terms of the will and the statutory "
         "priorities."),
    ),
}
FACT_PHRASES = ("the key events are documented in the parties' own records",
                "the other side's account is contradicted by its own documents",
                "every deadline was met and every notice was given",
                "the amounts claimed are supported by contemporaneous records")

# Motions a case may bring when no filed brief is on its calendar, per kind of court.
MOTIONS: dict[str, tuple[str, ...]] = {
    "civil": ("Motion to compel discovery responses", "Motion for protective order",
              "Motion to extend the case schedule", "Motion for summary judgment"),
    "criminal": ("Motion to suppress evidence", "Motion for discovery",
                 "Motion to modify conditions of release"),
    "family": ("Motion for temporary orders", "Motion to compel financial disclosure"),
    "immigration": ("Motion to continue", "Motion to change venue"),
    "bankruptcy": ("Motion to extend the automatic stay", "Motion to avoid judicial lien"),
    "probate": ("Petition for approval of the final account",
                "Motion to sell real property of the estate"),
}

# The client's papers that answer the first request (REQUEST_ITEMS[area][0]) and become a
# scanned exhibit, per area: (title, kind of layout, see papers.exhibit).
EXHIBITS: dict[str, tuple[str, str]] = {
    "Civil litigation": ("Statement of account", "ledger"),
    "Commercial": ("Invoices and statement of account", "ledger"),
    "Employment": ("Earnings statements", "pay"),
    "Family": ("Bank statements", "bank"),
    "Personal injury": ("Medical billing summary", "medical"),
    "Real estate": ("Title commitment", "title"),
    "Estate planning": ("Asset inventory", "assets"),
    "Criminal defense": ("Police incident report", "incident"),
    "Immigration": ("Passport and I-94 record", "passport"),
    "Immigration/court": ("Notice to Appear", "nta"),
    "Intellectual property": ("Specimens of use", "specimens"),
    "Bankruptcy": ("Earnings statements", "pay"),
    "Insurance defense": ("Incident report", "incident"),
}

# Phone calls and meetings logged on a case: (kind, direction, subject, summary).
CALLS: tuple[tuple[str, str, str, str], ...] = (
    ("call", "in", "Question about next steps",
     "{client_first} called about what happens next; explained the timeline and the "
     "documents still needed."),
    ("call", "out", "Status update",
     "Called {client_first} with a status update; {client_pronoun} had no new information."),
    ("call", "out", "Left voicemail",
     "Left a voicemail for {client_first} asking for a call back about the open items."),
    ("call", "in", "Invoice question",
     "{client_first} asked about the last invoice; walked through the entries."),
    ("meeting", "out", "Case review meeting",
     "Met with {client_first} to review the file, the open requests and the next dates."),
)
COUNSEL_CALLS: tuple[tuple[str, str, str, str], ...] = (
    ("call", "out", "Scheduling",
     "Called {counsel} to agree on dates; {counsel} will confirm by e-mail."),
    ("call", "in", "Settlement discussion",
     "{counsel} called to ask whether {client_first} would consider mediation."),
    ("email", "out", "Meet and confer",
     "Wrote to {counsel} identifying the deficiencies in the discovery responses and asking "
     "to confer this week."),
    ("letter", "out", "Preservation of evidence",
     "Letter to {counsel} asking that {opp} preserve documents and electronic records."),
)
