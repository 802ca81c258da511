"""Parts of a screen that arrive a frame after the rest: the first frame shows what the student needs first.

On the chat screen the question, its options and the message box are drawn first; the title bar, the live
ranking (empty until the brain has loaded) and the footer follow in the next frame, which spares the first
one their widgets, their CSS and their modules. A `Deferred` holds its widget's place meanwhile: an empty
widget that the screen's CSS sizes and colours like the widget it stands for, so nothing moves when the
widget arrives. `reveal` swaps every placeholder on a screen for its widget in one batch (one layout, one
frame). Textual's own `textual.lazy.Lazy` does this for widgets that start hidden: it has `display: none`,
so a visible widget arriving through it would push the rest of the screen about.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget


class Deferred(Widget):
    """The place of the widget `make` builds, until `reveal`; zero lines tall unless the CSS sizes it."""

    DEFAULT_CSS = """
    Deferred {
        height: 0;
    }
    """

    def __init__(self, make: Callable[[], Widget], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.make = make

    def render(self) -> Content:
        return Content()  # a plain Widget would show its name ('Deferred#footer-slot')


async def reveal(node: DOMNode) -> list[Widget]:
    """Put every deferred widget under `node` in its placeholder's place, all in one frame; the widgets."""
    placeholders = list(node.query(Deferred))
    widgets: list[Widget] = []
    with node.app.batch_update():
        for placeholder in placeholders:
            parent = placeholder.parent
            if not isinstance(parent, Widget):
                continue
            widget = placeholder.make()
            await parent.mount(widget, after=placeholder)
            await placeholder.remove()
            widgets.append(widget)
    return widgets
