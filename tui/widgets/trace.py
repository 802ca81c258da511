"""The advisor's trace: for one career, every rule that fired on the answers so far and what it did.

An advisor sees why a career sits where it does: rule id, question, the student's answer, the direction and
the points, one reason per line (wrapped to the panel). The chat screen picks the career (the top pick unless
the advisor chose another) and calls `show` after every turn with the conversation's `rules.views.Trace`.
Only Textual is imported here (the brain's types are passed in); the chat mounts the panel only when advisor
mode is first turned on, which keeps it out of the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.widgets.safe import visible

if TYPE_CHECKING:
    from rules.models import Recommendation
    from rules.views import TraceRow

KEYS_HINT = "F2 why · F3 how · F7/F8 career"
"""The advisor's keys, shown under the panel (the footer may be too narrow for them at 80 columns)."""
EMPTY = "Answer a question to see which rules fire."
MARKS = {"for": ("▲", "$text-success"), "against": ("▼", "$text-error"), "neutral": ("·", "$text-muted")}


def row_content(row: TraceRow) -> Content:
    """'▲ +5 focus_fit (for) — kind of work: Keeping patient records…' with the mark and points coloured."""
    mark, style = MARKS.get(row.direction, ("·", "$text-muted"))
    return Content.assemble((f"{mark} {row.points:+g} ", f"bold {style}"), (visible(row.rule), "bold"),
                            (f" ({row.direction})", style), " — ",
                            (f"{visible(row.question)}: {visible(row.answer)}", "$text-muted"))


class TracePanel(VerticalScroll):
    """The selected career's trace; scrolls when it is longer than the panel."""

    BORDER_TITLE = "Trace"
    BORDER_SUBTITLE = KEYS_HINT

    def __init__(self, *, id: str | None = None) -> None:
        self._text = Static(Content(EMPTY), id="trace-text", markup=False)
        """Kept by reference: `show` may run before the panel is mounted (the chat mounts it on demand)."""
        super().__init__(self._text, id=id, can_focus=False)
        self.career: str | None = None
        """The career shown (an id), for tests and for the chat screen's keys."""
        self.rows: list[TraceRow] = []

    def show(self, rec: Recommendation, rows: list[TraceRow], chosen: bool) -> None:
        """Show `rec`'s rules; `chosen` says the advisor picked it (otherwise it is the current top pick)."""
        self.career = rec.career
        self.rows = rows
        which = "chosen" if chosen else "top pick"
        self.border_title = Content(f"Trace: {visible(rec.name)}")
        heading = Content.assemble((f"{visible(rec.name)}", "bold"),
                                   f" — rank {rec.rank}, match {rec.score}/100 ({which})")
        if rows:
            lines = [heading, *(row_content(row) for row in rows)]
        else:
            lines = [heading, Content("No answers yet: every career stands at 50. Rules appear here as they "
                                      "fire.")]
        self._text.update(Content("\n").join(lines))

    @property
    def text(self) -> str:
        """What the panel says, as plain text (for tests)."""
        return str(self._text.render())
