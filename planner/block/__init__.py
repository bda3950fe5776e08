"""A solved block checked independently (no OR-Tools), and why no block exists."""
