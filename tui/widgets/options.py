"""The buttons under the transcript: the open question's options, or a prompt's choices ('See results' /
'Start over', 'Continue' / 'Start fresh', …).

Each button shows the number key that chooses it; the screen's 1-9 bindings call `pick`. A button carries its
owner's id and its choice id, so a click that arrives after the question moved on is recognised as stale.
"""

from __future__ import annotations

from functools import partial
from itertools import count

from textual.containers import Container
from textual.content import Content
from textual.geometry import Size
from textual.layout import Layout
from textual.layouts.grid import GridLayout
from textual import events
from textual.binding import Binding
from textual.widgets import Static

from knowledge.records import Record, record
from tui.messages import OptionPicked
from tui.widgets.safe import visible

MAX_OPTIONS = 9
MIN_MEASURE = 8
"""Fewest cells a button's label is measured at (see `OptionButton.get_content_height`)."""
_ids = count()


@record
class Choice(Record):
    """One button: whose choice it is (a question or prompt id), the choice's id and its label."""

    owner: str
    id: str
    label: str


class OptionButton(Static, can_focus=True):
    """A button showing its number key; reused for the next question's options (mounting is the slow part).

    Drawn and pressed like Textual's compact Button (Enter, a click; a short press effect) but made as a Static
    with its own few CSS rules (chat.tcss `.option`): a Button is matched against Button's many variant rules
    every time it is styled, which made seven options a large part of the chat's first frame.
    A click chooses without taking the focus from the message box, so the student can click, then type.
    """

    FOCUS_ON_CLICK = False
    ALLOW_SELECT = False
    BINDINGS = [Binding("enter", "press", "Press button", show=False)]
    ACTIVE_EFFECT = 0.2
    """Seconds the press effect lasts (clicks meanwhile are ignored, as a Button does)."""

    def __init__(self, choice: Choice, number: int) -> None:
        super().__init__(classes="option", id=f"option-{next(_ids)}", markup=False)
        self.number = number
        self.choice = choice
        self.label = Content("")
        self.set_choice(choice)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Shim: Rich cannot wrap text into zero cells — `rich.cells.chop_cells` raises "range() arg 3 must not
        be zero" when a layout pass gives the option no width (a 40×10 terminal hiding the chat). The same crash
        in another Textual app: https://github.com/OpenHands/OpenHands-CLI/issues/397. Measured at MIN_MEASURE
        cells at least (its line padding included); tests/tui/test_terminal_sizes.py covers it."""
        return super().get_content_height(container, viewport, max(width, MIN_MEASURE))

    def set_choice(self, choice: Choice) -> None:
        """Show another option; a button that was just pressed is ready again (clicks are ignored while its
        press effect lasts, which would swallow a quick click on the next question's option)."""
        self.remove_class("-active")
        self.choice = choice
        self.label = Content.assemble((f"{self.number} ", "bold"), visible(choice.label))
        self.update(self.label)
        self.tooltip = Content(f"Press {self.number}, or click, to choose: {visible(choice.label)}")

    def press(self) -> None:
        if self.has_class("-active") or self.disabled or not self.display:
            return
        self.add_class("-active")
        self.set_timer(self.ACTIVE_EFFECT, partial(self.remove_class, "-active"))
        self.post_message(OptionPicked(self.choice.owner, self.choice.id, self.choice.label))

    def action_press(self) -> None:
        self.press()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.press()


class OptionsBar(Container):
    """Up to nine buttons, laid out by the CSS (one or two columns); hidden when there are none."""

    def __init__(self, choices: list[Choice] | None = None, *, id: str | None = None) -> None:
        """`choices` are composed with the bar (cheaper than mounting them after the first paint)."""
        choices = (choices or [])[:MAX_OPTIONS]
        super().__init__(*(OptionButton(choice, n) for n, choice in enumerate(choices, start=1)), id=id,
                         classes="-empty" if not choices else "-single" if len(choices) == 1 else "")
        self.choices: list[Choice] = choices

    def pre_layout(self, layout: Layout) -> None:
        """Options side by side are as tall as each other (the taller one's label wraps), as Buttons were."""
        if isinstance(layout, GridLayout):
            layout.stretch_height = True

    def show(self, choices: list[Choice]) -> None:
        """Replace the buttons (no buttons hides the bar)."""
        choices = choices[:MAX_OPTIONS]
        if choices == self.choices:
            return
        self.choices = choices
        buttons = list(self.query_children(OptionButton))
        for button, choice in zip(buttons, choices):
            button.set_choice(choice)
        if len(buttons) > len(choices):
            self.remove_children(buttons[len(choices):])
        elif len(choices) > len(buttons):
            self.mount_all([OptionButton(choice, number)
                            for number, choice in enumerate(choices, start=1) if number > len(buttons)])
        self.update_classes({"-empty": not choices, "-single": len(choices) == 1})

    def pick(self, number: int) -> bool:
        """Choose the numbered option as if its button were pressed; False when there is no such option."""
        if not 1 <= number <= len(self.choices):
            return False
        choice = self.choices[number - 1]
        self.post_message(OptionPicked(choice.owner, choice.id, choice.label))
        return True
