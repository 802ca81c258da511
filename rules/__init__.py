"""The brain: questions and rules as data, the explaining engine and the dialogue. Never imports Textual."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
