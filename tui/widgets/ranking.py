"""The live ranking beside the chat: every career with its match score and a bar, best first.

Each career is one widget that draws its own line(s): two lines (name; bar and score) when the CSS gives it
two rows beside the chat, one line (name, bar, score) in the narrow grid under it. One widget per career keeps
the screen's layout cheap, which matters because the ranking changes after every answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from tui.widgets.safe import visible

if TYPE_CHECKING:
    from rules.models import Result

EIGHTHS = " ▏▎▍▌▋▊▉█"
SCORE_CELLS = 4
"""' 100': a space and three digits."""
NARROW_BAR_CELLS = 4
SHORT_ROWS = 4
"""Careers a short terminal shows under the chat (class `-rest` on the others; the results list them all)."""


def bar(score: int, width: int) -> str:
    """A bar `width` cells wide filled to score/100, with eighth-cell precision."""
    if width <= 0:
        return ""
    eighths = round(max(0, min(100, score)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text.ljust(width)


NOT_JUDGED = "–"
"""Shown instead of a score when none of the answers so far could be judged for the career: its 50 is only
the neutral start, and a 50 listed below a 21 would look like a mistake."""


class RankRow(Widget):
    """One career: '2. Medical coder', a bar, and the score out of 100 ('–' while nothing could be judged)."""

    def __init__(self) -> None:
        super().__init__()
        self.rank = 0
        self.career = ""
        self.score = 0
        self.judged = True

    def show(self, rank: int, name: str, score: int, top: bool, judged: bool = True) -> None:
        if (rank, name, score, judged) != (self.rank, self.career, self.score, self.judged):
            self.rank, self.career, self.score, self.judged = rank, name, score, judged
            self.tooltip = Content(f"{visible(name)}: match {score}/100" if judged else
                                   f"{visible(name)}: not judged yet — the sources say nothing about your answers "
                                   "so far for this career (Ctrl+R shows why)")
            self.refresh()
        self.set_class(top, "-top")

    def render(self) -> Content:
        width = self.size.width
        name = Content(f"{self.rank}. {visible(self.career)}")
        colour = "$success" if self.has_class("-top") else "$primary"
        score = Content(f"{self.score if self.judged else NOT_JUDGED:>{SCORE_CELLS}}")
        shown = self.score if self.judged else 0
        if self.size.height >= 2:
            meter = Content.styled(bar(shown, width - SCORE_CELLS), f"{colour} on $boost")
            return Content.assemble(name.truncate(width, ellipsis=True), "\n", meter, score)
        name_cells = max(0, width - NARROW_BAR_CELLS - SCORE_CELLS - 1)
        meter = Content.styled(bar(shown, NARROW_BAR_CELLS), f"{colour} on $boost")
        return Content.assemble(name.truncate(name_cells, ellipsis=True, pad=True), " ", meter, score)


class RankingPanel(Vertical):
    """Updated after every answer; before the first answer every career sits at 50."""

    BORDER_TITLE = "Live ranking"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()

    def show(self, result: Result, answered: int) -> None:
        shown = (answered, tuple((rec.name, rec.score) for rec in result.recommendations))
        if shown == self._shown:
            return
        self._shown = shown
        rows = list(self.query_children(RankRow))
        if len(rows) != len(result.recommendations):
            self.remove_children()
            rows = [RankRow() for _ in result.recommendations]
            self.mount_all(rows)
        for row, rec in zip(rows, result.recommendations):
            row.show(rec.rank, rec.name, rec.score, top=rec.rank == 1 and answered > 0,
                     judged=answered == 0 or rec.judged > 0)
            row.set_class(rec.rank > SHORT_ROWS, "-rest")
        unjudged = answered > 0 and any(rec.judged == 0 for rec in result.recommendations)
        self.border_subtitle = ("no answers yet" if answered == 0 else
                                "out of 100 · – not judged" if unjudged else "match out of 100")
        self.set_class(answered == 0, "-empty")

    @property
    def names(self) -> list[str]:
        """The careers as shown, best first (for tests and screen readers of the DOM)."""
        return [f"{row.rank}. {row.career}" for row in self.query_children(RankRow)]
