"""The block as one CP-SAT model: its rules, grown a week at a time, searched, and its conflicts."""
