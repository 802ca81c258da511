"""Asking the chat's question path as `career-quiz ask` does: read each message with the memory of the ones
before it, answer the last. Shared by the answerer's tests."""

from __future__ import annotations

from knowledge.loader import builtin
from rules.answerer import Answer, Answerer
from rules.reader import Memory, read

KB = builtin()
ANSWERER = Answerer(KB)


def ask(*messages: str) -> Answer | None:
    """The answer to the last message, each message read as a follow-up of the ones before it."""
    memory = Memory()
    answer = None
    for message in messages:
        query = read(KB, message, memory)
        answer = ANSWERER.answer(query)
        memory = memory.after(query)
    return answer
