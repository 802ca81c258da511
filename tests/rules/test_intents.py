"""Real phrasings and the intent each must be read as — including ones that must not be read as intents."""

from __future__ import annotations

import pytest

from knowledge.loader import builtin
from rules.intents import classify

KB = builtin()

CASES = [
    ("back", "back", ()),
    ("Go back", "back", ()),
    ("undo", "back", ()),
    ("skip", "skip", ()),
    ("I don't know", "skip", ()),
    ("restart", "restart", ()),
    ("start over", "restart", ()),
    ("help", "help", ()),
    ("?", "help", ()),
    ("sources", "sources", ()),
    ("what are your sources?", "sources", ()),
    ("why do you ask?", "why", ()),
    ("Why?", "why", ()),
    ("how", "how", ()),
    ("how did you decide?", "how", ()),
    ("results", "results", ()),
    ("more questions", "continue", ()),
    ("why not LPN?", "why_not", ("licensed_practical_nurse",)),
    ("why not a radiologic technician", "why_not", ("radiologic_technician",)),
    ("why isn't coding higher?", "why_not", ()),  # 'coding' is an interest, not a career name
    ("why not coder?", "why_not", ("medical_coder",)),
    ("what if I said 2 years?", "what_if", ()),
    ("what if I said lots", "what_if", ()),
    ("suppose I wanted $50k", "what_if", ()),
    ("actually I can do 2 years", "change", ()),
    ("Actually, patient contact: some", "change", ()),
    ("compare coder and registrar", "compare", ("medical_coder", "cancer_registrar")),
    ("LPN vs radiologic technician", "compare", ("licensed_practical_nurse", "radiologic_technician")),
    ("what's the difference between an MRT and a coder?", "compare", ("medical_records_technician", "medical_coder")),
    ("what does an LPN earn?", "fact", ("licensed_practical_nurse",)),
    ("how long is training for a coder?", "fact", ("medical_coder",)),
    ("do radiologic technicians work with patients?", "fact", ("radiologic_technician",)),
    ("Do RHITs work weekends?", "fact", ("medical_records_technician",)),
    ("tell me about cancer registrars", "about", ("cancer_registrar",)),
    ("what is a medical assistant?", "about", ("medical_assistant",)),
]
ANSWERS_NOT_INTENTS = ["lots", "none", "some", "1", "about $40k", "two years max", "yes", "no", "coding",
                       "I'd rather avoid them", "banana", "[bold]x"]


@pytest.mark.parametrize("text, kind, careers", CASES)
def test_phrasing_is_read_as(text, kind, careers):
    intent = classify(KB, text)
    assert intent is not None, text
    assert intent.kind == kind
    if careers:
        assert intent.careers[: len(careers)] == careers


@pytest.mark.parametrize("text", ANSWERS_NOT_INTENTS)
def test_answers_are_not_mistaken_for_intents(text):
    assert classify(KB, text) is None


def test_fact_topics():
    assert classify(KB, "what does an LPN earn?").topic == "pay"
    assert classify(KB, "how long is training for a coder?").topic == "training"
    assert classify(KB, "do radiologic technicians work with patients?").topic == "patient_contact"
