"""Adding a question whose facts already exist, or a career, touches data files only (README, "Adding a
question or a career"): done here in a temporary copy of knowledge/ and rules/, with no code changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge import PACKAGE_DIR as KNOWLEDGE_DIR
from knowledge.loader import load
from rules import PACKAGE_DIR as RULES_DIR
from rules.engine import Engine
from rules.explain import why_not
from rules.rulebook import load_rulebook
from rules.stability import is_stable, next_question

QUESTION = '''
[[questions]]
id = "remote"
short = "working from home"
text = "Would you like to work from home some of the time?"
kind = "choice"
why = "Some sources say technicians may work from home; most positions need on-site presence."
hint = "Answer yes or no (1-2)."
options = [
  { value = "no", label = "No, on site is fine", synonyms = ["no", "on site"] },
  { value = "yes", label = "Yes, I'd like that", synonyms = ["yes", "from home", "remote"] },
]
'''

RULE = '''
[[rules]]
id = "remote_fit"
question = "remote"
kind = "table"
attribute = "remote_work"
weight = 1.0
for_text = "You chose “{{ answer }}”; the sources say {{ careers }} have {{ levels }}."
against_text = "You chose “{{ answer }}”, but the sources say {{ careers }} have {{ levels }}."
neutral_text = "You chose “{{ answer }}”; the sources say {{ careers }} have {{ levels }}."
unknown_text = "The sources do not say whether {{ careers }} can work from home."
[rules.agreement.no]
none = 1.0
some = 1.0
growing = 1.0
[rules.agreement.yes]
none = -1.0
some = 0.6
growing = 1.0
'''

CAREER = '''
id = "records_clerk"
name = "Records clerk"
thin = true
thin_note = "A test career made of quotes the sources say of technicians."

[[facts]]
id = "duty_compile"
kind = "duty"
text = "Compile patients' health information"
source = "mrt_careers_salary"
quote = "Medical records technicians compile health information data, such as medical history, examination results, symptoms, treatment methods and diagnosis."

[[facts]]
id = "remote_some"
kind = "remote_work"
level = "some"
source = "mrhit_career_info"
quote = "Some technicians may work from home."
'''


def extended_copy(tmp_path: Path) -> tuple[Path, Path]:
    knowledge = shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge",
                                ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    rules = tmp_path / "rules"
    rules.mkdir()
    (knowledge / "careers" / "records_clerk.toml").write_text(CAREER, encoding="utf-8")
    (rules / "questions.toml").write_text((RULES_DIR / "questions.toml").read_text(encoding="utf-8") + QUESTION,
                                          encoding="utf-8")
    text = (RULES_DIR / "rules.toml").read_text(encoding="utf-8")
    text = text.replace("tie_order = [", 'tie_order = [\n  "records_clerk",', 1)
    text += RULE  # the words for remote work's levels are knowledge's (knowledge.models.LEVEL_WORDS)
    (rules / "rules.toml").write_text(text, encoding="utf-8")
    return knowledge, rules


def test_a_new_career_and_question_need_only_data_files(tmp_path):
    knowledge, rules = extended_copy(tmp_path)
    kb = load(knowledge)
    engine = Engine(kb, load_rulebook(kb, rules))
    assert "remote" in [q.id for q in engine.questions] and "records_clerk" in engine.careers
    answers = {"focus": "records", "remote": "yes"}
    result = engine.recommend(answers)
    clerk = next(r for r in result.recommendations if r.career == "records_clerk")
    remote = next(r for r in clerk.reasons if r.question == "remote")
    assert remote.text == "You chose “Yes, I'd like that”; the sources say records clerks have some remote work."
    assert remote.citations[0].quote == "Some technicians may work from home."
    assert (clerk.judged, clerk.answered) == (2, 2)
    technician = next(r for r in result.recommendations if r.career == "medical_records_technician")
    assert any(r.question == "remote" and r.judged for r in technician.reasons)
    radiographer = next(r for r in result.recommendations if r.career == "radiologic_technician")
    silent = next(r for r in radiographer.reasons if r.question == "remote")
    assert not silent.judged and "can work from home" in silent.text
    # The planner, the proof and the explanations take the new question and career as they are.
    assert next_question(engine, {"focus": "records"}) is not None
    assert isinstance(is_stable(engine, answers), bool)
    assert "Records clerk" in why_not(engine, "records_clerk", answers).text or clerk.rank == 1
