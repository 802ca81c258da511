"""`career-quiz serve` stops cleanly and leaves nothing behind: Ctrl+C or SIGTERM with pages open ends every app
and tells each page, a closed tab ends its app, and a server killed outright still leaves no app running.

The first tests drive `AppProcess` and `SafeServer` in this process with a stand-in app (tests/tui/fake_web_app.py)
that can refuse to quit, ignore SIGTERM or start a child; the last ones run the real server, app and Chromium.
Time limits here are bounds against hanging (textual-serve alone waited up to 60 s), not speed tests.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web
from textual_serve.download_manager import DownloadManager

from tests.tui.browser import STARTUP_LIMIT, STOP_LIMIT, Browser, app_processes, end_process, free_port, \
    process_table, server, wait_gone
from tui import app_process
from tui.app_process import AppProcess
from tui.web import SHUTDOWN_TIMEOUT, SafeServer
from tui.web_sessions import COOKIE, new_key

FAKE_APP = Path(__file__).with_name("fake_web_app.py")
BROWSER_LANE = pytest.mark.xdist_group("browser")
"""One xdist worker runs every test that starts a server or Chromium (one of each: see tests/tui/browser.py)."""


def fake_app(*flags: str) -> str:
    return shlex.join([sys.executable, str(FAKE_APP), *flags])


def group(pgid: int) -> set[int]:
    """The live processes of a process group."""
    return {pid for pid, (_, group_id, state) in process_table().items() if group_id == pgid and state != "Z"}


class Page:
    """What a browser page would get from an `AppProcess`; once `gone`, writing to it fails as aiohttp's would."""

    def __init__(self) -> None:
        self.received = b""
        self.closed = False
        self.gone = False
        self.ended = 0
        """How often the page was told its app ended without being asked."""

    async def write_bytes(self, data: bytes) -> None:
        if self.gone:
            raise ConnectionResetError("Cannot write to closing transport")
        self.received += data

    async def write_str(self, text: str) -> None:
        await self.write_bytes(text.encode())

    async def close(self) -> None:
        self.closed = True

    async def end(self) -> None:
        self.ended += 1


@asynccontextmanager
async def running(*flags: str) -> AsyncIterator[tuple[AppProcess, Page]]:
    """A stand-in app started as the server starts one, once it has said it is ready; ended however the test went."""
    page = Page()
    service = AppProcess(fake_app(*flags), write_bytes=page.write_bytes, write_str=page.write_str, close=page.close,
                         download_manager=DownloadManager(), ended=page.end)
    await service.start(80, 24)
    try:
        async with asyncio.timeout(STARTUP_LIMIT):
            while b"ready" not in page.received:
                await asyncio.sleep(0.02)
        yield service, page
    finally:
        service.kill_now()
        await service.stop()


@pytest.fixture
def short_graces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_process, "QUIT_GRACE", 0.3)
    monkeypatch.setattr(app_process, "TERM_GRACE", 0.3)


async def test_an_app_that_quits_when_asked_is_never_signalled() -> None:
    async with running() as (service, page):
        assert service.process is not None
        await service.stop()
        assert service.process.returncode == 0, "it quit by itself: no SIGTERM, no SIGKILL"
        assert page.closed, "its 'exit' message closed the page's session"
        assert page.ended == 0


async def test_an_app_that_dies_without_being_asked_closes_its_page() -> None:
    """Its page stayed open on the app's last screen, taking keys that went nowhere, and held a session's place."""
    async with running() as (service, page):
        assert service.process is not None
        os.kill(service.process.pid, signal.SIGKILL)
        async with asyncio.timeout(STOP_LIMIT):
            while not page.ended:
                await asyncio.sleep(0.02)
        assert page.ended == 1 and not page.closed


async def test_the_app_runs_in_a_process_group_of_its_own_with_no_shell_between() -> None:
    async with running() as (service, _):
        assert service.process is not None
        pid = service.process.pid
        assert os.getpgid(pid) == pid != os.getpgid(0)
        assert process_table()[pid][0] == os.getpid(), "the app is the server's own child (no `sh -c`)"


@pytest.mark.usefixtures("short_graces")
async def test_an_app_that_ignores_quit_and_sigterm_is_killed_with_everything_it_started() -> None:
    async with running("--ignore-quit", "--ignore-term", "--child") as (service, _):
        assert service.process is not None
        pgid = service.process.pid
        async with asyncio.timeout(STARTUP_LIMIT):
            while len(group(pgid)) < 2:  # the app and its child
                await asyncio.sleep(0.02)
        started = group(pgid)
        async with asyncio.timeout(STOP_LIMIT):
            await service.stop()
        assert service.process.returncode == -signal.SIGKILL
        assert wait_gone(started, STOP_LIMIT) == set(), "the app's own child went with it"


@pytest.mark.usefixtures("short_graces")
async def test_an_app_that_ignores_quit_ends_at_sigterm() -> None:
    async with running("--ignore-quit") as (service, _):
        await service.stop()
        assert service.process is not None and service.process.returncode == -signal.SIGTERM


async def test_an_app_quitting_after_its_page_has_gone_is_read_to_the_end_and_exits_by_itself() -> None:
    """textual-serve stopped reading the app at the first failed write to a closed page: an app with more to say
    than a pipe holds (64 KB) then blocked for ever while quitting."""
    async with running("--flood", str(1024 * 1024)) as (service, page):
        page.gone = True
        await service.stop()
        assert service.process is not None and service.process.returncode == 0


async def test_stop_runs_once_however_many_ask_at_once() -> None:
    async with running() as (service, _):
        await asyncio.gather(service.stop(), service.stop(), service.stop())
        await service.stop()
        assert service.process is not None and service.process.returncode == 0


# --- the server, in this process, with stand-in apps ---------------------------------------------------------

@asynccontextmanager
async def safe_server(command: str) -> AsyncIterator[tuple[SafeServer, str, web.AppRunner]]:
    """tui.web.SafeServer on a free loopback port, as `serve()` runs it (same shutdown timeout); yields the server,
    its URL and its runner: `runner.cleanup()` is what Ctrl+C runs."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    instance = SafeServer(command, host="127.0.0.1", port=port, title="Career Quiz", public_url=url,
                                 origins={url})
    instance.console.quiet = True
    runner = web.AppRunner(await instance._make_app(), shutdown_timeout=SHUTDOWN_TIMEOUT)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield instance, url, runner
    finally:
        if runner.server is not None:
            await runner.cleanup()


@pytest.mark.parametrize("flags", [(), ("--ignore-quit", "--ignore-term", "--child")], ids=["polite", "stubborn"])
async def test_stopping_the_server_ends_every_open_session_and_its_app(flags: tuple[str, ...],
                                                                      short_graces: None) -> None:
    import aiohttp

    async with safe_server(fake_app(*flags)) as (instance, url, runner), aiohttp.ClientSession() as client:
        pages = [await client.ws_connect(f"{url}/ws", headers={"Origin": url}) for _ in range(3)]
        for page in pages:
            message = await asyncio.wait_for(page.receive(), STARTUP_LIMIT)
            assert message.data == b"ready"
        apps = {service.process.pid for service in instance.apps if service.process is not None}
        async with asyncio.timeout(STARTUP_LIMIT):
            while len(started := set().union(*(group(pid) for pid in apps))) < 3 + 3 * ("--child" in flags):
                await asyncio.sleep(0.02)
        assert len(apps) == 3
        async with asyncio.timeout(STOP_LIMIT):
            await runner.cleanup()
        assert wait_gone(started, STOP_LIMIT) == set()
        for page in pages:
            last = await asyncio.wait_for(page.receive(), STOP_LIMIT)
            assert (last.type, last.data) == (aiohttp.WSMsgType.CLOSE, aiohttp.WSCloseCode.GOING_AWAY), \
                "the page is told the server is going away"
        assert instance.open == {} and instance.apps == set()



@pytest.mark.usefixtures("short_graces")
async def test_a_second_ctrl_c_while_stopping_kills_the_apps_at_once() -> None:
    from aiohttp.web_runner import GracefulExit

    async with safe_server(fake_app()) as (instance, _, _), running("--ignore-quit", "--ignore-term") as (app, _):
        instance.apps.add(app)
        with pytest.raises(GracefulExit):
            instance.request_exit()  # the first stops the server gracefully
        instance.request_exit()  # the second does not raise again (that would abandon the shutdown)...
        assert app.process is not None
        async with asyncio.timeout(STOP_LIMIT):
            assert await app.process.wait() == -signal.SIGKILL  # ...it kills every app at once
        assert instance.apps == set()


# --- the real server, app and browser ----------------------------------------------------------------------------

FIRST_SCREEN = "document.body && document.body.classList.contains('-first-byte')"
SESSION_ENDED = "document.body.classList.contains('-closed') && document.body.innerText"


@pytest.mark.slow
@BROWSER_LANE
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["SIGTERM", "Ctrl+C", "terminal closed"])
async def test_stopping_the_server_with_pages_open_ends_every_app_and_tells_each_page(
        browser: Browser, tmp_path: Path, signal_number: int) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with server(folder) as (url, process):
        async with aiohttp.ClientSession() as session:
            tabs = [await browser.tab(session, url, private=True) for _ in range(2)]  # two students
            for tab in tabs:
                await tab.until(FIRST_SCREEN, "the first screen")
                await tab.until_received("Question 1")
            await tabs[0].type("1")
            await tabs[0].key("Enter", "Enter", 13)  # a number chooses when it is sent
            await tabs[0].until_received("Question 2")  # one student is mid-quiz
            apps = app_processes(process.pid)
            assert len(apps) == 2, "one app per page"
            process.send_signal(signal_number)
            await asyncio.to_thread(process.wait, STOP_LIMIT)
            assert wait_gone(apps, STOP_LIMIT) == set(), "no app outlives the server"
            for tab in tabs:
                said = await tab.until(SESSION_ENDED, "the page to say the session ended")
                assert "Career Quiz was stopped on the computer that serves it" in said
        browser.close_tabs()
    assert process.returncode == 0


@pytest.mark.slow
@BROWSER_LANE
async def test_a_closed_tab_ends_its_app_and_many_tabs_leave_none(browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with server(folder, "--max-sessions", "2") as (url, process):
        async with aiohttp.ClientSession() as session:
            staying = await browser.tab(session, url)
            await staying.until_received("Question 1")
            [kept] = app_processes(process.pid)
            for _ in range(2):  # more tabs, one after another, than --max-sessions allows at once
                tab = await browser.tab(session, url, private=True)
                await tab.until_received("Question 1")
                [app] = app_processes(process.pid) - {kept}
                await browser.close_tab(tab)
                assert wait_gone({app}, STOP_LIMIT) == set(), "the closed tab's app ended"
            assert app_processes(process.pid) == {kept}
            await staying.type("1")
            await staying.key("Enter", "Enter", 13)  # a number chooses when it is sent
            await staying.until_received("Question 2")  # the tab left open still works
            await browser.close_tab(staying)
            assert wait_gone({kept}, STOP_LIMIT) == set()
        assert app_processes(process.pid) == set()
        assert end_process(process) < STOP_LIMIT


@pytest.mark.slow
@BROWSER_LANE
async def test_a_page_whose_app_died_says_so_frees_its_place_and_restarts(browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with server(folder, "--max-sessions", "1") as (url, process):
        async with aiohttp.ClientSession() as session:
            tab = await browser.tab(session, url)
            await tab.until_received("Question 1")
            [app] = app_processes(process.pid)
            os.kill(app, signal.SIGKILL)
            said = await tab.until(SESSION_ENDED, "the page to say the session ended")
            assert "Career Quiz stopped unexpectedly" in said
            tab.events.clear()
            await tab.evaluate("document.querySelector('.closed-dialog button').click(); true")  # Restart
            await tab.until(f"!document.body.classList.contains('-closed') && {FIRST_SCREEN}", "a new session")
            await tab.until_received("Question 1")  # the only place was freed for it
            await tab.key("q", "KeyQ", 81, ctrl=True)  # the student quits: the usual words
            said = await tab.until(SESSION_ENDED, "the page to say the session ended")
            assert said.startswith("Session ended.")
            assert wait_gone(app_processes(process.pid), STOP_LIMIT) == set()
        browser.close_tabs()
        assert end_process(process) < STOP_LIMIT


@pytest.mark.slow
@BROWSER_LANE
async def test_a_server_killed_outright_leaves_no_app_running(tmp_path: Path) -> None:
    """SIGKILL gives the server no chance to stop its apps: each app sees its input end and quits by itself
    (tui/driver_shim.py)."""
    import aiohttp

    folder = tmp_path / "server"
    folder.mkdir()
    with server(folder) as (url, process):
        origin = url.rstrip("/")
        async with aiohttp.ClientSession() as session:
            pages = [await session.ws_connect(f"{origin}/ws", headers={"Origin": origin,
                                                                        "Cookie": f"{COOKIE}={new_key()}"})
                     for _ in range(2)]  # two browsers, each with its session key
            async with asyncio.timeout(STARTUP_LIMIT):
                for page in pages:  # each app is running and has drawn its first screen
                    received = b""
                    while b"Question" not in received:
                        message = await page.receive()
                        assert message.type == aiohttp.WSMsgType.BINARY, f"the page got {message}, not the app"
                        received += message.data
            apps = app_processes(process.pid)
            assert len(apps) == 2
            process.kill()
            process.wait()
            left = wait_gone(apps, STOP_LIMIT)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            assert left == set()
