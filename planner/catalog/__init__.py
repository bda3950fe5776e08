"""The exercise catalog: its CSV read and validated into Exercises, and what each can deliver."""
