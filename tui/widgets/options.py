"""The options under the transcript: the open question's options, or a prompt's choices ('See results' /
'Start over', 'Continue' / 'Start fresh', …).

One widget draws every option, each as a button with its number: as seven widgets they cost the chat's first
frame 33M instructions, a sixth of all it did beyond a minimal Textual app (each widget is a message pump with its
own styles, layout and events), so the bar draws its options itself, in one or two columns as its CSS says
(`grid-size`), a long label wrapping onto a second line. A click chooses the option under the pointer without
taking the focus from the message box; with the focus on the bar (Tab, Shift+Tab), the arrow keys move between the
options and Enter chooses, and a digit chooses at once, as in any menu. In the message box a number is text until
Enter: while the box holds only an option's number, the bar marks that option (`mark`) and the box says "Enter
chooses 2 · …". Every choice carries its owner's id and its choice id, so a click that arrives after the
question moved on is recognised as stale.
"""

from __future__ import annotations

from itertools import zip_longest

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from knowledge.records import Record, record
from tui.messages import OptionPicked
from tui.widgets.safe import visible

MAX_OPTIONS = 9
MIN_TEXT_WIDTH = 6
"""Fewest cells a label is wrapped into: Rich cannot wrap text into zero cells (`rich.cells.chop_cells` raises
"range() arg 3 must not be zero" when a layout pass gives the bar no width, as a 40×10 terminal does)."""
PAD = 1
"""Cells of padding either side of a label, inside its button."""


@record
class Choice(Record):
    """One option: whose choice it is (a question or prompt id), the choice's id and its label."""

    owner: str
    id: str
    label: str


class OptionsBar(Widget, can_focus=True):
    """Up to nine options drawn as buttons, in as many columns as the CSS `grid-size` says; hidden when empty."""

    COMPONENT_CLASSES = {"options-bar--option", "options-bar--option-hover", "options-bar--option-highlighted",
                         "options-bar--option-active", "options-bar--option-marked"}
    BINDINGS = [
        Binding("enter", "press", "Choose", show=False),
        Binding("up", "move(-1, 0)", show=False), Binding("down", "move(1, 0)", show=False),
        Binding("left", "move(0, -1)", show=False), Binding("right", "move(0, 1)", show=False),
    ]
    """Home and End stay the chat's: they scroll the transcript."""
    FOCUS_ON_CLICK = False
    ALLOW_SELECT = False
    ACTIVE_EFFECT = 0.2
    """Seconds a pressed option shows it was pressed (clicks meanwhile are ignored, as a Button does)."""

    def __init__(self, choices: list[Choice] | None = None, *, id: str | None = None) -> None:
        self.choices: list[Choice] = (choices or [])[:MAX_OPTIONS]
        super().__init__(id=id, classes=self._classes())
        self.hovered: int | None = None
        """The option under the mouse pointer (an index into `choices`)."""
        self.highlighted = 0
        """The option Enter chooses while the bar has the focus."""
        self.active: int | None = None
        """The option just pressed, shown pressed for ACTIVE_EFFECT seconds."""
        self.marked: int | None = None
        """The option Enter in the message box would choose (the box holds its number)."""
        self._drawn: tuple[object, list[Strip]] | None = None
        self._wraps: tuple[object, list[list[Content]]] | None = None

    def _classes(self) -> str:
        return "-empty" if not self.choices else "-single" if len(self.choices) == 1 else ""

    # --- what the screen calls ------------------------------------------------------------------------

    def show(self, choices: list[Choice]) -> None:
        """Show another question's options (none hides the bar); a pressed option is ready again at once."""
        choices = choices[:MAX_OPTIONS]
        if choices == self.choices:
            return
        self.choices = choices
        self.hovered = self.active = self.marked = None
        self.highlighted = 0
        self.update_classes({"-empty": not choices, "-single": len(choices) == 1})
        self._changed(layout=True)

    def mark(self, choice: Choice | None) -> int | None:
        """Mark the option Enter in the message box would choose (None: none); its number, if it is on show."""
        marked = self.choices.index(choice) if choice is not None and choice in self.choices else None
        if marked != self.marked:
            self.marked = marked
            self._changed()
        return None if marked is None else marked + 1

    def press(self, index: int) -> None:
        """Choose an option as a button press does: shown pressed for a moment, repeated presses ignored."""
        if self.active is not None or self.disabled or not self.display or not 0 <= index < len(self.choices):
            return
        self.active = index
        self._changed()
        self.set_timer(self.ACTIVE_EFFECT, self._release)
        choice = self.choices[index]
        self.post_message(OptionPicked(choice.owner, choice.id, choice.label))

    def label_of(self, index: int) -> Content:
        """An option as drawn: its number key, then its label."""
        return Content.assemble((f"{index + 1} ", "bold"), visible(self.choices[index].label))

    # --- keys and mouse ---------------------------------------------------------------------------------

    def action_press(self) -> None:
        self.press(self.highlighted)

    def action_move(self, rows: int, columns: int) -> None:
        """Move the highlight by rows (a row holds `columns` options) and columns, staying in the bar."""
        if not self.choices:
            return
        step = rows * self._columns() + columns
        self.highlighted = min(max(self.highlighted + step, 0), len(self.choices) - 1)
        self._changed()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        index = event.style.meta.get("option")
        if isinstance(index, int):
            self.press(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("option")
        self._hover(index if isinstance(index, int) else None)

    def on_leave(self, _event: events.Leave) -> None:
        self._hover(None)

    def on_focus(self) -> None:
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    def _hover(self, index: int | None) -> None:
        if index == self.hovered:
            return
        self.hovered = index
        self.tooltip = None if index is None else Content.assemble(
            f"Click, or type {index + 1} and Enter, to choose: ", visible(self.choices[index].label))
        self._changed()

    def _release(self) -> None:
        self.active = None
        self._changed()

    def notify_style_update(self) -> None:
        """Drawn again in the new colours when the styles change (a theme switched with F9, say)."""
        self._drawn = None
        super().notify_style_update()

    def _changed(self, layout: bool = False) -> None:
        self._drawn = None
        self.refresh(layout=layout)

    # --- drawing --------------------------------------------------------------------------------------

    def _columns(self) -> int:
        return max(1, min(self.styles.grid_size_columns or 1, len(self.choices) or 1))

    def _gutter(self) -> int:
        return self.styles.grid_gutter_vertical if self._columns() > 1 else 0

    def _cell_width(self, width: int) -> int:
        columns = self._columns()
        return max((width - self._gutter() * (columns - 1)) // columns, MIN_TEXT_WIDTH + 2 * PAD)

    def _wrapped(self, width: int) -> list[list[Content]]:
        """Each option's label lines at a bar `width` cells wide (measured, then drawn: wrapped once)."""
        text_width = self._cell_width(width) - 2 * PAD
        key = (text_width, self.choices)
        if self._wraps is None or self._wraps[0] != key:
            self._wraps = (key, [self.label_of(index).wrap(text_width) or [Content("")]
                                 for index in range(len(self.choices))])
        return self._wraps[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        columns = self._columns()
        wrapped = self._wrapped(width)
        return sum(max(len(lines) for lines in wrapped[row:row + columns])
                   for row in range(0, len(wrapped), columns))

    def _style_names(self, index: int) -> tuple[str, ...]:
        if index == self.active:
            return ("options-bar--option", "options-bar--option-active")
        if self.has_focus and index == self.highlighted:
            return ("options-bar--option", "options-bar--option-highlighted")
        if index == self.marked:
            return ("options-bar--option", "options-bar--option-marked")
        if index == self.hovered:
            return ("options-bar--option", "options-bar--option-hover")
        return ("options-bar--option",)

    def _button_lines(self, index: int, lines: list[Content], width: int, height: int) -> list[Strip]:
        """One option drawn as a button `width` cells wide and `height` lines tall, clickable on every cell."""
        rich_style = self.get_component_rich_style(*self._style_names(index))  # the visual style drops `reverse`
        style = VisualStyle.from_rich_style(rich_style)
        pad = Segment(" " * PAD, rich_style)
        strips = []
        for line in lines:
            segments = [pad, *line.render_segments(style)]
            strips.append(Strip(segments).extend_cell_length(width, rich_style).crop(0, width))
        strips += [Strip.blank(width, rich_style)] * (height - len(strips))
        return [strip.apply_meta({"option": index}) for strip in strips]

    def _lines(self) -> list[Strip]:
        width = self.content_region.width
        key = (width, self.has_focus, self.disabled)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        columns, cell_width = self._columns(), self._cell_width(width)
        gutter = Strip.blank(self._gutter(), self.rich_style)
        wrapped = self._wrapped(width)
        lines: list[Strip] = []
        for start in range(0, len(wrapped), columns):
            row = list(range(start, min(start + columns, len(wrapped))))
            height = max(len(wrapped[index]) for index in row)
            cells = [self._button_lines(index, wrapped[index], cell_width, height) for index in row]
            for parts in zip_longest(*cells):
                joined: list[Strip] = []
                for part in parts:
                    joined += [gutter, part] if joined else [part]
                lines.append(Strip.join(joined).extend_cell_length(width, self.rich_style).crop(0, width))
        self._drawn = (key, lines)
        return lines

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if 0 <= y < len(lines) else Strip.blank(self.content_region.width, self.rich_style)
