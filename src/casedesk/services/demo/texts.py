"""What the demo staff write: note and task templates, per practice area.

Area entries named "<area>/court" replace the plain ones on cases before a court.
Placeholders: {client} (first name, or the business), {subj}/{be} (she is, he is, they are),
{opp}, {counsel}, {judge}, {witness}, {expert}, {insurer}, {hospital}, {colleague}, {day},
{day2} (dates after the note), {amount}.
"""

from __future__ import annotations

OPENING_NOTES: tuple[str, ...] = (
    "Initial consultation with {client}; went over the facts and the fee agreement.",
    "Emailed {client} the engagement letter and fee agreement; {subj} {be} reviewing it this "
    "week.",
    "Received the signed engagement letter and retainer from {client}.",
    "Intake call with {client}; opened the file and asked for the key documents by {day}.",
)

GENERAL_NOTES: tuple[str, ...] = (
    "Called {client} re: status of the matter; explained next steps and the likely timeline.",
    "Left voicemail for {client}; will try again tomorrow morning.",
    "Met with {client}; scanned the documents {subj} brought in to the file.",
    "{client} asked about fees to date; sent a statement of account.",
    "Calendared a follow-up call with {client} for {day}.",
    "Discussed strategy with {colleague}; agreed to revisit after the next deadline.",
    "{client} called with questions about the invoice; walked through the entries.",
)

LITIGATION_NOTES: tuple[str, ...] = (
    "Called {client} re: deposition scheduling; {subj} {be} available the week of {day}.",
    "Spoke with {counsel} re: a two-week extension for discovery responses; agreed, confirming "
    "by email.",
    "Received {opp}'s answers to our first interrogatories; several are evasive. Draft a "
    "deficiency letter.",
    "Clerk confirmed the hearing on the motion to compel is reset to {day}.",
    "Met with {client} to prepare for deposition; went over exhibits and likely questions.",
    "{counsel} proposed mediation; forwarded to {client}, who is open to it.",
    "Interviewed {witness} by phone; the account matches the client's. Will prepare a "
    "declaration.",
    "Read {judge}'s standing order; joint status report due {day}.",
    "Settlement conference set for {day}; {client} must attend in person.",
    "Sent a litigation hold letter to {client}; {subj} confirmed email and texts are preserved.",
    "{counsel} served a deposition notice for {client} on {day}; need to confirm with the "
    "client before agreeing.",
    "Drafted the protective order; sent to {counsel} for comments.",
)

AREA_NOTES: dict[str, tuple[str, ...]] = {
    "Personal injury": (
        "Medical records from {hospital} received; gap in treatment between {day} and {day2} "
        "— ask the client.",
        "Adjuster at {insurer} offered {amount}. Client advised to reject; counteroffer to "
        "follow.",
        "{expert} reviewed the scene photos; preliminary view supports our liability theory.",
        "Client reports ongoing physical therapy twice a week; asked for updated bills.",
    ),
    "Family": (
        "Client reports the weekend exchange went smoothly; nothing to raise with {counsel}.",
        "Received {opp}'s financial affidavit; it leaves out the 401(k). Request statements.",
        "Sent the draft parenting plan to {client} for comments.",
        "Temporary orders hearing set for {day}; client to bring pay stubs.",
    ),
    "Criminal defense": (
        "Visited client at the county jail; discussed the plea offer. Client wants until {day} "
        "to decide.",
        "Received discovery: body-cam footage and the lab report. Review with {colleague}.",
        "Arraignment held; client pleaded not guilty. Pretrial conference {day}.",
        "Called {counsel} about the plea offer; open to a reduced charge if the client completes "
        "treatment.",
    ),
    "Immigration": (
        "Biometrics appointment scheduled for {day}; reminded the client.",
        "USCIS receipt notice received; sent a copy to {client}.",
        "Client's birth certificate translation received from the translator.",
    ),
    "Immigration/court": (
        "Prepared {client} for the individual hearing; reviewed the country conditions "
        "evidence.",
        "Master calendar hearing held; individual hearing set for {day}.",
        "Client's birth certificate translation received from the translator.",
    ),
    "Estate planning": (
        "Met with {client} to go over the draft will and trust; two changes to the gifts to "
        "family.",
        "Signing set for {day}; two witnesses and a notary booked.",
        "Sent {client} the funding instructions for the trust; deeds to follow.",
    ),
    "Estate planning/court": (
        "Letters testamentary issued; opened the estate account.",
        "Published notice to creditors; claim period ends {day}.",
        "Appraisal of the house received; inventory due {day}.",
    ),
    "Bankruptcy": (
        "Credit counseling certificate received from {client}.",
        "341 meeting set for {day}; client to bring ID and proof of Social Security number.",
        "Trustee asked for six months of bank statements; asked the client for them by {day}.",
    ),
    "Intellectual property": (
        "Office action received from the USPTO; response due {day}.",
        "Clearance search came back clean except one dead registration.",
    ),
    "Intellectual property/court": (
        "Sent a cease-and-desist letter to {opp}.",
        "Read {opp}'s infringement contentions; several accused products are out of scope.",
    ),
    "Real estate": (
        "Title commitment received; two exceptions to clear before closing.",
        "Closing set for {day}; wire instructions confirmed by phone, not email.",
        "Inspection report came back; negotiating a credit for the roof.",
    ),
    "Real estate/court": (
        "Survey ordered to settle where the boundary really runs.",
    ),
    "Employment": (
        "{client} sent the termination letter and the last three performance reviews.",
        "Position statement received from {opp}; rebuttal due {day}.",
        "Reviewed the handbook's arbitration clause; it likely does not cover these claims.",
    ),
    "Commercial": (
        "Redlined the agreement; sent to {client} with a summary of the open points.",
        "{counsel} returned comments; the indemnity cap is still open.",
        "Call with {client}'s CFO about the closing checklist; signature pages by {day}.",
    ),
    "Commercial/court": (
        "{client}'s CFO sent the invoices and the correspondence with {opp}.",
    ),
    "Insurance defense": (
        "Initial case assessment and budget sent to the claims professional at {insurer}.",
        "Plaintiff's demand of {amount} received; forwarded to the carrier with our evaluation.",
        "Defense medical exam scheduled for {day}.",
    ),
}

CLOSING_NOTES: tuple[str, ...] = (
    "Matter closed: final invoice paid, file archived.",
    "Settlement funds disbursed; closing letter sent to {client}. File closed.",
    "Dismissed with prejudice under the settlement; closing letter sent.",
    "Judgment entered and the appeal period ran; matter closed.",
    "Work complete; original documents returned to {client}.",
)
DECLINED_NOTE = "Declined representation because of a conflict; non-engagement letter sent " \
                "to {client}."

GENERAL_TASKS: tuple[str, ...] = (
    "Follow up on unpaid invoice", "Update client on status", "Scan and file client documents",
)
INTAKE_TASKS: tuple[str, ...] = ("Send engagement letter", "Collect retainer",
                                 "Request key documents from client")
LITIGATION_TASKS: tuple[str, ...] = (
    "Draft answer to complaint", "Serve initial disclosures",
    "Prepare first set of interrogatories", "Respond to requests for production",
    "Prepare for deposition of {witness}", "Draft motion to compel", "File joint status report",
    "Calendar hearing on motion to dismiss", "Draft mediation statement",
    "Prepare trial exhibit list", "Serve subpoena for records", "Review deposition transcript",
)
AREA_TASKS: dict[str, tuple[str, ...]] = {
    "Personal injury": ("Request medical records from {hospital}",
                        "Send letter of representation to {insurer}", "Prepare demand package",
                        "Send records to {expert} for review"),
    "Family": ("File financial affidavit", "Draft parenting plan",
               "Prepare for temporary orders hearing", "Exchange mandatory disclosures"),
    "Criminal defense": ("Review discovery from the prosecution", "File motion to suppress",
                         "Prepare client for pretrial conference", "Request bond hearing"),
    "Immigration": ("Prepare the filing package", "Collect civil documents and translations",
                    "Respond to request for evidence"),
    "Immigration/court": ("Gather country conditions evidence",
                          "File evidence 15 days before the hearing",
                          "Prepare witness for hearing"),
    "Estate planning": ("Draft will and revocable trust", "Prepare deeds to fund the trust",
                        "Schedule signing", "Draft powers of attorney"),
    "Estate planning/court": ("File petition for probate", "File inventory and appraisal",
                              "Publish notice to creditors", "Prepare final accounting"),
    "Bankruptcy": ("Collect six months of pay stubs", "Prepare schedules and SOFA",
                   "Attend 341 meeting", "File proof of service of the plan"),
    "Intellectual property": ("Respond to office action", "Docket the renewal deadline",
                              "Collect specimens of use"),
    "Intellectual property/court": ("Draft claim construction brief",
                                    "Serve infringement contentions"),
    "Real estate": ("Review title commitment", "Prepare closing documents", "Record the deed"),
    "Real estate/court": ("Order a survey",),
    "Employment": ("Draft response to position statement", "Review employee handbook",
                   "File EEOC charge"),
    "Commercial": ("Redline the agreement", "Prepare disclosure schedules",
                   "Circulate signature pages"),
    "Commercial/court": ("Collect invoices and correspondence from client",),
    "Insurance defense": ("Send initial report to the carrier", "Prepare litigation budget",
                          "Request the plaintiff's prior claims history"),
}
