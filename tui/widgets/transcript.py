"""The conversation so far: the bot's replies (with their tables and citations) and the student's messages.

Every piece of text goes through `plain()`, so nothing a student types or a source says is read as markup.
A message is a single widget unless it carries a table or citations (then a small container), which keeps
the layout of a long conversation cheap. A reply's citations fold into one line ('▸ 3 quotes — Ctrl+S') that
unfolds on demand into the shared `CitationLink`s (focusable, clickable; each opens the source viewer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.table import Table as RichTable
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.safe import plain, visible

if TYPE_CHECKING:
    from textual._arrange import DockArrangeResult

    from knowledge.base import KnowledgeBase
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


class QuotesToggle(Static, can_focus=True):
    """The one line under a reply that stands for its quotes: '▸ 3 quotes — Ctrl+S'. Enter or a click shows
    them (and hides them again), so a long answer's first lines stay on screen at 80×24."""

    BINDINGS = [Binding("enter", "toggle", "Show quotes", show=False)]

    class Toggled(Message):
        """Asks the bubble to show or hide its quotes."""

    def __init__(self, count: int) -> None:
        super().__init__(markup=False, classes="quotes-toggle")
        self.count = count
        self.tooltip = Content("Show or hide the quotes behind this reply (Enter or click; Ctrl+S: the newest)")

    def show(self, expanded: bool) -> None:
        label = f"{self.count} quote{'s' if self.count != 1 else ''}"
        self.update(Content.assemble(("▾ " if expanded else "▸ ", "bold $text-accent"), (label, "$text-accent"),
                                     ("" if expanded else " — Ctrl+S", "$text-muted")))

    def action_toggle(self) -> None:
        self.post_message(self.Toggled())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Toggled())


class CitedBubble(Bubble, Vertical):
    """A bot message with a table and/or citations under its text; the citations fold into one line."""

    def __init__(self, text: str, kind: str, table: Table | None, citations: Sequence[Citation],
                 kb: KnowledgeBase) -> None:
        classes = self._describe(text, "bot", kind, table, citations)
        Vertical.__init__(self, classes=classes)
        self.kb = kb
        self.expanded = False

    def compose(self) -> ComposeResult:
        from tui.widgets.citation import CitationLink  # needs the knowledge base's modules: not at start-up

        yield Static(plain(self.text), markup=False, classes="message-text")
        if self.table is not None:
            yield ReplyTable(self.table)
        if self.citations:
            toggle = QuotesToggle(len(self.citations))
            toggle.show(self.expanded)
            yield toggle
            with Vertical(classes="quotes"):
                for citation in self.citations:
                    yield CitationLink(self.kb, citation, classes="citation")

    def on_mount(self) -> None:
        self.set_class(not self.expanded, "-folded")

    def on_quotes_toggle_toggled(self, event: QuotesToggle.Toggled) -> None:
        event.stop()
        self.show_quotes(not self.expanded)

    def show_quotes(self, expanded: bool = True, focus: bool = False) -> None:
        """Show (or hide) the quotes; `focus` moves the focus to the first one, scrolled into view."""
        from tui.widgets.citation import CitationLink

        self.expanded = expanded
        self.set_class(not expanded, "-folded")
        for toggle in self.query(QuotesToggle):
            toggle.show(expanded)
        if expanded and focus:
            links = self.query(CitationLink)
            if links:
                self.call_after_refresh(links.first().focus)


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
    """The scrolling conversation. It follows the newest message, except that a reply taller than the view
    is shown from its first line (the student reads down, or pages, to the rest)."""

    _first_view: Size | None = None

    def on_mount(self) -> None:
        self.anchor()

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        if not self._container_size:
            self._first_view = size
        return super().arrange(size, optimal)

    @property
    def container_size(self) -> Size:
        """Shim: on the first layout Textual scrolls an anchored view to `content bottom − container height`
        before it has given the view its size (0), so the first frame showed the greeting and the question
        scrolled out of sight, and they appeared only a frame later. Until the view has its size, the size being
        arranged stands in for it (the scrollable area plus a horizontal scrollbar, as Textual's sum expects).
        Related: https://github.com/Textualize/textual/issues/6652 (the anchored branch of the compositor)."""
        if not self._container_size and self._first_view is not None:
            return Size(self._first_view.width, self._first_view.height + self.scrollbar_size_horizontal)
        return self._container_size

    def add(self, *bubbles: MessageBubble) -> None:
        """Add a turn's messages in one go (one layout pass, however many replies)."""
        if bubbles:
            self.mount_all(bubbles)
            first_reply = next((b for b in bubbles if b.author == "bot"), bubbles[0])
            self.call_after_refresh(self._show_from, first_reply)

    def _show_from(self, first: Widget) -> None:
        """Scroll to the end, or, when the new messages are taller than the view, to the first reply's top."""
        if not first.is_attached:
            return
        top = max(0, first.virtual_region.y - 1)  # the blank line above shows where the reply starts
        if self.virtual_size.height - top > self.scrollable_content_region.height:
            self.release_anchor()
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            self.anchor()

    def add_note(self, text: str) -> None:
        """A line from the app itself (not the brain), e.g. when the sources cannot be loaded."""
        self.add(TextBubble(text, "bot", "note"))

    def show_latest_quotes(self) -> bool:
        """Unfold the newest reply that has quotes and focus its first one (Ctrl+S); False when none has."""
        cited = [m for m in self.messages if isinstance(m, CitedBubble) and m.citations]
        if not cited:
            return False
        cited[-1].show_quotes(True, focus=True)
        return True

    @property
    def messages(self) -> list[MessageBubble]:
        return [child for child in self.children if isinstance(child, (TextBubble, CitedBubble))]
