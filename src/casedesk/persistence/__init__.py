"""Persistence: data folder, engine and pragmas, units of work, migrations, backups."""
