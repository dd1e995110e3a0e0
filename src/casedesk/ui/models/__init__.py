"""Qt item models over snapshot rows (never ORM objects)."""
