"""What an exercise's name says that no open database records: its movement family, which
calf muscle it biases, which core function it trains, and some tags and equipment.

Every value found here is a guess from a word in the name; the importer records the word in
the row's `source` column so that a coach can review it. Patterns are matched on the name in
lower case with hyphens as spaces ("Step-Up" reads "step up"), first match wins, so the more
specific pattern of two comes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Rule = tuple[str, str]  # (regular expression, value)

# Movement families, most specific first. Upper-body and curl families depend on the
# primary muscle and are resolved in family_of.
FAMILY_STEMS: Sequence[Rule] = (
    (r"\b(clean|snatch|jerk)\b", "olympic_lift"),
    (r"\b(hop|hops)\b", "hop"),
    (r"\bbound\b", "bound"),
    (r"\b(skip|skipping)\b", "skip"),
    (r"\b(sprint|shuffle|butt kick|carioca|start technique|acceleration|claw|quick step)\b",
     "sprint_drill"),
    (r"\b(jump|jumps|leap)\b", "jump"),
    (r"\b(throw|slam|chest pass|chest push|return push)\b", "throw"),
    (r"side (plank|bridge)", "side_plank"),
    (r"\bplank\b", "plank"),
    (r"rollout|ab roller|fallout|body saw|\bwheel\b", "rollout"),
    (r"\bpallof\b", "pallof"),
    (r"\bchop\b|cable lift", "chop"),
    (r"\brenegade\b", "renegade_row"),
    (r"\bbird dog\b", "bird_dog"),
    (r"\bdead bug\b", "dead_bug"),
    (r"\btwists?\b|landmine 180|figure 8|torso rotation", "rotation"),
    (r"side bend", "side_bend"),
    (r"\bwindmill\b", "windmill"),
    (r"\b(carry|farmer|yoke)\b", "carry"),
    (r"good morning|deadlift|stiff leg|\brdl\b|pull through|\bswings?\b|rack pull", "hinge"),
    (r"hip thrust|\bbridge\b|butt lift|hip lift", "bridge"),
    (r"hyperextension|back extension|superman", "back_extension"),
    (r"\bcrunch|\bsit ?ups?\b|jackknife|\bv ups?\b|toe touch|heel touch|butt ups|cocoon"
     r"|bottoms up", "crunch"),
    (r"leg raise|knee raise|hip raise|pull in|\btucks?\b|\bpike\b|flutter|scissor", "leg_raise"),
    (r"split squat|split jump", "split_squat"),
    (r"\blunges?\b", "lunge"),
    (r"\bstep ?ups?\b", "step_up"),
    (r"pistol|(single|one) leg(ged)? (barbell |high box )?squat", "single_leg_squat"),
    (r"calf (raise|press)|calf raises", "calf_raise"),
    (r"leg press|hack squat", "leg_press"),
    (r"\bsquats?\b", "squat"),
    (r"leg curl|hamstring curl|glute ham|nordic|hamstring slide", "hamstring_curl"),
    (r"leg extension", "leg_extension"),
    (r"\babduct|monster walk|band walk", "hip_abduction"),
    (r"\badduct", "hip_adduction"),
    (r"upright row", "upright_row"),
    (r"\bshrugs?\b", "shrug"),
    (r"pullover", "pullover"),
    (r"face pull|rear delt|reverse fly|reverse flye|pull apart|back fly|rear lateral", "rear_delt"),
    (r"\brows?\b", "row"),
    (r"pull ?ups?|chin|pulldown|muscle up|rope climb", "vertical_pull"),
    (r"\bdips?\b", "dip"),
    (r"push ?ups?", "push_up"),
    (r"military|shoulder press|overhead press|push press|arnold|bradford|para press"
     r"|seesaw press|see saw press|kettlebell press|(seated|standing)[a-z ]* press",
     "overhead_press"),
    (r"bench press|chest press|floor press|incline[a-z ]* press|decline[a-z ]* press|jm press"
     r"|neck press|smith press", "bench_press"),
    (r"\bfly|\bflye|crossover|butterfly|iron cross", "chest_fly"),
    (r"external rotation|internal rotation", "rotator_cuff"),
    (r"wrist|finger curl|plate pinch|hand squeeze", "forearm"),
    (r"kickback", "kickback"),
    (r"triceps?|skull ?crusher|pushdown|tate press", "triceps_extension"),
    (r"\bcurls?\b", "curl"),
    (r"\braise\b|scaption", "shoulder_raise"),
)  # fmt: skip

# Which calf muscle a calf exercise biases: a bent knee slackens the gastrocnemius.
CALF_BIAS: Sequence[Rule] = (
    (r"\bsoleus\b", "soleus"),
    (r"\bgastrocnemius\b", "gastrocnemius"),
    (r"\bseated\b|bent knee", "soleus"),
    (r"\bstanding\b|straight knee", "gastrocnemius"),
)
# A calf that helps as a secondary muscle: bent-knee movements lean on the soleus.
BENT_KNEE_MOVEMENT = r"\b(squats?|lunges?|step ?ups?|split|seated|sit)\b"

# The core function an exercise trains. Rotational and side-bending work counts for the
# function whose muscles it trains, as the bundled catalog counts a rotational throw.
CORE_FUNCTIONS: Sequence[Rule] = (
    (r"side (plank|bridge)|suitcase|farmer|\bcarry\b|copenhagen|side bend|\boblique|windmill",
     "anti_lateral_flexion"),
    (r"\bpallof\b|bird dog|\bchop\b|cable lift|renegade|\btwists?\b|landmine 180|figure 8"
     r"|torso rotation|cross body crunch|elbow to knee", "anti_rotation"),
    (r"\bplank\b|dead bug|\bhollow\b|rollout|ab roller|fallout|body saw|\bwheel\b",
     "anti_extension"),
)  # fmt: skip

HIP_FLEXOR_WORK = (
    r"leg raise|knee raise|hip flexion|hip flexor|mountain climber|high knee|\btuck|\bv ups?\b"
    r"|\bsit ?ups?\b|pull in|jackknife|flutter|scissor|\bskip"
)
REAR_DELT_WORK = r"rear delt|reverse fly|reverse flye|face pull|pull apart|back fly|rear lateral"
CARRY = r"\b(carry|farmer|yoke|walk|drag)\b"
# Names of lifts done for speed: with a load they can be explosive (power).
EXPLOSIVE = r"\b(clean|snatch|jerk|swings?|throw|slam|jump|push press|speed|thruster)\b"

# Tags read from the name (others come from the category, muscles and force).
TAG_WORDS: Sequence[Rule] = (
    (r"\b(one|single) (arm|leg|legged)\b|\bone legged\b|\balternat|\bsplit\b|\blunges?\b"
     r"|\bstep ?ups?\b|\bpistol\b|bulgarian|suitcase|kickback", "unilateral"),
    (r"\b(one|single) leg(ged)?\b|\bpistol\b|\blunges?\b|\bstep ?ups?\b|split squat|balance"
     r"|bosu", "balance"),
    (r"\blateral\b|\bside\b|skater|carioca|cossack|\babduct|\badduct|copenhagen|\bgroin\b",
     "lateral"),
    (r"overhead|military|shoulder press|push press|\bjerk\b|\bsnatch\b|handstand"
     r"|behind (the )?neck|arnold", "overhead"),
    (r"\bankle\b|\btibialis\b|peroneal", "ankle"),
)  # fmt: skip

# Equipment read from the name: supports any lift may need (a bench, a box, a bar to hang
# from), and kit named only when the source says "body only", "other" or "machine".
SUPPORT_WORDS: Sequence[Rule] = (
    (r"pull ?ups?|chin ups?|\bchins?\b|muscle up|hanging|rope climb", "pullup_bar"),
    (r"\bbox\b|depth jump", "box"),
    (r"\bstep ?ups?\b", "step"),
    (r"\bbench\b|incline|decline|preacher", "bench"),
)
KIT_WORDS: Sequence[Rule] = (
    (r"\bsled\b|prowler", "weight_sled"),
    (r"\bcones?\b|hurdle", "cones"),
    (r"farmer", "dumbbell"),
    (r"suspended|straps|\brings?\b", "suspension_trainer"),
    (r"ab roller|\bwheel\b", "ab_wheel"),
    (r"\bplates?\b", "weight_plate"),
    (r"\bbands?\b", "band"),
    (r"hyperextension|back extension", "back_extension_bench"),
)
# With a barbell these lifts start from a rack.
RACK_LIFTS = r"\bsquats?\b|\blunges?\b|good morning|bench press|military|shoulder press|jerk"


def normalized(name: str) -> str:
    """The name in lower case, hyphens and slashes as spaces, runs of spaces as one."""
    text = re.sub(r"[-/_(),']", " ", name.lower())
    return " ".join(text.split())


def first(rules: Sequence[Rule], text: str) -> tuple[str, str] | None:
    """(value, matched words) of the first rule whose pattern occurs in `text`."""
    for pattern, value in rules:
        found = re.search(pattern, text)
        if found:
            return value, found.group(0)
    return None


def every(rules: Sequence[Rule], text: str) -> list[tuple[str, str]]:
    """(value, matched words) of every rule whose pattern occurs in `text`."""
    found = ((value, re.search(pattern, text)) for pattern, value in rules)
    return [(value, match.group(0)) for value, match in found if match]


def found(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(0) if match else None


def family_of(text: str, primary: str, calf_bias: str | None) -> tuple[str, str | None]:
    """(family, the words it came from); without a known stem, the name less its implements
    and modifiers (None: no stem word)."""
    stem = first(FAMILY_STEMS, text)
    if stem is None:
        return _name_stem(text), None
    family, words = stem
    if family == "calf_raise" and calf_bias is not None:
        family = "bent_knee_calf_raise" if calf_bias == "soleus" else "standing_calf_raise"
    elif family == "curl":
        family = f"{muscle_word(primary)}_curl"
    elif family == "kickback":
        family = "triceps_extension" if primary == "triceps" else "glute_kickback"
    return family, words


_MODIFIERS = (
    "barbell|dumbbell|dumbbells|kettlebell|kettlebells|cable|band|bands|with|machine|smith"
    "|seated|standing|lying|incline|decline|one|two|arm|single|alternating|alternate|close"
    "|wide|grip|medium|narrow|stance|reverse|on|the|a|an|and|of|to|from|ez|bar|bench|weighted"
)


def _name_stem(text: str) -> str:
    words = [w for w in text.split() if not re.fullmatch(_MODIFIERS, w) and w.isalnum()]
    return "_".join(words) or "_".join(w for w in text.split() if w.isalnum()) or "exercise"


def muscle_word(muscle: str) -> str:
    """A source muscle as one word of a family name: "hamstrings" -> "hamstring"."""
    special = {"middle back": "upper_back", "lower back": "lower_back", "quadriceps": "quad",
               "calves": "calf", "biceps": "biceps", "triceps": "triceps"}  # fmt: skip
    return special.get(muscle, muscle.rstrip("s"))
