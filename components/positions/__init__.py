"""The positions view: the stance matrix, what changed, one actor's record, a position's detail."""
