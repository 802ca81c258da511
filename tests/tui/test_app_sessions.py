"""Saved sessions in the app: saved after every answer, offered back at the next start, forgotten on request
(also from the palette), in the user's data folder, and never touched with --no-save. Start fresh, a damaged
file, a failing save and restart are flows of the Conversation with the app's SessionKeeper: see
test_session_flows.py (no screen needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.command import CommandPalette

from rules.dialogue import SessionState
from tests.tui.chat_driver import MakeApp, bot_texts, chat, dialogue, option_labels, ready, send, user_texts
from tui.app import app_for
from tui.arguments import build_parser
from tui.sessions import SessionStore

SIZE = (80, 24)
SAVED = SessionState(answers={"focus": "records", "patient_contact": "none"}, order=["focus", "patient_contact"],
                     current="pay_min")


def saved_answers(store: SessionStore) -> dict[str, object]:
    return json.loads(store.path.read_text(encoding="utf-8"))["answers"]


async def test_every_answer_is_saved_and_the_next_start_offers_to_continue(make_app: MakeApp,
                                                                          store: SessionStore) -> None:
    async with make_app(store=store).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not store.path.exists()  # nothing is written before the first answer
        await pilot.press("1", "enter")
        await pilot.pause()
        assert saved_answers(store) == {"focus": "records"}
        await pilot.press("1", "enter")
        await pilot.pause()
        assert saved_answers(store) == {"focus": "records", "patient_contact": "none"}
        asked = dialogue(pilot).current
        assert asked is not None
    async with make_app(store=store).run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert bot_texts(pilot)[-1] == ("You have a saved session with 2 answers (kind of work, patient contact). "
                                        "Continue, or start fresh?")
        assert option_labels(pilot) == ["Continue", "Start fresh"]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert user_texts(pilot)[-1] == "Continue"
        assert dialogue(pilot).state.answers == {"focus": "records", "patient_contact": "none"}
        assert any(text.startswith("Welcome back. Your answers so far:") for text in bot_texts(pilot))
        assert dialogue(pilot).current == asked
        assert option_labels(pilot) == [option.label for option in asked.options]


# --- forget me -------------------------------------------------------------------------------------


async def test_forget_me_asks_first_then_deletes_the_session_and_restarts(make_app: MakeApp,
                                                                         store: SessionStore) -> None:
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await send(pilot, "Forget me!")
        assert bot_texts(pilot)[-1].startswith("Forget me: delete your saved answers from this computer (")
        assert option_labels(pilot) == ["Yes", "No"]
        await pilot.press("2", "enter")
        await pilot.pause()
        assert store.path.exists() and dialogue(pilot).state.answers == {"focus": "records"}
        await pilot.press("ctrl+p")  # the palette asks the same way
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"forg", "enter")
        await pilot.pause()
        assert app.screen is chat(pilot) and option_labels(pilot) == ["Yes", "No"]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert not store.path.exists() and not store.directory.exists()
        said = bot_texts(pilot)
        assert any(text.startswith(f"Deleted: {store.path}.") for text in said)
        assert said[-1].startswith("Question 1 (at most 9 to go)")
        assert dialogue(pilot).state.answers == {}


# --- the command line: --no-save and --answers -------------------------------------------------------


def user_session(home: Path) -> Path:
    return home / "data" / "career-quiz" / "session.json"


async def test_the_command_saves_in_the_user_data_folder(private_home: Path) -> None:
    app = app_for(build_parser().parse_args([]))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
    path = user_session(private_home)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {"focus": "records"}
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)


async def test_no_save_never_reads_or_writes_the_session(private_home: Path) -> None:
    folder = user_session(private_home).parent
    SessionStore(folder).save(SAVED)
    before = user_session(private_home).read_bytes()
    app = app_for(build_parser().parse_args(["--no-save"]))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "Continue" not in option_labels(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await send(pilot, "forget me")
        assert bot_texts(pilot)[-1].startswith("This session saves nothing")
    assert sorted(p.name for p in folder.iterdir()) == ["session.json"]
    assert user_session(private_home).read_bytes() == before


async def test_an_answers_file_does_not_offer_the_saved_session(private_home: Path, tmp_path: Path) -> None:
    SessionStore(user_session(private_home).parent).save(SAVED)
    answers = tmp_path / "answers.toml"
    answers.write_text('focus = "coding"\n', encoding="utf-8")
    app = app_for(build_parser().parse_args(["--answers", str(answers)]))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert dialogue(pilot).state.answers == {"focus": "coding"}
        assert not any(text.startswith("You have a saved session") for text in bot_texts(pilot))
        assert "Continue" not in option_labels(pilot)
        assert not any(text.startswith("Question 1 (at most 9 to go)") for text in bot_texts(pilot)), \
            "the opening question, which the file answered, is not shown before the brain has loaded"
