"""Answers to the chat's questions about the result: why, how, why not, what if, and the list of sources.

Questions about the careers themselves (facts, rankings, comparisons, definitions) are rules.answerer's.

Each function returns a `Reply` whose text is plain (never markup) and whose citations carry the quotes it
relied on; nothing here invents a claim the knowledge base cannot cite.
"""

from __future__ import annotations

from knowledge.wording import plural
from rules.engine import Engine, points
from rules.models import AnswerValue, Answers, Reply, Table

def _name(engine: Engine, career: str) -> str:
    return engine.kb.careers[career].name


def why_question(engine: Engine, question_id: str, answers: Answers) -> Reply:
    """WHY: what the question decides, and which careers its answer can move (its rules are in the trace)."""
    question = engine.rulebook.question(question_id)
    from rules.stability import candidate_values

    movable: list[str] = []
    for career in engine.careers:
        gains = [engine.gains(question_id, v)[career] for v in candidate_values(engine, question)]
        if max(gains) - min(gains) > 1e-9:
            movable.append(_name(engine, career))
    text = f"{question.why}\nYour answer can move: {', '.join(movable) or 'no career right now'}."
    return Reply(kind="info", text=text, question=question_id)


def how(engine: Engine, career: str, answers: Answers) -> Reply:
    """HOW: what counted for and against this career, and what it was judged on, in words (no rule ids)."""
    result = engine.recommend(answers)
    rec = next(r for r in result.recommendations if r.career == career)
    if not answers:
        return Reply(kind="info", text="Nothing is answered yet, so every career stands at 50. "
                                       "Answer a question and I'll show how it moves the ranking.")
    lines = [f"{rec.name}: match {rec.score}/100 (rank {rec.rank}), {rec.evidence}. What counted:"]
    signs = {"for": "+", "against": "−", "neutral": "·"}
    for reason in rec.reasons:  # rule ids and points are for advisors: the trace panel shows them
        counted = "" if reason.judged else " (not counted: the sources cannot judge it)"
        lines.append(f"{signs[reason.direction]}{counted} {reason.text}")
    citations = [c for reason in rec.reasons for c in reason.citations]
    return Reply(kind="info", text="\n".join(lines), citations=citations)


def _question_points(engine: Engine, question: str, value: AnswerValue, career: str) -> float | None:
    """How well one answer fits a career, 0-100, over the rules that can judge it (None: none can)."""
    weight = engine.judged_weight(question)[career]
    return None if weight <= 0 else 100 * engine.gains(question, value)[career] / weight


def _ahead(engine: Engine, answers: Answers, career: str, rival: str) -> bool:
    tally = engine.totals(answers)
    key = engine.rank_key(tally)
    return key(career) < key(rival)


def _changes(engine: Engine, answers: Answers, career: str, top: str) -> list[str]:
    """Single answers (a different one, or one not yet given) that would put `career` above `top`."""
    from rules.stability import candidate_values

    found: list[str] = []
    for question in engine.questions:
        current = answers.get(question.id)
        for value in candidate_values(engine, question):
            if value == current:
                continue
            if _ahead(engine, {**answers, question.id: value}, career, top):
                verb = "answered" if current is not None else "also answered"
                found.append(f"if you {verb} “{question.label(value)}” to “{question.short}”")
                break
        if len(found) == 3:
            break
    return found


def why_not(engine: Engine, career: str, answers: Answers) -> Reply:
    """'Why not X?': the difference between X and the top pick, question by question, in fit points — where X
    lost, why (a sourced mismatch, or no figure in the sources, which counts neither way), and which single
    answer would change the order."""
    answers = {q.id: answers[q.id] for q in engine.questions if q.id in answers}
    result = engine.recommend(answers)
    rec = next(r for r in result.recommendations if r.career == career)
    top = result.recommendations[0]
    if rec.rank == 1:
        text = f"{rec.name} is your top match right now ({rec.score}/100, {rec.evidence})."
        if result.near_tie is not None:
            text += " " + result.near_tie.sentence
        return Reply(kind="info", text=text)
    tally = engine.totals(answers)
    gap = 100 * (tally.fits[top.career] - tally.fits[career])
    lines = [f"{rec.name} is ranked {rec.rank}: {rec.score}/100, {rec.evidence}; {top.name} is first with "
             f"{top.score}/100, {top.evidence} — {points(gap)} apart."]
    if gap <= 1e-9:
        lines.append("They fit your answers equally well; " + (
            f"{top.name.lower()} is first only because the sources could judge more of your answers for it."
            if top.judged != rec.judged else "they are listed in a fixed order."))
    reasons = {r.question: r for r in rec.reasons if r.direction == "against"}
    citations = []
    lost, better, silent, top_silent = [], [], [], []
    for question in engine.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        mine = _question_points(engine, question.id, value, career)
        theirs = _question_points(engine, question.id, value, top.career)
        if mine is None:
            silent.append(question.short)
        elif theirs is None:
            top_silent.append(question.short)
        elif mine < theirs - 0.05:
            weight = engine.judged_weight(question.id)[career]
            lost.append((weight * (theirs - mine), question, mine, theirs))
        else:
            better.append(question.short)
    lost.sort(key=lambda item: -item[0])
    if lost:
        lines.append("Where it lost (each answer's fit out of 100, and how far apart they would be without it):")
    for _, question, mine, theirs in lost:
        rest = engine.totals({q: v for q, v in answers.items() if q != question.id})
        without = 100 * (rest.fits[top.career] - rest.fits[career])
        apart = "level" if abs(without) <= 0.05 else (
            f"{points(without)} apart" if without > 0 else f"{rec.name.lower()} {points(without)} ahead")
        theirs_text = f"{theirs:.0f}"
        why = reasons.get(question.id)
        because = f" — {why.text}" if why is not None else " — a weaker match, not a mismatch."
        lines.append(f"• {question.short}: {mine:.0f} against {theirs_text} (without it: {apart}){because}")
        if why is not None:
            citations += why.citations
    if silent:
        these = "this answer counts" if len(silent) == 1 else "these answers count"
        lines.append(f"Not counted for {plural(rec.name)}: {', '.join(silent)} — the sources give no figure for "
                     f"them, so {these} neither for nor against them.")
    if top_silent:
        lines.append(f"Not counted for {plural(top.name)}: {', '.join(top_silent)} — the sources give no figure "
                     f"for them, so {'this answer counts' if len(top_silent) == 1 else 'these answers count'} only "
                     f"for {plural(rec.name)}.")
    if better:
        lines.append(f"As good or better for {plural(rec.name)}: {', '.join(better)}.")
    changes = _changes(engine, answers, career, top.career)
    if changes:
        lines.append(f"What would change the order: {rec.name.lower()} would rank above {top.name.lower()} "
                     + "; or ".join(changes) + ".")
    else:
        lines.append(f"No single different answer would put {rec.name.lower()} above {top.name.lower()}.")
    return Reply(kind="info", text="\n".join(lines), citations=citations)


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


def fit_for(engine: Engine, said: Answers, shown: int = 3, stored: bool = False) -> Reply:
    """"I like computers but hate needles, what should I be?": the careers ranked by the quiz's own rules on
    every preference given (each reason with its quote). `stored`: `said` is every answer stored so far (the
    preferences were kept as answers), and the ranking says on how many answers it stands; otherwise nothing
    was stored and it says how to keep them."""
    result = engine.recommend(said)
    wants = "; ".join(f"{engine.rulebook.question(q).short}: {engine.rulebook.question(q).label(v)}"
                      for q, v in said.items())
    if stored:
        count = "your one answer" if len(said) == 1 else f"your {len(said)} answers"
        lead = f"Going by {count} so far ({wants}) — a first look, not the whole quiz"
    else:
        lead = f"Going by what you said ({wants})"
    recs = result.recommendations
    fits = [rec for rec in recs if rec.judged and not rec.mismatches]
    unjudged = [rec for rec in recs if not rec.judged]
    listed = fits[:shown]
    if listed:
        lines = [f"{lead}, the quiz's rules rank the careers like this:"]
    else:  # "i hate sitting at a computer": the careers judged on it all mismatch; the rest were not judged
        listed = [rec for rec in recs if rec.mismatches][:shown]
        lines = [f"{lead}: none of the careers the sources describe on this fits it; those they describe, and why "
                 "not:"]
    citations = []
    explained: set[str] = set()
    for position, rec in enumerate(listed, start=1):
        mark = f"{position}." if fits else "•"  # careers that don't fit are listed, not ranked
        lines.append(f"{mark} {rec.name} — match {rec.score}/100, {rec.evidence}")
        reasons = [r for r in rec.reasons if r.question in said and r.judged]
        parents = {r.inherited_from for r in reasons}
        if reasons and parents <= explained:  # a specialisation judged on its parent's facts, said once
            parent = engine.kb.careers[next(iter(parents))].name
            lines.append(f"   the same reasons, said of {plural(parent).lower()} in general (the sources give "
                         f"{plural(rec.name).lower()} none of their own on this)")
            continue
        for reason in reasons:
            mark = {"for": "✓", "against": "✗"}.get(reason.direction, "~")
            spread = " (the sources give other figures too; ask about it to see them all)" if reason.spread else ""
            lines.append(f"   {mark} {reason.statement or reason.text}{spread}")  # one figure, its quote cited
            citations += reason.citations
        explained.add(rec.career)
    misfits = [f"{rec.name} ({', '.join(engine.rulebook.question(q).short for q in rec.mismatches)})"
               for rec in recs if rec.mismatches and rec not in listed]
    if result.near_tie is not None and fits:
        lines.append(f"A near tie: {result.near_tie.sentence}")
    if misfits:
        lines.append("Don't fit what you said: " + "; ".join(misfits) + ".")
    if unjudged:
        asked = ", ".join(engine.rulebook.question(q).short for q in said)
        lines.append(f"Not judged (the sources say nothing on {asked} for them): "
                     + ", ".join(rec.name for rec in unjudged) + ".")
    if stored:
        left = len(engine.questions) - len(said)
        lines.append(f"(Kept as your answers; {left} more question{'s' if left != 1 else ''} below can change this "
                     "— say 'back' to take it back.)")
    else:
        lines.append("(Nothing is stored — answer the quiz's questions, or say 'actually …', to keep these.)")
    return Reply(kind="info", text="\n".join(lines), citations=citations)


def sources(engine: Engine) -> Reply:
    lines = ["My five sources (every claim I make quotes one of them):"]
    for source in engine.kb.sources.values():
        years = ", ".join(str(y) for y in source.years) or "no dates given"
        by = f", {source.publisher}" if source.publisher else ""
        lines.append(f"• {source.title}{by} — data from {years}")
    return Reply(kind="info", text="\n".join(lines))
