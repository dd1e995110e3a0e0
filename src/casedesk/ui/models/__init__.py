"""casedesk.ui.models."""
