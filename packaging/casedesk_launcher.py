"""Entry script of the frozen app: PyInstaller runs it as `__main__`, outside the package."""

import sys

from casedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
