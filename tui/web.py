"""The browser-mode server: textual-serve's `Server`, closed to other web pages and to malformed messages.

textual-serve 1.1 as shipped accepts a websocket from any page (so a page the advisor visits could drive the
app), starts a ~55 MB app process for every connection without limit, forwards a `resize` with any values to
the app (a width of "abc" crashed it), lists its static folder, and its page loads a font from Google. Here:

- a websocket is accepted only when its `Origin` is the page's own (`allowed_origins`: the public URL, plus its
  loopback spellings when served on this computer, plus any `--allow-origin`); anything else gets 403;
- at most `max_sessions` app processes run at once; past that the page says the quiz is full (503);
- every client message is checked (type, shape, sizes) and a bad one is dropped, never passed on;
- no directory listings, a favicon, and a page that asks nothing of any other server (`tui/web_page/`), with
  a Content-Security-Policy that enforces it; the page focuses the terminal on load and asks before a running
  session's tab is closed (Ctrl+W deletes a word in a terminal but closes a browser tab);
- each browser keeps its own saved session (tui/web_sessions.py): the page gives it a random key in an HttpOnly
  cookie, its app saves in that key's folder, and a reopened page offers "Continue, or start fresh?"; a missing
  or malformed key starts no app and the page says why (a close code of its own, `KEY_REFUSED`). A reloaded
  page's app starts once the old one, still quitting, has let go of the key's folder. `--no-save` sets no cookie
  and saves nothing;
- a page opened at another allowed spelling of the address (localhost for 127.0.0.1) loads its scripts and opens
  its connection there (`page_base`): it stayed blank before, and its cookie would not reach the other name;
- it stops cleanly: on Ctrl+C, SIGTERM or SIGHUP every open page is told the server is going away and every
  app is asked to quit, then ended with its process group (tui/app_process.py), so the server exits within
  seconds (textual-serve waited up to aiohttp's 60 s for open websockets) and leaves no app process behind.

textual-serve is imported here only; this module is imported only by `career-quiz serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import time
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from tui.app_process import AppProcess
from tui.session_keeper import KEY_ENV
from tui.settings import CONFIG_ENV
from tui.web_sessions import COOKIE, DAY, DEFAULT_KEEP_DAYS, BadKey, check_key, expire, is_key, new_key, touch

log = logging.getLogger("career-quiz.serve")

PAGE_DIR = Path(__file__).resolve().parent / "web_page"
DEFAULT_MAX_SESSIONS = 8
MAX_MESSAGE = 64 * 1024
"""Characters one message may have (a paste of a long question is a few KB); a longer one is dropped."""
MAX_FRAME = 1024 * 1024
"""Bytes past which aiohttp itself closes the connection (so a longer message ends only that session)."""
MAX_CELLS = 1000
"""Largest width or height, in character cells, a browser may ask for."""
MESSAGE_TYPES = {"stdin", "resize", "ping", "blur", "focus"}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
APP_ENDED = WSCloseCode.INTERNAL_ERROR
"""How a page's connection is closed when its app ended without being asked (the page says it stopped)."""
MIN_FONT, MAX_FONT = 8, 48
"""Font sizes (pixels) the page's `?fontsize=` may ask for; others are brought within these bounds."""
CLOSE_GRACE = 2.0
"""Seconds a page has to answer the server's closing of its websocket before the connection is dropped."""
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
"""Ctrl+C, a polite kill, and the terminal the server runs in being closed: each stops it cleanly."""
SHUTDOWN_TIMEOUT = 3.0
"""Seconds aiohttp waits for a request still running after shutdown (sessions are already ended by then)."""
KEY_REFUSED = 4400
"""How a page's connection is closed when its browser sent no valid session key (the reason says what to do)."""
NO_KEY = "No session key came from this browser (are cookies blocked here?). Allow cookies, then press Restart."
BAD_KEY = "This browser's session key is not valid, so no session started. Press Restart for a new key."
EXPIRE_EVERY = 60 * 60.0
"""Seconds between two sweeps of expired browser sessions while the server runs (the first is at its start)."""

FULL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} is full</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>body{{background:#0c181f;color:#f2f2f2;font:18px/1.5 system-ui,sans-serif;display:flex;
align-items:center;justify-content:center;height:100vh;margin:0}}main{{max-width:34rem;padding:2rem;
background:#12232d}}a{{color:#8fd3ff}}</style></head>
<body><main><h1>{title} is full</h1>
<p>{count} people are using it right now, as many as this computer was told to serve at once.
Try again in a few minutes: <a href="/">reload this page</a>.</p></main></body></html>
"""

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def origin_of(url: str) -> str:
    """'http://127.0.0.1:8000' for 'http://127.0.0.1:8000/anything' (default ports written out)."""
    parts = urlsplit(url)
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port or (443 if scheme == "https" else 80)
    return f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, port: int, loopback: bool, extra: list[str] | None = None) -> set[str]:
    """The origins a websocket may come from: the page's own, and those the person serving allowed."""
    allowed = {origin_of(public_url)}
    if loopback:
        scheme = urlsplit(public_url).scheme or "http"
        allowed |= {origin_of(f"{scheme}://{name}:{port}") for name in LOOPBACK_NAMES}
    allowed |= {origin_of(url) for url in extra or []}
    return allowed


def valid_message(envelope: object) -> tuple[str, Any] | None:
    """(type, data) for a well-formed client message, else None (dropped)."""
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind not in MESSAGE_TYPES or len(envelope) > 2:
        return None
    if kind == "stdin":
        return (kind, data) if isinstance(data, str) and data else None
    if kind == "resize":
        if not isinstance(data, dict):
            return None
        size = [data.get("width"), data.get("height")]
        if all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_CELLS for n in size):
            return kind, {"width": size[0], "height": size[1]}
        return None
    if kind == "ping":
        return (kind, data) if isinstance(data, (str, int, float)) and len(str(data)) <= 64 else None
    return kind, None


class SafeServer(Server):
    """textual-serve's server with the checks above (see the module's docstring)."""

    def __init__(self, command: str, *, host: str, port: int, title: str, public_url: str,
                 origins: set[str], max_sessions: int = DEFAULT_MAX_SESSIONS, saved_in: Path | None = None,
                 keep_days: int = DEFAULT_KEEP_DAYS) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.saved_in = saved_in
        """The folder of the browsers' saved sessions (one folder per key), or None: nothing is saved."""
        self.keep_days = keep_days
        self.expired_at = float("-inf")
        self.keyed: dict[str, set[AppProcess]] = {}
        """The apps of each key not yet ended: a reloaded page's app waits for the old one to let go of the folder."""
        self.templates_path = PAGE_DIR
        self.origins = origins
        self.max_sessions = max_sessions
        self.sessions = 0
        self.open: dict[web.WebSocketResponse, AppProcess | None] = {}
        """Each open session's websocket and app (None until the app starts), ended on shutdown."""
        self.apps: set[AppProcess] = set()
        """Every app started and not yet stopped: the last sweep kills any left (`kill_leftovers`)."""
        self.stopping = False
        """Set on the first stop signal (or shutdown): no new app starts."""
        self.csp = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    "form-action 'none'; connect-src 'self' " + " ".join(sorted(
                        origin.replace("http", "ws", 1) for origin in origins)))

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._headers])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/favicon.svg", self.handle_favicon),
            web.get("/favicon.ico", self.handle_favicon),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            response.headers.update(SECURITY_HEADERS)
            response.headers["Content-Security-Policy"] = self.csp
        return response

    async def handle_favicon(self, request: web.Request) -> web.Response:
        return web.Response(body=(PAGE_DIR / "favicon.svg").read_bytes(), content_type="image/svg+xml",
                            headers={"Cache-Control": "max-age=86400"})

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if self.sessions >= self.max_sessions:
            return self.full_page()
        context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        context["font_size"] = min(max(context["font_size"], MIN_FONT), MAX_FONT)
        context["saving"] = self.saved_in is not None
        base = self.page_base(request)
        if base != self.public_url:  # e.g. opened as localhost: scripts, connection and cookie all on that name
            context["config"]["static"]["url"] = f"{base}/static/"
            context["app_websocket_url"] = "ws" + base.removeprefix("http") + "/ws"
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if self.saved_in is not None:
            self.give_key(request, response)
        return response

    def page_base(self, request: web.Request) -> str:
        """The address the page was opened at, when it is one of the allowed origins (e.g. http://localhost:8000 for
        a server whose public URL is http://127.0.0.1:8000), else the public URL. The page's scripts and its
        connection must use the page's own host name: the Content-Security-Policy allows only 'self' for scripts,
        and the browser sends the session key's cookie only to the host that set it (a page opened as localhost
        stayed blank)."""
        scheme = urlsplit(self.public_url).scheme or "http"
        try:
            opened_at = origin_of(f"{scheme}://{request.host}")  # rebuilt from its parts: never the raw header
        except ValueError:  # a Host header that is no host name
            return self.public_url
        if opened_at not in self.origins or opened_at == origin_of(self.public_url):
            return self.public_url
        return opened_at

    def give_key(self, request: web.Request, response: web.StreamResponse) -> None:
        """The browser's session key, in a cookie only this server's pages send (a new key when it has none, or one
        Career Quiz did not make); its life starts again at every visit."""
        key = request.cookies.get(COOKIE)
        if not is_key(key):
            key = new_key()
        response.set_cookie(COOKIE, key, max_age=self.keep_days * DAY, path="/", httponly=True, samesite="Lax",
                            secure=self.public_url.startswith("https:"))

    def full_page(self) -> web.Response:
        from html import escape

        return web.Response(status=503, content_type="text/html", headers={"Retry-After": "60"},
                            text=FULL_PAGE.format(title=escape(self.title), count=self.sessions))

    def origin_allowed(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is not None and origin != "null" and origin_of(origin) in self.origins

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if not self.origin_allowed(request):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            return web.Response(status=403, text="This page may not use Career Quiz (wrong origin).\n")
        if not web.WebSocketResponse().can_prepare(request).ok:
            return web.Response(status=400, text="This address is the Career Quiz page's connection, not a page: "
                                                 "open / instead.\n")
        if self.sessions >= self.max_sessions:
            return web.Response(status=503, text="Career Quiz is full; try again in a few minutes.\n")
        self.sessions += 1
        try:
            return await self._run_session(request)
        finally:
            self.sessions -= 1

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's session, with the starting size checked and every message validated."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_FRAME, timeout=CLOSE_GRACE)
        width = min(max(to_int(request.query.get("width", "80"), 80), 1), MAX_CELLS)
        height = min(max(to_int(request.query.get("height", "24"), 24), 1), MAX_CELLS)
        app_service: AppProcess | None = None
        self.open[websocket] = None
        try:
            await websocket.prepare(request)
            if self.stopping:  # arrived as the server began to stop: start no app that would outlive it
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
                return websocket
            key = None
            if self.saved_in is not None:
                try:
                    key = check_key(request.cookies.get(COOKIE))
                except BadKey as problem:
                    log.warning("refused a session: its key is not valid (%s)", problem)
                    refusal = NO_KEY if COOKIE not in request.cookies else BAD_KEY
                    await websocket.close(code=KEY_REFUSED, message=refusal.encode())
                    return websocket
                await self.prepare_folder(key)
            app_service = AppProcess(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close, download_manager=self.download_manager,
                                     debug=self.debug, ended=partial(websocket.close, code=APP_ENDED),
                                     environment=self.app_environment(key))
            self.open[websocket] = app_service
            self.apps.add(app_service)
            if key is not None:
                self.keyed.setdefault(key, set()).add(app_service)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one session's failure must not stop the server
            log.exception(error)
        finally:
            self.open.pop(websocket, None)
            if app_service is not None:
                await app_service.stop()
                self.apps.discard(app_service)
                self.forget_app(app_service)
        return websocket

    def app_environment(self, key: str | None) -> dict[str, str]:
        """What a browser's app is told: where it saves (its key) and keeps its settings (its own folder)."""
        if key is None or self.saved_in is None:
            return {}
        return {KEY_ENV: key, CONFIG_ENV: str(self.saved_in / key)}

    async def prepare_folder(self, key: str) -> None:
        """Before a browser's app starts: expire old sessions (hourly), mark this one as used, and wait for an app
        of the same key that is still quitting (a reloaded page: the old app holds the folder's lock until it
        ends). An app of that key still running in another tab is left alone: the new app asks, as a second
        window does."""
        assert self.saved_in is not None
        if time.monotonic() - self.expired_at >= EXPIRE_EVERY:
            self.expire_old()
        touch(self.saved_in / key)
        quitting = [app for app in self.keyed.get(key, ()) if app.stopping]
        if quitting:
            await asyncio.gather(*(app.stop() for app in quitting))

    def forget_app(self, app_service: AppProcess) -> None:
        for key, apps in list(self.keyed.items()):
            apps.discard(app_service)
            if not apps:
                del self.keyed[key]

    def expire_old(self) -> None:
        """Remove the saved sessions no browser used for `keep_days` days (at start, then at most hourly)."""
        self.expired_at = time.monotonic()
        if self.saved_in is None:
            return
        removed = expire(self.saved_in, self.keep_days)
        if removed:
            log.info("Removed %d browser session%s unused for %d days", len(removed), "" if len(removed) == 1 else "s",
                     self.keep_days)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every open session before aiohttp waits for their handlers (it would wait 60 s for a page that
        stays open): each page is told the server is going away, each app is asked to quit, then ended."""
        self.stopping = True
        sessions = list(self.open.items())
        if sessions:
            log.info("Stopping: ending %d open session%s", len(sessions), "" if len(sessions) == 1 else "s")
        await asyncio.gather(*(self._end_session(websocket, service) for websocket, service in sessions))

    @staticmethod
    async def _end_session(websocket: web.WebSocketResponse, service: AppProcess | None) -> None:
        if websocket.prepared:  # "going away" (1001): the page says the server stopped, not only "Session ended"
            with contextlib.suppress(Exception, asyncio.TimeoutError):
                await asyncio.wait_for(websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping"),
                                       CLOSE_GRACE)
        if service is not None:
            await service.stop()

    def kill_leftovers(self) -> None:
        """Kill any app still running once the server's loop has ended (a second Ctrl+C cuts the shutdown short)."""
        for service in list(self.apps):
            service.kill_now()
        self.apps.clear()

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve()`, with aiohttp's shutdown wait cut from 60 s to `SHUTDOWN_TIMEOUT` and a last
        sweep of app processes."""
        self.debug = debug
        self.initialize_logging()
        self.expire_old()
        loop = asyncio.new_event_loop()
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            for name in STOP_SIGNALS:
                if hasattr(signal, name):
                    loop.add_signal_handler(getattr(signal, name), self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        shutdown_timeout=SHUTDOWN_TIMEOUT, print=lambda *args: None)
        finally:
            self.kill_leftovers()

    def request_exit(self) -> None:
        """Ctrl+C, SIGTERM or SIGHUP: stop serving. A second one while stopping kills the apps at once (the shutdown
        then ends as soon as their processes are gone)."""
        if self.stopping:
            self.kill_leftovers()
            return
        self.stopping = True
        raise GracefulExit()

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppProcess) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                checked = valid_message(json.loads(message.data)) if len(message.data) <= MAX_MESSAGE else None
            except (ValueError, RecursionError):
                checked = None
            if checked is None:
                log.warning("dropped a malformed message (%d characters)", len(message.data))
                continue
            kind, data = checked
            if kind == "stdin":
                await app_service.send_bytes(data.encode("utf-8", errors="replace"))
            elif kind == "resize":
                await app_service.set_terminal_size(data["width"], data["height"])
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()
