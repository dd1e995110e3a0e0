"""casedesk: an offline-first desktop case manager for small law practices."""

__version__ = "0.1.0"
APP_NAME = "casedesk"
APP_DISPLAY_NAME = "casedesk"
APP_ID = "com.casedesk.casedesk"
ORG_NAME = "casedesk"
