"""Synthetic knowledge bases of any size, valid enough to pass the real loader and rulebook checks.

Each career gets the facts the rules read (patient contact, science, equipment, computer time, schedule, a
median pay, a training route, a credential) plus a duty, every one quoted from one generated source text, so
`knowledge.loader.load` proves them as it proves the real ones. The rules are the real rules.toml with the
focus table rewritten to name the synthetic careers (its rows grow with the number of careers) and a
tie_order listing them all; the questions are the real questions.toml.
"""

from __future__ import annotations

import json
import random
import shutil
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from rules import PACKAGE_DIR as RULES_DIR

if TYPE_CHECKING:
    from rules.engine import Engine

SOURCE_ID = "synthetic"
TITLE = "Synthetic Careers Handbook"
LEVELS = {
    "patient_contact": ("none", "some", "lots"),
    "science": ("low", "moderate", "high"),
    "equipment": ("none", "some", "heavy"),
    "computer_time": ("low", "moderate", "high"),
}
CREDENTIALS = (("required", True), ("required_some", True), ("preferred", True), ("optional", None))
ROUTES = ((6, 12), (9, 12), (12, 12), (24, 24), (48, 48))


def career_id(index: int) -> str:
    return f"career_{index:04d}"


def _toml(value: object) -> str:
    """A TOML literal for the few shapes written here (JSON strings are valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML here")


def _table(header: str, values: dict) -> list[str]:
    lines = [header] if header else []
    lines += [f"{key} = {_toml(value)}" for key, value in values.items() if value is not None]
    return lines


def _career(index: int, rng: random.Random) -> tuple[str, list[str]]:
    """One career file's text and the sentences its quotes come from."""
    cid = career_id(index)
    label = f"Career {index:04d}"
    sentences: list[str] = []
    facts: list[dict] = []

    def fact(values: dict, quote: str) -> None:
        sentences.append(quote)
        facts.append({**values, "source": SOURCE_ID, "quote": quote})

    fact({"id": "duty_main", "kind": "duty", "text": f"Handles task {index}"},
         f"{label} workers handle task number {index} every day.")
    for kind, levels in LEVELS.items():
        level = rng.choice(levels)
        fact({"id": f"{kind}_level", "kind": kind, "level": level},
             f"{label} workers have a {level} level of {kind.replace('_', ' ')}.")
    hours = rng.choice(("standard_daytime", "irregular"))
    fact({"id": "schedule_hours", "kind": "schedule", "hours": hours},
         f"{label} workers keep {'standard daytime' if hours == 'standard_daytime' else 'irregular'} hours.")
    amount = rng.randrange(25_000, 120_000, 10)
    fact({"id": "pay_median", "kind": "pay", "statistic": "median", "amount": amount, "year": 2023},
         f"The median pay for {label} workers was ${amount:,} in 2023.")
    low, high = rng.choice(ROUTES)
    fact({"id": "training_route", "kind": "training", "route": "certificate", "months_min": low, "months_max": high},
         f"Training for {label} takes {low if low == high else f'{low} to {high}'} months.")
    status, exam = rng.choice(CREDENTIALS)
    fact({"id": "credential_main", "kind": "credential", "name": f"{label} credential", "status": status,
          "exam": exam}, f"{label} workers hold a credential that is {status.replace('_', ' ')}"
                         f"{' and needs an exam' if exam else ''}.")
    lines = _table("", {"id": cid, "name": f"Synthetic career {index:04d}"})
    for values in facts:
        lines += ["", *_table("[[facts]]", values)]
    return "\n".join(lines) + "\n", sentences


def _rules(careers: list[str], rng: random.Random) -> str:
    """The real rules with the focus table naming the synthetic careers and a tie_order of all of them."""
    data = tomllib.loads((RULES_DIR / "rules.toml").read_text(encoding="utf-8"))
    focus_question = next(q for q in tomllib.loads((RULES_DIR / "questions.toml").read_text(encoding="utf-8"))
                          ["questions"] if q["id"] == "focus")
    options = [o["value"] for o in focus_question["options"]]
    lines = [f"tie_order = {_toml(careers)}"]
    for rule in data["rules"]:
        agreement = rule.pop("agreement", {})
        rule.pop("cite", None)
        if rule["id"] == "focus_fit":
            agreement = {option: {} for option in options}
            for index, career in enumerate(careers):
                agreement[options[index % len(options)]][career] = 1.0
                if rng.random() < 0.5:
                    agreement[rng.choice(options)].setdefault(career, rng.choice((0.2, 0.4, -0.2)))
        lines += ["", *_table("[[rules]]", rule)]
        for answer, row in agreement.items():
            lines += _table(f"[rules.agreement.{answer}]", row)
    return "\n".join(lines) + "\n"


def build(folder: Path, careers: int, seed: int = 1) -> Path:
    """Write a knowledge base of `careers` careers (and its questions and rules) into `folder`; return it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "careers").mkdir(exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    sentences = [TITLE, ""]
    ids = []
    for index in range(careers):
        text, said = _career(index, rng)
        (folder / "careers" / f"{career_id(index)}.toml").write_text(text, encoding="utf-8")
        sentences += said
        ids.append(career_id(index))
    (folder / "sources" / f"{SOURCE_ID}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (folder / "sources.toml").write_text(
        "\n".join(_table("[[sources]]", {"id": SOURCE_ID, "title": TITLE, "years": [2023]})) + "\n",
        encoding="utf-8")
    shutil.copy(RULES_DIR / "questions.toml", folder / "questions.toml")
    (folder / "rules.toml").write_text(_rules(ids, rng), encoding="utf-8")
    return folder


def engine_for(folder: Path) -> Engine:
    """Load and verify the synthetic knowledge base and rulebook through the real loaders; return an Engine
    set up as the built-in one is (reason texts precomputed, as `rules.snapshot.load_engine` does)."""
    from knowledge.loader import load
    from rules.engine import Engine
    from rules.rulebook import load_rulebook

    kb = load(folder)
    engine = Engine(kb, load_rulebook(kb, folder))
    if hasattr(engine, "precompute_texts") and not getattr(engine, "texts", True):
        engine.texts = engine.precompute_texts()
    return engine
