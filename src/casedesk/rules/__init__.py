"""casedesk.rules."""
