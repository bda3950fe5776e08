"""What the user writes and what the package ships as settings: the athlete's TOML (sections,
bounds, `extends`, messages with their line), the goal book and the block's calendar."""
