"""The block rows of ../shared/COACHING.md as checks over a block's JSON (`planner block
--format json`), independent of planner's own code: what a coach reads week by week.

Each check returns the failures it found, in words; an empty list is a pass. `read_weeks`
gives the per-week figures the closing notes quote (carry-over, contacts, minutes).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Block = dict[str, Any]
Week = dict[str, Any]

CARRY_LEAST = 0.6  # of each build week's exercises kept into the next of its phase
CONTACTS_MOST = 200  # jump contacts a week (Balsalobre-Fernandez 2016)
CONTACTS_START = 80  # a week's contacts may always reach this
CONTACTS_STEP = 40  # and otherwise grow by at most this much on the week before's
INTENSE_JUMP_LOAD = 5  # a jump this hard needs a lighter one in the two weeks before
LEGS = ("lower", "calf", "plyometric")
LEG_FREE_DAYS = 2  # nothing for the legs in the last days before the race
LEARNING_WEEKS = 4  # build weeks after which a beginner's lifts are learned
DELOAD_SETS_MOST = 2 / 3  # of the week before's sets: about half, odd sets rounded up
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*% 1RM")
_RPE = re.compile(r"RPE (\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?")


def exercises(week: Week) -> list[dict[str, Any]]:
    return [e for day in week["days"] for e in day["exercises"]]


def ids(week: Week) -> set[str]:
    return {e["id"] for e in exercises(week)}


def minutes(week: Week) -> int:
    return sum(day["minutes"] for day in week["days"])


def contacts(week: Week) -> int:
    """Ground contacts of the week's jumps: reps (both legs for single-leg work), or a
    contact every two meters of skipping and bounding."""
    total = 0
    for e in exercises(week):
        if e["category"] != "plyometric":
            continue
        per_set = e["reps"] // 2 if e["unit"] == "meters" else e["reps"]
        total += e["sets"] * per_set * (2 if e["per_side"] else 1)
    return total


def _building(week: Week) -> bool:
    return week["kind"] == "build" and bool(week["days"])


def _build_pairs(block: Block) -> Iterator[tuple[Week, Week]]:
    """Each build week with the build week before it in the same phase (deloads between
    them skipped: a deload repeats the week before)."""
    previous: Week | None = None
    for week in block["weeks"]:
        if not _building(week):
            continue
        if previous is not None and previous["phase"] == week["phase"]:
            yield previous, week
        previous = week


def carried(before: Week, after: Week) -> float:
    """The share of the smaller of two weeks' exercise sets that the other also holds."""
    a, b = ids(before), ids(after)
    return len(a & b) / max(1, max(len(a), len(b)))


def consistency(block: Block) -> list[str]:
    failures = []
    streak = 0  # build-to-build changes in a row that brought new exercises
    for before, after in _build_pairs(block):
        share = carried(before, after)
        if share < CARRY_LEAST:
            failures.append(f"week {after['week']}: {share:.0%} of week {before['week']} kept")
        streak = streak + 1 if ids(after) - ids(before) else 0
        if streak >= 2:
            failures.append(f"week {after['week']}: new exercises two weeks running")
    return failures


def jumps_build_up(block: Block) -> list[str]:
    failures = []
    weeks = [w for w in block["weeks"] if w["days"]]
    last = 0
    for n, week in enumerate(weeks):
        now = contacts(week)
        if now > CONTACTS_MOST:
            failures.append(f"week {week['week']}: {now} contacts")
        if week["kind"] == "build" and now > max(last + CONTACTS_STEP, CONTACTS_START):
            failures.append(f"week {week['week']}: contacts {last} -> {now}")
        last = now
        lighter = [
            e["load"]
            for w in weeks[max(0, n - 2) : n]
            for e in exercises(w)
            if e["category"] == "plyometric"
        ]
        for e in exercises(week):
            hard = e["category"] == "plyometric" and e["load"] >= INTENSE_JUMP_LOAD
            if hard and not any(load < e["load"] for load in lighter):
                failures.append(f"week {week['week']}: {e['id']} with no lighter jump before")
    return failures


def _number(pattern: re.Pattern[str], text: str) -> float | None:
    """The number the pattern names, a range read at its top ("RPE 7.5-8.5" is 8.5)."""
    found = pattern.search(text)
    return float(found.group(2) or found.group(1)) if found else None


def _fell(before: str, after: str) -> bool:
    """The effort fell back more than a step: 0.5 RPE, or 2.5 % of 1RM where no RPE is
    given; a range read at its top. Effort, not the percentage, is what carries: a new phase
    may trade 87.5 % x 4 for 82.5 % x 5 at the same RPE (its own dose), which is no reset."""
    r0, r1 = _number(_RPE, before), _number(_RPE, after)
    if r0 is not None and r1 is not None:
        return r0 - r1 > 0.5
    p0, p1 = _number(_PERCENT, before), _number(_PERCENT, after)
    return p0 is not None and p1 is not None and p0 - p1 > 2.5


def progression_carries(block: Block) -> list[str]:
    """A lift kept from one build week into the next (across a phase change too) does not
    fall back more than a step in effort or sets; "learn the movement" is gone after four
    weeks."""
    failures = []
    builds = [w for w in block["weeks"] if _building(w)]
    for before, after in itertools.pairwise(builds):
        old = {e["id"]: e for e in exercises(before)}
        for e in exercises(after):
            was = old.get(e["id"])
            if was is None or was["role"] != e["role"]:
                continue
            if _fell(was["intensity"], e["intensity"]) or was["sets"] - e["sets"] > 1:
                failures.append(
                    f"week {after['week']}: {e['id']} {was['sets']}x {was['intensity']}"
                    f" -> {e['sets']}x {e['intensity']}"
                )
        learning = any("learn the movement" in e["intensity"] for e in exercises(after))
        if learning and builds.index(after) >= LEARNING_WEEKS:
            failures.append(f"week {after['week']}: still 'learn the movement'")
    return failures


def taper_does_less(block: Block) -> list[str]:
    failures: list[str] = []
    builds = [w for w in block["weeks"] if _building(w)]
    tapers = [w for w in block["weeks"] if w["taper"] and w["days"]]
    if not builds or not block["weeks"][-1]["taper"]:
        return failures
    fewest = min(len(ids(w)) for w in builds)
    shortest = min(minutes(w) for w in builds)
    for week in tapers:
        if len(ids(week)) > fewest:
            failures.append(f"week {week['week']}: {len(ids(week))} exercises > {fewest}")
        if minutes(week) > shortest:
            failures.append(f"week {week['week']}: {minutes(week)} min > {shortest}")
        before = [b for b in builds if b["week"] < week["week"]]
        if before and contacts(week) > contacts(before[-1]):
            failures.append(
                f"week {week['week']}: {contacts(week)} contacts > {contacts(before[-1])}"
            )
    race_week = block["weeks"][-1]
    sessions = max(len(w["days"]) for w in builds)
    if len(race_week["days"]) > math.ceil(sessions / 2):
        failures.append(f"race week: {len(race_week['days'])} sessions, builds {sessions}")
    longest = max(day["minutes"] for w in builds for day in w["days"])
    for day in race_week["days"]:
        if day["minutes"] > math.ceil(longest / 2):
            failures.append(f"race week {day['day']}: {day['minutes']} min of {longest}")
    race = date.fromisoformat(block["race"]) if block.get("race") else None
    for week in tapers:
        for day in week["days"]:
            when = date.fromisoformat(day["date"])
            if race and when >= race - timedelta(days=LEG_FREE_DAYS):
                legs = [e["id"] for e in day["exercises"] if e["category"] in LEGS]
                if legs:
                    failures.append(f"{when}: legs {legs} in the last {LEG_FREE_DAYS} days")
    last_build = {e["id"]: e["intensity"] for e in exercises(builds[-1])}
    for week in tapers:
        for e in exercises(week):
            if (
                e["role"] == "strength"
                and last_build.get(e["id"], e["intensity"]) != e["intensity"]
            ):
                failures.append(f"week {week['week']}: {e['id']} intensity changed")
    return failures


def deloads(block: Block) -> list[str]:
    failures = []
    weeks = block["weeks"]
    for before, week in itertools.pairwise(weeks):
        if week["kind"] != "deload":
            continue
        if ids(week) != ids(before):
            failures.append(f"week {week['week']}: not the week before's exercises")
        sets0 = sum(e["sets"] for e in exercises(before))
        sets1 = sum(e["sets"] for e in exercises(week))
        if sets1 > DELOAD_SETS_MOST * sets0:
            failures.append(f"week {week['week']}: {sets1} sets of {sets0}")
    return failures


CHECKS: dict[str, Callable[[Block], list[str]]] = {
    "consistency": consistency,
    "jumps build up": jumps_build_up,
    "progression carries": progression_carries,
    "taper does less": taper_does_less,
    "deloads": deloads,
}


@dataclass(frozen=True)
class WeekLine:
    week: int
    kind: str
    phase: str
    sessions: int
    exercises: int
    minutes: int
    carried: float | None  # share kept from the week before (any kind)
    contacts: int
    jumps: str


def read_weeks(block: Block) -> list[WeekLine]:
    lines = []
    previous: Week | None = None
    for week in block["weeks"]:
        jumps = ", ".join(
            f"{e['id']} {e['sets']}x{e['reps']}"
            for e in exercises(week)
            if e["category"] == "plyometric"
        )
        share = None if previous is None else carried(previous, week)
        lines.append(
            WeekLine(
                week["week"], week["kind"], week["phase"], len(week["days"]), len(ids(week)),
                minutes(week), share, contacts(week), jumps,
            )
        )  # fmt: skip
        previous = week
    return lines
