"""Careers side by side: one column per career, one row per topic, each cell's quotes on demand.

The table comes from `rules.compare.compare` and takes the whole screen: each row gets an equal share of the
height, and a cell longer than its share ends with '…'. Selecting a cell (Enter or a click) opens a panel
below the table with the cell in full and the quotes behind it, each with a link that opens the source;
Escape closes the panel, then goes back. `s` chooses which careers to compare. Any other printable key goes
back to the chat and is typed in its message box (`tui.screens.typing`). Cell text is handed to the table as
`rich.text.Text`, which never parses markup.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.geometry import Size
from textual.widgets import DataTable, SelectionList, Static
from textual.widgets.selection_list import Selection

from knowledge.base import KnowledgeBase
from rules.compare import Comparison
from rules.views import CompareView, compare_view
from tui.screens.typing import BACK_AS_TEXT, Typing, is_bound
from tui.widgets.citation import CitationLink
from tui.widgets.footer import FittedFooter

ROW_LINES = 6
"""Most lines a cell shows in the table, however tall the screen; the full text is in the panel below."""
MIN_ROW_LINES = 2
"""Fewest lines a row gets on a short screen (the table then scrolls)."""
HEADER_LINES = 2
LABEL_WIDTH = 22


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

    def __init__(self, choices: tuple[tuple[str, str], ...], chosen: list[str]) -> None:
        super().__init__()
        self.choices = choices
        """(id, name) of every career on offer."""
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-box"):
            yield Static(Content("Choose careers to compare (Space toggles, a applies, Esc cancels)"),
                         id="choose-title", markup=False)
            yield SelectionList[str](
                *(Selection(Content(name), career_id, career_id in self.chosen) for career_id, name in self.choices),
                id="choose-list",
            )

    def action_apply(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CompareScreen(Screen[None]):
    """A comparison table (a `rules.views.CompareView`), with every cell's citations shown on demand."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Go back"),
        Binding("q", "back", "Back", show=False),
        Binding("s", "choose", "Choose careers", tooltip="Choose which careers to compare"),
    ]

    def __init__(self, view: CompareView) -> None:
        super().__init__()
        self.view = view
        self.kb: KnowledgeBase = view.kb
        """Where the citations open their source."""
        self._size = Size(0, 0)

    @property
    def comparison(self) -> Comparison:
        return self.view.comparison

    @property
    def careers(self) -> list[str]:
        """The careers compared (ids), in column order."""
        return list(self.view.comparison.careers)

    def compose(self) -> ComposeResult:
        yield Static(id="compare-heading", markup=False)
        table: DataTable[Text] = DataTable(id="compare-table", cursor_type="cell", zebra_stripes=True,
                                            header_height=HEADER_LINES)
        yield table
        yield Static(id="compare-caveats", markup=False)
        yield VerticalScroll(id="cell-sources", can_focus=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.size != self._size:
            self.call_after_refresh(self._fill_table)

    # --- building -----------------------------------------------------------------------------------

    def _show(self) -> None:
        """Heading, caveats and table for the current choice of careers."""
        comparison = self.comparison
        count = len(comparison.careers)
        self.query_one("#compare-heading", Static).update(Content(
            f"Comparing {count} career{'s' if count > 1 else ''}: Enter on a cell shows it in full with its quotes."))
        caveats = self.query_one("#compare-caveats", Static)
        caveats.update(Content("\n".join(f"⚠ {c}" for c in comparison.caveats)))
        caveats.display = bool(comparison.caveats)
        self._fill_table()
        self._clear_panel()

    def _row_lines(self, table: DataTable[Text]) -> int:
        """Lines each row may take: an equal share of the table's height, within MIN_ROW_LINES..ROW_LINES."""
        rows = max(len(self.comparison.rows), 1)
        height = table.size.height or max(self.size.height - 6, 0)
        return max(MIN_ROW_LINES, min(ROW_LINES, (height - HEADER_LINES) // rows))

    def _fill_table(self) -> None:
        comparison = self.comparison
        self._size = self.size
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
        lines = self._row_lines(table)
        for index, row in enumerate(comparison.rows):
            cells = [fit(cell.text, width, lines) for cell in row.cells]
            table.add_row(*(Text("\n".join(lines)) for lines in cells), height=max(len(c) for c in cells),
                          key=str(index), label=Text(row.label, style="bold"))
        if cursor.row < table.row_count and cursor.column < len(table.columns):
            table.cursor_coordinate = cursor

    def _clear_panel(self) -> None:
        self.query_one("#cell-sources", VerticalScroll).remove_children()
        if self.has_class("-quotes"):
            self.remove_class("-quotes")
            self.call_after_refresh(self._fill_table)

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
        if not self.has_class("-quotes"):
            self.add_class("-quotes")  # the table gives up some height: its rows are refitted
            self.call_after_refresh(self._fill_table)

    # --- actions ------------------------------------------------------------------------------------

    def typing_for_chat(self, event: events.Key, draft: bool) -> Typing | None:
        """Typing goes back to the chat, as text (asked by the app for every key while this screen is on top)."""
        if event.is_printable and not is_bound(self, event.key):
            return BACK_AS_TEXT
        return None

    def action_choose(self) -> None:
        self.app.push_screen(ChooseCareers(self.view.choices, self.careers), self._chosen)

    def _chosen(self, careers: list[str] | None) -> None:
        if careers is None:
            return
        if not careers:
            self.notify("Choose at least one career to compare.", severity="warning", markup=False)
            return
        self.view = compare_view(self.kb, [c for c, _ in self.view.choices if c in careers])
        self._show()

    def action_back(self) -> None:
        """Escape closes the quotes panel first, then the screen."""
        if self.has_class("-quotes"):
            self._clear_panel()
            self.query_one(DataTable).focus()
        else:
            self.dismiss()
