"""Real browsers for the browser-mode tests (test_browser.py, test_serve.py): `career-quiz serve` in a subprocess
and headless Chromium driven over its DevTools protocol (with aiohttp, which textual-serve brings: no Selenium,
no Playwright). One place for these helpers: the tests share one Chromium (the `browser` fixture in conftest.py).

Without Chromium the tests skip — except in CI (`CI` set), where `.ci/run` installs it and a missing browser
is a failure, never a silent skip.

Every server a test starts must stop within `STOP_LIMIT` seconds of SIGTERM, open pages or not, and leave no app
process behind (`serving` checks both; tests/tui/test_serve_stop.py tests it on purpose). Tests still close
their pages (`Browser.close_tabs`) when done, so one test's sessions never outlive it.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_LIMIT = 30.0
"""Seconds a server, browser or app may take to answer before a test gives up (a bound, not a timing test)."""
STOP_LIMIT = 15.0
"""Seconds a server may take to exit after SIGTERM, and its apps to be gone (it takes about one: a bound)."""
NAVIGATING = ("Inspected target navigated or closed", "Cannot find context with specified id",
              "Execution context was destroyed")
"""What Chromium answers an evaluation asked of a page that is being replaced by the next one."""
ANSI = re.compile(r"\x1b\[[0-9;?$<>=:]*[A-Za-z~@`]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][A-Z0-9]|\x1b[=>78MDEc]")


def chromium() -> str:
    """The Chromium binary; skips the test when there is none, fails when running in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it with apt-get (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI always runs these tests")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def screen_text(raw: bytes) -> str:
    """What the terminal stream says, without its escape sequences."""
    return ANSI.sub("", raw.decode("utf-8", errors="replace"))


def process_table() -> dict[int, tuple[int, int, str]]:
    """Every live process: pid -> (parent pid, process group, state letter), read from /proc (Linux)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[2]), fields[0])
    return table


def descendants(pid: int) -> set[int]:
    """The processes started by `pid`, and by them, and so on (zombies left out)."""
    table = process_table()
    found: set[int] = set()
    parents = {pid}
    while parents:
        children = {child for child, (parent, _, state) in table.items() if parent in parents and state != "Z"}
        parents = children - found
        found |= children
    return found


def app_processes(server_pid: int) -> set[int]:
    """The app processes (`python -m tui [--no-save]`, one per page) a server started, with a shell between or not."""
    found = set()
    for pid in descendants(server_pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv[1:3] == [b"-m", b"tui"] and b"serve" not in argv:
            found.add(pid)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie, waiting to be reaped, has stopped running)."""
    table = process_table()
    return {pid for pid in pids if pid in table and table[pid][2] != "Z"}


def wait_gone(pids: set[int], limit: float) -> set[int]:
    """Wait up to `limit` seconds for `pids` to end; those still running."""
    deadline = time.monotonic() + limit
    while (left := alive(pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def end_process(process: subprocess.Popen[bytes]) -> float:
    """SIGTERM `process` (SIGKILL after `STOP_LIMIT` s); the seconds it took to exit, or inf if it had to be killed."""
    started = time.monotonic()
    process.terminate()
    try:
        process.wait(timeout=STOP_LIMIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return float("inf")
    return time.monotonic() - started


@contextmanager
def server(folder: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`career-quiz serve` on a free loopback port, run from `folder` (so anything it wrote would land there);
    yields its URL, once it answers, and its process. Left running, it is stopped with `end_process`; apps it left
    behind are killed."""
    port = free_port()
    log_path = folder.parent / f"serve-{port}.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--port", str(port), *options], cwd=folder,
                                   env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        apps: set[int] = set()
        try:
            deadline = time.monotonic() + STARTUP_LIMIT
            while True:
                if process.poll() is not None:
                    pytest.fail(f"the server exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
                try:
                    with urllib.request.urlopen(url, timeout=2):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        pytest.fail(f"the server did not answer:\n{log_path.read_text(errors='replace')}")
                    time.sleep(0.2)
            yield url, process
        finally:
            if process.poll() is None:
                apps = descendants(process.pid)
                end_process(process)
            for pid in wait_gone(apps, STOP_LIMIT):
                os.kill(pid, signal.SIGKILL)


@contextmanager
def serving(folder: Path, *options: str) -> Iterator[str]:
    """`server(folder, *options)`'s URL; when the test is done the server must stop within `STOP_LIMIT` seconds
    of SIGTERM and leave no app process."""
    with server(folder, *options) as (url, process):
        yield url
        apps = descendants(process.pid)
        took = end_process(process)
        left = wait_gone(apps, STOP_LIMIT)
        assert took < STOP_LIMIT, f"the server did not stop within {STOP_LIMIT:g} s of SIGTERM"
        assert not left, f"the server left {len(left)} app process(es) running"


class Tab:
    """One page of a headless Chromium, driven over the DevTools protocol."""

    def __init__(self, socket_: Any, target: str = "") -> None:
        self.socket = socket_
        self.target = target
        """Chromium's id for the page (`Browser.close_tab`)."""
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: object) -> dict[str, Any]:
        number = next(self.ids)
        await self.socket.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), timeout=STARTUP_LIMIT)
            if message.get("id") == number:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    async def pump(self, seconds: float = 0.2) -> None:
        """Collect the events that arrive in the next `seconds` (then return, even while a page that keeps
        drawing, such as a blinking cursor, keeps sending them)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(self.socket.receive_json(), timeout=left)
            except asyncio.TimeoutError:
                return
            if "method" in message:
                self.events.append(message)

    async def evaluate(self, expression: str, await_promise: bool = False) -> Any:
        answer = await self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                                 awaitPromise=await_promise)
        return answer.get("result", {}).get("value")

    async def until(self, expression: str, what: str, limit: float = STARTUP_LIMIT) -> Any:
        """The first true value of `expression`, asked every 0.2 s; a page that is navigating (a reload, Restart)
        cannot answer yet, and is asked again."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                value = await self.evaluate(expression)
            except AssertionError as error:
                if not any(words in str(error) for words in NAVIGATING):
                    raise
                value = None
            if value:
                return value
            await self.pump(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    def received_bytes(self) -> bytes:
        """Everything the page's websockets received from the app, as the terminal stream it is."""
        raw = b""
        for event in self.events:
            if event["method"] == "Network.webSocketFrameReceived":
                response = event["params"]["response"]
                if response.get("opcode") == 2:
                    raw += base64.b64decode(response["payloadData"])
        return raw

    def received(self) -> str:
        """Everything the page's websockets received from the app, as plain text."""
        return screen_text(self.received_bytes())

    async def until_received(self, text: str, limit: float = STARTUP_LIMIT) -> None:
        deadline = time.monotonic() + limit
        while text not in self.received():
            if time.monotonic() > deadline:
                raise AssertionError(f"the app never showed {text!r}; it showed:\n{self.received()[-1500:]}")
            await self.pump(0.2)

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def key(self, key: str, code: str, key_code: int, ctrl: bool = False) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=key_code,
                            nativeVirtualKeyCode=key_code, modifiers=2 if ctrl else 0)


class Browser:
    """A headless Chromium with a fresh profile; `tab()` opens pages."""

    def __init__(self, profile: Path) -> None:
        self.port = free_port()
        self.targets: list[str] = []
        self.process = subprocess.Popen(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={self.port}",
             "--window-size=1200,800", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def close(self) -> None:
        self.close_tabs()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _json(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.load(answer)

    async def tab(self, session: Any, url: str = "about:blank", private: bool = False) -> Tab:
        """A new page. `private`: in a browser context of its own (as a private window, or another browser: its
        own cookies, so its own Career Quiz session key); otherwise it shares this browser's cookies."""
        deadline = time.monotonic() + STARTUP_LIMIT
        while True:
            try:
                target = self._json("/json/new?about:blank", method="PUT") if not private \
                    else await self._private_target(session)
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise AssertionError("Chromium's DevTools endpoint never answered") from None
                await asyncio.sleep(0.1)
        self.targets.append(target["id"])
        socket_ = await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        tab = Tab(socket_, target["id"])
        await tab.call("Network.enable")
        await tab.call("Page.enable")
        if url != "about:blank":
            await tab.call("Page.navigate", url=url)
        return tab

    async def _private_target(self, session: Any) -> dict[str, str]:
        """A blank page in a new browser context (Target.createBrowserContext), as /json/new describes a page."""
        version = self._json("/json/version")
        async with session.ws_connect(version["webSocketDebuggerUrl"], max_msg_size=0) as socket_:
            tab = Tab(socket_)
            context = await tab.call("Target.createBrowserContext", disposeOnDetach=False)
            made = await tab.call("Target.createTarget", url="about:blank",
                                  browserContextId=context["browserContextId"])
        return {"id": made["targetId"],
                "webSocketDebuggerUrl": f"ws://127.0.0.1:{self.port}/devtools/page/{made['targetId']}"}

    @contextmanager
    def serving(self, folder: Path, *options: str) -> Iterator[str]:
        """`serving(folder, *options)` for this browser's pages: they are closed before the server stops."""
        with serving(folder, *options) as url:
            try:
                yield url
            finally:
                self.close_tabs()

    def close_tabs(self) -> None:
        """Close every page `tab()` opened, which ends their app sessions."""
        for target in list(self.targets):
            self._close(target)

    async def close_tab(self, tab: Tab) -> None:
        """Close one page, as a student closing the tab would (no "Leave site?" question: that is the page's own)."""
        await tab.socket.close()
        self._close(tab.target)

    def _close(self, target: str) -> None:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/close/{target}")
        try:
            urllib.request.urlopen(request, timeout=5).close()
        except OSError:
            pass  # already closed by the page itself
        if target in self.targets:
            self.targets.remove(target)


async def allow_downloads(tab: Tab, folder: Path) -> None:
    """Downloads from this tab go to `folder` without asking."""
    await tab.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder), eventsEnabled=True)
