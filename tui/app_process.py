"""One browser tab's app process for `career-quiz serve`: started in a process group of its own, always ended.

textual-serve 1.1.3's `AppService` starts the app through `sh -c` (dash keeps the shell as the parent, so the
app is a grandchild of the server) and stops it by sending "quit" and waiting, with no time limit and no kill:
an app that does not answer holds its session's place and the server's shutdown for ever, and an app whose
shell was killed kept running. `AppProcess` starts the command itself (no shell: the app is the server's own
child) as the leader of a new process group, and `stop()` asks it to quit, waits `QUIT_GRACE` seconds, then
ends the group with SIGTERM and, `TERM_GRACE` seconds later, SIGKILL. The app's output is read to its end even
after the page has gone (textual-serve stopped reading at the first failed write to the page, and an app
quitting into a full pipe could not exit). `stop()` may be called from several
places at once (the session's end and the server's shutdown); it runs once.

If the server itself dies without stopping its apps (SIGKILL, a crash), each app sees its input end and quits
(tui/driver_shim.py), so nothing is left behind either way.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable
from contextlib import suppress

from textual_serve.app_service import AppService

log = logging.getLogger("career-quiz.serve")

QUIT_GRACE = 2.0
"""Seconds an app has to quit when asked (it quits in well under a second) before its group is terminated."""
TERM_GRACE = 1.0
"""Seconds between SIGTERM and SIGKILL."""
GROUPS = hasattr(os, "killpg")
"""Process groups exist (POSIX); elsewhere only the app process itself is ended."""


class AppProcess(AppService):
    """textual-serve's `AppService`, with the app as the leader of its own process group and a stop that ends it."""

    def __init__(self, *args: object, ended: Callable[[], Awaitable[object]] | None = None,
                 environment: dict[str, str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.environment = dict(environment or {})
        """Variables set for this app only (its browser's session key: tui/web_sessions.py)."""
        self._stopping: asyncio.Task[None] | None = None
        self.ended = ended or self.remote_close
        """Called when the app ends without being asked to (it crashed or was killed): closes the page's session,
        which otherwise stayed open on the app's last screen, taking keys that went nowhere."""

    @property
    def stopping(self) -> bool:
        """`stop()` has begun (its page went away, or the server is stopping)."""
        return self._stopping is not None

    @property
    def process(self) -> Process | None:
        """The app process, once started."""
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = {**self._build_environment(width=width, height=height), **self.environment}
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command), stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment,
            start_new_session=GROUPS)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; end its process group if it has not within `QUIT_GRACE` seconds. Runs once."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        # asyncio.wait, not wait_for: cancelling textual-serve's stop() would cancel its reading task, which
        # swallows the cancellation, so a timeout around it never fires.
        quitting = asyncio.ensure_future(super().stop())  # says "quit", then reads the app's output to its end
        waiting = [quitting] if self._process is None else [quitting, asyncio.ensure_future(self._process.wait())]
        await asyncio.wait(waiting, timeout=QUIT_GRACE)
        await self.end_process()
        await asyncio.wait([quitting], timeout=TERM_GRACE)  # its output ends with it
        for task in waiting:
            if not task.done():
                task.cancel()
            elif not task.cancelled() and task.exception() is not None:
                log.warning("stopping an app: %r", task.exception())

    async def run(self) -> None:
        await super().run()
        if self._stopping is None:  # the app ended by itself (one that quit has already closed the page)
            with suppress(ConnectionError):
                await self.ended()

    async def on_data(self, payload: bytes) -> None:
        """Pass the app's output on to the page; once the page is gone, keep reading it (and drop it), so an app
        that is quitting never blocks on a full pipe."""
        with suppress(ConnectionError):
            await super().on_data(payload)

    async def on_meta(self, data: bytes) -> None:
        with suppress(ConnectionError):
            await super().on_meta(data)

    async def end_process(self) -> None:
        """SIGTERM the app's process group, then SIGKILL it if it is still there `TERM_GRACE` seconds later."""
        process = self._process
        if process is None:
            return
        for signal_number in (signal.SIGTERM, signal.SIGKILL):
            if process.returncode is not None:
                break
            self._signal(process, signal_number)
            try:
                await asyncio.wait_for(process.wait(), TERM_GRACE)
            except asyncio.TimeoutError:
                continue

    def kill_now(self) -> None:
        """SIGKILL the app's process group at once, without waiting (the server is going away)."""
        if self._process is not None and self._process.returncode is None:
            self._signal(self._process, signal.SIGKILL)

    @staticmethod
    def _signal(process: Process, signal_number: int) -> None:
        try:
            if GROUPS:
                os.killpg(process.pid, signal_number)
            else:
                process.send_signal(signal_number)
        except (ProcessLookupError, PermissionError):
            pass
