"""Recognising what a chat message asks for: a command, a question about the result, or a fact question.

Patterns are checked from the most specific ('why not X', 'what if', 'compare') to the most general (a fact
question about a career); a message that matches none is an answer to the current question, or a question
for the passage search. Careers are found leniently by `rules.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.loader import KnowledgeBase
from rules.names import find_careers

IntentKind = str

COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("back", "undo", "go back", "previous", "previous question", "oops", "back up"),
    "skip": ("skip", "pass", "skip it", "skip this", "next", "next question", "i don't know", "don't know",
             "dunno", "no idea", "not sure, skip", "rather not say", "prefer not to say"),
    "restart": ("restart", "start over", "start again", "reset", "begin again", "new quiz", "from the top"),
    "help": ("help", "?", "what can i say", "what can i do", "commands", "options", "how does this work"),
    "sources": ("sources", "list sources", "your sources", "what are your sources", "show sources",
                "which sources", "where does this come from", "references"),
    "results": ("results", "result", "show results", "show me the results", "see results", "done", "finish",
                "i'm done", "recommendation", "recommendations", "show recommendation", "results now"),
    "continue": ("more questions", "keep going", "continue", "go on", "ask me more", "carry on"),
    "why": ("why", "why?", "why do you ask", "why do you ask?", "why this question", "why ask",
            "why does that matter", "why does it matter", "why are you asking", "why is that important"),
    "how": ("how", "how?", "explain", "how did you decide", "how did you get that", "explain the result",
            "how does it work out", "show your working", "how come"),
}
TOPIC_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("pay", ("earn", "earns", "pay", "paid", "salary", "salaries", "wage", "wages", "make a year", "income",
             "money")),
    ("training", ("how long", "training", "train", "school", "schooling", "degree", "program", "programme",
                  "study", "education", "certificate program", "cost", "tuition", "become")),
    ("patient_contact", ("patient", "patients", "hands-on", "hands on")),
    ("credential", ("exam", "exams", "test", "certification", "certified", "certificate", "licence", "license",
                    "licensed", "licensure", "credential", "rhit", "ctr")),
    ("schedule", ("schedule", "hours", "weekend", "weekends", "evening", "evenings", "night", "nights",
                  "overnight", "holiday", "holidays", "shift", "shifts")),
    ("outlook", ("outlook", "growth", "grow", "demand", "jobs available", "job market", "openings", "future")),
    ("setting", ("where do", "where does", "work in", "settings", "employer", "employers", "hospital")),
    ("remote_work", ("remote", "from home", "work at home")),
    ("science", ("science", "biology", "anatomy", "chemistry")),
    ("computer_time", ("computer", "screen", "desk")),
    ("equipment", ("equipment", "machine", "machines", "x-ray", "scanner")),
    ("skill", ("skill", "skills", "qualities", "good at")),
    ("advancement", ("advance", "advancement", "promotion", "promoted", "career path", "move up", "progress")),
    ("requirement", ("requirement", "requirements", "background check", "tb test", "immunization",
                     "immunizations", "physical exam", "need to get in")),
    ("duty", ("do all day", "what do", "what does", "duties", "day like", "job like", "responsibilities")),
]
_WHY_NOT = re.compile(r"^\s*(why\s+not|why\s+isn'?t|why\s+is\s+\S.*\s+not|how\s+come\s+not)\b", re.I)
_WHAT_IF = re.compile(r"^\s*(what\s+if|what\s+about\s+if|suppose|imagine|if\s+i\s+(said|say|answered))\b\s*"
                      r"(i\s+(said|say|answered|chose|picked|wanted|could|can|had|did)\s+)?", re.I)
_CHANGE = re.compile(r"^\s*(actually|change\b|i\s+meant|make\s+that|on\s+second\s+thought|correction|"
                     r"sorry,?\s+i\s+meant|wait)[,:]?\s*", re.I)
_COMPARE = re.compile(r"\b(compare|comparison|versus|vs\.?|difference\s+between|better\s*:?)\b", re.I)
_ABOUT = re.compile(r"^\s*(tell\s+me\s+(more\s+)?about|what\s+is\s+an?|what'?s\s+an?|what\s+are|who\s+are|"
                    r"describe|info\s+on|more\s+about|about)\b", re.I)
_QUESTION_START = re.compile(r"^\s*(what|why|how|where|when|who|which|do|does|did|is|are|can|could|will|"
                             r"would|should|tell|explain|list|show)\b", re.I)


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    careers: tuple[str, ...] = ()
    topic: str | None = None
    rest: str = ""
    """For 'what if' and 'change': the part of the message that holds the new answer."""
    extra: dict = field(default_factory=dict)


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .!")


def topic_of(text: str) -> str | None:
    lowered = f" {_normalise(text)} "
    for topic, words in TOPIC_WORDS:
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", lowered) for w in words):
            return topic
    return None


def looks_like_question(text: str) -> bool:
    return text.strip().endswith("?") or bool(_QUESTION_START.match(text))


def classify(kb: KnowledgeBase, text: str) -> Intent | None:
    """The intent of a message, or None when it should be read as an answer to the current question."""
    plain = _normalise(text)
    for kind, phrases in COMMANDS.items():
        if plain in phrases or plain.rstrip("?") in phrases:
            return Intent(kind)
    if _WHY_NOT.match(text):
        return Intent("why_not", tuple(find_careers(kb, text)))
    match = _WHAT_IF.match(text)
    if match:
        return Intent("what_if", tuple(find_careers(kb, text)), rest=text[match.end():])
    match = _CHANGE.match(text)
    if match:
        return Intent("change", rest=text[match.end():])
    careers = tuple(find_careers(kb, text))
    if _COMPARE.search(text) or (len(careers) >= 2 and re.search(r"\b(or|and)\b", plain) and looks_like_question(text)):
        return Intent("compare", careers)
    if plain.startswith(("how did", "how come", "explain", "why is")) and careers:
        return Intent("how", careers)
    topic = topic_of(text)
    if careers and topic and (looks_like_question(text) or topic != "duty"):
        return Intent("fact", careers, topic)
    if careers and _ABOUT.match(text):
        return Intent("about", careers)
    if _ABOUT.match(text) and not careers and re.match(r"^\s*(tell\s+me\s+about|more\s+about)", text, re.I):
        return Intent("about", ())
    if topic and looks_like_question(text) and re.search(r"\b(they|them|this job|this career|it)\b", plain):
        return Intent("fact", (), topic)
    return None
