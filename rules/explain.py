"""Answers to the chat's questions about the result: why, how, why not, what if, compare, about, facts, sources.

Each function returns a `Reply` whose text is plain (never markup) and whose citations carry the quotes it
relied on; nothing here invents a claim the knowledge base cannot cite.
"""

from __future__ import annotations

from knowledge.models import FactBase
from rules.compare import compare
from rules.engine import Engine
from rules.models import AnswerValue, Answers, Reply, Table

TOPICS: dict[str, tuple[str, ...]] = {
    "pay": ("pay",),
    "training": ("training",),
    "patient_contact": ("patient_contact",),
    "credential": ("credential",),
    "schedule": ("schedule",),
    "outlook": ("growth", "openings", "employment", "outlook"),
    "setting": ("setting",),
    "remote_work": ("remote_work",),
    "science": ("science",),
    "computer_time": ("computer_time",),
    "equipment": ("equipment",),
    "skill": ("skill",),
    "advancement": ("advancement", "specialization"),
    "requirement": ("requirement",),
    "duty": ("duty",),
}
TOPIC_LABELS = {
    "pay": "pay", "training": "training", "patient_contact": "patient contact",
    "credential": "certification, licences and exams", "schedule": "working hours", "outlook": "job outlook",
    "setting": "where they work", "remote_work": "remote work", "science": "science in the training",
    "computer_time": "time at a computer", "equipment": "clinical equipment", "skill": "skills",
    "advancement": "advancement", "requirement": "entry requirements", "duty": "what they do",
}
MAX_FACTS = 6


def _name(engine: Engine, career: str) -> str:
    return engine.kb.careers[career].name


def _facts_reply(engine: Engine, career: str, facts: list[FactBase], heading: str) -> Reply:
    shown = facts[:MAX_FACTS]
    lines = [heading]
    for fact in shown:
        year = f" ({fact.year})" if fact.year else ""
        lines.append(f"• {fact.summary()}{year} — {engine.kb.sources[fact.source].title}")
    if len(facts) > MAX_FACTS:
        lines.append(f"(and {len(facts) - MAX_FACTS} more; see the career's page)")
    return Reply(kind="answer", text="\n".join(lines), citations=[engine.kb.citation(career, f) for f in shown])


def fact_answer(engine: Engine, career: str, topic: str) -> Reply:
    """A fact question ('what does an LPN earn?') answered from the knowledge base with citations."""
    kinds = TOPICS[topic]
    facts = [f for f in engine.kb.careers[career].facts if f.kind in kinds]
    name = _name(engine, career)
    if not facts:
        return Reply(kind="not_found", text=f"The sources say nothing about {TOPIC_LABELS[topic]} for "
                                            f"{name.lower()}s, so I can't answer that.")
    if topic == "pay":
        facts = sorted(facts, key=lambda f: (getattr(f, "industry", None) is not None,
                                             getattr(f, "level", None) is not None, f.year is None,
                                             -(f.year or 0)))
    heading = f"{name} — {TOPIC_LABELS[topic]}, from the sources:"
    reply = _facts_reply(engine, career, facts, heading)
    spread = [d for d in engine.kb.disagreements if d.career == career and any(k in d.topic for k in kinds)]
    if spread:
        extra = "\nThe sources disagree here; every version is kept with its year."
        reply = reply.model_copy(update={"text": reply.text + extra})
    return reply


def about(engine: Engine, career: str) -> Reply:
    """'Tell me about X': what the job is, with its headline facts."""
    record = engine.kb.careers[career]
    picked: list[FactBase] = []
    for kind in ("duty", "patient_contact", "training", "pay", "credential", "growth"):
        picked += [f for f in record.facts if f.kind == kind][: 2 if kind == "duty" else 1]
    reply = _facts_reply(engine, career, picked, f"{record.name}:")
    if record.thin:
        reply = reply.model_copy(update={"text": reply.text + f"\nNote: {record.thin_note}"})
    return reply


def why_question(engine: Engine, question_id: str, answers: Answers) -> Reply:
    """WHY: what the question decides, and which careers and rules its answer can move."""
    question = engine.rulebook.question(question_id)
    from rules.stability import candidate_values

    movable: list[str] = []
    for career in engine.careers:
        gains = [engine.gains(question_id, v)[career] for v in candidate_values(engine, question)]
        if max(gains) - min(gains) > 1e-9:
            movable.append(_name(engine, career))
    rules = ", ".join(r.id for r in engine.rulebook.rules_for(question_id))
    text = f"{question.why}\nYour answer can move: {', '.join(movable) or 'no career right now'} (rules: {rules})."
    return Reply(kind="info", text=text, question=question_id)


def how(engine: Engine, career: str, answers: Answers) -> Reply:
    """HOW: the trace of rules that fired for this career and what each did."""
    result = engine.recommend(answers)
    rec = next(r for r in result.recommendations if r.career == career)
    if not answers:
        return Reply(kind="info", text="Nothing is answered yet, so every career stands at 50. "
                                       "Answer a question and I'll show how it moves the ranking.")
    lines = [f"{rec.name}: match {rec.score}/100 (rank {rec.rank}). Rules that fired:"]
    signs = {"for": "+", "against": "−", "neutral": "·"}
    for reason in rec.reasons:
        lines.append(f"{signs[reason.direction]} [{reason.rule}, {reason.points:+g}] {reason.text}")
    citations = [c for reason in rec.reasons for c in reason.citations]
    return Reply(kind="info", text="\n".join(lines), citations=citations)


def why_not(engine: Engine, career: str, answers: Answers) -> Reply:
    """'Why not X?': what keeps X below the top — its mismatches and reasons against."""
    result = engine.recommend(answers)
    rec = next(r for r in result.recommendations if r.career == career)
    top = result.recommendations[0]
    if rec.rank == 1:
        return Reply(kind="info", text=f"{rec.name} is your top match right now ({rec.score}/100).")
    against = [r for r in rec.reasons if r.direction == "against"]
    lines = [f"{rec.name} is ranked {rec.rank} ({rec.score}/100) behind {top.name} ({top.score}/100)."]
    if rec.mismatches:
        labels = [engine.rulebook.question(q).short for q in rec.mismatches]
        lines.append("It does not fit your answers on: " + ", ".join(labels) + ".")
    lines += [f"− {r.text}" for r in against]
    if not against:
        lines.append("Nothing counts against it; the careers above simply fit your answers better "
                     "(or the sources say less about it).")
    return Reply(kind="info", text="\n".join(lines), citations=[c for r in against for c in r.citations])


def what_if(engine: Engine, answers: Answers, question_id: str, value: AnswerValue) -> Reply:
    """'What if I said Y?': the ranking now and with that answer, side by side; nothing is stored."""
    question = engine.rulebook.question(question_id)
    now = engine.recommend(answers).recommendations
    changed = engine.recommend({**answers, question_id: value}).recommendations
    rank_now = {r.career: r for r in now}
    rows = []
    for rec in changed:
        before = rank_now[rec.career]
        move = before.rank - rec.rank
        rows.append([rec.name, f"{before.rank} ({before.score})", f"{rec.rank} ({rec.score})",
                     f"{'↑' if move > 0 else '↓' if move < 0 else '='}{abs(move) if move else ''}"])
    verdict = ("The top pick would stay " + now[0].name) if now[0].career == changed[0].career \
        else f"The top pick would change from {now[0].name} to {changed[0].name}"
    text = (f"If you answered '{question.label(value)}' to “{question.text}”: {verdict}. "
            "(Nothing is stored — say 'actually …' to change your answer.)")
    return Reply(kind="info", text=text,
                 table=Table(headers=["Career", "Now (score)", "With that answer", "Move"], rows=rows))


def comparison(engine: Engine, first: str, second: str) -> Reply:
    """Compare two careers side by side, each cell cited."""
    table = compare(engine.kb, [first, second])
    rows = [[row.label] + [cell.text for cell in row.cells] for row in table.rows]
    citations = []
    for row in table.rows:
        for career, cell in zip(table.careers, row.cells):
            citations += cell.citations[:1]
    text = f"{table.names[0]} and {table.names[1]} side by side."
    if table.caveats:
        text += "\n" + "\n".join(table.caveats)
    return Reply(kind="answer", text=text, citations=citations,
                 table=Table(headers=["", *table.names], rows=rows))


def sources(engine: Engine) -> Reply:
    lines = ["My five sources (every claim I make quotes one of them):"]
    for source in engine.kb.sources.values():
        years = ", ".join(str(y) for y in source.years) or "no dates given"
        by = f", {source.publisher}" if source.publisher else ""
        lines.append(f"• {source.title}{by} — data from {years}")
    return Reply(kind="info", text="\n".join(lines))
