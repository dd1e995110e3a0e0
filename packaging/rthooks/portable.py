"""Runtime hook of the portable build: keep the practice in a folder beside the executable.

`--data-dir` and a CASEDESK_DATA_DIR set by the user still win; this only changes the default.
"""

import os
import sys

os.environ.setdefault(
    "CASEDESK_DATA_DIR",
    os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "casedesk-data"),
)
