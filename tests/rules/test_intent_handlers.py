"""Every intent the classifier can produce has a handler in the dialogue."""

from __future__ import annotations

import re
from pathlib import Path

from rules.dialogue import Dialogue
from rules.intents import COMMANDS


def test_every_intent_kind_is_handled():
    source = (Path(__file__).resolve().parents[2] / "rules" / "intents.py").read_text()
    kinds = set(COMMANDS) | set(re.findall(r'Intent\("([a-z_]+)"', source))
    missing = [kind for kind in sorted(kinds) if not hasattr(Dialogue, f"_on_{kind}")]
    assert not missing
