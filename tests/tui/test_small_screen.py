"""80×24 as a first-class size (issue 13): a long answer shows its first line, quotes fold into one line, the
transcript scrolls from the message box, options wrap, the footer fits, typing always reaches the message box,
the comparison uses its height, and the theme is remembered between runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.tui.chat_driver import MakeApp, chat, dialogue, ready, replies_after_last_user, screen_text, send
from tui.screens.compare import CompareScreen
from tui.screens.results import ResultsScreen
from tui.screens.source import SourceScreen
from tui.settings import Settings
from tui.widgets.chat_input import ChatInput
from tui.widgets.citation import CitationLink
from tui.widgets.footer import FittedFooter, fitted
from tui.widgets.options import OptionsBar
from tui.widgets.transcript import CitedBubble, QuotesToggle, Transcript, shown_text

SMALL = (80, 24)
LONG_QUESTION = "what does a medical records technician earn?"


def visible_lines(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.strip(" ▌▎▊") for line in screen_text(pilot).splitlines()]


async def test_a_long_reply_shows_its_first_line_and_folds_its_quotes(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await send(pilot, LONG_QUESTION)
        await pilot.pause()
        reply = replies_after_last_user(pilot)[0]
        assert isinstance(reply, CitedBubble) and len(reply.citations) > 1
        first_line = shown_text(reply).splitlines()[0]
        assert first_line in visible_lines(pilot), "the reply's first line is scrolled out of view"
        toggle = reply.query_one(QuotesToggle)
        assert str(toggle.render()) == f"▸ {len(reply.citations)} quotes — Ctrl+S" and toggle.size.height == 1
        assert not any(link.region.height for link in reply.query(CitationLink)), "folded quotes take no lines"


async def test_ctrl_s_unfolds_the_newest_quotes_and_enter_on_the_line_folds_them(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await send(pilot, LONG_QUESTION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        reply = replies_after_last_user(pilot)[0]
        assert isinstance(reply, CitedBubble) and reply.expanded
        assert isinstance(pilot.app.focused, CitationLink) and pilot.app.focused in reply.query(CitationLink)
        toggle = reply.query_one(QuotesToggle)
        toggle.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not reply.expanded


async def test_page_keys_scroll_the_transcript_from_the_message_box(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await send(pilot, LONG_QUESTION)
        transcript = chat(pilot).query_one(Transcript)
        box = chat(pilot).query_one(ChatInput)
        assert box.has_focus
        for key, moves in [("pageup", "up"), ("home", "up"), ("pagedown", "down"), ("end", "down")]:
            transcript.scroll_to(y=0 if moves == "down" else transcript.max_scroll_y, animate=False, immediate=True)
            await pilot.pause()
            before = transcript.scroll_y
            await pilot.press(key)
            await pilot.pause()
            assert (transcript.scroll_y < before) if moves == "up" else (transcript.scroll_y > before), key
            assert box.has_focus, key


async def test_home_and_end_move_the_cursor_once_something_is_typed(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await send(pilot, LONG_QUESTION)
        box = chat(pilot).query_one(ChatInput)
        await pilot.press(*"coders")
        transcript = chat(pilot).query_one(Transcript)
        before = transcript.scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert box.cursor_position == 0 and transcript.scroll_y == before


async def test_long_option_labels_wrap_instead_of_being_cut(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        bar = chat(pilot).query_one(OptionsBar)
        label = "None — I'd rather work behind the scenes"
        assert bar.size.width // 2 < len(label), "two columns at this size: the label cannot fit on one line"
        lines = visible_lines(pilot)
        assert "scenes" in lines, "the end of the label is on the button's second line"
        first = next(line for line in lines if "1 None" in line)
        assert "scenes" not in first
        assert "…" not in screen_text(pilot).split("Live ranking")[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("advisor", [False, True], ids=["student", "advisor"])
async def test_the_footer_fits_and_shows_quit(make_app: MakeApp, size: tuple[int, int], advisor: bool) -> None:
    async with make_app(advisor=advisor).run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = chat(pilot).query_one(FittedFooter)
        assert fitted(footer)
        last = screen_text(pilot).splitlines()[-1]
        assert "^q Quit" in last and "^r Results" in last and last.rstrip().endswith("^p palette")
        if advisor and size[0] >= 120:
            assert "f2 Why?" in last and "f3 How?" in last


async def test_typing_after_shift_tab_goes_to_the_message_box_and_presses_nothing(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(pilot.app.focused, OptionsBar)
        await pilot.press(*"coding please")
        await pilot.pause()
        box = chat(pilot).query_one(ChatInput)
        assert box.has_focus and box.value == "coding please"
        assert dialogue(pilot).state.answers == {}


async def test_tab_and_enter_still_press_a_button(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await pilot.pause()
        assert len(dialogue(pilot).state.answers) == 1


async def test_back_from_a_source_the_focus_is_where_it_was_and_typing_sends_a_question(
        make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await send(pilot, LONG_QUESTION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        link = pilot.app.focused
        assert isinstance(link, CitationLink)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SourceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is link
        await pilot.press(*"tell me about coders", "enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SourceScreen)
        assert "tell me about coders" in [m.text for m in chat(pilot).query_one(Transcript).messages]


async def test_enter_on_a_citation_of_the_results_opens_its_source(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ResultsScreen)
        await pilot.press("tab")
        await pilot.pause()
        link = pilot.app.focused
        assert isinstance(link, CitationLink)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SourceScreen) and pilot.app.screen.citation == link.citation
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is link


async def test_the_comparison_uses_its_height_and_marks_cut_cells(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.comparison.rows)
        assert table.virtual_size.height <= table.size.height + 1, "every row is on screen at 80×24"
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert any(cell.endswith("…") for cell in cells), "a cut cell ends with an ellipsis"
        lines = screen_text(pilot).splitlines()
        assert sum(1 for line in lines if not line.strip()) <= 2, "the screen is not half empty"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-quotes") and screen.query("#cell-sources CitationLink")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and not screen.has_class("-quotes")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is chat(pilot)


async def test_the_theme_is_remembered_between_runs(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    async with make_app(settings=Settings(path)).run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        await pilot.pause()
        chosen = pilot.app.theme
    assert path.exists()
    again = make_app(settings=Settings.load(path))
    assert again.theme == chosen != "textual-dark"


def test_a_damaged_or_unknown_theme_setting_is_ignored(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert make_app(settings=Settings.load(path)).theme == "textual-dark"
    path.write_text('{"theme": "no-such-theme"}', encoding="utf-8")
    assert make_app(settings=Settings.load(path)).theme == "textual-dark"


def test_no_save_reads_the_theme_but_never_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "textual-light"}', encoding="utf-8")
    settings = Settings.load(path, writable=False)
    assert settings.theme == "textual-light"
    assert settings.remember_theme("textual-dark") is None
    assert '"textual-light"' in path.read_text(encoding="utf-8")
