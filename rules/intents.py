"""Recognising what a chat message asks for: a command, a question about the result, or a fact question.

Commands and the result's questions ('why not X', 'what if', 'actually …') are patterns here; questions about
the careers are read by `rules.reader` (vocabulary in rules/vocabulary.toml). A message that is neither is an
answer to the current question, or a question the answerer says the sources don't cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.base import KnowledgeBase
from rules.names import find_careers
from rules.reader import Memory, Query, asks, read
from rules.vocabulary import builtin_vocabulary

IntentKind = str

COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("back", "undo", "go back", "previous", "previous question", "oops", "back up"),
    "skip": ("skip", "pass", "skip it", "skip this", "next", "next question", "i don't know", "don't know",
             "dunno", "no idea", "not sure, skip", "rather not say", "prefer not to say"),
    "restart": ("restart", "start over", "start again", "reset", "begin again", "new quiz", "from the top"),
    "help": ("help", "?", "what can i say", "what can i do", "commands", "options", "how does this work",
             "what can you do", "what do you do", "what can i ask", "what can i ask you", "what do you know",
             "what do you know about", "what jobs do you know", "what jobs do you know about",
             "what careers do you know", "what careers do you know about", "which careers", "what careers",
             "what jobs", "list careers", "list the careers", "what are the careers", "what are the options",
             "who are you", "what are you", "how do i use this", "how does this work", "i'm confused", "im confused",
             "idk what to ask", "what should i ask"),
    "hello": ("hi", "hey", "hello", "hiya", "yo", "sup", "hey there", "hi there", "hello there", "good morning",
              "good afternoon", "good evening", "thanks", "thank you", "thx", "ty", "ok thanks", "ok thank you",
              "cool thanks", "thanks a lot", "thank you so much"),
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
_WHY_NOT = re.compile(r"^\s*(why\s+not|why\s+isn'?t|why\s+is\s+\S.*\s+not|how\s+come\s+not)\b", re.I)
_WHAT_IF = re.compile(r"^\s*(what\s+if|what\s+about\s+if|suppose|imagine|if\s+i\s+(said|say|answered))\b\s*"
                      r"(i\s+(said|say|answered|chose|picked|wanted|could|can|had|did)\s+)?", re.I)
_CHANGE = re.compile(r"^\s*(actually|change\b|i\s+meant|make\s+that|on\s+second\s+thought|correction|"
                     r"sorry,?\s+i\s+meant|wait)[,:]?\s*", re.I)
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


def looks_like_question(text: str) -> bool:
    """Whether a message reads as a question: a question mark, or a question word first as a student types it
    ("whats", "hw", "r coders …" included, see the vocabulary's respellings)."""
    return text.strip().endswith("?") or bool(_QUESTION_START.match(text)) or asks(text)


_ASKING = frozenset({"define", "how_to", "overview", "rank", "compare"})


def asks_about_careers(query: Query, question_id: str) -> bool:
    """Whether a message typed at an open quiz question, without a question mark, is still plainly a question
    about the careers rather than the student's answer: "cancer registrar salary" or "lpn vs medical records
    tech" at "Which kind of work sounds best?" A career named with a topic that question does not ask about,
    or a ranking asked with "which"/"rank", a comparison, definition or how-to, is a question; "cancer
    registry", "coding or records" and "a year max" stay answers, and so does a statement on the open
    question's own topic."""
    if query.operation in {"define", "how_to"} or (query.operation == "rank" and query.selects) \
            or (query.operation == "compare" and not query.by_or):
        return True
    if query.careers and query.topic is not None and not (query.assumed or query.remembered):
        return question_id not in builtin_vocabulary().quiz_questions(query.topic)
    return False


def classify(kb: KnowledgeBase, text: str, memory: Memory | None = None) -> Intent | None:
    """The intent of a message, or None when it should be read as an answer to the current question.

    Commands and the result's questions (why not, what if, actually …) are read here; a question about the
    careers is read by rules.reader into a query (careers + topic + operation), carried in `extra["query"]`.
    `memory` is what the conversation last asked about, for follow-ups ("and LPNs?").
    """
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
    plain_careers = tuple(find_careers(kb, text))
    if plain.startswith(("how did", "how come", "explain", "why is")) and plain_careers:
        return Intent("how", plain_careers)
    query = read(kb, text, memory)
    if not query.is_question:
        return None
    if not (query.topic or query.clarify or query.operation in _ASKING or (query.careers and query.leftover == ())):
        return None
    kind = {"compare": "compare", "overview": "about", "define": "about" if query.term is None else "fact"}
    return Intent(kind.get(query.operation, "fact"), query.careers, query.topic, extra={"query": query})
