"""Name material for the demo practice: people, organizations, law firms and streets.

All of it is invented; e-mail addresses use the reserved example.com/.net/.org domains and
phone numbers the fictional 555-01xx range.
"""

from __future__ import annotations

FEMALE_FIRST: tuple[str, ...] = (
    "Abigail", "Adriana", "Aisha", "Alexandra", "Alison", "Amanda", "Amy", "Ana", "Andrea",
    "Angela", "Ann", "Ashley", "Barbara", "Beatriz", "Brenda", "Brianna", "Camila", "Carmen",
    "Carol", "Caroline", "Catherine", "Chloe", "Christina", "Claire", "Cynthia", "Dana",
    "Danielle", "Deborah", "Denise", "Diana", "Donna", "Elena", "Elizabeth", "Emily", "Emma",
    "Erin", "Fatima", "Gabriela", "Grace", "Hannah", "Heather", "Helen", "Isabel", "Jacqueline",
    "Janet", "Jasmine", "Jennifer", "Jessica", "Joanne", "Julia", "Karen", "Katherine",
    "Kimberly", "Laura", "Lauren", "Leah", "Linda", "Lisa", "Lucia", "Maria", "Marisol",
    "Megan", "Melissa", "Mei", "Michelle", "Monica", "Nadia", "Nancy", "Natalie", "Nicole",
    "Olivia", "Pamela", "Patricia", "Priya", "Rachel", "Rebecca", "Rosa", "Ruth", "Samantha",
    "Sandra", "Sarah", "Sharon", "Sofia", "Sophia", "Stephanie", "Susan", "Tamika", "Teresa",
    "Tiffany", "Valerie", "Vanessa", "Veronica", "Victoria", "Wendy", "Ximena", "Yolanda",
    "Yuki", "Zoe",
)

MALE_FIRST: tuple[str, ...] = (
    "Aaron", "Adam", "Ahmed", "Alan", "Alejandro", "Andrew", "Anthony", "Arjun", "Benjamin",
    "Brandon", "Brian", "Bruce", "Carl", "Carlos", "Charles", "Christopher", "Daniel", "David",
    "Dennis", "Derek", "Diego", "Donald", "Douglas", "Edward", "Eric", "Ethan", "Francisco",
    "Frank", "Gary", "George", "Gregory", "Harold", "Henry", "Hiroshi", "Ian", "Isaac", "Jack",
    "Jacob", "James", "Jamal", "Jason", "Javier", "Jeffrey", "Jeremy", "Jerome", "John",
    "Jonathan", "Jorge", "Jose", "Joseph", "Joshua", "Juan", "Justin", "Keith", "Kenneth",
    "Kevin", "Kwame", "Larry", "Luis", "Marcus", "Mark", "Matthew", "Michael", "Miguel",
    "Mohammed", "Nathan", "Nicholas", "Omar", "Patrick", "Paul", "Peter", "Philip", "Rafael",
    "Raj", "Ramon", "Raymond", "Ricardo", "Richard", "Robert", "Roger", "Ronald", "Ryan",
    "Samuel", "Scott", "Sean", "Stephen", "Steven", "Terrence", "Thomas", "Timothy", "Tyler",
    "Victor", "Vikram", "Walter", "Wei", "William", "Xavier", "Yusuf", "Zachary",
)

LAST_NAMES: tuple[str, ...] = (
    "Abbott", "Acosta", "Adams", "Adeyemi", "Aguilar", "Ahmed", "Alexander", "Ali", "Allen",
    "Alvarez", "Anderson", "Andrews", "Armstrong", "Arnold", "Bailey", "Baker", "Banerjee",
    "Barnes", "Bauer", "Becker", "Bell", "Bennett", "Bishop", "Black", "Blake", "Bradley",
    "Brennan", "Brooks", "Brown", "Bryant", "Burke", "Burns", "Butler", "Byrne", "Caldwell",
    "Campbell", "Carlson", "Carpenter", "Carroll", "Carter", "Castillo", "Castro", "Chan",
    "Chang", "Chavez", "Chen", "Cho", "Choi", "Clark", "Cohen", "Cole", "Coleman", "Collins",
    "Contreras", "Cook", "Cooper", "Cortez", "Crawford", "Cruz", "Cunningham", "Daniels",
    "Davidson", "Davis", "Delgado", "Diaz", "Dixon", "Dominguez", "Douglas", "Doyle", "Duncan",
    "Dunn", "Edwards", "Elliott", "Ellis", "Espinoza", "Evans", "Farrell", "Ferguson",
    "Fernandez", "Fischer", "Fitzgerald", "Fleming", "Flores", "Foster", "Fox", "Franklin",
    "Freeman", "Fuller", "Garcia", "Gardner", "Gibson", "Gilbert", "Goldberg", "Gomez",
    "Gonzalez", "Goodman", "Gordon", "Graham", "Grant", "Gray", "Green", "Greene", "Griffin",
    "Gupta", "Gutierrez", "Hall", "Hamilton", "Hansen", "Harper", "Harris", "Hart", "Hayes",
    "Henderson", "Henry", "Hernandez", "Herrera", "Hill", "Hoffman", "Holland", "Holmes",
    "Howard", "Hughes", "Hunt", "Hunter", "Ibrahim", "Jackson", "Jacobs", "James", "Jenkins",
    "Jensen", "Jimenez", "Johnson", "Jones", "Jordan", "Joshi", "Kang", "Kaplan", "Kaur",
    "Keller", "Kelly", "Kennedy", "Khan", "Kim", "King", "Klein", "Knight", "Koch", "Kowalski",
    "Kumar", "Lambert", "Lane", "Larson", "Lawrence", "Lee", "Lewis", "Li", "Lin", "Liu",
    "Long", "Lopez", "Lynch", "MacDonald", "Mahoney", "Marshall", "Martin", "Martinez",
    "Mason", "Matthews", "Medina", "Mehta", "Mendez", "Mendoza", "Meyer", "Miller", "Mills",
    "Mitchell", "Molina", "Montgomery", "Moore", "Morales", "Moreno", "Morgan", "Morris",
    "Murphy", "Murray", "Myers", "Nakamura", "Nelson", "Nguyen", "Nichols", "Novak", "Nunez",
    "O'Brien", "O'Connor", "Okafor", "Olson", "Ortiz", "Owens", "Palmer", "Park", "Parker",
    "Patel", "Patterson", "Payne", "Pearson", "Perez", "Perry", "Peters", "Peterson", "Pham",
    "Phillips", "Pierce", "Porter", "Powell", "Price", "Quinn", "Ramirez", "Ramos", "Rao",
    "Reed", "Reid", "Reyes", "Reynolds", "Rice", "Richardson", "Rivera", "Roberts",
    "Robinson", "Rodriguez", "Rogers", "Romero", "Rose", "Ross", "Russell", "Ryan", "Saito",
    "Salazar", "Sanchez", "Sanders", "Santos", "Schmidt", "Schneider", "Schultz", "Scott",
    "Shah", "Shapiro", "Shaw", "Silva", "Simmons", "Simpson", "Singh", "Smith", "Snyder",
    "Soto", "Spencer", "Stewart", "Stone", "Sullivan", "Sutherland", "Tanaka", "Taylor",
    "Thomas", "Thompson", "Torres", "Tran", "Tucker", "Turner", "Vargas", "Vasquez", "Vega",
    "Wagner", "Walker", "Wallace", "Walsh", "Wang", "Ward", "Warren", "Washington", "Watson",
    "Weber", "Weiss", "Wells", "West", "White", "Williams", "Wilson", "Wong", "Wood", "Wright",
    "Wu", "Yamamoto", "Yang", "Young", "Zhang", "Zimmerman",
)

# Spelling variants people really mix up; used to plant near-duplicate contacts.
FIRST_NAME_VARIANTS: dict[str, str] = {
    "John": "Jon", "Jon": "John", "Catherine": "Katherine", "Katherine": "Catherine",
    "Steven": "Stephen", "Stephen": "Steven", "Sarah": "Sara", "Philip": "Phillip",
    "Ann": "Anne", "Brian": "Bryan", "Jeffrey": "Geoffrey", "Eric": "Erik", "Teresa": "Theresa",
    "Carl": "Karl", "Mark": "Marc", "Alison": "Allison", "Rebecca": "Rebekah",
    "Nicholas": "Nicolas", "Isabel": "Isabelle", "Deborah": "Debra", "Jacqueline": "Jaqueline",
    "Michael": "Micheal", "Sofia": "Sophia", "Sophia": "Sofia", "Francisco": "Fransisco",
    "Christina": "Kristina", "Megan": "Meghan", "Lauren": "Loren", "Jasmine": "Jazmin",
}
LAST_NAME_VARIANTS: dict[str, str] = {
    "Smith": "Smyth", "Thompson": "Thomson", "Peterson": "Petersen", "Meyer": "Meier",
    "Reid": "Reed", "Reed": "Reid", "Gray": "Grey", "Schmidt": "Schmitt", "Hansen": "Hanson",
    "Olson": "Olsen", "Fischer": "Fisher", "MacDonald": "McDonald", "Carlson": "Karlson",
    "Jensen": "Jenson", "Johnson": "Jonson", "Anderson": "Andersen", "Phillips": "Philips",
    "Matthews": "Mathews", "Nichols": "Nicholls", "Green": "Greene", "Greene": "Green",
    "Lynch": "Linch", "Kowalski": "Kowalsky", "Gonzalez": "Gonzales", "Rodriguez": "Rodrigues",
}
NICKNAMES: dict[str, str] = {
    "Robert": "Bob", "William": "Bill", "Richard": "Rick", "Elizabeth": "Liz",
    "Katherine": "Kate", "Margaret": "Peggy", "James": "Jim", "Joseph": "Joe",
    "Michael": "Mike", "Patricia": "Patty", "Jennifer": "Jen", "Thomas": "Tom",
    "Anthony": "Tony", "Christopher": "Chris", "Samantha": "Sam", "Alexandra": "Alex",
    "Daniel": "Dan", "Rebecca": "Becky", "Victoria": "Vicky", "Nicholas": "Nick",
}

ORG_PREFIXES: tuple[str, ...] = (
    "Acme", "Allied", "Apex", "Arrowhead", "Aspen", "Atlas", "Bayview", "Beacon", "Bluebird",
    "Blue Heron", "Bluestone", "Brightleaf", "Brookside", "Canyon", "Cardinal", "Cascade",
    "Cedar Point", "Centennial", "Clearwater", "Coastal", "Copper Creek", "Cornerstone",
    "Crescent", "Crestline", "Cypress", "Eagle Rock", "Elmwood", "Evergreen", "Fairview",
    "Falcon", "Foxglove", "Frontier", "Gateway", "Glacier", "Golden Oak", "Granite",
    "Greenfield", "Harborview", "Harvest", "Hawthorne", "Heritage", "Highland", "Horizon",
    "Ironwood", "Juniper", "Keystone", "Lakeshore", "Landmark", "Laurel", "Liberty",
    "Lighthouse", "Magnolia", "Maple Leaf", "Meridian", "Mesa", "Midland", "Millbrook",
    "Monarch", "Northgate", "Northstar", "Oakmont", "Orchard", "Pacific Crest", "Paragon",
    "Pinecrest", "Pinnacle", "Pioneer", "Prairie", "Quarry", "Redwood", "Ridgeline",
    "Riverbend", "Rockport", "Sagebrush", "Sandstone", "Sawtooth", "Seaside", "Sequoia",
    "Shoreline", "Silver Lake", "Skyline", "Southfork", "Sterling", "Stonebridge", "Summit",
    "Sunrise", "Tallgrass", "Timberline", "Trailhead", "Tri-County", "Twin Rivers", "Union",
    "Valley View", "Vanguard", "Westbrook", "Westfield", "Whitewater", "Wildflower", "Willow",
)

# (industry words, the company forms such a business tends to use)
ORG_INDUSTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Logistics", (", Inc.", " LLC", ", LLC")), ("Freight Lines", (", Inc.", " Co.")),
    ("Construction", (", Inc.", " LLC", " Co.")), ("Builders", (" LLC", ", Inc.")),
    ("Property Management", (", LLC", " LLC")), ("Realty", (" LLC", ", Inc.")),
    ("Medical Group", (", P.C.", " LLP")), ("Dental Associates", (", P.C.", " PLLC")),
    ("Software", (", Inc.", " Corp.")), ("Technologies", (", Inc.", " LLC", " Corp.")),
    ("Foods", (", Inc.", " LLC")), ("Bakery", (" LLC", "")), ("Restaurant Group", (", LLC",)),
    ("Auto Sales", (", Inc.", " LLC")), ("Trucking", (", Inc.", " LLC")),
    ("Staffing", (" LLC", ", Inc.")), ("Manufacturing", (" Co.", ", Inc.", " Corp.")),
    ("Plastics", (", Inc.", " Corp.")), ("Steel Fabricators", (", Inc.",)),
    ("Energy", (" LLC", ", Inc.")), ("Solar", (" LLC", ", Inc.")),
    ("Capital Partners", (", L.P.", " LLC")), ("Holdings", (" LLC", ", Inc.")),
    ("Hospitality", (" Group, LLC", " LLC")), ("Fitness", (" LLC", ", Inc.")),
    ("Pharmacy", (", Inc.", " LLC")), ("Home Health", (" Services, LLC", ", Inc.")),
    ("Landscaping", (" LLC", ", Inc.")), ("Roofing", (" LLC", " Co.")),
    ("Plumbing & Heating", (", Inc.", " Co.")), ("Electric", (" Co.", ", Inc.")),
    ("Consulting", (" Group LLC", ", Inc.")), ("Marketing", (" LLC", ", Inc.")),
    ("Media", (" LLC", ", Inc.")), ("Brewing Company", ("",)), ("Coffee Roasters", (" LLC",)),
    ("Apparel", (", Inc.", " LLC")), ("Furniture", (" Co.", ", Inc.")),
    ("Imports", (", Inc.", " LLC")), ("Distributors", (", Inc.",)), ("Supply", (" Co.", " LLC")),
    ("Environmental Services", (", Inc.", " LLC")), ("Security Services", (", Inc.", " LLC")),
    ("Veterinary Clinic", (", P.C.", "")), ("Senior Living", (" LLC", ", Inc.")),
    ("Storage", (" LLC", ", Inc.")), ("Printing", (" Co.", ", Inc.")),
    ("Engineering", (", P.C.", ", Inc.")), ("Architects", (" PLLC", ", P.C.")),
)

# d/b/a names a business also trades under (an alias for the conflict search).
DBA_WORDS: tuple[str, ...] = ("Market", "Express", "Outlet", "Studio", "Direct", "Works")

INSURER_FORMS: tuple[str, ...] = (
    "Mutual Insurance Company", "Casualty Insurance Co.", "Indemnity Company",
    "Fire & Casualty Company", "Insurance Group, Inc.",
)
BANK_FORMS: tuple[str, ...] = ("Bank, N.A.", "Federal Credit Union", "Savings Bank",
                               "Community Bank")
HOSPITAL_FORMS: tuple[str, ...] = ("Regional Medical Center", "General Hospital",
                                   "Orthopedic Associates", "Urgent Care", "Physical Therapy")
SAINTS: tuple[str, ...] = ("Luke's", "Mary's", "Joseph's", "Vincent's", "Francis", "Anne's")

EXPERT_FIELDS: tuple[tuple[str, str, str], ...] = (
    # (field, firm words, credential)
    ("accident reconstruction", "Forensic Engineering", "P.E."),
    ("orthopedic surgery", "Orthopedic Consultants", "M.D."),
    ("neurology", "Neurology Associates", "M.D."),
    ("economic damages", "Economics", "Ph.D."),
    ("forensic accounting", "Forensic Accounting", "CPA"),
    ("vocational rehabilitation", "Vocational Services", "CRC"),
    ("construction defects", "Building Consultants", "P.E."),
    ("software and source code", "Technical Consulting", "Ph.D."),
    ("trademark surveys", "Survey Research", "Ph.D."),
    ("real estate appraisal", "Appraisal Group", "MAI"),
    ("life care planning", "Life Care Planning", "R.N."),
    ("digital forensics", "Digital Forensics", "CCE"),
)

STREETS: tuple[str, ...] = (
    "Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Elm Street", "Park Avenue",
    "Washington Boulevard", "Lake Shore Drive", "Hillcrest Road", "Sunset Boulevard",
    "Pine Street", "Broadway", "Market Street", "Church Street", "Highland Avenue",
    "Ridge Road", "River Road", "Franklin Street", "Lincoln Avenue", "Jefferson Street",
    "Madison Avenue", "Willow Court", "Spring Street", "Mill Road", "Center Street",
    "College Avenue", "Grand Avenue", "Union Street", "Chestnut Street", "Walnut Street",
)
SUITES: tuple[str, ...] = ("", "", "", ", Suite 200", ", Suite 410", ", Apt. 3B", ", Unit 12",
                           ", Floor 9", ", Suite 1500")

EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org")
