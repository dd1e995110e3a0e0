"""The sample practice behind `casedesk demo`: a deterministic generator of realistic data."""

from casedesk.services.demo.files import DemoFiles
from casedesk.services.demo.generator import (
    GENERATORS,
    MAX_CASES,
    DemoSummary,
    build_world,
    check_options,
    generate,
    holds_practice,
)

__all__ = ["GENERATORS", "MAX_CASES", "DemoFiles", "DemoSummary", "build_world", "check_options",
           "generate", "holds_practice"]
