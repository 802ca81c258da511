"""The chat's start-up: what its first frame shows and waits for (never how long it takes: that is
`python -m tests.benchmarks --only start-up`).

The first frame is made with the greeting, the first question with its options, the progress and the message
box, laid out for the terminal's size; the title bar, the ranking and the footer arrive in the frame after it, and
the brain loads after that. Nothing the first frame waits for imports the brain's modules (pydantic, the
knowledge base, the engine), the other screens, the report or browser mode.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Header, Static

from tests.tui.chat_driver import MakeApp, chat, ready
from tui.arguments import app_args, build_parser
from tui.cli import CHAT_DEFAULTS
from tui.widgets.chat_input import ChatInput
from tui.widgets.deferred import Deferred
from tui.widgets.footer import FittedFooter
from tui.widgets.options import OptionsBar
from tui.widgets.progress import ProgressLine
from tui.widgets.ranking import RankingPanel

ROOT = Path(__file__).resolve().parents[2]

FIRST_FRAME = """
import json, sys
import textual.screen

from tui.app import CareerQuizApp

seen = {}
refresh = textual.screen.Screen._compositor_refresh


def first_refresh(screen):
    refresh(screen)
    if not seen and type(screen).__name__ == "ChatScreen":
        seen["modules"] = sorted(sys.modules)
        seen["classes"] = sorted(screen.classes)
        seen["widgets"] = sorted({type(widget).__name__ for widget in screen.walk_children()})
        seen["text"] = [str(widget.render()) for widget in screen.query("Static")]
        seen["placeholders"] = [str(widget.render()) for widget in screen.query("Deferred")]
        transcript = screen.query_one("#transcript")
        seen["question_inside"] = [transcript.region.contains_region(transcript.children[-1].region)]


textual.screen.Screen._compositor_refresh = first_refresh


async def main():
    async with CareerQuizApp().run_test(size=(80, 24)) as pilot:
        while not seen:
            await pilot.pause()


import asyncio
asyncio.run(main())
print(json.dumps(seen))
"""

NOT_BEFORE_THE_FIRST_FRAME = [
    "pydantic", "jinja2", "textual_serve",
    "knowledge.models", "knowledge.loader", "knowledge.snapshot",
    "rules.models", "rules.engine", "rules.dialogue", "rules.rulebook", "rules.personas", "rules.reader",
    "tui.report", "tui.web", "tui.sessions", "tui.screens.results", "tui.screens.compare", "tui.screens.source",
    "tui.screens.personas", "tui.screens.too_small", "tui.screens.typing", "tui.commands_palette",
    "tui.widgets.trace", "tui.widgets.footer", "tui.widgets.citation", "tui.widgets.ranking",
    "textual.widgets._header", "textual.drivers.web_driver",
]
"""The brain and everything not on the first screen: loaded after the first frame, or when first used."""


@pytest.fixture(scope="module")
def first_frame() -> dict[str, list[str]]:
    """What the chat's first frame was made of, seen in a fresh process (80×24, nothing saved)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_nothing_the_first_frame_waits_for_loads_the_brain_or_another_screen(first_frame: dict[str, list[str]]) -> None:
    loaded = set(first_frame["modules"])
    assert sorted(loaded.intersection(NOT_BEFORE_THE_FIRST_FRAME)) == []


def test_the_first_frame_is_made_with_the_question_its_options_and_the_message_box(first_frame: dict[str, list[str]]) -> None:
    assert any(text.startswith("Question 1 (at most 9 to go): ") for text in first_frame["text"])
    assert {"OptionsBar", "ChatInput", "ProgressLine", "Transcript"} <= set(first_frame["widgets"])
    assert not {"Header", "FittedFooter", "RankingPanel"} & set(first_frame["widgets"]), "they come a frame later"
    assert first_frame["placeholders"] == ["", "", ""], "their places are blank meanwhile"
    assert first_frame["question_inside"] == [True], "the question is in view, not scrolled away (Transcript shim)"


def test_the_first_frame_is_laid_out_for_the_terminal_size(first_frame: dict[str, list[str]]) -> None:
    """At 80×24 the chat's narrow, short layout from the first frame on (not the wide one, then a jump)."""
    assert {"-narrow", "-short"} <= set(first_frame["classes"])


async def test_the_title_bar_ranking_and_footer_arrive_and_the_progress_reads_as_before(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        first_progress = str(chat(pilot).query_one(ProgressLine).render())
        await ready(pilot)
        screen = chat(pilot)
        assert not screen.query(Deferred)
        assert screen.query_one(Header) and screen.query_one(RankingPanel) and screen.query_one(FittedFooter)
        assert screen.query_one(FittedFooter).query("FooterKey"), "the footer shows its keys"
        assert screen.dialogue is not None
        assert str(screen.query_one(ProgressLine).render()) == first_progress == \
            "▱▱▱▱▱▱▱▱▱▱  0 answered · at most 9 more to go"
        assert len(screen.query_one(OptionsBar).choices) == 7 and screen.focused is screen.query_one(ChatInput)


async def test_a_class_given_before_a_widget_is_mounted_styles_it(make_app: MakeApp) -> None:
    """`CareerQuizApp.update_styles` skips restyling a widget outside the DOM: it is styled when mounted."""
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        given_before = Static("settled", id="progress")  # chat.tcss: #progress.-stable is green
        given_before.set_class(False, "-stable")
        given_before.add_class("-stable")
        given_after, plain = Static("settled", id="progress"), Static("not yet", id="progress")
        screen = chat(pilot)
        await screen.query_one("#side").mount(given_before)
        await screen.query_one("#transcript").mount(given_after)
        await screen.mount(plain)
        given_after.add_class("-stable")
        await pilot.pause()
        assert given_before.styles.color == given_after.styles.color != plain.styles.color


@pytest.mark.parametrize("argv", [[], ["--no-save"], ["--advisor"], ["--answers", "a.toml"], ["--answers=a.toml"],
                                  ["--no-save", "--advisor", "--answers", "a.toml"]])
def test_the_chat_options_parse_as_the_full_parser_parses_them(argv: list[str]) -> None:
    assert app_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["recommend"], ["--no-save", "ask", "hi"], ["--answers"],
                                  ["--bogus"], ["--answers", "a.toml", "report"]])
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert app_args(argv) is None


def test_a_bare_start_uses_the_parsers_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """`career-quiz` with no options skips argparse; what the app receives is what the parser would give."""
    import tui.cli

    assert CHAT_DEFAULTS == vars(build_parser().parse_args([]))
    started: list[dict[str, object]] = []
    monkeypatch.setattr(tui.cli, "run_app", lambda args: started.append(vars(args)) or 0)
    assert tui.cli.main([]) == 0
    assert started == [CHAT_DEFAULTS]


def test_keys_typed_before_the_first_frame_are_not_lost(tmp_path: Path) -> None:
    """A student who types as soon as they press Enter on `career-quiz`: the keys reach the app before its
    message box is drawn (and Enter arrives as a line feed, the terminal still in its normal mode). They are
    typed in the box once it is, and the answer is stored."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(HOME=str(tmp_path), TERM="xterm-256color", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("CAREER_QUIZ_CONFIG_DIR", None)
    os.write(master, b"coding\r")  # before the process even starts: the terminal holds the keys
    process = subprocess.Popen([sys.executable, "-m", "tui", "--no-save"], cwd=ROOT, env=env, stdin=slave,
                               stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while b"Got it" not in output and time.monotonic() < deadline and process.poll() is None:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    output += os.read(master, 1 << 16)
                except OSError:
                    break
        answered = b"Got it" in output and b"kind of work: Coding" in output.replace(b"\x1b", b" ")
    finally:
        process.kill()
        process.wait()
        os.close(master)
    assert answered, output.decode(errors="replace")[-2000:]


async def test_the_palette_has_the_quiz_s_own_commands_though_they_are_imported_when_it_opens(
        make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"compare top")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "CompareScreen"
