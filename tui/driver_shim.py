"""Workarounds for two Textual 8.2.8 driver bugs that let bytes from outside kill the app.

1. Invalid UTF-8 (https://github.com/Textualize/textual/issues/6456, open in 8.2.8): the input threads of the
   Linux, inline and web drivers decode with a strict UTF-8 decoder, so one byte a Latin-1 terminal sends for
   "é" raises UnicodeDecodeError, the input thread dies and the app exits with a traceback (status 0). The
   shim gives those modules a decoder factory whose errors default to "replace": the byte becomes U+FFFD, which
   the chat shows as "�" and the student can delete. Remove it once upstream sets errors="replace" itself.
2. The web driver's `resize` meta message is trusted as is (`Size(*payload)`), so a browser (or anything else
   on the websocket) sending a width that is not a number crashed the app. The shim drops such a message.
   `career-quiz serve` also refuses it before it reaches the app (tui/web.py); this is the second line.

`install()` is idempotent and is called when tui.app is imported, before any driver starts.
"""

from __future__ import annotations

import codecs
from functools import partial
from importlib import import_module
from typing import Any

DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver",
                  "textual.drivers.web_driver")
MAX_SIZE = 10_000
_installed = False


def lenient_incremental_decoder(encoding: str) -> Any:
    """`codecs.getincrementaldecoder`, but the decoder it makes replaces bad bytes unless told otherwise."""
    decoder_class = codecs.getincrementaldecoder(encoding)
    return partial(decoder_class, errors="replace")


def valid_size(payload: dict[str, object]) -> bool:
    """A resize carries whole numbers from 1 to MAX_SIZE for width and height."""
    return all(isinstance(payload.get(key), int) and not isinstance(payload.get(key), bool)
               and 1 <= payload[key] <= MAX_SIZE for key in ("width", "height"))  # type: ignore[operator]


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    for name in DRIVER_MODULES:
        try:
            module = import_module(name)
        except ImportError:  # e.g. the Linux drivers on Windows
            continue
        if getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
            module.getincrementaldecoder = lenient_incremental_decoder  # type: ignore[attr-defined]
    try:
        from textual.drivers.web_driver import WebDriver
    except ImportError:
        return
    original = WebDriver.on_meta

    def on_meta(self: Any, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "resize" and not valid_size(payload):
            return
        original(self, packet_type, payload)

    WebDriver.on_meta = on_meta  # type: ignore[method-assign]
