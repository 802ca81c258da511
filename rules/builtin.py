"""The composition root: the one module that puts the built-in knowledge, questions and rules together.

Everything else receives an `Engine` (or its `kb` and `rulebook`) from here, so the import graph stays one way:
builtin -> snapshot -> engine -> rulebook -> models -> knowledge. The engine never imports the snapshot, the
rulebook never imports the engine, and stability and next-question planning are asked for by the conversation
(`rules.stability.planned`), not run inside `Engine.recommend`. tests/rules/test_architecture.py checks that
no module of rules/ or knowledge/ takes part in an import cycle.
"""

from __future__ import annotations

from functools import cache

from rules.engine import Engine
from rules.rulebook import Rulebook
from rules.snapshot import load_engine


@cache
def builtin_engine() -> Engine:
    """The engine over the built-in knowledge base and rules, from a verified snapshot when one is current."""
    return load_engine()


def builtin_rulebook() -> Rulebook:
    """The built-in questions and rules (from the same snapshot as the built-in engine)."""
    return builtin_engine().rulebook
