"""The `career-quiz` command: the chat app by default, headless subcommands for scripts and tests.

Subcommand modules are imported only when chosen, so `career-quiz recommend --json` never pays for Textual.
Usage errors exit 2 with one line naming what was wrong and what is accepted; nothing prints a traceback.
A bare `career-quiz` starts the chat without argparse (`tui.arguments` parses every other command line).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_USAGE = 2
CHAT_DEFAULTS: dict[str, object] = {"answers": None, "no_save": False, "advisor": False, "command": None}
"""The options of a bare `career-quiz`, as the parser gives them (a test checks they agree)."""


def run_app(args: argparse.Namespace) -> int:
    """Start the Textual chat app (imported here, never by headless commands)."""
    from tui.app import main as app_main

    return app_main(args)


def run() -> None:
    """The console script: `main`, then, after a headless command, a fast exit.

    A headless command has printed everything when `main` returns; skipping the interpreter's teardown
    (freeing every object one by one) saves about a quarter of its run time. The app exits normally.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if argv and _headless(argv[0]):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


def _headless(command: str) -> bool:
    from tui.arguments import INTERACTIVE, SUBCOMMANDS

    return command in SUBCOMMANDS and command not in INTERACTIVE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv:
            # The chat's start allocates many objects and frees few: the cyclic garbage collector would scan them
            # again and again before the first frame. It is turned back on once that frame is drawn
            # (tui.screens.chat.ChatScreen.after_first_frame).
            gc.disable()
            return run_app(SimpleNamespace(**CHAT_DEFAULTS))  # type: ignore[arg-type]
        return _parse_and_run(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # before `Exception`, which would otherwise catch it and re-raise it
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        from knowledge.base import KnowledgeError  # only imported when something went wrong

        if not isinstance(error, KnowledgeError):
            raise
        print(error.report(), file=sys.stderr)  # a broken knowledge base: the same report from every command
        return 1


def _parse_and_run(argv: list[str]) -> int:
    """Any command line but a bare `career-quiz`: parsed by argparse, then run by its command's handler."""
    from tui.arguments import UsageError, app_args, build_parser

    try:
        args = app_args(argv) or build_parser(argv[0]).parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_app)
        return handler(args)
    except UsageError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return EXIT_USAGE
