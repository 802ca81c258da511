"""`career-quiz chat`: the chat app, or with `--plain` the same conversation as lines on stdin and stdout.

Module level imports only the standard library: `chat --plain` never loads Textual.
"""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    chat = commands.add_parser("chat", help="the chat (the default); --plain for text lines on stdin/stdout")
    chat.add_argument("--plain", action="store_true",
                      help="plain lines, numbered options, no colours: for screen readers and scripts; "
                           "ends at end of input with the results")
    # Also accepted after `chat`; SUPPRESS keeps the values given before it (`career-quiz --no-save chat`).
    chat.add_argument("--answers", metavar="FILE", default=argparse.SUPPRESS,
                      help="start with answers from a .toml or .json file")
    chat.add_argument("--no-save", action="store_true", default=argparse.SUPPRESS,
                      help="do not save the session (shared computers)")
    chat.add_argument("--advisor", action="store_true", default=argparse.SUPPRESS,
                      help="show the advisor's trace panel (the app only)")
    chat.set_defaults(handler=run_chat)


def run_chat(args: argparse.Namespace) -> int:
    if args.plain:
        from tui.plain import run_plain

        return run_plain(args)
    from tui.cli import run_app

    return run_app(args)
