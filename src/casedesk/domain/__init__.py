"""Domain: tables, enums, row snapshots, change flags and typed errors. No Qt, no I/O."""
