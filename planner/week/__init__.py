"""A solved week checked independently (no OR-Tools), explained and advised on."""
