"""Training knowledge: who may do what, prescriptions, weekly targets, progression, each block
week's setup, and contradictions caught before any solve."""
