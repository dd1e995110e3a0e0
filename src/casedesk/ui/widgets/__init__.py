"""casedesk.ui.widgets."""
