"""The training log: what happened to each planned session, in one SQLite file."""
