"""`python -m tui` does what the `career-quiz` command does."""

from tui.cli import run

run()
