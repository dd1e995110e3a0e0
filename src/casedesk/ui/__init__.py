"""casedesk.ui."""
