"""Browser mode keeps each browser's answers (real server, real app, headless Chromium): a reload, a closed tab or
a stopped server loses nothing and the same browser is offered "Continue, or start fresh?"; another browser
starts fresh; a forged key starts no app and the page says why; `serve --no-save` saves nothing.
Key checks, folders and expiry without a browser: test_web_sessions.py."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from rules.opening import opening
from tests.tui.browser import STARTUP_LIMIT, STOP_LIMIT, Browser, Tab, app_processes, server, serving, wait_gone
from tui.sessions import SESSION_FILE
from tui.web import BAD_KEY, KEY_REFUSED, NO_KEY
from tui.web_sessions import COOKIE, is_key, new_key

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]
"""Starts processes; one xdist worker runs every test that starts a server or Chromium (one of each)."""

FIRST_QUESTION = opening().question.text
FIRST_SCREEN = "document.body && document.body.classList.contains('-first-byte')"
OFFER = "saved session with 2 answers"
WELCOME_BACK = "Welcome back"


def web_folder(home: Path) -> Path:
    return home / "data" / "career-quiz" / "web"


def saved_answers(home: Path) -> list[dict[str, object]]:
    """The answers of every browser session saved under `home`."""
    return [json.loads(path.read_text(encoding="utf-8"))["answers"]
            for path in sorted(web_folder(home).glob(f"*/{SESSION_FILE}"))]


async def choose(tab: Tab, number: str) -> None:
    """Choose an option by its number, as a student does (the number, then Enter: Enter on an empty box does
    nothing, so this works whether the number alone chooses or waits for Enter)."""
    await tab.type(number)
    await tab.key("Enter", "Enter", 13)


async def opened(browser: Browser, session: object, url: str, private: bool = False) -> Tab:
    tab = await browser.tab(session, url, private=private)
    await tab.until(FIRST_SCREEN, "the first screen")
    return tab


async def leave(tab: Tab) -> None:
    """Reload the page, saying yes to the browser's "Leave site?" (the page asks while a session runs)."""
    await tab.socket.send_json({"id": 0, "method": "Page.reload", "params": {}})
    deadline = time.monotonic() + STARTUP_LIMIT
    while not any(event["method"] == "Page.javascriptDialogOpening" for event in tab.events):
        assert time.monotonic() < deadline, "reloading a running session did not ask"
        await tab.pump(0.2)
    tab.events.clear()  # what the reloaded page receives starts here
    await tab.call("Page.handleJavaScriptDialog", accept=True)


async def test_a_browser_gets_its_answers_back_after_a_reload_a_closed_tab_and_a_stopped_server(
        browser: Browser, tmp_path: Path, private_home: Path) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    async with aiohttp.ClientSession() as session:
        with server(folder) as (url, process):
            tab = await opened(browser, session, url)
            await tab.until_received(FIRST_QUESTION)
            await choose(tab, "1")
            await tab.until_received("Question 2")
            await choose(tab, "1")
            await tab.until_received("Question 3")
            assert saved_answers(private_home) == [{"focus": "records", "patient_contact": "none"}], \
                "saved after every answer, in this browser's folder"
            [key] = [path.name for path in web_folder(private_home).iterdir()]
            assert is_key(key)

            # A reload: the new page's app waits for the old one to let go of the folder, then offers it back.
            await leave(tab)
            await tab.until(FIRST_SCREEN, "the reloaded page")
            await tab.until_received(OFFER)
            assert "another window" not in tab.received()

            # The tab is closed (Ctrl+W, and the student said yes to "Leave site?"); a new one offers the session.
            await browser.close_tab(tab)
            again = await opened(browser, session, url)
            await again.until_received(OFFER)
            await choose(again, "1")  # Continue
            await again.until_received(WELCOME_BACK)
            await again.until_received("Question 3")

            # Another browser (or a private window) has its own key: a fresh quiz, nothing offered. (It opens the page
            # as localhost: its scripts, connection and key follow the name the page was opened at.)
            stranger = await opened(browser, session, url.replace("127.0.0.1", "localhost"), private=True)
            await stranger.until_received(FIRST_QUESTION)
            await stranger.pump(1.0)
            assert "saved session" not in stranger.received()
            assert len(list(web_folder(private_home).iterdir())) == 2

            # The server is stopped mid-quiz (SIGTERM); the answers are on disk, and the page says so.
            apps = app_processes(process.pid)
            process.send_signal(signal.SIGTERM)
            await asyncio.to_thread(process.wait, STOP_LIMIT)
            assert process.returncode == 0 and wait_gone(apps, STOP_LIMIT) == set()
            said = await again.until("document.body.classList.contains('-closed') && document.body.innerText",
                                     "the page to say the session ended")
            assert "Your answers are saved: once it runs again, press Restart to continue." in said
            browser.close_tabs()
        with server(folder) as (url, process):
            back = await opened(browser, session, url)
            await back.until_received(OFFER)
            await choose(back, "1")
            await back.until_received(WELCOME_BACK)
            browser.close_tabs()
    assert saved_answers(private_home) == [{"focus": "records", "patient_contact": "none"}]
    assert not (private_home / "data" / "career-quiz" / SESSION_FILE).exists(), "never the terminal user's session"
    assert not (private_home / "config" / "career-quiz").exists(), "nor the terminal user's settings"
    assert list(folder.iterdir()) == [], "nothing is written where the server runs"


REFUSAL = """
new Promise((resolve) => {
  const ws = new WebSocket(document.getElementById('terminal').dataset.sessionWebsocketUrl + '?width=80&height=24');
  ws.onclose = (event) => resolve([event.code, event.reason,
                                   document.querySelector('.closed-dialog .message').textContent]);
  setTimeout(() => resolve('timeout'), TIMEOUT);
})
"""


async def test_a_forged_or_missing_key_starts_no_app_and_the_page_says_why(
        browser: Browser, tmp_path: Path, private_home: Path) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with server(folder) as (url, process):
        origin = {"Origin": url.rstrip("/")}
        async with aiohttp.ClientSession() as client:
            for cookie, reason in [(None, NO_KEY), ("../x", BAD_KEY), ("a" * 44, BAD_KEY), ("a" * 42 + "!", BAD_KEY),
                                   ("../" + "a" * 40, BAD_KEY)]:
                headers = {**origin, "Cookie": f"{COOKIE}={cookie}"} if cookie else origin
                async with client.ws_connect(f"{url}ws", headers=headers) as socket_:
                    message = await asyncio.wait_for(socket_.receive(), STARTUP_LIMIT)
                assert (message.type, message.data, message.extra) == (aiohttp.WSMsgType.CLOSE, KEY_REFUSED, reason)
                # The page itself gives a browser with a forged key a new one.
                async with client.get(url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}) as page:
                    given = SimpleCookie(page.headers["Set-Cookie"])[COOKIE]
                assert is_key(given.value) and given.value != cookie
                assert given["httponly"] and given["samesite"] == "Lax" and int(given["max-age"]) == 30 * 86400
            assert app_processes(process.pid) == set()
            assert not web_folder(private_home).exists()

            # In a page: a forged key set after the page loaded (?delay: it has not connected yet) is refused,
            # and the page says what to do.
            tab = await browser.tab(client, url + "?delay=1", private=True)
            await tab.until("!!document.getElementById('terminal')", "the page")
            await tab.call("Network.setCookie", name=COOKIE, value="../" + new_key()[3:], url=url, httpOnly=True)
            said = await tab.evaluate(REFUSAL.replace("TIMEOUT", str(int(STARTUP_LIMIT * 1000))), await_promise=True)
            assert said == [KEY_REFUSED, BAD_KEY, BAD_KEY]
            browser.close_tabs()


async def test_serve_no_save_saves_nothing_and_sets_no_cookie(browser: Browser, tmp_path: Path,
                                                             private_home: Path) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with browser.serving(folder, "--no-save") as url:
        async with aiohttp.ClientSession() as session:
            tab = await opened(browser, session, url, private=True)
            await tab.until_received(FIRST_QUESTION)
            await choose(tab, "1")
            await tab.until_received("Question 2")
            cookies = await tab.call("Network.getCookies", urls=[url])
            assert cookies["cookies"] == []
            await browser.close_tab(tab)
            again = await opened(browser, session, url)
            await again.until_received(FIRST_QUESTION)
            await again.pump(1.0)
            assert "saved session" not in again.received()
    assert not (private_home / "data").exists(), "nothing saved, no folder made"
    assert list(folder.iterdir()) == []
