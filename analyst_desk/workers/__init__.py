"""The only code that moves work between threads."""
