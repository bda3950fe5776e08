"""Medians and ratios of solve times in which None means "not reached within the limit"."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

INF = math.inf


def median_time(values: Sequence[float | None]) -> float | None:
    """Median, counting None (never reached) as infinite; None if the median is infinite."""
    if not values:
        return None
    m = statistics.median([INF if v is None else v for v in values])
    return None if m == INF else m


def time_ratio(a: float | None, b: float | None, limit: float) -> tuple[float, bool]:
    """a / b with an unproven run counted at the time limit; True if that censoring happened."""
    censored = a is None or b is None
    return (a if a is not None else limit) / max(1e-9, b if b is not None else limit), censored
