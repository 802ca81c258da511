"""The source behind a quote: its full text, scrolled to the quote and with the quote highlighted.

The text sits in a read-only `TextArea` (never parsed as markup) with line numbers matching the citation's
'line N'; the quote is the text area's selection. Quotes may differ from the source in white space only, so
they are found word by word with any white space between.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Location, Selection

from knowledge.base import KnowledgeBase
from knowledge.models import Citation
from tui.widgets.footer import FittedFooter


def locate(text: str, quote: str, line: int | None = None) -> tuple[Location, Location] | None:
    """Where `quote` stands in `text` as (row, column) start and end, preferring a match on `line` (1-based).

    Words must appear in order with any white space between them; None when the text does not contain them.
    """
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    match = None
    if line is not None and line >= 1:
        line_start = 0
        for _ in range(line - 1):
            found = text.find("\n", line_start)
            if found < 0:
                break
            line_start = found + 1
        match = pattern.search(text, line_start)
    if match is None:
        match = pattern.search(text)
    if match is None:
        return None
    return _location(text, match.start()), _location(text, match.end())


def _location(text: str, offset: int) -> Location:
    row = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return row, column


def source_heading(kb: KnowledgeBase, source_id: str) -> Content:
    """Title, then publisher and years of data: plain text from the knowledge base, never markup."""
    source = kb.sources[source_id]
    details = []
    if source.publisher:
        details.append(f"Publisher: {source.publisher}")
    if source.cites:
        details.append(f"Reports data from: {source.cites}")
    years = ", ".join(str(y) for y in source.years) if source.years else "not stated"
    details.append(f"Years of data: {years}")
    return Content.assemble((source.title, "bold"), "\n", " · ".join(details))


class SourceScreen(Screen[None]):
    """One source document, scrolled to the cited quote with the quote selected (highlighted)."""

    CSS_PATH = "source.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Close the source and go back"),
        Binding("q", "back", "Back", show=False),
        Binding("n", "show_quote", "Jump to quote", tooltip="Scroll back to the highlighted quote"),
    ]

    def __init__(self, kb: KnowledgeBase, citation: Citation) -> None:
        super().__init__()
        self.kb = kb
        self.citation = citation
        self.quote_range = locate(kb.texts[citation.source].text, citation.quote, citation.line)

    def compose(self) -> ComposeResult:
        citation = self.citation
        year = citation.year if citation.year is not None else "undated"
        if self.quote_range is None:
            where = Content.assemble(("The quote could not be found in this text: ", "bold"), citation.quote)
        else:
            where = Content(f"The quote (line {citation.line}, {year}) is highlighted below; n jumps back to it.")
        yield Static(source_heading(self.kb, citation.source), id="source-title", markup=False)
        yield Static(where, id="source-where", markup=False)
        text = TextArea(self.kb.texts[citation.source].text, read_only=True, show_line_numbers=True,
                        soft_wrap=True, highlight_cursor_line=False, id="source-text")
        text.cursor_blink = False
        yield text
        yield FittedFooter()

    def on_mount(self) -> None:
        area = self.query_one("#source-text", TextArea)
        area.focus()
        if self.quote_range is not None:
            start, end = self.quote_range
            # The cursor (a selection's end) sits at the quote's start, so scrolling brings its first line in.
            area.selection = Selection(end, start)
        self.call_after_refresh(self.action_show_quote)

    def action_show_quote(self) -> None:
        area = self.query_one("#source-text", TextArea)
        if self.quote_range is not None:
            area.scroll_cursor_visible(center=True)

    def action_back(self) -> None:
        self.dismiss()
