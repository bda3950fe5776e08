"""One free-exercise-db entry as one catalog row: what it is (category, family, equipment)
and what it trains (coverage), each by a documented rule (README, "Importing").

A value read from the exercise's name is a guess (planner/importers/name_rules.py); it is
noted in the row's `source` column with the words it came from, for a coach to review.
What the row costs and delivers (dose, load, tags, stimuli) is in free_exercise_db_dose.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.importers import name_rules as names
from planner.importers.free_exercise_db_dose import dose, load, minutes, stimuli, tags
from planner.importers.free_exercise_db_entries import SourceExercise
from planner.vocabulary import LOADING_EQUIPMENT, MUSCLES, STIMULI

LEG_MUSCLES = ("quadriceps", "hamstrings", "glutes", "adductors", "abductors", "calves")
TRUNK_MUSCLES = ("abdominals", "lower back")
# Source muscles with one catalog column each; calves and abdominals are split by the name,
# and the neck has no column.
MUSCLE_COLUMNS = {
    "quadriceps": "quads", "glutes": "glutes", "hamstrings": "hamstrings",
    "adductors": "adductors", "abductors": "abductors", "lower back": "erectors",
    "lats": "lats", "middle back": "upper_back", "traps": "upper_back", "chest": "chest",
    "shoulders": "shoulders", "biceps": "arms", "triceps": "arms", "forearms": "arms",
}  # fmt: skip
EQUIPMENT = {
    "barbell": "barbell", "e-z curl bar": "barbell", "dumbbell": "dumbbell",
    "kettlebells": "kettlebell", "cable": "cable", "bands": "band",
    "medicine ball": "medicine_ball", "exercise ball": "exercise_ball",
    "foam roll": "foam_roller", "machine": "machine", "other": "other",
}  # fmt: skip
# Source equipment that says nothing about the kit: the name may tell.
UNSPECIFIC = (None, "body only", "other", "machine")
# Implements whose resistance can be made heavy: planner's, plus a plain machine and a sled.
LOADABLE = frozenset((*LOADING_EQUIPMENT, "machine", "weight_sled"))
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}


@dataclass
class Row:
    """A catalog row being built, and the guesses behind it (column -> value and why)."""

    source_id: str
    cells: dict[str, str] = field(default_factory=dict)
    guesses: dict[str, str] = field(default_factory=dict)

    def guess(self, column: str, why: str) -> None:
        self.guesses.setdefault(column, why)

    def source(self, dropped: frozenset[str] = frozenset()) -> str:
        """`free-exercise-db/ID; column value (why); ...`, without guesses in `dropped`
        columns (an override replaced them)."""
        notes = [f"{c} {why}" for c, why in self.guesses.items() if c.split()[0] not in dropped]
        return "; ".join([f"free-exercise-db/{self.source_id}", *notes])


def skip_reason(s: SourceExercise) -> str | None:
    """Why an entry is not imported, or None."""
    if s.category == "cardio":
        return "cardio (running, cycling and rowing machines are the runner's own training)"
    if not s.primary or s.primary[0] == "neck":
        return "neck (the catalog has no neck column)"
    return None


def map_entry(s: SourceExercise) -> Row:
    """The catalog row of one entry that skip_reason keeps."""
    row = Row(s.id)
    text = names.normalized(s.name)
    calf_bias = names.first(names.CALF_BIAS, text)
    family, stem = names.family_of(text, s.primary[0], calf_bias[0] if calf_bias else None)
    category = _category(s, text, family, stem, row)
    if category == "mobility":
        family = f"{names.muscle_word(s.primary[0])}_mobility"
    else:
        why = f"{stem!r}" if stem else "the name: no known movement word"
        row.guess("family", f"{family} ({why})")
    kit = _equipment(s, text, category, row)
    coverage = Coverage(s, text, category, row).points(calf_bias)
    tagged = tags(s, text, category, family, kit, row.guess)
    unit, sets, reps = dose(s, text, category, kit, row.guess)
    loaded = bool(kit & LOADABLE)
    delivers = stimuli(s, text, category, unit, kit, loaded, tagged, row.guess)
    row.cells = {
        "name": s.name,
        "category": category,
        "family": family,
        "equipment": ";".join(sorted(kit)),
        "level": LEVELS[s.level],
        "load": str(load(s, category, kit)),
        "minutes": str(minutes(category, kit, tagged)),
        "tags": ";".join(sorted(tagged)),
        "sets": str(sets),
        "reps": str(reps),
        "unit": unit,
        **{m: str(coverage.get(m, 0)) for m in MUSCLES},
        "stimuli": ";".join(x for x in STIMULI if x in delivers),
        "loaded": "yes" if loaded else "no",
    }
    return row


def _category(s: SourceExercise, text: str, family: str, stem: str | None, row: Row) -> str:
    """stretching -> mobility; plyometrics -> plyometric when a leg muscle leads (else by the
    primary muscle: a chest pass is upper-body work); else by the primary muscle. A core
    function in the name makes it core; a hinge (deadlift, good morning) makes lower-back
    work lower-body work."""
    primary = s.primary[0]
    if s.category == "stretching":
        return "mobility"
    if s.category == "plyometrics" and primary in LEG_MUSCLES:
        return "plyometric"
    function = names.first(names.CORE_FUNCTIONS, text)
    if function and "abdominals" in s.secondary:
        row.guess("category", f"core ({function[1]!r})")
        return "core"
    if primary == "lower back" and family == "hinge":
        row.guess("category", f"lower ({stem!r})")
        return "lower"
    if primary == "calves":
        return "calf"
    if primary in TRUNK_MUSCLES:
        return "core"
    return "lower" if primary in LEG_MUSCLES else "upper"


def _equipment(s: SourceExercise, text: str, category: str, row: Row) -> set[str]:
    """The source's equipment in planner's names, a machine made specific by the name, and
    what the name adds (a bench, a box, a rack for barbell squats and presses)."""
    kit = {EQUIPMENT[s.equipment]} if s.equipment in EQUIPMENT else set()
    if "machine" in kit and (specific := _machine(text, category)):
        kit = {specific}
        row.guess(f"equipment {specific}", "(a machine of this name)")
    plain = text.split(" with no ")[0]  # a hyperextension "with no bench" needs none
    words = names.every(names.SUPPORT_WORDS, plain)
    if s.equipment in UNSPECIFIC and plain == text:
        words += names.every(names.KIT_WORDS, plain)
    if "barbell" in kit and (rack := names.found(names.RACK_LIFTS, plain)):
        words.append(("rack", rack))
    for item, word in words:
        if item not in kit:
            kit.add(item)
            row.guess(f"equipment {item}", f"({word!r})")
    if "other" in kit and len(kit) > 1:
        kit.discard("other")  # the name said what the "other" kit is
    return kit


def _machine(text: str, category: str) -> str | None:
    if category == "calf":
        return "seated_calf_machine" if "seated" in text else "calf_machine"
    return "lat_pulldown" if "pulldown" in text else None


def _region(muscle: str) -> str:
    return "legs" if muscle in LEG_MUSCLES else "trunk" if muscle in TRUNK_MUSCLES else "upper"


class Coverage:
    """Coverage 0-3 per catalog column: primary muscles 3, secondary 2 in a compound lift of
    the same body region (legs, trunk, upper body) else 1; every muscle 1 in a stretch.
    Calves, abdominals, hip flexors and rear delts by the name."""

    def __init__(self, s: SourceExercise, text: str, category: str, row: Row) -> None:
        self.s, self.text, self.category, self.row = s, text, category, row
        self.coverage: dict[str, int] = {}

    def add(self, column: str, points: int) -> None:
        self.coverage[column] = max(self.coverage.get(column, 0), points)

    def points(self, calf_bias: tuple[str, str] | None) -> dict[str, int]:
        s = self.s
        for muscle in (*s.primary, *s.secondary):
            primary = muscle in s.primary
            if self.category == "mobility":
                points = 1
            elif primary:
                points = 3
            else:
                same_region = _region(muscle) == _region(s.primary[0])
                points = 2 if s.compound and same_region else 1
            if muscle == "calves":
                self._calves(primary, points, calf_bias)
            elif muscle == "abdominals":
                self._abdominals(primary, points)
            elif muscle in MUSCLE_COLUMNS:
                self.add(MUSCLE_COLUMNS[muscle], points)
        self._hip_flexors_and_rear_delts()
        return self.coverage

    def _calves(self, primary: bool, points: int, bias: tuple[str, str] | None) -> None:
        """A calf exercise biases the muscle its name says, 1 point on the other (both 2 when
        it says nothing; a stretch only the muscle it names); a calf that helps gets 1
        point, on the soleus in bent-knee movements (squats, lunges, step-ups), else on the
        gastrocnemius."""
        if primary and bias is None:
            both = min(points, 2)
            self.add("gastrocnemius", both)
            self.add("soleus", both)
            self.row.guess("gastrocnemius", f"and soleus {both} (no knee position in the name)")
        elif primary:
            assert bias is not None
            muscle, word = bias
            self.add(muscle, points)
            if points > 1:  # a stretch names the one muscle it stretches
                other = "gastrocnemius" if muscle == "soleus" else "soleus"
                self.add(other, 1)
                self.row.guess(muscle, f"{points}, {other} 1 ({word!r})")
            else:
                self.row.guess(muscle, f"{points} ({word!r})")
        else:
            found = bias[1] if bias else names.found(names.BENT_KNEE_MOVEMENT, self.text)
            muscle = bias[0] if bias else ("soleus" if found else "gastrocnemius")
            self.add(muscle, 1)
            why = repr(found) if found else "no bent knee in the name"
            self.row.guess(muscle, f"1 (calves help; {why})")

    def _abdominals(self, primary: bool, points: int) -> None:
        """The core function the name says (2 when the abdominals only help); without one,
        anti-extension (the rectus abdominis' job), one point less."""
        function = names.first(names.CORE_FUNCTIONS, self.text)
        if function is not None:
            column, word = function
            value = points if primary or self.category == "mobility" else 2
            self.add(column, value)
            self.row.guess(column, f"{value} ({word!r})")
            return
        value = max(1, points - 1)
        self.add("anti_extension", value)
        self.row.guess("anti_extension", f"{value} (abdominals; no core function in the name)")

    def _hip_flexors_and_rear_delts(self) -> None:
        word = names.found(names.HIP_FLEXOR_WORK, self.text)
        if word and "hip_flexors" not in self.coverage:
            value = 1 if self.category == "mobility" else 2
            self.add("hip_flexors", value)
            self.row.guess("hip_flexors", f"{value} ({word!r})")
        rear = names.found(names.REAR_DELT_WORK, self.text)
        if rear and self.coverage.get("shoulders"):
            self.coverage["rear_delts"] = self.coverage["shoulders"]
            self.coverage["shoulders"] = 1
            self.row.guess("rear_delts", f"{self.coverage['rear_delts']}, shoulders 1 ({rear!r})")
