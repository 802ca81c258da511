"""Run a draft holdout (scratch/*.toml: say/must/never) through the chat's own path, as `ask` does."""
import sys, tomllib
from pathlib import Path

from rules.builtin import builtin_engine
from rules.conversation import Conversation
from rules.dialogue import Dialogue, SessionState
from tui.commands.decide import ask_payload

engine = builtin_engine()
data = tomllib.loads(Path(sys.argv[1]).read_text())
verbose = "-v" in sys.argv
ok = 0
for case in data["case"]:
    conv = Conversation(lambda: Dialogue(engine, SessionState()))
    conv.start()
    for text in case["say"]:
        turn = conv.say(text)
    payload = ask_payload(turn, conv.dialogue.state.answers)
    answer = payload["answer"].lower()
    problems = [f"lacks {g}" for g in case.get("must", []) if not any(a.lower() in answer for a in g)]
    problems += [f"has {n!r}" for n in case.get("never", []) if n.lower() in answer]
    ok += not problems
    if problems or verbose:
        print(("MISS " if problems else "ok   ") + " / ".join(case["say"]), "|", payload["query"], payload["kind"], "|", "; ".join(problems))
        if verbose or "-a" in sys.argv:
            print("    " + payload["answer"][:600].replace("\n", "\n    "))
print(f"{ok}/{len(data['case'])} = {100*ok/len(data['case']):.1f}%")
