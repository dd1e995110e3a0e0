"""Varied, realistic-looking legal text for the search benchmark (fast to make in bulk).

Each document is a kind (motion, order, letter, contract, deposition, medical record, e-mail,
memo) with a title and paragraphs drawn from that kind's sentences and a shared pool, filled
with people, companies, courts, amounts, dates and statute citations, so word frequencies
look like a practice's: a few very common legal words, many names, some rare terms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from casedesk.services.demo.names_data import (
    FEMALE_FIRST,
    LAST_NAMES,
    MALE_FIRST,
    ORG_INDUSTRIES,
    ORG_PREFIXES,
)

COURTS = ("Superior Court of New Jersey, Law Division", "Circuit Court of Cook County",
          "United States District Court for the Southern District of New York",
          "Superior Court of California, County of Los Angeles", "District Court of Harris "
          "County, Texas", "Court of Common Pleas of Philadelphia County", "Maricopa County "
          "Superior Court", "United States Bankruptcy Court for the District of Delaware",
          "Family Court of the State of New York, Kings County", "Denver District Court")
STATUTES = ("Fed. R. Civ. P. 12(b)(6)", "Fed. R. Civ. P. 56", "Fed. R. Civ. P. 26(b)(1)",
            "Fed. R. Evid. 702", "42 U.S.C. § 1983", "29 U.S.C. § 201", "11 U.S.C. § 362",
            "N.J.S.A. 2A:14-2", "735 ILCS 5/2-619", "Cal. Civ. Proc. Code § 437c",
            "Tex. Civ. Prac. & Rem. Code § 16.003", "N.Y. C.P.L.R. 3212", "28 U.S.C. § 1332")
CITED = ("Celotex Corp. v. Catrett", "Anderson v. Liberty Lobby", "Bell Atlantic v. Twombly",
         "Ashcroft v. Iqbal", "Daubert v. Merrell Dow Pharmaceuticals", "Palsgraf v. Long "
         "Island R.R.", "Hadley v. Baxendale", "Matsushita Elec. v. Zenith Radio",
         "International Shoe Co. v. Washington", "Erie R.R. v. Tompkins")
INJURIES = ("a herniated disc at L4-L5", "a fractured left wrist", "a torn rotator cuff",
            "whiplash and cervical strain", "a concussion with post-concussive syndrome",
            "a comminuted tibial plateau fracture", "lacerations requiring sutures")
PROPERTIES = ("the warehouse at 1400 Industrial Parkway", "Unit 4B of the Harbor Lofts",
              "the retail premises at 221 Main Street", "the parcel known as Lot 17, Block 9",
              "the office suite on the third floor of the Meridian Building")

COMMON = (
    "Plaintiff {p} alleges that defendant {org} breached the agreement dated {date}.",
    "The parties met and conferred on {date} but were unable to resolve the dispute.",
    "Counsel for {org} did not respond to the letter of {date}.",
    "This matter is scheduled for a status conference on {date} before Judge {last}.",
    "Please contact our office if you have any questions regarding this matter.",
    "The deadline to respond is {date}, pursuant to {statute}.",
    "Our client, {p}, reserves all rights and remedies available at law and in equity.",
    "The invoice in the amount of ${amount} remains unpaid as of the date of this letter.",
    "{p} testified that the incident occurred at approximately {time} on {date}.",
    "Discovery closes on {date}; expert disclosures are due thirty days earlier.",
    "The insurer, {org}, has acknowledged the claim under policy number {policy}.",
    "Nothing in this letter shall be construed as a waiver of any right or defense.",
    "The court granted the motion in part and denied it in part on {date}.",
    "We enclose copies of the documents produced by {org} in response to the subpoena.",
    "The settlement offer of ${amount} will remain open until {date}.",
)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (title patterns, sentences)
    "motion": (("Motion to Dismiss for Failure to State a Claim", "Motion for Summary Judgment",
                "Motion to Compel Discovery Responses", "Motion in Limine to Exclude Expert "
                "Testimony", "Motion for Protective Order", "Motion to Strike Affirmative "
                "Defenses", "Motion for Extension of Time", "Motion for Sanctions"), (
        "Defendant {org} respectfully moves this Court for an order pursuant to {statute}.",
        "Summary judgment is appropriate where there is no genuine dispute as to any material "
        "fact, {cited}.",
        "The complaint fails to allege facts sufficient to state a plausible claim for relief "
        "under {cited}.",
        "Plaintiff's interrogatory responses are evasive and incomplete, warranting an order "
        "compelling full answers.",
        "The proposed expert opinion of Dr. {last} is not based on reliable methodology and "
        "should be excluded under {statute}.",
        "Good cause exists for a protective order limiting the deposition of {p}.",
        "The negligence claim fails because defendant owed no duty of care to the plaintiff.",
        "The doctrine of res judicata bars relitigation of claims decided in the prior action.",
        "Plaintiff has not shown proximate causation between the alleged breach and the "
        "claimed damages of ${amount}.",
        "For the foregoing reasons, the motion should be granted and the complaint dismissed "
        "with prejudice.")),
    "order": (("Order Granting Motion to Compel", "Scheduling Order", "Order on Summary "
               "Judgment", "Final Judgment", "Temporary Restraining Order", "Order Setting "
               "Trial"), (
        "IT IS HEREBY ORDERED that the motion is GRANTED.",
        "The Clerk is directed to enter judgment in favor of {p} in the amount of ${amount}.",
        "Trial is set for {date} at 9:00 a.m. in Courtroom {room}.",
        "All dispositive motions shall be filed no later than {date}.",
        "Defendant {org} is temporarily restrained from transferring any assets pending a "
        "hearing.",
        "The parties shall complete mediation before {date} and file a joint status report.",
        "Failure to comply with this order may result in sanctions, including dismissal.")),
    "letter": (("Letter to Opposing Counsel re Discovery Deficiencies", "Demand Letter",
                "Client Status Update", "Engagement Letter", "Letter re Settlement Offer",
                "Litigation Hold Notice"), (
        "Dear {first}: I write regarding the deficiencies in your client's document "
        "production.",
        "This firm represents {p} in connection with the claims against {org}.",
        "Demand is hereby made for payment of ${amount} within fourteen days.",
        "Please preserve all documents, electronically stored information and text messages "
        "relating to this dispute.",
        "As we discussed by telephone, the deposition of {p} is confirmed for {date}.",
        "Our hourly rates are set out in the enclosed fee schedule; a retainer of ${amount} "
        "is required.",
        "Sincerely, {p}")),
    "contract": (("Asset Purchase Agreement", "Commercial Lease", "Settlement Agreement and "
                  "Release", "Non-Disclosure Agreement", "Employment Agreement", "Promissory "
                  "Note", "Supply Agreement"), (
        "This Agreement is entered into as of {date} by and between {org} and {p}.",
        "Tenant shall pay base rent of ${amount} per month for {property}.",
        "Each party shall indemnify, defend and hold harmless the other from any claims "
        "arising out of its breach.",
        "Confidential Information shall not include information that is publicly available.",
        "This Agreement shall be governed by the laws of the State of {state}.",
        "Any dispute arising hereunder shall be resolved by binding arbitration in {city}.",
        "In consideration of the payment of ${amount}, Releasor releases all claims, known or "
        "unknown.",
        "The non-compete covenant shall remain in force for eighteen months after termination.",
        "Seller represents and warrants that the assets are free of all liens and "
        "encumbrances.")),
    "deposition": (("Deposition Transcript of {p}", "Deposition Summary of {p}", "Excerpts "
                    "from the Deposition of Dr. {last}"), (
        "Q. Where were you on the evening of {date}? A. I was driving home from work.",
        "Q. Did you see the other vehicle before the collision? A. No, not until the impact.",
        "Q. Who instructed you to destroy the records? A. I don't recall anyone doing that.",
        "MR. {lastu}: Objection, form. You may answer.",
        "Q. How long have you been employed by {org}? A. About {n} years.",
        "The witness identified Exhibit {n} as the inspection report prepared by {p}.",
        "(Whereupon a short recess was taken.)")),
    "medical": (("Medical Records from {hospital}", "Independent Medical Examination Report",
                 "Physical Therapy Progress Notes", "Radiology Report"), (
        "The patient presented with {injury} following a motor vehicle accident on {date}.",
        "MRI of the lumbar spine shows {injury}; surgical consult recommended.",
        "Patient reports pain of 7/10, worse with prolonged sitting.",
        "Prognosis is guarded; permanent partial impairment is estimated at {n} percent.",
        "Total charges for treatment to date are ${amount}.",
        "Referred to Dr. {last} for orthopedic evaluation.")),
    "email": (("RE: {org} production", "FW: Deposition scheduling", "RE: Settlement "
               "discussions", "Mediation logistics", "RE: Draft complaint"), (
        "From: {p} Sent: {date} To: {p2} Subject: RE: scheduling",
        "Thanks, {first}. Tuesday works for the call; I will circulate a dial-in.",
        "Attached is the redline of the agreement with our comments.",
        "Can you confirm whether {org} will accept service by e-mail?",
        "The mediator, {p}, has availability on {date} and the following week.")),
    "memo": (("Research Memorandum re Statute of Limitations", "Case Evaluation Memo",
              "Memo re Personal Jurisdiction", "Trial Preparation Outline"), (
        "Question presented: whether the claim is barred by the statute of limitations under "
        "{statute}.",
        "Short answer: probably not, because the discovery rule tolls the period until {date}.",
        "Personal jurisdiction over {org} likely exists under {cited} given its contacts with "
        "{state}.",
        "The strongest liability evidence is the testimony of {p} and the maintenance logs.",
        "Estimated verdict range: ${amount} to ${amount2}, before comparative fault.",
        "Recommended next steps: retain an expert in {field} and depose the corporate "
        "designee.")),
}
FIELDS = ("accident reconstruction", "biomechanics", "forensic accounting", "economics",
          "toxicology", "orthopedics", "vocational rehabilitation", "construction defects")
STATES = ("New Jersey", "Illinois", "New York", "California", "Texas", "Pennsylvania",
          "Arizona", "Delaware", "Colorado")
CITIES = ("Newark", "Chicago", "New York", "Los Angeles", "Houston", "Philadelphia",
          "Phoenix", "Wilmington", "Denver")
KIND_WEIGHTS = {"motion": 14, "order": 8, "letter": 22, "contract": 10, "deposition": 8,
                "medical": 10, "email": 20, "memo": 8}
CATEGORY = {"motion": "motion", "order": "order", "letter": "correspondence",
            "contract": "contract", "deposition": "evidence", "medical": "evidence",
            "email": "correspondence", "memo": "note"}


@dataclass(frozen=True, slots=True)
class FakeDocument:
    kind: str
    category: str
    title: str
    file_name: str
    body: str


class LegalText:
    """A deterministic source of documents (same seed, same documents)."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.people = [f"{rng.choice(FEMALE_FIRST + MALE_FIRST)} {rng.choice(LAST_NAMES)}"
                       for _ in range(5000)]
        self.orgs = [f"{rng.choice(ORG_PREFIXES)} {ind}{rng.choice(forms)}"
                     for ind, forms in (rng.choice(ORG_INDUSTRIES) for _ in range(2000))]
        self.kinds = list(KIND_WEIGHTS)
        self.weights = list(KIND_WEIGHTS.values())

    def _fill(self, pattern: str) -> str:
        rng = self.rng
        if "{" not in pattern:
            return pattern
        last = rng.choice(LAST_NAMES)
        return pattern.format(
            p=rng.choice(self.people), p2=rng.choice(self.people), org=rng.choice(self.orgs),
            first=rng.choice(FEMALE_FIRST + MALE_FIRST), last=last, lastu=last.upper(),
            date=f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2026)}",
            time=f"{rng.randint(1, 12)}:{rng.choice(('00', '15', '30', '45'))} "
                 f"{rng.choice(('a.m.', 'p.m.'))}",
            amount=f"{rng.randint(1, 950) * 1000 + rng.randint(0, 999):,}",
            amount2=f"{rng.randint(951, 4000) * 1000:,}", statute=rng.choice(STATUTES),
            cited=rng.choice(CITED), injury=rng.choice(INJURIES), property=rng.choice(PROPERTIES),
            state=rng.choice(STATES), city=rng.choice(CITIES), field=rng.choice(FIELDS),
            hospital=f"St. {rng.choice(('Luke', 'Mary', 'Joseph', 'Vincent'))}'s "
                     "Regional Medical Center",
            policy=f"{rng.choice('ABCHPQ')}{rng.randint(10**7, 10**8 - 1)}",
            room=rng.randint(1, 30), n=rng.randint(2, 40))

    def document(self) -> FakeDocument:
        rng = self.rng
        kind = rng.choices(self.kinds, self.weights)[0]
        titles, sentences = KINDS[kind]
        title = self._fill(rng.choice(titles))
        paragraphs = []
        for _ in range(rng.randint(3, 9)):
            count = rng.randint(2, 5)
            chosen = [rng.choice(sentences) if rng.random() < 0.7 else rng.choice(COMMON)
                      for _ in range(count)]
            paragraphs.append(" ".join(self._fill(s) for s in chosen))
        caption = (f"{rng.choice(COURTS)}\n{rng.choice(self.people)} v. {rng.choice(self.orgs)}"
                   f"\nNo. {rng.randint(15, 26)}-CV-{rng.randint(1, 99999):05d}\n")
        ext = rng.choice(("pdf", "pdf", "docx", "docx", "docx", "txt", "eml", "html"))
        file_name = "_".join(title.split()[:5]).replace(",", "") + f".{ext}"
        body = (caption if kind in ("motion", "order", "deposition") else "") + "\n".join(
            paragraphs)
        return FakeDocument(kind, CATEGORY[kind], title, file_name, body)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
