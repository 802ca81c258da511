"""What a student sees on the results, comparison and source screens, driven with the keyboard and mouse."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Static, TextArea

from knowledge.base import KnowledgeBase, SourceText
from knowledge.models import Citation
from rules.compare import ROWS
from rules.dialogue import Dialogue
from rules.views import ResultsView, compare_view, results_view
from tui.screens.compare import CompareScreen
from tui.screens.results import Card, ResultsScreen
from tui.screens.source import SourceScreen, locate
from tui.widgets.citation import CitationLink

ANSWERS: dict[str, str | int] = {
    "focus": "records", "patient_contact": "none", "training_months": 12, "pay_min": 35000, "exam": "yes",
    "science": "avoid", "equipment": "no", "computer_work": "yes", "schedule": "daytime_only",
}
COMPARED = ["medical_records_technician", "medical_coder", "licensed_practical_nurse"]
NASTY = "[/] [bold]x [link=x]y [/"


def answered(answers: dict[str, str | int] = ANSWERS) -> Dialogue:
    """A dialogue whose open questions were answered with `answers` (as buttons would), until none is left."""
    dialogue = Dialogue()
    dialogue.start()
    while dialogue.current is not None and dialogue.current.id in answers:
        dialogue.choose(answers[dialogue.current.id])
    return dialogue


def shown(dialogue: Dialogue) -> ResultsView:
    """What the results screen shows for this dialogue (as the conversation hands it over)."""
    return results_view(dialogue.engine, dialogue.result())


class Host(App[None]):
    """A bare app that opens one screen, standing in for the chat app."""

    def __init__(self, screen: Screen[None]) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


def plain(widget: Static) -> str:
    return str(widget.render())


def on_screen(widget) -> bool:  # type: ignore[no-untyped-def]
    """True when at least one row of the widget is inside the visible screen."""
    region = widget.region
    return region.height > 0 and region.y < widget.screen.size.height and region.bottom > 0


# --- results ---------------------------------------------------------------------------------------


async def test_cards_are_ranked_best_first_with_their_scores() -> None:
    dialogue = answered()
    ranking = dialogue.result().recommendations
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cards = list(app.screen.query(Card))
        assert [c.id for c in cards] == [f"card-{r.career}" for r in ranking]
        titles = [str(c.query_one(".card-title").render()) for c in cards]
        for title, rec in zip(titles, ranking):
            assert f"{rec.rank}. {rec.name}" in title and f"{rec.score}/100" in title
        assert [c.collapsed for c in cards[:3]] == [False, False, False]
        assert all(c.collapsed for c in cards[3:])


async def test_a_career_that_does_not_fit_says_which_answer() -> None:
    dialogue = answered()
    misfit = next(r for r in dialogue.result().recommendations if r.mismatches)
    question = dialogue.engine.rulebook.question(misfit.mismatches[0])
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(f"#card-{misfit.career}", Card)
        assert "doesn't fit" in str(card.query_one(".card-title").render())
        card.collapsed = False
        await pilot.pause()
        lines = [plain(w) for w in card.query(".mismatch").results(Static)]
        assert any(line.startswith("⚠ Doesn't fit: ") and question.text in line for line in lines)


async def test_reasons_show_their_quotes_and_open_the_source_at_the_quote() -> None:
    dialogue = answered()
    top = dialogue.result().recommendations[0]
    reason = next(r for r in top.reasons if r.direction == "for" and r.citations)
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        quotes = [w for w in app.screen.query(".cite").results(Static) if reason.citations[0].quote in plain(w)]
        assert quotes and on_screen(quotes[0])
        await pilot.press("tab")
        link = app.focused
        assert isinstance(link, CitationLink)
        assert link.citation.title in plain(link) and f"line {link.citation.line}" in plain(link)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        area = app.screen.query_one(TextArea)
        assert " ".join(area.selected_text.split()) == " ".join(link.citation.quote.split())
        x, y = area.cursor_screen_offset
        assert area.content_region.contains(x, y), "the quote's first line is scrolled into view"
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_pay_shows_every_disagreeing_figure_with_its_year() -> None:
    dialogue = answered()
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#card-medical_records_technician")
        pay = [line for w in card.query(".pay").results(Static) for line in plain(w).splitlines()]
        assert any("disagree" in line for line in pay)
        assert "• Median pay $47,190 a year (2023)" in pay
        assert "• Median pay $32,350 a year (2010)" in pay
        assert "• Median pay about $40,000 a year (undated)" in pay
        assert "↗ Complete Medical Records Technician Career Guide, 2023, line 7" in pay


async def test_how_to_get_there_gives_time_and_cost_with_quotes() -> None:
    dialogue = answered()
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#card-medical_records_technician")
        steps = [plain(w) for w in card.query(".step").results(Static)]
        certificate = next(s for s in steps if "Certificate program" in s)
        assert "9–12 months" in certificate and "Cost: $3,000–$10,000" in certificate
        assert "usually 9-12 months, and range from $3,000 to $10,000" in certificate
        assert "↗ Complete Medical Records Technician Career Guide, undated, line 162" in certificate


async def test_arrow_keys_move_between_cards_and_c_compares_the_best() -> None:
    dialogue = answered()
    ranking = dialogue.result().recommendations
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        assert app.focused is not None and app.focused.parent is not None
        assert app.focused.parent.id == f"card-{ranking[2].career}"
        await pilot.press("up")
        assert app.focused.parent.id == f"card-{ranking[1].career}"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.careers == [r.career for r in ranking[:3]]
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, (CompareScreen, ResultsScreen))


async def test_closed_card_fills_in_when_opened() -> None:
    dialogue = answered()
    last = dialogue.result().recommendations[-1]
    app = Host(ResultsScreen(shown(dialogue)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(f"#card-{last.career}", Card)
        assert not card.query(".reason")
        await pilot.press(*["down"] * (last.rank - 1), "enter")
        await pilot.pause()
        assert not card.collapsed
        reasons = [plain(w) for w in card.query(".reason").results(Static)]
        assert any(last.reasons[0].text in r for r in reasons)


async def test_results_before_any_answer_say_so() -> None:
    app = Host(ResultsScreen(shown(answered({}))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "haven't answered any questions" in plain(app.screen.query_one("#results-heading", Static))


# --- comparison ------------------------------------------------------------------------------------


async def test_compare_shows_rows_and_the_quotes_of_a_selected_cell(kb) -> None:  # type: ignore[no-untyped-def]
    app = Host(CompareScreen(compare_view(kb, COMPARED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        labels = [str(row.label) for row in table.ordered_rows]
        assert labels == [label for label, _ in ROWS]
        assert [str(c.label).replace("\n", " ") for c in table.ordered_columns][:2] == \
            ["Medical records technician", "Medical coder"]
        caveats = plain(app.screen.query_one("#compare-caveats", Static))
        assert "different years (2011–2023)" in caveats
        await pilot.press("enter")
        await pilot.pause()
        quotes = [plain(w) for w in app.screen.query("#cell-sources .cite").results(Static)]
        assert any("usually 9-12 months, and range from $3,000 to $10,000" in q for q in quotes)
        assert any("↗ Complete Medical Records Technician Career Guide, undated, line 162" in q for q in quotes)
        heading = plain(app.screen.query_one("#cell-sources .cell-heading", Static))
        assert heading.startswith("Training — Medical records technician: ")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_compare_cell_without_sources_says_so(kb) -> None:  # type: ignore[no-untyped-def]
    app = Host(CompareScreen(compare_view(kb, COMPARED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Cost of a licensed practical nurse: not in the sources (a coder's is the technicians', inherited).
        await pilot.press("down", "right", "right", "enter")
        await pilot.pause()
        shown = [plain(w) for w in app.screen.query("#cell-sources Static").results(Static)]
        assert shown[-1] == "No source gives this, so there is nothing to quote."
        assert not app.screen.query("#cell-sources CitationLink")


async def test_choosing_careers_changes_the_columns(kb) -> None:  # type: ignore[no-untyped-def]
    app = Host(CompareScreen(compare_view(kb, COMPARED)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        names = list(kb.careers)
        # Toggle the first career in the list (on or off) and apply.
        await pilot.press("space", "a")
        await pilot.pause()
        expected = [c for c in names if (c in COMPARED) != (c == names[0])]
        assert app.screen.careers == expected
        assert len(app.screen.query_one(DataTable).columns) == len(expected)


# --- source ----------------------------------------------------------------------------------------


def test_quotes_are_found_whatever_the_white_space() -> None:
    text = "Title\nfirst line\nthe quick\n   brown   fox jumps\nthe quick brown fox again\n"
    assert locate(text, "quick brown fox", 3) == ((2, 4), (3, 14))
    assert locate(text, "quick brown fox", 5) == ((4, 4), (4, 19))
    assert locate(text, "purple fox", 3) is None


async def test_source_opens_at_the_highlighted_quote_at_both_sizes(kb) -> None:  # type: ignore[no-untyped-def]
    fact = kb.fact("medical_records_technician", "training_certificate_9_12")
    citation = kb.citation("medical_records_technician", fact)
    for size in ((80, 24), (120, 40)):
        app = Host(SourceScreen(kb, citation))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            heading = plain(screen.query_one("#source-title", Static))
            assert "Complete Medical Records Technician Career Guide" in heading
            assert "Publisher: Himalayas" in heading and "Years of data: 2022, 2023, 2025, 2032" in heading
            area = screen.query_one(TextArea)
            assert area.selected_text.startswith("Certificate programs, on the other hand")
            assert min(area.selection)[0] == citation.line - 1
            assert area.scroll_offset.y > 0
            x, y = area.cursor_screen_offset
            assert area.content_region.contains(x, y)


async def test_text_that_looks_like_markup_is_shown_as_written(kb: KnowledgeBase,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    source = replace(kb.sources["mrt_degree"], title=NASTY, publisher="[b]pub")
    text = f"{NASTY}\nsome words [/] then the quote\n   [bold]spans  two\nlines [/link]\n"
    fake = KnowledgeBase(root=tmp_path, sources={"mrt_degree": source}, texts={"mrt_degree": SourceText(text)},
                         careers={}, lines={})
    citation = Citation(source="mrt_degree", title=NASTY, line=2, quote="the quote [bold]spans two lines [/link]",
                        year=None)
    app = Host(SourceScreen(fake, citation))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert NASTY in plain(app.screen.query_one("#source-title", Static))
        assert "Publisher: [b]pub" in plain(app.screen.query_one("#source-title", Static))
        area = app.screen.query_one(TextArea)
        assert " ".join(area.selected_text.split()) == "the quote [bold]spans two lines [/link]"
        link = CitationLink(fake, citation)
        await app.screen.mount(link)
        assert plain(link) == f"↗ {NASTY}, undated, line 2"
        link.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and app.screen.citation == citation


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_source_closes_with_escape_or_q(kb, key: str) -> None:  # type: ignore[no-untyped-def]
    citation = kb.citation("licensed_practical_nurse", kb.fact("licensed_practical_nurse", "credential_licence_exam"))
    app = Host(SourceScreen(kb, citation))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)
