"""A citation the user can open: 'source title, year, line N'; Enter or a click shows the source at the quote.

Shared by the chat and the results screens. Optionally the widget also shows the quote itself (and any text
it backs) above the label, so that a claim, its words from the source and the way to open it are one
focusable block. Everything is built as `Content`, never markup: titles and quotes are outside text.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from knowledge.base import KnowledgeBase
from knowledge.models import Citation
from knowledge.wording import shown_quote


def citation_label(citation: Citation) -> str:
    """'Title, 2023, line 12' — the year, or 'undated' when the source gives none."""
    year = citation.year if citation.year is not None else "undated"
    return f"{citation.title}, {year}, line {citation.line}"


class CitationLink(Static, can_focus=True):
    """One focusable, clickable citation that opens `SourceScreen(kb, citation)`.

    `show_quote` puts the quote above the label; `before` puts a claim (e.g. a pay figure) above both;
    `more` is added after the label, e.g. '(+2 more sources)'.
    """

    DEFAULT_CSS = """
    CitationLink {
        width: auto;
        max-width: 100%;
        height: auto;
        padding: 0 1 0 0;
        border-left: blank;
    }
    CitationLink:hover {
        background: $boost;
    }
    CitationLink:focus {
        border-left: thick $accent;
        background: $boost;
    }
    """
    BINDINGS = [Binding("enter", "open_source", "Open source", tooltip="Show the source text at this quote")]

    def __init__(self, kb: KnowledgeBase, citation: Citation, *, show_quote: bool = False,
                 before: Content | None = None, more: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        self.kb = kb
        self.citation = citation
        parts: list[Content | str | tuple[str, str]] = []
        if before is not None:
            parts += [before, "\n"]
        if show_quote:
            parts += [(f"“{shown_quote(citation.quote)}”", "italic $text-muted"), "\n"]
        parts += [("↗ ", "bold $text-accent"), (citation_label(citation), "underline $text-accent")]
        if more:
            parts += [" ", (more, "$text-muted")]
        super().__init__(Content.assemble(*parts), id=id, classes=classes, markup=False)
        self.tooltip = Content("Open the source at this quote (Enter or click)")

    def action_open_source(self) -> None:
        # Imported here: the screens package may import this widget (through the chat screen).
        from tui.screens.source import SourceScreen

        self.app.push_screen(SourceScreen(self.kb, self.citation))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open_source()
