"""Re-planning a solved week or block after life moved sessions: keep what was done, move
what was missed or asked to move, change as few exercise slots as the rules allow."""
