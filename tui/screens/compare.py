"""Careers side by side: one column per career, one row per topic, each cell's quotes on demand.

The table comes from `rules.compare.compare`; selecting a cell (Enter or a click) lists the quotes behind it
below the table, each with a link that opens the source. `s` chooses which careers to compare. Cell text is
handed to the table as `rich.text.Text`, which never parses markup.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from knowledge.loader import KnowledgeBase
from rules.compare import Comparison, compare
from tui.widgets.citation import CitationLink

ROW_LINES = 4
"""Most lines a cell shows in the table; the full text is in the panel below when the cell is selected."""
HEADER_LINES = 2
LABEL_WIDTH = 22
PROMPT = "Select a cell (Enter or click) to see the quotes behind it."


def fit(text: str, width: int, lines: int = ROW_LINES) -> list[str]:
    """Wrap `text` to `width`, keeping at most `lines` lines and marking a cut with '…'."""
    wrapped = textwrap.wrap(text, width=max(width, 4)) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    kept[-1] = kept[-1][: max(width - 1, 1)].rstrip() + "…"
    return kept


class ChooseCareers(ModalScreen[list[str] | None]):
    """Pick the careers to compare; Enter or `a` applies, Escape keeps the current choice."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("a", "apply", "Apply"),
    ]

    def __init__(self, kb: KnowledgeBase, chosen: list[str]) -> None:
        super().__init__()
        self.kb = kb
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-box"):
            yield Static(Content("Choose careers to compare (Space toggles, a applies, Esc cancels)"),
                         id="choose-title", markup=False)
            yield SelectionList[str](
                *(Selection(Content(career.name), career_id, career_id in self.chosen)
                  for career_id, career in self.kb.careers.items()),
                id="choose-list",
            )

    def action_apply(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CompareScreen(Screen[None]):
    """A comparison table of the given careers (ids), with every cell's citations shown on demand."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Go back"),
        Binding("q", "back", "Back", show=False),
        Binding("s", "choose", "Choose careers", tooltip="Choose which careers to compare"),
    ]

    def __init__(self, kb: KnowledgeBase, careers: list[str]) -> None:
        super().__init__()
        self.kb = kb
        known = [c for c in careers if c in kb.careers]
        self.careers = known or list(kb.careers)[:3]
        self.comparison: Comparison = compare(kb, self.careers)
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="compare-heading", markup=False)
        table: DataTable[Text] = DataTable(id="compare-table", cursor_type="cell", zebra_stripes=True,
                                            header_height=HEADER_LINES)
        yield table
        yield Static(id="compare-caveats", markup=False)
        with VerticalScroll(id="cell-sources", can_focus=False):
            yield Static(Content(PROMPT), classes="cell-heading", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._fill_table()

    # --- building -----------------------------------------------------------------------------------

    def _show(self) -> None:
        """Heading, caveats and table for the current choice of careers."""
        comparison = self.comparison
        count = len(comparison.careers)
        self.query_one("#compare-heading", Static).update(Content(
            f"Comparing {count} career{'s' if count > 1 else ''}: press Enter on a cell to see the quotes behind it."))
        caveats = self.query_one("#compare-caveats", Static)
        caveats.update(Content("\n".join(f"⚠ {c}" for c in comparison.caveats)))
        caveats.display = bool(comparison.caveats)
        self._fill_table()
        self._clear_panel()

    def _fill_table(self) -> None:
        comparison = self.comparison
        self._width = self.size.width
        table = self.query_one("#compare-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        count = max(len(comparison.careers), 1)
        # Each column has one cell of padding on either side; the row labels take LABEL_WIDTH.
        usable = max(self.size.width, 40) - LABEL_WIDTH - 2 * count - 4
        width = max(12, usable // count)
        for career, name in zip(comparison.careers, comparison.names):
            table.add_column(Text("\n".join(fit(name, width, HEADER_LINES)), style="bold"), width=width,
                             key=career)
        for index, row in enumerate(comparison.rows):
            cells = [fit(cell.text, width) for cell in row.cells]
            table.add_row(*(Text("\n".join(lines)) for lines in cells), height=max(len(c) for c in cells),
                          key=str(index), label=Text(row.label, style="bold"))
        if cursor.row < table.row_count and cursor.column < len(table.columns):
            table.cursor_coordinate = cursor

    def _clear_panel(self) -> None:
        panel = self.query_one("#cell-sources", VerticalScroll)
        panel.remove_children()
        panel.mount(Static(Content(PROMPT), classes="cell-heading", markup=False))

    @on(DataTable.CellSelected)
    def show_cell(self, event: DataTable.CellSelected) -> None:
        """List the selected cell's full text and its quotes, each with a link to open the source."""
        row = self.comparison.rows[event.coordinate.row]
        column = event.coordinate.column
        cell = row.cells[column]
        panel = self.query_one("#cell-sources", VerticalScroll)
        panel.remove_children()
        widgets: list[Static] = [Static(Content.assemble((f"{row.label} — {self.comparison.names[column]}: ", "bold"),
                                                         cell.text), classes="cell-heading", markup=False)]
        if not cell.citations:
            widgets.append(Static(Content("No source gives this, so there is nothing to quote."),
                                  classes="none", markup=False))
        widgets += [CitationLink(self.kb, citation, show_quote=True, classes="cite") for citation in cell.citations]
        panel.mount_all(widgets)
        panel.scroll_home(animate=False)

    # --- actions ------------------------------------------------------------------------------------

    def action_choose(self) -> None:
        self.app.push_screen(ChooseCareers(self.kb, self.careers), self._chosen)

    def _chosen(self, careers: list[str] | None) -> None:
        if careers is None:
            return
        if not careers:
            self.notify("Choose at least one career to compare.", severity="warning", markup=False)
            return
        ordered = [c for c in self.kb.careers if c in careers]
        self.careers = ordered
        self.comparison = compare(self.kb, ordered)
        self._show()

    def action_back(self) -> None:
        self.dismiss()
