"""Solved plans as plain data, a week's and a block's: no solver types past this point."""
