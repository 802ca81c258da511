"""The results: every career as a card, best first, with its score, reasons, quotes and the way in.

Each card shows the match score with a bar, any answers the career does not fit (as a warning), the reasons
for and against with the quotes behind them and a link to each source, pay with its year (every figure and
source where the sources disagree), caveats, and — for the top careers — the cited steps to get there.
All text from the sources and the brain is shown as `Content`, never parsed as markup.
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

from knowledge.loader import KnowledgeBase
from knowledge.models import Citation
from knowledge.wording import shown_quote
from rules.dialogue import Dialogue
from rules.compare import COMPARED
from rules.engine import PAY_DISPUTE, headline_medians
from rules.models import Recommendation, Reason
from rules.pathway import Step, pathway
from tui.widgets.citation import CitationLink
from tui.widgets.footer import FittedFooter

EXPANDED = 3
"""How many of the best cards start open; the others show their title line until opened."""
PATHWAYS = 3
"""How many of the best careers get a 'How to get there' section."""
DIRECTIONS: tuple[tuple[str, str, str], ...] = (
    ("for", "Why it fits", "✓ "),
    ("against", "What counts against it", "✗ "),
    ("neutral", "Not decisive either way", "• "),
)


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

    def __init__(self, rec: Recommendation, body: list[Widget], collapsed: bool) -> None:
        super().__init__(id=f"card-{rec.career}", classes="card")
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

    def __init__(self, dialogue: Dialogue) -> None:
        super().__init__()
        self.dialogue = dialogue
        self.kb: KnowledgeBase = dialogue.engine.kb
        self.result = dialogue.result()

    # --- building -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="results-heading", markup=False)
        with VerticalScroll(id="cards", can_focus=False):
            for rec in self.result.recommendations:
                opened = rec.rank <= EXPANDED
                yield Card(rec, list(self._card(rec)) if opened else [], collapsed=not opened)
        yield FittedFooter()

    def _heading(self) -> Content:
        answered = len(self.result.answers)
        if not answered:
            return Content("You haven't answered any questions yet, so every career scores the same. "
                           "Answer a few in the chat for a real ranking.")
        text = f"Your matches, best first, from {answered} answer{'s' if answered > 1 else ''}. "
        text += ("More answers can no longer change the top pick." if self.result.stable
                 else "More answers could still change the order.")
        if self.result.near_tie is not None:
            text += " " + self.result.near_tie.sentence
        return Content(text)

    def _card(self, rec: Recommendation) -> Iterable[Widget]:
        yield from self._mismatches(rec)
        for direction, heading, mark in DIRECTIONS:
            reasons = [r for r in rec.reasons if r.direction == direction]
            if reasons:
                yield Static(Content(heading), classes=f"section {direction}", markup=False)
                for reason in reasons:
                    yield from self._reason(reason, mark, direction)
        yield from self._pay(rec)
        for caveat in rec.caveats:
            if caveat.disputed == PAY_DISPUTE:
                continue  # the pay section already lists every figure with its source
            yield Static(Content.assemble(("Note: ", "bold"), caveat.text), classes="caveat", markup=False)
        if rec.rank <= PATHWAYS:
            yield from self._pathway(rec.career)

    def _mismatches(self, rec: Recommendation) -> Iterable[Widget]:
        rulebook = self.dialogue.engine.rulebook
        for question_id in rec.mismatches:
            question = rulebook.question(question_id)
            answer = self.result.answers.get(question_id)
            said = f" — you said “{question.label(answer)}”" if answer is not None else ""
            yield Static(Content.assemble(("⚠ Doesn't fit: ", "bold"), question.text, said),
                         classes="mismatch", markup=False)

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

    def _pay(self, rec: Recommendation) -> Iterable[Widget]:
        medians = headline_medians(self.kb, rec.career)
        yield Static(Content("Pay"), classes="section", markup=False)
        if not medians:
            yield Static(Content("The sources give no pay figure for this career."), classes="pay",
                         markup=False)
            return
        if len({m.amount for m in medians}) > 1:
            yield Static(Content("The sources disagree on median pay; every figure, with its year and source:"),
                         classes="pay", markup=False)
            ordered = sorted(medians, key=lambda m: m.amount)
        else:
            ordered = medians[:1]
        for median in ordered:
            about = "about " if median.approximate else ""
            year = median.year if median.year is not None else "undated"
            line = Content(f"• Median pay {about}${median.amount:,} a year ({year})")
            yield CitationLink(self.kb, self.kb.citation(rec.career, median), before=line, classes="cite pay")

    def _pathway(self, career: str) -> Iterable[Widget]:
        yield Static(Content("How to get there"), classes="section pathway", markup=False)
        steps = pathway(self.kb, career)
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

    # --- behaviour ----------------------------------------------------------------------------------

    def on_card_opened(self, event: Card.Opened) -> None:
        """Cards that start closed are filled the first time they open (keeps the screen quick to show)."""
        card = event.card
        if not card.has_class("-filled") and card.rec.rank > EXPANDED:
            card.add_class("-filled")
            card.query_one(".card-body").mount_all(list(self._card(card.rec)))

    def on_mount(self) -> None:
        titles = self._titles()
        if titles:
            titles[0].focus()

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
        from tui.screens.compare import CompareScreen

        best = [rec.career for rec in self.result.recommendations[:COMPARED]]
        self.app.push_screen(CompareScreen(self.kb, best))

    def action_back(self) -> None:
        self.dismiss()
