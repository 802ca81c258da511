"""The explaining rule engine: answers + knowledge -> every career ranked, with reasons and their citations.

Each rule reads an attribute or a quantity from a career's cited facts once, at start-up; answering is then
a table lookup per rule and career. A career's score is the weighted share of agreement over the answered
questions, so contributions add up per question — which is what lets `stability` prove, exactly and
cheaply, whether any remaining answers could still change the top pick.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from knowledge.loader import KnowledgeBase
from knowledge.models import Citation, CredentialFact, FactBase, PayFact, TrainingFact
from rules.models import AnswerValue, Answers, Reason, Recommendation, Result
from rules.rulebook import Rule, Rulebook

M = TypeVar("M")
EPSILON = 1e-9
SENTINEL = "\x00answer-1\x00"
OTHER = "\x00answer-2\x00"
STRONG = 0.25
PAY_YEARS_APART = 3
"""Pay figures of compared careers more than this many years apart get a caveat."""
"""Agreement above this is a reason for, below its negative a reason against, between them neutral."""

LEVEL_PHRASES: dict[str, dict[str, str]] = {
    "patient_contact": {"none": "no direct patient care", "some": "some contact with patients",
                        "lots": "hands-on care of patients"},
    "science": {"low": "little", "moderate": "some (e.g. anatomy and physiology)", "high": "a lot of"},
    "equipment": {"none": "no", "some": "some", "heavy": "a lot of (imaging)"},
    "computer_time": {"low": "little", "moderate": "a fair amount of", "high": "long hours of"},
    "schedule": {"standard_daytime": "standard daytime hours", "irregular": "evenings, weekends or holidays"},
    "exam": {"exam_required": "a required exam", "exam_some": "an exam some states or employers require",
             "exam_preferred": "an exam-based certification employers prefer",
             "no_exam_stated": "a credential with no exam named"},
}
EXAM_ORDER = ("exam_required", "exam_some", "exam_preferred", "no_exam_stated")


@dataclass(frozen=True)
class Observation:
    """What a rule reads from one career's facts: attribute values or a quantity, and the facts behind it."""

    values: tuple[str, ...] = ()
    quantity: int | None = None
    facts: tuple[FactBase, ...] = ()
    spread: str = ""

    @property
    def known(self) -> bool:
        return bool(self.values) or self.quantity is not None


def trusted(model: type[M], values: dict[str, object]) -> M:
    """A model instance from values the engine itself computed (every field, already valid), built as
    `model_construct` builds it but without its per-field bookkeeping: ranking 1,000 careers makes 1,000 of
    them. tests/rules/test_engine.py checks it stays equal to `model_construct`'s result."""
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


def plural(name: str) -> str:
    """'Licensed practical nurse' -> 'licensed practical nurses' (for use mid-sentence)."""
    lowered = name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name
    return lowered + "s"


def headline_medians(kb: KnowledgeBase, career: str) -> list[PayFact]:
    """A career's plain median pay figures (no industry or experience level), most recent first, undated last."""
    medians = [f for f in kb.facts(career, "pay")
               if isinstance(f, PayFact) and f.statistic == "median" and not f.industry and not f.level]
    return sorted(medians, key=lambda f: (f.year is None, -(f.year or 0)))


def pay_spread(kb: KnowledgeBase, career: str) -> str:
    """Every disagreeing headline median with its year and source, lowest first; empty when they agree."""
    medians = headline_medians(kb, career)
    if len({f.amount for f in medians}) < 2:
        return ""
    ordered = sorted(medians, key=lambda f: f.amount)
    return ", ".join(f"${f.amount:,} ({f.year or 'undated'}, {kb.sources[f.source].title})" for f in ordered)


def _observe(kb: KnowledgeBase, rule: Rule, career: str) -> Observation:
    if rule.kind == "threshold":
        if rule.quantity == "latest_median_pay":
            medians = headline_medians(kb, career)
            if not medians:
                return Observation()
            return Observation(quantity=medians[0].amount, facts=(medians[0],), spread=pay_spread(kb, career))
        routes = [f for f in kb.facts(career, "training") if isinstance(f, TrainingFact) and f.typical
                  and (f.months_min is not None or f.months_max is not None)]
        if not routes:
            return Observation()
        quickest = min(routes, key=lambda f: f.months_min if f.months_min is not None else f.months_max)
        months = quickest.months_min if quickest.months_min is not None else quickest.months_max
        return Observation(quantity=months, facts=(quickest,))
    cited = rule.cite.get(career)
    if rule.attribute == "career":
        facts = tuple(kb.fact(career, f) for f in cited) if cited else tuple(kb.facts(career, "duty")[:2])
        return Observation(values=(career,), facts=facts)
    if rule.attribute == "exam":
        credentials = [f for f in kb.facts(career, "credential") if isinstance(f, CredentialFact)]
        if not credentials:
            return Observation()
        graded = sorted(((_exam_grade(f), f) for f in credentials), key=lambda pair: EXAM_ORDER.index(pair[0]))
        strictest = graded[0][0]
        return Observation(values=(strictest,), facts=tuple(f for grade, f in graded if grade == strictest)[:2])
    facts = kb.facts(career, rule.attribute or "")
    if not facts:
        return Observation()
    values = tuple(getattr(f, "hours" if rule.attribute == "schedule" else "level") for f in facts)
    return Observation(values=values, facts=tuple(facts))


def _exam_grade(fact: CredentialFact) -> str:
    if not fact.exam:
        return "no_exam_stated"
    return {"required": "exam_required", "required_some": "exam_some"}.get(fact.status, "exam_preferred")


class Engine:
    """Ranks careers for a set of answers and explains every step."""

    def __init__(self, kb: KnowledgeBase, rulebook: Rulebook, texts: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.texts: dict[str, str] = texts or {}
        self.rulebook = rulebook
        self.questions = rulebook.questions
        self._tie = {career: index for index, career in enumerate(rulebook.tie_order)}
        self.careers = sorted(kb.careers, key=self._tie_index)
        self.observations = {(r.id, c): _observe(kb, r, c) for r in rulebook.rules for c in self.careers}
        self._gain_cache: dict[tuple[str, AnswerValue], dict[str, float]] = {}
        self._agreement_cache: dict[tuple[str, AnswerValue], dict[str, float | None]] = {}

    # --- scoring -------------------------------------------------------------------------------------

    def _tie_index(self, career: str) -> int:
        return self._tie.get(career, len(self._tie))

    def agreement(self, rule: Rule, career: str, value: AnswerValue) -> float | None:
        """How well the career fits this answer under this rule, in [-1, 1]; None when the sources are silent."""
        seen = self.observations[(rule.id, career)]
        if not seen.known:
            return None
        if rule.kind == "threshold":
            assert seen.quantity is not None
            answer = int(value)
            fits = seen.quantity <= answer if rule.satisfied_when == "quantity_at_most_answer" \
                else seen.quantity >= answer
            return 1.0 if fits else -1.0
        row = rule.agreement.get(str(value), {})
        marks = [row.get(v, rule.default) for v in seen.values]
        return sum(marks) / len(marks)

    def agreements(self, rule: Rule, value: AnswerValue) -> dict[str, float | None]:
        """`agreement` for every career at once, cached per rule and answer."""
        key = (rule.id, value)
        cached = self._agreement_cache.get(key)
        if cached is None:
            cached = {career: self.agreement(rule, career, value) for career in self.careers}
            if len(self._agreement_cache) < 10_000:
                self._agreement_cache[key] = cached
        return cached

    def gain(self, question: str, value: AnswerValue, career: str) -> float:
        """One career's weighted credit for one answer (uncached: for a few careers at a time)."""
        total = 0.0
        for rule in self.rulebook.rules_for(question):
            a = self.agreement(rule, career, value)
            total += rule.weight * ((0.0 if a is None else a) + 1) / 2
        return total

    def gains(self, question: str, value: AnswerValue) -> dict[str, float]:
        """Each career's weighted credit for one answer: sum over the question's rules of weight*(a+1)/2."""
        key = (question, value)
        cached = self._gain_cache.get(key)
        if cached is None:
            cached = dict.fromkeys(self.careers, 0.0)
            for rule in self.rulebook.rules_for(question):
                for career, a in self.agreements(rule, value).items():
                    cached[career] += rule.weight * ((0.0 if a is None else a) + 1) / 2
            if len(self._gain_cache) < 10_000:
                self._gain_cache[key] = cached
        return cached

    def question_weight(self, question: str) -> float:
        return sum(r.weight for r in self.rulebook.rules_for(question))

    def totals(self, answers: Answers) -> dict[str, float]:
        """Every career's summed credit over the answered questions (the numerator of its score)."""
        totals = dict.fromkeys(self.careers, 0.0)
        for question, value in answers.items():
            for career, gain in self.gains(question, value).items():
                totals[career] += gain
        return totals

    def rank_key(self, totals: dict[str, float]):
        """Sort key for careers, best first; exact ties fall back to rules.toml's tie_order."""
        tie = self._tie
        default = len(tie)
        return lambda c: (-round(totals[c], 9), tie.get(c, default))

    def order(self, totals: dict[str, float]) -> list[str]:
        """Careers best first."""
        return sorted(self.careers, key=self.rank_key(totals))

    def leader(self, totals: dict[str, float]) -> str:
        """The best career (the first of `order`, without sorting them all)."""
        return min(self.careers, key=self.rank_key(totals))

    def scores(self, answers: Answers, totals: dict[str, float] | None = None) -> dict[str, int]:
        weight = sum(self.question_weight(q) for q in answers)
        totals = totals if totals is not None else self.totals(answers)
        if weight <= 0:
            return dict.fromkeys(self.careers, 50)
        return {c: max(0, min(100, round(100 * totals[c] / weight))) for c in self.careers}

    def top(self, answers: Answers) -> str:
        return self.leader(self.totals(answers))

    # --- explaining ----------------------------------------------------------------------------------

    def citations(self, career: str, facts: tuple[FactBase, ...]) -> list[Citation]:
        return [self.kb.citation(career, f) for f in facts]

    def _template_for(self, rule: Rule, career: str, value: AnswerValue) -> tuple[str, str, float | None]:
        a = self.agreements(rule, value)[career]
        if a is None:
            return "neutral", "unknown_text", a
        if a > STRONG:
            return "for", "for_text", a
        if a < -STRONG:
            return "against", "against_text", a
        return "neutral", "neutral_text", a

    def _variables(self, rule: Rule, career: str, value: AnswerValue, answer: str) -> dict[str, object]:
        seen = self.observations[(rule.id, career)]
        name = self.kb.careers[career].name
        phrases = LEVEL_PHRASES.get(rule.attribute or "", {})
        distinct = list(dict.fromkeys(phrases.get(v, v) for v in seen.values))
        levels = distinct[0] if distinct else ""
        if len(distinct) > 1:
            levels += " (though another source says: " + "; ".join(distinct[1:]) + ")"
        first = seen.facts[0] if seen.facts else None
        return dict(career=name, careers=plural(name), answer=answer,
                    value=seen.quantity if rule.kind == "threshold" and seen.quantity is not None else value,
                    levels=levels, fact=first.summary() if first else "",
                    year=(first.year if first else None) or "undated", spread=seen.spread)

    def reason_text(self, rule: Rule, career: str, value: AnswerValue, template: str) -> str:
        """The reason in words: from the precomputed texts when possible, else rendered by jinja2."""
        answer = self.rulebook.question(rule.question).label(value)
        if rule.kind == "threshold":
            known = self.texts.get(f"{rule.id}|{career}|{template}")
            if known is not None:
                return known.replace(SENTINEL, answer)
        else:
            known = self.texts.get(f"{rule.id}|{career}|{template}|{value}")
            if known is not None:
                return known
        return self.rulebook.render(rule.id, template, **self._variables(rule, career, value, answer))

    def reason(self, rule: Rule, career: str, value: AnswerValue) -> Reason:
        """One rule's effect on one career, in plain words with its citations."""
        direction, template, a = self._template_for(rule, career, value)
        seen = self.observations[(rule.id, career)]
        return Reason.model_construct(
            question=rule.question, direction=direction, text=self.reason_text(rule, career, value, template),
            rule=rule.id, points=round(rule.weight * (a or 0.0), 3), citations=self.citations(career, seen.facts))

    def precompute_texts(self) -> dict[str, str]:
        """Every reason text that does not depend on a free number, and sentinel forms of those that do.

        A threshold text is kept in sentinel form only if rendering it with two different answers gives the
        same text once the answers are put back, i.e. the template only interpolates the answer.
        """
        texts: dict[str, str] = {}
        for rule in self.rulebook.rules:
            question = self.rulebook.question(rule.question)
            for career in self.careers:
                if rule.kind == "threshold":
                    for template in ("for_text", "against_text", "unknown_text"):
                        first = self.rulebook.render(rule.id, template, **self._variables(rule, career, 0, SENTINEL))
                        second = self.rulebook.render(rule.id, template, **self._variables(rule, career, 0, OTHER))
                        if first.replace(SENTINEL, "|") == second.replace(OTHER, "|"):
                            texts[f"{rule.id}|{career}|{template}"] = first
                    continue
                for option in question.options:
                    _, template, _ = self._template_for(rule, career, option.value)
                    texts[f"{rule.id}|{career}|{template}|{option.value}"] = self.rulebook.render(
                        rule.id, template, **self._variables(rule, career, option.value, option.label))
        return texts

    def reasons(self, career: str, answers: Answers) -> list[Reason]:
        """HOW: the trace of every rule that fired for this career, in question order."""
        found = []
        for question in self.questions:
            if question.id in answers:
                found += [self.reason(r, career, answers[question.id]) for r in self.rulebook.rules_for(question.id)]
        return found

    def mismatching(self, question: str, value: AnswerValue) -> frozenset[str]:
        """The careers that do not satisfy this answer (some rule's agreement at or below its mismatch_at)."""
        cache = self.__dict__.setdefault("_mismatch_cache", {})
        key = (question, value)
        found = cache.get(key)
        if found is None:
            careers: set[str] = set()
            for rule in self.rulebook.rules_for(question):
                careers.update(c for c, a in self.agreements(rule, value).items()
                               if a is not None and a <= rule.mismatch_at)
            found = frozenset(careers)
            if len(cache) < 10_000:
                cache[key] = found
        return found

    def mismatches(self, career: str, answers: Answers) -> list[str]:
        """The answered questions whose answer this career does not satisfy, judged from its cited facts."""
        return [q.id for q in self.questions if q.id in answers and career in self.mismatching(q.id, answers[q.id])]

    def caveats(self, career: str, answers: Answers) -> list[str]:
        found = []
        record = self.kb.careers[career]
        if record.thin:
            found.append(record.thin_note or "The sources say little about this career.")
        spread = pay_spread(self.kb, career)
        if spread:
            found.append(f"The sources disagree on median pay: {spread}. The most recent figure is used.")
        if "pay_min" in answers:
            found += self._pay_year_caveat(career)
        for disagreement in self.kb.disagreements:
            if disagreement.career == career and disagreement.topic in {"schedule", "patient contact"}:
                facts = [self.kb.fact(career, f) for f in disagreement.facts]
                versions = dict.fromkeys(f"{f.summary()} ({self.kb.sources[f.source].title})" for f in facts)
                found.append(f"The sources disagree on {disagreement.topic}: " + "; ".join(versions))
        return found

    def _pay_year_caveat(self, career: str) -> list[str]:
        """Pay is compared across careers by each one's most recent figure; say so when those are years apart."""
        latest = self.__dict__.setdefault("_latest_pay", {})
        if not latest:
            for other in self.careers:
                medians = headline_medians(self.kb, other)
                latest[other] = medians[0] if medians else None
            newest_year = max((fact.year for fact in latest.values() if fact and fact.year), default=None)
            self.__dict__["_newest_pay_year"] = newest_year
        newest = self.__dict__["_newest_pay_year"]
        fact = latest.get(career)
        name = plural(self.kb.careers[career].name)
        if fact is None or newest is None:
            return []
        if fact.year is None:
            return [f"The pay figure for {name} is undated in its source; other careers' figures date from as "
                    f"late as {newest}."]
        if newest - fact.year > PAY_YEARS_APART:
            return [f"The pay figure for {name} is from {fact.year}, {newest - fact.year} years older than the "
                    f"newest figure it is compared with ({newest}); wages change over time, so compare with care."]
        return []

    def recommend(self, answers: Answers, skipped: frozenset[str] = frozenset(), explain: int | None = None,
                  plan: bool = True) -> Result:
        """Every career, best first, with score and mismatches; reasons and caveats for the first `explain`
        careers (all by default); and, when `plan`, whether the result is settled and what to ask next."""
        answers = {q.id: answers[q.id] for q in self.questions if q.id in answers}
        totals = self.totals(answers)
        scores = self.scores(answers, totals)
        misfits: dict[str, list[str]] = {}
        for question, value in answers.items():
            for career in self.mismatching(question, value):
                misfits.setdefault(career, []).append(question)
        names = {career: record.name for career, record in self.kb.careers.items()}
        recommendations = []
        for rank, career in enumerate(self.order(totals), start=1):
            explained = explain is None or rank <= explain
            recommendations.append(trusted(Recommendation, dict(
                rank=rank, career=career, name=names[career], score=scores[career],
                mismatches=misfits.get(career, []),
                reasons=self.reasons(career, answers) if explained else [],
                caveats=self.caveats(career, answers) if explained else [])))
        stable, following = False, None
        if plan:
            from rules.stability import is_stable, next_question

            stable, following = is_stable(self, answers, skipped), next_question(self, answers, skipped)
        return Result.model_construct(answers=answers, recommendations=recommendations, stable=stable,
                                      next_question=following)


@cache
def builtin_engine() -> Engine:
    """The engine over the built-in knowledge base and rules, from a verified snapshot when one is current."""
    from rules.snapshot import load_engine

    return load_engine()
