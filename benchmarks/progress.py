"""Progress messages go to stderr, so stdout holds only the report."""

from __future__ import annotations

import sys


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
