"""The team's index.html: the week of every athlete at a glance (athlete x day, load in each
cell, key runs marked), everyone's status, the summary table, and a link to each report.

One self-contained page like the athlete's (CSS inline, nothing fetched), rendered with
autoescaping, so ids, names and the roster's notes columns are escaped wherever they show.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import quote

from planner.report.html import template
from planner.report.week import WeekGlance
from planner.vocabulary import DAYS

_RUN_TAGS = {"long run": "LR", "hard run": "HR"}


@dataclass(frozen=True)
class Member:
    """One athlete's line of the team page."""

    athlete: str  # the roster id ('' when the row had none)
    name: str
    group: str
    status: str
    plan: str  # new, unchanged, stale (from DATE), none
    has_plan: bool
    reason: str = ""  # why there is no plan, in a line
    week: WeekGlance | None = None  # the week in the athlete's files (a stale one too)
    report: str = ""  # the file to open: the HTML report, else the handout, else the JSON
    conflicts: str = ""  # the conflict file, when no plan exists
    notes: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    line: int = 0
    planned: str = ""  # the date of the plan shown
    phases: tuple[tuple[int, str, str], ...] = ()  # a block's (week, phase, kind) of each week
    shown: int = 0  # the block's week in the grid (0: a week plan)
    starts: str = ""  # a block not begun yet: its first day; the grid shows its week 1

    @property
    def phase(self) -> str:
        """The phase of the week shown ('' for a week plan)."""
        return next((p for n, p, _ in self.phases if n == self.shown), "")

    @property
    def session_days(self) -> str:
        """The days with a session, for the page's day filter: 'mon wed fri'."""
        return " ".join(d.day for d in self.week.days if d.has_session) if self.week else ""

    @property
    def href(self) -> str:
        return quote(self.report)

    @property
    def conflicts_href(self) -> str:
        return quote(self.conflicts)


def team_index(
    title: str,
    members: Sequence[Member],
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    counts: dict[str, int],
) -> str:
    """The page; `header` and `rows` are the summary table as summary.csv has it."""
    in_gym = Counter(
        d.day for m in members if m.week is not None for d in m.week.days if d.has_session
    )
    top = max(
        [1, *(m.week.max_session or 0 for m in members if m.week is not None)]
        + [d.load or 0 for m in members if m.week is not None for d in m.week.days]
    )
    return template("team.html.j2").render(
        title=title,
        members=members,
        days=DAYS,
        in_gym=[in_gym[d] for d in DAYS],
        shade=lambda load: f"{0.08 + 0.6 * (load or 0) / top:.2f}",
        run_tags=_RUN_TAGS,
        header=header,
        rows=[["" if v is None else v for v in row] for row in rows],
        # Columns of long text wrap; the others (ids, numbers, statuses) stay on one line.
        wrap=[any(len(str(row[i] or "")) > 16 for row in rows) for i in range(len(header))],
        counts=counts,
        groups=sorted({m.group for m in members}),
        group_label=_group_labels({m.group for m in members}).get,
        phases=sorted({m.phase for m in members if m.week is not None}),
        planned=sum(1 for m in members if m.has_plan),
        stale=sum(1 for m in members if not m.has_plan and m.week is not None),
    )


def _group_labels(groups: set[str]) -> dict[str, str]:
    """How a group shows in the grid: a group config by its file name without folder or
    .toml ('roster/base.toml' is base), unless two share that name; the full one is its
    tooltip."""
    short = {g: PurePath(g).stem if g.endswith(".toml") else g for g in groups}
    taken = Counter(short.values())
    return {g: s if taken[s] == 1 else g for g, s in short.items()}
