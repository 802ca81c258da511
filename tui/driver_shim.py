"""Workarounds for two Textual 8.2.8 driver bugs that let bytes from outside kill the app.

1. Invalid UTF-8 (https://github.com/Textualize/textual/issues/6456, open in 8.2.8): the input threads of the
   Linux, inline and web drivers decode with a strict UTF-8 decoder, so one byte a Latin-1 terminal sends for
   "é" raises UnicodeDecodeError, the input thread dies and the app exits with a traceback (status 0). The
   shim gives those modules a decoder factory whose errors default to "replace": the byte becomes U+FFFD, which
   the chat shows as "�" and the student can delete. Remove it once upstream sets errors="replace" itself.
2. A paste holding ESC (text copied from a terminal, or "\x1b[200~" typed or pasted without its end): Textual's
   parser reads the ESC as the start of a key sequence, so the rest of the paste is typed as keys — out of
   order, a pasted Tab moving the focus away from the message box — and an unclosed paste start swallows
   every later key: the message box can no longer take input. `PasteSafeParser` turns an ESC inside a
   bracketed paste into "␛" (so the paste stays one piece of text, shown as typed) and closes a paste whose
   end has not come within `PASTE_TIMEOUT` seconds, so typing works again.
3. The web driver's `resize` meta message is trusted as is (`Size(*payload)`), so a browser (or anything else
   on the websocket) sending a width that is not a number crashed the app. The shim drops such a message.
   `career-quiz serve` also refuses it before it reaches the app (tui/web.py); this is the second line.
4. The web driver's input thread ends when its input does (the server closed the pipe, or died), but the app
   went on running with no one to talk to: a server killed with SIGKILL left every app it had started running
   for ever. The shim makes the app exit when its input ends without the app having asked to stop. Upstream, an
   app whose input ends keeps running by design (https://github.com/Textualize/textual/pull/6690 discusses it
   for the Linux driver and leaves exiting to the app); remove this if the web driver ever exits by itself.

`install()` patches every driver module (idempotent); the app calls `install([module])` for the driver it is about
to start only (`CareerQuizApp.get_driver_class`), so a terminal start does not import the web driver.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from contextlib import suppress
from functools import partial
from importlib import import_module
from time import monotonic
from typing import Any

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser

WEB_DRIVER = "textual.drivers.web_driver"
DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver", WEB_DRIVER)
MAX_SIZE = 10_000
PASTE_TIMEOUT = 1.0
"""Seconds without input after which an unfinished bracketed paste is taken as finished."""
SHOWN_ESC = "\u241b"
_installed: set[str] = set()
"""The driver modules patched so far."""


class PasteSafeParser(XTermParser):
    """Textual's terminal parser with ESC inside a paste made harmless and a paste that never ends closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._recent = ""
        """The last few characters outside a paste (to see a paste start split across reads)."""
        self._in_paste = False
        self._pending = ""
        """Inside a paste: an ESC and what followed it, while it may still be the paste's end."""
        self._last_input = monotonic()

    def _rewrite(self, data: str) -> str:
        out: list[str] = []
        for character in data:
            if not self._in_paste:
                out.append(character)
                self._recent = (self._recent + character)[-len(BRACKETED_PASTE_START):]
                if self._recent == BRACKETED_PASTE_START:
                    self._in_paste, self._recent = True, ""
                continue
            if self._pending or character == "\x1b":
                self._pending += character
                if self._pending == BRACKETED_PASTE_END:
                    out.append(self._pending)
                    self._pending, self._in_paste = "", False
                elif not BRACKETED_PASTE_END.startswith(self._pending):
                    out.append(self._flush_pending())
                continue
            out.append(character)
        return "".join(out)

    def _flush_pending(self) -> str:
        """The held characters as text: every ESC shown as ␛ (a later ESC may start the end: keep it)."""
        held, self._pending = self._pending, ""
        head, escape, tail = held[1:].partition("\x1b")
        if escape:
            self._pending = ""
            return SHOWN_ESC + head + self._rewrite(escape + tail)
        return SHOWN_ESC + head

    def _close_stale_paste(self) -> Iterable[Any]:
        if self._in_paste and monotonic() - self._last_input >= PASTE_TIMEOUT:
            held = self._flush_pending() if self._pending else ""
            self._in_paste = False
            yield from super().feed(held + BRACKETED_PASTE_END)

    def feed(self, data: str) -> Iterable[Any]:
        yield from self._close_stale_paste()
        self._last_input = monotonic()
        yield from super().feed(self._rewrite(data) if data else data)

    def tick(self) -> Iterable[Any]:
        yield from super().tick()
        yield from self._close_stale_paste()


def lenient_incremental_decoder(encoding: str) -> Any:
    """`codecs.getincrementaldecoder`, but the decoder it makes replaces bad bytes unless told otherwise."""
    decoder_class = codecs.getincrementaldecoder(encoding)
    return partial(decoder_class, errors="replace")


def valid_size(payload: dict[str, object]) -> bool:
    """A resize carries whole numbers from 1 to MAX_SIZE for width and height."""
    return all(isinstance(payload.get(key), int) and not isinstance(payload.get(key), bool)
               and 1 <= payload[key] <= MAX_SIZE for key in ("width", "height"))  # type: ignore[operator]


def install(modules: Iterable[str] = DRIVER_MODULES) -> None:
    """Patch these driver modules (all of them by default); a module already patched is left alone."""
    for name in modules:
        if name in _installed:
            continue
        _installed.add(name)
        try:
            module = import_module(name)
        except ImportError:  # e.g. the Linux drivers on Windows
            continue
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = lenient_incremental_decoder  # type: ignore[attr-defined]
        if getattr(module, "XTermParser", None) is XTermParser:
            module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
        if name == WEB_DRIVER:
            _guard_resize(module.WebDriver)
            _exit_when_input_ends(module.WebDriver)


def _guard_resize(web_driver: Any) -> None:
    original = web_driver.on_meta

    def on_meta(self: Any, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "resize" and not valid_size(payload):
            return
        original(self, packet_type, payload)

    web_driver.on_meta = on_meta


def _exit_when_input_ends(web_driver: Any) -> None:
    from textual.messages import ExitApp

    original = web_driver.run_input_thread

    def run_input_thread(self: Any) -> None:
        try:
            original(self)
        finally:
            if not self.exit_event.is_set():  # the input ended, not the app: the server is gone
                with suppress(RuntimeError):  # the app's loop has already closed
                    self.send_message(ExitApp())

    web_driver.run_input_thread = run_input_thread
