"""Importers: other exercise databases turned into planner's catalog CSV.

Each importer reads its source once, validates it at the boundary (errors name the entry),
maps every entry to a catalog row and says what it skipped and why. The rows are checked by
the catalog's own validation before anything is written.
"""
