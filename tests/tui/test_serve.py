"""`career-quiz serve`: the browser page is served, on this computer only unless asked, and bad ports say so."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import struct
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.browser import STARTUP_LIMIT, Browser, free_port, screen_text, serving
from tui.cli import main
from tui.commands import serve

ROOT = Path(__file__).resolve().parents[2]
Capsys = pytest.CaptureFixture[str]


class FakeServer:
    """Stands in for tui.web.SafeServer: records how it was made, serves nothing."""

    made: list[FakeServer] = []

    def __init__(self, command: str, host: str = "localhost", port: int = 8000, title: str | None = None,
                 public_url: str | None = None, origins: set[str] | None = None, max_sessions: int = 8,
                 saved_in: Path | None = None, keep_days: int = 30) -> None:
        self.command, self.host, self.port, self.title, self.public_url = command, host, port, title, public_url
        self.origins, self.max_sessions, self.saved_in, self.keep_days = origins, max_sessions, saved_in, keep_days
        self.served = False
        FakeServer.made.append(self)

    def serve(self, debug: bool = False) -> None:
        self.served = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import tui.web

    FakeServer.made = []
    monkeypatch.setattr(tui.web, "SafeServer", FakeServer)
    monkeypatch.setenv("PYTHONPATH", "")  # serve extends it; monkeypatch puts the original back
    return FakeServer


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("port", ["0", "-1", "65536", "eighty", "80.5", ""])
def test_a_bad_port_is_one_line_and_exit_2(capsys: Capsys, port: str) -> None:
    code, out, err = run(capsys, "serve", "--port", port)
    assert code == 2 and out == ""
    assert err == (f"career-quiz: argument --port: '{port}' is not a port; give a whole number from 1 to 65535, "
                   "e.g. --port 8000\n")


def test_a_port_in_use_is_one_line_and_exit_2(capsys: Capsys, fake_server: type[FakeServer]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", str(port))
    assert code == 2
    assert err.startswith(f"career-quiz: port {port} is already in use; try another") and err.count("\n") == 1
    assert fake_server.made == []


def test_an_unknown_host_is_one_line_and_exit_2(capsys: Capsys, fake_server: type[FakeServer]) -> None:
    code, _, err = run(capsys, "serve", "--host", "no-such-host.invalid")
    assert code == 2
    assert "cannot listen on 'no-such-host.invalid'" in err and err.count("\n") == 1
    assert fake_server.made == []


def test_by_default_it_serves_this_computer_only_and_saves_each_browsers_session_apart(
        capsys: Capsys, fake_server: type[FakeServer], private_home: Path) -> None:
    port = free_port()
    code, _, err = run(capsys, "serve", "--port", str(port))
    assert (code, err) == (0, "")
    [server] = fake_server.made
    assert server.served
    assert (server.host, server.port, server.title) == ("127.0.0.1", port, "Career Quiz")
    assert server.public_url == f"http://127.0.0.1:{port}"
    assert server.command.endswith(" -m tui")  # the key comes in the app's environment, never its command line
    assert (server.saved_in, server.keep_days) == (private_home / "data" / "career-quiz" / "web", 30)
    assert sys.executable in server.command
    assert str(ROOT) in os.environ["PYTHONPATH"].split(os.pathsep), "each app subprocess can import tui"


def test_no_save_runs_apps_that_save_nothing(capsys: Capsys, fake_server: type[FakeServer]) -> None:
    code, _, err = run(capsys, "serve", "--port", str(free_port()), "--no-save", "--keep-days", "3")
    assert (code, err) == (0, "")
    [server] = fake_server.made
    assert server.command.endswith(" -m tui --no-save") and server.saved_in is None


@pytest.mark.parametrize("days", ["0", "-1", "3651", "ten", "1.5", ""])
def test_a_bad_keep_days_is_one_line_and_exit_2(capsys: Capsys, days: str) -> None:
    code, out, err = run(capsys, "serve", "--keep-days", days)
    assert code == 2 and out == ""
    assert err == (f"career-quiz: argument --keep-days: '{days}' is not a number of days; give a whole number from "
                   "1 to 3650, e.g. --keep-days 30\n")


def test_listening_on_the_network_warns_on_stderr(capsys: Capsys, fake_server: type[FakeServer]) -> None:
    code, out, err = run(capsys, "serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert code == 0
    assert "anyone on your network could use it" in err and "--host 127.0.0.1" in err
    assert "anyone on your network" not in out
    [server] = fake_server.made
    assert server.host == "0.0.0.0" and "0.0.0.0" not in (server.public_url or "")


def test_only_the_page_s_own_origin_and_those_allowed_may_connect(capsys: Capsys,
                                                                  fake_server: type[FakeServer]) -> None:
    port = free_port()
    code, _, err = run(capsys, "serve", "--port", str(port), "--allow-origin", "https://advisor.school.example",
                       "--max-sessions", "3")
    assert (code, err) == (0, "")
    [server] = fake_server.made
    assert server.origins == {f"http://127.0.0.1:{port}", f"http://localhost:{port}", f"http://[::1]:{port}",
                              "https://advisor.school.example:443"}
    assert server.max_sessions == 3


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--max-sessions", "0", "argument --max-sessions: '0' is not a number of sessions; give a whole number from 1 "
                            "to 1000, e.g. --max-sessions 8"),
    ("--max-sessions", "lots", "argument --max-sessions: 'lots' is not a number of sessions"),
    ("--allow-origin", "evil", "argument --allow-origin: 'evil' is not a web origin; give one like "
                               "https://quiz.school.example"),
    ("--allow-origin", "https://x.example/path", "argument --allow-origin: 'https://x.example/path' is not a web "
                                                 "origin"),
])
def test_bad_serve_options_are_one_line(capsys: Capsys, option: str, value: str, message: str) -> None:
    code, out, err = run(capsys, "serve", option, value)
    assert (code, out) == (2, "") and err.startswith(f"career-quiz: {message}") and err.count("\n") == 1


def test_client_messages_are_checked_one_by_one() -> None:
    from tui.web import valid_message

    assert valid_message(["stdin", "1"]) == ("stdin", "1")
    assert valid_message(["resize", {"width": 120, "height": 40}]) == ("resize", {"width": 120, "height": 40})
    assert valid_message(["ping", "123"]) == ("ping", "123")
    assert valid_message(["focus"]) == ("focus", None)
    for bad in ([], {}, "stdin", [1], ["stdin"], ["stdin", 5], ["stdin", ""], ["resize", {"width": "80",
                "height": 24}], ["resize", {"width": 0, "height": 24}], ["resize", {"width": 80, "height": 10**6}],
                ["resize", {"width": True, "height": 24}], ["resize", [80, 24]], ["ping", {"x": 1}],
                ["ping", "x" * 100], ["quit"], ["stdin", "a", "b"]):
        assert valid_message(bad) is None, bad


def test_a_public_url_is_passed_on(capsys: Capsys, fake_server: type[FakeServer]) -> None:
    code, _, _ = run(capsys, "serve", "--port", str(free_port()), "--public-url", "https://quiz.example.org")
    assert code == 0
    assert fake_server.made[0].public_url == "https://quiz.example.org"


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("192.168.1.20", False), ("10.0.0.1", False), ("2001:db8::1", False),
])
def test_which_addresses_count_as_this_computer_only(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_ipv6_addresses_are_bracketed_in_the_url() -> None:
    assert serve.public_url("::1", 8000) == "http://[::1]:8000"


# --- a real server ------------------------------------------------------------------------------------------

BROWSER_LANE = pytest.mark.xdist_group("browser")
"""One xdist worker runs every test that starts a server or Chromium (one of each: see tests/tui/browser.py)."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One `career-quiz serve` for this module's tests (tests/tui/browser.py); yields its URL once it answers.
    Each test closes the sessions it opens, so that the server stops at once."""
    with serving(tmp_path_factory.mktemp("served")) as url:
        yield url


@pytest.mark.slow
@BROWSER_LANE
async def test_the_server_refuses_other_origins_lists_no_folder_and_asks_nothing_of_other_servers(
        served: str) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        for origin in (None, "null", "http://evil.example.com", served.rstrip("/").replace("127.0.0.1", "10.0.0.9")):
            headers = {"Origin": origin} if origin else {}
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{served}ws", headers=headers)
            assert refused.value.status == 403, origin
        for folder in ("static/", "static/js/", "static/fonts/"):
            async with session.get(served + folder) as response:
                assert response.status in {403, 404}, folder
        async with session.get(f"{served}ws", headers={"Origin": served.rstrip("/")}) as response:
            assert response.status == 400, "a plain request for the page's connection is told what the address is"
            assert "open / instead" in await response.text()
        async with session.get(served + "?fontsize=999999999") as response:
            assert 'data-font-size="48"' in await response.text()
        async with session.get(served + "favicon.ico") as response:
            assert response.status == 200 and response.content_type == "image/svg+xml"
        async with session.get(served) as response:
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
            assert response.headers["X-Frame-Options"] == "DENY"
    assert "googleapis" not in page and "https://" not in page
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert 'rel="icon" href="/favicon.svg"' in page


@pytest.mark.slow
@BROWSER_LANE
def test_the_browser_page_is_served(served: str) -> None:
    with urllib.request.urlopen(served, timeout=5) as response:
        status = response.status
        page = response.read().decode("utf-8")
    assert status == 200
    assert 'class="textual-terminal"' in page, "the textual-serve terminal page"
    assert "<div>Career Quiz</div>" in page, "titled with the app's name"
    port = served.rsplit(":", 1)[1].strip("/")
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page


@pytest.mark.slow
@BROWSER_LANE
async def test_a_browser_connection_starts_the_app_at_its_first_question(served: str) -> None:
    """What the page's websocket receives: the app, started as a subprocess, asking its first question."""
    import aiohttp

    from rules.dialogue import Dialogue

    first = next(reply for reply in Dialogue().start() if reply.kind == "question")
    wanted = Dialogue().engine.rulebook.question(first.question or "").text
    received = b""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(served) as page:  # as a browser does: the page gives it its session key (a cookie)
            assert page.status == 200
        async with session.ws_connect(f"{served}ws?width=160&height=45",
                                      headers={"Origin": served.rstrip("/")}) as socket_:
            deadline = time.monotonic() + STARTUP_LIMIT
            while wanted not in screen_text(received):
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"the app did not ask '{wanted}' within {STARTUP_LIMIT:g} s")
                try:
                    message = await asyncio.wait_for(socket_.receive(), timeout=left)
                except asyncio.TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                elif message.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR}:
                    pytest.fail("the app closed the connection before asking anything:\n"
                                + screen_text(received)[-2000:])
    assert wanted in screen_text(received)


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed image data of a PNG (standard library only)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, width, height, compressed = 8, 0, 0, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    return width, height, zlib.decompress(compressed)


@pytest.mark.slow
@BROWSER_LANE
async def test_a_headless_browser_shows_the_app(served: str, browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        tab = await browser.tab(session, served)
        await tab.until("document.body && document.body.classList.contains('-first-byte')", "the first screen")
        await tab.until_received("Question 1")  # the terminal has drawn the app's first screen
        await tab.pump(0.5)
        picture = await tab.call("Page.captureScreenshot", format="png")
        browser.close_tabs()  # ends its session on the module's server
    shot = tmp_path / "page.png"
    shot.write_bytes(base64.b64decode(picture["data"]))
    width, height, pixels = png_pixels(shot)
    assert width == 1200 and height > 400  # the window less the browser's own frame
    assert len(set(pixels)) > 16, "the screenshot is a blank, single-colour page"
