"""The headless core never loads Textual or Rich, and a start from a current snapshot never loads pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import contextlib, importlib, io, json, sys

import knowledge.loader
import tui.arguments
import tui.cli

for name in ("rules.engine", "rules.dialogue"):
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise

tui.arguments.build_parser()
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
    code = tui.cli.main(["sources", "--json"])
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {"textual", "rich"})
sources = len(json.loads(out.getvalue())) if code == 0 else None
print(json.dumps({"code": code, "sources": sources, "heavy": heavy, "stderr": err.getvalue()}))
"""


def test_the_core_and_headless_commands_import_neither_textual_nor_rich() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["heavy"] == [], f"imported by the headless path: {result['heavy']}"
    assert result["code"] == 0, result["stderr"]
    assert result["sources"] == 5


def test_building_the_kb_commands_loads_no_knowledge_base() -> None:
    """`tui.cli` imports every command module to build its parser; the kb commands must cost nothing until run."""
    probe = ("import argparse, sys, tui.commands.kb as kb\n"
             "kb.register(argparse.ArgumentParser().add_subparsers())\n"
             "print(sorted(m for m in ('pydantic', 'knowledge.loader', 'textual', 'rich') if m in sys.modules))")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


HEADLESS = """
import contextlib, io, json, sys

import tui.arguments
import tui.cli

with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
    code = tui.cli.main(json.loads(sys.argv[1]))
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"pydantic", "pydantic_core", "textual", "rich", "jinja2"})
print(json.dumps({"code": code, "loaded": loaded, "out": out.getvalue(), "stderr": err.getvalue()}))
"""
COMMANDS = {
    "recommend": ["recommend", "--json", "--answer", "focus=records", "--answer", "pay_min=40000"],
    "ask": ["ask", "what does an LPN earn?", "--json"],  # the reader's vocabulary, kept like the engine
    "questions": ["questions", "--json"],
}


def _headless(argv: list[str], cache: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["CAREER_QUIZ_CACHE_DIR"] = str(cache)
    done = subprocess.run([sys.executable, "-c", HEADLESS, json.dumps(argv)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, result["stderr"]
    return result


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_headless_command_from_a_current_snapshot_imports_no_pydantic(command: str, tmp_path: Path) -> None:
    """Pydantic stays at the file boundary: with a current snapshot, nothing is validated, so it is never imported.

    The first run has no snapshot: it loads and verifies the files (pydantic) and writes one; the second starts
    from it and must load none of pydantic, Textual, Rich or jinja2 — and print the same output."""
    first = _headless(COMMANDS[command], tmp_path)
    assert "pydantic" in first["loaded"]  # the full, validated load (this also proves the probe sees imports)
    second = _headless(COMMANDS[command], tmp_path)
    assert second["loaded"] == [], f"imported from a current snapshot: {second['loaded']}"
    assert second["out"] == first["out"]
