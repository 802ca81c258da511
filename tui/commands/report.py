"""`career-quiz report`: write the recommendation for a set of answers to a Markdown or HTML file.

For advisors: the file holds every reason with its quote and ends with the command that reproduces the
session. Module level imports only the standard library; the brain and jinja2 are imported in the handler.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_USAGE = 2


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write the recommendation, every reason and its quote to a .md or .html file",
        description="Write the recommendation for a set of answers, with every reason and its quote, the "
                    "comparison of the top careers and the sources, to a Markdown (.md) or HTML (.html) file.")
    report.add_argument("--answer", action="append", default=[], metavar="ID=VALUE",
                        help="an answer, e.g. pay_min=40000 (repeatable; wins over --answers)")
    report.add_argument("--answers", dest="answers_file", metavar="FILE",
                        help="a .toml or .json file with a flat table of question id = value")
    report.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the report; its extension (.md or .html) picks the format")
    report.set_defaults(handler=run_report)


def _fail(message: str) -> int:
    print(f"career-quiz: {message}", file=sys.stderr)
    return EXIT_USAGE


def _write(path: Path, text: str) -> str | None:
    """Write the report; on failure, one line saying why (never a traceback)."""
    try:
        path.write_text(text, encoding="utf-8")
    except FileNotFoundError:
        return f"cannot write the report to '{path}': the folder '{path.parent}' does not exist"
    except IsADirectoryError:
        return f"cannot write the report to '{path}': it is a folder; give a file name ending in .md or .html"
    except PermissionError:
        return f"cannot write the report to '{path}': permission denied"
    except OSError as error:
        return f"cannot write the report to '{path}': {error.strerror or error}"
    return None


def run_report(args: argparse.Namespace) -> int:
    from tui.report import FORMATS

    path = Path(args.output)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return _fail(f"-o '{args.output}' must end in .md (Markdown) or .html (a web page)")
    from tui.commands.decide import load_answers

    engine, answers, status = load_answers(args)
    if engine is None:
        return status
    from tui.report import ReportError, render_report

    try:
        text = render_report(engine, answers, fmt)
    except ReportError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return 1
    problem = _write(path, text)
    if problem:
        return _fail(problem)
    print(f"Report written to {path}")
    return 0
