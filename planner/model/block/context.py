"""The block model's shared parts: a week of it (WeekPart) and what the block rules add
their constraints to (BlockContext), with the expressions several rules read: a week's
volume, its distinct exercises, its session minutes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.catalog.catalog import Exercise
from planner.config.block import BlockWeek
from planner.config.config import Config
from planner.model.objective import Term
from planner.model.rules import track_seconds
from planner.model.variables import Variables
from planner.rule_kinds import Rule
from planner.training.prescription import Dosed, contacts, prescribe
from planner.training.week_setup import WeekSetup


@dataclass
class WeekPart:
    """One week of the block model: its setup, variables (None when it holds no training)
    and objective terms."""

    setup: WeekSetup
    variables: Variables | None
    terms: list[Term] = field(default_factory=list)

    @property
    def config(self) -> Config:
        return self.setup.config

    @property
    def week(self) -> BlockWeek:
        return self.setup.week


@dataclass
class BlockContext:
    model: cp_model.CpModel
    weeks: list[WeekPart]
    config: Config
    total: int  # weeks in the whole block (the model may hold only the first ones)
    guards: dict[str, cp_model.IntVar] | None = None  # rule key -> enforcement literal
    rule: Rule | None = None
    _volumes: dict[int, cp_model.LinearExprT] = field(default_factory=dict)
    _ids: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    _minutes: dict[int, cp_model.LinearExprT] = field(default_factory=dict)
    _day_minutes: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    _contacts: dict[int, cp_model.LinearExprT] = field(default_factory=dict)

    def add(self, constraint: cp_model.Constraint) -> None:
        """Add a constraint of the current rule, behind its literal when explaining."""
        assert self.rule is not None
        if self.guards is None:
            return
        key = self.rule.key
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var(f"enforce[{key}]")
        constraint.only_enforce_if(self.guards[key])

    def volume(self, index: int) -> cp_model.LinearExprT:
        """The week's load as prescribed: catalog load times sets, summed."""
        return self._prescribed_sum(self._volumes, index, lambda e, d: e.load * d.sets)

    def ids(self, index: int, e: Exercise) -> cp_model.IntVar:
        """How many of the exercise's twins the week holds: the ids a week uses are the
        first min(uses, twins) of them (Variables.extract)."""
        key = (index, e.id)
        if key not in self._ids:
            v = self.weeks[index].variables
            assert v is not None
            twins = v.copies(e)
            held = self.model.new_int_var(0, twins, f"w{index + 1}.ids[{e.id}]")
            if twins == 1:
                self.model.add_max_equality(held, [v.does[d, e.id] for d in v.days])
            else:
                self.model.add_min_equality(held, [v.uses(e), twins])
            self._ids[key] = held
        return self._ids[key]

    def distinct(self, index: int) -> cp_model.LinearExprT:
        """The week's distinct exercises."""
        v = self.weeks[index].variables
        assert v is not None
        return cp_model.LinearExpr.sum([self.ids(index, e) for e in v.exercises])

    def minutes(self, index: int) -> cp_model.LinearExprT:
        """The week's minutes as the plan prints them: per session the longer of its two
        tracks (planner/training/prescription.py session_tracks), in whole minutes rounded up."""
        if index not in self._minutes:
            part = self.weeks[index]
            v = part.variables
            assert v is not None
            main, paired = track_seconds(v.exercises, part.config)
            most = max(sum(main.values()), sum(paired.values()))
            total = []
            for day in v.days:
                longer = self.model.new_int_var(0, most, f"w{index + 1}.s[{day}]")
                tracks = [v.weighted(day, main), v.weighted(day, paired)]
                self.model.add_max_equality(longer, tracks)
                whole = self.model.new_int_var(0, most // 60 + 1, f"w{index + 1}.min[{day}]")
                self.model.add(60 * whole >= longer)
                self.model.add(60 * whole <= longer + 59)
                total.append(whole)
                self._day_minutes[index, day] = whole
            self._minutes[index] = cp_model.LinearExpr.sum(total)
        return self._minutes[index]

    def day_minutes(self, index: int) -> list[cp_model.IntVar]:
        """The week's session minutes, one per day (0 on a day without a session)."""
        self.minutes(index)
        v = self.weeks[index].variables
        assert v is not None
        return [self._day_minutes[index, day] for day in v.days]

    def contacts(self, index: int) -> cp_model.LinearExprT:
        """The week's jump contacts as prescribed."""
        return self._prescribed_sum(self._contacts, index, contacts)

    def _prescribed_sum(
        self,
        built: dict[int, cp_model.LinearExprT],
        index: int,
        amount: Callable[[Exercise, Dosed], int],
    ) -> cp_model.LinearExprT:
        """The week's total of an amount of each exercise as the week prescribes it, built
        once per week into `built` (0 for a week without sessions)."""
        if index not in built:
            part = self.weeks[index]
            v = part.variables
            if v is None:
                built[index] = cp_model.LinearExpr.constant(0)
            else:
                profile = part.config.profile
                each = {e.id: amount(e, prescribe(e, profile)) for e in v.exercises}
                built[index] = v.week(each)
        return built[index]

    def building_before(self, index: int) -> WeekPart | None:
        """The last building week before week `index` (a deload between them skipped)."""
        return next((p for p in reversed(self.weeks[:index]) if building(p)), None)


def trains(part: WeekPart) -> bool:
    return part.variables is not None


def building(part: WeekPart) -> bool:
    return trains(part) and not part.week.deload and not part.week.taper


def done_in(ctx: BlockContext, v: Variables, e: Exercise) -> cp_model.IntVar:
    """A literal true when the week holds the exercise at all."""
    done = ctx.model.new_bool_var(f"done[{e.id}]")
    ctx.model.add_max_equality(done, [v.does[d, e.id] for d in v.days])
    return done


BlockRule = Callable[[BlockContext, int], None]

# Every block rule by name (the block rulebook's); they link week i in its order.
BLOCK_ADDERS: dict[str, BlockRule] = {}


def block_rule(add: BlockRule) -> BlockRule:
    """Register a block rule under its name, which is the block rulebook's."""
    BLOCK_ADDERS[add.__name__] = add
    return add
