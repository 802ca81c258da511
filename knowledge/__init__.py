"""The knowledge base: source texts, facts extracted from them, and the loader that proves each quote.

Kept free of heavy imports so the headless commands start quickly; import the submodules you need.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The built-in knowledge base folder (sources/, careers/, sources.toml)."""
