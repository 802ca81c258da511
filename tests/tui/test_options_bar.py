"""The options bar: one widget that draws every option as a button. A click chooses the option under the pointer
(either column), the arrow keys and Enter choose with the focus on the bar, a quick second click is not a second
answer, the pointer shows which option a click would choose, and a label is never read as markup."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.chat_driver import MakeApp, chat, dialogue, ready, screen_text, user_texts
from tui.widgets.chat_input import ChatInput
from tui.widgets.options import Choice, OptionsBar

SMALL = (80, 24)
"""Two columns of options."""
TALL = (100, 30)
"""One option per line."""


def bar(pilot: Pilot) -> OptionsBar:
    return chat(pilot).query_one(OptionsBar)


def where(pilot: Pilot, text: str) -> tuple[int, int]:
    """The offset in the bar of the first cell showing `text`."""
    region = bar(pilot).content_region
    lines = screen_text(pilot).splitlines()
    for y in range(region.y, region.bottom):
        x = lines[y].find(text, region.x)
        if x != -1:
            return x - bar(pilot).region.x, y - bar(pilot).region.y
    raise AssertionError(f"{text!r} is not on the options bar")


async def test_a_click_in_the_second_column_chooses_that_option(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        assert where(pilot, "2 Coding")[0] > bar(pilot).size.width // 2, "two columns at 80×24"
        await pilot.click(OptionsBar, offset=where(pilot, "2 Coding"))
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "coding"}
        assert chat(pilot).query_one(ChatInput).has_focus, "a click leaves the focus in the message box"


async def test_a_click_on_a_wrapped_label_s_second_line_chooses_it(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.click(OptionsBar, offset=where(pilot, "scenes"))
        await pilot.pause()
        assert dialogue(pilot).state.answers["patient_contact"] == "none"


async def test_a_second_press_while_the_first_shows_is_not_a_second_answer(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        bar(pilot).press(0)
        bar(pilot).press(1)  # before the first press has been answered and the options replaced
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "records"}
        assert user_texts(pilot) == ["Keeping patient records complete and accurate"], "one press, one message"


async def test_arrow_keys_move_between_options_and_enter_chooses(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")
        assert isinstance(pilot.app.focused, OptionsBar)
        await pilot.press(*["down"] * 9, "up")
        await pilot.press("enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "front_office_and_clinical"}, "the last but one"


async def test_the_option_enter_would_choose_is_drawn_reversed_while_the_bar_has_the_focus(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        assert not any(strip_reversed(pilot, y) for y in range(7)), "no highlight while the box has the focus"
        await pilot.press("shift+tab", "down")
        await pilot.pause()
        assert [strip_reversed(pilot, y) for y in range(3)] == [False, True, False]


def strip_reversed(pilot: Pilot, y: int) -> bool:
    return any(segment.style is not None and segment.style.reverse for segment in bar(pilot).render_line(y))


async def test_left_and_right_move_across_the_two_columns(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab", "right", "down", "left", "enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "cancer_data"}, "the third option: right, down, left"


async def test_the_pointer_highlights_an_option_and_says_how_to_choose_it(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        await pilot.hover(OptionsBar, offset=where(pilot, "3 Tracking"))
        await pilot.pause()
        assert bar(pilot).hovered == 2
        assert "Click, or type 3 and Enter, to choose: Tracking cancer cases" in str(bar(pilot).tooltip)
        plain, hovered = (bar(pilot).get_component_rich_style(*names).bgcolor
                          for names in (("options-bar--option",),
                                        ("options-bar--option", "options-bar--option-hover")))
        assert plain != hovered
        drawn = [{s.style.bgcolor for s in bar(pilot).render_line(y) if s.style is not None} for y in (1, 2)]
        assert drawn == [{plain}, {hovered}], "the option under the pointer is drawn darker, the others are not"
        await pilot.hover(ChatInput)
        await pilot.pause()
        assert bar(pilot).hovered is None and bar(pilot).tooltip is None


async def test_a_new_theme_redraws_the_options_in_its_colours(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        dark = bar(pilot).render_line(0)
        await pilot.press("f9")  # light
        await pilot.pause()
        light = bar(pilot).render_line(0)
        assert light.text == dark.text
        colours = {segment.style.bgcolor for segment in light if segment.style is not None}
        assert colours == {bar(pilot).get_component_rich_style("options-bar--option").bgcolor}
        assert colours != {segment.style.bgcolor for segment in dark if segment.style is not None}


async def test_a_label_is_shown_as_written_never_as_markup(make_app: MakeApp) -> None:
    async with make_app().run_test(size=TALL) as pilot:
        await ready(pilot)
        bar(pilot).show([Choice("prompt", "a", "[bold]yes[/bold] \x1b[31m"), Choice("prompt", "b", "no")])
        await pilot.pause()
        assert "1 [bold]yes[/bold] ␛[31m" in screen_text(pilot)
        assert bar(pilot).size.height == 2
