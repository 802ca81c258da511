"""The hostile-input suite, app side: saved sessions, exports, two windows, and bytes a terminal can send.

Each case asserts what the student sees (word for word where it is ours), that the app keeps running, and that
nothing already saved changed.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest
from textual import events

from rules.dialogue import SessionState
from tests.test_hostile import DEEP, state_of
from tests.tui.chat_driver import MakeApp, chat, dialogue, option_labels, ready, send, toasts
from tui import driver_shim
from tui.app import report_stem
from tui.screens.other_window import QUIT, RETRY, UNSAVED, OtherWindowScreen
from tui.sessions import SESSION_LIMIT, SaveError, SessionStore
from tui.widgets.chat_input import ChatInput

SIZE = (100, 30)
STATE = SessionState(answers={"focus": "records", "pay_min": 40000}, order=["focus", "pay_min"], current="exam")


def saved(store: SessionStore) -> dict[str, object]:
    state, _ = SessionStore(store.directory).load()
    return dict(state.answers) if state is not None else {}


# --- saved sessions ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("make", "reason"), [
    pytest.param(lambda p: p.write_bytes(b"[" * 30_000 + b"]" * 30_000), f"it {DEEP}", id="deeply-nested"),
    pytest.param(lambda p: p.write_bytes(b" " * (SESSION_LIMIT + 1)),
                 f"it is too large ({SESSION_LIMIT + 1:,} bytes; at most {SESSION_LIMIT:,})", id="too-large"),
    pytest.param(lambda p: os.mkfifo(p), "it is not a regular file (it is a fifo)", id="fifo"),
    pytest.param(lambda p: p.symlink_to("/dev/zero"), "it is not a regular file (it is a device)", id="dev-zero"),
    pytest.param(lambda p: p.write_bytes(b'{"version": 1, "answers": {}, "answers": {"focus": "x"}}'),
                 "it gives the key 'answers' twice (line 1)", id="duplicate-key"),
])
def test_a_hostile_session_file_is_set_aside_with_one_line(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    store = SessionStore(folder)
    make(store.path)
    state, message = store.load()
    assert state is None
    damaged = next(folder.glob("session.damaged-*.json"))
    assert message == (f"Your saved session could not be read ({reason}); it was moved to {damaged} and a fresh "
                       "session started.")


def test_a_session_with_a_byte_order_mark_still_loads(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.path.write_bytes("\ufeff".encode() + STATE.to_json().encode())
    assert store.load() == (STATE, None)


def test_a_save_that_fails_midway_keeps_the_old_session_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore(tmp_path)
    store.save(STATE)
    before = state_of(tmp_path)

    def disk_full(handle: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SaveError) as caught:
        store.save(SessionState(answers={"focus": "coding"}, order=["focus"]))
    monkeypatch.undo()
    assert str(caught.value) == f"Your session could not be saved to {store.path}: No space left on device."
    assert state_of(tmp_path) == before


def test_stale_temporary_files_are_swept_at_start_and_fresh_ones_left(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.save(STATE)
    stale, fresh = tmp_path / ".session-killed.tmp", tmp_path / ".session-writing.tmp"
    stale.write_text("half", encoding="utf-8")
    fresh.write_text("another window is writing this", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert store.load().state == STATE
    assert not stale.exists() and fresh.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_loose_data_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o777)
    SessionStore(folder).load()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)
    SessionStore(folder).save(STATE)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "session.json").stat().st_mode) == 0o600


# --- two windows on one data folder --------------------------------------------------------------------------

async def test_two_windows_never_silently_overwrite_each_other(make_app: MakeApp, tmp_path: Path) -> None:
    """Window A saves as usual; window B finds A's lock and asks. 'Continue without saving' keeps A's answers on
    disk whatever B does; once A is closed, B's 'Try again' takes over and offers A's saved session."""
    folder = tmp_path / "data"
    first = make_app(store=SessionStore(folder))
    async with first.run_test(size=SIZE) as a:
        await ready(a)
        await a.press("1", "enter")
        await a.pause()
        assert saved(SessionStore(folder)) == {"focus": "records"}
        second = make_app(store=SessionStore(folder))
        async with second.run_test(size=SIZE) as b:
            await ready(b)
            await b.pause()
            assert isinstance(second.screen, OtherWindowScreen)
            text = str(second.screen.query_one("#other-window-text").render())
            assert text.startswith("Career Quiz is already open in another window on this computer, and that "
                                   f"window saves the session (in {folder / 'session.json'}).")
            await b.click(f"#{UNSAVED}")
            await b.pause()
            await b.press("2", "enter")  # B answers differently…
            await b.pause()
            assert dialogue(b).state.answers == {"focus": "coding"}
            assert saved(SessionStore(folder)) == {"focus": "records"}  # …and A's answers are what is saved
            await a.press("1", "enter")
            await a.pause()
            assert saved(SessionStore(folder)) == {"focus": "records", "patient_contact": "none"}
    third = make_app(store=SessionStore(folder))
    async with third.run_test(size=SIZE) as c:  # A and B closed: no question, the saved session is offered
        await ready(c)
        assert not isinstance(third.screen, OtherWindowScreen)
        assert option_labels(c)[:2] == ["Continue", "Start fresh"]


async def test_try_again_after_the_other_window_closed_takes_over(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    first_store = SessionStore(folder)
    first_store.save(STATE)
    assert first_store.lock.acquire()
    app = make_app(store=SessionStore(folder))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, OtherWindowScreen)
        asked = app.screen
        await pilot.click(f"#{RETRY}")  # still open: asked again, saying so
        for _ in range(200):  # a bound for a loaded machine, not a timing test
            if app.screen is not asked:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, OtherWindowScreen) and app.screen is not asked
        assert str(app.screen.query_one("#other-window-text").render()).startswith("It is still open elsewhere.")
        first_store.lock.release()
        await pilot.click(f"#{RETRY}")
        await pilot.pause()
        assert not isinstance(app.screen, OtherWindowScreen)
        assert option_labels(pilot)[:2] == ["Continue", "Start fresh"]
        await send(pilot, "continue")
        await send(pilot, "2 years")
        assert saved(SessionStore(folder)) == {"focus": "records", "pay_min": 40000, "training_months": 24}


async def test_quit_in_the_second_window_changes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    holder = SessionStore(folder)
    holder.save(STATE)
    assert holder.lock.acquire()
    before = state_of(folder)
    app = make_app(store=SessionStore(folder))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click(f"#{QUIT}")
        await pilot.pause()
    assert app.return_code == 0 and state_of(folder) == before
    holder.lock.release()


# --- exports -------------------------------------------------------------------------------------------------

async def test_two_exports_in_the_same_second_never_replace_each_other(make_app: MakeApp, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app

    monkeypatch.setattr(tui.app, "report_stem", lambda who: "career-quiz-report-student-20261203-071500")
    folder = tmp_path / "out"
    folder.mkdir()
    app = make_app(export_dir=folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("1", "enter", "ctrl+e")
        await pilot.pause()
        shown = await toasts(pilot)
    stem = folder / "career-quiz-report-student-20261203-071500"
    assert shown[-1] == f"Exported\nReport saved:\n{stem}-2.md\n{stem}-2.html"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{stem.name}{n}.{fmt}" for n in ("", "-2") for fmt in ("md", "html"))
    assert "patient" in (folder / f"{stem.name}-2.md").read_text(encoding="utf-8").lower()


def test_a_report_is_named_after_the_persona_and_the_time() -> None:
    from datetime import datetime

    when = datetime(2026, 12, 3, 7, 15, 2)
    assert report_stem("María José (demo)", when) == "career-quiz-report-mar-a-jos-demo-20261203-071502"
    assert report_stem(None, when) == "career-quiz-report-student-20261203-071502"
    assert report_stem("../../etc/passwd\x1b", when) == "career-quiz-report-etc-passwd-20261203-071502"


async def test_an_export_that_fails_halfway_leaves_no_file(make_app: MakeApp, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.files

    real = knowledge.files._write_exclusive
    calls = []

    def second_fails(target: Path, data: bytes | str, mode: int) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(target, data, mode)

    monkeypatch.setattr(knowledge.files, "_write_exclusive", second_fails)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "earlier.md").write_text("an earlier student's report", encoding="utf-8")
    before = state_of(folder)
    app = make_app(export_dir=folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        shown = await toasts(pilot)
    assert shown == [f"Export failed\nThe report could not be written to {folder}: No space left on device. "
                     "Start Career Quiz from a folder you can write to."]
    assert state_of(folder) == before


async def test_in_browser_mode_the_report_is_delivered_and_nothing_is_written(
        make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app import CareerQuizApp

    delivered: list[tuple[str, str, str | None]] = []

    def deliver_text(self, file, *, save_filename=None, mime_type=None, encoding=None, **_):  # type: ignore[no-untyped-def]
        delivered.append((save_filename, file.read(), mime_type))
        return "key"

    monkeypatch.setattr(CareerQuizApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(CareerQuizApp, "deliver_text", deliver_text)
    monkeypatch.chdir(tmp_path)
    app = make_app(export_dir=None)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter", "ctrl+e")
        await pilot.pause()
        shown = await toasts(pilot)
    names = [name for name, _, _ in delivered]
    assert [n.rsplit(".", 1)[1] for n in names] == ["md", "html"] and [t for _, _, t in delivered] == [
        "text/markdown", "text/html"]
    assert shown == ["Exported\nReport sent to your browser's downloads:\n" + "\n".join(names)]
    assert list(tmp_path.iterdir()) == [], "nothing is written on the server"


# --- bytes a terminal (or a browser) can send ----------------------------------------------------------------

async def test_the_driver_survives_invalid_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    """Feed the real Linux driver's input thread a Latin-1 'é' (0xE9) through a pipe: it becomes U+FFFD and the
    thread goes on reading (textual#6456 killed it)."""
    pytest.importorskip("termios")
    from textual.drivers.linux_driver import LinuxDriver

    driver_shim.install()

    class FakeApp:
        def call_later(self, *args: object) -> None:
            raise AssertionError("the input thread crashed")

    reading, writing = os.pipe()
    driver = LinuxDriver(FakeApp(), debug=False, size=(80, 24))  # type: ignore[arg-type]
    driver.fileno = reading
    received: list[events.Event] = []
    monkeypatch.setattr(driver, "process_message", received.append)
    thread = threading.Thread(target=driver._run_input_thread, daemon=True)
    thread.start()
    os.write(writing, b"caf\xe9 ok")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(received) < 7:
        time.sleep(0.05)
    driver.exit_event.set()
    thread.join(5)
    os.close(writing)
    os.close(reading)
    assert [getattr(event, "character", None) for event in received] == ["c", "a", "f", "\ufffd", " ", "o", "k"]
    assert not thread.is_alive()


def test_the_web_driver_drops_a_malformed_resize() -> None:
    driver_shim.install()
    from textual.drivers.web_driver import WebDriver

    posted: list[object] = []

    class FakeApp:
        def post_message(self, message: object) -> None:
            posted.append(message)

    driver = WebDriver.__new__(WebDriver)
    driver._app = FakeApp()  # type: ignore[assignment]
    for payload in ({"width": "wide", "height": 24}, {"width": -1, "height": 5}, {"width": 10**9, "height": 1},
                    {"height": 24}, {"width": True, "height": 24}, {"width": 80.5, "height": 24}):
        driver.on_meta("resize", payload)
    assert posted == []
    driver.on_meta("resize", {"width": 100, "height": 30})
    assert [type(m).__name__ for m in posted] == ["Resize"]


@pytest.mark.parametrize("chunks", [
    pytest.param(["\x1b[200~one\x1b[31mtwo\x1b[0m\tthree\x1b[201~"], id="escape-codes-in-a-paste"),
    pytest.param(["\x1b[200~one\x1b[", "31mtwo\x1b[0m\tthree\x1b[2", "01~"], id="split-across-reads"),
    pytest.param(["\x1b[200~one\x1b[31mtwo\x1b[0m\tthree"], id="paste-that-never-ends"),
])
async def test_a_paste_with_escape_codes_keeps_the_message_box_working(make_app: MakeApp, chunks: list[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(driver_shim, "PASTE_TIMEOUT", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        box = chat(pilot).query_one(ChatInput)
        parser = driver_shim.PasteSafeParser()
        parsed = [event for chunk in chunks for event in parser.feed(chunk)]
        time.sleep(0.06)
        parsed += list(parser.tick())
        assert [type(event).__name__ for event in parsed] == ["Paste"]
        for event in parsed:
            app.post_message(event)
        await pilot.pause()
        await pilot.press(*" and more")
        await pilot.pause()
        assert box.has_focus
        assert box.value == "one␛[31mtwo␛[0m\tthree and more"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and box.value == "" and box.has_focus


async def test_a_garbage_resize_reaching_the_app_is_ignored(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for width, height in (("wide", 24), (None, None), (-5, 10), (10**12, 5)):
            app.check_size(width, height)
        await pilot.pause()
        assert app.is_running and app.screen is chat(pilot)


@pytest.mark.parametrize("make", [
    pytest.param(lambda p: p.write_bytes(b"[" * 30_000 + b"]" * 30_000), id="deeply-nested"),
    pytest.param(lambda p: os.mkfifo(p), id="fifo"),
    pytest.param(lambda p: p.symlink_to("/dev/zero"), id="dev-zero"),
    pytest.param(lambda p: p.write_bytes(b'{"theme": "x", "theme": "y"}'), id="duplicate-key"),
])
def test_a_hostile_settings_file_means_the_defaults(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    from tui.settings import Settings

    path = tmp_path / "settings.json"
    make(path)
    assert Settings.load(path).theme is None


def test_a_settings_save_that_fails_leaves_no_temporary_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.settings import Settings

    settings = Settings.load(tmp_path / "settings.json")
    assert settings.remember_theme("textual-light") is None
    before = state_of(tmp_path)
    monkeypatch.setattr(os, "fsync", lambda handle: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    assert settings.remember_theme("textual-dark") == "The theme could not be remembered (No space left on device)."
    monkeypatch.undo()
    assert state_of(tmp_path) == before
