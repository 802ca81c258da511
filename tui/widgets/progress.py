"""The progress line: questions answered, how many could still come, and whether the result is settled.

The one place that words progress: the first frame (before the brain has loaded: nothing answered, every
question still to come, counted from questions.toml) and every turn after it are drawn by `ProgressLine.show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from typing import Protocol

    class Counts(Protocol):
        """What the line shows; `rules.models.Progress` has it (not imported here: it needs the brain's models)."""

        @property
        def answered(self) -> int: ...

        @property
        def remaining_max(self) -> int: ...

        @property
        def stable(self) -> bool: ...


BAR_CELLS = 10
LOADING = "Loading my sources…"
UNAVAILABLE = "Not available"


class Unanswered:
    """The progress at the start, before the brain has loaded: nothing answered, `remaining_max` to come.

    A plain class: the first frame waits for this module, and a dataclass takes longer to make."""

    __slots__ = ("remaining_max",)
    answered = 0
    stable = False

    def __init__(self, remaining_max: int) -> None:
        self.remaining_max = remaining_max


def progress_content(progress: Counts) -> Content:
    """'▰▰▱▱▱▱▱▱▱▱  2 answered · at most 7 more to go' (or settled, or no questions left)."""
    done, left = progress.answered, progress.remaining_max
    planned = max(1, done + left)
    filled = round(BAR_CELLS * done / planned) if left else BAR_CELLS
    meter = "▰" * filled + "▱" * (BAR_CELLS - filled)
    if progress.stable and done:
        status = "settled: the top pick can't change now"
    elif left:
        status = f"at most {left} more to go"
    else:
        status = "no questions left"
    return Content.assemble((meter, "bold"), "  ", (f"{done} answered", "bold"), " · ", status)


def settled(progress: Counts) -> bool:
    return progress.stable and progress.answered > 0


class ProgressLine(Static):
    """Always visible under the transcript; 'Loading my sources…' until there is progress to show."""

    def __init__(self, progress: Counts | None = None, *, id: str | None = None) -> None:
        content = progress_content(progress) if progress is not None else Content(LOADING)
        classes = "-stable" if progress is not None and settled(progress) else None
        super().__init__(content, id=id, classes=classes, markup=False)
        self.progress = progress

    def show(self, progress: Counts) -> None:
        if progress == self.progress:
            return
        self.progress = progress
        self.update(progress_content(progress), layout=False)
        self.set_class(settled(progress), "-stable")

    def unavailable(self) -> None:
        """The brain could not be loaded: there is no progress to show."""
        self.progress = None
        self.update(Content(UNAVAILABLE), layout=False)
        self.set_class(False, "-stable")
