"""The positions' rules: stances as of a date, what changed, one actor's record."""
