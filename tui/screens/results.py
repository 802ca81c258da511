"""The results: every career as a card, best first, with its score, reasons, quotes and the way in.

Each card shows the match score with a bar, any answers the career does not fit (as a warning), the reasons
for and against with the quotes behind them and a link to each source, pay with its year (every figure and
source where the sources disagree), caveats, and — for the top careers — the cited steps to get there.
What to show comes from the conversation as a `rules.views.ResultsView`; this screen only lays it out.
All text from the sources and the brain is shown as `Content`, never parsed as markup.

Typing goes back to the chat (`tui.screens.typing`). When the results open by themselves (an answer settled the
top pick, the quiz ended) the student may be in the middle of typing: until they use this screen (an arrow,
Tab, a page key, the mouse), every printable key and Backspace goes back to the chat as if the screen had never
opened — `c` and `q` included — and so does Enter while the chat's message box holds text (it sends it). Once
they use it, or when they asked for it, `c` compares and `q` goes back, and any other printable key returns to
the chat's message box as text. A line under the heading says which.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from knowledge.models import Citation
from knowledge.wording import shown_quote
from rules.models import Recommendation, Reason
from rules.pathway import Step
from rules.views import CareerCard, ResultsView
from tui.screens.typing import BACK_AS_KEY, BACK_AS_TEXT, Typing, is_bound
from tui.widgets.citation import CitationLink
from tui.widgets.footer import FittedFooter

EXPANDED = 3
"""How many of the best cards start open; the others show their title line until opened."""
DIRECTIONS: tuple[tuple[str, str, str], ...] = (
    ("for", "Why it fits", "✓ "),
    ("against", "What counts against it", "✗ "),
    ("neutral", "Not decisive either way", "• "),
)
TYPING_THROUGH_HINT = "Opened by itself: keep typing, it goes to the chat. ↓ or Tab to read here."
"""Under the heading while the results opened by themselves and the student has not used them yet."""
TYPING_HINT = "Start typing to go back to the chat: your keys go into the message box."
"""Under the heading otherwise."""
TYPING_KEYS = frozenset({"backspace"})
"""Keys besides the printable ones that belong to the chat while the screen has not been used."""


def score_bar(score: int, width: int = 10) -> Content:
    """A bar of `width` cells, filled in proportion to a 0-100 score."""
    filled = round(score * width / 100)
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "$foreground 30%"))


def card_title(rec: Recommendation) -> Content:
    """'1. Medical records technician  ███░░ 87/100 · judged on 5 of 7 answers', plus the answers it does not
    fit."""
    parts: list[str | Content | tuple[str, str]] = [(f"{rec.rank}. {rec.name}", "bold"), "  ",
                                                    score_bar(rec.score), f" {rec.score}/100"]
    if rec.answered:
        parts.append((f" · {rec.evidence}", "$text-muted"))
    if rec.mismatches:
        count = len(rec.mismatches)
        parts.append((f"  ⚠ doesn't fit {count} answer{'s' if count > 1 else ''}", "$text-warning"))
    return Content.assemble(*parts)


class CardTitle(Static, can_focus=True):
    """A card's one-line summary; Enter or a click opens or closes the card."""

    BINDINGS = [Binding("enter", "toggle", "Open/close card")]

    class Toggle(Message):
        """Asks the card to open or close."""

    def __init__(self, summary: Content) -> None:
        super().__init__(markup=False, classes="card-title")
        self.summary = summary

    def show(self, collapsed: bool) -> None:
        self.update(Content.assemble("▶ " if collapsed else "▼ ", self.summary))

    def action_toggle(self) -> None:
        self.post_message(self.Toggle())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Toggle())


class Card(Vertical):
    """One career: a focusable title line and a body shown when open.

    Not a `Collapsible`: that widget restyles every descendant on each focus change (`:focus-within`), which
    made moving between citations slow on cards with many of them.
    """

    collapsed: reactive[bool] = reactive(True, init=False)

    class Opened(Message):
        """The card was opened (it may need filling)."""

        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    def __init__(self, card: CareerCard, body: list[Widget], collapsed: bool) -> None:
        rec = card.rec
        super().__init__(id=f"card-{rec.career}", classes="card")
        self.card = card
        self.rec = rec
        self._body = body
        self.set_reactive(Card.collapsed, collapsed)
        self.set_class(collapsed, "-collapsed")

    def compose(self) -> ComposeResult:
        title = CardTitle(card_title(self.rec))
        title.show(self.collapsed)
        yield title
        yield Vertical(*self._body, classes="card-body")

    def on_card_title_toggle(self, event: CardTitle.Toggle) -> None:
        event.stop()
        self.collapsed = not self.collapsed

    def watch_collapsed(self, collapsed: bool) -> None:
        self.set_class(collapsed, "-collapsed")
        self.query_one(CardTitle).show(collapsed)
        if not collapsed:
            self.post_message(self.Opened(self))


class ResultsScreen(Screen[None]):
    """Recommendation cards, best first; Enter on a citation opens its source, `c` compares the best."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the chat"),
        Binding("q", "back", "Back", show=False),
        Binding("c", "compare", "Compare top careers", tooltip="Compare the best careers side by side"),
        Binding("down", "next_card", "Next card", show=False, priority=True),
        Binding("up", "previous_card", "Previous card", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def __init__(self, view: ResultsView, *, by_itself: bool = False) -> None:
        super().__init__()
        self.view = view
        self.kb = view.kb
        """Where the citations open their source."""
        self.typing_through = by_itself
        """Opened by itself and not used yet: every printable key goes back to the chat (see the module)."""

    # --- building -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="results-heading", markup=False)
        yield Static(self._typing_hint(), id="typing-hint", markup=False,
                     classes="-through" if self.typing_through else None)
        with VerticalScroll(id="cards", can_focus=False):
            for card in self.view.cards:
                opened = card.rec.rank <= EXPANDED
                yield Card(card, list(self._card(card)) if opened else [], collapsed=not opened)
        yield FittedFooter()

    def _heading(self) -> Content:
        view = self.view
        if not view.answered:
            return Content("You haven't answered any questions yet, so every career scores the same. "
                           "Answer a few in the chat for a real ranking.")
        text = f"Your matches, best first, from {view.answered} answer{'s' if view.answered > 1 else ''}. "
        text += ("More answers can no longer change the top pick." if view.stable
                 else "More answers could still change the order.")
        if view.near_tie is not None:
            text += " " + view.near_tie
        return Content(text)

    def _typing_hint(self) -> Content:
        return Content(TYPING_THROUGH_HINT if self.typing_through else TYPING_HINT)

    def _card(self, card: CareerCard) -> Iterable[Widget]:
        for misfit in card.misfits:
            said = f" — you said “{misfit.said}”" if misfit.said is not None else ""
            yield Static(Content.assemble(("⚠ Doesn't fit: ", "bold"), misfit.question, said),
                         classes="mismatch", markup=False)
        for direction, heading, mark in DIRECTIONS:
            reasons = [r for r in card.rec.reasons if r.direction == direction]
            if reasons:
                yield Static(Content(heading), classes=f"section {direction}", markup=False)
                for reason in reasons:
                    yield from self._reason(reason, mark, direction)
        yield from self._pay(card)
        for caveat in card.caveats:
            yield Static(Content.assemble(("Note: ", "bold"), caveat), classes="caveat", markup=False)
        if card.pathway is not None:
            yield from self._pathway(card.pathway)

    def _reason(self, reason: Reason, mark: str, direction: str) -> Iterable[Widget]:
        yield Static(Content(mark + reason.text), classes=f"reason {direction}", markup=False)
        yield from self._quotes(reason.citations)

    def _quotes(self, citations: list[Citation]) -> Iterable[Widget]:
        """Each quote with the link to its source; quotes from the same source line share one link."""
        places: dict[tuple[str, int], list[Citation]] = {}
        for citation in citations:
            places.setdefault((citation.source, citation.line), []).append(citation)
        for same in places.values():
            before = None
            if len(same) > 1:
                before = Content("\n").join(Content.styled(f"“{shown_quote(c.quote)}”", "italic $text-muted")
                                             for c in same[:-1])
            yield CitationLink(self.kb, same[-1], show_quote=True, before=before, classes="cite")

    def _pay(self, card: CareerCard) -> Iterable[Widget]:
        yield Static(Content("Pay"), classes="section", markup=False)
        if not card.pay:
            yield Static(Content("The sources give no pay figure for this career."), classes="pay",
                         markup=False)
            return
        if card.pay_disputed:
            yield Static(Content("The sources disagree on median pay; every figure, with its year and source:"),
                         classes="pay", markup=False)
        for figure in card.pay:
            about = "about " if figure.approximate else ""
            year = figure.year if figure.year is not None else "undated"
            line = Content(f"• Median pay {about}${figure.amount:,} a year ({year})")
            yield CitationLink(self.kb, figure.citation, before=line, classes="cite pay")

    def _pathway(self, steps: tuple[Step, ...]) -> Iterable[Widget]:
        yield Static(Content("How to get there"), classes="section pathway", markup=False)
        if not steps:
            yield Static(Content("The sources don't describe the way into this career."), classes="step",
                         markup=False)
            return
        for number, step in enumerate(steps, start=1):
            others = len({(c.source, c.line) for c in step.citations}) - 1
            more = f"(+{others} more source passage{'s' if others > 1 else ''})" if others else ""
            yield CitationLink(self.kb, step.citations[0], show_quote=True, before=self._step_text(number, step),
                               more=more, classes="cite step")

    @staticmethod
    def _step_text(number: int, step: Step) -> Content:
        facts = []
        if step.time:
            facts.append(f"Time: {step.time}")
        if step.cost:
            facts.append(f"Cost: {step.cost}")
        parts: list[str | tuple[str, str]] = [(f"{number}. {step.title}", "bold")]
        if facts:
            parts += ["\n", (" · ".join(facts), "bold $text-success")]
        parts += ["\n", step.detail]
        return Content.assemble(*parts)

    # --- typing goes back to the chat ------------------------------------------------------------------

    def typing_for_chat(self, event: events.Key, draft: bool) -> Typing | None:
        """Asked by the app for every key while this screen is on top (`tui.screens.typing`); `draft`: the
        chat's message box holds text (Enter sends it)."""
        if self.typing_through:
            if event.is_printable or event.key in TYPING_KEYS or (event.key == "enter" and draft):
                return BACK_AS_KEY
            self.used()
            return None
        if event.is_printable and not is_bound(self, event.key):
            return BACK_AS_TEXT
        return None

    def used(self) -> None:
        """The student is using the screen: its own keys work from now on."""
        if not self.typing_through:
            return
        self.typing_through = False
        hint = self.query_one("#typing-hint", Static)
        hint.update(self._typing_hint())
        hint.remove_class("-through")
        self.refresh_bindings()

    def on_mouse_down(self) -> None:
        self.used()

    def on_mouse_scroll_down(self) -> None:
        self.used()

    def on_mouse_scroll_up(self) -> None:
        self.used()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` shows as not available (dimmed in the footer) while typing still goes to the chat."""
        if action == "compare" and self.typing_through:
            return None
        return True

    # --- behaviour ----------------------------------------------------------------------------------

    def on_card_opened(self, event: Card.Opened) -> None:
        """Cards that start closed are filled the first time they open (keeps the screen quick to show)."""
        card = event.card
        if not card.has_class("-filled") and card.rec.rank > EXPANDED:
            card.add_class("-filled")
            card.query_one(".card-body").mount_all(list(self._card(card.card)))

    def on_mount(self) -> None:
        self._focus_first()

    def _focus_first(self) -> None:
        titles = self._titles()
        if titles:
            titles[0].focus()

    def show_view(self, view: ResultsView) -> None:
        """Show other results (the answers changed while this screen was open), from the top."""
        self.view = view
        self.kb = view.kb

        async def rebuild() -> None:
            await self.recompose()
            self._focus_first()

        self.call_next(rebuild)

    def _titles(self) -> list[Widget]:
        return list(self.query(CardTitle))

    def _current_card(self) -> int:
        focused = self.focused
        cards = list(self.query(Card))
        while focused is not None and focused not in cards:
            focused = focused.parent  # type: ignore[assignment]
        return cards.index(focused) if focused is not None else -1

    def _focus_card(self, index: int) -> None:
        titles = self._titles()
        if not titles:
            return
        index = max(0, min(len(titles) - 1, index))
        titles[index].focus(scroll_visible=False)
        card = titles[index].parent
        if card is not None:
            self.query_one("#cards", VerticalScroll).scroll_to_widget(card, top=True, animate=False)

    def action_next_card(self) -> None:
        self._focus_card(self._current_card() + 1)

    def action_previous_card(self) -> None:
        current = self._current_card()
        titles = self._titles()
        on_title = 0 <= current < len(titles) and self.focused is titles[current]
        self._focus_card(current - 1 if on_title else max(current, 0))

    def action_page(self, direction: int) -> None:
        cards = self.query_one("#cards", VerticalScroll)
        if direction > 0:
            cards.scroll_page_down(animate=False)
        else:
            cards.scroll_page_up(animate=False)

    def action_compare(self) -> None:
        """Compare the careers the view names (the best ones)."""
        from rules.views import compare_view
        from tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(compare_view(self.kb, self.view.compared)))

    def action_back(self) -> None:
        self.dismiss()
