"""Browser mode in a real browser (headless Chromium): the app answers, an export downloads in the browser and
nothing is written on the server, a page from another origin is refused, the session cap holds, and malformed
messages leave the app running. See tests/tui/browser.py for how the browser is driven."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from rules.opening import opening
from tests.tui.browser import STARTUP_LIMIT, Browser, allow_downloads

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]
"""Starts processes; one xdist worker runs every test that starts a server or Chromium (one of each)."""

FIRST_QUESTION = opening().question.text
JUNK = [
    "not json", "[]", "{}", "[1, 2]", '["resize"]', '["resize", {"width": "abc", "height": 30}]',
    '["resize", {"width": -1, "height": 1e9}]', '["resize", {"width": true, "height": 30}]', '["resize", [80, 24]]',
    '["stdin", 5]', '["stdin", {"x": 1}]', '["stdin", ""]', '["ping"]', '["ping", {"deep": [1]}]',
    '["unknown", 1]', '["stdin", "a", "b"]', "[" * 5000 + "]" * 5000,
]
PROBE = """
new Promise((resolve) => {
  const url = document.getElementById('terminal').dataset.sessionWebsocketUrl + '?width=200&height=50';
  const ws = new WebSocket(url);
  window.probe = ws;
  ws.binaryType = 'arraybuffer';
  const decoder = new TextDecoder();
  const strip = (s) => s.replace(/\\x1b\\[[0-9;?]*[A-Za-z~]/g, '');
  let text = '', sent = false;
  ws.onmessage = (event) => {
    if (typeof event.data === 'string') return;
    text += decoder.decode(event.data, {stream: true});
    const plain = strip(text);
    if (!sent && plain.includes(FIRST)) {
      sent = true;
      for (const message of JUNK) ws.send(message);
      ws.send('x'.repeat(70000));
      setTimeout(() => ws.send(JSON.stringify(['stdin', '1\\r'])), 500);  // option 1, sent with Enter
    }
    if (sent && plain.includes('Question 2')) resolve('answered');
  };
  ws.onclose = () => resolve('closed: ' + strip(text).slice(-300));
  setTimeout(() => resolve('timeout: ' + strip(text).slice(-300)), TIMEOUT);
})
"""
FOREIGN_PAGE = """<!DOCTYPE html><html><head><title>waiting</title></head><body><script>
const ws = new WebSocket("WS_URL");
ws.onopen = () => { document.title = "open"; };
ws.onclose = () => { if (document.title !== "open") document.title = "closed"; };
</script></body></html>"""


async def test_in_chromium_the_app_answers_and_an_export_downloads(browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    server_folder, downloads = tmp_path / "server", tmp_path / "downloads"
    server_folder.mkdir()
    downloads.mkdir()
    with browser.serving(server_folder) as url:
        async with aiohttp.ClientSession() as session:
            tab = await browser.tab(session)
            await allow_downloads(tab, downloads)
            await tab.call("Page.navigate", url=url)
            await tab.until("document.body && document.body.classList.contains('-first-byte')", "the first screen")
            assert await tab.until("document.activeElement && document.activeElement.classList.contains("
                                   "'xterm-helper-textarea')", "the terminal to have the keyboard focus")
            await tab.until_received(FIRST_QUESTION)
            await tab.type("1")  # no click first: the page put the focus in the terminal
            await tab.key("Enter", "Enter", 13)  # a number chooses when it is sent
            await tab.until_received("Question 2")
            await tab.key("e", "KeyE", 69, ctrl=True)
            deadline = time.monotonic() + STARTUP_LIMIT
            while len([p for p in downloads.iterdir() if not p.name.endswith(".crdownload")]) < 2:
                assert time.monotonic() < deadline, f"no download; the app showed:\n{tab.received()[-1500:]}"
                await tab.pump(0.2)
            requested = [event["params"]["request"]["url"] for event in tab.events
                         if event["method"] == "Network.requestWillBeSent"]
            # Leaving the page (Ctrl+W in a browser closes the tab) asks first while the session runs.
            await tab.socket.send_json({"id": 0, "method": "Page.navigate", "params": {"url": "about:blank"}})
            deadline = time.monotonic() + STARTUP_LIMIT
            while not any(e["method"] == "Page.javascriptDialogOpening" for e in tab.events):
                assert time.monotonic() < deadline, "leaving a running session did not ask"
                await tab.pump(0.2)
            dialog = next(e for e in tab.events if e["method"] == "Page.javascriptDialogOpening")
            assert dialog["params"]["type"] == "beforeunload"
            await tab.call("Page.handleJavaScriptDialog", accept=False)
            assert await tab.evaluate("document.body.classList.contains('-first-byte')"), "the page stayed"
    names = sorted(p.name for p in downloads.iterdir())
    assert [re.fullmatch(r"career-quiz-report-student-\d{8}-\d{6}\.(html|md)", n) is not None for n in names] \
        == [True, True], names
    markdown = next(downloads.glob("*.md")).read_text(encoding="utf-8")
    assert "Keeping patient records complete and accurate" in markdown
    assert list(server_folder.iterdir()) == [], "nothing is written on the server"
    foreign = [u for u in requested if not u.startswith((url, url.replace("127.0.0.1", "localhost"), "data:"))]
    assert foreign == [], "the page asks nothing of any other server"


async def test_other_origins_the_session_cap_and_malformed_messages(browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    server_folder = tmp_path / "server"
    server_folder.mkdir()
    # --no-save: the probe below is a second session from the same page, so with saving it would share the page's
    # key and ask, as a second window does, whether to carry on without saving (test_serve_sessions.py).
    with browser.serving(server_folder, "--max-sessions", "2", "--no-save") as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        foreign_folder = tmp_path / "foreign"
        foreign_folder.mkdir()
        (foreign_folder / "index.html").write_text(FOREIGN_PAGE.replace("WS_URL", f"ws://127.0.0.1:{port}/ws"),
                                                   encoding="utf-8")
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(foreign_folder))
        handler.log_message = lambda *args: None  # type: ignore[method-assign]
        foreign = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=foreign.serve_forever, daemon=True).start()
        try:
            async with aiohttp.ClientSession() as session:
                # A page from another origin (another port is another origin) cannot open a session.
                evil = await browser.tab(session, f"http://localhost:{foreign.server_address[1]}/index.html")
                assert await evil.until("['open', 'closed'].includes(document.title) && document.title",
                                        "the foreign page's websocket to settle") == "closed"

                # The real page (session 1) and a probe from the same origin (session 2) sending malformed
                # messages: each is dropped and the app still answers the valid one that follows.
                tab = await browser.tab(session, url)
                await tab.until("document.body && document.body.classList.contains('-first-byte')", "the page")
                probe = PROBE.replace("FIRST", json.dumps(" ".join(FIRST_QUESTION.split()[:3]))).replace("JUNK", json.dumps(JUNK)) \
                    .replace("TIMEOUT", str(int(STARTUP_LIMIT * 1000)))
                assert await tab.evaluate(probe, await_promise=True) == "answered"

                # Two sessions run, the cap: a third visitor is told the quiz is full, and no app starts for it.
                third = await browser.tab(session, url)
                assert await third.until("document.title.endsWith('is full') && document.title",
                                         "the full page") == "Career Quiz is full"
                text = await third.evaluate("document.body.innerText")
                assert "2 people are using it right now" in text

                # Closing one frees its place (once its app has quit).
                await tab.evaluate("window.probe.close(); true")
                deadline = time.monotonic() + STARTUP_LIMIT
                while await third.evaluate("document.title") != "Career Quiz":
                    assert time.monotonic() < deadline, "the closed session's place was never freed"
                    await third.pump(0.5)
                    await third.call("Page.reload")
                    await third.pump(0.5)
                await third.until("document.body && document.body.classList.contains('-first-byte')",
                                  "the third visitor's app")
        finally:
            foreign.shutdown()
    assert list(server_folder.iterdir()) == []
