"""casedesk.resources."""
