"""The wheel carries everything the app reads at run time, and its `career-quiz` command works once installed.

The wheel is installed (not editable) into a throw-away venv that sees this venv's dependencies through a .pth
line, so no network is needed; the command runs from an empty folder, so only the wheel's copy can be imported.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tui", "knowledge", "rules")
REQUIRED = ("knowledge/sources.toml", "knowledge/sources/*.txt", "knowledge/careers/*.toml")
"""Globs that must match at least one file; `rules/**/*.toml` and `tui/**/*.tcss` are checked when they exist."""


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME"}}
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}"
    return done


def build_wheel(out: Path) -> Path:
    """Build the project's wheel; offline with the installed hatchling, else in pip's isolated build env."""
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "--wheel-dir", out, ROOT, cwd=out.parent)
    [wheel] = out.glob("career_quiz-*.whl")
    return wheel


def packaged_files() -> set[str]:
    """Every file of the three packages as the wheel should hold it (compiled files and caches aside)."""
    return {path.relative_to(ROOT).as_posix() for package in PACKAGES for path in (ROOT / package).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}}


@pytest.mark.slow
def test_the_installed_wheel_checks_its_own_knowledge_base(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")

    names = set(zipfile.ZipFile(wheel).namelist())
    for pattern in REQUIRED:
        assert list(ROOT.glob(pattern)), f"the project has no {pattern}"
    missing = sorted(packaged_files() - names)
    assert not missing, f"the wheel lacks {missing}"
    for pattern in ("knowledge/sources/*.txt", "rules/**/*.toml", "tui/**/*.tcss"):
        for path in ROOT.glob(pattern):
            assert path.relative_to(ROOT).as_posix() in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp_path).stdout.strip())
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "_career_quiz_test_deps.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp_path)

    empty = tmp_path / "elsewhere"
    empty.mkdir()
    done = run(venv / "bin" / "career-quiz", "kb", "check", cwd=empty)
    header = done.stdout.splitlines()[0]
    assert header.startswith(f"Knowledge base OK: {site.resolve() / 'knowledge'} "), \
        "the command must use the wheel's copy of the knowledge base, not the project folder"
    counts = dict(re.findall(r"^\s+([a-z ]+): (\d+)", done.stdout, re.MULTILINE))
    assert int(counts["careers"]) > 0
    assert int(counts["facts"]) > 0
    assert counts["sources"] == "5"
