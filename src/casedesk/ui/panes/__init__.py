"""casedesk.ui.panes."""
