"""The progress line: questions answered, how many could still come, and whether the result is settled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from rules.models import Progress

BAR_CELLS = 10


class ProgressLine(Static):
    """Always visible under the transcript."""

    def __init__(self, status: str = "Loading my sources…", *, id: str | None = None) -> None:
        super().__init__(Content(status), id=id, markup=False)
        self.progress: Progress | None = None

    def show(self, progress: Progress) -> None:
        if progress == self.progress:
            return
        self.progress = progress
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
        answered = f"{done} answered"
        self.update(Content.assemble((meter, "bold"), "  ", (answered, "bold"), " · ", status), layout=False)
        self.set_class(progress.stable and done > 0, "-stable")
