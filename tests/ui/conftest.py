"""Fixtures shared by the UI tests."""

from tests.ui.window_fixtures import app_and_ids  # noqa: F401  (a real main window)
