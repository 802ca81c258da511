"""A footer that always fits: as many keys as the width allows, the most useful first, never cut mid-word.

Textual's `Footer` lays every shown binding out in one row and lets the last ones run off the edge ("f6 Cont▏"
at 120 columns in advisor mode, "^p palettef" at 80). `FittedFooter` keeps the keys in their usual order
but leaves out, whole, the least important ones that would not fit; the keys still work, and the command palette
(Ctrl+P, always shown at the right) lists every action. Quit is kept first of all.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEEP_FIRST: tuple[str, ...] = (
    "quit", "app.results", "app.compare", "back", "latest_citation", "why", "how", "choose", "compare",
    "show_quote", "app.restart", "personas", "cycle_trace(1)", "cycle_trace(-1)", "toggle_contrast",
    "toggle_light",
)
"""Actions in the order they are kept when space runs out (the others come after, in footer order)."""
PALETTE_EXTRA = 1
"""The palette key's left border."""


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells a key takes in the footer row, its margin included (see FooterKey's and Footer's CSS)."""
    width = cell_len(key.key_display)
    if key.description:
        width += cell_len(key.description) + 1 + (0 if compact else 2)
    return width + 1


class FittedFooter(Footer):
    """A compact footer that leaves out the least important keys that would not fit its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self._width = 0

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())  # no binding groups here, so every item is a FooterKey
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        room = (self.size.width or self.app.size.width) - sum(
            key_width(p, self.compact) + PALETTE_EXTRA for p in palette if isinstance(p, FooterKey))
        self._width = self.size.width
        kept = set(self._fitting(keys, room))
        yield from (w for w in widgets if w in kept or w in palette or not isinstance(w, FooterKey))

    def _fitting(self, keys: list[FooterKey], room: int) -> list[FooterKey]:
        order = {action: rank for rank, action in enumerate(KEEP_FIRST)}
        ranked = sorted(keys, key=lambda k: (order.get(k.action, len(order)), keys.index(k)))
        kept: list[FooterKey] = []
        for key in ranked:
            needed = key_width(key, self.compact)
            if needed <= room:
                kept.append(key)
                room -= needed
        return kept

    def on_resize(self) -> None:
        if self.size.width != self._width and self._bindings_ready:
            self.call_after_refresh(self.recompose)


def fitted(footer: Widget) -> bool:
    """True when every key the footer shows ends inside it (for tests)."""
    right = footer.region.right
    return all(key.region.right <= right for key in footer.query(FooterKey))
