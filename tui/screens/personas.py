"""Demo students for the advisor: a picker that returns a persona's id (the replay is `rules.personas.replay`).

The picker lists each persona's name, story and the career its answers should put first; Enter or a click
chooses one, Escape cancels. All text is shown as `Content`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.safe import visible

if TYPE_CHECKING:
    from rules.personas import Persona

@dataclass(frozen=True)
class PersonaChoice:
    """What the picker shows for one persona."""

    id: str
    name: str
    story: str
    expect: str
    """The name of the career its answers should put first."""


class PersonasScreen(ModalScreen[str | None]):
    """Pick a demo student; dismisses with the persona's id, or None when cancelled."""

    DEFAULT_CSS = """
    PersonasScreen {
        align: center middle;
    }
    #personas-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-color: $accent;
        background: $surface;
        padding: 0 1;
    }
    #personas-help {
        color: $text-muted;
    }
    #personas-list {
        height: auto;
        max-height: 1fr;
        border: none;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without loading a persona")]

    def __init__(self, personas: list[PersonaChoice]) -> None:
        super().__init__()
        self.personas = personas

    def compose(self) -> ComposeResult:
        with Vertical(id="personas-box") as box:
            box.border_title = "Demo students"
            yield Static(Content("Choose one to replay their answers (Enter or click; Escape to cancel). "
                                 "The conversation starts again."), id="personas-help", markup=False)
            yield OptionList(*(Option(self._prompt(p), id=p.id) for p in self.personas), id="personas-list")

    @staticmethod
    def _prompt(persona: PersonaChoice) -> Content:
        return Content.assemble((visible(persona.name), "bold"), "  → ",
                                (f"expected: {visible(persona.expect)}", "$text-success"), "\n",
                                (visible(persona.story), "$text-muted"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
