"""Where the demo's court dates happen: each court's building and its judges' courtrooms.

Street addresses are the courthouses' public ones (demo data: good enough to look real, not a
directory to rely on). A court whose divisions sit in different buildings (criminal courts,
some family courts) has its division's building in the override tables.
"""

from __future__ import annotations

import zlib

COURTHOUSES: dict[str, str] = {
    "U.S. District Court, S.D.N.Y.": "500 Pearl St., New York",
    "U.S. Bankruptcy Court, S.D.N.Y.": "One Bowling Green, New York",
    "New York Broadway Immigration Court": "290 Broadway, New York",
    "Supreme Court of the State of New York, New York County": "60 Centre St., New York",
    "Family Court of the State of New York, Kings County": "330 Jay St., Brooklyn",
    "Surrogate's Court of the State of New York, New York County": "31 Chambers St., New York",
    "U.S. District Court, N.D. Ill.": "219 S. Dearborn St., Chicago",
    "U.S. Bankruptcy Court, N.D. Ill.": "219 S. Dearborn St., Chicago",
    "Chicago Immigration Court": "525 W. Van Buren St., Chicago",
    "Circuit Court of Cook County, Illinois": "50 W. Washington St., Chicago",
    "U.S. District Court, N.D. Cal.": "450 Golden Gate Ave., San Francisco",
    "U.S. Bankruptcy Court, N.D. Cal.": "450 Golden Gate Ave., San Francisco",
    "San Francisco Immigration Court": "100 Montgomery St., San Francisco",
    "Superior Court of California, County of San Francisco": "400 McAllister St., San Francisco",
    "U.S. District Court, C.D. Cal.": "350 W. 1st St., Los Angeles",
    "U.S. Bankruptcy Court, C.D. Cal.": "255 E. Temple St., Los Angeles",
    "Los Angeles Immigration Court": "606 S. Olive St., Los Angeles",
    "Superior Court of California, County of Los Angeles": "111 N. Hill St., Los Angeles",
    "U.S. District Court, D. Colo.": "901 19th St., Denver",
    "U.S. Bankruptcy Court, D. Colo.": "721 19th St., Denver",
    "Denver Immigration Court": "1961 Stout St., Denver",
    "District Court, City and County of Denver, Colorado": "1437 Bannock St., Denver",
    "Probate Court, City and County of Denver, Colorado": "1437 Bannock St., Denver",
    "U.S. District Court, D. Ariz.": "401 W. Washington St., Phoenix",
    "U.S. Bankruptcy Court, D. Ariz.": "230 N. 1st Ave., Phoenix",
    "Phoenix Immigration Court": "250 N. 7th Ave., Phoenix",
    "Superior Court of Arizona, Maricopa County": "201 W. Jefferson St., Phoenix",
    "U.S. District Court, S.D. Tex.": "515 Rusk St., Houston",
    "U.S. Bankruptcy Court, S.D. Tex.": "515 Rusk St., Houston",
    "Houston Immigration Court": "600 Jefferson St., Houston",
    "District Court of Harris County, Texas": "201 Caroline St., Houston",
    "District Court of Harris County, Texas (Family)": "201 Caroline St., Houston",
    "Probate Court No. 2, Harris County, Texas": "201 Caroline St., Houston",
    "Criminal District Court, Harris County, Texas": "1201 Franklin St., Houston",
    "U.S. District Court, W.D. Wash.": "700 Stewart St., Seattle",
    "U.S. Bankruptcy Court, W.D. Wash.": "700 Stewart St., Seattle",
    "Seattle Immigration Court": "1000 2nd Ave., Seattle",
    "King County Superior Court": "516 3rd Ave., Seattle",
    "U.S. District Court, D. Mass.": "1 Courthouse Way, Boston",
    "U.S. Bankruptcy Court, D. Mass.": "5 Post Office Sq., Boston",
    "Boston Immigration Court": "15 New Sudbury St., Boston",
    "Massachusetts Superior Court, Suffolk County": "3 Pemberton Sq., Boston",
    "Suffolk Probate and Family Court": "24 New Chardon St., Boston",
    "U.S. District Court, E.D. Pa.": "601 Market St., Philadelphia",
    "U.S. Bankruptcy Court, E.D. Pa.": "900 Market St., Philadelphia",
    "Philadelphia Immigration Court": "900 Market St., Philadelphia",
    "Court of Common Pleas of Philadelphia County":
        "City Hall, 1400 John F. Kennedy Blvd., Philadelphia",
    "Court of Common Pleas of Philadelphia County, Family Division":
        "1501 Arch St., Philadelphia",
    "Court of Common Pleas of Philadelphia County, Orphans' Court":
        "City Hall, 1400 John F. Kennedy Blvd., Philadelphia",
    "U.S. District Court, S.D. Fla.": "400 N. Miami Ave., Miami",
    "U.S. Bankruptcy Court, S.D. Fla.": "301 N. Miami Ave., Miami",
    "Miami Immigration Court": "333 S. Miami Ave., Miami",
    "Circuit Court of the 11th Judicial Circuit, Miami-Dade County": "73 W. Flagler St., Miami",
    "U.S. District Court, N.D. Ga.": "75 Ted Turner Dr. SW, Atlanta",
    "U.S. Bankruptcy Court, N.D. Ga.": "75 Ted Turner Dr. SW, Atlanta",
    "Atlanta Immigration Court": "401 W. Peachtree St. NW, Atlanta",
    "Superior Court of Fulton County, Georgia": "136 Pryor St. SW, Atlanta",
    "Superior Court of Fulton County, Georgia (Family Division)":
        "185 Central Ave. SW, Atlanta",
    "Probate Court of Fulton County, Georgia": "136 Pryor St. SW, Atlanta",
    "U.S. District Court, E.D. Mich.": "231 W. Lafayette Blvd., Detroit",
    "U.S. Bankruptcy Court, E.D. Mich.": "211 W. Fort St., Detroit",
    "Detroit Immigration Court": "477 Michigan Ave., Detroit",
    "Third Judicial Circuit Court, Wayne County, Michigan": "2 Woodward Ave., Detroit",
    "Wayne County Probate Court": "2 Woodward Ave., Detroit",
    "U.S. District Court, D. Minn.": "300 S. 4th St., Minneapolis",
    "U.S. Bankruptcy Court, D. Minn.": "300 S. 4th St., Minneapolis",
    "Fort Snelling Immigration Court": "1 Federal Dr., Fort Snelling",
    "Hennepin County District Court": "300 S. 6th St., Minneapolis",
    "U.S. District Court, D. Or.": "1000 SW 3rd Ave., Portland",
    "U.S. Bankruptcy Court, D. Or.": "1050 SW 6th Ave., Portland",
    "Portland Immigration Court": "1220 SW 3rd Ave., Portland",
    "Multnomah County Circuit Court": "1200 SW 1st Ave., Portland",
    "U.S. District Court, E.D.N.Y.": "225 Cadman Plaza E., Brooklyn",
    "U.S. District Court, D. Del.": "844 N. King St., Wilmington",
    "U.S. District Court, E.D. Tex.": "100 E. Houston St., Marshall",
    "U.S. District Court, W.D. Tex.": "501 W. 5th St., Austin",
    "U.S. District Court, N.D. Tex.": "1100 Commerce St., Dallas",
    "U.S. District Court, D.N.J.": "50 Walnut St., Newark",
    "U.S. District Court, E.D. Va.": "401 Courthouse Sq., Alexandria",
    "U.S. District Court, D.D.C.": "333 Constitution Ave. NW, Washington",
    "U.S. District Court, D. Nev.": "333 Las Vegas Blvd. S., Las Vegas",
    "U.S. District Court, D. Utah": "351 S. West Temple, Salt Lake City",
    "U.S. District Court, D. Idaho": "550 W. Fort St., Boise",
    "U.S. District Court, S.D. Ind.": "46 E. Ohio St., Indianapolis",
    "U.S. District Court, D. Haw.": "300 Ala Moana Blvd., Honolulu",
    "U.S. District Court, D. Alaska": "222 W. 7th Ave., Anchorage",
    "U.S. District Court, D. Mont.": "2601 2nd Ave. N., Billings",
}

# Divisions housed apart from the court's main building.
CRIMINAL_COURTHOUSES: dict[str, str] = {
    "Supreme Court of the State of New York, New York County": "100 Centre St., New York",
    "Circuit Court of Cook County, Illinois": "2650 S. California Ave., Chicago",
    "Superior Court of California, County of San Francisco": "850 Bryant St., San Francisco",
    "Superior Court of California, County of Los Angeles": "210 W. Temple St., Los Angeles",
    "District Court, City and County of Denver, Colorado": "520 W. Colfax Ave., Denver",
    "Superior Court of Arizona, Maricopa County": "175 W. Madison St., Phoenix",
    "Court of Common Pleas of Philadelphia County": "1301 Filbert St., Philadelphia",
    "Circuit Court of the 11th Judicial Circuit, Miami-Dade County": "1351 NW 12th St., Miami",
    "Third Judicial Circuit Court, Wayne County, Michigan": "1441 St. Antoine St., Detroit",
}
FAMILY_COURTHOUSES: dict[str, str] = {
    "Circuit Court of the 11th Judicial Circuit, Miami-Dade County": "175 NW 1st Ave., Miami",
    "Hennepin County District Court": "110 S. 4th St., Minneapolis",
}


def courthouse(court_name: str, division: str) -> str:
    """The street address of a court's building for a division (criminal, family, other)."""
    override = {"criminal": CRIMINAL_COURTHOUSES, "family": FAMILY_COURTHOUSES}.get(division, {})
    return override.get(court_name) or COURTHOUSES.get(court_name, court_name)


def courtroom(court_name: str, judge: str) -> str:
    """The judge's courtroom, named the way the court names its rooms.

    Derived from the names with crc32 (not `hash`, which changes between runs), so a judge
    keeps one courtroom across every case and every run of the demo.
    """
    n = zlib.crc32(f"{court_name}|{judge}".encode())
    if "Superior Court of California" in court_name:
        return f"Department {n % 90 + 1}"
    if "Supreme Court of the State of New York" in court_name:
        return f"Part {n % 60 + 1}"
    if "Immigration Court" in court_name:
        return f"Courtroom {n % 16 + 1}"
    if court_name.startswith("U.S. "):
        return f"Courtroom {(n >> 4) % 24 + 2}{'ABCD'[n % 4]}"
    return f"Courtroom {(n >> 4) % 18 + 2}{(n % 40) + 1:02d}"
