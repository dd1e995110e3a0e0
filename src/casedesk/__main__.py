"""`python -m casedesk`."""

import sys

from casedesk.cli import main

sys.exit(main())
