"""The conversation so far: the bot's replies (with their tables and citations) and the student's messages.

Every piece of text goes through `plain()`, so nothing a student types or a source says is read as markup.
A message is a single widget unless it carries a table or citations (then a small container), which keeps
the layout of a long conversation cheap. Citations use the shared `CitationLink` (focusable, clickable; it
opens the quote in the source viewer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.safe import plain, visible

if TYPE_CHECKING:
    from knowledge.loader import KnowledgeBase
    from knowledge.models import Citation
    from rules.models import Reply, Table

Author = Literal["bot", "user"]


class ReplyTable(Static):
    """A reply's table (a comparison, a what-if side by side), wrapped to the transcript's width."""

    def __init__(self, table: Table) -> None:
        super().__init__(self._render_table(table), markup=False, classes="reply-table")

    @staticmethod
    def _render_table(table: Table) -> RichTable:
        rendered = RichTable(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        for header in table.headers:
            rendered.add_column(Text(visible(header), style="bold"), overflow="fold")
        for row in table.rows:
            rendered.add_row(*(Text(visible(cell)) for cell in row))
        return rendered


class Bubble:
    """What every message knows about itself, whichever widget shows it."""

    text: str
    author: Author
    kind: str
    table: Table | None
    citations: list[Citation]

    def _describe(self, text: str, author: Author, kind: str, table: Table | None,
                  citations: Sequence[Citation]) -> str:
        self.text, self.author, self.kind, self.table = text, author, kind, table
        self.citations = list({(c.source, c.line, c.quote): c for c in citations}.values())
        return f"message -{author}" + (f" -{kind}" if kind else "")


class TextBubble(Bubble, Static):
    """A message that is only text: the student's, a question, an acknowledgement."""

    def __init__(self, text: str, author: Author, kind: str = "") -> None:
        classes = self._describe(text, author, kind, None, ())
        Static.__init__(self, plain(text), markup=False, classes=classes)


class CitedBubble(Bubble, Vertical):
    """A bot message with a table and/or citations under its text."""

    def __init__(self, text: str, kind: str, table: Table | None, citations: Sequence[Citation],
                 kb: KnowledgeBase) -> None:
        classes = self._describe(text, "bot", kind, table, citations)
        Vertical.__init__(self, classes=classes)
        self.kb = kb

    def compose(self) -> ComposeResult:
        from tui.widgets.citation import CitationLink  # needs the knowledge base's modules: not at start-up

        yield Static(plain(self.text), markup=False, classes="message-text")
        if self.table is not None:
            yield ReplyTable(self.table)
        for citation in self.citations:
            yield CitationLink(self.kb, citation, classes="citation")


MessageBubble = TextBubble | CitedBubble


def from_user(text: str) -> TextBubble:
    return TextBubble(text, "user")


def from_reply(reply: Reply, kb: KnowledgeBase | None) -> MessageBubble:
    """A bot reply; `kb` lets its citations open their source."""
    if kb is not None and (reply.table is not None or reply.citations):
        return CitedBubble(reply.text, reply.kind, reply.table, reply.citations, kb)
    return TextBubble(reply.text, "bot", reply.kind)


def shown_text(bubble: Widget) -> str:
    """The message text a bubble renders on screen."""
    text_widget = bubble.query_one(".message-text", Static) if isinstance(bubble, CitedBubble) else bubble
    assert isinstance(text_widget, Static)
    return str(text_widget.render())


class Transcript(VerticalScroll):
    """The scrolling conversation; stays pinned to the newest message unless the student scrolls up."""

    def on_mount(self) -> None:
        self.anchor()

    def add(self, *bubbles: MessageBubble) -> None:
        """Add a turn's messages in one go (one layout pass, however many replies)."""
        if bubbles:
            self.mount_all(bubbles)
            self.anchor()

    def add_note(self, text: str) -> None:
        """A line from the app itself (not the brain), e.g. when the sources cannot be loaded."""
        self.add(TextBubble(text, "bot", "note"))

    @property
    def messages(self) -> list[MessageBubble]:
        return [child for child in self.children if isinstance(child, (TextBubble, CitedBubble))]
