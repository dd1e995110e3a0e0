"""Where the demo practice works: cities, their courts, IANA court time zones, docket formats.

Docket templates are `str.format` patterns over: yyyy, yy, office (a federal division),
n4..n7 (random serials) and a_number (an immigration "A-number" body).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FEDERAL_DOCKETS = {"civil": "{office}:{yy}-cv-{n5:05d}", "criminal": "{office}:{yy}-cr-{n5:05d}"}
BANKRUPTCY_DOCKETS = {"bankruptcy": "{yy}-{n5:05d}"}
IMMIGRATION_DOCKETS = {"immigration": "A{a_number}"}


@dataclass(frozen=True, slots=True)
class Court:
    """One court: its name as cases show it, its IANA time zone and docket number patterns."""

    name: str
    time_zone: str
    dockets: dict[str, str]
    offices: tuple[int, ...] = (1,)


def federal(short: str, time_zone: str, *offices: int) -> Court:
    """A U.S. District Court."""
    return Court(f"U.S. District Court, {short}", time_zone, FEDERAL_DOCKETS, offices or (1,))


def bankruptcy(short: str, time_zone: str) -> Court:
    """A U.S. Bankruptcy Court."""
    return Court(f"U.S. Bankruptcy Court, {short}", time_zone, BANKRUPTCY_DOCKETS)


def immigration(city: str, time_zone: str) -> Court:
    """An immigration court of the Executive Office for Immigration Review."""
    return Court(f"{city} Immigration Court", time_zone, IMMIGRATION_DOCKETS)


@dataclass(frozen=True, slots=True)
class Region:
    """A city a practice can sit in, with the courts its cases usually go to."""

    city: str
    state: str
    time_zone: str
    area_codes: tuple[str, ...]
    zip3: str
    prosecution: str  # how criminal captions name the state: People, State, Commonwealth
    prosecutor: str  # the local prosecutor's office
    district: Court
    bankruptcy: Court
    immigration: Court
    state_courts: dict[str, Court] = field(default_factory=dict)  # civil/family/probate/criminal
    bar_digits: int = 6


def _state(name: str, time_zone: str, **dockets: str) -> Court:
    return Court(name, time_zone, dockets)


def _region(city: str, state: str, tz: str, codes: tuple[str, ...], zip3: str, prosecution: str,
            prosecutor: str, district: Court, bankr: Court, imm: Court, courts: dict[str, Court],
            bar_digits: int) -> Region:
    return Region(city, state, tz, codes, zip3, prosecution, prosecutor, district, bankr, imm,
                  courts, bar_digits)


STATE_NAMES: dict[str, str] = {
    "NY": "New York", "IL": "Illinois", "CA": "California", "CO": "Colorado", "AZ": "Arizona",
    "TX": "Texas", "WA": "Washington", "MA": "Massachusetts", "PA": "Pennsylvania",
    "FL": "Florida", "GA": "Georgia", "MI": "Michigan", "MN": "Minnesota", "OR": "Oregon",
}

NY, CHI, LA, DEN, PHX = ("America/New_York", "America/Chicago", "America/Los_Angeles",
                         "America/Denver", "America/Phoenix")

REGIONS: tuple[Region, ...] = (
    _region("New York", "NY", NY, ("212", "646", "718"), "100", "People",
            "New York County District Attorney's Office", federal("S.D.N.Y.", NY, 1, 7),
            bankruptcy("S.D.N.Y.", NY), immigration("New York Broadway", NY), {
                "civil": _state("Supreme Court of the State of New York, New York County", NY,
                                civil="{n6:06d}/{yyyy}"),
                "family": _state("Family Court of the State of New York, Kings County", NY,
                                 family="V-{n5:05d}-{yy}"),
                "probate": _state("Surrogate's Court of the State of New York, New York County",
                                  NY, probate="{yyyy}-{n4:04d}"),
                "criminal": _state("Supreme Court of the State of New York, New York County",
                                   NY, criminal="IND-{n5:05d}-{yy}"),
            }, 7),
    _region("Chicago", "IL", CHI, ("312", "773"), "606", "People",
            "Cook County State's Attorney's Office", federal("N.D. Ill.", CHI, 1),
            bankruptcy("N.D. Ill.", CHI), immigration("Chicago", CHI), {
                "civil": _state("Circuit Court of Cook County, Illinois", CHI,
                                civil="{yyyy}-L-{n6:06d}"),
                "family": _state("Circuit Court of Cook County, Illinois", CHI,
                                 family="{yyyy}-D-{n6:06d}"),
                "probate": _state("Circuit Court of Cook County, Illinois", CHI,
                                  probate="{yyyy}-P-{n6:06d}"),
                "criminal": _state("Circuit Court of Cook County, Illinois", CHI,
                                   criminal="{yy}-CR-{n7:07d}"),
            }, 7),
    _region("San Francisco", "CA", LA, ("415", "628"), "941", "People",
            "San Francisco District Attorney's Office", federal("N.D. Cal.", LA, 3, 4, 5),
            bankruptcy("N.D. Cal.", LA), immigration("San Francisco", LA), {
                "civil": _state("Superior Court of California, County of San Francisco", LA,
                                civil="CGC-{yy}-{n6:06d}"),
                "family": _state("Superior Court of California, County of San Francisco", LA,
                                 family="FDI-{yy}-{n6:06d}"),
                "probate": _state("Superior Court of California, County of San Francisco", LA,
                                  probate="PES-{yy}-{n6:06d}"),
                "criminal": _state("Superior Court of California, County of San Francisco", LA,
                                   criminal="CRI-{yy}-{n6:06d}"),
            }, 6),
    _region("Los Angeles", "CA", LA, ("213", "310", "818"), "900", "People",
            "Los Angeles County District Attorney's Office", federal("C.D. Cal.", LA, 2, 5, 8),
            bankruptcy("C.D. Cal.", LA), immigration("Los Angeles", LA), {
                "civil": _state("Superior Court of California, County of Los Angeles", LA,
                                civil="{yy}STCV{n5:05d}"),
                "family": _state("Superior Court of California, County of Los Angeles", LA,
                                 family="{yy}STFL{n5:05d}"),
                "probate": _state("Superior Court of California, County of Los Angeles", LA,
                                  probate="{yy}STPB{n5:05d}"),
                "criminal": _state("Superior Court of California, County of Los Angeles", LA,
                                   criminal="BA{n6:06d}"),
            }, 6),
    _region("Denver", "CO", DEN, ("303", "720"), "802", "People",
            "Denver District Attorney's Office", federal("D. Colo.", DEN, 1),
            bankruptcy("D. Colo.", DEN), immigration("Denver", DEN), {
                "civil": _state("District Court, City and County of Denver, Colorado", DEN,
                                civil="{yyyy}CV3{n4:04d}"),
                "family": _state("District Court, City and County of Denver, Colorado", DEN,
                                 family="{yyyy}DR3{n4:04d}"),
                "probate": _state("Probate Court, City and County of Denver, Colorado", DEN,
                                  probate="{yyyy}PR3{n4:04d}"),
                "criminal": _state("District Court, City and County of Denver, Colorado", DEN,
                                   criminal="{yyyy}CR{n5:05d}"),
            }, 5),
    _region("Phoenix", "AZ", PHX, ("602", "480"), "850", "State",
            "Maricopa County Attorney's Office", federal("D. Ariz.", PHX, 2, 4),
            bankruptcy("D. Ariz.", PHX), immigration("Phoenix", PHX), {
                "civil": _state("Superior Court of Arizona, Maricopa County", PHX,
                                civil="CV{yyyy}-{n6:06d}"),
                "family": _state("Superior Court of Arizona, Maricopa County", PHX,
                                 family="FC{yyyy}-{n6:06d}"),
                "probate": _state("Superior Court of Arizona, Maricopa County", PHX,
                                  probate="PB{yyyy}-{n6:06d}"),
                "criminal": _state("Superior Court of Arizona, Maricopa County", PHX,
                                   criminal="CR{yyyy}-{n6:06d}"),
            }, 6),
    _region("Houston", "TX", CHI, ("713", "832"), "770", "State",
            "Harris County District Attorney's Office", federal("S.D. Tex.", CHI, 4),
            bankruptcy("S.D. Tex.", CHI), immigration("Houston", CHI), {
                "civil": _state("District Court of Harris County, Texas", CHI,
                                civil="{yyyy}-{n5:05d}"),
                "family": _state("District Court of Harris County, Texas (Family)", CHI,
                                 family="{yyyy}-{n5:05d}"),
                "probate": _state("Probate Court No. 2, Harris County, Texas", CHI,
                                  probate="{n6:06d}"),
                "criminal": _state("Criminal District Court, Harris County, Texas", CHI,
                                   criminal="{n7:07d}"),
            }, 8),
    _region("Seattle", "WA", LA, ("206", "425"), "981", "State",
            "King County Prosecuting Attorney's Office", federal("W.D. Wash.", LA, 2),
            bankruptcy("W.D. Wash.", LA), immigration("Seattle", LA), {
                "civil": _state("King County Superior Court", LA, civil="{yy}-2-{n5:05d}-1 SEA"),
                "family": _state("King County Superior Court", LA,
                                 family="{yy}-3-{n5:05d}-1 SEA"),
                "probate": _state("King County Superior Court", LA,
                                  probate="{yy}-4-{n5:05d}-1 SEA"),
                "criminal": _state("King County Superior Court", LA,
                                   criminal="{yy}-1-{n5:05d}-1 SEA"),
            }, 5),
    _region("Boston", "MA", NY, ("617", "857"), "021", "Commonwealth",
            "Suffolk County District Attorney's Office", federal("D. Mass.", NY, 1),
            bankruptcy("D. Mass.", NY), immigration("Boston", NY), {
                "civil": _state("Massachusetts Superior Court, Suffolk County", NY,
                                civil="{yy}84CV{n5:05d}"),
                "family": _state("Suffolk Probate and Family Court", NY,
                                 family="SU{yy}D{n4:04d}DR"),
                "probate": _state("Suffolk Probate and Family Court", NY,
                                  probate="SU{yy}P{n4:04d}EA"),
                "criminal": _state("Massachusetts Superior Court, Suffolk County", NY,
                                   criminal="{yy}84CR{n5:05d}"),
            }, 6),
    _region("Philadelphia", "PA", NY, ("215", "267"), "191", "Commonwealth",
            "Philadelphia District Attorney's Office", federal("E.D. Pa.", NY, 2),
            bankruptcy("E.D. Pa.", NY), immigration("Philadelphia", NY), {
                "civil": _state("Court of Common Pleas of Philadelphia County", NY,
                                civil="{yy}{n7:07d}"),
                "family": _state("Court of Common Pleas of Philadelphia County, Family Division",
                                 NY, family="D{yy}{n5:05d}"),
                "probate": _state("Court of Common Pleas of Philadelphia County, Orphans' Court",
                                  NY, probate="{n4:04d} DE of {yyyy}"),
                "criminal": _state("Court of Common Pleas of Philadelphia County", NY,
                                   criminal="CP-51-CR-{n7:07d}-{yyyy}"),
            }, 6),
    _region("Miami", "FL", NY, ("305", "786"), "331", "State",
            "Miami-Dade State Attorney's Office", federal("S.D. Fla.", NY, 1),
            bankruptcy("S.D. Fla.", NY), immigration("Miami", NY), {
                "civil": _state("Circuit Court of the 11th Judicial Circuit, Miami-Dade County",
                                NY, civil="{yyyy}-{n6:06d}-CA-01"),
                "family": _state("Circuit Court of the 11th Judicial Circuit, Miami-Dade County",
                                 NY, family="{yyyy}-{n6:06d}-FC-04"),
                "probate": _state("Circuit Court of the 11th Judicial Circuit, Miami-Dade County",
                                  NY, probate="{yyyy}-{n6:06d}-CP-02"),
                "criminal": _state("Circuit Court of the 11th Judicial Circuit, Miami-Dade County",
                                   NY, criminal="F{yy}-{n6:06d}"),
            }, 7),
    _region("Atlanta", "GA", NY, ("404", "678"), "303", "State",
            "Fulton County District Attorney's Office", federal("N.D. Ga.", NY, 1),
            bankruptcy("N.D. Ga.", NY), immigration("Atlanta", NY), {
                "civil": _state("Superior Court of Fulton County, Georgia", NY,
                                civil="{yyyy}CV{n6:06d}"),
                "family": _state("Superior Court of Fulton County, Georgia (Family Division)",
                                 NY, family="{yyyy}DR{n6:06d}"),
                "probate": _state("Probate Court of Fulton County, Georgia", NY,
                                  probate="{yyyy}-ES-{n4:04d}"),
                "criminal": _state("Superior Court of Fulton County, Georgia", NY,
                                   criminal="{yy}SC{n6:06d}"),
            }, 6),
    _region("Detroit", "MI", "America/Detroit", ("313",), "482", "People",
            "Wayne County Prosecutor's Office", federal("E.D. Mich.", "America/Detroit", 2),
            bankruptcy("E.D. Mich.", "America/Detroit"),
            immigration("Detroit", "America/Detroit"), {
                "civil": _state("Third Judicial Circuit Court, Wayne County, Michigan",
                                "America/Detroit", civil="{yy}-{n6:06d}-CB"),
                "family": _state("Third Judicial Circuit Court, Wayne County, Michigan",
                                 "America/Detroit", family="{yy}-{n6:06d}-DM"),
                "probate": _state("Wayne County Probate Court", "America/Detroit",
                                  probate="{yyyy}-{n6:06d}-DE"),
                "criminal": _state("Third Judicial Circuit Court, Wayne County, Michigan",
                                   "America/Detroit", criminal="{yy}-{n6:06d}-01-FH"),
            }, 5),
    _region("Minneapolis", "MN", CHI, ("612",), "554", "State",
            "Hennepin County Attorney's Office", federal("D. Minn.", CHI, 0),
            bankruptcy("D. Minn.", CHI), immigration("Fort Snelling", CHI), {
                "civil": _state("Hennepin County District Court", CHI,
                                civil="27-CV-{yy}-{n5:05d}"),
                "family": _state("Hennepin County District Court", CHI,
                                 family="27-FA-{yy}-{n4:04d}"),
                "probate": _state("Hennepin County District Court", CHI,
                                  probate="27-PA-PR-{yy}-{n4:04d}"),
                "criminal": _state("Hennepin County District Court", CHI,
                                   criminal="27-CR-{yy}-{n5:05d}"),
            }, 7),
    _region("Portland", "OR", LA, ("503", "971"), "972", "State",
            "Multnomah County District Attorney's Office", federal("D. Or.", LA, 3),
            bankruptcy("D. Or.", LA), immigration("Portland", LA), {
                "civil": _state("Multnomah County Circuit Court", LA, civil="{yy}CV{n5:05d}"),
                "family": _state("Multnomah County Circuit Court", LA, family="{yy}DR{n5:05d}"),
                "probate": _state("Multnomah County Circuit Court", LA, probate="{yy}PB{n5:05d}"),
                "criminal": _state("Multnomah County Circuit Court", LA,
                                   criminal="{yy}CR{n5:05d}"),
            }, 6),
)

# Federal courts further afield: out-of-state litigation, patent dockets, transferred cases.
DISTANT_FEDERAL: tuple[Court, ...] = (
    federal("E.D.N.Y.", NY, 1, 2), federal("D. Del.", NY, 1), federal("E.D. Tex.", CHI, 2, 4),
    federal("W.D. Tex.", CHI, 1, 6), federal("N.D. Tex.", CHI, 3), federal("D.N.J.", NY, 2, 3),
    federal("E.D. Va.", NY, 1), federal("D.D.C.", NY, 1), federal("D. Nev.", LA, 2),
    federal("D. Utah", DEN, 2), federal("D. Idaho", "America/Boise", 1),
    federal("S.D. Ind.", "America/Indiana/Indianapolis", 1),
    federal("D. Haw.", "Pacific/Honolulu", 1),
    federal("D. Alaska", "America/Anchorage", 3), federal("D. Mont.", DEN, 9),
)
