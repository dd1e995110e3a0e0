"""casedesk.ui.dialogs."""
