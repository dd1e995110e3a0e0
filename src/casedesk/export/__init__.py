"""casedesk.export."""
